"""Shared fixtures of the survey tests: the shipped ESIS structure and a project's own instrument."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.surveying.instruments import load_instrument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "surveys"


@pytest.fixture
def esis() -> Instrument:
    return builtin_instrument("esis.yaml")


@pytest.fixture
def custom() -> Instrument:
    return load_instrument(FIXTURES / "custom.yaml")


@contextlib.contextmanager
def endless_fifo(path: Path) -> Iterator[Path]:
    """A named pipe at ``path`` that a thread fills with NUL bytes until the block ends (like /dev/zero)."""
    os.mkfifo(path)
    stop = threading.Event()

    def endless() -> None:
        with contextlib.suppress(BrokenPipeError), path.open("wb") as pipe:
            while not stop.is_set():
                pipe.write(b"\0" * 65536)

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        stop.set()
        writer.join(timeout=5)
