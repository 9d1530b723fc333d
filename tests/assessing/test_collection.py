"""Tests of collection-wide views: principles no practice covers, most reused blocks and by whom."""

from __future__ import annotations

from osallisuuden_palaset import Catalogue, Collection, Include, Practice, Project, Reuse
from osallisuuden_palaset.assessing.collection import reuse_counts, uncovered_principles
from osallisuuden_palaset.model.evaluation import Level
from osallisuuden_palaset.model.references import Context
from tests.assessing.builders import block, claim, mini_thl

CAT = Catalogue(
    id="lumoava", name="LUmOaVA", blocks=[block("helmi-kortit", claim("p3", "strong")), block("muu")]
)
A = Practice(
    id="a",
    name="A",
    steps=[Reuse(id="r1", reuse="lumoava/helmi-kortit"), block("s", claim("p1", evidence=None))],
)
B = Practice(
    id="b",
    name="B",
    steps=[
        Reuse(id="r2", reuse="lumoava/helmi-kortit"),
        Reuse(id="r3", reuse="lumoava/muu"),
        Include(id="i", include="a"),
    ],
)
C = Practice(id="c", name="C", steps=[Reuse(id="k", reuse="lumoava/helmi-kortit")])
COLL = Collection(
    id="k", name="K", projects=[Project(id="h", name="H", practices=[A, B])], practices=[C], catalogues=[CAT]
)


def test_reuse_counts_most_used_first_with_users() -> None:
    counts = reuse_counts(COLL, Context.of_collection(COLL, [mini_thl()]))
    assert [(r.ref, r.count) for r in counts] == [("lumoava/helmi-kortit", 3), ("lumoava/muu", 1), ("a", 1)]
    top = counts[0]
    assert top.users == ("c", "a", "b")
    assert [(u.practice, u.step, u.project) for u in top.uses][1] == ("a", "r1", "h")
    assert top.name is not None
    assert top.name.get() == "Helmi-kortit"


def test_uncovered_principles() -> None:
    ctx = Context.of_collection(COLL, [mini_thl()])
    fw = mini_thl()
    touched = [r.element for r in uncovered_principles(COLL, fw, ctx)]
    assert "p3" not in touched
    assert "p1" in touched
    unclaimed = [r.element for r in uncovered_principles(COLL, fw, ctx, below=Level.UNSUPPORTED)]
    assert unclaimed == ["p2", "p4", "p5", "p6", "p7", "p8", "p9"]
