"""Read the common case of YAML straight from libyaml's events into plain data and packed positions."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.nodes import ScalarNode

from osallisuuden_palaset.errors import ModelPath, Position
from osallisuuden_palaset.files.positions import LIST, MAP, MAX_COL, MAX_LINE, SCALAR, SHIFT, PositionTree
from osallisuuden_palaset.files.reading_limits import CParser, LimitExceeded

#: Whether libyaml's parser is there to read with.
AVAILABLE: Final = CParser is not None

_TAG = "tag:yaml.org,2002:"
_STR: Final = f"{_TAG}str"
_NULL: Final = f"{_TAG}null"
#: Scalar tags whose text is kept as written (dates are read from text by the converter).
_TEXT_TAGS: Final = frozenset({_STR, f"{_TAG}timestamp"})
_PLAIN_TYPES: Final = frozenset({f"{_TAG}int", f"{_TAG}float", f"{_TAG}bool", _NULL})


class _FallbackError(Exception):
    """The text needs the full reader (to report a problem, or for a rarely used YAML feature)."""


_resolvers: dict[str, list[tuple[str, Any]]] | None = None


def _resolver_table() -> dict[str, list[tuple[str, Any]]]:
    """First character → (tag, pattern) of YAML 1.2 plain scalars, as ruamel's resolver has them."""
    global _resolvers
    if _resolvers is None:
        yaml = YAML(typ="safe", pure=True)
        yaml.version = (1, 2)
        table = yaml.resolver.versioned_resolver
        common = list(table.get(None, []))
        _resolvers = {k: [*v, *common] for k, v in table.items() if k is not None}
        _resolvers[None] = common  # type: ignore[index]
    return _resolvers


Positions = Mapping[ModelPath, Position]


def read_events(
    text: str, *, json_syntax: bool, max_nodes: int, max_depth: int
) -> tuple[Any, Positions, Positions, Mapping[ModelPath, str]] | None:
    """(data, values, keys, raw) of ``text``, exactly as the full reader gives them; None to use it.

    None when libyaml is not installed or the text has anything the full reader must see:
    a problem of any kind, anchors or aliases, tags, merge keys, directives, duplicate or
    non-text keys.

    Raises:
        LimitExceeded: at the first value past ``max_nodes`` or the first map or list nested
            deeper than ``max_depth`` (before any alias, so these are the values as written).
    """
    if not AVAILABLE:
        return None
    parser = CParser(text)
    try:
        return _Events(parser.get_event, json_syntax, max_nodes, max_depth).read()
    except LimitExceeded:
        raise
    except Exception:  # any problem is reported by the full reader, with its messages
        return None
    finally:
        parser.dispose()


#: Texts up to this long are shared between their repeats (ids, kinds, names repeat across files).
_SHARED_LENGTH: Final = 40


def _shared(text: str) -> str:
    """One object for each short text however often it is written: ids and kinds repeat a lot."""
    return sys.intern(text) if len(text) <= _SHARED_LENGTH else text


class _Events:
    """One pass over the events of one document."""

    def __init__(self, get_event: Any, json_syntax: bool, max_nodes: int, max_depth: int) -> None:
        self.get_event = get_event
        self.json_syntax = json_syntax
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.tree = PositionTree()
        self.table = _resolver_table()
        self.constructed: dict[tuple[str, str], Any] = {}
        self.constructor: Any = None

    def read(self) -> tuple[Any, Positions, Positions, Mapping[ModelPath, str]]:
        get = self.get_event
        if type(get()) is not StreamStartEvent:
            raise _FallbackError
        start = get()
        if type(start) is StreamEndEvent:  # no document at all
            tree = self.tree
            return None, tree.values(), tree.keys(), tree.raw()
        if type(start) is not DocumentStartEvent or start.version or start.tags:
            raise _FallbackError
        data = self.document()
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            raise _FallbackError  # several documents: the full reader says so
        tree = self.tree
        return data, tree.values(), tree.keys(), tree.raw()

    def document(self) -> Any:
        """The document's data: an iterative walk keeping one frame per open map or list."""
        get = self.get_event
        add, close, intern = self.tree.add, self.tree.close, sys.intern
        nodes = 0
        # Frames: [container, its entry in the tree, is_map, pending key or None, packed key position].
        stack: list[list[Any]] = []
        root: Any = None
        while True:
            event = get()
            cls = type(event)
            if cls is MappingEndEvent or cls is SequenceEndEvent:
                close(stack.pop()[1])
                if not stack:
                    return root
                continue
            if cls is AliasEvent or event.anchor is not None or event.tag is not None:
                raise _FallbackError
            nodes += 1
            mark = event.start_mark
            if nodes > self.max_nodes:
                raise LimitExceeded("values", mark.line + 1, mark.column + 1)
            if mark.column >= MAX_COL or mark.line >= MAX_LINE:
                raise _FallbackError  # a position too far out to pack in 32 bits
            packed = (mark.line + 1) << SHIFT | (mark.column + 1)
            frame = stack[-1] if stack else None
            if frame is not None and frame[2] and frame[3] is None:
                # A key: plain text, once per map, not a merge ("<<").
                if cls is not ScalarEvent:
                    raise _FallbackError
                key = intern(event.value)
                if key in frame[0] or (key == "<<" and event.implicit[0] and not self.json_syntax):
                    raise _FallbackError
                frame[3], frame[4] = key, packed
                continue
            name = frame[3] if frame is not None and frame[2] else None
            key_at = frame[4] if name is not None else 0  # type: ignore[index]
            if cls is ScalarEvent:
                entry = add(SCALAR, name, packed, key_at)
                value = self.scalar(event, entry)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if len(stack) >= self.max_depth:
                    raise LimitExceeded("depth", mark.line + 1, mark.column + 1)
                is_map = cls is MappingStartEvent
                entry = add(MAP if is_map else LIST, name, packed, key_at)
                value = {} if is_map else []
            else:
                raise _FallbackError
            if frame is None:
                root = value
            elif frame[2]:
                frame[0][frame[3]] = value
                frame[3] = None
            else:
                frame[0].append(value)
            if cls is ScalarEvent:
                if frame is None:
                    return root
            else:
                stack.append([value, entry, cls is MappingStartEvent, None, 0])

    def scalar(self, event: Any, entry: int) -> Any:
        text: str = event.value
        if self.json_syntax:
            # JSON's only unquoted scalars are numbers, true, false and null.
            if event.style:
                return _shared(text)
            if text != "null":
                self.tree.keep_raw(entry, text)
            return json.loads(text)
        tag = _STR
        if event.implicit[0]:
            for candidate, pattern in self.table.get(text[:1], self.table[None]):  # type: ignore[index]
                if pattern.match(text):
                    tag = candidate
                    break
        if tag in _TEXT_TAGS:
            return _shared(text)
        if tag not in _PLAIN_TYPES:
            raise _FallbackError  # merge, value or yaml tags: the full reader reports them
        if tag != _NULL:
            self.tree.keep_raw(entry, text)
        return self.construct(tag, text, event)

    def construct(self, tag: str, text: str, event: Any) -> Any:
        """The value of a plain number, boolean or null, by the same constructor as the full reader."""
        key = (tag, text)
        if key not in self.constructed:
            if self.constructor is None:
                self.constructor = YAML(typ="safe", pure=True).constructor
            node = ScalarNode(tag, text, event.start_mark, event.end_mark)
            self.constructed[key] = self.constructor.construct_object(node, deep=True)
        return self.constructed[key]
