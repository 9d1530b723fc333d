"""Tell when an output would overwrite an input, or be read as one the next time the inputs are loaded."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from osallisuuden_palaset.files.finding import model_files, read_from


class Relation(enum.Enum):
    """How an output meets an input."""

    #: The output is the input file (also through a symlink or a hard link).
    SAME = "same"
    #: The output would be read as a model file when the input folder is loaded.
    INSIDE = "inside"
    #: An output folder holds the input.
    HOLDS = "holds"


@attrs.frozen
class Clash:
    """An output that would destroy an input or mix with it: which input, and how."""

    input: Path
    relation: Relation


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` are one file (device and inode), links followed; False if one is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def file_clash(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> Clash | None:
    """How writing the file ``output`` would meet one of ``inputs`` (files or folders), or None.

    An input file must not be replaced; an input folder must not get (or lose) a model file.
    """
    for given in map(Path, inputs):
        if given.is_dir():
            if read_from(given, output) or any(same_file(output, f) for f in model_files(given)):
                return Clash(given, Relation.INSIDE)
        elif same_file(output, given):
            return Clash(given, Relation.SAME)
    return None


def folder_clash(folder: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> Clash | None:
    """How an output ``folder`` would meet one of ``inputs``, or None.

    Refused: the input folder itself, a folder inside one (unless hidden: the loader skips
    those), and a folder that holds an input.
    """
    out = Path(os.path.realpath(folder))
    for given in map(Path, inputs):
        real = Path(os.path.realpath(given))
        if real.is_relative_to(out):
            return Clash(given, Relation.SAME if real == out else Relation.HOLDS)
        hidden = out.is_relative_to(real) and any(p.startswith(".") for p in out.relative_to(real).parts)
        if given.is_dir() and out.is_relative_to(real) and not hidden:
            return Clash(given, Relation.INSIDE)
    return None
