"""The xlsx response reader: survey answers from a workbook score exactly as the same answers in CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from osallisuuden_palaset_xlsx import READER
from osallisuuden_palaset_xlsx.responses import cell_text, read_xlsx_table

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.plugins.registry import get_response_readers
from osallisuuden_palaset.surveying.responses import parse_responses, read_responses, read_table
from osallisuuden_palaset.surveying.tables import ReadRequest
from osallisuuden_palaset.testing import make_plugin_manager, run_cli

SURVEYS = Path(__file__).parents[3] / "tests" / "fixtures" / "surveys"


def workbook_of(csv_path: Path, target: Path, *, blank_rows: int = 0) -> Path:
    """The CSV's cells in a workbook's first sheet, numbers as numbers (as Webropol and Forms write them)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Vastaukset"
    for _ in range(blank_rows):
        sheet.append([])
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle, delimiter=";"):
            sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
    book.create_sheet("Muuta").append(["ei", "luettu"])
    book.save(target)
    return target


def test_the_entry_point_registers_the_reader() -> None:
    readers = get_response_readers(make_plugin_manager(load_entrypoints=True))
    assert readers["xlsx"] is READER
    assert READER.suffixes == (".xlsx", ".xlsm")


@pytest.mark.parametrize("command", ["score", "change"])
def test_finnish_headed_answers_score_and_change_from_xlsx_as_from_csv(tmp_path: Path, command: str) -> None:
    start = workbook_of(SURVEYS / "fi_alku.csv", tmp_path / "alku.xlsx")
    follow = workbook_of(SURVEYS / "fi_seuranta.csv", tmp_path / "seuranta.xlsx")
    csvs = [SURVEYS / "fi_alku.csv", SURVEYS / "fi_seuranta.csv"]
    files = ([start], csvs[:1]) if command == "score" else ([start, follow], csvs)
    outputs = []
    for paths in files:
        args = ["survey", command, *map(str, paths), "--by", "ryhmä", "--format", "json"]
        result = run_cli(args, load_entrypoints=True)
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0]["total"]["n" if command == "score" else "pairs"] in (12, 11)


def test_rows_are_named_by_their_excel_row_number(tmp_path: Path) -> None:
    esis = builtin_instrument("esis.yaml")
    path = workbook_of(SURVEYS / "fi_alku.csv", tmp_path / "alku.xlsx", blank_rows=2)
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["H5"] = 7  # k5 of h02 (row 3 of the CSV, 2 blank rows above)
    book.worksheets[0].append(["h13", "alku", "A", 3, None, 3, None, 3, 3, None, 3, 3, 3])
    book.save(path)
    read = read_responses(path, esis, readers=[READER], lang="fi")
    assert [str(p) for p in read.problems] == [
        f"{path}:5: sarake 'k5' (kysymys esis5): '7' ei ole asteikolla 1–5; rivi ohitetaan"
    ]
    assert [str(n) for n in read.notes] == [
        f"{path}:16: vastaaja 'h13' vastasi 7/10 kysymykseen (vastaamatta: k2, k4, k7); pistemäärään "
        "tarvitaan 8, joten hänet lasketaan ilman pistemäärää"
    ]
    assert read.responses[0].origin == f"{path}:4"


def test_a_row_whose_last_cells_are_empty_is_not_cut_short(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["tunniste", "ryhmä", *(f"k{i}" for i in range(1, 11))])
    sheet.append(["h1", None, *([4] * 9)])
    book.save(tmp_path / "a.xlsx")
    table = read_xlsx_table(ReadRequest((tmp_path / "a.xlsx").read_bytes(), "a.xlsx"))
    assert [(r.line, r.cells) for r in table.rows] == [(2, ("h1", "", *(["4"] * 9), ""))]


def test_a_sheet_whose_stated_size_is_wrong_is_read_whole(tmp_path: Path) -> None:
    """Some tools write a wrong <dimension>; openpyxl's read-only mode would cut the sheet there."""
    path = workbook_of(SURVEYS / "fi_alku.csv", tmp_path / "alku.xlsx")
    shrunk = tmp_path / "pieni.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(shrunk, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:M13" />' in data
                data = data.replace(b'<dimension ref="A1:M13" />', b'<dimension ref="A1:B2" />')
            target.writestr(entry, data)
    read = read_responses(shrunk, builtin_instrument("esis.yaml"), readers=[READER])
    assert (len(read.responses), read.problems) == (12, ())


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (4, "4"), (4.0, "4"), (3.5, "3.5"), (True, "TRUE"), ("EOS", "EOS"),
     (dt.datetime(2024, 2, 1), "2024-02-01"), (dt.datetime(2024, 2, 1, 9, 30), "2024-02-01 09:30:00"),
     (dt.date(2024, 2, 1), "2024-02-01")],
)  # fmt: skip
def test_cells_are_text_as_the_user_sees_them(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_file_that_is_not_a_workbook_or_an_empty_one_is_named(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        read_xlsx_table(ReadRequest(b"tunniste;k1\n", "rikki.xlsx", lang="fi"))
    assert str(caught.value) == (
        "rikki.xlsx:1:1: tiedosto ei ole luettava Excel-työkirja (.xlsx): File is not a zip file; tallenna "
        "se Excelissä uudelleen tai muodossa CSV UTF-8"
    )
    data = io.BytesIO()
    openpyxl.Workbook().save(data)
    with pytest.raises(LoadError) as caught:
        read_xlsx_table(ReadRequest(data.getvalue(), "tyhja.xlsx"))
    assert str(caught.value) == (
        "tyhja.xlsx:1:1: the workbook's first sheet is empty: its first row must name the columns"
    )


def test_the_command_line_reads_xlsx_through_the_plugin_and_says_so_without_it(tmp_path: Path) -> None:
    path = workbook_of(SURVEYS / "fi_alku.csv", tmp_path / "alku.xlsx")
    assert run_cli(["survey", "score", str(path)], load_entrypoints=True).exit_code == 0
    without = run_cli(["--lang", "en", "survey", "score", str(path)], load_entrypoints=False)
    assert without.exit_code == 1
    assert without.stderr.startswith(
        f"{path}:1:1: reading Excel files (.xlsx) needs the plugin osallisuuden-palaset-xlsx"
    )


CELL = st.one_of(
    st.integers(0, 7).map(str),
    st.sampled_from(["", "EOS", "alku", "seuranta", "Jokseenkin samaa mieltä", "3,5", "2024-02-01"]),
    st.text(alphabet="abcäö -.", max_size=5),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=13, max_size=13), min_size=1, max_size=5))
def test_any_answers_read_the_same_from_xlsx_and_from_csv(tmp_path: Path, rows: list[list[str]]) -> None:
    esis = builtin_instrument("esis.yaml")
    header = ["tunniste", "aalto", "ryhmä", *(f"k{i}" for i in range(1, 11))]
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows([header, *rows])
    from_csv = parse_responses(text.getvalue(), esis, name="v")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [header, *rows]:
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
    data = io.BytesIO()
    book.save(data)
    from_xlsx = read_table(read_xlsx_table(ReadRequest(data.getvalue(), "v")), esis, name="v")
    assert from_xlsx == from_csv
