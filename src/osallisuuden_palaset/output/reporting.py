"""What report formats show: steps with references resolved, and each practice's evaluation appendices."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.evaluation import EvaluationAppendix, Finding
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.includes import reached_steps
from osallisuuden_palaset.model.practice import Include, Practice, Reuse, Step
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text


def practices_of(model: Practice | Project | Collection) -> tuple[Practice, ...]:
    """The practices a model holds: itself, a project's, or all of a collection's."""
    if isinstance(model, Practice):
        return (model,)
    if isinstance(model, Project):
        return model.practices
    return tuple(model.all_practices())


@attrs.frozen
class ResolvedStep:
    """A step as a report shows it: its own block, the block it reuses, or the practice it includes."""

    step: Step
    #: The block written here or reused from elsewhere; None for an include or an unresolved reuse.
    block: Block | None
    #: "block", "reuse" or "include".
    kind: str
    #: The reference (``owner/block``) or the included practice's id; None for a written block.
    origin: str | None = None
    #: The included practice, when the context knows it.
    included: Practice | None = None

    @property
    def id(self) -> str:
        """The step's id in its practice."""
        return self.step.id

    @property
    def name(self) -> Text:
        """The local name, else the reused block's or included practice's, else the reference."""
        own = self.step.name
        if own is not None:
            return own
        if self.block is not None:
            return self.block.name
        if self.included is not None:
            return self.included.name
        return Text(fi=self.origin or self.step.id)

    @property
    def note(self) -> Text | None:
        """How the practice adapts a reused block or an included practice."""
        return self.step.note if isinstance(self.step, Reuse | Include) else None

    @property
    def resolved(self) -> bool:
        """False when a reference does not resolve in the context (the report says so)."""
        return self.kind == "block" or self.block is not None or self.included is not None


def resolve_step(step: Step, context: Context) -> ResolvedStep:
    """Look up what a step refers to; an unknown reference resolves to nothing rather than failing."""
    if isinstance(step, Reuse):
        try:
            block: Block | None = context.resolve(step.reuse)
        except (KeyError, ValueError):
            block = None
        return ResolvedStep(step, block, "reuse", origin=step.reuse)
    if isinstance(step, Include):
        return ResolvedStep(step, None, "include", step.include, context.practices.get(step.include))
    return ResolvedStep(step, step, "block")


def resolved_steps(practice: Practice, context: Context) -> tuple[ResolvedStep, ...]:
    """The practice's steps in flow order, references resolved."""
    return tuple(resolve_step(s, context) for s in practice.ordered_steps())


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
