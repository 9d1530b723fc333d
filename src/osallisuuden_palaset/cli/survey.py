"""``palaset survey``: score survey answers and the change between waves, small groups suppressed."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from osallisuuden_palaset.cli import common
from osallisuuden_palaset.cli.output import emit
from osallisuuden_palaset.errors import LoadError, nearest
from osallisuuden_palaset.model.survey import Instrument, Response, Wave
from osallisuuden_palaset.surveying.privacy import DEFAULT_MIN_GROUP, FLOOR, check_min_group
from osallisuuden_palaset.surveying.reporting import FORMATS, Report, render
from osallisuuden_palaset.surveying.responses import ColumnMap, ResponseFile, RowProblem, read_responses

F = TypeVar("F", bound=Callable[..., Any])


def _reading_options(func: F) -> F:
    """Options shared by ``score`` and ``change``: the instrument, the CSV layout, grouping and output."""
    options = [
        click.option("--instrument", "instrument_id", default="esis", show_default=True, metavar="ID",
                     help="A registered instrument (see `palaset survey instruments`)."),
        click.option("--instrument-file", type=click.Path(dir_okay=False), metavar="FILE.yaml",
                     help="Your own instrument file (top-level key `instrument:`); overrides --instrument."),
        click.option("--by", "by", multiple=True, metavar="FIELD",
                     help="Group by this column (repeatable), e.g. --by hanke --by ikäryhmä."),
        click.option("--min-group", type=int, default=DEFAULT_MIN_GROUP, show_default=True, metavar="N",
                     help=f"Smallest group shown with figures (at least {FLOOR})."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                     help="Output format."),
        click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Write here (atomically) instead of standard output."),
        click.option("--delimiter", metavar="CHAR", help="The CSV delimiter (guessed when left out)."),
        click.option("--column", "column_pairs", multiple=True, metavar="ITEM=COLUMN",
                     help="Read ITEM from COLUMN (repeatable), e.g. --column esis1=Q1."),
        click.option("--respondent-column", metavar="COLUMN", help="The pseudonym column."),
        click.option("--wave-column", metavar="COLUMN", help="The wave column (start / follow-up)."),
        click.option("--date-column", metavar="COLUMN", help="The date column."),
        click.option("--strict", is_flag=True, help="If any row is bad, write nothing and exit 1."),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


@click.group()
def survey() -> None:
    """Score answers to survey instruments such as THL's inclusion indicator (ESIS)."""


@survey.command("instruments")
@click.pass_context
def instruments_command(ctx: click.Context) -> None:
    """List the registered instruments."""
    lang = common.lang(ctx)
    for ident, instrument in sorted(_instruments(ctx).items()):
        low, high = instrument.score_range
        click.echo(f"{ident:<12} {instrument.name.get(lang)} ({len(instrument.items)}, {low:g}–{high:g})")


@survey.command("score")
@click.argument("responses", type=click.Path(dir_okay=False))
@_reading_options
@click.option("--wave", type=click.Choice([w.value for w in Wave]), help="Score only this wave's answers.")
@click.pass_context
def score(ctx: click.Context, /, responses: str, wave: str | None, **options: Any) -> None:
    """Score RESPONSES.csv: figures for everyone and for each group."""
    from osallisuuden_palaset.surveying.analysis import score_report
    from osallisuuden_palaset.surveying.scoring import score_responses

    instrument = _instrument(ctx, options)
    read = _read(instrument, responses, None, options)
    _check_strict([read], options)
    kept = [r for r in read.responses if wave is None or (r.wave is not None and r.wave.value == wave)]
    by = common.match_columns("--by", options["by"], [*read.fields, "wave"])
    report = common.guarded(
        lambda: score_report(
            instrument, score_responses(instrument, kept), by=by, min_group=options["min_group"]
        )
    )
    _write(ctx, report, options)


@survey.command("change")
@click.argument("start", type=click.Path(dir_okay=False))
@click.argument("follow_up", type=click.Path(dir_okay=False), required=False)
@_reading_options
@click.option("--chart", type=click.Path(dir_okay=False), metavar="FILE.svg",
              help="Also write an SVG chart of the start and follow-up distributions.")  # fmt: skip
