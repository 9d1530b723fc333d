"""The model file format's versions: which a file says it is written in, and which are known."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Final

from osallisuuden_palaset.messages.catalogue import Message, msg
from osallisuuden_palaset.model.block import Modality
from osallisuuden_palaset.model.coerce import describe

#: Every version of the file format this library reads; a file without ``version`` is version 1.
VERSIONS: Final = (1, 2)
#: The version files are written in (``palaset new``, ``write_model``, ``palaset migrate``).
CURRENT: Final = VERSIONS[-1]
#: The version of a file that does not say.
UNSAID: Final = 1
#: Values version 2 added to the enumerations (fields it added say so in their metadata).
V2_VALUES: Final[frozenset[tuple[type[enum.Enum], str]]] = frozenset({(Modality, Modality.OUTREACH.value)})


def file_version(data: Any) -> tuple[int, tuple[Message, Message] | None]:
    """The format version a file's top-level map says it is in (``UNSAID`` when it does not say).

    ``version: 2`` and ``version: "2"`` are the same; any other value is a problem located at it
    naming the supported versions, and the file is then read as the current version.
    """
    if not isinstance(data, Mapping) or "version" not in data:
        return UNSAID, None
    value = data["version"]
    if type(value) is int and value in VERSIONS:
        return value, None
    if isinstance(value, str) and value.strip() in {str(v) for v in VERSIONS}:
        return int(value.strip()), None
    return CURRENT, (
        msg(
            "unknown file format version {value}; supported versions: {versions}",
            value=_shown(value),
            versions=", ".join(str(v) for v in VERSIONS),
        ),
        msg("write 'version: {current}'; 'palaset migrate' upgrades a version 1 file", current=CURRENT),
    )


def _shown(value: Any) -> str:
    """A wrong version as written: a text quoted, a short whole number as it is, else described."""
    if isinstance(value, str):
        return repr(value)
    if type(value) is int and value.bit_length() < 64:
        return str(value)
    return describe(value)
