"""Small-group suppression: groups under the minimum size show only "<N" and no figures, anywhere."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Final, TypeVar

from osallisuuden_palaset.errors import UsageError

#: Groups with fewer respondents than this are suppressed unless the user asks otherwise.
DEFAULT_MIN_GROUP: Final = 5
#: The smallest minimum anyone may ask for: below this one answer could be recognised too easily.
FLOOR: Final = 3

K = TypeVar("K", bound=Hashable)


def check_min_group(min_group: int) -> int:
    """``min_group`` itself when allowed; UsageError when it is below :data:`FLOOR`."""
    if isinstance(min_group, bool) or not isinstance(min_group, int) or min_group < FLOOR:
        raise UsageError(
            f"the smallest group shown must be at least {FLOOR} respondents, not {min_group!r}: "
            "smaller groups could identify people"
        )
    return min_group


def is_small(n: int, min_group: int) -> bool:
    """Whether a group of ``n`` is too small to show."""
    return n < check_min_group(min_group)


def shown_n(n: int, min_group: int, *, suppressed: bool | None = None) -> str:
    """How a group's size is shown: the number, or ``"<N"`` for a suppressed group."""
    hide = is_small(n, min_group) if suppressed is None else suppressed
    return f"<{min_group}" if hide else str(n)


def suppressed_keys(sizes: Mapping[K, int], min_group: int, *, total_shown: bool = True) -> frozenset[K]:
    """The groups of one breakdown to suppress.

    Every group under ``min_group`` is suppressed. When a total is shown beside the
    breakdown, the suppressed groups taken together could be worked out from the total and
    the other groups; so while they hold fewer than ``min_group`` people together, the
    smallest other group is suppressed too (secondary suppression).
    """
    check_min_group(min_group)
    small = {key for key, n in sizes.items() if n < min_group}
    if total_shown and small:
        others = sorted((n, str(key), key) for key, n in sizes.items() if key not in small)
        while others and sum(sizes[k] for k in small) < min_group:
            small.add(others.pop(0)[2])
    return frozenset(small)
