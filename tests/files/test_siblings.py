"""Tests of loading one file with its siblings: every file it refers to is checked with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.files.document import Parsed
from osallisuuden_palaset.files.loading import load_workspace, loads
from osallisuuden_palaset.files.siblings import Sibling, defined, referenced_siblings
from tests.files.test_loading import small_thl

INCLUDES_R = "practice:\n  id: q\n  name: Q\n  steps:\n    - {id: a, name: A}\n    - {id: b, include: r}\n"
BROKEN_R = "practice:\n  id: r\n  name: R\n  steps:\n    - id: x\n      name: X\n      bogus_key: 1\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def located(error: pytest.ExceptionInfo[LoadError]) -> list[tuple[str, int, int | None, str]]:
    return [(Path(p.file).name, p.line, p.col, p.message) for p in error.value.problems]


def test_validate_single_file_reports_broken_included_sibling(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", INCLUDES_R)
    write(tmp_path, "r.yaml", BROKEN_R)
    with pytest.raises(LoadError) as info:
        load_workspace([q])
    assert located(info) == [("r.yaml", 7, 7, "unknown key 'bogus_key' in block")]
    assert [Path(f).name for f in info.value.referenced] == ["r.yaml"]


def test_self_include_is_reported_despite_a_broken_sibling_with_the_same_id(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", INCLUDES_R.replace("include: r", "include: q"))
    write(tmp_path, "s.yaml", "practice:\n  id: q\n  name: Broken\n  steps: 5\n")
    with pytest.raises(LoadError) as info:
        load_workspace([q])
    assert located(info) == [("q.yaml", 6, 24, "including 'q' here makes the practice include itself")]
    with pytest.raises(LoadError) as info:
        load_workspace([tmp_path])
    assert [(f, line) for f, line, _, _ in located(info)] == [("q.yaml", 6), ("s.yaml", 4)]


def test_referenced_siblings_are_followed_transitively(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", INCLUDES_R)
    write(tmp_path, "r.yaml", "practice:\n  id: r\n  name: R\n  steps:\n    - {id: x, reuse: kit/cards}\n")
    write(tmp_path, "kit.yaml", "catalogue:\n  id: kit\n  name: Kit\n  blocks:\n    - {id: cards}\n")
    with pytest.raises(LoadError) as info:
        load_workspace([q])
    assert located(info) == [("kit.yaml", 5, 7, "missing required field 'name' in block")]
    assert sorted(Path(f).name for f in info.value.referenced) == ["kit.yaml", "r.yaml"]


def test_reference_problems_of_a_referenced_sibling_are_reported_in_it(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", INCLUDES_R)
    write(tmp_path, "r.yaml", "practice:\n  id: r\n  name: R\n  steps:\n    - {id: x, include: zz}\n")
    with pytest.raises(LoadError) as info:
        load_workspace([q])
    ((name, line, _, message),) = located(info)
    assert (name, line, message) == ("r.yaml", 5, "included practice 'zz' is not known")


def test_a_referenced_sibling_mapping_is_checked_against_its_framework(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", INCLUDES_R)
    write(
        tmp_path,
        "r.yaml",
        "practice:\n  id: r\n  name: R\n  steps:\n    - id: x\n      name: X\n"
        "      mappings: [{target: p99}]\n",
    )
    with pytest.raises(LoadError) as info:
        load_workspace([q], frameworks=[small_thl()])
    assert located(info)[0][:2] == ("r.yaml", 7)
    assert "'thl' has no dimension or principle 'p99'" in located(info)[0][3]


def test_unreferenced_broken_siblings_are_not_reported(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", INCLUDES_R)
    write(tmp_path, "r.yaml", "practice: {id: r, name: R}\n")
    write(tmp_path, "other.yaml", BROKEN_R.replace("id: r", "id: other"))
    write(tmp_path, "garbage.yaml", "practice: [\n")
    workspace = load_workspace([q])
    assert [Path(d.source.file).name for d in workspace.referenced] == ["r.yaml"]
    assert [p.id for p in workspace.collection.all_practices()] == ["q"]


def test_an_unreadable_sibling_is_reported_when_a_reference_does_not_resolve(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", INCLUDES_R)
    write(tmp_path, "r.yaml", "practice: [\n")
    with pytest.raises(LoadError) as info:
        load_workspace([q])
    names = [(name, message) for name, _, _, message in located(info)]
    assert names[0] == ("q.yaml", "included practice 'r' is not known")
    assert names[1][0] == "r.yaml"


def test_two_siblings_defining_a_referenced_id_clash(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", INCLUDES_R)
    write(tmp_path, "r1.yaml", "practice: {id: r, name: R1}\n")
    write(tmp_path, "r2.yaml", "practice: {id: r, name: R2}\n")
    with pytest.raises(LoadError) as info:
        load_workspace([q])
    ((name, _, _, message),) = located(info)
    assert name == "r2.yaml"
    assert "'r'" in message


def test_a_broken_sibling_framework_file_a_practice_names_is_reported(tmp_path: Path) -> None:
    q = write(tmp_path, "q.yaml", "practice: {id: q, name: Q, framework: oma}\n")
    write(tmp_path, "oma.yaml", "framework:\n  id: oma\n  name: Oma\n  kind: ladder\n")
    with pytest.raises(LoadError) as info:
        load_workspace([q], frameworks=[small_thl()])
    assert {name for name, _, _, _ in located(info)} == {"oma.yaml"}


def test_what_a_file_defines_is_read_even_when_it_is_broken() -> None:
    assert defined(Parsed(None, (), frozenset({"r"}), "practice")) == {("owner", "r")}
    assert defined(Parsed(None, (), frozenset({"oma"}), "framework")) == {("framework", "oma")}
    assert referenced_siblings([], [Sibling(Path("x.yaml"), Parsed(None, ()))]) == ()


def test_an_unknown_framework_brings_unreadable_siblings_only_where_frameworks_are_checked() -> None:
    unreadable = Sibling(Path("x.yaml"), Parsed(None, ()))
    named = [Parsed(loads("practice: {id: q, name: Q, framework: oma}\n", name="q.yaml"), ())]
    assert referenced_siblings(named, [unreadable]) == ()
    assert referenced_siblings(named, [unreadable], [("framework", "thl")]) == (unreadable,)
