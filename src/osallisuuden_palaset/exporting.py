"""Exporters: what an export format declares, and the request it renders."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

import attrs

from osallisuuden_palaset.model.coerce import to_frozenset, to_tuple
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Lang, Text, text

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
class ExportRequest:
    """Everything an exporter gets: the model, the language and what references resolve to."""

    model: Exportable
    lang: Lang = "fi"
    frameworks: Mapping[str, Framework] = attrs.field(factory=dict)
    context: Context = attrs.field(factory=Context)
    options: Mapping[str, str] = attrs.field(factory=dict)


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
