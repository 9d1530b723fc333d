"""The model file format's versions: which a file says it is written in, and which are known."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from osallisuuden_palaset.messages.catalogue import Message, msg

#: Every version of the file format this library reads; a file without ``version`` is version 1.
VERSIONS: Final = (1, 2)
#: The version files are written in (``palaset new``, ``write_model``, ``palaset migrate``).
CURRENT: Final = VERSIONS[-1]
#: The version of a file that does not say.
UNSAID: Final = 1


def file_version(data: Any) -> tuple[int, tuple[Message, Message] | None]:
    """The format version a file's top-level map says it is in (``UNSAID`` when it does not say).

    ``version: 2`` and ``version: "2"`` are the same; any other value is a problem located at it
    naming the supported versions, and the file is then read as the current version.
    """
    if not isinstance(data, Mapping) or "version" not in data:
        return UNSAID, None
    value = data["version"]
    said = value if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        said = str(value)
    known = {str(v): v for v in VERSIONS}
    if said is not None and said.strip() in known:
        return known[said.strip()], None
    return CURRENT, (
        msg(
            "unknown file format version {value}; supported versions: {versions}",
            value=repr(value) if isinstance(value, str) else str(value),
            versions=", ".join(str(v) for v in VERSIONS),
        ),
        msg("write 'version: {current}'; 'palaset migrate' upgrades a version 1 file", current=CURRENT),
    )
