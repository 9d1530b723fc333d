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
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from osallisuuden_palaset.errors import Path, Problem, shortened

#: Most nodes a document may expand to once aliases are followed ("billion laughs" guard).
MAX_NODES: Final = 200_000
#: Deepest nesting of maps and lists accepted.
MAX_DEPTH: Final = 200
#: Whether ruamel.yaml.clib (libyaml's C parser) is installed: about ten times faster.
FAST: Final = YAML(typ="safe", pure=False).Parser is not YAML(typ="safe", pure=True).Parser

_TAG = "tag:yaml.org,2002:"
_PLAIN_TYPES: Final = {f"{_TAG}int", f"{_TAG}float", f"{_TAG}bool", f"{_TAG}null"}

Position = tuple[int, int]
#: What a reading holds: data, value positions, key positions, raw scalar texts, problems.
Composed = tuple[Any, dict[Path, Position], dict[Path, Position], dict[Path, str], tuple[Problem, ...]]


def read_composed(text: str, name: str, json_syntax: bool) -> Composed:
    """Read through ruamel's composer, positions and all (every YAML file; JSON with odd cases)."""
    try:
        root = _compose(text)
    except MarkedYAMLError as error:
        return None, {}, {}, {}, (_syntax_problem(error, name),)
    except ReaderError as error:
        return None, {}, {}, {}, (_character_problem(error, text, name),)
    except (YAMLError, ValueError) as error:
        return None, {}, {}, {}, (Problem(name, 1, 1, f"cannot read the file: {error}"),)
    except _TooDeepError as error:
        return None, {}, {}, {}, (too_deep(name, *error.args),)
    except RecursionError:
        return None, {}, {}, {}, (too_deep(name, 1, 1),)
    if root is None:
        return None, {}, {}, {}, ()
    problem = _expansion_problem(root, name)
    if problem is not None:
        return None, {}, {}, {}, (problem,)
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
            # The C composer recurses without a limit (a deep enough text crashes the process),
            # so nesting is measured first from libyaml's flat event stream.
            too_deep = _firsttoo_deep(text, MAX_DEPTH)
            if too_deep is not None:
                raise _TooDeepError(*too_deep)
            return _compose_with(text, pure=False)
        except _TooDeepError:
            raise
        except Exception:  # reported below, by the parser whose messages the project tests
            pass
    return _compose_with(text, pure=True)


class _TooDeepError(Exception):
    """Maps and lists nest deeper than MAX_DEPTH; the (line, col) of the first too deep one."""


def _firsttoo_deep(text: str, limit: int) -> Position | None:
    """(line, col) of the first map or list nested deeper than ``limit``, or None."""
    depth = 0
    for event in YAML(typ="safe", pure=False).parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > limit:
                return (event.start_mark.line + 1, event.start_mark.column + 1)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def _compose_with(text: str, *, pure: bool) -> Node | None:
    yaml = YAML(typ="safe", pure=pure)
    yaml.version = (1, 2)
    with warnings.catch_warnings():
        # A reused anchor is valid YAML 1.2 (the later one counts); ruamel only warns about it.
        warnings.simplefilter("ignore")
        node: Node | None = yaml.compose(text)
    return node


def too_deep(name: str, line: int, col: int) -> Problem:
    return Problem(name, line, col, f"maps and lists are nested too deeply (more than {MAX_DEPTH} levels)")


