"""Read YAML 1.2 or JSON text into plain data, with the line and column of every key and value."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs
from ruamel.yaml.reader import Reader

from osallisuuden_palaset.errors import ModelPath, Position, Problem
from osallisuuden_palaset.files.parser_words import json_phrase
from osallisuuden_palaset.files.reading_events import read_events
from osallisuuden_palaset.files.reading_json import JsonPositions
from osallisuuden_palaset.files.reading_limits import LimitExceeded, check_limits
from osallisuuden_palaset.files.reading_nodes import MAX_DEPTH, MAX_NODES, read_composed
from osallisuuden_palaset.files.reading_surrogates import may_hold_surrogates, mend
from osallisuuden_palaset.messages.catalogue import msg, msg_n
from osallisuuden_palaset.messages.os_errors import os_reason

#: Largest model file read, in bytes (5 MiB): far above any real model, well below trouble.
MAX_BYTES: Final = 5 * 1024 * 1024
_BOM = "\ufeff"

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Position", "Reading",
    "decode", "read_bytes", "read_file", "read_text",
]  # fmt: skip


@attrs.frozen
class Reading:
    """What one text held: plain data, where each part of it was written, and what was wrong."""

    #: Plain data (dict, list, str, int, float, bool, None); None when nothing could be read.
    data: Any
    #: ModelPath → (line, col) of each value, both 1-based; ``()`` is the whole document.
    values: Mapping[ModelPath, Position] = attrs.field(factory=dict)
    #: ModelPath → (line, col) of the key that introduces the value at that path.
    keys: Mapping[ModelPath, Position] = attrs.field(factory=dict)
    #: ModelPath → source text of plain scalars read as numbers or booleans (so ``code: 0123`` can stay text).
    raw: Mapping[ModelPath, str] = attrs.field(factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the text was read without problems."""
        return not self.problems


def decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text of ``data`` (a BOM is dropped), or a problem saying why it is not text."""
    if len(data) > MAX_BYTES:
        return None, _too_big(name, len(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, Problem(
            name,
            line,
            col,
            msg("the file is not UTF-8 text (byte {byte})", byte=_hex(data[error.start])),
            msg("save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8)"),
        )
    return text.removeprefix(_BOM), None


def read_bytes(data: bytes, *, name: str, json_syntax: bool = False) -> Reading:
    """Read UTF-8 bytes (with or without a BOM) as YAML 1.2, or as JSON when ``json_syntax``."""
    text, problem = decode(data, name)
    if text is None:
        assert problem is not None
        return Reading(None, problems=(problem,))
    return read_text(text, name=name, json_syntax=json_syntax)


def read_text(text: str, *, name: str, json_syntax: bool = False) -> Reading:
    """Read YAML 1.2 text (or JSON when ``json_syntax``) into plain data with positions.

    Never raises for bad input: every problem found is in ``Reading.problems``. Surrogate
    escapes read alike in both: a pair is the character it stands for, a lone one a problem.
    """
    reading = _read_text(text, name=name, json_syntax=json_syntax)
    if reading.data is None or not may_hold_surrogates(text):
        return reading
    mended = mend(reading.data, name, reading.values, reading.keys)
    return attrs.evolve(
        reading,
        data=mended.data,
        # Only a mended key moves positions (rare): then the maps are copied with its new path.
        values={**reading.values, **mended.values} if mended.values else reading.values,
        keys={**reading.keys, **mended.keys} if mended.keys else reading.keys,
        problems=(*reading.problems, *mended.problems),
    )


def _read_text(text: str, *, name: str, json_syntax: bool) -> Reading:
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return Reading(None, problems=(_too_big(name, len(text.encode("utf-8", "surrogatepass"))),))
    text = text.removeprefix(_BOM)
    if json_syntax:
        problem = _json_syntax_problem(text, name)
        if problem is not None:
            return Reading(None, problems=(problem,))
        fast = _read_json_fast(text, name)
        if fast is not None:
            return fast
    return _read_located(text, name, json_syntax)


def _read_located(text: str, name: str, json_syntax: bool) -> Reading:
    """The reading with every position: from the events when they suffice, else from the node tree.

    Either way the limits are checked as the events come, so a text crossing one is refused
    with one problem where it crossed it, before anything large is built. JSON is read as
    :func:`yaml_readable` text (for its positions; its data comes from ``json``).
    """
    readable = yaml_readable(text) if json_syntax else text
    try:
        events = read_events(readable, json_syntax=json_syntax, max_nodes=MAX_NODES, max_depth=MAX_DEPTH)
    except LimitExceeded as error:
        return Reading(None, problems=(error.problem(name),))
    if events is not None:
        return Reading(*events)
    return Reading(*read_composed(readable, name, json_syntax))


def yaml_readable(json_text: str) -> str:
    """Valid JSON text with each character YAML refuses (DEL, C1 controls, ...) made a space.

    JSON allows them unescaped inside strings; the YAML reader that finds positions does not.
    Replacing one character by one keeps every line and column; the data comes from ``json``.
    """
    readable: str = Reader.NON_PRINTABLE.sub(" ", json_text)
    return readable


def _read_json_fast(text: str, name: str) -> Reading | None:
    """JSON read by the ``json`` module (tens of times faster than composing it as YAML).

    Positions are worked out only when something asks for one (a problem or a finding to
    locate). A text past a limit is refused here, where the limit is crossed. None when the
    text needs the full reader to report a problem: duplicate keys.
    """
    duplicates = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicates
        out = dict(items)
        duplicates = duplicates or len(out) != len(items)
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None
    if _beyond_limits(data):
        try:
            check_limits(yaml_readable(text))  # only counts events: far quicker than reading them into data
        except LimitExceeded as error:
            return Reading(None, problems=(error.problem(name),))
        return None
    if duplicates:
        return None
    positions = _LazyPositions(text, name)
    return Reading(data, _Lazy(positions, "values"), _Lazy(positions, "keys"), _Lazy(positions, "raw"))


def _beyond_limits(data: Any) -> bool:
    """Whether ``data`` holds more than :data:`MAX_NODES` values (keys count) or nests too deeply."""
    count = 1
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            count += 2 * len(value)
            children: Any = value.values()
        elif isinstance(value, list):
            count += len(value)
            children = value
        else:
            continue
        if count > MAX_NODES or depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class _LazyPositions:
    """The positions of a JSON text: path by path as they are asked for, all of them when listed.

    Looking one up walks the text only as far as that path (:class:`JsonPositions`); listing
    them reads the whole text with the full reader, once.
    """

    def __init__(self, text: str, name: str) -> None:
        self.text: str | None = text
        self.name = name
        self.reading: Reading | None = None
        self.walk = JsonPositions(text) if JsonPositions.usable(text) else None

    def get(self) -> Reading:
        if self.reading is None:
            assert self.text is not None
            self.reading = _read_located(self.text, self.name, json_syntax=True)
            self.text = self.walk = None
        return self.reading

    def lookup(self, field: str, path: ModelPath) -> Any:
        if self.walk is None:
            return getattr(self.get(), field).get(path)
        return _WALKS[field](self.walk, path)


_WALKS: Final = {"values": JsonPositions.value, "keys": JsonPositions.key, "raw": JsonPositions.raw}


class _Lazy(Mapping[ModelPath, Any]):
    """One of a reading's position maps, filled in as it is used."""

    def __init__(self, positions: _LazyPositions, field: str) -> None:
        self._positions = positions
        self._field = field

    def _mapping(self) -> Mapping[ModelPath, Any]:
        found: Mapping[ModelPath, Any] = getattr(self._positions.get(), self._field)
        return found

    def __getitem__(self, key: ModelPath) -> Any:
        found = self._positions.lookup(self._field, key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[ModelPath]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())


