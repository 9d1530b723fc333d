"""Exact linear algebra on sparse integer rows: spans with certificates, null spaces, a tiny cone LP."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Generic, TypeVar

from osallisuuden_palaset.messages.catalogue import msg

V = TypeVar("V", bound=Hashable)
L = TypeVar("L", bound=Hashable)
#: A sparse row: variable → whole-number coefficient (zero coefficients are left out).
Row = dict[V, int]


def row(coefficients: Mapping[V, int]) -> Row[V]:
    """A sparse row of ``coefficients`` without its zeros."""
    return {v: c for v, c in coefficients.items() if c}


def dot(a: Mapping[V, int], b: Mapping[V, int]) -> int:
    """The dot product of two sparse rows."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(c * large[v] for v, c in small.items() if v in large)


def _combine(a: int, left: Mapping[V, int], b: int, right: Mapping[V, int]) -> dict[V, int]:
    """``a * left - b * right`` without its zeros."""
    out = {v: a * c for v, c in left.items()}
    for v, c in right.items():
        value = out.get(v, 0) - b * c
        if value:
            out[v] = value
        else:
            out.pop(v, None)
    return out


def _divide(common: int, *rows: dict[Any, int]) -> None:
    if common > 1:
        for values in rows:
            for v in values:
                values[v] //= common


def _content(*rows: Mapping[Any, int]) -> int:
    return math.gcd(*(c for values in rows for c in values.values()))


