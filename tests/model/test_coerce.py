"""Constructors validate: every model class and contribution checks types and enum values when built."""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
import types
import typing
from typing import Any, TypeGuard

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.assessing import checking
from osallisuuden_palaset.model import (
    block,
    evaluation,
    evidence,
    framework,
    practice,
    project,
    survey,
    target_group,
    waivers,
)
from osallisuuden_palaset.model.block import Block, GroupSize, Mapping, Modality, Participant, Role, Strength
from osallisuuden_palaset.model.coerce import describe, each, is_a, member, to_frozenset, to_tuple
from osallisuuden_palaset.model.evaluation import (
    Claim,
    Coverage,
    CriteriaSet,
    Criterion,
    CriterionRating,
    ElementCoverage,
    ElementKind,
    EvaluationAppendix,
    Finding,
    Level,
    QuestionStatus,
    Severity,
    Verdict,
)
from osallisuuden_palaset.model.flow import Flow
from osallisuuden_palaset.model.framework import (
    Dimension,
    Framework,
    Principle,
    Provenance,
    ProvenanceKind,
    Question,
    Source,
)
from osallisuuden_palaset.model.practice import (
    Answer,
    Description,
    DevelopmentPath,
    Include,
    Indicator,
    Outcome,
    Phase,
    Practice,
    Reuse,
)
from osallisuuden_palaset.model.project import Catalogue, Collection, Period, Project
from osallisuuden_palaset.model.survey import (
    Instrument,
    Item,
    MissingRule,
    Response,
    Scale,
    ScaleValue,
    Scoring,
    Threshold,
    Wave,
)
from osallisuuden_palaset.output import exporting

#: The modules whose every attrs class must check what it is given.
MODULES = (
    block,
    practice,
    framework,
    project,
    evaluation,
    survey,
    exporting,
    checking,
    evidence,
    waivers,
    target_group,
)
#: Fields that take anything of their kind on purpose (mappings and callables the host fills in).
UNCHECKED = {
    (exporting.ExportRequest, "frameworks"),
    (exporting.ExportRequest, "context"),
    (exporting.ExportRequest, "options"),
    (exporting.ExportRequest, "findings"),
    (exporting.ExportRequest, "surveys"),
    (exporting.SurveyResults, "report"),  # a ChangeReport or a ScoreReport, built by surveying.analysis
    (checking.CheckInput, "check"),  # filled in by run_check
}

SCALE = Scale([ScaleValue(1, "ei"), ScaleValue(2, "kyllä")])
VERDICT = Verdict(Level.TOUCHED, "yksi väite näyttöineen")
CLAIM = Claim("d1", "p", "s", "b", "B", Strength.WEAK, evidence="kirjattu")
ROW = ElementCoverage("d1", ElementKind.DIMENSION, "Osa-alue", "d1", [CLAIM], VERDICT)
COVERAGE = Coverage("practice", "p", "thl", [ROW])
PRACTICE = Practice(id="p", name="P", steps=[Block(id="s", name="S")])
THL = Framework(
    id="thl", name="THL", kind="categorical", source=Source("THL"), dimensions=[Dimension("d1", "Yksi")]
)
EXPORTER = exporting.Exporter("x", "X", ".txt", "text/plain", ["practice"], lambda request: b"")

