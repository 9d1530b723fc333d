"""Tests of the assessment JSON: claims and questions come from the one converter, in the documented order."""

from __future__ import annotations

from osallisuuden_palaset.assessing.assessment import assess_collection
from osallisuuden_palaset.assessing.report import assessment_json
from osallisuuden_palaset.errors import ModelPath
from osallisuuden_palaset.model.practice import Answer, Practice
from osallisuuden_palaset.model.project import Collection
from osallisuuden_palaset.model.references import Context
from tests.assessing.builders import block, claim, mini_thl


def _where(practice: str, path: ModelPath) -> str:
    return f"{practice}.yaml:{len(path)}"


def test_claims_and_questions_have_the_documented_keys_in_order() -> None:
    practice = Practice(
        id="p",
        name="P",
        framework="thl",
        steps=[block("a", claim("p1", "strong"))],
        answers=[Answer(question="q1", text="A")],
    )
    context = Context.build([mini_thl(2)], practices=[practice])
    collection = Collection(id="c", name="C", practices=[practice])
    data = assessment_json(assess_collection(collection, context, []), _where)
    (assessed,) = data["practices"]
    row = next(r for r in assessed["coverage"]["principles"] if r["id"] == "p1")
    assert row["claims"] == [
        {
            "element": "p1",
            "practice": "p",
            "step": "a",
            "block": "a",
            "block_name": {"fi": "A"},
            "strength": "strong",
            "evidence": {"fi": "seen"},
            "origin": "own",
            "source": None,
            "location": "p.yaml:4",
        }
    ]
    order = "element practice step block block_name strength evidence origin source location"
    assert list(row["claims"][0]) == order.split()  # docs/assessment.md lists them in this order
    assert [list(q) for q in assessed["questions"]] == [["id", "status", "answer", "steps"]] * 2
    assert assessed["questions"][0]["id"] == "q1"
    assert assessed["questions"][0]["answer"] == {"fi": "A"}
