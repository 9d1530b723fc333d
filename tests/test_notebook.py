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


# -- the workspace a model came from, fitting the cell, tables -----------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _loaded() -> Any:
    from osallisuuden_palaset import load_workspace
    from osallisuuden_palaset.plugins.registry import get_frameworks
    from osallisuuden_palaset.testing import make_plugin_manager

    return load_workspace([EXAMPLES], frameworks=get_frameworks(make_plugin_manager()).values())


def test_a_loaded_practice_draws_its_reused_blocks_from_the_workspace_it_came_from() -> None:
    from osallisuuden_palaset.files.origins import context_of

    workspace = _loaded()
    practice = workspace.collection.practice("oma-polku")  # reuses the Helmi cards of a catalogue
    assert context_of(practice) is workspace.context
    source = Diagram(practice).source()
    assert "ei löydy" not in source
    assert "Helmi-kortit" in source
    assert context_of(Practice("uusi", "Uusi")) is None  # built in code: nothing to remember


def test_a_forgotten_model_leaves_no_entry_behind() -> None:
    import gc

    from osallisuuden_palaset.files import origins

    workspace = _loaded()
    before = len(origins._ORIGINS)
    del workspace
    gc.collect()
    assert len(origins._ORIGINS) < before


def test_a_diagram_fits_the_cell_width_and_scrolls_when_it_must() -> None:
    from osallisuuden_palaset.notebook import fitted

    svg = '<?xml version="1.0"?>\n<svg width="2000pt" height="300pt" viewBox="0 0 2000 300"><g/></svg>'
    shown = fitted(svg)
    assert shown.startswith('<div style="max-width:2000pt;width:100%;overflow-x:auto"><svg')
    assert 'width="2000pt"' not in shown
    assert 'style="max-width:100%;height:auto"' in shown
    assert 'viewBox="0 0 2000 300"' in shown
    assert "<?xml" not in shown
    assert fitted("no svg here") == "no svg here"


def test_blocks_and_assessments_show_as_small_tables_in_the_notebook_language() -> None:
    from osallisuuden_palaset.assessing.assessment import assess_collection
    from osallisuuden_palaset.messages.labels import label
    from osallisuuden_palaset.notebook import html_formatter, set_language
    from osallisuuden_palaset.notebook.tables import _CELL

    workspace = _loaded()
    block = workspace.collection.catalogues[0].blocks[0]
    table = html_formatter(block)
    assert table is not None
    assert table.startswith("<table")
    assert f"<td {_CELL}>{label('kind', 'fi')}</td>" in table
    assert block.name.get("fi") in table
    assessment = assess_collection(workspace.collection, workspace.context, [])
    shown = html_formatter(assessment)
    assert shown is not None
    assert "katettu" in shown
    assert html_formatter(assessment.practices[0]) is not None
    set_language("sv")
    try:
        assert "täckt" in (html_formatter(assessment.totals[0]) or "")
    finally:
        set_language("fi")
    with pytest.raises(ValueError, match="language 'de' is not one of fi, en, sv"):
        set_language("de")  # type: ignore[arg-type]
    assert html_formatter("not a model") is None


def test_user_text_in_a_table_is_escaped() -> None:
    from osallisuuden_palaset.notebook import html_formatter

    table = html_formatter(Block("b", "<script>x</script> & co"))
    assert table is not None
    assert "<script>" not in table
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in table


def test_html_formatters_are_registered_where_the_shell_has_them() -> None:
    from osallisuuden_palaset.assessing.assessment import Assessment
    from osallisuuden_palaset.notebook import HTML

    shell = FakeShell()
    shell.display_formatter.formatters[HTML] = FakeFormatter()
    assert register_formatters(shell)
    printers = shell.display_formatter.formatters[HTML].printers
    assert {Practice, Block, Assessment} <= set(printers)
