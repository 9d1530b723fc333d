"""Build the workbook (description, matrix, questions, appendix) and save it with fixed timestamps."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
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


def append(sheet: Worksheet, values: Sequence[object], *, bold: bool = False) -> list[Cell]:
    """Append a row of text cells that can never be formulas, even when a user edits them.

    Returns the row's cells, for styling them further. The cells are made before they are
    appended, so no call asks the sheet for its size (``max_row`` scans every cell: asking it
    per row made a workbook quadratic in its rows).
    """
    cells = [Cell(sheet, value=cell_text(v)) for v in values]
    for cell in cells:
        cell.data_type = "s"  # a string starting with "=" would otherwise be written as a formula
        cell.quotePrefix = True  # and stays text when someone edits the cell in Excel
        if bold:
            cell.font = BOLD
    sheet.append(cells)
    return cells


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


def description_sheet(sheet: Worksheet, request: ExportRequest) -> None:
    """Innokylä's description fields of every practice, one block of rows per practice."""
    lang = request.lang
    for practice in practices_of(request.model):
        append(sheet, [label("practice", lang), practice.id], bold=True)
        for key, value in _description_rows(practice, lang):
            append(sheet, [key, value])
        append(sheet, [])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 90


def matrix_sheet(sheet: Worksheet, request: ExportRequest) -> None:
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
                cells = append(
                    sheet, head + [value_label(strengths[c], lang) if c in strengths else "" for c in columns]
                )
                for offset, column in enumerate(columns):
                    if column in strengths:
                        cells[len(head) + offset].fill = FILLS[strengths[column]]
    sheet.freeze_panes = "H2"
    for letter, width in (("A", 20), ("B", 20), ("C", 20), ("D", 36)):
        sheet.column_dimensions[letter].width = width


def questions_sheet(sheet: Worksheet, request: ExportRequest) -> None:
    """Each practice's framework's guiding questions with their provenance and the practice's answers."""
    lang = request.lang
    keys = ("practice", "question", "id", "dimension", "principle", "provenance", "answer")
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
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["G"].width = 60


def build_workbook(request: ExportRequest) -> Workbook:
    """The workbook for ``request``: four sheets named in the request's language, and the survey's."""
    # Imported here: the appendix and survey sheets use this module's cell helpers.
    from osallisuuden_palaset_xlsx.appendix import appendix_sheet
    from osallisuuden_palaset_xlsx.survey_sheet import NAMES, has_surveys, survey_sheet

    names = SHEETS.get(request.lang, SHEETS["fi"])
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = names[0]
    description_sheet(first, request)
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


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx bytes with fixed zip entry times, so the same workbook gives the same bytes."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter, not Workbook.save: save() stamps the current time into the properties.
        ExcelWriter(workbook, archive).write_data()
    stamp = epoch().timetuple()[:6]
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return fixed.getvalue()
