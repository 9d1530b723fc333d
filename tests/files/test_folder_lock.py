"""Tests of holding a folder for one writer at a time."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from osallisuuden_palaset.files.folder_lock import LOCK_FILE, FolderBusyError, locked


def test_a_held_folder_refuses_a_second_writer_until_released(tmp_path: Path) -> None:
    with locked(tmp_path) as lock:
        assert lock == tmp_path / LOCK_FILE
        busy = f"another palaset command is already writing into {re.escape(str(tmp_path))}"
        with pytest.raises(FolderBusyError, match=busy), locked(tmp_path):
            pass  # pragma: no cover - never reached
    with locked(tmp_path):  # released
        pass


def test_a_folder_held_by_another_process_is_refused(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from osallisuuden_palaset.files.folder_lock import locked\n"
            f"with locked({str(tmp_path)!r}):\n    print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderBusyError), locked(tmp_path):
            pass  # pragma: no cover - never reached
    finally:
        holder.communicate("", timeout=30)
    with locked(tmp_path):  # the lock went with the process
        pass
