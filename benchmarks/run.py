"""Measure the library against its floor, side by side in one run, and print a table of ratios.

Usage: ``python benchmarks/run.py [--quick] [--repeats N] [--workers N]``.

Each ratio compares a measured task with its floor, timed alternately in the same run
(``time.perf_counter``; the median of the repeats):

- command-line start: ``palaset validate`` of a small example vs ``python -c pass``;
- load + validate + assess of a synthetic collection (YAML files, and the same as JSON files)
  vs ``json.loads`` of the same data, and the growth from half the size to the full size;
- drawing practice diagrams (building DOT + ``dot -Tsvg``) vs ``dot`` alone on the same DOT
  files at the same parallelism;
- peak memory (``VmHWM``, else ``ru_maxrss``, of a child process) of load + validate + assess.

``--quick`` uses a tenth of the sizes (2,000 blocks, 50 diagrams) for a check in a minute or two.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - the generator beside this file

SMALL_EXAMPLE = ROOT / "examples" / "paivakeskus-pandemia.yaml"
MIB = 1024 * 1024


@attrs.frozen
class Row:
    """One line of the table: a measurement, its floor, and the goal for their ratio."""

    name: str
    measured: float
    floor: float
    goal: float
    unit: str = "s"
    how: str = ""

    @property
    def ratio(self) -> float:
        """Measured over floor."""
        return self.measured / self.floor

    @property
    def met(self) -> bool:
        """Whether the ratio is within the goal."""
        return self.ratio <= self.goal


def side_by_side(
    task: Callable[[], object], floor: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median seconds of ``task`` and of ``floor``, run alternately ``repeats`` times each."""
    task_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeats):
        for fn, times in ((task, task_times), (floor, floor_times)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(task_times), statistics.median(floor_times)


def run_quiet(command: Sequence[str], env: dict[str, str] | None = None) -> None:
    """Run a command, failing loudly if it fails."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def installed_env(work: Path) -> dict[str, str]:
    """The environment with compiled bytecode kept (in ``work``), as an installed package has it.

    PYTHONDONTWRITEBYTECODE (set on the build machine) would make every run compile every
    module of the package again, which no installed copy does.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def cli_start(work: Path, repeats: int) -> Row:
    """``palaset validate`` of a small example vs ``python -c pass`` (the same interpreter).

    Both run with bytecode caching on (see :func:`installed_env`), after one warm-up run each.
    """
    validate = [sys.executable, "-m", "osallisuuden_palaset", "validate", str(SMALL_EXAMPLE)]
    bare = [sys.executable, "-c", "pass"]
    env = installed_env(work)
    run_quiet(validate, env)
    run_quiet(bare, env)
    measured, floor = side_by_side(lambda: run_quiet(validate, env), lambda: run_quiet(bare, env), repeats)
    how = (
        f"python -m osallisuuden_palaset validate examples/{SMALL_EXAMPLE.name} vs python -c pass, "
        "bytecode cached"
    )
    return Row("command-line start", measured, floor, 2.5, how=how)


def _assess_task(folder: Path) -> Callable[[], object]:
    """Load + validate + assess ``folder`` with the built-in frameworks and checks (set up once)."""
    from osallisuuden_palaset.assessing.assessment import assess_collection
    from osallisuuden_palaset.assessing.checking import Check
    from osallisuuden_palaset.loading import load_workspace
    from osallisuuden_palaset.registry import get_checks, get_frameworks
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


def _json_floor(path: Path) -> Callable[[], object]:
    def floor() -> object:
        return json.loads(path.read_bytes())

    return floor


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
            times[folder] = side_by_side(
                _assess_task(folder / syntax), _json_floor(folder / "collection.json"), repeats
            )
        measured, floor = times[full_dir]
        rows.append(
            Row(
                f"load+validate+assess, {blocks:,} blocks ({syntax} files)",
                measured,
                floor,
                10.0,
                how=f"load_workspace + assess_collection of {practices} {syntax} files "
                "vs json.loads(collection.json)",
            )
        )
        rows.append(
            Row(
                f"growth {half_blocks:,} → {blocks:,} blocks ({syntax} files)",
                measured,
                times[half_dir][0],
                2.2,
                how=f"the same task at {practices} vs {half} practices",
            )
        )
    return rows


def render_row(work: Path, diagrams: int, workers: int, repeats: int) -> Row:
    """Building and drawing ``diagrams`` practice diagrams vs ``dot`` alone on the same DOT files."""
    from osallisuuden_palaset.diagram import diagram_source
    from osallisuuden_palaset.loading import load_workspace
    from osallisuuden_palaset.model.references import Context
    from osallisuuden_palaset.registry import get_frameworks
    from osallisuuden_palaset.rendering import RenderJob, find_dot, render_many
    from osallisuuden_palaset.testing import make_plugin_manager

    dot = find_dot()
    folder = generate.write(diagrams, work / f"d{diagrams}").parent / "json"
    frameworks = get_frameworks(make_plugin_manager())
    workspace = load_workspace([folder], frameworks=frameworks.values())
    practices = list(workspace.collection.all_practices())
    context: Context = workspace.context
    out_ours, out_dot, sources = work / "ours", work / "dot", work / "gv"
    for d in (out_ours, out_dot, sources):
        d.mkdir(exist_ok=True)
    for p in practices:
        text = diagram_source(p, frameworks=frameworks, context=context)
        (sources / f"{p.id}.gv").write_text(text, encoding="utf-8")

    def ours() -> object:
        # As `palaset diagram` does: each job is drawn as soon as its DOT source is built.
        jobs = (
            RenderJob(
                p.id,
                diagram_source(p, frameworks=frameworks, context=context),
                "svg",
                out_ours / f"{p.id}.svg",
            )
            for p in practices
        )
        report = render_many(jobs, workers=workers, total=len(practices))
        assert not report.failures, report.failures[0].error
        return report

    def dot_alone() -> object:
        def one(p: Any) -> None:
            run_quiet([dot, "-Tsvg", str(sources / f"{p.id}.gv"), "-o", str(out_dot / f"{p.id}.svg")])

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, practices))

    measured, floor = side_by_side(ours, dot_alone, repeats)
    how = f"diagram_source + render_many(svg, workers={workers}) vs dot -Tsvg FILE, {workers} at a time"
    return Row(f"drawing {len(practices)} practice diagrams", measured, floor, 1.3, how=how)


