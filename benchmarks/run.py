"""Measure the library against its floors and peers, side by side in one run, and print the ratios.

Usage: ``python benchmarks/run.py [--quick] [--repeats N] [--workers N] [--only PART]``.

Every figure is CPU time, not wall time (the machines are shared and wall time swings): in
process ``time.process_time()``, and for commands the children's user + system time
(``resource.getrusage(RUSAGE_CHILDREN)``, which counts ``dot`` run by a command too). Each task
is timed alternately with its floor in the same run, and the median of the repeats is shown.

- start: ``palaset validate`` of a small example vs the dependency floor
  (``python -c "import attrs, cattrs, click, pluggy, ruamel.yaml"``), and vs the peers
  ``yamllint`` and ``check-jsonschema`` (with our generated schema) on the same file;
- load: load + validate + assess of a synthetic collection (YAML files, and the same as JSON
  files) vs ``json.loads`` of the same data, and the growth from half the size to the full size;
- render: drawing practice diagrams (building DOT + ``dot -Tsvg``) vs ``dot`` alone on the same
  DOT files at the same parallelism;
- memory: peak memory (``VmHWM``) of a child process doing load + validate + assess;
- build: ``palaset build`` with every format at three sizes (exit status, CPU, peak memory) and
  the growth from the middle size to the largest.

``--quick`` uses small sizes (2,000 blocks, 50 diagrams, builds of 10/20/50 practices) for a
check in a few minutes (about 4 here): it prints the figures without asserting them.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
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
    """One line of the table: a measurement, its floor, and the goal for their ratio (if any)."""

    name: str
    measured: float
    floor: float
    goal: float | None
    unit: str = "s"
    how: str = ""

    @property
    def ratio(self) -> float:
        """Measured over floor."""
        return self.measured / self.floor if self.floor else float("inf")

    @property
    def met(self) -> bool | None:
        """Whether the ratio is within the goal (None: a figure shown for comparison only)."""
        return None if self.goal is None else self.ratio <= self.goal


def cpu_seconds() -> float:
    """CPU time so far: this process's (all threads) plus that of its finished children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def cpu_of(fn: Callable[[], object]) -> float:
    """The CPU seconds ``fn`` costs, its child processes included."""
    start = cpu_seconds()
    fn()
    return cpu_seconds() - start


