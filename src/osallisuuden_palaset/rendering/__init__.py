"""Running Graphviz: ``dot`` as a bounded subprocess, its SVG output checked, typed errors.

Offers :func:`draw`, :func:`render` and :func:`render_many` with their errors (from
:mod:`.drawing`); :mod:`.process` runs one bounded subprocess, :mod:`.svg` checks what it wrote.
"""

from __future__ import annotations

from osallisuuden_palaset.rendering.drawing import (
    DEFAULT_TIMEOUT,
    FORMATS,
    Drawing,
    GraphvizMissing,
    RenderError,
    RenderFailed,
    RenderJob,
    RenderOutcome,
    RenderRefused,
    RenderReport,
    RenderTimeout,
    RenderTooLarge,
    draw,
    find_dot,
    format_of,
    render,
    render_many,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "Drawing",
    "GraphvizMissing",
    "RenderError",
    "RenderFailed",
    "RenderJob",
    "RenderOutcome",
    "RenderRefused",
    "RenderReport",
    "RenderTimeout",
    "RenderTooLarge",
    "draw",
    "find_dot",
    "format_of",
    "render",
    "render_many",
]
