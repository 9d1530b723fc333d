"""Running Graphviz: ``dot`` as a bounded subprocess, one job or many in parallel, typed errors."""

from __future__ import annotations

import os
import queue
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final

import attrs

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.errors import reason as said
from osallisuuden_palaset.files.atomicfile import write_atomic
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.messages.os_errors import os_reason
from osallisuuden_palaset.rendering.process import Stopped, run_bounded
from osallisuuden_palaset.rendering.svg import OutputRefused, check_output

#: Output formats: "gv" is the DOT source itself and needs no Graphviz.
FORMATS: Final = ("svg", "png", "pdf", "gv")
#: Seconds one drawing may take, all in (writing the source, ``dot`` drawing, reading what it drew).
DEFAULT_TIMEOUT: Final = 60.0
#: The most dots per inch a PNG may have (a poster is drawn at 300-600).
MAX_DPI: Final = 2400.0
#: Dots per inch of a PNG: 192 is twice a screen's 96, sharp on phones and in print.
DEFAULT_DPI: Final = 192.0
#: The most ``dot`` may write for one drawing (100 MiB): far above any diagram of this library.
MAX_OUTPUT: Final = 100 * 1024 * 1024
#: The most warning lines kept from one run of ``dot``.
MAX_WARNINGS: Final = 20

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
        hints = "\n".join(f"  {platform}: {command}" for platform, command in INSTALL_HINTS)
        super().__init__(
            msg(
                "Graphviz is needed to draw svg, png or pdf, but the program {program} was not found on "
                "PATH.\nInstall Graphviz:\n{hints}\nor write the DOT source instead (format gv, e.g. "
                "-o diagram.gv), which needs no Graphviz.",
                program=repr(program),
                hints=hints,
            )
        )


class RenderTimeout(RenderError):  # noqa: N818 - the name other modules and docs use
    """``dot`` did not finish in time; it was stopped."""

    def __init__(self, timeout: float, name: str | None = None) -> None:
        self.timeout = timeout
        self.name = name
        seconds = f"{timeout:g}"
        super().__init__(
            msg(
                "Graphviz took longer than {seconds} s drawing {name} and was stopped; try a brief "
                "level of detail, fewer practices at once, or a longer --timeout",
                seconds=seconds,
                name=name,
            )
            if name
            else msg(
                "Graphviz took longer than {seconds} s drawing the diagram and was stopped; try a brief "
                "level of detail, fewer practices at once, or a longer --timeout",
                seconds=seconds,
            )
        )


class RenderTooLarge(RenderError):  # noqa: N818 - named like its siblings
    """``dot`` wrote more than the allowed output; it was stopped."""

    def __init__(self, limit: int, name: str | None = None) -> None:
        self.limit = limit
        self.name = name
        super().__init__(
            msg(
                "Graphviz wrote more than {limit} bytes drawing {name} and was stopped; try a brief "
                "level of detail, or fewer practices at once",
                limit=limit,
                name=name,
            )
            if name
            else msg(
                "Graphviz wrote more than {limit} bytes and was stopped; try a brief level of detail, "
                "or fewer practices at once",
                limit=limit,
            )
        )


class RenderRefused(RenderError):  # noqa: N818 - named like its siblings
    """``dot`` exited without an error, but what it wrote is not a proper file of the format."""

    def __init__(self, fmt: str, reason: str, name: str | None = None) -> None:
        self.fmt = fmt
        self.reason = reason
        self.name = name
        super().__init__(
            msg(
                "what Graphviz wrote for {name} is not a proper {fmt} file ({reason}), so it was not "
                "used; check that 'dot' on PATH is Graphviz",
                name=name,
                fmt=fmt,
                reason=reason,
            )
            if name
            else msg(
                "what Graphviz wrote is not a proper {fmt} file ({reason}), so it was not used; check "
                "that 'dot' on PATH is Graphviz",
                fmt=fmt,
                reason=reason,
            )
        )


