"""The pipeline of ``palaset build``: hold the folder, plan the outputs, write exports, diagrams, index."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from osallisuuden_palaset.errors import PalasetError, reason
from osallisuuden_palaset.files.atomicfile import remove_temporaries, write_atomic
from osallisuuden_palaset.files.folder_lock import locked
from osallisuuden_palaset.messages.catalogue import msg, msg_n
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.output.dashboard import Dashboard, build_dashboard
from osallisuuden_palaset.output.exporting import Exportable, Exporter, SurveyResults, export

if TYPE_CHECKING:
    from osallisuuden_palaset.model.evaluation import Finding
    from osallisuuden_palaset.rendering.drawing import RenderOutcome
    from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport


@attrs.frozen
class PlannedFile:
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


#: The longest file stem an id gives, in characters and in UTF-8 bytes: with what follows it
#: (``.collection``, ``-2``, ``.framework.svg``, a format's suffix) a name stays well under the
#: 255 bytes a file system allows, even when every letter is an 'ä' (two bytes).
MAX_STEM_CHARS = 100
MAX_STEM_BYTES = 200
#: How many hex digits of the id's SHA-256 end a shortened stem.
DIGEST_CHARS = 12


def file_stem(ident: str) -> str:
    """The file stem for id ``ident``: the id itself, or for a longer one, its start + ``-`` + a digest.

    An id of more than :data:`MAX_STEM_CHARS` characters (or :data:`MAX_STEM_BYTES` bytes) keeps
    as much of its start as fits beside ``-`` and the first :data:`DIGEST_CHARS` hex digits of
    the SHA-256 of the whole id: readable, the same every time, and different for different ids.
    """
    if len(ident) <= MAX_STEM_CHARS and len(ident.encode("utf-8")) <= MAX_STEM_BYTES:
        return ident
    digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:DIGEST_CHARS]
    start = ident[: MAX_STEM_CHARS - 1 - DIGEST_CHARS]
    while len(start.encode("utf-8")) > MAX_STEM_BYTES - 1 - DIGEST_CHARS:
        start = start[:-1]
    return f"{start}-{digest}"


def plan(collection: Exportable) -> tuple[PlannedFile, ...]:
    """Every practice, every project and the collection, with unique file stems.

    A stem is the id (a long one shortened by :func:`file_stem`); a stem that two kinds share (a
    practice and a project) gets ``.<kind>`` added, and a stem that is still taken
    (``x.practice`` may be another practice's id) gets ``-2``, ``-3``, …, so that no output
    overwrites another; the same models always get the same stems.
    """
    assert isinstance(collection, Collection)
    found: list[tuple[str, Exportable, str]] = [
        ("practice", p, file_stem(p.id)) for p in collection.all_practices()
    ]
    found += [("project", p, file_stem(p.id)) for p in collection.projects]
    found.append(("collection", collection, file_stem(collection.id)))
    counts = Counter(stem for _, _, stem in found)
    stems = unique_names([stem if counts[stem] == 1 else f"{stem}.{kind}" for kind, _, stem in found])
    return tuple(PlannedFile(kind, model, stem) for (kind, model, _), stem in zip(found, stems, strict=True))


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
    items: tuple[PlannedFile, ...],
    exporters: Mapping[str, Exporter],
    out: Path,
    *,
    lang: Lang,
    frameworks: Mapping[str, Framework],
    context: Context,
    findings: Mapping[str, tuple[Finding, ...]] | None = None,
    surveys: Mapping[str, SurveyResults] | None = None,
    progress: Callable[[str, str, str], None] = lambda *_: None,
    taken: dict[str, str] | None = None,
    diagrams: bool = False,
) -> tuple[list[Written], list[Failure]]:
    """Write ``out/<format>/<stem><suffix>`` for every item every exporter accepts.

    With ``diagrams`` (:func:`write_diagrams` writes them too), a format that has the
    ``diagram_files`` option (html) links each practice's flow to ``../diagrams/<stem>.flow.svg``.

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
        options = _diagram_links(exporter, items) if diagrams else {}
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
                    options=options,
                )
                write_atomic(target, data)
            except PalasetError as error:
                failures.append(Failure(item.stem, name, reason(error)))
                continue
            except Exception as error:  # one format's bug must not stop the others
                failures.append(Failure(item.stem, name, f"{type(error).__name__}: {error}"))
                continue
            written.append(Written(item.stem, name, target.relative_to(out).as_posix()))
            progress(item.stem, name, target.relative_to(out).as_posix())
    return written, failures


