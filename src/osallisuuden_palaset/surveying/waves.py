"""The waves a command scores: one wave of one file, or start and follow-up from two files or one."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from osallisuuden_palaset.errors import Location, UsageError
from osallisuuden_palaset.messages.catalogue import msg_n, say, say_n
from osallisuuden_palaset.model.survey import Response, Wave
from osallisuuden_palaset.model.text import Lang
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
        if read.rows:
            raise UsageError(
                say(
                    lang,
                    "{file}: every row was skipped (see why above), so there are no answers",
                    file=read.file,
                )
            )
        raise UsageError(
            say(lang, "{file}: the file has no rows of answers after the header", file=read.file)
        )


def _no_wave(read: ResponseFile, wave: Wave, lang: Lang) -> UsageError:
    if wave is Wave.START:
        return UsageError(say(lang, "{file}: there are no start answers", file=read.file))
    return UsageError(say(lang, "{file}: there are no follow-up answers", file=read.file))


def _both_waves(read: ResponseFile, start: int, follow: int, lang: Lang) -> UsageError:
    # Translators: the start rows of "(2 start and 1 follow-up row)": the noun goes with the last count.
    start_rows = msg_n("{n} start", "{n} start", start)
    return UsageError(
        say_n(
            lang,
            "{file} holds answers from both waves ({start} and {n} follow-up row): scored together, the "
            "same people would count twice. Score one wave (--wave start or --wave follow_up) or compare "
            "them: palaset survey change {file}",
            "{file} holds answers from both waves ({start} and {n} follow-up rows): scored together, the "
            "same people would count twice. Score one wave (--wave start or --wave follow_up) or compare "
            "them: palaset survey change {file}",
            follow,
            file=read.file,
            start=start_rows,
        )
    )


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
            raise _no_wave(read, wave, lang)
        return kept
    start = sum(r.wave is Wave.START for r in read.responses)
    follow = sum(r.wave is Wave.FOLLOW_UP for r in read.responses)
    if start and follow:
        raise _both_waves(read, start, follow, lang)
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
        raise UsageError(
            say(lang, "{file}: no wave column; give two files: START.csv FOLLOWUP.csv", file=read.file)
        )
    for wave, kept in ((Wave.START, start), (Wave.FOLLOW_UP, follow)):
        if not kept:
            raise _no_wave(read, wave, lang)
    without_wave = say(
        lang, "the row has no wave, so it is left out; give the start and follow-up answers as two files"
    )
    left_out = tuple(
        RowProblem.at(_origin(r, read.file), without_wave) for r in read.responses if r.wave is None
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
        raise SwappedWavesError(
            say(
                lang,
                "{start} holds follow-up answers and {follow} start answers: give the start file first, "
                "then the follow-up file",
                start=start.file,
                follow=follow_up.file,
            )
        )
    if wrong_start:
        raise SwappedWavesError(
            say(
                lang,
                "{file} is given as the start answers but every row of it is marked follow-up: "
                "give the start file first, then the follow-up file",
                file=start.file,
            )
        )
    if wrong_follow:
        raise SwappedWavesError(
            say(
                lang,
                "{file} is given as the follow-up answers but every row of it is marked start: "
                "give the start file first, then the follow-up file",
                file=follow_up.file,
            )
        )
    _check_answers(start, lang)
    _check_answers(follow_up, lang)
    _check_dates(start, follow_up, lang)
    return WaveAnswers(start.responses, follow_up.responses)


def _check_dates(start: ResponseFile, follow_up: ResponseFile, lang: Lang) -> None:
    first = sorted(r.date for r in start.responses if r.date is not None)
    then = sorted(r.date for r in follow_up.responses if r.date is not None)
    if first and then and first[0] > then[-1]:
        raise SwappedWavesError(
            say(
                lang,
                "{start} is given as the start answers but its answers ({start_dates}) are dated after "
                "those of {follow} ({follow_dates}): give the start file first",
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
