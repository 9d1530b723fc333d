"""One converter between model objects and plain data (dicts, lists, strings) for YAML and JSON."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from osallisuuden_palaset.files.format_version import CURRENT
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.coerce import describe as describe  # re-exported: one home, in the model
from osallisuuden_palaset.model.coerce import member
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Include, Practice, Reuse, Step
from osallisuuden_palaset.model.project import Catalogue, Collection, Project
from osallisuuden_palaset.model.target_group import AgeRange
from osallisuuden_palaset.model.text import LANGS, Text
from osallisuuden_palaset.model.waivers import Waiver

T = TypeVar("T")

#: The top-level key of a model file names what the file holds.
DOCUMENT_KINDS: Final[dict[str, type[Any]]] = {
    "practice": Practice,
    "project": Project,
    "catalogue": Catalogue,
    "collection": Collection,
    "framework": Framework,
}
#: Keys a model file may have beside its one document key.
META_KEYS: Final = frozenset({"$schema", "version"})
Model = Practice | Project | Catalogue | Collection | Framework
#: Largest whole number a model file may hold (2**53 - 1, what every JSON reader keeps exact).
MAX_WHOLE_NUMBER: Final = 2**53 - 1


def _structure_text(value: Any, _: type[Text]) -> Text:
    if isinstance(value, str):
        return Text(fi=value)
    if isinstance(value, Mapping):
        extra = sorted(str(k) for k in value if k not in LANGS)
        if extra:
            raise cattrs.ForbiddenExtraKeysError(
                msg(
                    "unknown language {lang}: a text is a string or a map of fi, en, sv", lang=repr(extra[0])
                ),
                Text,
                set(extra),
            )
        for lang in LANGS:
            v = value.get(lang)
            if v is not None and not isinstance(v, str):
                raise TypeError(
                    msg("the {lang} text must be a string, not {what}", lang=lang, what=describe(v))
                )
        return Text(**{lang: value[lang] for lang in LANGS if value.get(lang) is not None})
    raise TypeError(msg("a text must be a string or a map of fi, en, sv, not {what}", what=describe(value)))


def _unstructure_text(value: Text) -> str | dict[str, str]:
    if value.is_plain:
        return value.get("fi")
    return dict(value.items())


def _structure_date(value: Any, _: type[dt.date]) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                msg("{value} is not a date; write it as YYYY-MM-DD", value=repr(value))
            ) from None
    raise TypeError(msg("a date must be written as YYYY-MM-DD, not {what}", what=describe(value)))


def _structure_step(converter: cattrs.Converter, value: Any, _: Any) -> Step:
    if not isinstance(value, Mapping):
        raise TypeError(msg("a step must be a map, not {what}", what=describe(value)))
    if "reuse" in value:
        return converter.structure(value, Reuse)
    if "include" in value:
        return converter.structure(value, Include)
    return converter.structure(value, Block)


def text_or_object(tp: Any) -> type[Any] | None:
    """For a union of Text and one model class (``Text | Evidence | None``), that class; else None.

    A file writes such a value as a text (a string, or a map of languages) or as the class's map:
    a map with any key but fi, en and sv is the class's.
    """
    origin = typing.get_origin(tp)
    if origin is not types.UnionType and origin is not typing.Union:
        return None
    arms = [a for a in typing.get_args(tp) if a is not type(None)]
    if len(arms) != 2 or Text not in arms:
        return None
    other = next(a for a in arms if a is not Text)
    return other if isinstance(other, type) and attrs.has(other) else None


def is_object_form(value: Any) -> bool:
    """Whether ``value``, written where a text or a model class is, is the class's map."""
    return isinstance(value, Mapping) and any(k not in LANGS for k in value)


def _structure_text_or_object(converter: cattrs.Converter, value: Any, tp: Any) -> Any:
    if value is None:
        return None
    other = text_or_object(tp)
    return converter.structure(value, other if is_object_form(value) else Text)  # type: ignore[arg-type]


#: ``16–29``, ``16-29``: an age range written as text.
AGE_RANGE = re.compile(r"^\s*(\d{1,3})\s*[-–]\s*(\d{1,3})\s*$")


def ages_problem(value: Any) -> str:
    """What to write for ages, where ``value`` was written."""
    return msg("write ages as 16–29 or as a map of min and max, not {what}", what=describe(value))


def age_range_data(value: Any) -> Any:
    """``"16–29"`` as ``{"min": 16, "max": 29}``; anything else as it is."""
    found = AGE_RANGE.match(value) if isinstance(value, str) else None
    return {"min": int(found[1]), "max": int(found[2])} if found else value


