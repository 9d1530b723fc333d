"""``palaset migrate``: version 1 files become version 2 in place, --dry-run shows the diff, twice is once."""

from __future__ import annotations

import shutil
from pathlib import Path

from osallisuuden_palaset.testing import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OLD = "# Kahvila\npractice:\n  id: kahvila\n  name: Kahvila  # nimi\n"


def test_migrate_writes_version_2_keeping_everything_else(tmp_path: Path) -> None:
    path = tmp_path / "kahvila.yaml"
    path.write_text(OLD, encoding="utf-8")
    result = run_cli(["--lang", "en", "migrate", str(path)])
    assert result.exit_code == 0, result.output
    assert (
        path.read_text(encoding="utf-8")
        == "# Kahvila\nversion: 2\npractice:\n  id: kahvila\n  name: Kahvila  # nimi\n"
    )
    assert result.stdout == f"{path}: now version 2\n1 file migrated\n"
    again = run_cli(["--lang", "en", "migrate", str(path)])
    assert again.exit_code == 0
    assert again.stdout == "0 files migrated\n"


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "kahvila.yaml"
    path.write_text(OLD, encoding="utf-8")
    result = run_cli(["--lang", "en", "migrate", "--dry-run", str(path)])
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == OLD
    assert f"--- {path}\n+++ {path}\n" in result.stdout
    assert "+version: 2\n" in result.stdout
    assert result.stderr == "1 file would change\n"


def test_a_folder_of_examples_migrates_and_still_validates(tmp_path: Path) -> None:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    assert run_cli(["migrate", str(folder)]).exit_code == 0
    assert run_cli(["migrate", "--dry-run", str(folder)]).stdout == ""
    validated = run_cli(["--lang", "en", "validate", str(folder)])
    assert validated.exit_code == 0, validated.output


def test_a_broken_file_is_named_in_finnish_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "rikki.yaml"
    path.write_text("version: 5\npractice: {id: a, name: A}\n", encoding="utf-8")
    result = run_cli(["migrate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1:10: tuntematon tiedostomuodon versio 5; tuetut versiot: 1, 2" in result.stderr
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == "version: 5\npractice: {id: a, name: A}\n"
