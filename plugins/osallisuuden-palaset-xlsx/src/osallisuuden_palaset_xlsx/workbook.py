"""Build the workbook (description, matrix, questions, appendix) row by row, with fixed timestamps."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from collections.abc import Iterable, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from osallisuuden_palaset.messages.labels import label, value_label
from osallisuuden_palaset.model.block import Strength
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.target_group import target_group_text
from osallisuuden_palaset.model.text import Lang, Text
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.output.reporting import practices_of, provenance_note, resolved_steps

#: Zip entries and document properties get this time unless SOURCE_DATE_EPOCH says otherwise.
DEFAULT_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
FILLS = {
    Strength.WEAK: PatternFill("solid", fgColor="EEF3F8"),
    Strength.MODERATE: PatternFill("solid", fgColor="CFE0F0"),
    Strength.STRONG: PatternFill("solid", fgColor="8FB6DC"),
}
BOLD = Font(bold=True)
SHEETS = {
    "fi": ("Kuvaus", "Matriisi", "Apukysymykset", "Arviointiliite"),
    "en": ("Description", "Matrix", "Questions", "Evaluation appendix"),
    "sv": ("Beskrivning", "Matris", "Hjälpfrågor", "Utvärderingsbilaga"),
}


def epoch() -> dt.datetime:
    """The fixed time stamped into the workbook: SOURCE_DATE_EPOCH when set, else 2000-01-01."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.isdigit():
        return max(dt.datetime.fromtimestamp(int(value), tz=dt.UTC), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    return DEFAULT_EPOCH


def cell_text(value: object) -> str:
    """Text for a cell: no control characters Excel rejects (formulas are prevented by the cell type)."""
    text: str = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    return text


def append(
    sheet: WriteOnlyWorksheet,
    values: Sequence[object],
    *,
    bold: bool = False,
    fills: Mapping[int, PatternFill] | None = None,
) -> None:
    """Write a row of text cells that can never be formulas, even when a user edits them.

    The sheets are write-only: each row goes to the file as it is appended and is not kept, so
    a workbook of a national collection takes little memory, and nothing ever scans a sheet
    (asking a sheet for its size per row made the workbook quadratic in its rows). A row's
    styles are therefore given here: ``fills`` maps a column index (from 0) to its fill.
    """
    cells = [WriteOnlyCell(sheet, value=cell_text(v)) for v in values]
    for cell in cells:
        cell.data_type = "s"  # a string starting with "=" would otherwise be written as a formula
        cell.quotePrefix = True  # and stays text when someone edits the cell in Excel
        if bold:
            cell.font = BOLD
    for index, fill in (fills or {}).items():
        cells[index].fill = fill
    sheet.append(cells)


def widths(sheet: WriteOnlyWorksheet, columns: Iterable[tuple[str, float]]) -> None:
    """Set column widths; before the first row, since a write-only sheet writes them first."""
    for letter, width in columns:
        sheet.column_dimensions[letter].width = width


def _t(value: Text | None, lang: Lang) -> str:
    return value.get(lang) if value is not None else ""


def _description_rows(practice: Practice, lang: Lang) -> Iterable[tuple[str, str]]:
    d = practice.description
    yield label("name", lang), practice.name.get(lang)
    fields: list[tuple[str, Text | str | None]] = [
        ("summary", practice.summary),
        ("location", d.location),
        ("municipality", d.municipality),
        ("region", d.region),
        ("wellbeing_county", d.wellbeing_county),
        ("funder", d.funder),
        ("collection", d.collection),
        ("authors", ", ".join(d.authors) or None),
        ("framework", practice.framework),
        ("basic_idea", d.basic_idea),
        ("environment", d.environment),
        ("target_group", target_group_text(d.target_group)),
        ("implementation", d.implementation),
        ("attachments", ", ".join(d.attachments) or None),
        ("organisation", practice.organisation),
        ("innokyla", practice.innokyla),
        ("understand", practice.development.understand),
        ("imagine_and_try", practice.development.imagine_and_try),
        ("describe_and_share", practice.development.describe_and_share),
    ]
    for key, value in fields:
        if value:
            yield label(key, lang), value.get(lang) if isinstance(value, Text) else value
    for variant in practice.variants:
        yield label("variants", lang), f"{variant.name.get(lang)}: {variant.differs.get(lang)}"
    for resource in practice.resources:
        about = f": {resource.description.get(lang)}" if resource.description is not None else ""
        yield label("resources", lang), resource.name.get(lang) + about


def description_sheet(sheet: WriteOnlyWorksheet, request: ExportRequest) -> None:
    """Innokylä's description fields of every practice, one block of rows per practice."""
    lang = request.lang
    widths(sheet, (("A", 34), ("B", 90)))
    for practice in practices_of(request.model):
        append(sheet, [label("practice", lang), practice.id], bold=True)
        for key, value in _description_rows(practice, lang):
            append(sheet, [key, value])
        append(sheet, [])


def matrix_sheet(sheet: WriteOnlyWorksheet, request: ExportRequest) -> None:
    """One row per block (parts, reused blocks too) × one column per framework element."""
    lang = request.lang
    practices = practices_of(request.model)
    columns: list[tuple[str, str]] = []
    for practice in practices:
        framework = request.framework(practice.framework)
        ids = framework.element_ids() if framework is not None else ()
        columns += [(practice.framework, e) for e in ids if (practice.framework, e) not in columns]
    extra = sorted(
        {
            (m.framework or p.framework, m.target)
            for p in practices
            for r in resolved_steps(p, request.context)
            if r.block is not None
            for b in r.block.walk()
            for m in b.mappings
        }
        - set(columns)
    )
    columns += extra
    keys = ("practice_id", "step_id", "block_id", "name", "kind", "reused_from", "included_practice")
    sheet.freeze_panes = "H2"
    widths(sheet, (("A", 20), ("B", 20), ("C", 20), ("D", 36)))
    append(sheet, [label(k, lang) for k in keys] + [f"{f}:{e}" for f, e in columns], bold=True)
    for practice in practices:
        for r in resolved_steps(practice, request.context):
            origin = r.origin or ""
            if r.block is None:
                append(sheet, [practice.id, r.id, "", r.name.get(lang), "", "", origin])
                continue
            for block in r.block.walk():
                strengths: dict[tuple[str, str], Strength] = {}
                for m in block.mappings:
                    key = (m.framework or practice.framework, m.target)
                    if key not in strengths or m.strength.weight > strengths[key].weight:
                        strengths[key] = m.strength
                name = r.name if block is r.block else block.name
                reused = origin if r.kind == "reuse" else ""
                head = [
                    practice.id,
                    r.id,
                    block.id,
                    name.get(lang),
                    value_label(block.kind, lang),
                    reused,
                    "",
                ]
                marks = [value_label(strengths[c], lang) if c in strengths else "" for c in columns]
                fills = {len(head) + i: FILLS[strengths[c]] for i, c in enumerate(columns) if c in strengths}
                append(sheet, head + marks, fills=fills)


def questions_sheet(sheet: WriteOnlyWorksheet, request: ExportRequest) -> None:
    """Each practice's framework's guiding questions with their provenance and the practice's answers."""
    lang = request.lang
    keys = ("practice", "question", "id", "dimension", "principle", "provenance", "answer")
    widths(sheet, (("B", 80), ("G", 60)))
    append(sheet, [k if k == "id" else label(k, lang) for k in keys], bold=True)
    for practice in practices_of(request.model):
        answers = {(a.framework or practice.framework, a.question): a for a in practice.answers}
        framework = request.framework(practice.framework)
        for q in framework.questions if framework is not None else ():
            answer = answers.get((framework.id, q.id)) if framework is not None else None
            provenance = provenance_note(q.provenance, lang)
            answer_text = ""
            if answer is not None:
                answer_text = f"({value_label(answer.status, lang)}) {_t(answer.text, lang)}".strip()
            append(
                sheet,
                [
                    practice.id,
                    q.text.get(lang),
                    q.id,
                    q.dimension or "",
                    q.principle or "",
                    provenance,
                    answer_text,
                ],
            )


def build_workbook(request: ExportRequest) -> Workbook:
    """The workbook for ``request``: four sheets named in the request's language, and the survey's."""
    # Imported here: the appendix and survey sheets use this module's cell helpers.
    from osallisuuden_palaset_xlsx.appendix import appendix_sheet
    from osallisuuden_palaset_xlsx.survey_sheet import NAMES, has_surveys, survey_sheet

    names = SHEETS.get(request.lang, SHEETS["fi"])
    workbook = Workbook(write_only=True)
    description_sheet(workbook.create_sheet(names[0]), request)
    matrix_sheet(workbook.create_sheet(names[1]), request)
    questions_sheet(workbook.create_sheet(names[2]), request)
    appendix_sheet(workbook.create_sheet(names[3]), request)
    if has_surveys(request):
        survey_sheet(workbook.create_sheet(NAMES.get(request.lang, NAMES["fi"])), request)
    when = epoch().replace(tzinfo=None)
    workbook.properties.created = when
    workbook.properties.modified = when
    workbook.properties.creator = "osallisuuden-palaset"
    workbook.properties.title = cell_text(request.model.name.get(request.lang))
    return workbook


class _StampedZip(zipfile.ZipFile):
    """A zip whose every entry gets the fixed time and mode, written as it comes (no second pass).

    openpyxl's writer adds entries with ``writestr`` (the time now) and the write-only sheets
    with ``write`` (their temporary file's time): both are given :func:`epoch` here, and a
    sheet's file is copied in chunks rather than read whole.
    """

    def _stamped(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=epoch().timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o644 << 16
        return info

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: bytes | str, *args: object, **kwargs: object
    ) -> None:
        name = (
            zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        )
        super().writestr(self._stamped(name), data)

    def write(  # type: ignore[override]
        self, filename: str | os.PathLike[str], arcname: str | None = None, *args: object, **kwargs: object
    ) -> None:
        with (
            open(filename, "rb") as source,
            self.open(self._stamped(arcname or str(filename)), "w") as target,
        ):
            shutil.copyfileobj(source, target, 1 << 20)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx bytes with fixed zip entry times, so the same workbook gives the same bytes."""
    raw = io.BytesIO()
    with _StampedZip(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter, not Workbook.save: save() stamps the current time into the properties.
        ExcelWriter(workbook, archive).write_data()
    return raw.getvalue()
