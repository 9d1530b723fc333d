"""The theory-of-change view: a practice's steps → the outcomes they lead to → how each is measured."""

from __future__ import annotations

import graphviz

from osallisuuden_palaset.diagram import dot_labels
from osallisuuden_palaset.diagram.building import Diagrammable, Drawing, new_graph, title
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.messages.catalogue import say
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.model.flow import order
from osallisuuden_palaset.model.practice import Indicator, Outcome, Practice
from osallisuuden_palaset.model.project import Collection
from osallisuuden_palaset.model.resolving import resolved_steps


def build_change(model: Diagrammable, drawing: Drawing) -> graphviz.Digraph:
    """Three columns: the steps in flow order, the intended outcomes, their indicators.

    A line joins each step to the outcomes it leads to (``outcomes[].steps``); an outcome no step
    leads to, or one without an indicator, says so. A project or collection is drawn practice by
    practice, each in a box of its own.
    """
    options = drawing.options
    graph = new_graph(model.id, options, drawing.theme)
    graph.attr(label=title(model.name, word("theory_of_change", options.lang), options), ranksep="1.2")
    if isinstance(model, Practice):
        practices: tuple[Practice, ...] = (model,)
    elif isinstance(model, Collection):
        practices = tuple(model.all_practices())
    else:
        practices = model.practices
    for practice in practices:
        if len(practices) == 1:
            _draw(graph, practice, drawing)
            continue
        with graph.subgraph(name=drawing.cluster_name()) as box:
            box.attr(
                label=title(practice.name, None, options, size=13),
                style="rounded,filled",
                fillcolor=drawing.theme.cluster_fill,
                color=drawing.theme.cluster_line,
            )
            _draw(box, practice, drawing)
    return graph


def _draw(graph: graphviz.Digraph, practice: Practice, drawing: Drawing) -> None:
    options = drawing.options
    lang = options.lang
    look = drawing.theme
    listed = {r.step.id: r for r in resolved_steps(practice, drawing.context)}
    leading = {s for o in practice.outcomes for s in o.steps}
    for ident in order(list(listed), practice.flows):
        resolved = listed[ident]
        faded = ident not in leading and bool(practice.outcomes)
        graph.node(
            f"{practice.id}/step/{ident}",
            label=dot_labels.html_label(
                dot_labels.table(
                    [
                        dot_labels.row(
                            Cell(dot_labels.text_block(resolved.name.get(lang), options.wrap, bold=True))
                        )
                    ]
                )
            ),
            shape="box",
            style="rounded,filled" + (",dashed" if faded else ""),
            fillcolor=look.node_fill,
            color=look.cluster_line if faded else look.node_line,
        )
    if not practice.outcomes:
        note = say(lang, "no intended outcomes are written for this practice")
        graph.node(
            f"{practice.id}/none",
            label=dot_labels.html_label(dot_labels.text_block(note, options.wrap, italic=True)),
            shape="note",
        )
        return
    for index, outcome in enumerate(practice.outcomes):
        node = f"{practice.id}/outcome/{outcome.id}"
        graph.node(
            node,
            label=_outcome_label(outcome, drawing),
            shape="box",
            style="rounded,filled,bold",
            fillcolor=look.dimension_colour(index),
            color=look.node_line,
        )
        for step in outcome.steps:
            if step in listed:
                graph.edge(f"{practice.id}/step/{step}", node, color=look.ink, penwidth="1.5")
        for number, indicator in enumerate(outcome.indicators):
            target = f"{node}/indicator/{number}"
            graph.node(
                target,
                label=_indicator_label(indicator, drawing),
                shape="note",
                fillcolor=look.node_fill,
                style="filled",
                color=look.node_line,
            )
            graph.edge(node, target, style="dashed", arrowhead="empty", color=look.ink)


def _outcome_label(outcome: Outcome, drawing: Drawing) -> str:
    options = drawing.options
    lang = options.lang
    rows = [
        dot_labels.row(
            Cell(dot_labels.styled(dot_labels.escape(word("outcome", lang)), italic=True, size=9))
        ),
        dot_labels.row(
            Cell(dot_labels.text_block(outcome.description.get(lang), options.wrap + 6, bold=True))
        ),
    ]
    if not outcome.steps:
        rows.append(
            dot_labels.row(
                Cell(
                    dot_labels.text_block(
                        "⚠ " + say(lang, "no step is said to lead here"),
                        options.wrap + 6,
                        italic=True,
                        size=9,
                    )
                )
            )
        )
    if not outcome.indicators:
        rows.append(
            dot_labels.row(
                Cell(
                    dot_labels.text_block(
                        "⚠ " + say(lang, "nothing says how it is measured"),
                        options.wrap + 6,
                        italic=True,
                        size=9,
                    )
                )
            )
        )
    return dot_labels.html_label(dot_labels.table(rows))


def _indicator_label(indicator: Indicator, drawing: Drawing) -> str:
    options = drawing.options
    lang = options.lang
    rows = [dot_labels.row(Cell(dot_labels.text_block(indicator.description.get(lang), options.wrap + 6)))]
    facts = []
    if indicator.baseline is not None:
        facts.append(say(lang, "from {baseline}", baseline=indicator.baseline))
    if indicator.target is not None:
        facts.append(say(lang, "target {target}", target=indicator.target))
    if indicator.level is not None:
        facts.append(value_label(indicator.level, lang))
    if indicator.frequency is not None:
        facts.append(indicator.frequency.get(lang))
    if indicator.source:
        facts.append(indicator.source)
    if facts:
        rows.append(
            dot_labels.row(
                Cell(dot_labels.text_block(" · ".join(facts), options.wrap + 10, italic=True, size=9))
            )
        )
    return dot_labels.html_label(dot_labels.table(rows))
