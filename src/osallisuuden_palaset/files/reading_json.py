"""Where a path's key and value are written in a JSON text, found by walking only as far as needed.

Locating one finding in a large JSON file should not mean reading the whole file again: the
walk goes down the path, skipping the values before it with the ``json`` module's own
scanner, and remembers where it has been. Positions agree with the event reader's.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from typing import Final

from osallisuuden_palaset.errors import ModelPath, Position

_SPACE: Final = re.compile(r"[ \t\n]*")
#: The unquoted scalars of JSON whose source text a reading keeps (null has none to keep).
_PLAIN: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false")
#: Line breaks YAML counts that ``\n`` alone does not: texts with any are left to the event reader.
_OTHER_BREAKS: Final = re.compile("[\r\x85\u2028\u2029]")
#: A map child's place is its key's index << _SHIFT | its value's index (texts are a few MiB).
_SHIFT: Final = 32
_LOW: Final = (1 << _SHIFT) - 1


class JsonPositions:
    """The positions in one valid JSON text (without duplicate keys), worked out path by path."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._skip = json.JSONDecoder().raw_decode
        self._lines: array[int] | None = None  # where each line starts: 8 bytes a line
        self._root = _SPACE.match(text).end()  # type: ignore[union-attr]
        # Each container read so far, by where it starts: its children's places (for a map, key →
        # key's index << 32 | value's index) and, while it is not read to its end, where reading
        # it stopped: [next index to read, children read, start of the last child read or -1].
        # Keyed by text index, not by path: nothing per path is kept.
        self._maps: dict[int, dict[str, int]] = {}
        self._lists: dict[int, list[int]] = {}
        self._open: dict[int, list[int]] = {}

    @staticmethod
    def usable(text: str) -> bool:
        """Whether lines in ``text`` are counted the way the event reader counts them (``\\n`` only)."""
        return _OTHER_BREAKS.search(text) is None

    def value(self, path: ModelPath) -> Position | None:
        """(line, col) of the value at ``path``, or None when the text has no such value."""
        found = self._find(path)
        return None if found is None else self._position(found & _LOW)

    def key(self, path: ModelPath) -> Position | None:
        """(line, col) of the key introducing ``path``, or None (a list item, or no such value)."""
        found = self._find(path)
        return None if found is None or found <= _LOW else self._position(found >> _SHIFT)

    def raw(self, path: ModelPath) -> str | None:
        """The source text of the number or boolean at ``path``, or None for anything else."""
        found = self._find(path)
        if found is None:
            return None
        match = _PLAIN.match(self._text, found & _LOW)
        return None if match is None else match.group()

    def _find(self, path: ModelPath) -> int | None:
        """The value's index at ``path`` (with its key's index << 32 in a map), or None."""
        found = self._root
        for part in path:
            start = found & _LOW
            child = self._child(start, part)
            if child is None:
                return None
            found = child
        return found

    def _child(self, start: int, wanted: str | int) -> int | None:
        """The child ``wanted`` of the container at ``start``, reading its children as far as needed."""
        text = self._text
        is_map = text[start] == "{"
        if not (is_map or text[start] == "["):
            return None
        if is_map != isinstance(wanted, str) or isinstance(wanted, bool):
            return None  # a key asked of a list, or an index of a map
        keyed: dict[str, int] | None = None
        listed: list[int] | None = None
        if is_map:
            keyed = self._maps.get(start)
            if keyed is None:
                keyed = self._maps[start] = {}
                self._open[start] = [_space(text, start + 1), 0, -1]
            if wanted in keyed:
                return keyed[wanted]
        else:
            listed = self._lists.get(start)
            if listed is None:
                listed = self._lists[start] = []
                self._open[start] = [_space(text, start + 1), 0, -1]
            if 0 <= wanted < len(listed):  # type: ignore[operator]
                return listed[wanted]  # type: ignore[index]
        state = self._open.get(start)
        while state is not None:
            index, count, last = state
            if last >= 0:  # step over the child read last time, and the comma after it
                index = _space(text, self._skip(text, last)[1])
                if text[index] == ",":
                    index = _space(text, index + 1)
            if text[index] in "]}":
                del self._open[start]
                return None
            if keyed is not None:
                key, after = self._skip(text, index)  # the key: a string
                value = _space(text, _space(text, after) + 1)  # past the colon
                keyed[key] = place = index << _SHIFT | value
                found = key == wanted
            else:
                assert listed is not None  # one of the two was made above
                place = value = index
                listed.append(place)
                found = count == wanted
            state[:] = [index, count + 1, value]
            if found:
                return place
        return None

    def _position(self, index: int) -> Position:
        if self._lines is None:
            self._lines = array("Q", [0])
            self._lines.extend(m.end() for m in re.finditer("\n", self._text))
        line = bisect.bisect_right(self._lines, index)
        return line, index - self._lines[line - 1] + 1


def _space(text: str, index: int) -> int:
    return _SPACE.match(text, index).end()  # type: ignore[union-attr]
