"""The YAML and JSON parsers' own English phrases, as messages that read in the user's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Final

from osallisuuden_palaset.messages.catalogue import Message, msg

#: Fixed phrases of ruamel.yaml's errors (their ``problem`` and ``context``).
_YAML: Final[Mapping[str, Message]] = {
    "found unexpected end of stream": msg("found unexpected end of stream"),
    "found unexpected document separator": msg("found unexpected document separator"),
    "found duplicate key": msg("found duplicate key"),
    "expected a single document in the stream": msg("expected a single document in the stream"),
    "but found another document": msg("but found another document"),
    "mapping keys are not allowed here": msg("mapping keys are not allowed here"),
    "mapping values are not allowed here": msg("mapping values are not allowed here"),
    "sequence entries are not allowed here": msg("sequence entries are not allowed here"),
    "while composing a mapping": msg("while composing a mapping"),
    "while parsing a block collection": msg("while parsing a block collection"),
    "while parsing a block mapping": msg("while parsing a block mapping"),
    "while parsing a flow mapping": msg("while parsing a flow mapping"),
    "while parsing a flow sequence": msg("while parsing a flow sequence"),
    "while parsing a node": msg("while parsing a node"),
    "while parsing a tag": msg("while parsing a tag"),
    "while scanning a block scalar": msg("while scanning a block scalar"),
    "while scanning a directive": msg("while scanning a directive"),
    "while scanning a double-quoted scalar": msg("while scanning a double-quoted scalar"),
    "while scanning a plain scalar": msg("while scanning a plain scalar"),
    "while scanning a quoted scalar": msg("while scanning a quoted scalar"),
    "while scanning a simple key": msg("while scanning a simple key"),
    "while scanning a tag": msg("while scanning a tag"),
    "while scanning an alias": msg("while scanning an alias"),
    "while scanning an anchor": msg("while scanning an anchor"),
    "while scanning for the next token": msg("while scanning for the next token"),
    "syntax error": msg("syntax error"),
}

#: ruamel.yaml's phrases with a part of the file in them: the pattern, and the message it makes.
_YAML_PATTERNS: Final[tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Message]], ...]] = (
    (
        re.compile(r"expected (.+), but found (.+)"),
        lambda m: msg("expected {a}, but found {b}", a=m[1], b=m[2]),
    ),
    (re.compile(r"could not find expected (.+)"), lambda m: msg("could not find expected {a}", a=m[1])),
    (
        re.compile(r"found character (.+) that cannot start any token"),
        lambda m: msg("found character {c} that cannot start any token", c=m[1]),
    ),
    (re.compile(r"found undefined alias (.+)"), lambda m: msg("found undefined alias {a}", a=m[1])),
)

#: Python's JSON decoder's phrases (``JSONDecodeError.msg``).
_JSON: Final[Mapping[str, Message]] = {
    "Expecting ',' delimiter": msg("Expecting ',' delimiter"),
    "Expecting ':' delimiter": msg("Expecting ':' delimiter"),
    "Expecting property name enclosed in double quotes": msg(
        "Expecting property name enclosed in double quotes"
    ),
    "Expecting value": msg("Expecting value"),
    "Extra data": msg("Extra data"),
    "Invalid \\uXXXX escape": msg("Invalid \\uXXXX escape"),
    "Unterminated string starting at": msg("Unterminated string starting at"),
    "Illegal trailing comma before end of object": msg("Illegal trailing comma before end of object"),
    "Illegal trailing comma before end of array": msg("Illegal trailing comma before end of array"),
}


def yaml_phrase(text: str) -> str:
    """ruamel.yaml's ``text`` as a message, when it is one of its phrases; else as it is."""
    text = text.strip()
    known = _YAML.get(text)
    if known is not None:
        return known
    for pattern, make in _YAML_PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            return make(found)
    return text


def json_phrase(text: str) -> str:
    """Python's JSON decoder's ``text`` as a message, when it is one of its phrases; else as it is."""
    known = _JSON.get(text)
    if known is not None:
        return known
    control = re.fullmatch(r"Invalid control character (.+) at", text)
    if control:
        return msg("Invalid control character {c} at", c=control[1])
    if text.startswith("Invalid \\escape: "):
        return msg("Invalid \\escape: {escape}", escape=text.removeprefix("Invalid \\escape: "))
    return text
