"""Old import paths of moved modules: each still imports, with a ``DeprecationWarning``, for one release."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import types
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from importlib.abc import Loader, MetaPathFinder
else:  # importlib.abc imports importlib.resources and tempfile: too much for every start
    from importlib._abc import Loader

    MetaPathFinder = object

#: Old module path → where the module lives now (moved before 0.1.0; the old paths go in 0.2.0).
MOVED: Final[dict[str, str]] = {
    f"osallisuuden_palaset.{old}": f"osallisuuden_palaset.{new}"
    for old, new in {
        "atomicfile": "files.atomicfile",
        "converting": "files.converting",
        "exporting": "output.exporting",
        "flattening": "composing.flattening",
        "folder_lock": "files.folder_lock",
        "input_guard": "files.input_guard",
        "plugins.isolating": "isolating",
        "labels": "messages.labels",
        "loading": "files.loading",
        "loading_document": "files.document",
        "loading_shape": "files.shape",
        "loading_siblings": "files.siblings",
        "pieces": "composing.pieces",
        "plugin_selection": "plugins.selection",
        "reading": "files.reading",
        "reading_events": "files.reading_events",
        "reading_json": "files.reading_json",
        "reading_limits": "files.reading_limits",
        "reading_nodes": "files.reading_nodes",
        "reading_surrogates": "files.reading_surrogates",
        "registry": "plugins.registry",
        "rendering_output": "rendering.svg",
        "rendering_process": "rendering.process",
        "reporting": "output.reporting",
        "schema": "files.schema",
        "templating": "output.templating",
        "writing": "files.writing",
        "diagram.labels": "diagram.dot_labels",
        "surveying.labels": "messages.survey_words",
    }.items()
}


class _Alias(Loader):
    """Load an old path as the module at its new path (the same module object, not a copy)."""

    def __init__(self, new: str) -> None:
        self.new = new
        self.spec: importlib.machinery.ModuleSpec | None = None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        warnings.warn(
            f"{spec.name} has moved to {self.new}; the old path goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        module = importlib.import_module(self.new)
        self.spec = module.__spec__
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run; give back the module's own spec, which the import system replaced."""
        module.__spec__ = self.spec


class MovedFinder(MetaPathFinder):
    """Find the old path of a moved module, and only those."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        new = MOVED.get(fullname)
        if new is None:
            return None
        return importlib.util.spec_from_loader(fullname, _Alias(new))


def install() -> None:
    """Put the finder on ``sys.meta_path`` once."""
    if not any(isinstance(finder, MovedFinder) for finder in sys.meta_path):
        sys.meta_path.append(MovedFinder())
