"""Tests of the difference between two versions of a practice."""

from __future__ import annotations

import attrs
from hypothesis import given, settings

from osallisuuden_palaset import Flow, FlowKind, Practice
from osallisuuden_palaset.assessing.diffing import ChangeKind, diff_practices
from tests.assessing.builders import block, claim
from tests.strategies import practices

OLD = Practice(
    id="p",
    name="P",
    steps=[block("a", claim("p1")), block("b", claim("p2")), block("c")],
    flows=[Flow("a", "b"), Flow("b", "c")],
)
NEW = Practice(
    id="p",
    name="P2",
    steps=[block("a", claim("p1", "strong")), block("b", claim("p5")), block("d")],
    flows=[Flow("a", "b", kind=FlowKind.PARALLEL), Flow("b", "d")],
)


def test_steps_flows_and_claims_added_removed_changed() -> None:
    d = diff_practices(OLD, NEW)
    assert [c.key for c in d.of("field")] == ["name"]
    assert [(c.kind, c.key) for c in d.of("step")] == [(ChangeKind.ADDED, "d"), (ChangeKind.REMOVED, "c")]
    assert [(c.kind, c.key, c.fields) for c in d.of("flow")] == [
        (ChangeKind.CHANGED, "a -> b", ("kind",)),
        (ChangeKind.ADDED, "b -> d", ()),
        (ChangeKind.REMOVED, "b -> c", ()),
    ]
    assert [(c.kind, c.key) for c in d.of("claim")] == [
        (ChangeKind.CHANGED, "a: p1"),
        (ChangeKind.ADDED, "b: p5"),
        (ChangeKind.REMOVED, "b: p2"),
    ]
    assert d.of("claim", ChangeKind.CHANGED)[0].fields == ("strength",)


# The practice strategy is slow to draw; a few examples per run still vary every field.
@settings(max_examples=12)
@given(practices(max_steps=3), practices(max_steps=3))
def test_no_difference_with_itself_and_added_one_way_is_removed_the_other(a: Practice, b: Practice) -> None:
    assert diff_practices(a, a).is_empty
    b = attrs.evolve(b, id=a.id)
    forward, backward = diff_practices(a, b), diff_practices(b, a)

    def keys(d: object, kind: ChangeKind) -> set[tuple[str, str]]:
        return {(c.area, c.key) for c in d.changes if c.kind is kind}  # type: ignore[attr-defined]

    assert keys(forward, ChangeKind.ADDED) == keys(backward, ChangeKind.REMOVED)
    assert keys(forward, ChangeKind.CHANGED) == keys(backward, ChangeKind.CHANGED)
