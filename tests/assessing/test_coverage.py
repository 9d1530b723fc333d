"""Tests of the coverage rules: claims gathered from own, reused and included blocks, and verdicts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset import (
    Block,
    Catalogue,
    Collection,
    Dimension,
    Framework,
    Include,
    Mapping,
    Practice,
    Project,
    Reuse,
    Strength,
)
from osallisuuden_palaset.assessing.coverage import (
    collection_coverage,
    practice_claims,
    practice_coverage,
    project_coverage,
    verdict,
)
from osallisuuden_palaset.composing.flattening import resolve_reuse
from osallisuuden_palaset.model.evaluation import Claim, Level, Origin
from osallisuuden_palaset.model.references import Context
from tests.assessing.builders import block, claim, mini_thl


def _claim(strength: str, evidence: bool, block_id: str = "b") -> Claim:
    return Claim(
        element="p1",
        practice="x",
        step=block_id,
        block=block_id,
        block_name="B",
        strength=Strength(strength),
        evidence="seen" if evidence else None,
    )


def test_one_strong_claim_with_evidence_covers() -> None:
    assert verdict([_claim("strong", True)]).level is Level.COVERED


def test_two_moderate_claims_with_evidence_cover() -> None:
    v = verdict([_claim("moderate", True, "a"), _claim("moderate", True, "b")])
    assert v.level is Level.COVERED
    assert "2 moderate" in v.reason.get("en")


def test_one_moderate_or_two_weak_claims_only_touch() -> None:
    assert verdict([_claim("moderate", True)]).level is Level.TOUCHED
    assert verdict([_claim("weak", True, "a"), _claim("weak", True, "b")]).level is Level.TOUCHED


def test_claims_without_evidence_are_unsupported_even_when_strong() -> None:
    assert verdict([_claim("strong", False), _claim("strong", False, "c")]).level is Level.UNSUPPORTED


def test_no_claims_is_not_claimed() -> None:
    v = verdict([])
    assert v.level is Level.NOT_CLAIMED
    assert v.reason.get("fi")
    assert v.reason.get("en")


claim_lists = st.lists(
    st.builds(_claim, st.sampled_from(["weak", "moderate", "strong"]), st.booleans(), st.sampled_from("abc")),
    max_size=6,
)


@given(claim_lists, st.sampled_from(["weak", "moderate", "strong"]), st.booleans())
def test_adding_a_claim_never_lowers_the_verdict(claims: list[Claim], strength: str, evidence: bool) -> None:
    before = verdict(claims).level
    after = verdict([*claims, _claim(strength, evidence, "z")]).level
    assert after.rank >= before.rank


def test_dimension_counts_its_principles_claims() -> None:
    fw = mini_thl()
    p = Practice(id="x", name="X", steps=[block("a", claim("p5", "strong")), block("b", claim("d1", "weak"))])
    cov = practice_coverage(p, fw, Context.build([fw]))
    assert cov.element("d2").verdict.level is Level.COVERED
    assert [c.element for c in cov.element("d2").claims] == ["p5"]
    assert cov.element("d1").verdict.level is Level.TOUCHED
    assert cov.element("d3").verdict.level is Level.NOT_CLAIMED
    assert cov.unclaimed_principles == ("p1", "p2", "p3", "p4", "p6", "p7", "p8", "p9")


def test_claims_of_parts_reused_and_included_blocks_are_marked() -> None:
    fw = mini_thl()
    shared = Catalogue(id="cat", name="Cat", blocks=[block("kortit", claim("p3", "strong"))])
    other = Practice(id="other", name="Other", steps=[block("o", claim("p8", evidence=None))])
    parent = Block(id="a", name="A", parts=[block("a1", claim("p1"))])
    p = Practice(
        id="x",
        name="X",
        steps=[parent, Reuse(id="r", reuse="cat/kortit"), Include(id="i", include="other")],
    )
    ctx = Context.build([fw], [shared], [p, other])
    claims = {c.element: c for c in practice_claims(p, "thl", ctx)}
    assert claims["p1"].origin is Origin.OWN
    assert claims["p1"].path == ("steps", 0, "parts", 0, "mappings", 0)
    assert claims["p3"].origin is Origin.REUSED
    assert claims["p3"].source == "cat/kortit"
    assert claims["p3"].path == ("steps", 1, "reuse")
    assert claims["p3"].step == "r"
    assert claims["p8"].origin is Origin.INCLUDED
    assert claims["p8"].source == "other"
    assert claims["p8"].practice == "x"
    cov = practice_coverage(p, fw, ctx)
    assert [c.block for c in cov.claims_without_evidence] == ["o"]


def test_unresolved_reuse_and_other_frameworks_are_left_out() -> None:
    fw = mini_thl()
    foreign = Mapping(target="p1", strength=Strength.STRONG, evidence="x", framework="arnstein")
    p = Practice(id="x", name="X", steps=[block("a", foreign), Reuse(id="r", reuse="nowhere/b")])
    assert practice_claims(p, "thl", Context.build([fw])) == ()


def test_self_including_practices_do_not_loop() -> None:
    fw = mini_thl()
    a = Practice(id="a", name="A", steps=[block("s", claim("p1")), Include(id="i", include="b")])
    b = Practice(id="b", name="B", steps=[Include(id="j", include="a")])
    claims = practice_claims(a, "thl", Context.build([fw], practices=[a, b]))
    assert [(c.origin, c.block) for c in claims] == [(Origin.OWN, "s")]


def test_project_and_collection_coverage_pool_their_practices() -> None:
    fw = mini_thl()
    one = Practice(id="one", name="1", steps=[block("a", claim("p9", "moderate"))])
    two = Practice(id="two", name="2", steps=[block("b", claim("p9", "moderate"))])
    alone = Practice(id="alone", name="3", steps=[block("c", claim("p4", "strong"))])
    project = Project(id="h", name="H", practices=[one, two])
    collection = Collection(id="k", name="K", projects=[project], practices=[alone])
    ctx = Context.of_collection(collection, [fw])
    proj = project_coverage(project, fw, ctx)
    assert proj.element("p9").verdict.level is Level.COVERED
    assert proj.practices == ("one", "two")
    total = collection_coverage(collection, fw, ctx)
    assert total.element("p4").verdict.level is Level.COVERED
    assert total.subject_kind == "collection"
    assert set(total.practices) == {"one", "two", "alone"}


def _lundy_practice_reusing(catalogue: Catalogue) -> tuple[Practice, Context]:
    thl = mini_thl()
    lundy = Framework(
        id="lundy",
        name="Lundy",
        kind=thl.kind,
        source=thl.source,
        dimensions=[Dimension(id="voice", name="V")],
    )
    practice = Practice(
        id="x",
        name="X",
        framework="lundy",
        steps=[Reuse(id="r", reuse=f"{catalogue.id}/kortit"), block("b", claim("voice"))],
    )
    return practice, Context.build([thl, lundy], [catalogue], [practice])


def test_reused_thl_claim_counts_against_the_catalogues_framework_not_the_practices() -> None:
    shared = Catalogue(id="cat", name="Cat", framework="thl", blocks=[block("kortit", claim("p4", "strong"))])
    practice, ctx = _lundy_practice_reusing(shared)
    thl = practice_coverage(practice, ctx.frameworks["thl"], ctx)
    (reused,) = thl.element("p4").claims
    assert (reused.origin, reused.source, reused.strength) == (Origin.REUSED, "cat/kortit", Strength.STRONG)
    assert thl.element("p4").verdict.level is Level.COVERED
    own = practice_coverage(practice, ctx.frameworks["lundy"], ctx)
    assert [c.block for row in own.rows() for c in row.claims] == ["b"]


framework_ids = st.sampled_from(["thl", "lundy"])


@given(framework_ids, framework_ids, st.lists(st.one_of(st.none(), framework_ids), min_size=1, max_size=3))
def test_a_reused_block_claims_what_its_copy_claims(
    practice_framework: str, catalogue_framework: str, named: list[str | None]
) -> None:
    """Law: reusing a block by reference counts the same claims as writing out its copy."""
    maps = [Mapping(target="p4", strength=Strength.STRONG, evidence="e", framework=f) for f in named]
    shared = Catalogue(
        id="cat",
        name="Cat",
        framework=catalogue_framework,
        blocks=[Block(id="kortit", name="K", mappings=maps)],
    )
    practice = Practice(
        id="x", name="X", framework=practice_framework, steps=[Reuse(id="r", reuse="cat/kortit")]
    )
    ctx = Context.build([], [shared], [practice])
    copied = resolve_reuse(practice, ctx, catalogues=[shared])
    for fid in ("thl", "lundy"):
        by_reference = [(c.element, c.strength) for c in practice_claims(practice, fid, ctx)]
        written_out = [(c.element, c.strength) for c in practice_claims(copied, fid, ctx)]
        assert by_reference == written_out
        assert len(by_reference) == sum(1 for f in named if (f or catalogue_framework) == fid)


def test_collection_coverage_counts_a_reused_block_once() -> None:
    fw = mini_thl()
    shared = Catalogue(id="cat", name="Cat", blocks=[block("kortit", claim("p4", "moderate"))])
    users = [Practice(id=i, name=i, steps=[Reuse(id="s", reuse="cat/kortit")]) for i in ("a", "b")]
    collection = Collection(id="k", name="K", practices=users, catalogues=[shared])
    ctx = Context.of_collection(collection, [fw])
    row = collection_coverage(collection, fw, ctx).element("p4")
    assert row.verdict.level is Level.TOUCHED
    assert [(c.practice, c.written_at) for c in row.claims] == [("a", ("cat", "kortit", 0))]


def test_a_written_claim_counts_once_through_reuse_and_includes_but_twin_blocks_count_twice() -> None:
    fw = mini_thl()
    owner = Practice(id="o", name="O", steps=[block("b", claim("p4")), block("twin", claim("p4"))])
    user = Practice(
        id="u",
        name="U",
        steps=[Reuse(id="r1", reuse="o/b"), Reuse(id="r2", reuse="o/b"), Include(id="i", include="o")],
    )
    collection = Collection(id="k", name="K", practices=[owner, user])
    ctx = Context.of_collection(collection, [fw])
    mine = practice_coverage(user, fw, ctx).element("p4").claims
    assert [(c.step, c.block) for c in mine] == [("r1", "b"), ("i", "twin")]
    total = collection_coverage(collection, fw, ctx).element("p4")
    assert [(c.practice, c.block) for c in total.claims] == [("o", "b"), ("o", "twin")]
    assert total.verdict.level is Level.COVERED  # two written moderate claims with evidence


@given(st.integers(min_value=1, max_value=5), st.sampled_from(["weak", "moderate", "strong"]), st.booleans())
def test_pooled_coverage_of_practices_reusing_one_block_is_that_blocks_coverage(
    users: int, strength: str, evidence: bool
) -> None:
    """Law: however many practices reuse a block, the collection's verdict is the block's alone."""
    fw = mini_thl()
    shared = Catalogue(
        id="cat", name="Cat", blocks=[block("kortit", claim("p4", strength, "seen" if evidence else None))]
    )
    practices = [
        Practice(id=f"p{i}", name="P", steps=[Reuse(id="s", reuse="cat/kortit")]) for i in range(users)
    ]
    collection = Collection(id="k", name="K", practices=practices, catalogues=[shared])
    ctx = Context.of_collection(collection, [fw])
    one = practice_coverage(practices[0], fw, ctx)
    total = collection_coverage(collection, fw, ctx)
    assert [r.verdict for r in total.rows()] == [r.verdict for r in one.rows()]


def test_coverage_follows_an_include_chain_1000_deep() -> None:
    from tests import strategies

    chain = strategies.include_chain(1000)  # practice_claims recursed, RecursionError at ~1,000
    ctx = Context.build([mini_thl()], practices=chain)
    claims = practice_claims(chain[0], "thl", ctx)
    assert len(claims) == 1001
    assert [c.origin for c in claims[:2]] == [Origin.OWN, Origin.INCLUDED]
    assert {(c.step, c.source, c.path) for c in claims[1:]} == {
        ("seuraava", "taso1", ("steps", 1, "include"))
    }
    assert practice_coverage(chain[0], mini_thl(), ctx).element("p2").verdict.level is Level.COVERED
