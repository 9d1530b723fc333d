"""Hook specifications: what a plugin can contribute. Hooks only ever grow by new keyword arguments."""

from __future__ import annotations

from collections.abc import Callable

import pluggy

PROJECT_NAME = "osallisuuden_palaset"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_frameworks(register: Callable[..., None]) -> None:
    """Register frameworks: call ``register(framework)`` with a ``Framework`` for each."""


@hookspec
def register_exporters(register: Callable[..., None]) -> None:
    """Register export formats: call ``register(exporter)`` with an ``Exporter`` for each."""


@hookspec
def register_checks(register: Callable[..., None]) -> None:
    """Register assessment checks: call ``register(check)`` with a ``Check`` for each."""


@hookspec
def register_catalogues(register: Callable[..., None]) -> None:
    """Register catalogues of reusable blocks: call ``register(catalogue)`` for each."""


@hookspec
def register_instruments(register: Callable[..., None]) -> None:
    """Register survey instruments: call ``register(instrument)`` for each."""


@hookspec
def register_response_readers(register: Callable[..., None]) -> None:
    """Register formats of survey answer files: call ``register(reader)`` with a ``ResponseReader``."""
