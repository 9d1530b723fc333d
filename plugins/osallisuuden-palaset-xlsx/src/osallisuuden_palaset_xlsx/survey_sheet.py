"""The survey sheet: each reported practice's survey tables, one sentence per result, notes and legend."""

from __future__ import annotations

from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from osallisuuden_palaset.messages.labels import label as model_label
from osallisuuden_palaset.messages.survey_words import label
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.output.reporting import practices_of
from osallisuuden_palaset.surveying.reporting import notes, tables, title
from osallisuuden_palaset.surveying.sentences import legend, sentences
from osallisuuden_palaset_xlsx.workbook import append, widths

#: The sheet's name per language.
NAMES = {"fi": "Kysely", "en": "Survey", "sv": "Enkät"}


def has_surveys(request: ExportRequest) -> bool:
    """Whether any practice of the request's model has survey results to show."""
    return any(p.id in request.surveys for p in practices_of(request.model))


def survey_sheet(sheet: WriteOnlyWorksheet, request: ExportRequest) -> None:
    """The survey results of every practice that has them, as the other reports show them.

    Cells are the reports' own text (hidden cells say ``<5`` or why they are hidden), so the
    workbook shows exactly what the audited report holds and nothing more.
    """
    lang = request.lang
    widths(sheet, (("A", 28), *((letter, 14) for letter in "BCDEFGH")))
    for practice in practices_of(request.model):
        results = request.surveys.get(practice.id)
        if results is None:
            continue
        report = results.report
        append(sheet, [model_label("practice", lang), practice.id], bold=True)
        append(sheet, [title(report, lang)])
        append(sheet, [label("suppression", lang, m=report.min_group)])
        for caption, rows in tables(report, lang):
            append(sheet, [])
            append(sheet, [caption], bold=True)
            append(sheet, rows[0], bold=True)
            for row in rows[1:]:
                append(sheet, row)
        append(sheet, [])
        append(sheet, [label("results", lang)], bold=True)
        for sentence in sentences(report, lang):
            append(sheet, [sentence])
        for line in [*notes(report, lang), *legend(report, lang)]:
            append(sheet, [line])
        append(sheet, [])
