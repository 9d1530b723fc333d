"""Converters and validators for model fields: immutable collections, enum members, checked types.

They run whenever a model object is built, so they are kept cheap: one ``isinstance`` per value
on the common path. Validators name the class and the field; converters, which attrs gives no
field, leave what they cannot convert to the field's validator (a text given for a list).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Final, TypeVar

import attrs

from osallisuuden_palaset.errors import shortened
from osallisuuden_palaset.messages.catalogue import Message, msg, msg_n

E = TypeVar("E", bound=enum.Enum)
#: Whole numbers longer than this (in bits: about 40 digits) are described by their length.
_DESCRIBED_BITS = 132
#: An attrs validator: ``(instance, attribute, value)``, raising when the value is wrong.
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def describe(value: Any) -> str:
    """A short, user-facing name for what a value is ("a map", "a list", "text 'x'", ...)."""
    if isinstance(value, Mapping):
        return msg("a map")
    if isinstance(value, list | tuple):
        return msg("a list")
    if value is None:
        return msg("nothing (null)")
    if isinstance(value, bool):
        return msg("{value} (a yes/no value)", value=str(value).lower())
    if isinstance(value, int) and value.bit_length() > _DESCRIBED_BITS:
        # Its decimal digits may be more than Python converts to text (4,300): never spell it out.
        digits = math.floor(value.bit_length() * math.log10(2)) + 1
        return msg_n("a number of about {n} digit", "a number of about {n} digits", digits)
    if isinstance(value, int | float):
        return msg("the number {value}", value=shortened(repr(value)))
    if isinstance(value, str):
        return msg("the text {value}", value=repr(shortened(value)))
    return type(value).__name__


def _unlisted(values: object) -> bool:
    """Whether ``values`` is no list of values: a text, a map, bytes or not iterable at all."""
    return isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable)


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Freeze a list (or any iterable) given for a tuple field.

    A text, a map or a non-iterable is returned as given, for the field's validator to refuse
    naming the field (a text would otherwise become a tuple of its letters).

    Typed with ``Any`` on purpose: mypy's attrs plugin cannot carry a generic converter's
    element type into ``__init__``; the field's own annotation keeps the precise type.
    """
    if type(values) is tuple:
        return values
    if type(values) is list or not _unlisted(values):
        return tuple(values)
    return values  # type: ignore[return-value]  # refused by the field's validator


def to_frozenset(values: Iterable[Any]) -> frozenset[Any]:
    """Freeze any iterable given for a frozenset field (typed and checked like :func:`to_tuple`)."""
    if type(values) is frozenset:
        return values
    return values if _unlisted(values) else frozenset(values)  # type: ignore[return-value]


def to_date(value: dt.date | None) -> dt.date | None:
    """Converter for optional date fields: a date or None as it is; anything else is refused.

    A converter, not a validator: the shape check runs validators on the text a file gives, and
    a file writes a date as text (YYYY-MM-DD), which the converter of files turns into a date.
    """
    if value is None or isinstance(value, dt.date):
        return value
    raise TypeError(msg("expected a date (datetime.date) or None, not {what}", what=describe(value)))


def member(cls: type[E], value: E | str) -> E:
    """``value`` as a member of the enum ``cls``: a member as it is, its value (``"participant"``)
    as that member.

    Raises:
        ValueError: ``value`` is no member nor the value of one; the message lists the values.
    """
    if type(value) is cls:
        return value
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise ValueError(
            msg("{value} is not one of: {allowed}", value=repr(value), allowed=allowed)
        ) from None


def _where(instance: Any, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}" if instance is not None else attribute.name


def _refuse(instance: Any, attribute: attrs.Attribute[Any], what: str, value: Any) -> None:
    raise TypeError(_must_be(_where(instance, attribute), what, value))


def _must_be(where: str, what: str, value: Any) -> Message:
    return msg("{where} must be {what}, not {value}", where=where, what=what, value=describe(value))


def _kinds(kind: type[Any] | tuple[type[Any], ...]) -> tuple[type[Any], ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _counts_bools(kind: type[Any] | tuple[type[Any], ...]) -> bool:
    """Whether ``isinstance`` would take a bool for ``kind`` although it is no number (int, float)."""
    kinds = _kinds(kind)
    return bool not in kinds and any(issubclass(k, int) for k in kinds)


def _accepts(kind: type[Any] | tuple[type[Any], ...], value: Any) -> bool:
    """Whether ``value`` is of ``kind``; a bool is no number, although Python counts it as an int."""
    return isinstance(value, kind) and not (_counts_bools(kind) and isinstance(value, bool))


def _what(kind: type[Any] | tuple[type[Any], ...]) -> str:
    names = {
        str: msg("a text"),
        int: msg("a whole number"),
        float: msg("a number"),
        bool: msg("true or false"),
    }
    kinds = _kinds(kind)
    if set(kinds) == {int, float}:
        return names[float]
    said = [names.get(k) or msg("a {name}", name=k.__name__) for k in kinds]
    return functools.reduce(lambda a, b: msg("{a} or {b}", a=a, b=b), said)


def is_a(kind: type[Any] | tuple[type[Any], ...], *, optional: bool = False) -> Validator:
    """A validator: the value is of ``kind`` (None too when ``optional``); a bool is no number.

    One ``isinstance`` on the common path (these run for every field of every object built).
    """
    what = msg("{what} or None", what=_what(kind)) if optional else _what(kind)

    if _counts_bools(kind):

        def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
            wrong = not isinstance(value, kind) or value is True or value is False
            if wrong and not (optional and value is None):
                _refuse(instance, attribute, what, value)

    elif optional:

        def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
            if value is not None and not isinstance(value, kind):
                _refuse(instance, attribute, what, value)

    else:

        def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
            if not isinstance(value, kind):
                _refuse(instance, attribute, what, value)

    return check


def each(kind: type[Any] | tuple[type[Any], ...], *, optional: bool = False) -> Validator:
    """A validator for a tuple field (see :func:`to_tuple`): every element is of ``kind``.

    With ``optional``, the field may also be None (a missing tuple). The common case, every
    element exactly of one of the kinds, is checked in one pass in C (``map(type, ...)``).
    """
    what = _what(kind)
    exact = frozenset(_kinds(kind))

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is tuple or type(value) is frozenset:
            if exact.issuperset(map(type, value)):
                return
        elif optional and value is None:
            return
        elif not isinstance(value, tuple | frozenset):
            _refuse(instance, attribute, msg("a list (each {what})", what=what), value)
        for index, element in enumerate(value):  # subclasses, or a wrong element to name
            if not _accepts(kind, element):
                where = f"{_where(instance, attribute)}[{index}]"
                raise TypeError(_must_be(where, what, element))

    return check


def one_of(allowed: Collection[str]) -> Validator:
    """A validator: the value is one of the texts ``allowed`` (for a field typed ``str``)."""
    listed = ", ".join(allowed)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(
                msg(
                    "{where} {value} is not one of: {allowed}",
                    where=_where(instance, attribute),
                    value=repr(value),
                    allowed=listed,
                )
            )

    return check


def is_callable(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator: the value can be called (a function)."""
    if not callable(value):
        _refuse(instance, attribute, msg("a function"), value)


#: attrs metadata of a field that file format version 2 added: a version 1 file may not use it.
SINCE_V2: Final = {"since": 2}


def since(field: attrs.Attribute[Any]) -> int:
    """The first file format version that has ``field`` (1 unless its metadata says otherwise)."""
    found = field.metadata.get("since", 1)
    return found if isinstance(found, int) else 1
