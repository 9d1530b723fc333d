"""Reading back what a DOT source says: node and edge statements, for asserting on built diagrams."""

from __future__ import annotations

import re

_EDGE = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|\S+) -> ("(?:[^"\\]|\\.)*"|\S+)(?: \[(.*)\])?$')


def unquote(value: str) -> str:
    """A DOT id without its quotes; for ``node:"port":compass`` (a row of a table node), the port."""
    if value.startswith('"') and value.endswith('"'):
        return value[1:-1]
    parts: list[str] = re.findall(r'"(?:[^"\\]|\\.)*"|[^:]+', value)
    if len(parts) >= 2:  # node:port or node:port:compass
        port = parts[1]
        return port[1:-1] if port.startswith('"') else port
    return value


def port_cell(source: str, port: str) -> str:
    """The HTML of the table cell with ``PORT="port"``, up to the next port (for asserting on it)."""
    start = source.find(f'PORT="{port}"')
    assert start >= 0, f"no cell with port {port!r} in the diagram"
    end = source.find('PORT="', start + 1)
    return source[start : end if end >= 0 else len(source)]


def edges(source: str) -> list[tuple[str, str, str]]:
    """Every edge statement as (tail, head, attribute text)."""
    found = []
    for line in source.splitlines():
        match = _EDGE.match(line)
        if match:
            found.append((unquote(match[1]), unquote(match[2]), match[3] or ""))
    return found


def edge(source: str, tail: str, head: str) -> str:
    """The attributes of the one edge from ``tail`` to ``head``."""
    found = [attrs for t, h, attrs in edges(source) if (t, h) == (tail, head)]
    assert len(found) == 1, f"expected one edge {tail} -> {head}, found {len(found)}"
    return found[0]


def node_line(source: str, node: str) -> str:
    """The statement declaring ``node`` (the first one)."""
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith((f'"{node}" [', f"{node} [")):
            return stripped
    raise AssertionError(f"no node {node!r} in the diagram")
