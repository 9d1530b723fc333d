"""Tests of running checks: findings carry the check's id and severity; a broken check is a finding."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pytest

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


def _garbage(given: CheckInput) -> list[object]:
    return [given.finding(("steps", 0), "oikea"), "ei löydös", None]


def _exit(given: CheckInput) -> Iterator[Finding]:
    raise SystemExit(3)


def test_a_check_returning_non_findings_is_reported_by_name_and_the_others_still_run() -> None:
    """Non-findings once crashed every report with a traceback that named no check."""
    garbage = attrs.evolve(Check("roska", "Roska", "Palauttaa roskaa", _garbage), plugin="roskat")  # type: ignore[arg-type]
    found = run_checks([garbage, EVERY], CheckInput(PRACTICE, None))
    errors = [f for f in found if f.severity is Severity.ERROR]
    assert [f.check for f in errors] == ["roska"]
    assert errors[0].message.get("en") == (
        "check 'roska' (plugin 'roskat') failed: 2 of its 3 results are not findings (Finding), "
        "e.g. the text 'ei löydös'"
    )
    assert errors[0].message.get("sv").startswith("kontrollen 'roska' (tillägg 'roskat') misslyckades: 2 av")
    assert [f.message.get() for f in found if f.check == "roska" and f.severity is not Severity.ERROR] == [
        "oikea"
    ]
    assert sum(f.check == "every" for f in found) == 2


@pytest.mark.parametrize("returned", [None, 3, "löydös"], ids=["none", "number", "text"])
def test_a_check_returning_no_list_of_findings_is_reported(returned: object) -> None:
    check = Check("outo", "Outo", "Palauttaa jotain muuta", lambda given: returned)  # type: ignore[arg-type,return-value]
    (finding,) = run_checks([check], CheckInput(PRACTICE, None))
    assert finding.severity is Severity.ERROR
    assert finding.message.get("en").startswith("check 'outo' failed: it returned ")
    assert finding.message.get("en").endswith(", not a list of findings")


def test_a_check_raising_system_exit_is_reported_and_the_others_still_run() -> None:
    found = run_checks([Check("poistu", "Poistu", "Lopettaa", _exit), EVERY], CheckInput(PRACTICE, None))
    assert found[0].check == "poistu"
    assert "SystemExit: 3 (plugin code must raise an exception, not exit the program)" in found[
        0
    ].message.get("en")
    assert sum(f.check == "every" for f in found) == 2


def test_a_check_severity_is_coerced_from_its_value_and_checked() -> None:
    assert Check("c", "C", "D", _boom, "info").severity is Severity.INFO
    with pytest.raises(ValueError, match="'fatal' is not one of: info, warning, error"):
        Check("c", "C", "D", _boom, "fatal")
    with pytest.raises(TypeError, match=r"Check\.run must be a function"):
        Check("c", "C", "D", "run")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a valid id"):
        Check("Iso C", "C", "D", _boom)


def test_fail_on_thresholds() -> None:
    found = run_checks([EVERY], CheckInput(PRACTICE, None))
    assert worst(found) is Severity.INFO
    assert fails(found, Severity.INFO)
    assert not fails(found, Severity.WARNING)
    assert worst(()) is None
