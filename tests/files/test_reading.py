"""Tests of reading YAML 1.2 and JSON text: positions, limits, encodings and syntax errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.files import reading_nodes
from osallisuuden_palaset.files.loading import load_document
from osallisuuden_palaset.files.reading import MAX_BYTES, MAX_NODES, read_bytes, read_text

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)


def test_yaml_12_keeps_finnish_words_as_text() -> None:
    reading = read_text("a: on\nb: no\nc: yes\nd: off\ne: true\nf: ~\ng: 1.10\nh: 2020-01-01\n", name="x")
    assert reading.ok
    assert reading.data == {
        "a": "on",
        "b": "no",
        "c": "yes",
        "d": "off",
        "e": True,
        "f": None,
        "g": 1.1,
        "h": "2020-01-01",
    }
    assert reading.raw[("g",)] == "1.10"


def test_positions_of_keys_and_values_are_one_based() -> None:
    reading = read_text("top:\n  list:\n    - x\n    - {k: v}\n", name="x")
    assert reading.keys[("top", "list")] == (2, 3)
    assert reading.values[("top", "list", 0)] == (3, 7)
    assert reading.values[("top", "list", 1, "k")] == (4, 11)
    assert reading.keys[("top", "list", 1, "k")] == (4, 8)
    assert reading.values[()] == (1, 1)


def test_duplicate_keys_are_problems_not_exceptions() -> None:
    reading = read_text("a: 1\nb:\n  c: 2\n  c: 3\n", name="d.yaml")
    assert reading.data == {"a": 1, "b": {"c": 2}}
    (problem,) = reading.problems
    assert (problem.file, problem.line, problem.col) == ("d.yaml", 4, 3)
    assert "duplicate key 'c'" in problem.message


def test_anchors_and_merge_keys_are_followed() -> None:
    reading = read_text("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n", name="m")
    assert reading.ok
    assert reading.data["other"] == {"x": 1, "y": 3}


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    reading = read_text(BILLION_LAUGHS, name="bomb.yaml")
    assert time.perf_counter() - start < 1.0
    (problem,) = reading.problems
    assert f"more than {MAX_NODES:,} values" in problem.message
    assert reading.data is None


def test_recursive_alias_is_refused() -> None:
    (problem,) = read_text("a: &a\n  - *a\n", name="r").problems
    assert "refers to the list or map it is inside of" in problem.message
    assert (problem.line, problem.col) == (1, 4)  # the anchor: an alias is the anchored node itself


def test_size_limit_is_stated(tmp_path: Path) -> None:
    big = tmp_path / "iso.yaml"
    big.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(LoadError) as info:
        load_document(big)
    (problem,) = info.value.problems
    assert "the limit is 5,242,880 bytes = 5 MiB" in problem.message
    assert read_text("x" * (MAX_BYTES + 1), name="s").problems[0].message.startswith("the file is too large")


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfpractice:\n  id: m\n  name: \xc3\x84\xc3\xa4ni\n")
    document = load_document(path)
    assert document.model.name.get() == "Ääni"
    assert document.source.locate(("practice", "name")) == (3, 9)


def test_non_utf8_is_a_located_problem() -> None:
    reading = read_bytes(b"practice:\n  id: m\n  name: \xc4\xe4ni\n", name="latin1.yaml")
    (problem,) = reading.problems
    assert (problem.line, problem.col) == (3, 9)
    assert "not UTF-8" in problem.message
    assert problem.hint is not None
    assert "UTF-8" in problem.hint


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ('{"practice": {"id": "m",}}', 1, 25, "Expecting property name enclosed in double quotes"),
        ('{"practice":\n  {"id": "m"\n  "name": "M"}}', 3, 3, "Expecting ',' delimiter"),
        ('{"a": [1, 2', 1, 12, "Expecting"),
        ("", 1, 1, "Expecting value"),
    ],
)
def test_json_syntax_errors_have_line_and_column(text: str, line: int, col: int, message: str) -> None:
    (problem,) = read_text(text, name="x.json", json_syntax=True).problems
    assert (problem.line, problem.col) == (line, col)
    assert problem.message.startswith("JSON syntax error: " + message)


def test_json_scalars_and_positions() -> None:
    reading = read_text('{\n  "a": "on",\n  "b": [1, 2.5, true, null]\n}\n', name="x.json", json_syntax=True)
    assert reading.data == {"a": "on", "b": [1, 2.5, True, None]}
    assert reading.values[("b", 1)] == (3, 12)
    assert reading.keys[("b",)] == (3, 3)


@pytest.mark.parametrize(
    ("text", "line", "col", "hint"),
    [
        ("a: b: c\n", 1, 5, "quotes"),
        ("a:\n  - x\n - y\n", 3, 2, "indentation"),
        ("a:\n\tb: c\n", 2, 1, "spaces, not tabs"),
        ("a: *nothing\n", 1, 4, "define the anchor"),
        ("a: 1\n---\nb: 2\n", 2, 1, "one document"),
    ],
)
def test_yaml_syntax_errors_have_line_column_and_hint(text: str, line: int, col: int, hint: str) -> None:
    (problem,) = read_text(text, name="s.yaml").problems
    assert (problem.line, problem.col) == (line, col)
    assert problem.message.startswith("YAML syntax error")
    assert hint in (problem.hint or "")


def test_control_characters_are_located() -> None:
    (problem,) = read_text('a: 1\nb: "x\x7fy"\n', name="c.yaml").problems
    assert (problem.line, problem.col) == (2, 6)
    assert "U+007F" in problem.message
    assert problem.hint == "remove it, or write it as \\u007f inside double quotes"


def test_unsupported_tags_and_complex_keys() -> None:
    reading = read_text("a: !!python/object x\n? [k]\n: v\n", name="t")
    assert [(p.line, p.col) for p in reading.problems] == [(1, 4), (2, 3)]
    assert "unsupported tag" in reading.problems[0].message
    assert "a key must be plain text" in reading.problems[1].message


def test_deep_nesting_is_refused() -> None:
    (problem,) = read_text("[" * 3000 + "]" * 3000, name="d").problems
    assert "nested too deeply" in problem.message


@given(st.text(max_size=300))
def test_reading_never_raises(text: str) -> None:
    for json_syntax in (False, True):
        reading = read_text(text, name="r", json_syntax=json_syntax)
        assert all(p.line >= 1 and p.col is not None and p.col >= 1 and p.message for p in reading.problems)
        assert set(reading.values) >= set(reading.keys)


@given(st.binary(max_size=200))
def test_reading_bytes_never_raises(data: bytes) -> None:
    reading = read_bytes(data, name="r.yaml")
    assert all(p.line >= 1 and p.col is not None and p.col >= 1 for p in reading.problems)


@pytest.mark.parametrize("path", sorted((Path(__file__).parents[2] / "examples").glob("*.yaml")), ids=str)
def test_libyaml_and_the_pure_parser_compose_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast = reading_nodes.read_composed(text, path.name, json_syntax=False)
    monkeypatch.setattr(reading_nodes, "FAST", False)
    pure = reading_nodes.read_composed(text, path.name, json_syntax=False)
    assert fast == pure


def test_deep_nesting_is_refused_at_once_where_it_starts() -> None:
    reading_ = read_text("[" * 100_000 + "]" * 100_000, name="deep.yaml")
    assert [(p.line, p.col) for p in reading_.problems] == [(1, 201)]


def test_valid_json_with_del_and_c1_characters_in_its_strings_is_read_with_positions() -> None:
    # JSON allows them unescaped (json.dumps(ensure_ascii=False) writes DEL so); YAML does not,
    # and the file was refused as "the control character U+007F, which YAML does not allow".
    text = '{"practice": {"id": "a", "name": "x\x7f\x9f\ufffe y",\n "keywords": [1]}}'
    reading = read_text(text, name="m.json", json_syntax=True)
    assert reading.ok, reading.problems
    assert reading.data["practice"]["name"] == "x\x7f\x9f\ufffe y"
    assert reading.values[("practice", "keywords", 0)] == (2, 15)
