"""Hostile text through every exporter and diagram view: outputs stay valid and show the text literally."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuuden_palaset import Block, Flow, Participant, Phase, Practice, Project, Role, Text
from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.diagram.dot_labels import visible
from osallisuuden_palaset.files.loading import loads
from osallisuuden_palaset.markup import FORMULA_STARTS, escape_mermaid, unescape_markdown
from osallisuuden_palaset.model.project import Collection
from osallisuuden_palaset.output.exporting import Exporter, export
from osallisuuden_palaset.plugins.registry import get_exporters
from osallisuuden_palaset.rendering.drawing import render
from osallisuuden_palaset.testing import make_plugin_manager
from tests import strategies
from tests.default_plugins.exporters import samples

#: Quotes, backslashes, HTML and script, Markdown, CSV formulas, controls, right-to-left, emoji, length.
HOSTILE: tuple[str, ...] = (
    "she said \"hei\" and 'moi'",
    "C:\\temp\\new \\n \\N \\\\",
    "<script>alert(document.cookie)</script>",
    '<img src=x onerror="alert(1)"> &amp; &lt;b&gt; ]]> <!-- -->',
    "**bold** _em_ `code` [link](javascript:alert(1)) ![img](x) | a | b | ~~del~~ $x$",
    "# heading",
    "- item",
    "1. first",
    "> quote",
    '=HYPERLINK("http://x","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTAB first",
    "bell\x07 escape\x1b[31m delete\x7f",
    "עברית ومرحبا mixed with latin",
    "\u202eRTL override\u202c and \u200f mark",
    "emoji 🧩👩🏽‍🦯🇫🇮 and ä ö å",
    "line\nbreak\r\nand\rreturn",
    "{{ jinja }} {% raw %} ${shell}",
    '"]) #quot; %% --> end ;',
    "digraph { a -> b } <<html>>",
    "x" * 10_000,
    "sana " * 2_000,
)

hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40).filter(str.strip),
)

EXPORTERS: dict[str, Exporter] = dict(get_exporters(make_plugin_manager()))


def practice_with(name: str, other: str) -> Practice:
    """A practice whose every text (names, descriptions, participants, labels, phases) is hostile."""
    return Practice(
        id="vihamielinen",
        name=Text(fi=name, en=other),
        summary=other,
        steps=(
            Block(
                "a",
                name,
                description=other,
                participants=(Participant(other, Role.PARTICIPANT, description=name),),
                duration=name,
            ),
            Block("b", other, participants=(Participant(name, Role.STAFF),)),
        ),
        flows=(Flow("a", "b", label=name, rationale=other),),
        phases=(Phase("vaihe", name, ("a",)),),
        keywords=(name,),
    )


def _flat(value: str) -> str:
    return "".join(value.split())


class _Text(HTMLParser):
    """Collects the text an HTML page shows, and every start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, _ in attrs:
            assert not name.startswith("on"), f"an event handler attribute {name!r} in the output"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def check_json(data: bytes, practice: Practice, shown: list[str]) -> None:
    text = data.decode("utf-8")
    json.loads(text)
    assert loads(text, name="takaisin.json").model == practice


def check_yaml(data: bytes, practice: Practice, shown: list[str]) -> None:
    assert loads(data.decode("utf-8"), name="takaisin.yaml").model == practice


def check_html(data: bytes, practice: Practice, shown: list[str]) -> None:
    page = data.decode("utf-8")
    assert "<script" not in page.lower()
    parser = _Text()
    parser.feed(page)
    parser.close()
    assert "script" not in parser.tags
    everything = _flat("".join(parser.text))
    for text in shown:
        assert _flat(text) in everything, text[:80]


def check_markdown(data: bytes, practice: Practice, shown: list[str]) -> None:
    document = data.decode("utf-8")
    assert not re.search(r"(?<!\\)<", document)  # `<` is always escaped: no raw HTML
    everything = _flat(unescape_markdown(document))
    for text in shown:
        assert _flat(text) in everything, text[:80]


