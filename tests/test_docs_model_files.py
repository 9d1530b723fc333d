"""docs/model-files.md documents every field of every class a model file can hold, and every enum value."""

from __future__ import annotations

import enum
import re
import types
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

from osallisuuden_palaset.files.converting import DOCUMENT_KINDS
from osallisuuden_palaset.model import practice as practice_module
from osallisuuden_palaset.model.text import Text

DOC = Path(__file__).resolve().parents[1] / "docs" / "model-files.md"
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|([^|]*)\|([^|]*)\|")


def _members(hint: Any) -> list[Any]:
    """The classes a field's type hint can hold: unions and tuples unpacked."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType, tuple):
        return [m for arg in typing.get_args(hint) if arg is not Ellipsis for m in _members(arg)]
    return [hint]


def _reachable() -> tuple[list[type[Any]], list[type[enum.Enum]]]:
    """Every attrs class and enum reachable from the document kinds, in discovery order."""
    classes: list[type[Any]] = []
    enums: list[type[enum.Enum]] = []
    localns = {**vars(practice_module)}

    def visit(cls: Any) -> None:
        if isinstance(cls, type) and issubclass(cls, enum.Enum):
            if cls not in enums:
                enums.append(cls)
            return
        if not (isinstance(cls, type) and attrs.has(cls)) or cls is Text or cls in classes:
            return
        classes.append(cls)
        hints = typing.get_type_hints(cls, localns=localns)
        for field in attrs.fields(cls):
            for member in _members(hints[field.name]):
                visit(member)

    for kind in DOCUMENT_KINDS.values():
        visit(kind)
    return classes, enums


CLASSES, ENUMS = _reachable()


def _sections() -> dict[str, list[str]]:
    """Lines under each '###' heading, keyed by the class name in backticks in the heading."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            current = None
            named = re.findall(r"`([A-Za-z]+)`", line) if line.startswith("### ") else []
            if named:
                current = sections.setdefault(named[-1], [])
        elif current is not None:
            current.append(line)
    return sections


SECTIONS = _sections()


def _rows(name: str) -> dict[str, tuple[str, str]]:
    """Table rows of a section: first-column key → (second column, third column), stripped."""
    rows = {}
    for line in SECTIONS.get(name, []):
        match = ROW.match(line)
        if match:
            rows[match.group(1)] = (match.group(2).strip(), match.group(3).strip())
    return rows


def test_the_walk_finds_the_whole_model() -> None:
    names = {c.__name__ for c in CLASSES}
    assert {"Practice", "Block", "Mapping", "Flow", "Description", "Provenance", "Period"} <= names
    assert {"Role", "Modality", "Strength", "FlowKind"} <= {e.__name__ for e in ENUMS}


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_field_has_a_row_with_the_right_required_mark(cls: type[Any]) -> None:
    assert cls.__name__ in SECTIONS, f"docs/model-files.md has no '### ... `{cls.__name__}`' section"
    rows = _rows(cls.__name__)
    for field in attrs.fields(cls):
        assert field.name in rows, f"{cls.__name__}.{field.name} is not documented"
        required = field.default is attrs.NOTHING
        assert rows[field.name][1] == ("yes" if required else "no"), f"{cls.__name__}.{field.name}"
    extra = set(rows) - {f.name for f in attrs.fields(cls)}
    assert not extra, f"documented but not fields of {cls.__name__}: {sorted(extra)}"


@pytest.mark.parametrize("kind", ENUMS, ids=lambda e: e.__name__)
def test_every_enum_value_is_documented(kind: type[enum.Enum]) -> None:
    assert kind.__name__ in SECTIONS, f"docs/model-files.md has no section for `{kind.__name__}`"
    assert set(_rows(kind.__name__)) == {str(member.value) for member in kind}


def test_every_document_kind_is_listed() -> None:
    text = DOC.read_text(encoding="utf-8")
    for key, cls in DOCUMENT_KINDS.items():
        assert f"| `{key}:` |" in text
        assert f"`{cls.__name__}`" in text


def test_the_strength_weights_match_the_code() -> None:
    from osallisuuden_palaset.model.block import Strength

    rows = {}
    for line in SECTIONS["Strength"]:
        cells = [c.strip(" `") for c in line.split("|")[1:-1]]
        if cells and cells[0] in {s.value for s in Strength}:
            rows[cells[0]] = int(cells[2])
    assert rows == {s.value: s.weight for s in Strength}


def test_every_quoted_example_file_exists() -> None:
    quoted = set(re.findall(r"`(examples/[\w.-]+)`", DOC.read_text(encoding="utf-8")))
    assert quoted
    root = DOC.parents[1]
    for name in quoted:
        assert (root / name).is_file(), name


def test_the_limits_table_states_the_limits_of_the_code() -> None:
    from osallisuuden_palaset.files.converting import MAX_WHOLE_NUMBER
    from osallisuuden_palaset.files.reading import MAX_BYTES, MAX_DEPTH, MAX_NODES
    from osallisuuden_palaset.model.includes import MAX_INCLUDE_DEPTH, MAX_REACHED_STEPS

    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Limits") :]
    section = section[: section.index("\n## ", 1)]
    rows = [
        f"| a file's size | {MAX_BYTES // 2**20} MiB |",
        f"| {MAX_DEPTH} levels",
        f"| {MAX_NODES:,} |",
        f"| a whole number | {MAX_WHOLE_NUMBER:,} |",
        f"| {MAX_INCLUDE_DEPTH} levels |",
        f"| {MAX_REACHED_STEPS:,} |",
    ]
    for row in rows:
        assert row in section, row
    assert "| an id |" not in section  # an id may be of any length