def write_survey_chart(
    practice: str, results: SurveyResults, out: Path, *, lang: Lang
) -> tuple[SurveyResults, Written]:
    """Write ``out/surveys/<practice>.svg``: the results with the chart linked from a format's folder.

    A long practice id is shortened as :func:`file_stem` shortens it.
    """
    from osallisuuden_palaset.surveying.evidence import section_chart

    target = out / "surveys" / f"{file_stem(practice)}.svg"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, section_chart(results.report, lang=lang).encode("utf-8"))
    relative = target.relative_to(out).as_posix()
    return attrs.evolve(results, chart_file=f"../{relative}"), Written(practice, "survey", relative)


def write_diagrams(
    items: tuple[PlannedFile, ...],
    out: Path,
    *,
    lang: Lang,
    frameworks: Mapping[str, Framework],
    context: Context,
    progress: Callable[[str, str, str], None] = lambda *_: None,
    taken: dict[str, str] | None = None,
    workers: int | None = None,
) -> tuple[list[Written], list[Failure], list[str]]:
    """Write ``out/diagrams/<stem>.<view>.gv`` per item and view, and ``.svg`` where ``dot`` exists.

    Practices get the flow, framework and change (theory of change) views; projects and the
    collection the flow, the matrix (practices × principles: the framework view of many practices
    is a hairball) and the overview. The SVGs are drawn ``workers`` at a time (default: one per
    core) while the next DOT sources are built; the result lists the files in item and view
    order whatever order they finish in. ``taken`` is as for :func:`write_exports`.
    """
    taken = {} if taken is None else taken
    from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
    from osallisuuden_palaset.rendering.drawing import GraphvizMissing, RenderJob, find_dot, render_many

    failures: list[Failure] = []
    notes: list[str] = []
    folder = out / "diagrams"
    try:
        find_dot()
        have_dot = True
    except GraphvizMissing:
        have_dot = False
        notes.append(msg("Graphviz 'dot' is not on PATH: wrote .gv diagrams only (no .svg)"))
    #: Per diagram, in item and view order: its .gv, and its .svg once drawn.
    drawn: dict[str, list[Written]] = {}
    owner: dict[str, tuple[str, str]] = {}  # job name → (item stem, view)

    def jobs() -> Iterator[RenderJob]:
        for item in items:
            views = (
                ("flow", "framework", "change") if item.kind == "practice" else ("flow", "matrix", "overview")
            )
            for view in views:
                stem = f"{item.stem}.{view}"
                model, detail, note = bounded_picture(item, view)
                if note is not None:
                    notes.append(note)
                if model is None:
                    continue
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    options = DiagramOptions(view=view, lang=lang, detail=detail)
                    source = diagram_source(model, options, frameworks=frameworks, context=context)
                except PalasetError as error:
                    failures.append(Failure(item.stem, _diagram_label(view), reason(error)))
                    continue
                except Exception as error:  # a diagram bug must not stop the exports
                    failures.append(
                        Failure(item.stem, _diagram_label(view), f"{type(error).__name__}: {error}")
                    )
                    continue
                drawn[stem] = []
                owner[stem] = (item.stem, view)
                for fmt in ("gv", "svg") if have_dot else ("gv",):
                    target = folder / f"{stem}.{fmt}"
                    path = target.relative_to(out).as_posix()
                    clash = _claim(taken, path, item.stem)
                    if clash is not None:
                        failures.append(Failure(item.stem, _diagram_label(view), clash))
                        continue
                    if fmt == "gv":
                        write_atomic(target, source.encode("utf-8"))
                        drawn[stem].append(Written(item.stem, fmt, path))
                        progress(item.stem, fmt, path)
                    else:
                        yield RenderJob(stem, source, "svg", target)

    def finished(_done: int, _total: int, outcome: RenderOutcome) -> None:
        item, view = owner[outcome.job.name]
        if outcome.error is not None:
            failures.append(Failure(item, _diagram_label(view), reason(outcome.error)))
            return
        assert outcome.job.output is not None
        path = outcome.job.output.relative_to(out).as_posix()
        drawn[outcome.job.name].append(Written(item, "svg", path))
        progress(item, "svg", path)

    render_many(jobs(), workers=workers, progress=finished)
    written = [w for files in drawn.values() for w in files]
    return written, failures, notes


