"""Tests of escaping user text for Markdown, spreadsheet cells and Mermaid labels."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.markup import (
    FORMULA_STARTS,
    escape_markdown,
    escape_markdown_block,
    escape_mermaid,
    guard_formula,
    unescape_markdown,
)


def _unescaped_specials(markdown: str) -> list[str]:
    """Special characters not preceded by an escaping backslash."""
    found = []
    i = 0
    while i < len(markdown):
        ch = markdown[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "*_`[]<>|~$&#!":
            found.append(ch)
        i += 1
    return found


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "**bold** and _em_",
        "[click](javascript:alert(1))",
        "![img](http://x/y.png)",
        "`code` | table | cell",
        "a & b &amp; c",
        "\\ backslash \\",
        "~~strike~~ $math$",
    ],
)
def test_inline_markdown_escapes_every_special_character(hostile: str) -> None:
    escaped = escape_markdown(hostile)
    assert _unescaped_specials(escaped) == []
    assert unescape_markdown(escaped) == hostile


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("# heading", "\\#"),
        ("- item", "\\-"),
        ("+ item", "\\+"),
        ("= setext", "\\="),
        ("> quote", "\\>"),
        ("1. first", "1\\."),
        ("12) twelfth", "12\\)"),
        ("--- rule", "\\-"),
    ],
)
def test_block_starts_are_escaped_on_every_line(line: str, start: str) -> None:
    escaped = escape_markdown_block(f"intro\n{line}\n\n{line}")
    lines = [x for x in escaped.split("\n") if x and x != "intro"]
    assert lines
    assert all(x.startswith(start) for x in lines)


def test_inline_text_cannot_break_out_of_its_line() -> None:
    escaped = escape_markdown("first\n\n# second\n    code")
    assert "\n" not in escaped
    assert unescape_markdown(escaped) == "first # second code"


def test_block_text_keeps_paragraphs_and_drops_indentation() -> None:
    escaped = escape_markdown_block("one\r\n\r\n    two\n  three")
    assert escaped == "one\n\ntwo\nthree"


def test_escaping_is_not_applied_twice() -> None:
    once = escape_markdown("*x*")
    assert escape_markdown(once) == once


@given(st.text())
def test_inline_escape_shows_the_text_literally(value: str) -> None:
    escaped = escape_markdown(value)
    assert "\n" not in escaped
    assert "\r" not in escaped
    assert _unescaped_specials(escaped) == []
    assert unescape_markdown(escaped) == re.sub(r"\s+", " ", value)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_cells_get_a_quote(start: str) -> None:
    assert guard_formula(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize("value", ["", "plain", "1+1", " =1", "'quoted", "kohtalainen"])
def test_ordinary_cells_are_left_alone(value: str) -> None:
    assert guard_formula(value) == value


@given(st.text())
def test_no_guarded_cell_starts_a_formula(value: str) -> None:
    guarded = guard_formula(value)
    assert not guarded.startswith(FORMULA_STARTS)
    assert guarded.removeprefix("'") == value or guarded == value


@given(st.text())
def test_mermaid_labels_have_no_syntax_characters(value: str) -> None:
    escaped = escape_mermaid(value)
    without_entities = re.sub(r"#\d+;", "", escaped)
    assert not set(without_entities) & set('"#&<>`|;%[]{}()\\\n\r')


def test_mermaid_label_decodes_back_to_the_text() -> None:
    value = '<b>"quoted"</b> #1; 50% [x] {y} (z) `c` a|b \\'
    escaped = escape_mermaid(value)
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), escaped)
    assert decoded == value
