"""Render the report templates: HTML autoescaped, Markdown with every value escaped as literal text."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterator
from typing import Any

import jinja2
from markupsafe import Markup, escape

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.markup import MarkdownText, escape_markdown, escape_markdown_block
from osallisuuden_palaset.messages.catalogue import date, date_range, msg, say, say_n
from osallisuuden_palaset.messages.labels import label, labels_for, value_label
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.evaluation import EvaluationAppendix, Level
from osallisuuden_palaset.model.evidence import Evidence, evidence_text
from osallisuuden_palaset.model.flow import Flow
from osallisuuden_palaset.model.framework import Provenance
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.target_group import TargetGroup, target_group_text
from osallisuuden_palaset.model.text import Lang, Text
from osallisuuden_palaset.output.dashboard import Dashboard, build_dashboard
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.output.reporting import (
    PracticeEvaluation,
    practice_evaluation,
    practices_of,
    project_in,
    provenance_note,
    resolved_steps,
)


def _finalize_markdown(value: Any) -> Markup:
    """Every ``{{ value }}``: Markup (our own macros, ``h()``, ``md_block``) as is, the rest escaped.

    The Markdown environment runs with HTML autoescape switched on only so that macro results come
    back as Markup; this finalizer turns every other value into escaped Markdown wrapped in Markup,
    so HTML escaping never applies on top.
    """
    if value is None:
        return Markup("")
    if isinstance(value, Markup | MarkdownText):
        return Markup(str(value))
    return Markup(escape_markdown(str(value)))


def _plain_join(values: Any, separator: str = "") -> str:
    """``join`` that returns plain text (escaped as a whole by the finalizer), never Markup."""
    return separator.join(str(v) for v in values)


def _base(env: jinja2.Environment) -> jinja2.Environment:
    env.filters["t"] = _text
    env.filters["label"] = _value_label
    env.filters["group_size"] = _group_size
    env.filters["date"] = _date
    env.filters["period"] = _period
    env.filters["provenance"] = _provenance
    env.globals["kind_of"] = _kind_of
    env.globals["covered"] = Level.COVERED  # the dashboard counts covered cells
    env.globals["levels"] = tuple(Level)
    return env


@functools.cache
def html_environment() -> jinja2.Environment:
    """The environment for ``*.html.j2`` templates: autoescape on, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("osallisuuden_palaset", "templates/report"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["path"] = path_markup
    return _base(env)


@functools.cache
def markdown_environment() -> jinja2.Environment:
    """The environment for ``*.md.j2`` templates: every ``{{ value }}`` is escaped as Markdown text
    unless it is a :class:`MarkdownText` (the ``md_block`` filter and ``h()`` produce those)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("osallisuuden_palaset", "templates/report"),
        autoescape=True,
        finalize=_finalize_markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_block"] = lambda value: Markup(escape_markdown_block(str(value)))
    env.filters["join"] = _plain_join
    env.globals["h"] = lambda level: Markup("#" * min(int(level), 6))
    return _base(env)


@jinja2.pass_context
def _text(ctx: jinja2.runtime.Context, value: Text | Evidence | TargetGroup | str | None) -> str:
    """A model text in the report's language (with fallback); evidence and a target group written
    out as one text."""
    if isinstance(value, Evidence):
        value = evidence_text(value)
    elif isinstance(value, TargetGroup):
        value = target_group_text(value)
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(ctx["lang"])
    return str(value)


@jinja2.pass_context
def _value_label(ctx: jinja2.runtime.Context, value: enum.Enum) -> str:
    return value_label(value, ctx["lang"])


@jinja2.pass_context
def _date(ctx: jinja2.runtime.Context, value: dt.date | None) -> str:
    """A date as the report's language writes it (1.9.2017 in Finnish)."""
    return "" if value is None else date(value, ctx["lang"])


@jinja2.pass_context
def _period(ctx: jinja2.runtime.Context, value: Any) -> str:
    """A project's period as the report's language writes it (1.9.2017–31.5.2020 in Finnish)."""
    return "" if value is None else date_range(value.start, value.end, ctx["lang"])


@jinja2.pass_context
def _provenance(ctx: jinja2.runtime.Context, value: Provenance) -> str:
    return provenance_note(value, ctx["lang"])


def path_markup(value: str) -> Markup:
    """A file location, escaped, that may wrap after each ``/`` but never inside a name."""
    parts = str(value).split("/")
    return Markup("/<wbr>").join(Markup('<span class="name">%s</span>') % part for part in parts)


def _group_size(size: Any) -> str:
    if size is None or (size.min is None and size.max is None):
        return ""
    if size.min == size.max:
        return str(size.min)
    return f"{size.min or ''}–{size.max or ''}"


def _kind_of(model: object) -> str:
    if isinstance(model, Practice):
        return "practice"
    if isinstance(model, Block):
        return "block"
    return type(model).__name__.lower()


@functools.cache
def library_version() -> str:
    """The installed version of osallisuuden-palaset ("unknown" when it is not installed as a package)."""
    from importlib import metadata

    try:
        return metadata.version("osallisuuden-palaset")
    except metadata.PackageNotFoundError:
        return "unknown"


def title_line(model: object, lang: Lang) -> str:
    """The line under a report's title: the date of its newest information and the library's version.

    The date is the latest ``modified`` (else ``created``) of the practices shown, never today's, so
    the same model gives the same page on any day.
    """
    from osallisuuden_palaset.model.project import Collection, Project

    if isinstance(model, Practice):
        practices: tuple[Practice, ...] = (model,)
    elif isinstance(model, Project):
        practices = tuple(model.practices)
    elif isinstance(model, Collection):
        practices = tuple(model.all_practices())
    else:
        practices = ()
    dates = [p.description.modified or p.description.created for p in practices]
    known = [d for d in dates if d is not None]
    version = library_version()
    if not known:
        return say(lang, "osallisuuden-palaset {version}", version=version)
    return say(
        lang,
        "Information as of {date} · osallisuuden-palaset {version}",
        date=date(max(known), lang),
        version=version,
    )


def report_globals(request: ExportRequest) -> dict[str, Any]:
    """What every report template gets: the model, the language, labels and the helper views."""
    lang: Lang = request.lang

    def evaluation(practice: Practice) -> PracticeEvaluation:
        given = request.findings
        return practice_evaluation(
            practice,
            request.framework,
            request.context,
            findings=given.get(practice.id, ()) if given is not None else None,
            project=project_in(request.model, practice.id),
        )

    def survey_section(practice: Practice, level: int, markdown: bool) -> Markup:
        """The survey section of ``practice``'s report, or nothing when the request has no results."""
        results = request.surveys.get(practice.id)
        if results is None:
            return Markup("")
        from osallisuuden_palaset.surveying.evidence import survey_section_html, survey_section_markdown

        if not markdown:
            return Markup(scrolling_tables(survey_section_html(results.report, lang=lang, level=level)))
        section = survey_section_markdown(
            results.report, lang=lang, level=level, chart_file=results.chart_file
        )
        if results.chart_file is None:
            section += f"\n<!-- {label('survey_chart_omitted', lang)} -->\n"
        return Markup(section)

    def diagram(practice: Practice) -> Markup:
        """The practice's flow diagram as inline SVG (html only; ``-O diagrams=no`` leaves it out)."""
        if request.option("diagrams", "yes") != "yes":
            return Markup("")
        return Markup(flow_figure(practice, request))

    def question(framework_id: str, ident: str) -> Any:
        framework = request.framework(framework_id)
        if framework is None:
            return None
        return next((q for q in framework.questions if q.id == ident), None)

    def element_name(framework_id: str, ident: str) -> Text | None:
        framework = request.framework(framework_id)
        if framework is None:
            return None
        try:
            return framework.dimension(ident).name
        except KeyError:
            pass
        try:
            return framework.principle(ident).name
        except KeyError:
            return None

    def board() -> Dashboard:
        """The dashboard of a project or collection (its first section)."""
        assert isinstance(request.model, Project | Collection)
        return build_dashboard(
            request.model,
            request.framework,
            request.context,
            findings=request.findings,
            surveys=request.surveys,
        )

    shown = {p.id for p in practices_of(request.model)}  # the practices this report has a section for

    def source_name(ref: str) -> Text | str:
        """Where a reused block or included practice comes from, by name: the practice or
        catalogue that holds it (its id when the context does not know it)."""
        owner = ref.split("/", 1)[0]
        return request.context.owner_names.get(owner, owner)

    def covered_line(appendix: EvaluationAppendix) -> str:
        """How many of the framework's principles the practice covers, in words."""
        principles = appendix.coverage.principles
        k = sum(1 for row in principles if row.verdict.level is Level.COVERED)
        return say_n(
            lang,
            "{k} of {n} principle of the framework covered",
            "{k} of {n} principles of the framework covered",
            len(principles),
            k=k,
        )

    return {
        "board": board,
        "source_name": source_name,
        "covered_line": covered_line,
        "anchor": lambda ident: f"#practice-{ident}" if ident in shown else None,
        "model": request.model,
        "lang": lang,
        "L": labels_for(lang),
        "steps": lambda practice: resolved_steps(practice, request.context),
        "step_names": lambda practice: {r.id: r.name for r in resolved_steps(practice, request.context)},
        "outgoing": _outgoing,
        "evaluation": evaluation,
        "survey_section": survey_section,
        "diagram": diagram,
        "question": question,
        "element_name": element_name,
        "framework_of": request.framework,
        "title_line": lambda model: title_line(model, lang),
    }


def flow_figure(practice: Practice, request: ExportRequest) -> str:
    """A ``<figure>`` with the practice's flow diagram drawn by ``dot``, or a note saying why not.

    Only an SVG that passed :func:`~osallisuuden_palaset.rendering.svg.inline_svg` goes into
    the page (re-written from its parse, so nothing ``dot`` wrote is copied verbatim); ``dot``'s
    warnings are noted under it. ``dot`` may take the ``timeout`` option's seconds, all in.
    """
    from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
    from osallisuuden_palaset.rendering.drawing import GraphvizMissing, RenderRefused, draw
    from osallisuuden_palaset.rendering.svg import OutputRefused, inline_svg

    lang = request.lang
    caption = (
        f"<figcaption>{escape(label('flow_diagram', lang))}{_full_size_link(practice, request)}</figcaption>"
    )
    try:
        source = diagram_source(
            practice, DiagramOptions(lang=lang), frameworks=request.frameworks, context=request.context
        )
        drawing = draw(source, "svg", name=practice.id, timeout=diagram_timeout(request))
        try:
            svg = inline_svg(drawing.data)
        except OutputRefused as refused:
            raise RenderRefused("svg", str(refused), practice.id) from None
    except GraphvizMissing:
        return f'<p class="muted">{escape(label("diagram_missing", lang))}</p>'
    except PalasetError as error:
        return f'<p class="muted">{escape(label("diagram_failed", lang))}: {escape(str(error))}</p>'
    warned = "".join(
        f'<p class="muted">{escape(label("diagram_warning", lang))}: {escape(w)}</p>'
        for w in drawing.warnings
    )
    return f'<figure class="diagram"><div class="scroll">{svg}</div>{caption}</figure>{warned}'


def _full_size_link(practice: Practice, request: ExportRequest) -> str:
    """`` · <a>open full size</a>`` to the practice's diagram in the ``diagram_files`` folder, or ""."""
    from urllib.parse import quote

    from osallisuuden_palaset.output.building import file_stem

    folder = request.option("diagram_files").rstrip("/")
    if not folder:
        return ""
    href = quote(f"{folder}/{file_stem(practice.id)}.flow.svg", safe="/._-~")
    return f' · <a href="{escape(href)}">{escape(label("open_diagram", request.lang))}</a>'


def scrolling_tables(html: str) -> str:
    """``html`` (our markup) with each table in a ``.scroll`` frame: a wide table scrolls, not the page."""
    return html.replace("<table>", '<div class="scroll"><table>').replace("</table>", "</table></div>")


def diagram_timeout(request: ExportRequest) -> float:
    """The seconds ``dot`` may take per diagram: the request's ``timeout`` option, else the default.

    Raises:
        ExportError: the option is not a positive number.
    """
    from osallisuuden_palaset.output.exporting import ExportError
    from osallisuuden_palaset.rendering.drawing import DEFAULT_TIMEOUT

    given = request.option("timeout", "")
    if not given:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(given)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise ExportError(
            msg(
                "option 'timeout' is a number of seconds above 0 (e.g. -O timeout=30), not {given}",
                given=repr(given),
            )
        )
    return seconds


def _outgoing(practice: Practice) -> dict[str, list[Flow]]:
    """Step id → the flows leaving it, in written order (one pass, for long practices)."""
    found: dict[str, list[Flow]] = {}
    for flow in practice.flows:
        found.setdefault(flow.source, []).append(flow)
    return found


def pieces(template: str, request: ExportRequest, **extra: Any) -> Iterator[str]:
    """The text of ``template`` for ``request``, piece by piece as Jinja2 makes it.

    ``*.md.j2`` templates escape for Markdown, the others autoescape HTML.
    """
    env = markdown_environment() if template.endswith(".md.j2") else html_environment()
    return env.get_template(template).generate(**report_globals(request), **extra)


def render(template: str, request: ExportRequest, **extra: Any) -> str:
    """Render ``template`` for ``request`` into one text (see :func:`pieces`)."""
    return "".join(pieces(template, request, **extra))
