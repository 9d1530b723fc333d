"""The built-in checks as a plugin: their rules (``check_rules``) load when checks are first asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from osallisuuden_palaset.hookspecs import hookimpl


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    """Register the built-in checks (imported here: commands that run no checks never load them)."""
    from osallisuuden_palaset.default_plugins.check_rules import BUILTIN_CHECKS

    for check in BUILTIN_CHECKS:
        register(check)


def __getattr__(name: str) -> Any:
    """The names of ``check_rules`` (``BUILTIN_CHECKS``, each rule) still import from here (PEP 562)."""
    if name.startswith("__"):
        raise AttributeError(name)
    from osallisuuden_palaset.default_plugins import check_rules

    try:
        return getattr(check_rules, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
