"""Tests of per-respondent scores against hand-computed ones, missing and reverse-coded items included."""

from __future__ import annotations

import attrs
import pytest

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.model.survey import Instrument, Response, Scoring, ScoringMethod
from osallisuuden_palaset.surveying.responses import read_responses
from osallisuuden_palaset.surveying.scoring import score_response, score_responses
from tests.surveying.conftest import FIXTURES


def test_esis_scores_of_the_start_file_match_the_hand_computed_ones(esis: Instrument) -> None:
    scores = score_responses(esis, read_responses(FIXTURES / "esis_start.csv", esis).responses)
    got = {s.respondent: (s.score, s.answered) for s in scores}
    assert got == {
        "r1": (100.0, 10),  # all 5: the top of the range
        "r2": (0.0, 10),  # all 1: the bottom
        "r3": (75.0, 10),  # sum 40: (40 - 10) / 40 * 100
        "r4": (75.0, 9),  # nine 4s, one missing: item mean 4 → (4 - 1) / 4 * 100
        "r5": (25.0, 8),  # eight 2s, two missing (empty, "EOS"): (2 - 1) / 4 * 100
        "r6": (None, 7),  # seven answered: under the rule's 8, no score
        "r7": (80.0, 10),  # labels 5,4,5,4,3,5 and 4,4,4,4: sum 42 → (42 - 10) / 40 * 100
    }


def test_reverse_coded_items_of_a_custom_instrument_match_the_hand_computed_scores(
    custom: Instrument,
) -> None:
    scores = score_responses(custom, read_responses(FIXTURES / "custom.csv", custom).responses)
    got = {s.respondent: s.score for s in scores}
    # Scale 1–4, k2 and k4 reversed (5 − v), rescaled to 0–10: (item mean − 1) / 3 * 10.
    assert got["a"] == pytest.approx(10.0)  # 4, 1→4, 4, 1→4
    assert got["b"] == pytest.approx(25 / 3)  # always 4, never→4, often 3, rarely 2→3: mean 3.5
    assert got["c"] == pytest.approx(0.0)  # 1, 4→1, 1, 4→1
    assert got["d"] == pytest.approx(50 / 9)  # 3, –, 2, 2→3: mean 8/3, three answered is enough
    assert got["e"] is None  # 3, –, –, 2→3: two answered, under the rule's 3
    assert got["f\ng"] == pytest.approx(5.0)  # 2, 2→3, 2, 2→3: mean 2.5


def test_sum_is_prorated_over_missing_items_and_mean_is_the_item_mean(custom: Instrument) -> None:
    full = Response("x", {"k1": 4, "k2": 1, "k3": 3, "k4": 2})  # counted 4, 4, 3, 3: sum 14
    part = Response("y", {"k1": 4, "k2": 1, "k3": 3})  # counted 4, 4, 3: mean 11/3
    summed = attrs.evolve(custom, scoring=Scoring(ScoringMethod.SUM), thresholds=())
    assert score_response(summed, full).score == pytest.approx(14.0)
    assert score_response(summed, part).score == pytest.approx(11 / 3 * 4)  # the mean stands in for k4
    averaged = attrs.evolve(custom, scoring=Scoring(ScoringMethod.MEAN), thresholds=())
    assert score_response(averaged, full).score == pytest.approx(3.5)
    assert score_response(averaged, part).score == pytest.approx(11 / 3)


def test_answers_outside_the_instrument_are_refused(custom: Instrument) -> None:
    with pytest.raises(UsageError, match="'k9' is not an item"):
        score_response(custom, Response("x", {"k9": 1}))
    with pytest.raises(UsageError, match="answer 7 to 'k1' is not on the scale 1–4"):
        score_response(custom, Response("x", {"k1": 7}))


def test_the_grouping_field_wave_gives_the_wave(esis: Instrument) -> None:
    scores = score_responses(esis, read_responses(FIXTURES / "esis_start.csv", esis).responses)
    assert scores[0].field("wave") == "start"
    assert scores[0].field("hanke") == "A"
    assert scores[0].field("ikä") is None
