"""The file format's version: what a file says, what it may say, and where a wrong one is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.files.format_version import CURRENT, UNSAID, VERSIONS, file_version
from osallisuuden_palaset.files.loading import load_framework, loads
from osallisuuden_palaset.messages.catalogue import localize

BODY = "practice:\n  id: m\n  name: M\n"


@pytest.mark.parametrize(
    ("head", "version"), [("", 1), ("version: 1\n", 1), ("version: 2\n", 2), ("version: '2'\n", 2)]
)
def test_a_known_version_or_none_loads(head: str, version: int) -> None:
    assert loads(head + BODY, name="m.yaml").model.id == "m"
    assert file_version({"version": 2} if version == 2 else {})[0] in VERSIONS


def test_no_version_is_version_1() -> None:
    assert file_version({"practice": {}}) == (UNSAID, None)
    assert UNSAID == 1
    assert CURRENT == 2


@pytest.mark.parametrize("value", ["7", "'2.0'", "true", "[2]", "0"])
def test_an_unknown_version_is_located_and_names_the_supported_ones(value: str) -> None:
    with pytest.raises(LoadError) as info:
        loads(BODY + f"version: {value}\n", name="m.yaml")
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.col) == ("m.yaml", 4, 10)
    assert "supported versions: 1, 2" in problem.message
    assert "version: 2" in (problem.hint or "")


def test_the_version_problem_speaks_finnish() -> None:
    with pytest.raises(LoadError) as info:
        loads("version: 3\n" + BODY, name="m.yaml")
    (problem,) = info.value.problems
    assert localize(problem.message, "fi") == "tuntematon tiedostomuodon versio 3; tuetut versiot: 1, 2"


def test_a_framework_file_checks_its_version_too(tmp_path: Path) -> None:
    text = "version: 9\nframework:\n  id: f\n  name: F\n  kind: categorical\n  source: {title: T}\n"
    text += "  dimensions: [{id: d1, name: D}]\n"
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match="supported versions"):
        load_framework(path)
