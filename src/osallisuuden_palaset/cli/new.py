"""``palaset new``: write a commented model file that validates, with its JSON Schema beside it."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import (
    LocalizedArgument,
    LocalizedCommand,
    LocalizedOption,
)
from osallisuuden_palaset.messages.catalogue import msg, say
from osallisuuden_palaset.messages.os_errors import os_reason

#: The schema file ``palaset new`` writes beside the model file (the loader skips ``*.schema.json``).
SCHEMA_FILE = "palaset.schema.json"


@click.command(
    cls=LocalizedCommand,
    help=msg("Write a commented template at PATH (in the --lang language) that validates as it is."),
)
@click.argument(
    "path",
    cls=LocalizedArgument,
    type=click.Path(dir_okay=False),
    help=msg("The new YAML file (.yaml or .yml)."),
)
@click.option(
    "--kind",
    cls=LocalizedOption,
    type=click.Choice(["practice", "project"]),
    default="practice",
    show_default=True,
    help=msg("What the new file holds: one practice, or a project with one practice."),
)
@click.option(
    "--force",
    cls=LocalizedOption,
    is_flag=True,
    help=msg("Replace PATH if it exists."),
)
@click.option(
    "--no-schema",
    cls=LocalizedOption,
    is_flag=True,
    help=msg("Do not write {schema_file} beside PATH.", schema_file=SCHEMA_FILE),
)
@click.pass_context
def new(ctx: click.Context, path: str, kind: str, force: bool, no_schema: bool) -> None:
    """Write a commented template at PATH (in the --lang language) that validates as it is."""
    from osallisuuden_palaset.cli.output import write
    from osallisuuden_palaset.files.loading import slug
    from osallisuuden_palaset.files.schema import SCHEMA_IDS, schema_json

    lang = common.lang(ctx)
    target = Path(path)
    if target.suffix.lower() not in (".yaml", ".yml"):
        common.fail(
            say(
                lang,
                "{path}: a new model file is written as YAML; give a name ending in .yaml or .yml",
                path=path,
            )
        )
    if target.exists() and not force:
        common.fail(
            say(lang, "{path} already exists: choose another name, or replace it with --force", path=path)
        )
    schema_path = target.parent / SCHEMA_FILE
    # Point at the schema file beside PATH when there is one, else at the published schema.
    schema_ref = SCHEMA_IDS["model"] if no_schema and not schema_path.exists() else SCHEMA_FILE
    ident = slug(target.stem)
    text = render_template(kind, lang, schema=schema_ref, ident=ident)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        common.fail(say(lang, "cannot make {folder}: {error}", folder=target.parent, error=os_reason(error)))
    if not no_schema:
        write(schema_json("model", lang), schema_path)
    write(text, target)
    for written in ([] if no_schema else [schema_path]) + [target]:
        terminal.echo(say(lang, "Wrote {path}", path=written), err=True)
    terminal.echo(say(lang, "Edit the file, then check it: palaset validate {path}", path=path), err=True)


def render_template(kind: str, lang: str, *, schema: str, ident: str) -> str:
    """The text of a new ``kind`` file ("practice" or "project") with comments in ``lang``."""
    import jinja2

    folder = resources.files("osallisuuden_palaset") / "templates" / "new"
    labels: dict[str, dict[str, str]] = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (folder / name).read_text(encoding="utf-8")),
        autoescape=False,  # YAML, not HTML: values are quoted by the q filter instead
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["q"] = _quote
    context: dict[str, Any] = {
        "L": labels[lang],
        "lang": lang,
        "schema": schema,
        "practice_id": ident if kind == "practice" else f"{ident}-malli",
        "project_id": ident,
    }
    return env.get_template(f"{kind}.yaml.j2").render(context)


def _quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
