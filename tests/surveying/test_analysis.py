"""Tests of group figures and change: hand-computed fixtures, suppression, and Hypothesis laws."""

from __future__ import annotations

import math
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.model.survey import Instrument, Item, MissingRule, Response, Scale, ScaleValue, Wave
from osallisuuden_palaset.surveying.analysis import bands, change_report, distribution, score_report
from osallisuuden_palaset.surveying.privacy import Hidden
from osallisuuden_palaset.surveying.responses import read_responses
from osallisuuden_palaset.surveying.scoring import RespondentScore, score_responses
from osallisuuden_palaset.surveying.statistics import t_two_sided_p
from tests.surveying.conftest import FIXTURES


def start_and_follow_up(esis: Instrument) -> tuple[tuple[RespondentScore, ...], tuple[RespondentScore, ...]]:
    start = read_responses(FIXTURES / "esis_start.csv", esis).responses
    follow = read_responses(FIXTURES / "esis_followup.csv", esis, wave=Wave.FOLLOW_UP).responses
    return score_responses(esis, start), score_responses(esis, follow)


def test_group_figures_of_the_start_file(esis: Instrument) -> None:
    start, _ = start_and_follow_up(esis)
    report = score_report(esis, start, min_group=3)
    total = report.total
    scores = [100.0, 0.0, 75.0, 75.0, 25.0, 80.0]  # by hand: see test_scoring
    assert total.summary is not None
    assert (total.n_shown, total.unscored) == ("6", 1)
    assert total.summary.mean == pytest.approx(355 / 6)
    assert total.summary.median == 75.0
    assert total.summary.sd == pytest.approx(math.sqrt(sum((s - 355 / 6) ** 2 for s in scores) / 5))
    # Bands 0–20, 20–40, 40–60, 60–80, 80–100 (the last one closed): 0 | 25 | – | 75, 75 | 80, 100.
    assert total.distribution == (1, 1, 0, 2, 2)


def test_groups_of_one_breakdown_hide_the_small_one_and_the_next_smallest(esis: Instrument) -> None:
    start, _ = start_and_follow_up(esis)
    report = score_report(esis, start, by=["hanke"], min_group=3)
    a, b = report.groups
    # A has 4 scored, B 2 (r6 has no score): B is small; beside the total A would give B away.
    assert (a.key, a.hidden, a.n_shown, a.summary) == ((("hanke", "A"),), Hidden.COMPLEMENTARY, "", None)
    assert (b.key, b.hidden, b.n_shown, b.distribution) == ((("hanke", "B"),), Hidden.SMALL, "<3", None)
    assert report.total.summary is not None


def test_the_paired_change_between_the_fixture_files(esis: Instrument) -> None:
    start, follow = start_and_follow_up(esis)
    report = change_report(esis, start, follow, min_group=3)
    paired = report.total.paired
    assert paired is not None
    assert report.total.unpaired is None
    # Pairs by hand: r1 100→100, r2 0→25, r3 75→75, r4 75→75, r5 25→50, r7 80→100 (r6 unscored, r8 unpaired).
    changes = [0.0, 25.0, 0.0, 0.0, 25.0, 20.0]
    m = 70 / 6
    s = math.sqrt(sum((c - m) ** 2 for c in changes) / 5)
    assert (paired.n, report.total.pairs_shown) == (6, "6")
    assert paired.mean_change == pytest.approx(m)
    assert paired.sd_change == pytest.approx(s)
    assert paired.d_z == pytest.approx(m / s)
    assert paired.t == pytest.approx(m / (s / math.sqrt(6)))
    assert paired.p == pytest.approx(t_two_sided_p(m / (s / math.sqrt(6)), 5))
    assert report.total.follow_up.summary is not None
    assert report.total.follow_up.summary.mean == pytest.approx((100 + 25 + 75 + 75 + 50 + 100 + 50) / 7)


def test_too_few_pairs_fall_back_to_the_unpaired_comparison(esis: Instrument) -> None:
    start, follow = start_and_follow_up(esis)
    renamed = tuple(attrs.evolve(s, respondent=s.respondent + "-b") for s in follow)
    report = change_report(esis, start, renamed, min_group=3)
    assert report.total.paired is None
    assert report.total.pairs_suppressed
    assert report.total.pairs_shown == "<3"
    welch = report.total.unpaired
    assert welch is not None
    assert welch.difference == pytest.approx(475 / 7 - 355 / 6)


