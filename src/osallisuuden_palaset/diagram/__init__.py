"""Diagrams of practices, projects and collections as ``graphviz.Digraph``: building never runs ``dot``."""

from __future__ import annotations

from collections.abc import Mapping

import graphviz

from osallisuuden_palaset.diagram.building import (
    Diagrammable,
    Drawing,
    default_context,
    default_framework_id,
)
from osallisuuden_palaset.diagram.change import build_change
from osallisuuden_palaset.diagram.flow import build_flow
from osallisuuden_palaset.diagram.framework import build_framework
from osallisuuden_palaset.diagram.matrix import build_matrix
from osallisuuden_palaset.diagram.options import Detail, DiagramOptions, Direction, View
from osallisuuden_palaset.diagram.overview import build_overview
from osallisuuden_palaset.diagram.theme import THEMES, Theme, get_theme
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.references import Context

__all__ = [
    "THEMES",
    "Detail",
    "DiagramOptions",
    "Diagrammable",
    "Direction",
    "Theme",
    "View",
    "build_diagram",
    "diagram_source",
    "get_theme",
]


def build_diagram(
    model: Diagrammable,
    options: DiagramOptions | None = None,
    *,
    frameworks: Mapping[str, Framework] | None = None,
    context: Context | None = None,
) -> graphviz.Digraph:
    """The diagram of ``model`` in the view ``options.view``; pure: runs no program, reads no file.

    Args:
        model: a practice, a project or a collection.
        options: view, direction, language, detail and theme (defaults: flow, LR, fi, standard).
        frameworks: frameworks by id, for badge colours, the legend and the framework view;
            those in ``context`` are used too.
        context: what references (reused blocks, included practices) resolve to; by default
            the model's own practices and catalogues.
    """
    options = options or DiagramOptions()
    known: dict[str, Framework] = dict(context.frameworks) if context is not None else {}
    known.update(frameworks or {})
    drawing = Drawing(
        options=options,
        theme=get_theme(options.theme),
        frameworks=known,
        context=context if context is not None else default_context(model, known),
        framework_id=default_framework_id(model, options),
    )
    builders = {
        View.FLOW: build_flow,
        View.FRAMEWORK: build_framework,
        View.OVERVIEW: build_overview,
        View.MATRIX: build_matrix,
        View.CHANGE: build_change,
    }
    return builders[options.view](model, drawing)


def diagram_source(
    model: Diagrammable,
    options: DiagramOptions | None = None,
    *,
    frameworks: Mapping[str, Framework] | None = None,
    context: Context | None = None,
) -> str:
    """The DOT source of :func:`build_diagram`'s diagram: the same model gives the same bytes."""
    return str(build_diagram(model, options, frameworks=frameworks, context=context).source)
