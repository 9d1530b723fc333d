"""Group figures and start-to-follow-up change, built so that hidden cells carry no figures at all.

Every report holds everyone, every margin of its breakdown and every finest group, protected
together (:mod:`.protection`) and audited (:mod:`.disclosure`) before it is returned.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.model.text import Text
from osallisuuden_palaset.surveying.disclosure import Atom, Cell, Kind, LinkedTable, Part, audit
from osallisuuden_palaset.surveying.disclosure import GroupKey as GroupKey
from osallisuuden_palaset.surveying.privacy import DEFAULT_MIN_GROUP, Hidden, check_min_group, shown_n
from osallisuuden_palaset.surveying.protection import protect
from osallisuuden_palaset.surveying.scoring import RespondentScore
from osallisuuden_palaset.surveying.statistics import (
    PairedTest,
    Summary,
    WelchTest,
    paired_test,
    summarize,
    welch_test,
)

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
    """One cell's figures as they may be shown: a hidden cell has only its key and why it is hidden."""

    key: GroupKey
    #: The n as shown: "12", "<5" for a small cell, "" for a cell hidden to protect another.
    n_shown: str
    hidden: Hidden | None
    summary: Summary | None = None
    distribution: tuple[int, ...] | None = None
    #: Respondents without a score (too few items answered); everyone's row only.
    unscored: int | None = None

    @property
    def suppressed(self) -> bool:
        """Whether the cell shows no figures."""
        return self.hidden is not None


def _figures(key: GroupKey, values: Sequence[float], min_group: int, hidden: Hidden | None,
             bands_: Sequence[Band], unscored: int | None = None) -> GroupFigures:  # fmt: skip
    if hidden is not None or len(values) < min_group:
        return GroupFigures(
            key, shown_n(len(values), min_group, hidden or Hidden.SMALL), hidden or Hidden.SMALL
        )
    ordered = sorted(values)
    return GroupFigures(
        key, str(len(values)), None, summarize(ordered), distribution(ordered, bands_), unscored
    )


def group_key(score: RespondentScore, by: Sequence[str]) -> GroupKey:
    """The group ``score`` belongs to when grouping by the fields ``by``."""
    return tuple((field, score.field(field) or "") for field in by)


def cell_keys(finest: Iterable[GroupKey], by: Sequence[str]) -> list[GroupKey]:
    """Everyone, then every margin (by one field, two fields, …) and the finest groups, coarse to fine."""
    keys = sorted(set(finest))
    out: list[GroupKey] = [()]
    for size in range(1, len(by) + 1):
        for fields in itertools.combinations(range(len(by)), size):
            out += sorted({tuple(key[i] for i in fields) for key in keys})
    return out if by else [()]


def _published(keys: Iterable[GroupKey], status: Mapping[Cell, Hidden | None], part: Part) -> list[GroupKey]:
    """The keys of the cells the protection publishes (a withdrawn breakdown's groups are left out)."""
    return [key for key in keys if Cell(key, part) in status]


def _covers(cell: GroupKey, key: GroupKey) -> bool:
    return set(cell) <= set(key)


def _audited(min_group: int, counts: Mapping[Atom, int], shown: Mapping[Cell, Hidden | None],
             everyone_scored: bool) -> None:  # fmt: skip
    """The audit of the cells as the report holds them, before anyone sees them."""
    audit(LinkedTable(min_group, counts, shown, everyone_scored))


@attrs.frozen
class ScoreReport:
    """Scores of one set of responses: everyone, then every margin and group of ``by``, protected together."""

    instrument: Instrument
    by: tuple[str, ...]
    min_group: int
    bands: tuple[Band, ...]
    total: GroupFigures
    groups: tuple[GroupFigures, ...]
    #: Rows left out while reading the answers (bad rows), as the caller counted them.
    skipped: int = 0
    #: Whether margins had to be hidden that the breakdown by fewer fields shows on its own.
    margins_widened: bool = False
    #: Breakdowns (their fields) whose groups are left out: too small to protect even hidden.
    withdrawn: tuple[tuple[str, ...], ...] = ()


