"""Tests of the coverage rules: claims gathered from own, reused and included blocks, and verdicts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset import (
    Block,
    Catalogue,
    Collection,
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
