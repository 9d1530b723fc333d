"""Jupyter display: practices, projects and collections shown as SVG diagrams, as text without Graphviz."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context

#: Model classes shown as diagrams.
DISPLAYED: tuple[type, ...] = (Practice, Project, Collection)
SVG = "image/svg+xml"
#: Seconds ``dot`` may take for one notebook diagram.
TIMEOUT = 30.0


class Diagram:
    """A diagram for display in Jupyter: ``Diagram(practice, view="framework")`` as a cell's last line.

    Shows SVG when Graphviz is installed; otherwise the reason and the DOT source as text.
    Never raises while displaying.
    """

    def __init__(
        self,
        model: Practice | Project | Collection,
        *,
        frameworks: Mapping[str, Framework] | None = None,
        context: Context | None = None,
        **options: Any,
    ) -> None:
        self.model = model
        self.frameworks = frameworks
        self.context = context
        self.options = options

    def source(self) -> str:
        """The DOT source."""
        from osallisuuden_palaset.diagram import DiagramOptions, diagram_source

        frameworks = self.frameworks if self.frameworks is not None else registered_frameworks()
        return diagram_source(
            self.model, DiagramOptions(**self.options), frameworks=frameworks, context=self.context
        )

    def svg(self) -> str | None:
        """The SVG text, or None when it cannot be drawn (Graphviz missing, a timeout, any failure)."""
        try:
            from osallisuuden_palaset.rendering.drawing import render

            return render(self.source(), "svg", timeout=TIMEOUT).decode("utf-8")
        except Exception:  # display must never raise; _repr_mimebundle_ says why as text
            return None

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        text = describe(self.model)
        try:
            from osallisuuden_palaset.rendering.drawing import render

            svg = render(self.source(), "svg", timeout=TIMEOUT).decode("utf-8")
        except Exception as error:  # display must never raise
            return {"text/plain": f"{text}\n(no diagram: {error})"}
        return {SVG: svg, "text/plain": text}


def describe(model: object) -> str:
    """A one-line text for a model: its kind, id and name."""
    name = getattr(model, "name", None)
    kind = type(model).__name__
    ident = getattr(model, "id", "?")
    return f"{kind} {ident}: {name}" if name is not None else f"{kind} {ident}"


def registered_frameworks() -> dict[str, Framework]:
    """The frameworks registered by installed plugins; none when plugins cannot be loaded."""
    try:
        from osallisuuden_palaset.plugins.manager import get_plugin_manager
        from osallisuuden_palaset.plugins.registry import get_frameworks

        return get_frameworks(get_plugin_manager())
    except Exception:  # display must never raise; badges are then uncoloured
        return {}


def svg_formatter(model: object) -> str | None:
    """IPython's ``image/svg+xml`` formatter for models: the SVG, or None so the text repr shows."""
    if not isinstance(model, Practice | Project | Collection):
        return None
    return Diagram(model).svg()


def register_formatters(ipython: Any = None) -> bool:
    """Show practices, projects and collections as SVG in IPython/Jupyter; True when registered.

    Does nothing (and imports nothing) unless IPython is already imported, so importing the
    package outside a notebook stays cheap. ``ipython`` defaults to the running shell.
    """
    if ipython is None:
        if "IPython" not in sys.modules:
            return False
        try:
            ipython = sys.modules["IPython"].get_ipython()
        except Exception:  # an IPython without a shell: nothing to register with
            return False
        if ipython is None:
            return False
    try:
        formatter = ipython.display_formatter.formatters[SVG]
        for cls in DISPLAYED:
            formatter.for_type(cls, svg_formatter)
    except Exception:  # a shell without display formatters: keep the text repr
        return False
    return True
