"""Running Graphviz: ``dot`` as a subprocess with a timeout, one job or many in parallel, typed errors."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final

import attrs

from osallisuuden_palaset.atomicfile import write_atomic
from osallisuuden_palaset.errors import PalasetError

#: Output formats: "gv" is the DOT source itself and needs no Graphviz.
FORMATS: Final = ("svg", "png", "pdf", "gv")
DEFAULT_TIMEOUT: Final = 60.0

INSTALL_HINTS: Final = (
    ("Debian/Ubuntu", "sudo apt-get install graphviz"),
    ("Fedora", "sudo dnf install graphviz"),
    ("macOS", "brew install graphviz"),
    ("Windows", "winget install graphviz"),
)


class RenderError(PalasetError):
    """A diagram could not be rendered."""


class GraphvizMissing(RenderError):  # noqa: N818 - the name other modules and docs use
    """The Graphviz ``dot`` program is not installed (or not on PATH)."""

    def __init__(self, program: str = "dot") -> None:
        self.program = program
        lines = [
            f"Graphviz is needed to draw svg, png or pdf, but the program {program!r} was not found on PATH.",
            "Install Graphviz:",
            *(f"  {platform}: {command}" for platform, command in INSTALL_HINTS),
            "or write the DOT source instead (format gv, e.g. -o diagram.gv), which needs no Graphviz.",
        ]
        super().__init__("\n".join(lines))


class RenderTimeout(RenderError):  # noqa: N818 - the name other modules and docs use
    """``dot`` did not finish in time; it was stopped."""

    def __init__(self, timeout: float, name: str | None = None) -> None:
        self.timeout = timeout
        self.name = name
        what = f"drawing {name}" if name else "drawing the diagram"
        super().__init__(
            f"Graphviz took longer than {timeout:g} s {what} and was stopped; "
            "try a brief level of detail, fewer practices at once, or a longer --timeout"
        )


class RenderFailed(RenderError):  # noqa: N818 - the name other modules and docs use
    """``dot`` exited with an error; ``stderr`` holds its own message."""

    def __init__(self, returncode: int, stderr: str, name: str | None = None) -> None:
        self.returncode = returncode
        self.stderr = stderr
        self.name = name
        what = f" drawing {name}" if name else ""
        detail = stderr.strip() or "(no message)"
        super().__init__(f"Graphviz failed{what} (exit status {returncode}): {detail}")


def check_format(fmt: str) -> str:
    """``fmt`` when it is one of :data:`FORMATS`; otherwise a RenderError saying which exist."""
    if fmt not in FORMATS:
        raise RenderError(f"cannot draw format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return fmt


def format_of(path: str | os.PathLike[str]) -> str:
    """The output format a file name asks for by its suffix (``.dot`` counts as gv)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = "gv" if suffix == "dot" else suffix
    if fmt not in FORMATS:
        raise RenderError(
            f"cannot tell the format of {os.fspath(path)!r}: end the name in .svg, .png, .pdf or .gv"
        )
    return fmt


def find_dot(program: str = "dot") -> str:
    """The full path of the ``dot`` program; GraphvizMissing when it is not on PATH."""
    found = shutil.which(program)
    if found is None:
        raise GraphvizMissing(program)
    return found


def render(
    dot_source: str,
    fmt: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    program: str = "dot",
    name: str | None = None,
) -> bytes:
    """The diagram drawn by ``dot -T<fmt>``; for "gv", the DOT source as UTF-8 (no Graphviz needed).

    Raises:
        GraphvizMissing: ``dot`` is not on PATH.
        RenderTimeout: ``dot`` ran longer than ``timeout`` seconds (it is killed).
        RenderFailed: ``dot`` exited with an error; carries its stderr.
    """
    check_format(fmt)
    data = dot_source.encode("utf-8")
    if fmt == "gv":
        return data
    command = [find_dot(program), f"-T{fmt}"]
    try:
        # A session of its own, so that a timeout stops dot and anything it started.
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=os.name == "posix",
        )
    except OSError as error:
        raise RenderFailed(-1, f"cannot run {command[0]}: {error.strerror or error}", name) from None
    try:
        out, err = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise RenderTimeout(timeout, name) from None
    if process.returncode != 0:
        raise RenderFailed(process.returncode, err.decode("utf-8", "replace"), name)
    return out


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=5)


@attrs.frozen
class RenderJob:
    """One diagram to draw: its DOT source, the format, and the file to write (atomically)."""

    name: str
    source: str
    fmt: str = attrs.field(validator=lambda _, __, v: check_format(v))
    output: Path | None = attrs.field(default=None, converter=attrs.converters.optional(Path))


@attrs.frozen
class RenderOutcome:
    """What became of one job: the bytes drawn, or the error that stopped it."""

    job: RenderJob
    data: bytes | None = None
    error: PalasetError | None = None

    @property
    def ok(self) -> bool:
        """Whether the job was drawn (and written, when it had an output)."""
        return self.error is None


#: Called after each finished job with (jobs finished, jobs in all, the outcome).
Progress = Callable[[int, int, RenderOutcome], None]


@attrs.frozen
class RenderReport:
    """Every job's outcome, in the order the jobs were given."""

    outcomes: tuple[RenderOutcome, ...]

    @property
    def failures(self) -> tuple[RenderOutcome, ...]:
        """The jobs that failed."""
        return tuple(o for o in self.outcomes if not o.ok)


def render_many(
    jobs: Iterable[RenderJob],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    program: str = "dot",
    total: int | None = None,
) -> RenderReport:
    """Draw every job, ``workers`` at a time (default: one per core); a failing job stops no other.

    The work happens in the ``dot`` processes, so threads are enough to use every core.
    Jobs with an output are written there atomically. ``jobs`` may be a generator: each job
    starts as soon as it is made, so ``dot`` draws while the next DOT source is built
    (``total`` then gives the count for ``progress``).

    Raises:
        GraphvizMissing: when a job needs ``dot`` and it is missing, before any such job is
            drawn (for a sequence of jobs, before anything is drawn).
    """
    if isinstance(jobs, Sequence):
        total = len(jobs) if total is None else total
        if any(job.fmt != "gv" for job in jobs):
            program = find_dot(program)
    dot: str | None = program if isinstance(jobs, Sequence) else None
    futures: list[Future[RenderOutcome]] = []
    done: queue.SimpleQueue[Future[RenderOutcome]] = queue.SimpleQueue()
    finished = 0

    def report(future: Future[RenderOutcome]) -> None:
        nonlocal finished
        finished += 1
        if progress is not None:
            progress(finished, total if total is not None else len(futures), future.result())

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for job in jobs:
            if dot is None and job.fmt != "gv":
                dot = find_dot(program)  # once, before the first job that needs it
            future = pool.submit(_run_job, job, timeout, dot or program)
            future.add_done_callback(done.put)
            futures.append(future)
            while not done.empty():  # progress is reported on the caller's thread
                report(done.get())
        while finished < len(futures):
            report(done.get())
    return RenderReport(tuple(f.result() for f in futures))


def _run_job(job: RenderJob, timeout: float, program: str) -> RenderOutcome:
    try:
        data = render(job.source, job.fmt, timeout=timeout, program=program, name=job.name)
        if job.output is not None:
            write_atomic(job.output, data)
    except PalasetError as error:
        return RenderOutcome(job, error=error)
    return RenderOutcome(job, data=data)
