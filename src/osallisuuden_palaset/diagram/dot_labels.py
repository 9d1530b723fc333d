"""Labels for DOT: every user string escaped, wrapped and placed in an HTML-like label.

The graphviz package treats any ``<...>`` string as an HTML label, so user text never goes
into a plain attribute: it is escaped here with :func:`html.escape` and only ever placed
inside labels built by this module.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Sequence

import attrs

#: Characters that XML (and so Graphviz's HTML labels and SVG) cannot hold, shown visibly instead.
_CONTROL_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_CONTROL_PICTURES[0x7F] = "\u2421"
#: Every character :func:`visible` replaces: those controls, lone surrogates, U+FFFE and U+FFFF.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def visible(value: str) -> str:
    """``value`` with characters XML cannot hold replaced by visible stand-ins.

    C0 control characters (other than tab and line breaks) become their Unicode control
    pictures (e.g. U+0000 → ␀); lone surrogates and the non-characters U+FFFE and U+FFFF
    become U+FFFD. Every other character is kept as it is.
    """
    if _HIDDEN.search(value) is None:  # nearly always: one scan in C, no copy
        return value
    return _HIDDEN.sub(_stand_in, value)


def _stand_in(found: re.Match[str]) -> str:
    return _CONTROL_PICTURES.get(ord(found.group()), "\ufffd")


def wrap(value: str, width: int) -> list[str]:
    """``value`` as lines of at most ``width`` characters; only whitespace is lost.

    Line breaks in the text are kept; runs of whitespace become one space; words longer
    than ``width`` are split.
    """
    lines: list[str] = []
    for paragraph in visible(value).splitlines():
        lines += textwrap.wrap(
            paragraph, width, break_long_words=True, break_on_hyphens=False, replace_whitespace=True
        )
    return lines or [""]


def escape(value: str) -> str:
    """``value`` escaped for the text of an HTML-like label (one line, no wrapping).

    Graphviz expands ``\\N``, ``\\G`` and the like even inside HTML-like labels, and reads
    ``\\\\`` as one backslash, so every backslash is doubled after the markup is escaped.
    """
    # Graphviz's HTML lexer also refuses a ']' right after a tag (``<B>]</B>``): a reference is safe.
    return html.escape(visible(value), quote=True).replace("\\", "\\\\").replace("]", "&#93;")


@attrs.frozen
class Cell:
    """One cell of a label table: already-escaped HTML content and its cell attributes."""

    content: str
    bgcolor: str | None = None
    align: str = "LEFT"
    colspan: int = 1
    border: int = 0
    color: str | None = None

    def render(self) -> str:
        """The ``<TD>`` element."""
        attributes = [f'ALIGN="{self.align}"', 'BALIGN="LEFT"' if self.align == "LEFT" else ""]
        if self.bgcolor:
            attributes.append(f'BGCOLOR="{self.bgcolor}"')
        if self.colspan > 1:
            attributes.append(f'COLSPAN="{self.colspan}"')
        if self.border:
            attributes.append(f'BORDER="{self.border}"')
        if self.color:
            attributes.append(f'COLOR="{self.color}"')
        return f"<TD {' '.join(a for a in attributes if a)}>{self.content}</TD>"


def text_block(
    value: str, width: int, *, bold: bool = False, italic: bool = False, size: int | None = None
) -> str:
    """Escaped, wrapped user text as label content: lines joined by ``<BR/>``."""
    body = "<BR/>".join(escape(line) for line in wrap(value, width))
    return styled(body, bold=bold, italic=italic, size=size)


def styled(content: str, *, bold: bool = False, italic: bool = False, size: int | None = None) -> str:
    """Already-escaped content in bold, italic or another font size."""
    if bold:
        content = f"<B>{content}</B>"
    if italic:
        content = f"<I>{content}</I>"
    if size is not None:
        content = f'<FONT POINT-SIZE="{size}">{content}</FONT>'
    return content


def row(*cells: Cell) -> str:
    """A ``<TR>`` of cells."""
    return "<TR>" + "".join(c.render() for c in cells) + "</TR>"


def table(rows: Iterable[str], *, cellpadding: int = 3, cellspacing: int = 0) -> str:
    """A borderless ``<TABLE>`` of rows (already rendered)."""
    body = "".join(rows)
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="{cellspacing}" CELLPADDING="{cellpadding}">'
        f"{body}</TABLE>"
    )


def badges(cells: Sequence[Cell]) -> str:
    """A one-row table of small coloured badges (e.g. claimed dimensions)."""
    return table([row(*cells)], cellpadding=2, cellspacing=2)


def html_label(content: str) -> str:
    """The DOT value of an HTML-like label: ``<`` + content + ``>``."""
    return f"<{content}>"
