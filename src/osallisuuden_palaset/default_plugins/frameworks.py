"""Built-in frameworks: THL's 2023 framework and Sokra's 2017 framing, read from package data."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources

from ruamel.yaml import YAML

from osallisuuden_palaset.converting import structure
from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.model.framework import Framework

#: The framework files shipped in ``osallisuuden_palaset/data/frameworks/``, in listing order.
FRAMEWORK_FILES: tuple[str, ...] = ("thl.yaml", "sokra-2017.yaml")


@functools.cache
def builtin_framework(file_name: str) -> Framework:
    """Read one shipped framework file (cached: the package data does not change)."""
    resource = resources.files("osallisuuden_palaset").joinpath("data", "frameworks", file_name)
    data = YAML(typ="safe", pure=True).load(resource.read_text(encoding="utf-8"))
    return structure(data["framework"], Framework)


@hookimpl
def register_frameworks(register: Callable[..., None]) -> None:
    """Register every shipped framework."""
    for file_name in FRAMEWORK_FILES:
        register(builtin_framework(file_name))
