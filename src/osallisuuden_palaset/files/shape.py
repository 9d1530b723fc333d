"""Check plain data against the model classes' fields before structuring: keys, types, enums, ids."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from osallisuuden_palaset.errors import ModelPath, did_you_mean
from osallisuuden_palaset.files.converting import describe, whole_number_problem
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.practice import Include, Reuse
from osallisuuden_palaset.model.text import LANGS, Text

_STEP_TYPES = frozenset({Block, Reuse, Include})


@attrs.frozen
class ShapeProblem:
    """One problem found in a document, located by its path (at the key itself when ``at_key``)."""

    path: ModelPath
    message: str
    hint: str | None = None
    at_key: bool = False
    #: Located only at the enclosing field (an exception raised while structuring); it may
    #: repeat a more precise finding of the shape check.
    loose: bool = False


_FIELDS: dict[type[Any], tuple[attrs.Attribute[Any], ...]] = {}


def _fields(cls: type[Any]) -> tuple[attrs.Attribute[Any], ...]:
    if cls not in _FIELDS:
        attrs.resolve_types(cls)
        _FIELDS[cls] = tuple(attrs.fields(cls))
    return _FIELDS[cls]


_FIELD_MAPS: dict[type[Any], dict[str, attrs.Attribute[Any]]] = {}


def _field_map(cls: type[Any]) -> dict[str, attrs.Attribute[Any]]:
    """Field name → field of ``cls`` (built once per class; callers do not change it)."""
    found = _FIELD_MAPS.get(cls)
    if found is None:
        found = _FIELD_MAPS[cls] = {f.name: f for f in _fields(cls)}
    return found


@functools.cache
def _kind_of(tp: Any) -> tuple[str, Any]:
    """How :meth:`ShapeChecker.check` reads a value of type ``tp``: a handler name and its argument."""
    origin = typing.get_origin(tp)
    if origin is types.UnionType or origin is typing.Union:
        args = typing.get_args(tp)
        others = tuple(a for a in args if a is not type(None))
        return "union", (others, len(others) < len(args), set(others) == _STEP_TYPES)
    if origin is tuple:
        return "list", typing.get_args(tp)[0]
    if tp is Text:
        return "text", None
    if isinstance(tp, type) and attrs.has(tp):
        return "object", tp
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "enum", (tp, [str(m.value) for m in tp])
    if tp is str:
        return "str", None
    if tp is int:
        return "int", None
    if tp is dt.date:
        return "date", None
    if tp is type(None):
        return "none", None
    return "any", None


def _takes_text(tp: Any) -> bool:
    """Whether a field of type ``tp`` holds text (``str`` or ``str | None``): its validator checks
    the text as written (ids, references); validators of other fields check what the converter made."""
    kind, arg = _kind_of(tp)
    return kind == "str" or (kind == "union" and arg[0] == (str,))


class ShapeChecker:
    """Walks raw data along a model class's field types, collecting findings.

    The returned data has unknown keys removed, wrongly written optional values removed (so
    the rest of the model can still be built and checked), and numbers written where text
    is expected replaced by their source text (``code: 0123`` stays ``"0123"``).
    """

    def __init__(self, raw: Mapping[ModelPath, str]) -> None:
        self.raw = raw
        self.findings: list[ShapeProblem] = []

    def add(self, path: ModelPath, message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        self.findings.append(ShapeProblem(path, message, hint, at_key))

    def check(self, value: Any, tp: Any, path: ModelPath) -> tuple[Any, bool]:
        """``(cleaned value, usable)`` for ``value`` read as type ``tp`` at ``path``."""
        kind, arg = _kind_of(tp)
        if kind == "object":
            return self._object(value, arg, path)
        if kind == "union":
            return self._union(value, arg, path)
        if kind == "list":
            return self._list(value, arg, path)
        if kind == "text":
            return self._text(value, path)
        if kind == "str":
            return self._str(value, path)
        if kind == "enum":
            return self._enum(value, arg, path)
        if kind == "int":
            problem = whole_number_problem(value)
            if problem is not None:
                self.add(path, problem)
                return value, False
            return value, True
        if kind == "date":
            return self._date(value, path)
        if kind == "none":
            return value, value is None
        return value, True

    def _union(
        self, value: Any, plan: tuple[tuple[Any, ...], bool, bool], path: ModelPath
    ) -> tuple[Any, bool]:
        others, optional, step = plan
        if value is None and optional:
            return None, True
        if step:
            return self._step(value, path)
        if len(others) == 1:
            return self.check(value, others[0], path)
        return value, True

    def _step(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if not isinstance(value, Mapping):
            self.add(path, f"expected a step (a map), not {describe(value)}")
            return value, False
        cls = Reuse if "reuse" in value else Include if "include" in value else Block
        return self._object(value, cls, path)

    def _list(self, value: Any, item: Any, path: ModelPath) -> tuple[Any, bool]:
        if not isinstance(value, list):
            self.add(path, f"expected a list, not {describe(value)}", "write each item on its own '- ' line")
            return value, False
        out = []
        usable = True
        for index, element in enumerate(value):
            cleaned, ok = self.check(element, item, (*path, index))
            out.append(cleaned)
            usable = usable and ok
        return out, usable

    def _object(self, value: Any, cls: type[Any], path: ModelPath) -> tuple[Any, bool]:
        if not isinstance(value, Mapping):
            self.add(path, f"expected a map of {_kind_name(cls)} fields, not {describe(value)}")
            return value, False
        fields = _field_map(cls)
        out: dict[str, Any] = {}
        usable = True
        for key, element in value.items():
            field = fields.get(key)
            if field is None:
                self.add(
                    (*path, key),
                    f"unknown key {key!r} in {_kind_name(cls)}",
                    did_you_mean(str(key), fields) or "allowed keys: " + ", ".join(fields),
                    at_key=True,
                )
                continue
            cleaned, ok = self.check(element, field.type, (*path, key))
            if ok and field.validator is not None and isinstance(cleaned, str) and _takes_text(field.type):
                ok = self._validate(field, cleaned, (*path, key))
            if ok:
                out[key] = cleaned
            elif field.default is attrs.NOTHING or not _is_scalar(field.type):
                # Kept, so structuring fails here (and is not reported twice); dropping a list
                # would make everything that refers into it look wrong too.
                out[key] = cleaned
                usable = False
            # else: a wrongly written optional value is left out, so the rest can still be checked.
        for name, field in fields.items():
            if field.default is attrs.NOTHING and name not in value:
                self.add(
                    path,
                    f"missing required field {name!r} in {_kind_name(cls)}",
                    f"add '{name}:' to this map",
                )
                usable = False
        return out, usable

    def _validate(self, field: attrs.Attribute[Any], value: str, path: ModelPath) -> bool:
        assert field.validator is not None
        try:
            field.validator(None, field, value)
        except (ValueError, TypeError) as error:
            self.add(path, str(error))
            return False
        return True

    def _text(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if isinstance(value, int | float) and path in self.raw:
            value = self.raw[path]
        if isinstance(value, str):
            if not value.strip():
                self.add(path, "the text is empty", "write the text or leave the key out")
                return value, False
            return value, True
        if not isinstance(value, Mapping):
            self.add(path, f"expected text (a string or a map of fi, en, sv), not {describe(value)}")
            return value, False
        out: dict[str, Any] = {}
        for lang, variant in value.items():
            where = (*path, lang)
            if lang not in LANGS:
                hint = did_you_mean(str(lang), LANGS) or "the languages are fi, en and sv"
                self.add(where, f"unknown language {lang!r}", hint, at_key=True)
            elif variant is None:
                continue
            elif not isinstance(variant, str):
                self.add(where, f"the {lang} text must be a string, not {describe(variant)}")
            elif not variant.strip():
                self.add(where, f"the {lang} text is empty", "write the text or leave the key out")
            else:
                out[lang] = variant
        if not out:
            if not any(f.path[: len(path)] == path for f in self.findings):
                self.add(path, "a text needs at least one of fi, en or sv")
            return value, False
        return out, True

    def _str(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if isinstance(value, int | float) and path in self.raw:
            return self.raw[path], True
        if isinstance(value, str):
            return value, True
        self.add(path, f"expected text, not {describe(value)}")
        return value, False

    def _date(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if isinstance(value, dt.date):
            return value, True
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                self.add(path, f"{value!r} is not a date", "write dates as YYYY-MM-DD, e.g. 2024-03-01")
                return value, False
            return value, True
        self.add(
            path, f"expected a date, not {describe(value)}", "write dates as YYYY-MM-DD, e.g. 2024-03-01"
        )
        return value, False

    def _enum(self, value: Any, plan: tuple[type[enum.Enum], list[str]], path: ModelPath) -> tuple[Any, bool]:
        tp, allowed = plan
        if isinstance(value, str) and value in allowed:
            return value, True
        shown = repr(value) if isinstance(value, str) else describe(value)
        self.add(
            path,
            f"{shown} is not a valid {_kind_name(tp)}; allowed: {', '.join(allowed)}",
            did_you_mean(value, allowed) if isinstance(value, str) else None,
        )
        return value, False


def _is_scalar(tp: Any) -> bool:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (types.UnionType, typing.Union) and len(args) == 1:
        tp = args[0]
    return tp in (str, int, dt.date, Text) or (isinstance(tp, type) and issubclass(tp, enum.Enum))


def _kind_name(cls: type[Any]) -> str:
    """'GroupSize' → 'group size', 'FlowKind' → 'flow kind'."""
    name = cls.__name__
    return "".join(" " + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


def check_shape(
    data: Any, cls: type[Any], path: ModelPath, raw: Mapping[ModelPath, str]
) -> tuple[Any, list[ShapeProblem]]:
    """Check ``data`` (found at ``path``) as a ``cls``; returns cleaned data and every finding."""
    checker = ShapeChecker(raw)
    cleaned, _ = checker.check(data, cls, path)
    return cleaned, checker.findings
