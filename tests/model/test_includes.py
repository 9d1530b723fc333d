"""Following includes: any depth without recursion; cycles cut; the depth and size limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset import Block, Include, Practice
from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.files.loading import load_workspace
from osallisuuden_palaset.files.writing import dump_yaml
from osallisuuden_palaset.model.includes import (
    MAX_INCLUDE_DEPTH,
    MAX_REACHED_STEPS,
    Extent,
    extents,
    reached_steps,
)
from osallisuuden_palaset.model.references import Context, practice_reference_issues
from tests import strategies


def _by_id(practices: list[Practice]) -> dict[str, Practice]:
    return {p.id: p for p in practices}


def test_reached_steps_follows_an_include_chain_1000_deep() -> None:
    chain = strategies.include_chain(1000)
    reached = list(reached_steps(chain[0], _by_id(chain)))
    assert len(reached) == 2 * 1000 + 1
    assert [owner.id for _, owner, step in reached if step.id == "oma"] == [p.id for p in chain]
    assert {top for top, _, _ in reached[2:]} == {1}  # everything below comes through step 1
    assert extents(_by_id(chain))["taso0"] == Extent(2001, MAX_INCLUDE_DEPTH + 1)
    assert extents(_by_id(chain))["taso990"] == Extent(21, 10)


def test_reached_steps_cut_a_cycle_where_it_closes_and_skip_unknown_practices() -> None:
    a = Practice(id="a", name="A", steps=[Block(id="x", name="X"), Include(id="i", include="b")])
    b = Practice(
        id="b", name="B", steps=[Include(id="j", include="a"), Include(id="k", include="tuntematon")]
    )
    reached = [(top, owner.id, step.id) for top, owner, step in reached_steps(a, _by_id([a, b]))]
    assert reached == [(0, "a", "x"), (1, "a", "i"), (1, "b", "j"), (1, "b", "k")]


def test_reached_steps_count_a_practice_each_time_it_is_included() -> None:
    leaf = Practice(id="lehti", name="L", steps=[Block(id="x", name="X")])
    twice = Practice(
        id="kaksi", name="K", steps=[Include(id="a", include="lehti"), Include(id="b", include="lehti")]
    )
    assert [s.id for _, _, s in reached_steps(twice, _by_id([leaf, twice]))] == ["a", "x", "b", "x"]
    assert extents(_by_id([leaf, twice]))["kaksi"] == Extent(4, 1)


def _doubling(levels: int) -> list[Practice]:
    """Practices each including the next one twice: the last of them reached 2**levels times."""
    out = [Practice(id=f"d{levels}", name="D", steps=[Block(id="x", name="X")])]
    for i in range(levels - 1, -1, -1):
        two = [Include(id="a", include=f"d{i + 1}"), Include(id="b", include=f"d{i + 1}")]
        out.append(Practice(id=f"d{i}", name="D", steps=two))
    return out


def test_includes_that_multiply_past_the_step_limit_are_refused() -> None:
    practices = _doubling(40)  # 2**40 steps written out; counting them costs one pass
    found = extents(_by_id(practices))
    assert found["d0"].steps == MAX_REACHED_STEPS + 1
    assert found["d30"] == Extent(3 * 2**10 - 2, 10)
    context = Context.build(strategies.builtin_frameworks(), practices=practices)
    issues = practice_reference_issues(_by_id(practices)["d0"], context)
    (issue,) = issues
    assert issue.path == ("steps", 0, "include")
    assert f"more than {MAX_REACHED_STEPS:,} steps" in issue.message


def _write_all(folder: Path, practices: list[Practice]) -> None:
    for p in practices:
        (folder / f"{p.id}.yaml").write_text(dump_yaml(p), encoding="utf-8")


def test_includes_deeper_than_the_limit_are_refused_at_the_include(tmp_path: Path) -> None:
    _write_all(tmp_path, strategies.include_chain(MAX_INCLUDE_DEPTH))
    assert load_workspace([tmp_path])  # at the limit: valid
    _write_all(tmp_path, strategies.include_chain(MAX_INCLUDE_DEPTH + 1))
    with pytest.raises(LoadError) as caught:
        load_workspace([tmp_path])
    (problem,) = caught.value.problems
    assert problem.file == str(tmp_path / "taso0.yaml")
    assert (problem.line, problem.col) == (12, 16)  # after the line version: 2
    assert (
        problem.message == f"practices include each other more than {MAX_INCLUDE_DEPTH} levels deep from here"
    )


def test_an_include_chain_past_the_limit_is_refused_once_per_practice_too_deep(tmp_path: Path) -> None:
    # ~1,000 deep, it crashed export and assess with RecursionError before (the walks work at
    # any depth now: test_reached_steps_follows_an_include_chain_1000_deep).
    _write_all(tmp_path, strategies.include_chain(MAX_INCLUDE_DEPTH + 50))
    with pytest.raises(LoadError) as caught:
        load_workspace([tmp_path])
    problems = caught.value.problems
    assert sorted(p.file for p in problems) == sorted(str(tmp_path / f"taso{i}.yaml") for i in range(50))
    assert all("levels deep from here" in p.message for p in problems)
