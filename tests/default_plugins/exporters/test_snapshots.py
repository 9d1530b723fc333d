"""Snapshots of every built-in text format, for the samples and for every example under examples/.

Regenerate with ``PALASET_UPDATE_SNAPSHOTS=1 python -m pytest tests/default_plugins/exporters`` and
review the diff under tests/snapshots/exporters/.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from osallisuuden_palaset.files.loading import Workspace, load_workspace
from osallisuuden_palaset.output.building import PlannedFile, plan
from osallisuuden_palaset.output.exporting import Exportable, export
from osallisuuden_palaset.plugins.registry import get_catalogues, get_frameworks
from osallisuuden_palaset.testing import assert_snapshot, assert_snapshot_folder, make_plugin_manager
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS

ROOT = Path(__file__).resolve().parents[3]
SNAPSHOTS = ROOT / "tests" / "snapshots" / "exporters"
EXAMPLES = ROOT / "examples"


SAMPLE_MODELS: dict[str, Callable[[], Exportable]] = {
    "rich": samples.rich_practice,
    "hostile": samples.hostile_practice,
    "project": samples.project,
    "collection": samples.collection,
}


#: The html page embeds each practice's flow diagram as drawn by ``dot``, whose SVG differs
#: between Graphviz versions: snapshots leave it out (tests/default_plugins/exporters/test_html.py
#: tests the embedded diagram, and tests/diagram/ snapshots its DOT source).
OPTIONS: dict[str, dict[str, str]] = {"html": {"diagrams": "no"}}


@pytest.mark.parametrize("name", sorted(EXPORTERS))
@pytest.mark.parametrize("sample", sorted(SAMPLE_MODELS))
def test_samples(name: str, sample: str) -> None:
    exporter = EXPORTERS[name]
    model = SAMPLE_MODELS[sample]()
    data = export(exporter, model, lang="fi", context=samples.context(), options=OPTIONS.get(name))
    assert_snapshot(SNAPSHOTS / "samples" / f"{sample}{exporter.suffix}", data)


@functools.cache
def examples_workspace() -> Workspace:
    """Every example file loaded as one workspace with the built-in frameworks and catalogues."""
    pm = make_plugin_manager()
    return load_workspace(
        [EXAMPLES], frameworks=get_frameworks(pm).values(), catalogues=get_catalogues(pm).values()
    )


def _example_items() -> list[PlannedFile]:
    return list(plan(examples_workspace().collection))


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_every_example(name: str) -> None:
    """Every built-in format exports every practice, project and the collection of examples/.

    The folder holds nothing else: a snapshot of an example that is gone fails too.
    """
    exporter = EXPORTERS[name]
    workspace = examples_workspace()
    items = _example_items()
    assert any(item.kind == "practice" for item in items)
    files = {
        f"{item.stem}{exporter.suffix}": export(
            exporter, item.model, lang="fi", context=workspace.context, options=OPTIONS.get(name)
        )
        for item in items
        if exporter.can_export(item.model)
    }
    assert_snapshot_folder(SNAPSHOTS / "examples" / name, files, f"*{exporter.suffix}")
