"""Tests of reading answers from CSV: layouts, labels, encodings, and bad rows reported by line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.surveying.responses import (
    ColumnMap,
    parse_answer,
    parse_date,
    parse_responses,
    parse_wave,
    read_responses,
    sniff_delimiter,
)
from tests.surveying.conftest import FIXTURES


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
        ("respondent,esis1\n", r"no column for item\(s\) 'esis2'.*--columns FILE.yaml"),
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
