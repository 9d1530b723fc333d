"""``palaset migrate``: upgrade version 1 model files to version 2 in place (or show the diff)."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import LocalizedCommand, LocalizedOption
from osallisuuden_palaset.messages.catalogue import msg, say, say_n


@click.command(
    cls=LocalizedCommand,
    help=msg(
        "Upgrade version 1 model files to version 2 in place, keeping comments and layout; "
        "exit 1 if a file cannot be migrated."
    ),
)
@common.paths_argument(msg("Model files and folders to migrate."))
@click.option(
    "--dry-run",
    "dry_run",
    cls=LocalizedOption,
    is_flag=True,
    help=msg("Print what would change as a unified diff; write nothing."),
)
@click.pass_context
def migrate(ctx: click.Context, paths: tuple[Path, ...], dry_run: bool) -> None:
    """Upgrade version 1 model files to version 2 in place; exit 1 if a file cannot be migrated."""
    from osallisuuden_palaset.files.finding import files_of
    from osallisuuden_palaset.files.migrating import migrate_file

    lang = common.lang(ctx)
    failed = changed = 0
    for root in paths:
        found, problem = files_of(root, common.note_skipped)
        if problem is not None:
            terminal.echo(problem.render(lang), err=True)
            failed += 1
        for path in found:
            migration = common.guarded(functools.partial(migrate_file, path, write=not dry_run))
            for problem in migration.problems:
                terminal.echo(problem.render(lang), err=True)
            failed += bool(migration.problems)
            changed += migration.changed
            if dry_run:
                terminal.echo(migration.diff(), nl=False)
            elif migration.changed:
                terminal.echo(say(lang, "{file}: now version 2", file=str(path)))
    counted = say_n(lang, "{n} file", "{n} files", changed)
    terminal.echo(
        say(lang, "{files} would change", files=counted)
        if dry_run
        else say(lang, "{files} migrated", files=counted),
        err=dry_run,
    )
    if failed:
        ctx.exit(1)
