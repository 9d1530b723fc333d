"""Tests of the evaluation appendix: verdicts with evidence, criteria, questions and findings."""

from __future__ import annotations

from hypothesis import given, settings

from osallisuuden_palaset import Answer, Framework, Practice, Reuse
from osallisuuden_palaset.assessing.appendix import build_appendix
from osallisuuden_palaset.assessing.checking import CheckInput, run_checks
from osallisuuden_palaset.default_plugins.checks import BUILTIN_CHECKS
from osallisuuden_palaset.model.evaluation import CriteriaSet, Criterion, Level
from osallisuuden_palaset.model.references import Context
from tests.assessing.builders import block, claim, mini_thl
from tests.strategies import frameworks, practices


def test_appendix_has_a_verdict_and_evidence_per_dimension_and_principle() -> None:
    fw = mini_thl(2)
    p = Practice(
        id="x",
        name="X",
        steps=[block("a", claim("p2", "strong", "kokemus"))],
        answers=[Answer(question="q1", text="Vastaus")],
    )
    ctx = Context.build([fw], practices=[p])
    findings = run_checks(BUILTIN_CHECKS, CheckInput(p, fw, ctx))
    appendix = build_appendix(p, fw, ctx, findings=findings)
    assert [r.element for r in appendix.dimensions] == ["d1", "d2", "d3"]
    assert len(appendix.principles) == 9
    p2 = appendix.coverage.element("p2")
    assert p2.verdict.level is Level.COVERED
    assert [(c.block, c.evidence.get() if c.evidence else None) for c in p2.claims] == [("a", "kokemus")]
    assert appendix.criteria_set == "innokyla"
    assert len(appendix.ratings) == 10
    assert [q.question for q in appendix.unanswered] == ["q2"]
    assert {f.check for f in appendix.findings} >= {
        "dimensions-touched",
        "target-group",
        "questions-answered",
    }


def test_appendix_takes_another_criteria_set_or_none() -> None:
    fw = mini_thl(0)
    p = Practice(id="x", name="X", steps=[block("a")])
    own = CriteriaSet(
        id="oma", name="Oma", criteria=[Criterion(id="c", name="C", question="Q", rule="target_group")]
    )
    appendix = build_appendix(p, fw, Context.build([fw]), own)
    assert appendix.criteria_set == "oma"
    assert [r.criterion for r in appendix.ratings] == ["c"]
    bare = build_appendix(p, fw, Context.build([fw]), rate_criteria=False)
    assert bare.criteria_set is None
    assert bare.ratings == ()


# The practice strategy is slow to draw; a few examples per run still vary every field.
@settings(max_examples=12)
@given(practices(max_steps=3), frameworks())
def test_building_an_appendix_never_raises(practice: Practice, framework: Framework) -> None:
    ctx = Context.build([framework], practices=[practice])
    appendix = build_appendix(practice, framework, ctx)
    assert len(appendix.coverage.dimensions) == len(framework.dimensions)
    own_claims = sum(
        1
        for s in practice.steps
        if not isinstance(s, Reuse)
        for b in (s.walk() if hasattr(s, "walk") else ())
        for m in b.mappings
        if (m.framework or practice.framework) == framework.id and m.target in framework.element_ids()
    )
    counted = {
        (c.path, c.element) for r in appendix.coverage.rows() for c in r.claims if c.origin.value == "own"
    }
    assert len(counted) == own_claims
