"""Tests of ``palaset validate``."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

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
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["referenced"] == []
    assert {"file", "line", "col", "message"} <= set(data["problems"][0])


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(["validate", str(tmp_path / "nothing.yaml")])
    assert result.exit_code == 2


def _include_r(folder: Path, r: str) -> Path:
    (folder / "r.yaml").write_text(r, encoding="utf-8")
    q = folder / "q.yaml"
    q.write_text("practice:\n  id: q\n  name: Q\n  steps:\n    - {id: b, include: r}\n", encoding="utf-8")
    return q


def test_validate_single_file_fails_on_a_broken_included_sibling(tmp_path: Path) -> None:
    q = _include_r(tmp_path, "practice:\n  id: r\n  name: R\n  steps:\n    - {id: x, name: X, bogus: 1}\n")
    result = run_cli(["--lang", "fi", "validate", str(q)])
    assert result.exit_code == 1
    assert "kunnossa" not in result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{tmp_path / 'r.yaml'}:5:")
    assert "'bogus'" in line
    data = json.loads(run_cli(["validate", "--format", "json", str(q)]).stdout)
    assert data["valid"] is False
    assert data["referenced"] == [str(tmp_path / "r.yaml")]
    assert [p["file"] for p in data["problems"]] == [str(tmp_path / "r.yaml")]


def test_validate_names_the_sibling_files_it_read_as_context(tmp_path: Path) -> None:
    q = _include_r(tmp_path, "practice: {id: r, name: R}\n")
    (tmp_path / "muu.yaml").write_text("practice: {id: muu, name: Muu}\n", encoding="utf-8")
    said = {
        "fi": "Myös viitattu tiedosto tarkistettiin: ",
        "en": "Referenced file checked too: ",
        "sv": "Den refererade filen kontrollerades också: ",
    }
    for lang, words in said.items():
        result = run_cli(["--lang", lang, "validate", str(q)])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[1] == words + str(tmp_path / "r.yaml")
    data = json.loads(run_cli(["validate", "--format", "json", str(q)]).stdout)
    assert data == {"valid": True, "problems": [], "referenced": [str(tmp_path / "r.yaml")]}
    folder = run_cli(["--lang", "en", "validate", str(tmp_path)])
    assert folder.exit_code == 0
    assert "Referenced" not in folder.stdout


PLUGINS = Path(__file__).parents[1] / "fixtures" / "plugins"


def test_validate_with_a_plugin_exiting_at_import_still_reports_a_nul_byte(tmp_path: Path) -> None:
    """A plugin calling sys.exit() at import once made validate pass this file, exit 0, silently."""
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"practice:\n  id: nul\n  name: a\x00b\n")
    plugin = str(PLUGINS / "kokeilu_exit_at_import.py")
    result = run_cli(["--lang", "en", "--plugin", plugin, "validate", str(nul)])
    assert result.exit_code == 1
    assert "palaset: warning: plugin 'kokeilu_exit_at_import'" in result.stderr
    assert "SystemExit: 0 (plugin code must raise an exception, not exit the program)" in result.stderr
    assert f"{nul}:3:10: the file contains the control character U+0000" in result.stderr


def test_strict_mode_stops_validate_at_a_plugin_exiting_at_import(tmp_path: Path) -> None:
    good = tmp_path / "ok.yaml"
    good.write_text("practice:\n  id: ok\n  name: OK\n", encoding="utf-8")
    plugin = str(PLUGINS / "kokeilu_exit_at_import.py")
    result = run_cli(
        ["--lang", "en", "--plugin", plugin, "validate", str(good)], env={"PALASET_STRICT_PLUGINS": "1"}
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("palaset: plugin 'kokeilu_exit_at_import'")
    assert "SystemExit" in result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and symbolic links are POSIX")
def test_validate_skips_a_fifo_and_a_symlink_loop_in_a_folder_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "malli.yaml").write_text("practice:\n  id: m\n  name: M\n", encoding="utf-8")
    os.mkfifo(tmp_path / "putki.yaml")
    (tmp_path / "itse.yaml").symlink_to("itse.yaml")
    result = run_cli(["--lang", "en", "validate", str(tmp_path)])  # hung on the pipe before
    assert result.exit_code == 0, result.output
    assert "1 file valid" in result.stdout
    assert f"palaset: note: {tmp_path / 'itse.yaml'}: skipped: a symbolic link that loops" in result.stderr
    assert (
        f"palaset: note: {tmp_path / 'putki.yaml'}: skipped: a named pipe (FIFO), not a file" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_two_practices_malli_and_malli_newline_are_not_both_valid(tmp_path: Path) -> None:
    # Both used to pass and show as 'malli'; the second's files had a newline in their names.
    (tmp_path / "a.yaml").write_text("practice:\n  id: malli\n  name: A\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"practice": {"id": "malli\\n", "name": "B"}}', encoding="utf-8")
    result = run_cli(["--lang", "en", "validate", str(tmp_path)])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{tmp_path / 'b.json'}:1:21: id 'malli\\n' is not a valid id"), line
