"""Tests of ``palaset validate``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from osallisuuden_palaset.testing import run_cli

EXAMPLES = Path(__file__).parents[2] / "examples"
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def test_examples_are_valid() -> None:
    result = run_cli(["--lang", "en", "validate", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert "files valid" in result.stdout


def test_one_located_line_per_problem_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "practice:\n"
        "  id: p\n"
        "  name: P\n"
        "  steps:\n"
        "    - id: a\n"
        "      nmae: A\n"
        "    - id: b\n"
        "      name: B\n"
        "      modality: zoom\n",
        encoding="utf-8",
    )
    flows = tmp_path / "flows.yaml"
    flows.write_text(
        "practice:\n  id: q\n  name: Q\n  steps:\n    - {id: a, name: A}\n"
        "  flows:\n    - {source: a, target: c}\n",
        encoding="utf-8",
    )
    result = run_cli(["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.output
    assert all(LINE.match(line) for line in lines), lines
    located = {(m["line"], m["col"]) for m in map(LINE.match, lines) if m}
    assert ("6", "7") in located  # the misspelt key itself
    assert any(line.startswith(f"{bad}:9:") and "zoom" in line for line in lines)
    assert any(line.startswith(f"{flows}:7:") and "'c'" in line for line in lines)


def test_json_lists_the_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"practice": {"id": "p", "name": "P", "steps": [{"id": "a"}]}}', encoding="utf-8")
    result = run_cli(["validate", "--format", "json", str(bad)])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems
    assert {"file", "line", "col", "message"} <= set(problems[0])


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(["validate", str(tmp_path / "nothing.yaml")])
    assert result.exit_code == 2


def test_two_practices_malli_and_malli_newline_are_not_both_valid(tmp_path: Path) -> None:
    # Both used to pass and show as 'malli'; the second's files had a newline in their names.
    (tmp_path / "a.yaml").write_text("practice:\n  id: malli\n  name: A\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"practice": {"id": "malli\\n", "name": "B"}}', encoding="utf-8")
    result = run_cli(["--lang", "en", "validate", str(tmp_path)])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{tmp_path / 'b.json'}:1:21: id 'malli\\n' is not a valid id"), line
