"""``palaset survey``: score survey answers and the change between waves, small groups suppressed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from osallisuuden_palaset.cli import common, survey_files, terminal
from osallisuuden_palaset.cli.helptext import LocalizedArgument, LocalizedGroup, LocalizedOption
from osallisuuden_palaset.cli.output import emit, write
from osallisuuden_palaset.errors import nearest
from osallisuuden_palaset.messages.catalogue import msg, say, say_n
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.surveying.columns import ColumnMap
from osallisuuden_palaset.surveying.privacy import check_min_group
from osallisuuden_palaset.surveying.reporting import FORMATS, Report, render
from osallisuuden_palaset.surveying.responses import ResponseFile

F = TypeVar("F", bound=Callable[..., Any])


def _excel_option(func: F) -> F:
    """``--excel``: CSV written for Excel in Finnish or Swedish."""
    option = click.option(
        "--excel",
        cls=LocalizedOption,
        is_flag=True,
        help=msg("Write CSV for Excel in Finnish or Swedish: semicolons, decimal commas and a UTF-8 BOM."),
    )
    return option(func)


def _reading_options(func: F) -> F:
    """Options shared by ``score`` and ``change``: the instrument, the CSV layout, grouping and output."""
    options = [
        survey_files.instrument_option,
        click.option(
            "--instrument-file",
            cls=LocalizedOption,
            type=click.Path(dir_okay=False),
            metavar="FILE.yaml",
            help=msg("Your own instrument file (top-level key `instrument:`); overrides --instrument."),
        ),
        click.option(
            "--by",
            "by",
            cls=LocalizedOption,
            multiple=True,
            metavar="FIELD",
            help=msg("Group by this column (repeatable), e.g. --by hanke --by ikäryhmä."),
        ),
        survey_files.min_group_option,
        click.option(
            "--format",
            "fmt",
            cls=LocalizedOption,
            type=click.Choice(FORMATS),
            default="text",
            show_default=True,
            help=msg("Output format."),
        ),
        click.option(
            "-o",
            "--output",
            cls=LocalizedOption,
            type=click.Path(dir_okay=False),
            metavar="FILE",
            help=msg("Write here (atomically) instead of standard output."),
        ),
        click.option(
            "--delimiter",
            cls=LocalizedOption,
            metavar="CHAR",
            help=msg("The CSV delimiter (guessed when left out)."),
        ),
        survey_files.columns_option,
        click.option(
            "--column",
            "column_pairs",
            cls=LocalizedOption,
            multiple=True,
            metavar="ITEM=COLUMN",
            help=msg("Read ITEM from COLUMN (repeatable), e.g. --column esis1=Q1."),
        ),
        click.option(
            "--respondent-column", cls=LocalizedOption, metavar="COLUMN", help=msg("The pseudonym column.")
        ),
        click.option(
            "--wave-column",
            cls=LocalizedOption,
            metavar="COLUMN",
            help=msg("The wave column (start / follow-up)."),
        ),
        click.option("--date-column", cls=LocalizedOption, metavar="COLUMN", help=msg("The date column.")),
        click.option(
            "--strict",
            cls=LocalizedOption,
            is_flag=True,
            help=msg("If any row is bad, write nothing and exit 1."),
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(
    cls=LocalizedGroup,
    help=msg("Score answers to survey instruments such as THL's inclusion indicator (ESIS)."),
)
def survey() -> None:
    """Score answers to survey instruments such as THL's inclusion indicator (ESIS)."""


@survey.group(
    "instruments",
    cls=LocalizedGroup,
    invoke_without_command=True,
    help=msg("List the registered instruments (`show ID` prints one as a file)."),
)
@click.pass_context
def instruments_command(ctx: click.Context) -> None:
    """List the registered instruments."""
    if ctx.invoked_subcommand is not None:
        return
    lang = common.lang(ctx)
    for ident, instrument in sorted(_instruments(ctx).items()):
        low, high = instrument.score_range
        n = len(instrument.items)
        shape = say_n(
            lang, "{n} item, scores {low}–{high}", "{n} items, scores {low}–{high}", n, low=low, high=high
        )
        terminal.echo(f"{ident:<12} {instrument.name.get(lang)} ({shape})")


