"""What a diagram shows and how: view, direction, language, level of detail and theme."""

from __future__ import annotations

import enum

import attrs

from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.text import LANGS, Lang


class View(enum.StrEnum):
    """Which picture of a model to draw."""

    #: Steps in flow order, phases as clusters, claims as badges.
    FLOW = "flow"
    #: Steps against the framework's dimensions and principles; unclaimed principles stand out.
    FRAMEWORK = "framework"
    #: Projects → practices → blocks, with blocks reused across practices made visible.
    OVERVIEW = "overview"
    #: Practices × the framework's dimensions and principles, a coverage verdict in each cell.
    MATRIX = "matrix"
    #: The theory of change: steps → the intended outcomes they lead to → indicators.
    CHANGE = "change"


class Direction(enum.StrEnum):
    """Which way the graph runs."""

    LR = "LR"
    TB = "TB"


class Detail(enum.StrEnum):
    """How much each node says."""

    #: Names and claimed dimensions only.
    BRIEF = "brief"
    #: Also participants' roles and modality.
    STANDARD = "standard"
    #: Also descriptions, group size, duration, parts; included practices are expanded.
    FULL = "full"


def _check_lang(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in LANGS:
        raise ValueError(
            msg("language {value} is not one of {known}", value=repr(value), known=", ".join(LANGS))
        )


def _check_theme(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    from osallisuuden_palaset.diagram.theme import THEMES

    if value not in THEMES:
        raise ValueError(
            msg("theme {value} is not one of {known}", value=repr(value), known=", ".join(THEMES))
        )


@attrs.frozen
class DiagramOptions:
    """Everything that changes a diagram besides the model itself."""

    view: View = attrs.field(default=View.FLOW, converter=View)
    direction: Direction = attrs.field(default=Direction.LR, converter=Direction)
    lang: Lang = attrs.field(default="fi", validator=_check_lang)
    detail: Detail = attrs.field(default=Detail.STANDARD, converter=Detail)
    theme: str = attrs.field(default="default", validator=_check_theme)
    #: Characters per line before user text wraps.
    wrap: int = attrs.field(default=28, validator=attrs.validators.ge(8))
    #: Whether to draw a legend of colours and edge styles.
    legend: bool = True
    #: The framework of the framework view; None means the practice's own.
    framework: str | None = None
