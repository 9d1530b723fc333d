"""Suppression over all that a report publishes together: small cells, then the cells that give them away.

The rule, for the cells of one report (everyone, every margin, every group; each part):

1. **Primary**: a cell with fewer respondents than the limit is hidden (``<5``).
2. **Margins as published**: in a breakdown by several fields, every coarser breakdown (by one
   field less, and so on down to everyone) is treated as published and keeps the pattern it has
   when run on its own; the finest cells are then protected against all of them. So
   ``--by ryhmä --by kunta`` shows the ``kunta`` rows exactly as ``--by kunta`` does, and hides
   enough of the finer cells that nothing hidden in either can be worked out.
3. **Complementary**: while the audit (:mod:`.disclosure`) can work out a hidden cell's n or
   sum, one more cell from the shown cells that give it away is hidden — the finest, smallest
   first, preferring a group that already hides another part. Only when hiding every finest cell
   is not enough are margins hidden too; such margins are reported (:attr:`Protection.widened`),
   because the coarser breakdown run on its own shows them, and the two published side by side
   could give away what this one hides.
4. **Withdrawal**: when even that is not enough (in tiny breakdowns the labels alone — at most 4,
   at least 5 — can pin every count down), the finest groups are not published at all
   (:attr:`Protection.withdrawn`), then the next finest, until the rest can be protected.

The result depends only on the counts and the set of fields, not on the order of ``--by`` or of
the rows, so the same answers give the same pattern for the same cell in every run.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.surveying.disclosure import (
    Atom,
    Cell,
    DisclosureError,
    GroupKey,
    LinkedTable,
    Part,
    lines,
    recoveries,
)
from osallisuuden_palaset.surveying.privacy import Hidden, check_min_group

_RANK = {Hidden.SMALL: 2, Hidden.COMPLEMENTARY: 1}
_PARTS = {part: index for index, part in enumerate(Part)}
#: Why nothing can be shown when even the figures of everyone together would give groups away.
_EVEN_EVERYONE = msg(
    "the survey figures cannot be protected: even everyone's figures would give small groups away; "
    "raise --min-group"
)


def _canonical(key: GroupKey) -> GroupKey:
    return tuple(sorted(key))


def _restricted(counts: Mapping[Atom, int], fields: frozenset[str]) -> dict[Atom, int]:
    out: dict[Atom, int] = defaultdict(int)
    for (key, kind), n in counts.items():
        out[(tuple(p for p in key if p[0] in fields), kind)] += n
    return dict(out)


def _worse(a: Hidden | None, b: Hidden | None) -> Hidden | None:
    return max((a, b), key=lambda h: _RANK.get(h, 0) if h is not None else 0)


class _Protector:
    def __init__(self, counts: Mapping[Atom, int], parts: Sequence[Part], min_group: int,
                 everyone_scored: bool) -> None:  # fmt: skip
        self.counts = {(_canonical(k), kind): n for (k, kind), n in counts.items()}
        self.parts = tuple(parts)
        self.min_group = min_group
        self.everyone_scored = everyone_scored
        self.memo: dict[frozenset[str], dict[Cell, Hidden | None]] = {}
        #: Breakdowns whose finest groups could not be protected and are left out.
        self.withdrawn: set[frozenset[str]] = set()

    def table(self, fields: frozenset[str], status: Mapping[Cell, Hidden | None]) -> LinkedTable:
        return LinkedTable(self.min_group, _restricted(self.counts, fields), status, self.everyone_scored)

    def solve(self, fields: frozenset[str]) -> dict[Cell, Hidden | None]:
        if fields in self.memo:
            return self.memo[fields]
        status: dict[Cell, Hidden | None] = {}
        for field in sorted(fields):
            for cell, hidden in self.solve(fields - {field}).items():
                status[cell] = _worse(status.get(cell), hidden)
        atoms = _restricted(self.counts, fields)
        finest = sorted({key for key, _ in atoms})
        table = self.table(fields, {})
        for key in finest:
            for part in self.parts:
                cell = Cell(key, part)
                status[cell] = Hidden.SMALL if table.count(cell) < self.min_group else None
        inner = {c for c in status if len(c.key) == len(fields)}
        margins = {c for c in status if 0 < len(c.key) < len(fields)}
        before = dict(status)
        try:
            self._complement(fields, status, [inner, margins])
        except DisclosureError:
            status = self._withdraw(fields, before)
        self.memo[fields] = status
        return status

    def _withdraw(
        self, fields: frozenset[str], before: dict[Cell, Hidden | None]
    ) -> dict[Cell, Hidden | None]:
        """Leave out the finest groups, then the next finest, until what is left can be protected.

        Even with every group hidden, the labels' bounds (at most 4, at least 5) can pin groups
        down; a breakdown left out is not listed at all, so its labels say nothing.
        """
        if not fields:
            raise DisclosureError(_EVEN_EVERYONE)
        for level in range(len(fields), 0, -1):
            status = {c: h for c, h in before.items() if len(c.key) < level}
            self.withdrawn |= {frozenset(c) for c in itertools.combinations(sorted(fields), level)}
            margins = {c for c in status if c.key}
            try:
                self._complement(fields, status, [margins, {c for c in status if not c.key}])
            except DisclosureError:
                continue
            return status
        raise DisclosureError(_EVEN_EVERYONE)

    def _complement(self, fields: frozenset[str], status: dict[Cell, Hidden | None],
                    stages: Sequence[set[Cell]]) -> None:  # fmt: skip
        """Hide one more cell while the audit finds something; widen the choice stage by stage."""
        stage = 0
        allowed = set(stages[0])
        structure = lines(status)
        sizes = self.table(fields, {})
        while True:
            self._lines(structure, status, allowed, sizes)
            found = recoveries(table := self.table(fields, status))
            if not found:
                return
            givers = {c for r in found for c in r.shown if status.get(c) is None}
            # A way of working a cell out that uses none of the cells we may hide stays valid
            # whatever we hide of them: only a cell from a later stage can break it.
            while not givers & allowed:
                stage += 1
                if stage >= len(stages):
                    raise DisclosureError(
                        msg(
                            "the survey figures cannot be protected: small groups could be worked out "
                            "from the rest; raise --min-group or break the answers down by fewer fields"
                        )
                    )
                allowed |= stages[stage]
            status[min(givers & allowed, key=lambda c: self._cost(c, status, table))] = Hidden.COMPLEMENTARY

    def _lines(self, structure: Sequence[tuple[Cell, tuple[Cell, ...]]], status: dict[Cell, Hidden | None],
               allowed: set[Cell], table: LinkedTable) -> None:  # fmt: skip
        """The quick part of the rule: under a shown cell, no hidden group alone, none too few together.

        Each such line is a recovery the audit would find anyway; finding them here is cheaper.
        """
        changed = True
        while changed:
            changed = False
            for parent, children in structure:
                hidden = [c for c in children if status[c] is not None]
                if status[parent] is not None or not hidden or len(hidden) == len(children):
                    continue
                if len(hidden) > 1 and sum(table.count(c) for c in hidden) >= self.min_group:
                    continue
                candidates = [c for c in children if status[c] is None and c in allowed]
                if candidates:
                    status[min(candidates, key=lambda c: self._cost(c, status, table))] = Hidden.COMPLEMENTARY
                    changed = True

    def _cost(self, cell: Cell, status: Mapping[Cell, Hidden | None],
              table: LinkedTable) -> tuple[int, int, int, int, GroupKey]:  # fmt: skip
        partner_hidden = any(status.get(Cell(cell.key, p)) is not None for p in self.parts if p != cell.part)
        return (-len(cell.key), 0 if partner_hidden else 1, table.count(cell), _PARTS[cell.part], cell.key)


@attrs.frozen
class Protection:
    """What :func:`protect` decided: every published cell's status, and what had to give way."""

    #: Every cell that is published, shown (None) or hidden; a cell left out is not published.
    status: Mapping[Cell, Hidden | None]
    #: Margins hidden here although the breakdown by their fields alone shows them.
    widened: tuple[Cell, ...] = ()
    #: Breakdowns (their fields, in the order given) whose groups are left out: not even hiding
    #: every one of them protected them.
    withdrawn: tuple[tuple[str, ...], ...] = ()


