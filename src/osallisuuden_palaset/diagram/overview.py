"""The overview: projects → practices → blocks, with blocks used by several practices made visible."""

from __future__ import annotations

import attrs
import graphviz

from osallisuuden_palaset.diagram import dot_labels
from osallisuuden_palaset.diagram.building import Diagrammable, Drawing, new_graph, title
from osallisuuden_palaset.diagram.cards import step_card, step_node_attributes
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.options import Detail
from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.messages.catalogue import date_range
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.ids import split_ref
from osallisuuden_palaset.model.practice import Include, Practice, Reuse
from osallisuuden_palaset.model.project import Catalogue, Collection, Project
from osallisuuden_palaset.model.resolving import ResolvedStep, follow_reuse

#: A block as the overview knows it: (owner id, block id); the owner is a practice or a catalogue.
Key = tuple[str, str]


@attrs.frozen
class _Plan:
    """What the overview draws, worked out before drawing."""

    groups: tuple[tuple[Project | None, tuple[Practice, ...]], ...]
    catalogues: tuple[Catalogue, ...]
    #: Block → ids of the practices using it (its owner practice first), in order of appearance.
    users: dict[Key, list[str]]
    practices: dict[str, Practice]
    project_of: dict[str, str | None]


def _plan(model: Diagrammable) -> _Plan:
    groups: list[tuple[Project | None, tuple[Practice, ...]]] = []
    catalogues: tuple[Catalogue, ...] = ()
    if isinstance(model, Practice):
        groups.append((None, (model,)))
    elif isinstance(model, Project):
        groups.append((model, model.practices))
    else:
        if model.practices:
            groups.append((None, model.practices))
        groups += [(p, p.practices) for p in model.projects]
        catalogues = model.catalogues
    users: dict[Key, list[str]] = {}
    practices: dict[str, Practice] = {}
    project_of: dict[str, str | None] = {}
    for project, members in groups:
        for practice in members:
            practices[practice.id] = practice
            project_of[practice.id] = project.id if project else None
            for step in practice.steps:
                key = _key(practice, step)
                if key is not None and practice.id not in users.setdefault(key, []):
                    users[key].append(practice.id)
    return _Plan(tuple(groups), catalogues, users, practices, project_of)


def _key(practice: Practice, step: Block | Reuse | Include) -> Key | None:
    if isinstance(step, Block):
        return (practice.id, step.id)
    if isinstance(step, Reuse):
        return split_ref(step.reuse)
    return None


def build_overview(model: Diagrammable, drawing: Drawing) -> graphviz.Digraph:
    """Projects as clusters of practices, practices linked to their blocks and to practices they include."""
    options = drawing.options
    plan = _plan(model)
    graph = new_graph(model.id, options, drawing.theme)
    graph.attr(label=title(model.name, None, options))
    drawn: set[Key] = set()
    for project, members in plan.groups:
        if project is None and not isinstance(model, Collection):
            _draw_practices(graph, members, plan, drawing, drawn)
            continue
        with graph.subgraph(name=drawing.cluster_name()) as box:
            name = project.name if project else None
            box.attr(
                label=title(name, _project_subtitle(project, drawing), options, size=13)
                if name
                else dot_labels.html_label(
                    dot_labels.styled(dot_labels.escape(word("standalone", options.lang)), bold=True)
                ),
                style="rounded,filled",
                fillcolor=drawing.theme.cluster_fill,
                color=drawing.theme.cluster_line,
            )
            _draw_practices(box, members, plan, drawing, drawn)
    _draw_elsewhere(graph, plan, drawing, drawn)
    for _, members in plan.groups:
        for practice in members:
            _draw_links(graph, practice, plan, drawing, drawn)
    drawing.add_legend(graph)
    return graph


def _project_subtitle(project: Project | None, drawing: Drawing) -> str | None:
    if project is None or drawing.options.detail is Detail.BRIEF:
        return None
    bits = [project.code] if project.code else []
    if project.organisation is not None:
        bits.append(project.organisation.get(drawing.options.lang))
    if project.period is not None:
        bits.append(date_range(project.period.start, project.period.end, drawing.options.lang))
    return " · ".join(bits) or None


def _shown(key: Key, plan: _Plan, drawing: Drawing) -> bool:
    """Whether a block gets a node: always, except in brief detail where only shared blocks do."""
    return drawing.options.detail is not Detail.BRIEF or len(plan.users.get(key, ())) > 1