def _syntax_problem(error: MarkedYAMLError, name: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(error.problem or error.context or "syntax error").strip()
    message = f"YAML syntax error: {problem}"
    if error.context and error.problem:
        message += f" ({str(error.context).strip()}"
        if error.context_mark is not None:
            message += f" started at line {error.context_mark.line + 1}"
        message += ")"
    return Problem(name, line, col, message, _syntax_hint(message))


def _character_problem(error: ReaderError, text: str, name: str) -> Problem:
    before = text[: error.position]
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
    return Problem(
        name,
        line,
        col,
        f"the file contains the control character U+{code:04X}, which YAML does not allow",
        f"remove it, or write it as \\u{code:04x} inside double quotes",
    )


def _syntax_hint(problem: str) -> str:
    if "'\\t'" in problem:
        return "indent with spaces, not tabs"
    if "alias" in problem:
        return "define the anchor (&name) before using it as *name"
    if "single document" in problem:
        return "a model file holds one document: remove the extra '---'"
    if "mapping values" in problem:
        return "put text containing ': ' in quotes, or check the indentation of the line"
    return "check the indentation, quotes and brackets around this point"


def _expansion_problem(root: Node, name: str) -> Problem | None:
    """Refuse documents whose aliases expand to too many nodes, or refer to themselves."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    # Iterative post-order walk over the node graph; shared (aliased) nodes are counted once each
    # but multiplied by how often they are used, so the total is the expanded size.
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = min(total, MAX_NODES + 1)
            continue
        if key in sizes:
            continue
        if key in on_path:
            return _alias_problem(name, node, "an alias refers to the list or map it is inside of")
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return _alias_problem(name, child, "an alias refers to the list or map it is inside of")
            if id(child) not in sizes:
                stack.append((child, False))
    if sizes[id(root)] > MAX_NODES:
        return _alias_problem(name, root, f"aliases expand the document to more than {MAX_NODES:,} values")
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _alias_problem(name: str, node: Node, message: str) -> Problem:
    line, col = _position(node)
    return Problem(
        name, line, col, message, "write the values out instead of using anchors (&) and aliases (*)"
    )


def _position(node: Node) -> Position:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, name: str, json_syntax: bool) -> None:
        self.name = name
        self.json_syntax = json_syntax
        self.values: dict[Path, Position] = {}
        self.keys: dict[Path, Position] = {}
        self.raw: dict[Path, str] = {}
        self.problems: list[Problem] = []
        self.constructor = YAML(typ="safe", pure=True).constructor

    def problem(self, node: Node, message: str, hint: str | None = None) -> None:
        line, col = _position(node)
        self.problems.append(Problem(self.name, line, col, message, hint))

    def unreadable(self, node: Node, text: str) -> None:
        self.problem(node, f"cannot read {shortened(text)!r}", "put the value in quotes to keep it as text")

    def build(self, node: Node, path: Path, depth: int) -> Any:
        self.values.setdefault(path, _position(node))
        if depth > MAX_DEPTH:
            line, col = _position(node)
            self.problems.append(too_deep(self.name, line, col))
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            if not _tag_is(node, "seq"):
                self.problem(node, f"unsupported tag {_tag(node)!r}", "leave the tag out")
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.scalar(node, path)

    def mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        if not _tag_is(node, "map"):
            self.problem(node, f"unsupported tag {_tag(node)!r}", "leave the tag out")
        out: dict[str, Any] = {}
        seen: dict[str, Position] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and _tag_is(key_node, "merge") and not self.json_syntax:
                merged.extend(value_node.value if isinstance(value_node, SequenceNode) else [value_node])
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "a key must be plain text, not a list or a map")
                continue
            key = str(key_node.value)
            where = _position(key_node)
            if key in seen:
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first written at line {seen[key][0]})",
                    "a key may appear only once in a map: remove or rename one",
                )
                continue
            seen[key] = where
            self.keys[(*path, key)] = where
            out[key] = self.build(value_node, (*path, key), depth + 1)
        for source in merged:
            if not isinstance(source, MappingNode):
                self.problem(source, "'<<' merges only maps", "write '<<: *anchor' with an anchored map")
                continue
            for key_node, value_node in source.value:
                key = str(key_node.value)
                if isinstance(key_node, ScalarNode) and key not in out:
                    self.keys[(*path, key)] = _position(key_node)
                    out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def scalar(self, node: ScalarNode, path: Path) -> Any:
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
        self.problem(node, f"unsupported tag {tag!r}", "leave the tag out, or put the value in quotes")
        return text


def _tag(node: Node) -> str:
    return str(node.tag)


def _tag_is(node: Node, name: str) -> bool:
    return _tag(node) == f"{_TAG}{name}"
