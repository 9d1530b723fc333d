"""The limit on group size (groups under it show only "<N" and no figures) and why a cell is hidden."""

from __future__ import annotations

import enum
from typing import Final

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.messages.catalogue import msg

#: Groups with fewer respondents than this are suppressed unless the user asks otherwise.
DEFAULT_MIN_GROUP: Final = 5
#: The smallest minimum anyone may ask for: below this one answer could be recognised too easily.
FLOOR: Final = 3


class Hidden(enum.StrEnum):
    """Why a cell shows no figures."""

    #: Fewer respondents than the limit (primary suppression): shown as "<5".
    SMALL = "small"
    #: Large enough, but hidden so that a small cell cannot be worked out from it (complementary).
    COMPLEMENTARY = "complementary"


def check_min_group(min_group: int) -> int:
    """``min_group`` itself when allowed; UsageError when it is below :data:`FLOOR`."""
    if isinstance(min_group, bool) or not isinstance(min_group, int) or min_group < FLOOR:
        raise UsageError(
            msg(
                "the smallest group shown must be at least {floor} respondents, not {given}: "
                "smaller groups could identify people",
                floor=FLOOR,
                given=repr(min_group),
            )
        )
    return min_group


def is_small(n: int, min_group: int) -> bool:
    """Whether a group of ``n`` is too small to show."""
    return n < check_min_group(min_group)


def shown_n(n: int, min_group: int, hidden: Hidden | None = None) -> str:
    """How a cell's size is shown: the number, ``"<N"`` for a small cell, ``""`` for a complementary one."""
    if hidden is Hidden.COMPLEMENTARY:
        return ""
    return f"<{min_group}" if hidden is Hidden.SMALL or is_small(n, min_group) else str(n)
