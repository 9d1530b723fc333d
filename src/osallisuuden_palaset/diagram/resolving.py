"""What the diagrams draw of a step: how deep inclusions go, and what a step or practice claims."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from osallisuuden_palaset.model.block import Mapping
from osallisuuden_palaset.model.includes import reached_steps
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.resolving import ResolvedStep, resolve_step, resolved_steps
from osallisuuden_palaset.model.resolving import follow_reuse as reuse_target

__all__ = [
    "MAX_DEPTH",
    "ResolvedStep",
    "practice_mappings",
    "resolve_step",
    "resolved_steps",
    "reuse_target",
    "step_mappings",
    "strongest",
]

#: How deep included practices are drawn inside each other in the flow view.
MAX_DEPTH = 4


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