def score_report(
    instrument: Instrument,
    scores: Sequence[RespondentScore],
    *,
    by: Sequence[str] = (),
    min_group: int = DEFAULT_MIN_GROUP,
    skipped: int = 0,
) -> ScoreReport:
    """Figures for everyone and for each group of ``by`` (fields of the responses, or ``wave``).

    Raises:
        DisclosureError: the small groups could not be protected (in practice: never).
    """
    check_min_group(min_group)
    bands_ = bands(instrument)
    by = tuple(by)
    values: dict[GroupKey, list[float]] = defaultdict(list)
    for score in scores:
        values[group_key(score, by)]  # a group with no score is still listed
        if score.score is not None:
            values[group_key(score, by)].append(score.score)
    unscored = sum(1 for s in scores if s.score is None)
    counts = {(key, Kind.SCORED): len(v) for key, v in values.items()} or {((), Kind.SCORED): 0}
    everyone = sum(len(v) for v in values.values())
    everyone_scored = unscored == 0 and everyone >= min_group
    by_used = by if values else ()
    protection = protect(counts, [Part.SCORES], by_used, min_group, everyone_scored=everyone_scored)
    status = protection.status
    figures = []
    for key in _published(cell_keys(values, by_used), status, Part.SCORES):
        members = [v for k, vs in values.items() if _covers(key, k) for v in vs]
        figures.append(_figures(key, members, min_group, status[Cell(key, Part.SCORES)], bands_,
                                unscored if not key else None))  # fmt: skip
    _audited(min_group, counts, {Cell(f.key, Part.SCORES): f.hidden for f in figures}, everyone_scored)
    return ScoreReport(instrument, by, min_group, bands_, figures[0], tuple(figures[1:]), skipped,
                       bool(protection.widened), protection.withdrawn)  # fmt: skip


@attrs.frozen
class ChangeFigures:
    """One cell's change from start to follow-up as it may be shown."""

    key: GroupKey
    start: GroupFigures
    follow_up: GroupFigures
    #: Respondents scored in both waves: "12", "<5" when small, "" when hidden to protect another.
    pairs_shown: str
    pairs_hidden: Hidden | None
    #: The paired change, when the pairs may be shown.
    paired: PairedTest | None = None
    #: The unpaired comparison of the two waves, when there are too few pairs and both waves are shown.
    unpaired: WelchTest | None = None

    @property
    def pairs_suppressed(self) -> bool:
        """Whether the pairs show no figures."""
        return self.pairs_hidden is not None


@attrs.frozen
class ChangeReport:
    """Change between the start and the follow-up: everyone, then every margin and group of ``by``."""

    instrument: Instrument
    by: tuple[str, ...]
    min_group: int
    bands: tuple[Band, ...]
    total: ChangeFigures
    groups: tuple[ChangeFigures, ...]
    #: Rows left out while reading the answers (bad rows), as the caller counted them.
    skipped: int = 0
    #: Whether margins had to be hidden that the breakdown by fewer fields shows on its own.
    margins_widened: bool = False
    #: Breakdowns (their fields) whose groups are left out: too small to protect even hidden.
    withdrawn: tuple[tuple[str, ...], ...] = ()


def _by_respondent(scores: Sequence[RespondentScore], wave: str) -> dict[str, RespondentScore]:
    out: dict[str, RespondentScore] = {}
    for score in scores:
        if score.respondent in out:
            raise UsageError(
                msg(
                    "respondent {respondent} appears twice in the {wave} answers",
                    respondent=repr(score.respondent),
                    wave=str(wave),
                )
            )
        out[score.respondent] = score
    return out


def _kind(first: RespondentScore | None, second: RespondentScore | None) -> Kind | None:
    a = first is not None and first.score is not None
    b = second is not None and second.score is not None
    if a and b:
        return Kind.PAIRED
    return Kind.START_ONLY if a else Kind.FOLLOW_UP_ONLY if b else None


_CHANGE_PARTS = (Part.START, Part.FOLLOW_UP, Part.PAIRS)


