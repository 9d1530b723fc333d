"""Surrogate escapes read alike in YAML and JSON: a pair is its character, a lone half an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.files.loading import load_workspace, loads
from osallisuuden_palaset.files.reading import read_text
from osallisuuden_palaset.testing import run_cli
from tests.default_plugins.exporters.formats import EXPORTERS

PAIR = "\\ud83d\\ude00"  # as a JSON writer escapes 😀


def _problems(text: str, name: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        loads(text, name=name)
    return [str(p) for p in caught.value.problems]


def test_a_json_style_surrogate_pair_in_yaml_is_the_character_it_means() -> None:
    yaml_text = f'practice:\n  id: malli\n  name: "hymy {PAIR} ja \\U0001F600"\n'
    assert loads(yaml_text, name="m.yaml").model.name.fi == "hymy 😀 ja 😀"
    json_text = f'{{"practice": {{"id": "malli", "name": "hymy {PAIR}"}}}}'
    assert loads(json_text, name="m.json").model.name.fi == "hymy 😀"


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        ('practice:\n  id: malli\n  name: "Lone \\ud800 here"\n', "m.yaml", "m.yaml:3:9:"),
        ('practice:\n  id: malli\n  name: M\n  keywords: [ok, "\\udc00"]\n', "m.yaml", "m.yaml:4:18:"),
        ('practice:\n  id: malli\n  name: "\\ude00\\ud83d"\n', "m.yaml", "m.yaml:3:9:"),  # halves swapped
        ('{"practice": {"id": "j",\n "name": "x \\ud800 y"}}', "m.json", "m.json:2:10:"),
        ('practice:\n  id: malli\n  name: M\n  "\\udfff": x\n', "m.yaml", "m.yaml:4:3:"),  # in a key
    ],
)
def test_a_lone_surrogate_is_refused_at_file_line_col(text: str, name: str, where: str) -> None:
    problems = _problems(text, name)
    assert any(p.startswith(where) and "lone surrogate" in p for p in problems), problems
    for problem in problems:
        problem.encode("utf-8")  # every message can be printed


@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1).filter(str.strip))
def test_any_text_written_with_surrogate_escapes_reads_back_as_itself(text: str) -> None:
    escaped = json.dumps(text)  # ASCII only: astral characters become surrogate pairs
    for syntax, source in (("m.json", escaped), ("m.yaml", escaped)):
        reading = read_text(f'{{"practice": {{"id": "x", "name": {source}}}}}', name=syntax)
        assert reading.ok, reading.problems
        assert reading.data["practice"]["name"] == text


def test_lone_surrogates_no_longer_pass_validate_and_pairs_go_through_every_format(tmp_path: Path) -> None:
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "a.yaml").write_text('practice:\n  id: malli\n  name: "Lone \\ud800 here"\n', encoding="utf-8")
    result = run_cli(["--lang", "en", "validate", str(lone)])
    assert result.exit_code == 1
    assert "a.yaml:3:9: the text holds the lone surrogate \\ud800" in result.stderr
    paired = tmp_path / "paired"
    paired.mkdir()
    (paired / "a.yaml").write_text(
        f'practice:\n  id: malli\n  name: "pair {PAIR}"\n  steps:\n    - {{id: a, name: "{PAIR}"}}\n',
        encoding="utf-8",
    )
    assert load_workspace([paired]).collection.practice("malli").name.fi == "pair 😀"
    for name in EXPORTERS:  # markdown, html, csv and mermaid failed with UnicodeEncodeError before
        out = tmp_path / f"out.{name}"
        exported = run_cli(["export", str(paired), "--format", name, "-o", str(out)])
        assert exported.exit_code == 0, exported.output
        assert "😀" in out.read_text(encoding="utf-8"), name
