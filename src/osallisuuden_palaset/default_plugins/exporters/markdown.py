"""The ``markdown`` format: a practice in Innokylä's field order with an evaluation appendix."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportRequest


def _is_item(line: str) -> bool:
    return line.lstrip().startswith("- ")


def tidy_lines(parts: Iterable[str]) -> Iterator[str]:
    """The lines of the text ``parts`` make, tidied (see :func:`tidy`), each with its line break.

    Works as the parts come, keeping one line and one pending blank line: a report of any size
    is tidied without holding its text.
    """
    last: str | None = None  # the last line given out (None before the first)
    blank = False  # a blank line seen since it, given out only if a line follows
    carry = ""
    for part in itertools.chain(parts, ["\n"]):  # a final break ends the last line
        lines = (carry + part).split("\n")
        carry = lines.pop()
        for raw in lines:
            line = raw.rstrip()
            yield from _tidied(line, last, blank)
            last, blank = _after(line, last, blank)
    yield "\n"


def _tidied(line: str, last: str | None, blank: bool) -> Iterator[str]:
    if not line:
        return
    if last is None:
        yield line.lstrip()
        return
    if blank and not (_is_item(line) and _is_item(last)):
        yield "\n"
    yield "\n" + line


def _after(line: str, last: str | None, blank: bool) -> tuple[str | None, bool]:
    if not line:
        return last, blank or last is not None
    return line, False


def tidy(text: str) -> str:
    """One blank line at most between blocks, none between items of one list.

    Safe on escaped user text: its lines never start with a list marker (``-`` is escaped).
    """
    return "".join(tidy_lines([text]))


def render(request: ExportRequest) -> bytes:
    """The report as CommonMark (every user text escaped to show literally), UTF-8."""
    # Imported here so that registering the format does not load Jinja2 for every command.
    from osallisuuden_palaset.output.exporting import encoded
    from osallisuuden_palaset.output.templating import pieces

    return encoded(tidy_lines(pieces("report.md.j2", request)))


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
