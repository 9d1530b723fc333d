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
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            chunk = b""
            if ready:
                with contextlib.suppress(BlockingIOError):
                    chunk = os.read(self.fd, 1 << 16)
            if chunk:
                self.chunks.append(chunk)
            elif self.stop.is_set():
                return
            else:  # no writer yet, or one that has closed: wait for more
                self.stop.wait(0.01)

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
