"""Tests of the disclosure audit: the issue's attacks on the old pattern, and agreement with brute force."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuuden_palaset.surveying.disclosure import (
    Atom,
    Cell,
    DisclosureError,
    GroupKey,
    Kind,
    LinkedTable,
    Part,
    audit,
    recoveries,
)
from osallisuuden_palaset.surveying.privacy import Hidden
from tests.surveying.attacker import pinned, solvable_sums

A, B = (("g", "A"),), (("g", "B"),)
CHANGE = (Part.START, Part.FOLLOW_UP, Part.PAIRS)


def change_counts(**groups: tuple[int, int, int]) -> dict[Atom, int]:
    """Atoms of a change table: group → (paired, start only, follow-up only)."""
    out: dict[Atom, int] = {}
    for name, (paired, first, second) in groups.items():
        key = (("g", name),)
        out |= {(key, Kind.PAIRED): paired, (key, Kind.START_ONLY): first, (key, Kind.FOLLOW_UP_ONLY): second}
    return out


def test_the_old_pattern_let_the_pre_post_welch_attack_through() -> None:
    # Issue 13's first attack: A's 16 all answered both times, B has 4 pairs. The old rule hid the
    # pairs of both groups but showed A's waves: A's pairs are then forced to 16 (at most A's start
    # n, at least 20 − 4), A's waves give its change, and the total minus A gives B's.
    counts = change_counts(A=(16, 0, 0), B=(4, 2, 2))
    old: dict[Cell, Hidden | None] = {Cell(k, p): None for k in ((), A, B) for p in CHANGE}
    old[Cell(A, Part.PAIRS)] = Hidden.COMPLEMENTARY
    old[Cell(B, Part.PAIRS)] = Hidden.SMALL
    found = {(r.cell, r.figure) for r in recoveries(LinkedTable(5, counts, old))}
    assert (Cell(B, Part.PAIRS), "n") in found
    assert (Cell(A, Part.PAIRS), "n") in found
    with pytest.raises(DisclosureError, match=r"g=B: pairs \(n\)"):
        audit(LinkedTable(5, counts, old))


def test_the_old_pattern_let_the_nested_breakdown_attack_through() -> None:
    # Issue 13's second attack: kunta=K2 has 8, ryhmä=A within it 7 and B 1; the margin K2 is
    # published by `--by kunta`, so (B, K2) = K2 − (A, K2) when (A, K2) is shown.
    r, k = "ryhmä", "kunta"
    counts: dict[Atom, int] = {
        (((r, "A"), (k, "K1")), Kind.SCORED): 3,
        (((r, "A"), (k, "K2")), Kind.SCORED): 7,
        (((r, "B"), (k, "K1")), Kind.SCORED): 5,
        (((r, "B"), (k, "K2")), Kind.SCORED): 1,
    }
    keys: list[GroupKey] = [(), ((k, "K1"),), ((k, "K2"),), ((r, "A"),), ((r, "B"),), *(a[0] for a in counts)]
    old: dict[Cell, Hidden | None] = {Cell(key, Part.SCORES): None for key in keys}
    for small in (((r, "A"), (k, "K1")), ((r, "B"), (k, "K1")), ((r, "B"), (k, "K2"))):
        old[Cell(small, Part.SCORES)] = Hidden.SMALL
    found = {(r_.cell.key, r_.figure) for r_ in recoveries(LinkedTable(5, counts, old))}
    assert (((r, "B"), (k, "K2")), "n") in found


def test_hidden_cells_of_one_line_must_hold_the_limit_together() -> None:
    counts: dict[Atom, int] = {
        ((("g", g),), Kind.SCORED): n for g, n in (("a", 10), ("b", 7), ("c", 2), ("d", 1))
    }
    cells: dict[Cell, Hidden | None] = {Cell(k, Part.SCORES): None for k in ((), *(a[0] for a in counts))}
    cells[Cell((("g", "c"),), Part.SCORES)] = Hidden.SMALL
    cells[Cell((("g", "d"),), Part.SCORES)] = Hidden.SMALL
    # c and d together are the total minus a and b: a group of 3, its mean there for anyone to see.
    (union,) = [r for r in recoveries(LinkedTable(5, counts, cells)) if r.figure == "union"]
    assert union.shown == (Cell((("g", "a"),), Part.SCORES), Cell((("g", "b"),), Part.SCORES))
    cells[Cell((("g", "b"),), Part.SCORES)] = Hidden.COMPLEMENTARY
    assert recoveries(LinkedTable(5, counts, cells)) == ()


# --- agreement with a brute-force reader ------------------------------------------------------------


@st.composite
def small_tables(draw: st.DrawFn) -> LinkedTable:
    """Tables small enough to try every possible count: one field with 2–3 groups, or two fields 2×2."""
    m = draw(st.sampled_from([3, 4, 5]))
    change = draw(st.booleans())
    if change or draw(st.booleans()):
        groups: list[GroupKey] = [
            (("g", name),) for name in "abc"[: draw(st.integers(2, 3 if not change else 2))]
        ]
        margins: list[GroupKey] = [()]
    else:
        groups = [(("r", r), ("k", k)) for r, k in itertools.product("ab", "xy")]
        margins = [(), (("r", "a"),), (("r", "b"),), (("k", "x"),), (("k", "y"),)]
    kinds = [Kind.PAIRED, Kind.START_ONLY, Kind.FOLLOW_UP_ONLY] if change else [Kind.SCORED]
    big, few = st.integers(0, 7), st.integers(0, 3)
    counts = {(g, kind): draw(big if kind in (Kind.PAIRED, Kind.SCORED) else few) for g in groups
              for kind in kinds}  # fmt: skip
    parts = CHANGE if change else (Part.SCORES,)
    base = LinkedTable(m, counts, {})
    cells: dict[Cell, Hidden | None] = {}
    for key in [*margins, *groups]:
        for part in parts:
            cell = Cell(key, part)
            if base.count(cell) < m:
                cells[cell] = Hidden.SMALL
            else:
                cells[cell] = draw(st.sampled_from([None, None, Hidden.COMPLEMENTARY])) if key else None
    rows_nonempty = all(sum(n for (k, _), n in counts.items() if k == g) >= 1 for g in groups)
    return LinkedTable(m, counts, cells, everyone_scored=rows_nonempty and draw(st.booleans()))


@settings(max_examples=150, deadline=None)
@given(small_tables())
def test_the_audit_pins_down_exactly_the_counts_a_brute_force_reader_can(table: LinkedTable) -> None:
    found = recoveries(table)
    by_audit = {r.cell for r in found if r.figure == "n"}
    by_force, empty = pinned(table)
    assert by_audit == by_force
    # Sums: where the count is not pinned, the audit solves the same sums as trying every small change.
    solved = {r.cell for r in found if r.figure == "sum"}
    assert solved == solvable_sums(table, empty) - by_force
