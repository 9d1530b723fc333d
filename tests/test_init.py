"""The package root: one list of public names, and the typing imports agree with it."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import osallisuuden_palaset

INIT = Path(osallisuuden_palaset.__file__)


def _typing_imports() -> dict[str, str]:
    """Name → module of every import under ``if TYPE_CHECKING:`` in ``__init__.py``."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                assert imp.module
                for alias in imp.names:
                    assert alias.asname == alias.name, f"{alias.name} is imported without re-export"
                    found[alias.name] = imp.module
    return found


def test_the_typing_imports_the_lazy_table_and_all_agree() -> None:
    table = osallisuuden_palaset._MODULE_OF
    assert _typing_imports() == table
    assert sorted(osallisuuden_palaset.__all__) == sorted(table)
    assert len(osallisuuden_palaset.__all__) == len(set(osallisuuden_palaset.__all__))


def test_each_public_name_is_defined_where_the_table_says() -> None:
    for name, module in osallisuuden_palaset._MODULE_OF.items():
        assert hasattr(importlib.import_module(module), name), (name, module)
        assert getattr(osallisuuden_palaset, name) is getattr(importlib.import_module(module), name)


def test_the_types_of_public_signatures_are_public() -> None:
    assert "ModelPath" in osallisuuden_palaset.__all__
    assert "Lang" in osallisuuden_palaset.__all__


def test_importing_the_package_loads_no_public_module() -> None:
    code = (
        "import sys, osallisuuden_palaset; "
        "print(sorted(m for m in sys.modules if m.startswith('osallisuuden_palaset.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['osallisuuden_palaset.codecache', 'osallisuuden_palaset.moved']"
