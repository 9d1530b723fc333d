"""Escaping and wrapping of user text in dot_labels."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.diagram import dot_labels


def _squeeze(value: str) -> str:
    return "".join(value.split())


@given(st.text(), st.integers(min_value=8, max_value=60))
def test_wrapping_loses_only_whitespace(value: str, width: int) -> None:
    lines = dot_labels.wrap(value, width)
    assert all(len(line) <= width for line in lines)
    assert _squeeze("".join(lines)) == _squeeze(dot_labels.visible(value))


@given(st.text())
def test_escaped_text_has_no_markup_left(value: str) -> None:
    escaped = dot_labels.escape(value)
    assert "<" not in escaped
    assert ">" not in escaped
    assert '"' not in escaped


def test_visible_replaces_only_what_xml_cannot_hold() -> None:
    assert dot_labels.visible("a\x00b\x1bc\x7f") == "a␀b␛c␡"
    assert dot_labels.visible("\ud800\ufffe") == "\ufffd\ufffd"
    assert dot_labels.visible("åäö 😀 <&> \\ \t\n") == "åäö 😀 <&> \\ \t\n"


def test_long_words_are_split_not_cut() -> None:
    word = "x" * 70
    assert dot_labels.wrap(word, 28) == ["x" * 28, "x" * 28, "x" * 14]


def test_text_block_joins_lines_with_breaks_and_escapes_each() -> None:
    block = dot_labels.text_block("<b>&\nrivi", 28, bold=True)
    assert block == "<B>&lt;b&gt;&amp;<BR/>rivi</B>"


def test_backslashes_are_doubled_because_graphviz_expands_them_even_in_html_labels() -> None:
    assert dot_labels.escape("\\N \\G \\") == "\\\\N \\\\G \\\\"


def _xml_can_hold(ch: str) -> bool:
    code = ord(ch)
    return (
        code in (0x09, 0x0A, 0x0D)
        or (0x20 <= code < 0xD800 and code != 0x7F)
        or 0xE000 <= code < 0xFFFE
        or code > 0xFFFF
    )


@given(st.text(st.characters(blacklist_categories=())))  # surrogates and controls too
def test_visible_keeps_every_character_xml_holds_and_replaces_each_other_one(value: str) -> None:
    shown = dot_labels.visible(value)
    assert len(shown) == len(value)
    for before, after in zip(value, shown, strict=True):
        assert after == before if _xml_can_hold(before) else after != before and _xml_can_hold(after)
