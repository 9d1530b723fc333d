"""Parts seen as pieces to join: steps with their entries and exits, mappings retargeted, answers merged."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.block import Block, relative_framework, retarget_block
from osallisuuden_palaset.model.flow import Flow, FlowKind
from osallisuuden_palaset.model.practice import (
    Answer,
    AnswerStatus,
    Include,
    Outcome,
    Phase,
    Practice,
    Reuse,
    Step,
)
from osallisuuden_palaset.model.text import Text

#: What can be composed: a block, a reuse or include step, or a whole practice.
Part = Block | Reuse | Include | Practice


class CompositionError(PalasetError, ValueError):
    """Parts cannot be composed as asked; ``ids`` lists the ids at fault."""

    def __init__(self, message: str, ids: Iterable[str] = ()) -> None:
        self.ids = tuple(ids)
        super().__init__(message)


@attrs.frozen
class Piece:
    """A part ready to be joined: its steps, inner flows and listings, and where it begins and ends."""

    steps: tuple[Step, ...]
    entries: tuple[str, ...]
    exits: tuple[str, ...]
    flows: tuple[Flow, ...] = ()
    phases: tuple[Phase, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    answers: tuple[Answer, ...] = ()
    keywords: tuple[str, ...] = ()


def piece_of(part: Part, framework: str) -> Piece:
    """``part`` as a piece of a practice whose framework is ``framework``."""
    if isinstance(part, Practice):
        return Piece(
            steps=tuple(
                retarget_block(s, part.framework, framework) if isinstance(s, Block) else s
                for s in part.steps
            ),
            entries=part.entries(),
            exits=part.exits(),
            flows=part.flows,
            phases=part.phases,
            outcomes=part.outcomes,
            answers=tuple(
                attrs.evolve(a, framework=relative_framework(a.framework or part.framework, framework))
                for a in part.answers
            ),
            keywords=part.keywords,
        )
    if isinstance(part, Block):  # a bare block's implied framework is the result's
        return Piece(
            steps=(retarget_block(part, framework, framework),), entries=(part.id,), exits=(part.id,)
        )
    if isinstance(part, Reuse | Include):
        return Piece(steps=(part,), entries=(part.id,), exits=(part.id,))
    raise TypeError(msg("cannot compose a {kind}: give blocks, steps or practices", kind=type(part).__name__))


def links(before: Piece, after: Piece, kind: FlowKind) -> list[Flow]:
    """Flows from every exit of ``before`` to every entry of ``after``."""
    return [Flow(x, y, kind=kind) for x in before.exits for y in after.entries]


def unique_flows(flows: Iterable[Flow]) -> list[Flow]:
    """Flows without repeated (source, target) pairs, first one kept."""
    seen: set[tuple[str, str]] = set()
    out = []
    for f in flows:
        if (f.source, f.target) not in seen:
            seen.add((f.source, f.target))
            out.append(f)
    return out


_PROGRESS = (AnswerStatus.OPEN, AnswerStatus.DRAFT, AnswerStatus.ANSWERED)


def merge_answers(answers: Iterable[Answer]) -> tuple[Answer, ...]:
    """Answers with those to the same question merged: the least advanced status, texts and steps joined."""
    merged: dict[tuple[str | None, str], Answer] = {}
    for a in answers:
        key = (a.framework, a.question)
        old = merged.get(key)
        merged[key] = (
            a
            if old is None
            else attrs.evolve(
                old,
                status=min(old.status, a.status, key=_PROGRESS.index),
                text=join_texts(old.text, a.text),
                steps=[*old.steps, *(s for s in a.steps if s not in old.steps)],
            )
        )
    return tuple(merged.values())


def join_texts(first: Text | None, second: Text | None) -> Text | None:
    """Two optional texts as one, paragraph after paragraph in each language."""
    if first is None or second is None:
        return first or second
    joined = {
        lang: "\n\n".join(v for v in (getattr(first, lang), getattr(second, lang)) if v is not None)
        for lang in ("fi", "en", "sv")
    }
    return Text(**{k: v for k, v in joined.items() if v})
