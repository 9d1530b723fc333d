"""Tests of ``palaset schema``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from osallisuuden_palaset.files.schema import framework_schema, model_schema
from osallisuuden_palaset.testing import run_cli


def test_prints_the_model_schema() -> None:
    result = run_cli(["schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == model_schema()
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_prints_the_framework_schema() -> None:
    result = run_cli(["schema", "--kind", "framework"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == framework_schema()


def test_writes_the_schema_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "model.schema.json"
    out.write_text("old", encoding="utf-8")
    result = run_cli(["--lang", "en", "schema", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Wrote {out}" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == model_schema()
    assert [p.name for p in tmp_path.iterdir()] == ["model.schema.json"]  # no temporary files left


def test_output_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run_cli(["schema", "-o", str(first)])
    run_cli(["schema", "-o", str(second)])
    assert first.read_bytes() == second.read_bytes()


def test_unwritable_output_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli(["schema", "-o", str(tmp_path / "missing" / "schema.json")])
    assert result.exit_code == 1
    assert result.stderr.startswith("palaset: ")
    assert "Traceback" not in result.output


def test_unknown_kind_is_refused() -> None:
    result = run_cli(["schema", "--kind", "kehys"])
    assert result.exit_code == 2
    assert "kehys" in result.stderr
