"""Score each respondent: reverse-coded items turned, the missing-answers rule applied."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping

import attrs

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.survey import Instrument, Response, ScoringMethod, Wave


@attrs.frozen
class RespondentScore:
    """One respondent's score in one wave; ``score`` is None when too few items were answered."""

    respondent: str
    wave: Wave | None
    score: float | None
    #: How many of the instrument's items were answered.
    answered: int
    fields: tuple[tuple[str, str], ...] = ()
    date: dt.date | None = None

    def field(self, name: str) -> str | None:
        """The value of grouping field ``name`` (``wave`` gives the wave), or None."""
        if name == "wave":
            return None if self.wave is None else self.wave.value
        return dict(self.fields).get(name)


def item_values(instrument: Instrument, answers: Mapping[str, int]) -> list[int]:
    """The values that count for the answered items, reverse-coded items turned around.

    Raises:
        UsageError: an answer is for an item the instrument lacks, or off its scale.
    """
    scale = instrument.scale
    known = set(instrument.item_ids)
    for item_id, value in answers.items():
        if item_id not in known:
            raise UsageError(
                msg(
                    "{item} is not an item of the instrument {instrument}",
                    item=repr(item_id),
                    instrument=repr(instrument.id),
                )
            )
        if not scale.has(value):
            raise UsageError(
                msg(
                    "the answer {value} to {item} is not on the scale {low}–{high}",
                    value=str(value),
                    item=repr(item_id),
                    low=str(scale.min),
                    high=str(scale.max),
                )
            )
    return [
        scale.reverse(answers[item.id]) if item.reverse else answers[item.id]
        for item in instrument.items
        if item.id in answers
    ]


def score_values(instrument: Instrument, values: list[int]) -> float | None:
    """The score of the counted item values, or None when fewer than the rule's minimum are answered.

    With missing answers the score is prorated: the mean of the answered items stands for each
    unanswered one (person-mean imputation), so ``sum`` stays on the full-length range.
    """
    if len(values) < instrument.min_answered or not values:
        return None
    item_mean = math.fsum(values) / len(values)
    scoring = instrument.scoring
    if scoring.method is ScoringMethod.MEAN:
        return item_mean
    if scoring.method is ScoringMethod.SUM:
        return item_mean * len(instrument.items)
    low, high = instrument.scale.min, instrument.scale.max
    share = (item_mean - low) / (high - low)
    return scoring.low + share * (scoring.high - scoring.low)


def score_response(instrument: Instrument, response: Response) -> RespondentScore:
    """Score one response."""
    values = item_values(instrument, dict(response.answers))
    return RespondentScore(
        respondent=response.respondent,
        wave=response.wave,
        score=score_values(instrument, values),
        answered=len(values),
        fields=response.fields,
        date=response.date,
    )


def score_responses(instrument: Instrument, responses: Iterable[Response]) -> tuple[RespondentScore, ...]:
    """Score every response, in the order given."""
    return tuple(score_response(instrument, r) for r in responses)
