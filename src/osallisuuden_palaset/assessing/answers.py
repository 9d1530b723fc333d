"""Guiding questions: how far each is answered, and the fill-in worksheet (Markdown and CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from osallisuuden_palaset.messages.catalogue import say
from osallisuuden_palaset.messages.labels import label, value_label
from osallisuuden_palaset.model.evaluation import QuestionStatus
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Answer, Practice
from osallisuuden_palaset.model.text import Lang, Text

#: The worksheet's CSV columns, in order; ``palaset answers import`` reads the same columns.
CSV_COLUMNS: tuple[str, ...] = (
    "practice",
    "framework",
    "question",
    "dimension",
    "principle",
    "question_text",
    "status",
    "steps",
    "answer_fi",
    "answer_en",
    "answer_sv",
)
#: Cells starting with these would be read as formulas by spreadsheets; they are written with a
#: leading apostrophe, which the import removes again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MISSING = "missing"


def answer_for(practice: Practice, framework: Framework, question: str) -> Answer | None:
    """The practice's answer to one question of ``framework`` (its own framework by default)."""
    for a in practice.answers:
        if a.question == question and (a.framework or practice.framework) == framework.id:
            return a
    return None


def question_statuses(practice: Practice, framework: Framework) -> tuple[QuestionStatus, ...]:
    """Every question of ``framework`` with the practice's answer, in the framework's order."""
    out = []
    for q in framework.questions:
        a = answer_for(practice, framework, q.id)
        out.append(
            QuestionStatus(
                question=q.id,
                text=q.text,
                status=str(a.status) if a else MISSING,
                answer=a.text if a else None,
                steps=a.steps if a else (),
                dimension=q.dimension or (framework.dimension_of(q.principle) if q.principle else None),
                principle=q.principle,
            )
        )
    return tuple(out)


def unanswered(practice: Practice, framework: Framework) -> tuple[QuestionStatus, ...]:
    """Questions without an answer marked ``answered`` (open, draft or missing)."""
    return tuple(q for q in question_statuses(practice, framework) if q.status != "answered")


def _how(lang: Lang) -> str:
    return say(
        lang,
        "Fill in the answers here or in the CSV worksheet and import them: palaset answers import "
        "MODEL.yaml ANSWERS.csv",
    )


def worksheet_markdown(practices: Iterable[Practice], framework: Framework, lang: Lang = "fi") -> str:
    """A Markdown worksheet: per practice, each question with its current status and answer."""
    lines: list[str] = []
    for practice in practices:
        title = say(lang, "{practice}: Guiding questions", practice=practice.name)
        lines += ["# " + _md(title), ""]
        lines += [f"{_md(framework.name.get(lang))} (`{framework.id}`). {_how(lang)}", ""]
        for q in question_statuses(practice, framework):
            question = framework.questions[[x.id for x in framework.questions].index(q.question)]
            lines += [f"## {q.question}: {_md(q.text.get(lang))}", ""]
            where = []
            if q.dimension:
                where.append(say(lang, "Dimension: {id}", id=q.dimension))
            if q.principle:
                where.append(say(lang, "Principle: {id}", id=q.principle))
            where.append(say(lang, "Source: {source}", source=value_label(question.provenance.kind, lang)))
            lines += ["- " + "; ".join(where)]
            lines += ["- " + say(lang, "Status: {status}", status=label(f"answer_status.{q.status}", lang))]
            lines += ["- " + say(lang, "Steps: {ids}", ids=", ".join(q.steps) if q.steps else "…"), ""]
            answer = q.answer.get(lang) if q.answer else ""
            lines += ["**" + say(lang, "Answer:") + "**", "", _md(answer) if answer else "> …", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(value: str) -> str:
    """Escape the Markdown characters that would change how a line renders."""
    out = value
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "#", "|"):
        out = out.replace(ch, "\\" + ch)
    return out


def worksheet_csv(practices: Iterable[Practice], framework: Framework, lang: Lang = "fi") -> str:
    """A CSV worksheet, one row per practice and question, pre-filled with the current answers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for practice in practices:
        for q in question_statuses(practice, framework):
            answer = q.answer
            writer.writerow(
                protect(cell)
                for cell in (
                    practice.id,
                    framework.id,
                    q.question,
                    q.dimension or "",
                    q.principle or "",
                    q.text.get(lang),
                    "" if q.status == MISSING else q.status,
                    " ".join(q.steps),
                    _lang_of(answer, "fi"),
                    _lang_of(answer, "en"),
                    _lang_of(answer, "sv"),
                )
            )
    return buffer.getvalue()


def _lang_of(value: Text | None, lang: Lang) -> str:
    if value is None:
        return ""
    own = getattr(value, lang)
    return own if isinstance(own, str) else ""


def protect(cell: str) -> str:
    """Guard a CSV cell against formula injection: prefix an apostrophe to formula-like text."""
    return "'" + cell if cell.startswith(FORMULA_START) or cell.startswith("'") else cell


def unprotect(cell: str) -> str:
    """Undo :func:`protect` on a cell read back from a worksheet."""
    return cell[1:] if cell.startswith("'") else cell
