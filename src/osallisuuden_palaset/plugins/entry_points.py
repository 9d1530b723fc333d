"""One group's entry points, read straight from installed metadata files, without a full scan."""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Sequence

import attrs

_NOT_NAME = re.compile(r"[-_.]+")


@attrs.frozen
class EntryPoint:
    """An entry point as :mod:`importlib.metadata` gives it: name, value and its distribution."""

    name: str
    value: str
    #: The distribution's ``Name:`` and ``Version:`` as its metadata writes them.
    dist_name: str | None = None
    version: str | None = None

    def load(self) -> object:
        """Import the module ``value`` names and return the object after its ``:``, if any."""
        module_name, _, attribute = self.value.partition(":")
        found: object = importlib.import_module(module_name.strip())
        for part in attribute.split()[0].split(".") if attribute.strip() else ():
            found = getattr(found, part)
        return found


def normalized(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``Osallisuuden_Palaset`` → ``osallisuuden-palaset``."""
    return _NOT_NAME.sub("-", name).lower()


def _metadata_dirs(path: Sequence[str]) -> list[str] | None:
    """Every ``*.dist-info`` / ``*.egg-info`` folder on ``path``, first entry first; None: ask importlib."""
    found: list[str] = []
    for entry in path:
        folder = entry or "."
        if os.path.isfile(folder):  # a zip file on the path: importlib.metadata reads those
            return None
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        found += [os.path.join(folder, n) for n in names if n.endswith((".dist-info", ".egg-info"))]
    return found


def _key(folder: str) -> str:
    """The normalized distribution name of a metadata folder (``name-1.0.dist-info`` → ``name``)."""
    return normalized(os.path.basename(folder).rpartition(".")[0].split("-")[0])


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _headers(folder: str) -> tuple[str | None, str | None]:
    """The ``Name:`` and ``Version:`` of the distribution whose metadata is in ``folder``."""
    text = _read(os.path.join(folder, "METADATA" if folder.endswith(".dist-info") else "PKG-INFO"))
    name = version = None
    for line in (text or "").splitlines():
        if not line.strip():
            break  # the headers end at the first empty line
        key, _, value = line.partition(":")
        if key == "Name" and name is None:
            name = value.strip()
        elif key == "Version" and version is None:
            version = value.strip()
    return name, version


def _group(text: str, group: str) -> list[tuple[str, str]]:
    """The ``name = value`` pairs of section ``[group]`` of an ``entry_points.txt``."""
    pairs: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
        elif inside and "=" in line:
            name, _, value = line.partition("=")
            pairs.append((name.strip(), value.strip()))
    return pairs


def entry_points(group: str, path: Sequence[str] | None = None) -> list[EntryPoint] | None:
    """The entry points of ``group`` of every distribution on ``path`` (default ``sys.path``).

    A distribution found twice counts once, the first found, as :mod:`importlib.metadata` does;
    only the ``entry_points.txt`` of each installed distribution is opened, and ``METADATA`` only
    of those that declare ``group``. None when the path holds something only
    :mod:`importlib.metadata` reads (a zip file): the caller then asks it.
    """
    folders = _metadata_dirs(sys.path if path is None else path)
    if folders is None:
        return None
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for folder in folders:
        key = _key(folder)
        if key in seen:
            continue
        seen.add(key)
        text = _read(os.path.join(folder, "entry_points.txt"))
        pairs = _group(text, group) if text else []
        if pairs:
            name, version = _headers(folder)
            found += [EntryPoint(n, v, name, version) for n, v in pairs]
    return found


def version(distribution: str, path: Sequence[str] | None = None) -> str | None:
    """The version of the installed ``distribution`` (None if none is found this way)."""
    key = normalized(distribution)
    for folder in _metadata_dirs(sys.path if path is None else path) or ():
        if _key(folder) == key:
            return _headers(folder)[1]
    return None
