"""Tests of criteria sets: the built-in Innokylä meter and the rules that rate it."""

from __future__ import annotations

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
    UsageError,
)
from osallisuuden_palaset.assessing.coverage import practice_coverage
from osallisuuden_palaset.assessing.criteria import RULES, RuleInput, builtin_criteria, parse_criteria, rate
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


def test_bad_criteria_files_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="criteria_set"):
        parse_criteria("foo: 1")
    with pytest.raises(UsageError, match="duplicate"):
        parse_criteria(
            "criteria_set: {id: x, name: X, criteria: [{id: a, name: A, question: Q},"
            " {id: a, name: A, question: Q}]}"
        )
