"""Tests of finding columns: usual names in fi/en/sv, items by number, clashes named in the user's words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.surveying.columns import ColumnMap, find_layout, item_number

FINNISH = ["tunniste", "aalto", "ryhmä", *(f"k{i}" for i in range(1, 11))]


@pytest.mark.parametrize(
    ("cell", "found"),
    [
        ("k1", ("k", 1)),
        ("Q1", ("q", 1)),
        ("K 10", ("k", 10)),
        ("kysymys 1", ("kysymys", 1)),
        ("Kysymys 3: Tunnen kuuluvani", ("kysymys", 3)),
        ("1.", ("", 1)),
        ("7", ("", 7)),
        ("2) Arvostetuksi tuleminen", ("", 2)),
        ("1. Tunnen kuuluvani", ("", 1)),
        ("fråga 4", ("fråga", 4)),
    ],
)
def test_item_numbers_are_read_from_the_usual_headers(cell: str, found: tuple[str, int]) -> None:
    assert item_number(cell) == found


@pytest.mark.parametrize("cell", ["kunta 2", "18-29", "Q1_1", "k1a", "ryhmä", "ikä 30", "1,5", ""])
def test_other_headers_are_not_item_numbers(cell: str) -> None:
    assert item_number(cell) is None


def test_finnish_headers_need_no_mapping(esis: Instrument) -> None:
    layout = find_layout([" TUNNISTE ", "Aalto", "Ryhmä", *(f"K {i}" for i in range(1, 11))], esis)
    assert (layout.respondent, layout.wave, layout.date) == (0, 1, None)
    assert layout.items == tuple((f"esis{i}", i + 2) for i in range(1, 11))
    assert layout.fields == (("Ryhmä", 2),)


def test_swedish_and_english_names_and_the_item_ids_are_found(esis: Instrument) -> None:
    header = ["Svarande", "Mättillfälle", "Datum", *(f"ESIS{i}" for i in range(1, 11))]
    layout = find_layout(header, esis)
    assert (layout.respondent, layout.wave, layout.date) == (0, 1, 2)
    assert [name for name, _ in ((layout.name(i), i) for _, i in layout.items)] == header[3:]


def test_an_item_id_column_wins_over_a_numbered_one(esis: Instrument) -> None:
    header = ["id", "esis1", "1", *(f"esis{i}" for i in range(2, 11))]
    layout = find_layout(header, esis)
    assert dict(layout.items)["esis1"] == 1
    assert layout.fields == (("1", 2),)


@given(
    spellings=st.lists(
        st.sampled_from(["k{n}", "Q{n}", "kysymys {n}", "{n}.", "ESIS{n}", "Kys {n}"]),
        min_size=10,
        max_size=10,
    ),
    order=st.permutations(range(12)),
)
def test_items_are_found_by_number_whatever_the_spelling_and_the_order(
    spellings: list[str], order: list[int]
) -> None:
    esis = builtin_instrument("esis.yaml")
    named = ["tunniste", "ryhmä", *(s.format(n=n) for n, s in enumerate(spellings, 1))]
    header = [named[i] for i in order]
    layout = find_layout(header, esis)
    assert {item: header[i] for item, i in layout.items} == {f"esis{n}": named[n + 1] for n in range(1, 11)}


def test_two_columns_claiming_one_item_are_an_error_naming_both(esis: Instrument) -> None:
    header = [*FINNISH, "Q1"]
    with pytest.raises(LoadError) as caught:
        find_layout(header, esis, name="alku.csv", lang="fi")
    assert str(caught.value) == (
        "alku.csv:1:1: sarakkeet 'k1' ja 'Q1' voisivat kumpikin olla kysymys 1 (esis1): kerro "
        "saraketiedostossa, kumpi (--columns TIEDOSTO.yaml)"
    )


def test_columns_numbered_past_the_items_are_not_guessed(esis: Instrument) -> None:
    header = ["tunniste", *(f"Q{i}" for i in range(1, 15))]
    with pytest.raises(LoadError) as caught:
        find_layout(header, esis, name="webropol.csv")
    assert str(caught.value) == (
        "webropol.csv:1:1: the columns 'Q1' … 'Q14' are numbered past the 10 items of esis, so their numbers "
        "do not say which are its items: name them in a column file (--columns FILE.yaml)"
    )
    order = ColumnMap(item_order=[f"Q{i}" for i in range(5, 15)])
    assert dict(find_layout(header, esis, order).items)["esis1"] == 5


def test_a_named_column_that_is_missing_says_where_it_was_named(esis: Instrument) -> None:
    columns = ColumnMap(respondent="Tunnus", origins={"respondent": "sarakkeet.yaml:2:15"})
    with pytest.raises(LoadError) as caught:
        find_layout(FINNISH, esis, columns, name="alku.csv", lang="fi")
    assert str(caught.value) == (
        "alku.csv:1:1: saraketta 'Tunnus' ei ole (vastaajan tunniste, nimetty kohdassa sarakkeet.yaml:2:15); "
        "tarkoititko 'tunniste'?"
    )


def test_one_column_named_for_two_things_is_an_error(esis: Instrument) -> None:
    with pytest.raises(
        LoadError, match="the column 'tunniste' is named both for respondent's pseudonym and for wave"
    ):
        find_layout(FINNISH, esis, ColumnMap(respondent="tunniste", wave="Tunniste"))


def test_a_mapped_item_that_the_instrument_lacks_is_an_error(esis: Instrument) -> None:
    with pytest.raises(LoadError) as caught:
        find_layout(FINNISH, esis, ColumnMap(items={"esis11": "k1"}), lang="sv")
    assert str(caught.value) == (
        "<responses>:1:1: 'esis11' är inte en fråga i esis; menade du 'esis1' eller 'esis10' eller 'esis9'?"
    )
