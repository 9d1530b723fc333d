"""Read back what each output format shows of a survey report: every cell's n, or why it is hidden.

A reader of the outputs sees only these; the tests rebuild the linked table from them (with the
true counts the test data has) and run the audit on what was really published, format by format.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from html import unescape
from typing import Any
from xml.etree import ElementTree

from osallisuuden_palaset.messages.survey_words import label
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport
from osallisuuden_palaset.surveying.disclosure import Cell, GroupKey, Part
from osallisuuden_palaset.surveying.formatting import group_name

Report = ScoreReport | ChangeReport
#: What a cell shows: ("n", "12"), ("small", "<5") or ("complementary", "").
Shown = tuple[str, str]
#: Cells as a format shows them.
Published = dict[Cell, Shown]
DASHES = {"–", "", "-"}

_SVG = "{http://www.w3.org/2000/svg}"


def keys(report: Report) -> list[GroupKey]:
    return [c.key for c in (report.total, *report.groups)]


def _names(report: Report, lang: Lang) -> dict[str, GroupKey]:
    return {group_name(key, lang): key for key in keys(report)}


def _status(n_cell: str, lang: Lang) -> Shown:
    cell = n_cell.replace("\\<", "<").strip()
    if cell.startswith("<"):
        return ("small", cell)
    if cell == label("protected", lang):
        return ("complementary", "")
    assert cell.isdigit(), f"an n cell shows {n_cell!r}"
    return ("n", cell)


def _check_figures(shown: Shown, figures: Sequence[str], where: str) -> None:
    """A hidden cell's other columns hold nothing but dashes (and the same label)."""
    if shown[0] != "n":
        for value in figures:
            value = value.replace("\\<", "<").strip()
            assert value in DASHES or value == shown[1], f"{where}: a hidden cell shows {value!r}"


def _waves(lang: Lang) -> dict[str, Part]:
    return {label("start", lang): Part.START, label("follow_up", lang): Part.FOLLOW_UP}


def from_rows(report: Report, tables: Sequence[Sequence[Sequence[str]]], lang: Lang, where: str) -> Published:
    """The cells of the reports' tables as rows of text cells (text, Markdown, HTML, xlsx)."""
    names = _names(report, lang)
    out: Published = {}
    waves = _waves(lang)
    unpaired: list[tuple[GroupKey, list[str]]] = []
    for rows in tables:
        head = [h.strip() for h in rows[0]]
        for row in rows[1:]:
            cells = [c.strip() for c in row]
            key = names[cells[0].replace("\\", "")]
            if isinstance(report, ScoreReport):
                part, rest = Part.SCORES, cells[1:]
            elif cells[1] in waves:
                part, rest = waves[cells[1]], cells[2:]
            else:
                assert head[1] == label("pairs", lang), head
                part, rest = Part.PAIRS, cells[1:]
            shown = _status(rest[0], lang)
            if part is Part.PAIRS and shown[0] == "small" and any(v not in DASHES for v in rest[1:]):
                unpaired.append((key, rest))  # too few pairs: the waves compared, checked below
            else:
                _check_figures(shown, rest[1:], f"{where} {cells[0]} {part}")
            out[Cell(key, part)] = shown
    for key, rest in unpaired:
        # An unpaired comparison is made of the waves' shown figures alone.
        assert out[Cell(key, Part.START)][0] == out[Cell(key, Part.FOLLOW_UP)][0] == "n", (where, key, rest)
    return out


def from_text(report: Report, text: str, lang: Lang) -> Published:
    """The plain-text output: tables under a caption line, columns two spaces apart."""
    captions = {label(k, lang) + ":" for k in ("scores_table", "waves_table", "change_table")}
    tables: list[list[list[str]]] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line in captions:
            rows = []
            for row in lines[i + 1 :]:
                if not row.strip():
                    break
                rows.append(re.split(r" {2,}", row.rstrip()))
            tables.append(rows)
    return from_rows(report, tables, lang, "text")


