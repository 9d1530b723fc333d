"""Tests of the practice × framework matrix: columns in framework order, one verdict per practice."""

from __future__ import annotations

import pytest

from osallisuuden_palaset import Collection, Practice, Project, Reuse
from osallisuuden_palaset.assessing.coverage import practice_coverage
from osallisuuden_palaset.assessing.matrix import (
    CoverageMatrix,
    MatrixRow,
    coverage_matrix,
    framework_columns,
)
from osallisuuden_palaset.model.evaluation import ElementKind, Level
from osallisuuden_palaset.model.references import Context
from tests.assessing.builders import block, claim, mini_thl
from tests.assessing.test_collection import CAT

STRONG = Practice(
    id="vahva", name="Vahva", steps=[block("a", claim("p1", "strong")), block("b", claim("p5"))]
)
BARE = Practice(id="tyhja", name="Tyhjä", steps=[block("c", claim("p2", evidence=None))])
REUSER = Practice(id="lainaaja", name="Lainaaja", steps=[Reuse(id="r", reuse="lumoava/helmi-kortit")])


def _context() -> Context:
    collection = Collection(id="k", name="K", practices=[STRONG, BARE, REUSER], catalogues=[CAT])
    return Context.of_collection(collection, [mini_thl()])


def test_columns_are_each_dimension_followed_by_its_principles_in_framework_order() -> None:
    columns = framework_columns(mini_thl())
    assert [c.element for c in columns] == [
        "d1", "p1", "p2", "p3", "p4", "d2", "p5", "p6", "p7", "d3", "p8", "p9"
    ]  # fmt: skip
    assert [c.kind for c in columns[:2]] == [ElementKind.DIMENSION, ElementKind.PRINCIPLE]


def test_every_cell_is_the_practices_own_verdict_on_that_element() -> None:
    framework, context = mini_thl(), _context()
    practices = [STRONG, BARE, REUSER]
    matrix = coverage_matrix(practices, framework, context, projects={"vahva": "h"})
    assert [r.practice for r in matrix.rows] == ["vahva", "tyhja", "lainaaja"]
    assert matrix.rows[0].project == "h"
    for practice, row in zip(practices, matrix.rows, strict=True):
        coverage = practice_coverage(practice, framework, context)
        for column, verdict in zip(matrix.columns, row.verdicts, strict=True):
            assert verdict == coverage.element(column.element).verdict
    p1 = [c.element for c in matrix.columns].index("p1")
    assert matrix.rows[0].levels[p1] is Level.COVERED
    p2 = [c.element for c in matrix.columns].index("p2")
    assert matrix.rows[1].levels[p2] is Level.UNSUPPORTED  # claimed without evidence
    p3 = [c.element for c in matrix.columns].index("p3")
    assert matrix.rows[2].levels[p3] is Level.COVERED  # through the reused block


def test_counts_and_the_principles_nobody_covers() -> None:
    matrix = coverage_matrix([STRONG, BARE, REUSER], mini_thl(), _context())
    ids = [c.element for c in matrix.columns]
    assert matrix.count(ids.index("d1"), Level.COVERED) == 2
    assert matrix.count(ids.index("p2"), Level.UNSUPPORTED) == 1
    assert matrix.best(ids.index("p5")) is Level.TOUCHED
    assert [c.element for c in matrix.nobody_covers] == ["p2", "p4", "p5", "p6", "p7", "p8", "p9"]
    empty = coverage_matrix([], mini_thl(), _context())
    assert empty.rows == ()
    assert len(empty.nobody_covers) == 9
    assert empty.best(0) is Level.NOT_CLAIMED


def test_a_row_must_have_a_cell_for_every_column() -> None:
    matrix = coverage_matrix([STRONG], mini_thl(), _context())
    short = MatrixRow("x", "X", None, matrix.rows[0].verdicts[:3])
    with pytest.raises(ValueError, match="row 'x' has 3 cells for 12 columns"):
        CoverageMatrix("thl", "T", matrix.columns, [short])


def test_a_project_practice_keeps_its_order() -> None:
    project = Project(id="h", name="H", practices=[BARE, STRONG])
    matrix = coverage_matrix(project.practices, mini_thl(), _context())
    assert [r.practice for r in matrix.rows] == ["tyhja", "vahva"]
