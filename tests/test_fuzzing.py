"""Fuzzing the loaders: random bytes, data near the schema; only LoadError escapes, bombs are refused."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osallisuuden_palaset.errors import LoadError, Problem
from osallisuuden_palaset.files.converting import to_document
from osallisuuden_palaset.files.loading import load_document, load_workspace, loads
from osallisuuden_palaset.files.reading import MAX_BYTES
from osallisuuden_palaset.files.writing import dump_yaml_data
from tests import strategies
from tests.default_plugins.exporters import samples

FRAMEWORKS = (samples.thl(),)

#: Plain JSON values, as a reader gives them.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)

_KEYS = ("id", "name", "steps", "flows", "mappings", "target", "reuse", "include", "kind", "role", "fi")


def _paths(data: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*here, index))
    return found


@st.composite
def near_schema(draw: st.DrawFn) -> Any:
    """A valid model file's data with a few random edits: values replaced, keys dropped or added."""
    data: Any = to_document(draw(strategies.models()))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        if not path:
            data = draw(json_values) if draw(st.integers(0, 9)) == 0 else data
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = draw(st.sampled_from(["replace", "drop", "add", "duplicate"]))
        if action == "replace":
            parent[last] = draw(json_values | st.sampled_from(["", "on", "x/y", "-1", "🎉", "p99"]))
        elif action == "drop" and isinstance(parent, dict):
            del parent[last]
        elif action == "drop" and isinstance(parent, list):
            parent.pop(last)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(_KEYS) | st.text(max_size=6))] = draw(json_values)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(parent[last])
    return data


def _problems(load: Callable[[], object]) -> list[Problem] | None:
    """The problems ``load`` raised in a LoadError, or None when it loaded; anything else escapes."""
    try:
        load()
    except LoadError as error:
        return list(error.problems)
    return None


def _must_only_raise_load_error(text: str, name: str, **kwargs: Any) -> None:
    problems = _problems(lambda: loads(text, name=name, **kwargs))
    if problems is None:
        return
    assert problems
    for problem in problems:
        assert problem.file == name
        assert problem.line >= 1
        assert problem.col is not None
        assert problem.col >= 1
        assert problem.message.strip()


@given(data=st.binary(max_size=400))
def test_random_bytes_raise_only_load_errors(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    for suffix in (".yaml", ".json"):
        path = folder / f"malli{suffix}"
        path.write_bytes(data)
        problems = _problems(lambda: load_document(path))  # noqa: B023 - called at once
        assert all(p.file == str(path) for p in problems or ())


@given(text=st.text(max_size=300))
def test_random_text_raises_only_load_errors(text: str) -> None:
    _must_only_raise_load_error(text, "malli.yaml")
    _must_only_raise_load_error(text, "malli.json")


#: YAML syntax soup: fragments of the model's keys and YAML's indicators, glued at random.
yaml_soup = st.lists(
    st.sampled_from(
        [
            "practice:",
            "  id: a",
            "  steps:",
            "    - id: b",
            "      name: B",
            "  flows: [{source: a, target: b}]",
            "- ",
            ": ",
            "&x ",
            "*x",
            "<<: *x",
            "!!binary ",
            "!custom ",
            "? ",
            "|",
            ">-",
            "'",
            '"',
            "\t",
            "{",
            "}",
            "[",
            "]",
            ",",
            "#",
            "---",
            "...",
            "%YAML 1.2",
            "\n",
            "\n  ",
            "on",
            "0x1F",
            "1e999",
            "2024-13-45",
            "~",
        ]
    ),
    max_size=30,
).map("".join)


@given(text=yaml_soup)
def test_yaml_syntax_soup_raises_only_load_errors(text: str) -> None:
    _must_only_raise_load_error(text, "malli.yaml", frameworks=FRAMEWORKS)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=near_schema())
def test_data_near_the_schema_raises_only_load_errors(data: Any) -> None:
    as_json = json.dumps(data, ensure_ascii=False)
    _must_only_raise_load_error(as_json, "malli.json", frameworks=FRAMEWORKS)
    _must_only_raise_load_error(dump_yaml_data(data), "malli.yaml", frameworks=FRAMEWORKS)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], max_examples=15)
@given(documents=st.lists(near_schema(), min_size=1, max_size=3))
def test_folders_of_broken_files_raise_only_load_errors(
    documents: list[Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("folder")
    for index, data in enumerate(documents):
        (folder / f"m{index}.yaml").write_text(dump_yaml_data(data), encoding="utf-8")
    problems = _problems(lambda: load_workspace([folder], frameworks=FRAMEWORKS))
    assert all(Path(p.file).parent == folder for p in problems or ())


# --- hostile sizes: refused quickly, with a clear message ---------------------------------------


def _refused_quickly(text: str, name: str, *words: str, within: float = 1.0) -> None:
    start = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        loads(text, name=name)
    assert time.perf_counter() - start < within
    message = str(caught.value)
    for word in words:
        assert word in message, message


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    """The classic alias bomb: each level refers to the one before ``width`` times."""
    lines = ["a0: &a0 [lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * width)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append(f"practice: {{id: x, name: *a{levels - 1}}}")
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_is_refused_within_a_second() -> None:
    _refused_quickly(billion_laughs(), "pommi.yaml", "aliases expand the document", "anchors")


def test_a_wide_alias_bomb_inside_a_practice_is_refused_within_a_second() -> None:
    lines = ["practice:", "  id: x", "  name: X", "  k0: &k0 [a, b, c, d, e, f, g, h]"]
    lines += [f"  k{i}: &k{i} [*k{i - 1}, *k{i - 1}, *k{i - 1}]" for i in range(1, 16)]
    _refused_quickly("\n".join(lines) + "\n", "pommi.yaml", "aliases expand the document")


def test_a_self_referring_alias_is_refused() -> None:
    _refused_quickly("practice: &p {id: x, name: X, again: *p}\n", "itse.yaml", "refers to the list or map")


def test_an_oversized_file_is_refused_within_a_second(tmp_path: Path) -> None:
    path = tmp_path / "iso.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("practice:\n  id: x\n  name: X\n  summary: '")
        handle.write("ä" * (MAX_BYTES // 2 + 10))
        handle.write("'\n")
    start = time.perf_counter()
    with pytest.raises(LoadError, match="too large") as caught:
        load_document(path)
    assert time.perf_counter() - start < 1.0
    assert "split the model into several files" in str(caught.value)
    _refused_quickly("x" * (MAX_BYTES + 1), "iso.yaml", "too large")


def test_very_deep_nesting_is_refused_with_a_clear_message() -> None:
    _refused_quickly("[" * 5000 + "]" * 5000, "syva.json", "nested too deeply")
    # YAML is composed recursively by ruamel: refusing 5,000 levels takes 1-3 s (its RecursionError),
    # so the bound here is looser than the one second for bombs and oversized files.
    _refused_quickly("practice: " + "[" * 5000 + "]" * 5000, "syva.yaml", "nested too deeply", within=8.0)
