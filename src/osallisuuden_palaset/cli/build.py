"""``palaset build``: validate, then write every export, diagram and an index page into one folder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import click

from osallisuuden_palaset.cli import terminal
from osallisuuden_palaset.cli.common import fail, frameworks, lang, load, paths_argument
from osallisuuden_palaset.cli.export import registered_exporters
from osallisuuden_palaset.cli.helptext import LocalizedCommand, LocalizedOption
from osallisuuden_palaset.cli.output import hold_folder
from osallisuuden_palaset.cli.report_inputs import ReportInputs, check_findings, report_options, survey_report
from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.files.atomicfile import write_atomic
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Lang, Text
from osallisuuden_palaset.output.exporting import Exportable, Exporter, SurveyResults, export

if TYPE_CHECKING:
    from osallisuuden_palaset.model.evaluation import Finding


@attrs.frozen
class Item:
    """One thing to export: a practice, a project or the collection, and its file stem."""

    kind: str
    model: Exportable
    stem: str


@attrs.frozen
class Written:
    """One output file, relative to the output folder."""

    item: str
    label: str
    path: str


@attrs.frozen
class Failure:
    """One output that could not be made, and why."""

    item: str
    label: str
    message: str


def plan(collection: Exportable) -> tuple[Item, ...]:
    """Every practice, every project and the collection, with unique file stems.

    A stem is the id; an id that two kinds share (a practice and a project) gets ``.<kind>`` added,
    and a stem that is still taken (``x.practice`` may be another practice's id) gets ``-2``,
    ``-3``, …, so that no output overwrites another; the same models always get the same stems.
    """
    from osallisuuden_palaset.model.project import Collection

    assert isinstance(collection, Collection)
    found: list[tuple[str, Exportable, str]] = [("practice", p, p.id) for p in collection.all_practices()]
    found += [("project", p, p.id) for p in collection.projects]
    found.append(("collection", collection, collection.id))
    counts = Counter(ident for _, _, ident in found)
    stems = unique_names([ident if counts[ident] == 1 else f"{ident}.{kind}" for kind, _, ident in found])
    return tuple(Item(kind, model, stem) for (kind, model, _), stem in zip(found, stems, strict=True))


def unique_names(wanted: Sequence[str]) -> list[str]:
    """``wanted``, made unique in order: a name keeps itself the first time, later ones get ``-2``, ``-3``, …

    A numbered name is never one that is wanted as such anywhere in ``wanted``.
    """
    counts = Counter(wanted)
    used: set[str] = set()
    out: list[str] = []
    for name in wanted:
        candidate, number = name, 1
        while candidate in used or (candidate != name and counts[candidate]):
            number += 1
            candidate = f"{name}-{number}"
        used.add(candidate)
        out.append(candidate)
    return out


def write_exports(
    items: tuple[Item, ...],
    exporters: Mapping[str, Exporter],
    out: Path,
    *,
    lang: Lang,
    frameworks: Mapping[str, Framework],
    context: Context,
    findings: Mapping[str, tuple[Finding, ...]] | None = None,
    surveys: Mapping[str, SurveyResults] | None = None,
    progress: Callable[[str], None] = lambda _: None,
    taken: dict[str, str] | None = None,
) -> tuple[list[Written], list[Failure]]:
    """Write ``out/<format>/<stem><suffix>`` for every item every exporter accepts.

    ``findings`` and ``surveys`` go into every export (see :class:`ExportRequest`); a survey's
    ``chart_file`` is relative to a format's folder. ``taken`` (shared by one build's writers)
    maps each path written so far to its item: a second output for a path is a failure
    naming both, never an overwrite.
    """
    written: list[Written] = []
    failures: list[Failure] = []
    taken = {} if taken is None else taken
    for name in sorted(exporters):
        exporter = exporters[name]
        folder = out / name
        for item in items:
            if not exporter.can_export(item.model):
                continue
            target = folder / f"{item.stem}{exporter.suffix}"
            clash = _claim(taken, target.relative_to(out).as_posix(), item.stem)
            if clash is not None:
                failures.append(Failure(item.stem, name, clash))
                continue
            try:
                folder.mkdir(parents=True, exist_ok=True)
                data = export(
                    exporter,
                    item.model,
                    lang=lang,
                    frameworks=frameworks,
                    context=context,
                    findings=findings,
                    surveys=surveys,
                )
                write_atomic(target, data)
            except PalasetError as error:
                failures.append(Failure(item.stem, name, str(error)))
                continue
            except Exception as error:  # one format's bug must not stop the others
                failures.append(Failure(item.stem, name, f"{type(error).__name__}: {error}"))
                continue
            written.append(Written(item.stem, name, target.relative_to(out).as_posix()))
            progress(target.relative_to(out).as_posix())
    return written, failures


def write_survey_chart(
    practice: str, results: SurveyResults, out: Path, *, lang: Lang
) -> tuple[SurveyResults, Written]:
    """Write ``out/surveys/<practice>.svg``: the results with the chart linked from a format's folder."""
    from osallisuuden_palaset.surveying.evidence import section_chart

    target = out / "surveys" / f"{practice}.svg"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, section_chart(results.report, lang=lang).encode("utf-8"))
    relative = target.relative_to(out).as_posix()
    return attrs.evolve(results, chart_file=f"../{relative}"), Written(practice, "survey", relative)


