"""``build()``: the folder ``palaset build`` writes, made from code, with a step per written file."""

from __future__ import annotations

from pathlib import Path

from osallisuuden_palaset import build as root_build
from osallisuuden_palaset.files.folder_lock import LOCK_FILE
from osallisuuden_palaset.files.loading import load_workspace
from osallisuuden_palaset.output.building import BuildStep, PlannedFile, build, plan
from osallisuuden_palaset.plugins.manager import get_plugin_manager
from osallisuuden_palaset.plugins.registry import get_exporters, get_frameworks
from osallisuuden_palaset.testing import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _build(out: Path, steps: list[BuildStep]) -> int:
    pm = get_plugin_manager(load_entrypoints=False)
    frameworks = get_frameworks(pm)
    workspace = load_workspace([EXAMPLES], frameworks=frameworks.values())
    out.mkdir()
    result = build(
        workspace.collection,
        out,
        lang="fi",
        exporters=get_exporters(pm),
        frameworks=frameworks,
        context=workspace.context,
        progress=steps.append,
    )
    assert result.failures == ()
    return result.count


def test_build_makes_the_folder_palaset_build_makes(tmp_path: Path) -> None:
    steps: list[BuildStep] = []
    count = _build(tmp_path / "lib", steps)
    result = run_cli(
        ["--lang", "fi", "build", str(EXAMPLES), "--output", str(tmp_path / "cli"), "--no-checks", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    made = _files(tmp_path / "lib")
    assert made == {p: b for p, b in _files(tmp_path / "cli").items() if p != LOCK_FILE}  # the command locks
    assert count == len(made)


def test_progress_is_called_once_per_written_file(tmp_path: Path) -> None:
    steps: list[BuildStep] = []
    _build(tmp_path / "out", steps)
    paths = [step.path for step in steps]
    assert sorted(paths) == sorted(_files(tmp_path / "out"))
    assert len(paths) == len(set(paths))
    assert steps[-1] == BuildStep("index", "index", "html", "index.html")
    assert {step.kind for step in steps} <= {"export", "diagram", "index"}


def test_plan_names_planned_files_and_the_root_exports_build() -> None:
    workspace = load_workspace(
        [EXAMPLES], frameworks=get_frameworks(get_plugin_manager(load_entrypoints=False)).values()
    )
    planned = plan(workspace.collection)
    assert all(isinstance(p, PlannedFile) for p in planned)
    assert planned[-1].kind == "collection"
    assert root_build is build
