"""Special files for the tests that write: FIFOs with a reader, and copies of device nodes (never /dev)."""

from __future__ import annotations

import contextlib
import os
import select
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

NULL = (1, 3)
FULL = (1, 7)


def device_copy(folder: Path, name: str, numbers: tuple[int, int]) -> Path:
    """A copy of a character device (/dev/null is 1,3; /dev/full is 1,7) in ``folder``, or skip."""
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(*numbers))
        os.close(os.open(path, os.O_WRONLY))
    except (OSError, AttributeError) as error:  # not root, a nodev mount, or no mknod at all
        with contextlib.suppress(OSError):
            path.unlink()
        pytest.skip(f"cannot make and open a device node here: {error}")
    return path


class FifoReader:
    """Read everything written into a FIFO, on a thread, from a descriptor opened before any writer."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self.chunks: list[bytes] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            stopping = self.stop.is_set()  # set once every writer is done: drain what they left, then end
            got = self._drain()
            if stopping:
                return
            if not got:  # no writer yet, or one that has closed: wait for more
                select.select([self.fd], [], [], 0.05)
                self.stop.wait(0.01)

    def _drain(self) -> bool:
        """Read whatever is in the FIFO now; whether anything was."""
        got = False
        while True:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return got
            if not chunk:  # no writer at the moment
                return got
            self.chunks.append(chunk)
            got = True

    def data(self) -> bytes:
        """What was written, once every writer is done."""
        self.stop.set()
        self.thread.join(timeout=10)
        os.close(self.fd)
        return b"".join(self.chunks)


@contextlib.contextmanager
def fifo(folder: Path, name: str = "putki") -> Iterator[tuple[Path, FifoReader]]:
    """A FIFO in ``folder`` with a reader attached."""
    path = folder / name
    os.mkfifo(path)
    reader = FifoReader(path)
    try:
        yield path, reader
    finally:
        reader.stop.set()
