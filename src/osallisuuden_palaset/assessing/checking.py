"""Checks: what a check declares, what it gets, and running many so that none can crash the run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

from osallisuuden_palaset.errors import Path
from osallisuuden_palaset.model.evaluation import Finding, Severity
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text, optional_text, text

#: Turns a path inside the practice document into "FILE:LINE", or None when unknown.
Locator = Callable[[Path], "str | None"]


def no_location(path: Path) -> str | None:
    """The locator for practices that did not come from a file."""
    return None


@attrs.frozen
class CheckInput:
    """Everything one check gets: the practice, its framework, what references resolve to."""

    practice: Practice
    #: The framework being assessed against; None when the practice's framework is not known.
    framework: Framework | None
    context: Context = attrs.field(factory=Context)
    locate: Locator = no_location
    #: The project the practice belongs to, when known.
    project: Project | None = None
    #: The check being run (filled in by :func:`run_checks`); gives findings their id and severity.
    check: Check | None = None

    def finding(
        self,
        path: Path,
        message: str | Text,
        suggestion: str | Text | None = None,
        *,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of the running check at ``path``, located through the locator."""
        check_id = self.check.id if self.check else "?"
        default = self.check.severity if self.check else Severity.WARNING
        return Finding(
            check=check_id,
            severity=severity or default,
            message=text(message),
            location=self.locate(path),
            path=path,
            suggestion=optional_text(suggestion),
            practice=self.practice.id,
        )


@attrs.frozen
class Check:
    """An assessment check, registered through the ``register_checks`` hook."""

    id: str
    name: Text = attrs.field(converter=text)
    description: Text = attrs.field(converter=text)
    run: Callable[[CheckInput], Iterable[Finding]]
    #: The severity of the check's findings unless the check says otherwise per finding.
    severity: Severity = Severity.WARNING


def run_check(check: Check, given: CheckInput) -> tuple[Finding, ...]:
    """Run one check; if it raises, the result is one error finding naming the check."""
    try:
        return tuple(check.run(attrs.evolve(given, check=check)))
    except Exception as error:  # a broken check must not stop the assessment
        return (
            Finding(
                check=check.id,
                severity=Severity.ERROR,
                message=Text(
                    fi=f"tarkistus {check.id!r} kaatui: {type(error).__name__}: {error}",
                    en=f"check {check.id!r} failed: {type(error).__name__}: {error}",
                    sv=f"kontrollen {check.id!r} misslyckades: {type(error).__name__}: {error}",
                ),
                location=None,
                path=(),
                suggestion=Text(
                    fi="tarkistuksen tekijä: korjaa tarkistus tai poista se käytöstä",
                    en="report this to the check's author, or disable the check",
                    sv="meddela kontrollens författare eller stäng av kontrollen",
                ),
                practice=given.practice.id,
            ),
        )


def run_checks(checks: Iterable[Check], given: CheckInput) -> tuple[Finding, ...]:
    """Run every check on one practice; findings sorted by severity (worst first), then place."""
    found = [f for check in checks for f in run_check(check, given)]
    return sort_findings(found)


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Worst first, then by practice, location and check, so output is deterministic."""
    return tuple(
        sorted(
            findings,
            key=lambda f: (
                -f.severity.rank,
                f.practice or "",
                _path_key(f.path),
                f.check,
                f.message.get("en"),
            ),
        )
    )


def _path_key(path: Path) -> tuple[tuple[int, str], ...]:
    return tuple((0, f"{p:09d}") if isinstance(p, int) else (1, p) for p in path)


def worst(findings: Sequence[Finding]) -> Severity | None:
    """The most serious severity among ``findings``, or None when there are none."""
    return max((f.severity for f in findings), key=lambda s: s.rank, default=None)


def fails(findings: Iterable[Finding], threshold: Severity) -> bool:
    """Whether a finding at or above ``threshold`` exists (for ``--fail-on``)."""
    return any(f.severity.rank >= threshold.rank for f in findings)
