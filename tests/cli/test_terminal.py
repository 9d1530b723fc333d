"""Text to a terminal: control sequences from model text and survey cells are shown, never obeyed."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.cli import terminal
from osallisuuden_palaset.cli.terminal import clean, clean_json
from osallisuuden_palaset.testing import run_cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "surveys"
#: Clears the screen, sets the window title, rings, overwrites the line, CSI by itself, and
#: reverses what follows (a "Trojan source" override).
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil/\x07link\x1b]8;;\x07\r\x08\x9b31m\u202eabc\u2066"
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_clean_shows_every_control_as_its_escape_and_keeps_text() -> None:
    assert clean("Ääni 😀\n\tsarkain") == "Ääni 😀\n\tsarkain"
    assert clean("\x1b[31mred\x07") == "\\x1b[31mred\\x07"
    assert clean("\x9b\u202e\r") == "\\x9b\\u202e\\x0d"
    assert not OBEYED.search(clean(HOSTILE))


@given(st.text())
def test_clean_leaves_nothing_a_terminal_obeys_and_changes_nothing_else(text: str) -> None:
    cleaned = clean(text)
    assert not OBEYED.search(cleaned)
    if not OBEYED.search(text):
        assert cleaned == text


@given(
    st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=8)
)
def test_clean_json_is_the_same_json_with_nothing_a_terminal_obeys(data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    assert json.loads(clean_json(text)) == data
    assert not OBEYED.search(clean_json(text))


def test_to_terminal_asks_the_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    assert terminal.to_terminal()
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert not terminal.to_terminal()


def _practice(folder: Path, name: str = "malli.yaml") -> Path:
    path = folder / name
    text = json.dumps(HOSTILE)
    path.write_text(
        f"practice:\n  id: m\n  name: {text}\n  steps:\n    - id: a\n      name: {text}\n", encoding="utf-8"
    )
    return path


def test_validate_messages_quoting_model_text_and_file_names_are_cleaned(tmp_path: Path) -> None:
    bad = tmp_path / "\x1b]0;pwned\x07.yaml"
    bad.write_text("practice:\n  id: m\n  name: M\n  \x1b[2Jnimi: x\n", encoding="utf-8")
    result = run_cli(["validate", str(bad)])
    assert result.exit_code == 1
    assert "\\x1b]0;pwned\\x07.yaml" in result.stderr
    assert not OBEYED.search(result.stderr.replace("\n", ""))


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
def test_export_to_a_terminal_shows_controls_and_to_a_pipe_keeps_every_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    model = _practice(tmp_path)
    piped = run_cli(["export", str(model), "-f", fmt, "--no-checks"])
    assert piped.exit_code == 0, piped.stderr
    assert OBEYED.search(piped.stdout)  # data keeps its characters (JSON escapes only C0 itself)
    monkeypatch.setattr(terminal, "to_terminal", lambda err=False: True)
    shown = run_cli(["export", str(model), "-f", fmt, "--no-checks"])
    assert shown.exit_code == 0, shown.stderr
    assert not OBEYED.search(shown.stdout.replace("\n", "").replace("\t", ""))
    assert "pwned" in shown.stdout


def test_assess_text_on_a_terminal_is_cleaned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _practice(tmp_path)
    monkeypatch.setattr(terminal, "to_terminal", lambda err=False: True)
    result = run_cli(["assess", str(model)])
    assert "pwned" in result.stdout + result.stderr
    assert not OBEYED.search((result.stdout + result.stderr).replace("\n", "").replace("\t", ""))


def test_survey_output_on_a_terminal_shows_cells_controls_as_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "vastaukset.csv"
    rows = (FIXTURES / "esis_start.csv").read_text(encoding="utf-8").splitlines()[:4]
    rows += [
        f"r{i},alku,2024-02-06,{HOSTILE.replace(',', '').replace(chr(13), '')},1,1,1,1,1,1,1,1,1,1"
        for i in range(20, 24)
    ]
    answers.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(terminal, "to_terminal", lambda err=False: True)
    for fmt in ("text", "json"):
        result = run_cli(
            ["survey", "score", str(answers), "--by", "hanke", "--min-group", "3", "--format", fmt]
        )
        assert result.exit_code == 0, result.stderr
        assert "pwned" in result.stdout
        assert not OBEYED.search(result.stdout.replace("\n", ""))
    assert json.loads(result.stdout)  # still JSON
