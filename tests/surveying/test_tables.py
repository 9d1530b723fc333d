"""Tests of the response-reader contract: readers checked when built, chosen by suffix, failures named."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.surveying.csv_tables import CSV_READER
from osallisuuden_palaset.surveying.responses import read_responses
from osallisuuden_palaset.surveying.tables import ReadRequest, ResponseReader, Table, TableRow, choose_reader

ITEMS = [f"esis{i}" for i in range(1, 11)]


def pipes(request: ReadRequest) -> Table:
    lines = request.data.decode("utf-8").splitlines()
    return Table(lines[0].split("|"), (TableRow(n, line.split("|")) for n, line in enumerate(lines[1:], 2)))


PIPES = ResponseReader(name="pipes", suffixes=(".PSV",), read=pipes, description="Pipes")


def test_a_reader_is_chosen_by_suffix_and_csv_reads_the_rest() -> None:
    assert PIPES.suffixes == (".psv",)
    assert choose_reader("vastaukset.Psv", [CSV_READER, PIPES]) is PIPES
    assert choose_reader("/dev/stdin", [CSV_READER, PIPES]) is CSV_READER
    assert choose_reader("vastaukset.txt", [PIPES, CSV_READER]) is CSV_READER


def test_an_excel_file_without_the_plugin_says_what_to_install() -> None:
    with pytest.raises(LoadError) as caught:
        choose_reader("vastaukset.xlsx", [CSV_READER], "fi")
    assert str(caught.value) == (
        "vastaukset.xlsx:1:1: Excel-tiedostojen (.xlsx) lukemiseen tarvitaan laajennus "
        "osallisuuden-palaset-xlsx (pip install osallisuuden-palaset-xlsx); tai tallenna taulukko muodossa "
        "CSV UTF-8"
    )
    with pytest.raises(
        LoadError, match=r"^vanha.xls:1:1: .xls files cannot be read: save the sheet as .xlsx"
    ):
        choose_reader("vanha.xls", [CSV_READER])


def test_a_registered_reader_reads_answers_like_csv(tmp_path: Path, esis: Instrument) -> None:
    path = tmp_path / "vastaukset.psv"
    path.write_text("tunniste|" + "|".join(ITEMS) + "\nh1|" + "|".join("4" * 10) + "\n", encoding="utf-8")
    read = read_responses(path, esis, readers=[CSV_READER, PIPES])
    assert read.responses[0].answers == tuple((i, 4) for i in ITEMS)
    assert read.responses[0].origin == f"{path}:2"


def test_a_reader_that_raises_is_the_files_problem_naming_the_reader(
    tmp_path: Path, esis: Instrument
) -> None:
    def broken(request: ReadRequest) -> Table:
        raise ZeroDivisionError("division by zero")

    path = tmp_path / "vastaukset.psv"
    path.write_text("x", encoding="utf-8")
    reader = ResponseReader(name="rikki", suffixes=(".psv",), read=broken, description="Broken")
    with pytest.raises(LoadError) as caught:
        read_responses(path, esis, readers=[reader], lang="fi")
    assert str(caught.value) == (
        f"{path}:1:1: lukija rikki ei pystynyt lukemaan tiedostoa: ZeroDivisionError: division by zero"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "Iso Nimi"}, "not a valid id"),
        ({"suffixes": ("csv",)}, "suffixes must be like '.csv'"),
        ({"suffixes": ()}, "suffixes must be like '.csv', not none"),
    ],
)
def test_a_reader_is_checked_when_built(changes: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {
        "name": "x",
        "suffixes": (".x",),
        "read": pipes,
        "description": "X",
        **changes,
    }
    with pytest.raises(ValueError, match=message):
        ResponseReader(**fields)  # type: ignore[arg-type]
