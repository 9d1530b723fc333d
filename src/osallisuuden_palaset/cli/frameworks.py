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
from osallisuuden_palaset.messages.labels import LabelTable, value_label
from osallisuuden_palaset.model.framework import (
    Framework,
    FrameworkKind,
    Provenance,
    ProvenanceKind,
    Question,
)
from osallisuuden_palaset.model.text import Lang, Text

_label = LabelTable(
    {
        "dimensions": ("osa-aluetta", "dimensions", "delområden"),
        "levels": ("tasoa", "levels", "nivåer"),
        "elements": ("osatekijää", "elements", "element"),
        "principles": ("periaatetta", "principles", "principer"),
        "questions": ("apukysymystä", "guiding questions", "hjälpfrågor"),
        "kind": ("Tyyppi", "Kind", "Typ"),
        "source": ("Lähde", "Source", "Källa"),
        "dimension": ("Osa-alue", "Dimension", "Delområde"),
        "principle_heading": ("Periaatteet", "Principles", "Principer"),
        "question_heading": ("Apukysymykset", "Guiding questions", "Hjälpfrågor"),
        "none": ("Ei rekisteröityjä viitekehyksiä.", "No frameworks are registered.", "Inga referensramar."),
        "written": (
            "kirjaston oma kysymys",
            "question written by this library",
            "fråga skriven av biblioteket",
        ),
    }
)


#: What a framework's dimensions are called, by its kind.
_DIMENSION_WORD = {
    FrameworkKind.CATEGORICAL: "dimensions",
    FrameworkKind.ORDINAL: "levels",
    FrameworkKind.CHECKLIST: "elements",
}


def describe_provenance(provenance: Provenance, lang: Lang) -> str:
    """Where a question's wording comes from, e.g. "mukaelma THL:n kysymyksestä 3"."""
    if provenance.kind is ProvenanceKind.WRITTEN:
        return _label("written", lang)
    who = (provenance.source or "").split(":")[0].strip() or "?"
    number = f" {provenance.number}" if provenance.number is not None else ""
    acronym = who.isupper() and " " not in who
    official = provenance.kind is ProvenanceKind.OFFICIAL
    if lang == "en":
        article = "" if number else "a "
        return f"{'official wording of' if official else 'paraphrase of'} {article}{who} question{number}"
    if lang == "sv":
        owner = f"{who}:s" if acronym else f"{who}s"
        return f"{'officiell formulering av' if official else 'omskrivning av'} {owner} fråga{number}"
    owner = f"{who}:n" if acronym else f"lähteen {who}"
    return f"{owner} virallinen kysymys{number}" if official else f"mukaelma {owner} kysymyksestä{number}"


@click.group(
    cls=LocalizedGroup,
    invoke_without_command=True,
    help=Text(
        fi="Luettele viitekehykset: sisäänrakennetut, laajennusten tuomat ja --framework-file-tiedostot.",
        en="List the frameworks: built-in, from plugins and from --framework-file.",
        sv="Lista referensramarna: inbyggda, från tillägg och från --framework-file.",
    ),
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
        terminal.echo(_label("none", lang))
    for f in found.values():
        counts = ", ".join(
            f"{n} {_label(key, lang)}"
            for n, key in (
                (len(f.dimensions), _DIMENSION_WORD[f.kind]),
                (len(f.principles), "principles"),
                (len(f.questions), "questions"),
            )
        )
        terminal.echo(f"{f.id}\t{f.name.get(lang)} ({value_label(f.kind, lang)}; {counts})")


@frameworks.command(
    help=Text(
        fi="Näytä yksi viitekehys: osa-alueet, periaatteet ja apukysymykset lähteineen.",
        en="Show one framework: dimensions, principles and guiding questions with their provenance.",
        sv="Visa en referensram: delområden, principer och stödfrågor med deras ursprung.",
    )
)
@click.argument(
    "framework_id",
    cls=LocalizedArgument,
    metavar="ID",
    help=Text(
        fi="Viitekehyksen tunnus (`palaset frameworks` luettelee ne).",
        en="The framework's id (`palaset frameworks` lists them).",
        sv="Referensramens id (`palaset frameworks` listar dem).",
    ),
)
@format_option()
@click.pass_context
def show(ctx: click.Context, framework_id: str, fmt: str) -> None:
    """Show one framework: dimensions, principles and guiding questions with their provenance."""
    found = _frameworks(ctx)
    framework = found.get(framework_id)
    if framework is None:
        hint = did_you_mean(framework_id, found)
        known = "known: " + (", ".join(sorted(found)) or "none")
        common.fail(f"unknown framework {framework_id!r} ({hint + ' ' if hint else ''}{known})")
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
        common.fail(str(error))


def render_text(framework: Framework, lang: Lang) -> str:
    """A readable account of ``framework`` in ``lang`` (falling back to the languages present)."""
    lines = [f"{framework.name.get(lang)} ({framework.id})"]
    lines.append(f"{_label('kind', lang)}: {value_label(framework.kind, lang)}")
    lines += _source_lines(framework, lang)
    if framework.description is not None:
        lines += ["", framework.description.get(lang)]
    for number, dimension in enumerate(framework.dimensions, start=1):
        lines += ["", f"{number}. {dimension.name.get(lang)} [{dimension.id}]"]
        lines += _indented(dimension.description, lang, "   ")
        principles = framework.principles_of(dimension.id)
        if principles:
            lines.append(f"   {_label('principle_heading', lang)}:")
            for p in principles:
                lines.append(f"   - {p.id}: {p.name.get(lang)}")
                lines += _indented(p.description, lang, "     ")
        questions = list(framework.iter_questions(dimension.id))
        if questions:
            lines.append(f"   {_label('question_heading', lang)}:")
            lines += [line for q in questions for line in _question_lines(q, lang)]
    loose = [q for q in framework.questions if q.dimension is None and q.principle is None]
    if loose:
        lines += ["", f"{_label('question_heading', lang)}:"]
        lines += [line for q in loose for line in _question_lines(q, lang)]
    return "\n".join(lines) + "\n"


def _source_lines(framework: Framework, lang: Lang) -> list[str]:
    source = framework.source
    parts = [source.title, source.publisher, str(source.year) if source.year else None, source.url]
    lines = [f"{_label('source', lang)}: " + ", ".join(p for p in parts if p)]
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