def protect(
    counts: Mapping[Atom, int],
    parts: Iterable[Part],
    fields: Sequence[str],
    min_group: int,
    *,
    everyone_scored: bool = False,
) -> Protection:
    """Whether every cell of a breakdown by ``fields`` is shown (None) or hidden, and why.

    ``counts`` gives the respondents of every finest group (every one of ``fields`` fixed, in
    that order) and kind; the cells are everyone, every margin and every finest group, for each
    of ``parts``. Margin keys keep the order of ``fields``.

    Raises:
        DisclosureError: even hiding every cell would not protect the small ones.
    """
    check_min_group(min_group)
    protector = _Protector(counts, tuple(parts), min_group, everyone_scored)
    solved = protector.solve(frozenset(fields))
    position = {field: index for index, field in enumerate(fields)}

    def ordered(cell: Cell) -> Cell:
        return Cell(tuple(sorted(cell.key, key=lambda pair: position[pair[0]])), cell.part)

    widened = [
        ordered(cell)
        for cell, hidden in solved.items()
        if hidden is not None and protector.memo[frozenset(f for f, _ in cell.key)].get(cell) is None
    ]
    withdrawn = sorted(tuple(sorted(f, key=position.__getitem__)) for f in protector.withdrawn)
    return Protection({ordered(c): h for c, h in solved.items()}, tuple(sorted(widened)), tuple(withdrawn))
