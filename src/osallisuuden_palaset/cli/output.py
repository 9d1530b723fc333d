"""How commands print: the ``--format text|json`` option, JSON, and text to standard output or a file."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import LocalizedOption
from osallisuuden_palaset.model.text import Text

F = TypeVar("F", bound=Callable[..., Any])


#: The help of ``--format text|json`` unless a command says more.
OUTPUT_FORMAT = Text(fi="Tulosteen muoto.", en="Output format.", sv="Utdatans format.")


def format_option(help: Text = OUTPUT_FORMAT, *, name: str = "fmt") -> Callable[[F], F]:
    """The ``--format text|json`` option (text by default), passed to the command as ``name``."""
    return click.option(
        "--format",
        name,
        cls=LocalizedOption,
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help,
    )


def echo_json(data: object) -> None:
    """Print ``data`` as indented JSON, non-ASCII letters as they are (controls escaped)."""
    click.echo(terminal.clean_json(json.dumps(data, ensure_ascii=False, indent=2)))


def emit(text: str, output: str | None) -> None:
    """Print ``text`` as it is, or write it atomically into the file ``output`` (failing cleanly)."""
    if not output:
        terminal.echo(text, nl=False)
        return
    from osallisuuden_palaset.atomicfile import write_text_atomic

    common.guarded(lambda: write_text_atomic(output, text))
