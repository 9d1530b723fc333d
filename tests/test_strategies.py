"""The test strategies build valid models of every class, and every class survives the converter."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.files import converting
from osallisuuden_palaset.model.block import Block, GroupSize, Mapping, Participant
from osallisuuden_palaset.model.evidence import Evidence
from osallisuuden_palaset.model.flow import Flow, FlowKind, find_cycle, reaches
from osallisuuden_palaset.model.framework import (
    Dimension,
    Framework,
    Principle,
    Provenance,
    Question,
    Source,
    framework_issues,
)
from osallisuuden_palaset.model.ids import is_id
from osallisuuden_palaset.model.practice import (
    Answer,
    Description,
    DevelopmentPath,
    Include,
    Indicator,
    Outcome,
    Phase,
    Practice,
    Resource,
    Reuse,
    Variant,
    practice_issues,
)
from osallisuuden_palaset.model.project import Catalogue, Collection, Period, Project, collection_issues
from osallisuuden_palaset.model.target_group import AgeRange, TargetGroup
from osallisuuden_palaset.model.text import Text
from osallisuuden_palaset.model.waivers import Waiver
from tests import strategies as s

#: Every model class with the strategy that draws it.
CASES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Text, s.texts()),
    (Source, s.sources()),
    (Provenance, s.provenances()),
    (Dimension, s.dimensions()),
    (Principle, s.principles()),
    (Question, s.questions()),
    (Framework, s.frameworks()),
    (Participant, s.participants()),
    (GroupSize, s.group_sizes()),
    (Mapping, s.mappings()),
    (Block, s.blocks()),
    (Flow, s.flows()),
    (Reuse, s.reuses()),
    (Include, s.includes()),
    (Phase, s.phases()),
    (Indicator, s.indicators()),
    (Outcome, s.outcomes()),
    (Answer, s.answers()),
    (Description, s.descriptions()),
    (DevelopmentPath, s.development_paths()),
    (Practice, s.practices()),
    (Evidence, s.evidences()),
    (Waiver, s.waivers()),
    (AgeRange, s.age_ranges()),
    (TargetGroup, s.target_groups()),
    (Variant, s.variants()),
    (Resource, s.resources()),
    (Period, s.periods()),
    (Project, s.projects()),
    (Catalogue, s.catalogues()),
    (Collection, s.collections()),
]


def _model_classes() -> set[type[Any]]:
    """Every attrs class the model package defines."""
    import osallisuuden_palaset.model.block as block
    import osallisuuden_palaset.model.evidence as evidence
    import osallisuuden_palaset.model.flow as flow
    import osallisuuden_palaset.model.framework as framework
    import osallisuuden_palaset.model.practice as practice
    import osallisuuden_palaset.model.project as project
    import osallisuuden_palaset.model.target_group as target_group
    import osallisuuden_palaset.model.text as text
    import osallisuuden_palaset.model.waivers as waivers

    found = set()
    for module in (block, evidence, flow, framework, practice, project, target_group, text, waivers):
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__:
                found.add(value)
    return found


def test_every_model_class_has_a_strategy() -> None:
    assert _model_classes() <= {cls for cls, _ in CASES}


@pytest.mark.parametrize(("cls", "strategy"), CASES, ids=[cls.__name__ for cls, _ in CASES])
@given(data=st.data())
def test_strategy_draws_its_class(
    cls: type[Any], strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    value = data.draw(strategy)
    assert type(value) is cls
    # Rebuilding from the fields runs every validator and post-init check again.
    assert attrs.evolve(value) == value


@pytest.mark.parametrize(("cls", "strategy"), CASES, ids=[cls.__name__ for cls, _ in CASES])
@given(data=st.data())
def test_converter_round_trip(cls: type[Any], strategy: st.SearchStrategy[Any], data: st.DataObject) -> None:
    value = data.draw(strategy)
    back = converting.structure(converting.unstructure(value), cls)
    assert back == value
    assert_same_types(back, value)


def assert_same_types(got: Any, want: Any, path: str = "") -> None:
    """Equal is not enough: a StrEnum equals its string, so check every nested value's exact type."""
    assert type(got) is type(want), f"{path or 'value'}: {type(got).__name__} is not {type(want).__name__}"
    if attrs.has(type(want)):
        for field in attrs.fields(type(want)):
            assert_same_types(getattr(got, field.name), getattr(want, field.name), f"{path}.{field.name}")
    elif isinstance(want, tuple):
        for index, (g, w) in enumerate(zip(got, want, strict=True)):
            assert_same_types(g, w, f"{path}[{index}]")


@given(s.practices())
def test_practices_keep_their_invariants(practice: Practice) -> None:
    assert practice_issues(practice) == []
    assert all(is_id(i) for i in practice.step_ids)
    assert find_cycle(practice.step_ids, practice.flows) is None
    for f in practice.flows:
        assert {f.source, f.target} <= set(practice.step_ids)
        if f.kind is FlowKind.LOOP_BACK:
            assert reaches(practice.flows, f.target, f.source)
    placed = [step for phase in practice.phases for step in phase.steps]
    assert len(placed) == len(set(placed))


@given(s.frameworks())
def test_frameworks_keep_their_invariants(framework: Framework) -> None:
    assert framework_issues(framework) == []


@given(s.collections())
def test_collection_ids_are_unique(collection: Collection) -> None:
    assert collection_issues(collection) == []
    owners = [p.id for p in collection.all_practices()] + [c.id for c in collection.catalogues]
    assert len(owners) == len(set(owners))


@given(s.block_practices())
def test_block_practices_hold_only_blocks(practice: Practice) -> None:
    assert all(isinstance(step, Block) for step in practice.steps)


@given(s.models())
def test_documents_round_trip(model: Any) -> None:
    document = converting.to_document(model)
    assert document.pop("version") == 2
    ((kind, data),) = document.items()
    assert converting.structure(data, converting.DOCUMENT_KINDS[kind]) == model


@given(s.texts())
def test_texts_are_never_blank(value: Text) -> None:
    assert all(v.strip() for _, v in value.items())
