"""Where each key and value of a document is written, kept compactly: flat arrays in reading order.

A map of every path to its position costs ~200 bytes a value (a path tuple, a dict entry and
an int for each); at national scale that was three quarters of the memory a loaded workspace
held. Here each value of the document is one entry of a few flat arrays, in the order the
reader met it (a value, then everything inside it): its position, its key's position, its
key's text and how many entries it spans. A path is found by walking down from the root,
skipping whole values by their span, so nothing per path is built or kept (~22 bytes a value).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from typing import Any, Final

from osallisuuden_palaset.errors import ModelPath, Position

#: Positions are packed into 32 bits: line << SHIFT | col. A reader gives a text with a column
#: past MAX_COL (or a line past 2**20) to a reader that keeps its positions otherwise.
SHIFT: Final = 12
MAX_COL: Final = (1 << SHIFT) - 1
MAX_LINE: Final = (1 << (32 - SHIFT)) - 1
_MASK: Final = MAX_COL
SCALAR: Final = 0
MAP: Final = 1
LIST: Final = 2
#: Containers with more items than this get an index of their items when first looked into.
_INDEXED: Final = 16


def _unpack(packed: int) -> Position:
    return (packed >> SHIFT, packed & _MASK)


class PositionTree:
    """The positions of one document, filled in by a reader in reading order (see :meth:`add`)."""

    __slots__ = ("_index", "_keys", "_kinds", "_names", "_raw", "_spans", "_values")

    def __init__(self) -> None:
        self._kinds = bytearray()
        self._names: list[str | None] = []
        self._values = array("I")
        self._keys = array("I")
        self._spans = array("I")
        self._index: dict[int, Any] = {}
        self._raw: dict[int, str] = {}

    # Filling in, by the reader.

    def add(self, kind: int, name: str | None, value: int, key: int) -> int:
        """Add the next value met (packed positions; ``key`` 0 for none) and return its entry."""
        entry = len(self._kinds)
        self._kinds.append(kind)
        self._names.append(name)
        self._values.append(value)
        self._keys.append(key)
        self._spans.append(1)
        return entry

    def close(self, entry: int) -> None:
        """Say that the container at ``entry`` ends here: it spans every entry added since."""
        self._spans[entry] = len(self._kinds) - entry

    def keep_raw(self, entry: int, text: str) -> None:
        """Keep the source text of the number or boolean at ``entry``."""
        self._raw[entry] = text

    # Reading back.

    def find(self, path: ModelPath) -> int:
        """The entry of the value at ``path``, or -1 when the document has no such value."""
        if not self._kinds:
            return -1
        at = 0
        for part in path:
            found = self._child(at, part)
            if found < 0:
                return -1
            at = found
        return at

    def _child(self, at: int, part: object) -> int:
        kind = self._kinds[at]
        if kind == SCALAR or (kind == LIST and not (isinstance(part, int) and part >= 0)):
            return -1
        index = self._index.get(at)
        if index is not None:
            if kind == MAP:
                return int(index.get(part, -1))
            return int(index[part]) if part < len(index) else -1  # type: ignore[operator]
        spans, names = self._spans, self._names
        end, child, seen = at + spans[at], at + 1, 0
        while child < end:
            if (names[child] == part) if kind == MAP else (seen == part):
                return child
            seen += 1
            if seen > _INDEXED:  # a long map or list: index its items once, then look there
                self._index[at] = self._items(at)
                return self._child(at, part)
            child += spans[child]
        return -1

    def _children(self, at: int) -> list[int]:
        """The entries of the container at ``at``'s own items, in order."""
        spans, end, child = self._spans, at + self._spans[at], at + 1
        children = []
        while child < end:
            children.append(child)
            child += spans[child]
        return children

    def _items(self, at: int) -> Any:
        children = self._children(at)
        if self._kinds[at] == MAP:
            return {self._names[c]: c for c in children}
        return children

    def paths(self) -> Iterator[tuple[int, ModelPath]]:
        """Every (entry, path), in reading order."""
        if not self._kinds:
            return
        stack: list[tuple[int, ModelPath]] = [(0, ())]
        while stack:
            at, path = stack.pop()
            yield at, path
            if self._kinds[at] != SCALAR:
                children = self._children(at)
                for number in range(len(children) - 1, -1, -1):
                    child = children[number]
                    name = self._names[child]  # a map's item has its key's name, a list's none
                    stack.append((child, (*path, number if name is None else name)))

    def values(self) -> Mapping[ModelPath, Position]:
        """Path → (line, col) of each value; ``()`` is the whole document."""
        return _View(self, "values")

    def keys(self) -> Mapping[ModelPath, Position]:
        """Path → (line, col) of the key introducing the value at that path."""
        return _View(self, "keys")

    def raw(self) -> Mapping[ModelPath, str]:
        """Path → source text of the numbers and booleans."""
        return _View(self, "raw")


class _View(Mapping[ModelPath, Any]):
    """One of a tree's maps: values, keys or raw texts, each looked up by walking the tree."""

    __slots__ = ("_field", "_size", "_tree")

    def __init__(self, tree: PositionTree, field: str) -> None:
        self._tree = tree
        self._field = field
        self._size: int | None = None

    def _at(self, entry: int) -> Any:
        tree = self._tree
        if self._field == "values":
            return _unpack(tree._values[entry])
        if self._field == "keys":
            key = tree._keys[entry]
            return _unpack(key) if key else None
        return tree._raw.get(entry)

    def get(self, path: ModelPath, default: Any = None) -> Any:
        entry = self._tree.find(path) if isinstance(path, tuple) else -1
        found = self._at(entry) if entry >= 0 else None
        return default if found is None else found

    def __getitem__(self, path: ModelPath) -> Any:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def __iter__(self) -> Iterator[ModelPath]:
        return (path for entry, path in self._tree.paths() if self._at(entry) is not None)

    def __len__(self) -> int:
        if self._size is None:
            self._size = sum(1 for _ in self)
        return self._size
