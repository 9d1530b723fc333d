"""The disclosure audit: what a reader could work out about hidden cells by adding and subtracting.

A report publishes cells: the figures of everyone, of every group and every margin, for each
part (the scores, or the start, the follow-up and the pairs of a change). Each cell is a sum
over *atoms*: the respondents of one finest group who are of one kind (scored; or scored in
both waves, only at the start, only at the follow-up). A reader knows every shown cell's n and
its sums (mean × n, and so on), and of a hidden cell what its label says: ``<5`` means 0–4,
"hidden to protect another group" means at least 5. :func:`recoveries` finds every hidden cell
whose n or sum is nevertheless determined:

- **counts**: the n's are an exact linear system with bounds (no count below 0, the labels'
  bounds, every listed group has someone when no one was left without a score). A hidden n is
  determined when no feasible change of the table moves it: a small exact linear program over
  the directions the shown n's leave free, bounded where the truth touches a bound;
- **sums**: the score sums (and so the means, standard deviations and distributions, which add
  up the same way) are determined when the hidden cell's sum is a linear combination of shown
  ones — after dropping the atoms whose count the first step proved to be 0 (e.g. a group whose
  every member answered both times: its wave sums then give its paired change);
- **unions**: the hidden cells of one line (the groups of a shown cell by one more field)
  together are the shown cell minus the shown ones: they must hold at least the limit together,
  or their common mean is that of a group too small to show.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.surveying.linear import Cone, Row, Span, dot
from osallisuuden_palaset.surveying.privacy import Hidden

#: A group: (field, value) pairs; ``()`` is everyone. A margin fixes only some of the fields.
GroupKey = tuple[tuple[str, str], ...]


class Part(enum.StrEnum):
    """Which figures of a group a cell holds."""

    SCORES = "scores"
    START = "start"
    FOLLOW_UP = "follow_up"
    PAIRS = "pairs"


class Kind(enum.StrEnum):
    """What a respondent adds to the cells: scored once, or scored in both waves or only one."""

    SCORED = "scored"
    PAIRED = "paired"
    START_ONLY = "start_only"
    FOLLOW_UP_ONLY = "follow_up_only"


#: The kinds of respondents each part counts.
COUNTED: Final[Mapping[Part, frozenset[Kind]]] = {
    Part.SCORES: frozenset({Kind.SCORED}),
    Part.START: frozenset({Kind.PAIRED, Kind.START_ONLY}),
    Part.FOLLOW_UP: frozenset({Kind.PAIRED, Kind.FOLLOW_UP_ONLY}),
    Part.PAIRS: frozenset({Kind.PAIRED}),
}


@attrs.frozen(order=True)
class Cell:
    """One cell of a report: a group (or margin, or everyone) and a part."""

    key: GroupKey
    part: Part

    def covers(self, key: GroupKey) -> bool:
        """Whether the finest group ``key`` belongs to this cell."""
        return set(self.key) <= set(key)


#: An atom: the respondents of one finest group who are of one kind.
Atom = tuple[GroupKey, Kind]
#: A variable of the sums: ("x" start or only score, "y" follow-up score) of an atom.
Value = tuple[str, GroupKey, Kind]


@attrs.frozen
class LinkedTable:
    """Everything one report publishes from one set of answers, with the truth the audit needs.

    ``counts`` is the truth: how many respondents each atom holds (never shown). ``cells`` says
    for every published cell whether it is shown (None) or hidden, and why.
    """

    min_group: int
    counts: Mapping[Atom, int]
    cells: Mapping[Cell, Hidden | None]
    #: Whether the report shows that no one was left without a score, so that every listed
    #: group (a cell's key) has at least one counted respondent.
    everyone_scored: bool = False

    def count(self, cell: Cell) -> int:
        """The true n of ``cell``."""
        kinds = COUNTED[cell.part]
        return sum(n for (key, kind), n in self.counts.items() if kind in kinds and cell.covers(key))


@attrs.frozen
class Recovery:
    """A hidden cell whose n or sum a reader can work out, and the shown cells that give it away."""

    cell: Cell
    #: "n", "sum", or "union" (the hidden cells of a line together are fewer than the limit).
    figure: str
    #: The shown cells of one way to work it out (where to look for a cell to hide).
    shown: tuple[Cell, ...]


class DisclosureError(PalasetError):
    """The figures cannot be shown: a hidden cell could be worked out from them."""


def _count_row(table: LinkedTable, cell: Cell) -> Row[Atom]:
    kinds = COUNTED[cell.part]
    return {a: 1 for a in table.counts if a[1] in kinds and cell.covers(a[0])}


def _value_row(cell: Cell, atoms: Sequence[Atom]) -> Row[Value]:
    out: Row[Value] = {}
    for key, kind in atoms:
        if not cell.covers(key) or kind not in COUNTED[cell.part]:
            continue
        if cell.part is Part.PAIRS:
            out[("y", key, kind)] = 1
            out[("x", key, kind)] = -1
        else:
            out[("y" if cell.part is Part.FOLLOW_UP else "x", key, kind)] = 1
    return out


def _values(atom: Atom) -> tuple[Value, ...]:
    key, kind = atom
    if kind is Kind.PAIRED:
        return (("x", key, kind), ("y", key, kind))
    return (("y" if kind is Kind.FOLLOW_UP_ONLY else "x", key, kind),)


def _order(item: tuple[Cell, object]) -> tuple[GroupKey, str]:
    """Cells in a fixed order, cheaply (the attrs ordering builds tuples on every comparison)."""
    return (item[0].key, item[0].part.value)


def _bounds(
    table: LinkedTable, rows: Mapping[Cell, Row[Atom]]
) -> list[tuple[Row[Atom], int, bool, Cell | None]]:
    """What a reader knows besides the shown n's: (row, bound, whether at most, the hidden cell)."""
    out: list[tuple[Row[Atom], int, bool, Cell | None]] = [({a: 1}, 0, False, None) for a in table.counts]
    for cell, hidden in sorted(table.cells.items(), key=_order):
        if hidden is Hidden.SMALL:
            out.append((rows[cell], table.min_group - 1, True, cell))
        elif hidden is Hidden.COMPLEMENTARY:
            out.append((rows[cell], table.min_group, False, cell))
    if table.everyone_scored:
        # Every listed group has someone, and everyone has a score: at least one counted.
        for key in sorted({c.key for c in table.cells}):
            out.append(({a: 1 for a in table.counts if set(key) <= set(a[0])}, 1, False, None))
    return out


