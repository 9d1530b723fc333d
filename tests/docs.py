"""The Python code blocks of the Markdown docs, for the tests that run them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

#: The repository's root (docs/, examples/ and README.md are below it).
REPO = Path(__file__).resolve().parents[1]

_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", flags=re.S | re.M)


def python_blocks(path: Path) -> list[str]:
    """The source of every ```python block of the Markdown file ``path``, in order."""
    return _PYTHON_BLOCK.findall(path.read_text(encoding="utf-8"))


def run_python_blocks(path: Path, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the file's python blocks in order in one namespace (a block sees what the ones before
    it defined) and return the namespace. A failing block's traceback names ``FILE[block N]``."""
    namespace = {} if namespace is None else namespace
    for index, code in enumerate(python_blocks(path)):
        exec(compile(code, f"{path.name}[block {index}]", "exec"), namespace)
    return namespace
