"""``palaset assess``, ``diff``, ``worksheet`` and ``answers import``: assessment from the command line."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from osallisuuden_palaset.cli import common
from osallisuuden_palaset.cli.output import echo_json, emit, format_option
from osallisuuden_palaset.errors import LoadError, PalasetError, nearest

if TYPE_CHECKING:
    from osallisuuden_palaset.assessing.checking import Check
    from osallisuuden_palaset.model.framework import Framework
    from osallisuuden_palaset.model.practice import Practice


def _checks(ctx: click.Context, only: tuple[str, ...], skip: tuple[str, ...]) -> list[Check]:
    from osallisuuden_palaset.assessing.checking import Check
    from osallisuuden_palaset.registry import get_checks

    registered = get_checks(common.plugin_manager(ctx))
    for ident in (*only, *skip):
        if ident not in registered:
            common.fail(f"no check {ident!r} ({nearest(ident, registered)}); 'palaset plugins' lists them")
    out = []
    for ident, check in registered.items():
        if (only and ident not in only) or ident in skip:
            continue
        if not isinstance(check, Check):
            click.echo(f"palaset: check {ident!r} is not a Check object and was skipped", err=True)
            continue
        out.append(check)
    return out


def _framework(ctx: click.Context, ident: str | None) -> Framework | None:
    if ident is None:
        return None
    known = common.frameworks(ctx)
    if ident not in known:
        common.fail(
            f"framework {ident!r} is not known ({nearest(ident, known)}); 'palaset frameworks' lists them"
        )
    return known[ident]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--framework", "framework_id", help="Assess against this framework instead of each practice's own."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this severity exists.",
)
@click.option("--check", "only", multiple=True, help="Run only this check (repeatable).")
@click.option("--skip-check", "skip", multiple=True, help="Do not run this check (repeatable).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.pass_context
def assess(
    ctx: click.Context,
    paths: tuple[str, ...],
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
    from osallisuuden_palaset.model.evaluation import Severity

    chosen = _framework(ctx, framework_id)
    workspace = common.load(ctx, paths)
    checks = _checks(ctx, only, skip)
    locate = common.claim_locator(workspace)
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
    emit(text, output)
    if fail_on != "never" and fails(assessment.findings, Severity(fail_on)):
        sys.exit(1)


def _practices_of(path: str) -> list[Practice]:
    from osallisuuden_palaset.loading import load_document
    from osallisuuden_palaset.model.practice import Practice
    from osallisuuden_palaset.model.project import Project

    try:
        model = load_document(path).model
    except LoadError as error:
        common.report_problems(error)
        sys.exit(1)
    if isinstance(model, Practice):
        return [model]
    if isinstance(model, Project):
        return list(model.practices)
    return common.fail(f"{path} holds no practice or project")


@click.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@format_option(help=None)
def diff(old: str, new: str, fmt: str) -> None:
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
    sign = {"added": "+", "removed": "-", "changed": "~"}
    for d in diffs:
        click.echo(d.old if d.old == d.new else f"{d.old} → {d.new}")
        for c in d.changes:
            tail = f" ({', '.join(c.fields)})" if c.fields else ""
            click.echo(f"  {sign[c.kind.value]} {c.area} {c.key}{tail}")
        if d.is_empty:
            click.echo("  =")
    if not (len(olds) == 1 and len(news) == 1):
        for ident in gone:
            click.echo(f"- practice {ident}")
        for ident in came:
            click.echo(f"+ practice {ident}")


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--framework", "framework_id", help="The framework whose questions to ask (default: the practice's)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["markdown", "csv"]), default="markdown", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.pass_context
def worksheet(ctx: click.Context, path: str, framework_id: str | None, fmt: str, output: str | None) -> None:
    """Write a fill-in worksheet of a framework's guiding questions for a practice or project file."""
    from osallisuuden_palaset.assessing.answers import worksheet_csv, worksheet_markdown

    practices = _practices_of(path)
    if not practices:
        common.fail(f"{path} has no practices")
    fid = framework_id or practices[0].framework
    framework = _framework(ctx, fid)
    assert framework is not None
    render = worksheet_csv if fmt == "csv" else worksheet_markdown
    emit(render(practices, framework, common.lang(ctx)), output)


@click.group()
def answers() -> None:
    """Answers to guiding questions kept in model files."""


@answers.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.argument("answers_csv", metavar="ANSWERS.csv", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_(ctx: click.Context, path: str, answers_csv: str) -> None:
    """Import a filled CSV worksheet into PATH, keeping the rest of the file; list what is unanswered."""
    from osallisuuden_palaset.assessing.answer_import import import_answers
    from osallisuuden_palaset.assessing.answers import unanswered

    known = common.frameworks(ctx)
    try:
        result = import_answers(path, answers_csv, known)
    except LoadError as error:
        common.report_problems(error)
        sys.exit(1)
    except PalasetError as error:
        common.fail(str(error))
    lang = common.lang(ctx)
    summary = {
        "fi": "{a} lisätty, {u} päivitetty, {s} ennallaan",
        "en": "{a} added, {u} updated, {s} unchanged",
        "sv": "{a} tillagda, {u} uppdaterade, {s} oförändrade",
    }[lang]
    click.echo(summary.format(a=len(result.added), u=len(result.updated), s=len(result.unchanged)))
    for practice in _practices_of(path):
        framework = known.get(practice.framework)
        if framework is None:
            continue
        for q in unanswered(practice, framework):
            label = {"fi": "vastaamatta", "en": "unanswered", "sv": "obesvarad"}[lang]
            click.echo(f"{practice.id}: {q.question}: {label} ({q.status})")
