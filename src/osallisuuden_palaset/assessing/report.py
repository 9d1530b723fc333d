"""An assessment as JSON data, as a ten-second text profile, or as Markdown."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from osallisuuden_palaset.assessing.assessment import Assessment, PracticeAssessment
from osallisuuden_palaset.assessing.collection import ReuseCount
from osallisuuden_palaset.errors import ModelPath
from osallisuuden_palaset.files.converting import output_converter
from osallisuuden_palaset.messages.catalogue import say, say_n
from osallisuuden_palaset.messages.labels import label, value_label
from osallisuuden_palaset.model.evaluation import (
    Claim,
    Coverage,
    ElementCoverage,
    Finding,
    Level,
    QuestionStatus,
    Severity,
)
from osallisuuden_palaset.model.text import Lang, Text

#: A claim's place: (practice id, path) → "FILE:LINE" or None.
ClaimLocator = Callable[[str, ModelPath], "str | None"]

MARK = {Level.COVERED: "●", Level.TOUCHED: "◐", Level.UNSUPPORTED: "◌", Level.NOT_CLAIMED: "○"}


@functools.cache
def _converter() -> cattrs.Converter:
    """The one output converter, with the hooks where the assessment JSON differs from the classes.

    Claims, questions and uses are their fields as the converter writes them. Coverage rows,
    coverages, findings, reuse counts and practices are written by the functions below: their
    JSON renames, flattens or computes fields, or keeps the documented key order.
    """
    conv = output_converter().copy()
    omit = override(omit=True)
    # A claim's place is its "location" from the locator (added by claim_json), not its model path.
    conv.register_unstructure_hook(Claim, make_dict_unstructure_fn(Claim, conv, path=omit, written_at=omit))
    # A question is named by its id; its wording and where it belongs are in the framework.
    conv.register_unstructure_hook(
        QuestionStatus,
        make_dict_unstructure_fn(
            QuestionStatus, conv, question=override(rename="id"), text=omit, dimension=omit, principle=omit
        ),
    )
    return conv


def _text(value: Text | None) -> Any:
    return _converter().unstructure(value)


def claim_json(claim: Claim, locate: ClaimLocator) -> dict[str, Any]:
    """One claim as JSON data."""
    data: dict[str, Any] = _converter().unstructure(claim)
    data["location"] = locate(claim.practice, claim.path)
    return data


def row_json(row: ElementCoverage, locate: ClaimLocator) -> dict[str, Any]:
    """One dimension or principle row as JSON data."""
    strongest = row.strongest
    return {
        "id": row.element,
        "kind": row.kind.value,
        "name": _text(row.name),
        "dimension": row.dimension,
        "verdict": row.verdict.level.value,
        "reason": _text(row.verdict.reason),
        "strongest": strongest.value if strongest else None,
        "claims": [claim_json(c, locate) for c in row.claims],
    }


def coverage_json(coverage: Coverage, locate: ClaimLocator) -> dict[str, Any]:
    """A coverage as JSON data."""
    return {
        "subject": coverage.subject,
        "kind": coverage.subject_kind,
        "framework": coverage.framework,
        "practices": list(coverage.practices),
        "dimensions": [row_json(r, locate) for r in coverage.dimensions],
        "principles": [row_json(r, locate) for r in coverage.principles],
        "unclaimed_principles": list(coverage.unclaimed_principles),
        "claims_without_evidence": [claim_json(c, locate) for c in coverage.claims_without_evidence],
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as JSON data (``waived``, the step's reason, only when the step waives the check)."""
    data = {
        "check": finding.check,
        "severity": finding.severity.value,
        "practice": finding.practice,
        "location": finding.location,
        "path": list(finding.path),
        "message": _text(finding.message),
        "suggestion": _text(finding.suggestion),
    }
    return data if finding.waived is None else {**data, "waived": _text(finding.waived)}


def _reuse_json(r: ReuseCount) -> dict[str, Any]:
    return {
        "ref": r.ref,
        "kind": r.kind,
        "name": _text(r.name),
        "count": r.count,
        "resolved": r.resolved,
        "users": [_converter().unstructure(u) for u in r.uses],
    }


def assessment_json(assessment: Assessment, locate: ClaimLocator) -> dict[str, Any]:
    """The whole assessment as JSON data (the shape is documented in docs/assessment.md)."""
    counts = {s.value: 0 for s in Severity}
    for f in assessment.findings:
        if f.waived is None:
            counts[f.severity.value] += 1
    return {
        "collection": assessment.collection,
        "summary": {"findings": counts, "practices": len(assessment.practices)},
        "practices": [_practice_json(p, locate) for p in assessment.practices],
        "projects": [coverage_json(c, locate) for c in assessment.projects],
        "totals": [coverage_json(c, locate) for c in assessment.totals],
        "uncovered_principles": {
            c.framework: [r.element for r in c.principles if r.verdict.level.rank < Level.TOUCHED.rank]
            for c in assessment.totals
        },
        "reuse": [_reuse_json(r) for r in assessment.reuse],
    }


def _practice_json(p: PracticeAssessment, locate: ClaimLocator) -> dict[str, Any]:
    return {
        "id": p.practice.id,
        "name": _text(p.practice.name),
        "project": p.project,
        "framework": p.framework,
        "location": p.location,
        "coverage": coverage_json(p.coverage, locate) if p.coverage else None,
        "questions": [_converter().unstructure(q) for q in p.questions],
        "unanswered": [q.question for q in p.questions if q.status != "answered"],
        "findings": [finding_json(f) for f in p.findings],
    }


