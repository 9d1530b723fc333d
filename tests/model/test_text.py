"""Tests of multilingual text."""

from __future__ import annotations

import pytest

from osallisuuden_palaset import Text


def test_plain_string_is_finnish_and_falls_back() -> None:
    t = Text.of("Elävä portfolio")
    assert t.fi == "Elävä portfolio"
    assert t.is_plain
    assert t.get("en") == "Elävä portfolio"


def test_own_language_wins_and_fallback_order_is_fi_en_sv() -> None:
    t = Text(en="Living portfolio", sv="Levande portfolio")
    assert t.get("sv") == "Levande portfolio"
    assert t.get("fi") == "Living portfolio"
    assert not t.has("fi")
    assert t.items() == (("en", "Living portfolio"), ("sv", "Levande portfolio"))


def test_empty_text_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Text()
    with pytest.raises(ValueError, match="empty"):
        Text(fi="   ")


def test_a_map_of_languages_is_a_text_in_code() -> None:
    assert Text.of({"fi": "Kartoitus", "en": "Mapping"}) == Text(fi="Kartoitus", en="Mapping")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        Text.of({"de": "Kartierung"})


def test_text_refuses_a_lone_surrogate() -> None:
    with pytest.raises(ValueError, match=r"the en text holds \\ud800, half of a UTF-16 surrogate pair"):
        Text(fi="Kartoitus", en="Mapping \ud800")
    with pytest.raises(ValueError, match=r"\\udfff"):
        Text.of("loppu \udfff")


def test_text_refuses_a_surrogate_pair_written_as_its_two_halves() -> None:
    # In code the pair's halves are two code points, not the character: write the character.
    with pytest.raises(ValueError, match=r"\\ud83d"):
        Text(fi="hymy \ud83d\ude00")
    assert Text(fi="hymy \U0001f600").fi == "hymy 😀"
