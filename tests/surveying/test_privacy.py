"""Tests of the group-size limit: the floor, and how a cell's size is shown for each reason it is hidden."""

from __future__ import annotations

import pytest

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.surveying.privacy import (
    DEFAULT_MIN_GROUP,
    FLOOR,
    Hidden,
    check_min_group,
    is_small,
    shown_n,
)


def test_the_minimum_defaults_to_five_and_never_goes_below_three() -> None:
    assert (DEFAULT_MIN_GROUP, FLOOR) == (5, 3)
    assert check_min_group(3) == 3
    for bad in (2, 0, -5):
        with pytest.raises(PalasetError, match="at least 3"):
            check_min_group(bad)
    with pytest.raises(PalasetError):
        is_small(4, 2)


def test_small_cells_show_less_than_the_minimum_and_protected_ones_show_nothing() -> None:
    assert (is_small(4, 5), is_small(5, 5)) == (True, False)
    assert (shown_n(4, 5), shown_n(5, 5), shown_n(9, 10)) == ("<5", "5", "<10")
    assert shown_n(50, 5, Hidden.SMALL) == "<5"
    # A cell hidden to protect another is never labelled "<5": it is not small.
    assert shown_n(16, 5, Hidden.COMPLEMENTARY) == ""
