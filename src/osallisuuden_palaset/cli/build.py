"""``palaset build``: validate, then write every export, diagram and an index page into one folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from osallisuuden_palaset.cli import terminal
from osallisuuden_palaset.cli.common import fail, frameworks, lang, load, paths_argument
from osallisuuden_palaset.cli.export import registered_exporters
from osallisuuden_palaset.cli.helptext import LocalizedCommand, LocalizedOption
from osallisuuden_palaset.cli.output import refuse_folder
from osallisuuden_palaset.cli.report_inputs import ReportInputs, check_findings, report_options, survey_report
from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.messages.catalogue import localize, msg, say, say_n
from osallisuuden_palaset.messages.os_errors import os_reason
from osallisuuden_palaset.output.building import BuildStep
from osallisuuden_palaset.output.building import build as build_folder


@click.command(
    "build",
    cls=LocalizedCommand,
    help=msg(
        "Validate PATHS, then write every format of every practice, project and the collection.\n\n"
        "Writes DIR/<format>/<id><suffix> for each registered format that accepts the model, "
        "DIR/diagrams/<id>.gv (and .svg when Graphviz is installed) and DIR/index.html linking "
        "everything. Files are written atomically; the same input gives the same bytes. A failing "
        "item does not stop the others: failures are listed at the end and the exit status is 1.\n\n"
        "The reports carry each practice's evaluation appendix with the findings of every "
        "registered check (--no-checks leaves them out). With --survey, the practice's reports "
        "show the survey results (small groups suppressed) and DIR/surveys/<practice>.svg holds "
        "the chart the Markdown reports link."
    ),
)
@paths_argument(msg("Model files and folders."))
@click.option(
    "--output",
    "-o",
    cls=LocalizedOption,
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help=msg("Folder to write into (made if missing)."),
)
@click.option(
    "--no-diagrams",
    cls=LocalizedOption,
    is_flag=True,
    help=msg("Skip the Graphviz diagrams."),
)
@click.option(
    "--quiet",
    "-q",
    cls=LocalizedOption,
    is_flag=True,
    help=msg("Print only failures."),
)
@click.option(
    "--verbose",
    "-v",
    cls=LocalizedOption,
    is_flag=True,
    help=msg("List every file as it is written."),
)
@report_options
@click.pass_context
def build(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    output: Path,
    no_diagrams: bool,
    quiet: bool,
    verbose: bool,
    **report: Any,
) -> None:
    """Validate PATHS, then write every format of every practice, project and the collection."""
    workspace = load(ctx, paths)  # prints every problem as FILE:LINE:COL and exits 1
    language = lang(ctx)
    known = frameworks(ctx)
    exporters = registered_exporters(ctx)
    inputs = ReportInputs.of(report)
    findings = None if inputs.no_checks else check_findings(ctx, workspace)
    surveyed = survey_report(ctx, inputs, workspace, None)
    refuse_folder(output, paths)  # not an input folder (build() holds it and removes old temporaries)

    live = not quiet and not verbose and terminal.to_terminal(err=True)
    written = 0

    def progress(step: BuildStep) -> None:
        nonlocal written
        written += 1
        if verbose and step.kind in ("export", "diagram"):  # the chart and index went unlisted
            terminal.echo(f"  {step.path}", err=True)
        elif live:  # one line that counts on, rewritten in place
            counted = say_n(language, "{n} file written", "{n} files written", written)
            click.echo("\r\x1b[K" + terminal.clean(f"  {counted}: {step.path}")[:100], err=True, nl=False)

    try:
        result = build_folder(
            workspace.collection,
            output,
            lang=language,
            exporters=exporters,
            frameworks=known,
            context=workspace.context,
            findings=findings,
            survey=surveyed,
            diagrams=not no_diagrams,
            progress=progress,
        )
    except PalasetError as error:  # FolderBusyError too: another build is writing into output
        fail(error)
    except OSError as error:  # its lock file cannot be made (a read-only folder, say)
        fail(say(language, "cannot write into {folder}: {error}", folder=output, error=os_reason(error)))
    if live:
        click.echo("\r\x1b[K", err=True, nl=False)  # the counting line gives way to the summary
    for note in result.notes:
        terminal.echo(say(language, "palaset: note: {note}", note=note), err=True)
    if not quiet:
        wrote = say_n(
            language, "palaset: wrote {n} file into {folder}", "palaset: wrote {n} files into {folder}",
            result.count, folder=output,
        )  # fmt: skip
        terminal.echo(wrote, err=True)
    if result.failures:
        for f in result.failures:
            terminal.echo(
                f"palaset: {f.item} ({localize(f.label, language)}): {localize(f.message, language)}",
                err=True,
            )
        fail(say_n(language, "{n} output failed", "{n} outputs failed", len(result.failures)))
