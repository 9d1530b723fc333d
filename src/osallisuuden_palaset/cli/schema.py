"""``palaset schema``: print or write the JSON Schema of model files or framework files."""

from __future__ import annotations

import click

from osallisuuden_palaset.cli import common
from osallisuuden_palaset.cli.output import emit

_WROTE = {"fi": "Kirjoitettu: {path}", "en": "Wrote {path}", "sv": "Skrev {path}"}


@click.command()
@click.option(
    "--kind",
    type=click.Choice(["model", "framework"]),
    default="model",
    show_default=True,
    help="model: practice, project, catalogue and collection files; framework: framework files.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the schema to this file (atomically) instead of standard output.",
)
@click.pass_context
def schema(ctx: click.Context, kind: str, output: str | None) -> None:
    """Print the JSON Schema (draft 2020-12) that editors use to complete and check files."""
    from osallisuuden_palaset.schema import schema_json

    emit(schema_json("framework" if kind == "framework" else "model"), output)
    if output is not None:
        click.echo(_WROTE[common.lang(ctx)].format(path=output), err=True)
