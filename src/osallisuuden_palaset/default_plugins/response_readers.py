"""Built-in response readers: CSV (the xlsx plugin adds Excel workbooks the same way)."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.surveying.csv_tables import CSV_READER


@hookimpl
def register_response_readers(register: Callable[..., None]) -> None:
    """Register the CSV reader."""
    register(CSV_READER)
