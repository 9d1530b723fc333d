"""The first page of a project or collection: practices × principles, gaps, reuse, surveys, findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

import attrs

from osallisuuden_palaset.assessing.collection import ReuseCount, practice_projects, reuse_counts
from osallisuuden_palaset.assessing.matrix import CoverageMatrix, coverage_matrix
from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.model.evaluation import Finding, Severity
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import LANGS, Text

#: How many of the most reused blocks the dashboard lists.
MOST_REUSED = 10


@attrs.frozen
class SurveyLine:
    """A practice's survey on the dashboard: the instrument and, for a change, its sentence."""

    practice: str
    name: Text
    title: Text
    #: The change in words (``surveying.evidence.change_evidence``); None for one wave, or when the
    #: group is too small to cite (the practice's report says why).
    change: Text | None


@attrs.frozen
class Dashboard:
    """What the first page of a project or collection shows."""

    practices: tuple[Practice, ...]
    #: One matrix per framework the practices use, the most used first.
    matrices: tuple[CoverageMatrix, ...]
    #: Frameworks practices name that are not registered: no matrix for them.
    unknown_frameworks: tuple[str, ...]
    #: The most reused blocks and included practices (used at least twice), most used first.
    reused: tuple[ReuseCount, ...]
    #: Findings counted by severity, worst first; None when no checks were run.
    findings: tuple[tuple[Severity, int], ...] | None
    surveys: tuple[SurveyLine, ...] = ()

    def name_of(self, practice: str) -> Text | str:
        """The name of the practice ``practice`` (its id when it is not on the dashboard)."""
        return next((p.name for p in self.practices if p.id == practice), practice)


def as_collection(model: Project | Collection) -> Collection:
    """A project as the collection of its one project (a collection as itself)."""
    if isinstance(model, Collection):
        return model
    return Collection(id=model.id, name=model.name, projects=(model,))


def build_dashboard(
    model: Project | Collection,
    frameworks: Callable[[str], Framework | None],
    context: Context,
    *,
    findings: Mapping[str, Iterable[Finding]] | None = None,
    surveys: Mapping[str, object] | None = None,
) -> Dashboard:
    """The dashboard of ``model``: pure, from the model, the frameworks and what was found.

    Args:
        frameworks: looks a framework up by id (None when it is not registered).
        findings: practice id → the checks' findings; None when the checks were not run.
        surveys: practice id → ``output.exporting.SurveyResults`` to summarise.
    """
    collection = as_collection(model)
    practices = tuple(collection.all_practices())
    projects = {pid: project.id for pid, project in practice_projects(collection).items()}
    used = Counter(p.framework for p in practices)
    matrices = []
    unknown = []
    for fid in sorted(used, key=lambda f: (-used[f], f)):
        framework = frameworks(fid)
        if framework is None:
            unknown.append(fid)
            continue
        mine = [p for p in practices if p.framework == fid]
        matrices.append(coverage_matrix(mine, framework, context, projects=projects))
    reused = tuple(r for r in reuse_counts(collection, context) if r.count >= 2)[:MOST_REUSED]
    counted = None
    if findings is not None:
        every = [f for found in findings.values() for f in found if f.waived is None]  # waived: not open
        counted = tuple(
            (severity, n)
            for severity in sorted(Severity, key=lambda s: -s.rank)
            if (n := sum(1 for f in every if f.severity is severity))
        )
    return Dashboard(
        practices, tuple(matrices), tuple(unknown), reused, counted, _survey_lines(practices, surveys)
    )


def _survey_lines(
    practices: Iterable[Practice], surveys: Mapping[str, object] | None
) -> tuple[SurveyLine, ...]:
    from osallisuuden_palaset.surveying.analysis import ChangeReport
    from osallisuuden_palaset.surveying.evidence import change_evidence
    from osallisuuden_palaset.surveying.formatting import instrument_title

    lines = []
    for practice in practices:
        results = (surveys or {}).get(practice.id)
        report = getattr(results, "report", None)
        if report is None:
            continue
        change = None
        if isinstance(report, ChangeReport):
            try:
                change = change_evidence(report)
            except PalasetError:  # too few answers to cite: the practice's report says so
                change = None
        title = Text(**{lang: instrument_title(report.instrument, lang) for lang in LANGS})
        lines.append(SurveyLine(practice.id, practice.name, title, change))
    return tuple(lines)
