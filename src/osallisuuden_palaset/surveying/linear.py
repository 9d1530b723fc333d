"""Exact linear algebra over the rationals on sparse rows: spans with certificates, null spaces, a tiny LP."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Generic, TypeVar

V = TypeVar("V", bound=Hashable)
L = TypeVar("L", bound=Hashable)
#: A sparse row: variable → coefficient (zero coefficients are left out).
Row = dict[V, Fraction]


def row(coefficients: Mapping[V, int | Fraction]) -> Row[V]:
    """A sparse row of ``coefficients`` without its zeros."""
    return {v: Fraction(c) for v, c in coefficients.items() if c}


def dot(a: Mapping[V, Fraction], b: Mapping[V, Fraction]) -> Fraction:
    """The dot product of two sparse rows."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum((c * large[v] for v, c in small.items() if v in large), Fraction(0))


def _axpy(target: Row[V], factor: Fraction, source: Mapping[V, Fraction]) -> None:
    """``target += factor * source``, in place, dropping the zeros it makes."""
    for v, c in source.items():
        value = target.get(v, Fraction(0)) + factor * c
        if value:
            target[v] = value
        else:
            target.pop(v, None)


class Span(Generic[V, L]):
    """The span of labelled rows, added one by one, that can say how a row is made of them.

    Rows are kept in echelon form; each remembers which of the labelled rows it is made of, so
    that :meth:`express` gives a certificate: the labelled rows, with their factors, that add up
    to the row asked about.
    """

    def __init__(self, order: Sequence[V]) -> None:
        #: Pivots are taken in this order of the variables (the same rows give the same basis).
        self._rank = {v: i for i, v in enumerate(order)}
        self._basis: list[tuple[V, Row[V], dict[L, Fraction]]] = []

    def __len__(self) -> int:
        return len(self._basis)

    def _reduce(self, values: Row[V], combo: dict[L, Fraction]) -> None:
        for pivot, basis_row, basis_combo in self._basis:
            factor = values.get(pivot)
            if factor:
                factor = -factor / basis_row[pivot]
                _axpy(values, factor, basis_row)
                _axpy(combo, factor, basis_combo)

    def add(self, values: Mapping[V, Fraction], label: L) -> bool:
        """Add a row under ``label``; whether it was independent of the rows before it."""
        reduced = dict(values)
        combo: dict[L, Fraction] = {label: Fraction(1)}
        self._reduce(reduced, combo)
        if not reduced:
            return False
        pivot = min(reduced, key=self._rank.__getitem__)
        self._basis.append((pivot, reduced, combo))
        return True

    def express(self, values: Mapping[V, Fraction]) -> dict[L, Fraction] | None:
        """Labelled rows and factors that add up to ``values``; None when it is not in the span."""
        reduced = dict(values)
        combo: dict[L, Fraction] = {}
        self._reduce(reduced, combo)
        if reduced:
            return None
        return {label: -factor for label, factor in combo.items()}

    def null_basis(self) -> list[Row[V]]:
        """Rows spanning every direction the added rows are all orthogonal to (over ``order``)."""
        reduced: list[tuple[V, Row[V]]] = []
        for pivot, basis_row, _ in sorted(self._basis, key=lambda b: self._rank[b[0]], reverse=True):
            values = dict(basis_row)
            for other_pivot, other in reduced:
                factor = values.get(other_pivot)
                if factor:
                    _axpy(values, -factor / other[other_pivot], other)
            scale = values[pivot]
            reduced.append((pivot, {v: c / scale for v, c in values.items()}))
        pivots = dict(reduced)
        out: list[Row[V]] = []
        for free in self._rank:
            if free in pivots:
                continue
            vector: Row[V] = {free: Fraction(1)}
            for pivot, values in pivots.items():
                coefficient = values.get(free)
                if coefficient:
                    vector[pivot] = -coefficient
            out.append(vector)
        return out


def maximize(objective: Sequence[Fraction], rows: Iterable[Sequence[Fraction]], bound: int = 1) -> Fraction:
    """The largest ``objective · p`` over ``-bound ≤ p ≤ bound`` with every ``row · p ≥ 0``.

    A simplex method on exact fractions with Bland's rule (so it cannot cycle): ``p`` is split
    into ``p⁺ − p⁻``, both within ``0…bound``, so the origin is a starting vertex.
    """
    k = len(objective)
    constraints = [[-c for c in r] + list(r) for r in rows]  # −row·p⁺ + row·p⁻ ≤ 0
    for i in range(2 * k):
        unit = [Fraction(0)] * (2 * k)
        unit[i] = Fraction(1)
        constraints.append(unit)
    rhs = [Fraction(0)] * (len(constraints) - 2 * k) + [Fraction(bound)] * (2 * k)
    m, n = len(constraints), 2 * k
    # Tableau rows: the constraints with their slacks; columns 0..n-1 the variables, n..n+m-1 the slacks.
    table = [
        [*r, *(Fraction(int(i == j)) for j in range(m)), b]
        for i, (r, b) in enumerate(zip(constraints, rhs, strict=True))
    ]
    # The objective row holds the reduced costs (maximizing: negative ones can still grow) and the value.
    cost = [*(-c for c in objective), *objective, *[Fraction(0)] * m, Fraction(0)]
    basis = [n + i for i in range(m)]
    while True:
        entering = next((j for j in range(n + m) if cost[j] < 0), None)
        if entering is None:
            return cost[-1]
        best: tuple[Fraction, int, int] | None = None
        for i in range(m):
            a = table[i][entering]
            if a > 0:
                candidate = (table[i][-1] / a, basis[i], i)
                if best is None or candidate < best:
                    best = candidate
        if best is None:  # unbounded: cannot happen within the box
            raise ArithmeticError("the linear program is unbounded")
        pivot_row = best[2]
        pivot = table[pivot_row][entering]
        table[pivot_row] = [v / pivot for v in table[pivot_row]]
        source = table[pivot_row]
        for i in range(m):
            factor = table[i][entering]
            if i != pivot_row and factor:
                table[i] = [v - factor * s for v, s in zip(table[i], source, strict=True)]
        factor = cost[entering]
        cost = [v - factor * s for v, s in zip(cost, source, strict=True)]
        basis[pivot_row] = entering
