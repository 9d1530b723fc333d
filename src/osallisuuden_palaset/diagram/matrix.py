"""The matrix view: practices × the framework's dimensions and principles, one verdict in each cell."""

from __future__ import annotations

import graphviz

from osallisuuden_palaset.assessing.matrix import CoverageMatrix, coverage_matrix
from osallisuuden_palaset.diagram import dot_labels
from osallisuuden_palaset.diagram.building import Diagrammable, Drawing, new_graph, title
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.theme import Theme
from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.messages.catalogue import say_n
from osallisuuden_palaset.messages.labels import label, value_label
from osallisuuden_palaset.model.evaluation import ElementKind, Level
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Project

#: The symbol of each verdict: the shape carries the meaning, the colour repeats it.
SYMBOLS = {Level.COVERED: "●", Level.TOUCHED: "◐", Level.UNSUPPORTED: "○", Level.NOT_CLAIMED: "·"}
#: Cell fills per verdict; the print theme leaves cells white (the symbols say it all).
FILLS = {
    "default": {
        Level.COVERED: "#d9efdc",
        Level.TOUCHED: "#fdf1c7",
        Level.UNSUPPORTED: "#fbe0d6",
        Level.NOT_CLAIMED: "#ffffff",
    },
}
#: How many characters of a practice's name fit on one line of its row.
NAME_WIDTH = 40


def build_matrix(model: Diagrammable, drawing: Drawing) -> graphviz.Digraph:
    """One table: a row per practice on the diagram's framework, a column per dimension and principle.

    Each cell is the practice's own verdict (``assessing.coverage``); the last row counts the
    practices that cover each column. Practices on another framework are counted in a note.
    """
    options = drawing.options
    lang = options.lang
    framework = drawing.framework
    graph = new_graph(model.id, options, drawing.theme)
    graph.attr(rankdir="TB")
    if isinstance(model, Practice):
        practices: tuple[Practice, ...] = (model,)
    elif isinstance(model, Project):
        practices = model.practices
    else:
        practices = tuple(model.all_practices())
    if framework is None:
        graph.attr(label=title(model.name, word("unknown_framework", lang) + drawing.framework_id, options))
        return graph
    graph.attr(label=title(model.name, framework.name.get(lang), options), labelloc="t")
    mine = [p for p in practices if p.framework == framework.id]
    matrix = coverage_matrix(mine, framework, drawing.context)
    graph.node("matrix", label=dot_labels.html_label(_table(matrix, drawing)), shape="plain")
    notes = []
    others = len(practices) - len(mine)
    if others:
        notes.append(
            say_n(
                lang,
                "{n} practice uses another framework and is not in this table",
                "{n} practices use another framework and are not in this table",
                others,
            )
        )
    if options.legend:
        graph.node("legend", label=dot_labels.html_label(_legend(matrix, drawing, notes)), shape="plain")
        graph.edge("matrix", "legend", style="invis")
    return graph


def _fill(level: Level, look: Theme) -> str:
    return FILLS.get(look.name, {}).get(level, "#ffffff")


def _table(matrix: CoverageMatrix, drawing: Drawing) -> str:
    lang = drawing.options.lang
    look = drawing.theme
    line = look.node_line
    head = [
        Cell(dot_labels.styled(dot_labels.escape(label("practice", lang)), bold=True), border=1, color=line)
    ]
    for column in matrix.columns:
        dimension = column.kind is ElementKind.DIMENSION
        head.append(
            Cell(
                dot_labels.styled(dot_labels.escape(column.element), bold=True),
                align="CENTER",
                border=1,
                color=line,
                bgcolor=look.cluster_fill if dimension else None,
            )
        )
    rows = [dot_labels.row(*head)]
    for practice in matrix.rows:
        cells = [Cell(dot_labels.text_block(practice.name.get(lang), NAME_WIDTH), border=1, color=line)]
        for verdict in practice.verdicts:
            cells.append(
                Cell(
                    dot_labels.styled(dot_labels.escape(SYMBOLS[verdict.level]), size=16),
                    align="CENTER",
                    border=1,
                    color=line,
                    bgcolor=_fill(verdict.level, look),
                )
            )
        rows.append(dot_labels.row(*cells))
    totals = [
        Cell(dot_labels.styled(dot_labels.escape(label("covering", lang)), italic=True), border=1, color=line)
    ]
    totals += [
        Cell(dot_labels.escape(str(matrix.count(i, Level.COVERED))), align="CENTER", border=1, color=line)
        for i in range(len(matrix.columns))
    ]
    rows.append(dot_labels.row(*totals))
    return dot_labels.table(rows, cellpadding=4)


def _legend(matrix: CoverageMatrix, drawing: Drawing, notes: list[str]) -> str:
    """A compact strip: the verdict symbols, then what each column code stands for, in columns."""
    lang = drawing.options.lang
    look = drawing.theme
    symbols = [
        Cell(
            dot_labels.escape(f"{SYMBOLS[level]} {value_label(level, lang)}"),
            bgcolor=_fill(level, look),
            border=1,
            color=look.node_line,
        )
        for level in Level
    ]
    rows = [
        dot_labels.row(
            Cell(dot_labels.styled(dot_labels.escape(word("legend", lang)), bold=True), colspan=4)
        ),
        dot_labels.row(*symbols),
    ]
    codes = [f"{c.element} {c.name.get(lang)}" for c in matrix.columns]
    per_row = len(symbols)
    for start in range(0, len(codes), per_row):
        chunk = codes[start : start + per_row]
        cells = [Cell(dot_labels.text_block(code, 30, size=10)) for code in chunk]
        cells += [Cell("")] * (per_row - len(chunk))
        rows.append(dot_labels.row(*cells))
    for note in notes:
        rows.append(dot_labels.row(Cell(dot_labels.text_block(note, 80, italic=True, size=10), colspan=4)))
    return dot_labels.table(rows, cellpadding=3, cellspacing=2)
