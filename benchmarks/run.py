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
check in under two minutes, which CI runs: it prints the figures without asserting them.

Each part is a module beside this one: ``startup``, ``loading`` (load and memory), ``drawing``,
``building``; ``measuring`` times and prints, ``generate`` writes the synthetic collections.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# The parts, beside this file.
from building import build_rows  # noqa: E402
from drawing import render_row  # noqa: E402
from loading import load_rows, memory_rows  # noqa: E402
from measuring import Row, table  # noqa: E402
from startup import cli_start  # noqa: E402

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
            rows += memory_rows(work, practices)
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
