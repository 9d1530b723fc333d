"""The csv format: blocks × framework elements with strengths, RFC 4180, safe in spreadsheets."""

from __future__ import annotations

import csv
import io

import pytest

from osallisuuden_palaset.markup import FORMULA_STARTS
from osallisuuden_palaset.output.exporting import export
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS

CSV = EXPORTERS["csv"]


def _rows(model: object, **options: str) -> list[list[str]]:
    data = export(CSV, model, lang="en", context=samples.context(), options=options)  # type: ignore[arg-type]
    text = data.decode("utf-8-sig")
    delimiter = {"tab": "\t"}.get(options.get("delimiter", ","), options.get("delimiter", ","))
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_one_row_per_block_with_strength_words_per_element() -> None:
    rows = _rows(samples.rich_practice())
    header = rows[0]
    assert header[:7] == ["Practice (id)", "Step (id)", "Block (id)", "Name", "Kind", "Reused block",
                          "Included practice"]  # fmt: skip
    assert header[7:] == [f"thl:d{i}" for i in (1, 2, 3)] + [f"thl:p{i}" for i in range(1, 10)]
    by_block = {(r[1], r[2]): dict(zip(header, r, strict=True)) for r in rows[1:]}
    mapping = by_block[("kartoitus", "kartoitus")]
    assert mapping["thl:p2"] == "strong"
    assert mapping["thl:d1"] == "moderate"
    assert mapping["thl:p1"] == ""
    assert by_block[("kartoitus", "haastattelu")]["thl:p3"] == "weak"
    cards = by_block[("kortit", "kortit")]
    assert cards["Reused block"] == "tyokalut/kortit"
    assert cards["thl:p2"] == "strong"
    assert by_block[("pieni-malli", "")]["Included practice"] == "pieni"


def test_crlf_line_ends_and_no_bom_by_default() -> None:
    data = export(CSV, samples.rich_practice(), context=samples.context())
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n") == len(_rows(samples.rich_practice()))


def test_excel_options_semicolon_and_bom() -> None:
    data = export(CSV, samples.rich_practice(), options={"delimiter": ";", "bom": "yes"})
    assert data.startswith("\ufeff".encode())
    assert _rows(samples.rich_practice(), delimiter=";", bom="yes") == _rows(samples.rich_practice())
    assert _rows(samples.rich_practice(), delimiter="tab") == _rows(samples.rich_practice())


def test_collections_list_every_practice() -> None:
    practices = {r[0] for r in _rows(samples.collection())[1:]}
    assert practices == {"vihamielinen", "elava-portfolio", "pieni"}


def test_no_cell_can_run_as_a_formula_and_text_survives() -> None:
    rows = _rows(samples.hostile_practice())
    cells = [c for r in rows for c in r]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    names = [r[3] for r in rows[1:]]
    assert names == [samples.HOSTILE, *("'" + f for f in samples.FORMULAS)]


@pytest.mark.parametrize("value", samples.FORMULAS)
def test_each_formula_start_is_quoted(value: str) -> None:
    from osallisuuden_palaset import Block, Practice

    practice = Practice(id="x", name="X", steps=[Block(id="b", name=value)])
    name = _rows(practice)[1][3]
    assert name.startswith("'")
    assert name[1:].split() == value.split()
