"""The event reader gives exactly what the full reader gives, or leaves the text to it."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from osallisuuden_palaset.files import reading, reading_nodes
from osallisuuden_palaset.files.reading_events import AVAILABLE, read_events
from osallisuuden_palaset.files.reading_limits import LimitExceeded

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="ruamel.yaml.clib is not installed")


def _typed(value: Any) -> Any:
    """The value with every scalar's type spelled out (so True and 1 differ)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, repr(value))


def _events(text: str, json_syntax: bool = False) -> Any:
    return read_events(
        text, json_syntax=json_syntax, max_nodes=reading.MAX_NODES, max_depth=reading.MAX_DEPTH
    )


def _same_as_full(text: str, json_syntax: bool = False) -> None:
    fast = _events(text, json_syntax)
    assert fast is not None, text
    full = reading.Reading(*reading_nodes.read_composed(text, "t", json_syntax))
    assert not full.problems
    data, values, keys, raw = fast
    assert _typed(data) == _typed(full.data)
    assert dict(values) == dict(full.values)
    assert dict(keys) == dict(full.keys)
    assert raw == dict(full.raw)
    # Each path looked up on its own (a walk down the tree), and paths that are not there.
    for path, position in full.values.items():
        assert values[path] == position
        assert keys.get(path) == full.keys.get(path)
        for missing in ((*path, 10_000), (*path, "ei-ole"), (*path, -1)):
            assert missing not in values
            assert keys.get(missing) is None
            assert raw.get(missing) is None


COMMON = [
    "",
    "# only a comment\n",
    "a: 1\n",
    "---\na: b\n...\n",
    "plain scalar\n",
    "a:\n  - 1\n  - -2.5\n  - .inf\n  - 0o17\n  - 0x1F\n  - 012\n  - 1_000\n  - +1\n",
    "flags: [true, True, TRUE, false, yes, no, on, off, y, n]\n",
    "nothing: [~, null, Null, NULL, '', ]\n",
    "empty:\nnext: {}\nlist: []\n",
    "date: 2024-01-31\nstamp: 2001-12-14t21:59:43.10-05:00\n",
    "quoted: ['1', \"true\", 'null', \"0x1F\"]\n",
    "keys:\n  1: one\n  true: yes\n  null: nothing\n  '<<': quoted merge key\n  ~: tilde\n",
    "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "unicode: 'äö å — 😀'\nkey with spaces: v\n",
    "nested:\n  - a: [1, {b: c}]\n    d:\n      - - x\n        - y\n",
    "other: <\nangle: <a>\n",
]


@pytest.mark.parametrize("text", COMMON)
def test_common_yaml_is_read_exactly_as_the_full_reader_reads_it(text: str) -> None:
    _same_as_full(text)


@pytest.mark.parametrize(
    "text",
    ['{"a": 1, "b": [true, false, null, -1.5e3, "x"], "c": {"d": "e"}}', "[]", '"text"', "12"],
)
def test_json_is_read_exactly_as_the_full_reader_reads_it(text: str) -> None:
    _same_as_full(text, json_syntax=True)


RARE = [
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: !custom x\n",
    "a: ! x\n",
    "base: &b {x: 1}\nc:\n  <<: *b\n",
    "a: 1\na: 2\n",
    "? [a, b]\n: c\n",
    "%YAML 1.1\n---\na: yes\n",
    "a: 1\n---\nb: 2\n",
    "a: [1, 2\n",
    "a: <<\n",
    "odd: =\n",
    "a: '\x07'\n",
]


@pytest.mark.parametrize("text", RARE)
def test_anything_unusual_or_wrong_is_left_to_the_full_reader(text: str) -> None:
    assert _events(text) is None


def test_the_node_limit_is_reported_where_it_is_crossed() -> None:
    text = "[" + ", ".join(["1"] * 50) + "]"
    with pytest.raises(LimitExceeded) as caught:
        read_events(text, json_syntax=False, max_nodes=50, max_depth=10)
    assert (caught.value.kind, caught.value.line, caught.value.col) == ("values", 1, 149)  # the 50th "1"
    assert read_events(text, json_syntax=False, max_nodes=51, max_depth=10) is not None


def test_the_depth_limit_is_reported_where_it_is_crossed() -> None:
    text = "a:\n  - [[x]]\n"
    with pytest.raises(LimitExceeded) as caught:
        read_events(text, json_syntax=False, max_nodes=50, max_depth=3)
    assert (caught.value.kind, caught.value.line, caught.value.col) == ("depth", 2, 6)
    assert read_events(text, json_syntax=False, max_nodes=50, max_depth=4) is not None


def test_positions_behave_as_a_mapping() -> None:
    _, values, keys, raw = _events("a: 3\nb: [x, 'y']\n")
    assert values[("a",)] == (1, 4)
    assert keys[("b",)] == (2, 1)
    assert values.get(("c",)) is None
    assert ("c",) not in values
    assert ("b", 1) in values
    assert ("b", 1) not in keys
    assert list(values) == [(), ("a",), ("b",), ("b", 0), ("b", 1)]
    assert len(keys) == 2
    assert dict(raw) == {("a",): "3"}


def test_a_position_past_what_32_bits_hold_is_left_to_the_full_reader() -> None:
    text = "a: " + "x" * 5000 + "\nb: [1, " + " " * 5000 + "2]\n"
    assert _events(text) is None
    read = reading.read_text(text, name="t")
    assert read.values[("b", 1)] == (2, 5008)
    assert read.keys[("b",)] == (2, 1)


def test_long_maps_and_lists_are_found_by_their_index() -> None:
    items = "".join(f"  - {i}\n" for i in range(300))
    keys = "".join(f"  k{i}: {{x: [{i}]}}\n" for i in range(300))
    _same_as_full(f"items:\n{items}keys:\n{keys}")
    _, values, _, raw = _events(f"items:\n{items}")
    assert values[("items", 299)] == (301, 5)
    assert raw[("items", 299)] == "299"
    assert ("items", 300) not in values


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["yes", "no", "0x1F", "012", "1e3", "~", "<<", "2024-01-31", "= ", "-", ".5"]),
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_documents, st.sampled_from([None, True, False]))
def test_any_dumped_document_reads_the_same_both_ways(data: Any, flow: bool | None) -> None:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    if _events(text) is None:
        return  # left to the full reader (e.g. a "<<" key): nothing to compare
    _same_as_full(text)
    as_json = json.dumps(data, ensure_ascii=False)
    if _events(as_json, json_syntax=True) is not None:  # else left to the full reader (control characters)
        _same_as_full(as_json, json_syntax=True)
