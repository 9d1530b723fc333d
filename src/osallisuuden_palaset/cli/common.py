"""What every command shares: the plugin manager, registered things, loading files, failing cleanly."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from osallisuuden_palaset.cli import terminal
from osallisuuden_palaset.errors import LoadError, PalasetError, did_you_mean, reason
from osallisuuden_palaset.messages.catalogue import Message, localize, say

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    import pluggy

    from osallisuuden_palaset.files.loading import Skipped, Workspace
    from osallisuuden_palaset.model.framework import Framework
    from osallisuuden_palaset.model.project import Catalogue
    from osallisuuden_palaset.model.text import Lang


def state(ctx: click.Context) -> dict[str, Any]:
    """The per-invocation state dict kept on the root context."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = {}
    assert isinstance(root.obj, dict)
    return root.obj


def lang(ctx: click.Context) -> Lang:
    """The language chosen with --lang (or its default)."""
    value = state(ctx).get("lang", "fi")
    assert value in ("fi", "en", "sv")
    return value  # type: ignore[no-any-return]


def current_lang() -> Lang:
    """The language of the command being run (``--lang``), or the default one outside a command."""
    from osallisuuden_palaset.cli.helptext import default_lang

    ctx = click.get_current_context(silent=True)
    return lang(ctx) if ctx is not None else default_lang()


def error_text(error: BaseException, lang: Lang) -> str:
    """What ``error`` says, in ``lang`` when its message is a catalogue message."""
    render = getattr(error, "render", None)  # LoadError, ModelError: every problem in lang
    if callable(render):
        return str(render(lang))
    return localize(reason(error), lang)


def plugin_manager(ctx: click.Context) -> pluggy.PluginManager:
    """The plugin manager for this invocation, built once (honours --plugin, --plugins-dir, env)."""
    from osallisuuden_palaset.plugins.manager import get_plugin_manager

    st = state(ctx)
    if "pm" not in st:
        try:
            st["pm"] = get_plugin_manager(
                st.get("extra_plugins", ()),  # plugins given in code (osallisuuden_palaset.testing.run_cli)
                load_entrypoints=st.get("load_entrypoints", True),
                plugin_files=st.get("plugin_files", ()),
                plugin_dirs=st.get("plugin_dirs", ()),
            )
        except PalasetError as error:
            fail(error)
    return st["pm"]  # type: ignore[no-any-return]


def frameworks(ctx: click.Context) -> dict[str, Framework]:
    """Every registered framework by id, plus those loaded with --framework-file."""
    from osallisuuden_palaset.plugins.registry import get_frameworks

    st = state(ctx)
    if "frameworks" not in st:
        found = dict(get_frameworks(plugin_manager(ctx)))
        from osallisuuden_palaset.files.loading import load_framework

        for path in st.get("framework_files", ()):
            framework = load_framework(path)  # a LoadError ends the command (cli.main.LazyGroup)
            found[framework.id] = framework
        st["frameworks"] = found
    return st["frameworks"]  # type: ignore[no-any-return]


def catalogues(ctx: click.Context) -> list[Catalogue]:
    """Every catalogue registered by plugins."""
    from osallisuuden_palaset.plugins.registry import get_catalogues

    return list(get_catalogues(plugin_manager(ctx)).values())


def load(ctx: click.Context, paths: Iterable[str | Path]) -> Workspace:
    """Load model files and folders as one workspace (a LoadError ends the command: cli.main.LazyGroup)."""
    from osallisuuden_palaset.files.loading import load_workspace

    return load_workspace(
        [Path(p) for p in paths],
        frameworks=frameworks(ctx).values(),
        catalogues=catalogues(ctx),
        on_skip=note_skipped,
    )


def note_skipped(skipped: Skipped) -> None:
    """Say on stderr that a file in a folder was not read (a pipe, a device, a link that loops)."""
    language = current_lang()
    terminal.echo(say(language, "palaset: note: {note}", note=skipped.render(language)), err=True)


def report_problems(error: LoadError, lang: Lang = "en") -> None:
    """Print one ``FILE:LINE:COL: message`` line per problem to stderr, in ``lang`` (how a LoadError
    ends a command)."""
    for problem in error.problems:
        terminal.echo(problem.render(lang), err=True)


def fail(message: str | PalasetError, code: int = 1) -> NoReturn:
    """Print ``palaset: message`` to stderr, in the language of the command, and exit with ``code``.

    ``message`` is text already in that language, a catalogue :class:`Message`, or an error
    whose message is shown.
    """
    language = current_lang()
    text = error_text(message, language) if isinstance(message, BaseException) else message
    terminal.echo(f"palaset: {localize(text, language)}", err=True)
    sys.exit(code)


T = TypeVar("T")


def guarded(action: Callable[[], T]) -> T:
    """Run ``action``; a PalasetError it raises ends the command with its message, not a traceback."""
    try:
        return action()
    except PalasetError as error:
        fail(error)


def match_columns(option: str, given: Sequence[str], known: Sequence[str]) -> tuple[str, ...]:
    """The columns named with ``option`` as the file spells them (matched without regard to case)."""
    folded = {k.casefold(): k for k in known}
    out = []
    language = current_lang()
    for field in given:
        if field.casefold() not in folded:
            hint = did_you_mean(field, known) or (
                say(language, "columns: {columns}", columns=", ".join(known))
                if known
                else say(language, "the answers have no columns")
            )
            fail(
                say(
                    language,
                    "{option} {field!r} is not a column of the answers ({hint})",
                    option=option,
                    field=field,
                    hint=hint,
                )
            )
        out.append(folded[field.casefold()])
    return tuple(out)


def paths_argument(help: Message) -> Callable[[F], F]:
    """The ``PATHS...`` argument of commands that load model files and folders (at least one)."""
    from osallisuuden_palaset.cli.helptext import LocalizedArgument

    return click.argument(
        "paths",
        cls=LocalizedArgument,
        nargs=-1,
        required=True,
        type=click.Path(exists=True, path_type=Path),
        help=help,
    )
