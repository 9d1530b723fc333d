"""Tests of running checks: findings carry the check's id and severity; a broken check is a finding."""

from __future__ import annotations

from collections.abc import Iterator

from osallisuuden_palaset import Practice
from osallisuuden_palaset.assessing.checking import Check, CheckInput, fails, run_checks, worst
from osallisuuden_palaset.model.evaluation import Finding, Severity
from tests.assessing.builders import block, mini_thl


def _flag_every_step(given: CheckInput) -> Iterator[Finding]:
    for i, step in enumerate(given.practice.steps):
        yield given.finding(("steps", i), f"step {step.id}", "fix it")


def _boom(given: CheckInput) -> Iterator[Finding]:
    raise RuntimeError("kaboom")


PRACTICE = Practice(id="x", name="X", steps=[block("b"), block("a")])
EVERY = Check("every", "Joka", "Flags every step", _flag_every_step, Severity.INFO)
BOOM = Check("boom", "Pum", "Always fails", _boom)


def _locate(path: tuple[str | int, ...]) -> str:
    return f"x.yaml:{10 + int(path[1])}" if len(path) > 1 else "x.yaml:1"


def test_findings_get_check_id_severity_and_location() -> None:
    found = run_checks([EVERY], CheckInput(PRACTICE, mini_thl(), locate=_locate))
    assert [(f.check, f.severity, f.location, f.practice) for f in found] == [
        ("every", Severity.INFO, "x.yaml:10", "x"),
        ("every", Severity.INFO, "x.yaml:11", "x"),
    ]
    assert found[0].suggestion is not None
    assert found[0].suggestion.get() == "fix it"


def test_a_check_that_raises_becomes_an_error_finding_naming_it() -> None:
    found = run_checks([BOOM, EVERY], CheckInput(PRACTICE, None))
    assert found[0].check == "boom"
    assert found[0].severity is Severity.ERROR
    assert "kaboom" in found[0].message.get("en")
    assert "'boom'" in found[0].message.get("en")
    assert len(found) == 3  # the other check still ran


def test_fail_on_thresholds() -> None:
    found = run_checks([EVERY], CheckInput(PRACTICE, None))
    assert worst(found) is Severity.INFO
    assert fails(found, Severity.INFO)
    assert not fails(found, Severity.WARNING)
    assert worst(()) is None
