"""Tests of the loader: documents, frameworks, workspaces, and every problem at FILE:LINE:COL."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.errors import LoadError, Problem
from osallisuuden_palaset.files.converting import describe
from osallisuuden_palaset.files.loading import (
    Skipped,
    load_document,
    load_framework,
    load_workspace,
    loads,
    model_files,
    slug,
)
from osallisuuden_palaset.files.reading import MAX_BYTES
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.framework import Dimension, Framework, FrameworkKind, Principle, Source
from osallisuuden_palaset.model.practice import Include, Practice, Reuse
from osallisuuden_palaset.model.project import Catalogue, Project
from osallisuuden_palaset.model.text import Text
from osallisuuden_palaset.testing import run_cli

T = TypeVar("T")
FIXTURES = Path(__file__).parents[1] / "fixtures"
BROKEN = FIXTURES / "broken"
GOOD = FIXTURES / "good"


def small_thl() -> Framework:
    """A framework shaped like THL's: dimensions d1..d3, principles p1..p9 (4 + 3 + 2)."""
    owners = ["d1"] * 4 + ["d2"] * 3 + ["d3"] * 2
    return Framework(
        id="thl",
        name="THL",
        kind=FrameworkKind.CATEGORICAL,
        source=Source(title="test"),
        dimensions=[Dimension(id=f"d{i}", name=f"D{i}") for i in (1, 2, 3)],
        principles=[Principle(id=f"p{i}", dimension=d, name=f"P{i}") for i, d in enumerate(owners, 1)],
    )


def problems_of(error: pytest.ExceptionInfo[LoadError]) -> list[Problem]:
    return list(error.value.problems)


def where(problem: Problem) -> tuple[str, int, int | None]:
    return (Path(problem.file).name, problem.line, problem.col)


#: (file, line, col, part of the message, part of the hint or None), written by hand from the fixtures.
EXPECTED_BROKEN = [
    ("data.json", 5, 5, "JSON syntax error: Expecting ',' delimiter", None),
    ("hanke.yaml", 5, 5, "period starts (2021-01-01) after it ends (2020-01-01)", None),
    ("hanke.yaml", 13, 15, "duplicate step id 'a'", "unique"),
    ("invariantit.yaml", 11, 15, "flow target 'lopu' is not a step", "nearest: loppu"),
    ("kopio.yaml", 2, 7, "id 'tyokalut' is used by another catalogue too", None),
    ("lajit.yaml", 6, 1, "has both 'practice' and 'project'", "'collection:'"),
    ("rakenne.yaml", 5, 3, "unknown key 'nmae' in practice", "did you mean 'name'?"),
    ("rakenne.yaml", 9, 13, "'activty' is not a valid block kind; allowed: activity, method", "'activity'"),
    ("rakenne.yaml", 10, 21, "expected a list, not the text 'Osallistujat'", None),
    ("rakenne.yaml", 11, 11, "id 'Ryhmä 2' is not a valid id", None),
    ("rakenne.yaml", 13, 7, "missing required field 'name' in block", "add 'name:'"),
    ("rakenne.yaml", 16, 3, "duplicate key 'summary' (first written at line 15)", None),
    ("syntax.yaml", 7, 1, "YAML syntax error: found unexpected end of stream", None),
    ("tyhja.yml", 1, 1, "the file has no document key", "'practice:'"),
    ("tyhja.yml", 1, 1, "unknown top-level key 'praktice'", "did you mean 'practice'?"),
    ("viittaukset.yaml", 8, 19, "'thl' has no dimension or principle 'd7'", "nearest:"),
    ("viittaukset.yaml", 9, 14, "'tyokalut' has no block 'helmi-kortti'", "nearest: helmi-kortit"),
    ("viittaukset.yaml", 11, 16, "included practice 'olematon' is not known", None),
]


def test_broken_folder_reports_every_kind_of_problem_in_one_run() -> None:
    with pytest.raises(LoadError) as info:
        load_workspace([BROKEN], frameworks=[small_thl()])
    found = problems_of(info)
    for file, line, col, message, hint in EXPECTED_BROKEN:
        matches = [p for p in found if where(p) == (file, line, col) and message in p.message]
        assert matches, f"no problem {message!r} at {file}:{line}:{col} in:\n{info.value}"
        if hint is not None:
            assert hint in (matches[0].hint or ""), matches[0]
    # Nothing else: hidden files, *.schema.json and references into broken files add nothing.
    assert len(found) == len(EXPECTED_BROKEN), str(info.value)
    assert found == sorted(found, key=lambda p: (p.file, p.line, p.col, p.message))
    assert all(str(p).startswith(f"{p.file}:{p.line}:{p.col}: ") for p in found)