class RenderFailed(RenderError):  # noqa: N818 - the name other modules and docs use
    """``dot`` exited with an error; ``stderr`` holds its own message."""

    def __init__(self, returncode: int, stderr: str, name: str | None = None) -> None:
        self.returncode = returncode
        self.stderr = stderr
        self.name = name
        detail = stderr.strip() or msg("(no message)")
        super().__init__(
            msg(
                "Graphviz failed drawing {name} (exit status {code}): {detail}",
                name=name,
                code=str(returncode),
                detail=detail,
            )
            if name
            else msg("Graphviz failed (exit status {code}): {detail}", code=str(returncode), detail=detail)
        )


def check_format(fmt: str) -> str:
    """``fmt`` when it is one of :data:`FORMATS`; otherwise a RenderError saying which exist."""
    if fmt not in FORMATS:
        raise RenderError(
            msg(
                "cannot draw format {fmt}: choose one of {formats}", fmt=repr(fmt), formats=", ".join(FORMATS)
            )
        )
    return fmt


def format_of(path: str | os.PathLike[str]) -> str:
    """The output format a file name asks for by its suffix (``.dot`` counts as gv)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = "gv" if suffix == "dot" else suffix
    if fmt not in FORMATS:
        raise RenderError(
            msg(
                "cannot tell the format of {path}: end the name in .svg, .png, .pdf or .gv",
                path=repr(os.fspath(path)),
            )
        )
    return fmt


def find_dot(program: str = "dot") -> str:
    """The full path of the ``dot`` program; GraphvizMissing when it is not on PATH."""
    found = shutil.which(program)
    if found is None:
        raise GraphvizMissing(program)
    return found


@attrs.frozen
class Drawing:
    """What one run of ``dot`` gave: the file's bytes, checked to be of the format, and its warnings."""

    data: bytes
    #: The lines ``dot`` wrote to its standard error while succeeding ("Warning: ... Scaling by 0.5").
    warnings: tuple[str, ...] = ()


