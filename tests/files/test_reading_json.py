"""Positions in JSON found path by path: the same as the event reader's, without reading it all."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from ruamel.yaml.reader import Reader

from osallisuuden_palaset.files import reading
from osallisuuden_palaset.files.reading import read_text
from osallisuuden_palaset.files.reading_events import AVAILABLE, read_events
from osallisuuden_palaset.files.reading_json import JsonPositions

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="ruamel.yaml.clib is not installed")

#: Texts YAML allows (a JSON text with others is read by the full reader, never walked).
_texts = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\x85\u2028\u2029"), max_size=6
).filter(lambda s: not Reader.NON_PRINTABLE.search(s))
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | _texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_texts, inner, max_size=4),
    max_leaves=25,
)


@given(_json, st.sampled_from([None, 0, 1, 2, "\t"]), st.booleans(), st.booleans())
def test_positions_found_path_by_path_are_the_event_readers(
    data: Any, indent: int | str | None, ascii_only: bool, backwards: bool
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    full = reading._read_located(text, "t.json", json_syntax=True)  # every position, by the events or nodes
    assume(full.ok and full.data == data)  # (YAML reads "\ud800\udc00" as two surrogates; JSON as one)
    values, keys, raw = full.values, full.keys, full.raw
    walk = JsonPositions(text)
    paths = list(values)
    for path in reversed(paths) if backwards else paths:  # any order: the walk remembers where it was
        assert walk.value(path) == values[path], path
        assert walk.key(path) == keys.get(path), path
        assert walk.raw(path) == raw.get(path), path
    for path in paths:
        assert walk.value((*path, "nowhere")) is None
        assert walk.value((*path, 99)) is None


def test_texts_with_other_line_breaks_are_left_to_the_event_reader() -> None:
    assert JsonPositions.usable('{"a": "b"}\n')
    for text in ('{"a":\r\n 1}', '{"a": "\u2028"}', '{"a": "\x85"}'):
        assert not JsonPositions.usable(text)
        found = read_text(text, name="t.json", json_syntax=True)
        events = read_events(text, json_syntax=True, max_nodes=9, max_depth=9)
        assert events is not None
        assert found.values[("a",)] == events[1][("a",)]


def test_locating_one_finding_in_a_large_json_file_does_not_read_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps = [{"id": f"s{i}", "name": {"fi": "Vaihe " * 30, "en": "Step " * 30}} for i in range(10_000)]
    text = json.dumps({"practice": {"id": "iso", "name": "Iso", "steps": steps}}, indent=2)
    found = read_text(text, name="iso.json", json_syntax=True)
    monkeypatch.setattr(reading, "_read_located", _never)
    start = time.perf_counter()
    assert found.values[("practice",)] == (2, 15)
    assert found.ok
    # Five lines before the first step, seven lines a step; "en" is the fifth line of its step.
    assert found.keys[("practice", "steps", 9_999, "name", "en")] == (5 + 7 * 9_999 + 5, 11)
    assert ("practice", "steps", 10_000) not in found.values
    assert found.raw.get(("practice", "id")) is None
    assert time.perf_counter() - start < 5.0


def _never(*args: object) -> Any:
    raise AssertionError("the whole text was read again")
