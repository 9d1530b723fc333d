"""Read YAML through ruamel's node tree: the reader of record for anchors, tags and every error.

The event reader (``reading_events``) handles the common case; everything it leaves comes
here, so each problem is reported with the same message and position whichever parser
ruamel.yaml has.
"""

from __future__ import annotations

import json
import warnings
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from osallisuuden_palaset.errors import ModelPath, Position, Problem, shortened
from osallisuuden_palaset.files.parser_words import yaml_phrase
from osallisuuden_palaset.files.reading_limits import (
    MAX_DEPTH,
    MAX_NODES,
    LimitExceeded,
    check_limits,
    too_deep,
)
from osallisuuden_palaset.messages.catalogue import msg

__all__ = ["FAST", "MAX_DEPTH", "MAX_NODES", "Composed", "Position", "read_composed", "too_deep"]
#: Whether ruamel.yaml.clib (libyaml's C parser) is installed: about ten times faster.
FAST: Final = YAML(typ="safe", pure=False).Parser is not YAML(typ="safe", pure=True).Parser

_TAG = "tag:yaml.org,2002:"
_PLAIN_TYPES: Final = {f"{_TAG}int", f"{_TAG}float", f"{_TAG}bool", f"{_TAG}null"}

#: What a reading holds: data, value positions, key positions, raw scalar texts, problems.
Composed = tuple[
    Any, dict[ModelPath, Position], dict[ModelPath, Position], dict[ModelPath, str], tuple[Problem, ...]
]


def read_composed(text: str, name: str, json_syntax: bool) -> Composed:
    """Read through ruamel's composer, positions and all (every YAML file; JSON with odd cases).

    The limits are checked on the events first, so no node tree larger than they allow is built.
    """
    try:
        check_limits(text)
        root = _compose(text)
    except LimitExceeded as error:
        return None, {}, {}, {}, (error.problem(name),)
    except MarkedYAMLError as error:
        return None, {}, {}, {}, (_syntax_problem(error, name),)
    except ReaderError as error:
        return None, {}, {}, {}, (_character_problem(error, text, name),)
    except (YAMLError, ValueError) as error:
        return None, {}, {}, {}, (Problem(name, 1, 1, msg("cannot read the file: {why}", why=str(error))),)
    except RecursionError:
        return None, {}, {}, {}, (too_deep(name, 1, 1),)
    if root is None:
        return None, {}, {}, {}, ()
    builder = _Builder(name, json_syntax)
    data = builder.build(root, (), 0)
    return data, builder.values, builder.keys, builder.raw, tuple(builder.problems)


def _compose(text: str) -> Node | None:
    """The node tree of ``text``: libyaml's parser when ruamel.yaml.clib is there, else ruamel's own.

    Both resolve scalars by YAML 1.2 (ruamel's resolver does that for either parser). When
    the fast parser refuses the text, the pure one reads it again, so every syntax error is
    reported with the same message and position whichever parser is installed.
    """
    if FAST:
        try:
            return _compose_with(text, pure=False)
        except Exception:  # reported below, by the parser whose messages the project tests
            pass
    return _compose_with(text, pure=True)


def _compose_with(text: str, *, pure: bool) -> Node | None:
    yaml = YAML(typ="safe", pure=pure)
    yaml.version = (1, 2)
    with warnings.catch_warnings():
        # A reused anchor is valid YAML 1.2 (the later one counts); ruamel only warns about it.
        warnings.simplefilter("ignore")
        node: Node | None = yaml.compose(text)
    return node


