"""Identifiers: the whole of a string must match, so nothing slips in before the end."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset import Practice
from osallisuuden_palaset.files.loading import slug
from osallisuuden_palaset.model.ids import is_id, split_ref
from tests import strategies

#: Every control character: C0, DEL and C1.
CONTROL = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]


def test_an_id_ending_in_a_newline_is_refused() -> None:
    assert is_id("malli")
    assert not is_id("malli\n")  # '$' matches before a final newline; ids are matched whole
    with pytest.raises(ValueError, match=r"'malli\\n' is not a valid id"):
        Practice(id="malli\n", name="Malli")
    with pytest.raises(ValueError, match="must be"):
        split_ref("lumoava/kortit\n")


@given(ident=strategies.ids(), control=st.sampled_from(CONTROL), at=st.integers(0, 8))
def test_ids_with_any_control_character_are_refused(ident: str, control: str, at: int) -> None:
    assert is_id(ident)
    assert not is_id(ident[:at] + control + ident[at:])


def test_an_id_of_any_length_is_an_id_and_a_slug_is_not_cut() -> None:
    # Ids once had at most 100 characters; output file names are made short enough where they are made.
    assert is_id("a" * 3600)
    assert Practice(id="0x" + "f" * 3600, name="Malli").id == "0x" + "f" * 3600
    with pytest.raises(
        ValueError, match=r"'0Xfffffffffffffffffffffffffffffffffff\.\.\.' is not a valid id: use lower-case"
    ):
        Practice(id="0X" + "f" * 3600, name="Malli")
    assert slug("Hyvin pitkä " * 40) == ("hyvin-pitkä-" * 40).rstrip("-")
    assert is_id(slug("x" * 300))
