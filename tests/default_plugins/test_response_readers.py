"""The built-in CSV response reader is registered like a plugin's; no two readers may claim one suffix."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.registry import DuplicateError, get_response_readers, provenance
from osallisuuden_palaset.surveying.csv_tables import CSV_READER, read_csv_table
from osallisuuden_palaset.surveying.tables import ResponseReader
from osallisuuden_palaset.testing import make_plugin_manager


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
