"""Help texts of the command line in Finnish, English and Swedish, shown in the ``--lang`` language.

Commands, groups, options and arguments made with ``cls=LocalizedCommand`` (``LocalizedGroup``,
``LocalizedOption``, ``LocalizedArgument``) take their help as a catalogue :class:`Message`
(``help=msg("English help")``; Finnish and Swedish are its translations in the message catalogue).
Click reads ``help`` as a string while it formats the help page; here the message is rendered
then, in the language of the current context: the ``--lang`` given, else :func:`default_lang`.
Nothing is translated when the command line is built, so starting it stays cheap.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator, Sequence
from typing import Any, Final

import click

from osallisuuden_palaset.messages.catalogue import Message, msg, say, say_in, table_entry
from osallisuuden_palaset.model.text import LANGS, Lang

#: The help of ``-h/--help`` itself.
HELP_OPTION = msg("Show this message and exit.")
#: The help of ``--version``.
VERSION_OPTION = msg("Show the version and exit.")

#: Every metavar of the command line (``metavar=`` of options and arguments, an argument's name
#: in capitals otherwise), in English; the catalogue translates each in the context ``metavar``
#: (TIEDOSTO, KANSIO; FIL, MAPP), as translated GNU tools write theirs. The help texts name them
#: as the usage line shows them, so a Finnish help says TIEDOSTO.yaml where the English says FILE.yaml.
METAVARS: Final = frozenset(
    english
    for _, english in (
        table_entry("metavar", "ANSWERS.csv"),
        table_entry("metavar", "CHAR"),
        table_entry("metavar", "COLUMN"),
        table_entry("metavar", "DIR"),
        table_entry("metavar", "FIELD"),
        table_entry("metavar", "FILE"),
        table_entry("metavar", "FILE.csv"),
        table_entry("metavar", "FILE.py"),
        table_entry("metavar", "FILE.svg"),
        table_entry("metavar", "FILE.yaml"),
        table_entry("metavar", "FOLLOW_UP"),
        table_entry("metavar", "ID"),
        table_entry("metavar", "ITEM=COLUMN"),
        table_entry("metavar", "KEY=VALUE"),
        table_entry("metavar", "N"),
        table_entry("metavar", "NAME"),
        table_entry("metavar", "NEW"),
        table_entry("metavar", "OLD"),
        table_entry("metavar", "PATH"),
        table_entry("metavar", "PATHS"),
        table_entry("metavar", "RESPONSES"),
        table_entry("metavar", "SECONDS"),
        table_entry("metavar", "START"),
    )
)


def metavar_in(lang: Lang, metavar: str) -> str:
    """``metavar`` (one of :data:`METAVARS`) as ``lang`` writes it; any other (``[a|b]``) as it is."""
    return say_in(lang, "metavar", metavar) if metavar in METAVARS else metavar


def default_lang() -> Lang:
    """The language from PALASET_LANG or the locale (LC_ALL, LC_MESSAGES, LANG); Finnish otherwise."""
    for var in ("PALASET_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split("_")[0].split(".")[0].lower()
        for lang in LANGS:
            if code == lang:
                return lang
    return "fi"


def lang_of(args: Sequence[str]) -> Lang:
    """The language a command line asks for (``--lang X`` or ``--lang=X``), else :func:`default_lang`.

    Read before click parses ``args``, so that click's own words (``Usage:``, ``Error: No such
    command``) are in that language too, even when parsing fails.
    """
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2]
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGS:
            return value
    return default_lang()


@contextlib.contextmanager
def click_speaks(lang: Lang) -> Iterator[None]:
    """Click's own words in ``lang`` while the block runs.

    Click looks its words up with :func:`gettext.gettext`, in the current text domain and the
    languages of ``LANGUAGE``; the message catalogue holds their translations, so the domain is
    pointed at it and ``LANGUAGE`` set for the block (and put back after it).
    """
    from osallisuuden_palaset.messages.catalogue import DOMAIN, LOCALE_DIR

    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    domain = gettext.textdomain()
    gettext.textdomain(DOMAIN)
    before = os.environ.get("LANGUAGE")
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if before is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = before


def help_lang(ctx: click.Context | None = None) -> Lang:
    """The language of help: ``--lang`` once parsed (on the root context), else :func:`default_lang`."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is not None:
        root = ctx.find_root()
        chosen = root.obj.get("lang") if isinstance(root.obj, dict) else None
        for lang in LANGS:
            if lang in (chosen, root.params.get("lang")):
                return lang
    return default_lang()


