"""The messages of reading answers: in fi, en and sv, each with the same fields in every language."""

from __future__ import annotations

import string

import pytest

from osallisuuden_palaset.surveying.answer_messages import (
    MESSAGES,
    AnswerError,
    close_to,
    message,
    suggestion,
)


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_is_in_three_languages_with_the_same_fields(key: str) -> None:
    fi, en, sv = MESSAGES[key]
    assert all((fi, en, sv))
    assert fields(fi) == fields(en) == fields(sv), key
    assert len({fi, en, sv}) > 1 or not any(c.isalpha() for c in en), key


def test_a_suggestion_is_given_in_the_users_language() -> None:
    close = close_to("jokseenkin samaa mielta", ["jokseenkin samaa mieltä", "täysin eri mieltä"])
    assert close == ("jokseenkin samaa mieltä",)
    assert suggestion(close, "fi") == "; tarkoititko 'jokseenkin samaa mieltä'?"
    assert suggestion(("a", "b"), "sv") == "; menade du 'a' eller 'b'?"
    assert suggestion((), "en") == ""


def test_an_answer_error_speaks_english_as_a_value_error_and_every_language_on_request() -> None:
    error = AnswerError("not_on_scale", cell="'6'", min=1, max=5)
    assert isinstance(error, ValueError)
    assert str(error) == "'6' is not on the scale 1–5"
    assert error.text("fi") == "'6' ei ole asteikolla 1–5"
    assert error.text("sv") == message("not_on_scale", "sv", cell="'6'", min=1, max=5)
