"""What ``palaset export`` and ``palaset build`` add to the reports: check findings and survey results."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import click

from osallisuuden_palaset.cli.common import (
    claim_locator,
    fail,
    guarded,
    match_columns,
    plugin_manager,
    report_problems,
)
from osallisuuden_palaset.cli.helptext import LocalizedOption
from osallisuuden_palaset.errors import LoadError, PalasetError, nearest
from osallisuuden_palaset.model.text import Text

if TYPE_CHECKING:
    from osallisuuden_palaset.loading import Workspace
    from osallisuuden_palaset.model.evaluation import Finding
    from osallisuuden_palaset.model.survey import Instrument, Response
    from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport
    from osallisuuden_palaset.surveying.responses import ResponseFile

F = TypeVar("F", bound=Callable[..., Any])
#: The default smallest group shown (``surveying.privacy.DEFAULT_MIN_GROUP``, kept here so that
#: building the command line does not import the survey modules).
DEFAULT_MIN_GROUP = 5


def report_options(func: F) -> F:
    """The options that feed the reports: ``--no-checks`` and the survey options."""
    options = [
        click.option("--no-checks", cls=LocalizedOption, is_flag=True, help=Text(
            fi="Älä aja tarkistuksia: arviointiliite kertoo silloin, ettei tarkistuksia ajettu.",
            en="Do not run the checks: the evaluation appendix then says no checks were run.",
            sv="Kör inte kontrollerna: utvärderingsbilagan säger då att inga kontroller kördes.")),
        click.option("--survey", "survey_files", cls=LocalizedOption, multiple=True, metavar="FILE.csv",
                     type=click.Path(exists=True, dir_okay=False), help=Text(
            fi="Raportoitavat kyselyvastaukset (voi toistaa): yksi tiedosto, jossa on mittauskertasarake, "
               "tai alkutiedosto ja sitten seurantatiedosto.",
            en="Survey answers to report (repeatable): one file with a wave column, "
               "or the start file and then the follow-up file.",
            sv="Enkätsvar att rapportera (kan upprepas): en fil med en kolumn för mättillfälle, "
               "eller startfilen och sedan uppföljningsfilen.")),
        click.option("--survey-practice", cls=LocalizedOption, metavar="ID", help=Text(
            fi="Toimintamalli, jota vastaukset koskevat (oletus: ainoa tai viety toimintamalli).",
            en="The practice the answers are about (default: the only or exported practice).",
            sv="Verksamhetsmodellen som svaren gäller (standard: den enda eller exporterade).")),
        click.option("--survey-by", cls=LocalizedOption, multiple=True, metavar="FIELD", help=Text(
            fi="Jaottele kyselyn luvut tämän sarakkeen mukaan (voi toistaa).",
            en="Break the survey figures down by this column (repeatable).",
            sv="Dela upp enkätens siffror efter den här kolumnen (kan upprepas).")),
        click.option("--instrument", "instrument_id", cls=LocalizedOption, default="esis", show_default=True,
                     metavar="ID", help=Text(
            fi="Kyselymittari (`palaset survey instruments` luettelee ne).",
            en="The survey instrument (`palaset survey instruments` lists them).",
            sv="Enkätinstrumentet (`palaset survey instruments` listar dem).")),
        click.option("--min-group", cls=LocalizedOption, type=int, default=DEFAULT_MIN_GROUP,
                     show_default=True, metavar="N", help=Text(
            fi="Pienin kyselyryhmä, jonka luvut näytetään (vähintään 3).",
            en="Smallest survey group shown with figures (at least 3).",
            sv="Minsta enkätgrupp som visas med siffror (minst 3).")),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


@attrs.frozen
class ReportInputs:
    """The report options as given on the command line."""

    no_checks: bool = False
    survey_files: tuple[str, ...] = ()
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
            survey_practice=options["survey_practice"],
            survey_by=tuple(options["survey_by"]),
            instrument_id=options["instrument_id"],
            min_group=options["min_group"],
        )


def check_findings(ctx: click.Context, workspace: Workspace) -> dict[str, tuple[Finding, ...]]:
    """Run every registered check on every practice: practice id → its findings, located FILE:LINE."""
    from osallisuuden_palaset.assessing.assessment import assess_collection
    from osallisuuden_palaset.assessing.checking import Check
    from osallisuuden_palaset.registry import get_checks

    try:
        registered = get_checks(plugin_manager(ctx))
    except PalasetError as error:
        fail(str(error))
    checks = [c for c in registered.values() if isinstance(c, Check)]

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
        if inputs.survey_practice is not None:
            fail("--survey-practice needs the answers: give --survey FILE.csv")
        return None
    if len(inputs.survey_files) > 2:
        fail("give at most two --survey files: the start answers and the follow-up answers")
    practice = _practice(workspace, inputs.survey_practice or default_practice)
    instrument = _instrument(ctx, inputs)
    return practice, guarded(lambda: _report(instrument, inputs))


def _practice(workspace: Workspace, ident: str | None) -> str:
    known = [p.id for p in workspace.collection.all_practices()]
    if ident is None:
        if len(known) == 1:
            return known[0]
        fail("say which practice the survey answers are about: --survey-practice ID")
    if ident not in known:
        fail(f"--survey-practice: no practice {ident!r} ({nearest(ident, known)})")
    return ident


def _instrument(ctx: click.Context, inputs: ReportInputs) -> Instrument:
    from osallisuuden_palaset.model.survey import Instrument
    from osallisuuden_palaset.registry import get_instruments
    from osallisuuden_palaset.surveying.privacy import check_min_group

    guarded(lambda: check_min_group(inputs.min_group))
    found = {k: v for k, v in get_instruments(plugin_manager(ctx)).items() if isinstance(v, Instrument)}
    if inputs.instrument_id not in found:
        ident = inputs.instrument_id
        fail(f"no instrument {ident!r} ({nearest(ident, found)}); 'palaset survey instruments' lists them")
    return found[inputs.instrument_id]


def _read(instrument: Instrument, path: str, wave: Any) -> ResponseFile:
    from osallisuuden_palaset.surveying.responses import read_responses

    try:
        read = read_responses(path, instrument, wave=wave)
    except LoadError as error:
        report_problems(error)
        sys.exit(1)
    for problem in read.problems:  # a bad row is skipped and named, as in `palaset survey`
        click.echo(str(problem), err=True)
    return read


def _report(instrument: Instrument, inputs: ReportInputs) -> ChangeReport | ScoreReport:
    from osallisuuden_palaset.model.survey import Wave
    from osallisuuden_palaset.surveying.analysis import change_report, score_report
    from osallisuuden_palaset.surveying.scoring import score_responses

    if len(inputs.survey_files) == 2:
        files = [
            _read(instrument, inputs.survey_files[0], Wave.START),
            _read(instrument, inputs.survey_files[1], Wave.FOLLOW_UP),
        ]
        firsts, seconds = list(files[0].responses), list(files[1].responses)
    else:
        files = [_read(instrument, inputs.survey_files[0], None)]
        responses = files[0].responses
        if all(r.wave is None for r in responses):
            by = _survey_by(inputs.survey_by, files)
            scores = score_responses(instrument, responses)
            return score_report(
                instrument, scores, by=by, min_group=inputs.min_group, skipped=len(files[0].problems)
            )
        firsts, seconds = _split(responses)
    by = _survey_by(inputs.survey_by, files)
    return change_report(
        instrument,
        score_responses(instrument, firsts),
        score_responses(instrument, seconds),
        by=by,
        min_group=inputs.min_group,
        skipped=sum(len(f.problems) for f in files),
    )


def _split(responses: Sequence[Response]) -> tuple[list[Response], list[Response]]:
    from osallisuuden_palaset.model.survey import Wave

    firsts = [r for r in responses if r.wave is Wave.START]
    seconds = [r for r in responses if r.wave is Wave.FOLLOW_UP]
    for r in responses:
        if r.wave is None:
            click.echo(f"{r.origin}: the row has no wave and was left out", err=True)
    return firsts, seconds


def _survey_by(by: Sequence[str], files: Sequence[ResponseFile]) -> tuple[str, ...]:
    """The --survey-by fields as the columns are spelled."""
    return match_columns("--survey-by", by, sorted({f for read in files for f in read.fields}))
