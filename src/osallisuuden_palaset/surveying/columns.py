"""Which columns hold what: the pseudonym, wave and date by their usual names, items by number."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, NoReturn

import attrs

from osallisuuden_palaset.errors import LoadError, Problem
from osallisuuden_palaset.messages.catalogue import Message, msg, msg_n, say, say_n
from osallisuuden_palaset.model.coerce import to_tuple
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.answer_messages import close_to, suggestion

#: Header names recognised for the pseudonym, wave and date columns, in order of preference;
#: compared without regard to case, spaces, '_' and '-'.
ROLE_NAMES: Final[Mapping[str, tuple[str, ...]]] = {
    "respondent": ("respondent", "respondent_id", "pseudonym", "pseudonyymi", "vastaaja", "vastaajatunnus",
                   "vastaajatunniste", "tunniste", "tunnus", "svarande", "svarande_id", "id"),
    "wave": ("wave", "aalto", "mittaus", "mittauskerta", "kerta", "kysely", "vaihe", "mätning",
             "mättillfälle", "omgång"),
    "date": ("date", "päivämäärä", "pvm", "vastauspäivä", "vastauspvm", "datum", "svarsdatum"),
}  # fmt: skip
#: Words before an item's number in a header (``k1``, ``Q1``, ``kysymys 1``); a bare number needs none.
ITEM_PREFIXES: Final = frozenset(
    {"k", "q", "v", "kys", "kysymys", "question", "item", "osio", "väittämä", "väite", "fråga", "påstående"}
)
_NUMBERED = re.compile(r"^(?:(?P<prefix>[^\W\d_]+)[ _.\-]?)?(?P<number>\d{1,3})(?=$|[.):\s])")
_ID_NUMBER = re.compile(r"^(?P<prefix>[^\W\d_]+)[_\-]?\d+$")
#: What a role's column holds, as messages name it ("there is no column 'Tunnus' for the ...").
_ROLE_WORDS: Final[Mapping[str, Message]] = {
    "respondent": msg("respondent's pseudonym"),
    "wave": msg("wave"),
    "date": msg("date"),
}


def _column_pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(dict(value).items())


@attrs.frozen
class ColumnMap:
    """Which columns hold what; None (or an item left out) means "find it by its usual name"."""

    respondent: str | None = None
    wave: str | None = None
    date: str | None = None
    #: Item id → column name, for items whose column is not named by the item id or its number.
    items: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_column_pairs)
    #: The item columns in the instrument's item order (a column file's ``items:`` list).
    item_order: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    #: Where each entry was written ("respondent", "items", "items.esis1" → "FILE:LINE:COL").
    origins: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_column_pairs, eq=False)

    def origin(self, key: str) -> str | None:
        """Where the entry ``key`` was written, or None when it was given in code or as an option."""
        return dict(self.origins).get(key)

    def overridden(self, other: ColumnMap) -> ColumnMap:
        """This map with what ``other`` names put in place (options given beside a column file)."""
        return ColumnMap(
            respondent=other.respondent or self.respondent,
            wave=other.wave or self.wave,
            date=other.date or self.date,
            items={**dict(self.items), **dict(other.items)},
            item_order=other.item_order or self.item_order,
            origins={**dict(self.origins), **dict(other.origins)},
        )


@attrs.frozen
class Layout:
    """Where a header's columns are: column indices of the roles, the items and the other fields."""

    header: tuple[str, ...]
    respondent: int
    wave: int | None
    date: int | None
    #: Item id → column index, in the instrument's item order.
    items: tuple[tuple[str, int], ...]
    #: Every other named column (usable with ``--by``) → its index.
    fields: tuple[tuple[str, int], ...]

    def name(self, index: int) -> str:
        """The header's name of column ``index``, as the file spells it."""
        return self.header[index].strip()


def header_key(cell: str) -> str:
    """A header cell as compared: case-folded, spaces collapsed."""
    return " ".join(cell.casefold().split())


def _compact(cell: str) -> str:
    return re.sub(r"[\s_\-]+", "", cell.casefold())


def item_number(cell: str, prefixes: Iterable[str] = ITEM_PREFIXES) -> tuple[str, int] | None:
    """The (prefix, number) a header names an item by (``k1``, ``Q 1``, ``kysymys 1``, ``1.``), or None."""
    found = _NUMBERED.match(header_key(cell))
    if found is None:
        return None
    prefix = found["prefix"] or ""
    if prefix and prefix not in prefixes:
        return None
    return prefix, int(found["number"])


