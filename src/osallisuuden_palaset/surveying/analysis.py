"""Group figures and start-to-follow-up change, built so that suppressed groups carry no figures at all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.model.text import Text
from osallisuuden_palaset.surveying.privacy import (
    DEFAULT_MIN_GROUP,
    check_min_group,
    shown_n,
    suppressed_keys,
)
from osallisuuden_palaset.surveying.scoring import RespondentScore
from osallisuuden_palaset.surveying.statistics import (
    PairedTest,
    Summary,
    WelchTest,
    paired_test,
    summarize,
    welch_test,
)

#: A group: (field, value) pairs in the order of ``--by``; ``()`` is everyone.
GroupKey = tuple[tuple[str, str], ...]
#: Equal-width bands used for distributions when the instrument names no thresholds.
DEFAULT_BANDS = 5


@attrs.frozen
class Band:
    """A band of scores: from ``low`` up to, not including, ``high`` (the last band includes it)."""

    low: float
    high: float
    label: Text | None = None


def bands(instrument: Instrument) -> tuple[Band, ...]:
    """The instrument's threshold bands, or five equal-width bands over its score range."""
    low, high = instrument.score_range
    if instrument.thresholds:
        starts = [t.at_least for t in instrument.thresholds]
        labels: list[Text | None] = [t.label for t in instrument.thresholds]
        if starts[0] > low:
            starts.insert(0, low)
            labels.insert(0, None)
        ends = [*starts[1:], high]
        return tuple(
            Band(s, e, lab) for s, e, lab in zip(starts, ends, labels, strict=True) if s < e or s == high
        )
    width = (high - low) / DEFAULT_BANDS
    return tuple(Band(low + i * width, high if i == DEFAULT_BANDS - 1 else low + (i + 1) * width)
                 for i in range(DEFAULT_BANDS))  # fmt: skip


def distribution(values: Iterable[float], bands_: Sequence[Band]) -> tuple[int, ...]:
    """How many of ``values`` fall in each band."""
    counts = [0] * len(bands_)
    for value in values:
        for index in range(len(bands_) - 1, -1, -1):
            if value >= bands_[index].low or index == 0:
                counts[index] += 1
                break
    return tuple(counts)


@attrs.frozen
class GroupFigures:
    """One group's figures as they may be shown: a suppressed group has only ``n_shown`` ("<5")."""

    key: GroupKey
    n_shown: str
    suppressed: bool
    summary: Summary | None = None
    distribution: tuple[int, ...] | None = None
    #: Respondents in the group without a score (too few items answered); shown groups only.
    unscored: int | None = None


def _figures(key: GroupKey, scores: Sequence[RespondentScore], min_group: int, hide: bool,
             bands_: Sequence[Band]) -> GroupFigures:  # fmt: skip
    values = [s.score for s in scores if s.score is not None]
    if hide or len(values) < min_group:
        return GroupFigures(key, shown_n(len(values), min_group, suppressed=True), True)
    return GroupFigures(
        key,
        shown_n(len(values), min_group, suppressed=False),
        False,
        summarize(values),
        distribution(values, bands_),
        len(scores) - len(values),
    )


def group_key(score: RespondentScore, by: Sequence[str]) -> GroupKey:
    """The group ``score`` belongs to when grouping by the fields ``by``."""
    return tuple((field, score.field(field) or "") for field in by)


def _grouped(scores: Iterable[RespondentScore], by: Sequence[str]) -> dict[GroupKey, list[RespondentScore]]:
    groups: dict[GroupKey, list[RespondentScore]] = defaultdict(list)
    for score in scores:
        groups[group_key(score, by)].append(score)
    return dict(sorted(groups.items()))


def _scored(scores: Sequence[RespondentScore]) -> int:
    return sum(1 for s in scores if s.score is not None)


@attrs.frozen
class ScoreReport:
    """Scores of one set of responses: everyone, then each group of ``by``; small groups suppressed."""

    instrument: Instrument
    by: tuple[str, ...]
    min_group: int
    bands: tuple[Band, ...]
    total: GroupFigures
    groups: tuple[GroupFigures, ...]


def score_report(
    instrument: Instrument,
    scores: Sequence[RespondentScore],
    *,
    by: Sequence[str] = (),
    min_group: int = DEFAULT_MIN_GROUP,
) -> ScoreReport:
    """Figures for everyone and for each group of ``by`` (fields of the responses, or ``wave``)."""
    check_min_group(min_group)
    bands_ = bands(instrument)
    grouped = _grouped(scores, by) if by else {}
    hidden = suppressed_keys({k: _scored(v) for k, v in grouped.items()}, min_group)
    return ScoreReport(
        instrument,
        tuple(by),
        min_group,
        bands_,
        _figures((), scores, min_group, False, bands_),
        tuple(_figures(k, v, min_group, k in hidden, bands_) for k, v in grouped.items()),
    )


