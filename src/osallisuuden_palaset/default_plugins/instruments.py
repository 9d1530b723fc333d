"""Built-in survey instruments: the structure of THL's inclusion indicator (ESIS), read from package data."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from osallisuuden_palaset.hookspecs import hookimpl

if TYPE_CHECKING:
    from osallisuuden_palaset.model.survey import Instrument

#: The instrument files shipped in ``osallisuuden_palaset/data/instruments/``, in listing order.
INSTRUMENT_FILES: tuple[str, ...] = ("esis.yaml",)


@functools.cache
def builtin_instrument(file_name: str) -> Instrument:
    """Load one shipped instrument file with the same loader as users' files (cached: it never changes)."""
    # Imported here: commands that use no instruments (validate, diagram) do not pay for them.
    from importlib import resources

    from osallisuuden_palaset.surveying.instruments import load_instrument

    resource = resources.files("osallisuuden_palaset").joinpath("data", "instruments", file_name)
    with resources.as_file(resource) as path:
        return load_instrument(path)


@hookimpl
def register_instruments(register: Callable[..., None]) -> None:
    """Register every shipped instrument."""
    for file_name in INSTRUMENT_FILES:
        register(builtin_instrument(file_name))
