"""Tests of the matrix view: a row per practice, a column per element, the verdict's symbol in each cell."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from osallisuuden_palaset import Practice
from osallisuuden_palaset.assessing.matrix import coverage_matrix
from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.diagram.matrix import SYMBOLS
from osallisuuden_palaset.model.project import Collection
from osallisuuden_palaset.model.references import Context
from tests.diagram import sample

CONTEXT = Context.of_collection(sample.COLLECTION, sample.FRAMEWORKS.values())


def _source(model: object = sample.COLLECTION, **options: object) -> str:
    chosen = {"view": "matrix", "lang": "fi", **options}
    return diagram_source(model, DiagramOptions(**chosen), frameworks=sample.FRAMEWORKS, context=CONTEXT)  # type: ignore[arg-type]


def test_each_practice_is_a_row_with_the_symbol_of_its_verdict_in_each_column() -> None:
    source = _source()
    matrix = coverage_matrix(sample.COLLECTION.all_practices(), sample.FRAMEWORK, CONTEXT)
    for row in matrix.rows:
        assert row.name.get("fi") in source
    cells = re.findall(r'POINT-SIZE="16">(.)</FONT>', source)
    assert cells == [SYMBOLS[level] for row in matrix.rows for level in row.levels]
    for ident in ("d1", "p1", "p2", "d2", "p3"):
        assert f"<B>{ident}</B>" in source


def test_the_legend_explains_every_symbol_and_column_code_in_the_language() -> None:
    source = _source(lang="sv")
    for text in ("Teckenförklaring", "täckt", "p1 Omaehtoisuus", "d2 Yhteisöt"):
        assert text in source or text.lower() in source.lower()
    assert "Selite" not in _source(legend=False)


def test_practices_on_another_framework_are_counted_in_a_note() -> None:
    stranger = Practice(id="vieras", name="Vieras", framework="muu")
    collection = Collection("k", "K", practices=(sample.PRACTICE, stranger))
    source = _source(collection, lang="en")
    assert "Vieras" not in source
    assert "1 practice uses another framework and is not in this table" in source


def test_a_practice_alone_is_one_row() -> None:
    source = _source(sample.PRACTICE)
    assert source.count("Koemalli") == 2  # the title and its row


@pytest.mark.requires_dot
def test_the_matrix_of_a_collection_renders_with_dot() -> None:
    dot = shutil.which("dot")
    assert dot is not None
    done = subprocess.run(
        [dot, "-Tsvg"], input=_source().encode(), capture_output=True, check=True, timeout=60
    )
    assert b"<svg" in done.stdout
    assert done.stderr == b""
