"""json and yaml are lossless: every model loads back to an equal one."""

from __future__ import annotations

import io
import json as stdlib_json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from osallisuuden_palaset.files.converting import DOCUMENT_KINDS, structure
from osallisuuden_palaset.output.exporting import Exportable, export
from tests import strategies
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS

exportables = st.one_of(strategies.practices(), strategies.projects(), strategies.collections())


def _load_back(document: Any) -> Any:
    assert isinstance(document, dict)
    assert document.pop("version") == 2  # model files are written in the current format
    assert len(document) == 1
    ((kind, data),) = document.items()
    return structure(data, DOCUMENT_KINDS[kind])


def _from_json(data: bytes) -> Any:
    return _load_back(stdlib_json.loads(data.decode("utf-8")))


def _from_yaml(data: bytes) -> Any:
    return _load_back(YAML(typ="safe", pure=True).load(io.StringIO(data.decode("utf-8"))))


@given(exportables)
def test_json_round_trips(model: Exportable) -> None:
    assert _from_json(export(EXPORTERS["json"], model)) == model


@given(exportables)
def test_yaml_round_trips(model: Exportable) -> None:
    assert _from_yaml(export(EXPORTERS["yaml"], model)) == model


def test_the_samples_round_trip() -> None:
    for model in (samples.rich_practice(), samples.hostile_practice(), samples.collection()):
        assert _from_json(export(EXPORTERS["json"], model)) == model
        assert _from_yaml(export(EXPORTERS["yaml"], model)) == model


def test_json_keeps_finnish_letters_as_they_are() -> None:
    data = export(EXPORTERS["json"], samples.rich_practice())
    assert "Elävä portfolio".encode() in data
