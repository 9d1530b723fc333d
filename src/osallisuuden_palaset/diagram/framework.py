"""The framework view: steps (or practices) against a framework's dimensions and principles, gaps marked."""

from __future__ import annotations

import attrs
import graphviz

from osallisuuden_palaset.assessing.coverage import collection_coverage, practice_coverage, project_coverage
from osallisuuden_palaset.diagram import dot_labels
from osallisuuden_palaset.diagram.building import Diagrammable, Drawing, new_graph, title
from osallisuuden_palaset.diagram.cards import step_card, step_node_attributes
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.matrix import SYMBOLS
from osallisuuden_palaset.diagram.options import Detail
from osallisuuden_palaset.diagram.resolving import practice_mappings, step_mappings
from osallisuuden_palaset.diagram.theme import legend, strength_style
from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.messages.catalogue import say_n
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.model.block import Mapping
from osallisuuden_palaset.model.evaluation import Verdict
from osallisuuden_palaset.model.evidence import evidence_text
from osallisuuden_palaset.model.flow import order
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.resolving import resolved_steps
from osallisuuden_palaset.model.text import Text

#: The most steps (or practices) one framework view draws; a note says how many more there are.
MAX_ROWS = 300
#: A claimant (a step or a practice node) and what it claims.
Claims = list[tuple[str, tuple[Mapping, ...]]]


def build_framework(model: Diagrammable, drawing: Drawing) -> graphviz.Digraph:
    """Blocks of a practice, or practices of a project or collection, against the framework.

    Two columns in fixed order, joined by a line per claim: the steps in flow order (or the
    practices as listed) on one side, the dimensions and principles in the framework's order on
    the other, each with its coverage verdict; an element nobody claims is marked as a gap.
    """
    options = drawing.options
    framework = drawing.framework
    subtitle = (
        framework.name.get(options.lang)
        if framework
        else word("unknown_framework", options.lang) + drawing.framework_id
    )
    graph = new_graph(model.id, options, drawing.theme)
    graph.attr(label=title(model.name, subtitle, options), ranksep="1.6")  # room for the claim lines
    if isinstance(model, Practice):
        rows, claims = _practice_steps(model, drawing)
    else:
        rows, claims = _practices(model, drawing)
    if len(rows) > MAX_ROWS:  # one column of thousands is no picture, and dot refuses its long lines
        left_out = len(rows) - MAX_ROWS
        rows, claims = rows[:MAX_ROWS], claims[:MAX_ROWS]
        note = say_n(
            options.lang,
            "… and {n} more is not drawn here: the matrix view and the report show every one",
            "… and {n} more are not drawn here: the matrix view and the report show every one",
            left_out,
        )
        rows.append(f"<TD>{dot_labels.text_block(note, options.wrap * 2, italic=True)}</TD>")
    graph.node("claimants", label=_column(rows), shape="plain")
    if framework is None:
        return graph
    ours = [
        (port, tuple(m for m in ms if (m.framework or drawing.framework_id) == framework.id))
        for port, ms in claims
    ]
    claimed = {m.target for _, ms in ours for m in ms}
    graph.node(
        "framework",
        label=_framework_column(framework, claimed, _verdicts(model, framework, drawing), drawing),
        shape="plain",
    )
    for port, mappings in ours:
        for m in mappings:
            if m.target not in framework.element_ids():
                continue
            extra: dict[str, str] = {}
            shown = evidence_text(m.evidence)
            if shown is not None and options.detail is Detail.FULL:
                extra["label"] = dot_labels.html_label(
                    dot_labels.text_block(shown.get(options.lang), options.wrap, size=9)
                )
            style = strength_style(m.strength, drawing.theme, evidenced=m.evidence is not None)
            graph.edge(f"claimants:{port}:e", f"framework:{_port(m.target)}:w", **{**style, **extra})
    if options.legend:
        legend(
            graph,
            framework=None,
            edge_kinds=(),
            strengths=True,
            theme=drawing.theme,
            lang=options.lang,
            width=options.wrap,
        )
    return graph


def _port(element: str) -> str:
    """The port of a framework element's row (ids are safe in a quoted port name)."""
    return f"element/{element}"


def _column(cells: list[str]) -> str:
    """A column of already-rendered cells, one per row, spaced apart."""
    rows = "".join(f"<TR>{cell}</TR>" for cell in cells or ["<TD></TD>"])  # a table needs a row
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="8" CELLPADDING="0">{rows}</TABLE>>'


def _cell(port: str, content: str, *, fill: str, line: str, dashed: bool = False, width: int = 1) -> str:
    style = "rounded,dashed" if dashed else "rounded"
    return (
        f'<TD PORT="{port}" BORDER="{width}" STYLE="{style}" COLOR="{line}" BGCOLOR="{fill}" '
        f'CELLPADDING="4" ALIGN="LEFT">{content}</TD>'
    )