def _syntax_problem(error: MarkedYAMLError, name: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(error.problem or error.context or "syntax error").strip()
    said = yaml_phrase(problem)
    message = msg("YAML syntax error: {problem}", problem=said)
    if error.context and error.problem:
        context = yaml_phrase(str(error.context))
        if error.context_mark is not None:
            start = str(error.context_mark.line + 1)
            message = msg(
                "YAML syntax error: {problem} ({context} started at line {line})",
                problem=said,
                context=context,
                line=start,
            )
        else:
            message = msg("YAML syntax error: {problem} ({context})", problem=said, context=context)
    return Problem(name, line, col, message, _syntax_hint(message))


def _character_problem(error: ReaderError, text: str, name: str) -> Problem:
    before = text[: error.position]
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
    shown, escape = f"U+{code:04X}", f"\\u{code:04x}"
    return Problem(
        name,
        line,
        col,
        msg("the file contains the control character {code}, which YAML does not allow", code=shown),
        msg("remove it, or write it as {escape} inside double quotes", escape=escape),
    )


def _syntax_hint(problem: str) -> str:
    if "'\\t'" in problem:
        return msg("indent with spaces, not tabs")
    if "alias" in problem:
        return msg("define the anchor (&name) before using it as *name")
    if "single document" in problem:
        return msg("a model file holds one document: remove the extra '---'")
    if "mapping values" in problem:
        return msg("put text containing ': ' in quotes, or check the indentation of the line")
    return msg("check the indentation, quotes and brackets around this point")


def _position(node: Node) -> Position:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, name: str, json_syntax: bool) -> None:
        self.name = name
        self.json_syntax = json_syntax
        self.values: dict[ModelPath, Position] = {}
        self.keys: dict[ModelPath, Position] = {}
        self.raw: dict[ModelPath, str] = {}
        self.problems: list[Problem] = []
        self.constructor = YAML(typ="safe", pure=True).constructor

    def problem(self, node: Node, message: str, hint: str | None = None) -> None:
        line, col = _position(node)
        self.problems.append(Problem(self.name, line, col, message, hint))

    def unreadable(self, node: Node, text: str) -> None:
        self.problem(
            node,
            msg("cannot read {value}", value=repr(shortened(text))),
            msg("put the value in quotes to keep it as text"),
        )

    def build(self, node: Node, path: ModelPath, depth: int) -> Any:
        self.values.setdefault(path, _position(node))
        if depth > MAX_DEPTH:
            line, col = _position(node)
            self.problems.append(too_deep(self.name, line, col))
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            if not _tag_is(node, "seq"):
                self.problem(
                    node, msg("unsupported tag {tag}", tag=repr(_tag(node))), msg("leave the tag out")
                )
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.scalar(node, path)

    def mapping(self, node: MappingNode, path: ModelPath, depth: int) -> dict[str, Any]:
        if not _tag_is(node, "map"):
            self.problem(node, msg("unsupported tag {tag}", tag=repr(_tag(node))), msg("leave the tag out"))
        out: dict[str, Any] = {}
        seen: dict[str, Position] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and _tag_is(key_node, "merge") and not self.json_syntax:
                merged.extend(value_node.value if isinstance(value_node, SequenceNode) else [value_node])
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, msg("a key must be plain text, not a list or a map"))
                continue
            key = str(key_node.value)
            where = _position(key_node)
            if key in seen:
                self.problem(
                    key_node,
                    msg(
                        "duplicate key {key} (first written at line {line})",
                        key=repr(key),
                        line=str(seen[key][0]),
                    ),
                    msg("a key may appear only once in a map: remove or rename one"),
                )
                continue
            seen[key] = where
            self.keys[(*path, key)] = where
            out[key] = self.build(value_node, (*path, key), depth + 1)
        for source in merged:
            if not isinstance(source, MappingNode):
                self.problem(
                    source, msg("'<<' merges only maps"), msg("write '<<: *anchor' with an anchored map")
                )
                continue
            for key_node, value_node in source.value:
                key = str(key_node.value)
                if isinstance(key_node, ScalarNode) and key not in out:
                    self.keys[(*path, key)] = _position(key_node)
                    out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def scalar(self, node: ScalarNode, path: ModelPath) -> Any:
        text = str(node.value)
        if self.json_syntax:
            # JSON's only unquoted scalars are numbers, true, false and null.
            if node.style:
                return text
            if text != "null":
                self.raw[path] = text
            try:
                return json.loads(text)
            except ValueError:  # more digits than Python reads (4,300)
                self.unreadable(node, text)
                return text
        tag = _tag(node)
        if tag in _PLAIN_TYPES:
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (YAMLError, ValueError, TypeError):
                self.unreadable(node, text)
                return text
            if tag != f"{_TAG}null":
                self.raw[path] = text
            return value
        if tag in (f"{_TAG}str", f"{_TAG}timestamp"):
            # Dates stay as written; the converter reads ISO dates from text.
            return text
        self.problem(
            node,
            msg("unsupported tag {tag}", tag=repr(tag)),
            msg("leave the tag out, or put the value in quotes"),
        )
        return text


def _tag(node: Node) -> str:
    return str(node.tag)


def _tag_is(node: Node, name: str) -> bool:
    return _tag(node) == f"{_TAG}{name}"
