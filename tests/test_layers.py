"""The folder tree is the layer diagram: every package imports only the layers above it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "osallisuuden_palaset"

#: Top-down, as docs/plugins.md ("Where things live") and the architecture list them. A module or
#: package may import its own layer's members only where the layer is a single name; names that
#: share a layer are independent of each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("messages",),
    ("errors", "hookspecs", "markup", "isolating", "moved", "codecache"),
    ("model",),
    ("files", "composing"),
    ("assessing", "surveying"),
    ("diagram", "rendering"),
    ("output",),
    ("plugins",),
    ("default_plugins",),
    ("cli",),
    ("notebook", "testing"),
    ("__init__", "__main__"),
)
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _unit(path: Path) -> str:
    """The top-level package or root module a source file belongs to."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported_units(tree: ast.AST) -> set[str]:
    """Every top-level unit of ours a module imports: at module level, in functions, for typing too."""
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "osallisuuden_palaset":
                names = [f"osallisuuden_palaset.{alias.name}" for alias in node.names]
            else:
                names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "osallisuuden_palaset" and len(parts) > 1:
                found.add(parts[1])
    return found


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_package_and_root_module_has_a_layer() -> None:
    units = {_unit(p) for p in _sources()}
    assert units == set(RANK), "give each new package or root module a layer here and in docs/plugins.md"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_go_up_the_layers(path: Path) -> None:
    unit = _unit(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upward = sorted(
        other for other in _imported_units(tree) - {unit} if other in RANK and RANK[other] >= RANK[unit]
    )
    assert not upward, f"{unit} (layer {RANK[unit]}) imports {upward}, which are not above it"


def test_the_docs_list_the_packages_in_layer_order() -> None:
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    section = text.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    listed = [re.findall(r"`([a-z_]+)/?`", row.split("|")[1]) for row in rows]
    ranks = [[RANK[name] for name in names] for names in listed]
    flat = [r for row in ranks for r in row]
    assert flat == sorted(flat), f"docs/plugins.md lists packages out of layer order: {listed}"
    documented = {name for names in listed for name in names}
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages <= documented, f"not in docs/plugins.md: {sorted(packages - documented)}"
