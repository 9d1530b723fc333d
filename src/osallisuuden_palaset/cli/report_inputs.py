"""What ``palaset export`` and ``palaset build`` add to the reports: check findings and survey results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import click

from osallisuuden_palaset.cli import survey_files, terminal
from osallisuuden_palaset.cli.common import current_lang, fail, guarded, lang, match_columns, plugin_manager
from osallisuuden_palaset.cli.helptext import LocalizedOption
from osallisuuden_palaset.errors import PalasetError, nearest
from osallisuuden_palaset.messages.catalogue import msg, say

if TYPE_CHECKING:
    from osallisuuden_palaset.files.loading import Workspace
    from osallisuuden_palaset.model.evaluation import Finding
    from osallisuuden_palaset.model.survey import Instrument
    from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport
    from osallisuuden_palaset.surveying.columns import ColumnMap
    from osallisuuden_palaset.surveying.responses import ResponseFile

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_MIN_GROUP = survey_files.DEFAULT_MIN_GROUP


def report_options(func: F) -> F:
    """The options that feed the reports: ``--no-checks`` and the survey options."""
    options = [
        click.option(
            "--no-checks",
            cls=LocalizedOption,
            is_flag=True,
            help=msg("Do not run the checks: the evaluation appendix then says no checks were run."),
        ),
        click.option(
            "--survey",
            "survey_files",
            cls=LocalizedOption,
            multiple=True,
            metavar="FILE.csv",
            type=click.Path(exists=True, dir_okay=False),
            help=msg(
                "Survey answers to report (repeatable): one file with a wave column, "
                "or the start file and then the follow-up file."
            ),
        ),
        survey_files.columns_option,
        click.option(
            "--survey-practice",
            cls=LocalizedOption,
            metavar="ID",
            help=msg("The practice the answers are about (default: the only or exported practice)."),
        ),
        click.option(
            "--survey-by",
            cls=LocalizedOption,
            multiple=True,
            metavar="FIELD",
            help=msg("Break the survey figures down by this column (repeatable)."),
        ),
        survey_files.instrument_option,
        survey_files.min_group_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


@attrs.frozen
class ReportInputs:
    """The report options as given on the command line."""

    no_checks: bool = False
    survey_files: tuple[str, ...] = ()
    #: The column file given with ``--columns``.
    columns_file: str | None = None
    survey_practice: str | None = None
    survey_by: tuple[str, ...] = ()
    instrument_id: str = "esis"
    min_group: int = DEFAULT_MIN_GROUP

    @classmethod
    def of(cls, options: dict[str, Any]) -> ReportInputs:
        """The inputs from the keyword arguments click passes for :func:`report_options`."""
        return cls(
            no_checks=options["no_checks"],
            survey_files=tuple(options["survey_files"]),
            columns_file=options["columns_file"],
            survey_practice=options["survey_practice"],
            survey_by=tuple(options["survey_by"]),
            instrument_id=options["instrument_id"],
            min_group=options["min_group"],
        )


def check_findings(ctx: click.Context, workspace: Workspace) -> dict[str, tuple[Finding, ...]]:
    """Run every registered check on every practice: practice id → its findings, located FILE:LINE."""
    from osallisuuden_palaset.assessing.assessment import assess_collection
    from osallisuuden_palaset.files.loading import claim_locator
    from osallisuuden_palaset.plugins.registry import get_checks

    try:
        checks = list(get_checks(plugin_manager(ctx)).values())
    except PalasetError as error:
        fail(error)

    assessment = assess_collection(
        workspace.collection, workspace.context, checks, locate=claim_locator(workspace)
    )
    return {p.practice.id: p.findings for p in assessment.practices}


def survey_report(
    ctx: click.Context, inputs: ReportInputs, workspace: Workspace, default_practice: str | None
) -> tuple[str, ChangeReport | ScoreReport] | None:
    """The practice the survey answers are about and their report, or None without ``--survey``.

    Two files are the start and the follow-up; one file is split by its wave column (a change
    report), or scored as one wave when no row has a wave.
    """
    if not inputs.survey_files:
        for given, option in (
            (inputs.survey_practice, "--survey-practice"),
            (inputs.columns_file, "--columns"),
        ):
            if given is not None:
                fail(say(lang(ctx), "{option} needs the answers: give --survey FILE.csv", option=option))
        return None
    if len(inputs.survey_files) > 2:
        fail(say(lang(ctx), "give at most two --survey files: the start answers and the follow-up answers"))
    practice = _practice(workspace, inputs.survey_practice or default_practice)
    instrument = _instrument(ctx, inputs)
    columns = survey_files.column_map(ctx, inputs.columns_file)
    return practice, _report(ctx, instrument, inputs, columns)


def _practice(workspace: Workspace, ident: str | None) -> str:
    known = [p.id for p in workspace.collection.all_practices()]
    language = current_lang()
    if ident is None:
        if len(known) == 1:
            return known[0]
        fail(say(language, "say which practice the survey answers are about: --survey-practice ID"))
    if ident not in known:
        hint = nearest(ident, known)
        fail(say(language, "--survey-practice: no practice {ident!r} ({hint})", ident=ident, hint=hint))
    return ident


def _instrument(ctx: click.Context, inputs: ReportInputs) -> Instrument:
    from osallisuuden_palaset.plugins.registry import get_instruments
    from osallisuuden_palaset.surveying.privacy import check_min_group

    guarded(lambda: check_min_group(inputs.min_group))
    found = get_instruments(plugin_manager(ctx))
    if inputs.instrument_id not in found:
        ident = inputs.instrument_id
        hint = nearest(ident, found)
        fail(
            say(
                lang(ctx),
                "no instrument {ident!r} ({hint}); 'palaset survey instruments' lists them",
                ident=ident,
                hint=hint,
            )
        )
    return found[inputs.instrument_id]


def _report(
    ctx: click.Context, instrument: Instrument, inputs: ReportInputs, columns: ColumnMap
) -> ChangeReport | ScoreReport:
    """Two files are the start and the follow-up; one file holding both waves is split by them."""
    from osallisuuden_palaset.model.survey import Wave
    from osallisuuden_palaset.surveying.analysis import change_report, score_report
    from osallisuuden_palaset.surveying.scoring import score_responses
    from osallisuuden_palaset.surveying.waves import one_wave, paired_files, split_waves

    language = lang(ctx)
    paths = inputs.survey_files
    if len(paths) == 2:
        files = [
            survey_files.read_file(ctx, instrument, paths[0], Wave.START, columns),
            survey_files.read_file(ctx, instrument, paths[1], Wave.FOLLOW_UP, columns),
        ]
        waves = survey_files.answers(files, lambda: paired_files(files[0], files[1], language))
    else:
        files = [survey_files.read_file(ctx, instrument, paths[0], None, columns)]
        read = files[0]
        if not (read.marked_as(Wave.START) and read.marked_as(Wave.FOLLOW_UP)):
            responses = survey_files.answers(files, lambda: one_wave(read, None, language))
            by = _survey_by(inputs.survey_by, files)
            scores = score_responses(instrument, responses)
            skipped = len(files[0].problems)
            return guarded(
                lambda: score_report(instrument, scores, by=by, min_group=inputs.min_group, skipped=skipped)
            )
        waves = survey_files.answers(files, lambda: split_waves(read, language))
        for row in waves.left_out:
            terminal.echo(row.render(language), err=True)
    by = _survey_by(inputs.survey_by, files)
    start, follow_up = score_responses(instrument, waves.start), score_responses(instrument, waves.follow_up)
    skipped = sum(len(f.problems) for f in files)
    return guarded(
        lambda: change_report(
            instrument, start, follow_up, by=by, min_group=inputs.min_group, skipped=skipped
        )
    )


def _survey_by(by: Sequence[str], files: Sequence[ResponseFile]) -> tuple[str, ...]:
    """The --survey-by fields as the columns are spelled."""
    return match_columns("--survey-by", by, sorted({f for read in files for f in read.fields}))
