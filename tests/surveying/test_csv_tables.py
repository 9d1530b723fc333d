"""Tests of the CSV reader: line numbers, a delimiter guessed or named, and one a header seems to use."""

from __future__ import annotations

import pytest

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.surveying.csv_tables import csv_table, other_delimiter, read_csv_table
from osallisuuden_palaset.surveying.tables import ReadRequest


def test_rows_carry_the_line_they_start_on() -> None:
    table = csv_table('a;b\n1;"x\ny"\n\n2;z\n', name="t.csv")
    assert table.header == ("a", "b")
    assert [(r.line, r.cells) for r in table.rows] == [(2, ("1", "x\ny")), (4, ()), (5, ("2", "z"))]


def test_a_row_the_csv_module_refuses_is_a_row_error_in_the_users_language() -> None:
    rows = list(csv_table("a,b\n1,2\n3," + "x" * 200_000 + "\n4,5\n", name="t.csv", lang="fi").rows)
    assert [(r.line, r.error) for r in rows] == [
        (2, None),
        (3, "tiedoston loppua ei voi lukea: field larger than field limit (131072)"),
    ]


@pytest.mark.parametrize(
    ("header", "used", "found"),
    [("a|b|c", ",", "|"), ("tunniste:k1:k2", ",", ":"), ("a;b;c", ",", ";"), ("kysymys (1)", ",", None)],
)
def test_the_delimiter_a_header_seems_to_use(header: str, used: str, found: str | None) -> None:
    assert other_delimiter(header, used) == found


def test_bytes_that_are_not_utf8_name_their_line() -> None:
    with pytest.raises(LoadError) as caught:
        read_csv_table(ReadRequest(b"a,b\n1,2\nP\xe4ivi,3\n", "latin1.csv", lang="sv"))
    assert (
        str(caught.value)
        == "latin1.csv:3:1: filen är inte UTF-8-text: spara eller exportera den som CSV UTF-8"
    )
