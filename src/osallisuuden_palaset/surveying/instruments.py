"""Instrument files (top-level key ``instrument:``): read, checked and built with the one converter."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from osallisuuden_palaset.errors import LoadError, ModelPath, Problem, did_you_mean
from osallisuuden_palaset.files.converting import META_KEYS, describe, structure
from osallisuuden_palaset.files.document import SourceMap, error_findings
from osallisuuden_palaset.files.reading import read_bytes, read_text
from osallisuuden_palaset.files.shape import ShapeProblem, check_shape
from osallisuuden_palaset.model.survey import Instrument

#: The document key of an instrument file.
KIND: Final = "instrument"
_HINT: Final = "an instrument file starts with 'instrument:'"


def load_instrument(path: str | os.PathLike[str]) -> Instrument:
    """Load an instrument file.

    Raises:
        LoadError: the file is missing or unreadable, or has problems (every one is listed).
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise LoadError([Problem(name, 1, 1, f"cannot read the file: {error.strerror or error}")]) from None
    reading = read_bytes(data, name=name, json_syntax=name.endswith(".json"))
    return _build(reading.data, SourceMap(name, reading.values, reading.keys), reading.raw, reading.problems)


def loads_instrument(text: str, *, name: str = "<instrument>") -> Instrument:
    """Build an instrument from YAML text (see :func:`load_instrument`)."""
    reading = read_text(text, name=name)
    return _build(reading.data, SourceMap(name, reading.values, reading.keys), reading.raw, reading.problems)


def _build(
    data: Any, source: SourceMap, raw: Mapping[ModelPath, str], read: tuple[Problem, ...]
) -> Instrument:
    if read:
        raise LoadError(read)
    if not isinstance(data, Mapping) or KIND not in data:
        raise LoadError([source.problem((), "the file has no 'instrument:' key", _HINT)])
    findings = [
        ShapeProblem(
            (key,), f"unknown top-level key {key!r}", did_you_mean(str(key), [KIND, *META_KEYS]), at_key=True
        )
        for key in data
        if key != KIND and key not in META_KEYS
    ]
    cleaned, shape = check_shape(data[KIND], Instrument, (KIND,), raw)
    findings += shape + _strict_findings(data[KIND])
    instrument = None
    if not findings:
        try:
            instrument = structure(cleaned, Instrument)
        except Exception as error:  # every failure of user data must become a problem
            findings += error_findings(error, (KIND,))
    if findings or instrument is None:
        raise LoadError([source.problem(f.path, f.message, f.hint, at_key=f.at_key) for f in findings])
    return instrument


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
                    f"reverse must be true or false, not {describe(item['reverse'])}",
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
            found.append(ShapeProblem(path, f"expected a number, not {describe(value)}"))
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
