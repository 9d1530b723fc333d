"""Upgrade version 1 model files to version 2 in place: one line changes, the rest is kept as written."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs

from osallisuuden_palaset.errors import Problem
from osallisuuden_palaset.files.atomicfile import write_atomic
from osallisuuden_palaset.files.converting import DOCUMENT_KINDS
from osallisuuden_palaset.files.document import parse
from osallisuuden_palaset.files.format_version import CURRENT, file_version
from osallisuuden_palaset.files.reading import read_text
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.messages.os_errors import os_reason

#: The value of ``version:`` as a version 1 file writes it: ``1``, ``"1"`` or ``'1'``.
_ONE: Final = re.compile(r"""(["']?)1\1""")


@attrs.frozen
class Migration:
    """What migrating one file's text gives: the text before and after, or why it cannot be done."""

    name: str
    before: str
    #: The text in version 2; the same as ``before`` when the file is version 2 already.
    after: str
    problems: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether migrating changes the file."""
        return not self.problems and self.after != self.before

    def diff(self) -> str:
        """The change as a unified diff ("" when nothing changes)."""
        if not self.changed:
            return ""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=self.name,
            tofile=self.name,
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def migrate_text(text: str, name: str) -> Migration:
    """``text`` (the model file ``name``) in the current format version.

    A version 1 file (one without ``version``, or with ``version: 1``) gets ``version: 2``:
    the value is rewritten where it stands, or a line ``version: 2`` goes in right above the
    document key (in JSON, ``"version": 2,`` before it). Nothing else changes, so comments,
    order, quoting and layout stay as written; a file already at version 2 is returned as it
    is, so migrating twice changes nothing. The result is checked as a model file: when it has
    problems (or the file cannot be read), they are returned and the text is not changed.
    """
    json_syntax = name.lower().endswith(".json")
    reading = read_text(text, name=name, json_syntax=json_syntax)
    if reading.problems:
        return Migration(name, text, text, tuple(reading.problems))
    data = reading.data
    kind = next((k for k in data if k in DOCUMENT_KINDS), None) if isinstance(data, Mapping) else None
    if kind is None:
        problem = Problem(name, 1, 1, msg("not a model file: it has no document key to migrate"))
        return Migration(name, text, text, (problem,))
    version, unknown = file_version(data)
    if unknown is not None:
        line, col = reading.values[("version",)]
        return Migration(name, text, text, (Problem(name, line, col, *unknown),))
    if version == CURRENT:
        return Migration(name, text, text)
    lines = text.splitlines(keepends=True)
    if "version" in data:
        line, col = reading.values[("version",)]
        row = lines[line - 1]
        lines[line - 1] = row[: col - 1] + _ONE.sub(str(CURRENT), row[col - 1 :], count=1)
    else:
        line, col = reading.keys[(kind,)]
        lines[line - 1 : line] = _with_version(lines[line - 1], col, json_syntax, _newline(text))
    after = "".join(lines)
    parsed = parse(read_text(after, name=name, json_syntax=json_syntax), name)
    if parsed.problems:
        return Migration(name, text, text, parsed.problems)
    return Migration(name, text, after)


def _with_version(line: str, col: int, json_syntax: bool, newline: str) -> list[str]:
    """``line``, whose document key starts at ``col``, with the version written before the key."""
    before, key = line[: col - 1], line[col - 1 :]
    if not json_syntax and col == 1:
        return [f"version: {CURRENT}{newline}", line]
    quoted = f'"version": {CURRENT},' if json_syntax else f"version: {CURRENT},"
    if before.strip():
        return [f"{before}{quoted} {key}"]
    return [f"{before}{quoted}{newline}", f"{before}{key}"]


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def migrate_file(path: str | os.PathLike[str], *, write: bool = True) -> Migration:
    """Migrate the model file at ``path``; with ``write``, the new text replaces it atomically.

    Raises:
        WriteError: the file cannot be written (it is kept as it was).
    """
    target = Path(path)
    try:
        data = target.read_bytes()
    except OSError as error:
        problem = Problem(str(target), 1, 1, msg("cannot read the file: {reason}", reason=os_reason(error)))
        return Migration(str(target), "", "", (problem,))
    text = data.decode("utf-8", errors="surrogateescape")
    migration = migrate_text(text, str(target))
    if write and migration.changed:
        write_atomic(target, migration.after.encode("utf-8", errors="surrogateescape"))
    return migration
