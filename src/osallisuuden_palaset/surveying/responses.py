"""Read survey answers from CSV files as survey tools export them; a bad row is reported and skipped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final, Protocol

import attrs

from osallisuuden_palaset.errors import LoadError, Problem, did_you_mean
from osallisuuden_palaset.model.survey import Instrument, Response, Scale, Wave

#: Largest responses file read (50 MiB): far more than any project's survey.
MAX_BYTES: Final = 50 * 1024 * 1024
#: Delimiters recognised when none is given.
DELIMITERS: Final = ",;\t"
#: Cells that mean "no answer" (compared case-insensitively): empty, "don't know" and friends.
MISSING: Final = frozenset(
    {"", "-", ".", "na", "n/a", "nan", "eos", "en osaa sanoa", "ei vastausta", "don't know",
     "dont know", "no answer", "vet ej", "kan inte säga", "inget svar"}
)  # fmt: skip
#: Header names recognised for the pseudonym, wave and date columns (case-insensitive), in order.
ROLE_NAMES: Final[Mapping[str, tuple[str, ...]]] = {
    "respondent": ("respondent", "pseudonym", "vastaaja", "tunniste", "respondent_id", "id", "svarande"),
    "wave": ("wave", "aalto", "mittaus", "kysely", "vaihe", "mätning"),
    "date": ("date", "päivämäärä", "pvm", "vastauspäivä", "datum"),
}
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


def _column_pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(dict(value).items())


@attrs.frozen
class ColumnMap:
    """Which CSV columns hold what; None (or an item left out) means "find it by its usual name"."""

    respondent: str | None = None
    wave: str | None = None
    date: str | None = None
    #: Item id → column name, for items whose column is not named by the item id.
    items: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_column_pairs)


@attrs.frozen
class RowProblem:
    """A row that was skipped, and why."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@attrs.frozen
class ResponseFile:
    """What a responses file held: the good rows as responses, and a problem for each bad row."""

    file: str
    responses: tuple[Response, ...]
    problems: tuple[RowProblem, ...]
    #: Columns that are neither the pseudonym, the wave, the date nor an item: usable with ``--by``.
    fields: tuple[str, ...]