def test_a_change_group_too_small_has_no_test_at_all(esis: Instrument) -> None:
    start, follow = start_and_follow_up(esis)
    report = change_report(esis, start, follow, by=["hanke"], min_group=5)
    for group in report.groups:
        assert (group.paired, group.unpaired, group.start.summary, group.follow_up.summary) == (None,) * 4
    assert report.total.paired is not None


def test_threshold_bands_count_the_custom_scores(custom: Instrument) -> None:
    scores = score_responses(custom, read_responses(FIXTURES / "custom.csv", custom).responses)
    report = score_report(custom, scores)
    assert [b.label.get("en") if b.label else None for b in report.bands] == ["low", "middle", "high"]
    # a 10, b 8.33, c 0, d 5.56, f 5.0 (e has no score): low 1, middle 2, high 2.
    assert report.total.distribution == (1, 2, 2)


def test_bands_start_at_the_bottom_even_when_thresholds_do_not(custom: Instrument) -> None:
    lifted = attrs.evolve(custom, thresholds=custom.thresholds[1:])
    found = bands(lifted)
    assert [(b.low, b.high, b.label is None) for b in found] == [(0, 4, True), (4, 7, False), (7, 10, False)]
    assert distribution([0.0, 3.99, 4.0, 10.0], found) == (2, 1, 1)


# --- laws -------------------------------------------------------------------------------------------

ITEMS = 4


@st.composite
def instruments_and_responses(draw: st.DrawFn) -> tuple[Instrument, list[Response]]:
    low = draw(st.integers(-2, 1))
    size = draw(st.integers(2, 7))
    reverse = draw(st.lists(st.booleans(), min_size=ITEMS, max_size=ITEMS))
    instrument = Instrument(
        id="laki",
        name="Laki",
        items=[Item(f"i{n}", f"kohta {n}", reverse=r) for n, r in enumerate(reverse)],
        scale=Scale([ScaleValue(v, f"v{v}") for v in range(low, low + size)]),
        missing=MissingRule(draw(st.integers(1, ITEMS))),
    )
    value = st.one_of(st.none(), st.integers(low, low + size - 1))
    responses = []
    for n in range(draw(st.integers(0, 40))):
        answers = {f"i{k}": v for k in range(ITEMS) if (v := draw(value)) is not None}
        group = draw(st.sampled_from(["a", "b", "c"]))
        responses.append(Response(f"p{n}", answers, wave=Wave.START, fields={"g": group}))
    return instrument, responses


@given(instruments_and_responses())
def test_every_score_lies_in_its_range(case: tuple[Instrument, list[Response]]) -> None:
    instrument, responses = case
    low, high = instrument.score_range
    for score in score_responses(instrument, responses):
        assert score.score is None or low - 1e-9 <= score.score <= high + 1e-9
        assert (score.score is None) == (score.answered < instrument.min_answered)


@given(instruments_and_responses(), st.randoms(use_true_random=False))
def test_shuffling_rows_changes_no_group_figure(
    case: tuple[Instrument, list[Response]], rnd: random.Random
) -> None:
    instrument, responses = case
    shuffled = list(responses)
    rnd.shuffle(shuffled)
    for by in ((), ("g",)):
        first = score_report(instrument, score_responses(instrument, responses), by=by, min_group=3)
        second = score_report(instrument, score_responses(instrument, shuffled), by=by, min_group=3)
        assert first == second
    half = len(responses) // 2
    later = [attrs.evolve(r, wave=Wave.FOLLOW_UP) for r in responses[half:]] + [
        attrs.evolve(r, wave=Wave.FOLLOW_UP) for r in responses[: half // 2]
    ]
    before = score_responses(instrument, responses[:half])
    after = score_responses(instrument, later)
    assert change_report(instrument, before, after, by=("g",), min_group=3) == change_report(
        instrument, tuple(reversed(before)), tuple(reversed(after)), by=("g",), min_group=3
    )
