"""Shared machinery of the diagram builders: the graph, cluster names, titles, what a view has drawn."""

from __future__ import annotations

from collections.abc import Mapping as MappingOf

import attrs
import graphviz

from osallisuuden_palaset.diagram import dot_labels, theme
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.options import DiagramOptions
from osallisuuden_palaset.diagram.theme import Theme
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.resolving import ResolvedStep
from osallisuuden_palaset.model.text import Text

#: What a diagram can be drawn of.
Diagrammable = Practice | Project | Collection


@attrs.define
class Drawing:
    """The state of one diagram being built: options, lookups, and what has been drawn so far."""

    options: DiagramOptions
    theme: Theme
    frameworks: MappingOf[str, Framework]
    context: Context
    #: The framework whose dimensions give badge colours and the legend.
    framework_id: str
    clusters: int = 0
    edge_kinds: list[str] = attrs.field(factory=list)
    nodes: set[str] = attrs.field(factory=set)
    #: Reuse steps drawn so far: (reference, step node, resolved step), for origin nodes at the top.
    reuses: list[tuple[str, str, ResolvedStep]] = attrs.field(factory=list)

    @property
    def framework(self) -> Framework | None:
        """The diagram's framework, when known."""
        return self.frameworks.get(self.framework_id)

    def cluster_name(self) -> str:
        """A new, unique cluster name (numbered in building order, so deterministic)."""
        self.clusters += 1
        return f"cluster_{self.clusters}"

    def used(self, kind: str) -> None:
        """Note that an edge of ``kind`` was drawn (for the legend)."""
        if kind not in self.edge_kinds:
            self.edge_kinds.append(kind)

    def edge(self, graph: graphviz.Digraph, tail: str, head: str, kind: str, **extra: str) -> None:
        """Draw an edge of ``kind`` (a flow kind, "inclusion" or "reuse")."""
        self.used(kind)
        graph.edge(tail, head, **{**theme.edge_style(kind, self.theme), **extra})

    def legend_kinds(self) -> list[str]:
        """Edge kinds drawn, in the legend's fixed order."""
        return [k for k in theme.EDGE_KINDS if k in self.edge_kinds]

    def add_legend(self, graph: graphviz.Digraph) -> None:
        """Add the legend of the flow and overview views (when asked for): dimensions and edge kinds."""
        if not self.options.legend:
            return
        theme.legend(
            graph,
            framework=self.framework,
            edge_kinds=self.legend_kinds(),
            strengths=False,
            theme=self.theme,
            lang=self.options.lang,
            width=self.options.wrap,
        )


def new_graph(name: str, options: DiagramOptions, look: Theme) -> graphviz.Digraph:
    """An empty digraph with the theme's defaults."""
    return graphviz.Digraph(
        name=name,
        graph_attr=theme.graph_attributes(look, options.direction.value),
        node_attr=theme.node_attributes(look),
        edge_attr=theme.edge_attributes(look),
    )


def title(name: Text, subtitle: str | None, options: DiagramOptions, *, size: int = 16) -> str:
    """An HTML-like title label: the name in bold, then an optional subtitle."""
    rows = [
        dot_labels.row(
            Cell(
                dot_labels.text_block(name.get(options.lang), options.wrap * 2, bold=True, size=size),
                align="CENTER",
            )
        )
    ]
    if subtitle:
        rows.append(
            dot_labels.row(Cell(dot_labels.text_block(subtitle, options.wrap * 2, size=10), align="CENTER"))
        )
    return dot_labels.html_label(dot_labels.table(rows, cellpadding=1))


def default_framework_id(model: Diagrammable, options: DiagramOptions) -> str:
    """The framework of the diagram: the option, else the first practice's, else "thl"."""
    if options.framework:
        return options.framework
    if isinstance(model, Practice):
        return model.framework
    practices = list(model.practices) if isinstance(model, Project) else list(model.all_practices())
    return practices[0].framework if practices else "thl"


def default_context(model: Diagrammable, frameworks: MappingOf[str, Framework]) -> Context:
    """A context holding the model's own practices and catalogues, for when none is given."""
    if isinstance(model, Collection):
        return Context.of_collection(model, frameworks.values())
    practices = [model] if isinstance(model, Practice) else list(model.practices)
    return Context.build(frameworks.values(), (), practices)