#: One valid object of every checked class.
EXAMPLES: dict[type[Any], Any] = {
    o.__class__: o
    for o in (
        Participant("nuoret", Role.PARTICIPANT),
        GroupSize(2, 8),
        Mapping("d1", Strength.STRONG, framework="thl"),
        Block(id="b", name="B", participants=[Participant("x", Role.PEER)], modality=Modality.REMOTE),
        Reuse(id="r", reuse="luettelo/kortit"),
        Include(id="i", include="toinen"),
        Phase(id="vaihe", name="Vaihe", steps=["s"]),
        Indicator("mittari", source="esis"),
        Outcome(id="o", description="Muutos", indicators=[Indicator("mittari")]),
        Answer("q1", steps=["s"], framework="thl"),
        Description(authors=["A"], created=dt.date(2024, 1, 1), attachments=["liite.pdf"]),
        DevelopmentPath(needs="Tarve"),
        practice.Variant("koulussa", "ryhmä on luokka"),
        practice.Resource("kuvat", steps=["s"]),
        evidence.Evidence("palaute", evidence.EvidenceKind.PARTICIPANT_FEEDBACK, url="https://x.fi"),
        waivers.Waiver("participant-voice", "vain henkilöstö"),
        target_group.AgeRange(16, 29),
        target_group.TargetGroup("nuoret", target_group.AgeRange(16, 29), ["palvelujen ulkopuolella"]),
        Practice(
            id="p",
            name="P",
            steps=[Block(id="s", name="S")],
            keywords=["nuoret"],
            resources=[practice.Resource("kuvat", steps=["s"])],
        ),
        Source("THL", url="https://thl.fi", year=2021),
        Provenance(ProvenanceKind.PARAPHRASE, source="THL", number=1),
        Dimension("d1", "Yksi"),
        Principle("p1", "d1", "Periaate"),
        Question("q1", "Kysymys?", Provenance(ProvenanceKind.WRITTEN), dimension="d1"),
        THL,
        Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        Project(id="h", name="H", code="K1", partners=["Kumppani"], practices=[PRACTICE]),
        Catalogue(id="luettelo", name="L", blocks=[Block(id="kortit", name="Kortit")]),
        Collection(id="c", name="C", practices=[PRACTICE]),
        Finding("chk", Severity.INFO, "viesti", location="p.yaml:1", path=("steps", 0), practice="p"),
        CLAIM,
        VERDICT,
        ROW,
        COVERAGE,
        Criterion("k1", "Kriteeri", "Kysymys?", rule="target_group"),
        CriteriaSet("ks", "Kriteerit", [Criterion("k1", "Kriteeri", "Kysymys?")]),
        CriterionRating("k1", "Kriteeri", None, "arvioi itse"),
        QuestionStatus("q1", "Kysymys?", "missing", steps=["s"]),
        EvaluationAppendix("p", "P", "thl", "THL", COVERAGE, findings=[Finding("c", "info", "m")]),
        SCALE,
        ScaleValue(1, "ei"),
        Item("a", "Osio", reverse=True),
        Scoring("mean", 0, 4, 2),
        MissingRule(1),
        Threshold("matala", "Matala", 1.5),
        Instrument(id="m", name="M", items=[Item("a", "Osio")], scale=SCALE, missing=MissingRule(1)),
        Response("r1", {"a": 1}, wave=Wave.START, date=dt.date(2024, 1, 1), origin="x.csv:2"),
        exporting.ExportOption("mode", "Tila", default="a", choices=("a", "b")),
        EXPORTER,
        exporting.ExportRequest(PRACTICE),
        exporting.SurveyResults(COVERAGE, chart_file="kaavio.svg"),  # type: ignore[arg-type]  # unchecked
        checking.Check("c", "C", "Kuvaus", lambda given: ()),
        checking.CheckInput(PRACTICE, THL),
    )
}


def _classes() -> list[type[Any]]:
    return [
        cls
        for module in MODULES
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if attrs.has(cls) and cls.__module__ == module.__name__
    ]


def _fields() -> list[tuple[type[Any], str]]:
    return [
        (cls, f.name)
        for cls in _classes()
        for f in attrs.fields(cls)
        if (cls, f.name) not in UNCHECKED and f.init
    ]


def _rebuild(obj: Any, **changes: Any) -> Any:
    return attrs.evolve(obj, **changes)


def test_every_checked_class_has_an_example() -> None:
    assert set(_classes()) == set(EXAMPLES)


@pytest.mark.parametrize(("cls", "name"), _fields(), ids=lambda v: v if isinstance(v, str) else v.__name__)
def test_every_field_refuses_a_value_of_no_kind_it_takes(cls: type[Any], name: str) -> None:
    """``object()`` is no text, number, date, enum value, list, model object or function."""
    with pytest.raises((TypeError, ValueError)):
        _rebuild(EXAMPLES[cls], **{name: object()})


def _converter(cls: type[Any], name: str) -> object:
    return attrs.fields_dict(cls)[name].converter


def _enum_fields() -> list[tuple[type[Any], str, type[enum.Enum]]]:
    """The fields whose converter returns an enum (``to_role`` and the like)."""
    out = []
    for cls, name in _fields():
        converter = _converter(cls, name)
        hints: dict[str, Any] = (
            typing.get_type_hints(converter) if isinstance(converter, types.FunctionType) else {}
        )
        returned = hints.get("return")
        kinds = [t for t in getattr(returned, "__args__", (returned,)) if _is_enum(t)]
        if kinds:
            out.append((cls, name, kinds[0]))
    return out


def _is_enum(value: object) -> TypeGuard[type[enum.Enum]]:
    return isinstance(value, type) and issubclass(value, enum.Enum)


def test_the_enum_fields_are_found() -> None:
    found = {(c.__name__, n) for c, n, _ in _enum_fields()}
    assert {("Participant", "role"), ("Block", "kind"), ("Check", "severity"), ("Response", "wave")} <= found


@pytest.mark.parametrize(
    ("cls", "name", "kind"), _enum_fields(), ids=lambda v: v if isinstance(v, str) else v.__name__
)
def test_an_enum_field_takes_each_value_as_its_member_and_names_them_all_for_a_wrong_one(
    cls: type[Any], name: str, kind: type[enum.Enum]
) -> None:
    example = EXAMPLES[cls]
    for m in kind:
        try:
            rebuilt = _rebuild(example, **{name: m.value})
        except (ValueError, TypeError):  # the value is fine, but breaks another invariant of the example
            continue
        assert getattr(rebuilt, name) is m
    with pytest.raises(ValueError, match="is not one of: " + ", ".join(str(m.value) for m in kind)):
        _rebuild(example, **{name: "bogus"})


