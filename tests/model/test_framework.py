"""Tests of framework invariants and lookups."""

from __future__ import annotations

import pytest

from osallisuuden_palaset import (
    Dimension,
    Framework,
    FrameworkKind,
    ModelError,
    Principle,
    Provenance,
    ProvenanceKind,
    Question,
    Source,
)


def small(**changes: object) -> Framework:
    fields: dict[str, object] = {
        "id": "f",
        "name": "F",
        "kind": FrameworkKind.CATEGORICAL,
        "source": Source(title="test"),
        "dimensions": [Dimension("d1", "Yksi"), Dimension("d2", "Kaksi")],
        "principles": [Principle("p1", "d1", "P1"), Principle("p2", "d2", "P2")],
        "questions": [Question("q1", "Miten?", Provenance(ProvenanceKind.WRITTEN), principle="p1")],
    }
    fields.update(changes)
    return Framework(**fields)  # type: ignore[arg-type]


def test_lookups() -> None:
    f = small()
    assert f.element_ids() == ("d1", "d2", "p1", "p2")
    assert f.dimension_of("p2") == "d2"
    assert f.dimension_of("d1") == "d1"
    assert f.dimension_of("zz") is None
    assert [p.id for p in f.principles_of("d1")] == ["p1"]
    assert [q.id for q in f.iter_questions("d1")] == ["q1"]
    assert list(f.iter_questions("d2")) == []
    assert f.rank("d2") == 2


def test_every_broken_reference_is_reported() -> None:
    with pytest.raises(ModelError) as info:
        small(
            principles=[Principle("p1", "d9", "P1"), Principle("p1", "d1", "again")],
            questions=[
                Question("q1", "?", Provenance(ProvenanceKind.WRITTEN), dimension="dx", principle="p7")
            ],
        )
    paths = [i.path for i in info.value.issues]
    assert ("principles", 0, "dimension") in paths
    assert ("principles", 1, "id") in paths
    assert ("questions", 0, "dimension") in paths
    assert ("questions", 0, "principle") in paths


def test_paraphrase_must_name_its_source() -> None:
    with pytest.raises(ValueError, match="must name its source"):
        Provenance(ProvenanceKind.PARAPHRASE)
