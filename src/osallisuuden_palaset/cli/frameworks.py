"""``palaset frameworks``: list the registered frameworks, or show one in full."""

from __future__ import annotations

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import (
    LocalizedArgument,
    LocalizedGroup,
)
from osallisuuden_palaset.cli.output import echo_json, format_option
from osallisuuden_palaset.errors import LoadError, PalasetError, did_you_mean
from osallisuuden_palaset.messages.catalogue import msg, say, say_n
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.model.framework import (
    Framework,
    FrameworkKind,
    Provenance,
    ProvenanceKind,
    Question,
)
from osallisuuden_palaset.model.text import Lang, Text


def describe_provenance(provenance: Provenance, lang: Lang) -> str:
    """Where a question's wording comes from, e.g. "mukaelma THL:n kysymyksestä 3"."""
    if provenance.kind is ProvenanceKind.WRITTEN:
        return value_label(provenance.kind, lang)  # as the reports say it (output.reporting.provenance_note)
    who = (provenance.source or "").split(":")[0].strip() or "?"
    official = provenance.kind is ProvenanceKind.OFFICIAL
    number = None if provenance.number is None else str(provenance.number)  # a number, not an amount
    if who.isupper() and " " not in who:  # an acronym (THL, IAP2) takes a colon ending: THL:n, THL:s
        return _by_acronym(lang, who, number, official=official)
    if number is None:
        if official:
            return say(lang, "official wording of a question by {who}", who=who)
        return say(lang, "paraphrase of a question by {who}", who=who)
    if official:
        return say(lang, "official wording of question {number} by {who}", who=who, number=number)
    return say(lang, "paraphrase of question {number} by {who}", who=who, number=number)


def _by_acronym(lang: Lang, who: str, number: str | None, *, official: bool) -> str:
    """The provenance of a question by a source named with an acronym (``who``: THL, IAP2)."""
    if number is None:
        if official:
            return say(lang, "official wording of a {who} question", who=who)
        return say(lang, "paraphrase of a {who} question", who=who)
    if official:
        return say(lang, "official wording of {who} question {number}", who=who, number=number)
    return say(lang, "paraphrase of {who} question {number}", who=who, number=number)


def _parts(framework: Framework, lang: Lang) -> str:
    """How many dimensions (levels, elements), principles and guiding questions ``framework`` has."""
    n = len(framework.dimensions)
    if framework.kind is FrameworkKind.ORDINAL:
        parts = say_n(lang, "{n} level", "{n} levels", n)
    elif framework.kind is FrameworkKind.CHECKLIST:
        parts = say_n(lang, "{n} element", "{n} elements", n)
    else:
        parts = say_n(lang, "{n} dimension", "{n} dimensions", n)
    principles = say_n(lang, "{n} principle", "{n} principles", len(framework.principles))
    questions = say_n(lang, "{n} guiding question", "{n} guiding questions", len(framework.questions))
    return f"{parts}, {principles}, {questions}"


@click.group(
    cls=LocalizedGroup,
    invoke_without_command=True,
    help=msg("List the frameworks: built-in, from plugins and from --framework-file."),
)
@format_option()
@click.pass_context
def frameworks(ctx: click.Context, fmt: str) -> None:
    """List the frameworks: built-in, from plugins and from --framework-file."""
    if ctx.invoked_subcommand is not None:
        return
    found = _frameworks(ctx)
    lang = common.lang(ctx)
    if fmt == "json":
        rows = [
            {
                "id": f.id,
                "name": f.name.get(lang),
                "kind": f.kind.value,
                "dimensions": len(f.dimensions),
                "principles": len(f.principles),
                "questions": len(f.questions),
            }
            for f in found.values()
        ]
        echo_json(rows)
        return
    if not found:
        terminal.echo(say(lang, "No frameworks are registered."))
    for f in found.values():
        terminal.echo(f"{f.id}\t{f.name.get(lang)} ({value_label(f.kind, lang)}; {_parts(f, lang)})")


@frameworks.command(
    help=msg("Show one framework: dimensions, principles and guiding questions with their provenance.")
)
@click.argument(
    "framework_id",
    cls=LocalizedArgument,
    metavar="ID",
    help=msg("The framework's id (`palaset frameworks` lists them)."),
)
@format_option()
@click.pass_context
def show(ctx: click.Context, framework_id: str, fmt: str) -> None:
    """Show one framework: dimensions, principles and guiding questions with their provenance."""
    found = _frameworks(ctx)
    framework = found.get(framework_id)
    if framework is None:
        lang = common.lang(ctx)
        hint = did_you_mean(framework_id, found)
        known = (
            say(lang, "known: {ids}", ids=", ".join(sorted(found))) if found else say(lang, "none are known")
        )
        known = f"{hint} {known}" if hint else known
        common.fail(say(lang, "unknown framework {ident!r} ({known})", ident=framework_id, known=known))
    if fmt == "json":
        from osallisuuden_palaset.files.converting import unstructure

        echo_json(unstructure(framework))
    else:
        terminal.echo(render_text(framework, common.lang(ctx)), nl=False)


def _frameworks(ctx: click.Context) -> dict[str, Framework]:
    try:
        return common.frameworks(ctx)
    except LoadError:
        raise  # a --framework-file's problems, ended in cli.main.LazyGroup
    except PalasetError as error:
        common.fail(error)


def render_text(framework: Framework, lang: Lang) -> str:
    """A readable account of ``framework`` in ``lang`` (falling back to the languages present)."""
    lines = [f"{framework.name.get(lang)} ({framework.id})"]
    lines.append(say(lang, "Kind: {kind}", kind=value_label(framework.kind, lang)))
    lines += _source_lines(framework, lang)
    if framework.description is not None:
        lines += ["", framework.description.get(lang)]
    for number, dimension in enumerate(framework.dimensions, start=1):
        lines += ["", f"{number}. {dimension.name.get(lang)} [{dimension.id}]"]
        lines += _indented(dimension.description, lang, "   ")
        principles = framework.principles_of(dimension.id)
        if principles:
            lines.append("   " + say(lang, "Principles:"))
            for p in principles:
                lines.append(f"   - {p.id}: {p.name.get(lang)}")
                lines += _indented(p.description, lang, "     ")
        questions = list(framework.iter_questions(dimension.id))
        if questions:
            lines.append("   " + say(lang, "Guiding questions:"))
            lines += [line for q in questions for line in _question_lines(q, lang)]
    loose = [q for q in framework.questions if q.dimension is None and q.principle is None]
    if loose:
        lines += ["", say(lang, "Guiding questions:")]
        lines += [line for q in loose for line in _question_lines(q, lang)]
    return "\n".join(lines) + "\n"


def _source_lines(framework: Framework, lang: Lang) -> list[str]:
    source = framework.source
    parts = [source.title, source.publisher, str(source.year) if source.year else None, source.url]
    lines = [say(lang, "Source: {source}", source=", ".join(p for p in parts if p))]
    if source.note is not None:
        lines.append(f"  {source.note.get(lang)}")
    return lines


def _question_lines(question: Question, lang: Lang) -> list[str]:
    where = ", ".join(x for x in (question.principle,) if x)
    theme = f"{question.theme.get(lang)}: " if question.theme is not None else ""
    head = f"   - {question.id}{f' ({where})' if where else ''}: {theme}{question.text.get(lang)}"
    return [head, f"     [{describe_provenance(question.provenance, lang)}]"]


def _indented(value: Text | None, lang: Lang, prefix: str) -> list[str]:
    return [f"{prefix}{value.get(lang)}"] if value is not None else []
