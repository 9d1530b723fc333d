"""Surrogate escapes in read data: a pair joined into the character it means, a lone one refused."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from osallisuuden_palaset.errors import ModelPath, Position, Problem
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.text import SURROGATE, lone_surrogate

#: An escape that may stand for a surrogate: ``\ud800``-``\udfff`` (JSON, YAML) or ``\U0000d800``
#: (YAML); or a surrogate itself, which JSON read from a Python string may hold.
_ESCAPE: Final = re.compile(r"\\(?:u|U0000)[dD][89abcdefABCDEF]|[\ud800-\udfff]")
_PAIR: Final = re.compile("[\ud800-\udbff][\udc00-\udfff]")
#: What to do about a lone surrogate in a model file.
HINT: Final = msg(
    "a surrogate is half of a character: write the character itself, or both halves of the pair "
    "one after the other (e.g. \\ud83d\\ude00)"
)


def may_hold_surrogates(text: str) -> bool:
    """Whether ``text`` has an escape that could stand for a surrogate (cheap; false positives are fine)."""
    return _ESCAPE.search(text) is not None


def _join(match: re.Match[str]) -> str:
    """The character a high and a low surrogate stand for together (as JSON reads ``\\ud83d\\ude00``)."""
    high, low = (ord(c) for c in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


@attrs.frozen
class Mended:
    """Read data with its surrogates mended, what was wrong, and where renamed keys are written."""

    data: Any
    problems: tuple[Problem, ...]
    #: ModelPath (with the key as mended) → position of the value, and of the key, as written.
    values: dict[ModelPath, Position]
    keys: dict[ModelPath, Position]


def mend(
    data: Any, name: str, values: Mapping[ModelPath, Position], keys: Mapping[ModelPath, Position]
) -> Mended:
    """``data`` with surrogate pairs joined, and a problem for each string still holding a lone one.

    YAML's reader leaves ``"\\ud83d\\ude00"`` as two surrogates where JSON's joins them into
    one character; here both read alike. A lone surrogate is replaced by U+FFFD in the data
    handed back (later messages quoting the string can still be printed) and reported at
    the string's ``FILE:LINE:COL`` (at the key, for a key), so the file is refused. Lists and
    maps are changed in place; the walk keeps its own stack. Positions under a key that was
    mended are found at the key's value.
    """
    problems: list[Problem] = []
    moved_values: dict[ModelPath, Position] = {}
    moved_keys: dict[ModelPath, Position] = {}

    def fix(text: str, where: Position) -> str:
        text = _PAIR.sub(_join, text)
        escape = lone_surrogate(text)
        if escape is None:
            return text
        problems.append(
            Problem(name, *where, msg("the text holds the lone surrogate {escape}", escape=escape), HINT)
        )
        return SURROGATE.sub("\ufffd", text)

    if isinstance(data, str):
        data = fix(data, _locate(values, ())) if SURROGATE.search(data) else data
    todo: list[tuple[Any, ModelPath]] = [(data, ())]
    while todo:
        container, path = todo.pop()
        if isinstance(container, dict):
            if any(isinstance(k, str) and SURROGATE.search(k) for k in container):
                items = list(container.items())
                container.clear()
                for key, value in items:
                    if isinstance(key, str) and SURROGATE.search(key):
                        written = keys.get((*path, key)) or _locate(values, path)
                        new = fix(key, written)
                        moved_keys[(*path, new)] = written
                        moved_values[(*path, new)] = _locate(values, (*path, key))
                        key = new
                    container[key] = value
            slots: list[tuple[Any, Any]] = list(container.items())
        elif isinstance(container, list):
            slots = list(enumerate(container))
        else:
            continue
        for slot, value in slots:
            if isinstance(value, str):
                if SURROGATE.search(value):
                    container[slot] = fix(value, _locate(values, (*path, slot)))
            elif isinstance(value, dict | list):
                todo.append((value, (*path, slot)))
    return Mended(data, tuple(problems), moved_values, moved_keys)


def _locate(values: Mapping[ModelPath, Position], path: ModelPath) -> Position:
    """The position of the value at ``path``, or of its nearest ancestor that has one."""
    for end in range(len(path), -1, -1):
        found = values.get(tuple(path[:end]))
        if found is not None:
            return found
    return (1, 1)
