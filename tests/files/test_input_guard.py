"""Tests of telling when an output would overwrite an input, or be read as one next time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from osallisuuden_palaset.files.finding import read_from
from osallisuuden_palaset.files.input_guard import Clash, Relation, file_clash, folder_clash, same_file


@pytest.fixture
def models(tmp_path: Path) -> Path:
    folder = tmp_path / "mallit"
    (folder / "ala").mkdir(parents=True)
    (folder / "a.yaml").write_text("practice: {id: a, name: A}\n", encoding="utf-8")
    (folder / "ala" / "b.yaml").write_text("practice: {id: b, name: B}\n", encoding="utf-8")
    return folder


def test_an_output_that_is_an_input_clashes_also_through_a_symlink_or_a_hard_link(models: Path) -> None:
    given = models / "a.yaml"
    link, hard = models.parent / "linkki.yaml", models.parent / "kova.yaml"
    link.symlink_to(given)
    os.link(given, hard)
    for output in (given, link, hard, models / "ala" / ".." / "a.yaml"):
        assert file_clash(output, [given]) == Clash(given, Relation.SAME), output
        assert same_file(output, given)


def test_an_output_beside_an_input_file_does_not_clash(models: Path) -> None:
    assert file_clash(models / "a.export.yaml", [models / "a.yaml"]) is None
    assert file_clash(models / "uusi.md", [models / "a.yaml"]) is None
    assert not same_file(models / "puuttuu", models / "a.yaml")


def test_an_output_that_an_input_folder_would_read_clashes(models: Path) -> None:
    for output in (models / "ala" / "b.yaml", models / "uusi.json", models / "ala" / "uusi.yml"):
        assert file_clash(output, [models]) == Clash(models, Relation.INSIDE), output
    hard = models.parent / "kova.yaml"  # a hard link elsewhere to a file the folder holds
    os.link(models / "ala" / "b.yaml", hard)
    assert file_clash(hard, [models]) == Clash(models, Relation.INSIDE)


def test_an_output_the_loader_would_skip_in_an_input_folder_does_not_clash(models: Path) -> None:
    for output in (models / "raportti.md", models / ".piilo" / "x.json", models / "m.schema.json"):
        assert file_clash(output, [models]) is None, output
        assert not read_from(models, output)


def test_an_output_folder_that_is_holds_or_lies_in_an_input_clashes(models: Path) -> None:
    assert folder_clash(models, [models]) == Clash(models, Relation.SAME)
    assert folder_clash(models / "sivut", [models]) == Clash(models, Relation.INSIDE)
    assert folder_clash(models.parent, [models]) == Clash(models, Relation.HOLDS)
    assert folder_clash(models, [models / "a.yaml"]) == Clash(models / "a.yaml", Relation.HOLDS)
    link = models.parent / "linkki"
    link.symlink_to(models)
    assert folder_clash(link, [models]) == Clash(models, Relation.SAME)


def test_an_output_folder_outside_the_inputs_or_hidden_in_one_does_not_clash(models: Path) -> None:
    assert folder_clash(models.parent / "sivut", [models]) is None
    assert folder_clash(models / ".sivut", [models]) is None  # the loader skips hidden folders
    assert folder_clash(models / "ala", [models / "a.yaml"]) is None  # beside a file, not read with it
