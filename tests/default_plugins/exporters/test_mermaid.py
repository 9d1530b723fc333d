"""The mermaid format: a flowchart with escaped labels and one arrow style per kind of flow."""

from __future__ import annotations

import re

from osallisuuden_palaset.output.exporting import export
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS

MERMAID = EXPORTERS["mermaid"]


def _chart(model: object, **options: str) -> str:
    data = export(MERMAID, model, lang="en", context=samples.context(), options=options)  # type: ignore[arg-type]
    return data.decode("utf-8")


def test_steps_phases_and_flow_kinds() -> None:
    chart = _chart(samples.rich_practice())
    assert chart.startswith("flowchart TD\n")
    assert '    subgraph ph0["Start"]\n        s0["Mapping"]\n        s1(["Cards"]):::reuse\n    end' in chart
    assert '    s3[["Small practice"]]:::include' in chart
    assert "    s0 --> s1" in chart  # sequence
    assert "    s1 ==> s2" in chart  # parallel
    assert '    s0 -.->|"if needed"| s3' in chart  # optional, with its label
    assert '    s4 -.->|"loop back"| s0' in chart  # loop back, labelled
    assert _chart(samples.rich_practice(), direction="LR").startswith("flowchart LR\n")


def test_projects_and_collections_get_a_subgraph_per_practice() -> None:
    chart = _chart(samples.collection())
    assert re.findall(r'^    subgraph (p\d+)\["', chart, re.MULTILINE) == ["p0", "p1", "p2"]
    assert "        p1s0 --> p1s1" in chart


def test_hostile_labels_cannot_break_the_syntax() -> None:
    chart = _chart(samples.hostile_practice())
    for line in chart.split("\n"):
        # Inside each quoted label only entity codes and harmless characters remain.
        for label in re.findall(r'"([^"]*)"', line):
            assert not set(re.sub(r"#\d+;", "", label)) & set('"<>&#`|;%[]{}()\\')
        assert line.count('"') % 2 == 0
    assert "<script>" not in chart
    assert "#60;script#62;" in chart