@instruments_command.command(
    "show",
    help=msg("Print the instrument ID as a file to copy, edit and give to --instrument-file."),
)
@click.argument(
    "ident",
    cls=LocalizedArgument,
    metavar="ID",
    help=msg("The instrument's id (`palaset survey instruments` lists them)."),
)
@click.pass_context
def show_instrument(ctx: click.Context, ident: str) -> None:
    """Print one instrument as a file to copy and edit."""
    from osallisuuden_palaset.surveying.instruments import dump_instrument

    found = _instruments(ctx)
    lang = common.lang(ctx)
    if ident not in found:
        common.fail(say(lang, "no instrument {ident!r} ({hint})", ident=ident, hint=nearest(ident, found)))
    header = say(
        lang,
        "# The definition of the instrument {id}. Copy it to a file, edit it and use it:\n"
        "#   palaset survey score ANSWERS.csv --instrument-file {id}.yaml\n"
        "# Give an edited instrument an id of its own, so that no one mistakes it for the original.\n",
        id=ident,
    )
    terminal.echo(header + dump_instrument(found[ident]), nl=False)


@survey.command(
    "score",
    help=msg("Score RESPONSES.csv: figures for everyone and for each group."),
)
@click.argument(
    "responses",
    cls=LocalizedArgument,
    type=click.Path(dir_okay=False),
    help=msg("The answers as a CSV file (or an .xlsx file with the xlsx plugin)."),
)
@_reading_options
@_excel_option
@click.option(
    "--wave",
    cls=LocalizedOption,
    type=click.Choice([w.value for w in Wave]),
    help=msg("Score only this wave's answers."),
)
@click.pass_context
def score(ctx: click.Context, /, responses: str, wave: str | None, **options: Any) -> None:
    """Score RESPONSES.csv: figures for everyone and for each group."""
    from osallisuuden_palaset.surveying.analysis import score_report
    from osallisuuden_palaset.surveying.scoring import score_responses
    from osallisuuden_palaset.surveying.waves import one_wave

    instrument = _instrument(ctx, options)
    read = _read(ctx, instrument, responses, None, options)
    chosen = None if wave is None else Wave(wave)
    kept = survey_files.answers([read], lambda: one_wave(read, chosen, common.lang(ctx)))
    _check_strict([read], options)
    by = common.match_columns("--by", options["by"], [*read.fields, "wave"])
    report = common.guarded(
        lambda: score_report(
            instrument, score_responses(instrument, kept), by=by, min_group=options["min_group"],
            skipped=len(read.problems),
        )
    )  # fmt: skip
    _write(ctx, report, options, [responses])


@survey.command(
    "change",
    help=msg("Change from START.csv to FOLLOWUP.csv, paired by pseudonym (or one file with a wave column)."),
)
@click.argument(
    "start",
    cls=LocalizedArgument,
    type=click.Path(dir_okay=False),
    help=msg("The start answers (or all answers, with a wave column)."),
)
@click.argument(
    "follow_up",
    cls=LocalizedArgument,
    type=click.Path(dir_okay=False),
    required=False,
    help=msg("The follow-up answers."),
)
@_reading_options
@_excel_option
@click.option(
    "--chart",
    cls=LocalizedOption,
    type=click.Path(dir_okay=False),
    metavar="FILE.svg",
    help=msg(
        "Also write an SVG chart: the distributions at the start and the follow-up, and each shown "
        "group's mean before and after."
    ),
)
@click.pass_context
def change(
    ctx: click.Context, /, start: str, follow_up: str | None, chart: str | None, **options: Any
) -> None:
    """Change from START.csv to FOLLOWUP.csv, paired by pseudonym (or one file with a wave column)."""
    from osallisuuden_palaset.surveying.analysis import change_report
    from osallisuuden_palaset.surveying.scoring import score_responses
    from osallisuuden_palaset.surveying.waves import paired_files, split_waves

    instrument = _instrument(ctx, options)
    lang = common.lang(ctx)
    if follow_up is None:
        files = [_read(ctx, instrument, start, None, options)]
        waves = survey_files.answers(files, lambda: split_waves(files[0], lang))
        for row in waves.left_out:
            terminal.echo(row.render(lang), err=True)
    else:
        files = [
            _read(ctx, instrument, start, Wave.START, options),
            _read(ctx, instrument, follow_up, Wave.FOLLOW_UP, options),
        ]
        waves = survey_files.answers(files, lambda: paired_files(files[0], files[1], lang))
    firsts, seconds = waves.start, waves.follow_up
    _check_strict(files, options)
    by = common.match_columns("--by", options["by"], [*sorted({f for r in files for f in r.fields}), "wave"])
    report = common.guarded(
        lambda: change_report(
            instrument,
            score_responses(instrument, firsts),
            score_responses(instrument, seconds),
            by=by,
            min_group=options["min_group"],
            skipped=sum(len(f.problems) for f in files),
        )
    )
    read_files = [start] if follow_up is None else [start, follow_up]
    _write(ctx, report, options, read_files)
    if chart is not None:
        from osallisuuden_palaset.surveying.evidence import section_chart

        write(section_chart(report, lang=common.lang(ctx)), chart, inputs=_inputs(read_files, options))