def test_broken_folder_without_frameworks_skips_mapping_checks_only() -> None:
    with pytest.raises(LoadError) as info:
        load_workspace([BROKEN])
    messages = [p.message for p in problems_of(info)]
    assert not any("'d7'" in m for m in messages)
    assert any("'helmi-kortti'" in m for m in messages)


def test_good_folder_loads_as_one_collection() -> None:
    workspace = load_workspace([GOOD / "kokonaisuus"], frameworks=[small_thl()])
    collection = workspace.collection
    assert collection.id == "testikokonaisuus"
    assert collection.name == Text(fi="Testikokonaisuus", en="Test collection")
    assert [p.id for p in collection.projects] == ["lumoava"]
    assert [p.id for p in collection.practices] == ["esittely"]
    assert [c.id for c in collection.catalogues] == ["tyokalut"]
    assert collection.projects[0].code == "0123"  # written as a number, kept as written
    assert collection.projects[0].period is not None
    assert collection.projects[0].period.start == dt.date(2017, 1, 1)
    assert collection.practice("esittely").keywords == ("on", "no")
    assert workspace.context.resolve("tyokalut/helmi-kortit").name == Text(fi="Helmi-kortit")
    assert "esittely" in workspace.context.practices
    assert len(workspace.documents) == 4


def test_workspace_locates_practices_inside_project_files() -> None:
    workspace = load_workspace([GOOD / "kokonaisuus"])
    location = workspace.locate_practice("elava-portfolio", "steps", 1, "reuse")
    assert location.file.endswith("lumoava.yaml")
    assert (location.line, location.col) == (19, 18)
    assert str(location) == f"{location.file}:19:18"
    assert str(workspace.locate_practice("esittely")).endswith("esittely.json:2:15")
    assert workspace.locate_project("lumoava").line == 2
    assert workspace.locate_catalogue("tyokalut", "blocks", 0).line == 5
    with pytest.raises(KeyError):
        workspace.locate_practice("olematon")


def test_folder_without_collection_file_is_named_after_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Elävä Portfolio"
    folder.mkdir()
    (folder / "malli.yaml").write_text("practice:\n  id: malli\n  name: Malli\n", encoding="utf-8")
    workspace = load_workspace([folder])
    assert workspace.collection.id == "elävä-portfolio"
    assert workspace.collection.name == Text(fi="Elävä Portfolio")
    assert slug("  Ä!! b  ") == "ä-b"
    assert slug("???") == "collection"


def test_progress_is_reported_per_file() -> None:
    calls: list[tuple[int, int]] = []
    load_workspace([GOOD / "kokonaisuus"], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_files_given_one_by_one_form_a_workspace() -> None:
    folder = GOOD / "kokonaisuus"
    workspace = load_workspace(
        [folder / "tyokalut.yaml", folder / "hankkeet" / "lumoava.yaml", folder / "esittely.json"]
    )
    assert workspace.collection.id == "workspace"
    assert workspace.collection.name.get("en") == "Files given together"
    assert workspace.collection.name.get("fi") == "Yhdessä annetut tiedostot"


def test_reuse_needs_the_catalogue_file_in_the_workspace() -> None:
    folder = GOOD / "kokonaisuus"
    with pytest.raises(LoadError) as info:
        load_workspace([folder / "hankkeet" / "lumoava.yaml", folder / "esittely.json"], siblings=False)
    (problem,) = problems_of(info)
    assert where(problem) == ("lumoava.yaml", 19, 18)
    assert problem.message == "no catalogue or practice 'tyokalut' to reuse from"
    assert problem.hint is not None
    assert "esittely" in problem.hint


def test_outside_catalogues_resolve_reuse() -> None:
    folder = GOOD / "kokonaisuus"
    catalogue = load_document(folder / "tyokalut.yaml").model
    assert isinstance(catalogue, Catalogue)
    workspace = load_workspace(
        [folder / "hankkeet" / "lumoava.yaml", folder / "esittely.json"], catalogues=[catalogue]
    )
    project = workspace.collection.projects[0]
    assert isinstance(project, Project)
    steps = project.practices[0].steps
    assert isinstance(steps[1], Reuse)
    assert isinstance(steps[2], Include)


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["puuttuu.yaml"], "no such file or folder: check the path"),
        ([], "give at least one path"),
    ],
)
def test_missing_paths_say_what_to_do(tmp_path: Path, paths: list[str], message: str) -> None:
    with pytest.raises(LoadError, match=message):
        load_workspace([tmp_path / p for p in paths])