def side_by_side(
    task: Callable[[], object], floor: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median CPU seconds of ``task`` and of ``floor``, run alternately ``repeats`` times each."""
    task_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeats):
        task_times.append(cpu_of(task))
        floor_times.append(cpu_of(floor))
    return statistics.median(task_times), statistics.median(floor_times)


def run_quiet(command: Sequence[str], env: dict[str, str] | None = None, *, check: bool = True) -> int:
    """Run a command with its output discarded; fail loudly if it fails (unless ``check`` is off)."""
    done = subprocess.run(command, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return done.returncode


def installed_env(work: Path) -> dict[str, str]:
    """The environment with compiled bytecode kept (in ``work``), as an installed package has it.

    PYTHONDONTWRITEBYTECODE (set on the build machine) would make every run compile every
    module of the package again, which no installed copy does.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


#: What every ``palaset`` command imports before our code runs: the floor for start-up.
DEPENDENCY_FLOOR = "import attrs, cattrs, click, pluggy, ruamel.yaml"


def _module_available(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def cli_start(work: Path, repeats: int) -> list[Row]:
    """``palaset validate`` of a small example vs the dependency floor and vs peer tools.

    Every side runs with bytecode caching on (see :func:`installed_env`), after one warm-up run.
    """
    env = installed_env(work)
    validate = [sys.executable, "-m", "osallisuuden_palaset", "validate", str(SMALL_EXAMPLE)]
    name = f"examples/{SMALL_EXAMPLE.name}"
    sides: list[tuple[str, list[str], float | None, str]] = [
        (
            "start: validate vs dependency floor",
            [sys.executable, "-c", DEPENDENCY_FLOOR],
            1.3,
            f'palaset validate {name} vs python -c "{DEPENDENCY_FLOOR}"',
        )
    ]
    if _module_available("yamllint"):
        sides.append(
            (
                "start: validate vs yamllint",
                [sys.executable, "-m", "yamllint", "-d", "relaxed", str(SMALL_EXAMPLE)],
                1.0,
                f"palaset validate {name} vs yamllint -d relaxed {name} (parses only)",
            )
        )
    else:
        print("skipped yamllint: pip install yamllint (the [bench] extra)", file=sys.stderr)
    if _module_available("check_jsonschema"):
        schema = work / "palaset.schema.json"
        run_quiet([sys.executable, "-m", "osallisuuden_palaset", "schema", "-o", str(schema)], env)
        sides.append(
            (
                "start: validate vs check-jsonschema",
                [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(SMALL_EXAMPLE)],
                None,
                f"palaset validate {name} vs check-jsonschema --schemafile <our schema> {name}",
            )
        )
    else:
        print("skipped check-jsonschema: pip install check-jsonschema (the [bench] extra)", file=sys.stderr)
    run_quiet(validate, env)
    rows = []
    for label, peer, goal, how in sides:
        run_quiet(peer, env, check=False)
        measured, floor = side_by_side(
            lambda: run_quiet(validate, env), functools.partial(run_quiet, peer, env, check=False), repeats
        )
        rows.append(Row(label, measured, floor, goal, how=how + ", CPU of the child processes"))
    return rows


def _assess_task(folder: Path) -> Callable[[], object]:
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


def _json_floor(path: Path) -> Callable[[], object]:
    def floor() -> object:
        return json.loads(path.read_bytes())

    return floor


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
            times[folder] = side_by_side(
                _assess_task(folder / syntax), _json_floor(folder / "collection.json"), repeats
            )
        measured, floor = times[full_dir]
        rows.append(
            Row(
                f"load+validate+assess, {blocks:,} blocks ({syntax} files)",
                measured,
                floor,
                LOAD_GOALS[syntax],
                how=f"load_workspace + assess_collection of {practices} {syntax} files "
                "vs json.loads(collection.json)",
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


def render_row(work: Path, diagrams: int, workers: int, repeats: int) -> Row:
    """Building and drawing ``diagrams`` practice diagrams vs ``dot`` alone on the same DOT files."""
    from osallisuuden_palaset.diagram import diagram_source
    from osallisuuden_palaset.files.loading import load_workspace
    from osallisuuden_palaset.model.references import Context
    from osallisuuden_palaset.plugins.registry import get_frameworks
    from osallisuuden_palaset.rendering.drawing import RenderJob, find_dot, render_many
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
    return Row(f"drawing {len(practices)} practice diagrams", measured, floor, 1.15, how=how)


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
        150.0,
        1.0,
        unit="MiB",
        how=f"peak resident memory (VmHWM) of a child process doing load+validate+assess "
        f"(a bare python: {bare * 1024 / MIB:.0f} MiB)",
    )


def _build_task(folder: Path, out: Path, env: dict[str, str]) -> tuple[int, float, float]:
    """Run ``palaset build`` of ``folder`` into ``out``: (exit status, CPU seconds, peak MiB)."""
    command = [sys.executable, "-m", "osallisuuden_palaset", "build", str(folder), "-o", str(out), "-q"]
    shutil.rmtree(out, ignore_errors=True)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        tail = process.stderr.read().decode("utf-8", "replace").strip().splitlines()[-3:]
        process.stderr.close()
        if process.returncode:
            print(f"build of {folder} exited {process.returncode}: " + " / ".join(tail), file=sys.stderr)
    # ru_maxrss of wait4 is the peak of the build process itself (KiB on Linux).
    return process.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


#: Peak memory allowed to ``palaset build`` of the largest size, and its growth goal per size step.
BUILD_MEMORY_MIB = 600.0


def build_rows(work: Path, sizes: Sequence[int]) -> list[Row]:
    """``palaset build`` with every format at each size: exit 0, linear growth, bounded memory.

    The growth goal between the middle and the largest size is 1.1 × their size ratio
    (1,000 vs 200 practices: ≤ 5.5×). dot's CPU is counted (``wait4`` includes the children a
    process waited for), so drawing the diagrams is part of the figure.
    """
    env = installed_env(work)
    runs: dict[int, tuple[int, float, float]] = {}
    for n in sizes:
        folder = generate.write(n, work / f"b{n}")
        runs[n] = _build_task(folder, work / f"b{n}-out", env)
    rows = []
    for n in sizes:
        status, seconds, peak = runs[n]
        verdict = "exit 0" if status == 0 else f"EXIT {status}"
        rows.append(
            Row(
                f"build, {n} practices ({verdict})",
                seconds,
                seconds,
                None,
                how=f"palaset build <{n} practices> -o OUT -q, every format; peak {peak:.0f} MiB",
            )
        )
    middle, largest = sizes[-2], sizes[-1]
    rows.append(
        Row(
            f"build growth {middle} → {largest} practices",
            runs[largest][1],
            runs[middle][1],
            round(1.1 * largest / middle, 2),
            how=f"CPU of the build at {largest} vs {middle} practices",
        )
    )
    rows.append(
        Row(
            f"build peak memory, {largest} practices (MiB)",
            runs[largest][2],
            BUILD_MEMORY_MIB,
            1.0,
            unit="MiB",
            how="ru_maxrss of the build process (wait4)",
        )
    )
    failed = [n for n in sizes if runs[n][0] != 0]
    rows.append(
        Row(
            "build exits 0 at every size",
            float(len(failed)),
            1.0,
            0.0,
            unit="failures",
            how="sizes that failed: " + (", ".join(map(str, failed)) or "none"),
        )
    )
    return rows


def _met(row: Row) -> str:
    return {None: "–", True: "yes", False: "no"}[row.met]


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table: measured and goal side by side."""
    lines = [
        "| measurement | measured | floor | ratio | goal | met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for r in rows:
        if r.unit == "MiB":
            lines.append(
                f"| {r.name} | {r.measured:.0f} MiB | limit {r.floor:.0f} MiB | {r.ratio:.2f} | ≤ 1 "
                f"| {_met(r)} |"
            )
        elif r.unit == "failures":
            lines.append(f"| {r.name} | {r.measured:.0f} failed | – | – | 0 | {_met(r)} |")
        elif r.goal is None and r.measured == r.floor:
            lines.append(f"| {r.name} | {r.measured:.2f} s CPU | – | – | – | – |")
        else:
            goal = "–" if r.goal is None else f"≤ {r.goal:g}×"
            lines.append(
                f"| {r.name} | {r.measured:.3f} s | {r.floor:.3f} s | {r.ratio:.2f}× | {goal} | {_met(r)} |"
            )
    lines.append("")
    lines += [f"- {r.name}: {r.how}" for r in rows]
    return "\n".join(lines)


PARTS = ("start", "load", "render", "memory", "build")


def main() -> None:
    """Run every benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--repeats", type=int, default=None, help="runs of each side (default 5, quick 3)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel dot processes")
    parser.add_argument("--only", choices=PARTS, action="append")
    args = parser.parse_args()
    repeats = args.repeats or (3 if args.quick else 5)
    practices = 100 if args.quick else 1000
    diagrams = 50 if args.quick else 500
    only = set(args.only or PARTS)
    build_sizes = (10, 20, 50) if args.quick else (50, 200, 1000)
    work = Path(tempfile.mkdtemp(prefix="palaset-bench-"))
    rows: list[Row] = []
    try:
        if "start" in only:
            rows += cli_start(work, max(repeats, 11))
        if "load" in only:
            rows += load_rows(work, practices, max(1, repeats // 2) if not args.quick else repeats)
        if "render" in only:
            if shutil.which("dot"):
                rows.append(render_row(work, diagrams, args.workers, repeats))
            else:
                print("skipped drawing: Graphviz 'dot' is not on PATH", file=sys.stderr)
        if "memory" in only:
            rows.append(memory_row(work, practices))
        if "build" in only:
            rows += build_rows(work, build_sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mode = "quick" if args.quick else "full"
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {mode} run, "
        f"CPU time (user+sys), median of {repeats}"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
