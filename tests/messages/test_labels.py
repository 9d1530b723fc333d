"""Labels: every enum value of the model is named in Finnish, English and Swedish, in the catalogue."""

from __future__ import annotations

import enum
import os
import subprocess
import sys
from pathlib import Path

import pytest

from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.messages import labels, survey_words
from osallisuuden_palaset.messages.catalogue import table_entry, translations
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
from osallisuuden_palaset.model.text import LANGS, Lang

SRC = Path(__file__).resolve().parents[2] / "src"

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
        key = value_key(value)
        # Each language has its own word: none falls back to another language's.
        assert all(_translated(lang, key, LABELS[key]) for lang in ("fi", "sv")), value
        assert value_label(value, "en") == LABELS[key]
        assert all(value_label(value, lang) for lang in LANGS), value


def _translated(lang: Lang, context: str, msgid: str) -> bool:
    """Whether the compiled catalogue of ``lang`` translates ``msgid`` in ``context``."""
    known: dict[str, str] = getattr(translations(lang), "_catalog")  # noqa: B009
    return bool(known.get(f"{context}\x04{msgid}"))


TABLES: tuple[LabelTable, ...] = (
    labels._LABELS,
    labels._SHORT_LABELS,
    survey_words._WORDS,
    word,
)


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("table", TABLES, ids=["labels", "short", "survey", "diagram"])
def test_every_table_entry_is_translated_under_its_key(table: LabelTable, lang: Lang) -> None:
    # The context a table looks up is the one its entry marks, and the catalogue translates it.
    untranslated = [
        key for key, english in table.entries.items() if not _translated(lang, table.prefix + key, english)
    ]
    assert untranslated == []


def test_the_same_english_word_is_translated_by_its_context() -> None:
    # "in person" is "lähitoiminta" as a label and "lähi" on a diagram card: one msgid, two contexts.
    assert LABELS["modality.in_person"] == SHORT_LABELS["modality.in_person"]
    assert value_label(Modality.IN_PERSON, "fi") != value_label(Modality.IN_PERSON, "fi", short=True)


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
    table = LabelTable.of(table_entry("name", "Name"))
    assert [table("name", lang) for lang in LANGS] == [label("name", lang) for lang in LANGS]
    assert table.text("name").get("sv") == "Namn"
    with pytest.raises(KeyError):
        table("missing", "fi")


def test_an_untranslated_table_entry_is_english() -> None:
    table = LabelTable.of(table_entry("test.half", "half"), prefix="test.")
    assert table.entries == {"half": "half"}
    assert [table("half", lang) for lang in LANGS] == ["half"] * 3


def test_a_table_entry_must_be_under_its_prefix_once() -> None:
    with pytest.raises(ValueError, match="not a new key"):
        LabelTable.of(table_entry("other.half", "half"), prefix="test.")
    with pytest.raises(ValueError, match="not a new key"):
        LabelTable.of(table_entry("test.half", "half"), table_entry("test.half", "Half"), prefix="test.")


def test_importing_the_tables_reads_no_catalogue() -> None:
    # The .mo files are parsed when a label is first asked for, not when a module is imported.
    code = (
        "import gettext\n"
        "loads = []\n"
        "real = gettext.translation\n"
        "gettext.translation = lambda *a, **k: loads.append(a) or real(*a, **k)\n"
        "import osallisuuden_palaset.messages.labels, osallisuuden_palaset.messages.survey_words\n"
        "import osallisuuden_palaset.diagram.vocabulary\n"
        "assert loads == [], loads\n"
        "from osallisuuden_palaset.messages.labels import label\n"
        "assert label('role.peer', 'fi') == 'vertainen' and len(loads) == 1, loads\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": str(SRC)})
