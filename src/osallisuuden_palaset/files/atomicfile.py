"""Write a file atomically: a temporary file beside the target replaces it only when complete.

Only a regular file is replaced so. A symlink stays a link: the file it points to is replaced,
in that file's folder. A terminal, pipe, FIFO or device (or a ``/dev/fd`` link) is written
into, never swapped for a file. A replaced file keeps its mode and, where allowed, its owner;
a new one gets the umask's default mode.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import stat
from pathlib import Path

import attrs

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.messages.os_errors import os_reason

#: The temporary files :func:`write_atomic` makes: ``.<name>.<8 letters>.tmp`` beside the target.
TEMPORARY = re.compile(r"\..+\.[0-9a-z_]{8}\.tmp")

#: How many symlinks are followed before giving up, as the kernel does (ELOOP).
_MAX_LINKS = 40


class WriteError(PalasetError):
    """An output could not be written; the previous file, if any, is left as it was."""


class FileChangedError(WriteError):
    """The file to replace changed on disk since it was read: nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} changed while palaset was working on it (edited elsewhere?): nothing was "
            "written; check the file and run the command again"
        )
        self.path = path


@attrs.frozen
class Snapshot:
    """What a file was when read (identity, size, time and content), to tell whether it changed since."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> tuple[bytes, Snapshot]:
        """The bytes of ``path`` (through symlinks) and its snapshot, from one opening of the file."""
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
        return data, cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, _digest(data))

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> Snapshot | None:
        """The snapshot of ``path`` now, or None when it cannot be read (gone, say)."""
        try:
            return cls.read(path)[1]
        except OSError:
            return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, unchanged_since: Snapshot | None = None
) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part.

    With ``unchanged_since``, the file is replaced only if it is still as it was then
    (checked after the new content is written out, just before the replacement).

    Raises:
        FileChangedError: the file is not as ``unchanged_since`` says (nothing is written).
        WriteError: the folder is missing or read-only, the disk is full, and so on.
    """
    given = Path(path)
    target, into = _destination(given)
    if into:
        _write_into(given, data)
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as error:
        raise _error(given, error) from None
    try:
        fd, tmp = _create_temporary(folder, target.name, new=old is None)
    except OSError as error:
        raise _error(given, error) from None
    try:
        if old is not None:
            _keep_owner_and_mode(fd, tmp, old)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if unchanged_since is not None and Snapshot.of(target) != unchanged_since:
            raise FileChangedError(given)
        os.replace(tmp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise _error(given, error) from None
        raise


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, unchanged_since: Snapshot | None = None
) -> None:
    """Write ``text`` as UTF-8, atomically (see :func:`write_atomic`)."""
    write_atomic(path, text.encode("utf-8"), unchanged_since=unchanged_since)


def remove_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files an interrupted :func:`write_atomic` left in ``folder`` and below.

    Call it only while no other writer uses the folder (``palaset build`` holds a lock on it).
    Returns the files removed.
    """
    removed: list[Path] = []
    for top, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(top, name)
            if TEMPORARY.fullmatch(name) and path.is_file() and not path.is_symlink():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return sorted(removed)


def _destination(path: Path) -> tuple[Path, bool]:
    """The regular file that ``path`` stands for (links followed), or ``path`` and True to write into it.

    Raises:
        WriteError: ``path`` is a folder, or a loop of symlinks.
    """
    current = path
    for _ in range(_MAX_LINKS):
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return current, False  # a new file (where a dangling link points, too)
        except OSError as error:
            raise _error(path, error) from None
        if stat.S_ISLNK(info.st_mode):
            if _is_descriptor_link(current):
                return path, True
            current = current.parent / os.readlink(current)
            continue
        if stat.S_ISDIR(info.st_mode):
            raise WriteError(msg("cannot write {path}: it is a folder; give a file name", path=str(path)))
        return (current, False) if stat.S_ISREG(info.st_mode) else (path, True)
    raise _error(path, OSError(errno.ELOOP, os.strerror(errno.ELOOP)))


def _is_descriptor_link(link: Path) -> bool:
    """Whether ``link`` is one of /proc's links to open files (``/dev/stdout``, ``/dev/fd/3``).

    Their text is no path to follow (``pipe:[123]``), and a file reached through one is the
    caller's output stream: it is written into, as a shell's ``>`` would.
    """
    return os.path.realpath(link.parent).startswith("/proc/")


def _write_into(path: Path, data: bytes) -> None:
    """Write ``data`` into a terminal, pipe, FIFO or device (it is not replaced, and stays what it is)."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as error:
        raise _error(path, error) from None


def _create_temporary(folder: Path, name: str, *, new: bool) -> tuple[int, str]:
    """Create ``.<name>.<random>.tmp`` in ``folder``: with the umask's mode for a new file, else 0600.

    A file being replaced gets its old mode once open, so its content is never more readable
    than before while it is written.
    """
    stem = name.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{stem}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666 if new else 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name")


def _keep_owner_and_mode(fd: int, tmp: str, old: os.stat_result) -> None:
    """Give the temporary file the owner (where allowed) and then the mode of the file it replaces."""
    if hasattr(os, "fchown"):  # chown first: it may clear the setuid bits that chmod then sets
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))
    else:  # pragma: no cover - Windows before Python 3.13
        os.chmod(tmp, stat.S_IMODE(old.st_mode))


def _error(path: Path, error: OSError) -> WriteError:
    return WriteError(msg("cannot write {path}: {reason}", path=str(path), reason=os_reason(error)))
