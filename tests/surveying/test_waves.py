"""Tests of choosing waves: both waves never pooled, swapped files refused, empty waves named."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.surveying.responses import ResponseFile, parse_responses
from osallisuuden_palaset.surveying.waves import SwappedWavesError, one_wave, paired_files, split_waves

HEADER = "tunniste;aalto;pvm;" + ";".join(f"k{i}" for i in range(1, 11)) + "\n"


def refusal(action: Callable[[], object]) -> str:
    with pytest.raises(UsageError) as caught:
        action()
    return str(caught.value)


def answers(
    esis: Instrument, name: str, *rows: tuple[str, str, str], wave: Wave | None = None
) -> ResponseFile:
    text = HEADER + "".join(f"{who};{when};{date};" + ";".join("3" * 10) + "\n" for who, when, date in rows)
    return parse_responses(text, esis, name=name, wave=wave)


def test_score_refuses_a_file_holding_both_waves(esis: Instrument) -> None:
    both = answers(esis, "molemmat.csv", ("a", "alku", ""), ("b", "alku", ""), ("a", "seuranta", ""))
    with pytest.raises(UsageError) as caught:
        one_wave(both, None, "fi")
    assert str(caught.value) == (
        "molemmat.csv sisältää molempien mittauskertojen vastauksia (2 alkumittauksen ja 1 seurannan rivi): "
        "yhdessä pisteytettyinä samat ihmiset laskettaisiin kahdesti. Pisteytä yksi mittauskerta "
        "(--wave start tai --wave follow_up) tai vertaa niitä: palaset survey change molemmat.csv"
    )
    assert [r.respondent for r in one_wave(both, Wave.FOLLOW_UP)] == ["a"]
    only_start = answers(esis, "alku.csv", ("a", "alku", ""))
    assert one_wave(only_start, None) == only_start.responses
    assert refusal(lambda: one_wave(only_start, Wave.FOLLOW_UP)) == "alku.csv: there are no follow-up answers"


def test_a_file_without_usable_rows_is_an_error(esis: Instrument) -> None:
    assert (
        refusal(lambda: one_wave(answers(esis, "tyhja.csv"), None))
        == "tyhja.csv: the file has no rows of answers after the header"
    )
    bad = answers(esis, "huono.csv", ("", "alku", ""))
    assert refusal(lambda: one_wave(bad, None)) == (
        "huono.csv: every row was skipped (see why above), so there are no answers"
    )


def test_change_refuses_the_start_and_follow_up_files_swapped(esis: Instrument) -> None:
    follow = answers(esis, "seuranta.csv", ("a", "seuranta", ""), ("b", "seuranta", ""), wave=Wave.START)
    start = answers(esis, "alku.csv", ("a", "alku", ""), ("b", "alku", ""), wave=Wave.FOLLOW_UP)
    assert follow.responses == start.responses == ()  # every row was skipped
    with pytest.raises(SwappedWavesError) as caught:
        paired_files(follow, start, "fi")
    assert str(caught.value) == (
        "seuranta.csv sisältää seurannan ja alku.csv alkumittauksen vastaukset: anna ensin alkumittauksen "
        "tiedosto ja sitten seurannan tiedosto"
    )
    unmarked = answers(esis, "seuranta2.csv", ("a", "", ""), wave=Wave.FOLLOW_UP)
    with pytest.raises(SwappedWavesError) as caught:
        paired_files(follow, unmarked)
    assert str(caught.value) == (
        "seuranta.csv is given as the start answers but every row of it is marked follow-up: "
        "give the start file first, then the follow-up file"
    )


def test_change_refuses_start_answers_dated_after_the_follow_up(esis: Instrument) -> None:
    late = answers(esis, "b.csv", ("a", "", "1.9.2024"), ("b", "", "2024-09-03"), wave=Wave.START)
    early = answers(esis, "a.csv", ("a", "", "2024-02-01"), wave=Wave.FOLLOW_UP)
    with pytest.raises(SwappedWavesError) as caught:
        paired_files(late, early)
    assert str(caught.value) == (
        "b.csv is given as the start answers but its answers (2024-09-01–2024-09-03) are dated after those "
        "of a.csv (2024-02-01): give the start file first"
    )
    assert paired_files(early, late).start == early.responses


def test_one_file_is_split_by_its_wave_column_and_rows_without_a_wave_are_named(esis: Instrument) -> None:
    both = answers(esis, "m.csv", ("a", "alku", ""), ("a", "seuranta", ""), ("c", "", ""))
    waves = split_waves(both, "sv")
    assert ([r.respondent for r in waves.start], [r.respondent for r in waves.follow_up]) == (["a"], ["a"])
    assert [str(r) for r in waves.left_out] == [
        "m.csv:4: raden har inget mättillfälle, så den utelämnas; ge svaren vid början och uppföljningen "
        "som två filer"
    ]
    assert (
        refusal(lambda: split_waves(answers(esis, "m.csv", ("a", "", ""))))
        == "m.csv: no wave column; give two files: START.csv FOLLOWUP.csv"
    )
    assert (
        refusal(lambda: split_waves(answers(esis, "m.csv", ("a", "alku", ""))))
        == "m.csv: there are no follow-up answers"
    )
