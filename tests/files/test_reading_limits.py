"""The reading limits: checked while the events come, one true problem per file, where it was crossed."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.files import reading, reading_limits
from osallisuuden_palaset.files.loading import loads
from osallisuuden_palaset.files.reading import MAX_DEPTH, MAX_NODES, read_text
from osallisuuden_palaset.files.reading_limits import LimitExceeded, check_limits
from osallisuuden_palaset.files.writing import dump_yaml_data

#: Well over the value limit yet under the size limit, as the finding had it: 2.4 million values.
MANY = 2_400_000


def _refused(text: str, name: str, within: float = 10.0) -> Any:
    start = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        loads(text, name=name)
    elapsed = time.perf_counter() - start
    # Before the fix these took minutes and gigabytes; now only the events up to the limit are read.
    assert elapsed < within, f"{elapsed:.1f} s"
    (problem,) = caught.value.problems
    return problem


def test_a_yaml_file_of_too_many_values_is_refused_while_reading_with_one_true_problem() -> None:
    text = "practice:\n  id: x\n  name: X\n  steps: [" + "0," * MANY + "0]\n"
    assert len(text.encode()) < reading.MAX_BYTES
    problem = _refused(text, "iso.yaml")
    assert f"more than {MAX_NODES:,} values" in problem.message
    assert "alias" not in problem.message  # the file has none: the old message blamed aliases
    # The values: the top map, 3 keys and 3 values, the steps list, then "0"s two columns apart.
    assert (problem.line, problem.col) == (4, 11 + 2 * (MAX_NODES - 9))


def test_a_json_file_of_too_many_values_gives_one_located_problem_not_millions() -> None:
    text = '{"practice": {"id": "x", "name": "X", "steps": [' + "0," * MANY + "0]}}"
    problem = _refused(text, "iso.json")
    assert f"more than {MAX_NODES:,} values" in problem.message
    # Located where the limit was crossed (the old reader put every problem at 1:1).
    assert problem.line == 1
    assert text[problem.col - 1 :].startswith("0,")
    assert problem.col > 2 * (MAX_NODES - 10)


def test_a_json_map_of_too_many_keys_is_refused_where_the_limit_is_crossed() -> None:
    text = json.dumps({"practice": {f"k{i}": i for i in range(MAX_NODES)}})
    problem = _refused(text, "avaimet.json")
    assert f"more than {MAX_NODES:,} values" in problem.message
    # The top map, "practice" and its map, then a key and a value per item: k99998's value is 200,001st.
    assert text[problem.col - 1 :].startswith("99998, ")


@pytest.mark.parametrize("name", ["syva.json", "syva.yaml"])
def test_deep_nesting_is_located_at_the_first_level_too_many(name: str) -> None:
    problem = _refused("[" * 2_000_000 + "]" * 2_000_000, name)
    assert "nested too deeply" in problem.message
    assert (problem.line, problem.col) == (1, MAX_DEPTH + 1)


def test_alias_expansion_is_named_as_such_and_located_at_the_alias_that_crosses_the_limit() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    problem = _refused("\n".join(lines) + "\n", "pommi.yaml", within=2.0)
    assert f"aliases expand the document to more than {MAX_NODES:,} values" in problem.message
    assert "anchors" in (problem.hint or "")
    # Up to a4 the document holds 123,461 values; a5's first *a4 adds 111,111 more: line 6, column 10.
    assert (problem.line, problem.col) == (6, 10)


def test_nesting_through_aliases_counts_towards_the_depth_limit() -> None:
    deep = "[" * 150 + "x" + "]" * 150  # 150 levels: allowed on its own, and inside the top map and 49 more
    assert read_text(f"a: &d {deep}\nb: {'[' * 49}*d{']' * 49}\n", name="s").ok
    problem = _refused(f"a: &d {deep}\nb: {'[' * 50}*d{']' * 50}\n", "s.yaml")
    assert "nested too deeply" in problem.message
    assert (problem.line, problem.col) == (2, 4 + 50)  # the alias that goes too deep


def test_a_reused_anchor_name_is_not_taken_for_an_alias_inside_itself() -> None:
    reading_ = read_text("a: &x [&x 1, *x]\nb: *x\n", name="t")
    assert reading_.ok, reading_.problems
    assert reading_.data == {"a": [1, 1], "b": 1}


def test_a_recursive_alias_is_reported_at_its_anchor() -> None:
    (problem,) = read_text("practice: &p {id: x, name: X, again: *p}\n", name="r").problems
    assert "refers to the list or map it is inside of" in problem.message
    assert (problem.line, problem.col) == (1, 11)


def test_a_syntax_error_is_left_to_the_reader_that_reports_it() -> None:
    check_limits("a: [1, 2\n")  # no limit crossed: the full reader reports the syntax error
    (problem,) = read_text("a: [1, 2\n", name="s").problems
    assert "YAML syntax error" in problem.message


def _size(value: Any) -> tuple[int, int]:
    """(values, levels of lists and maps) of plain data, keys counted."""
    if isinstance(value, dict):
        inner = [_size(v) for v in value.values()]
        return 1 + len(value) + sum(n for n, _ in inner), 1 + max((d for _, d in inner), default=0)
    if isinstance(value, list):
        inner = [_size(v) for v in value]
        return 1 + sum(n for n, _ in inner), 1 + max((d for _, d in inner), default=0)
    return 1, 0


_plain = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text("ab", max_size=2),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text("xyz", max_size=3), inner, max_size=5)
    ),
    max_leaves=40,
)


@given(_plain, st.booleans())
def test_a_text_is_refused_exactly_when_it_holds_more_values_or_levels_than_allowed(
    data: Any, as_json: bool
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for module in (reading, reading_limits):
            patch.setattr(module, "MAX_NODES", 25)
            patch.setattr(module, "MAX_DEPTH", 3)
        text = json.dumps(data) if as_json else dump_yaml_data(data)
        found = read_text(text, name="t", json_syntax=as_json)
    values, levels = _size(data)
    if values > 25 or levels > 3:
        (problem,) = found.problems  # whichever limit the text crosses first
        kinds = {"values"} if levels <= 3 else {"nested too deeply"} if values <= 25 else {"values", "deeply"}
        assert any(kind in problem.message for kind in kinds), problem
        assert found.data is None
    else:
        assert found.ok, found.problems
        assert found.data == data


def test_every_limit_kind_has_its_own_message() -> None:
    messages = {kind: reading_limits.limit_problem(kind, "f", 1, 1).message for kind in LimitExceeded.KINDS}
    assert len(set(messages.values())) == len(LimitExceeded.KINDS)
    with pytest.raises(ValueError, match="unknown limit"):
        reading_limits.limit_problem("size", "f", 1, 1)