def from_markdown(report: Report, text: str, lang: Lang) -> Published:
    """A Markdown section: pipe tables."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            if not line.startswith("|:--") and not line.startswith("|--"):
                current.append([c.strip() for c in line.strip().strip("|").split(" | ")])
        else:
            current = None
    return from_rows(report, tables, lang, "markdown")


def from_html(report: Report, html: str, lang: Lang) -> Published:
    """An HTML section: tables of th/td cells."""
    root = ElementTree.fromstring(html)
    tables = []
    for table in root.iter("table"):
        rows = [[unescape("".join(c.itertext())) for c in tr] for tr in table.iter("tr")]
        tables.append(rows)
    return from_rows(report, tables, lang, "html")


def from_json(report: Report, text: str) -> Published:
    data = json.loads(text)
    out: Published = {}
    for entry in (data["total"], *data["groups"]):
        key = tuple((f, entry["group"][f]) for f in report.by if f in entry["group"])
        parts: Iterable[tuple[Part, Mapping[str, Any]]]
        if isinstance(report, ScoreReport):
            parts = [(Part.SCORES, entry)]
        else:
            change = entry["change"]
            if entry["pairs_suppressed"] and change is not None:
                # Too few pairs: the waves compared unpaired, from their shown figures only.
                assert change["test"] == "welch_t", entry
                assert entry["start"]["suppressed"] is None, entry
                assert entry["follow_up"]["suppressed"] is None, entry
                change = None
            pairs = {"n": entry["pairs"], "suppressed": entry["pairs_suppressed"], "mean": change}
            parts = [(Part.START, entry["start"]), (Part.FOLLOW_UP, entry["follow_up"]), (Part.PAIRS, pairs)]
        for part, figures in parts:
            reason = figures["suppressed"]
            shown: Shown = (reason, figures["n"] or "") if reason else ("n", str(figures["n"]))
            if reason:
                assert figures.get("mean") is None, (key, part, figures)
                assert set(figures) <= {"n", "suppressed", "mean", "group"}, figures
            out[Cell(key, part)] = shown
    return out


def from_csv(report: Report, text: str, *, excel: bool = False) -> Published:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";" if excel else ","))
    head = rows[0]
    by = list(report.by)
    out: Published = {}
    prefixes = {Part.START: "start_", Part.FOLLOW_UP: "follow_up_"}
    if isinstance(report, ScoreReport):
        prefixes = {Part.SCORES: ""}
    for row in rows[1:]:
        values = dict(zip(head, row, strict=True))
        key = tuple((f, values[f]) for f in by if values[f] != "*")
        columns = [(part, f"{p}n", f"{p}suppressed") for part, p in prefixes.items()]
        if isinstance(report, ChangeReport):
            columns.append((Part.PAIRS, "pairs", "pairs_suppressed"))
        for part, n, reason in columns:
            why = values[reason]
            out[Cell(key, part)] = (why, values[n]) if why else ("n", values[n])
        if all(values[r] for _, _, r in columns):
            figures = [
                v for h, v in values.items() if h not in by and h not in {c for x in columns for c in x[1:]}
            ]
            assert all(v == "" for v in figures), row
    return out


def from_means_chart(report: Report, svg: str, lang: Lang) -> dict[GroupKey, bool]:
    """Which rows of the means chart draw dots (True) and which say why they are hidden (False)."""
    root = ElementTree.fromstring(svg)
    names = _names(report, lang)
    elements = list(root)
    out: dict[GroupKey, bool] = {}
    for i, element in enumerate(elements):
        if element.tag == f"{_SVG}text" and element.get("x") == "8" and element.text in names:
            after = elements[i + 1]
            out[names[element.text]] = after.tag != f"{_SVG}text"
            if after.tag == f"{_SVG}text":
                assert not re.search(r"\d", (after.text or "").replace(str(report.min_group), "")), after.text
    return out
