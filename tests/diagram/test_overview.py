"""The overview: projects → practices → blocks; blocks used by several practices stand out."""

from __future__ import annotations

import datetime as dt

import attrs

from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.model.project import Period
from osallisuuden_palaset.model.references import Context
from tests.diagram import sample
from tests.diagram.dot_graph import edge, edges, node_line


def _source(model: object = sample.COLLECTION, **options: object) -> str:
    context = Context.of_collection(sample.COLLECTION, sample.FRAMEWORKS.values())
    options = {"view": "overview", "lang": "en", **options}
    return diagram_source(model, DiagramOptions(**options), frameworks=sample.FRAMEWORKS, context=context)  # type: ignore[arg-type]


def test_a_block_reused_across_projects_is_marked_and_linked_from_both() -> None:
    source = _source()
    cards = node_line(source, "block/tyokalut/kortit")
    assert "used by: Test practice, Toinen<BR/>malli" in cards
    assert "penwidth=3" in cards  # across projects
    assert "arrowhead=odot" in edge(source, "practice/malli", "block/tyokalut/kortit")
    assert "arrowhead=odot" in edge(source, "practice/toinen", "block/tyokalut/kortit")


def test_a_practice_block_reused_elsewhere_is_shared_too() -> None:
    source = _source()
    assert "used by: Test practice, Toinen<BR/>malli" in node_line(source, "block/malli/alku")
    assert "arrowhead=none" in edge(source, "practice/malli", "block/malli/alku")


def test_inclusion_links_practices() -> None:
    assert "arrowhead=odiamond" in edge(_source(), "practice/malli", "practice/sisempi")


def test_projects_are_clusters() -> None:
    source = _source()
    assert source.count("subgraph cluster_") >= 3
    assert "Hanke A" in source
    assert "Hanke B" in source


def test_brief_detail_shows_only_shared_blocks() -> None:
    source = _source(detail="brief")
    nodes = {t for t, _, _ in edges(source)} | {h for _, h, _ in edges(source)}
    assert "block/tyokalut/kortit" in nodes
    assert "block/malli/ryhma" not in nodes
    assert "block/malli/ryhma" in _source()


def test_a_project_period_is_written_as_the_language_writes_dates() -> None:
    project = attrs.evolve(
        sample.COLLECTION.projects[0], period=Period(dt.date(2017, 9, 1), dt.date(2020, 5, 31))
    )
    collection = attrs.evolve(sample.COLLECTION, projects=(project, *sample.COLLECTION.projects[1:]))
    assert "1.9.2017–31.5.2020" in _source(collection, lang="fi")
    assert "1 Sept 2017–31 May 2020" in _source(collection, lang="en")
    assert "2017-09-01" not in _source(collection, lang="sv")
