"""What report formats show: a model's practices, the frameworks they claim, their evaluation appendices.

Steps with their references followed come from ``model.resolving`` (re-exported here for exporters).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from osallisuuden_palaset.messages.catalogue import say
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.messages.text import Lang
from osallisuuden_palaset.model.evaluation import EvaluationAppendix, Finding
from osallisuuden_palaset.model.framework import Framework, Provenance
from osallisuuden_palaset.model.includes import reached_steps
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.resolving import ResolvedStep, resolve_step, resolved_steps

__all__ = [
    "PracticeEvaluation",
    "ResolvedStep",
    "frameworks_claimed",
    "practice_evaluation",
    "practices_of",
    "project_in",
    "provenance_note",
    "resolve_step",
    "resolved_steps",
]


def practices_of(model: Practice | Project | Collection) -> tuple[Practice, ...]:
    """The practices a model holds: itself, a project's, or all of a collection's."""
    if isinstance(model, Practice):
        return (model,)
    if isinstance(model, Project):
        return model.practices
    return tuple(model.all_practices())


def frameworks_claimed(practice: Practice, context: Context) -> tuple[str, ...]:
    """The practice's own framework first, then every other framework its claims refer to, sorted.

    Claims of reused blocks and included practices count, as in ``assessing.coverage``: a mapping
    without its own framework belongs to the framework of the practice or catalogue it is written in.
    """
    found: set[str] = set()
    for _, owner, step in reached_steps(practice, context.practices):
        block = resolve_step(step, context).block
        if block is not None:
            found.update(m.framework or owner.framework for b in block.walk() for m in b.mappings)
    return (practice.framework, *sorted(found - {practice.framework}))


def project_in(model: Practice | Project | Collection, practice_id: str) -> Project | None:
    """The project of ``practice_id`` as far as the exported model tells (None for a lone practice)."""
    if isinstance(model, Project):
        return model
    if isinstance(model, Collection):
        return model.project_of(practice_id)
    return None


@attrs.frozen
class PracticeEvaluation:
    """What a report's evaluation appendix (arviointiliite) of one practice shows."""

    practice: Practice
    #: One appendix per registered framework the practice uses: its own first (it carries the findings).
    appendices: tuple[EvaluationAppendix, ...]
    #: Frameworks the practice or its claims name that are not registered: no appendix for them.
    unknown: tuple[str, ...]
    #: The checks' findings, worst first; None when no checks were run for the report.
    findings: tuple[Finding, ...] | None


def practice_evaluation(
    practice: Practice,
    frameworks: Callable[[str], Framework | None],
    context: Context,
    *,
    findings: Iterable[Finding] | None = None,
    project: Project | None = None,
) -> PracticeEvaluation:
    """The evaluation appendices of ``practice``, built with ``assessing.appendix.build_appendix``.

    Args:
        frameworks: looks a framework up by id (None when it is not registered).
        findings: the checks' findings on the practice; None when the checks were not run.
        project: the practice's project, when known (its target group counts for the criteria).
    """
    from osallisuuden_palaset.assessing.appendix import build_appendix
    from osallisuuden_palaset.assessing.checking import sort_findings

    sorted_findings = sort_findings(findings) if findings is not None else None
    appendices: list[EvaluationAppendix] = []
    unknown: list[str] = []
    for fid in frameworks_claimed(practice, context):
        framework = frameworks(fid)
        if framework is None:
            unknown.append(fid)
            continue
        own = fid == practice.framework
        appendices.append(
            build_appendix(
                practice,
                framework,
                context,
                findings=(sorted_findings or ()) if own else (),
                project=project,
            )
        )
    return PracticeEvaluation(practice, tuple(appendices), tuple(unknown), sorted_findings)


def provenance_note(provenance: Provenance, lang: Lang) -> str:
    """Where a question's wording comes from, in ``lang``: its kind, and the source and question it names.

    E.g. "mukaelma, THL: 24 apukysymystä, kysymys 3" or "tätä ohjelmaa varten laadittu".
    """
    kind = value_label(provenance.kind, lang)
    if not provenance.source:
        return kind
    if provenance.number is None:
        return f"{kind}, {provenance.source}"
    return say(
        lang,
        "{kind}, {source}, question {number}",
        kind=kind,
        source=provenance.source,
        number=str(provenance.number),
    )
