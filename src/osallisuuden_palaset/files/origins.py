"""Which workspace a loaded model came from, so that a later display resolves its references there."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context

#: id(model) → (a weak reference to the model, the context it was loaded in). An entry goes when its
#: model is collected; the context lives as long as one of its models does.
_ORIGINS: dict[int, tuple[weakref.ref[object], Context]] = {}


def remember(collection: Collection, context: Context) -> None:
    """Note that ``collection``, its projects and its practices were loaded in ``context``."""
    models: Iterable[object] = (collection, *collection.projects, *collection.all_practices())
    for model in models:
        _ORIGINS[id(model)] = (weakref.ref(model, _forget(id(model))), context)


def _forget(key: int) -> Callable[[weakref.ref[object]], None]:
    """The callback that drops the entry ``key`` once its model is gone (it holds the table itself:
    at interpreter exit the module's globals may be gone before the last models are)."""
    origins = _ORIGINS

    def forget(_: weakref.ref[object]) -> None:
        origins.pop(key, None)

    return forget


def context_of(model: Practice | Project | Collection) -> Context | None:
    """The context ``model`` was loaded in by ``load_workspace``, or None (built in code, or unknown)."""
    found = _ORIGINS.get(id(model))
    if found is None or found[0]() is not model:
        return None
    return found[1]