def _tuple_fields() -> list[tuple[type[Any], str]]:
    return [(c, n) for c, n in _fields() if _converter(c, n) in (to_tuple, to_frozenset)]


@pytest.mark.parametrize(
    ("cls", "name"), _tuple_fields(), ids=lambda v: v if isinstance(v, str) else v.__name__
)
def test_a_list_field_given_one_text_is_refused_naming_the_field(cls: type[Any], name: str) -> None:
    """A text is iterable: it once became a tuple (or a set) of its letters."""
    with pytest.raises(TypeError, match=rf"{cls.__name__}\.{name} must be a list"):
        _rebuild(EXAMPLES[cls], **{name: "practice"})


def test_participant_with_a_bogus_role_is_refused_naming_the_roles() -> None:
    """Participant("x", "bogus") was accepted and failed much later with KeyError: 'str'."""
    with pytest.raises(
        ValueError, match=r"'bogus' is not one of: target, informed, consulted, participant, "
    ):
        Participant("x", "bogus")


def test_participant_role_given_as_its_value_becomes_the_role() -> None:
    participant = Participant("x", "participant")
    assert participant.role is Role.PARTICIPANT
    assert participant.role.gives_voice


WRONG = [
    (
        "bool-for-int",
        lambda: GroupSize(True, None),
        r"GroupSize\.min must be a whole number or None, not true",
    ),
    ("text-for-int", lambda: GroupSize("3", None), r"GroupSize\.min must be .* not the text '3'"),  # type: ignore[arg-type]
    (
        "text-in-list",
        lambda: Block(id="b", name="B", participants=["x"]),
        r"Block\.participants\[0\] must be",
    ),
    (
        "flow-for-step",
        lambda: Practice(id="p", name="P", steps=[Flow("a", "b")]),
        r"Practice\.steps\[0\] must",
    ),
    ("none-for-text", lambda: Source(title=None), r"Source\.title must be a text, not nothing"),  # type: ignore[arg-type]
    ("text-for-date", lambda: Period(start="2020-01-01"), "expected a date"),  # type: ignore[arg-type]
    ("text-for-float", lambda: Scoring(low="0"), r"Scoring\.low must be a number"),  # type: ignore[arg-type]
    (
        "int-for-bool",
        lambda: Item("a", "A", reverse=1),  # type: ignore[arg-type]
        r"Item\.reverse must be true or false, not the number 1",
    ),
    ("text-answer", lambda: Response("r", {"a": "3"}), r"Response\.answers\['a'\] must be a whole number"),  # type: ignore[arg-type]
    ("int-for-text", lambda: Response(5), r"Response\.respondent must be a text"),  # type: ignore[arg-type]
    (
        "one-partner",
        lambda: Project(id="h", name="H", partners="Kumppani"),
        r"Project\.partners must be a list",
    ),
    (
        "status",
        lambda: QuestionStatus("q", "Q?", "valmis"),
        r"QuestionStatus\.status 'valmis' is not one of: open",
    ),
    ("int-for-ref", lambda: Reuse(id="r", reuse=5), r"Reuse\.reuse must be a text"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("build", "message"), [w[1:] for w in WRONG], ids=[w[0] for w in WRONG])
def test_a_wrong_value_is_refused_when_built_with_a_clear_message(build: Any, message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=message):
        build()


@given(st.one_of(st.integers(), st.floats(), st.booleans(), st.none(), st.binary(), st.lists(st.integers())))
def test_member_refuses_anything_but_a_value_of_the_enum(value: Any) -> None:
    with pytest.raises(ValueError, match="is not one of: weak, moderate, strong"):
        member(Strength, value)


@given(st.sampled_from(list(Role)))
def test_member_takes_a_member_and_its_value_alike(role: Role) -> None:
    assert member(Role, role) is role
    assert member(Role, str(role.value)) is role


@given(st.lists(st.text(max_size=3), max_size=4))
def test_each_accepts_exactly_the_tuples_of_its_kind(values: list[str]) -> None:
    check = each(str)
    field = attrs.fields(Phase).steps
    check(None, field, to_tuple(values))
    with pytest.raises(TypeError, match=r"steps\[\d+\] must be a text, not the number 1"):
        check(None, field, (*values, 1))


@given(st.one_of(st.booleans(), st.text(max_size=3), st.floats(allow_nan=False), st.none()))
def test_a_whole_number_field_takes_no_bool_text_or_float(value: Any) -> None:
    field = attrs.fields(ScaleValue).value
    with pytest.raises(TypeError, match=re.escape(f"value must be a whole number, not {describe(value)}")):
        is_a(int)(None, field, value)