def _complete(help: object, what: str) -> Message:
    """``help`` checked to be a catalogue message (a plain string is a mistake: it has one language).

    A message is translated to fi and sv in the catalogue: tests/messages/test_catalogue.py
    holds every msgid to that, so the check costs nothing here, when the command line is built.
    """
    if isinstance(help, Message):
        return help
    raise TypeError(
        msg(
            "the help of {what} must be a catalogue message, msg(...), in fi, en and sv, not {help}",
            what=what,
            help=repr(help),
        )
    )


def _shown(help: Message, lang: Lang) -> str:
    return help.render(lang)


class _LocalizedHelp:
    """``help`` kept as a Message and rendered, when click formats help, in the language of help."""

    help_text: Message

    @property
    def help(self) -> str | None:
        return _shown(self.help_text, help_lang())

    @help.setter
    def help(self, value: str | None) -> None:
        # click's constructors assign the help they were given; ours pass them None.
        if value is not None:
            raise TypeError(msg("a localized help is set with help_text (a Message), not as a string"))


class _LocalizedHelpOption(click.Command):
    """Commands and groups whose ``-h/--help`` option has a localized help too."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is None or isinstance(option, LocalizedOption):
            return option
        assert option.name is not None
        localized = LocalizedOption(
            [*option.opts, *option.secondary_opts, option.name],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=option.callback,
            help=HELP_OPTION,
        )
        self._help_option = localized  # click caches it here (the order of eager options relies on it)
        return localized

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The usage line, with click's fixed ``[OPTIONS]`` and ``COMMAND [ARGS]...`` in the language."""
        from osallisuuden_palaset.messages.catalogue import say

        lang = help_lang(ctx)
        words = {
            "[OPTIONS]": say(lang, "[OPTIONS]"),
            "COMMAND [ARGS]...": say(lang, "COMMAND [ARGS]..."),
        }
        return [words.get(piece, piece) for piece in super().collect_usage_pieces(ctx)]


class LocalizedCommand(_LocalizedHelp, _LocalizedHelpOption):
    """A command whose help is a catalogue message, shown in the language of help."""

    def __init__(self, *args: Any, help: Message, **kwargs: Any) -> None:
        self.help_text = _complete(help, f"command {kwargs.get('name') or args[0]!r}")
        super().__init__(*args, **kwargs)


class LocalizedGroup(_LocalizedHelp, _LocalizedHelpOption, click.Group):
    """A group whose help is a catalogue message; its subcommands and subgroups are localized by default."""

    command_class = LocalizedCommand
    group_class = type

    def __init__(self, *args: Any, help: Message, **kwargs: Any) -> None:
        self.help_text = _complete(help, f"group {kwargs.get('name') or args[0]!r}")
        super().__init__(*args, **kwargs)


class LocalizedOption(_LocalizedHelp, click.Option):
    """An option whose help (and a ``show_default`` given as a Message) follows the language of help."""

    def __init__(
        self,
        param_decls: Sequence[str],
        *,
        help: Message,
        show_default: bool | Message | None = None,
        **kwargs: Any,
    ) -> None:
        self.help_text = _complete(help, f"option {param_decls!r}")
        self.default_text = show_default if isinstance(show_default, Message) else None
        shown = True if isinstance(show_default, Message) else show_default
        super().__init__(param_decls, show_default=shown, **kwargs)

    def get_help_extra(self, ctx: click.Context) -> click.types.OptionHelpExtra:
        """Click's extras (``[default: …; required]``), the default text and ``required`` in the language."""
        extra = super().get_help_extra(ctx)
        lang = help_lang(ctx)
        if self.default_text is not None:
            extra["default"] = f"({self.default_text.render(lang)})"
        if "required" in extra:  # click writes the word itself, so its catalogue never sees it
            extra["required"] = say(lang, "required")
        return extra

    def make_metavar(self, ctx: click.Context) -> str:
        """The metavar in the language of help (``--output KANSIO``)."""
        if self.metavar is not None:
            return metavar_in(help_lang(ctx), self.metavar)
        return super().make_metavar(ctx)


class LocalizedArgument(_LocalizedHelp, click.Argument):
    """A positional argument whose help is a catalogue message, shown in the language of help."""

    def __init__(self, param_decls: Sequence[str], *, help: Message, **kwargs: Any) -> None:
        self.help_text = _complete(help, f"argument {param_decls!r}")
        super().__init__(param_decls, **kwargs)

    def make_metavar(self, ctx: click.Context) -> str:
        """The metavar in the language of help (``POLUT...``, ``[SEURANTA]``), bracketed as click does."""
        plain = self.metavar or self.type.get_metavar(param=self, ctx=ctx) or (self.name or "").upper()
        return super().make_metavar(ctx).replace(plain, metavar_in(help_lang(ctx), plain), 1)
