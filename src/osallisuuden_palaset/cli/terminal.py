"""Text for a terminal: control characters from model files and survey cells are shown, never obeyed."""

from __future__ import annotations

import re
import sys
from typing import Final

import click

#: Characters a terminal acts on instead of showing: C0 controls but tab and newline (ESC starts
#: colour, title, hyperlink and clearing sequences; BEL rings; CR and backspace overwrite), DEL,
#: the C1 controls (U+009B is CSI by itself), and the bidirectional embeddings, overrides and
#: isolates that make a terminal show text in another order than it is written.
_OBEYED: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    r"""``text`` with each character a terminal would obey written as its escape (``\x1b``, ``\u202e``)."""
    return _OBEYED.sub(_escape, text)


def clean_json(text: str) -> str:
    r"""JSON text with those characters as JSON escapes (``\u001b``): the same JSON, safe to show."""
    return _OBEYED.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def to_terminal(err: bool = False) -> bool:
    """Whether standard output (standard error with ``err``) is a terminal."""
    stream = sys.stderr if err else sys.stdout
    return stream is not None and stream.isatty()


def echo(message: str, *, err: bool = False, nl: bool = True) -> None:
    """Print ``message``: on stderr always cleaned (messages quote model text), on stdout when a terminal.

    Output that is data (an export, JSON, a report piped to a file) keeps every character.
    """
    click.echo(clean(message) if err or to_terminal() else message, err=err, nl=nl)


def shown(data: bytes) -> bytes:
    """UTF-8 text bound for standard output, cleaned when that is a terminal (else as it is)."""
    if not to_terminal():
        return data
    return clean(data.decode("utf-8", "replace")).encode("utf-8")