def write_diagrams(
    items: tuple[Item, ...],
    out: Path,
    *,
    lang: Lang,
    frameworks: Mapping[str, Framework],
    context: Context,
    progress: Callable[[str], None] = lambda _: None,
    taken: dict[str, str] | None = None,
) -> tuple[list[Written], list[Failure], list[str]]:
    """Write ``out/diagrams/<stem>.<view>.gv`` per item and view, and ``.svg`` where ``dot`` exists.

    Practices get the flow and framework views; projects and the collection the overview too.
    ``taken`` is as for :func:`write_exports`.
    """
    taken = {} if taken is None else taken
    from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
    from osallisuuden_palaset.rendering.drawing import GraphvizMissing, find_dot, render

    written: list[Written] = []
    failures: list[Failure] = []
    notes: list[str] = []
    folder = out / "diagrams"
    try:
        find_dot()
        have_dot = True
    except GraphvizMissing:
        have_dot = False
        notes.append("Graphviz 'dot' is not on PATH: wrote .gv diagrams only (no .svg)")
    for item in items:
        views = ("flow", "framework") if item.kind == "practice" else ("flow", "framework", "overview")
        for view in views:
            stem = f"{item.stem}.{view}"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                options = DiagramOptions(view=view, lang=lang)
                source = diagram_source(item.model, options, frameworks=frameworks, context=context)
                outputs = {"gv": source.encode("utf-8")}
                if have_dot:
                    outputs["svg"] = render(source, "svg", name=stem)
            except PalasetError as error:
                failures.append(Failure(item.stem, f"diagram ({view})", str(error)))
                continue
            except Exception as error:  # a diagram bug must not stop the exports
                failures.append(Failure(item.stem, f"diagram ({view})", f"{type(error).__name__}: {error}"))
                continue
            for fmt, data in outputs.items():
                target = folder / f"{stem}.{fmt}"
                clash = _claim(taken, target.relative_to(out).as_posix(), item.stem)
                if clash is not None:
                    failures.append(Failure(item.stem, f"diagram ({view})", clash))
                    continue
                write_atomic(target, data)
                written.append(Written(item.stem, fmt, target.relative_to(out).as_posix()))
                progress(target.relative_to(out).as_posix())
    return written, failures, notes


def _claim(taken: dict[str, str], path: str, item: str) -> str | None:
    """Take ``path`` for ``item``; when another item has it already, why this one cannot."""
    if path in taken:
        return f"{path} is written for {taken[path]!r} already, so it is not overwritten"
    taken[path] = item
    return None


def index_page(collection: Exportable, items: tuple[Item, ...], written: list[Written], lang: Lang) -> bytes:
    """The index.html linking every written file, grouped by item (deterministic, self-contained)."""
    from osallisuuden_palaset.messages.labels import labels_for
    from osallisuuden_palaset.output.templating import html_environment

    by_item: dict[str, list[Written]] = {}
    for w in written:
        by_item.setdefault(w.item, []).append(w)
    rows = [(item, sorted(by_item.get(item.stem, []), key=lambda w: w.path)) for item in items]
    template = html_environment().get_template("index.html.j2")
    return template.render(model=collection, rows=rows, lang=lang, L=labels_for(lang)).encode("utf-8")


