"""Building: ``palaset build`` with every format at three sizes (exit status, CPU, peak memory)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import generate
from measuring import Row, installed_env


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
