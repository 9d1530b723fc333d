"""Exporters: what an export format declares, the request it renders, and running one safely."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypedDict, Unpack

import attrs

from osallisuuden_palaset.errors import PalasetError, UsageError, did_you_mean
from osallisuuden_palaset.files.atomicfile import write_atomic
from osallisuuden_palaset.isolating import PluginCall, describe_error
from osallisuuden_palaset.messages.catalogue import Joined, msg
from osallisuuden_palaset.model.coerce import each, is_a, is_callable, one_of, to_frozenset, to_tuple
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.ids import check_id
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import LANGS, Lang, Text, text

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


#: A file suffix: a dot, then letters, digits, '-', '_' or '.' (".json", ".tar.gz"); never a path.
_SUFFIX = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9_.\-]*")
#: A media type: ``type/subtype``, optionally with parameters ("text/csv; charset=utf-8").
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][\w.+\-]*/[A-Za-z0-9][\w.+\-]*(\s*;\s*[\w.+\-]+=[\w.+\-\"]+)*")


def _optional_tuple(values: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if values is None else to_tuple(values)


def _check_suffix(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    _is_text(instance, attribute, value)
    if not _SUFFIX.fullmatch(value):
        raise ValueError(
            msg(
                "Exporter.suffix {value} is not a file suffix: a dot, then letters, digits, '-', '_' "
                "or '.' (e.g. '.json')",
                value=repr(value),
            )
        )


def _check_media_type(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    _is_text(instance, attribute, value)
    if not _MEDIA_TYPE.fullmatch(value):
        raise ValueError(
            msg("Exporter.media_type {value} is not a media type such as 'text/plain'", value=repr(value))
        )


def _check_accepts(instance: Any, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]) -> None:
    _kinds(instance, attribute, value)
    unknown = sorted(value - set(KINDS))
    if unknown or not value:
        kinds = ", ".join(KINDS)
        if unknown:
            raise ValueError(
                msg(
                    "Exporter.accepts: {value} is not a kind of model; give some of: {kinds}",
                    value=repr(unknown[0]),
                    kinds=kinds,
                )
            )
        raise ValueError(
            msg("Exporter.accepts: nothing is a kind of model; give some of: {kinds}", kinds=kinds)
        )


_is_text = is_a(str)
_kinds = each(str)


@attrs.frozen
class ExportOption:
    """An option an exporter accepts (``palaset export ... -O name=value``)."""

    name: str = attrs.field(validator=check_id)
    help: Text = attrs.field(converter=text)
    default: str | None = attrs.field(default=None, validator=is_a(str, optional=True))
    #: The values the option takes; None: any text.
    choices: tuple[str, ...] | None = attrs.field(
        default=None, converter=_optional_tuple, validator=each(str, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.choices is not None and not self.choices:
            raise ValueError(
                msg("option {name} has no choices; give some, or None for any text", name=repr(self.name))
            )
        if self.choices is not None and self.default is not None and self.default not in self.choices:
            listed = ", ".join(repr(c) for c in self.choices)
            raise ValueError(
                msg(
                    "option {name}: the default {default} is not one of its choices {choices}",
                    name=repr(self.name),
                    default=repr(self.default),
                    choices=listed,
                )
            )


@attrs.frozen
class SurveyResults:
    """Survey results a report shows for one practice (figures of small groups already suppressed)."""

    #: A change report (start and follow-up) or a score report (one wave), from ``surveying.analysis``.
    report: ChangeReport | ScoreReport
    #: The chart's SVG file relative to the output file, when the caller writes it there
    #: (``palaset build`` does); None: formats that cannot embed the chart leave it out and say so.
    chart_file: str | None = attrs.field(default=None, validator=is_a(str, optional=True))


@attrs.frozen
class ExportRequest:
    """Everything an exporter gets: the model, the language and what references resolve to."""

    model: Exportable = attrs.field(validator=is_a((Practice, Project, Collection)))
    lang: Lang = attrs.field(default="fi", validator=one_of(LANGS))
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

    #: The format's name, an id: users type it (``--format NAME``).
    name: str = attrs.field(validator=check_id)
    description: Text = attrs.field(converter=text)
    suffix: str = attrs.field(validator=_check_suffix)
    media_type: str = attrs.field(validator=_check_media_type)
    #: Which of "practice", "project", "collection" it accepts.
    accepts: frozenset[str] = attrs.field(converter=to_frozenset, validator=_check_accepts)
    #: Render the request to the bytes of the output file.
    render: Callable[[ExportRequest], bytes] = attrs.field(validator=is_callable)
    options: tuple[ExportOption, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(ExportOption)
    )
    #: The plugin that registered the format (filled in by the registry); named when it fails.
    plugin: str | None = attrs.field(default=None, eq=False, kw_only=True, validator=is_a(str, optional=True))

    def __attrs_post_init__(self) -> None:
        names = [o.name for o in self.options]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(
                msg(
                    "exporter {name} declares option {option} twice",
                    name=repr(self.name),
                    option=repr(twice[0]),
                )
            )

    def can_export(self, model: Exportable) -> bool:
        """Whether this exporter accepts ``model``'s kind."""
        return kind_name(model) in self.accepts


