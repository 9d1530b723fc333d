"""Tests of which files a load reads: model files in folders, siblings of named files, what is skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from osallisuuden_palaset.files.finding import (
    Skipped,
    files_of,
    is_model_file,
    model_files,
    read_from,
    siblings_of,
)


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("malli.yaml", True),
        ("MALLI.YML", True),
        ("malli.json", True),
        ("malli.schema.json", False),
        (".piilo.yaml", False),
        ("muistio.txt", False),
    ],
)
def test_model_files_are_named_by_their_suffix(name: str, read: bool) -> None:
    assert is_model_file(name) is read


def test_a_folder_is_walked_sorted_and_hidden_folders_are_left_out(tmp_path: Path) -> None:
    for rel in ("b.yaml", "a/c.yml", ".git/x.yaml", "a/.d.yaml", "e.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x: 1\n", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in model_files(tmp_path)] == ["b.yaml", "a/c.yml"]
    assert read_from(tmp_path, tmp_path / "a" / "c.yml")
    assert not read_from(tmp_path, tmp_path / ".git" / "x.yaml")
    assert not read_from(tmp_path / "a", tmp_path / "b.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_pipe_named_like_a_model_file_is_skipped_with_its_reason(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "putki.yaml")
    skipped: list[Skipped] = []
    assert model_files(tmp_path, on_skip=skipped.append) == []
    assert [str(s) for s in skipped] == [
        f"{tmp_path / 'putki.yaml'}: skipped: a named pipe (FIFO), not a file"
    ]


def test_an_empty_folder_or_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    found, problem = files_of(tmp_path, None)
    assert found == []
    assert problem is not None
    assert "no model files" in problem.message
    found, problem = files_of(tmp_path / "puuttuu.yaml", None)
    assert problem is not None
    assert "no such file or folder" in problem.message


def test_siblings_are_the_model_files_beside_named_files_not_loaded_anyway(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml", "c.json", "d.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    named = [tmp_path / "a.yaml"]
    assert siblings_of(named, named) == [tmp_path / "b.yaml", tmp_path / "c.json"]
