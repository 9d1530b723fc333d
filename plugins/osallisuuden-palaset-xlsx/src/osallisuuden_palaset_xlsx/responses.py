"""Read survey answers from the first sheet of an Excel workbook (Webropol, Forms and Excel exports)."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from osallisuuden_palaset.errors import LoadError, Problem
from osallisuuden_palaset.model.text import Lang, Text
from osallisuuden_palaset.surveying.tables import ReadRequest, ResponseReader, Table, TableRow

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

#: The most cells read from one sheet (ten million: 100,000 respondents × 100 columns); a bigger
#: sheet (a zip that unpacks into far more than it holds) is cut there with a message.
MAX_CELLS: Final = 10_000_000

_NOT_A_WORKBOOK = Text(
    fi="tiedosto ei ole luettava Excel-työkirja (.xlsx): {error}; tallenna se Excelissä uudelleen "
    "tai muodossa CSV UTF-8",
    en="the file is not a readable Excel workbook (.xlsx): {error}; save it again in Excel or as CSV UTF-8",
    sv="filen är inte en läsbar Excel-arbetsbok (.xlsx): {error}; spara den igen i Excel eller som CSV UTF-8",
)
_EMPTY = Text(
    fi="työkirjan ensimmäinen taulukko on tyhjä: sen ensimmäisen rivin pitää nimetä sarakkeet",
    en="the workbook's first sheet is empty: its first row must name the columns",
    sv="arbetsbokens första blad är tomt: dess första rad måste namnge kolumnerna",
)
_TOO_MANY = Text(
    fi="taulukossa on yli {limit} solua; loppua ei lueta",
    en="the sheet has more than {limit} cells; the rest is not read",
    sv="bladet har fler än {limit} celler; resten läses inte",
)


def cell_text(value: Any) -> str:
    """A cell's value as the user sees it: a whole number without ``.0``, a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_xlsx_table(request: ReadRequest) -> Table:
    """The header and rows of a workbook's first sheet; a row's line is its row number in Excel.

    Raises:
        LoadError: the bytes are not a workbook openpyxl can open, or its first sheet is empty.
    """
    from openpyxl import load_workbook

    name, lang = request.name, request.lang
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            workbook = load_workbook(io.BytesIO(request.data), read_only=True, data_only=True)
            sheet: ReadOnlyWorksheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # read every cell, not only those the sheet says it has
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as error:
        message = _NOT_A_WORKBOOK.get(lang).format(error=str(error) or type(error).__name__)
        raise LoadError([Problem(name, 1, 1, message)]) from None
    rows = _rows(sheet, lang)
    try:
        for line, cells in rows:
            if any(c.strip() for c in cells):
                header = _trimmed(cells)
                return Table(header, _padded(rows, len(header), workbook), header_line=line)
    except _TooManyCellsError as stop:
        raise LoadError([Problem(name, stop.line, 1, str(stop))]) from None
    workbook.close()
    raise LoadError([Problem(name, 1, 1, _EMPTY.get(lang))])


class _TooManyCellsError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _rows(sheet: ReadOnlyWorksheet, lang: Lang) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(row number, cell texts) of every row, the empty ones too; stops after :data:`MAX_CELLS`."""
    cells = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for line, values in enumerate(sheet.iter_rows(values_only=True), 1):
            cells += len(values)
            if cells > MAX_CELLS:
                limit = f"{MAX_CELLS:,}".replace(",", " ")
                raise _TooManyCellsError(line, _TOO_MANY.get(lang).format(limit=limit))
            yield line, tuple(cell_text(v) for v in values)


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _padded(rows: Iterator[tuple[int, tuple[str, ...]]], width: int, workbook: Any) -> Iterator[TableRow]:
    """Rows as wide as the header at least: an Excel row is never cut short, only its last cells empty."""
    try:
        for line, cells in rows:
            kept = _trimmed(cells)
            yield TableRow(line, kept + ("",) * max(0, width - len(kept)))
    except _TooManyCellsError as stop:
        yield TableRow(stop.line, error=str(stop))
    finally:
        workbook.close()


#: The ``xlsx`` response reader.
READER: Final = ResponseReader(
    name="xlsx",
    suffixes=(".xlsx", ".xlsm"),
    read=read_xlsx_table,
    description=Text(
        fi="Excel-työkirjan ensimmäinen taulukko (Webropol, Forms, Excel)",
        en="The first sheet of an Excel workbook (Webropol, Forms, Excel)",
        sv="Det första bladet i en Excel-arbetsbok (Webropol, Forms, Excel)",
    ),
)
