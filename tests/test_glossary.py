"""One term per model value: docs/glossary.md lists the labels' terms, and the docs use no other.

The table of model values in docs/glossary.md is generated from ``messages.labels.LABELS``
(``PALASET_UPDATE_SNAPSHOTS=1`` rewrites it); the enumeration tables of the other docs must give
the same Finnish term, and the words retired for a value may not come back.
"""

from __future__ import annotations

import enum
import os
import re
from pathlib import Path

import pytest

from osallisuuden_palaset.messages.labels import LABELS, SHORT_LABELS, value_key, value_label
from osallisuuden_palaset.model.block import BlockKind, Modality, Role, Strength
from osallisuuden_palaset.model.evaluation import Level, Origin, Rating, Severity
from osallisuuden_palaset.model.evidence import EvidenceKind
from osallisuuden_palaset.model.flow import Choose, FlowKind, Wait
from osallisuuden_palaset.model.framework import FrameworkKind, ProvenanceKind
from osallisuuden_palaset.model.practice import AnswerStatus, IndicatorLevel
from osallisuuden_palaset.model.text import LANGS

DOCS = Path(__file__).resolve().parents[1] / "docs"
GLOSSARY = DOCS / "glossary.md"
BEGIN = "<!-- model values: generated from messages/labels.py by tests/test_glossary.py -->"
END = "<!-- end of model values -->"

#: Every enum of the model whose values a person sees, with its heading in the glossary.
ENUMS: tuple[tuple[type[enum.Enum], str], ...] = (
    (Role, "Roles (rooli)"),
    (Modality, "Modality (toteutustapa)"),
    (Strength, "Strength of a claim (vahvuus)"),
    (BlockKind, "Block kinds (palasen tyyppi)"),
    (FlowKind, "Flow kinds (kulku)"),
    (AnswerStatus, "Answer status (vastauksen tila)"),
    (ProvenanceKind, "Question provenance (apukysymyksen lähde)"),
    (FrameworkKind, "Framework kinds (viitekehyksen laji)"),
    (Level, "Verdicts (arvio)"),
    (Rating, "Traffic lights of criteria (valo)"),
    (Severity, "Severity of findings (vakavuus)"),
    (Origin, "Origin of a claim (alkuperä)"),
    (EvidenceKind, "Evidence kinds (näytön laji)"),
    (IndicatorLevel, "Indicator levels (mittarin taso)"),
    (Wait, "Joins (odottaminen)"),
    (Choose, "Choices (valinta)"),
)

#: Words once used for a value beside its term, and retired: docs may not name the value by them.
RETIRED: tuple[str, ...] = (
    "kokemusasiantuntija tai vertainen",
    "päättäjä tai vetäjä",
    "johtaja, päättäjä",
    "kumppani tai vapaaehtoinen",
    "lähitoteutus",
    "etätoteutus",
    "kirjastossa laadittu",
    "mukaelma lähteestä",
    "Palaluettelo",
    "sequence (järjestys)",
)


def model_values_table() -> str:
    """The generated section of docs/glossary.md: one table per enum, value → fi, en, sv."""
    out = [BEGIN, ""]
    for kind, heading in ENUMS:
        out += [
            f"### {heading} – `{kind.__name__}`",
            "",
            "| value | suomi | English | svenska |",
            "|---|---|---|---|",
        ]
        out += [
            f"| `{value.value}` | " + " | ".join(value_label(value, lang) for lang in LANGS) + " |"
            for value in kind
        ]
        out.append("")
    out.append(END)
    return "\n".join(out)


def _section(text: str) -> tuple[int, int]:
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return start, end


def test_the_glossary_lists_every_model_value_by_its_labels() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    start, end = _section(text)
    expected = model_values_table()
    if os.environ.get("PALASET_UPDATE_SNAPSHOTS") and text[start:end] != expected:
        GLOSSARY.write_text(text[:start] + expected + text[end:], encoding="utf-8")
        return
    assert text[start:end] == expected, "docs/glossary.md is stale: PALASET_UPDATE_SNAPSHOTS=1 rewrites it"


def test_every_enum_of_the_labels_is_in_the_glossary() -> None:
    prefixes = {key.split(".")[0] for key in LABELS if "." in key}
    assert prefixes == {value_key(next(iter(kind))).split(".")[0] for kind, _ in ENUMS}


def test_each_value_has_one_term_per_language() -> None:
    # One term, not two joined by "or": a value with two names in one language has none.
    for kind, _ in ENUMS:
        for value in kind:
            for lang in LANGS:
                term = value_label(value, lang)
                assert not re.search(r"\b(tai|or|eller)\b", term), (value, term)


@pytest.mark.parametrize("key", sorted(SHORT_LABELS))
def test_a_short_label_shortens_the_same_term(key: str) -> None:
    value = next(v for kind, _ in ENUMS for v in kind if value_key(v) == key)
    for lang in LANGS:
        short, full = value_label(value, lang, short=True), value_label(value, lang)
        assert full.startswith(short), (key, lang, short, full)


def test_peer_and_expert_by_experience_are_told_apart() -> None:
    # The model has one role for lived experience: it is "vertainen"; an expert by experience
    # (kokemusasiantuntija) takes part in it, and the glossary says so.
    assert value_label(Role.PEER, "fi") == "vertainen"
    assert "kokemusasiantuntija" not in value_label(Role.PEER, "fi", short=True)
    row = next(
        line
        for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
        if "**kokemusasiantuntija**" in line
    )
    assert "vertainen" in row
    assert "`role: peer`" in row


def _enum_tables(text: str) -> list[list[tuple[str, str]]]:
    """(value, Finnish) rows of every table whose second column is Finnish (``suomi`` or ``fi``)."""
    tables: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) >= 2 and cells[1] in ("suomi", "fi"):
            current = []
            tables.append(current)
        elif not cells:
            current = None
        elif current is not None and re.fullmatch(r"`[a-z_]+`", cells[0]):
            current.append((cells[0].strip("`"), cells[1]))
    return [t for t in tables if t]


@pytest.mark.parametrize("doc", sorted(p.name for p in DOCS.glob("*.md") if p.name != "glossary.md"))
def test_enumeration_tables_in_the_docs_use_the_terms(doc: str) -> None:
    for rows in _enum_tables((DOCS / doc).read_text(encoding="utf-8")):
        values = {value for value, _ in rows}
        kinds = [kind for kind, _ in ENUMS if values <= {v.value for v in kind}]
        if not kinds:
            continue  # a table of something else (checks, columns, ...)
        assert len(kinds) == 1, (doc, values)
        for value, finnish in rows:
            assert finnish == value_label(kinds[0](value), "fi"), (doc, value, finnish)


@pytest.mark.parametrize("doc", sorted(p.name for p in DOCS.glob("*.md")))
def test_retired_terms_do_not_come_back(doc: str) -> None:
    text = (DOCS / doc).read_text(encoding="utf-8")
    assert [word for word in RETIRED if word in text] == []
