"""``palaset validate``: check model files and folders, one ``FILE:LINE:COL`` line per problem."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import attrs
import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import LocalizedCommand
from osallisuuden_palaset.cli.output import echo_json, format_option
from osallisuuden_palaset.errors import Problem
from osallisuuden_palaset.model.text import Text

_SUMMARY = {
    "fi": "{files} tiedostoa kunnossa: {practices} toimintamallia, {projects} hanketta, "
    "{catalogues} luetteloa",
    "en": "{files} files valid: {practices} practices, {projects} projects, {catalogues} catalogues",
    "sv": "{files} filer giltiga: {practices} verksamhetsmodeller, {projects} projekt, "
    "{catalogues} kataloger",
}
#: The files beside the named ones that were checked because the named ones refer to them.
_REFERENCED = Text(
    fi="Myös viitatut tiedostot tarkistettiin: {files}",
    en="Referenced files checked too: {files}",
    sv="Refererade filer kontrollerades också: {files}",
)


@click.command(
    cls=LocalizedCommand,
    help=Text(
        fi="Tarkista mallitiedostot ja kansiot (kansio on kokonaisuus); palauta 1, jos ongelmia löytyy.",
        en="Check model files and folders (a folder is a collection); exit 1 if any problem is found.",
        sv="Kontrollera modellfiler och mappar (en mapp är en helhet); avsluta med 1 vid problem.",
    ),
)
@common.paths_argument(
    Text(
        fi="Tarkistettavat mallitiedostot ja kansiot.",
        en="Model files and folders to check.",
        sv="Modellfiler och mappar att kontrollera.",
    )
)
@format_option(
    Text(
        fi="text: yksi FILE:LINE:COL-rivi ongelmaa kohden; json: ongelmat ja viitatut tiedostot.",
        en="text: one FILE:LINE:COL line per problem; json: the problems and the referenced files.",
        sv="text: en FILE:LINE:COL-rad per problem; json: problemen och de refererade filerna.",
    )
)
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str) -> None:
    """Check model files and folders (a folder is a collection); exit 1 if any problem is found."""
    from osallisuuden_palaset.errors import LoadError
    from osallisuuden_palaset.files.loading import load_workspace

    try:
        workspace = load_workspace(
            list(paths),
            frameworks=common.frameworks(ctx).values(),
            catalogues=common.catalogues(ctx),
            on_skip=common.note_skipped,
        )
    except LoadError as error:
        if fmt != "json":
            raise  # one FILE:LINE:COL line per problem, as every command (cli.main.LazyGroup)
        echo_json(_result_json(error.problems, error.referenced))
        sys.exit(1)
    referenced = [d.source.file for d in workspace.referenced]
    collection = workspace.collection
    counts = {
        "files": len(workspace.documents),
        "practices": sum(1 for _ in collection.all_practices()),
        "projects": len(collection.projects),
        "catalogues": len(collection.catalogues),
    }
    if fmt == "json":
        echo_json(_result_json((), referenced))
        return
    terminal.echo(_SUMMARY[common.lang(ctx)].format(**counts))
    if referenced:
        terminal.echo(_REFERENCED.get(common.lang(ctx)).format(files=", ".join(referenced)))


def _result_json(problems: Sequence[Problem], referenced: Sequence[str]) -> dict[str, object]:
    """``{"valid": ..., "problems": [...], "referenced": [...]}``."""
    return {
        "valid": not problems,
        "problems": [attrs.asdict(p) for p in problems],
        "referenced": list(referenced),
    }
