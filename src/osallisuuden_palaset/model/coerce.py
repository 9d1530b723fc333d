"""Converters for model fields: any iterable in, an immutable tuple out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Freeze a list (or any iterable) given for a tuple field.

    Typed with ``Any`` on purpose: mypy's attrs plugin cannot carry a generic converter's
    element type into ``__init__``; the field's own annotation keeps the precise type.
    """
    return tuple(values)


def to_frozenset(values: Iterable[Any]) -> frozenset[Any]:
    """Freeze any iterable given for a frozenset field (typed like :func:`to_tuple`)."""
    return frozenset(values)
