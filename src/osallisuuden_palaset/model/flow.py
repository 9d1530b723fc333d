"""Links between the steps of a practice and the graph checks on them."""

from __future__ import annotations

import enum
import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from osallisuuden_palaset.model.coerce import SINCE_V2, member
from osallisuuden_palaset.model.ids import check_id
from osallisuuden_palaset.model.text import Text, optional_text


def to_wait(value: Wait | str | None) -> Wait | None:
    """Converter: a Wait, its value (``"all"``) or None."""
    return value if value is None or type(value) is Wait else member(Wait, value)


def to_choose(value: Choose | str | None) -> Choose | None:
    """Converter: a Choose, its value (``"one"``) or None."""
    return value if value is None or type(value) is Choose else member(Choose, value)


class FlowKind(enum.StrEnum):
    """What a link between two steps means."""

    #: The target follows the source.
    SEQUENCE = "sequence"
    #: The target runs alongside the source's other parallel targets.
    PARALLEL = "parallel"
    #: The target is an optional path after the source.
    OPTIONAL = "optional"
    #: Going back to an earlier step: the only kind of link allowed to close a cycle.
    LOOP_BACK = "loop_back"


class Wait(enum.StrEnum):
    """What a step that several links lead into waits for (a join)."""

    #: Every link into it: the step starts when all branches are done.
    ALL = "all"
    #: Any one link into it: the step starts when the first branch is done.
    ANY = "any"


class Choose(enum.StrEnum):
    """How many of a step's optional paths are taken (a choice)."""

    #: Exactly one of them (an exclusive choice).
    ONE = "one"
    #: One or more of them.
    ONE_OR_MORE = "one_or_more"


@attrs.frozen
class Flow:
    """A link from one step of a practice to another, optionally with why and when."""

    source: str = attrs.field(validator=check_id)
    target: str = attrs.field(validator=check_id)
    kind: FlowKind = FlowKind.SEQUENCE
    #: A short label on the link, e.g. the condition of an optional path.
    label: Text | None = attrs.field(default=None, converter=optional_text)
    #: Why the link is there.
    rationale: Text | None = attrs.field(default=None, converter=optional_text)
    #: For a link into a step several links lead into: does that step wait for all or any of them.
    wait: Wait | None = attrs.field(default=None, converter=to_wait, metadata=SINCE_V2)
    #: For an optional link: is one of the source's optional paths taken, or one or more.
    choose: Choose | None = attrs.field(default=None, converter=to_choose, metadata=SINCE_V2)


def joins(flows: Iterable[Flow]) -> dict[str, Wait]:
    """Step id → what it waits for, for every step a link with ``wait`` leads into."""
    return {f.target: f.wait for f in flows if f.wait is not None}


def choices(flows: Iterable[Flow]) -> dict[str, Choose]:
    """Step id → how many of its optional paths are taken, for every step an optional link with
    ``choose`` leaves."""
    return {f.source: f.choose for f in flows if f.choose is not None}


def successors(flows: Iterable[Flow], *, loops: bool = False) -> dict[str, list[str]]:
    """Adjacency of the flow graph; loop-backs only when ``loops``."""
    graph: dict[str, list[str]] = defaultdict(list)
    for f in flows:
        if loops or f.kind is not FlowKind.LOOP_BACK:
            graph[f.source].append(f.target)
    return graph


def find_cycle(nodes: Sequence[str], flows: Iterable[Flow]) -> list[str] | None:
    """A cycle made of forward links (not loop-backs), as a list of node ids, or None.

    Depth first, with an explicit stack: a chain of any length is walked without recursion.
    """
    graph = successors(flows)
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    for start in nodes:
        if start in state:
            continue
        state[start] = 1
        path = [start]
        # One iterator over the successors per node on the path.
        pending = [iter(graph.get(start, ()))]
        while pending:
            nxt = next(pending[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                pending.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                pending.append(iter(graph.get(nxt, ())))
    return None


def reaches(flows: Iterable[Flow] | Mapping[str, Sequence[str]], start: str, goal: str) -> bool:
    """Whether ``goal`` can be reached from ``start`` along forward links.

    ``flows`` may also be the adjacency :func:`successors` gives, to ask many times of one graph.
    """
    graph = flows if isinstance(flows, Mapping) else successors(flows)
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def order(nodes: Sequence[str], flows: Iterable[Flow]) -> list[str]:
    """Nodes in flow order (a stable topological order over forward links)."""
    graph = successors(flows)
    indegree = dict.fromkeys(nodes, 0)
    for targets in graph.values():
        for t in targets:
            if t in indegree:
                indegree[t] += 1
    position = {n: i for i, n in enumerate(nodes)}
    # The ready node written first comes next: a heap of written positions.
    ready = [position[n] for n in nodes if indegree[n] == 0]
    heapq.heapify(ready)
    out: list[str] = []
    while ready:
        node = nodes[heapq.heappop(ready)]
        out.append(node)
        for t in graph.get(node, ()):
            if t in indegree:
                indegree[t] -= 1
                if indegree[t] == 0:
                    heapq.heappush(ready, position[t])
    if len(out) < len(position):  # only reached when a cycle slipped through
        placed = set(out)
        out.extend(n for n in nodes if n not in placed)
    return out