def _diagram_links(exporter: Exporter, items: tuple[PlannedFile, ...]) -> dict[str, str]:
    """The ``diagram_files`` option for ``exporter``: given when it has it and every practice's
    diagram is named after its id (no stem had to be made unique), so that no link goes nowhere."""
    if "diagram_files" not in {o.name for o in exporter.options}:
        return {}
    practices = [i for i in items if i.kind == "practice"]
    if any(i.stem != file_stem(i.model.id) for i in practices):
        return {}
    return {"diagram_files": "../diagrams"}


def bounded_picture(item: PlannedFile, view: str) -> tuple[Exportable | None, str, str | None]:
    """What the ``view`` diagram of ``item`` draws: (model or None for none, detail, note or None).

    A project's or collection's flow of more than :data:`~osallisuuden_palaset.diagram.bounds.MAX_FLOW_STEPS`
    steps is not drawn (each practice's own flow is); an overview of more than
    :data:`~osallisuuden_palaset.diagram.bounds.MAX_OVERVIEW_PRACTICES` practices shows that many of
    them, those sharing the most blocks, with shared blocks only (the matrix, a row per practice,
    stays whole). The note says so, for the summary.
    """
    from osallisuuden_palaset.diagram import bounds
    from osallisuuden_palaset.model.project import Collection, Project

    model = item.model
    if not isinstance(model, Project | Collection):
        return model, "standard", None
    if view == "flow" and not bounds.flow_fits(model):
        steps = bounds.step_count(model)
        note = msg_n(
            "the flow diagram of {item} is not drawn: its {n} step is more than one picture shows "
            "({limit}); each practice's flow diagram is drawn on its own",
            "the flow diagram of {item} is not drawn: its {n} steps are more than one picture shows "
            "({limit}); each practice's flow diagram is drawn on its own",
            steps,
            item=item.stem,
            limit=bounds.MAX_FLOW_STEPS,
        )
        return None, "standard", note
    if view == "overview" and not bounds.overview_fits(model):
        shown = bounds.MAX_OVERVIEW_PRACTICES
        note = msg_n(
            "the overview of {item} shows {shown} of its {n} practice, those that share the most "
            "blocks, with their shared blocks only",
            "the overview of {item} shows {shown} of its {n} practices, those that share the most "
            "blocks, with their shared blocks only",
            len(bounds.practices_of(model)),
            item=item.stem,
            shown=shown,
        )
        return bounds.bounded_overview(model, shown), "brief", note
    return model, "standard", None


def _claim(taken: dict[str, str], path: str, item: str) -> str | None:
    """Take ``path`` for ``item``; when another item has it already, why this one cannot."""
    if path in taken:
        return msg(
            "{path} is written for {item!r} already, so it is not overwritten", path=path, item=taken[path]
        )
    taken[path] = item
    return None


def _diagram_label(view: str) -> str:
    return msg("diagram ({view})", view=view)


def index_page(
    collection: Exportable,
    items: tuple[PlannedFile, ...],
    written: list[Written],
    lang: Lang,
    board: Dashboard | None = None,
) -> bytes:
    """The index.html: the dashboard (when given), then every written file, grouped by item.

    Deterministic and self-contained; the dashboard links each practice to its HTML report (or
    its first written file) in the folder.
    """
    from osallisuuden_palaset.messages.labels import labels_for
    from osallisuuden_palaset.output.templating import html_environment, title_line

    by_item: dict[str, list[Written]] = {}
    for w in written:
        by_item.setdefault(w.item, []).append(w)
    rows = [(item, sorted(by_item.get(item.stem, []), key=lambda w: w.path)) for item in items]
    report: dict[str, str] = {}
    for item, files in rows:
        if item.kind == "practice" and files:
            page = next((f.path for f in files if f.path.endswith(".html")), files[0].path)
            report[item.model.id] = page
    template = html_environment().get_template("index.html.j2")
    return template.render(
        model=collection,
        rows=rows,
        lang=lang,
        L=labels_for(lang),
        board=board,
        link=report.get,
        title=title_line(collection, lang),
    ).encode("utf-8")


