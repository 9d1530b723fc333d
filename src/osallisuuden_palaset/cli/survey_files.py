"""Survey answer files for the commands: the registered readers, the column file, bad rows told."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from osallisuuden_palaset.cli import terminal
from osallisuuden_palaset.cli.common import current_lang, fail, guarded, lang, plugin_manager
from osallisuuden_palaset.cli.helptext import LocalizedOption
from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.messages.catalogue import msg

if TYPE_CHECKING:
    from osallisuuden_palaset.model.survey import Instrument, Wave
    from osallisuuden_palaset.surveying.columns import ColumnMap
    from osallisuuden_palaset.surveying.responses import ResponseFile

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

#: The default smallest group shown and its floor (``surveying.privacy.DEFAULT_MIN_GROUP`` and
#: ``FLOOR``, kept here so that building the command line does not import the survey modules;
#: tests/cli/test_survey_files.py holds them equal).
DEFAULT_MIN_GROUP = 5
FLOOR = 3

#: The ``--instrument ID`` option of ``survey score``, ``survey change``, ``build`` and ``export``.
instrument_option: Callable[[F], F] = click.option(
    "--instrument",
    "instrument_id",
    cls=LocalizedOption,
    default="esis",
    show_default=True,
    metavar="ID",
    help=msg("A registered instrument (see `palaset survey instruments`)."),
)

#: The ``--min-group N`` option of the same commands.
min_group_option: Callable[[F], F] = click.option(
    "--min-group",
    cls=LocalizedOption,
    type=int,
    default=DEFAULT_MIN_GROUP,
    show_default=True,
    metavar="N",
    help=msg("Smallest group shown with figures (at least {floor}).", floor=str(FLOOR)),
)

#: The ``--columns FILE.yaml`` option of ``survey score``, ``survey change``, ``build`` and ``export``.
columns_option: Callable[[F], F] = click.option(
    "--columns",
    "columns_file",
    cls=LocalizedOption,
    type=click.Path(dir_okay=False),
    metavar="FILE.yaml",
    help=msg(
        "A column file: which columns of the answers are the pseudonym, wave, date and items "
        "(see docs/surveys.md)."
    ),
)


def column_map(ctx: click.Context, path: str | None, given: ColumnMap | None = None) -> ColumnMap:
    """The columns named in the column file ``path`` (if any), those ``given`` as options put in place."""
    from osallisuuden_palaset.surveying.column_files import load_columns
    from osallisuuden_palaset.surveying.columns import ColumnMap

    found = ColumnMap()
    if path is not None:
        found = load_columns(path, lang=lang(ctx))
    return found.overridden(given) if given is not None else found


def read_file(
    ctx: click.Context,
    instrument: Instrument,
    path: str,
    wave: Wave | None,
    columns: ColumnMap,
    delimiter: str | None = None,
) -> ResponseFile:
    """One file of answers, read by the reader registered for its suffix; problems end the command."""
    from osallisuuden_palaset.plugins.registry import get_response_readers
    from osallisuuden_palaset.surveying.responses import read_responses

    readers = guarded(lambda: get_response_readers(plugin_manager(ctx))).values()
    return read_responses(
        path, instrument, columns=columns, delimiter=delimiter, wave=wave, readers=readers, lang=lang(ctx)
    )


def tell(files: Sequence[ResponseFile]) -> None:
    """Print each skipped row and each row kept with a remark as ``FILE:LINE: message``, in line order."""
    language = current_lang()
    for read in files:
        for row in sorted((*read.problems, *read.notes), key=lambda p: p.line):
            terminal.echo(row.render(language), err=True)


def answers(files: Sequence[ResponseFile], choose: Callable[[], T]) -> T:
    """The answers ``choose`` takes from ``files``, after telling their bad rows; its error ends the command.

    When the files are swapped, their skipped rows are not told: each only repeats the error.
    """
    from osallisuuden_palaset.surveying.waves import SwappedWavesError

    try:
        chosen = choose()
    except SwappedWavesError as error:
        fail(error)
    except PalasetError as error:
        tell(files)
        fail(error)
    tell(files)
    return chosen
