"""Tests of reference checks across frameworks, catalogues and practices."""

from __future__ import annotations

import pytest

from osallisuuden_palaset import Block, Catalogue, Collection, Context, Include, Mapping, Practice, Reuse
from osallisuuden_palaset.model.references import (
    ReferenceProblem,
    collection_reference_issues,
    include_problem,
    practice_reference_issues,
    reuse_problem,
)
from osallisuuden_palaset.model.text import Text
from tests.model.test_framework import small


def test_mapping_reuse_and_include_problems_are_located() -> None:
    catalogue = Catalogue(id="lumoava", name="Työkalut", blocks=[Block(id="helmi-kortit", name="Helmi")])
    practice = Practice(
        id="p",
        name="P",
        framework="f",
        steps=[
            Block(id="a", name="A", mappings=[Mapping("p1"), Mapping("p3"), Mapping("d1", framework="nope")]),
            Reuse(id="b", reuse="lumoava/helmi-kortti"),
            Reuse(id="c", reuse="lumova/helmi-kortit"),
            Include(id="d", include="muu"),
        ],
    )
    issues = practice_reference_issues(practice, Context.build([small()], [catalogue], [practice]))
    by_path = {i.path: i for i in issues}
    assert by_path[("steps", 0, "mappings", 1, "target")].hint in ("nearest: p1, p2", "nearest: p2, p1")
    assert ("steps", 0, "mappings", 2, "framework") in by_path
    assert by_path[("steps", 1, "reuse")].hint == "nearest: helmi-kortit"
    assert by_path[("steps", 2, "reuse")].hint == "nearest: lumoava"
    assert "'muu' is not known" in by_path[("steps", 3, "include")].message


def test_mutual_inclusion_is_refused() -> None:
    a = Practice(id="a", name="A", steps=[Include(id="x", include="b")])
    b = Practice(id="b", name="B", steps=[Include(id="y", include="a")])
    collection = Collection(id="c", name="C", practices=[a, b])
    issues = collection_reference_issues(collection, Context.of_collection(collection, [small()]))
    assert {i.path for i in issues} == {
        ("practices", 0, "steps", 0, "include"),
        ("practices", 1, "steps", 0, "include"),
    }


def test_blocks_of_practices_are_reusable() -> None:
    a = Practice(id="a", name="A", steps=[Block(id="k", name="K", parts=[Block(id="osa", name="Osa")])])
    context = Context.build(practices=[a])
    assert context.resolve("a/osa").name.get() == "Osa"


def test_a_resolved_block_names_its_owners_framework() -> None:
    part = Block(id="osa", name="Osa", mappings=[Mapping("voice", framework="lundy"), Mapping("p2")])
    kortit = Block(id="kortit", name="Kortit", mappings=[Mapping("p4")], parts=[part])
    catalogue = Catalogue(id="cat", name="Cat", framework="thl", blocks=[kortit])
    owner = Practice(
        id="muu", name="Muu", framework="hart", steps=[Block(id="b", name="B", mappings=[Mapping("l3")])]
    )
    context = Context.build([], [catalogue], [owner])
    resolved = context.resolve("cat/kortit")
    assert [(m.target, m.framework) for b in resolved.walk() for m in b.mappings] == [
        ("p4", "thl"),
        ("voice", "lundy"),
        ("p2", "thl"),
    ]
    assert context.resolve("muu/b").mappings[0].framework == "hart"
    by_hand = Context(blocks={"muu": {"b": owner.steps[0]}}, practices={"muu": owner})  # type: ignore[dict-item]
    assert by_hand.resolve("muu/b").mappings[0].framework == "hart"
    assert Context(blocks={"cat": {"kortit": kortit}}).resolve("cat/kortit") is kortit


def test_one_reference_rule_words_each_problem_with_its_hint() -> None:
    catalogue = Catalogue(id="lumoava", name="Työkalut", blocks=[Block(id="helmi-kortit", name="Helmi")])
    context = Context.build(
        [], [catalogue], [Practice(id="muu", name="Muu", steps=[Block(id="b", name="B")])]
    )
    assert reuse_problem("lumoava/helmi-kortit", context) is None
    assert include_problem("muu", context) is None
    owner = reuse_problem("lumova/helmi-kortit", context)
    assert owner == ReferenceProblem(
        Text(
            fi="palasluetteloa tai toimintamallia 'lumova' ei löydy",
            en="no catalogue or practice 'lumova' to reuse from",
            sv="katalogen eller verksamhetsmodellen 'lumova' finns inte",
        ),
        "nearest: lumoava",
    )
    block = reuse_problem("lumoava/helmi-kortti", context)
    assert block is not None
    assert block.message.get("en") == "'lumoava' has no block 'helmi-kortti'"
    assert block.described() == Text(
        fi="palasluettelossa 'lumoava' ei ole palasta 'helmi-kortti' (lähimmät: helmi-kortit)",
        en="'lumoava' has no block 'helmi-kortti' (nearest: helmi-kortit)",
        sv="katalogen 'lumoava' har ingen byggsten 'helmi-kortti' (närmast: helmi-kortit)",
    )
    included = include_problem("mu", context)
    assert included is not None
    assert included.message.get("en") == "included practice 'mu' is not known"
    assert included.hint == "nearest: muu"
    with pytest.raises(ValueError, match="must be"):
        reuse_problem("no-slash", context)
