"""``palaset diagram``: draw a practice or project, or every practice of a folder in parallel."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import LocalizedCommand, LocalizedOption
from osallisuuden_palaset.cli.output import emit
from osallisuuden_palaset.messages.catalogue import msg, say, say_n

if TYPE_CHECKING:
    from collections.abc import Iterator

    from osallisuuden_palaset.diagram import DiagramOptions
    from osallisuuden_palaset.files.loading import Workspace
    from osallisuuden_palaset.model.practice import Practice
    from osallisuuden_palaset.model.project import Collection, Project
    from osallisuuden_palaset.model.text import Lang
    from osallisuuden_palaset.rendering.drawing import RenderJob, RenderOutcome, RenderReport


@click.command(
    cls=LocalizedCommand,
    help=msg(
        "Draw diagrams of practices, projects and collections with Graphviz.\n\n"
        "One practice or project file gives one diagram (-o OUT.svg|.png|.pdf|.gv). A folder or "
        "several files give one diagram per practice (per project in the overview and matrix views) and "
        "one of the whole collection, into a folder, drawn in parallel."
    ),
)
@common.paths_argument(msg("Model files and folders."))
@click.option(
    "--view",
    cls=LocalizedOption,
    type=click.Choice(["flow", "framework", "matrix", "change", "overview"]),
    default="flow",
    show_default=True,
    help=msg(
        "flow: steps in order; framework: claims against the framework; matrix: practices × "
        "dimensions and principles, a verdict in each cell; change: steps → intended outcomes → "
        "indicators; overview: projects → practices → blocks."
    ),
)
@click.option(
    "-o",
    "--output",
    cls=LocalizedOption,
    type=click.Path(),
    help=msg(
        "One file (.svg, .png, .pdf or .gv) for one practice or project; a folder for a folder or "
        "several files (default: ./diagrams)."
    ),
)
@click.option(
    "--format",
    "fmt",
    cls=LocalizedOption,
    type=click.Choice(["svg", "png", "pdf", "gv"]),
    help=msg("Format of the files written into a folder (default svg); for one file, its suffix decides."),
)
@click.option(
    "--direction",
    cls=LocalizedOption,
    type=click.Choice(["LR", "TB"]),
    default="LR",
    show_default=True,
    help=msg("Direction of the flow: LR left to right, TB top to bottom."),
)
@click.option(
    "--detail",
    cls=LocalizedOption,
    type=click.Choice(["brief", "standard", "full"]),
    default="standard",
    show_default=True,
    help=msg("How much each node says: brief names, standard also roles and modality, full everything."),
)
@click.option(
    "--theme",
    cls=LocalizedOption,
    type=click.Choice(["default", "print"]),
    default="default",
    show_default=True,
    help=msg("Colours: default in colour, print for black-and-white printing (greys)."),
)
@click.option(
    "--framework",
    "framework_id",
    cls=LocalizedOption,
    help=msg("Framework of the framework view (default: the practice's)."),
)
@click.option(
    "--id",
    "model_id",
    cls=LocalizedOption,
    help=msg(
        "Draw only this practice, project or collection of the files given "
        "(e.g. with the folder its references need)."
    ),
)
@click.option(
    "--timeout",
    cls=LocalizedOption,
    type=click.FloatRange(min=0.1),
    metavar="SECONDS",
    default=60.0,
    show_default=True,
    help=msg("Seconds per diagram."),
)
@click.option(
    "--dpi",
    cls=LocalizedOption,
    type=click.FloatRange(min=1, max=2400),
    metavar="N",
    default=192.0,
    show_default=True,
    help=msg("Dots per inch of a PNG (96 is a screen's; 192 sharp on phones and paper)."),
)
@click.option(
    "-j",
    "--jobs",
    cls=LocalizedOption,
    type=click.IntRange(min=1),
    metavar="N",
    help=msg("Diagrams drawn at once (default: one per core)."),
)
@click.pass_context
def diagram(
    ctx: click.Context,
    paths: tuple[Path, ...],
    view: str,
    output: str | None,
    fmt: str | None,
    direction: str,
    detail: str,
    theme: str,
    framework_id: str | None,
    model_id: str | None,
    timeout: float,
    dpi: float,
    jobs: int | None,
) -> None:
    """Draw diagrams of practices, projects and collections with Graphviz."""
    from osallisuuden_palaset.diagram import DiagramOptions
    from osallisuuden_palaset.errors import PalasetError

    options = DiagramOptions(
        view=view,
        direction=direction,
        lang=common.lang(ctx),
        detail=detail,
        theme=theme,
        framework=framework_id,
    )
    workspace = common.load(ctx, paths)
    single = _single_model(workspace, paths) if model_id is None else _model_by_id(workspace, model_id)
    try:
        if single is not None and not (output and Path(output).is_dir()):
            _draw_one(ctx, workspace, single, options, output, fmt, timeout, dpi=dpi, inputs=paths)
        else:
            folder = Path(output or "diagrams")
            _draw_folder(ctx, workspace, options, folder, fmt or "svg", timeout, jobs, dpi=dpi)
    except PalasetError as error:
        common.fail(error)


def _single_model(workspace: Workspace, paths: tuple[Path, ...]) -> Practice | Project | None:
    """The practice or project of a single file given alone, else None."""
    from osallisuuden_palaset.model.practice import Practice
    from osallisuuden_palaset.model.project import Project

    if len(paths) != 1 or not paths[0].is_file() or len(workspace.documents) != 1:
        return None
    model = workspace.documents[0].model
    return model if isinstance(model, Practice | Project) else None


def _model_by_id(workspace: Workspace, ident: str) -> Practice | Project | Collection:
    """The practice, project or collection called ``ident``; a clear failure when there is none."""
    from osallisuuden_palaset.errors import nearest

    collection = workspace.collection
    found: dict[str, Practice | Project | Collection] = {collection.id: collection}
    found.update({p.id: p for p in collection.projects})
    found.update({p.id: p for p in collection.all_practices()})
    if ident not in found:
        common.fail(
            say(
                common.current_lang(),
                "no practice, project or collection {ident!r} in the files given ({hint})",
                ident=ident,
                hint=nearest(ident, found),
            )
        )
    return found[ident]


def _draw_one(
    ctx: click.Context,
    workspace: Workspace,
    model: Practice | Project | Collection,
    options: DiagramOptions,
    output: str | None,
    fmt: str | None,
    timeout: float,
    *,
    dpi: float,
    inputs: tuple[Path, ...],
) -> None:
    from osallisuuden_palaset.diagram import diagram_source
    from osallisuuden_palaset.output.building import file_stem
    from osallisuuden_palaset.rendering.drawing import draw, format_of

    if output is None:
        output = f"{file_stem(model.id)}.{options.view.value}.{fmt or 'svg'}"
    fmt = fmt or format_of(output)
    source = diagram_source(model, options, frameworks=common.frameworks(ctx), context=workspace.context)
    drawing = draw(source, fmt, timeout=timeout, name=model.id, dpi=dpi)
    emit(drawing.data, output, inputs=inputs)
    _warn(model.id, drawing.warnings, common.lang(ctx))
    if output != "-":
        terminal.echo(output)


def _warn(name: str, warnings: tuple[str, ...], lang: Lang) -> None:
    """Show what Graphviz warned about while drawing ``name`` (e.g. a PNG scaled down to fit)."""
    for warning in warnings:
        said = f"Graphviz, {name}: {warning}"
        terminal.echo(say(lang, "palaset: warning: {warning}", warning=said), err=True)


def _draw_folder(
    ctx: click.Context,
    workspace: Workspace,
    options: DiagramOptions,
    folder: Path,
    fmt: str,
    timeout: float,
    jobs: int | None,
    *,
    dpi: float,
) -> None:
    from osallisuuden_palaset.rendering.drawing import render_many

    lang = common.lang(ctx)
    if folder.exists() and not folder.is_dir():
        common.fail(
            say(lang, "{folder} is a file: give a folder with -o when drawing many diagrams", folder=folder)
        )
    folder.mkdir(parents=True, exist_ok=True)
    count, todo = _job_stream(ctx, workspace, options, folder, fmt, dpi)
    with click.progressbar(length=count, label=say(lang, "Drawing"), file=sys.stderr) as bar:

        def advance(done: int, total: int, outcome: RenderOutcome) -> None:
            bar.update(1)

        # Each diagram is drawn as soon as its DOT source is built, while the next is built.
        report = render_many(todo, workers=jobs, progress=advance, timeout=timeout, total=count)
    _report(report, folder, lang)


def _job_stream(
    ctx: click.Context, workspace: Workspace, options: DiagramOptions, folder: Path, fmt: str, dpi: float
) -> tuple[int, Iterator[RenderJob]]:
    """How many diagrams a folder run draws, and their jobs, each built only when asked for."""
    import attrs

    from osallisuuden_palaset.diagram import View, diagram_source
    from osallisuuden_palaset.output.building import file_stem
    from osallisuuden_palaset.rendering.drawing import RenderJob

    frameworks = common.frameworks(ctx)
    collection = workspace.collection
    per_project = options.view in (View.OVERVIEW, View.MATRIX)  # pictures of many practices
    models: list[Practice | Project] = (
        list(collection.projects) if per_project else list(collection.all_practices())
    )
    last = options if options.view is View.MATRIX else attrs.evolve(options, view=View.OVERVIEW)

    def jobs() -> Iterator[RenderJob]:
        for model in models:
            source = diagram_source(model, options, frameworks=frameworks, context=workspace.context)
            target = folder / f"{file_stem(model.id)}.{options.view.value}.{fmt}"
            yield RenderJob(model.id, source, fmt, target, dpi=dpi)
        source = diagram_source(collection, last, frameworks=frameworks, context=workspace.context)
        target = folder / f"{file_stem(collection.id)}.{last.view.value}.{fmt}"
        yield RenderJob(collection.id, source, fmt, target, dpi=dpi)

    return len(models) + 1, jobs()


def _report(report: RenderReport, folder: Path, lang: Lang) -> None:
    for outcome in report.outcomes:
        _warn(outcome.job.name, outcome.warnings, lang)
    written = [o for o in report.outcomes if o.ok]
    n = len(written)
    terminal.echo(
        say_n(lang, "Wrote {n} diagram into {folder}", "Wrote {n} diagrams into {folder}", n, folder=folder)
    )
    if report.failures:
        n = len(report.failures)
        terminal.echo(say_n(lang, "{n} diagram failed:", "{n} diagrams failed:", n), err=True)
        for outcome in report.failures:
            terminal.echo(f"  {outcome.job.name}: {outcome.error}", err=True)
        raise SystemExit(1)