def read_responses(
    path: str | os.PathLike[str],
    instrument: Instrument,
    *,
    columns: ColumnMap | None = None,
    delimiter: str | None = None,
    wave: Wave | None = None,
) -> ResponseFile:
    """Read a CSV file of answers to ``instrument``.

    Args:
        columns: which columns hold what, where the headers do not say it.
        delimiter: ',', ';' or a tab; None guesses it from the file.
        wave: the wave of every row (for a file that is all start or all follow-up answers).

    Raises:
        LoadError: the file cannot be read, is not UTF-8, or its header lacks needed columns.
    """
    name = str(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise LoadError(
                [Problem(name, 1, 1, f"the file is {size} bytes; the largest read is {MAX_BYTES}")]
            )
        data = Path(path).read_bytes()
    except OSError as error:
        raise LoadError([Problem(name, 1, 1, f"cannot read the file: {error.strerror or error}")]) from None
    return parse_responses(decode_csv(data, name), instrument, name=name, columns=columns,
                           delimiter=delimiter, wave=wave)  # fmt: skip


def decode_csv(data: bytes, name: str) -> str:
    """The text of a UTF-8 file, with or without a BOM; LoadError naming the line that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LoadError(
            [Problem(name, line, 1, "the file is not UTF-8 text", "save or export it as CSV UTF-8")]
        ) from None


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


def parse_answer(cell: str, scale: Scale, labels: Mapping[str, int] | None = None) -> int | None:
    """The scale value of one answer cell: a number, or a label in fi, en or sv; None when unanswered.

    Raises:
        ValueError: the cell is neither a value nor a label of the scale.
    """
    key = " ".join(cell.casefold().split())
    if key in MISSING:
        return None
    number = _number(key)
    if number is not None:
        if number.is_integer() and scale.has(int(number)):
            return int(number)
        raise ValueError(f"{cell.strip()!r} is not on the scale {scale.min}–{scale.max}")
    found = (labels if labels is not None else scale.by_label()).get(key)
    if found is None:
        hint = did_you_mean(key, (labels or scale.by_label()).keys())
        raise ValueError(
            f"{cell.strip()!r} is neither a scale value ({scale.min}–{scale.max}) nor one of its labels"
            + (f"; {hint}" if hint else "")
        )
    return found


def _number(key: str) -> float | None:
    try:
        value = float(key.replace(",", "."))
    except ValueError:
        return None
    return value if value == value else None  # NaN is not a number here


def parse_wave(cell: str) -> Wave:
    """The wave a cell names ("start", "alku", "seuranta", "follow-up", 1, 2, ...); ValueError otherwise."""
    key = re.sub(r"[\s_\-]+", "", cell.casefold())
    try:
        return WAVE_NAMES[key]
    except KeyError:
        raise ValueError(
            f"{cell.strip()!r} is not a wave: write start (alku) or follow_up (seuranta)"
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
        raise ValueError(f"{cell.strip()!r} is not a date: write YYYY-MM-DD or D.M.YYYY") from None


def _find_column(header: Mapping[str, int], wanted: str | None, names: Iterable[str]) -> int | None:
    if wanted is not None:
        return header.get(wanted.casefold().strip())
    for name in names:
        if name in header:
            return header[name]
    return None


def _header_problem(name: str, message: str, hint: str | None = None) -> LoadError:
    return LoadError([Problem(name, 1, 1, message, hint)])


def parse_responses(
    text: str,
    instrument: Instrument,
    *,
    name: str = "<responses>",
    columns: ColumnMap | None = None,
    delimiter: str | None = None,
    wave: Wave | None = None,
) -> ResponseFile:
    """Responses from CSV text (see :func:`read_responses`); rows with problems are skipped and reported."""
    columns = columns or ColumnMap()
    text = text.removeprefix("\ufeff")
    if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n'):
        raise _header_problem(
            name, f"the delimiter must be one character such as ',' or ';', not {delimiter!r}"
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or sniff_delimiter(text))
    try:
        raw_header = next(reader)
    except StopIteration:
        raise _header_problem(name, "the file is empty: the first row must name the columns") from None
    except csv.Error as error:
        raise _header_problem(name, f"the header row cannot be read: {error}") from None
    header: dict[str, int] = {}
    for index, cell in enumerate(raw_header):
        key = cell.casefold().strip()
        if key in header:
            raise _header_problem(name, f"the column {cell.strip()!r} appears twice in the header")
        if key:
            header[key] = index
    known = [c.strip() for c in raw_header if c.strip()]
    where = {role: _find_column(header, getattr(columns, role), names) for role, names in ROLE_NAMES.items()}
    for role in ("respondent", "wave", "date"):
        asked = getattr(columns, role)
        if asked is not None and where[role] is None:
            raise _header_problem(
                name, f"there is no column {asked!r} for the {role}", did_you_mean(asked, known)
            )
    if where["respondent"] is None:
        raise _header_problem(
            name,
            "no column for the respondent's pseudonym (respondent, vastaaja, tunniste)",
            "name the column with --respondent-column",
        )
    mapped = dict(columns.items)
    unknown = sorted(set(mapped) - set(instrument.item_ids))
    if unknown:
        raise _header_problem(name, f"{unknown[0]!r} is not an item of {instrument.id}")
    item_columns: list[tuple[str, int]] = []
    missing: list[str] = []
    for item_id in instrument.item_ids:
        column = header.get(mapped.get(item_id, item_id).casefold().strip())
        if column is None:
            missing.append(mapped.get(item_id, item_id))
        else:
            item_columns.append((item_id, column))
    if missing:
        taken = {i for _, i in item_columns} | {i for i in where.values() if i is not None}
        free = [
            raw_header[i].strip() for i in range(len(raw_header)) if i not in taken and raw_header[i].strip()
        ]
        hint = did_you_mean(missing[0], free) or "map columns to items with --column ITEM=COLUMN"
        raise _header_problem(name, "no column for item(s) " + ", ".join(repr(m) for m in missing), hint)
    used = {i for _, i in item_columns} | {i for i in where.values() if i is not None}
    fields = tuple(
        (raw_header[i].strip(), i) for i in range(len(raw_header)) if i not in used and raw_header[i].strip()
    )
    return _rows(reader, instrument, name, len(raw_header), where, item_columns, fields, wave)


class _Reader(Protocol):
    line_num: int

    def __next__(self) -> list[str]: ...


def _rows(
    reader: _Reader,
    instrument: Instrument,
    name: str,
    width: int,
    where: Mapping[str, int | None],
    item_columns: list[tuple[str, int]],
    fields: tuple[tuple[str, int], ...],
    forced_wave: Wave | None,
) -> ResponseFile:
    labels = instrument.scale.by_label()
    responses: list[Response] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, Wave | None], int] = {}
    line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(RowProblem(name, line + 1, f"cannot read the rest of the file: {error}"))
            break
        start_line, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        try:
            response = _response(row, instrument, labels, width, where, item_columns, fields, forced_wave)
        except ValueError as error:
            problems.append(RowProblem(name, start_line, f"{error}; the row is skipped"))
            continue
        key = (response.respondent, response.wave)
        if key in seen:
            problems.append(
                RowProblem(
                    name,
                    start_line,
                    f"respondent {response.respondent!r} already answered"
                    + (f" in the {response.wave.value} wave" if response.wave else "")
                    + f" on line {seen[key]}; the row is skipped",
                )
            )
            continue
        seen[key] = start_line
        responses.append(attrs.evolve(response, origin=f"{name}:{start_line}"))
    return ResponseFile(name, tuple(responses), tuple(problems), tuple(f for f, _ in fields))


def _response(
    row: list[str],
    instrument: Instrument,
    labels: Mapping[str, int],
    width: int,
    where: Mapping[str, int | None],
    item_columns: list[tuple[str, int]],
    fields: tuple[tuple[str, int], ...],
    forced_wave: Wave | None,
) -> Response:
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        raise ValueError(f"the row has {len(row)} cells but the header names {width} columns")

    def cell(index: int | None) -> str:
        return row[index] if index is not None and index < len(row) else ""

    respondent = cell(where["respondent"]).strip()
    if not respondent:
        raise ValueError("the respondent's pseudonym is empty")
    wave = forced_wave
    wave_cell = cell(where["wave"]).strip()
    if wave_cell:
        found = parse_wave(wave_cell)
        if forced_wave is not None and found is not forced_wave:
            raise ValueError(f"the wave is {found.value} but this file holds {forced_wave.value} answers")
        wave = found
    answers: list[tuple[str, int]] = []
    for item_id, index in item_columns:
        try:
            value = parse_answer(cell(index), instrument.scale, labels)
        except ValueError as error:
            raise ValueError(f"item {item_id}: {error}") from None
        if value is not None:
            answers.append((item_id, value))
    return Response(
        respondent=respondent,
        answers=answers,
        wave=wave,
        date=parse_date(cell(where["date"])),
        fields=[(field, cell(index).strip()) for field, index in fields],
    )
