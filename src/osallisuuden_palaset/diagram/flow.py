"""The flow view: steps in flow order, phases as clusters, one edge style per kind of link."""

from __future__ import annotations

import graphviz

from osallisuuden_palaset.diagram import dot_labels
from osallisuuden_palaset.diagram.building import Diagrammable, Drawing, new_graph, title
from osallisuuden_palaset.diagram.cards import step_card, step_node_attributes
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.options import Detail
from osallisuuden_palaset.diagram.resolving import MAX_DEPTH, step_mappings
from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.model.block import Mapping
from osallisuuden_palaset.model.flow import Choose, FlowKind, Wait, choices, joins
from osallisuuden_palaset.model.ids import split_ref
from osallisuuden_palaset.model.practice import Practice, Reuse
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.resolving import ResolvedStep, resolved_steps
from osallisuuden_palaset.model.text import Lang


def build_flow(model: Diagrammable, drawing: Drawing) -> graphviz.Digraph:
    """The flow diagram of a practice, or of every practice of a project or collection."""
    options = drawing.options
    graph = new_graph(model.id, options, drawing.theme)
    graph.attr(label=title(model.name, _subtitle(model, drawing), options))
    if isinstance(model, Practice):
        draw_practice(graph, model, drawing, prefix=f"{model.id}/", stack=())
    elif isinstance(model, Project):
        _draw_project(graph, model, drawing)
    else:
        _draw_collection(graph, model, drawing)
    draw_origins(graph, drawing)
    drawing.add_legend(graph)
    return graph


def _subtitle(model: Diagrammable, drawing: Drawing) -> str | None:
    if drawing.options.detail is Detail.BRIEF:
        return None
    summary = model.description if isinstance(model, Collection) else model.summary
    return summary.get(drawing.options.lang) if summary is not None else None


def _draw_collection(graph: graphviz.Digraph, collection: Collection, drawing: Drawing) -> None:
    for practice in collection.practices:
        _practice_cluster(graph, practice, drawing)
    for project in collection.projects:
        with graph.subgraph(name=drawing.cluster_name()) as box:
            box.attr(
                label=title(project.name, None, drawing.options, size=14),
                style="rounded",
                color=drawing.theme.cluster_line,
            )
            _draw_project(box, project, drawing)


def _draw_project(graph: graphviz.Digraph, project: Project, drawing: Drawing) -> None:
    for practice in project.practices:
        _practice_cluster(graph, practice, drawing)
    if not project.practices:
        # "project:" (no id holds a colon) keeps it apart from an empty practice of the same id:
        # one node in two clusters made dot crash.
        graph.node(
            f"project:{project.id}/empty",
            label=dot_labels.html_label(dot_labels.escape(word("empty", drawing.options.lang))),
            shape="plaintext",
        )


def _practice_cluster(graph: graphviz.Digraph, practice: Practice, drawing: Drawing) -> None:
    with graph.subgraph(name=drawing.cluster_name()) as box:
        box.attr(
            label=title(practice.name, None, drawing.options, size=12),
            style="rounded,filled",
            fillcolor=drawing.theme.cluster_fill,
            color=drawing.theme.cluster_line,
        )
        draw_practice(box, practice, drawing, prefix=f"{practice.id}/", stack=())


def draw_practice(
    graph: graphviz.Digraph, practice: Practice, drawing: Drawing, *, prefix: str, stack: tuple[str, ...]
) -> None:
    """Draw a practice's steps (phases as clusters) and links; node ids start with ``prefix``."""
    options = drawing.options
    steps = resolved_steps(practice, drawing.context)
    if not steps:
        graph.node(
            f"{prefix}empty",
            label=dot_labels.html_label(dot_labels.escape(word("empty", options.lang))),
            shape="plaintext",
        )
        return
    by_id = {r.step.id: r for r in steps}
    placed = {s for phase in practice.phases for s in phase.steps}
    for phase in practice.phases:
        members = [r for r in steps if r.step.id in phase.steps]
        if not members:
            continue
        with graph.subgraph(name=drawing.cluster_name()) as box:
            box.attr(
                label=dot_labels.html_label(
                    dot_labels.text_block(phase.name.get(options.lang), options.wrap, bold=True, size=11)
                ),
                style="rounded,dashed",
                color=drawing.theme.cluster_line,
            )
            for resolved in members:
                _draw_step(box, resolved, practice, drawing, prefix, stack)
    for resolved in steps:
        if resolved.step.id not in placed:
            _draw_step(graph, resolved, practice, drawing, prefix, stack)
    waits, chosen = joins(practice.flows), choices(practice.flows)
    for flow in practice.flows:
        if flow.source not in by_id or flow.target not in by_id:
            continue
        extra: dict[str, str] = {}
        if flow.label is not None or (flow.rationale is not None and options.detail is Detail.FULL):
            parts = [dot_labels.text_block(flow.label.get(options.lang), options.wrap)] if flow.label else []
            if flow.rationale is not None and options.detail is Detail.FULL:
                parts.append(
                    dot_labels.text_block(flow.rationale.get(options.lang), options.wrap, italic=True)
                )
            extra["label"] = dot_labels.html_label("<BR/>".join(parts))
        wait = waits.get(flow.target) if flow.kind is not FlowKind.LOOP_BACK else None
        choose = chosen.get(flow.source) if flow.kind is FlowKind.OPTIONAL else None
        extra |= join_and_choice(wait, choose, options.lang)
        drawing.edge(graph, prefix + flow.source, prefix + flow.target, flow.kind.value, **extra)