def test_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "lue-minut.txt").write_text("ei malli", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_workspace([tmp_path])
    (problem,) = problems_of(info)
    assert problem.file == str(tmp_path)
    assert "add *.yaml, *.yml or *.json files" in problem.message


def test_load_document_of_missing_file_and_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file: check the path"):
        load_document(tmp_path / "puuttuu.yaml")
    with pytest.raises(LoadError, match="this is a folder"):
        load_document(tmp_path)


def test_load_framework_reads_a_framework_file() -> None:
    framework = load_framework(GOOD / "kehys.yaml")
    assert framework.id == "testikehys"
    assert framework.element_ids() == ("d1", "d2", "p1")


def test_load_framework_refuses_other_documents() -> None:
    with pytest.raises(LoadError) as info:
        load_framework(GOOD / "kokonaisuus" / "tyokalut.yaml")
    (problem,) = problems_of(info)
    assert (problem.line, problem.col) == (1, 1)
    assert "expected a framework file" in problem.message


def test_framework_files_in_a_folder_check_mappings(tmp_path: Path) -> None:
    (tmp_path / "kehys.yaml").write_text((GOOD / "kehys.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "malli.yaml").write_text(
        "practice:\n  id: m\n  name: M\n  framework: testikehys\n  steps:\n"
        "    - id: a\n      name: A\n      mappings:\n        - target: p2\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as info:
        load_workspace([tmp_path])
    (problem,) = problems_of(info)
    assert where(problem) == ("malli.yaml", 9, 19)
    assert problem.message == "'testikehys' has no dimension or principle 'p2'"


def test_loads_checks_references_only_with_frameworks() -> None:
    text = "practice:\n  id: m\n  name: M\n  steps:\n    - id: a\n      name: A\n      mappings:\n"
    text += "        - target: p10\n"
    assert loads(text).model.id == "m"
    with pytest.raises(LoadError) as info:
        loads(text, name="m.yaml", frameworks=[small_thl()])
    (problem,) = problems_of(info)
    assert str(problem).startswith("m.yaml:8:19: 'thl' has no dimension or principle 'p10'")


def test_document_source_locates_nearest_known_ancestor() -> None:
    document = loads("practice:\n  id: m\n  name: M\n  steps: []\n", name="m.yaml")
    assert document.source.locate(("practice", "name")) == (3, 9)
    assert document.source.locate(("practice", "steps", 4, "id")) == (4, 10)
    assert document.source.where(("practice", "nothing")) == "m.yaml:2:3"
    assert document.kind == "practice"
    assert isinstance(document.model, Practice)


def test_text_maps_wrong_languages_and_empty_texts() -> None:
    text = "practice:\n  id: m\n  name: {fi: Malli, de: Modell}\n  summary: '  '\n"
    with pytest.raises(LoadError) as info:
        loads(text, name="m.yaml")
    assert [(p.line, p.col, p.message) for p in problems_of(info)] == [
        (3, 21, "unknown language 'de'"),
        (4, 12, "the text is empty"),
    ]


def test_model_invariants_inside_nested_objects_are_located() -> None:
    text = (
        "practice:\n  id: m\n  name: M\n  steps:\n    - id: a\n      name: A\n"
        "      group_size: {min: 5, max: 2}\n    - id: b\n      name: B\n      parts:\n"
        "        - {id: x, name: X}\n        - {id: x, name: Y}\n"
    )
    with pytest.raises(LoadError) as info:
        loads(text, name="m.yaml")
    assert [(p.line, p.col, p.message) for p in problems_of(info)] == [
        (7, 19, "group size min 5 is larger than max 2"),
        (12, 16, "duplicate block id 'x'"),
    ]


def test_wrong_scalar_types_are_named() -> None:
    text = "practice:\n  id: m\n  name: [a, b]\n  steps:\n    - id: a\n      name: A\n"
    text += "      group_size: {min: many}\n  description:\n    created: 2020-13-45\n"
    with pytest.raises(LoadError) as info:
        loads(text, name="m.yaml")
    assert [(p.line, p.col, p.message) for p in problems_of(info)] == [
        (3, 9, "expected text (a string or a map of fi, en, sv), not a list"),
        (7, 25, "expected a whole number, not the text 'many'"),
        (9, 14, "'2020-13-45' is not a date"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("- a\n- b\n", "a model file must be a map with one document key"),
        ("version: 1\n", "the file has no document key"),
        ("practice: text\n", "expected a map of practice fields, not the text 'text'"),
        ("practice:\n  id: m\n  name: M\n  steps: [{id: a, name: A}, 5]\n", "expected a step (a map)"),
    ],
)
def test_odd_documents(text: str, message: str) -> None:
    with pytest.raises(LoadError, match=message.replace("(", r"\(").replace(")", r"\)")):
        loads(text)


def outcome(text: str, name: str) -> object:
    """The model loaded from ``text``, or the problems of the LoadError it raised."""
    try:
        return loads(text, name=name).model
    except LoadError as error:
        return error.problems


@given(st.text(max_size=200))
def test_nothing_but_load_error_escapes_for_random_text(text: str) -> None:
    result = outcome(text, "r.yaml")
    assert result != ()


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=10,
    ),
    st.sampled_from(["practice", "project", "catalogue", "collection", "framework"]),
)
def test_nothing_but_load_error_escapes_for_random_documents(body: object, kind: str) -> None:
    result = outcome(json.dumps({kind: body}), "r.json")
    assert result != ()


def test_a_broken_step_does_not_hide_the_flow_problems_of_its_practice() -> None:
    text = (
        "practice:\n"
        "  id: p\n"
        "  name: P\n"
        "  steps:\n"
        "    - {id: a, name: A, group_size: {min: many}}\n"
        "    - {id: b, name: B}\n"
        "  flows:\n"
        "    - {source: a, target: c}\n"
        "    - {source: b, target: a}\n"
        "    - {source: a, target: b}\n"
    )
    with pytest.raises(LoadError) as info:
        loads(text, name="p.yaml")
    messages = [(p.line, p.message) for p in info.value.problems]
    assert any(line == 5 and "whole number" in m for line, m in messages)
    assert any(line == 8 and "'c' is not a step" in m for line, m in messages)
    assert any("cycle" in m for _, m in messages)


def test_files_beside_a_named_file_resolve_its_references(tmp_path: Path) -> None:
    (tmp_path / "tools.yaml").write_text(
        "catalogue:\n  id: tools\n  name: Tools\n  blocks:\n    - {id: cards, name: Cards}\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.yaml").write_text("practice: [\n", encoding="utf-8")
    named = tmp_path / "p.yaml"
    named.write_text(
        "practice:\n  id: p\n  name: P\n  steps:\n    - {id: a, reuse: tools/cards}\n", encoding="utf-8"
    )
    workspace = load_workspace([named])
    assert [p.id for p in workspace.collection.all_practices()] == ["p"]
    assert workspace.collection.catalogues == ()
    assert workspace.context.resolve("tools/cards").name.get() == "Cards"
    with pytest.raises(LoadError, match="no catalogue or practice 'tools'"):
        load_workspace([named], siblings=False)


# --- special files and links in folders ------------------------------------------------------

_MODEL = "practice:\n  id: m\n  name: M\n  steps:\n    - {id: a, name: A}\n"
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and symbolic links are POSIX")


def _within(seconds: float, action: Callable[[], T]) -> T:
    """``action()``, failing the test instead of hanging when it takes longer than ``seconds``."""
    result: list[T] = []
    raised: list[BaseException] = []

    def run() -> None:
        try:
            result.append(action())
        except BaseException as error:  # handed to the test's own thread
            raised.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    if raised:
        raise raised[0]
    return result[0]


@posix_only
def test_a_fifo_named_like_a_model_in_a_folder_is_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "malli.yaml").write_text(_MODEL, encoding="utf-8")
    os.mkfifo(tmp_path / "putki.yaml")
    skipped: list[Skipped] = []
    workspace = _within(10, lambda: load_workspace([tmp_path], on_skip=skipped.append))
    assert [p.id for p in workspace.collection.practices] == ["m"]
    assert [str(s) for s in skipped] == [
        f"{tmp_path / 'putki.yaml'}: skipped: a named pipe (FIFO), not a file"
    ]


