"""Built-in response readers: CSV (the xlsx plugin adds Excel workbooks the same way)."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset.hookspecs import hookimpl


@hookimpl
def register_response_readers(register: Callable[..., None]) -> None:
    """Register the CSV reader (imported here: commands that read no answers never load it)."""
    from osallisuuden_palaset.surveying.csv_tables import CSV_READER

    register(CSV_READER)