def instrument_prefixes(instrument: Instrument) -> frozenset[str]:
    """:data:`ITEM_PREFIXES` and the letters the instrument's own item ids start with (``esis``)."""
    own = {m["prefix"].casefold() for i in instrument.items if (m := _ID_NUMBER.match(i.id))}
    return ITEM_PREFIXES | own


class _Finder:
    """Works out one header's layout; every mistake is a LoadError at the header line."""

    def __init__(
        self,
        header: Sequence[str],
        instrument: Instrument,
        columns: ColumnMap,
        name: str,
        line: int,
        lang: Lang,
    ) -> None:
        self.raw = tuple(header)
        self.instrument, self.columns, self.name, self.line, self.lang = instrument, columns, name, line, lang
        self.keys: dict[str, int] = {}
        for index, cell in enumerate(self.raw):
            key = header_key(cell)
            if key in self.keys:
                self.fail(
                    say(lang, "the column {column} appears twice in the header", column=repr(cell.strip()))
                )
            if key:
                self.keys[key] = index
        self.taken: dict[int, str] = {}

    def fail(self, message: str) -> NoReturn:
        raise LoadError([Problem(self.name, self.line, 1, message)])

    def named(self, key: str) -> str:
        origin = self.columns.origin(key)
        return say(self.lang, ", named at {origin}", origin=origin) if origin else ""

    def free(self) -> list[str]:
        return [c.strip() for i, c in enumerate(self.raw) if c.strip() and i not in self.taken]

    def take(self, index: int, what: str) -> int:
        if index in self.taken:
            self.fail(
                say(
                    self.lang,
                    "the column {column} is named both for {first} and for {second}",
                    column=repr(self.raw[index].strip()),
                    first=self.taken[index],
                    second=what,
                )
            )
        self.taken[index] = what
        return index

    def asked(self, column: str, what: str, origin_key: str) -> int:
        index = self.keys.get(header_key(column))
        if index is None:
            self.fail(
                say(
                    self.lang,
                    "there is no column {column} for the {role}{named}{hint}",
                    column=repr(column),
                    role=what,
                    named=self.named(origin_key),
                    hint=suggestion(close_to(column, self.free())),
                )
            )
        return self.take(index, what)

    def role(self, role: str) -> int | None:
        what = _ROLE_WORDS[role]
        asked: str | None = getattr(self.columns, role)
        if asked is not None:
            return self.asked(asked, what, role)
        compact = {_compact(c): i for i, c in enumerate(self.raw) if c.strip() and i not in self.taken}
        for known in ROLE_NAMES[role]:
            if _compact(known) in compact:
                return self.take(compact[_compact(known)], what)
        return None

    def items(self) -> dict[str, int]:
        instrument, found = self.instrument, {}
        asked = self.asked_items()
        unknown = [item for item in asked if item not in instrument.item_ids]
        if unknown:
            self.fail(
                say(
                    self.lang,
                    "{item} is not an item of {instrument}{named}{hint}",
                    item=repr(unknown[0]),
                    instrument=instrument.id,
                    named=self.named(f"items.{unknown[0]}"),
                    hint=suggestion(close_to(unknown[0], instrument.item_ids)),
                )
            )
        for item, column in asked.items():
            found[item] = self.asked(column, _item(item), f"items.{item}")
        for item in instrument.item_ids:
            index = self.keys.get(header_key(item))
            if item not in found and index is not None and index not in self.taken:
                found[item] = self.take(index, _item(item))
        found.update(self.numbered(set(found)))
        return {item: found[item] for item in instrument.item_ids if item in found}

    def asked_items(self) -> dict[str, str]:
        order, count = self.columns.item_order, len(self.instrument.items)
        if order and len(order) != count:
            origin = self.columns.origin("items")
            problem = say_n(
                self.lang,
                "the column file lists {n} item column but {instrument} has {count}",
                "the column file lists {n} item columns but {instrument} has {count}",
                len(order),
                instrument=self.instrument.id,
                count=msg_n("{n} item", "{n} items", count),
            )
            raise LoadError([Problem(self.name, self.line, 1, problem + (f" ({origin})" if origin else ""))])
        return {**dict(zip(self.instrument.item_ids, order, strict=False)), **dict(self.columns.items)}

    def numbered(self, known: set[str]) -> dict[str, int]:
        """Items found by their number, each number claimed by one column, no family numbered past them."""
        ids, prefixes = self.instrument.item_ids, instrument_prefixes(self.instrument)
        families: dict[str, list[tuple[int, int]]] = {}
        for index, cell in enumerate(self.raw):
            found = item_number(cell, prefixes) if index not in self.taken else None
            if found is not None:
                families.setdefault(found[0], []).append((found[1], index))
        claims: dict[int, int] = {}
        for members in families.values():
            wanted = [(n, i) for n, i in members if 1 <= n <= len(ids) and ids[n - 1] not in known]
            if not wanted:
                continue
            if any(n > len(ids) for n, _ in members):
                cells = [self.raw[i].strip() for _, i in sorted(members)]
                span = f"{cells[0]!r} … {cells[-1]!r}"
                self.fail(
                    say_n(
                        self.lang,
                        "the columns {columns} are numbered past the {n} item of {instrument}, so their "
                        "numbers do not say which are its items: name them in a column file "
                        "(--columns FILE.yaml)",
                        "the columns {columns} are numbered past the {n} items of {instrument}, so their "
                        "numbers do not say which are its items: name them in a column file "
                        "(--columns FILE.yaml)",
                        len(ids),
                        columns=span,
                        instrument=self.instrument.id,
                    )
                )
            for number, index in wanted:
                if number in claims:
                    first, second = sorted((claims[number], index))
                    self.fail(
                        say(
                            self.lang,
                            "the columns {first} and {second} could both be item {number} ({item}): "
                            "say which in a column file (--columns FILE.yaml)",
                            first=repr(self.raw[first].strip()),
                            second=repr(self.raw[second].strip()),
                            number=str(number),
                            item=ids[number - 1],
                        )
                    )
                claims[number] = index
        return {ids[n - 1]: self.take(i, _item(ids[n - 1])) for n, i in sorted(claims.items())}


