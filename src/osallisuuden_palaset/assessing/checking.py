"""Checks: what a check declares, what it gets, and running many so that none can crash the run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

from osallisuuden_palaset.errors import ModelPath, did_you_mean
from osallisuuden_palaset.isolating import PluginCall, describe_error
from osallisuuden_palaset.messages.catalogue import as_text, as_text_n, msg
from osallisuuden_palaset.model.coerce import describe, is_a, is_callable
from osallisuuden_palaset.model.evaluation import Finding, Severity, to_severity
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.ids import check_id
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text, optional_text, text
from osallisuuden_palaset.model.waivers import waiver_for

#: Turns a path inside the practice document into "FILE:LINE", or None when unknown.
Locator = Callable[[ModelPath], "str | None"]


def no_location(path: ModelPath) -> str | None:
    """The locator for practices that did not come from a file."""
    return None


@attrs.frozen
class CheckInput:
    """Everything one check gets: the practice, its framework, what references resolve to."""

    practice: Practice = attrs.field(validator=is_a(Practice))
    #: The framework being assessed against; None when the practice's framework is not known.
    framework: Framework | None = attrs.field(validator=is_a(Framework, optional=True))
    context: Context = attrs.field(factory=Context, validator=is_a(Context))
    locate: Locator = attrs.field(default=no_location, validator=is_callable)
    #: The project the practice belongs to, when known.
    project: Project | None = attrs.field(default=None, validator=is_a(Project, optional=True))
    #: The check being run (filled in by :func:`run_checks`); gives findings their id and severity.
    check: Check | None = None

    def finding(
        self,
        path: ModelPath,
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

    #: The check's id, which ``--check`` and ``--skip-check`` name.
    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    description: Text = attrs.field(converter=text)
    run: Callable[[CheckInput], Iterable[Finding]] = attrs.field(validator=is_callable)
    #: The severity of the check's findings unless the check says otherwise per finding.
    severity: Severity = attrs.field(default=Severity.WARNING, converter=to_severity)
    #: The plugin that registered the check (filled in by the registry); named when it fails.
    plugin: str | None = attrs.field(default=None, eq=False, kw_only=True, validator=is_a(str, optional=True))


def run_check(check: Check, given: CheckInput) -> tuple[Finding, ...]:
    """Run one check; if it raises (anything but a real Ctrl-C) or returns anything but findings,
    the result is one error finding naming the check and its plugin, after its good findings."""
    who = (
        msg("'{check}' (plugin '{plugin}')", check=check.id, plugin=check.plugin)
        if check.plugin
        else f"'{check.id}'"
    )
    try:
        with PluginCall(msg("while check {who} ran", who=who)):
            found = check.run(attrs.evolve(given, check=check))
            results = tuple(found) if isinstance(found, Iterable) and not isinstance(found, str) else None
    except Exception as error:  # a broken check must not stop the assessment
        raised = describe_error(error)
        return (_check_failed(check, who, Text(fi=raised, en=raised, sv=raised), given),)
    if results is None:
        problem = as_text("it returned {what}, not a list of findings", what=describe(found))
        return (_check_failed(check, who, problem, given),)
    findings = tuple(waived(f, given.practice) for f in results if isinstance(f, Finding))
    if len(findings) == len(results):
        return findings
    problem = as_text_n(
        "{n} of its {total} results is not a finding (Finding), e.g. {what}",
        "{n} of its {total} results are not findings (Finding), e.g. {what}",
        len(results) - len(findings),
        total=len(results),
        what=describe(next(r for r in results if not isinstance(r, Finding))),
    )
    return (*findings, _check_failed(check, who, problem, given))


def waived(finding: Finding, practice: Practice) -> Finding:
    """``finding`` with the reason of the waiver its step gives for its check, if the step gives one.

    A finding is the step's when its path starts at the step (``("steps", i, ...)``); the step's
    ``waive`` (written out, reused or included) names the checks that do not apply to it.
    """
    path = finding.path
    if len(path) < 2 or path[0] != "steps" or not isinstance(path[1], int) or finding.waived is not None:
        return finding
    if not 0 <= path[1] < len(practice.steps):
        return finding
    found = waiver_for(practice.steps[path[1]].waive, finding.check)
    return finding if found is None else attrs.evolve(finding, waived=found.reason)


def _check_failed(check: Check, who: str, problem: Text, given: CheckInput) -> Finding:
    """The error finding that says check ``who`` failed with ``problem``."""
    return Finding(
        check=check.id,
        severity=Severity.ERROR,
        message=as_text("check {who} failed: {problem}", who=who, problem=problem),
        location=None,
        path=(),
        suggestion=as_text("report this to the check's author, or disable the check"),
        practice=given.practice.id,
    )


def run_checks(checks: Iterable[Check], given: CheckInput) -> tuple[Finding, ...]:
    """Run every check on one practice; findings sorted by severity (worst first), then place.

    A step's waiver of a check that did not run (a misspelt id, or a check left out) is said as
    an info finding: a waiver that waives nothing must not look as if it did.
    """
    checks = tuple(checks)
    found = [f for check in checks for f in run_check(check, given)]
    ran = {c.id for c in checks}
    for index, step in enumerate(given.practice.steps):
        for waiver in step.waive:
            if waiver.check not in ran:
                found.append(_idle_waiver(given, index, waiver.check, sorted(ran)))
    return sort_findings(found)


def _idle_waiver(given: CheckInput, index: int, check: str, ran: list[str]) -> Finding:
    path: ModelPath = ("steps", index, "waive", check)
    hint = did_you_mean(check, ran)
    return Finding(
        check="waivers",
        severity=Severity.INFO,
        message=as_text(
            "the waiver of check {check} waives nothing: no check of that id ran", check=repr(check)
        ),
        location=given.locate(path),
        path=path,
        suggestion=(
            Text.of(hint)  # a catalogue message: translated when read
            if hint
            else as_text("checks that ran: {checks}", checks=", ".join(ran) or "-")
        ),
        practice=given.practice.id,
    )


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


def _path_key(path: ModelPath) -> tuple[tuple[int, str], ...]:
    return tuple((0, f"{p:09d}") if isinstance(p, int) else (1, p) for p in path)


def worst(findings: Sequence[Finding]) -> Severity | None:
    """The most serious severity among ``findings``, or None when there are none."""
    return max((f.severity for f in findings), key=lambda s: s.rank, default=None)


def fails(findings: Iterable[Finding], threshold: Severity) -> bool:
    """Whether a finding at or above ``threshold`` exists (for ``--fail-on``); waived ones do not count."""
    return any(f.severity.rank >= threshold.rank for f in findings if f.waived is None)
