"""Tests of the exact linear algebra: spans with certificates, null spaces, the small LP, by brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.surveying.linear import Cone, Span, dot, maximize, row

F = Fraction


def test_a_span_says_how_a_row_is_made_of_the_added_rows() -> None:
    span: Span[str, str] = Span(["a", "b", "c"])
    assert span.add(row({"a": 1, "b": 1}), "total")
    assert span.add(row({"b": 1}), "b")
    assert not span.add(row({"a": 2}), "twice a")  # a = total − b: nothing new
    assert span.express(row({"a": 1})) == {"total": F(1), "b": F(-1)}
    assert span.express(row({"c": 1})) is None
    assert span.null_basis() == [{"c": 1}]


def test_maximize_stays_in_the_box_and_the_cone() -> None:
    assert maximize([1], [[-1]]) == 0  # −p ≥ 0: p cannot grow
    assert maximize([1, 1], [[1, -1]]) == 2
    assert maximize([1], []) == 1
    assert maximize([1, -1], [[1, 0], [0, -1]], bound=3) == 6


small_rows = st.lists(st.lists(st.integers(-2, 2), min_size=4, max_size=4), max_size=5)


@given(small_rows, st.lists(st.integers(-2, 2), min_size=4, max_size=4))
def test_span_membership_and_null_space_agree_with_each_other(
    rows: list[list[int]], target: list[int]
) -> None:
    names = ["a", "b", "c", "d"]
    span: Span[str, int] = Span(names)
    for index, values in enumerate(rows):
        span.add(row(dict(zip(names, values, strict=True))), index)
    wanted = row(dict(zip(names, target, strict=True)))
    combo = span.express(wanted)
    null = span.null_basis()
    for vector in null:
        for values in rows:
            assert dot(row(dict(zip(names, values, strict=True))), vector) == 0
    # In the span exactly when orthogonal to every null direction; the certificate adds up.
    assert (combo is not None) == all(dot(wanted, n) == 0 for n in null)
    if combo is not None:
        total: dict[str, Fraction] = {}
        for index, factor in combo.items():
            for name, value in zip(names, rows[index], strict=True):
                total[name] = total.get(name, F(0)) + factor * value
        assert {k: v for k, v in total.items() if v} == wanted
    assert len(null) + len(span) == len(names)


@given(
    st.lists(st.integers(-2, 2), min_size=2, max_size=2),
    st.lists(st.lists(st.integers(-2, 2), min_size=2, max_size=2), max_size=4),
)
def test_maximize_finds_the_best_corner_of_a_grid(objective: list[int], rows: list[list[int]]) -> None:
    # The optimum of a linear program is at a vertex. Each row's line runs through the origin and
    # meets the box's edges where a coordinate is ±1 and the other a ratio of coefficients up to 2,
    # so every vertex lies on the grid of halves: brute force over the grid finds the same optimum.
    best = maximize(objective, rows)
    grid = [F(i, 2) for i in range(-2, 3)]
    feasible = [p for p in itertools.product(grid, repeat=2) if all(dot_list(r, p) >= 0 for r in rows)]
    assert max(dot_list(objective, p) for p in feasible) == best


def dot_list(a: list[int], b: tuple[Fraction, ...]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), F(0))


@given(
    st.lists(st.integers(-2, 2), min_size=3, max_size=3),
    st.lists(st.lists(st.integers(-2, 2), min_size=3, max_size=3), max_size=5),
)
def test_the_cone_moves_what_the_linear_program_can_move(direction: list[int], rows: list[list[int]]) -> None:
    # One span test against the implicit equalities answers what two linear programs would.
    expected = any(direction) and (
        maximize(direction, rows) > 0 or maximize([-c for c in direction], rows) > 0
    )
    cone = Cone(rows, len(direction))
    assert cone.moves(direction) == expected
    for i in cone.equalities:  # an implicit equality is 0 all over the cone
        assert maximize(rows[i], rows) == 0
