"""``palaset validate``: check model files and folders, one ``FILE:LINE:COL`` line per problem."""

from __future__ import annotations

import sys

import attrs
import click

from osallisuuden_palaset.cli import common
from osallisuuden_palaset.cli.output import echo_json, format_option
from osallisuuden_palaset.errors import Problem

_SUMMARY = {
    "fi": "{files} tiedostoa kunnossa: {practices} toimintamallia, {projects} hanketta, "
    "{catalogues} luetteloa",
    "en": "{files} files valid: {practices} practices, {projects} projects, {catalogues} catalogues",
    "sv": "{files} filer giltiga: {practices} verksamhetsmodeller, {projects} projekt, "
    "{catalogues} kataloger",
}


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@format_option("text: one FILE:LINE:COL line per problem; json: a list of problems.")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], fmt: str) -> None:
    """Check model files and folders (a folder is a collection); exit 1 if any problem is found."""
    from osallisuuden_palaset.errors import LoadError
    from osallisuuden_palaset.loading import load_workspace

    try:
        workspace = load_workspace(
            list(paths), frameworks=common.frameworks(ctx).values(), catalogues=common.catalogues(ctx)
        )
    except LoadError as error:
        if fmt == "json":
            echo_json([_problem_json(p) for p in error.problems])
        else:
            common.report_problems(error)
        sys.exit(1)
    collection = workspace.collection
    counts = {
        "files": len(workspace.documents),
        "practices": sum(1 for _ in collection.all_practices()),
        "projects": len(collection.projects),
        "catalogues": len(collection.catalogues),
    }
    if fmt == "json":
        echo_json([])
    else:
        click.echo(_SUMMARY[common.lang(ctx)].format(**counts))


def _problem_json(problem: Problem) -> dict[str, object]:
    return attrs.asdict(problem)
