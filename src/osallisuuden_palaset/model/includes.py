"""Following includes: the steps a practice holds through the practices it includes, without recursion."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

import attrs

from osallisuuden_palaset.model.practice import Include, Practice, Step

#: Most steps a practice may hold with its included practices written out, each as often as it
#: is included (docs/model-files.md, "Limits"): a guard against includes that multiply.
MAX_REACHED_STEPS: Final = 10_000
#: Deepest chain of includes (a practice including one that includes another … ), ditto.
MAX_INCLUDE_DEPTH: Final = 100


def reached_steps(
    practice: Practice, practices: Mapping[str, Practice]
) -> Iterator[tuple[int, Practice, Step]]:
    """Every step of ``practice`` and of the practices it includes, depth first in written order.

    Yields ``(index, owner, step)``: the index of the practice's own step the walk is under,
    the practice whose step it is, and the step. Include steps are yielded too, just before
    the steps of the practice they include; an include of a practice ``practices`` does not
    know, or of one the walk is already inside of (a cycle), is yielded but not followed.
    The walk keeps its own stack, so an include chain of any depth is followed.
    """
    inside = {practice.id}
    owners = [practice]
    pending: list[Iterator[tuple[int, Step]]] = [iter(enumerate(practice.steps))]
    top = 0
    while pending:
        item = next(pending[-1], None)
        if item is None:
            pending.pop()
            inside.discard(owners.pop().id)
            continue
        index, step = item
        if len(pending) == 1:
            top = index
        yield top, owners[-1], step
        if isinstance(step, Include):
            inner = practices.get(step.include)
            if inner is not None and inner.id not in inside:
                inside.add(inner.id)
                owners.append(inner)
                pending.append(iter(enumerate(inner.steps)))


@attrs.frozen
class Extent:
    """How far a practice reaches with its includes written out."""

    #: Steps, each included practice's counted as often as it is included (capped just past the limit).
    steps: int
    #: How many includes deep it goes: 0 without includes.
    depth: int


def extents(practices: Mapping[str, Practice]) -> dict[str, Extent]:
    """Practice id → :class:`Extent` for every practice of ``practices``.

    One pass over the include graph (each practice once); an include closing a cycle counts
    as one step and one level (the cycle is reported on its own).
    """
    found: dict[str, Extent] = {}
    inside: set[str] = set()
    todo: list[tuple[Practice, bool]] = [(p, False) for p in list(practices.values())[::-1]]
    while todo:
        current, done = todo.pop()
        if done:
            inside.discard(current.id)
            found[current.id] = _extent(current, practices, found)
            continue
        if current.id in found or current.id in inside:
            continue
        inside.add(current.id)
        todo.append((current, True))
        todo.extend(
            (inner, False)
            for inner in _included(current, practices)
            if inner is not None and inner.id not in found and inner.id not in inside
        )
    return found


def _extent(practice: Practice, practices: Mapping[str, Practice], found: Mapping[str, Extent]) -> Extent:
    """The extent of ``practice`` from those of the practices it includes (unknown ones: one step)."""
    steps, depth = 0, 0
    for inner in _included(practice, practices):
        below = found.get(inner.id) if inner is not None and inner.id != practice.id else None
        steps += 1 + (below.steps if below is not None else 0)
        if inner is not None:
            depth = max(depth, 1 + (below.depth if below is not None else 0))
    return Extent(min(steps, MAX_REACHED_STEPS + 1), min(depth, MAX_INCLUDE_DEPTH + 1))


def _included(practice: Practice, practices: Mapping[str, Practice]) -> Iterator[Practice | None]:
    """Per step: the practice an include step includes, when known; None for every other step."""
    for step in practice.steps:
        yield practices.get(step.include) if isinstance(step, Include) else None


def overflow(
    practice: Practice, practices: Mapping[str, Practice], known: Mapping[str, Extent]
) -> tuple[int, str] | None:
    """The first include step taking ``practice`` past a limit, and which limit; None when within both.

    ``known`` holds the :func:`extents` of ``practices``. The limit is ``"depth"``
    (:data:`MAX_INCLUDE_DEPTH`) or ``"steps"`` (:data:`MAX_REACHED_STEPS`); own steps alone
    never overflow (a file's size bounds them), only what includes add.
    """
    steps = 0
    for index, inner in enumerate(_included(practice, practices)):
        below = known.get(inner.id) if inner is not None and inner.id != practice.id else None
        steps += 1 + (below.steps if below is not None else 0)
        if below is not None and below.depth + 1 > MAX_INCLUDE_DEPTH:
            return index, "depth"
        if below is not None and steps > MAX_REACHED_STEPS:
            return index, "steps"
    return None
