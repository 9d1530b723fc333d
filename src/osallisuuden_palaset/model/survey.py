"""Survey instruments (items, response scale, scoring, missing-answer rule) and responses to them."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from osallisuuden_palaset.errors import Issue, ModelError
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.coerce import describe, each, is_a, member, to_date, to_tuple
from osallisuuden_palaset.model.framework import Source
from osallisuuden_palaset.model.ids import check_id, duplicate_issues
from osallisuuden_palaset.model.text import Text, optional_text, text


class ScoringMethod(enum.StrEnum):
    """How item values become one score."""

    #: The sum of the item values (prorated when answers are missing).
    SUM = "sum"
    #: The mean of the answered item values.
    MEAN = "mean"
    #: The item sum rescaled linearly so that the lowest possible sum is ``low`` and the highest ``high``.
    RESCALE = "rescale"


class Wave(enum.StrEnum):
    """When a response was collected: at the start or at the follow-up (pre/post)."""

    START = "start"
    FOLLOW_UP = "follow_up"


def to_scoring_method(value: ScoringMethod | str) -> ScoringMethod:
    """Converter: a ScoringMethod, or its value (``"mean"``)."""
    return value if type(value) is ScoringMethod else member(ScoringMethod, value)


def to_wave(value: Wave | str | None) -> Wave | None:
    """Converter: a Wave, its value (``"start"``) or None."""
    return value if value is None or type(value) is Wave else member(Wave, value)


_text = is_a(str)
_whole = is_a(int)
_number = is_a((int, float))


@attrs.frozen
class ScaleValue:
    """One step of a response scale: the number stored and its label."""

    value: int = attrs.field(validator=_whole)
    label: Text = attrs.field(converter=text)


def _labels_key(label: str) -> str:
    return " ".join(label.casefold().split())


@attrs.frozen
class Scale:
    """A response scale: whole-number values, each with a label in fi/en/sv."""

    values: tuple[ScaleValue, ...] = attrs.field(converter=to_tuple, validator=each(ScaleValue))

    def __attrs_post_init__(self) -> None:
        issues: list[Issue] = []
        if len(self.values) < 2:
            issues.append(Issue(("values",), msg("a scale needs at least two values")))
        seen: dict[int, int] = {}
        labels: dict[str, int] = {}
        for index, step in enumerate(self.values):
            if step.value in seen:
                issues.append(
                    Issue(
                        ("values", index, "value"),
                        msg("scale value {value} is given twice", value=str(step.value)),
                    )
                )
            seen[step.value] = index
            for _, label in step.label.items():
                key = _labels_key(label)
                if key in labels and self.values[labels[key]].value != step.value:
                    issues.append(
                        Issue(
                            ("values", index, "label"),
                            msg("the label {label} is used for two values", label=repr(label)),
                            msg("labels must tell the values apart"),
                        )
                    )
                labels.setdefault(key, index)
        if issues:
            raise ModelError(issues)

    @property
    def min(self) -> int:
        """The lowest value."""
        return min(v.value for v in self.values)

    @property
    def max(self) -> int:
        """The highest value."""
        return max(v.value for v in self.values)

    def reverse(self, value: int) -> int:
        """The value a reverse-coded answer counts as: the lowest and the highest trade places."""
        return self.min + self.max - value

    def has(self, value: int) -> bool:
        """Whether ``value`` is a step of this scale."""
        return any(v.value == value for v in self.values)

    def by_label(self) -> dict[str, int]:
        """Every label in every language, case-folded with spaces collapsed, to its value."""
        return {_labels_key(label): v.value for v in self.values for _, label in v.label.items()}


@attrs.frozen
class Item:
    """One item of an instrument: an id, a short content label in our words, and its coding."""

    id: str = attrs.field(validator=check_id)
    #: What the item is about, in our own words; never an instrument's official statement.
    label: Text = attrs.field(converter=text)
    #: Whether agreeing means *less* of what the score measures (the value is reversed before scoring).
    reverse: bool = attrs.field(default=False, validator=is_a(bool))


@attrs.frozen
class Scoring:
    """How the item values become a score, and how scores are shown."""

    method: ScoringMethod = attrs.field(default=ScoringMethod.RESCALE, converter=to_scoring_method)
    #: The score of the lowest possible answers (``rescale`` only).
    low: float = attrs.field(default=0.0, validator=_number)
    #: The score of the highest possible answers (``rescale`` only).
    high: float = attrs.field(default=100.0, validator=_number)
    #: Decimals shown in reports (the figures themselves are not rounded).
    decimals: int = attrs.field(default=1, validator=_whole)

    def __attrs_post_init__(self) -> None:
        if not (math.isfinite(self.low) and math.isfinite(self.high)) or self.low >= self.high:
            raise ValueError(
                msg(
                    "scoring low {low} must be a number below high {high}",
                    low=str(self.low),
                    high=str(self.high),
                )
            )
        if not 0 <= self.decimals <= 4:
            raise ValueError(msg("scoring decimals must be 0 to 4, not {value}", value=str(self.decimals)))


@attrs.frozen
class MissingRule:
    """When a respondent gets a score: at least ``min_answered`` items answered."""

    min_answered: int = attrs.field(validator=_whole)

    def __attrs_post_init__(self) -> None:
        if self.min_answered < 1:
            raise ValueError(
                msg("min_answered must be at least 1, not {value}", value=str(self.min_answered))
            )


@attrs.frozen
class Threshold:
    """A named band of scores starting at ``at_least`` (e.g. "low inclusion" below 40)."""

    id: str = attrs.field(validator=check_id)
    label: Text = attrs.field(converter=text)
    at_least: float = attrs.field(validator=_number)


@attrs.frozen
class Instrument:
    """A survey instrument: items on one response scale, scored into one number."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    items: tuple[Item, ...] = attrs.field(converter=to_tuple, validator=each(Item))
    scale: Scale = attrs.field(validator=is_a(Scale))
    scoring: Scoring = attrs.field(factory=Scoring, validator=is_a(Scoring))
    #: None means every item must be answered.
    missing: MissingRule | None = attrs.field(default=None, validator=is_a(MissingRule, optional=True))
    thresholds: tuple[Threshold, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Threshold))
    source: Source | None = attrs.field(default=None, validator=is_a(Source, optional=True))
    description: Text | None = attrs.field(default=None, converter=optional_text)
    #: How to collect answers (e.g. "use the official form"); shown in reports.
    note: Text | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        issues: list[Issue] = []
        if not self.items:
            issues.append(Issue(("items",), msg("an instrument needs at least one item")))
        issues += duplicate_issues((i.id for i in self.items), ("items",), "item")
        if self.missing is not None and self.missing.min_answered > len(self.items):
            issues.append(
                Issue(
                    ("missing", "min_answered"),
                    msg(
                        "min_answered {value} is more than the {items} items",
                        value=str(self.missing.min_answered),
                        items=str(len(self.items)),
                    ),
                )
            )
        low, high = self.score_range
        previous: float | None = None
        for index, threshold in enumerate(self.thresholds):
            if not low <= threshold.at_least <= high:
                issues.append(
                    Issue(
                        ("thresholds", index, "at_least"),
                        msg(
                            "threshold {value} is outside the score range {low}–{high}",
                            value=str(threshold.at_least),
                            low=format(low, "g"),
                            high=format(high, "g"),
                        ),
                    )
                )
            if previous is not None and threshold.at_least <= previous:
                issues.append(
                    Issue(("thresholds", index, "at_least"), msg("thresholds must be in increasing order"))
                )
            previous = threshold.at_least
        issues += duplicate_issues((t.id for t in self.thresholds), ("thresholds",), "threshold")
        if issues:
            raise ModelError(issues)

    @property
    def min_answered(self) -> int:
        """How many items must be answered for a score."""
        return len(self.items) if self.missing is None else self.missing.min_answered

    @property
    def item_ids(self) -> tuple[str, ...]:
        """The item ids in order."""
        return tuple(i.id for i in self.items)

    @property
    def score_range(self) -> tuple[float, float]:
        """The lowest and the highest possible score."""
        if not self.items:
            return (0.0, 0.0)
        lo, hi = float(self.scale.min), float(self.scale.max)
        if self.scoring.method is ScoringMethod.SUM:
            return (lo * len(self.items), hi * len(self.items))
        if self.scoring.method is ScoringMethod.MEAN:
            return (lo, hi)
        return (self.scoring.low, self.scoring.high)

    def item(self, ident: str) -> Item:
        """The item with id ``ident``; KeyError when absent."""
        for item in self.items:
            if item.id == ident:
                return item
        raise KeyError(ident)


