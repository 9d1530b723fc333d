"""Labels: every enum value of the model is named in Finnish, English and Swedish, in one place."""

from __future__ import annotations

import enum

import pytest

from osallisuuden_palaset.messages.labels import (
    LABELS,
    SHORT_LABELS,
    LabelTable,
    label,
    pick,
    value_key,
    value_label,
)
from osallisuuden_palaset.model.block import BlockKind, Modality, Role, Strength
from osallisuuden_palaset.model.evaluation import Level, Origin, Rating, Severity
from osallisuuden_palaset.model.flow import FlowKind
from osallisuuden_palaset.model.framework import FrameworkKind, ProvenanceKind
from osallisuuden_palaset.model.practice import AnswerStatus
from osallisuuden_palaset.model.text import LANGS

ENUMS: tuple[type[enum.Enum], ...] = (
    Role,
    Modality,
    Strength,
    BlockKind,
    AnswerStatus,
    ProvenanceKind,
    Level,
    Severity,
    Origin,
    FrameworkKind,
    FlowKind,
    Rating,
)


@pytest.mark.parametrize("kind", ENUMS, ids=lambda k: k.__name__)
def test_every_enum_value_has_a_label_in_every_language(kind: type[enum.Enum]) -> None:
    for value in kind:
        variants = LABELS[value_key(value)]
        # Each language has its own word: none falls back to another language's.
        assert len(variants) == 3, value
        assert all(variants), value
        assert [value_label(value, lang) for lang in LANGS] == list(variants)


def test_short_labels_shorten_known_values_only() -> None:
    assert set(SHORT_LABELS) <= set(LABELS)
    assert value_label(Modality.IN_PERSON, "fi", short=True) == "lähi"
    assert value_label(Modality.IN_PERSON, "fi") == "lähitoiminta"
    # A value without a short form keeps its full label.
    assert value_label(Strength.STRONG, "en", short=True) == value_label(Strength.STRONG, "en")


def test_pick_falls_back_to_finnish_then_english() -> None:
    assert pick(("yksi", "one", ""), "sv") == "yksi"
    assert pick(("", "one", ""), "sv") == "one"
    assert pick(("", "", "ett"), "fi") == "ett"
    assert pick(("", "", ""), "en") == ""


def test_label_table_looks_up_like_label() -> None:
    table = LabelTable({"name": LABELS["name"], "half": ("puoli", "", "")})
    assert [table("name", lang) for lang in LANGS] == [label("name", lang) for lang in LANGS]
    assert table("half", "en") == "puoli"
    assert table.text("half").get("sv") == "puoli"
    with pytest.raises(KeyError):
        table("missing", "fi")
