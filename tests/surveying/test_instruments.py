"""Tests of instrument files: the shipped ESIS structure, users' own files, and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.model.survey import Instrument, ScoringMethod
from osallisuuden_palaset.plugins.manager import get_plugin_manager
from osallisuuden_palaset.plugins.registry import get_instruments
from osallisuuden_palaset.surveying.instruments import dump_instrument, load_instrument, loads_instrument
from tests import strategies


def test_esis_is_registered_with_its_structure_and_never_its_statements(esis: Instrument) -> None:
    assert get_instruments(get_plugin_manager(load_entrypoints=False))["esis"] == esis
    assert esis.item_ids == tuple(f"esis{i}" for i in range(1, 11))
    assert [v.value for v in esis.scale.values] == [1, 2, 3, 4, 5]
    assert all(v.label.has(lang) for v in esis.scale.values for lang in ("fi", "en", "sv"))
    assert (esis.scoring.method, esis.score_range, esis.min_answered) == (ScoringMethod.RESCALE, (0, 100), 8)
    assert not any(item.reverse for item in esis.items)
    assert esis.source is not None
    assert "Leemann" in esis.source.title
    assert esis.source.year == 2022
    # Labels are short summaries in our words, not sentences in the first person like a statement.
    for item in esis.items:
        for _, label in item.label.items():
            assert len(label) <= 45
            assert not label.rstrip().endswith(".")
            assert not label.lower().startswith(("minä ", "i ", "jag ", "tunnen ", "koen "))


def test_a_users_file_loads_with_reverse_coding(custom: Instrument) -> None:
    assert [i.reverse for i in custom.items] == [False, True, False, True]
    assert custom.score_range == (0, 10)
    assert [t.id for t in custom.thresholds] == ["matala", "keski", "korkea"]


def problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        loads_instrument(text, name="oma.yaml")
    return [str(p) for p in caught.value.problems]


BASE = """instrument:
  id: oma
  name: Oma
  items:
    - {id: a, label: A}
    - {id: b, label: B, reverse: no}
  scale:
    values: [{value: 1, label: yksi}, {value: 2, label: kaksi}]
"""


def test_errors_are_located_by_line_and_column() -> None:
    # YAML 1.2: "no" is text, not false, so the flag must be written true or false.
    assert problems(BASE) == ["oma.yaml:6:34: reverse must be true or false, not the text 'no'"]
    found = problems(BASE.replace("reverse: no", "reverse: true").replace("id: a,", "id: b,"))
    assert found == ["oma.yaml:6:12: duplicate item id 'b' (hint: ids must be unique)"]
    found = problems(BASE.replace("reverse: no", "statement: Olen osallinen"))
    assert len(found) == 1
    assert found[0].startswith("oma.yaml:6:25: ")
    assert "statement" in found[0]


def test_a_file_without_an_instrument_key_or_with_bad_numbers_is_refused(tmp_path: Path) -> None:
    assert problems("framework: {}\n")[0].startswith("oma.yaml:1:1: the file has no 'instrument:' key")
    text = BASE.replace("reverse: no", "reverse: false") + "  scoring: {low: true, high: 10}\n"
    assert problems(text) == ["oma.yaml:9:18: expected a number, not true (a yes/no value)"]
    text = BASE.replace("reverse: no", "reverse: false") + "  missing: {min_answered: 3}\n"
    assert problems(text) == ["oma.yaml:9:27: min_answered 3 is more than the 2 items"]
    with pytest.raises(LoadError, match="no such file: check the path"):
        load_instrument(tmp_path / "missing.yaml")


def test_dump_instrument_of_esis_loads_back_equal_with_its_scoring_written_out(esis: Instrument) -> None:
    text = dump_instrument(esis)
    assert loads_instrument(text, name="esis-kopio.yaml") == esis
    assert "  scoring:\n    method: rescale\n    low: 0.0\n    high: 100.0\n    decimals: 1\n" in text
    assert "Tunnen" not in text  # the structure only: labels in our words, never the statements


@settings(max_examples=60, deadline=None)
@given(instrument=strategies.instruments())
def test_dump_instrument_loads_back_equal_for_any_instrument(instrument: Instrument) -> None:
    assert loads_instrument(dump_instrument(instrument)) == instrument
