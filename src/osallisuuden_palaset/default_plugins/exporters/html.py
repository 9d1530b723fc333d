"""The ``html`` format: one self-contained, printable, offline report page."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportOption, ExportRequest


def render(request: ExportRequest) -> bytes:
    """The report as one HTML page with inline styles and no external resources, UTF-8.

    Raises:
        ExportError: the ``timeout`` option is not a positive number of seconds.
    """
    # Imported here so that registering the format does not load Jinja2 for every command.
    from osallisuuden_palaset.output.exporting import encoded
    from osallisuuden_palaset.output.templating import diagram_timeout, pieces

    diagram_timeout(request)  # a wrong option is refused before anything is drawn
    return encoded(pieces("report.html.j2", request))


EXPORTER = Exporter(
    name="html",
    description=msg("A printable report page with no external resources (HTML)."),
    suffix=".html",
    media_type="text/html; charset=utf-8",
    accepts=KINDS,
    render=render,
    options=(
        ExportOption(
            "diagrams",
            msg("Whether to draw each practice's flow diagram on the page (needs Graphviz)."),
            default="yes",
            choices=("yes", "no"),
        ),
        ExportOption(
            "diagram_files",
            msg(
                "A folder (relative to the page) holding each practice's flow diagram as "
                "<id>.flow.svg; the page links to it (palaset build sets this)."
            ),
        ),
        ExportOption(
            "timeout",
            msg("Seconds Graphviz may take per diagram (default 60)."),
        ),
    ),
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``html`` format."""
    register(EXPORTER)