def check_csv(data: bytes, practice: Practice, shown: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    width = len(rows[0])
    assert all(len(row) == width for row in rows)
    # a cell's leading ' is the formula guard's or the text's own
    names = {_flat(c) for c in cells} | {
        _flat(c.removeprefix("'")) for c in cells
    }  # a guard's ' or the text's own
    for step in practice.steps:
        assert _flat(step.name.get("fi")) in names  # type: ignore[union-attr]


def check_mermaid(data: bytes, practice: Practice, shown: list[str]) -> None:
    chart = data.decode("utf-8")
    plain = export(EXPORTERS["mermaid"], practice_with("x", "y")).decode("utf-8")
    assert len(chart.splitlines()) == len(plain.splitlines())  # no text broke a line or a statement
    for step in practice.steps:
        assert escape_mermaid(step.name.get("fi")) in chart  # type: ignore[union-attr]
    for line in chart.splitlines():
        labels = line.split('"')
        assert len(labels) % 2 == 1, line[:120]  # quotes only around labels, always paired


CHECKS = {
    "json": check_json,
    "yaml": check_yaml,
    "html": check_html,
    "cards": check_html,
    "markdown": check_markdown,
    "csv": check_csv,
    "mermaid": check_mermaid,
}


def test_every_registered_exporter_is_checked() -> None:
    assert set(CHECKS) <= set(EXPORTERS)
    assert set(EXPORTERS) - set(CHECKS) == set(), "add a validity check for the new format here"


@pytest.mark.parametrize("name", sorted(CHECKS))
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_each_hostile_string_through_each_exporter(name: str, text: str) -> None:
    practice = practice_with(text, samples.HOSTILE)
    data = export(EXPORTERS[name], practice, context=samples.context())
    CHECKS[name](data, practice, [text, samples.HOSTILE])


@settings(max_examples=20)
@given(name=hostile, other=hostile)
def test_generated_hostile_text_through_every_exporter(name: str, other: str) -> None:
    practice = practice_with(name, other)
    for format_name, check in CHECKS.items():
        check(export(EXPORTERS[format_name], practice, context=samples.context()), practice, [name, other])


@given(practice=strategies.practices())
def test_any_practice_exports_to_valid_json_and_yaml(practice: Practice) -> None:
    """Strategies' texts are sometimes hostile; the lossless formats always load back equal."""
    for name in ("json", "yaml"):
        CHECKS[name](export(EXPORTERS[name], practice), practice, [])


@given(collection=strategies.collections())
def test_any_collection_exports_in_every_format(collection: Collection) -> None:
    for exporter in EXPORTERS.values():
        data = export(exporter, collection)
        assert data.decode("utf-8").endswith("\n")
    rows = list(csv.reader(io.StringIO(export(EXPORTERS["csv"], collection).decode("utf-8"), newline="")))
    assert not [c for row in rows for c in row if c.startswith(FORMULA_STARTS)]
    page = _Text()
    page.feed(export(EXPORTERS["html"], collection).decode("utf-8"))
    assert "script" not in page.tags


# --- diagrams -----------------------------------------------------------------------------------

VIEWS = ("flow", "framework", "overview")


@settings(max_examples=25)
@given(name=hostile, other=hostile, view=st.sampled_from(VIEWS), detail=st.sampled_from(["brief", "full"]))
def test_every_view_builds_dot_for_hostile_text(name: str, other: str, view: str, detail: str) -> None:
    practice = practice_with(name, other)
    project = Project("hanke", other, practices=(practice,))
    for model in (practice, project):
        source = diagram_source(
            model, DiagramOptions(view=view, detail=detail), frameworks={"thl": samples.thl()}
        )
        assert source.startswith("digraph")
        assert source.rstrip().endswith("}")


SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def _svg_text(svg: bytes) -> str:
    root = ET.fromstring(svg)
    return _flat("".join("".join(t.itertext()) for t in root.iter(SVG_TEXT)))


@pytest.mark.requires_dot
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_each_hostile_string_renders_literally_in_each_view(view: str, text: str) -> None:
    practice = practice_with(text, "toinen")
    options = DiagramOptions(view=view, detail="full")
    svg = render(diagram_source(practice, options, frameworks={"thl": samples.thl()}), "svg", timeout=60)
    shown = _svg_text(svg)
    assert _flat(visible(text)) in shown
    if view != "overview":  # the overview names practices and blocks only
        assert "toinen" in shown


@pytest.mark.requires_dot
@settings(max_examples=6)
@given(name=hostile, view=st.sampled_from(VIEWS))
def test_generated_hostile_text_renders_in_every_view(name: str, view: str) -> None:
    practice = practice_with(name, "toinen")
    options = DiagramOptions(view=view, detail="full")
    svg = render(diagram_source(practice, options, frameworks={"thl": samples.thl()}), "svg", timeout=60)
    assert _flat(visible(name)) in _svg_text(svg)
