"""``--help`` of every command in Finnish, English and Swedish, as chosen with --lang or PALASET_LANG."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import click
import pytest

from osallisuuden_palaset.cli.helptext import (
    METAVARS,
    LocalizedArgument,
    LocalizedCommand,
    LocalizedGroup,
    LocalizedOption,
)
from osallisuuden_palaset.cli.main import COMMANDS, cli
from osallisuuden_palaset.messages.catalogue import Message, msg, say_in
from osallisuuden_palaset.model.text import LANGS, Lang, Text
from osallisuuden_palaset.testing import run_cli

#: No language from the environment: the default is then Finnish.
NO_LOCALE: dict[str, str | None] = {"PALASET_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


Walked = Iterator[tuple[tuple[str, ...], click.Command]]


def _commands() -> Walked:
    """Every command under ``palaset`` with its words, subcommands of groups included."""

    def walk(words: tuple[str, ...], command: click.Command) -> Walked:
        yield words, command
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                yield from walk((*words, name), sub)

    yield from walk((), cli)


ALL_COMMANDS = dict(_commands())


def _squeezed(text: str) -> str:
    """``text`` without any whitespace: help is wrapped (also after hyphens) to the terminal width."""
    return "".join(text.split())


def _shown(help: Message | Text, lang: Lang) -> str:
    """A help as it is shown in ``lang``."""
    return help.render(lang) if isinstance(help, Message) else help.get(lang)


def _help_of(words: tuple[str, ...]) -> Message | Text:
    command = ALL_COMMANDS[words]
    assert isinstance(command, (LocalizedCommand, LocalizedGroup))
    return command.help_text


def test_every_listed_command_is_walked() -> None:
    assert {words[0] for words in ALL_COMMANDS if words} == set(COMMANDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("words", sorted(ALL_COMMANDS), ids=lambda w: " ".join(w) or "palaset")
def test_help_is_in_the_chosen_language(words: tuple[str, ...], lang: Lang) -> None:
    result = run_cli(["--lang", lang, *words, "--help"], env=NO_LOCALE)
    assert result.exit_code == 0, result.output
    shown = _squeezed(result.stdout)
    own = _help_of(words)
    assert _squeezed(_shown(own, lang)) in shown
    for other in LANGS:
        if other != lang:
            assert _squeezed(_shown(own, other)) not in shown
    for param in ALL_COMMANDS[words].params:
        assert isinstance(param, (LocalizedOption, LocalizedArgument))
        assert _squeezed(_shown(param.help_text, lang)) in shown, param.name


@pytest.mark.parametrize("lang", LANGS)
def test_the_command_list_gives_short_help_in_the_chosen_language(lang: Lang) -> None:
    result = run_cli(["--lang", lang, "--help"], env=NO_LOCALE)
    assert result.exit_code == 0, result.output
    for name in COMMANDS:
        first_words = _shown(_help_of((name,)), lang).split()[:2]
        assert _squeezed(" ".join(first_words)) in _squeezed(result.stdout), name


def test_every_help_exists_in_finnish_english_and_swedish() -> None:
    """Each help reads differently in fi, en and sv (an untranslated msgid would read as English)."""
    for words, command in ALL_COMMANDS.items():
        assert isinstance(command, (LocalizedCommand, LocalizedGroup)), words
        ctx = click.Context(command)
        help_option = command.get_help_option(ctx)
        params = [*command.params, help_option]
        if not words:
            assert any(isinstance(p, click.Option) and "--version" in p.opts for p in params)
        for param in params:
            assert isinstance(param, (LocalizedOption, LocalizedArgument)), (words, param)
            assert len({_shown(param.help_text, lang) for lang in LANGS}) == 3, (words, param.name)
        assert len({_shown(command.help_text, lang) for lang in LANGS}) == 3, words


def test_helps_are_catalogue_messages() -> None:
    """Every help is a message of the one catalogue."""
    for words, command in ALL_COMMANDS.items():
        assert isinstance(command, (LocalizedCommand, LocalizedGroup)), words
        params = [*command.params, command.get_help_option(click.Context(command))]
        assert all(isinstance(p, (LocalizedOption, LocalizedArgument)) for p in params), words
        helps = [
            command.help_text,
            *(p.help_text for p in params if isinstance(p, LocalizedOption | LocalizedArgument)),
        ]
        assert all(isinstance(help, Message) for help in helps), words


def test_building_the_command_line_translates_nothing() -> None:
    """Helps are rendered when help is shown, so importing every command loads no fi or sv catalogue."""
    modules = sorted({target.split(":")[0] for target in COMMANDS.values()})
    code = (
        "import importlib\n"
        "from osallisuuden_palaset.messages.catalogue import translations\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('osallisuuden_palaset.cli.' + name)\n"
        "print(translations.cache_info().currsize)\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(loaded) <= 1  # English alone: the msgids themselves, no catalogue file read


@pytest.mark.parametrize("lang", LANGS)
def test_palaset_lang_from_the_environment_chooses_the_language_without_lang(lang: Lang) -> None:
    env = {**NO_LOCALE, "PALASET_LANG": lang}
    for words in [(), ("assess",), ("survey", "score")]:
        result = run_cli([*words, "--help"], env=env)
        assert result.exit_code == 0, result.output
        assert _squeezed(_shown(_help_of(words), lang)) in _squeezed(result.stdout), words


def test_without_lang_or_locale_help_is_finnish() -> None:
    result = run_cli(["validate", "--help"], env=NO_LOCALE)
    assert _squeezed(_shown(_help_of(("validate",)), "fi")) in _squeezed(result.stdout)
    assert "Näytä tämä ohje ja lopeta." in result.stdout


def test_lang_given_before_help_wins_over_the_environment() -> None:
    result = run_cli(["--lang", "sv", "--help"], env={**NO_LOCALE, "PALASET_LANG": "en"})
    assert _squeezed(_shown(_help_of(()), "sv")) in _squeezed(result.stdout)
    assert "annars fi" in result.stdout  # the default of --lang, said in Swedish


@pytest.mark.parametrize(
    "help",
    ["Only English.", Text(en="Only English."), Text(fi="Vain suomeksi.", en="In English.")],
    ids=["plain string", "one language", "two languages"],
)
def test_a_help_missing_a_language_is_refused_when_the_command_line_is_built(help: object) -> None:
    with pytest.raises(TypeError, match=r"catalogue message.*fi, en and sv"):
        LocalizedOption(["--x"], help=help)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"catalogue message.*fi, en and sv"):
        LocalizedCommand("x", help=help)  # type: ignore[arg-type]


def test_a_catalogue_message_is_rendered_in_the_language_of_help() -> None:
    option = LocalizedOption(["--x"], help=msg("Show this message and exit."))
    with click.Context(click.Command("x"), obj={"lang": "sv"}):
        assert option.help == "Visa den här hjälpen och avsluta."
    with click.Context(click.Command("x"), obj={"lang": "fi"}):
        assert option.help == "Näytä tämä ohje ja lopeta."


def test_a_help_with_braces_and_no_values_is_shown_as_written() -> None:
    """msg() without values formats nothing, so literal braces in a help are safe."""
    command = LocalizedCommand("x", help=msg("Write {id}.yaml beside PATH."))
    with click.Context(command, obj={"lang": "fi"}):
        assert command.help == "Write {id}.yaml beside PATH."  # no translation: the msgid as it is


@pytest.mark.parametrize(
    ("lang", "usage", "options"),
    [
        ("fi", "Käyttö: cli build [VALINNAT] POLUT...", ["-o, --output KANSIO", "--survey TIEDOSTO.csv",
         "--columns TIEDOSTO.yaml", "--survey-practice TUNNUS", "[pakollinen]"]),
        ("sv", "Användning: cli build [FLAGGOR] SÖKVÄGAR...", ["-o, --output MAPP", "--survey FIL.csv",
         "--columns FIL.yaml", "--survey-practice ID", "[obligatorisk]"]),
        ("en", "Usage: cli build [OPTIONS] PATHS...", ["-o, --output DIR", "--survey FILE.csv",
         "--columns FILE.yaml", "--survey-practice ID", "[required]"]),
    ],
)  # fmt: skip
def test_metavars_and_required_are_in_the_language_of_help(
    lang: Lang, usage: str, options: list[str]
) -> None:
    """The usage line, the arguments and the options name their values as ``lang`` does (TIEDOSTO, KANSIO)."""
    result = run_cli(["--lang", lang, "build", "--help"], env=NO_LOCALE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == usage  # run_cli calls the program "cli"
    heading = next(line for line in lines if line.endswith(":") and not line.startswith(" "))
    arguments = lines.index(heading, 1)
    assert lines[arguments + 1].split()[0] == usage.split()[-1]  # named as on the usage line
    for option in options:
        assert option in result.stdout, (lang, option)


def test_every_metavar_of_the_command_line_is_in_the_table_and_translated() -> None:
    """Each option's ``metavar=`` and argument's name is a known metavar, in Finnish and Swedish."""
    used: set[str] = set()
    for command in ALL_COMMANDS.values():
        for param in command.params:
            if isinstance(param, click.Argument):
                used.add(param.metavar or (param.name or "").upper())
            elif param.metavar is not None:
                used.add(param.metavar)
    assert used <= METAVARS, used - METAVARS
    same_in_swedish = {"ID", "N", "START"}
    for metavar in METAVARS:
        assert say_in("fi", "metavar", metavar) != metavar or metavar == "N", metavar
        assert say_in("sv", "metavar", metavar) != metavar or metavar in same_in_swedish, metavar
        suffix = metavar.partition(".")[2]
        assert say_in("fi", "metavar", metavar).endswith(suffix)
        assert say_in("sv", "metavar", metavar).endswith(suffix)
