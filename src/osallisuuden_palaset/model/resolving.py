"""What each step of a practice stands for once its reference is followed: a block, a reuse, an inclusion."""

from __future__ import annotations

from typing import Literal

import attrs

from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.practice import Include, Practice, Reuse, Step
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text

#: What a step is: a block written out, a block reused by reference, or another practice included.
StepKind = Literal["block", "reuse", "include"]


@attrs.frozen
class ResolvedStep:
    """One step with what it refers to: the block it shows (if any) and the practice it includes."""

    step: Step
    #: The block written here or reused from elsewhere; None for an inclusion or an unresolved reuse.
    block: Block | None
    #: For an inclusion, the included practice when the context knows it.
    included: Practice | None = None

    @property
    def kind(self) -> StepKind:
        """``"block"``, ``"reuse"`` or ``"include"``."""
        if isinstance(self.step, Reuse):
            return "reuse"
        if isinstance(self.step, Include):
            return "include"
        return "block"

    @property
    def id(self) -> str:
        """The step's id in its practice."""
        return self.step.id

    @property
    def origin(self) -> str | None:
        """The reference (``owner/block``) or the included practice's id; None for a written block."""
        if isinstance(self.step, Reuse):
            return self.step.reuse
        if isinstance(self.step, Include):
            return self.step.include
        return None

    @property
    def name(self) -> Text:
        """The step's own name, else the reused block's or included practice's, else the reference."""
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
        """False when the step refers to something the context does not know."""
        if isinstance(self.step, Reuse):
            return self.block is not None
        if isinstance(self.step, Include):
            return self.included is not None
        return True


def follow_reuse(ref: str, context: Context) -> Block | None:
    """The block ``ref`` (``owner/block``) names, as :meth:`Context.resolve` gives it, or None.

    None when the reference is malformed, its owner is not known or the owner has no such block
    (``model.references.reuse_problem`` says which, for messages).
    """
    try:
        return context.resolve(ref)
    except (KeyError, ValueError):
        return None


def resolve_step(step: Step, context: Context) -> ResolvedStep:
    """The step with its reference followed through ``context``; an unknown one resolves to nothing."""
    if isinstance(step, Reuse):
        return ResolvedStep(step, follow_reuse(step.reuse, context))
    if isinstance(step, Include):
        return ResolvedStep(step, None, context.practices.get(step.include))
    return ResolvedStep(step, step)


def resolved_steps(practice: Practice, context: Context) -> tuple[ResolvedStep, ...]:
    """Every step of ``practice`` in flow order, resolved."""
    return tuple(resolve_step(s, context) for s in practice.ordered_steps())
