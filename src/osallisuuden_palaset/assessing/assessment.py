"""Assess every practice of a collection: coverage, questions, findings, plus collection-wide views."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import attrs

from osallisuuden_palaset.assessing.answers import question_statuses
from osallisuuden_palaset.assessing.checking import (
    Check,
    CheckInput,
    Locator,
    no_location,
    run_checks,
    sort_findings,
)
from osallisuuden_palaset.assessing.collection import ReuseCount, practice_projects, reuse_counts
from osallisuuden_palaset.assessing.coverage import collection_coverage, practice_coverage, project_coverage
from osallisuuden_palaset.errors import ModelPath, nearest
from osallisuuden_palaset.messages.catalogue import as_text
from osallisuuden_palaset.model.evaluation import Coverage, Finding, QuestionStatus, Severity
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context

#: (practice id, path inside it) → "FILE:LINE", or None.
PracticeLocator = Callable[[str, ModelPath], "str | None"]


def _nowhere(practice: str, path: ModelPath) -> str | None:
    return None


@attrs.frozen
class PracticeAssessment:
    """One practice against one framework: coverage, guiding questions and findings."""

    practice: Practice
    #: The framework's id (also when the framework is unknown and nothing could be covered).
    framework: str
    coverage: Coverage | None
    questions: tuple[QuestionStatus, ...]
    findings: tuple[Finding, ...]
    project: str | None = None
    location: str | None = None


@attrs.frozen
class Assessment:
    """A whole collection assessed: each practice, each project, and the collection."""

    collection: str
    practices: tuple[PracticeAssessment, ...]
    projects: tuple[Coverage, ...]
    #: One coverage per framework the practices were assessed against.
    totals: tuple[Coverage, ...]
    reuse: tuple[ReuseCount, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of every practice."""
        return sort_findings(f for p in self.practices for f in p.findings)


def assess_practice(
    practice: Practice,
    framework: Framework | None,
    context: Context,
    checks: Iterable[Check],
    *,
    locate: Locator | None = None,
    project: Project | None = None,
) -> PracticeAssessment:
    """Assess one practice: coverage and questions (when the framework is known) and every check."""
    locator: Locator = locate or no_location
    findings = list(run_checks(checks, CheckInput(practice, framework, context, locator, project)))
    project_id = project.id if project else None
    if framework is None:
        findings.insert(0, _unknown_framework(practice, context.frameworks, locator))
        return PracticeAssessment(
            practice, practice.framework, None, (), tuple(findings), project_id, locator(())
        )
    return PracticeAssessment(
        practice,
        framework.id,
        practice_coverage(practice, framework, context),
        question_statuses(practice, framework),
        sort_findings(findings),
        project_id,
        locator(()),
    )


def _unknown_framework(practice: Practice, known: Mapping[str, Framework], locate: Locator) -> Finding:
    hint = nearest(practice.framework, known)
    return Finding(
        check="framework",
        severity=Severity.ERROR,
        message=as_text(
            "framework '{framework}' is not known ({hint})", framework=practice.framework, hint=hint
        ),
        location=locate(("framework",)),
        path=("framework",),
        suggestion=as_text("install the framework's plugin or give --framework-file"),
        practice=practice.id,
    )


def _bind(locate: PracticeLocator, practice: str) -> Locator:
    def located(path: ModelPath) -> str | None:
        return locate(practice, path)

    return located


def assess_collection(
    collection: Collection,
    context: Context,
    checks: Iterable[Check],
    *,
    framework: str | None = None,
    locate: PracticeLocator = _nowhere,
) -> Assessment:
    """Assess every practice (against ``framework``, else its own), each project and the collection."""
    checks = tuple(checks)
    frameworks = context.frameworks
    assessed = []
    project_of = practice_projects(collection)
    for practice in collection.all_practices():
        fid = framework or practice.framework
        proj = project_of.get(practice.id)
        assessed.append(
            assess_practice(
                practice,
                frameworks.get(fid),
                context,
                checks,
                locate=_bind(locate, practice.id),
                project=proj,
            )
        )
    used = list(dict.fromkeys(p.framework for p in assessed if p.framework in frameworks))
    assessed_in = {(p.project, p.framework) for p in assessed}
    projects = tuple(
        project_coverage(project, frameworks[fid], context)
        for project in collection.projects
        for fid in used
        if (project.id, fid) in assessed_in
    )
    totals = tuple(collection_coverage(collection, frameworks[fid], context) for fid in used)
    return Assessment(collection.id, tuple(assessed), projects, totals, reuse_counts(collection, context))
