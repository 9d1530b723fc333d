"""The reading limits (values in a document, nesting depth), checked on the parser's events as they come."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
    StreamEndEvent,
)

from osallisuuden_palaset.errors import Problem
from osallisuuden_palaset.messages.catalogue import msg

CParser: Any
try:  # libyaml's parser, from ruamel.yaml.clib (the readers use ruamel's own parser without it)
    from _ruamel_yaml import CParser  # type: ignore[import-not-found,no-redef]
except ImportError:  # pragma: no cover
    CParser = None

#: Most values (keys, texts, numbers, lists and maps) one document may hold, once aliases are
#: followed: far above any real model, well below what takes long to read ("billion laughs" guard).
MAX_NODES: Final = 200_000
#: Deepest nesting of maps and lists accepted.
MAX_DEPTH: Final = 200

_ALIAS_HINT: Final = msg("write the values out instead of using anchors (&) and aliases (*)")


class LimitExceeded(Exception):  # noqa: N818 - a signal inside the readers, never shown as such
    """A text crosses a reading limit; :meth:`problem` says which one, where it was crossed."""

    #: Every kind of limit, each with a message of its own.
    KINDS: Final = ("values", "depth", "aliases", "recursive")

    def __init__(self, kind: str, line: int, col: int) -> None:
        super().__init__(kind, line, col)
        #: "values", "depth", "aliases" (expanded by aliases) or "recursive" (an alias inside itself).
        self.kind = kind
        self.line = line
        self.col = col

    def problem(self, name: str) -> Problem:
        """The limit crossed, as a problem located in file ``name``."""
        return limit_problem(self.kind, name, self.line, self.col)


def limit_problem(kind: str, name: str, line: int, col: int) -> Problem:
    """The one problem for a crossed limit of ``kind`` (see :class:`LimitExceeded`)."""
    if kind == "values":
        return Problem(
            name,
            line,
            col,
            msg(
                "the file holds more than {limit} values (every key, text, number, list and map "
                "counts); reading stopped here",
                limit=MAX_NODES,
            ),
            msg("split the model into several files in one folder"),
        )
    if kind == "depth":
        return too_deep(name, line, col)
    if kind == "aliases":
        return Problem(
            name,
            line,
            col,
            msg("aliases expand the document to more than {limit} values", limit=MAX_NODES),
            _ALIAS_HINT,
        )
    if kind == "recursive":
        return Problem(
            name, line, col, msg("an alias refers to the list or map it is inside of"), _ALIAS_HINT
        )
    raise ValueError(msg("unknown limit {kind}", kind=repr(kind)))


def too_deep(name: str, line: int, col: int) -> Problem:
    """The problem of maps and lists nested deeper than :data:`MAX_DEPTH`."""
    return Problem(
        name,
        line,
        col,
        msg("maps and lists are nested too deeply (more than {limit} levels)", limit=MAX_DEPTH),
    )


def check_limits(text: str) -> None:
    """Read the events of ``text`` once, counting values and levels as aliases expand them.

    Nothing is built, so a text that crosses a limit costs only the events up to that point.
    A syntax error ends the count quietly: the reader that builds the text reports it (and
    builds no more than was counted here).

    Raises:
        LimitExceeded: the first limit crossed, located there.
    """
    try:
        _count(_events(text, fast=CParser is not None))
    except LimitExceeded:
        raise
    except Exception:  # a syntax error: libyaml and ruamel's parser may stop at different places
        if CParser is None:
            return
        try:
            _count(_events(text, fast=False))
        except LimitExceeded:
            raise
        except Exception:  # reported by the full reader, with its messages
            return


def _events(text: str, *, fast: bool) -> Iterator[Any]:
    if not fast:
        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            yield event
            if type(event) is StreamEndEvent:
                return
    finally:
        parser.dispose()


def _count(events: Iterator[Any]) -> None:
    """Raise :class:`LimitExceeded` at the first event that crosses a limit."""
    written = expanded = 0
    # One frame per open map or list: [anchor, values before it, deepest level below it, its mark].
    stack: list[list[Any]] = []
    # Anchor → (values, levels of maps and lists) of the node it names, or its frame while that is open.
    # A later anchor of the same name replaces the earlier one, as YAML says.
    defined: dict[str, tuple[int, int] | list[Any]] = {}
    for event in events:
        if isinstance(event, CollectionEndEvent):
            frame = stack.pop()
            anchor, before, deepest, _ = frame
            if stack:
                stack[-1][2] = max(stack[-1][2], deepest)
            if anchor is not None and defined.get(anchor) is frame:
                defined[anchor] = (expanded - before, deepest - len(stack))
            continue
        if not isinstance(event, NodeEvent):
            continue
        mark = event.start_mark
        written += 1
        if isinstance(event, AliasEvent):
            target = defined.get(event.anchor, (1, 0))  # an unknown alias is the full reader's error
            if isinstance(target, list):
                raise LimitExceeded("recursive", target[3].line + 1, target[3].column + 1)
            values, levels = target
            expanded += values
            reached = len(stack) + levels
            if stack:
                stack[-1][2] = max(stack[-1][2], reached)
        else:
            expanded += 1
            reached = len(stack) + 1 if isinstance(event, CollectionStartEvent) else 0
        if written > MAX_NODES:
            raise LimitExceeded("values", mark.line + 1, mark.column + 1)
        if expanded > MAX_NODES:
            raise LimitExceeded("aliases", mark.line + 1, mark.column + 1)
        if reached > MAX_DEPTH:
            raise LimitExceeded("depth", mark.line + 1, mark.column + 1)
        if isinstance(event, CollectionStartEvent):
            frame = [event.anchor, expanded - 1, reached, mark]
            stack.append(frame)
            if event.anchor is not None:
                defined[event.anchor] = frame
        elif not isinstance(event, AliasEvent) and event.anchor is not None:
            defined[event.anchor] = (1, 0)
