"""The ``markdown`` format: a practice in Innokylä's field order with an evaluation appendix."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportRequest


def tidy(text: str) -> str:
    """One blank line at most between blocks, none between items of one list.

    Safe on escaped user text: its lines never start with a list marker (``-`` is escaped).
    """
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        item = line.lstrip().startswith("- ")
        if item and len(out) >= 2 and not out[-1] and out[-2].lstrip().startswith("- "):
            out.pop()
        out.append(line)
    return "\n".join(out).strip() + "\n"


def render(request: ExportRequest) -> bytes:
    """The report as CommonMark (every user text escaped to show literally), UTF-8."""
    # Imported here so that registering the format does not load Jinja2 for every command.
    from osallisuuden_palaset.output.templating import render as render_template

    return tidy(render_template("report.md.j2", request)).encode("utf-8")


EXPORTER = Exporter(
    name="markdown",
    description=msg("The practice in Innokylä's field order with an evaluation appendix (Markdown)."),
    suffix=".md",
    media_type="text/markdown; charset=utf-8",
    accepts=KINDS,
    render=render,
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``markdown`` format."""
    register(EXPORTER)
