"""Helpers of the report templates: file locations that wrap only between names, the title line."""

from __future__ import annotations

import datetime as dt

from osallisuuden_palaset import Block, Practice
from osallisuuden_palaset.model.practice import Description
from osallisuuden_palaset.output.templating import library_version, path_markup, title_line


def test_a_path_may_wrap_after_each_slash_and_its_names_are_escaped() -> None:
    shown = path_markup("mallit/<b>&/kahvila-malli.yaml:5")
    assert shown == (
        '<span class="name">mallit</span>/<wbr><span class="name">&lt;b&gt;&amp;</span>/<wbr>'
        '<span class="name">kahvila-malli.yaml:5</span>'
    )


def test_the_title_line_has_the_newest_date_of_the_information_and_the_version() -> None:
    steps = [Block(id="a", name="A")]
    description = Description(created=dt.date(2024, 1, 2), modified=dt.date(2025, 3, 4))
    dated = Practice(id="p", name="P", steps=steps, description=description)
    assert title_line(dated, "fi") == f"Tiedot päivitetty 4.3.2025 · osallisuuden-palaset {library_version()}"
    assert (
        title_line(Practice(id="q", name="Q", steps=steps), "en")
        == f"osallisuuden-palaset {library_version()}"
    )