@attrs.frozen
class ChangeFigures:
    """One group's change from start to follow-up as it may be shown."""

    key: GroupKey
    start: GroupFigures
    follow_up: GroupFigures
    #: Respondents scored in both waves ("<5" when suppressed).
    pairs_shown: str
    pairs_suppressed: bool
    #: The paired change, when there are enough pairs.
    paired: PairedTest | None = None
    #: The unpaired comparison of the two waves, used when there are too few pairs.
    unpaired: WelchTest | None = None


@attrs.frozen
class ChangeReport:
    """Change between the start and the follow-up: everyone, then each group of ``by``."""

    instrument: Instrument
    by: tuple[str, ...]
    min_group: int
    bands: tuple[Band, ...]
    total: ChangeFigures
    groups: tuple[ChangeFigures, ...]


def _by_respondent(scores: Sequence[RespondentScore], wave: str) -> dict[str, RespondentScore]:
    out: dict[str, RespondentScore] = {}
    for score in scores:
        if score.respondent in out:
            raise UsageError(f"respondent {score.respondent!r} appears twice in the {wave} answers")
        out[score.respondent] = score
    return out


def change_report(
    instrument: Instrument,
    start: Sequence[RespondentScore],
    follow_up: Sequence[RespondentScore],
    *,
    by: Sequence[str] = (),
    min_group: int = DEFAULT_MIN_GROUP,
) -> ChangeReport:
    """The change between ``start`` and ``follow_up`` answers, paired by the respondents' pseudonyms.

    A respondent's group is taken from the start answers (from the follow-up when only there).
    """
    check_min_group(min_group)
    bands_ = bands(instrument)
    firsts = _by_respondent(start, Wave.START.value)
    seconds = _by_respondent(follow_up, Wave.FOLLOW_UP.value)
    keys = {r: group_key(s, by) for r, s in {**seconds, **firsts}.items()}
    total = _change((), firsts, seconds, min_group, bands_, frozenset())
    if not by:
        return ChangeReport(instrument, (), min_group, bands_, total, ())
    members: dict[GroupKey, set[str]] = defaultdict(set)
    for respondent, key in keys.items():
        members[key].add(respondent)
    ordered = sorted(members)
    sizes = [
        {k: _scored([firsts[r] for r in members[k] if r in firsts]) for k in ordered},
        {k: _scored([seconds[r] for r in members[k] if r in seconds]) for k in ordered},
        {k: len(_pairs(members[k], firsts, seconds)) for k in ordered},
    ]
    hidden = [suppressed_keys(s, min_group) for s in sizes]
    groups = []
    for key in ordered:
        own_firsts = {r: firsts[r] for r in members[key] if r in firsts}
        own_seconds = {r: seconds[r] for r in members[key] if r in seconds}
        flags = frozenset(i for i in range(3) if key in hidden[i])
        groups.append(_change(key, own_firsts, own_seconds, min_group, bands_, flags))
    return ChangeReport(instrument, tuple(by), min_group, bands_, total, tuple(groups))


def _pairs(
    members: Iterable[str], firsts: dict[str, RespondentScore], seconds: dict[str, RespondentScore]
) -> list[tuple[float, float]]:
    out = []
    for r in sorted(members):
        a, b = firsts.get(r), seconds.get(r)
        if a is not None and b is not None and a.score is not None and b.score is not None:
            out.append((a.score, b.score))
    return out


def _change(
    key: GroupKey,
    firsts: dict[str, RespondentScore],
    seconds: dict[str, RespondentScore],
    min_group: int,
    bands_: Sequence[Band],
    hidden: frozenset[int],
) -> ChangeFigures:
    start = _figures(key, sorted(firsts.values(), key=_order), min_group, 0 in hidden, bands_)
    follow = _figures(key, sorted(seconds.values(), key=_order), min_group, 1 in hidden, bands_)
    pairs = _pairs(set(firsts) | set(seconds), firsts, seconds)
    pairs_hidden = 2 in hidden or len(pairs) < min_group
    paired = unpaired = None
    if not pairs_hidden:
        paired = paired_test([a for a, _ in pairs], [b for _, b in pairs])
    elif not start.suppressed and not follow.suppressed:
        unpaired = welch_test(
            sorted(s.score for s in firsts.values() if s.score is not None),
            sorted(s.score for s in seconds.values() if s.score is not None),
        )
    return ChangeFigures(
        key,
        start,
        follow,
        shown_n(len(pairs), min_group, suppressed=pairs_hidden),
        pairs_hidden,
        paired,
        unpaired,
    )


def _order(score: RespondentScore) -> tuple[float, str]:
    return (score.score if score.score is not None else float("-inf"), score.respondent)