def claims_detail(n: int, k: int, lang: Lang) -> str:
    """How many claims a row has and how many of them give evidence, agreeing in number in ``lang``."""
    if k == n:
        return say_n(lang, "{n} claim with evidence", "{n} claims, all with evidence", n)
    if k == 0:
        return say_n(lang, "{n} claim without evidence", "{n} claims, none with evidence", n)
    return say_n(lang, "{n} claim, {k} with evidence", "{n} claims, {k} with evidence", n, k=k)


def _row_line(row: ElementCoverage, lang: Lang, indent: str) -> str:
    n = len(row.claims)
    detail = claims_detail(n, len(row.evidenced), lang) if n else ""
    verdict = value_label(row.verdict.level, lang)
    return f"{indent}{MARK[row.verdict.level]} {row.element:<4} {verdict:<14} {row.name.get(lang)}" + (
        f" — {detail}" if detail else ""
    )


def profile_lines(coverage: Coverage, lang: Lang) -> list[str]:
    """The ten-second profile: each dimension with its principles under it."""
    lines = []
    for dim in coverage.dimensions:
        lines.append(_row_line(dim, lang, "  "))
        lines += [_row_line(p, lang, "      ") for p in coverage.principles if p.dimension == dim.element]
    if coverage.unclaimed_principles:
        lines.append(
            "  " + say(lang, "Principles no one claims: {ids}", ids=", ".join(coverage.unclaimed_principles))
        )
    missing = coverage.claims_without_evidence
    if missing:
        listed = ", ".join(f"{c.block}→{c.element}" for c in missing)
        lines.append("  " + say(lang, "Claims without evidence: {claims}", claims=listed))
    return lines


def finding_line(finding: Finding, lang: Lang) -> str:
    """``FILE:LINE: severity [check] message`` with the suggestion after an arrow."""
    where = f"{finding.location}: " if finding.location else ""
    if finding.waived is not None:
        return f"{where}{label('waived', lang)} [{finding.check}] {finding.waived.get(lang)}"
    line = f"{where}{value_label(finding.severity, lang)} [{finding.check}] {finding.message.get(lang)}"
    return line + (f"\n    → {finding.suggestion.get(lang)}" if finding.suggestion else "")


def assessment_text(assessment: Assessment, lang: Lang) -> str:
    """The assessment as plain text: a profile per practice, its findings, then the collection."""
    out: list[str] = []
    for p in assessment.practices:
        out.append(f"{p.practice.name.get(lang)} ({p.practice.id}) — {p.framework}")
        if p.coverage is None:
            out.append("  " + say(lang, "framework not known"))
        else:
            out += profile_lines(p.coverage, lang)
            answered = sum(1 for q in p.questions if q.status == "answered")
            out.append(
                "  " + say(lang, "Guiding questions answered: {k}/{n}", k=answered, n=len(p.questions))
            )
        out += ["  " + finding_line(f, lang).replace("\n", "\n  ") for f in p.findings]
        out.append("")
    for total in assessment.totals:
        out.append(f"{label('collection', lang)} {assessment.collection} — {total.framework}")
        out += profile_lines(total, lang)
        out.append("")
    if assessment.reuse:
        out.append(say(lang, "Reused most:"))
        for r in assessment.reuse[:10]:
            out.append(f"  {r.count}× {r.ref}: {', '.join(r.users)}")
    return "\n".join(out).rstrip("\n") + "\n"


def _md(value: str) -> str:
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "|"):
        value = value.replace(ch, "\\" + ch)
    return value


def _strength(claim: Claim, lang: Lang) -> str:
    strength = value_label(claim.strength, lang)
    return say(lang, "{strength}, with evidence", strength=strength) if claim.has_evidence else strength


def assessment_markdown(assessment: Assessment, lang: Lang) -> str:
    """The assessment as Markdown: a table per practice and a findings list."""
    out: list[str] = []
    head, verdict, claims = say(lang, "Element"), label("verdict", lang), say(lang, "Claims")
    for p in assessment.practices:
        out += [f"## {_md(p.practice.name.get(lang))} (`{p.practice.id}`)", ""]
        if p.coverage is not None:
            out += [f"| {head} | {verdict} | {claims} |", "|---|---|---|"]
            for row in p.coverage.rows():
                who = "; ".join(f"{_md(c.block)} ({_strength(c, lang)})" for c in row.claims)
                name = f"{row.element} {_md(row.name.get(lang))}"
                out.append(
                    f"| {name} | {MARK[row.verdict.level]} {value_label(row.verdict.level, lang)} | {who} |"
                )
            out.append("")
        if p.findings:
            out += ["### " + say(lang, "Findings"), ""]
            for f in p.findings:
                where = f"`{f.location}` " if f.location else ""
                if f.waived is not None:
                    out.append(f"- {where}**{label('waived', lang)}** [{f.check}] {_md(f.waived.get(lang))}")
                    continue
                tail = f" — {_md(f.suggestion.get(lang))}" if f.suggestion else ""
                severity = value_label(f.severity, lang)
                out.append(f"- {where}**{severity}** [{f.check}] {_md(f.message.get(lang))}{tail}")
            out.append("")
    for total in assessment.totals:
        out += [f"## {label('collection', lang)} `{assessment.collection}` ({total.framework})", ""]
        out += ["```", *profile_lines(total, lang), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"
