"""Column files (top-level key ``columns:``): which columns of the answers hold what."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from osallisuuden_palaset.errors import LoadError, ModelPath, Problem
from osallisuuden_palaset.files.converting import META_KEYS
from osallisuuden_palaset.files.document import SourceMap
from osallisuuden_palaset.files.reading import Reading, read_bytes, read_text
from osallisuuden_palaset.messages.catalogue import Message, msg
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.answer_messages import close_to, suggestion
from osallisuuden_palaset.surveying.columns import ColumnMap
from osallisuuden_palaset.surveying.tables import read_capped

#: The document key of a column file.
KIND: Final = "columns"
#: The keys under ``columns:``.
KEYS: Final = ("respondent", "wave", "date", "items")
_NOT_TEXT: Final = msg('a column name is text, such as Q1 or "Question 1"')
_ITEMS: Final = msg(
    "items: give each item with its column (esis1: Q1), or the columns as a list in item order"
)


def load_columns(path: str | os.PathLike[str], *, lang: Lang = "en") -> ColumnMap:
    """Load a column file.

    Raises:
        LoadError: the file cannot be read or has problems (each one located FILE:LINE:COL).
    """
    name = str(path)
    return _build(
        read_bytes(read_capped(path, lang), name=name, json_syntax=name.endswith(".json")), name, lang
    )


def loads_columns(text: str, *, name: str = "<columns>", lang: Lang = "en") -> ColumnMap:
    """Build a column map from YAML text (see :func:`load_columns`)."""
    return _build(read_text(text, name=name), name, lang)


def _build(reading: Reading, name: str, lang: Lang) -> ColumnMap:
    if reading.problems:
        raise LoadError(reading.problems)
    source = SourceMap(name, reading.values, reading.keys)
    data = reading.data
    problems: list[Problem] = []

    def problem(path: ModelPath, message: Message, *, at_key: bool = False) -> None:
        problems.append(source.problem(path, message.render(lang), at_key=at_key))

    if not isinstance(data, Mapping) or KIND not in data:
        no_key = msg("the file has no 'columns:' key: a column file starts with 'columns:'")
        raise LoadError([source.problem((), no_key.render(lang))])
    for key in data:
        if key != KIND and key not in META_KEYS:
            problem((key,), _unknown_key(key, [KIND]), at_key=True)
    body = data[KIND]
    if not isinstance(body, Mapping):
        not_map = msg("'columns:' is a map of respondent, wave, date and items")
        raise LoadError([*problems, source.problem((KIND,), not_map.render(lang))])
    found: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, value in body.items():
        path: ModelPath = (KIND, key)
        if key not in KEYS:
            problem(path, _unknown_key(key, KEYS), at_key=True)
        elif key == "items":
            origins["items"] = source.where(path)
            found.update(_items(value, path, source, reading.raw, origins, problem))
        elif (column := _column(value, path, reading.raw)) is None:
            problem(path, _NOT_TEXT)
        else:
            found[key] = column
            origins[key] = source.where(path)
    if problems:
        raise LoadError(problems)
    return ColumnMap(**found, origins=origins)


def _column(value: Any, path: ModelPath, raw: Mapping[ModelPath, str]) -> str | None:
    """A column name: text, or a number written as the header spells it (``1``, ``01``)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return raw.get(path, str(value))
    return None


def _items(
    value: Any,
    path: ModelPath,
    source: SourceMap,
    raw: Mapping[ModelPath, str],
    origins: dict[str, str],
    problem: Callable[..., None],
) -> dict[str, Any]:
    if isinstance(value, list) and value:
        order = []
        for index, cell in enumerate(value):
            column = _column(cell, (*path, index), raw)
            if column is None:
                problem((*path, index), _NOT_TEXT)
            order.append(column or "")
        return {"item_order": tuple(order)}
    if isinstance(value, Mapping) and value:
        pairs = {}
        for item, cell in value.items():
            column = _column(cell, (*path, item), raw)
            if not isinstance(item, str) or column is None:
                problem((*path, item), _NOT_TEXT if isinstance(item, str) else _ITEMS)
                continue
            pairs[item] = column
            origins[f"items.{item}"] = source.where((*path, item))
        return {"items": pairs}
    problem(path, _ITEMS)
    return {}


def _unknown_key(key: object, known: Iterable[str]) -> Message:
    return msg("unknown key {key}{hint}", key=repr(key), hint=suggestion(close_to(str(key), known)))
