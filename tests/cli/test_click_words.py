"""Click's own words (Usage:, Error:, No such command, help headings) in the ``--lang`` language."""

from __future__ import annotations

import pytest

from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.testing import run_cli

#: No language from the environment: the default is then Finnish.
NO_LOCALE: dict[str, str | None] = {"PALASET_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}

#: What click says, per language: the usage heading, the hint line and each error (``run_cli``
#: runs the group under its function's name, ``cli``).
WORDS: dict[Lang, dict[str, str]] = {
    "fi": {
        "usage": "Käyttö: cli validate ",
        "try": "Ohjeen näet komennolla 'cli validate --help'.",
        "no such command": "Virhe: Komentoa 'nosuch' ei ole.",
        "missing argument": "Virhe: Puuttuva argumentti 'POLUT...'.",
        "no such option": "Virhe: Valitsinta '--bogus' ei ole.",
        "options": "Valinnat:",
        "commands": "Komennot:",
    },
    "sv": {
        "usage": "Användning: cli validate ",
        "try": "Hjälp får du med 'cli validate --help'.",
        "no such command": "Fel: Kommandot 'nosuch' finns inte.",
        "missing argument": "Fel: Saknat argument 'SÖKVÄGAR...'.",
        "no such option": "Fel: Flaggan '--bogus' finns inte.",
        "options": "Flaggor:",
        "commands": "Kommandon:",
    },
    "en": {
        "usage": "Usage: cli validate ",
        "try": "Try 'cli validate --help' for help.",
        "no such command": "Error: No such command 'nosuch'.",
        "missing argument": "Error: Missing argument 'PATHS...'.",
        "no such option": "Error: No such option '--bogus'.",
        "options": "Options:",
        "commands": "Commands:",
    },
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_such_command(lang: Lang) -> None:
    result = run_cli(["--lang", lang, "nosuch"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == WORDS[lang]["no such command"]
    assert result.stderr.startswith(WORDS[lang]["usage"].replace("validate ", ""))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_missing_argument(lang: Lang) -> None:
    result = run_cli(["--lang", lang, "validate"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(WORDS[lang]["usage"])
    assert lines[1] == WORDS[lang]["try"]
    assert lines[-1] == WORDS[lang]["missing argument"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_such_option(lang: Lang) -> None:
    result = run_cli(["--lang", lang, "validate", "--bogus"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == WORDS[lang]["no such option"]


def test_click_speaks_finnish_by_default() -> None:
    result = run_cli(["validate", "--bogus"], env=NO_LOCALE)
    assert result.stderr.splitlines()[0].startswith(WORDS["fi"]["usage"])
    assert result.stderr.splitlines()[-1] == WORDS["fi"]["no such option"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_help_headings(lang: Lang) -> None:
    result = run_cli(["--lang", lang, "--help"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(WORDS[lang]["usage"].replace("validate ", ""))
    assert WORDS[lang]["options"] in lines
    assert WORDS[lang]["commands"] in lines
    command = run_cli(["--lang", lang, "validate", "--help"]).stdout.splitlines()
    assert command[0].startswith(WORDS[lang]["usage"])
    assert WORDS[lang]["options"] in command


def test_click_words_are_set_back_after_a_run() -> None:
    """Click looks its words up in the process's gettext domain: a run must not leave it Finnish."""
    import gettext
    import os

    before = (gettext.textdomain(), os.environ.get("LANGUAGE"))
    run_cli(["--lang", "fi", "nosuch"])
    assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == before


@pytest.mark.parametrize(("lang", "word"), [("fi", "versio"), ("sv", "version"), ("en", "version")])
def test_the_version_line(lang: Lang, word: str) -> None:
    """Click builds the --version line once, at import: it is still looked up in the --lang language."""
    result = run_cli(["--lang", lang, "--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"palaset, {word} ")


def test_a_path_is_named_in_the_language_of_each_run() -> None:
    """Click names a Path type when a command's module is imported; each run names it again."""
    for lang, metavar in (("sv", "FIL"), ("fi", "TIEDOSTO"), ("en", "FILE")):
        shown = run_cli(["--lang", lang, "assess", "--help"]).stdout
        assert f"--output {metavar} " in shown, (lang, shown)
    missing = run_cli(["--lang", "fi", "validate", "/ei/ole/olemassa"])
    assert missing.stderr.splitlines()[-1].endswith("Polku '/ei/ole/olemassa' ei ole olemassa.")
