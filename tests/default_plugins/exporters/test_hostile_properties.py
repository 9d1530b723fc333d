"""For any valid model (texts sometimes hostile), html, markdown, csv and mermaid stay harmless."""

from __future__ import annotations

import csv
import io
import re

from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.markup import FORMULA_STARTS
from osallisuuden_palaset.output.exporting import Exportable, export
from tests import strategies
from tests.default_plugins.exporters.formats import EXPORTERS
from tests.default_plugins.exporters.test_html import ALLOWED_TAGS, Page

models = st.one_of(strategies.practices(), strategies.projects())


@given(models)
def test_html_has_only_our_tags(model: Exportable) -> None:
    page = Page()
    page.feed(export(EXPORTERS["html"], model, lang="en").decode("utf-8"))
    page.close()
    assert set(page.tags) <= ALLOWED_TAGS
    assert not [name for name, _ in page.attributes if name.startswith("on") or name == "src"]


@given(models)
def test_markdown_lines_start_only_with_our_syntax(model: Exportable) -> None:
    for line in export(EXPORTERS["markdown"], model, lang="en").decode("utf-8").split("\n"):
        body = line.lstrip(" ")
        assert not body.startswith(("<", "=", "+", ">", "|", "```", "    ", "\t")), line
        if body.startswith("#"):
            assert re.match(r"#{1,6} ", body), line
        if body.startswith("-"):
            assert body.startswith("- "), line


@given(models)
def test_csv_cells_never_start_a_formula(model: Exportable) -> None:
    text = export(EXPORTERS["csv"], model, lang="en").decode("utf-8")
    for row in csv.reader(io.StringIO(text, newline="")):
        assert not [cell for cell in row if cell.startswith(FORMULA_STARTS)]


@given(models)
def test_mermaid_labels_hold_no_syntax(model: Exportable) -> None:
    for line in export(EXPORTERS["mermaid"], model, lang="en").decode("utf-8").split("\n"):
        assert line.count('"') % 2 == 0, line
        for label in re.findall(r'"([^"]*)"', line):
            assert not set(re.sub(r"#\d+;", "", label)) & set("<>&#`|;%[]{}()\\"), line
