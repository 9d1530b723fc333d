"""How commands print and write: ``--format text|json``, JSON, and outputs that never destroy an input."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import LocalizedOption
from osallisuuden_palaset.messages.catalogue import Message, msg, say
from osallisuuden_palaset.messages.os_errors import os_reason
from osallisuuden_palaset.model.text import Lang

F = TypeVar("F", bound=Callable[..., Any])

#: The help of ``--format text|json`` unless a command says more.
OUTPUT_FORMAT = msg("Output format.")


def format_option(help: Message = OUTPUT_FORMAT, *, name: str = "fmt") -> Callable[[F], F]:
    """The ``--format text|json`` option (text by default), passed to the command as ``name``."""
    return click.option(
        "--format",
        name,
        cls=LocalizedOption,
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help,
    )


def echo_json(data: object) -> None:
    """Print ``data`` as indented JSON, non-ASCII letters as they are (controls escaped)."""
    click.echo(terminal.clean_json(json.dumps(data, ensure_ascii=False, indent=2)))


PathLike = str | os.PathLike[str]


def emit(
    data: str | bytes, output: PathLike | None, *, inputs: Iterable[PathLike] = (), is_json: bool = False
) -> None:
    """Print ``data`` (``output`` None or ``-``), or :func:`write` it into the file ``output``.

    Printed text is cleaned of what a terminal would obey when standard output is one; JSON
    (``is_json``) always gets JSON escapes for those characters instead, so it stays the same JSON.
    """
    if output is None or str(output) in ("", "-"):
        if isinstance(data, str) and is_json:
            click.echo(terminal.clean_json(data), nl=False)
        elif isinstance(data, str):
            terminal.echo(data, nl=False)
        else:
            stream = sys.stdout.buffer
            stream.write(terminal.shown(data))
            stream.flush()
        return
    write(data, output, inputs=inputs)


def write(data: str | bytes, output: PathLike, *, inputs: Iterable[PathLike] = ()) -> None:
    """Write ``data`` to ``output`` atomically (:func:`~osallisuuden_palaset.files.atomicfile.write_atomic`).

    An output that is one of ``inputs`` (model files or folders, answer files) or of the files
    given with ``--framework-file`` or ``--plugin``, or that would be read with an input folder,
    is refused and nothing is written.
    """
    from osallisuuden_palaset.files.atomicfile import write_atomic

    refuse_inputs(output, inputs)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    common.guarded(lambda: write_atomic(output, raw))


def refuse_inputs(output: PathLike, inputs: Iterable[PathLike] = ()) -> None:
    """End the command with a clear message when writing ``output`` would hit an input (see :func:`write`)."""
    from osallisuuden_palaset.files.input_guard import file_clash

    clash = file_clash(output, [*inputs, *_global_inputs()])
    if clash is not None:
        key = "same" if clash.relation.value == "same" else "inside"
        common.fail(_refused(key, common.current_lang(), output, clash.input))


def refuse_folder(folder: Path, inputs: Iterable[PathLike]) -> None:
    """End the command when ``folder`` cannot be its output folder; make it if missing.

    Refuses a folder that is, holds or lies in one of ``inputs`` (the outputs would be read
    as models next time) and a folder with a symlink to an input in it. Holding the folder
    while writing, and removing what an interrupted run left, is the library's
    ``output.building.build``.
    """
    from osallisuuden_palaset.files.input_guard import file_clash, folder_clash

    lang = common.current_lang()
    clash = folder_clash(folder, inputs)
    if clash is not None:
        common.fail(_refused(f"folder-{clash.relation.value}", lang, folder, clash.input))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        common.fail(say(lang, "cannot make {folder}: {error}", folder=folder, error=os_reason(error)))
    inputs = list(inputs)
    for top, _dirs, names in os.walk(folder):
        for link in (Path(top, n) for n in names if os.path.islink(os.path.join(top, n))):
            clash = file_clash(link, inputs)
            if clash is not None:
                common.fail(_refused("link", lang, link, clash.input))


def _global_inputs() -> list[str]:
    """The files every command reads when given: ``--framework-file`` and ``--plugin`` files."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return []
    st = common.state(ctx)
    return [*st.get("framework_files", ()), *st.get("plugin_files", ())]


def _refused(how: str, lang: Lang, output: PathLike, input: PathLike) -> str:
    """Why ``output`` is refused: it is (``same``) or lies in (``inside``) an input, or for a folder
    (``folder-same``, ``folder-inside``, ``folder-holds``) or a link in it (``link``); a busy folder is
    ``files.folder_lock.FolderBusyError``.
    """
    values = {"output": output, "input": input}
    if how == "same":
        return say(
            lang,
            "-o {output} is an input of this command ({input}) and is not replaced: give another file",
            **values,
        )
    if how == "inside":
        return say(
            lang,
            "-o {output} is in the input folder {input} and would be read as a model file next time: "
            "write it outside that folder",
            **values,
        )
    if how == "folder-same":
        return say(
            lang,
            "-o {output} is an input folder: write the outputs outside the inputs, or they would be read "
            "as models next time",
            **values,
        )
    if how == "folder-inside":
        return say(
            lang,
            "-o {output} is inside the input folder {input}: choose a folder outside it, or a hidden one "
            "(its name starting with a dot), which is not read as input",
            **values,
        )
    if how == "folder-holds":
        return say(
            lang,
            "-o {output} holds the input {input}: write the outputs outside the inputs, or they would be "
            "read as models next time",
            **values,
        )
    assert how == "link", how
    return say(
        lang,
        "{output} points to the input {input}, which would be replaced: remove the link or write the "
        "outputs into another folder",
        **values,
    )