def draw(
    dot_source: str,
    fmt: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    program: str = "dot",
    name: str | None = None,
    max_output: int = MAX_OUTPUT,
    cancel: threading.Event | None = None,
    dpi: float = DEFAULT_DPI,
) -> Drawing:
    """The diagram drawn by ``dot -T<fmt>``, with ``dot``'s warnings; for "gv", the DOT source as UTF-8.

    A PNG has ``dpi`` dots per inch (``dot -Gdpi=``); the other formats are not made of dots.

    ``timeout`` bounds the whole run in wall-clock seconds, and ``max_output`` what ``dot`` may
    write. Whatever ends the run early (a bound, ``cancel`` being set, Ctrl-C, any exception),
    ``dot`` and anything it started are killed and waited for. What ``dot`` wrote is used only
    when it is a proper file of the format (for svg: a drawing without scripts or foreign content).

    Raises:
        GraphvizMissing: ``dot`` is not on PATH.
        RenderTimeout: the run took longer than ``timeout`` seconds.
        RenderTooLarge: ``dot`` wrote more than ``max_output`` bytes.
        RenderFailed: ``dot`` exited with an error (or was cancelled); carries its stderr.
        RenderRefused: ``dot`` succeeded, but its output is not a proper file of the format.
    """
    check_format(fmt)
    data = dot_source.encode("utf-8")
    if fmt == "gv":
        return Drawing(data)
    command = [find_dot(program), f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={check_dpi(dpi):g}")
    try:
        run = run_bounded(command, data, timeout=timeout, max_output=max_output, cancel=cancel)
    except OSError as error:
        raise RenderFailed(
            -1, msg("cannot run {program}: {reason}", program=command[0], reason=os_reason(error)), name
        ) from None
    except Stopped as stopped:
        if stopped.reason == "timeout":
            raise RenderTimeout(timeout, name) from None
        if stopped.reason == "output":
            raise RenderTooLarge(max_output, name) from None
        raise RenderFailed(-1, "stopped before it finished", name) from None
    stderr = run.stderr.decode("utf-8", "replace")
    if run.returncode != 0:
        raise RenderFailed(run.returncode, stderr, name)
    try:
        check_output(run.stdout, fmt)
    except OutputRefused as refused:
        raise RenderRefused(fmt, said(refused), name) from None
    return Drawing(run.stdout, _warnings(stderr))


def check_dpi(dpi: float) -> float:
    """``dpi`` when it is a resolution ``dot`` can draw a PNG at (1 to 2400 dots per inch).

    Raises:
        ValueError: it is not (a programming error: the command line checks what users give).
    """
    if not 1 <= dpi <= MAX_DPI:
        raise ValueError(
            msg("a PNG's dots per inch are between 1 and {most}, not {dpi}", most=MAX_DPI, dpi=dpi)
        )
    return dpi


def render(
    dot_source: str,
    fmt: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    program: str = "dot",
    name: str | None = None,
    dpi: float = DEFAULT_DPI,
) -> bytes:
    """The bytes of :func:`draw`'s drawing (use :func:`draw` to have ``dot``'s warnings too).

    Raises:
        GraphvizMissing, RenderTimeout, RenderTooLarge, RenderFailed, RenderRefused: as :func:`draw`.
    """
    return draw(dot_source, fmt, timeout=timeout, program=program, name=name, dpi=dpi).data


def _warnings(stderr: str) -> tuple[str, ...]:
    lines = list(dict.fromkeys(line.strip() for line in stderr.splitlines() if line.strip()))
    if len(lines) > MAX_WARNINGS:
        lines = [*lines[: MAX_WARNINGS - 1], f"(and {len(lines) - MAX_WARNINGS + 1} more lines)"]
    return tuple(line[:500] for line in lines)


@attrs.frozen
class RenderJob:
    """One diagram to draw: its DOT source, the format, and the file to write (atomically)."""

    name: str
    source: str
    fmt: str = attrs.field(validator=lambda _, __, v: check_format(v))
    output: Path | None = attrs.field(default=None, converter=attrs.converters.optional(Path))
    #: Dots per inch, for a PNG.
    dpi: float = attrs.field(default=DEFAULT_DPI, validator=lambda _, __, v: check_dpi(v))


@attrs.frozen
class RenderOutcome:
    """What became of one job: the bytes drawn (none for a job written to its output), or the error."""

    job: RenderJob
    data: bytes | None = None
    error: PalasetError | None = None
    #: ``dot``'s warnings while drawing this job (see :class:`Drawing`).
    warnings: tuple[str, ...] = ()

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
    (``total`` then gives the count for ``progress``). When anything stops the run (Ctrl-C, an
    exception from ``progress`` or ``jobs``), the jobs not started are cancelled and every ``dot``
    still drawing is killed and waited for before the exception goes on.

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

    cancel = threading.Event()
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        try:
            for job in jobs:
                if dot is None and job.fmt != "gv":
                    dot = find_dot(program)  # once, before the first job that needs it
                future = pool.submit(_run_job, job, timeout, dot or program, cancel)
                future.add_done_callback(done.put)
                futures.append(future)
                while not done.empty():  # progress is reported on the caller's thread
                    report(done.get())
            while finished < len(futures):
                report(done.get())
        except BaseException:
            cancel.set()  # running jobs kill their dot; leaving the pool waits for them
            for future in futures:
                future.cancel()
            raise
    return RenderReport(tuple(f.result() for f in futures))


def _run_job(job: RenderJob, timeout: float, program: str, cancel: threading.Event) -> RenderOutcome:
    try:
        drawing = draw(
            job.source, job.fmt, timeout=timeout, program=program, name=job.name, cancel=cancel, dpi=job.dpi
        )
        if job.output is not None:
            write_atomic(job.output, drawing.data)
            # The bytes are in the file: the outcome keeps neither them nor the source, so that
            # thousands of diagrams drawn at once do not all stay in memory.
            return RenderOutcome(attrs.evolve(job, source=""), warnings=drawing.warnings)
    except PalasetError as error:
        return RenderOutcome(job, error=error)
    return RenderOutcome(job, data=drawing.data, warnings=drawing.warnings)
