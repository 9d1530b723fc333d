"""What reports share: where a guiding question's wording comes from, named in each language."""

from __future__ import annotations

import pytest

from osallisuuden_palaset.model.framework import Provenance, ProvenanceKind
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.output.reporting import provenance_note

SOURCE = "THL: Edistääkö toiminta osallisuutta? 24 apukysymystä"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", f"mukaelma, {SOURCE}, kysymys 12"),
        ("en", f"paraphrase, {SOURCE}, question 12"),
        ("sv", f"parafras, {SOURCE}, fråga 12"),
    ],
)
def test_a_paraphrase_names_its_source_and_question(lang: Lang, expected: str) -> None:
    assert provenance_note(Provenance(ProvenanceKind.PARAPHRASE, SOURCE, 12), lang) == expected


def test_without_a_number_the_source_is_named_alone() -> None:
    official = Provenance(ProvenanceKind.OFFICIAL, "Lundy 2007")
    assert provenance_note(official, "fi") == "virallinen sanamuoto, Lundy 2007"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "tätä ohjelmaa varten laadittu"),
        ("en", "written for this program"),
        ("sv", "skriven för detta program"),
    ],
)
def test_a_question_written_for_the_program_says_so(lang: Lang, expected: str) -> None:
    assert provenance_note(Provenance(ProvenanceKind.WRITTEN), lang) == expected
