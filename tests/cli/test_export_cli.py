"""``palaset export`` and ``palaset formats`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osallisuuden_palaset.testing import RecordingExporter, run_cli

PRACTICE = """\
practice:
  id: kahvila
  name: {fi: Olohuonekahvila, en: Living-room café}
  steps:
    - id: kutsu
      name: "<b>Kutsu</b> & tervetuloa"
      mappings: [{target: p4, strength: strong}]
    - id: kahvit
      name: "=1+1"
      mappings: [{target: d3}]
  flows:
    - {source: kutsu, target: kahvit}
"""
PROJECT = """\
project:
  id: hanke
  name: Hanke
  practices:
    - id: toinen
      name: Toinen
      steps: [{id: a, name: A}]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "kahvila.yaml").write_text(PRACTICE, encoding="utf-8")
    (tmp_path / "hanke.yaml").write_text(PROJECT, encoding="utf-8")
    return tmp_path


def test_a_practice_file_exports_to_stdout(folder: Path) -> None:
    result = run_cli(["--lang", "en", "export", str(folder / "kahvila.yaml"), "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Living-room café\n")
    assert "\\<b\\>Kutsu\\</b\\> \\& tervetuloa" in result.stdout


def test_a_folder_exports_the_collection_and_practice_picks_one(folder: Path) -> None:
    whole = run_cli(["export", str(folder), "-f", "json"])
    assert whole.exit_code == 0, whole.stderr
    assert list(json.loads(whole.stdout)) == ["collection"]
    one = run_cli(["export", str(folder), "-f", "json", "--practice", "toinen"])
    assert json.loads(one.stdout)["practice"]["id"] == "toinen"


def test_output_file_and_options(folder: Path) -> None:
    target = folder / "out.csv"
    result = run_cli(
        ["export", str(folder / "kahvila.yaml"), "-f", "csv", "-o", str(target), "-O", "delimiter=;"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Toimintamalli (id);Palanen (id);")
    assert ";'=1+1;" in lines[2]


def test_unknown_format_lists_the_known_ones(folder: Path) -> None:
    result = run_cli(["export", str(folder), "-f", "markdwon"])
    assert result.exit_code == 1
    assert "unknown format 'markdwon' (did you mean 'markdown'?)" in result.stderr
    assert "csv, html, json, markdown, mermaid, yaml" in result.stderr
    assert "Traceback" not in result.output


def test_bad_options_are_named(folder: Path) -> None:
    result = run_cli(["export", str(folder), "-f", "csv", "-O", "delimiter=|"])
    assert result.exit_code == 1
    assert "option 'delimiter' of format 'csv' is one of ',', ';', 'tab', not '|'" in result.stderr
    assert run_cli(["export", str(folder), "-f", "csv", "-O", "novalue"]).exit_code == 1


def test_a_format_that_cannot_take_the_kind_says_so(folder: Path) -> None:
    only_practices = RecordingExporter(name="vain", accepts={"practice"})
    result = run_cli(["export", str(folder), "-f", "vain"], plugins=[only_practices])
    assert result.exit_code == 1
    assert "format 'vain' cannot export a collection; it exports: practice" in result.stderr
    ok = run_cli(["export", str(folder), "-f", "vain", "--practice", "kahvila"], plugins=[only_practices])
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["kind"] == "practice"


def test_unknown_practice_names_the_nearest(folder: Path) -> None:
    result = run_cli(["export", str(folder), "-f", "json", "--practice", "kahvla"])
    assert result.exit_code == 1
    assert "no practice 'kahvla'" in result.stderr
    assert "kahvila" in result.stderr


def test_a_failed_export_keeps_the_previous_file(folder: Path) -> None:
    target = folder / "out.csv"
    target.write_text("previous", encoding="utf-8")
    result = run_cli(["export", str(folder), "-f", "csv", "-o", str(target), "-O", "bom=maybe"])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "previous"


def test_formats_lists_every_format_with_what_it_accepts() -> None:
    result = run_cli(["--lang", "en", "formats", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    listing = {f["name"]: f for f in json.loads(result.stdout)}
    assert {"json", "yaml", "markdown", "html", "csv", "mermaid"} <= set(listing)
    assert listing["csv"]["suffix"] == ".csv"
    assert listing["csv"]["accepts"] == ["practice", "project", "collection"]
    assert [o["name"] for o in listing["csv"]["options"]] == ["delimiter", "bom"]
    text = run_cli(["--lang", "en", "formats"])
    assert text.exit_code == 0
    assert "-O delimiter=… [,|;|tab] (default ',')" in text.stdout