class Span(Generic[V, L]):
    """The span of labelled rows, added one by one, that can say how a row is made of them.

    Rows are kept in echelon form by fraction-free elimination (whole numbers only); each
    remembers which labelled rows it is made of, so that :meth:`express` gives a certificate:
    the labelled rows that add up to the row asked about.
    """

    def __init__(self, order: Sequence[V]) -> None:
        #: Pivots are taken in this order of the variables (the same rows give the same basis).
        self._rank = {v: i for i, v in enumerate(order)}
        #: (pivot, row, combo) with row == Σ combo[label] · the row added under label.
        self._basis: list[tuple[V, dict[V, int], dict[L, int]]] = []
        self._pivots: dict[V, int] = {}

    def __len__(self) -> int:
        return len(self._basis)

    def _reduce(
        self, values: dict[V, int], combo: dict[L, int], scale: int
    ) -> tuple[dict[V, int], dict[L, int], int]:
        """Eliminate every pivot: (rest, combo, scale) with rest == scale · values + Σ combo · rows."""
        for pivot, basis_row, basis_combo in self._basis:
            c = values.get(pivot)
            if not c:
                continue
            b = basis_row[pivot]
            g = math.gcd(b, c)
            b, c = b // g, c // g
            values = _combine(b, values, c, basis_row)
            combo = _combine(b, combo, c, basis_combo)
            scale *= b
            common = math.gcd(_content(values, combo), scale)
            _divide(common, values, combo)
            scale //= common
        return values, combo, scale

    def add(self, values: Mapping[V, int], label: L) -> bool:
        """Add a row under ``label``; whether it was independent of the rows before it."""
        reduced, combo, _ = self._reduce(dict(values), {label: 1}, 1)
        if not reduced:
            return False
        _divide(_content(reduced, combo), reduced, combo)
        pivot = min(reduced, key=self._rank.__getitem__)
        self._pivots[pivot] = len(self._basis)
        self._basis.append((pivot, reduced, combo))
        return True

    def express(self, values: Mapping[V, int]) -> dict[L, Fraction] | None:
        """Labelled rows and factors that add up to ``values``; None when it is not in the span."""
        reduced, combo, scale = self._reduce(dict(values), {}, 1)
        if reduced:
            return None
        # 0 == scale · values + Σ combo · rows, so values == Σ (−combo / scale) · rows.
        return {label: Fraction(-factor, scale) for label, factor in combo.items()}

    def null_basis(self) -> list[Row[V]]:
        """Whole-number rows spanning every direction the added rows are all orthogonal to."""
        # Latest first: each row has no pivot of the rows before it, so going backwards every row
        # can be cleared of the later pivots with rows already cleared.
        reduced: list[tuple[V, dict[V, int]]] = []
        for pivot, basis_row, _ in reversed(self._basis):
            values = dict(basis_row)
            for other_pivot, other in reduced:
                c = values.get(other_pivot)
                if c:
                    b = other[other_pivot]
                    g = math.gcd(b, c)
                    values = _combine(b // g, values, c // g, other)
                    _divide(_content(values), values)
            reduced.append((pivot, values))
        out: list[Row[V]] = []
        for free in self._rank:
            if free in self._pivots:
                continue
            uses = [(p, r) for p, r in reduced if r.get(free)]
            scale = math.lcm(*(r[p] for p, r in uses)) if uses else 1
            vector: Row[V] = {free: scale}
            for pivot, values in uses:
                vector[pivot] = -values[free] * scale // values[pivot]
            _divide(abs(_content(vector)), vector)
            out.append(vector)
        return out


#: A number the simplex method computes with: float (fast) or Fraction (exact).
Number = Any


def _simplex(
    objective: Sequence[int],
    rows: Sequence[Sequence[int]],
    bound: int,
    number: Callable[[int], Number],
    eps: float,
) -> tuple[Number, list[Number], list[Number]]:
    """The simplex method with Bland's rule over ``number`` (float or Fraction): (optimum, p, duals).

    ``duals`` are the optimal dual values of ``rows`` (Farkas: at an optimum of 0 they show
    ``objective == −Σ duals[i] · rows[i]`` with every dual ≥ 0).

    ``p`` is split into ``p⁺ − p⁻``, both within ``0…bound``, so the origin is a starting vertex;
    ``eps`` is the tolerance of the comparisons (0 for fractions).
    """
    k = len(objective)
    zero, one = number(0), number(1)
    # −row·p⁺ + row·p⁻ ≤ 0, then the box.
    constraints = [[number(-c) for c in r] + [number(c) for c in r] for r in rows]
    for i in range(2 * k):
        unit = [zero] * (2 * k)
        unit[i] = one
        constraints.append(unit)
    rhs = [zero] * (len(constraints) - 2 * k) + [number(bound)] * (2 * k)
    m, n = len(constraints), 2 * k
    table: list[list[Number]] = []
    for i, (r, b) in enumerate(zip(constraints, rhs, strict=True)):
        slack = [zero] * m
        slack[i] = one
        table.append([*r, *slack, b])
    # The objective row holds the reduced costs (maximizing: negative ones can still grow) and the value.
    cost = [*(number(-c) for c in objective), *(number(c) for c in objective)]
    cost += [zero] * (m + 1)
    basis = [n + i for i in range(m)]
    while True:
        entering = next((j for j in range(n + m) if cost[j] < -eps), None)
        if entering is None:
            p = [zero] * (2 * k)
            for i, var in enumerate(basis):
                if var < n:
                    p[var] = table[i][-1]
            return cost[-1], [p[i] - p[k + i] for i in range(k)], cost[n : n + len(rows)]
        best: tuple[Number, int, int] | None = None
        for i in range(m):
            a = table[i][entering]
            if a > eps:
                candidate = (table[i][-1] / a, basis[i], i)
                if best is None or candidate < best:
                    best = candidate
        if best is None:  # unbounded: cannot happen within the box
            raise ArithmeticError(msg("the linear program is unbounded"))
        pivot_row = best[2]
        pivot = table[pivot_row][entering]
        table[pivot_row] = [v / pivot for v in table[pivot_row]]
        source = table[pivot_row]
        nonzero = [j for j, v in enumerate(source) if v]
        for i in range(m):
            factor = table[i][entering]
            if i != pivot_row and factor:
                target = table[i]
                for j in nonzero:
                    target[j] -= factor * source[j]
        factor = cost[entering]
        for j in nonzero:
            cost[j] -= factor * source[j]
        basis[pivot_row] = entering


def maximize(objective: Sequence[int], rows: Sequence[Sequence[int]], bound: int = 1) -> Fraction:
    """The largest ``objective · p`` over ``-bound ≤ p ≤ bound`` with every ``row · p ≥ 0``, exactly."""
    value: Fraction = _simplex(objective, rows, bound, Fraction, 0)[0]
    return value


def _whole(values: Sequence[float]) -> tuple[list[int], int]:
    """Near fractions of ``values`` over one common denominator: (numerators, denominator)."""
    exact = [Fraction(x).limit_denominator(1 << 20) if x else Fraction(0) for x in values]
    scale = math.lcm(*(x.denominator for x in exact))
    return [x.numerator * (scale // x.denominator) for x in exact], scale


def _best(objective: Sequence[int], rows: Sequence[Sequence[int]]) -> list[int] | None:
    """A whole-number ``p`` in the cone with ``objective · p > 0``, or None when there is none.

    Floats find the answer; whole numbers check its certificate: the point ``p``, or the duals
    when ``p`` cannot grow (``objective = −Σ y·row`` with every ``y ≥ 0``). Only when the check
    fails does the exact simplex method decide.
    """
    value, found, duals = _simplex(objective, rows, 1, float, 1e-9)
    if value > 1e-7:
        p, _ = _whole(found)
        if all(_dot(r, p) >= 0 for r in rows) and _dot(objective, p) > 0:
            return p
    else:
        y, scale = _whole(duals)
        used = [(y_i, r) for y_i, r in zip(y, rows, strict=True) if y_i]
        combined = [scale * c + sum(y_i * r[j] for y_i, r in used) for j, c in enumerate(objective)]
        if all(y_i >= 0 for y_i in y) and not any(combined):
            return None
    exact_value, exact_p, _ = _simplex(objective, rows, 1, Fraction, 0)
    return _whole(exact_p)[0] if exact_value > 0 else None


def _dot(a: Sequence[int], b: Sequence[int]) -> int:
    return sum(x * y for x, y in zip(a, b, strict=True))


class Cone:
    """The directions ``p`` with every ``row · p ≥ 0``: which rows it holds at 0, and what it moves.

    A row that is 0 at every direction of the cone is an *implicit equality*; the cone spans
    exactly the directions those rows are all 0 at. So a linear function can take another value
    somewhere in the cone exactly when it is not a combination of the implicit equalities — one
    span test, after a few linear programs that find them.
    """

    def __init__(self, rows: Sequence[Sequence[int]], size: int) -> None:
        self.rows = [list(r) for r in rows]
        undecided = {i for i, r in enumerate(self.rows) if any(r)}
        for j in range(size):  # a coordinate every row lets grow (or shrink) shows rows positive
            column = [r[j] for r in self.rows]
            if all(c >= 0 for c in column) or all(c <= 0 for c in column):
                undecided -= {i for i, c in enumerate(column) if c}
        while undecided:
            objective = [sum(self.rows[i][j] for i in undecided) for j in range(size)]
            p = _best(objective, self.rows) if any(objective) else None
            if p is None:  # every undecided row is 0 all over the cone
                break
            undecided -= {i for i in undecided if _dot(self.rows[i], p) > 0}
        self.equalities = sorted(undecided)
        self._span: Span[int, int] = Span(range(size))
        for i in self.equalities:
            self._span.add(row(dict(enumerate(self.rows[i]))), i)

    def moves(self, direction: Sequence[int]) -> bool:
        """Whether some direction of the cone gives ``direction · p ≠ 0``."""
        return self._span.express(row(dict(enumerate(direction)))) is None
