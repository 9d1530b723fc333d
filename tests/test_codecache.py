"""The code attrs and cattrs generate is compiled once and reused by the next run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import osallisuuden_palaset.codecache as c
from osallisuuden_palaset.files.loading import load_workspace
from pathlib import Path
load_workspace([Path({example!r})])
print(len(c._cache), c._new)
"""
EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "paivakeskus-pandemia.yaml")


def _run(cache: Path, **env: str) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(example=EXAMPLE)],
        env={**os.environ, "XDG_CACHE_HOME": str(cache), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    entries, new = done.stdout.split()
    return int(entries), int(new)


def test_the_second_run_compiles_no_generated_code(tmp_path: Path) -> None:
    entries, new = _run(tmp_path)
    assert new == entries > 50  # the first run compiled every generated method
    assert _run(tmp_path) == (entries, 0)  # the next found them all (the hash salt left out)


def test_a_broken_cache_is_compiled_around_and_replaced(tmp_path: Path) -> None:
    entries, _ = _run(tmp_path)
    (cache,) = (tmp_path / "osallisuuden-palaset").iterdir()
    cache.write_bytes(b"palaset-code-1\nnot marshal at all")
    assert _run(tmp_path) == (entries, entries)
    assert _run(tmp_path) == (entries, 0)


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    assert _run(tmp_path, PALASET_NO_CODE_CACHE="1") == (0, 0)
    assert not (tmp_path / "osallisuuden-palaset").exists()
