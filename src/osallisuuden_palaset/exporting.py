"""Exporters: what an export format declares, the request it renders, and running one safely."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Final, TypedDict, Unpack

import attrs

from osallisuuden_palaset.atomicfile import write_atomic
from osallisuuden_palaset.errors import UsageError, did_you_mean
from osallisuuden_palaset.model.coerce import to_frozenset, to_tuple
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Lang, Text, text

if TYPE_CHECKING:
    from osallisuuden_palaset.model.evaluation import Finding
    from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport

#: What an exporter can be asked to export.
Exportable = Practice | Project | Collection
KINDS: Final = ("practice", "project", "collection")


def kind_name(model: Exportable) -> str:
    """ "practice", "project" or "collection"."""
    if isinstance(model, Practice):
        return "practice"
    if isinstance(model, Project):
        return "project"
    return "collection"


@attrs.frozen
class ExportOption:
    """An option an exporter accepts (``palaset export ... -O name=value``)."""

    name: str
    help: Text = attrs.field(converter=text)
    default: str | None = None
    choices: tuple[str, ...] | None = None


@attrs.frozen
class SurveyResults:
    """Survey results a report shows for one practice (figures of small groups already suppressed)."""

    #: A change report (start and follow-up) or a score report (one wave), from ``surveying.analysis``.
    report: ChangeReport | ScoreReport
    #: The chart's SVG file relative to the output file, when the caller writes it there
    #: (``palaset build`` does); None: formats that cannot embed the chart leave it out and say so.
    chart_file: str | None = None


@attrs.frozen
class ExportRequest:
    """Everything an exporter gets: the model, the language and what references resolve to."""

    model: Exportable
    lang: Lang = "fi"
    frameworks: Mapping[str, Framework] = attrs.field(factory=dict)
    context: Context = attrs.field(factory=Context)
    options: Mapping[str, str] = attrs.field(factory=dict)
    #: Practice id → the findings of the checks run on it (``assessing.assessment``); None: no checks
    #: were run, and the evaluation appendix says so. A practice missing from the mapping had none.
    findings: Mapping[str, tuple[Finding, ...]] | None = None
    #: Practice id → the survey results to show in its report.
    surveys: Mapping[str, SurveyResults] = attrs.field(factory=dict)

    def option(self, name: str, default: str = "") -> str:
        """The value of option ``name`` (defaults are filled in by :func:`export`)."""
        return self.options.get(name, default)

    def framework(self, ident: str) -> Framework | None:
        """The framework ``ident`` from ``frameworks`` or the context, or None when unknown."""
        return self.frameworks.get(ident) or self.context.frameworks.get(ident)


@attrs.frozen
class Exporter:
    """An export format, registered through the ``register_exporters`` hook."""

    name: str
    description: Text = attrs.field(converter=text)
    suffix: str
    media_type: str
    #: Which of "practice", "project", "collection" it accepts.
    accepts: frozenset[str] = attrs.field(converter=to_frozenset)
    #: Render the request to the bytes of the output file.
    render: Callable[[ExportRequest], bytes]
    options: tuple[ExportOption, ...] = attrs.field(default=(), converter=to_tuple)

    def can_export(self, model: Exportable) -> bool:
        """Whether this exporter accepts ``model``'s kind."""
        return kind_name(model) in self.accepts


class ExportError(UsageError):
    """An export cannot be made as asked: unknown format or option, or a model the format cannot take."""


def find_exporter(exporters: Mapping[str, Exporter], name: str) -> Exporter:
    """The exporter called ``name``.

    Raises:
        ExportError: no such format; the message lists the known ones.
    """
    try:
        return exporters[name]
    except KeyError:
        known = ", ".join(sorted(exporters)) or "none"
        hint = did_you_mean(name, exporters)
        raise ExportError(
            f"unknown format {name!r}" + (f" ({hint})" if hint else "") + f"; known formats: {known}"
        ) from None


