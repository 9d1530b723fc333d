"""Loading at scale: load + validate + assess vs ``json.loads`` of the same data, growth and peak memory."""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import generate
from measuring import MIB, PEAK_CODE, Row, alternate, timed_in_child

HERE = Path(__file__).resolve().parent


def assess_task(folder: Path) -> Callable[[], object]:
    """Load + validate + assess ``folder`` with the built-in frameworks and checks (set up once)."""
    from osallisuuden_palaset.assessing.assessment import assess_collection
    from osallisuuden_palaset.assessing.checking import Check
    from osallisuuden_palaset.files.loading import load_workspace
    from osallisuuden_palaset.plugins.registry import get_checks, get_frameworks
    from osallisuuden_palaset.testing import make_plugin_manager

    pm = make_plugin_manager()
    frameworks = list(get_frameworks(pm).values())
    checks = [c for c in get_checks(pm).values() if isinstance(c, Check)]

    def task() -> object:
        workspace = load_workspace([folder], frameworks=frameworks)

        def locate(practice: str, path: tuple[str | int, ...]) -> str | None:
            try:
                where = workspace.locate_practice(practice, *path)
            except KeyError:
                return None
            return f"{where.file}:{where.line}"

        return assess_collection(workspace.collection, workspace.context, checks, locate=locate)

    return task


def _task_in_child(folder: Path) -> Callable[[], float]:
    setup = "\n".join(
        [
            f"import sys; sys.path.insert(0, {str(HERE)!r})",
            "from loading import assess_task",
            "from pathlib import Path",
            f"task = assess_task(Path({str(folder)!r}))",
        ]
    )
    return functools.partial(timed_in_child, setup, "task()")


def _json_floor(path: Path) -> Callable[[], float]:
    setup = f"import json\ndata = open({str(path)!r}, 'rb').read()"
    return functools.partial(timed_in_child, setup, "json.loads(data)")


#: Load + validate + assess over ``json.loads`` of the same data, per file syntax.
LOAD_GOALS = {"yaml": 10.0, "json": 6.0}


def load_rows(work: Path, practices: int, repeats: int) -> list[Row]:
    """Load + validate + assess (YAML and JSON files) vs json.loads, and growth from half to full size."""
    half = practices // 2
    full_dir = generate.write(practices, work / f"c{practices}").parent
    half_dir = generate.write(half, work / f"c{half}").parent
    blocks, half_blocks = generate.block_count(practices), generate.block_count(half)
    rows: list[Row] = []
    for syntax in ("yaml", "json"):
        times = {}
        for folder in (half_dir, full_dir):
            times[folder] = alternate(
                _task_in_child(folder / syntax), _json_floor(folder / "collection.json"), repeats
            )
        measured, floor = times[full_dir]
        rows.append(
            Row(
                f"load+validate+assess, {blocks:,} blocks ({syntax} files)",
                measured,
                floor,
                LOAD_GOALS[syntax],
                how=f"load_workspace + assess_collection of {practices} {syntax} files "
                "vs json.loads(collection.json), each timed in a fresh process after its set-up",
            )
        )
        rows.append(
            Row(
                f"growth {half_blocks:,} → {blocks:,} blocks ({syntax} files)",
                measured,
                times[half_dir][0],
                2.1,
                how=f"the same task at {practices} vs {half} practices",
            )
        )
    return rows


_MEMORY_CHILD = (
    PEAK_CODE
    + """
import sys
sys.path.insert(0, {here!r})
from loading import assess_task
from pathlib import Path
assess_task(Path({folder!r}))()
print(peak_kib())
"""
)


def memory_rows(work: Path, practices: int) -> list[Row]:
    """Peak resident memory of a child process doing load + validate + assess, per file syntax."""
    bare_code = PEAK_CODE + "\nprint(peak_kib())\n"
    bare = int(subprocess.run([sys.executable, "-c", bare_code], check=True, capture_output=True).stdout)
    blocks = generate.block_count(practices)
    written = generate.write(practices, work / f"c{practices}").parent
    rows = []
    for syntax in ("yaml", "json"):
        folder = written / syntax
        code = _MEMORY_CHILD.format(here=str(HERE), folder=str(folder))
        kib = int(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True).stdout)
        rows.append(
            Row(
                f"peak memory, {blocks:,} blocks, {syntax} files (MiB)",
                kib * 1024 / MIB,
                150.0,
                1.0,
                unit="MiB",
                how=f"peak resident memory (VmHWM) of a child process doing load+validate+assess "
                f"of {syntax} files (a bare python: {bare * 1024 / MIB:.0f} MiB)",
            )
        )
    return rows
