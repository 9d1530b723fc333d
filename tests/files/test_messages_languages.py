"""Loader and validation problems read in the user's language, each at FILE:LINE:COL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from osallisuuden_palaset.errors import LoadError, Problem, did_you_mean, nearest
from osallisuuden_palaset.files.loading import load_document
from osallisuuden_palaset.messages.catalogue import Message
from osallisuuden_palaset.messages.labels import value_for_label
from osallisuuden_palaset.model.block import Modality, Role, Strength
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.testing import run_cli

BROKEN = Path(__file__).parent.parent / "fixtures" / "broken"
#: Words of the English messages that must not show through a translation.
ENGLISH = (
    "expected", "unknown", "missing", "not", "allowed", "did you mean", "hint", "is", "the", "must",
    "file", "key", "found", "while", "syntax error", "nearest", "known", "duplicate", "unique",
)  # fmt: skip
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def _lines(lang: Lang) -> list[str]:
    result = run_cli(["--lang", lang, "validate", str(BROKEN)])
    assert result.exit_code == 1
    return result.stderr.splitlines()


def _english_words(message: str) -> list[str]:
    """The English message words left in ``message`` once the values it quotes are taken out."""
    unquoted = re.sub(r"'[^']*'", "", message)
    return [w for w in ENGLISH if re.search(rf"\b{w}\b", unquoted, re.IGNORECASE)]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_problem_of_the_broken_fixtures_is_translated(lang: Lang) -> None:
    lines = _lines(lang)
    assert len(lines) == len(_lines("en")) > 10
    for line in lines:
        found = LINE.match(line)
        assert found is not None, line
        assert not _english_words(found["message"]), line


def test_english_stays_as_it_was() -> None:
    lines = _lines("en")
    assert (
        f"{BROKEN / 'rakenne.yaml'}:5:3: unknown key 'nmae' in practice (hint: did you mean 'name'?)" in lines
    )
    assert any(
        "JSON syntax error: Expecting ',' delimiter (hint: check for a missing comma" in x for x in lines
    )


def test_a_problem_renders_in_each_language_and_reads_as_english() -> None:
    with pytest.raises(LoadError) as caught:
        load_document(BROKEN / "rakenne.yaml")
    first = caught.value.problems[0]
    assert str(first).endswith("unknown key 'nmae' in practice (hint: did you mean 'name'?)")
    assert first.render("en") == str(first)
    assert first.render("fi").endswith("tuntematon avain 'nmae' (toimintamalli) (vihje: tarkoititko 'name'?)")
    assert first.render("sv").endswith("okänd nyckel 'nmae' (verksamhetsmodell) (tips: menade du 'name'?)")
    assert caught.value.render("fi").count("\n") == len(caught.value.problems) - 1
    assert Problem("a.csv", 3, None, "plain").render("fi") == "a.csv:3: plain"


def test_a_finnish_or_swedish_value_gets_the_value_to_write(tmp_path: Path) -> None:
    path = tmp_path / "malli.yaml"
    path.write_text(
        "practice:\n  id: m\n  name: M\n  steps:\n    - id: a\n      name: A\n"
        "      modality: etä\n      participants:\n        - role: Deltagare\n          group: G\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        load_document(path)
    hints = [p.hint for p in caught.value.problems]
    assert "'etä' = remote" in hints
    assert "'Deltagare' = participant" in hints
    remote = next(p for p in caught.value.problems if p.hint == "'etä' = remote")
    assert remote.render("fi").endswith("(vihje: 'etä' = remote)")


def test_labels_name_enum_values_in_any_language_and_case() -> None:
    assert value_for_label(Strength, "Vahva") == "strong"
    assert value_for_label(Strength, "stark") == "strong"
    assert value_for_label(Role, "osallistuja") == "participant"
    assert value_for_label(Modality, "etä") == "remote"
    assert value_for_label(Modality, "lentäen") is None


def test_hints_are_messages() -> None:
    assert did_you_mean("nmae", ["name"]) == "did you mean 'name'?"
    three = did_you_mean("ab", ["abc", "abd", "abe"])
    assert isinstance(three, Message)
    assert re.fullmatch(r"did you mean ('ab.') or ('ab.') or ('ab.')\?", three)
    assert three.render("sv").startswith("menade du 'ab")
    hint = nearest("lopu", ["loppu", "alku"])
    assert isinstance(hint, Message)
    assert hint == "nearest: loppu, alku"
    assert hint.render("fi") == "lähimmät: loppu, alku"
