"""``palaset export`` and ``palaset formats``: one model file or folder in one format, and the formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from osallisuuden_palaset.cli import terminal
from osallisuuden_palaset.cli.common import current_lang, fail, frameworks, lang, load, plugin_manager
from osallisuuden_palaset.cli.helptext import LocalizedArgument, LocalizedCommand, LocalizedOption
from osallisuuden_palaset.cli.output import echo_json, emit, format_option
from osallisuuden_palaset.cli.report_inputs import ReportInputs, check_findings, report_options, survey_report
from osallisuuden_palaset.errors import PalasetError, nearest
from osallisuuden_palaset.messages.catalogue import localize, msg, say
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.output.exporting import (
    KINDS,
    Exportable,
    Exporter,
    SurveyResults,
    find_exporter,
    is_text,
    kind_word,
    parse_options,
)
from osallisuuden_palaset.output.exporting import (
    export as export_model,
)

if TYPE_CHECKING:
    from osallisuuden_palaset.files.loading import Workspace


def registered_exporters(ctx: click.Context) -> dict[str, Exporter]:
    """Every registered export format by name (built-in and plugins)."""
    from osallisuuden_palaset.plugins.registry import get_exporters

    try:
        return get_exporters(plugin_manager(ctx))
    except PalasetError as error:
        fail(error)


@click.command(
    "export",
    cls=LocalizedCommand,
    help=msg(
        "Export PATH (a model file, or a folder as a collection) in one format.\n\n"
        "A file holding one practice or project exports that; a folder exports the collection of "
        "everything in it. `palaset formats` lists the formats and what each accepts.\n\n"
        "The reports (markdown, html, xlsx) carry each practice's evaluation appendix with the "
        "findings of every registered check (--no-checks leaves them out), and the survey results "
        "of --survey (small groups suppressed; Markdown on its own leaves the chart out: `palaset "
        "build` writes it)."
    ),
)
@click.argument(
    "path",
    cls=LocalizedArgument,
    type=click.Path(exists=True, path_type=Path),
    help=msg("The model file or folder to export."),
)
@click.option(
    "--format",
    "-f",
    "format_name",
    cls=LocalizedOption,
    required=True,
    metavar="NAME",
    help=msg("Export format."),
)
@click.option(
    "--output",
    "-o",
    cls=LocalizedOption,
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help=msg("Write here (atomically); default: standard output for text formats."),
)
@click.option(
    "--option",
    "-O",
    "options",
    cls=LocalizedOption,
    multiple=True,
    metavar="KEY=VALUE",
    help=msg("A format's option (repeatable); `palaset formats` lists them."),
)
@click.option(
    "--practice",
    "practice_id",
    cls=LocalizedOption,
    default=None,
    metavar="ID",
    help=msg("Export only this practice."),
)
@click.option(
    "--timeout",
    cls=LocalizedOption,
    type=click.FloatRange(min=0.1),
    default=None,
    metavar="SECONDS",
    help=msg(
        "Seconds Graphviz may take per diagram (for formats that draw diagrams, such as html; "
        "the same as -O timeout=SECONDS)."
    ),
)
@report_options
@click.pass_context
def export(
    ctx: click.Context,
    /,
    path: Path,
    format_name: str,
    output: Path | None,
    options: tuple[str, ...],
    practice_id: str | None,
    timeout: float | None,
    **report: Any,
) -> None:
    """Export PATH (a model file, or a folder as a collection) in one format."""
    language = lang(ctx)
    try:
        exporter = find_exporter(registered_exporters(ctx), format_name)
        given = parse_options(options)
    except PalasetError as error:
        fail(error)
    if timeout is not None:
        if not any(o.name == "timeout" for o in exporter.options):
            fail(
                say(
                    language,
                    "format {name!r} draws no diagrams, so --timeout does not apply to it",
                    name=exporter.name,
                )
            )
        given["timeout"] = f"{timeout:g}"
    if (output is None or str(output) == "-") and not is_text(exporter) and sys.stdout.isatty():
        fail(
            say(
                language,
                "format {name!r} is binary: write it to a file with -o FILE{suffix}",
                name=exporter.name,
                suffix=exporter.suffix,
            )
        )
    workspace = load(ctx, [path])
    model = _pick(workspace, path, practice_id)
    inputs = ReportInputs.of(report)
    findings = None if inputs.no_checks else check_findings(ctx, workspace)
    surveyed = survey_report(ctx, inputs, workspace, _only_practice(model))
    surveys = {surveyed[0]: SurveyResults(surveyed[1])} if surveyed else {}
    try:
        data = export_model(
            exporter,
            model,
            lang=language,
            frameworks=frameworks(ctx),
            context=workspace.context,
            options=given,
            findings=findings,
            surveys=surveys,
        )
    except PalasetError as error:
        fail(error)
    except Exception as error:  # a plugin's bug: say which format failed, without a traceback
        failure = f"{type(error).__name__}: {error}"
        fail(say(language, "format {name!r} failed: {error}", name=exporter.name, error=failure))
    emit(data, output, inputs=[path, *inputs.survey_files])


def _pick(workspace: Workspace, path: Path, practice_id: str | None) -> Exportable:
    """The model to export: the chosen practice, a file's one document, or the folder's collection."""
    collection = workspace.collection
    language = current_lang()
    if practice_id is not None:
        try:
            return collection.practice(practice_id)
        except KeyError:
            known = [p.id for p in collection.all_practices()]
            hint = nearest(practice_id, known)
            fail(
                say(
                    language,
                    "no practice {ident!r} in {path} ({hint})",
                    ident=practice_id,
                    path=path,
                    hint=hint,
                )
            )
    if path.is_dir():
        return collection
    documents = workspace.documents
    if len(documents) == 1:
        model = documents[0].model
        if isinstance(model, Practice | Project | Collection):
            return model
        fail(
            say(
                language,
                "{path} holds neither a practice nor a project; export a practice, a project or a folder "
                "(a collection)",
                path=path,
            )
        )
    return collection


def _only_practice(model: Exportable) -> str | None:
    """The id of the one practice ``model`` holds, or None when it holds none or several."""
    from osallisuuden_palaset.output.reporting import practices_of

    held = practices_of(model)
    return held[0].id if len(held) == 1 else None


@click.command(
    "formats",
    cls=LocalizedCommand,
    help=msg("List the export formats: name, suffix, media type, what each accepts and its options."),
)
@format_option(
    msg("How to list the formats."),
    name="output_format",
)
@click.pass_context
def formats(ctx: click.Context, output_format: str) -> None:
    """List the export formats: name, suffix, media type, what each accepts and its options."""
    language = lang(ctx)
    exporters = sorted(registered_exporters(ctx).values(), key=lambda e: e.name)
    if output_format == "json":
        listing = [
            {
                "name": e.name,
                "description": e.description.get(language),
                "suffix": e.suffix,
                "media_type": e.media_type,
                "accepts": [k for k in KINDS if k in e.accepts],
                "options": [
                    {
                        "name": o.name,
                        "help": o.help.get(language),
                        "default": o.default,
                        "choices": list(o.choices) if o.choices is not None else None,
                    }
                    for o in e.options
                ],
            }
            for e in exporters
        ]
        echo_json(listing)
        return
    for e in exporters:
        accepts = ", ".join(localize(kind_word(k), language) for k in KINDS if k in e.accepts)
        terminal.echo(f"{e.name:<10} {e.suffix:<7} {e.media_type:<34} {accepts}")
        terminal.echo(f"{'':<10} {e.description.get(language)}")
        for o in e.options:
            choices = f" [{'|'.join(o.choices)}]" if o.choices else ""
            default = ""
            if o.default is not None:
                default = " (" + say(language, "default {value!r}", value=o.default) + ")"
            terminal.echo(f"{'':<10} -O {o.name}=…{choices}{default}: {o.help.get(language)}")
