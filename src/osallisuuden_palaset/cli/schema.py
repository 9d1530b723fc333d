"""``palaset schema``: print or write the JSON Schema of model files or framework files."""

from __future__ import annotations

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import LocalizedCommand, LocalizedOption
from osallisuuden_palaset.cli.output import emit
from osallisuuden_palaset.messages.catalogue import say
from osallisuuden_palaset.model.text import Text


def _choose_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``palaset schema --lang X`` overrides ``palaset --lang``: for the schema and the messages alike."""
    if value is not None:
        common.state(ctx)["lang"] = value
        ctx.find_root().params["lang"] = value  # the help (help_lang) reads the root's --lang too


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
@click.option(
    "--lang",
    cls=LocalizedOption,
    type=click.Choice(["fi", "en", "sv"]),
    expose_value=False,
    is_eager=True,  # read before an eager --help given after it, so the help is in this language
    callback=_choose_lang,
    help=Text(
        fi="Skeeman kuvausten kieli (editorit näyttävät ne); oletus on palaset --lang.",
        en="Language of the schema's descriptions (what editors show); by default palaset --lang.",
        sv="Språk för schemats beskrivningar (som redigerare visar); som standard palaset --lang.",
    ),
)
@click.pass_context
def schema(ctx: click.Context, kind: str, output: str | None) -> None:
    """Print the JSON Schema (draft 2020-12) that editors use to complete and check files."""
    from osallisuuden_palaset.files.schema import schema_json

    emit(schema_json("framework" if kind == "framework" else "model", common.lang(ctx)), output)
    if output not in (None, "-"):
        terminal.echo(say(common.lang(ctx), "Wrote {path}", path=output), err=True)
