"""Run a program on bytes: output bounded, one deadline for all of it, killed with its group on any exit."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from typing import IO, Final

import attrs

#: How much of the program's standard error is kept (the rest is read and dropped).
STDERR_KEPT: Final = 64 * 1024
_CHUNK: Final = 64 * 1024
#: How often the waiting thread looks at a cancel flag while nothing else happens (seconds).
_POLL: Final = 0.1


@attrs.frozen
class Completed:
    """A run that ended by itself within its bounds."""

    returncode: int
    stdout: bytes
    stderr: bytes


class Stopped(Exception):  # noqa: N818 - a signal to the caller, who raises its own error
    """The run was stopped (and the program killed and waited for); ``reason`` says why.

    "timeout": the deadline passed; "output": more than the allowed output; "cancelled": the
    caller's cancel flag was set. ``stderr`` holds what the program had said until then.
    """

    def __init__(self, reason: str, stderr: bytes = b"") -> None:
        super().__init__(reason)
        self.reason = reason
        self.stderr = stderr


def run_bounded(
    command: Sequence[str],
    data: bytes,
    *,
    timeout: float,
    max_output: int,
    cancel: threading.Event | None = None,
) -> Completed:
    """Run ``command`` with ``data`` on its standard input and collect its output.

    ``timeout`` covers the whole run in wall-clock time: starting, writing the input, reading
    the output and waiting for the exit. The program gets a process group of its own; when the
    run is stopped for any reason (a bound, ``cancel``, Ctrl-C or any other exception here), the
    whole group is killed and waited for, so no program is left running.

    Raises:
        OSError: the program cannot be started.
        Stopped: a bound was crossed or ``cancel`` was set.
    """
    deadline = time.monotonic() + timeout
    wake = threading.Event()
    threads: list[threading.Thread] = []
    collectors: list[_Collector] = []
    process = subprocess.Popen(
        list(command),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=os.name == "posix",
    )
    try:  # from here on, whatever happens (Ctrl-C included) ends with the program stopped
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        out = _Collector(process.stdout, max_output, wake, keep_going=False)
        err = _Collector(process.stderr, STDERR_KEPT, wake, keep_going=True)
        collectors += [out, err]
        threads += [
            threading.Thread(target=_feed, args=(process.stdin, data), daemon=True),
            threading.Thread(target=out.run, daemon=True),
            threading.Thread(target=err.run, daemon=True),
        ]
        for thread in threads:
            thread.start()
        while not (out.finished and err.finished):
            if out.overflowed:
                raise Stopped("output", err.data())
            if cancel is not None and cancel.is_set():
                raise Stopped("cancelled", err.data())
            left = deadline - time.monotonic()
            if left <= 0:
                raise Stopped("timeout", err.data())
            wake.wait(min(left, _POLL))
            wake.clear()
        if out.overflowed:
            raise Stopped("output", err.data())
        try:
            returncode = process.wait(max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            raise Stopped("timeout", err.data()) from None
        return Completed(returncode, out.data(), err.data())
    except BaseException:
        _stop(process)
        raise
    finally:
        _release(process, threads, collectors)


def _release(
    process: subprocess.Popen[bytes], threads: list[threading.Thread], collectors: list[_Collector]
) -> None:
    """Let the helper threads end, and close the streams no thread reads any more."""
    for thread in threads:
        if thread.ident is not None:  # (Ctrl-C may have come before every thread was started)
            # Once the program's group is killed its pipes close, and the readers end: on a
            # busy machine that can take more than a moment, so wait a few seconds for them.
            thread.join(timeout=5)
    # Closing a stream another thread still reads would wait for that thread.
    read = {id(c.stream) for c in collectors if not c.finished}
    for stream in (process.stdout, process.stderr):
        if stream is not None and id(stream) not in read:
            with contextlib.suppress(OSError):
                stream.close()


class _Collector:
    """Reads one output stream on a thread of its own, keeping at most ``limit`` bytes."""

    def __init__(self, stream: IO[bytes], limit: int, wake: threading.Event, *, keep_going: bool) -> None:
        self.stream = stream
        self.limit = limit
        self.wake = wake
        self.keep_going = keep_going
        self.chunks: list[bytes] = []
        self.size = 0
        self.finished = False
        self.overflowed = False

    def run(self) -> None:
        read = getattr(self.stream, "read1", self.stream.read)
        try:
            while True:
                chunk = read(_CHUNK)
                if not chunk:
                    break
                room = self.limit - self.size
                if len(chunk) > room:
                    if not self.keep_going:
                        self.overflowed = True
                        break
                    chunk = chunk[: max(room, 0)]
                self.chunks.append(chunk)
                self.size += len(chunk)
        except (OSError, ValueError):  # closed under us once the run is stopped
            pass
        finally:
            self.finished = True
            self.wake.set()

    def data(self) -> bytes:
        return b"".join(self.chunks)


def _feed(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)
    except (OSError, ValueError):  # the program exited, or was stopped, without reading it all
        pass
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the program and everything it started (its process group), and wait for it."""
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