@posix_only
def test_a_symlink_loop_in_a_folder_is_skipped_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "malli.yaml").write_text(_MODEL, encoding="utf-8")
    (tmp_path / "itse.yaml").symlink_to("itse.yaml")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "alas").mkdir()
    (tmp_path / "alas" / "ylos").symlink_to("..")  # a folder loop: links to folders are not followed
    skipped: list[Skipped] = []
    workspace = _within(10, lambda: load_workspace([tmp_path], on_skip=skipped.append))
    assert [p.id for p in workspace.collection.practices] == ["m"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("a.yaml", "a symbolic link that loops"),
        ("b.yaml", "a symbolic link that loops"),
        ("itse.yaml", "a symbolic link that loops"),
    ]
    assert model_files(tmp_path) == [tmp_path / "malli.yaml"]  # without on_skip, quietly left out


@posix_only
def test_a_link_to_a_model_file_is_read_and_a_broken_link_says_where_it_points(tmp_path: Path) -> None:
    (tmp_path / "malli.txt").write_text(_MODEL, encoding="utf-8")
    (tmp_path / "linkki.yaml").symlink_to("malli.txt")
    assert [p.id for p in load_workspace([tmp_path]).collection.practices] == ["m"]
    (tmp_path / "rikki.yaml").symlink_to("poistettu.yaml")
    with pytest.raises(LoadError) as caught:
        load_workspace([tmp_path])
    (problem,) = problems_of(caught)
    assert (
        problem.message == "the symbolic link points to nothing (poistettu.yaml): fix the link or remove it"
    )


