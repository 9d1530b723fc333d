"""Tests of ``palaset schema``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from osallisuuden_palaset.files.schema import framework_schema, model_schema, schema_json
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.testing import run_cli


def test_prints_the_model_schema() -> None:
    result = run_cli(["--lang", "en", "schema"])
    assert result.exit_code == 0, result.output
    assert result.stdout == schema_json("model")
    assert json.loads(result.stdout) == model_schema()
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_prints_the_framework_schema() -> None:
    result = run_cli(["schema", "--kind", "framework", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == framework_schema()


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
@pytest.mark.parametrize("where", ["global", "schema"])
def test_the_schema_is_described_in_the_language_asked_for(lang: Lang, where: str) -> None:
    args = ["--lang", lang, "schema"] if where == "global" else ["schema", "--lang", lang]
    result = run_cli([*args, "--kind", "framework"])
    assert result.exit_code == 0, result.output
    assert result.stdout == schema_json("framework", lang)


def test_the_schema_language_defaults_as_the_command_line_does() -> None:
    result = run_cli(["schema"], env={"PALASET_LANG": "sv"})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == model_schema("sv")
    result = run_cli(["schema"], env={"PALASET_LANG": None, "LC_ALL": "C", "LC_MESSAGES": None, "LANG": None})
    assert json.loads(result.stdout) == model_schema("fi")


def test_schema_lang_overrides_the_global_lang(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    result = run_cli(["--lang", "en", "schema", "--lang", "fi", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == schema_json("model", "fi")
    assert "Kirjoitettu" in result.stderr  # the command's messages follow it too


def test_schema_lang_gives_the_help_in_that_language() -> None:
    result = run_cli(["--lang", "fi", "schema", "--lang", "sv", "--help"])
    assert result.exit_code == 0, result.output
    assert "Språk för schemats beskrivningar" in result.stdout
    assert "Skriv schemat till den här filen" in result.stdout


def test_schema_lang_refuses_other_languages() -> None:
    result = run_cli(["schema", "--lang", "de"])
    assert result.exit_code == 2
    assert "de" in result.stderr


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_new_writes_the_schema_in_its_language(tmp_path: Path, lang: Lang) -> None:
    result = run_cli(["--lang", lang, "new", str(tmp_path / "malli.yaml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "palaset.schema.json").read_text(encoding="utf-8") == schema_json("model", lang)


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
    run_cli(["schema", "--lang", "sv", "-o", str(first)])
    run_cli(["schema", "--lang", "sv", "-o", str(second)])
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
