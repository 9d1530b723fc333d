"""Tests of reading answers from CSV: layouts, labels, encodings, and bad rows reported by line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying import tables
from osallisuuden_palaset.surveying.responses import (
    ColumnMap,
    ResponseFile,
    parse_answer,
    parse_date,
    parse_responses,
    parse_wave,
    read_responses,
    sniff_delimiter,
)
from tests.surveying.conftest import FIXTURES, endless_fifo


def test_the_esis_start_file_keeps_good_rows_and_reports_each_bad_one_by_line(esis: Instrument) -> None:
    read = read_responses(FIXTURES / "esis_start.csv", esis)
    assert [r.respondent for r in read.responses] == ["r1", "r2", "r3", "r4", "r5", "r6", "r7"]
    name = str(FIXTURES / "esis_start.csv")
    assert [str(p).split(": ", 1)[0] for p in read.problems] == [
        f"{name}:{n}" for n in (9, 10, 11, 12, 13, 14)
    ]
    messages = [p.message for p in read.problems]
    assert "column 'esis5': '6' is not on the scale 1–5" in messages[0]
    assert "15 cells but the header names 14 columns" in messages[1]
    assert "pseudonym is empty" in messages[2]
    assert "'later' is not a wave" in messages[3]
    assert "'31.2.2024' is not a date" in messages[4]
    assert "'r1' already answered in the start wave on line 2" in messages[5]
    assert all(m.endswith("the row is skipped") for m in messages)
    assert read.fields == ("hanke",)
    assert read.responses[0].origin == f"{name}:2"


def test_numbers_labels_in_three_languages_and_missing_markers_become_values(esis: Instrument) -> None:
    by_id = {r.respondent: r for r in read_responses(FIXTURES / "esis_start.csv", esis).responses}
    assert dict(by_id["r7"].answers) == {
        f"esis{i}": v for i, v in enumerate([5, 4, 5, 4, 3, 5, 4, 4, 4, 4], 1)
    }
    assert len(by_id["r4"].answers) == 9
    assert by_id["r4"].answer("esis10") is None
    assert len(by_id["r5"].answers) == 8  # an empty cell and "EOS" (en osaa sanoa) are unanswered
    assert (by_id["r1"].wave, by_id["r1"].date) == (Wave.START, dt.date(2024, 2, 1))
    assert by_id["r2"].date == dt.date(2024, 2, 1)  # D.M.YYYY
    assert by_id["r3"].field("hanke") == "A"


def test_semicolons_a_bom_and_a_forced_wave(esis: Instrument) -> None:
    assert (FIXTURES / "esis_followup.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    read = read_responses(FIXTURES / "esis_followup.csv", esis, wave=Wave.FOLLOW_UP)
    assert read.problems == ()
    assert [r.respondent for r in read.responses] == ["r1", "r2", "r3", "r4", "r5", "r7", "r8"]
    assert {r.wave for r in read.responses} == {Wave.FOLLOW_UP}
    assert read.fields == ("Hanke",)


def test_a_quoted_line_break_keeps_later_line_numbers_right(custom: Instrument) -> None:
    read = read_responses(FIXTURES / "custom.csv", custom)
    assert [r.respondent for r in read.responses] == ["a", "b", "c", "d", "e", "f\ng"]
    assert [(p.line, p.message.split(":")[0]) for p in read.problems] == [(9, "column 'K2'")]
    assert "'joskus' is neither a scale value (1–4) nor one of its labels" in read.problems[0].message


def test_columns_can_be_mapped_and_the_delimiter_given(esis: Instrument) -> None:
    header = "Tunnus\tKerta\t" + "\t".join(f"Q{i}" for i in range(1, 11))
    text = header + "\nx\tseuranta\t" + "\t".join("3" * 10) + "\n"
    columns = ColumnMap(respondent="tunnus", wave="Kerta", items={f"esis{i}": f"q{i}" for i in range(1, 11)})
    read = parse_responses(text, esis, columns=columns, delimiter="\t")
    assert read.responses[0].respondent == "x"
    assert read.responses[0].wave is Wave.FOLLOW_UP
    assert read.responses[0].answers == tuple((f"esis{i}", 3) for i in range(1, 11))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("respondent,esis1\n", r"no column for items 'esis2'.*--columns FILE.yaml"),
        ("nimi," + ",".join(f"esis{i}" for i in range(1, 11)) + "\n", "no column for the respondent"),
        ("respondent,respondent\n", "appears twice"),
    ],
)
def test_a_header_that_cannot_work_is_an_error_at_line_one(esis: Instrument, text: str, message: str) -> None:
    with pytest.raises(LoadError, match=message) as caught:
        parse_responses(text, esis, name="vastaukset.csv")
    assert str(caught.value.problems[0]).startswith("vastaukset.csv:1:1: ")


def test_a_mapping_to_a_missing_column_or_item_is_an_error(esis: Instrument) -> None:
    text = "respondent," + ",".join(f"esis{i}" for i in range(1, 11)) + "\n"
    with pytest.raises(LoadError, match="no column 'vastaaja' for the respondent"):
        parse_responses(text, esis, columns=ColumnMap(respondent="vastaaja"))
    with pytest.raises(LoadError, match="'esis11' is not an item of esis"):
        parse_responses(text, esis, columns=ColumnMap(items={"esis11": "x"}))
    with pytest.raises(LoadError, match="delimiter must be one character"):
        parse_responses(text, esis, delimiter=";;")


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path, esis: Instrument) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"respondent,esis1\nr1,3\nP\xe4ivi,4\n")
    with pytest.raises(LoadError, match="not UTF-8") as caught:
        read_responses(path, esis)
    assert caught.value.problems[0].line == 3
    with pytest.raises(LoadError, match="cannot read the file"):
        read_responses(tmp_path / "missing.csv", esis)


def test_answer_cells(esis: Instrument) -> None:
    scale = esis.scale
    assert parse_answer(" 4 ", scale) == 4
    assert parse_answer("4.0", scale) == 4
    assert parse_answer("4,0", scale) == 4
    assert parse_answer("  TÄYSIN   eri MIELTÄ ", scale) == 1
    assert parse_answer("Varken av samma eller annan åsikt", scale) == 3
    for missing in ("", "  ", "NA", "eos", "En osaa sanoa", "-"):
        assert parse_answer(missing, scale) is None
    for bad, message in (("3.5", "not on the scale"), ("0", "not on the scale"), ("maybe", "neither")):
        with pytest.raises(ValueError, match=message):
            parse_answer(bad, scale)
    with pytest.raises(ValueError, match="did you mean 'strongly agree'"):
        parse_answer("strongly agre", scale)


def test_waves_dates_and_delimiters() -> None:
    assert [parse_wave(w) for w in ("alku", "Start", "1", "PRE", "början")] == [Wave.START] * 5
    assert [parse_wave(w) for w in ("seuranta", "follow-up", "Follow up", "2", "post")] == [
        Wave.FOLLOW_UP
    ] * 5
    assert parse_date("2024-03-01 12:30") == dt.date(2024, 3, 1)
    assert parse_date("1.3.2024") == dt.date(2024, 3, 1)
    assert parse_date(" ") is None
    assert sniff_delimiter("a;b;c\n1;2;3\n") == ";"
    assert sniff_delimiter("a,b\n1,2\n") == ","
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"
    assert sniff_delimiter("single\n") == ","


HEADER = "tunniste;aalto;ryhmä;" + ";".join(f"k{i}" for i in range(1, 11)) + "\n"


def row(pseudonym: str, *answers: str) -> str:
    return f"{pseudonym};alku;A;" + ";".join(answers) + "\n"


def test_a_row_cut_short_is_a_file_line_error(esis: Instrument) -> None:
    text = HEADER + row("h1", *"3333333333") + row("h2", "3", "3", "3")
    read = parse_responses(text, esis, name="alku.csv", lang="fi")
    assert [str(p) for p in read.problems] == [
        "alku.csv:3: rivi on katkennut: siinä on vain 6 otsikkorivin 13 sarakkeesta (se loppuu ennen "
        "saraketta 'k4'); rivi ohitetaan"
    ]
    english = parse_responses(text, esis, name="alku.csv")
    assert str(english.problems[0]) == (
        "alku.csv:3: the row is cut short: it has only 6 of the header's 13 columns (it ends before 'k4'); "
        "the row is skipped"
    )
    assert [r.respondent for r in read.responses] == ["h1"]


def test_a_trailing_unnamed_column_may_be_left_out_of_a_row(esis: Instrument) -> None:
    read = parse_responses(HEADER.replace("\n", ";\n") + row("h1", *"3333333333"), esis)
    assert read.problems == ()


def test_an_unknown_delimiter_is_named_in_a_hint(esis: Instrument) -> None:
    text = (HEADER + row("h1", *"3333333333")).replace(";", "|")
    with pytest.raises(LoadError) as caught:
        parse_responses(text, esis, name="putki.csv", lang="fi")
    assert str(caught.value) == (
        "putki.csv:1:1: otsikkorivi on yksi ainoa sarake, ja sen sarakkeet näyttävät olevan eroteltu "
        "merkillä '|': anna --delimiter '|'"
    )
    with pytest.raises(LoadError) as caught:
        parse_responses(HEADER, esis, name="alku.csv", delimiter=",")
    assert str(caught.value) == (
        "alku.csv:1:1: the header row is one single column, and its columns seem to be separated by ';': "
        "give --delimiter ';'"
    )


def test_three_missing_answers_are_a_file_line_note_naming_the_columns(esis: Instrument) -> None:
    text = HEADER + row("h1", "3", "", "3", "EOS", "3", "3", "-", "3", "3", "3") + row("h2", *"333333333", "")
    read = parse_responses(text, esis, name="alku.csv", lang="fi")
    assert read.problems == ()
    assert [str(n) for n in read.notes] == [
        "alku.csv:2: vastaaja 'h1' vastasi 7/10 kysymykseen (vastaamatta: k2, k4, k7); pistemäärään "
        "tarvitaan 8, joten hänet lasketaan ilman pistemäärää"
    ]
    assert [r.respondent for r in read.responses] == ["h1", "h2"]  # kept: counted without a score


def test_item_errors_name_the_users_column_not_the_instruments_id(esis: Instrument) -> None:
    text = HEADER + row("h1", "3", "3", "3", "3", "6", "3", "3", "3", "3", "3")
    read = parse_responses(text, esis, name="alku.csv")
    assert [str(p) for p in read.problems] == [
        "alku.csv:2: column 'k5' (item esis5): '6' is not on the scale 1–5; the row is skipped"
    ]
    read = parse_responses(HEADER + row("h1", *"333", "joskus", *"333333"), esis, name="a.csv", lang="sv")
    assert [str(p) for p in read.problems] == [
        "a.csv:2: kolumn 'k4' (fråga esis4): 'joskus' är varken ett värde på skalan (1–5) eller ett av dess "
        "svarsalternativ; raden hoppas över"
    ]


def test_a_file_records_the_waves_its_rows_name_and_how_many_rows_it_has(esis: Instrument) -> None:
    text = HEADER + row("h1", *"3333333333") + row("h2", *"3333333333").replace("alku", "seuranta") + "\n"
    read = parse_responses(text, esis, wave=Wave.START)
    assert (read.rows, read.marked, len(read.responses)) == (2, ((Wave.START, 1), (Wave.FOLLOW_UP, 1)), 1)
    assert str(read.problems[0]) == (
        "<responses>:3: the wave is follow-up but this file is given as the start answers; the row is skipped"
    )


def test_survey_score_of_dev_zero_stops_at_the_size_cap_for_pipes_and_regular_files(
    tmp_path: Path, esis: Instrument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: `survey score /dev/zero` read forever; a device, a pipe or a file is read up to the cap."""
    monkeypatch.setattr(tables, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "iso.csv"
    big.write_bytes(HEADER.encode() + row("h1", *"3333333333").encode() * 40_000)
    with endless_fifo(tmp_path / "loputon.csv") as fifo:
        for path in (big, fifo):
            with pytest.raises(LoadError) as caught:
                read_responses(path, esis)
            assert str(caught.value) == (
                f"{path}:1:1: the file is larger than 1 MiB (is it a device or a pipe that never ends?): "
                "give a survey tool's export file"
            )


CELLS = st.one_of(
    st.sampled_from(
        ["3", "4,0", "EOS", "", "6", "alku", "seuranta", "2024-02-01", "31.2.2024", "Täysin samaa mieltä"]
    ),
    st.text(max_size=6),
)
HEADERS = st.one_of(
    st.sampled_from(
        ["tunniste", "aalto", "pvm", "ryhmä", "k1", "Q1", "1.", "kysymys 2", "esis3", "Q14", "id"]
    ),
    st.builds("k{}".format, st.integers(0, 12)),
    st.text(max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(
    header=st.lists(HEADERS, min_size=1, max_size=14),
    rows=st.lists(st.lists(CELLS, max_size=15), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_csv_gives_responses_or_a_located_load_error(
    header: list[str], rows: list[list[str]], delimiter: str
) -> None:
    esis = builtin_instrument("esis.yaml")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    langs: tuple[Lang, ...] = ("fi", "en")
    for lang in langs:
        read = _outcome(out.getvalue(), esis, lang)
        if isinstance(read, LoadError):
            assert all(str(p).startswith("x.csv:") for p in read.problems)
            continue
        assert len(read.responses) <= read.rows <= len(rows)
        assert all(p.file == "x.csv" and p.line >= 2 for p in (*read.problems, *read.notes))


def _outcome(text: str, instrument: Instrument, lang: Lang) -> ResponseFile | LoadError:
    try:
        return parse_responses(text, instrument, name="x.csv", lang=lang)
    except LoadError as error:
        return error


def test_survey_score_of_a_copy_of_dev_zero_stops_at_the_size_cap(tmp_path: Path, esis: Instrument) -> None:
    """Issue 10: a device node (a copy of /dev/zero in a temporary folder, never the real one)."""
    zero = tmp_path / "zero"
    try:
        os.mknod(zero, stat.S_IFCHR | 0o444, os.makedev(1, 5))
        with zero.open("rb") as device:  # a folder mounted "nodev" refuses to open it
            device.read(1)
    except (AttributeError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    with pytest.raises(LoadError) as caught:
        read_responses(zero, esis, lang="fi")
    assert str(caught.value) == (
        f"{zero}:1:1: tiedosto on suurempi kuin 50 MiB (onko se laite tai putki, joka ei lopu?): anna "
        "kyselytyökalun vientitiedosto"
    )
