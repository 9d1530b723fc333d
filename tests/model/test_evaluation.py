"""Tests of the evaluation model: severities, levels, coverage summaries and criteria sets."""

from __future__ import annotations

import pytest

from osallisuuden_palaset import Strength
from osallisuuden_palaset.model.evaluation import (
    Claim,
    Coverage,
    CriteriaSet,
    Criterion,
    ElementCoverage,
    ElementKind,
    Finding,
    Level,
    Severity,
    Verdict,
)


def test_severities_and_levels_are_ordered() -> None:
    assert [s.rank for s in (Severity.INFO, Severity.WARNING, Severity.ERROR)] == [0, 1, 2]
    assert [lv.rank for lv in (Level.NOT_CLAIMED, Level.UNSUPPORTED, Level.TOUCHED, Level.COVERED)] == [
        0,
        1,
        2,
        3,
    ]


def test_finding_accepts_plain_strings_as_finnish_text() -> None:
    f = Finding("c", Severity.WARNING, "viesti", suggestion="tee näin")
    assert f.message.get("en") == "viesti"
    assert f.suggestion is not None
    assert f.suggestion.get() == "tee näin"


def _claim(element: str, evidence: str | None, path: tuple[str | int, ...]) -> Claim:
    return Claim(element, "x", "s", "b", "B", Strength.WEAK, evidence, path=path)


def test_coverage_summaries() -> None:
    bare = _claim("p1", None, ("steps", 0, "mappings", 0))
    shown = _claim("p2", "seen", ("steps", 0, "mappings", 1))
    rows = [
        ElementCoverage("d1", ElementKind.DIMENSION, "D1", "d1", [bare, shown], Verdict(Level.TOUCHED, "r")),
    ]
    principles = [
        ElementCoverage("p1", ElementKind.PRINCIPLE, "P1", "d1", [bare], Verdict(Level.UNSUPPORTED, "r")),
        ElementCoverage("p2", ElementKind.PRINCIPLE, "P2", "d1", [shown], Verdict(Level.TOUCHED, "r")),
        ElementCoverage("p3", ElementKind.PRINCIPLE, "P3", "d1", [], Verdict(Level.NOT_CLAIMED, "r")),
    ]
    cov = Coverage("practice", "x", "thl", rows, principles)
    assert cov.unclaimed_principles == ("p3",)
    assert cov.claims_without_evidence == (bare,)  # counted once, though d1 repeats it
    assert cov.element("p2").strongest is Strength.WEAK
    assert cov.element("p3").strongest is None
    with pytest.raises(KeyError):
        cov.element("p9")


def test_criteria_set_rejects_duplicate_criteria() -> None:
    c = Criterion(id="a", name="A", question="Q?")
    with pytest.raises(ValueError, match="duplicate"):
        CriteriaSet(id="s", name="S", criteria=[c, c])