def _answer_pairs(value: Mapping[str, int] | Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), v) for k, v in items)


def _check_answers(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[tuple[str, int], ...]
) -> None:
    for item, answer in value:
        if isinstance(answer, bool) or not isinstance(answer, int):
            where = f"Response.answers[{item!r}]"
            raise TypeError(
                msg(
                    "{where} must be {what}, not {value}",
                    where=where,
                    what=msg("a whole number"),
                    value=describe(answer),
                )
            )


def _field_pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), str(v)) for k, v in items)


def _not_blank(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _text(instance, attribute, value)
    if not value.strip():
        raise ValueError(msg("{field} is empty", field=attribute.name))


@attrs.frozen
class Response:
    """One respondent's answers in one wave, with the grouping fields that came with them.

    ``respondent`` is a pseudonym: the same person has the same pseudonym in both waves.
    """

    respondent: str = attrs.field(validator=_not_blank)
    #: Item id → the value on the instrument's scale; unanswered items are left out.
    answers: tuple[tuple[str, int], ...] = attrs.field(
        factory=tuple, converter=_answer_pairs, validator=_check_answers
    )
    wave: Wave | None = attrs.field(default=None, converter=to_wave)
    date: dt.date | None = attrs.field(default=None, converter=to_date)
    #: Grouping fields (project, practice, age group, ...) as field → value.
    fields: tuple[tuple[str, str], ...] = attrs.field(factory=tuple, converter=_field_pairs)
    #: Where the response was read from ("FILE:LINE"); not part of equality.
    origin: str | None = attrs.field(default=None, eq=False, validator=is_a(str, optional=True))

    def answer(self, item_id: str) -> int | None:
        """The value given to ``item_id``, or None when unanswered."""
        return dict(self.answers).get(item_id)

    def field(self, name: str) -> str | None:
        """The value of grouping field ``name``, or None when the response has none."""
        return dict(self.fields).get(name)
