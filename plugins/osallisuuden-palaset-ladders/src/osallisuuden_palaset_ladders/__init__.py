"""Participation ladders and models as frameworks: Arnstein, Hart, IAP2, Lundy, Shier, osallisuuden muodot."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable

from osallisuuden_palaset import Framework, hookimpl
from osallisuuden_palaset.files.loading import load_framework

__all__ = ["FRAMEWORK_IDS", "framework_files", "load_frameworks", "register_frameworks"]

#: The frameworks this plugin registers, in registration order; each is ``frameworks/<id>.yaml``.
FRAMEWORK_IDS: tuple[str, ...] = ("arnstein", "hart", "iap2", "lundy", "shier", "osallisuuden-muodot")


def framework_files() -> tuple[Traversable, ...]:
    """The packaged framework files, one per id in FRAMEWORK_IDS."""
    folder = resources.files(__name__) / "frameworks"
    return tuple(folder / f"{ident}.yaml" for ident in FRAMEWORK_IDS)


def load_frameworks() -> tuple[Framework, ...]:
    """Every packaged framework, loaded and checked like a user's framework file."""
    loaded = []
    for file in framework_files():
        with resources.as_file(file) as path:
            loaded.append(load_framework(path))
    return tuple(loaded)


@hookimpl
def register_frameworks(register: Callable[..., None]) -> None:
    """Register the ladders and models as frameworks."""
    for framework in load_frameworks():
        register(framework)
