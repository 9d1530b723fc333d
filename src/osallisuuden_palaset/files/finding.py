"""Which files a load reads: the model files a folder holds, those beside named files, and what is skipped."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from osallisuuden_palaset.errors import Problem
from osallisuuden_palaset.messages.catalogue import msg, say
from osallisuuden_palaset.messages.text import Lang

__all__ = [
    "MODEL_SUFFIXES",
    "Skipped",
    "files_of",
    "is_model_file",
    "model_files",
    "read_from",
    "siblings_of",
]

#: File name endings read as model files in a folder.
MODEL_SUFFIXES = (".yaml", ".yml", ".json")


@attrs.frozen
class Skipped:
    """A file in a folder that is named like a model file but was not read, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: Lang) -> str:
        """``PATH: skipped: reason`` in ``lang``."""
        return say(lang, "{path}: skipped: {reason}", path=self.path, reason=self.reason)


def siblings_of(roots: Sequence[Path], loaded: Sequence[Path]) -> list[Path]:
    """Model files beside the named files (not below them), except those loaded anyway."""
    taken = {p.resolve() for p in loaded}
    found: list[Path] = []
    for folder in dict.fromkeys(r.parent for r in roots if r.is_file()):
        for path in sorted(folder.iterdir()):
            if path.is_file() and is_model_file(path.name) and path.resolve() not in taken:
                taken.add(path.resolve())
                found.append(path)
    return found


def model_files(
    folder: str | os.PathLike[str], *, on_skip: Callable[[Skipped], None] | None = None
) -> list[Path]:
    """Model files in ``folder`` and below, sorted; hidden files and ``*.schema.json`` skipped.

    Only regular files (or links to them) are read: a named pipe, socket or device named like
    a model file, and a symbolic link that loops, are left out and passed to ``on_skip``
    (reading a pipe would wait for a writer forever). Links to folders are not followed.
    """
    found: list[Path] = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if is_model_file(name):
                path = Path(top, name)
                reason = _not_readable(path)
                if reason is None:
                    found.append(path)
                elif on_skip is not None:
                    on_skip(Skipped(str(path), reason))
    return found


def read_from(folder: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """Whether loading ``folder`` would read ``path``: a model file in it or below, not in a hidden folder."""
    inside = Path(os.path.realpath(path))
    top = Path(os.path.realpath(folder))
    if not inside.is_relative_to(top) or inside == top:
        return False
    parts = inside.relative_to(top).parts
    return is_model_file(parts[-1]) and not any(p.startswith(".") for p in parts[:-1])


def _not_readable(path: Path) -> str | None:
    """Why ``path`` is not read as a model file (None: it is a regular file, or its problem is reported)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        # A link to nothing, or a file that cannot be read, is reported when it is opened.
        return msg("a symbolic link that loops") if error.errno == errno.ELOOP else None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return msg("a named pipe (FIFO), not a file")
    if stat.S_ISSOCK(mode):
        return msg("a socket, not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("a device, not a file")
    return msg("not a regular file")


def is_model_file(name: str) -> bool:
    lower = name.lower()
    return not name.startswith(".") and lower.endswith(MODEL_SUFFIXES) and not lower.endswith(".schema.json")


def files_of(root: Path, on_skip: Callable[[Skipped], None] | None) -> tuple[list[Path], Problem | None]:
    """The model files ``root`` names: itself, or those its folder holds.

    A pipe or device named on its own is read, up to the size limit like any file
    (``palaset validate <(generate-model)`` works).
    """
    if root.is_dir():
        found = model_files(root, on_skip=on_skip)
        if not found:
            return [], Problem(
                str(root), 1, 1, msg("the folder has no model files: add *.yaml, *.yml or *.json files to it")
            )
        return found, None
    if root.exists():
        return [root], None
    return [], Problem(str(root), 1, 1, msg("no such file or folder: check the path and its spelling"))