@attrs.frozen
class BuildStep:
    """One file :func:`build` has just written: ``kind`` (export, chart, diagram or index), item, path."""

    kind: str
    item: str
    label: str
    path: str


@attrs.frozen
class BuildResult:
    """What :func:`build` wrote, what failed and notes (e.g. no Graphviz); ``count`` files in all."""

    written: tuple[Written, ...]
    failures: tuple[Failure, ...]
    notes: tuple[str, ...]
    count: int


def build(
    collection: Exportable,
    output: Path,
    *,
    lang: Lang,
    exporters: Mapping[str, Exporter],
    frameworks: Mapping[str, Framework],
    context: Context,
    findings: Mapping[str, tuple[Finding, ...]] | None = None,
    survey: tuple[str, ChangeReport | ScoreReport] | None = None,
    diagrams: bool = True,
    progress: Callable[[BuildStep], None] | None = None,
) -> BuildResult:
    """Write every export, survey chart, diagram and ``index.html`` of ``collection`` into ``output``.

    Prints nothing; ``progress`` is called once per written file. ``output`` is made if missing and
    held while the build writes (:func:`~osallisuuden_palaset.files.folder_lock.locked`): one build
    per folder, in this process or another; the temporary files an interrupted build left in it are
    removed first. A failing output does not stop the others (see :attr:`BuildResult.failures`).
    The caller makes sure ``output`` is not an input (see ``files.input_guard``).

    Raises:
        FolderBusyError: another build is writing into ``output`` now (its message in ``lang``).
        PalasetError: a survey chart cannot be written.
        OSError: ``output`` cannot be made, or its lock file cannot be written.
    """
    output.mkdir(parents=True, exist_ok=True)
    tell = progress or (lambda _: None)
    with locked(output, lang=lang):
        remove_temporaries(output)
        items = plan(collection)
        surveys: dict[str, SurveyResults] = {}
        charts: list[Written] = []
        taken = {"index.html": "index"}  # every path written, and for what: nothing is written twice
        if survey is not None:
            practice, report = survey
            results, chart = write_survey_chart(practice, SurveyResults(report), output, lang=lang)
            tell(BuildStep("chart", chart.item, chart.label, chart.path))
            surveys[practice] = results
            charts.append(chart)
            taken[chart.path] = practice

        def exported(item: str, label: str, path: str) -> None:
            tell(BuildStep("export", item, label, path))

        def drawn(item: str, label: str, path: str) -> None:
            tell(BuildStep("diagram", item, label, path))

        written, failures = write_exports(
            items,
            exporters,
            output,
            lang=lang,
            frameworks=frameworks,
            context=context,
            findings=findings,
            surveys=surveys,
            progress=exported,
            taken=taken,
            diagrams=diagrams,
        )
        written += charts
        notes: list[str] = []
        if diagrams:
            more, failed, notes = write_diagrams(
                items, output, lang=lang, frameworks=frameworks, context=context, progress=drawn, taken=taken
            )
            written += more
            failures += failed
        count = len(written)  # each a path of its own (``taken``)
        try:
            assert isinstance(collection, Project | Collection)
            board = build_dashboard(
                collection, _lookup(frameworks, context), context, findings=findings, surveys=surveys
            )
            write_atomic(output / "index.html", index_page(collection, items, written, lang, board))
            count += 1
            tell(BuildStep("index", "index", "html", "index.html"))
        except PalasetError as error:
            failures.append(Failure("index", "html", str(error)))
        return BuildResult(tuple(written), tuple(failures), tuple(notes), count)


def _lookup(frameworks: Mapping[str, Framework], context: Context) -> Callable[[str], Framework | None]:
    """A framework by id from ``frameworks``, else the context's (as ``ExportRequest.framework``)."""
    return lambda ident: frameworks.get(ident) or context.frameworks.get(ident)
