"""Tests of criteria sets: the built-in Innokylä meter and the rules that rate it."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset import (
    Answer,
    Description,
    DevelopmentPath,
    Indicator,
    Outcome,
    Practice,
    Project,
    Role,
)
from osallisuuden_palaset.assessing.coverage import practice_coverage
from osallisuuden_palaset.assessing.criteria import (
    RULES,
    RuleInput,
    builtin_criteria,
    load_criteria,
    parse_criteria,
    rate,
)
from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.model.evaluation import Rating
from osallisuuden_palaset.model.references import Context
from tests.assessing.builders import block, claim, mini_thl


def _input(practice: Practice, project: Project | None = None) -> RuleInput:
    fw = mini_thl(1)
    ctx = Context.build([fw], practices=[practice])
    return RuleInput(practice, fw, practice_coverage(practice, fw, ctx), ctx, project)


FULL = Practice(
    id="full",
    name="Full",
    summary="S",
    steps=[
        block("a", claim("p1", "strong"), claim("p5", "strong"), roles=(Role.CO_DEVELOPER,)),
        block("b", claim("d3", "strong")),
    ],
    outcomes=[Outcome(id="o", description="O", indicators=[Indicator(description="I")])],
    answers=[Answer(question="q1", text="A")],
    description=Description(basic_idea="B", target_group="T", implementation="I"),
    development=DevelopmentPath(co_development="C", evaluation="E", measuring_change="M"),
)
EMPTY = Practice(id="empty", name="Empty", steps=[block("a", roles=(Role.TARGET,))])


def test_builtin_meter_is_bilingual_data_naming_known_rules() -> None:
    meter = builtin_criteria()
    assert meter.id == "innokyla"
    assert len(meter.criteria) == 10
    for c in meter.criteria:
        assert c.rule in RULES
        assert c.name.has("fi")
        assert c.name.has("en")
        assert c.question.has("fi")
        assert c.question.has("en")
    assert {c.rule for c in meter.criteria} == set(RULES)


def test_a_complete_practice_is_green_everywhere() -> None:
    ratings = rate(builtin_criteria(), _input(FULL))
    assert {r.criterion: r.rating for r in ratings} == {
        c.id: Rating.GREEN for c in builtin_criteria().criteria
    }


def test_an_empty_practice_is_red_everywhere() -> None:
    ratings = rate(builtin_criteria(), _input(EMPTY))
    assert all(r.rating is Rating.RED for r in ratings), [(r.criterion, r.rating) for r in ratings]
    assert all(r.reason.has("fi") and r.reason.has("en") for r in ratings)


def test_yellow_cases() -> None:
    half = Practice(
        id="half",
        name="Half",
        summary="S",
        steps=[block("a", claim("p1", "weak")), block("b", claim("p2", evidence=None), roles=(Role.TARGET,))],
    )
    rated = {
        r.criterion: r
        for r in rate(builtin_criteria(), _input(half, Project(id="h", name="H", target_group="T")))
    }
    for ident in ("kuvaus", "kohderyhma", "osallistujan-aani", "naytto"):
        assert rated[ident].rating is Rating.YELLOW, ident
    assert "1 of 2" in rated["osallistujan-aani"].reason.get("en")


def test_unknown_or_missing_rule_is_left_for_a_person() -> None:
    meter = parse_criteria(
        """
criteria_set:
  id: oma
  name: Oma
  criteria:
    - {id: a, name: A, question: Q?, rule: nonsense}
    - {id: b, name: B, question: Q?}
"""
    )
    ratings = rate(meter, _input(FULL))
    assert [r.rating for r in ratings] == [None, None]
    assert "nonsense" in ratings[0].reason.get("en")


def _problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        parse_criteria(text, name="oma.yaml")
    return [str(p) for p in caught.value.problems]


def test_bad_criteria_files_are_load_errors_at_file_line_col() -> None:
    assert _problems("foo: 1") == [
        "oma.yaml:1:1: the file has no 'criteria_set:' key"
        " (hint: a criteria file starts with 'criteria_set:')"
    ]
    assert _problems(
        "criteria_set: {id: x, name: X, criteria: [{id: a, name: A, question: Q},"
        " {id: a, name: A, question: Q}]}"
    ) == ["oma.yaml:1:15: criteria set 'x' has duplicate criterion ids: a"]


def test_a_yaml_syntax_error_is_located() -> None:
    (problem,) = _problems("criteria_set:\n  id: x\n  name: [unclosed\n")
    assert problem.startswith("oma.yaml:4:1: YAML syntax error")


def test_a_wrong_type_is_located_at_its_value() -> None:
    assert _problems("criteria_set:\n  id: x\n  name: X\n  criteria: 5\n") == [
        "oma.yaml:4:13: expected a list, not the number 5 (hint: write each item on its own '- ' line)"
    ]


def test_an_unknown_key_is_located_at_the_key_with_the_nearest_name() -> None:
    text = "criteria_set:\n  id: x\n  name: X\n  criteria:\n    - {id: a, name: A, question: Q, rul: r}\n"
    assert _problems(text) == ["oma.yaml:5:37: unknown key 'rul' in criterion (hint: did you mean 'rule'?)"]
    assert _problems("criteria_sett: 1\ncriteria_set: {id: x, name: X, criteria: []}\n") == [
        "oma.yaml:1:1: unknown top-level key 'criteria_sett' (hint: did you mean 'criteria_set'?)"
    ]


def test_a_missing_key_is_located_at_its_map() -> None:
    assert _problems("criteria_set:\n  id: x\n  criteria: []\n") == [
        "oma.yaml:2:3: missing required field 'name' in criteria set (hint: add 'name:' to this map)"
    ]


def test_load_criteria_reads_a_file_and_locates_its_problems(tmp_path: Path) -> None:
    good = tmp_path / "oma.yaml"
    good.write_text("criteria_set:\n  id: oma\n  name: Oma\n  criteria: [{id: a, name: A, question: Q}]\n")
    assert load_criteria(good).id == "oma"
    bad = tmp_path / "bad.json"
    bad.write_text('{"criteria_set": {"id": "oma", "name": "Oma", "criteria": [], "extra": 1}}')
    with pytest.raises(LoadError) as caught:
        load_criteria(bad)
    assert [str(p).split(" (hint")[0] for p in caught.value.problems] == [
        f"{bad}:1:63: unknown key 'extra' in criteria set"
    ]
    with pytest.raises(LoadError, match="no such file"):
        load_criteria(tmp_path / "missing.yaml")
