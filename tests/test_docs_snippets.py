"""Docs that cannot drift: every ```python block of README.md and docs/*.md runs.

Each file's blocks run in order in one namespace, as a reader would type them one after
another in the repository's root: the working directory is a temporary folder holding a copy
of ``examples/``, so the docs name ``"examples"`` as a reader would, and what they write lands
in the temporary folder. ``REPO`` (the repository's root) is in the namespace for blocks that
need other files of the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.docs import REPO, python_blocks, run_python_blocks

#: docs/plugins.md holds plugin files (```python title="...") and a tutorial that imports them;
#: tests/test_docs_hooks.py writes those files out and runs the tutorial, so it is left out here.
LEFT_OUT = {"plugins.md"}
#: Files whose blocks run Graphviz's ``dot``.
NEEDS_DOT = {"diagrams.md"}

DOCS = [
    path
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    if path.name not in LEFT_OUT and python_blocks(path)
]


def _param(path: Path) -> object:
    marks = [pytest.mark.requires_dot] if path.name in NEEDS_DOT else []
    return pytest.param(path, id=str(path.relative_to(REPO)), marks=marks)


def test_the_docs_with_code_are_found() -> None:
    names = {path.name for path in DOCS}
    assert {"README.md", "assessment.md", "composition.md", "diagrams.md", "surveys.md"} <= names


@pytest.mark.parametrize("path", [_param(p) for p in DOCS])
def test_python_blocks_run_in_order(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    # A block that raises fails the test; the traceback names it as FILE[block N].
    run_python_blocks(path, {"REPO": REPO})
