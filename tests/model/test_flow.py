"""The flow graph: cycles, reachability and flow order, for chains of any length (no recursion)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given

from osallisuuden_palaset.model.flow import Flow, FlowKind, find_cycle, order, successors
from osallisuuden_palaset.model.practice import Practice
from tests import strategies


def test_a_practice_whose_flow_is_a_chain_of_2000_steps_is_built() -> None:
    practice = strategies.flow_chain(2000)  # Practice(...) ended in RecursionError at ~1,000
    assert [s.id for s in practice.ordered_steps()] == [f"s{i}" for i in range(2000)]
    assert practice.entries() == ("s0",)
    assert practice.exits() == ("s1999",)


def test_find_cycle_finds_a_cycle_2000_steps_long() -> None:
    nodes = [f"s{i}" for i in range(2000)]
    flows = [Flow(a, b) for a, b in zip(nodes, [*nodes[1:], nodes[0]], strict=True)]
    cycle = find_cycle(nodes, flows)
    assert cycle is not None
    assert cycle[0] == cycle[-1] == "s0"
    assert len(cycle) == 2001
    assert find_cycle(nodes, flows[:-1]) is None
    loops = [*flows[:-1], Flow(nodes[-1], nodes[0], kind=FlowKind.LOOP_BACK)]
    assert find_cycle(nodes, loops) is None


def _reference_order(nodes: Sequence[str], flows: Sequence[Flow]) -> list[str]:
    """The stable topological order, written the obvious (quadratic) way."""
    graph = successors(flows)
    indegree = {n: sum(targets.count(n) for targets in graph.values()) for n in nodes}
    out: list[str] = []
    while len(out) < len(nodes):
        ready = [n for n in nodes if n not in out and indegree[n] == 0]
        node = ready[0]
        out.append(node)
        for t in graph.get(node, ()):
            indegree[t] -= 1
    return out


@given(strategies.practices(max_steps=7))
def test_flow_order_is_the_stable_topological_order(practice: Practice) -> None:
    assert order(practice.step_ids, practice.flows) == _reference_order(practice.step_ids, practice.flows)
