"""How listing commands print: the ``--format text|json`` option, and JSON on standard output."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def format_option(help: str | None = "Output.", *, name: str = "fmt") -> Callable[[F], F]:
    """The ``--format text|json`` option (text by default), passed to the command as ``name``."""
    return click.option(
        "--format", name, type=click.Choice(["text", "json"]), default="text", show_default=True, help=help
    )


def echo_json(data: object) -> None:
    """Print ``data`` as indented JSON, non-ASCII letters as they are."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
