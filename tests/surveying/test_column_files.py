"""Tests of column files: maps and lists of item columns, mistakes located FILE:LINE:COL."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.surveying.column_files import load_columns, loads_columns
from osallisuuden_palaset.surveying.columns import ColumnMap
from osallisuuden_palaset.surveying.responses import parse_responses

WEBROPOL = "Vastaajatunnus;Mittauskerta;Ikä;" + ";".join(f"Q{i}" for i in range(1, 15)) + "\n"


def test_a_column_file_names_the_roles_and_the_items_in_order(tmp_path: Path, esis: Instrument) -> None:
    path = tmp_path / "sarakkeet.yaml"
    path.write_text(
        "columns:\n  respondent: Vastaajatunnus\n  wave: Mittauskerta\n"
        "  items: [" + ", ".join(f"Q{i}" for i in range(5, 15)) + "]\n",
        encoding="utf-8",
    )
    columns = load_columns(path)
    assert columns == ColumnMap(
        respondent="Vastaajatunnus", wave="Mittauskerta", item_order=[f"Q{i}" for i in range(5, 15)]
    )
    assert columns.origin("respondent") == f"{path}:2:15"
    text = WEBROPOL + "v1;alku;30;" + ";".join(["1"] * 4 + [str(n % 5 + 1) for n in range(10)]) + "\n"
    read = parse_responses(text, esis, columns=columns)
    assert read.item_columns == tuple((f"esis{n}", f"Q{n + 4}") for n in range(1, 11))
    assert read.responses[0].answers == tuple((f"esis{n}", (n - 1) % 5 + 1) for n in range(1, 11))
    assert read.fields == ("Ikä", "Q1", "Q2", "Q3", "Q4")


def test_items_can_be_mapped_one_by_one_and_numbers_are_column_names(esis: Instrument) -> None:
    columns = loads_columns("columns:\n  items:\n    esis1: 01\n    esis2: Kysymys B\n")
    assert columns.items == (("esis1", "01"), ("esis2", "Kysymys B"))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "respondent: x\n",
            "en",
            "<columns>:1:1: the file has no 'columns:' key: a column file starts with 'columns:'",
        ),
        (
            "columns:\n  respondnet: Tunnus\n",
            "fi",
            "<columns>:2:3: tuntematon avain 'respondnet'; tarkoititko 'respondent'?",
        ),
        (
            "columns:\n  wave: [a, b]\n",
            "en",
            '<columns>:2:9: a column name is text, such as Q1 or "Question 1"',
        ),
        (
            "columns:\n  items: Q1\n",
            "sv",
            "<columns>:2:10: items: ge varje fråga med sin kolumn (esis1: Q1), eller kolumnerna som en "
            "lista i frågornas ordning",
        ),
        (
            "columns:\n  items: [Q1, {a: b}]\n",
            "en",
            '<columns>:2:15: a column name is text, such as Q1 or "Question 1"',
        ),
        ("columns: [a]\n", "en", "<columns>:1:10: 'columns:' is a map of respondent, wave, date and items"),
        (
            "colums:\n  wave: a\n",
            "en",
            "<columns>:1:1: the file has no 'columns:' key: a column file starts with 'columns:'",
        ),
        ("columns:\n  wave: a\nwave: b\n", "en", "<columns>:3:1: unknown key 'wave'"),
    ],
)
def test_column_file_mistakes_are_located(text: str, lang: str, expected: str) -> None:
    with pytest.raises(LoadError) as caught:
        loads_columns(text, lang=lang)  # type: ignore[arg-type]
    assert str(caught.value) == expected


def test_a_yaml_syntax_error_is_located_and_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"^<columns>:3:1: YAML syntax error"):
        loads_columns("columns:\n  wave: [\n")
    with pytest.raises(LoadError, match="cannot read the file"):
        load_columns(tmp_path / "puuttuu.yaml")


def test_the_column_files_item_list_must_match_the_instrument(esis: Instrument) -> None:
    columns = loads_columns("columns:\n  items: [Q1, Q2]\n", name="sarakkeet.yaml")
    with pytest.raises(LoadError) as caught:
        parse_responses(WEBROPOL, esis, columns=columns, name="webropol.csv")
    assert str(caught.value) == (
        "webropol.csv:1:1: the column file lists 2 item columns but esis has 10 items (sarakkeet.yaml:2:10)"
    )


def test_the_column_file_in_the_docs_loads_and_maps_webropols_numbering(esis: Instrument) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "surveys.md").read_text(encoding="utf-8")
    block = doc[doc.index("```yaml\n# sarakkeet.yaml") + len("```yaml\n") :]
    columns = loads_columns(block[: block.index("```")], name="sarakkeet.yaml")
    assert (columns.respondent, columns.wave, columns.date) == (
        "Vastaajatunnus",
        "Mittauskerta",
        "Vastauspäivä",
    )
    assert columns.item_order == tuple(f"Q{n}" for n in range(3, 13))