def parse_options(pairs: Iterable[str]) -> dict[str, str]:
    """``["key=value", ...]`` as a dict.

    Raises:
        ExportError: an item has no ``=`` or an empty key.
    """
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ExportError(f"option {pair!r} is not of the form key=value (e.g. -O delimiter=';')")
        options[key.strip()] = value
    return options


def resolve_options(exporter: Exporter, given: Mapping[str, str]) -> dict[str, str]:
    """The options for ``exporter``: ``given`` checked against its declarations, defaults filled in.

    Raises:
        ExportError: an option is unknown to the format, or its value is not one of the choices.
    """
    declared = {o.name: o for o in exporter.options}
    resolved: dict[str, str] = {}
    for name, value in given.items():
        option = declared.get(name)
        if option is None:
            known = ", ".join(sorted(declared)) or "none"
            hint = did_you_mean(name, declared)
            raise ExportError(
                f"format {exporter.name!r} has no option {name!r}"
                + (f" ({hint})" if hint else "")
                + f"; its options: {known}"
            )
        if option.choices is not None and value not in option.choices:
            raise ExportError(
                f"option {name!r} of format {exporter.name!r} is one of "
                + ", ".join(repr(c) for c in option.choices)
                + f", not {value!r}"
            )
        resolved[name] = value
    for option in exporter.options:
        if option.name not in resolved and option.default is not None:
            resolved[option.name] = option.default
    return dict(sorted(resolved.items()))


class ExportInputs(TypedDict, total=False):
    """The keyword arguments of :func:`export`, which :func:`export_to_file` passes on."""

    lang: Lang
    frameworks: Mapping[str, Framework] | None
    context: Context | None
    options: Mapping[str, str] | None
    findings: Mapping[str, tuple[Finding, ...]] | None
    surveys: Mapping[str, SurveyResults] | None


def export(
    exporter: Exporter,
    model: Exportable,
    *,
    lang: Lang = "fi",
    frameworks: Mapping[str, Framework] | None = None,
    context: Context | None = None,
    options: Mapping[str, str] | None = None,
    findings: Mapping[str, tuple[Finding, ...]] | None = None,
    surveys: Mapping[str, SurveyResults] | None = None,
) -> bytes:
    """Render ``model`` with ``exporter``: the bytes of the output file.

    ``findings`` (practice id → the checks' findings) and ``surveys`` (practice id → survey results)
    go into the reports that show them (markdown, html, xlsx); see :class:`ExportRequest`.

    Raises:
        ExportError: the format does not accept this kind of model, or an option is wrong.
    """
    if not exporter.can_export(model):
        kind = kind_name(model)
        accepted = ", ".join(k for k in KINDS if k in exporter.accepts) or "nothing"
        raise ExportError(f"format {exporter.name!r} cannot export a {kind}; it exports: {accepted}")
    context = context if context is not None else Context()
    request = ExportRequest(
        model=model,
        lang=lang,
        frameworks=dict(frameworks) if frameworks is not None else dict(context.frameworks),
        context=context,
        options=resolve_options(exporter, options or {}),
        findings=dict(findings) if findings is not None else None,
        surveys=dict(surveys or {}),
    )
    data = exporter.render(request)
    if not isinstance(data, bytes):
        raise TypeError(f"exporter {exporter.name!r} returned {type(data).__name__}, not bytes")
    return data


def export_to_file(
    path: str | os.PathLike[str],
    exporter: Exporter,
    model: Exportable,
    **inputs: Unpack[ExportInputs],
) -> None:
    """Export ``model`` into ``path`` atomically: rendered fully in memory first, so a failing
    exporter leaves the previous file untouched. Takes the keyword arguments of :func:`export`.

    Raises:
        ExportError: as :func:`export`.
        WriteError: the file cannot be written.
    """
    write_atomic(path, export(exporter, model, **inputs))


def is_text(exporter: Exporter) -> bool:
    """Whether the format's output is text (safe to show on a terminal)."""
    media = exporter.media_type.split(";")[0].strip()
    return (
        media.startswith("text/")
        or media in ("application/json", "application/yaml", "application/x-yaml", "image/svg+xml")
        or media.endswith(("+json", "+xml"))
    )
