"""Read answers from CSV as survey tools export them: UTF-8 with or without a BOM, ',' ';' or tab."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from typing import Final

from osallisuuden_palaset.messages.catalogue import msg, say
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.tables import ReadRequest, ResponseReader, Table, TableRow, file_problem

#: Delimiters recognised when none is given.
DELIMITERS: Final = ",;\t"
#: Characters that are part of column names, never their delimiter.
_NAME_CHARACTERS: Final = "_-.'\"()[]/?%&+*"


def decode_csv(data: bytes, name: str, lang: Lang = "en") -> str:
    """The text of a UTF-8 file, with or without a BOM; LoadError naming the line that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = say(lang, "the file is not UTF-8 text: save or export it as CSV UTF-8")
        raise file_problem(name, message, line) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter of CSV text: csv.Sniffer's pick among ',', ';' and tab, else the header's commonest."""
    sample = text[:16384]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found in DELIMITERS and found:
        return found
    header = sample.splitlines()[0] if sample else ""
    return max(DELIMITERS, key=lambda d: (header.count(d), d == ","))


def other_delimiter(header_line: str, used: str) -> str | None:
    """The character that seems to separate a header read as one column ('|', ':', ...), or None."""
    counts = Counter(
        c for c in header_line if not (c.isalnum() or c.isspace() or c in _NAME_CHARACTERS or c == used)
    )
    return counts.most_common(1)[0][0] if counts else None


def read_csv_table(request: ReadRequest) -> Table:
    """The header and rows of CSV bytes (see :func:`csv_table`).

    Raises:
        LoadError: the file is not UTF-8, or :func:`csv_table` refuses it.
    """
    text = decode_csv(request.data, request.name, request.lang)
    return csv_table(text, name=request.name, delimiter=request.delimiter, lang=request.lang)


def csv_table(text: str, *, name: str, delimiter: str | None = None, lang: Lang = "en") -> Table:
    """The header and rows of CSV text; line numbers count quoted line breaks as the file does.

    Raises:
        LoadError: the delimiter is not one character, the text is empty, its header cannot be
            read, or the header is one column that another character seems to separate.
    """
    text = text.removeprefix("\ufeff")
    if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n'):
        message = say(
            lang,
            "the delimiter must be one character such as ',' or ';', not {delimiter}",
            delimiter=repr(delimiter),
        )
        raise file_problem(name, message)
    used = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=used)
    try:
        header = next(reader)
    except StopIteration:
        raise file_problem(
            name, say(lang, "the file is empty: the first row must name the columns")
        ) from None
    except csv.Error as error:
        raise file_problem(name, say(lang, "the header row cannot be read: {error}", error=error)) from None
    if len([c for c in header if c.strip()]) == 1:
        found = other_delimiter(text.split("\n", 1)[0], used)
        if found is not None:
            message = say(
                lang,
                "the header row is one single column, and its columns seem to be separated by {found}: "
                "give --delimiter {found}",
                found=repr(found),
            )
            raise file_problem(name, message)
    return Table(header, _rows(reader, lang), header_line=1)


def _rows(reader: Iterator[list[str]], lang: Lang) -> Iterator[TableRow]:
    line: int = reader.line_num  # type: ignore[attr-defined]
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield TableRow(
                line + 1, error=say(lang, "cannot read the rest of the file: {error}", error=error)
            )
            return
        start, line = line + 1, reader.line_num  # type: ignore[attr-defined]
        yield TableRow(start, cells)


#: The built-in CSV reader (registered by ``default_plugins/response_readers.py``).
CSV_READER: Final = ResponseReader(
    name="csv",
    suffixes=(".csv", ".tsv", ".txt"),
    read=read_csv_table,
    description=msg("CSV (UTF-8, separated by commas, semicolons or tabs)"),
)
