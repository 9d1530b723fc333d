"""Jupyter display: SVG through IPython's formatters, text when Graphviz is missing, never an exception."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from osallisuuden_palaset import Block, Collection, Practice, Project
from osallisuuden_palaset.notebook import SVG, Diagram, register_formatters, svg_formatter

PRACTICE = Practice("malli", "Koemalli <&>", steps=(Block("a", "Alku"),))


class FakeFormatter:
    """Records ``for_type`` registrations as IPython's ``BaseFormatter`` would."""

    def __init__(self) -> None:
        self.printers: dict[type, Callable[[object], Any]] = {}

    def for_type(self, cls: type, func: Callable[[object], Any]) -> None:
        self.printers[cls] = func


class FakeShell:
    def __init__(self) -> None:
        self.display_formatter = types.SimpleNamespace(formatters={SVG: FakeFormatter()})


def test_registers_an_svg_formatter_for_every_model_kind() -> None:
    shell = FakeShell()
    assert register_formatters(shell)
    printers = shell.display_formatter.formatters[SVG].printers
    assert set(printers) == {Practice, Project, Collection}


def test_does_nothing_without_ipython(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    assert not register_formatters()


def test_does_nothing_outside_a_running_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("IPython")
    fake.get_ipython = lambda: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert not register_formatters()


def test_a_shell_without_formatters_is_left_alone() -> None:
    assert not register_formatters(types.SimpleNamespace())


@pytest.mark.requires_dot
def test_practices_show_as_svg() -> None:
    svg = svg_formatter(PRACTICE)
    assert svg is not None
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg
    assert "Koemalli &lt;&amp;&gt;" in svg
    bundle = Diagram(PRACTICE, view="framework")._repr_mimebundle_()
    assert "<svg" in bundle[SVG]


def test_without_graphviz_the_text_shows_and_nothing_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert svg_formatter(PRACTICE) is None
    bundle = Diagram(PRACTICE)._repr_mimebundle_()
    assert SVG not in bundle
    assert "Practice malli: Koemalli <&>" in bundle["text/plain"]
    assert "apt-get install graphviz" in bundle["text/plain"]


def test_other_objects_are_not_drawn() -> None:
    assert svg_formatter("not a model") is None


def test_bad_options_give_text_not_an_exception() -> None:
    bundle = Diagram(PRACTICE, view="nonsense")._repr_mimebundle_()
    assert SVG not in bundle
    assert "nonsense" in bundle["text/plain"]
