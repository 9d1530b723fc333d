"""What each step of a practice stands for once references are followed: a block, a reuse, an inclusion."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from osallisuuden_palaset.model.block import Block, Mapping
from osallisuuden_palaset.model.includes import reached_steps
from osallisuuden_palaset.model.practice import Include, Practice, Reuse, Step
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Lang

#: How deep included practices are drawn inside each other in the flow view.
MAX_DEPTH = 4


@attrs.frozen
class ResolvedStep:
    """One step with what it refers to: the block it shows (if any) and where it comes from."""

    step: Step
    #: The written-out or reused block; None for an inclusion or an unresolved reuse.
    block: Block | None
    #: For an inclusion, the included practice when the context knows it.
    included: Practice | None = None

    @property
    def is_reuse(self) -> bool:
        """Whether the step reuses a block by reference."""
        return isinstance(self.step, Reuse)

    @property
    def is_include(self) -> bool:
        """Whether the step is a whole other practice."""
        return isinstance(self.step, Include)

    @property
    def unresolved(self) -> bool:
        """Whether the step refers to something the context does not know."""
        if isinstance(self.step, Reuse):
            return self.block is None
        if isinstance(self.step, Include):
            return self.included is None
        return False

    def name(self, lang: Lang) -> str:
        """The name to show: the step's own, else the referred block's or practice's, else the reference."""
        step = self.step
        if isinstance(step, Block):
            return step.name.get(lang)
        if step.name is not None:
            return step.name.get(lang)
        if self.block is not None:
            return self.block.name.get(lang)
        if self.included is not None:
            return self.included.name.get(lang)
        return step.reuse if isinstance(step, Reuse) else step.include


def resolve_step(step: Step, context: Context) -> ResolvedStep:
    """The step with its reference followed through ``context``."""
    if isinstance(step, Block):
        return ResolvedStep(step, step)
    if isinstance(step, Reuse):
        return ResolvedStep(step, reuse_target(step.reuse, context))
    return ResolvedStep(step, None, context.practices.get(step.include))


def reuse_target(ref: str, context: Context) -> Block | None:
    """The block ``ref`` names (as :meth:`Context.resolve` gives it), or None when it does not resolve."""
    try:
        return context.resolve(ref)
    except (KeyError, ValueError):
        return None


def resolved_steps(practice: Practice, context: Context) -> tuple[ResolvedStep, ...]:
    """Every step of ``practice`` in flow order, resolved."""
    return tuple(resolve_step(s, context) for s in practice.ordered_steps())


def step_mappings(resolved: ResolvedStep, context: Context) -> tuple[Mapping, ...]:
    """What a step claims: its block's mappings, or for an inclusion the included practice's claims."""
    if resolved.block is not None:
        return resolved.block.mappings
    if resolved.included is not None:
        return practice_mappings(resolved.included, context)
    return ()


def practice_mappings(practice: Practice, context: Context) -> tuple[Mapping, ...]:
    """Every claim of a practice's steps, one per element with its strongest strength, first-seen order.

    Claims of included practices count, to any depth, as in ``assessing.coverage``; mappings
    without a framework of their own are given the framework of the practice holding the step.
    """
    found: list[Mapping] = []
    for _, owner, step in reached_steps(practice, context.practices):
        block = resolve_step(step, context).block
        for m in block.mappings if block is not None else ():
            found.append(m if m.framework else attrs.evolve(m, framework=owner.framework))
    return strongest(found)


def strongest(mappings: Iterable[Mapping]) -> tuple[Mapping, ...]:
    """One mapping per (framework, target), keeping the strongest; order of first appearance.

    A claim with evidence beats any claim without (which counts for nothing in coverage).
    """
    best: dict[tuple[str | None, str], Mapping] = {}
    for m in mappings:
        key = (m.framework, m.target)
        if key not in best or _rank(m) > _rank(best[key]):
            best[key] = m
    return tuple(best.values())


def _rank(mapping: Mapping) -> tuple[bool, int]:
    return mapping.evidence is not None, mapping.strength.weight
