"""The messages of reading answers: every one translated, with its fields, and plural forms for counts."""

from __future__ import annotations

import importlib.util
import string
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.extract import extract_from_dir

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.messages.catalogue import Message, localize, msg, msg_n, say, say_n, translations
from osallisuuden_palaset.model.survey import Response, Wave
from osallisuuden_palaset.model.text import LANGS, Lang
from osallisuuden_palaset.surveying.answer_messages import AnswerError, close_to, suggestion
from osallisuuden_palaset.surveying.responses import ResponseFile
from osallisuuden_palaset.surveying.waves import one_wave

ROOT = Path(__file__).resolve().parents[2]
SURVEYING = ROOT / "src" / "osallisuuden_palaset" / "surveying"
COUNTS = (0, 1, 2, 5, 21)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "scripts" / "messages.py")
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


def _survey_messages() -> list[str | tuple[str, str]]:
    """Every message the surveying package marks (a plural one as its two English forms)."""
    found: dict[str | tuple[str, str], None] = {}
    for _, _, message, _, _ in extract_from_dir(SURVEYING, [("**.py", "python")], keywords=TOOL.KEYWORDS):
        if isinstance(message, str):
            found[message] = None
        else:
            found[message[0], message[1]] = None
    return list(found)


MESSAGES = _survey_messages()
SINGULAR = [m for m in MESSAGES if isinstance(m, str)]
PLURAL = [m for m in MESSAGES if isinstance(m, tuple)]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def values(template: str) -> dict[str, str]:
    return {name: f"<{name}>" for name in fields(template)}


def test_the_survey_messages_are_found() -> None:
    assert len(SINGULAR) > 40
    assert len(PLURAL) > 8


@pytest.mark.parametrize("msgid", SINGULAR)
@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_said_in_every_language_with_its_fields(msgid: str, lang: Lang) -> None:
    if lang != "en":
        assert msgid not in TOOL.missing(lang), "untranslated"
    said = translations(lang).gettext(msgid)
    assert fields(said) == fields(msgid)
    assert say(lang, msgid, **values(msgid)) == said.format(**values(msgid))


@pytest.mark.parametrize("forms", PLURAL, ids=lambda forms: forms[0])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", COUNTS)
def test_every_count_has_plural_forms_in_every_language(forms: tuple[str, str], lang: Lang, n: int) -> None:
    singular, plural = forms
    said = translations(lang).ngettext(singular, plural, n)
    if lang != "en":
        assert singular not in TOOL.missing(lang), "untranslated"
    english = singular if n == 1 else plural
    # Only a singular may leave the count unsaid ("the only item" rather than "the 1 item").
    assert fields(said) == fields(english) or (n == 1 and fields(said) == fields(english) - {"n"})
    given = {name: value for name, value in values(english).items() if name != "n"}
    shown = say_n(lang, singular, plural, n, **given)
    assert shown == said.format(n=n, **given)


@pytest.mark.parametrize(
    ("n", "fi", "en", "sv"),
    [
        (0, "0 solua", "0 cells", "0 celler"),
        (1, "1 solu", "1 cell", "1 cell"),
        (2, "2 solua", "2 cells", "2 celler"),
        (5, "5 solua", "5 cells", "5 celler"),
        (21, "21 solua", "21 cells", "21 celler"),
    ],
)
def test_a_count_agrees_with_its_noun(n: int, fi: str, en: str, sv: str) -> None:
    cells = msg_n("{n} cell", "{n} cells", n)
    assert (cells.render("fi"), cells.render("en"), cells.render("sv")) == (fi, en, sv)


@pytest.mark.parametrize(
    ("start", "follow", "fi", "en", "sv"),
    [
        (12, 11, "(12 alkumittauksen ja 11 seurannan riviä)", "(12 start and 11 follow-up rows)",
         "(12 rader från början och 11 från uppföljningen)"),
        (2, 1, "(2 alkumittauksen ja 1 seurannan rivi)", "(2 start and 1 follow-up row)",
         "(2 rader från början och 1 från uppföljningen)"),
        (1, 5, "(1 alkumittauksen ja 5 seurannan riviä)", "(1 start and 5 follow-up rows)",
         "(1 rad från början och 5 från uppföljningen)"),
    ],
)  # fmt: skip
def test_both_waves_counts_each_waves_rows(start: int, follow: int, fi: str, en: str, sv: str) -> None:
    rows = [Response(respondent=f"s{i}", answers=[("esis1", 3)], wave=Wave.START) for i in range(start)]
    rows += [Response(respondent=f"f{i}", answers=[("esis1", 3)], wave=Wave.FOLLOW_UP) for i in range(follow)]
    read = ResponseFile("m.csv", tuple(rows), (), ())
    expected_in: dict[Lang, str] = {"fi": fi, "en": en, "sv": sv}
    for lang, expected in expected_in.items():
        with pytest.raises(UsageError) as caught:
            one_wave(read, None, lang)
        assert expected in str(caught.value), lang


def test_a_suggestion_is_given_in_the_language_of_its_message() -> None:
    close = close_to("jokseenkin samaa mielta", ["jokseenkin samaa mieltä", "täysin eri mieltä"])
    assert close == ("jokseenkin samaa mieltä",)
    hint = suggestion(close)
    assert isinstance(hint, Message)
    assert hint.render("fi") == "; tarkoititko 'jokseenkin samaa mieltä'?"
    assert localize(suggestion(("a", "b")), "sv") == "; menade du 'a' eller 'b'?"
    assert localize(suggestion(("a", "b", "c")), "fi") == "; tarkoititko 'a' vai 'b' vai 'c'?"
    assert str(suggestion(("a", "b", "c"))) == "; did you mean 'a' or 'b' or 'c'?"
    assert suggestion(()) == ""
    unknown = msg("unknown key {key}{hint}", key="'x'", hint=suggestion(("y",)))
    assert unknown.render("fi") == "tuntematon avain 'x'; tarkoititko 'y'?"


def test_an_answer_error_speaks_english_as_a_value_error_and_every_language_on_request() -> None:
    error = AnswerError(msg("{cell} is not on the scale {min}–{max}", cell="'6'", min="1", max="5"))
    assert isinstance(error, ValueError)
    assert str(error) == "'6' is not on the scale 1–5"
    assert isinstance(error.args[0], Message)
    assert error.text("fi") == "'6' ei ole asteikolla 1–5"
    assert error.text("sv") == "'6' finns inte på skalan 1–5"


@pytest.mark.parametrize(
    ("n", "fi", "en", "sv"),
    [
        (1, "(1 vastaaja)", "(1 respondent)", "(1 svarande)"),
        (21, "(21 vastaajaa)", "(21 respondents)", "(21 svarande)"),
    ],
)
def test_a_report_sentence_counts_its_respondents(n: int, fi: str, en: str, sv: str) -> None:
    singular = "{group}: the mean score was {mean} on the {scale} scale ({n} respondent)."
    plural = "{group}: the mean score was {mean} on the {scale} scale ({n} respondents)."
    said = {lang: say_n(lang, singular, plural, n, group="A", mean="5", scale="0–10") for lang in LANGS}
    assert said["fi"] == f"A: pistemäärä oli keskimäärin 5 asteikolla 0–10 {fi}."
    assert said["en"] == f"A: the mean score was 5 on the 0–10 scale {en}."
    assert said["sv"] == f"A: medelpoängen var 5 på skalan 0–10 {sv}."
