"""The code attrs and cattrs generate is compiled once and reused by the next run."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import osallisuuden_palaset.codecache as c
from osallisuuden_palaset.files.loading import load_workspace
from pathlib import Path
load_workspace([Path({example!r})])
print(c.counts["found"], c.counts["compiled"])
"""
EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "paivakeskus-pandemia.yaml")


def _run(cache: Path, **env: str) -> tuple[int, int]:
    """(entries found in the cache, entries compiled) by a fresh process loading the example."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(example=EXAMPLE)],
        env={**os.environ, "XDG_CACHE_HOME": str(cache), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    found, compiled = done.stdout.split()
    return int(found), int(compiled)


def test_the_second_run_compiles_no_generated_code(tmp_path: Path) -> None:
    found, compiled = _run(tmp_path)
    assert found == 0
    assert compiled > 50  # the first run compiled every generated method
    assert _run(tmp_path) == (compiled, 0)  # the next found them all (the hash salt left out)


def test_a_broken_entry_is_compiled_around_and_replaced(tmp_path: Path) -> None:
    _, compiled = _run(tmp_path)
    (folder,) = (tmp_path / "osallisuuden-palaset").iterdir()
    entries = sorted(folder.iterdir())
    entries[0].write_bytes(b"not marshal at all")
    entries[1].write_bytes(marshal.dumps(("some other source", compile("1", "x", "eval"))))
    assert _run(tmp_path) == (compiled - 2, 2)
    assert _run(tmp_path) == (compiled, 0)


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    assert _run(tmp_path, PALASET_NO_CODE_CACHE="1") == (0, 0)
    assert not (tmp_path / "osallisuuden-palaset").exists()
