"""``palaset assess``, ``diff``, ``worksheet`` and ``answers import``: assessment from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import (
    LocalizedArgument,
    LocalizedCommand,
    LocalizedGroup,
    LocalizedOption,
)
from osallisuuden_palaset.cli.output import echo_json, emit, format_option
from osallisuuden_palaset.errors import LoadError, PalasetError, nearest
from osallisuuden_palaset.messages.catalogue import msg, say, say_n
from osallisuuden_palaset.messages.labels import LABELS, label
from osallisuuden_palaset.model.text import Lang

if TYPE_CHECKING:
    from osallisuuden_palaset.assessing.checking import Check
    from osallisuuden_palaset.model.framework import Framework
    from osallisuuden_palaset.model.practice import Practice


def _checks(ctx: click.Context, only: tuple[str, ...], skip: tuple[str, ...]) -> list[Check]:
    from osallisuuden_palaset.plugins.registry import get_checks

    registered = get_checks(common.plugin_manager(ctx))  # only Checks: the registry refuses the rest
    for ident in (*only, *skip):
        if ident not in registered:
            hint = nearest(ident, registered)
            common.fail(
                say(
                    common.lang(ctx),
                    "no check {ident!r} ({hint}); 'palaset plugins' lists them",
                    ident=ident,
                    hint=hint,
                )
            )
    return [
        check for ident, check in registered.items() if not (only and ident not in only) and ident not in skip
    ]


def _framework(ctx: click.Context, ident: str | None) -> Framework | None:
    if ident is None:
        return None
    known = common.frameworks(ctx)
    if ident not in known:
        hint = nearest(ident, known)
        common.fail(
            say(
                common.lang(ctx),
                "framework {ident!r} is not known ({hint}); 'palaset frameworks' lists them",
                ident=ident,
                hint=hint,
            )
        )
    return known[ident]


_OUTPUT = msg("Write to this file instead of stdout.")
_FORMAT = msg("Output format.")


@click.command(
    cls=LocalizedCommand,
    help=msg("Assess practices: coverage per dimension and principle, guiding questions, checks."),
)
@common.paths_argument(msg("Model files and folders to assess."))
@click.option(
    "--framework",
    "framework_id",
    cls=LocalizedOption,
    help=msg("Assess against this framework instead of each practice's own."),
)
@click.option(
    "--format",
    "fmt",
    cls=LocalizedOption,
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help=_FORMAT,
)
@click.option(
    "--fail-on",
    cls=LocalizedOption,
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help=msg("Exit 1 when a finding at or above this severity exists."),
)
@click.option(
    "--check",
    "only",
    cls=LocalizedOption,
    multiple=True,
    help=msg("Run only this check (repeatable)."),
)
@click.option(
    "--skip-check",
    "skip",
    cls=LocalizedOption,
    multiple=True,
    help=msg("Do not run this check (repeatable)."),
)
@click.option("-o", "--output", cls=LocalizedOption, type=click.Path(dir_okay=False), help=_OUTPUT)
@click.pass_context
def assess(
    ctx: click.Context,
    paths: tuple[Path, ...],
    framework_id: str | None,
    fmt: str,
    fail_on: str,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    output: str | None,
) -> None:
    """Assess practices: coverage per dimension and principle, guiding questions, checks."""
    from osallisuuden_palaset.assessing.assessment import assess_collection
    from osallisuuden_palaset.assessing.checking import fails
    from osallisuuden_palaset.assessing.report import assessment_json, assessment_markdown, assessment_text
    from osallisuuden_palaset.files.loading import claim_locator
    from osallisuuden_palaset.model.evaluation import Severity

    chosen = _framework(ctx, framework_id)
    workspace = common.load(ctx, paths)
    checks = _checks(ctx, only, skip)
    locate = claim_locator(workspace)
    assessment = assess_collection(
        workspace.collection,
        workspace.context,
        checks,
        framework=chosen.id if chosen else None,
        locate=locate,
    )
    lang = common.lang(ctx)
    if fmt == "json":
        text = json.dumps(assessment_json(assessment, locate), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        text = assessment_markdown(assessment, lang)
    else:
        text = assessment_text(assessment, lang)
    emit(text, output, inputs=paths, is_json=fmt == "json")
    if fail_on != "never" and fails(assessment.findings, Severity(fail_on)):
        sys.exit(1)


def _practices_of(path: str) -> list[Practice]:
    from osallisuuden_palaset.files.loading import load_document
    from osallisuuden_palaset.model.practice import Practice
    from osallisuuden_palaset.model.project import Project

    model = load_document(path).model
    if isinstance(model, Practice):
        return [model]
    if isinstance(model, Project):
        return list(model.practices)
    return common.fail(say(common.current_lang(), "{path} holds no practice or project", path=path))


@click.command(
    cls=LocalizedCommand,
    help=msg("Show what changed between two versions of a practice (or of a project's practices)."),
)
@click.argument(
    "old",
    cls=LocalizedArgument,
    type=click.Path(exists=True, dir_okay=False),
    help=msg("The old version."),
)
@click.argument(
    "new",
    cls=LocalizedArgument,
    type=click.Path(exists=True, dir_okay=False),
    help=msg("The new version."),
)
@format_option()
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, fmt: str) -> None:
    """Show what changed between two versions of a practice (or of a project's practices)."""
    from osallisuuden_palaset.assessing.diffing import diff_practices

    olds, news = _practices_of(old), _practices_of(new)
    gone: list[str] = []
    came: list[str] = []
    if len(olds) == 1 and len(news) == 1:
        pairs = [(olds[0], news[0])]
    else:
        by_id = {p.id: p for p in olds}
        pairs = [(by_id[p.id], p) for p in news if p.id in by_id]
        gone = [p.id for p in olds if p.id not in {n.id for n in news}]
        came = [p.id for p in news if p.id not in by_id]
    diffs = [diff_practices(a, b) for a, b in pairs]
    if fmt == "json":
        data: dict[str, Any] = {
            "practices": [
                {
                    "old": d.old,
                    "new": d.new,
                    "changes": [
                        {"area": c.area, "kind": c.kind.value, "key": c.key, "fields": list(c.fields)}
                        for c in d.changes
                    ],
                }
                for d in diffs
            ]
        }
        if not (len(olds) == 1 and len(news) == 1):
            data["removed_practices"], data["added_practices"] = gone, came
        echo_json(data)
        return
    lang = common.lang(ctx)
    sign = {"added": "+", "removed": "-", "changed": "~"}
    for d in diffs:
        terminal.echo(d.old if d.old == d.new else f"{d.old} → {d.new}")
        for c in d.changes:
            key = _field(c.key, lang) if c.area == "field" else c.key
            tail = f" ({', '.join(_field(f, lang) for f in c.fields)})" if c.fields else ""
            terminal.echo(f"  {sign[c.kind.value]} {_area(c.area, lang)} {key}{tail}")
        if d.is_empty:
            terminal.echo("  =")
    if not (len(olds) == 1 and len(news) == 1):
        for ident in gone:
            terminal.echo("- " + say(lang, "practice {ident}", ident=ident))
        for ident in came:
            terminal.echo("+ " + say(lang, "practice {ident}", ident=ident))


def _area(area: str, lang: Lang) -> str:
    """What a change of ``palaset diff`` is to (``assessing.diffing.Change.area``)."""
    if area == "field":
        return say(lang, "field")
    if area == "step":
        return say(lang, "step")
    if area == "flow":
        return say(lang, "flow")
    if area == "claim":
        return say(lang, "claim")
    if area == "answer":
        return say(lang, "answer")
    return area


def _field(name: str, lang: Lang) -> str:
    """A model field's label in ``lang``, lower case as it is in a line ("participants" → "osallistujat")."""
    if name not in LABELS:
        return name
    text = label(name, lang)
    return text[:1].lower() + text[1:]


@click.command(
    cls=LocalizedCommand,
    help=msg("Write a fill-in worksheet of a framework's guiding questions for a practice or project file."),
)
@click.argument(
    "path",
    cls=LocalizedArgument,
    type=click.Path(exists=True, dir_okay=False),
    help=msg("A practice or project file."),
)
@click.option(
    "--framework",
    "framework_id",
    cls=LocalizedOption,
    help=msg("The framework whose questions to ask (default: the practice's)."),
)
@click.option(
    "--format",
    "fmt",
    cls=LocalizedOption,
    type=click.Choice(["markdown", "csv"]),
    default="markdown",
    show_default=True,
    help=_FORMAT,
)
@click.option("-o", "--output", cls=LocalizedOption, type=click.Path(dir_okay=False), help=_OUTPUT)
@click.pass_context
def worksheet(ctx: click.Context, path: str, framework_id: str | None, fmt: str, output: str | None) -> None:
    """Write a fill-in worksheet of a framework's guiding questions for a practice or project file."""
    from osallisuuden_palaset.assessing.answers import worksheet_csv, worksheet_markdown

    practices = _practices_of(path)
    if not practices:
        common.fail(say(common.lang(ctx), "{path} has no practices", path=path))
    fid = framework_id or practices[0].framework
    framework = _framework(ctx, fid)
    assert framework is not None
    render = worksheet_csv if fmt == "csv" else worksheet_markdown
    emit(render(practices, framework, common.lang(ctx)), output, inputs=[path])


@click.group(
    cls=LocalizedGroup,
    help=msg("Answers to guiding questions kept in model files."),
)
def answers() -> None:
    """Answers to guiding questions kept in model files."""


@answers.command(
    "import",
    help=msg(
        "Import a filled CSV worksheet into PATH, keeping the rest of the file; list what is unanswered."
    ),
)
@click.argument(
    "path",
    cls=LocalizedArgument,
    type=click.Path(exists=True, dir_okay=False),
    help=msg("The practice or project file that receives the answers."),
)
@click.argument(
    "answers_csv",
    cls=LocalizedArgument,
    metavar="ANSWERS.csv",
    type=click.Path(exists=True, dir_okay=False),
    help=msg("The filled worksheet (`palaset worksheet --format csv`)."),
)
@click.pass_context
def import_(ctx: click.Context, path: str, answers_csv: str) -> None:
    """Import a filled CSV worksheet into PATH, keeping the rest of the file; list what is unanswered."""
    from osallisuuden_palaset.assessing.answer_import import import_answers
    from osallisuuden_palaset.assessing.answers import unanswered
    from osallisuuden_palaset.files.atomicfile import FileChangedError

    known = common.frameworks(ctx)
    lang = common.lang(ctx)
    try:
        result = import_answers(path, answers_csv, known)
    except LoadError:
        raise  # ended in cli.main.LazyGroup, not by the catch-all below
    except FileChangedError:
        common.fail(
            say(
                lang,
                "{path} changed while the answers were being imported (edited elsewhere?): nothing was "
                "written; save your edits and import again",
                path=path,
            )
        )
    except PalasetError as error:
        common.fail(error)
    added = say_n(lang, "{n} answer added", "{n} answers added", len(result.added))
    updated = say_n(lang, "{n} updated", "{n} updated", len(result.updated))
    unchanged = say_n(lang, "{n} unchanged", "{n} unchanged", len(result.unchanged))
    terminal.echo(f"{added}, {updated}, {unchanged}")
    for practice in _practices_of(path):
        framework = known.get(practice.framework)
        if framework is None:
            continue
        for q in unanswered(practice, framework):
            status = label(f"answer_status.{q.status}", lang)
            terminal.echo(
                f"{practice.id}: {q.question}: " + say(lang, "unanswered ({status})", status=status)
            )