def _structure_age_range(converter: cattrs.Converter, value: Any, _: type[AgeRange]) -> AgeRange:
    data = age_range_data(value)
    if not isinstance(data, Mapping):
        raise TypeError(
            msg("write ages as 16–29 or as a map of min and max, not {what}", what=describe(value))
        )
    return AgeRange(**{k: converter.structure(v, int) for k, v in data.items()})


def _unstructure_age_range(ages: AgeRange) -> str | dict[str, int]:
    if ages.min is not None and ages.max is not None:
        return str(ages)
    return {k: v for k, v in (("min", ages.min), ("max", ages.max)) if v is not None}


def _is_waivers(tp: Any) -> bool:
    return bool(tp == tuple[Waiver, ...])


def _structure_waivers(converter: cattrs.Converter, value: Any, _: Any) -> tuple[Waiver, ...]:
    if not isinstance(value, Mapping):
        raise TypeError(msg("write waivers as a map of check id to reason, not {what}", what=describe(value)))
    return tuple(Waiver(converter.structure(k, str), converter.structure(v, Text)) for k, v in value.items())


def _strict_str(value: Any, _: type[str]) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(msg("expected text, not {what}", what=describe(value)))
    return str(value)


def _strict_bool(value: Any, _: type[bool]) -> bool:
    if not isinstance(value, bool):
        raise TypeError(msg("expected true or false, not {what}", what=describe(value)))
    return value


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    found: enum.Enum = member(cls, value)
    return found


def _strict_int(value: Any, _: type[int]) -> int:
    problem = whole_number_problem(value)
    if problem is not None:
        raise (ValueError if isinstance(value, int) and not isinstance(value, bool) else TypeError)(problem)
    return int(value)


def whole_number_problem(value: Any) -> str | None:
    """Why ``value`` cannot be a whole-number field of a model (``0x…`` literals included), or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return msg("expected a whole number, not {what}", what=describe(value))
    if abs(value) > MAX_WHOLE_NUMBER:
        return msg(
            "{what} is too large: a whole number here is at most {limit}",
            what=describe(value),
            limit=MAX_WHOLE_NUMBER,
        )
    return None


def _is_model_class(cls: Any) -> bool:
    return attrs.has(cls) and cls is not Text


@functools.cache
def converter() -> cattrs.Converter:
    """The converter: strict structuring (unknown keys are errors), compact unstructuring."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(Text, _structure_text)
    conv.register_unstructure_hook(Text, _unstructure_text)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)  # bool is an int: registered after it, it wins
    # StrEnums are strs too: StrEnum precedes str in their MRO, so this hook wins over the one above.
    conv.register_structure_hook(enum.StrEnum, _structure_enum)
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_structure_hook(Step, functools.partial(_structure_step, conv))
    conv.register_structure_hook_func(
        lambda tp: text_or_object(tp) is not None, functools.partial(_structure_text_or_object, conv)
    )
    conv.register_structure_hook(AgeRange, functools.partial(_structure_age_range, conv))
    conv.register_unstructure_hook(AgeRange, _unstructure_age_range)
    conv.register_structure_hook_func(_is_waivers, functools.partial(_structure_waivers, conv))
    conv.register_unstructure_hook_func(
        _is_waivers, lambda waivers: {w.check: _unstructure_text(w.reason) for w in waivers}
    )
    conv.register_structure_hook_factory(
        _is_model_class, lambda cls: make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
    )
    conv.register_unstructure_hook_factory(
        _is_model_class, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    return conv


def structure(data: Any, cls: type[T]) -> T:
    """Build a model object of type ``cls`` from plain data; raises cattrs errors with paths."""
    return converter().structure(data, cls)


def unstructure(model: Any) -> Any:
    """Plain data for a model object: defaults left out, plain texts as strings."""
    return converter().unstructure(model)


@functools.cache
def output_converter() -> cattrs.Converter:
    """The converter for JSON reports: every field kept (None too), texts as maps of their languages.

    Reports copy it (``output_converter().copy()``) and register, in one place, the hooks where
    their JSON deliberately differs from the classes (renamed, rounded, computed or left out).
    """
    conv = cattrs.Converter()
    conv.register_unstructure_hook(Text, lambda t: dict(t.items()))
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(enum.Enum, _enum_value)
    conv.register_unstructure_hook(enum.StrEnum, _enum_value)  # a StrEnum is a str too: this one wins
    return conv


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def kind_of(model: Model) -> str:
    """The document key for a model object ("practice", "project", ...)."""
    for key, cls in DOCUMENT_KINDS.items():
        if isinstance(model, cls):
            return key
    raise TypeError(msg("{kind} is not a document kind", kind=type(model).__name__))


def to_document(model: Model) -> dict[str, Any]:
    """A model file's content for ``model``: ``{"version": 2, kind: data}`` (the current format)."""
    return {"version": CURRENT, kind_of(model): unstructure(model)}
