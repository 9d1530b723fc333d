"""Read YAML 1.2 or JSON text into plain data, with the line and column of every key and value."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Final

import attrs
from ruamel.yaml.reader import Reader

from osallisuuden_palaset.errors import Path, Problem
from osallisuuden_palaset.reading_events import read_events
from osallisuuden_palaset.reading_nodes import MAX_DEPTH, MAX_NODES, Position, read_composed, too_deep
from osallisuuden_palaset.reading_surrogates import may_hold_surrogates, mend

#: Largest model file read, in bytes (5 MiB): far above any real model, well below trouble.
MAX_BYTES: Final = 5 * 1024 * 1024
_BOM = "\ufeff"

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Position", "Reading", "decode", "read_bytes", "read_text"]


@attrs.frozen
class Reading:
    """What one text held: plain data, where each part of it was written, and what was wrong."""

    #: Plain data (dict, list, str, int, float, bool, None); None when nothing could be read.
    data: Any
    #: Path → (line, col) of each value, both 1-based; ``()`` is the whole document.
    values: Mapping[Path, Position] = attrs.field(factory=dict)
    #: Path → (line, col) of the key that introduces the value at that path.
    keys: Mapping[Path, Position] = attrs.field(factory=dict)
    #: Path → source text of plain scalars read as numbers or booleans (so ``code: 0123`` can stay text).
    raw: Mapping[Path, str] = attrs.field(factory=dict)
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
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})",
            "save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8)",
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
    else:
        events = read_events(text, json_syntax=False, max_nodes=MAX_NODES, max_depth=MAX_DEPTH)
        if events is not None:
            return Reading(*events)
    return Reading(*read_composed(yaml_readable(text) if json_syntax else text, name, json_syntax))


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
    locate). None when the text needs the full reader to report a problem: duplicate keys or
    nesting deeper than :data:`MAX_DEPTH`.
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
    if duplicates or _deeper_than(data, MAX_DEPTH):
        return None
    positions = _LazyPositions(text, name)
    return Reading(data, _Lazy(positions, "values"), _Lazy(positions, "keys"), _Lazy(positions, "raw"))


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether any value of ``data`` sits more than ``limit`` maps and lists deep."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if depth >= limit:
                return True
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False


class _LazyPositions:
    """The positions of a JSON text, read with the full reader the first time one is asked for."""

    def __init__(self, text: str, name: str) -> None:
        self.text: str | None = text
        self.name = name
        self.reading: Reading | None = None

    def get(self) -> Reading:
        if self.reading is None:
            assert self.text is not None
            text = yaml_readable(self.text)
            events = read_events(text, json_syntax=True, max_nodes=MAX_NODES, max_depth=MAX_DEPTH)
            if events is not None:
                self.reading = Reading(*events)
            else:
                self.reading = Reading(*read_composed(text, self.name, json_syntax=True))
            self.text = None
        return self.reading


class _Lazy(Mapping[Path, Any]):
    """One of a reading's position maps, filled in on first use."""

    def __init__(self, positions: _LazyPositions, field: str) -> None:
        self._positions = positions
        self._field = field

    def _mapping(self) -> Mapping[Path, Any]:
        found: Mapping[Path, Any] = getattr(self._positions.get(), self._field)
        return found

    def __getitem__(self, key: Path) -> Any:
        return self._mapping()[key]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())


def _too_big(name: str, size: int) -> Problem:
    return Problem(
        name,
        1,
        1,
        f"the file is too large ({size:,} bytes; the limit is {MAX_BYTES:,} bytes = 5 MiB)",
        "split the model into several files in one folder",
    )


def _json_syntax_problem(text: str, name: str) -> Problem | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(
            name,
            error.lineno,
            error.colno,
            f"JSON syntax error: {error.msg}",
            "check for a missing comma, quote or bracket just before this point",
        )
    except RecursionError:
        return too_deep(name, 1, 1)
    except ValueError:  # a number too long for Python to read: the full reader says where
        return None
    return None
