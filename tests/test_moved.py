"""Old import paths of moved modules: the same module, with a DeprecationWarning naming the new path."""

from __future__ import annotations

import importlib
import importlib.util
import sys

import pytest

from osallisuuden_palaset.moved import MOVED


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_is_the_new_module_and_warns(old: str, new: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)


def test_every_new_path_is_a_module_file_of_its_own() -> None:
    for new in MOVED.values():
        spec = importlib.util.find_spec(new)
        assert spec is not None, new
        assert spec.origin is not None
        assert spec.origin.endswith(new.rsplit(".", 1)[1] + ".py"), new


def test_the_old_name_of_model_path_warns() -> None:
    import osallisuuden_palaset.errors as errors

    with pytest.warns(DeprecationWarning, match="ModelPath"):
        assert errors.Path is errors.ModelPath


def test_old_from_imports_used_by_plugins_still_work() -> None:
    sys.modules.pop("osallisuuden_palaset.exporting", None)
    with pytest.warns(DeprecationWarning, match="output.exporting"):
        from osallisuuden_palaset.exporting import Exporter  # type: ignore[import-not-found,unused-ignore]
    from osallisuuden_palaset.output.exporting import Exporter as NewExporter

    assert Exporter is NewExporter
