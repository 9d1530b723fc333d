"""docs/plugins.md cannot drift: every hook documented with its exact signature, the tutorial runs."""

from __future__ import annotations

import ast
import inspect
import re
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from osallisuuden_palaset import hookspecs
from osallisuuden_palaset.files.loading import load_document
from osallisuuden_palaset.output.exporting import export
from osallisuuden_palaset.plugins.manager import ENV_DISABLE, ENV_ONLY, ENV_STRICT, get_plugin_manager
from osallisuuden_palaset.plugins.registry import get_exporters

DOC = Path(__file__).parents[1] / "docs" / "plugins.md"
FENCE = re.compile(r"^```(?P<lang>\w*)(?P<info>[^\n]*)\n(?P<body>.*?)^```", re.DOTALL | re.MULTILINE)


@attrs.frozen
class Block:
    lang: str
    title: str | None
    body: str
    start: int


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT):
        monkeypatch.delenv(var, raising=False)


def blocks(text: str) -> Iterator[Block]:
    for match in FENCE.finditer(text):
        title = re.search(r'title="([^"]+)"', match["info"])
        yield Block(match["lang"], title[1] if title else None, match["body"], match.start())


def section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def hook_specs() -> dict[str, Callable[..., Any]]:
    return {
        name: fn
        for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(fn, f"{hookspecs.PROJECT_NAME}_spec")
    }


def documented_hooks() -> dict[str, Block]:
    """``### name`` headings of the hook reference and the first python block under each."""
    reference = section(DOC.read_text(encoding="utf-8"), "Hook reference")
    found: dict[str, Block] = {}
    headings = list(re.finditer(r"^### (\S+)$", reference, re.MULTILINE))
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        part = reference[heading.end() : following.start() if following else len(reference)]
        first = next((b for b in blocks(part) if b.lang == "python"), None)
        if heading[1].startswith("register_"):
            assert first is not None, f"no code block under ### {heading[1]}"
            found[heading[1]] = first
    return found


def test_the_specs_are_found() -> None:
    assert {"register_frameworks", "register_exporters"} <= set(hook_specs())


def test_every_hook_is_documented_and_nothing_else() -> None:
    assert sorted(documented_hooks()) == sorted(hook_specs())


@pytest.mark.parametrize("name", sorted(hook_specs()))
def test_the_documented_signature_and_docstring_are_the_specs(name: str) -> None:
    block = documented_hooks()[name]
    tree = ast.parse(block.body)
    (definition,) = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert definition.name == name
    namespace: dict[str, Any] = {"Callable": Callable}
    exec(compile(tree, f"{DOC}:{name}", "exec"), namespace)
    documented = namespace[name]
    spec = hook_specs()[name]
    assert inspect.signature(documented, eval_str=True) == inspect.signature(spec, eval_str=True)
    assert inspect.getdoc(documented) == inspect.getdoc(spec)


def titled(title: str) -> str:
    return next(b.body for b in blocks(DOC.read_text(encoding="utf-8")) if b.title == title)


def test_the_tutorial_plugin_exports_the_documented_output(tmp_path: Path) -> None:
    plugin = tmp_path / "palaset_vaiheet.py"
    plugin.write_text(titled("palaset_vaiheet.py"), encoding="utf-8")
    practice_file = tmp_path / "harjoitus.yaml"
    practice_file.write_text(titled("harjoitus.yaml"), encoding="utf-8")
    pm = get_plugin_manager(load_entrypoints=False, plugin_files=[plugin], environ={ENV_STRICT: "1"})
    exporter = get_exporters(pm)["vaiheet"]
    output = export(exporter, load_document(practice_file).model, lang="en")  # type: ignore[arg-type]
    assert output.decode("utf-8") == titled("harjoitus.txt")


def test_the_tutorial_test_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "palaset_vaiheet.py").write_text(titled("palaset_vaiheet.py"), encoding="utf-8")
    (tmp_path / "harjoitus.yaml").write_text(titled("harjoitus.yaml"), encoding="utf-8")
    code = next(b.body for b in blocks(DOC.read_text(encoding="utf-8")) if "def test_vaiheet" in b.body)
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    namespace: dict[str, Any] = {}
    try:
        exec(compile(code, f"{DOC}:tutorial-test", "exec"), namespace)
        namespace["test_vaiheet_lists_the_steps_in_flow_order"]()
    finally:
        sys.modules.pop("palaset_vaiheet", None)


def test_the_packaging_example_uses_the_entry_point_group() -> None:
    toml = next(b.body for b in blocks(DOC.read_text(encoding="utf-8")) if b.lang == "toml")
    data = tomllib.loads(toml)
    assert data["project"]["name"].startswith("osallisuuden-palaset-")
    assert data["project"]["entry-points"][hookspecs.PROJECT_NAME] == {"vaiheet": "palaset_vaiheet"}


def test_the_documented_constructor_checks_hold() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("\n### Model objects check what they are given\n")
    part = text[start : text.index("\n#", start + 1)]
    (code,) = [b.body for b in blocks(part) if b.lang == "python"]
    exec(compile(code, f"{DOC}:constructors", "exec"), {})


def test_the_documented_timeout_is_the_default() -> None:
    from osallisuuden_palaset.isolating import DEFAULT_TIMEOUT

    text = DOC.read_text(encoding="utf-8")
    assert f"may take at most **{DEFAULT_TIMEOUT:g} seconds**" in text
    assert f"(default {DEFAULT_TIMEOUT:g}; `0` for no limit)" in text
