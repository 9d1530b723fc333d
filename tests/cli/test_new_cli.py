"""Tests of ``palaset new``: the template validates in every language, and nothing is overwritten."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from osallisuuden_palaset.cli.new import SCHEMA_FILE, render_template
from osallisuuden_palaset.files import converting
from osallisuuden_palaset.files.loading import load_workspace
from osallisuuden_palaset.files.schema import SCHEMA_IDS
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Project
from osallisuuden_palaset.plugins.manager import get_plugin_manager
from osallisuuden_palaset.plugins.registry import get_frameworks
from osallisuuden_palaset.testing import run_cli

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<ref>\S+)$")


def plain(data: Any) -> Any:
    """YAML data as an editor checks it: dates as YYYY-MM-DD strings."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data.isoformat() if isinstance(data, dt.date) else data


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
@pytest.mark.parametrize("kind", ["practice", "project"])
def test_new_file_validates(tmp_path: Path, lang: str, kind: str) -> None:
    path = tmp_path / "oma-malli.yaml"
    result = run_cli(["--lang", lang, "new", str(path), "--kind", kind])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    match = SCHEMA_LINE.match(text.splitlines()[0])
    assert match is not None
    schema_file = path.parent / match["ref"]
    assert schema_file.name == SCHEMA_FILE
    schema = json.loads(schema_file.read_text(encoding="utf-8"))

    data = plain(YAML(typ="safe", pure=True).load(text))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    model: Practice | Project = converting.structure(
        data[kind], {"practice": Practice, "project": Project}[kind]
    )
    practice = model if isinstance(model, Practice) else model.practices[0]
    assert len(practice.steps) >= 3
    assert practice.flows
    assert any(m.evidence is not None for b in practice.blocks() for m in b.mappings)
    assert model.id == "oma-malli"
    assert practice.id == ("oma-malli" if kind == "practice" else "oma-malli-malli")

    # The loader accepts it with every reference resolved, and skips the schema file beside it.
    frameworks = get_frameworks(get_plugin_manager(load_entrypoints=False)).values()
    workspace = load_workspace([tmp_path], frameworks=frameworks)
    assert len(workspace.documents) == 1


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_comments_are_in_the_chosen_language(lang: str) -> None:
    text = render_template("practice", lang, schema="s.json", ident="x")
    expected = {"fi": "Tunniste", "en": "Id: lower-case", "sv": "Id: små bokstäver"}[lang]
    assert f"# {expected}" in text
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 20


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "malli.yaml"
    path.write_text("practice: {id: oma, name: Oma}\n", encoding="utf-8")
    result = run_cli(["--lang", "en", "new", str(path)])
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "practice: {id: oma, name: Oma}\n"
    assert not (tmp_path / SCHEMA_FILE).exists()

    forced = run_cli(["new", str(path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_no_schema_points_at_the_published_schema(tmp_path: Path) -> None:
    path = tmp_path / "malli.yaml"
    result = run_cli(["new", str(path), "--no-schema"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / SCHEMA_FILE).exists()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_IDS['model']}"


def test_refuses_other_than_yaml(tmp_path: Path) -> None:
    result = run_cli(["--lang", "en", "new", str(tmp_path / "malli.json")])
    assert result.exit_code == 1
    assert ".yaml" in result.stderr
    assert not list(tmp_path.iterdir())


def test_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "uusi" / "kansio" / "Elävä Malli.yaml"
    result = run_cli(["new", str(path)])
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert data["practice"]["id"] == "elävä-malli"
