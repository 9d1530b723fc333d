"""Built-in frameworks: THL's 2023 framework and Sokra's 2017 framing, read from package data."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from osallisuuden_palaset.files.loading import load_framework
from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.model.framework import Framework

#: The framework files shipped in ``osallisuuden_palaset/data/frameworks/``, in listing order.
FRAMEWORK_FILES: tuple[str, ...] = ("thl.yaml", "sokra-2017.yaml")


@functools.cache
def builtin_framework(file_name: str) -> Framework:
    """Load one shipped framework file with the same loader as users' files (cached: it never changes)."""
    beside = Path(__file__).resolve().parents[1] / "data" / "frameworks" / file_name
    if beside.is_file():  # an unpacked package: no need to import importlib.resources at start
        return load_framework(beside)
    from importlib import resources  # pragma: no cover - a zipped package

    resource = resources.files("osallisuuden_palaset").joinpath(
        "data", "frameworks", file_name
    )  # pragma: no cover
    with resources.as_file(resource) as path:  # pragma: no cover
        return load_framework(path)


@hookimpl
def register_frameworks(register: Callable[..., None]) -> None:
    """Register every shipped framework."""
    for file_name in FRAMEWORK_FILES:
        register(builtin_framework(file_name))
