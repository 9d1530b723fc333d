"""Hold a folder for one writer at a time: an advisory lock on a file inside it, released on exit."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from osallisuuden_palaset.errors import PalasetError

#: The lock file a writer holds in its folder (hidden, so the loader never reads it).
LOCK_FILE = ".palaset.lock"


class FolderBusyError(PalasetError):
    """Another process holds the folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"another palaset process is writing into {folder}: wait for it to finish")
        self.folder = folder


@contextlib.contextmanager
def locked(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold ``folder`` (which must exist) until the block ends; the lock goes with the process, too.

    The lock file stays (removing it would let a third writer lock a file no one else sees).

    Raises:
        FolderBusyError: another process holds the folder now (this does not wait).
        OSError: the lock file cannot be made (a read-only folder, say).
    """
    path = Path(folder) / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        if not _lock(fd):
            raise FolderBusyError(Path(folder))
        yield path
    finally:
        os.close(fd)  # closing releases the lock


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:  # held by another process
            return False
        return True

else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # held by another process
            return False
        return True
