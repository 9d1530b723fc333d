"""What report formats show: steps with references resolved, and claims grouped by framework dimension."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from osallisuuden_palaset.model.block import Block, Mapping
from osallisuuden_palaset.model.framework import Dimension, Framework, Principle
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


@attrs.frozen
class Claim:
    """One mapping of one block, with where it sits in the practice."""

    #: The step of the practice the claim comes from (the including step for included practices).
    step: str
    block: Block
    mapping: Mapping
    #: The framework the mapping refers to (the mapping's own, else the practice's).
    framework: str
    #: "block", "reuse" or "include": how the block came into the practice.
    via: str


def claims(practice: Practice, context: Context) -> tuple[Claim, ...]:
    """Every mapping the practice's blocks make, reused and included ones too, in flow order."""
    return tuple(_claims(practice, context, seen=frozenset({practice.id}), via_step=None))


def _claims(
    practice: Practice, context: Context, *, seen: frozenset[str], via_step: str | None
) -> Iterator[Claim]:
    for r in resolved_steps(practice, context):
        step = via_step or r.id
        via = "include" if via_step is not None else r.kind
        if r.block is not None:
            for block in r.block.walk():
                for m in block.mappings:
                    yield Claim(step, block, m, m.framework or practice.framework, via)
        elif r.included is not None and r.included.id not in seen:
            yield from _claims(r.included, context, seen=seen | {r.included.id}, via_step=step)


@attrs.frozen
class PrincipleClaims:
    """A principle of a dimension and the claims made on it."""

    principle: Principle
    claims: tuple[Claim, ...]


@attrs.frozen
class DimensionClaims:
    """A dimension (or level), the claims made on it directly, and its principles' claims."""

    dimension: Dimension
    claims: tuple[Claim, ...]
    principles: tuple[PrincipleClaims, ...]

    @property
    def all_claims(self) -> tuple[Claim, ...]:
        """Claims on the dimension and on any of its principles."""
        return self.claims + tuple(c for p in self.principles for c in p.claims)


def by_dimension(framework: Framework, found: Sequence[Claim]) -> tuple[DimensionClaims, ...]:
    """Claims on ``framework`` grouped per dimension and principle, strongest first within each."""
    mine = [c for c in found if c.framework == framework.id]

    def on(element: str) -> tuple[Claim, ...]:
        hits = [c for c in mine if c.mapping.target == element]
        return tuple(sorted(hits, key=lambda c: -c.mapping.strength.weight))

    return tuple(
        DimensionClaims(
            d, on(d.id), tuple(PrincipleClaims(p, on(p.id)) for p in framework.principles_of(d.id))
        )
        for d in framework.dimensions
    )


def frameworks_used(practice: Practice, found: Sequence[Claim]) -> tuple[str, ...]:
    """The practice's own framework first, then every other framework its claims refer to, sorted."""
    others = sorted({c.framework for c in found} - {practice.framework})
    return (practice.framework, *others)