def join_and_choice(wait: Wait | None, choose: Choose | None, lang: Lang) -> dict[str, str]:
    """DOT attributes that mark a link into a join at its head (a filled arrow when the step waits
    for all links, a hollow one for any) and an optional link of a choice at its tail (a filled
    diamond for one of the paths, a hollow one for one or more), each with its word beside it."""
    extra: dict[str, str] = {}
    if wait is not None:
        extra |= {
            "headlabel": value_label(wait, lang),
            "arrowhead": "normal" if wait is Wait.ALL else "onormal",
        }
    if choose is not None:
        extra |= {
            "taillabel": value_label(choose, lang),
            "dir": "both",
            "arrowtail": "diamond" if choose is Choose.ONE else "odiamond",
        }
    if extra:
        extra |= {"labelfontsize": "9"}
    return extra


def _draw_step(
    graph: graphviz.Digraph,
    resolved: ResolvedStep,
    practice: Practice,
    drawing: Drawing,
    prefix: str,
    stack: tuple[str, ...],
) -> None:
    options = drawing.options
    node = prefix + resolved.step.id
    graph.node(
        node,
        label=step_card(
            resolved,
            _own_mappings(resolved, drawing),
            default_framework=drawing.framework_id,
            frameworks=drawing.frameworks,
            options=options,
            theme=drawing.theme,
        ),
        **step_node_attributes(resolved, drawing.theme),
    )
    step = resolved.step
    if isinstance(step, Reuse):
        drawing.reuses.append((step.reuse, node, resolved))
    included = resolved.included
    if (
        included is not None
        and options.detail is Detail.FULL
        and included.id not in stack
        and len(stack) < MAX_DEPTH
        and included.steps
    ):
        inner = f"{node}/"
        with graph.subgraph(name=drawing.cluster_name()) as box:
            box.attr(
                label=title(included.name, word("included_practice", options.lang), options, size=11),
                style="rounded,filled",
                fillcolor=drawing.theme.include_fill,
                color=drawing.theme.cluster_line,
            )
            draw_practice(box, included, drawing, prefix=inner, stack=(*stack, practice.id))
        entry = included.entries()[0] if included.entries() else included.steps[0].id
        drawing.edge(graph, node, inner + entry, "inclusion")


def _own_mappings(resolved: ResolvedStep, drawing: Drawing) -> tuple[Mapping, ...]:
    return step_mappings(resolved, drawing.context) if resolved.kind != "include" else ()


def draw_origins(graph: graphviz.Digraph, drawing: Drawing) -> None:
    """The blocks reuse steps come from, each drawn once at the top level, with reuse edges to the steps."""
    for ref, node, resolved in drawing.reuses:
        _draw_origin(graph, ref, node, resolved, drawing)


def _draw_origin(
    graph: graphviz.Digraph, ref: str, node: str, resolved: ResolvedStep, drawing: Drawing
) -> None:
    origin = f"origin/{ref}"
    if origin not in drawing.nodes:
        drawing.nodes.add(origin)
        lang = drawing.options.lang
        owner, _ = split_ref(ref)
        owner_name = owner
        if owner in drawing.context.practices:
            owner_name = drawing.context.practices[owner].name.get(lang)
        rows = [dot_labels.row(Cell(dot_labels.escape(ref), align="CENTER"))]
        if resolved.block is not None:
            rows.insert(
                0,
                dot_labels.row(
                    Cell(
                        dot_labels.text_block(resolved.block.name.get(lang), drawing.options.wrap, bold=True),
                        align="CENTER",
                    )
                ),
            )
            rows.append(
                dot_labels.row(
                    Cell(
                        dot_labels.text_block(owner_name, drawing.options.wrap, italic=True, size=9),
                        align="CENTER",
                    )
                )
            )
        graph.node(
            origin,
            label=dot_labels.html_label(dot_labels.table(rows)),
            shape="note",
            style="filled",
            fillcolor=drawing.theme.neutral if resolved.block is not None else drawing.theme.gap_fill,
            color=drawing.theme.reuse,
        )
    drawing.edge(graph, origin, node, "reuse")