@click.command(
    "build",
    cls=LocalizedCommand,
    help=Text(
        fi="Tarkista PATHS ja kirjoita sitten jokaisen toimintamallin, hankkeen ja kokonaisuuden "
        "kaikki muodot.\n\n"
        "Kirjoittaa DIR/<muoto>/<id><pääte> jokaiselle rekisteröidylle muodolle, joka hyväksyy mallin, "
        "DIR/diagrams/<id>.gv (ja .svg, kun Graphviz on asennettu) sekä DIR/index.html, joka linkittää "
        "kaiken. Tiedostot kirjoitetaan atomisesti; sama syöte tuottaa samat tavut. Epäonnistuva "
        "kohde ei pysäytä muita: epäonnistumiset luetellaan lopuksi ja paluuarvo on 1.\n\n"
        "Raportit sisältävät kunkin toimintamallin arviointiliitteen kaikkien rekisteröityjen "
        "tarkistusten havaintoineen (--no-checks jättää ne pois). --survey-valinnalla toimintamallin "
        "raportit näyttävät kyselyn tulokset (pienet ryhmät piilotettuina) ja DIR/surveys/<practice>.svg "
        "sisältää kaavion, johon Markdown-raportit linkittävät.",
        en="Validate PATHS, then write every format of every practice, project and the collection.\n\n"
        "Writes DIR/<format>/<id><suffix> for each registered format that accepts the model, "
        "DIR/diagrams/<id>.gv (and .svg when Graphviz is installed) and DIR/index.html linking "
        "everything. Files are written atomically; the same input gives the same bytes. A failing "
        "item does not stop the others: failures are listed at the end and the exit status is 1.\n\n"
        "The reports carry each practice's evaluation appendix with the findings of every "
        "registered check (--no-checks leaves them out). With --survey, the practice's reports "
        "show the survey results (small groups suppressed) and DIR/surveys/<practice>.svg holds "
        "the chart the Markdown reports link.",
        sv="Kontrollera PATHS och skriv sedan alla format för varje verksamhetsmodell, projekt och "
        "helheten.\n\n"
        "Skriver DIR/<format>/<id><ändelse> för varje registrerat format som tar emot modellen, "
        "DIR/diagrams/<id>.gv (och .svg när Graphviz är installerat) och DIR/index.html som länkar "
        "till allt. Filerna skrivs atomiskt; samma indata ger samma byte. En post som misslyckas "
        "stoppar inte de andra: misslyckandena listas i slutet och slutstatus är 1.\n\n"
        "Rapporterna innehåller varje verksamhetsmodells utvärderingsbilaga med fynden från alla "
        "registrerade kontroller (--no-checks utelämnar dem). Med --survey visar verksamhetsmodellens "
        "rapporter enkätresultaten (små grupper döljs) och DIR/surveys/<practice>.svg innehåller "
        "diagrammet som Markdown-rapporterna länkar till.",
    ),
)
@paths_argument(
    Text(
        fi="Mallitiedostot ja kansiot.",
        en="Model files and folders.",
        sv="Modellfiler och mappar.",
    )
)
@click.option(
    "--output",
    "-o",
    cls=LocalizedOption,
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help=Text(
        fi="Kansio, johon kirjoitetaan (luodaan tarvittaessa).",
        en="Folder to write into (made if missing).",
        sv="Mapp att skriva till (skapas om den saknas).",
    ),
)
@click.option(
    "--no-diagrams",
    cls=LocalizedOption,
    is_flag=True,
    help=Text(
        fi="Jätä Graphviz-kaaviot tekemättä.",
        en="Skip the Graphviz diagrams.",
        sv="Hoppa över Graphviz-diagrammen.",
    ),
)
@click.option(
    "--quiet",
    "-q",
    cls=LocalizedOption,
    is_flag=True,
    help=Text(
        fi="Tulosta vain epäonnistumiset.",
        en="Print only failures.",
        sv="Skriv bara ut misslyckanden.",
    ),
)
@report_options
@click.pass_context
def build(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    output: Path,
    no_diagrams: bool,
    quiet: bool,
    **report: Any,
) -> None:
    """Validate PATHS, then write every format of every practice, project and the collection."""
    workspace = load(ctx, paths)  # prints every problem as FILE:LINE:COL and exits 1
    language = lang(ctx)
    known = frameworks(ctx)
    exporters = registered_exporters(ctx)
    items = plan(workspace.collection)
    inputs = ReportInputs.of(report)
    findings = None if inputs.no_checks else check_findings(ctx, workspace)
    surveyed = survey_report(ctx, inputs, workspace, None)
    hold_folder(output, paths)  # not an input folder; locked; temporaries of a killed run removed
    surveys: dict[str, SurveyResults] = {}
    charts: list[Written] = []
    taken = {"index.html": "index"}  # every path written, and for what: nothing is written twice
    if surveyed is not None:
        practice, survey = surveyed
        try:
            results, chart = write_survey_chart(practice, SurveyResults(survey), output, lang=language)
        except PalasetError as error:
            fail(str(error))
        surveys[practice] = results
        charts.append(chart)
        taken[chart.path] = practice

    def progress(path: str) -> None:
        if not quiet:
            terminal.echo(f"  {path}", err=True)

    written, failures = write_exports(
        items,
        exporters,
        output,
        lang=language,
        frameworks=known,
        context=workspace.context,
        findings=findings,
        surveys=surveys,
        progress=progress,
        taken=taken,
    )
    written += charts
    notes: list[str] = []
    if not no_diagrams:
        more, failed, notes = write_diagrams(
            items,
            output,
            lang=language,
            frameworks=known,
            context=workspace.context,
            progress=progress,
            taken=taken,
        )
        written += more
        failures += failed
    count = len(written)  # each a path of its own (``taken``)
    try:
        write_atomic(output / "index.html", index_page(workspace.collection, items, written, language))
        count += 1
    except PalasetError as error:
        failures.append(Failure("index", "html", str(error)))
    for note in notes:
        terminal.echo(f"palaset: note: {note}", err=True)
    if not quiet:
        terminal.echo(f"palaset: wrote {count} files into {output}", err=True)
    if failures:
        for f in failures:
            terminal.echo(f"palaset: {f.item} ({f.label}): {f.message}", err=True)
        fail(f"{len(failures)} output(s) failed")
