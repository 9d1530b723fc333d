"""``palaset schema``: print or write the JSON Schema of model files or framework files."""

from __future__ import annotations

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import LocalizedCommand, LocalizedOption
from osallisuuden_palaset.cli.output import emit
from osallisuuden_palaset.messages.catalogue import say
from osallisuuden_palaset.model.text import Text


@click.command(
    cls=LocalizedCommand,
    help=Text(
        fi="Tulosta JSON Schema (draft 2020-12), jolla editorit täydentävät ja tarkistavat tiedostoja.",
        en="Print the JSON Schema (draft 2020-12) that editors use to complete and check files.",
        sv="Skriv ut JSON Schema (draft 2020-12) som redigerare använder för att komplettera och "
        "kontrollera filer.",
    ),
)
@click.option(
    "--kind",
    cls=LocalizedOption,
    type=click.Choice(["model", "framework"]),
    default="model",
    show_default=True,
    help=Text(
        fi="model: toimintamalli-, hanke-, luettelo- ja kokonaisuustiedostot; framework: "
        "viitekehystiedostot.",
        en="model: practice, project, catalogue and collection files; framework: framework files.",
        sv="model: filer för verksamhetsmodeller, projekt, kataloger och helheter; framework: "
        "referensramsfiler.",
    ),
)
@click.option(
    "-o",
    "--output",
    cls=LocalizedOption,
    type=click.Path(dir_okay=False, writable=True),
    help=Text(
        fi="Kirjoita skeema tähän tiedostoon (atomisesti) vakiotulosteen sijaan.",
        en="Write the schema to this file (atomically) instead of standard output.",
        sv="Skriv schemat till den här filen (atomiskt) i stället för standardutdata.",
    ),
)
@click.pass_context
def schema(ctx: click.Context, kind: str, output: str | None) -> None:
    """Print the JSON Schema (draft 2020-12) that editors use to complete and check files."""
    from osallisuuden_palaset.files.schema import schema_json

    emit(schema_json("framework" if kind == "framework" else "model"), output)
    if output not in (None, "-"):
        terminal.echo(say(common.lang(ctx), "Wrote {path}", path=output), err=True)
