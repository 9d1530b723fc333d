"""Tests of the practice invariants checked when a practice is built."""

from __future__ import annotations

import pytest

from osallisuuden_palaset import Block, Flow, FlowKind, ModelError, Practice


def steps(*ids: str) -> list[Block]:
    return [Block(id=i, name=i.upper()) for i in ids]


def test_valid_practice_orders_steps_by_flow() -> None:
    p = Practice(
        id="p",
        name="P",
        steps=steps("c", "a", "b"),
        flows=[Flow("a", "b"), Flow("b", "c"), Flow("c", "a", kind=FlowKind.LOOP_BACK)],
    )
    assert [s.id for s in p.ordered_steps()] == ["a", "b", "c"]
    assert p.entries() == ("a",)
    assert p.exits() == ("c",)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ModelError) as info:
        Practice(
            id="p",
            name="P",
            steps=[*steps("a", "b"), Block(id="a", name="again")],
            flows=[Flow("a", "zz"), Flow("b", "a"), Flow("a", "b")],
        )
    messages = [i.message for i in info.value.issues]
    assert any("duplicate step id 'a'" in m for m in messages)
    assert any("'zz' is not a step" in m for m in messages)
    assert any("cycle" in m for m in messages)


def test_loop_back_must_go_back() -> None:
    with pytest.raises(ModelError, match="does not go back"):
        Practice(id="p", name="P", steps=steps("a", "b"), flows=[Flow("a", "b", kind=FlowKind.LOOP_BACK)])


def test_unknown_flow_end_names_nearest_step() -> None:
    with pytest.raises(ModelError) as info:
        Practice(id="p", name="P", steps=steps("kartoitus", "ryhma"), flows=[Flow("kartoitus", "ryhmä")])
    assert info.value.issues[0].hint == "nearest: ryhma"
