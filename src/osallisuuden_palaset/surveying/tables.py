"""Answers as rows of cells, the response-reader contract that makes them, and choosing a reader."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Final

import attrs

from osallisuuden_palaset.errors import LoadError, Problem
from osallisuuden_palaset.messages.catalogue import msg, say
from osallisuuden_palaset.messages.os_errors import os_reason
from osallisuuden_palaset.model.coerce import to_tuple
from osallisuuden_palaset.model.ids import check_id
from osallisuuden_palaset.model.text import Lang, Text, text

#: Largest responses file read (50 MiB), whatever it is (a file, a pipe, a device): far more than
#: any project's survey.
MAX_BYTES: Final = 50 * 1024 * 1024
#: The reader used for a file whose suffix no reader claims (``-``, ``/dev/stdin``, ``answers.txt``).
FALLBACK_READER: Final = "csv"
#: Spreadsheet files the xlsx plugin reads, when it is installed.
_XLSX_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
#: Spreadsheet files no reader reads: the user saves them as .xlsx or CSV.
_UNREAD_SUFFIXES: Final = frozenset({".xls", ".ods", ".numbers"})


@attrs.frozen
class TableRow:
    """One row of cells and the line (or sheet row) it starts on; ``error`` when it cannot be read."""

    line: int
    cells: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    #: Why the row (or the rest of the file) cannot be read, in the request's language.
    error: str | None = None


@attrs.frozen
class Table:
    """What a reader found: the header's cells and the rows after it (iterated once)."""

    header: tuple[str, ...] = attrs.field(converter=to_tuple)
    rows: Iterable[TableRow]
    #: The line (or sheet row) of the header.
    header_line: int = 1


@attrs.frozen
class ReadRequest:
    """What a reader is given: the file's bytes and name, and the user's choices."""

    data: bytes
    name: str
    #: The CSV delimiter the user gave (None: guess it); other formats ignore it.
    delimiter: str | None = None
    #: The language of the reader's messages.
    lang: Lang = "en"


def _suffixes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(s.lower() for s in value)


def _check_suffixes(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    bad = [s for s in value if not s.startswith(".") or len(s) < 2]
    if bad or not value:
        raise ValueError(msg("suffixes must be like '.csv', not {bad}", bad=bad or msg("none")))


@attrs.frozen
class ResponseReader:
    """A file format answers can come in: registered through ``register_response_readers``.

    ``read`` turns a :class:`ReadRequest` into a :class:`Table`; it raises ``LoadError`` (located
    ``FILE:LINE:COL``) for a file it cannot read at all and puts a row it cannot read in
    ``TableRow.error``. Cells are text as the user sees them; a number is written without a
    needless ``.0``.
    """

    name: str = attrs.field(validator=check_id)
    #: The file suffixes it reads, e.g. (".csv", ".tsv").
    suffixes: tuple[str, ...] = attrs.field(converter=_suffixes, validator=_check_suffixes)
    read: Callable[[ReadRequest], Table]
    description: Text = attrs.field(converter=text)


def file_problem(name: str, message: str, line: int = 1) -> LoadError:
    """A LoadError for the whole file, located at ``line``, saying ``message``."""
    return LoadError([Problem(name, line, 1, message)])


def read_capped(path: str | os.PathLike[str], lang: Lang = "en") -> bytes:
    """The bytes of ``path`` (a file, a pipe or a device), at most :data:`MAX_BYTES`.

    Raises:
        LoadError: the file cannot be read or holds more than :data:`MAX_BYTES`.
    """
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise file_problem(name, say(lang, "cannot read the file: {error}", error=os_reason(error))) from None
    if len(data) > MAX_BYTES:
        raise file_problem(name, _too_big(lang))
    return data


def choose_reader(name: str, readers: Iterable[ResponseReader], lang: Lang = "en") -> ResponseReader:
    """The reader for a file named ``name``: the one claiming its suffix, else the CSV reader.

    Raises:
        LoadError: the suffix is a spreadsheet format no reader reads.
    """
    suffix = PurePath(name).suffix.lower()
    known = list(readers)
    for reader in known:
        if suffix in reader.suffixes:
            return reader
    if suffix in _XLSX_SUFFIXES:
        raise file_problem(name, _needs_plugin(suffix, lang))
    if suffix in _UNREAD_SUFFIXES:
        raise file_problem(name, _unreadable_format(suffix, lang))
    for reader in known:
        if reader.name == FALLBACK_READER:
            return reader
    raise file_problem(name, _unreadable_format(suffix or name, lang))


def _too_big(lang: Lang) -> str:
    return say(
        lang,
        "the file is larger than {limit} MiB (is it a device or a pipe that never ends?): "
        "give a survey tool's export file",
        limit=MAX_BYTES // (1024 * 1024),
    )


def _needs_plugin(suffix: str, lang: Lang) -> str:
    return say(
        lang,
        "reading Excel files ({suffix}) needs the plugin osallisuuden-palaset-xlsx "
        "(pip install osallisuuden-palaset-xlsx); or save the sheet as CSV UTF-8",
        suffix=suffix,
    )


def _unreadable_format(suffix: str, lang: Lang) -> str:
    return say(lang, "{suffix} files cannot be read: save the sheet as .xlsx or as CSV UTF-8", suffix=suffix)
