"""Tests of small-group suppression: the floor, "<N", and secondary suppression beside a total."""

from __future__ import annotations

import pytest

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.surveying.privacy import (
    DEFAULT_MIN_GROUP,
    FLOOR,
    check_min_group,
    is_small,
    shown_n,
    suppressed_keys,
)


def test_the_minimum_defaults_to_five_and_never_goes_below_three() -> None:
    assert (DEFAULT_MIN_GROUP, FLOOR) == (5, 3)
    assert check_min_group(3) == 3
    for bad in (2, 0, -5):
        with pytest.raises(PalasetError, match="at least 3"):
            check_min_group(bad)


def test_small_groups_show_only_less_than_the_minimum() -> None:
    assert (is_small(4, 5), is_small(5, 5)) == (True, False)
    assert (shown_n(4, 5), shown_n(5, 5), shown_n(9, 10)) == ("<5", "5", "<10")
    assert shown_n(50, 5, suppressed=True) == "<5"


def test_one_small_group_beside_a_total_takes_the_next_smallest_with_it() -> None:
    assert suppressed_keys({"a": 10, "b": 6, "c": 2}, 5) == {"b", "c"}
    assert suppressed_keys({"a": 10, "b": 6, "c": 2}, 5, total_shown=False) == {"c"}
    assert suppressed_keys({"a": 10, "b": 3, "c": 2}, 5) == {"b", "c"}
    assert suppressed_keys({"a": 10, "b": 6}, 5) == frozenset()
    assert suppressed_keys({"a": 4}, 5) == {"a"}


def test_small_groups_together_under_the_limit_take_the_next_smallest_with_them() -> None:
    # 1 + 2 people could be worked out from the total together: a third group goes too.
    assert suppressed_keys({"a": 10, "b": 7, "c": 2, "d": 1}, 5) == {"b", "c", "d"}
    # 3 + 2 = 5 together is a group the limit allows.
    assert suppressed_keys({"a": 10, "b": 7, "c": 3, "d": 2}, 5) == {"c", "d"}


def test_the_limit_cannot_go_below_three() -> None:
    with pytest.raises(PalasetError):
        suppressed_keys({"a": 4}, 2)
