"""Instrument files (top-level key ``instrument:``): read, checked and built with the one converter."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Final

import attrs

from osallisuuden_palaset.errors import LoadError, ModelPath
from osallisuuden_palaset.files.converting import describe
from osallisuuden_palaset.files.document import parse_as
from osallisuuden_palaset.files.reading import Reading, read_text
from osallisuuden_palaset.files.shape import ShapeProblem
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.survey import Instrument

#: The document key of an instrument file.
KIND: Final = "instrument"
_HINT: Final = "an instrument file starts with 'instrument:'"


def load_instrument(path: str | os.PathLike[str]) -> Instrument:
    """Load an instrument file.

    Raises:
        LoadError: the file is missing or unreadable, or has problems (every one is listed).
    """
    from osallisuuden_palaset.files.reading import read_file

    return _build(read_file(path), str(path))


def loads_instrument(text: str, *, name: str = "<instrument>") -> Instrument:
    """Build an instrument from YAML text (see :func:`load_instrument`)."""
    return _build(read_text(text, name=name), name)


def _build(reading: Reading, name: str) -> Instrument:
    found, problems = parse_as(reading, name, KIND, Instrument, _HINT, stricter=_strict_findings)
    if found is None:
        raise LoadError(problems)
    return found


def _strict_findings(data: Any) -> list[ShapeProblem]:
    """Yes/no and number fields the converter would otherwise read loosely."""
    found: list[ShapeProblem] = []
    if not isinstance(data, Mapping):
        return found
    for index, item in enumerate(data.get("items") or []):
        if isinstance(item, Mapping) and "reverse" in item and not isinstance(item["reverse"], bool):
            found.append(
                ShapeProblem(
                    (KIND, "items", index, "reverse"),
                    msg("reverse must be true or false, not {value}", value=describe(item["reverse"])),
                )
            )
    places: list[tuple[ModelPath, Any]] = []
    if isinstance(data.get("scoring"), Mapping):
        places += [
            ((KIND, "scoring", k), data["scoring"][k]) for k in ("low", "high") if k in data["scoring"]
        ]
    for index, threshold in enumerate(data.get("thresholds") or []):
        if isinstance(threshold, Mapping) and "at_least" in threshold:
            places.append(((KIND, "thresholds", index, "at_least"), threshold["at_least"]))
    for path, value in places:
        if isinstance(value, bool) or not isinstance(value, int | float):
            found.append(ShapeProblem(path, msg("expected a number, not {value}", value=describe(value))))
    return found


def dump_instrument(instrument: Instrument) -> str:
    """An instrument file's YAML text for ``instrument``, to copy and edit; it loads back equal.

    The scoring is written out even where it is the default, so that the copy shows what to edit.
    """
    from osallisuuden_palaset.files.converting import unstructure
    from osallisuuden_palaset.files.writing import dump_yaml_data

    data = unstructure(instrument)
    scoring = instrument.scoring
    data["scoring"] = {"method": scoring.method.value, "low": scoring.low, "high": scoring.high,
                       "decimals": scoring.decimals}  # fmt: skip
    order = [field.name for field in attrs.fields(Instrument)]
    return dump_yaml_data({KIND: {key: data[key] for key in order if key in data}})
