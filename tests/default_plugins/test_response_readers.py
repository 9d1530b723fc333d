"""The built-in CSV response reader is registered like a plugin's; no two readers may claim one suffix."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.plugins.registry import DuplicateError, get_response_readers, provenance
from osallisuuden_palaset.surveying.csv_tables import CSV_READER, read_csv_table
from osallisuuden_palaset.surveying.tables import ResponseReader
from osallisuuden_palaset.testing import make_plugin_manager, run_cli


class Giver:
    def __init__(self, plugin_name: str, *readers: object) -> None:
        self.plugin_name, self.readers = plugin_name, readers

    @hookimpl
    def register_response_readers(self, register: Callable[..., None]) -> None:
        for reader in self.readers:
            register(reader)


def test_the_csv_reader_is_a_built_in_plugin() -> None:
    pm = make_plugin_manager()
    assert get_response_readers(pm)["csv"] is CSV_READER
    assert provenance(pm, "response_readers", "csv") == "response_readers"


def test_two_readers_claiming_one_suffix_are_an_error_naming_both_plugins() -> None:
    other = ResponseReader(name="toinen", suffixes=(".tsv",), read=read_csv_table, description="Toinen")
    pm = make_plugin_manager(Giver("kilpailija", other))
    with pytest.raises(DuplicateError) as caught:
        get_response_readers(pm)
    assert str(caught.value) == (
        "response readers 'csv' (plugin 'response_readers') and 'toinen' (plugin 'kilpailija') both read "
        ".tsv files; uninstall one or disable it with PALASET_DISABLE_PLUGINS"
    )


def test_the_reader_plugin_in_the_docs_reads_answers(tmp_path: Path) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "plugins.md").read_text(encoding="utf-8")
    part = doc[doc.index("### register_response_readers") :]
    blocks = part.split("```python\n")
    plugin = tmp_path / "palaset_putket.py"
    plugin.write_text(blocks[2][: blocks[2].index("```")], encoding="utf-8")
    answers = tmp_path / "vastaukset.psv"
    rows = [f"h{n}|" + "|".join(str(n + 2) * 10) for n in (1, 2, 3)]  # all 3s, 4s and 5s: 50, 75, 100
    answers.write_text("\n".join(["tunniste|" + "|".join(f"k{n}" for n in range(1, 11)), *rows]) + "\n")
    result = run_cli(
        ["--plugin", str(plugin), "survey", "score", str(answers), "--min-group", "3", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    total = json.loads(result.stdout)["total"]
    assert (total["n"], total["mean"]) == (3, 75.0)
