"""The evaluation appendix sheet: verdicts with their claims, traffic lights, questions and findings."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from osallisuuden_palaset.messages.labels import label, value_label
from osallisuuden_palaset.model.evaluation import Claim, ElementCoverage, Level, Rating
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.text import Lang, Text
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.output.reporting import (
    PracticeEvaluation,
    practice_evaluation,
    practices_of,
    project_in,
    resolved_steps,
)
from osallisuuden_palaset_xlsx.workbook import append, widths

#: Columns: practice, framework, section, id, name, verdict or light, reason, step, strength,
#: evidence, origin, location. One row per element, claim, criterion, question and finding.
COLUMNS = (
    "practice_id",
    "framework_id",
    "section",
    "item_id",
    "name",
    "verdict",
    "reason",
    "step",
    "strength",
    "evidence",
    "origin",
    "where",
)
#: The verdict or light column, shaded like the html report's.
VERDICT_COLUMN = COLUMNS.index("verdict") + 1
LIGHTS = {
    Rating.GREEN: PatternFill("solid", fgColor="2E8B3E"),
    Rating.YELLOW: PatternFill("solid", fgColor="F2C200"),
    Rating.RED: PatternFill("solid", fgColor="C8331F"),
}
LEVELS = {
    Level.COVERED: PatternFill("solid", fgColor="D9EFDC"),
    Level.TOUCHED: PatternFill("solid", fgColor="FDF1C7"),
    Level.UNSUPPORTED: PatternFill("solid", fgColor="FBE0D6"),
}


def _t(value: Text | None, lang: Lang) -> str:
    return value.get(lang) if value is not None else ""


def evaluation_of(practice: Practice, request: ExportRequest) -> PracticeEvaluation:
    """The practice's appendices as the markdown and html reports build them."""
    given = request.findings
    return practice_evaluation(
        practice,
        request.framework,
        request.context,
        findings=given.get(practice.id, ()) if given is not None else None,
        project=project_in(request.model, practice.id),
    )


def _claim_row(head: Sequence[str], claim: Claim, names: dict[str, Text], lang: Lang) -> list[str]:
    step = _t(names.get(claim.step), lang) or claim.step
    if claim.block != claim.step:
        step += f" / {claim.block_name.get(lang)}"
    origin = value_label(claim.origin, lang) + (f": {claim.source}" if claim.source else "")
    evidence = _t(claim.evidence, lang) or label("no_evidence", lang)
    return [*head, label("claim", lang), claim.element, "", "", "", step,
            value_label(claim.strength, lang), evidence, origin]  # fmt: skip


def _element_rows(
    sheet: WriteOnlyWorksheet, head: Sequence[str], row: ElementCoverage, claims: Sequence[Claim],
    names: dict[str, Text], lang: Lang,
) -> None:  # fmt: skip
    section = label("dimension" if row.kind.value == "dimension" else "principle", lang)
    level = row.verdict.level
    fills = {VERDICT_COLUMN - 1: LEVELS[level]} if level in LEVELS else None
    append(sheet, [*head, section, row.element, row.name.get(lang), value_label(level, lang),
                   row.verdict.reason.get(lang)], fills=fills)  # fmt: skip
    for claim in claims:
        append(sheet, _claim_row(head, claim, names, lang))


def appendix_sheet(sheet: WriteOnlyWorksheet, request: ExportRequest) -> None:
    """Every practice's evaluation appendix (arviointiliite) as rows, in the report's order."""
    lang = request.lang
    sheet.freeze_panes = "A2"
    widths(sheet, (("A", 20), ("B", 12), ("C", 16), ("D", 16), ("E", 48), ("F", 16), ("G", 48),
                   ("H", 36), ("J", 36), ("L", 36)))  # fmt: skip
    append(sheet, [label(k, lang) for k in COLUMNS], bold=True)
    for practice in practices_of(request.model):
        evaluation = evaluation_of(practice, request)
        names = {r.id: r.name for r in resolved_steps(practice, request.context)}
        for fid in evaluation.unknown:
            append(sheet, [practice.id, fid, label("framework", lang), fid, label("unknown_framework", lang)])
        for a in evaluation.appendices:
            head = [practice.id, a.framework]
            for dim in a.dimensions:
                own = [c for c in dim.claims if c.element == dim.element]
                _element_rows(sheet, head, dim, own, names, lang)
                for pr in a.principles:
                    if pr.dimension == dim.element:
                        _element_rows(sheet, head, pr, pr.claims, names, lang)
            for r in a.ratings:
                light = value_label(r.rating, lang) if r.rating else label("rating.none", lang)
                fills = {VERDICT_COLUMN - 1: LIGHTS[r.rating]} if r.rating is not None else None
                append(sheet, [*head, label("criterion", lang), r.criterion, r.name.get(lang), light,
                               r.reason.get(lang)], fills=fills)  # fmt: skip
            for q in a.questions:
                status = label(f"answer_status.{q.status}", lang)
                append(sheet, [*head, label("question", lang), q.question, q.text.get(lang), status,
                               _t(q.answer, lang)])  # fmt: skip
        _finding_rows(sheet, practice, evaluation, lang)


def _finding_rows(
    sheet: WriteOnlyWorksheet, practice: Practice, evaluation: PracticeEvaluation, lang: Lang
) -> None:
    head = [practice.id, practice.framework, label("finding", lang)]
    if evaluation.findings is None:
        append(sheet, [*head, "", label("checks_not_run", lang)])
        return
    if not evaluation.findings:
        append(sheet, [*head, "", label("no_findings", lang)])
        return
    for f in evaluation.findings:
        suggestion = f"{label('suggestion', lang)}: {f.suggestion.get(lang)}" if f.suggestion else ""
        append(sheet, [*head, f.check, f.message.get(lang), value_label(f.severity, lang), suggestion,
                       "", "", "", "", f.location or ""])  # fmt: skip
