"""Tests of the survey model: scales, items, instruments and responses keep their invariants."""

from __future__ import annotations

import cattrs
import pytest

from osallisuuden_palaset.errors import ModelError
from osallisuuden_palaset.files.converting import structure, unstructure
from osallisuuden_palaset.model.survey import (
    Instrument,
    Item,
    MissingRule,
    Response,
    Scale,
    ScaleValue,
    Scoring,
    ScoringMethod,
    Threshold,
    Wave,
)
from osallisuuden_palaset.model.text import Text


def scale(*values: int) -> Scale:
    return Scale([ScaleValue(v, f"arvo {v}") for v in values])


def instrument(**changes: object) -> Instrument:
    fields: dict[str, object] = {
        "id": "testi",
        "name": "Testi",
        "items": [Item("a", "A"), Item("b", "B", reverse=True), Item("c", "C")],
        "scale": scale(1, 2, 3, 4, 5),
    }
    fields.update(changes)
    return Instrument(**fields)  # type: ignore[arg-type]


def test_a_scale_reverses_around_its_ends_and_knows_its_labels_in_every_language() -> None:
    s = Scale([ScaleValue(0, Text(fi="ei", en="No")), ScaleValue(1, "ehkä"), ScaleValue(2, Text(sv="Ja"))])
    assert (s.min, s.max) == (0, 2)
    assert [s.reverse(v) for v in (0, 1, 2)] == [2, 1, 0]
    assert s.by_label() == {"ei": 0, "no": 0, "ehkä": 1, "ja": 2}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([ScaleValue(1, "yksi")], "at least two values"),
        ([ScaleValue(1, "yksi"), ScaleValue(1, "kaksi")], "given twice"),
        ([ScaleValue(1, "Sama"), ScaleValue(2, "sama")], "used for two values"),
    ],
)
def test_a_scale_rejects_too_few_repeated_values_and_ambiguous_labels(
    values: list[ScaleValue], message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        Scale(values)


def test_score_ranges_follow_the_scoring_method() -> None:
    assert instrument().score_range == (0.0, 100.0)
    assert instrument(scoring=Scoring(ScoringMethod.SUM)).score_range == (3.0, 15.0)
    assert instrument(scoring=Scoring(ScoringMethod.MEAN)).score_range == (1.0, 5.0)
    assert instrument(scoring=Scoring(low=-1, high=1)).score_range == (-1.0, 1.0)


def test_without_a_missing_rule_every_item_must_be_answered() -> None:
    assert instrument().min_answered == 3
    assert instrument(missing=MissingRule(2)).min_answered == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"items": [Item("a", "A"), Item("a", "B")]}, "duplicate item id 'a'"),
        ({"items": []}, "at least one item"),
        ({"missing": MissingRule(4)}, "more than the 3 items"),
        ({"thresholds": [Threshold("x", "X", 101)]}, "outside the score range"),
        ({"thresholds": [Threshold("x", "X", 50), Threshold("y", "Y", 40)]}, "increasing order"),
    ],
)
def test_an_instrument_reports_broken_invariants(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        instrument(**changes)


def test_scoring_and_missing_rules_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="below high"):
        Scoring(low=10, high=10)
    with pytest.raises(ValueError, match="decimals"):
        Scoring(decimals=9)
    with pytest.raises(ValueError, match="at least 1"):
        MissingRule(0)


def test_an_instrument_round_trips_through_the_converter() -> None:
    items = [Item("a", "A"), Item("c", Text(fi="C", en="see"))]
    original = instrument(
        items=items, missing=MissingRule(2), thresholds=[Threshold("low", Text(fi="matala", en="low"), 0)]
    )
    assert structure(unstructure(original), Instrument) == original


def test_reverse_coded_items_round_trip_through_the_converter() -> None:
    original = instrument()
    assert structure(unstructure(original), Instrument) == original


def test_the_converter_rejects_unknown_keys_in_an_instrument() -> None:
    data = unstructure(instrument())
    data["items"][0]["statement"] = "official wording"
    with pytest.raises(cattrs.ClassValidationError):
        structure(data, Instrument)


def test_a_response_gives_answers_and_fields_by_name() -> None:
    r = Response("p1", {"a": 3}, wave=Wave.START, fields={"hanke": "A"}, origin="x.csv:2")
    assert (r.answer("a"), r.answer("b"), r.field("hanke"), r.field("ikä")) == (3, None, "A", None)
    assert r == Response("p1", [("a", 3)], wave=Wave.START, fields=[("hanke", "A")])
    with pytest.raises(ValueError, match="respondent is empty"):
        Response(" ")
