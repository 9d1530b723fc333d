"""Shared fixtures of the survey tests: the shipped ESIS structure and a project's own instrument."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.surveying.instruments import load_instrument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "surveys"


@pytest.fixture
def esis() -> Instrument:
    return builtin_instrument("esis.yaml")


@pytest.fixture
def custom() -> Instrument:
    return load_instrument(FIXTURES / "custom.yaml")
