"""Every example in every view: DOT snapshots (PALASET_UPDATE_SNAPSHOTS=1 rewrites them) and every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.files.loading import Workspace, load_workspace
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.plugins.registry import get_frameworks
from osallisuuden_palaset.rendering.drawing import FORMATS, RenderJob, render_many
from osallisuuden_palaset.testing import assert_snapshot_folder, make_plugin_manager

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SNAPSHOTS = ROOT / "tests" / "snapshots" / "diagram"
VIEWS = ("flow", "framework", "overview")


@pytest.fixture(scope="module")
def frameworks() -> dict[str, Framework]:
    return get_frameworks(make_plugin_manager())


@pytest.fixture(scope="module")
def workspace(frameworks: dict[str, Framework]) -> Workspace:
    return load_workspace(sorted(EXAMPLES.glob("*.yaml")), frameworks=frameworks.values())


def _models(workspace: Workspace) -> list[object]:
    collection = workspace.collection
    return [*collection.all_practices(), *collection.projects, collection]


def _sources(workspace: Workspace, frameworks: dict[str, Framework]) -> dict[str, str]:
    """Snapshot file name → DOT source, for every example model in every view."""
    return {
        f"{model.id}.{view}.gv": diagram_source(  # type: ignore[attr-defined]
            model,  # type: ignore[arg-type]
            DiagramOptions(view=view, lang="fi"),
            frameworks=frameworks,
            context=workspace.context,
        )
        for model in _models(workspace)
        for view in VIEWS
    }


def test_dot_snapshots_of_every_example_and_view(
    workspace: Workspace, frameworks: dict[str, Framework]
) -> None:
    sources = _sources(workspace, frameworks)
    assert len(sources) >= 3 * 6
    assert_snapshot_folder(SNAPSHOTS, sources, "*.gv")


def test_building_twice_gives_the_same_bytes(workspace: Workspace, frameworks: dict[str, Framework]) -> None:
    assert _sources(workspace, frameworks) == _sources(workspace, frameworks)


@pytest.mark.requires_dot
def test_every_example_renders_in_every_view_to_every_format(
    workspace: Workspace, frameworks: dict[str, Framework]
) -> None:
    jobs = [
        RenderJob(name, source, fmt)
        for name, source in _sources(workspace, frameworks).items()
        for fmt in FORMATS
    ]
    report = render_many(jobs)
    assert not report.failures, [(o.job.name, o.job.fmt, str(o.error)) for o in report.failures]
    magic = {"svg": b"<svg", "png": b"\x89PNG", "pdf": b"%PDF", "gv": b"digraph"}
    for outcome in report.outcomes:
        assert outcome.data is not None
        assert magic[outcome.job.fmt] in outcome.data[:400]