def _draw_practices(
    graph: graphviz.Digraph, members: tuple[Practice, ...], plan: _Plan, drawing: Drawing, drawn: set[Key]
) -> None:
    options = drawing.options
    for practice in members:
        rows = [
            dot_labels.row(
                Cell(dot_labels.text_block(practice.name.get(options.lang), options.wrap, bold=True))
            )
        ]
        if practice.summary is not None and options.detail is Detail.FULL:
            rows.append(
                dot_labels.row(
                    Cell(dot_labels.text_block(practice.summary.get(options.lang), options.wrap + 6, size=9))
                )
            )
        graph.node(
            f"practice/{practice.id}",
            label=dot_labels.html_label(dot_labels.table(rows)),
            shape="tab",
            penwidth="1.5",
        )
        for step in practice.steps:
            if isinstance(step, Block) and _shown((practice.id, step.id), plan, drawing):
                _draw_block(graph, (practice.id, step.id), step, plan, drawing)
                drawn.add((practice.id, step.id))


def _draw_block(
    graph: graphviz.Digraph, key: Key, block: Block | None, plan: _Plan, drawing: Drawing
) -> None:
    options = drawing.options
    theme = drawing.theme
    lang = options.lang
    node = f"block/{key[0]}/{key[1]}"
    users = plan.users.get(key, [])
    if block is None:
        ref = f"{key[0]}/{key[1]}"
        graph.node(
            node,
            label=dot_labels.html_label(dot_labels.escape(word("unresolved", lang) + ref)),
            style="rounded,filled,dashed",
            fillcolor=theme.gap_fill,
            color=theme.gap_line,
        )
        return
    card_options = options if options.detail is Detail.FULL else attrs.evolve(options, detail=Detail.BRIEF)
    card = step_card(
        ResolvedStep(block, block),
        block.mappings,
        default_framework=drawing.framework_id,
        frameworks=drawing.frameworks,
        options=card_options,
        theme=theme,
    )
    attributes = step_node_attributes(ResolvedStep(block, block), theme)
    if len(users) > 1:
        names = ", ".join(plan.practices[u].name.get(lang) for u in users)
        content = card[1:-1]  # the card is an HTML-like label: <...>
        card = dot_labels.html_label(
            dot_labels.table(
                [
                    dot_labels.row(Cell(content)),
                    dot_labels.row(
                        Cell(
                            dot_labels.text_block(
                                word("used_by", lang) + names, options.wrap + 6, italic=True, size=9
                            )
                        )
                    ),
                ],
                cellpadding=0,
            )
        )
        projects = {plan.project_of.get(u) for u in users}
        attributes = {
            "style": "rounded,filled,bold",
            "color": theme.reuse,
            "penwidth": "3" if len(projects) > 1 else "2",
        }
    graph.node(node, label=card, **attributes)


def _draw_elsewhere(graph: graphviz.Digraph, plan: _Plan, drawing: Drawing, drawn: set[Key]) -> None:
    """Blocks reused from catalogues, unknown owners or nested parts: one cluster per owner."""
    owners: dict[str, list[Key]] = {}
    for key in plan.users:
        if key not in drawn and _shown(key, plan, drawing):
            owners.setdefault(key[0], []).append(key)
    catalogue_names = {c.id: c.name for c in plan.catalogues}
    lang = drawing.options.lang
    for owner, keys in owners.items():
        with graph.subgraph(name=drawing.cluster_name()) as box:
            name = catalogue_names.get(owner)
            if name is None and owner in plan.practices:
                name = plan.practices[owner].name
            heading = name.get(lang) if name is not None else owner
            box.attr(
                label=dot_labels.html_label(
                    dot_labels.text_block(heading, drawing.options.wrap, bold=True, size=11)
                ),
                style="rounded,dashed",
                color=drawing.theme.reuse,
            )
            for key in keys:
                _draw_block(
                    graph=box,
                    key=key,
                    block=follow_reuse(f"{key[0]}/{key[1]}", drawing.context),
                    plan=plan,
                    drawing=drawing,
                )
                drawn.add(key)


def _draw_links(
    graph: graphviz.Digraph, practice: Practice, plan: _Plan, drawing: Drawing, drawn: set[Key]
) -> None:
    node = f"practice/{practice.id}"
    seen: set[str] = set()
    for step in practice.steps:
        if isinstance(step, Include):
            target = f"practice/{step.include}"
            if step.include not in plan.practices:
                included = drawing.context.practices.get(step.include)
                text = (
                    included.name.get(drawing.options.lang)
                    if included
                    else word("unresolved", drawing.options.lang) + step.include
                )
                graph.node(
                    target,
                    label=dot_labels.html_label(dot_labels.text_block(text, drawing.options.wrap, bold=True)),
                    shape="tab",
                    style="dashed",
                )
            drawing.edge(graph, node, target, "inclusion")
            continue
        key = _key(practice, step)
        if key is None or key not in drawn:
            continue
        block_node = f"block/{key[0]}/{key[1]}"
        if block_node in seen:
            continue
        seen.add(block_node)
        if key[0] == practice.id and isinstance(step, Block):
            graph.edge(node, block_node, arrowhead="none", color=drawing.theme.cluster_line)
        else:
            drawing.edge(graph, node, block_node, "reuse")
