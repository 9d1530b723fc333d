"""One location type: Location, the located Problem and RowProblem, and Position defined once."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import osallisuuden_palaset
from osallisuuden_palaset import errors
from osallisuuden_palaset.errors import Location, Problem
from osallisuuden_palaset.files import (
    document,
    loading,
    reading,
    reading_events,
    reading_json,
    reading_nodes,
    reading_surrogates,
)
from osallisuuden_palaset.surveying.responses import RowProblem

PACKAGE = Path(osallisuuden_palaset.__file__).parent


def test_a_location_prints_file_line_and_column() -> None:
    assert str(Location("a/b.yaml", 3, 7)) == "a/b.yaml:3:7"


def test_a_location_without_a_column_prints_file_and_line() -> None:
    assert str(Location("vastaukset.csv", 12)) == "vastaukset.csv:12"
    assert Location("vastaukset.csv", 12).col is None


def test_a_location_is_frozen_and_compared_by_value() -> None:
    place = Location("a.yaml", 1, 2)
    assert place == Location("a.yaml", 1, 2)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        place.line = 5  # type: ignore[misc]


def test_a_problem_is_built_and_printed_as_before() -> None:
    problem = Problem("a.yaml", 4, 9, "unknown key 'nmae'", "did you mean 'name'?")
    assert str(problem) == "a.yaml:4:9: unknown key 'nmae' (hint: did you mean 'name'?)"
    assert str(Problem("a.yaml", 1, 1, "the file is empty")) == "a.yaml:1:1: the file is empty"
    assert attrs.asdict(problem) == {
        "file": "a.yaml",
        "line": 4,
        "col": 9,
        "message": "unknown key 'nmae'",
        "hint": "did you mean 'name'?",
    }


def test_a_problem_is_a_message_at_a_location() -> None:
    problem = Problem("a.yaml", 4, 9, "bad", "fix it")
    assert problem.location == Location("a.yaml", 4, 9)
    assert Problem.at(Location("a.yaml", 4, 9), "bad", "fix it") == problem
    assert str(problem).startswith(f"{problem.location}: ")


def test_a_row_problem_is_a_problem_without_a_column_printed_as_before() -> None:
    row = RowProblem("vastaukset.csv", 5, "row skipped: no pseudonym")
    assert isinstance(row, Problem)
    assert (row.file, row.line, row.col, row.message, row.hint) == (
        "vastaukset.csv",
        5,
        None,
        "row skipped: no pseudonym",
        None,
    )
    assert str(row) == "vastaukset.csv:5: row skipped: no pseudonym"
    assert row.location == Location("vastaukset.csv", 5)
    assert row == RowProblem("vastaukset.csv", 5, "row skipped: no pseudonym")
    assert row != Problem("vastaukset.csv", 5, None, "row skipped: no pseudonym")


def test_a_row_problem_at_a_location_keeps_only_its_line() -> None:
    row = RowProblem.at(Location("v.csv", 8, 3), "no wave")
    assert row == RowProblem("v.csv", 8, "no wave")
    assert str(row) == "v.csv:8: no wave"


def test_location_keeps_its_old_import_paths() -> None:
    assert document.Location is loading.Location is osallisuuden_palaset.Location is Location


def test_position_is_defined_once_in_errors() -> None:
    for module in (reading_events, reading_surrogates, reading_nodes, reading_json, reading, document):
        assert module.Position is errors.Position, module.__name__
    defining = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if re.search(r"^Position\s*=", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert defining == ["errors.py"]


def test_source_map_builds_the_one_location() -> None:
    source = document.SourceMap("a.yaml", {("practice",): (2, 3)}, {("practice",): (2, 1)})
    assert source.location(("practice", "name")) == Location("a.yaml", 2, 3)
    assert source.problem(("practice",), "bad").location == Location("a.yaml", 2, 3)
    assert source.problem(("practice",), "bad", at_key=True).location == Location("a.yaml", 2, 1)