def _item(item: str) -> Message:
    """What an item's column holds, as messages name it ("item esis1")."""
    return msg("item {item}", item=item)


def find_layout(
    header: Sequence[str],
    instrument: Instrument,
    columns: ColumnMap | None = None,
    *,
    name: str = "<responses>",
    line: int = 1,
    lang: Lang = "en",
) -> Layout:
    """Where the pseudonym, the wave, the date, each item and the other fields are in ``header``.

    Named columns (``columns``) come first; then the usual names (:data:`ROLE_NAMES`), the item ids
    (``esis5``) and the item numbers (``k5``, ``Q5``, ``kysymys 5``, ``5.``: the instrument's fifth
    item), all without regard to case or spaces.

    Raises:
        LoadError: at ``name``:``line``: a named column is missing, a needed column cannot be found,
            two columns claim one item, or numbered columns run past the instrument's items.
    """
    finder = _Finder(header, instrument, columns or ColumnMap(), name, line, lang)
    respondent = finder.role("respondent")
    if respondent is None:
        finder.fail(
            say(
                lang,
                "no column for the respondent's pseudonym (tunniste, vastaaja, respondent, …): "
                "name it in a column file (--columns FILE.yaml)",
            )
        )
    wave, date = finder.role("wave"), finder.role("date")
    items = finder.items()
    missing = [item for item in instrument.item_ids if item not in items]
    if missing:
        finder.fail(
            say_n(
                lang,
                "no column for item {items} of {instrument}{hint}: name the item columns by number "
                "(k1, Q1, kysymys 1, 1.) or in a column file (--columns FILE.yaml)",
                "no column for items {items} of {instrument}{hint}: name the item columns by number "
                "(k1, Q1, kysymys 1, 1.) or in a column file (--columns FILE.yaml)",
                len(missing),
                items=", ".join(repr(m) for m in missing),
                instrument=instrument.id,
                hint=suggestion(close_to(missing[0], finder.free())),
            )
        )
    fields = tuple(
        (finder.raw[i].strip(), i) for i, c in enumerate(finder.raw) if c.strip() and i not in finder.taken
    )
    return Layout(finder.raw, respondent, wave, date, tuple(items.items()), fields)