_PEAK = """
def peak_kib():
    # VmHWM is this process's own peak; ru_maxrss on Linux also counts the parent's size at fork.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

_MEMORY_CHILD = (
    _PEAK
    + """
import sys
sys.path.insert(0, {here!r})
from run import _assess_task
from pathlib import Path
_assess_task(Path({folder!r}))()
print(peak_kib())
"""
)


def memory_row(work: Path, practices: int) -> Row:
    """Peak resident memory of a child process doing load + validate + assess, vs a bare interpreter."""
    folder = generate.write(practices, work / f"c{practices}").parent / "yaml"
    code = _MEMORY_CHILD.format(here=str(HERE), folder=str(folder))
    kib = int(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True).stdout)
    bare_code = _PEAK + "\nprint(peak_kib())\n"
    bare = int(subprocess.run([sys.executable, "-c", bare_code], check=True, capture_output=True).stdout)
    blocks = generate.block_count(practices)
    return Row(
        f"peak memory, {blocks:,} blocks (MiB)",
        kib * 1024 / MIB,
        200.0,
        1.0,
        unit="MiB",
        how=f"peak resident memory (VmHWM) of a child process doing load+validate+assess "
        f"(a bare python: {bare * 1024 / MIB:.0f} MiB)",
    )


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| measurement | measured | floor | ratio | goal | met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for r in rows:
        if r.unit == "MiB":
            lines.append(
                f"| {r.name} | {r.measured:.0f} MiB | limit {r.floor:.0f} MiB | {r.ratio:.2f} | ≤ 1 | "
                f"{'yes' if r.met else 'no'} |"
            )
            continue
        lines.append(
            f"| {r.name} | {r.measured:.3f} s | {r.floor:.3f} s | {r.ratio:.2f}× | ≤ {r.goal:g}× | "
            f"{'yes' if r.met else 'no'} |"
        )
    lines.append("")
    lines += [f"- {r.name}: {r.how}" for r in rows]
    return "\n".join(lines)


def main() -> None:
    """Run every benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--repeats", type=int, default=None, help="runs of each side (default 5, quick 3)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel dot processes")
    parser.add_argument("--only", choices=("start", "load", "render", "memory"), action="append")
    args = parser.parse_args()
    repeats = args.repeats or (3 if args.quick else 5)
    practices = 100 if args.quick else 1000
    diagrams = 50 if args.quick else 500
    only = set(args.only or ("start", "load", "render", "memory"))
    work = Path(tempfile.mkdtemp(prefix="palaset-bench-"))
    rows: list[Row] = []
    try:
        if "start" in only:
            rows.append(cli_start(work, max(repeats, 11)))
        if "load" in only:
            rows += load_rows(work, practices, max(1, repeats // 2) if not args.quick else repeats)
        if "render" in only:
            if shutil.which("dot"):
                rows.append(render_row(work, diagrams, args.workers, repeats))
            else:
                print("skipped drawing: Graphviz 'dot' is not on PATH", file=sys.stderr)
        if "memory" in only:
            rows.append(memory_row(work, practices))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mode = "quick" if args.quick else "full"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {mode} run, median of {repeats}")
    print(table(rows))


if __name__ == "__main__":
    main()
