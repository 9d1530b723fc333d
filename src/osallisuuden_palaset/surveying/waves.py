"""The waves a command scores: one wave of one file, or start and follow-up from two files or one."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from osallisuuden_palaset.errors import Location, UsageError
from osallisuuden_palaset.model.survey import Response, Wave
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.answer_messages import message
from osallisuuden_palaset.surveying.responses import ResponseFile, RowProblem


class SwappedWavesError(UsageError):
    """The start and follow-up files are given the wrong way round."""


@attrs.frozen
class WaveAnswers:
    """The start and follow-up answers to compare, and the rows left out on the way."""

    start: tuple[Response, ...]
    follow_up: tuple[Response, ...]
    #: Rows read but left out (no wave in a file holding both), each naming its line.
    left_out: tuple[RowProblem, ...] = ()


def _check_answers(read: ResponseFile, lang: Lang) -> None:
    if not read.responses:
        raise UsageError(message("all_skipped" if read.rows else "no_rows", lang, file=read.file))


def one_wave(read: ResponseFile, wave: Wave | None, lang: Lang = "en") -> tuple[Response, ...]:
    """The responses of ``wave`` (every response when None) to score together.

    Raises:
        UsageError: no answers were read, none are of ``wave``, or ``wave`` is None and the file
            holds both waves (scored together, the same people would count twice).
    """
    _check_answers(read, lang)
    if wave is not None:
        kept = tuple(r for r in read.responses if r.wave is wave)
        if not kept:
            raise UsageError(message(f"no_wave.{wave.value}", lang, file=read.file))
        return kept
    start = sum(r.wave is Wave.START for r in read.responses)
    follow = sum(r.wave is Wave.FOLLOW_UP for r in read.responses)
    if start and follow:
        raise UsageError(message("both_waves", lang, file=read.file, start=start, follow=follow))
    return read.responses


def split_waves(read: ResponseFile, lang: Lang = "en") -> WaveAnswers:
    """The start and follow-up answers of one file with a wave column; rows without a wave left out.

    Raises:
        UsageError: no answers were read, the file has no wave column, or it lacks one wave.
    """
    _check_answers(read, lang)
    start = tuple(r for r in read.responses if r.wave is Wave.START)
    follow = tuple(r for r in read.responses if r.wave is Wave.FOLLOW_UP)
    if not start and not follow:
        raise UsageError(message("no_wave_column", lang, file=read.file))
    for wave, kept in ((Wave.START, start), (Wave.FOLLOW_UP, follow)):
        if not kept:
            raise UsageError(message(f"no_wave.{wave.value}", lang, file=read.file))
    left_out = tuple(
        RowProblem.at(_origin(r, read.file), message("row_without_wave", lang))
        for r in read.responses
        if r.wave is None
    )
    return WaveAnswers(start, follow, left_out)


def paired_files(start: ResponseFile, follow_up: ResponseFile, lang: Lang = "en") -> WaveAnswers:
    """The answers of a start file and a follow-up file, checked that they are not given swapped.

    Raises:
        SwappedWavesError: every row of a file is marked with the other wave, or the start answers are
            all dated after the follow-up answers.
        UsageError: a file has no answers.
    """
    wrong_start = 0 < start.rows == start.marked_as(Wave.FOLLOW_UP)
    wrong_follow = 0 < follow_up.rows == follow_up.marked_as(Wave.START)
    if wrong_start and wrong_follow:
        raise SwappedWavesError(message("swapped", lang, start=start.file, follow=follow_up.file))
    if wrong_start or wrong_follow:
        which, file = ("start", start) if wrong_start else ("follow_up", follow_up)
        raise SwappedWavesError(message(f"wrong_file.{which}", lang, file=file.file))
    _check_answers(start, lang)
    _check_answers(follow_up, lang)
    _check_dates(start, follow_up, lang)
    return WaveAnswers(start.responses, follow_up.responses)


def _check_dates(start: ResponseFile, follow_up: ResponseFile, lang: Lang) -> None:
    first = sorted(r.date for r in start.responses if r.date is not None)
    then = sorted(r.date for r in follow_up.responses if r.date is not None)
    if first and then and first[0] > then[-1]:
        raise SwappedWavesError(
            message(
                "dated_swapped",
                lang,
                start=start.file,
                follow=follow_up.file,
                start_dates=_span(first),
                follow_dates=_span(then),
            )
        )


def _span(dates: Sequence[object]) -> str:
    return f"{dates[0]}–{dates[-1]}" if dates[0] != dates[-1] else str(dates[0])


def _origin(response: Response, file: str) -> Location:
    """The ``FILE:LINE`` a response was read from (line 0 of ``file`` when it does not say)."""
    name, _, line = (response.origin or f"{file}:0").rpartition(":")
    return Location(name, int(line))
