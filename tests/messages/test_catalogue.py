"""Tests of the message catalogue: compiled and up to date, complete, plural forms, late rendering."""

from __future__ import annotations

import datetime as dt
import importlib.util
import pickle
import sys
from pathlib import Path
from types import ModuleType

import pytest

from osallisuuden_palaset.messages.catalogue import (
    Joined,
    Message,
    as_text,
    date,
    date_range,
    localize,
    msg,
    msg_n,
    number,
    say,
    say_n,
)
from osallisuuden_palaset.model.text import LANGS, Lang, Text

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "scripts" / "messages.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_catalogues_are_what_the_source_makes() -> None:
    assert _tool().stale() == [], "run python scripts/messages.py update, translate, then compile"


def test_untranslated_messages_are_only_those_on_the_fallback_list() -> None:
    tool = _tool()
    allowed = set(
        (ROOT / "src/osallisuuden_palaset/messages/locale/fallback.txt").read_text("utf-8").splitlines()
    )
    for lang in tool.LANGS:
        missing = {tool.fallback_line(lang, m) for m in tool.missing(lang)}
        assert missing <= allowed, (
            f"translate these (or list them in fallback.txt): {sorted(missing - allowed)}"
        )


def test_a_message_reads_as_english_and_renders_later_in_any_language() -> None:
    message = msg("Usage:")
    assert message == "Usage:"
    assert isinstance(message, str)
    assert localize(message, "en") == "Usage:"
    assert localize(message, "fi") == say("fi", "Usage:")
    assert localize("plain text", "fi") == "plain text"
    assert pickle.loads(pickle.dumps(message)).render("fi") == message.render("fi")


def test_joined_messages_render_each_part_in_the_language_shown() -> None:
    joined = Joined([msg("practice"), "x", msg("project")], ", ")
    assert joined == "practice, x, project"
    assert localize(joined, "fi") == f"{say('fi', 'practice')}, x, {say('fi', 'project')}"
    assert localize(msg("format {name} failed: {error}", name="n", error=joined), "sv").endswith(
        f"{say('sv', 'practice')}, x, {say('sv', 'project')}"
    )
    assert pickle.loads(pickle.dumps(joined)).render("fi") == joined.render("fi")


def test_a_text_made_of_a_message_is_translated_when_read_in_each_language() -> None:
    described = Text.of(msg("Composed practice"))
    for lang in LANGS:
        assert described.get(lang) == say(lang, "Composed practice")
    assert described.items() == tuple((lang, say(lang, "Composed practice")) for lang in LANGS)
    assert str(described) == say("fi", "Composed practice")
    assert Text.of("Koottu") == Text(fi="Koottu")  # a plain string is still the Finnish text


def test_an_error_holding_a_message_stays_translatable_when_described() -> None:
    from osallisuuden_palaset.errors import UsageError
    from osallisuuden_palaset.isolating import describe_error

    described = describe_error(UsageError(msg("no plugin file {path}", path="'x.py'")))
    assert described == "UsageError: no plugin file 'x.py'"
    assert localize(described, "fi") == "UsageError: " + say("fi", "no plugin file {path}", path="'x.py'")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", [0, 1, 2, 5, 21, 1234])
def test_plural_messages_agree_with_their_number(lang: Lang, n: int) -> None:
    one = say_n(
        lang, "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", n, args="x"
    )
    late = msg_n(
        "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", n, args="x"
    )
    assert late.render(lang) == one
    if lang == "en":
        assert ("arguments" in one) is (n != 1)


def test_values_are_written_in_the_language() -> None:
    inner = msg("Usage:")
    assert say("en", "Error: {message}", message=inner) == "Error: Usage:"
    assert say("fi", "Error: {message}", message=Text(fi="suomeksi", en="in English")).endswith("suomeksi")
    assert number(1234.5, "fi") == "1\xa0234,5"
    assert number(1234.5, "en") == "1,234.5"
    assert number(0.25, "sv", decimals=1) == "0,2" or number(0.25, "sv", decimals=1) == "0,3"
    assert as_text("Usage:").get("en") == "Usage:"


def test_dates_are_written_as_each_language_writes_them() -> None:
    start, end = dt.date(2017, 9, 1), dt.date(2020, 5, 31)
    assert date_range(start, end, "fi") == "1.9.2017–31.5.2020"
    assert date_range(start, None, "sv") == "1.9.2017–"
    assert date(start, "en") == "1 Sept 2017"


def test_message_is_a_str_subclass_that_keeps_its_parts() -> None:
    message = msg("No such command {name!r}.", name="x")
    assert isinstance(message, Message)
    assert message == "No such command 'x'."
    assert message.msgid == "No such command {name!r}."


def test_every_plural_message_reads_right_for_0_1_2_5_and_21_in_every_language() -> None:
    """Every plural message of the catalogue, rendered, against a reviewed snapshot."""
    from osallisuuden_palaset.testing import assert_snapshot

    tool = _tool()
    lines: list[str] = []
    for message in sorted(tool.read("fi"), key=lambda m: str(m.id)):
        if not isinstance(message.id, tuple):
            continue
        singular, plural = message.id
        lines.append(f"# {singular}")
        for lang in LANGS:
            for n in (0, 1, 2, 5, 21):
                shown = say_n(lang, singular, plural, n, **_sample_values(singular + plural))
                lines.append(f"{lang} {n:>2}: {shown}")
    assert_snapshot(ROOT / "tests" / "snapshots" / "messages" / "plurals.txt", "\n".join(lines) + "\n")


def _sample_values(template: str) -> dict[str, object]:
    """A value for every field of ``template`` but ``n``: its own name, to show where it goes."""
    import string

    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {name: f"<{name}>" for name in fields - {"n"}}