def _instruments(ctx: click.Context) -> dict[str, Instrument]:
    from osallisuuden_palaset.plugins.registry import get_instruments

    return get_instruments(common.plugin_manager(ctx))


def _instrument(ctx: click.Context, options: dict[str, Any]) -> Instrument:
    common.guarded(lambda: check_min_group(options["min_group"]))
    if options["instrument_file"]:
        from osallisuuden_palaset.surveying.instruments import load_instrument

        return load_instrument(options["instrument_file"])
    found = _instruments(ctx)
    ident = options["instrument_id"]
    if ident not in found:
        hint = nearest(ident, found)
        common.fail(
            say(
                common.lang(ctx),
                "no instrument {ident!r} ({hint}); or give --instrument-file FILE.yaml",
                ident=ident,
                hint=hint,
            )
        )
    return found[ident]


def _columns(ctx: click.Context, options: dict[str, Any]) -> ColumnMap:
    pairs = []
    for text in options["column_pairs"]:
        item, sep, column = text.partition("=")
        if not sep or not item.strip() or not column.strip():
            common.fail(
                say(
                    common.lang(ctx),
                    "--column {text!r}: write ITEM=COLUMN, e.g. --column esis1=Q1",
                    text=text,
                )
            )
        pairs.append((item.strip(), column.strip()))
    given = ColumnMap(
        respondent=options["respondent_column"],
        wave=options["wave_column"],
        date=options["date_column"],
        items=pairs,
    )
    return survey_files.column_map(ctx, options["columns_file"], given)


def _read(
    ctx: click.Context, instrument: Instrument, path: str, wave: Wave | None, options: dict[str, Any]
) -> ResponseFile:
    columns = _columns(ctx, options)
    return survey_files.read_file(ctx, instrument, path, wave, columns, options["delimiter"])


def _check_strict(files: Sequence[ResponseFile], options: dict[str, Any]) -> None:
    bad = sum(len(f.problems) for f in files)
    if options["strict"] and bad:
        common.fail(
            say_n(
                common.current_lang(),
                "{n} bad row; nothing was written (--strict)",
                "{n} bad rows; nothing was written (--strict)",
                bad,
            )
        )


def _write(ctx: click.Context, report: Report, options: dict[str, Any], read_files: list[str]) -> None:
    fmt = options["fmt"]
    if options["excel"]:
        if fmt == "json":
            common.fail(say(common.lang(ctx), "--excel writes CSV: leave out --format json"))
        fmt = "csv"
    dialect = "excel" if options["excel"] else "standard"
    text = render(report, fmt, common.lang(ctx), csv_dialect=dialect)
    emit(text, options["output"], inputs=_inputs(read_files, options), is_json=fmt == "json")


def _inputs(read_files: list[str], options: dict[str, Any]) -> list[str]:
    """The files a survey command reads: the answers and the instrument file."""
    return [*read_files, *([options["instrument_file"]] if options["instrument_file"] else [])]
