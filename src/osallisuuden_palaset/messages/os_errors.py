"""Why the operating system refused a file operation, in the reader's words (not libc's English)."""

from __future__ import annotations

import errno
from collections.abc import Callable

from osallisuuden_palaset.messages.catalogue import Message, msg

#: The reasons people meet, each with what to do; any other is the system's own text.
_REASONS: dict[int, Callable[[], Message]] = {
    errno.ENOENT: lambda: msg("the file or folder does not exist; check the path"),
    errno.ENOTDIR: lambda: msg("a part of the path is a file, not a folder; check the path"),
    errno.EISDIR: lambda: msg("it is a folder; give a file name"),
    errno.EACCES: lambda: msg("no permission; choose another place or ask for the rights"),
    errno.EPERM: lambda: msg("no permission; choose another place or ask for the rights"),
    errno.EROFS: lambda: msg("the disk is read-only; choose another place"),
    errno.ENOSPC: lambda: msg("the disk is full; free some space or choose another place"),
    errno.EDQUOT: lambda: msg("your disk quota is full; free some space or choose another place"),
    errno.ENAMETOOLONG: lambda: msg("the name is too long; choose a shorter one"),
    errno.ELOOP: lambda: msg("the path has a loop of symbolic links"),
    errno.EEXIST: lambda: msg("it exists already"),
}


def os_reason(error: OSError) -> Message | str:
    """The reason ``error`` gives, as a catalogue message where we know it, else the system's text."""
    found = _REASONS.get(error.errno) if error.errno is not None else None
    if found is not None:
        return found()
    return str(error.strerror or error)
