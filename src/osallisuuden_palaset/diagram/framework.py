"""The framework view: steps (or practices) against a framework's dimensions and principles, gaps marked."""

from __future__ import annotations

import attrs
import graphviz

from osallisuuden_palaset.diagram import dot_labels
from osallisuuden_palaset.diagram.building import Diagrammable, Drawing, new_graph, title
from osallisuuden_palaset.diagram.cards import step_card, step_node_attributes
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.options import Detail
from osallisuuden_palaset.diagram.resolving import practice_mappings, step_mappings
from osallisuuden_palaset.diagram.theme import legend, strength_style
from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.model.block import Mapping
from osallisuuden_palaset.model.evidence import evidence_text
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.resolving import resolved_steps

#: A claimant (a step or a practice node) and what it claims.
Claims = list[tuple[str, tuple[Mapping, ...]]]


def build_framework(model: Diagrammable, drawing: Drawing) -> graphviz.Digraph:
    """Blocks of a practice, or practices of a project or collection, against the framework."""
    options = drawing.options
    framework = drawing.framework
    subtitle = (
        framework.name.get(options.lang)
        if framework
        else word("unknown_framework", options.lang) + drawing.framework_id
    )
    graph = new_graph(model.id, options, drawing.theme)
    graph.attr(label=title(model.name, subtitle, options))
    with graph.subgraph(name=drawing.cluster_name()) as left:
        left.attr(style="invis", label="")
        # Every framework element ranks after this anchor, so unclaimed ones line up with the rest.
        left.node("anchor", label="", shape="point", style="invis", width="0")
        claims = (
            _draw_practice_steps(left, model, drawing)
            if isinstance(model, Practice)
            else _draw_practices(left, model, drawing)
        )
    if framework is None:
        return graph
    ours = [
        (node, tuple(m for m in ms if (m.framework or drawing.framework_id) == framework.id))
        for node, ms in claims
    ]
    claimed = {m.target for _, ms in ours for m in ms}
    _draw_framework(graph, framework, claimed, drawing)
    for node, mappings in ours:
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
            graph.edge(node, f"element/{m.target}", **{**style, **extra})
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


def _draw_practice_steps(graph: graphviz.Digraph, practice: Practice, drawing: Drawing) -> Claims:
    claims: Claims = []
    for resolved in resolved_steps(practice, drawing.context):
        node = f"{practice.id}/{resolved.step.id}"
        mappings = tuple(
            m if m.framework else _with_framework(m, practice.framework)
            for m in step_mappings(resolved, drawing.context)
        )
        graph.node(
            node,
            label=step_card(
                resolved,
                mappings,
                default_framework=drawing.framework_id,
                frameworks=drawing.frameworks,
                options=drawing.options,
                theme=drawing.theme,
            ),
            **step_node_attributes(resolved, drawing.theme),
        )
        claims.append((node, mappings))
    return claims


def _with_framework(mapping: Mapping, framework: str) -> Mapping:
    return attrs.evolve(mapping, framework=framework)


def _draw_practices(graph: graphviz.Digraph, model: Project | Collection, drawing: Drawing) -> Claims:
    groups: list[tuple[Project | None, tuple[Practice, ...]]] = []
    if isinstance(model, Project):
        groups.append((model, model.practices))
    else:
        groups.append((None, model.practices))
        groups += [(p, p.practices) for p in model.projects]
    claims: Claims = []
    lang = drawing.options.lang
    for project, practices in groups:
        for practice in practices:
            node = f"practice/{practice.id}"
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
            graph.node(node, label=dot_labels.html_label(dot_labels.table(rows)), shape="tab")
            claims.append((node, practice_mappings(practice, drawing.context)))
    return claims


def _draw_framework(
    graph: graphviz.Digraph, framework: Framework, claimed: set[str], drawing: Drawing
) -> None:
    """One cluster per dimension holding the dimension and its principles; unclaimed ones stand out."""
    options = drawing.options
    look = drawing.theme
    for index, dimension in enumerate(framework.dimensions):
        principles = [p for p in framework.principles if p.dimension == dimension.id]
        with graph.subgraph(name=drawing.cluster_name()) as box:
            box.attr(
                style="rounded,filled",
                fillcolor=look.dimension_colour(index),
                color=look.cluster_line,
                label="",
            )
            touched = dimension.id in claimed or any(p.id in claimed for p in principles)
            graph.edge("anchor", f"element/{dimension.id}", style="invis")
            box.node(
                f"element/{dimension.id}",
                label=_element_label(dimension.id, dimension.name.get(options.lang), not touched, drawing),
                **_element_style(not touched, drawing, bold=True),
            )
            for principle in principles:
                gap = principle.id not in claimed
                graph.edge("anchor", f"element/{principle.id}", style="invis")
                box.node(
                    f"element/{principle.id}",
                    label=_element_label(principle.id, principle.name.get(options.lang), gap, drawing),
                    **_element_style(gap, drawing),
                )


def _element_label(ident: str, name: str, gap: bool, drawing: Drawing) -> str:
    options = drawing.options
    rows = [
        dot_labels.row(
            Cell(dot_labels.styled(dot_labels.escape(ident), bold=True)),
            Cell(dot_labels.text_block(name, options.wrap + 8)),
        )
    ]
    if gap:
        rows.append(
            dot_labels.row(
                Cell(
                    dot_labels.styled(
                        dot_labels.escape("⚠ " + word("gap", options.lang)), italic=True, size=9
                    ),
                    colspan=2,
                )
            )
        )
    return dot_labels.html_label(dot_labels.table(rows))


def _element_style(gap: bool, drawing: Drawing, *, bold: bool = False) -> dict[str, str]:
    look = drawing.theme
    if gap:
        return {
            "style": "rounded,filled,dashed",
            "fillcolor": look.gap_fill,
            "color": look.gap_line,
            "penwidth": "2",
        }
    return {"style": "rounded,filled", "fillcolor": look.node_fill, "penwidth": "2" if bold else "1"}
