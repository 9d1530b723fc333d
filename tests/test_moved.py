"""Old import paths of moved modules: the same module, with a DeprecationWarning naming the new path."""

from __future__ import annotations

import importlib
import sys

import pytest

from osallisuuden_palaset.moved import MOVED


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_is_the_new_module_and_warns(old: str, new: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)


def test_every_new_path_exists_and_no_old_path_is_a_file() -> None:
    root = importlib.import_module("osallisuuden_palaset").__path__[0]
    for old, new in MOVED.items():
        assert importlib.util.find_spec(new) is not None, new
        assert (
            not (importlib.util.find_spec(new).origin or "").endswith(old.split(".")[-1] + ".py")
            or old == new
        )
    assert root


def test_the_old_name_of_model_path_warns() -> None:
    import osallisuuden_palaset.errors as errors

    with pytest.warns(DeprecationWarning, match="ModelPath"):
        assert errors.Path is errors.ModelPath  # type: ignore[attr-defined]


def test_old_from_imports_used_by_plugins_still_work() -> None:
    sys.modules.pop("osallisuuden_palaset.exporting", None)
    with pytest.warns(DeprecationWarning, match="output.exporting"):
        from osallisuuden_palaset.exporting import Exporter  # type: ignore[import-not-found,unused-ignore]
    from osallisuuden_palaset.output.exporting import Exporter as NewExporter

    assert Exporter is NewExporter
