"""The ``palaset`` group: global options, lazy loading of commands, errors without tracebacks."""

from __future__ import annotations

import contextlib
import importlib
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import click

from osallisuuden_palaset.cli import terminal
from osallisuuden_palaset.cli.helptext import (
    VERSION_OPTION,
    LocalizedGroup,
    LocalizedOption,
    click_speaks,
    default_lang,
    lang_of,
)
from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.messages.catalogue import msg, say

if TYPE_CHECKING:
    from osallisuuden_palaset.model.text import Lang

#: Command name → "module:function" under osallisuuden_palaset.cli; imported only when run,
#: so that ``palaset validate`` does not pay for Graphviz or Jinja2.
COMMANDS: dict[str, str] = {
    "validate": "validate:validate",
    "frameworks": "frameworks:frameworks",
    "plugins": "plugins:plugins",
    "schema": "schema:schema",
    "new": "new:new",
    "export": "export:export",
    "formats": "export:formats",
    "build": "build:build",
    "diagram": "diagram:diagram",
    "assess": "assess:assess",
    "diff": "assess:diff",
    "worksheet": "assess:worksheet",
    "answers": "assess:answers",
    "migrate": "migrate:migrate",
    "survey": "survey:survey",
}


class LazyGroup(LocalizedGroup):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attr = target.split(":")
        module = importlib.import_module(f"osallisuuden_palaset.cli.{module_name}")
        command = getattr(module, attr)
        assert isinstance(command, click.Command)
        _name_paths(command)
        return command

    def main(self, args: Sequence[str] | None = None, *pos: Any, **kwargs: Any) -> Any:
        """Run the command line, click's own words in the language it asks for."""
        given = list(sys.argv[1:] if args is None else args)
        with click_speaks(lang_of(given)):
            _name_paths(self)  # the group's own options; each command's when it is loaded
            return super().main(given, *pos, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LoadError as error:  # every command lets these through: one FILE:LINE:COL line each
            from osallisuuden_palaset.cli.common import lang, report_problems

            report_problems(error, lang(ctx))
            ctx.exit(1)
        except KeyboardInterrupt as interrupt:  # a real Ctrl-C (plugin code raising one is isolated)
            from osallisuuden_palaset.cli.common import lang

            where = "".join(f" ({note})" for note in getattr(interrupt, "__notes__", ()))
            terminal.echo(say(lang(ctx), "palaset: interrupted (Ctrl-C)") + where, err=True)
            ctx.exit(130)  # 128 + SIGINT, as shells report it


def _name_paths(command: click.Command) -> None:
    """Name each ``click.Path`` of ``command`` (and its subcommands) in the language of this run.

    Click names a Path type once, when it is made ("file", "directory", "path": the metavar
    ``TIEDOSTO`` and the ``Tiedosto 'x' ei ole olemassa.`` of its errors), that is when a command's
    module is first imported, in whichever language was running then.
    """
    import gettext

    for param in command.params:
        kind = param.type
        if isinstance(kind, click.Path):
            if kind.file_okay and not kind.dir_okay:
                kind.name = gettext.gettext("file")
            elif kind.dir_okay and not kind.file_okay:
                kind.name = gettext.gettext("directory")
            else:
                kind.name = gettext.gettext("path")
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _name_paths(sub)


class _VersionLine(str):
    """Click's ``--version`` line, looked up when shown: click takes its words once, at import."""

    def __mod__(self, values: Any) -> str:
        import gettext

        line: str = gettext.gettext(str(self)) % values  # click's own msgid, in click_speaks' language
        return line


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=msg("Model inclusion work as composable blocks (osallisuuden palaset)."),
)
@click.version_option(
    package_name="osallisuuden-palaset",
    prog_name="palaset",
    message=_VersionLine("%(prog)s, version %(version)s"),
    cls=LocalizedOption,
    help=VERSION_OPTION,
)
@click.option(
    "--lang",
    cls=LocalizedOption,
    type=click.Choice(["fi", "en", "sv"]),
    default=default_lang,
    is_eager=True,  # read before an eager --help given after it, so the help is in this language
    show_default=msg("from PALASET_LANG or the locale, else fi"),
    help=msg("Language of labels, messages and help."),
)
@click.option(
    "--plugin",
    "plugin_files",
    cls=LocalizedOption,
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE.py",
    help=msg("Load a plugin from a Python file (repeatable)."),
)
@click.option(
    "--plugins-dir",
    "plugin_dirs",
    cls=LocalizedOption,
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    metavar="DIR",
    help=msg("Load every *.py in DIR as a plugin (repeatable)."),
)
@click.option(
    "--framework-file",
    "framework_files",
    cls=LocalizedOption,
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help=msg("Use a framework file of your own beside the built-in ones (repeatable)."),
)
@click.pass_context
def cli(
    ctx: click.Context,
    lang: str,
    plugin_files: tuple[str, ...],
    plugin_dirs: tuple[str, ...],
    framework_files: tuple[str, ...],
) -> None:
    """Model inclusion work as composable blocks (osallisuuden palaset)."""
    # ensure_object keeps what a caller passed as obj (osallisuuden_palaset.testing.run_cli).
    state = ctx.ensure_object(dict)
    state.update(
        lang=lang, plugin_files=plugin_files, plugin_dirs=plugin_dirs, framework_files=framework_files
    )
    ctx.with_resource(_plugin_warnings_as_messages(state["lang"]))


@contextlib.contextmanager
def _plugin_warnings_as_messages(lang: Lang) -> Iterator[None]:
    """Show a skipped plugin as one ``palaset: warning: ...`` line on stderr, not a Python warning."""
    from osallisuuden_palaset.plugins.manager import PluginWarning

    with warnings.catch_warnings():
        warnings.simplefilter("always", PluginWarning)
        shown = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
            if issubclass(category, PluginWarning):
                from osallisuuden_palaset.cli.common import error_text

                said = error_text(message, lang) if isinstance(message, Warning) else message
                terminal.echo(say(lang, "palaset: warning: {warning}", warning=said), err=True)
            else:
                shown(message, category, *args, **kwargs)

        warnings.showwarning = show
        yield


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the group, turning library errors into messages without tracebacks."""
    from osallisuuden_palaset.cli.common import error_text
    from osallisuuden_palaset.errors import PalasetError

    try:
        return cli.main(args=argv, prog_name="palaset", standalone_mode=True)
    except PalasetError as error:  # commands and LazyGroup.invoke handle these; this is the safety net
        terminal.echo(f"palaset: {error_text(error, lang_of(argv or sys.argv[1:]))}", err=True)
        sys.exit(1)
