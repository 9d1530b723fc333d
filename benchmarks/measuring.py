"""Timing and printing: CPU time of tasks side by side with their floors, and the table of rows."""

from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

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
    """The CPU seconds ``fn`` costs, its child processes included, and nothing left by others.

    The garbage of whatever ran before is collected first, outside the timing: otherwise the
    collector frees the previous task's cycles while ``fn`` runs, and a floor of 0.3 s measured
    0.03 s after one task and 0.86 s after another in the same run.
    """
    gc.collect()
    start = cpu_seconds()
    result = fn()
    elapsed = cpu_seconds() - start
    del result  # freed outside the timing too
    return elapsed


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


def alternate(task: Callable[[], float], floor: Callable[[], float], repeats: int) -> tuple[float, float]:
    """Median seconds of ``task`` and of ``floor``, each reporting its own, run alternately."""
    task_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeats):
        task_times.append(task())
        floor_times.append(floor())
    return statistics.median(task_times), statistics.median(floor_times)


def timed_in_child(setup: str, timed: str) -> float:
    """CPU seconds of ``timed`` run in a fresh interpreter after ``setup`` (which is not counted).

    A fresh process for every run: nothing one measurement leaves (garbage, caches, a grown
    heap) changes the next; in one process the same ``json.loads`` took 0.26 s after one task
    and 0.58 s after another.
    """
    code = f"{setup}\nimport time as _t\n_s = _t.process_time()\n{timed}\nprint(_t.process_time() - _s)\n"
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(done.stdout.split()[-1])


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


#: Code printing a process's peak resident memory, for child processes to run.
PEAK_CODE = """
def peak_kib():
    # VmHWM is this process's own peak; ru_maxrss on Linux also counts the parent's size at fork.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""


def verdict(row: Row) -> str:
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
                f"| {verdict(r)} |"
            )
        elif r.unit == "failures":
            lines.append(f"| {r.name} | {r.measured:.0f} failed | – | – | 0 | {verdict(r)} |")
        elif r.goal is None and r.measured == r.floor:
            lines.append(f"| {r.name} | {r.measured:.2f} s CPU | – | – | – | – |")
        else:
            goal = "–" if r.goal is None else f"≤ {r.goal:g}×"
            figures = f"{r.measured:.3f} s | {r.floor:.3f} s | {r.ratio:.2f}×"
            lines.append(f"| {r.name} | {figures} | {goal} | {verdict(r)} |")
    lines.append("")
    lines += [f"- {r.name}: {r.how}" for r in rows]
    return "\n".join(lines)
