"""Check plain data against the model classes' fields before structuring: keys, types, enums, ids."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Mapping
from typing import Any, Final

import attrs

from osallisuuden_palaset.errors import ModelPath, did_you_mean, reason
from osallisuuden_palaset.files.converting import (
    age_range_data,
    ages_problem,
    describe,
    is_object_form,
    text_or_object,
    whole_number_problem,
)
from osallisuuden_palaset.files.format_version import CURRENT, V2_VALUES
from osallisuuden_palaset.messages.catalogue import Message, msg
from osallisuuden_palaset.messages.labels import value_for_label
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.coerce import since
from osallisuuden_palaset.model.ids import check_id
from osallisuuden_palaset.model.practice import Include, Reuse
from osallisuuden_palaset.model.target_group import AgeRange
from osallisuuden_palaset.model.text import LANGS, Text
from osallisuuden_palaset.model.waivers import Waiver

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
    other = text_or_object(tp)
    if other is not None:
        return "text_or_object", other
    if tp == tuple[Waiver, ...]:
        return "waivers", None
    if tp is AgeRange:
        return "ages", None
    if tp is bool:
        return "bool", None
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

    def __init__(self, raw: Mapping[ModelPath, str], version: int = CURRENT) -> None:
        self.raw = raw
        self.version = version
        self.findings: list[ShapeProblem] = []

    def add(self, path: ModelPath, message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        self.findings.append(ShapeProblem(path, message, hint, at_key))

    def check(self, value: Any, tp: Any, path: ModelPath) -> tuple[Any, bool]:
        """``(cleaned value, usable)`` for ``value`` read as type ``tp`` at ``path``."""
        kind, arg = _kind_of(tp)
        if kind == "object":
            return self._object(value, arg, path)
        if kind == "text_or_object":
            return self._text_or_object(value, arg, path)
        if kind == "waivers":
            return self._waivers(value, path)
        if kind == "ages":
            return self._ages(value, path)
        if kind == "bool":
            if isinstance(value, bool):
                return value, True
            self.add(path, msg("expected true or false, not {what}", what=describe(value)))
            return value, False
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

    def _text_or_object(self, value: Any, cls: type[Any], path: ModelPath) -> tuple[Any, bool]:
        if value is None:
            return None, True
        if not is_object_form(value):
            return self._text(value, path)
        if self.version < 2:
            self._needs_v2(path, msg("{kind} written as a map", kind=_kind_name(cls)), at_key=False)
        return self._object(value, cls, path)

    def _waivers(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if not isinstance(value, Mapping):
            self.add(
                path,
                msg("expected a map of check id to reason, not {what}", what=describe(value)),
                msg("under 'waive:' write one line per check: its id, a colon and the reason"),
            )
            return value, False
        out: dict[str, Any] = {}
        usable = True
        for check, reason_given in value.items():
            try:
                check_id(None, _WAIVER_CHECK, check)
            except (ValueError, TypeError) as error:
                self.add((*path, check), reason(error), at_key=True)
                usable = False
                continue
            if reason_given is None:
                self.add(
                    (*path, check),
                    msg("the waiver of {check} gives no reason", check=repr(check)),
                    msg("say why the check does not apply to this step"),
                )
                usable = False
                continue
            cleaned, ok = self._text(reason_given, (*path, check))
            out[check] = cleaned
            usable = usable and ok
        return out, usable

    def _ages(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        data = age_range_data(value)
        if isinstance(data, Mapping):
            return self._object(data, AgeRange, path)
        self.add(path, ages_problem(value))
        return value, False

    def _needs_v2(self, path: ModelPath, what: str, *, at_key: bool) -> None:
        self.add(
            path,
            msg("{what} needs file format version 2", what=what),
            msg("add 'version: 2' at the top of the file, or run 'palaset migrate' on it"),
            at_key=at_key,
        )

    def _step(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if not isinstance(value, Mapping):
            self.add(path, msg("expected a step (a map), not {what}", what=describe(value)))
            return value, False
        cls = Reuse if "reuse" in value else Include if "include" in value else Block
        return self._object(value, cls, path)

    def _list(self, value: Any, item: Any, path: ModelPath) -> tuple[Any, bool]:
        if not isinstance(value, list):
            self.add(
                path,
                msg("expected a list, not {what}", what=describe(value)),
                msg("write each item on its own '- ' line"),
            )
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
            self.add(
                path,
                msg(
                    "expected a map of {kind} fields, not {what}", kind=_kind_name(cls), what=describe(value)
                ),
            )
            return value, False
        fields = _field_map(cls)
        out: dict[str, Any] = {}
        usable = True
        for key, element in value.items():
            field = fields.get(key)
            if field is None:
                self.add(
                    (*path, key),
                    msg("unknown key {key} in {kind}", key=repr(key), kind=_kind_name(cls)),
                    did_you_mean(str(key), fields) or msg("allowed keys: {keys}", keys=", ".join(fields)),
                    at_key=True,
                )
                continue
            if since(field) > self.version:
                self._needs_v2((*path, key), repr(key), at_key=True)
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
                    msg("missing required field {name} in {kind}", name=repr(name), kind=_kind_name(cls)),
                    msg("add '{name}:' to this map", name=name),
                )
                usable = False
        return out, usable

    def _validate(self, field: attrs.Attribute[Any], value: str, path: ModelPath) -> bool:
        assert field.validator is not None
        try:
            field.validator(None, field, value)
        except (ValueError, TypeError) as error:
            self.add(path, reason(error))
            return False
        return True

    def _text(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if isinstance(value, int | float) and path in self.raw:
            value = self.raw[path]
        if isinstance(value, str):
            if not value.strip():
                self.add(path, msg("the text is empty"), msg("write the text or leave the key out"))
                return value, False
            return value, True
        if not isinstance(value, Mapping):
            self.add(
                path, msg("expected text (a string or a map of fi, en, sv), not {what}", what=describe(value))
            )
            return value, False
        out: dict[str, Any] = {}
        for lang, variant in value.items():
            where = (*path, lang)
            if lang not in LANGS:
                hint = did_you_mean(str(lang), LANGS) or msg("the languages are fi, en and sv")
                self.add(where, msg("unknown language {lang}", lang=repr(lang)), hint, at_key=True)
            elif variant is None:
                continue
            elif not isinstance(variant, str):
                self.add(
                    where,
                    msg("the {lang} text must be a string, not {what}", lang=lang, what=describe(variant)),
                )
            elif not variant.strip():
                self.add(
                    where,
                    msg("the {lang} text is empty", lang=lang),
                    msg("write the text or leave the key out"),
                )
            else:
                out[lang] = variant
        if not out:
            if not any(f.path[: len(path)] == path for f in self.findings):
                self.add(path, msg("a text needs at least one of fi, en or sv"))
            return value, False
        return out, True

    def _str(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if isinstance(value, int | float) and path in self.raw:
            return self.raw[path], True
        if isinstance(value, str):
            return value, True
        self.add(path, msg("expected text, not {what}", what=describe(value)))
        return value, False

    def _date(self, value: Any, path: ModelPath) -> tuple[Any, bool]:
        if isinstance(value, dt.date):
            return value, True
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                self.add(path, msg("{value} is not a date", value=repr(value)), _DATE_HINT)
                return value, False
            return value, True
        self.add(path, msg("expected a date, not {what}", what=describe(value)), _DATE_HINT)
        return value, False

    def _enum(self, value: Any, plan: tuple[type[enum.Enum], list[str]], path: ModelPath) -> tuple[Any, bool]:
        tp, allowed = plan
        if isinstance(value, str) and value in allowed:
            if self.version < 2 and (tp, value) in V2_VALUES:
                self._needs_v2(
                    path, msg("the {kind} {value}", kind=_kind_name(tp), value=repr(value)), at_key=False
                )
            return value, True
        shown = repr(value) if isinstance(value, str) else describe(value)
        self.add(
            path,
            msg(
                "{value} is not a valid {kind}; allowed: {allowed}",
                value=shown,
                kind=_kind_name(tp),
                allowed=", ".join(allowed),
            ),
            _enum_hint(tp, value, allowed),
        )
        return value, False


def _is_scalar(tp: Any) -> bool:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (types.UnionType, typing.Union) and len(args) == 1:
        tp = args[0]
    return tp in (str, int, dt.date, Text) or (isinstance(tp, type) and issubclass(tp, enum.Enum))


def _enum_hint(cls: type[enum.Enum], value: Any, allowed: list[str]) -> str | None:
    """The value to write for a label of one (``'vahva' = strong``), else the nearest values."""
    if not isinstance(value, str):
        return None
    meant = value_for_label(cls, value)
    if meant is not None and meant != value:
        return msg("{label} = {value}", label=repr(value), value=meant)
    return did_you_mean(value, allowed)


def _kind_name(cls: type[Any]) -> str:
    """'GroupSize' → 'group size', 'FlowKind' → 'flow kind' (in the user's language when shown)."""
    known = _KIND_NAMES.get(cls.__name__)
    if known is not None:
        return known
    name = cls.__name__
    return "".join(" " + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


_WAIVER_CHECK: Final = attrs.fields(Waiver).check
_DATE_HINT: Final = msg("write dates as YYYY-MM-DD, e.g. 2024-03-01")

#: The names messages give the model's classes (their class names, spaced and in lower case).
_KIND_NAMES: Final[Mapping[str, Message]] = {
    "AgeRange": msg("age range"),
    "Answer": msg("answer"),
    "AnswerStatus": msg("answer status"),
    "Block": msg("block"),
    "BlockKind": msg("block kind"),
    "Catalogue": msg("catalogue"),
    "Collection": msg("collection"),
    "Description": msg("description"),
    "DevelopmentPath": msg("development path"),
    "Dimension": msg("dimension"),
    "Evidence": msg("evidence"),
    "EvidenceKind": msg("evidence kind"),
    "Flow": msg("flow"),
    "FlowKind": msg("flow kind"),
    "Framework": msg("framework"),
    "FrameworkKind": msg("framework kind"),
    "GroupSize": msg("group size"),
    "Include": msg("include"),
    "Indicator": msg("indicator"),
    "IndicatorLevel": msg("indicator level"),
    "Mapping": msg("mapping"),
    "Modality": msg("modality"),
    "Outcome": msg("outcome"),
    "Participant": msg("participant"),
    "Period": msg("period"),
    "Phase": msg("phase"),
    "Practice": msg("practice"),
    "Principle": msg("principle"),
    "Project": msg("project"),
    "Provenance": msg("provenance"),
    "ProvenanceKind": msg("provenance kind"),
    "Question": msg("question"),
    "Resource": msg("resource"),
    "Reuse": msg("reuse"),
    "Role": msg("role"),
    "Source": msg("source"),
    "Strength": msg("strength"),
    "TargetGroup": msg("target group"),
    "Variant": msg("variant"),
    "Choose": msg("choice"),
    "Wait": msg("join"),
}


def check_shape(
    data: Any, cls: type[Any], path: ModelPath, raw: Mapping[ModelPath, str], *, version: int = CURRENT
) -> tuple[Any, list[ShapeProblem]]:
    """Check ``data`` (found at ``path``) as a ``cls`` written in format ``version``; returns
    cleaned data and every finding."""
    checker = ShapeChecker(raw, version)
    cleaned, _ = checker.check(data, cls, path)
    return cleaned, checker.findings