def _hex(byte: int) -> str:
    return f"0x{byte:02x}"


def _too_big(name: str, size: int) -> Problem:
    # A file is read up to one byte past the limit: past it, its full size is not known.
    if size != MAX_BYTES + 1:
        amount = msg_n("{n} byte", "{n} bytes", size)
    else:
        amount = msg_n("more than {n} byte", "more than {n} bytes", MAX_BYTES)
    return Problem(
        name,
        1,
        1,
        msg(
            "the file is too large ({amount}; the limit is {limit} bytes = 5 MiB)",
            amount=amount,
            limit=MAX_BYTES,
        ),
        msg("split the model into several files in one folder"),
    )


def _json_syntax_problem(text: str, name: str) -> Problem | None:
    """A JSON syntax error; None for text without one, or nested too deeply to tell (located later)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(
            name,
            error.lineno,
            error.colno,
            msg("JSON syntax error: {problem}", problem=json_phrase(error.msg)),
            msg("check for a missing comma, quote or bracket just before this point"),
        )
    except RecursionError:
        return None  # the event reader finds where the nesting goes too deep
    except ValueError:  # a number too long for Python to read: the full reader says where
        return None
    return None


def read_file(path: str | os.PathLike[str]) -> Reading:
    """Read one file (JSON when it ends in .json, else YAML 1.2) with positions; never raises.

    A missing, unreadable or oversized file, a folder or a dangling link is a problem of the reading.
    """
    path = Path(path)
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        problem = Problem(name, 1, 1, msg("this is a folder: load it with load_workspace or give a file"))
        return Reading(None, problems=(problem,))
    except FileNotFoundError:
        if path.is_symlink():
            message = msg(
                "the symbolic link points to nothing ({target}): fix the link or remove it",
                target=os.readlink(path),
            )
            return Reading(None, problems=(Problem(name, 1, 1, message),))
        return Reading(
            None, problems=(Problem(name, 1, 1, msg("no such file: check the path and its spelling")),)
        )
    except OSError as error:
        message = msg(
            "cannot read the file ({why}): check that it exists and is readable",
            why=os_reason(error),
        )
        return Reading(None, problems=(Problem(name, 1, 1, message),))
    return read_bytes(data, name=name, json_syntax=path.suffix.lower() == ".json")