class _Counts:
    """The count system of a table: the shown n's as equations, the bounds that touch the truth."""

    def __init__(self, table: LinkedTable) -> None:
        self.table = table
        self.atoms = sorted(table.counts)
        self.truth = dict(table.counts)
        self.rows = {cell: _count_row(table, cell) for cell in table.cells}
        self.shown = [c for c, h in sorted(table.cells.items(), key=_order) if h is None]
        self.span: Span[Atom, object] = Span(self.atoms)
        for cell in self.shown:
            self.span.add(self.rows[cell], cell)
        self.null = self.span.null_basis()
        #: Bounds the truth touches, as rows over the null directions that must stay ≥ 0.
        self.tight: list[list[int]] = []
        self.tight_rows: list[tuple[Row[Atom], Cell | None]] = []
        for values, bound, upper, hidden_cell in _bounds(table, self.rows):
            if dot(values, self.truth) == bound:
                projected = [dot(values, n) for n in self.null]
                self.tight.append([-c for c in projected] if upper else projected)
                self.tight_rows.append((values, hidden_cell))
        self._explained: Span[Atom, object] | None = None
        self.cone = Cone(self.tight, len(self.null))

    def fixed(self, values: Row[Atom]) -> bool:
        """Whether the shown n's alone fix the total of ``values`` (no bounds needed)."""
        return not any(dot(values, n) for n in self.null)

    def movable(self, values: Row[Atom]) -> bool:
        """Whether some table agreeing with everything shown gives ``values`` another total."""
        return self.cone.moves([dot(values, n) for n in self.null])

    def certificate(self, values: Row[Atom]) -> tuple[Cell, ...]:
        """Shown cells of one way to work out ``values`` (with the bounds the truth touches)."""
        if self._explained is None:
            self._explained = Span(self.atoms)
            for cell in self.shown:
                self._explained.add(self.rows[cell], cell)
            for index, (bound_row, _) in enumerate(self.tight_rows):
                self._explained.add(bound_row, ("bound", index))
        combo = self._explained.express(values) or {}
        return tuple(sorted(c for c in combo if isinstance(c, Cell)))


