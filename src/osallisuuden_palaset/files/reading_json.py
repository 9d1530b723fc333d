"""Where a path's key and value are written in a JSON text, found by walking only as far as needed.

Locating one finding in a large JSON file should not mean reading the whole file again: the
walk goes down the path, skipping the values before it with the ``json`` module's own
scanner, and remembers where it has been. Positions agree with the event reader's.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Final

from osallisuuden_palaset.errors import ModelPath, Position

_SPACE: Final = re.compile(r"[ \t\n]*")
#: The unquoted scalars of JSON whose source text a reading keeps (null has none to keep).
_PLAIN: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false")
#: Line breaks YAML counts that ``\n`` alone does not: texts with any are left to the event reader.
_OTHER_BREAKS: Final = re.compile("[\r\x85\u2028\u2029]")


class JsonPositions:
    """The positions in one valid JSON text (without duplicate keys), worked out path by path."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._skip = json.JSONDecoder().raw_decode
        self._lines: list[int] | None = None
        self._values: dict[ModelPath, int] = {(): _SPACE.match(text).end()}  # type: ignore[union-attr]
        self._keys: dict[ModelPath, int] = {}
        # Container path → [next index to read, children read, start of the last child read or -1];
        # a container read to its end is left out of ``_open`` and put in ``_done``.
        self._open: dict[ModelPath, list[int]] = {}
        self._done: set[ModelPath] = set()

    @staticmethod
    def usable(text: str) -> bool:
        """Whether lines in ``text`` are counted the way the event reader counts them (``\\n`` only)."""
        return _OTHER_BREAKS.search(text) is None

    def value(self, path: ModelPath) -> Position | None:
        """(line, col) of the value at ``path``, or None when the text has no such value."""
        found = self._value_index(path)
        return None if found is None else self._position(found)

    def key(self, path: ModelPath) -> Position | None:
        """(line, col) of the key introducing ``path``, or None (a list item, or no such value)."""
        if self._value_index(path) is None:
            return None
        found = self._keys.get(path)
        return None if found is None else self._position(found)

    def raw(self, path: ModelPath) -> str | None:
        """The source text of the number or boolean at ``path``, or None for anything else."""
        found = self._value_index(path)
        if found is None:
            return None
        match = _PLAIN.match(self._text, found)
        return None if match is None else match.group()

    def _value_index(self, path: ModelPath) -> int | None:
        depth = len(path)
        while depth and path[:depth] not in self._values:
            depth -= 1
        for end in range(depth + 1, len(path) + 1):
            self._read_until(path[: end - 1], path[end - 1])
            if path[:end] not in self._values:
                return None
        return self._values[path]

    def _read_until(self, parent: ModelPath, wanted: str | int) -> None:
        """Read the children of the container at ``parent`` until ``wanted`` is found, or to its end."""
        text = self._text
        start = self._values[parent]
        is_map = text[start] == "{"
        if parent in self._done or not (is_map or text[start] == "["):
            return
        if is_map != isinstance(wanted, str) or isinstance(wanted, bool):
            return  # a key asked of a list, or an index of a map
        state = self._open.setdefault(parent, [_space(text, start + 1), 0, -1])
        while True:
            index, count, last = state
            if last >= 0:  # step over the child read last time, and the comma after it
                index = _space(text, self._skip(text, last)[1])
                if text[index] == ",":
                    index = _space(text, index + 1)
            if text[index] in "]}":
                del self._open[parent]
                self._done.add(parent)
                return
            child: str | int
            if is_map:
                child, after = self._skip(text, index)  # the key: a string
                self._keys[(*parent, child)] = index
                value = _space(text, _space(text, after) + 1)  # past the colon
            else:
                child, value = count, index
            self._values[(*parent, child)] = value
            state[:] = [index, count + 1, value]
            if child == wanted:
                return

    def _position(self, index: int) -> Position:
        if self._lines is None:
            self._lines = [0, *(m.end() for m in re.finditer("\n", self._text))]
        line = bisect.bisect_right(self._lines, index)
        return line, index - self._lines[line - 1] + 1


def _space(text: str, index: int) -> int:
    return _SPACE.match(text, index).end()  # type: ignore[union-attr]
