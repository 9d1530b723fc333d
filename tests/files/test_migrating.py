"""Migrating model files to version 2: every version 1 file in the repository, comments kept, idempotent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from osallisuuden_palaset.files.document import parse
from osallisuuden_palaset.files.format_version import file_version
from osallisuuden_palaset.files.migrating import migrate_file, migrate_text
from osallisuuden_palaset.files.reading import read_text

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_KEY = re.compile(r"^\{?\s*\"?(practice|project|catalogue|collection|framework)\"?\s*:", re.MULTILINE)


def _version_1_files() -> list[Path]:
    """Every model file of the repository (examples, fixtures, snapshots' sources) that is version 1."""
    found = []
    for folder in ("examples", "tests/fixtures", "src/osallisuuden_palaset/data", "plugins"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".yaml", ".yml", ".json") or "broken" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if not DOCUMENT_KEY.search(text):
                continue
            reading = read_text(text, name=str(path), json_syntax=path.suffix == ".json")
            if reading.problems or parse(reading, str(path)).problems:
                continue  # a fixture that is broken on purpose
            if file_version(reading.data)[0] == 1:
                found.append(path)
    return found


VERSION_1 = _version_1_files()


def test_the_repository_has_version_1_files_to_migrate() -> None:
    assert len(VERSION_1) >= 20
    assert ROOT / "examples" / "paivakeskus-pandemia.yaml" in VERSION_1  # the example kept at version 1


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.mark.parametrize("path", VERSION_1, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_version_1_file_migrates_to_a_valid_version_2_file_keeping_its_comments(path: Path) -> None:
    before = path.read_text(encoding="utf-8")
    migration = migrate_text(before, path.name)
    assert migration.problems == ()
    assert migration.changed
    reading = read_text(migration.after, name=path.name, json_syntax=path.suffix == ".json")
    assert file_version(reading.data) == (2, None)
    assert parse(reading, path.name).problems == ()
    assert _comments(migration.after) == _comments(before)
    # Only the version line is new or changed: every other line stays as written.
    added = [
        line for line in migration.diff().splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    assert len(added) == 1
    assert "version" in added[0]
    again = migrate_text(migration.after, path.name)
    assert again.after == migration.after
    assert not again.changed


def test_version_1_written_out_is_rewritten_where_it_stands() -> None:
    text = "# kommentti\nversion: '1'   # vanha\npractice: {id: a, name: A}\n"
    assert (
        migrate_text(text, "a.yaml").after
        == "# kommentti\nversion: 2   # vanha\npractice: {id: a, name: A}\n"
    )


def test_json_gets_the_version_key_before_the_document_key() -> None:
    text = '{\r\n  "practice": {"id": "a", "name": "A"}\r\n}\r\n'
    after = migrate_text(text, "a.json").after
    assert after == '{\r\n  "version": 2,\r\n  "practice": {"id": "a", "name": "A"}\r\n}\r\n'


def test_a_file_using_version_2_fields_without_saying_so_becomes_valid() -> None:
    text = "practice:\n  id: a\n  name: A\n  steps:\n    - {id: s, name: S, modality: outreach}\n"
    migration = migrate_text(text, "a.yaml")
    assert migration.problems == ()
    assert migration.after.startswith("version: 2\npractice:")


def test_a_file_that_cannot_be_migrated_reports_why_and_keeps_its_text() -> None:
    text = "practice:\n  id: a\n  steps: 3\n"
    migration = migrate_text(text, "a.yaml")
    assert migration.problems
    assert migration.after == text
    assert not migration.changed
    unknown = migrate_text("version: 9\npractice: {id: a, name: A}\n", "b.yaml")
    assert [(p.line, p.col) for p in unknown.problems] == [(1, 10)]
    assert migrate_text("columns: {}\n", "c.yaml").problems[0].message.startswith("not a model file")


def test_migrate_file_writes_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("practice: {id: a, name: A}\n", encoding="utf-8")
    assert migrate_file(path, write=False).changed
    assert path.read_text(encoding="utf-8") == "practice: {id: a, name: A}\n"
    assert migrate_file(path).changed
    assert path.read_text(encoding="utf-8") == "version: 2\npractice: {id: a, name: A}\n"
    assert not migrate_file(path).changed
