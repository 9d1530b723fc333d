"""The flow view: steps, phases, edge styles per kind, reuse and inclusion, legend, determinism."""

from __future__ import annotations

import re

import pytest

from osallisuuden_palaset.diagram import DiagramOptions, build_diagram, diagram_source
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.model.block import Role
from osallisuuden_palaset.model.flow import FlowKind
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Lang
from tests.diagram import sample
from tests.diagram.dot_graph import edge, edges, node_line


def _source(model: object = sample.PRACTICE, **options: object) -> str:
    context = Context.of_collection(sample.COLLECTION, sample.FRAMEWORKS.values())
    return diagram_source(model, DiagramOptions(**options), frameworks=sample.FRAMEWORKS, context=context)  # type: ignore[arg-type]


def test_each_flow_kind_has_its_own_style() -> None:
    source = _source()
    styles = {
        "sequence": edge(source, "malli/alku", "malli/ryhma"),
        "optional": edge(source, "malli/ryhma", "malli/kortit"),
        "parallel": edge(source, "malli/ryhma", "malli/rinnalla"),
        "loop_back": edge(source, "malli/loppu", "malli/ryhma"),
        "reuse": edge(source, "origin/tyokalut/kortit", "malli/kortit"),
    }
    assert "style=dashed" in styles["optional"]
    assert "arrowhead=empty" in styles["optional"]
    assert "invis" in styles["parallel"]
    assert "style=dotted" in styles["loop_back"]
    assert "constraint=false" in styles["loop_back"]
    assert "arrowhead=odot" in styles["reuse"]
    assert len(set(styles.values())) == len(styles)
    assert "jos halutaan" in styles["optional"]


def test_phases_are_clusters_holding_their_steps() -> None:
    source = _source()
    cluster = source.split("subgraph cluster_1 {")[1].split("}")[0]
    assert "Aloitus" in cluster
    assert '"malli/alku" [' in cluster
    assert '"malli/ryhma" [' in cluster
    assert '"malli/loppu" [' not in cluster


def test_nodes_show_claims_roles_and_modality() -> None:
    alku = node_line(_source(lang="en"), "malli/alku")
    assert "p1 ●●●" in alku
    assert "d2 ●" in alku
    assert "co-developer" in alku
    assert "staff" in alku
    assert "hybrid" in alku
    assert 'BGCOLOR="#9fd3f5"' in alku  # the first dimension's colour in the default theme


def test_cards_mark_claims_without_evidence_with_hollow_marks() -> None:
    source = _source(lang="en")
    assert "p1 ○○○" in node_line(source, "malli/kortit")  # strong, but no evidence
    assert "p1 ●●●" in node_line(source, "malli/alku")
    legend = node_line(source, "legend/dimensions")
    assert re.search(r">○</TD><TD[^>]*>claim without evidence</TD>", legend)


def test_brief_detail_leaves_out_people() -> None:
    alku = node_line(_source(lang="en", detail="brief"), "malli/alku")
    assert "co-developer" not in alku
    assert "p1 ●●●" in alku


def test_reused_block_is_resolved_and_its_origin_drawn_once() -> None:
    source = _source(sample.COLLECTION, lang="en")
    assert node_line(source, "malli/kortit").count("Helmi cards") == 1
    assert (
        sum(1 for line in source.splitlines() if line.strip().startswith('"origin/tyokalut/kortit" [')) == 1
    )
    assert len([e for e in edges(source) if e[0] == "origin/tyokalut/kortit"]) == 2


def test_inclusion_expands_in_full_detail_only() -> None:
    assert "malli/sisalla/x" not in _source()
    full = _source(detail="full")
    assert "arrowhead=odiamond" in edge(full, "malli/sisalla", "malli/sisalla/x")


def test_legend_lists_dimensions_and_only_the_edge_kinds_used() -> None:
    source = _source(lang="en")
    legend = node_line(source, "legend/dimensions")
    assert "Oma elämä" in legend
    assert "loop back" in legend
    assert "inclusion" not in legend
    assert "principles: p1, p2" in legend  # the badges' codes, under their dimension
    assert "principles: p3" in legend
    assert "legend" not in _source(legend=False)


def test_each_modality_has_its_own_sign_explained_in_the_legend() -> None:
    legend = node_line(_source(lang="en"), "legend/dimensions")
    assert "⌂ in person" in legend
    assert "☎ remote" in legend
    assert "⌂☎ hybrid" in legend
    cards = _source(lang="en")
    assert "⌂ remote" not in cards
    assert "⌂ hybrid" not in cards


def test_same_model_gives_the_same_bytes() -> None:
    first = _source(sample.COLLECTION, detail="full")
    assert first == _source(sample.COLLECTION, detail="full")


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_direction_is_the_rank_direction(direction: str) -> None:
    assert f"rankdir={direction}" in _source(direction=direction)


def test_print_theme_uses_greys_only() -> None:
    import re

    colours = set(re.findall(r"#([0-9a-f]{6})", _source(theme="print")))
    assert colours
    assert all(c[0:2] == c[2:4] == c[4:6] for c in colours)


def test_unknown_references_are_drawn_not_raised() -> None:
    graph = build_diagram(
        sample.OTHER, DiagramOptions(lang="en"), frameworks=sample.FRAMEWORKS, context=Context()
    )
    assert "not found: tyokalut/kortit" in graph.source


@pytest.mark.requires_dot
def test_an_empty_project_and_an_empty_practice_of_the_same_id_are_two_nodes() -> None:
    # Both were the node "a/empty", drawn in two clusters: Graphviz 2.43 crashed (exit -11).
    from osallisuuden_palaset import Practice, Project
    from osallisuuden_palaset.model.project import Collection
    from osallisuuden_palaset.rendering.drawing import render

    collection = Collection(
        id="c",
        name="C",
        projects=[
            Project(id="t", name="T", practices=[Practice(id="a", name="A")]),
            Project(id="a", name="A"),
        ],
    )
    source = diagram_source(collection, DiagramOptions(view="flow"))
    assert '"a/empty"' in source
    assert '"project:a/empty"' in source
    assert render(source, "svg").lstrip().startswith(b"<?xml")


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_the_legend_and_cards_use_the_terms_of_reports(lang: Lang) -> None:
    source = _source(lang=lang)
    for kind in FlowKind:
        if f'"legend/{kind.value}/to"' in source:
            assert f"label=<{value_label(kind, lang)}>" in node_line(source, f"legend/{kind.value}/to")
    # Cards name roles by the same term; a short form only ever shortens it.
    assert f"ohjaaja · {value_label(Role.STAFF, lang)}" in source


def test_every_modality_has_a_sign_of_its_own() -> None:
    from osallisuuden_palaset.diagram.theme import MODALITY_ICONS
    from osallisuuden_palaset.model.block import Modality

    assert set(MODALITY_ICONS) == set(Modality)
    assert len(set(MODALITY_ICONS.values())) == len(Modality)
