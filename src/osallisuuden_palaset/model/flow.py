"""Links between the steps of a practice and the graph checks on them."""

from __future__ import annotations

import enum
import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from osallisuuden_palaset.model.ids import check_id
from osallisuuden_palaset.model.text import Text, optional_text


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
