"""Read survey answers as survey tools export them (CSV, or any registered format); bad rows are named."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs

from osallisuuden_palaset.errors import LoadError, Location, PalasetError, Problem
from osallisuuden_palaset.messages.catalogue import Message, msg, msg_n, say, say_n
from osallisuuden_palaset.model.survey import Instrument, Response, Scale, Wave
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.answer_messages import AnswerError, close_to, suggestion
from osallisuuden_palaset.surveying.columns import ROLE_NAMES, ColumnMap, Layout, find_layout
from osallisuuden_palaset.surveying.csv_tables import (
    CSV_READER,
    DELIMITERS,
    csv_table,
    decode_csv,
    sniff_delimiter,
)
from osallisuuden_palaset.surveying.tables import (
    MAX_BYTES,
    ReadRequest,
    ResponseReader,
    Table,
    choose_reader,
    read_capped,
)

__all__ = [
    "DELIMITERS",
    "MAX_BYTES",
    "MISSING",
    "ROLE_NAMES",
    "WAVE_NAMES",
    "ColumnMap",
    "ResponseFile",
    "RowProblem",
    "decode_csv",
    "parse_answer",
    "parse_date",
    "parse_responses",
    "parse_wave",
    "read_responses",
    "read_table",
    "sniff_delimiter",
]

#: Cells that mean "no answer" (compared case-insensitively): empty, "don't know" and friends.
MISSING: Final = frozenset(
    {"", "-", ".", "na", "n/a", "nan", "eos", "en osaa sanoa", "ei vastausta", "don't know",
     "dont know", "no answer", "vet ej", "kan inte säga", "inget svar"}
)  # fmt: skip
#: Wave names accepted in a wave column (case-insensitive; spaces, '-' and '_' are ignored).
WAVE_NAMES: Final[Mapping[str, Wave]] = {
    **dict.fromkeys(
        ("start", "alku", "alkukysely", "alkumittaus", "alkulomake", "pre", "baseline", "1", "t1",
         "början", "före", "startmätning"),
        Wave.START,
    ),
    **dict.fromkeys(
        ("followup", "seuranta", "seurantakysely", "seurantamittaus", "loppu", "loppukysely",
         "loppumittaus", "post", "2", "t2", "uppföljning", "efter"),
        Wave.FOLLOW_UP,
    ),
}  # fmt: skip
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@attrs.frozen
class RowProblem(Problem):
    """A row that was skipped (or kept with a remark), and why: ``RowProblem(file, line, message)``.

    A :class:`~osallisuuden_palaset.errors.Problem` about a whole line, so it has no column
    and prints as ``FILE:LINE: message``.
    """

    col: None = attrs.field(default=None, init=False)

    @classmethod
    def at(cls, location: Location, message: str, hint: str | None = None) -> RowProblem:
        """The problem ``message`` with the line of ``location`` (a row has no column)."""
        return RowProblem(location.file, location.line, message, hint)


@attrs.frozen
class ResponseFile:
    """What a responses file held: the good rows as responses, and a problem for each bad row."""

    file: str
    responses: tuple[Response, ...]
    problems: tuple[RowProblem, ...]
    #: Columns that are neither the pseudonym, the wave, the date nor an item: usable with ``--by``.
    fields: tuple[str, ...]
    #: Rows kept that are worth a word (too few answers for a score), each naming its line.
    notes: tuple[RowProblem, ...] = ()
    #: How many rows name each wave in the wave column (skipped rows too), in wave order.
    marked: tuple[tuple[Wave, int], ...] = ()
    #: How many rows of answers the file has (blank rows left out).
    rows: int = 0
    #: Item id → the column it was read from, as the file spells it.
    item_columns: tuple[tuple[str, str], ...] = ()

    def marked_as(self, wave: Wave) -> int:
        """How many rows name ``wave`` in the wave column."""
        return dict(self.marked).get(wave, 0)


def read_responses(
    path: str | os.PathLike[str],
    instrument: Instrument,
    *,
    columns: ColumnMap | None = None,
    delimiter: str | None = None,
    wave: Wave | None = None,
    readers: Iterable[ResponseReader] | None = None,
    lang: Lang = "en",
) -> ResponseFile:
    """Read a file of answers to ``instrument``: CSV, or a format one of ``readers`` reads.

    Args:
        columns: which columns hold what, where the headers do not say it.
        delimiter: ',', ';' or a tab; None guesses it from the file.
        wave: the wave of every row (for a file that is all start or all follow-up answers).
        readers: the registered response readers (``registry.get_response_readers``); None: CSV only.
        lang: the language of the messages.

    Raises:
        LoadError: the file cannot be read, is larger than :data:`MAX_BYTES` (a device or a pipe
            included), is not in a readable format, or its header lacks needed columns.
    """
    name = str(path)
    reader = choose_reader(name, (CSV_READER,) if readers is None else readers, lang)
    data = read_capped(path, lang)
    try:
        table = reader.read(ReadRequest(data, name, delimiter, lang))
        return read_table(table, instrument, name=name, columns=columns, wave=wave, lang=lang)
    except PalasetError:
        raise
    except Exception as error:  # a reader plugin's failure is the file's problem, not a traceback
        failure = f"{type(error).__name__}: {error}"
        problem = say(
            lang, "the {reader} reader could not read the file: {error}", reader=reader.name, error=failure
        )
        raise LoadError([Problem(name, 1, 1, problem)]) from None


def parse_responses(
    text: str,
    instrument: Instrument,
    *,
    name: str = "<responses>",
    columns: ColumnMap | None = None,
    delimiter: str | None = None,
    wave: Wave | None = None,
    lang: Lang = "en",
) -> ResponseFile:
    """Responses from CSV text (see :func:`read_responses`); rows with problems are skipped and reported."""
    table = csv_table(text, name=name, delimiter=delimiter, lang=lang)
    return read_table(table, instrument, name=name, columns=columns, wave=wave, lang=lang)


def read_table(
    table: Table,
    instrument: Instrument,
    *,
    name: str,
    columns: ColumnMap | None = None,
    wave: Wave | None = None,
    lang: Lang = "en",
) -> ResponseFile:
    """Responses from a reader's table: the columns found, each row checked, bad rows named and skipped.

    Raises:
        LoadError: the header lacks needed columns (see :func:`columns.find_layout`).
    """
    layout = find_layout(table.header, instrument, columns, name=name, line=table.header_line, lang=lang)
    return _Rows(instrument, layout, name, wave, lang).read(table)


def parse_answer(cell: str, scale: Scale, labels: Mapping[str, int] | None = None) -> int | None:
    """The scale value of one answer cell: a number, or a label in fi, en or sv; None when unanswered.

    Raises:
        AnswerError: (a ValueError) the cell is neither a value nor a label of the scale.
    """
    key = " ".join(cell.casefold().split())
    if key in MISSING:
        return None
    number = _number(key)
    if number is not None:
        if number.is_integer() and scale.has(int(number)):
            return int(number)
        raise AnswerError(
            msg(
                "{cell} is not on the scale {min}–{max}",
                cell=repr(cell.strip()),
                min=str(scale.min),
                max=str(scale.max),
            )
        )
    known = labels if labels is not None else scale.by_label()
    found = known.get(key)
    if found is None:
        raise AnswerError(
            msg(
                "{cell} is neither a scale value ({min}–{max}) nor one of its labels{hint}",
                cell=repr(cell.strip()),
                min=str(scale.min),
                max=str(scale.max),
                hint=suggestion(close_to(key, known)),
            )
        )
    return found


def _number(key: str) -> float | None:
    try:
        value = float(key.replace(",", "."))
    except ValueError:
        return None
    return value if value == value else None  # NaN is not a number here


def parse_wave(cell: str) -> Wave:
    """The wave a cell names ("start", "alku", "seuranta", "follow-up", 1, 2, ...); AnswerError otherwise."""
    key = re.sub(r"[\s_\-]+", "", cell.casefold())
    try:
        return WAVE_NAMES[key]
    except KeyError:
        raise AnswerError(
            msg("{cell} is not a wave: write start (alku) or follow_up (seuranta)", cell=repr(cell.strip()))
        ) from None


def parse_date(cell: str) -> dt.date | None:
    """A date written as YYYY-MM-DD or D.M.YYYY (a time after it is ignored); None when empty."""
    first = cell.strip().split(" ")[0].split("T")[0]
    if not first:
        return None
    match = _FI_DATE.match(first)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(first)
    except ValueError:
        raise AnswerError(
            msg("{cell} is not a date: write YYYY-MM-DD or D.M.YYYY", cell=repr(cell.strip()))
        ) from None


class _Rows:
    """Reads one table's rows against its layout, collecting responses, problems and notes."""

    def __init__(
        self, instrument: Instrument, layout: Layout, name: str, wave: Wave | None, lang: Lang
    ) -> None:
        self.instrument, self.layout, self.name, self.forced, self.lang = instrument, layout, name, wave, lang
        self.labels = instrument.scale.by_label()
        self.width = len(layout.header)
        self.marks: Counter[Wave] = Counter()
        self.problems: list[RowProblem] = []
        self.notes: list[RowProblem] = []

    def read(self, table: Table) -> ResponseFile:
        responses: list[Response] = []
        seen: dict[tuple[str, Wave | None], int] = {}
        count = 0
        for row in table.rows:
            if row.error is not None:
                self.problems.append(RowProblem(self.name, row.line, row.error))
                continue
            if not any(cell.strip() for cell in row.cells):
                continue
            count += 1
            try:
                response = self.response(row.cells)
                key = (response.respondent, response.wave)
                if key in seen:
                    raise AnswerError(_duplicate(response, seen[key]))
            except AnswerError as error:
                skipped = say(self.lang, "{message}; the row is skipped", message=error.message)
                self.problems.append(RowProblem(self.name, row.line, skipped))
                continue
            seen[key] = row.line
            self.note_unscored(response, row.line)
            responses.append(attrs.evolve(response, origin=str(Location(self.name, row.line))))
        layout = self.layout
        return ResponseFile(
            self.name,
            tuple(responses),
            tuple(self.problems),
            tuple(f for f, _ in layout.fields),
            notes=tuple(self.notes),
            marked=tuple((w, self.marks[w]) for w in Wave if self.marks[w]),
            rows=count,
            item_columns=tuple((item, layout.name(i)) for item, i in layout.items),
        )

    def response(self, cells: Sequence[str]) -> Response:
        layout, width = self.layout, self.width
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            raise AnswerError(
                msg(
                    "the row has {cells} but the header names {width}",
                    cells=msg_n("{n} cell", "{n} cells", len(cells)),
                    width=msg_n("{n} column", "{n} columns", width),
                )
            )
        cut = next((i for i in range(len(cells), width) if layout.header[i].strip()), None)
        if cut is not None:
            raise AnswerError(
                msg_n(
                    "the row is cut short: it has only {cells} of the header's {n} column "
                    "(it ends before {column})",
                    "the row is cut short: it has only {cells} of the header's {n} columns "
                    "(it ends before {column})",
                    width,
                    cells=len(cells),
                    column=repr(layout.name(cut)),
                )
            )

        def cell(index: int | None) -> str:
            return cells[index] if index is not None and index < len(cells) else ""

        respondent = cell(layout.respondent).strip()
        if not respondent:
            raise AnswerError(msg("the respondent's pseudonym is empty"))
        wave = self.forced
        wave_cell = cell(layout.wave).strip()
        if wave_cell:
            found = parse_wave(wave_cell)
            self.marks[found] += 1
            if self.forced is not None and found is not self.forced:
                raise AnswerError(_other_wave(found))
            wave = found
        answers: list[tuple[str, int]] = []
        for item_id, index in layout.items:
            try:
                value = parse_answer(cell(index), self.instrument.scale, self.labels)
            except AnswerError as error:
                column = layout.name(index)
                if column.casefold() == item_id.casefold():
                    where = msg("column {column}: {message}", column=repr(column), message=error.message)
                else:
                    where = msg(
                        "column {column} (item {item}): {message}",
                        column=repr(column),
                        item=item_id,
                        message=error.message,
                    )
                raise AnswerError(where) from None
            if value is not None:
                answers.append((item_id, value))
        return Response(
            respondent=respondent,
            answers=answers,
            wave=wave,
            date=parse_date(cell(layout.date)),
            fields=[(field, cell(index).strip()) for field, index in layout.fields],
        )

    def note_unscored(self, response: Response, line: int) -> None:
        """A note naming the unanswered columns when the row has too few answers for a score."""
        needed, answered = self.instrument.min_answered, len(response.answers)
        if answered >= needed:
            return
        given = dict(response.answers)
        missing = ", ".join(self.layout.name(i) for item, i in self.layout.items if item not in given)
        count = len(self.layout.items)
        text = say_n(
            self.lang,
            "respondent {respondent} answered {answered} of {n} item (unanswered: {missing}); "
            "a score needs {needed}, so they are counted without a score",
            "respondent {respondent} answered {answered} of {n} items (unanswered: {missing}); "
            "a score needs {needed}, so they are counted without a score",
            count,
            respondent=repr(response.respondent),
            answered=answered,
            missing=missing,
            needed=needed,
        )
        self.notes.append(RowProblem(self.name, line, text))


def _duplicate(response: Response, line: int) -> Message:
    """Why a second row of the same respondent (in the same wave) is skipped."""
    respondent, first = repr(response.respondent), str(line)
    if response.wave is Wave.START:
        return msg(
            "respondent {respondent} already answered in the start wave on line {line}",
            respondent=respondent,
            line=first,
        )
    if response.wave is Wave.FOLLOW_UP:
        return msg(
            "respondent {respondent} already answered in the follow-up wave on line {line}",
            respondent=respondent,
            line=first,
        )
    return msg("respondent {respondent} already answered on line {line}", respondent=respondent, line=first)


def _other_wave(found: Wave) -> Message:
    """Why a row marked ``found`` is skipped from a file given as the other wave's answers."""
    if found is Wave.FOLLOW_UP:
        return msg("the wave is follow-up but this file is given as the start answers")
    return msg("the wave is start but this file is given as the follow-up answers")
