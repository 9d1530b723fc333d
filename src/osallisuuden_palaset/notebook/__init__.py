"""Jupyter display: models as SVG diagrams that fit the cell (text without Graphviz), results as tables."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

from osallisuuden_palaset.errors import reason
from osallisuuden_palaset.files.origins import context_of
from osallisuuden_palaset.messages.catalogue import localize, msg, say
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import LANGS, Lang, Text

#: Model classes shown as diagrams.
DISPLAYED: tuple[type, ...] = (Practice, Project, Collection)
SVG = "image/svg+xml"
HTML = "text/html"
#: Seconds ``dot`` may take for one notebook diagram.
TIMEOUT = 30.0
#: The language of diagrams and tables in the notebook (``set_language``).
_LANG: list[Lang] = ["fi"]


def set_language(lang: Lang) -> None:
    """Show diagrams and tables in ``lang`` (fi, en or sv) from now on."""
    if lang not in LANGS:
        raise ValueError(
            msg("language {value} is not one of {known}", value=repr(lang), known=", ".join(LANGS))
        )
    _LANG[0] = lang


def language() -> Lang:
    """The language the notebook display uses now (Finnish unless ``set_language`` chose another)."""
    return _LANG[0]


def fitted(svg: str) -> str:
    """``svg`` scaled to the width of the cell (never wider than drawn), in a frame that scrolls."""
    opening = re.search(r"<svg\b[^>]*>", svg)
    if opening is None:
        return svg
    tag = re.sub(r'\s(width|height)="[^"]*"', "", opening.group())
    tag = tag.replace("<svg", '<svg style="max-width:100%;height:auto"', 1)
    width = re.search(r'\swidth="([\d.]+)pt"', opening.group())
    limit = f"max-width:{width.group(1)}pt;" if width else ""
    body = svg[opening.start() :].replace(opening.group(), tag, 1)
    return f'<div style="{limit}width:100%;overflow-x:auto">{body}</div>'


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
        #: Where references resolve: given, else the workspace the model was loaded from.
        self.context = context if context is not None else context_of(model)
        self.options = {"lang": language(), **options}

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
            why = say(language(), "no diagram: {reason}", reason=localize(reason(error), language()))
            return {"text/plain": f"{text}\n({why})"}
        return {HTML: fitted(svg), SVG: svg, "text/plain": text}


def describe(model: object) -> str:
    """A one-line text for a model: its kind, id and name."""
    name = getattr(model, "name", None)
    kind = type(model).__name__
    ident = getattr(model, "id", "?")
    shown = name.get(language()) if isinstance(name, Text) else name
    return f"{kind} {ident}: {shown}" if shown is not None else f"{kind} {ident}"


def registered_frameworks() -> dict[str, Framework]:
    """The frameworks registered by installed plugins; none when plugins cannot be loaded."""
    try:
        from osallisuuden_palaset.plugins.manager import get_plugin_manager
        from osallisuuden_palaset.plugins.registry import get_frameworks

        return get_frameworks(get_plugin_manager())
    except Exception:  # display must never raise; badges are then uncoloured
        return {}


def svg_formatter(model: object) -> str | None:
    """IPython's ``image/svg+xml`` formatter for models: the SVG, or None so the text repr shows.

    References resolve in the workspace the model was loaded from (``load_workspace``).
    """
    if not isinstance(model, Practice | Project | Collection):
        return None
    return Diagram(model).svg()


def html_formatter(model: object) -> str | None:
    """IPython's ``text/html`` formatter: a model's diagram fitted to the cell, a block or a result as
    a compact table; None (the next representation shows) when there is nothing to show."""
    if isinstance(model, Practice | Project | Collection):
        svg = Diagram(model).svg()
        return fitted(svg) if svg is not None else None
    shown = _tables().get(type(model))
    if shown is None:
        return None
    try:
        return shown(model, language())
    except Exception:  # display must never raise: the text representation shows instead
        return None


@functools.cache
def _tables() -> dict[type, Callable[[Any, Lang], str]]:
    from osallisuuden_palaset.assessing.assessment import Assessment, PracticeAssessment
    from osallisuuden_palaset.model.block import Block
    from osallisuuden_palaset.model.evaluation import Coverage
    from osallisuuden_palaset.notebook import tables

    return {
        Block: tables.block_html,
        Coverage: tables.coverage_html,
        PracticeAssessment: tables.practice_assessment_html,
        Assessment: tables.assessment_html,
    }


def register_formatters(ipython: Any = None) -> bool:
    """Show models as diagrams (HTML holding the SVG where the shell shows HTML) and results as tables
    in IPython/Jupyter; True when registered.

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
        formatters = ipython.display_formatter.formatters
        if HTML in formatters:  # the HTML holds the fitted SVG: one formatter, one run of dot
            for cls in (*DISPLAYED, *_tables()):
                formatters[HTML].for_type(cls, html_formatter)
        else:
            for cls in DISPLAYED:
                formatters[SVG].for_type(cls, svg_formatter)
    except Exception:  # a shell without display formatters: keep the text repr
        return False
    return True