@click.pass_context
def change(
    ctx: click.Context, /, start: str, follow_up: str | None, chart: str | None, **options: Any
) -> None:
    """Change from START.csv to FOLLOWUP.csv, paired by pseudonym (or one file with a wave column)."""
    from osallisuuden_palaset.surveying.analysis import change_report
    from osallisuuden_palaset.surveying.scoring import score_responses

    instrument = _instrument(ctx, options)
    if follow_up is None:
        read = _read(instrument, start, None, options)
        files = [read]
        firsts, seconds = _split_waves(read)
    else:
        files = [
            _read(instrument, start, Wave.START, options),
            _read(instrument, follow_up, Wave.FOLLOW_UP, options),
        ]
        firsts, seconds = list(files[0].responses), list(files[1].responses)
    _check_strict(files, options)
    by = common.match_columns("--by", options["by"], [*sorted({f for r in files for f in r.fields}), "wave"])
    report = common.guarded(
        lambda: change_report(
            instrument,
            score_responses(instrument, firsts),
            score_responses(instrument, seconds),
            by=by,
            min_group=options["min_group"],
        )
    )
    _write(ctx, report, options)
    if chart is not None:
        from osallisuuden_palaset.atomicfile import write_text_atomic
        from osallisuuden_palaset.surveying.chart import change_chart

        common.guarded(lambda: write_text_atomic(chart, change_chart(report, lang=common.lang(ctx))))


def _instruments(ctx: click.Context) -> dict[str, Instrument]:
    from osallisuuden_palaset.registry import get_instruments

    found = get_instruments(common.plugin_manager(ctx))
    return {k: v for k, v in found.items() if isinstance(v, Instrument)}


def _instrument(ctx: click.Context, options: dict[str, Any]) -> Instrument:
    common.guarded(lambda: check_min_group(options["min_group"]))
    if options["instrument_file"]:
        from osallisuuden_palaset.surveying.instruments import load_instrument

        try:
            return load_instrument(options["instrument_file"])
        except LoadError as error:
            common.report_problems(error)
            sys.exit(1)
    found = _instruments(ctx)
    ident = options["instrument_id"]
    if ident not in found:
        common.fail(f"no instrument {ident!r} ({nearest(ident, found)}); or give --instrument-file FILE.yaml")
    return found[ident]


def _columns(options: dict[str, Any]) -> ColumnMap:
    pairs = []
    for text in options["column_pairs"]:
        item, sep, column = text.partition("=")
        if not sep or not item.strip() or not column.strip():
            common.fail(f"--column {text!r}: write ITEM=COLUMN, e.g. --column esis1=Q1")
        pairs.append((item.strip(), column.strip()))
    return ColumnMap(
        respondent=options["respondent_column"],
        wave=options["wave_column"],
        date=options["date_column"],
        items=pairs,
    )


def _read(instrument: Instrument, path: str, wave: Wave | None, options: dict[str, Any]) -> ResponseFile:
    try:
        read = read_responses(
            path, instrument, columns=_columns(options), delimiter=options["delimiter"], wave=wave
        )
    except LoadError as error:
        common.report_problems(error)
        sys.exit(1)
    for problem in read.problems:
        click.echo(str(problem), err=True)
    return read


def _split_waves(read: ResponseFile) -> tuple[list[Response], list[Response]]:
    firsts: list[Response] = []
    seconds: list[Response] = []
    for response in read.responses:
        if response.wave is Wave.START:
            firsts.append(response)
        elif response.wave is Wave.FOLLOW_UP:
            seconds.append(response)
        else:
            file, _, line = (response.origin or f"{read.file}:0").rpartition(":")
            problem = RowProblem(
                file, int(line), "the row has no wave; give the start and follow-up files apart"
            )
            click.echo(str(problem), err=True)
    if not firsts and not seconds:
        common.fail(f"{read.file}: no wave column; give two files: START.csv FOLLOWUP.csv")
    return firsts, seconds


def _check_strict(files: Sequence[ResponseFile], options: dict[str, Any]) -> None:
    bad = sum(len(f.problems) for f in files)
    if options["strict"] and bad:
        common.fail(f"{bad} bad row(s); nothing was written (--strict)")


def _write(ctx: click.Context, report: Report, options: dict[str, Any]) -> None:
    emit(render(report, options["fmt"], common.lang(ctx)), options["output"])