def change_report(
    instrument: Instrument,
    start: Sequence[RespondentScore],
    follow_up: Sequence[RespondentScore],
    *,
    by: Sequence[str] = (),
    min_group: int = DEFAULT_MIN_GROUP,
    skipped: int = 0,
) -> ChangeReport:
    """The change between ``start`` and ``follow_up`` answers, paired by the respondents' pseudonyms.

    A respondent's group is taken from the start answers (from the follow-up when only there).
    The start, the follow-up and the pairs of every cell are protected together.

    Raises:
        UsageError: a pseudonym appears twice in one wave.
        DisclosureError: the small groups could not be protected (in practice: never).
    """
    check_min_group(min_group)
    bands_ = bands(instrument)
    by = tuple(by)
    firsts = _by_respondent(start, Wave.START.value)
    seconds = _by_respondent(follow_up, Wave.FOLLOW_UP.value)
    keys = {r: group_key(s, by) for r, s in {**seconds, **firsts}.items()}
    by_used = by if keys else ()
    counts: dict[Atom, int] = {
        (k, kind): 0 for k in set(keys.values()) or {()} for kind in Kind if kind is not Kind.SCORED
    }
    for respondent, key in keys.items():
        kind = _kind(firsts.get(respondent), seconds.get(respondent))
        if kind is not None:
            counts[(key, kind)] += 1
    unscored = (
        sum(1 for s in firsts.values() if s.score is None),
        sum(1 for s in seconds.values() if s.score is None),
    )
    waves = (
        sum(1 for s in firsts.values() if s.score is not None),
        sum(1 for s in seconds.values() if s.score is not None),
    )
    everyone_scored = unscored == (0, 0) and min(waves) >= min_group
    protection = protect(counts, _CHANGE_PARTS, by_used, min_group, everyone_scored=everyone_scored)
    status = protection.status
    cells = []
    for key in _published(cell_keys(set(keys.values()), by_used), status, Part.START):
        members = sorted(r for r, k in keys.items() if _covers(key, k))
        own = {part: status[Cell(key, part)] for part in _CHANGE_PARTS}
        cells.append(
            _change(key, members, firsts, seconds, min_group, bands_, own, None if key else unscored)
        )
    _audited(min_group, counts, {Cell(c.key, p): h for c in cells for p, h in _parts(c)}, everyone_scored)
    return ChangeReport(instrument, by, min_group, bands_, cells[0], tuple(cells[1:]), skipped,
                        bool(protection.widened), protection.withdrawn)  # fmt: skip


def _parts(c: ChangeFigures) -> tuple[tuple[Part, Hidden | None], ...]:
    return ((Part.START, c.start.hidden), (Part.FOLLOW_UP, c.follow_up.hidden), (Part.PAIRS, c.pairs_hidden))


def _scored(members: Iterable[str], wave: Mapping[str, RespondentScore]) -> list[float]:
    return sorted(s for r in members if (score := wave.get(r)) is not None and (s := score.score) is not None)


def _pairs(members: Iterable[str], firsts: Mapping[str, RespondentScore],
           seconds: Mapping[str, RespondentScore]) -> list[tuple[float, float]]:  # fmt: skip
    out = []
    for r in sorted(members):
        a, b = firsts.get(r), seconds.get(r)
        if a is not None and b is not None and a.score is not None and b.score is not None:
            out.append((a.score, b.score))
    return out


def _change(
    key: GroupKey,
    members: Sequence[str],
    firsts: Mapping[str, RespondentScore],
    seconds: Mapping[str, RespondentScore],
    min_group: int,
    bands_: Sequence[Band],
    hidden: Mapping[Part, Hidden | None],
    unscored: tuple[int, int] | None,
) -> ChangeFigures:
    first_values, second_values = _scored(members, firsts), _scored(members, seconds)
    first_unscored, second_unscored = unscored if unscored is not None else (None, None)
    start = _figures(key, first_values, min_group, hidden[Part.START], bands_, first_unscored)
    follow = _figures(key, second_values, min_group, hidden[Part.FOLLOW_UP], bands_, second_unscored)
    pairs = _pairs(members, firsts, seconds)
    pairs_hidden = hidden[Part.PAIRS] or (Hidden.SMALL if len(pairs) < min_group else None)
    paired = unpaired = None
    if pairs_hidden is None:
        paired = paired_test([a for a, _ in pairs], [b for _, b in pairs])
    elif pairs_hidden is Hidden.SMALL and not start.suppressed and not follow.suppressed:
        unpaired = welch_test(first_values, second_values)
    return ChangeFigures(
        key, start, follow, shown_n(len(pairs), min_group, pairs_hidden), pairs_hidden, paired, unpaired
    )
