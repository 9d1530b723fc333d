"""Write a file atomically: a temporary file beside the target replaces it only when complete."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from osallisuuden_palaset.errors import PalasetError


class WriteError(PalasetError):
    """An output could not be written; the previous file, if any, is left as it was."""


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part.

    Raises:
        WriteError: the folder is missing or read-only, the disk is full, and so on.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8, atomically (see :func:`write_atomic`)."""
    write_atomic(path, text.encode("utf-8"))
