"""``palaset schema``: print or write the JSON Schema of model files or framework files."""

from __future__ import annotations

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import LocalizedCommand, LocalizedOption
from osallisuuden_palaset.cli.output import emit
from osallisuuden_palaset.messages.catalogue import msg, say


def _choose_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``palaset schema --lang X`` overrides ``palaset --lang``: for the schema and the messages alike."""
    if value is not None:
        common.state(ctx)["lang"] = value
        ctx.find_root().params["lang"] = value  # the help (help_lang) reads the root's --lang too


@click.command(
    cls=LocalizedCommand,
    help=msg("Print the JSON Schema (draft 2020-12) that editors use to complete and check files."),
)
@click.option(
    "--kind",
    cls=LocalizedOption,
    type=click.Choice(["model", "framework"]),
    default="model",
    show_default=True,
    help=msg("model: practice, project, catalogue and collection files; framework: framework files."),
)
@click.option(
    "-o",
    "--output",
    cls=LocalizedOption,
    type=click.Path(dir_okay=False, writable=True),
    help=msg("Write the schema to this file (atomically) instead of standard output."),
)
@click.option(
    "--lang",
    cls=LocalizedOption,
    type=click.Choice(["fi", "en", "sv"]),
    expose_value=False,
    is_eager=True,  # read before an eager --help given after it, so the help is in this language
    callback=_choose_lang,
    help=msg("Language of the schema's descriptions (what editors show); by default palaset --lang."),
)
@click.pass_context
def schema(ctx: click.Context, kind: str, output: str | None) -> None:
    """Print the JSON Schema (draft 2020-12) that editors use to complete and check files."""
    from osallisuuden_palaset.files.schema import schema_json

    emit(schema_json("framework" if kind == "framework" else "model", common.lang(ctx)), output)
    if output not in (None, "-"):
        terminal.echo(say(common.lang(ctx), "Wrote {path}", path=output), err=True)
