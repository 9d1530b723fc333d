"""A brute-force reader of small linked tables, written apart from the audit so that each checks the other.

It knows what the outputs show (the shown cells' n's, the labels' bounds) and tries every table of
whole-number counts that fits; then, for the sums, every small whole-number change of the unknown
sums that leaves every shown sum as it is.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from osallisuuden_palaset.surveying.disclosure import COUNTED, Atom, Cell, Kind, LinkedTable, Part
from osallisuuden_palaset.surveying.privacy import Hidden


def _atoms_of(table: LinkedTable, cell: Cell) -> list[Atom]:
    return [a for a in sorted(table.counts) if a[1] in COUNTED[cell.part] and cell.covers(a[0])]


def tables(table: LinkedTable) -> Iterator[dict[Atom, int]]:
    """Every table of counts a reader cannot rule out (the truth among them)."""
    atoms = sorted(table.counts)
    index = {a: i for i, a in enumerate(atoms)}
    m = table.min_group
    shown = [c for c, h in table.cells.items() if h is None]
    bound = max([table.count(c) for c in shown] + [m - 1])
    checks: list[tuple[int, list[int], int, int]] = []  # (last atom, atoms, low, high)
    for cell, hidden in table.cells.items():
        members = [index[a] for a in _atoms_of(table, cell)]
        if not members:
            continue
        low, high = {
            None: (table.count(cell),) * 2,
            Hidden.SMALL: (0, m - 1),
            Hidden.COMPLEMENTARY: (m, 10**9),
        }[hidden]
        checks.append((max(members), members, low, high))
    if table.everyone_scored:
        for key in {c.key for c in table.cells}:
            members = [index[a] for a in atoms if set(key) <= set(a[0])]
            checks.append((max(members), members, 1, 10**9))
    by_last: dict[int, list[tuple[list[int], int, int]]] = {}
    limits = [bound] * len(atoms)
    for last, members, low, high in checks:
        by_last.setdefault(last, []).append((members, low, high))
        for j in members:
            limits[j] = min(limits[j], high)
    values = [0] * len(atoms)

    def fill(i: int) -> Iterator[dict[Atom, int]]:
        if i == len(atoms):
            yield dict(zip(atoms, values, strict=True))
            return
        for v in range(limits[i] + 1):
            values[i] = v
            if all(
                low <= sum(values[j] for j in members) <= high for members, low, high in by_last.get(i, [])
            ):
                yield from fill(i + 1)

    yield from fill(0)


def pinned(table: LinkedTable) -> tuple[set[Cell], set[Atom]]:
    """The hidden cells whose n is the same in every possible table, and the atoms empty in all."""
    hidden = [c for c, h in table.cells.items() if h is not None]
    seen: dict[Cell, set[int]] = {c: set() for c in hidden}
    nonzero: set[Atom] = set()
    for counts in tables(table):
        for cell in hidden:
            seen[cell].add(sum(counts[a] for a in _atoms_of(table, cell)))
        nonzero |= {a for a, n in counts.items() if n}
    return {c for c, values in seen.items() if len(values) == 1}, set(table.counts) - nonzero


def _sum_vars(atoms: Sequence[Atom]) -> list[tuple[str, Atom]]:
    out: list[tuple[str, Atom]] = []
    for atom in atoms:
        kind = atom[1]
        if kind in (Kind.SCORED, Kind.PAIRED, Kind.START_ONLY):
            out.append(("x", atom))
        if kind in (Kind.PAIRED, Kind.FOLLOW_UP_ONLY):
            out.append(("y", atom))
    return out


def _sum_row(table: LinkedTable, cell: Cell, variables: Sequence[tuple[str, Atom]]) -> list[int]:
    members = set(_atoms_of(table, cell))
    row = []
    for wave, atom in variables:
        if atom not in members:
            row.append(0)
        elif cell.part is Part.PAIRS:
            row.append(1 if wave == "y" else -1)
        elif cell.part is Part.FOLLOW_UP:
            row.append(1 if wave == "y" else 0)
        else:
            row.append(1 if wave == "x" else 0)
    return row


def solvable_sums(table: LinkedTable, empty: set[Atom]) -> set[Cell]:
    """Hidden cells whose sum no change of the unknown sums by −1, 0 or +1 each can move."""
    variables = _sum_vars([a for a in sorted(table.counts) if a not in empty])
    shown = [_sum_row(table, c, variables) for c, h in table.cells.items() if h is None]
    moves = [
        move
        for move in itertools.product((-1, 0, 1), repeat=len(variables))
        if all(sum(r * d for r, d in zip(row, move, strict=True)) == 0 for row in shown)
    ]
    out = set()
    for cell, hidden in table.cells.items():
        if hidden is None:
            continue
        row = _sum_row(table, cell, variables)
        if all(sum(r * d for r, d in zip(row, move, strict=True)) == 0 for move in moves):
            out.add(cell)
    return out
