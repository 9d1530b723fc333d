"""The theory-of-change view: steps → the outcomes they lead to → indicators, gaps said."""

from __future__ import annotations

from osallisuuden_palaset import Block, Practice
from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.model.practice import Indicator, Outcome
from osallisuuden_palaset.model.references import Context
from tests.diagram import sample
from tests.diagram.dot_graph import edge, edges, node_line

PRACTICE = Practice(
    id="m",
    name="Malli",
    framework="fw",
    steps=(Block("a", "Alku"), Block("b", "Tuki"), Block("c", "Loppu")),
    outcomes=(
        Outcome(
            "o1",
            "Osallisuus vahvistuu",
            indicators=(Indicator("ESIS", source="esis", baseline="40"),),
            steps=("a", "b"),
        ),
        Outcome("o2", "Ryhmä syntyy"),
    ),
)


def _source(model: object = PRACTICE, **options: object) -> str:
    """The DOT source with wrapped lines joined again, for asserting on whole sentences."""
    context = Context.build(sample.FRAMEWORKS.values(), practices=[PRACTICE])
    chosen = {"view": "change", "lang": "en", **options}
    source = diagram_source(model, DiagramOptions(**chosen), frameworks=sample.FRAMEWORKS, context=context)  # type: ignore[arg-type]
    return source.replace("<BR/>", " ")


def test_steps_lead_to_their_outcomes_and_outcomes_to_their_indicators() -> None:
    source = _source()
    edge(source, "m/step/a", "m/outcome/o1")
    edge(source, "m/step/b", "m/outcome/o1")
    assert "dashed" in edge(source, "m/outcome/o1", "m/outcome/o1/indicator/0")
    assert "from 40" in node_line(source, "m/outcome/o1/indicator/0")
    assert not [e for e in edges(source) if e[0] == "m/step/c"]
    assert "dashed" in node_line(source, "m/step/c")  # leads to no outcome: drawn faded


def test_an_outcome_without_steps_or_indicators_says_so_in_the_language() -> None:
    line = node_line(_source(lang="fi"), "m/outcome/o2")
    assert "yhdenkään palasen ei sanota johtavan tähän" in line
    assert "mikään ei kerro, miten tätä mitataan" in line


def test_a_practice_without_outcomes_says_none_are_written() -> None:
    bare = Practice(id="m", name="Malli", framework="fw", steps=(Block("a", "Alku"),))
    assert "no intended outcomes are written for this practice" in _source(bare)


def test_outcome_steps_must_be_steps_of_the_practice() -> None:
    import pytest

    from osallisuuden_palaset.errors import ModelError

    with pytest.raises(
        ModelError, match=r"outcomes\.0\.steps\.0: outcome step 'x' is not a step of this practice"
    ):
        Practice(id="m", name="M", steps=(Block("a", "A"),), outcomes=(Outcome("o", "O", steps=("x",)),))