def recoveries(table: LinkedTable) -> tuple[Recovery, ...]:
    """Every hidden cell whose n or sum can be worked out from the shown cells; () when none can."""
    counts = _Counts(table)
    hidden = [c for c, h in sorted(table.cells.items(), key=_order) if h is not None]
    found: list[Recovery] = []
    for cell in hidden:
        values = counts.rows[cell]
        if not counts.movable(values):
            found.append(Recovery(cell, "n", counts.certificate(values)))
    pending = [c for c in hidden if not any(r.cell == c for r in found)]
    # Atoms proved empty drop out of the sums. Proving it can take a linear program per atom, so
    # first see whether it matters: a cell the sums give away even with only the atoms the shown
    # n's alone make empty is given away; one they keep even with every atom that is in truth empty
    # dropped is safe. Only the cells in between need the proof.
    zero = {a for a, n in counts.truth.items() if n == 0}
    plain = {a for a in zero if counts.fixed({a: 1})}
    sure = _solved(table, pending, plain)
    maybe = _solved(table, [c for c in pending if c not in sure], zero)
    if maybe:
        empty = plain | {a for a in zero - plain if not counts.movable({a: 1})}
        sure |= _solved(table, list(maybe), empty)
    found += [Recovery(cell, "sum", combo) for cell, combo in sorted(sure.items())]
    return (*found, *_unions(table))


def _solved(table: LinkedTable, cells: Sequence[Cell], empty: set[Atom]) -> dict[Cell, tuple[Cell, ...]]:
    """The cells whose sums are linear combinations of the shown ones, with ``empty`` atoms left out."""
    if not cells:
        return {}
    atoms = [a for a in sorted(table.counts) if a not in empty]
    span: Span[Value, Cell] = Span([v for a in atoms for v in _values(a)])
    for cell, status in sorted(table.cells.items(), key=_order):
        if status is None:
            span.add(_value_row(cell, atoms), cell)
    out = {}
    for cell in cells:
        combo = span.express(_value_row(cell, atoms))
        if combo is not None:
            out[cell] = tuple(sorted(combo))
    return out


def lines(cells: Iterable[Cell]) -> list[tuple[Cell, tuple[Cell, ...]]]:
    """Every line of the cells: a cell and its groups by one more field (which add up to it)."""
    present = set(cells)
    found: dict[tuple[Cell, str], list[Cell]] = {}
    for cell in present:
        for index, (field, _) in enumerate(cell.key):
            parent = Cell(cell.key[:index] + cell.key[index + 1 :], cell.part)
            if parent in present:
                found.setdefault((parent, field), []).append(cell)
    return [
        (parent, tuple(sorted(children, key=lambda c: c.key)))
        for (parent, _), children in sorted(
            found.items(), key=lambda item: (item[0][0].key, item[0][0].part.value, item[0][1])
        )
    ]


def _unions(table: LinkedTable) -> list[Recovery]:
    """Lines whose hidden cells, worked out together from the shown ones, hold too few respondents."""
    found: list[Recovery] = []
    for parent, children in lines(table.cells):
        if table.cells[parent] is not None:
            continue
        hidden = [c for c in children if table.cells[c] is not None]
        shown = tuple(c for c in children if table.cells[c] is None)
        if len(hidden) > 1 and shown and sum(table.count(c) for c in hidden) < table.min_group:
            found.append(Recovery(min(hidden, key=table.count), "union", shown))
    return found


def audit(table: LinkedTable) -> None:
    """Raise :class:`DisclosureError` naming every hidden cell the shown figures give away."""
    found = recoveries(table)
    if found:
        names = "; ".join(f"{_name(r.cell)} ({r.figure})" for r in found)
        raise DisclosureError(
            msg(
                "the survey figures cannot be shown: hidden figures could be worked out from the shown "
                "ones ({names}); raise --min-group or break the answers down by fewer fields",
                names=names,
            )
        )


def _name(cell: Cell) -> str:
    group = ", ".join(f"{f}={v}" for f, v in cell.key) or "everyone"
    return f"{group}: {cell.part.value}"