@posix_only
def test_a_fifo_named_directly_is_read_with_the_size_cap(tmp_path: Path) -> None:
    pipe = tmp_path / "putki.yaml"
    os.mkfifo(pipe)

    def write(data: bytes) -> None:
        with contextlib.suppress(BrokenPipeError), pipe.open("wb") as handle:
            handle.write(data)

    threading.Thread(target=write, args=(_MODEL.encode(),), daemon=True).start()
    workspace = _within(10, lambda: load_workspace([pipe]))
    assert [p.id for p in workspace.collection.practices] == ["m"]
    endless = b"# " + b"x" * (MAX_BYTES + 1024 * 1024)  # stands for a writer that never stops
    threading.Thread(target=write, args=(endless,), daemon=True).start()
    with pytest.raises(LoadError, match="too large"):
        _within(10, lambda: load_workspace([pipe]))


# --- numbers: hex, huge and over-long ones -------------------------------------------------------


def _practice_with(group_size: str) -> str:
    steps = f"  steps:\n    - id: a\n      name: A\n      group_size: {group_size}\n"
    return "practice:\n  id: malli\n  name: M\n" + steps


def test_a_hex_integer_too_large_for_the_outputs_is_refused_at_its_place() -> None:
    hexed = "0x" + "f" * 4000  # passed validate, then broke json, yaml, markdown and html
    with pytest.raises(LoadError) as caught:
        loads(_practice_with(f"{{min: 1, max: {hexed}}}"), name="m.yaml")
    (problem,) = problems_of(caught)
    assert (problem.line, problem.col) == (7, 33)
    assert "a number of about 4,817 digits is too large" in problem.message
    assert "at most 9,007,199,254,740,991" in problem.message


def test_hex_and_octal_whole_numbers_up_to_the_limit_are_read() -> None:
    model = loads(_practice_with("{min: 0o17, max: 0x1fffffffffffff}"), name="m.yaml").model
    assert isinstance(model, Practice)
    step = model.steps[0]
    assert isinstance(step, Block)
    assert step.group_size is not None
    assert (step.group_size.min, step.group_size.max) == (15, 2**53 - 1)
    with pytest.raises(LoadError, match="the number 9007199254740992 is too large"):
        loads(_practice_with("{max: 0x20000000000000}"), name="m.yaml")


def test_a_json_integer_over_4300_digits_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    digits = "9" * 5000
    text = f'{{"practice": {{"id": "malli", "name": "M",\n "steps": [{{"id": "a", "name": {digits}}}]}}}}'
    with pytest.raises(LoadError) as caught:
        loads(text, name="m.json")
    (problem,) = problems_of(caught)
    assert (problem.line, problem.col) == (2, 32)
    assert problem.message == "cannot read '9999999999999999999999999999999999999...'"
    # ... in a folder, and when it is the sibling of a file validated on its own.
    (tmp_path / "ok.yaml").write_text("practice:\n  id: ok\n  name: OK\n", encoding="utf-8")
    (tmp_path / "iso.json").write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_workspace([tmp_path])
    assert [p.file for p in problems_of(caught)] == [str(tmp_path / "iso.json")]
    single = run_cli(["--lang", "en", "validate", str(tmp_path / "ok.yaml")])
    assert single.exception is None or isinstance(single.exception, SystemExit), single.exception
    assert "Traceback" not in single.output


def test_describe_never_spells_out_a_huge_number() -> None:
    assert describe(10**5000) == "a number of about 5,001 digits"
    assert describe(2**53) == "the number 9007199254740992"
    assert describe(1e300) == "the number 1e+300"
