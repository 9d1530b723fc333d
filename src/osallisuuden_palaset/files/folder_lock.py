"""Hold a folder for one writer at a time: an advisory lock on a file inside it, released on exit."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.messages.catalogue import say
from osallisuuden_palaset.model.text import Lang

#: The lock file a writer holds in its folder (hidden, so the loader never reads it).
LOCK_FILE = ".palaset.lock"


class FolderBusyError(PalasetError):
    """Another writer (a build, in this process or another) holds the folder."""

    def __init__(self, folder: Path, lang: Lang = "en") -> None:
        super().__init__(
            say(
                lang,
                "another palaset command is already writing into {folder}: wait for it to finish, or choose "
                "another folder",
                folder=str(folder),
            )
        )
        self.folder = folder


@contextlib.contextmanager
def locked(folder: str | os.PathLike[str], *, lang: Lang = "en") -> Iterator[Path]:
    """Hold ``folder`` (which must exist) until the block ends; the lock goes with the process, too.

    The lock file stays (removing it would let a third writer lock a file no one else sees).

    Raises:
        FolderBusyError: another writer holds the folder now (this does not wait); its message
            is in ``lang``.
        OSError: the lock file cannot be made (a read-only folder, say).
    """
    path = Path(folder) / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        if not _lock(fd):
            raise FolderBusyError(Path(folder), lang)
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
