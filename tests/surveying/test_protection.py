"""Tests of suppression over linked cells: the rule's examples, and laws over generated breakdowns."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuuden_palaset.surveying.disclosure import (
    Atom,
    Cell,
    GroupKey,
    Kind,
    LinkedTable,
    Part,
    recoveries,
)
from osallisuuden_palaset.surveying.privacy import Hidden
from osallisuuden_palaset.surveying.protection import protect

S = Hidden.SMALL
C = Hidden.COMPLEMENTARY


def one_field(sizes: dict[str, int], m: int = 5) -> dict[str, Hidden | None]:
    counts: dict[Atom, int] = {((("g", g),), Kind.SCORED): n for g, n in sizes.items()}
    status = protect(counts, [Part.SCORES], ["g"], m).status
    assert status[Cell((), Part.SCORES)] is None
    return {dict(c.key)["g"]: h for c, h in status.items() if c.key}


def test_one_small_group_beside_a_total_takes_the_smallest_other_with_it() -> None:
    assert one_field({"a": 10, "b": 6, "c": 2}) == {"a": None, "b": C, "c": S}
    assert one_field({"a": 10, "b": 6}) == {"a": None, "b": None}
    assert one_field({"a": 10, "b": 3, "c": 2}) == {"a": None, "b": S, "c": S}  # 3 + 2 = 5 together


def test_small_groups_together_under_the_limit_take_the_next_smallest_with_them() -> None:
    # 2 + 1 people could be worked out from the total together: a third group goes too.
    assert one_field({"a": 10, "b": 7, "c": 2, "d": 1}) == {"a": None, "b": C, "c": S, "d": S}


def test_a_lower_limit_hides_less() -> None:
    assert one_field({"a": 10, "b": 3, "c": 2}, m=3) == {"a": None, "b": C, "c": S}
    with pytest.raises(Exception, match="at least 3"):
        one_field({"a": 4}, m=2)


def test_the_pre_post_welch_attack_leaves_both_groups_hidden_and_the_total_shown() -> None:
    # A's 16 all answered both times, B has 4 pairs and two answering only once in each wave.
    counts: dict[Atom, int] = {}
    for name, (paired, first, second) in {"A": (16, 0, 0), "B": (4, 2, 2)}.items():
        key = (("g", name),)
        counts |= {
            (key, Kind.PAIRED): paired,
            (key, Kind.START_ONLY): first,
            (key, Kind.FOLLOW_UP_ONLY): second,
        }
    status = protect(counts, [Part.START, Part.FOLLOW_UP, Part.PAIRS], ["g"], 5).status
    assert all(status[Cell((), p)] is None for p in Part if p is not Part.SCORES)
    assert status[Cell((("g", "B"),), Part.PAIRS)] is S
    assert {status[Cell((("g", g),), p)] for g in "AB" for p in (Part.START, Part.FOLLOW_UP)} == {C}
    assert status[Cell((("g", "A"),), Part.PAIRS)] is C


# --- laws -----------------------------------------------------------------------------------------


@st.composite
def breakdowns(draw: st.DrawFn) -> tuple[dict[Atom, int], tuple[str, ...], tuple[Part, ...], int, bool]:
    """Counts of 1–3 grouping fields (at most 8 groups), small and large groups, one or two waves."""
    fields = tuple(draw(st.lists(st.sampled_from("xyz"), min_size=1, max_size=3, unique=True)))
    values = {f: draw(st.integers(1, 3 if len(fields) < 3 else 2)) for f in fields}
    change = draw(st.booleans())
    kinds = [Kind.PAIRED, Kind.START_ONLY, Kind.FOLLOW_UP_ONLY] if change else [Kind.SCORED]
    parts = (Part.START, Part.FOLLOW_UP, Part.PAIRS) if change else (Part.SCORES,)
    size = st.one_of(st.integers(0, 4), st.integers(5, 25))
    counts: dict[Atom, int] = {}
    for combo in itertools.product(*(range(values[f]) for f in fields)):
        key = tuple((f, f"{f}{v}") for f, v in zip(fields, combo, strict=True))
        if draw(st.integers(0, 5)) == 0:
            continue  # a combination nobody has
        for kind in kinds:
            counts[(key, kind)] = draw(size if kind in (Kind.PAIRED, Kind.SCORED) else st.integers(0, 3))
    if not counts:
        counts = {(tuple((f, f"{f}0") for f in fields), kind): 6 for kind in kinds}
    everyone = draw(st.booleans()) and all(
        sum(n for (k, _), n in counts.items() if k == key) >= 1 for key in {k for k, _ in counts}
    )
    return counts, fields, parts, draw(st.sampled_from([3, 5])), everyone


def _restricted(counts: dict[Atom, int], fields: Sequence[str]) -> dict[Atom, int]:
    out: dict[Atom, int] = defaultdict(int)
    for (key, kind), n in counts.items():
        out[(tuple(p for p in key if p[0] in fields), kind)] += n
    return dict(out)


@settings(max_examples=40, deadline=None)
@given(breakdowns(), st.randoms(use_true_random=False))
def test_protection_always_passes_the_audit_and_margins_keep_their_own_pattern(
    case: tuple[dict[Atom, int], tuple[str, ...], tuple[Part, ...], int, bool], rnd: object
) -> None:
    counts, fields, parts, m, everyone = case
    result = protect(counts, parts, fields, m, everyone_scored=everyone)
    table = LinkedTable(m, counts, result.status, everyone)
    assert recoveries(table) == ()
    for cell, hidden in result.status.items():
        assert (hidden is S) == (table.count(cell) < m)  # small means small, and only that
    # The same cells, whatever the order of --by.
    shuffled = list(fields)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    position = {f: i for i, f in enumerate(shuffled)}
    reordered = {(tuple(sorted(k, key=lambda p: position[p[0]])), kind): n for (k, kind), n in counts.items()}
    again = protect(reordered, parts, shuffled, m, everyone_scored=everyone).status
    assert {(frozenset(c.key), c.part): h for c, h in again.items()} == {
        (frozenset(c.key), c.part): h for c, h in result.status.items()
    }
    # Every margin shows what the breakdown by its own fields shows, unless reported as widened;
    # a breakdown left out on its own is left out as a margin too.
    for size in range(len(fields)):
        for sub in itertools.combinations(fields, size):
            alone = protect(_restricted(counts, sub), parts, sub, m, everyone_scored=everyone).status
            for cell, hidden in alone.items():
                if len(cell.key) == len(sub):
                    assert cell in result.status
                    assert cell in result.widened or result.status[cell] == hidden, cell
            if tuple(sub) in result.withdrawn:
                assert not any(len(c.key) == len(sub) and len(sub) for c in alone)


def test_a_nested_breakdown_that_must_hide_its_margins_says_so() -> None:
    # Issue 13's second attack data: K2 = A 7 + B 1, K1 = A 3 + B 5. The inner cells cannot be
    # protected against the margins (B's 5 in K1 is at the limit, B's 1 in K2 the least a listed
    # group has), so margins are hidden too, and reported as such.
    r, k = "ryhmä", "kunta"
    counts: dict[Atom, int] = {(((r, a), (k, b)), Kind.SCORED): n for (a, b), n in
              {("A", "K1"): 3, ("A", "K2"): 7, ("B", "K1"): 5, ("B", "K2"): 1}.items()}  # fmt: skip
    result = protect(counts, [Part.SCORES], [r, k], 5, everyone_scored=True)
    assert result.widened
    assert all(len(c.key) == 1 for c in result.widened)
    margins: list[GroupKey] = [((k, "K2"),), ((r, "B"),)]
    assert all(result.status[Cell(key, Part.SCORES)] is C for key in margins)


def test_groups_that_even_hidden_would_give_themselves_away_are_left_out() -> None:
    # Six people over three fields with a limit of 3: every (y, z) group is under 3, the y margins
    # are 3 each. Hidden, their labels alone ("<3", or at least 3 when protected) pin every count,
    # so the (y, z) breakdown is not published at all, and neither is anything finer.
    people = (("x0", "y0", "z0", 1), ("x0", "y1", "z0", 1), ("x1", "y0", "z1", 2), ("x1", "y1", "z1", 2))
    counts: dict[Atom, int] = {((("x", x), ("y", y), ("z", z)), Kind.SCORED): n for x, y, z, n in people}
    result = protect(counts, [Part.SCORES], ["x", "y", "z"], 3)
    assert ("y", "z") in result.withdrawn
    assert not any({f for f, _ in c.key} == {"y", "z"} for c in result.status)
    assert result.status[Cell((), Part.SCORES)] is None
    assert recoveries(LinkedTable(3, counts, result.status)) == ()
