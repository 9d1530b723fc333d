"""Compact HTML tables for a notebook: a block, a coverage, a practice's assessment, a whole assessment."""

from __future__ import annotations

from html import escape

from osallisuuden_palaset.assessing.assessment import Assessment, PracticeAssessment
from osallisuuden_palaset.messages.catalogue import say
from osallisuuden_palaset.messages.labels import label, value_label
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.evaluation import Coverage, ElementCoverage, Finding, Level
from osallisuuden_palaset.model.evidence import evidence_text
from osallisuuden_palaset.model.text import Lang, Text

#: Inline styles: a notebook shows HTML without our style sheet; verdict colours as in reports.
_TABLE = 'style="border-collapse:collapse;font-size:90%;max-width:100%"'
_CELL = 'style="border:1px solid #d5dae3;padding:2px 6px;text-align:left;vertical-align:top"'
_VERDICT = {
    "covered": "background:#d9efdc;color:#1e5a2a",
    "touched": "background:#fdf1c7;color:#6b5300",
    "unsupported": "background:#fbe0d6;color:#7d2c12",
    "not_claimed": "background:#f4f6f9;color:#5b6475",
}


def _t(value: Text | str | None, lang: Lang) -> str:
    if value is None:
        return ""
    return escape(value.get(lang) if isinstance(value, Text) else str(value))


def _row(*cells: str, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag} {_CELL}>{c}</{tag}>" for c in cells) + "</tr>"


def _table(rows: list[str], caption: str) -> str:
    head = f'<caption style="text-align:left;font-weight:600">{caption}</caption>'
    return f"<table {_TABLE}>{head}{''.join(rows)}</table>"


def block_html(block: Block, lang: Lang = "fi") -> str:
    """A block's name, kind, participants, modality and claims as one small table."""
    rows = [_row(escape(label("kind", lang)), escape(value_label(block.kind, lang)))]
    if block.description is not None:
        rows.append(_row(escape(label("description", lang)), _t(block.description, lang)))
    if block.participants:
        who = ", ".join(
            f"{_t(p.who, lang)} ({escape(value_label(p.role, lang))})" for p in block.participants
        )
        rows.append(_row(escape(label("participants", lang)), who))
    if block.modality is not None:
        rows.append(_row(escape(label("modality", lang)), escape(value_label(block.modality, lang))))
    for m in block.mappings:
        evidence = (
            _t(evidence_text(m.evidence), lang)
            if m.evidence is not None
            else f"<em>{escape(value_label(Level.UNSUPPORTED, lang))}</em>"
        )
        claim = f"{escape(m.target)}: {escape(value_label(m.strength, lang))} — {evidence}"
        rows.append(_row(escape(label("mappings", lang)), claim))
    for part in block.parts:
        rows.append(_row(escape(label("parts", lang)), _t(part.name, lang)))
    return _table(rows, f"{_t(block.name, lang)} <code>{escape(block.id)}</code>")


def _verdict_cell(row: ElementCoverage, lang: Lang) -> str:
    level = row.verdict.level.value
    word = escape(value_label(row.verdict.level, lang))
    return f'<span style="{_VERDICT[level]};padding:0 4px;border-radius:3px;font-weight:600">{word}</span>'


def coverage_html(coverage: Coverage, lang: Lang = "fi") -> str:
    """Every dimension and principle with its verdict and the reason, in framework order."""
    rows = [_row(escape(label("dimension", lang)), escape(label("verdict", lang)), "", head=True)]
    principles: dict[str, list[ElementCoverage]] = {}
    for p in coverage.principles:
        principles.setdefault(p.dimension, []).append(p)
    for d in coverage.dimensions:
        rows.append(
            _row(
                f"<strong>{escape(d.element)} {_t(d.name, lang)}</strong>",
                _verdict_cell(d, lang),
                _t(d.verdict.reason, lang),
            )
        )
        for p in principles.get(d.element, []):
            rows.append(
                _row(
                    f"&#8195;{escape(p.element)} {_t(p.name, lang)}",
                    _verdict_cell(p, lang),
                    _t(p.verdict.reason, lang),
                )
            )
    return _table(rows, f"{escape(coverage.subject)} — {escape(coverage.framework)}")


def _findings(findings: tuple[Finding, ...], lang: Lang) -> str:
    if not findings:
        return f"<p>{escape(label('no_findings', lang))}</p>"
    rows = [
        _row(
            escape(value_label(f.severity, lang)),
            _t(f.message, lang) + (f"<br><em>→ {_t(f.suggestion, lang)}</em>" if f.suggestion else ""),
        )
        for f in findings
    ]
    return _table(rows, escape(label("findings", lang)))


def practice_assessment_html(assessment: PracticeAssessment, lang: Lang = "fi") -> str:
    """A practice's coverage table, then its findings."""
    head = f"<h4>{_t(assessment.practice.name, lang)}</h4>"
    if assessment.coverage is None:
        body = f"<p>{escape(say(lang, 'framework not known'))}: {escape(assessment.framework)}</p>"
    else:
        body = coverage_html(assessment.coverage, lang)
    return head + body + _findings(assessment.findings, lang)


def assessment_html(assessment: Assessment, lang: Lang = "fi") -> str:
    """Each practice's assessment, then the collection's totals."""
    parts = [practice_assessment_html(p, lang) for p in assessment.practices]
    parts += [coverage_html(total, lang) for total in assessment.totals]
    return "".join(parts)
