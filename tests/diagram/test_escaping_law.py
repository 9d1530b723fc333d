"""The escaping law, with the real ``dot``: any valid model renders, and all its text shows in the SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from osallisuuden_palaset import Block, Include, Practice, Reuse, Text
from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.diagram.dot_labels import visible
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.rendering.drawing import render
from tests import strategies

pytestmark = pytest.mark.requires_dot
SVG_NS = "{http://www.w3.org/2000/svg}"

#: Text no one should write, but anyone may: markup, DOT syntax, escapes, controls, very long words.
HOSTILE = st.one_of(
    st.sampled_from(
        [
            '"quoted" \\"escaped\\"',
            "<b>not bold</b> & <<html>>",
            "back\\slash\\",
            "line\nbreak\r\nand\ttab",
            "emoji 😀🧩👩🏽‍🦯",
            "åäö ÅÄÖ",
            "\\N \\G \\l \\n",
            "]]> <!-- --> &amp; &#60;",
            "x" * 200,
            "a\x00b\x07c\x1b",
            "digraph { a -> b }",
        ]
    ),
    st.text(min_size=1, max_size=60).filter(lambda s: bool(s.strip())),
)


def _squeeze(value: str) -> str:
    return "".join(visible(value).split())


def _svg_texts(svg: bytes) -> dict[str, str]:
    """The text of every node and edge group in the SVG, whitespace removed, by the group's title."""
    root = ET.fromstring(svg)
    found: dict[str, str] = {}
    for group in root.iter(f"{SVG_NS}g"):
        title = group.find(f"{SVG_NS}title")
        if title is None or title.text is None:
            continue
        text = "".join("".join(t.itertext()) for t in group.iter(f"{SVG_NS}text"))
        found[title.text] = found.get(title.text, "") + "".join(text.split())
    return found


def _all_text(svg: bytes) -> str:
    root = ET.fromstring(svg)
    return "".join("".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")).split())


def _step_name(step: Block | Reuse | Include, lang: str, practice: Practice) -> str:
    if isinstance(step, Block) or step.name is not None:
        assert step.name is not None
        return step.name.get(lang)  # type: ignore[arg-type]
    if isinstance(step, Include) and step.include == practice.id:
        # The only practice the diagram knows is the practice itself: it is shown by its name.
        return practice.name.get(lang)  # type: ignore[arg-type]
    return step.reuse if isinstance(step, Reuse) else step.include


def _shown_texts(practice: Practice, lang: str) -> Iterator[str]:
    """What the full flow view shows of a practice."""
    yield practice.name.get(lang)  # type: ignore[arg-type]
    for step in practice.steps:
        yield _step_name(step, lang, practice)
        if isinstance(step, Block):
            for p in step.participants:
                yield p.who.get(lang)  # type: ignore[arg-type]
            for t in (step.description, step.duration, step.remote_participation):
                if t is not None:
                    yield t.get(lang)  # type: ignore[arg-type]
    for phase in practice.phases:
        yield phase.name.get(lang)  # type: ignore[arg-type]
    for flow in practice.flows:
        for t in (flow.label, flow.rationale):
            if t is not None:
                yield t.get(lang)  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None)
@given(
    practice=strategies.practices(),
    framework=strategies.frameworks(st.just("thl")),
    lang=st.sampled_from(["fi", "en", "sv"]),
)
def test_every_practice_renders_with_all_its_text(
    practice: Practice, framework: Framework, lang: str
) -> None:
    options = DiagramOptions(lang=lang, detail="full")  # type: ignore[arg-type]
    svg = render(diagram_source(practice, options, frameworks={"thl": framework}), "svg", timeout=60)
    everything = _all_text(svg)
    for text in _shown_texts(practice, lang):
        assert _squeeze(text) in everything, text
    by_node = _svg_texts(svg)
    for step in practice.steps:
        assert _squeeze(_step_name(step, lang, practice)) in by_node[f"{practice.id}/{step.id}"]


@settings(max_examples=10, deadline=None)
@given(collection=strategies.collections(), view=st.sampled_from(["flow", "framework", "overview"]))
def test_every_collection_renders_in_every_view(collection: object, view: str) -> None:
    svg = render(diagram_source(collection, DiagramOptions(view=view)), "svg", timeout=60)  # type: ignore[arg-type]
    everything = _all_text(svg)
    assert _squeeze(collection.name.get("fi")) in everything  # type: ignore[attr-defined]
    for project in collection.projects:  # type: ignore[attr-defined]
        for practice in project.practices:
            assert _squeeze(practice.name.get("fi")) in everything


@settings(max_examples=25, deadline=None)
@given(name=HOSTILE, label=HOSTILE, who=HOSTILE)
@example(name="]", label="]]", who="a]")  # Graphviz refuses a bare ']' right after a tag
def test_hostile_text_appears_literally(name: str, label: str, who: str) -> None:
    from osallisuuden_palaset import Flow, Participant, Role

    practice = Practice(
        "p",
        Text(fi=name),
        steps=(Block("a", name, participants=(Participant(who, Role.PEER),)), Block("b", label)),
        flows=(Flow("a", "b", label=label),),
    )
    svg = render(diagram_source(practice, DiagramOptions(detail="full")), "svg", timeout=60)
    by_node = _svg_texts(svg)
    assert _squeeze(name) in by_node["p/a"]
    assert _squeeze(who) in by_node["p/a"]
    assert _squeeze(label) in by_node["p/b"]
    assert _squeeze(label) in by_node["p/a->p/b"]