class ExportError(UsageError):
    """An export cannot be made as asked: unknown format or option, or a model the format cannot take."""


class RenderError(ExportError):
    """A format's ``render`` failed or returned no bytes: a bug in its plugin, which the message names."""


def _who(exporter: Exporter) -> str:
    if exporter.plugin:
        return msg("format {name} (plugin {plugin})", name=repr(exporter.name), plugin=repr(exporter.plugin))
    return msg("format {name}", name=repr(exporter.name))


def kind_word(kind: str) -> str:
    """A kind of model (one of :data:`KINDS`) as a word in the catalogue; an unknown kind is itself."""
    if kind == "practice":
        return msg("practice")
    if kind == "project":
        return msg("project")
    return msg("collection") if kind == "collection" else kind


def _cannot_export(exporter: Exporter, kind: str) -> str:
    """The format cannot take a model of this kind: say which kinds it takes."""
    accepted = Joined([kind_word(k) for k in KINDS if k in exporter.accepts], ", ") or msg("nothing")
    name = repr(exporter.name)
    if kind == "practice":
        return msg("format {name} cannot export a practice; it exports: {kinds}", name=name, kinds=accepted)
    if kind == "project":
        return msg("format {name} cannot export a project; it exports: {kinds}", name=name, kinds=accepted)
    return msg("format {name} cannot export a collection; it exports: {kinds}", name=name, kinds=accepted)


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
            msg(
                "unknown format {name} ({hint}); known formats: {known}",
                name=repr(name),
                hint=hint,
                known=known,
            )
            if hint
            else msg("unknown format {name}; known formats: {known}", name=repr(name), known=known)
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
            raise ExportError(
                msg("option {pair} is not of the form key=value (e.g. -O delimiter=';')", pair=repr(pair))
            )
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
                msg(
                    "format {format} has no option {name} ({hint}); its options: {known}",
                    format=repr(exporter.name),
                    name=repr(name),
                    hint=hint,
                    known=known,
                )
                if hint
                else msg(
                    "format {format} has no option {name}; its options: {known}",
                    format=repr(exporter.name),
                    name=repr(name),
                    known=known,
                )
            )
        if option.choices is not None and value not in option.choices:
            raise ExportError(
                msg(
                    "option {name} of format {format} is one of {choices}, not {value}",
                    name=repr(name),
                    format=repr(exporter.name),
                    choices=", ".join(repr(c) for c in option.choices),
                    value=repr(value),
                )
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
        RenderError: the format's ``render`` raised anything (even SystemExit) but a real Ctrl-C,
            or returned something other than bytes.
    """
    if not exporter.can_export(model):
        raise ExportError(_cannot_export(exporter, kind_name(model)))
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
    try:
        with PluginCall(msg("while {format} was rendering", format=_who(exporter))):
            data = exporter.render(request)
    except PalasetError:
        raise
    except Exception as error:  # a bug in the format's plugin: name it, and let the others go on
        raise RenderError(
            msg("{format} failed: {error}", format=_who(exporter), error=describe_error(error))
        ) from error
    if not isinstance(data, bytes):
        raise RenderError(
            msg("{format} returned {kind}, not bytes", format=_who(exporter), kind=type(data).__name__)
        )
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


def encoded(parts: Iterable[str]) -> bytes:
    """``parts`` as UTF-8, encoded as they come.

    A report of a national collection is tens of MiB of text, held by Python as 4 bytes a
    character once one character needs it: encoding each piece as it is made keeps only the
    UTF-8 bytes (the whole text, then joined, took ~15 times the file's size at 200 practices).
    """
    out = io.BytesIO()
    for part in parts:
        out.write(part.encode("utf-8"))
    return out.getvalue()
