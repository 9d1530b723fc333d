"""Escaping user text for Markdown, CSV cells and Mermaid labels, so it comes out literal and harmless."""

from __future__ import annotations

import re
from typing import Final

#: ASCII punctuation that can start or end Markdown syntax anywhere in a line (CommonMark and
#: GitHub/GitLab extensions: tables, strikethrough, math, autolinks, raw HTML, entities).
_MARKDOWN_ALWAYS: Final = frozenset("\\`*_[]<>&|~$#!")
#: One of :data:`_MARKDOWN_ALWAYS` (escaped by a regular expression: ten times quicker than per character).
_MARKDOWN_SYNTAX: Final = re.compile("([" + re.escape("".join(sorted(_MARKDOWN_ALWAYS))) + "])")
#: Characters that are syntax only at the start of a line (list items, setext underlines, breaks).
_LINE_START: Final = frozenset("-+=:")
_ORDERED_ITEM: Final = re.compile(r"^(\d{1,9})([.)])")
_BLANK_LINES: Final = re.compile(r"\n\s*\n")
_WHITESPACE: Final = re.compile(r"\s+")

#: Cells starting with one of these are formulas (or become one) in Excel, LibreOffice and Sheets.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


class MarkdownText(str):
    """A string that is already Markdown (escaped user text or our own syntax): not escaped again."""

    __slots__ = ()


def _escape_line(line: str) -> str:
    out = _MARKDOWN_SYNTAX.sub(r"\\\1", line)
    body = out.lstrip(" ")
    indent = out[: len(out) - len(body)]
    if body[:1] in _LINE_START:
        body = "\\" + body
    elif body[:1].isdigit():
        body = _ORDERED_ITEM.sub(r"\1\\\2", body)
    return indent + body


def escape_markdown(value: str) -> MarkdownText:
    """User text as one line of literal Markdown (for headings, list items and table cells).

    Runs of white space (line breaks too) become one space, so the text cannot end the construct it
    is placed in nor start an indented code block.
    """
    if isinstance(value, MarkdownText):
        return value
    return MarkdownText(_escape_line(_WHITESPACE.sub(" ", value)))


def escape_markdown_block(value: str) -> MarkdownText:
    """User text as literal Markdown paragraphs: blank lines separate paragraphs (soft breaks inside)."""
    if isinstance(value, MarkdownText):
        return value
    paragraphs = [p for p in _BLANK_LINES.split(value.replace("\r\n", "\n").replace("\r", "\n")) if p.strip()]
    escaped = [
        "\n".join(_escape_line(line.strip()) for line in p.split("\n") if line.strip()) for p in paragraphs
    ]
    return MarkdownText("\n\n".join(escaped))


def unescape_markdown(value: str) -> str:
    """Remove the backslash escapes :func:`escape_markdown` adds (what a renderer shows)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", value)


def guard_formula(value: str) -> str:
    """A spreadsheet cell value that cannot run as a formula (OWASP: prefix a single quote)."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


#: Characters written as Mermaid entity codes (``#34;``) inside quoted labels.
_MERMAID_ENTITIES: Final = frozenset('"#&<>`|;%[]{}()\\')


def escape_mermaid(value: str) -> str:
    """User text for inside a quoted Mermaid label: one line, syntax characters as ``#NN;`` codes."""
    flat = " ".join(value.split())
    return "".join(f"#{ord(ch)};" if ch in _MERMAID_ENTITIES else ch for ch in flat)