def _practice_steps(practice: Practice, drawing: Drawing) -> tuple[list[str], Claims]:
    """One cell per step, in flow order (forward links; the written order breaks ties)."""
    listed = {r.step.id: r for r in resolved_steps(practice, drawing.context)}
    cells: list[str] = []
    claims: Claims = []
    look = drawing.theme
    for ident in order(list(listed), practice.flows):
        resolved = listed[ident]
        mappings = tuple(
            m if m.framework else _with_framework(m, practice.framework)
            for m in step_mappings(resolved, drawing.context)
        )
        card = step_card(
            resolved,
            mappings,
            default_framework=drawing.framework_id,
            frameworks=drawing.frameworks,
            options=drawing.options,
            theme=look,
        )
        shape = step_node_attributes(resolved, look)
        port = f"{practice.id}/{resolved.step.id}"
        cells.append(
            _cell(
                port,
                card[1:-1],
                fill=shape.get("fillcolor", look.node_fill),
                line=shape.get("color", look.node_line),
                dashed="dashed" in shape.get("style", ""),
            )
        )
        claims.append((port, mappings))
    return cells, claims


def _with_framework(mapping: Mapping, framework: str) -> Mapping:
    return attrs.evolve(mapping, framework=framework)


def _practices(model: Project | Collection, drawing: Drawing) -> tuple[list[str], Claims]:
    """One cell per practice (a collection's own practices, then each project's), with its project."""
    groups: list[tuple[Project | None, tuple[Practice, ...]]] = []
    if isinstance(model, Project):
        groups.append((model, model.practices))
    else:
        groups.append((None, model.practices))
        groups += [(p, p.practices) for p in model.projects]
    cells: list[str] = []
    claims: Claims = []
    lang = drawing.options.lang
    look = drawing.theme
    for project, practices in groups:
        for practice in practices:
            port = f"practice/{practice.id}"
            rows = [
                dot_labels.row(
                    Cell(dot_labels.text_block(practice.name.get(lang), drawing.options.wrap, bold=True))
                )
            ]
            if project is not None and not isinstance(model, Project):
                rows.append(
                    dot_labels.row(
                        Cell(
                            dot_labels.text_block(
                                project.name.get(lang), drawing.options.wrap + 6, italic=True, size=9
                            )
                        )
                    )
                )
            cells.append(_cell(port, dot_labels.table(rows), fill=look.node_fill, line=look.node_line))
            claims.append((port, practice_mappings(practice, drawing.context)))
    return cells, claims


def _verdicts(model: Diagrammable, framework: Framework, drawing: Drawing) -> dict[str, Verdict]:
    """Each element's coverage verdict for the model (``assessing.coverage``)."""
    if isinstance(model, Practice):
        coverage = practice_coverage(model, framework, drawing.context)
    elif isinstance(model, Project):
        coverage = project_coverage(model, framework, drawing.context)
    else:
        coverage = collection_coverage(model, framework, drawing.context)
    return {row.element: row.verdict for row in coverage.rows()}


def _framework_column(
    framework: Framework, claimed: set[str], verdicts: dict[str, Verdict], drawing: Drawing
) -> str:
    """The dimensions in order, each followed by its principles, with verdicts; gaps stand out."""
    look = drawing.theme
    cells: list[str] = []
    for index, dimension in enumerate(framework.dimensions):
        principles = [p for p in framework.principles if p.dimension == dimension.id]
        touched = dimension.id in claimed or any(p.id in claimed for p in principles)
        colour = look.dimension_colour(index)
        cells.append(
            _element_cell(
                dimension.id, dimension.name, not touched, verdicts, drawing, fill=colour, bold=True
            )
        )
        for principle in principles:
            cells.append(
                _element_cell(principle.id, principle.name, principle.id not in claimed, verdicts, drawing)
            )
    return _column(cells)


def _element_cell(
    ident: str,
    name: Text,
    gap: bool,
    verdicts: dict[str, Verdict],
    drawing: Drawing,
    *,
    fill: str | None = None,
    bold: bool = False,
) -> str:
    options = drawing.options
    look = drawing.theme
    rows = [
        dot_labels.row(
            Cell(dot_labels.styled(dot_labels.escape(ident), bold=True)),
            Cell(dot_labels.text_block(name.get(options.lang), options.wrap + 8, bold=bold)),
        )
    ]
    verdict = verdicts.get(ident)
    if gap:
        note = "⚠ " + word("gap", options.lang)
        rows.append(
            dot_labels.row(Cell(dot_labels.styled(dot_labels.escape(note), italic=True, size=9), colspan=2))
        )
    elif verdict is not None:
        shown = f"{SYMBOLS[verdict.level]} {value_label(verdict.level, options.lang)}"
        rows.append(
            dot_labels.row(Cell(dot_labels.styled(dot_labels.escape(shown), italic=True, size=9), colspan=2))
        )
    content = dot_labels.table(rows)
    if gap:
        return _cell(_port(ident), content, fill=look.gap_fill, line=look.gap_line, dashed=True, width=2)
    return _cell(
        _port(ident), content, fill=fill or look.node_fill, line=look.node_line, width=2 if bold else 1
    )
