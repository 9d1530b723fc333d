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
from osallisuuden_palaset.messages.catalogue import msg, say, say_n
from osallisuuden_palaset.model.text import Lang


@click.command(
    cls=LocalizedCommand,
    help=msg("Check model files and folders (a folder is a collection); exit 1 if any problem is found."),
)
@common.paths_argument(msg("Model files and folders to check."))
@format_option(msg("text: one FILE:LINE:COL line per problem; json: the problems and the referenced files."))
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
    if fmt == "json":
        echo_json(_result_json((), referenced))
        return
    lang = common.lang(ctx)
    terminal.echo(
        say(
            lang,
            "{files}: {practices}, {projects}, {catalogues}",
            files=say_n(lang, "{n} file valid", "{n} files valid", len(workspace.documents)),
            practices=_practices(lang, sum(1 for _ in collection.all_practices())),
            projects=say_n(lang, "{n} project", "{n} projects", len(collection.projects)),
            catalogues=say_n(lang, "{n} catalogue", "{n} catalogues", len(collection.catalogues)),
        )
    )
    if referenced:
        terminal.echo(
            say_n(
                lang,
                "Referenced file checked too: {files}",
                "Referenced files checked too: {files}",
                len(referenced),
                files=", ".join(referenced),
            )
        )


def _practices(lang: Lang, n: int) -> str:
    return say_n(lang, "{n} practice", "{n} practices", n)


def _result_json(problems: Sequence[Problem], referenced: Sequence[str]) -> dict[str, object]:
    """``{"valid": ..., "problems": [...], "referenced": [...]}``."""
    return {
        "valid": not problems,
        "problems": [attrs.asdict(p) for p in problems],
        "referenced": list(referenced),
    }
