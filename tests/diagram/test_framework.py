"""The framework view: claims by strength, unclaimed principles as gaps."""

from __future__ import annotations

from osallisuuden_palaset import Block, Catalogue, Mapping, Practice, Reuse, Strength
from osallisuuden_palaset.diagram import DiagramOptions, diagram_source
from osallisuuden_palaset.model.references import Context
from tests.diagram import sample
from tests.diagram.dot_graph import edge, node_line, port_cell


def _source(model: object = sample.PRACTICE, **options: object) -> str:
    context = Context.of_collection(sample.COLLECTION, sample.FRAMEWORKS.values())
    options = {"view": "framework", "lang": "en", **options}
    return diagram_source(model, DiagramOptions(**options), frameworks=sample.FRAMEWORKS, context=context)  # type: ignore[arg-type]


def test_edges_get_thicker_with_strength() -> None:
    source = _source()
    strong = edge(source, "malli/alku", "element/p1")
    weak = edge(source, "malli/alku", "element/d2")
    moderate = edge(source, "malli/ryhma", "element/p2")
    assert "penwidth=3.5" in strong
    assert "style=solid" in strong
    assert "penwidth=2" in moderate
    assert "style=dashed" in weak


def test_principles_nobody_claims_are_gaps() -> None:
    source = _source()
    assert "gap: nobody claims it" in port_cell(source, "element/p3")
    assert 'STYLE="rounded,dashed"' in port_cell(source, "element/p3")
    assert "gap" not in port_cell(source, "element/p1")


def test_each_element_shows_its_verdict_and_both_columns_keep_their_order() -> None:
    source = _source()
    assert "● covered" in port_cell(source, "element/p1")
    ports = ["element/d1", "element/p1", "element/p2", "element/d2", "element/p3"]
    assert sorted(ports, key=source.index) == ports  # the framework's order
    steps = ["malli/alku", "malli/ryhma", "malli/kortit", "malli/rinnalla", "malli/sisalla", "malli/loppu"]
    assert sorted(steps, key=lambda s: source.index(f'PORT="{s}"')) == steps  # flow order


def test_inclusions_claim_what_the_included_practice_claims() -> None:
    assert "style=dashed" in edge(_source(), "malli/sisalla", "element/d2")


def test_collection_view_links_practices_with_their_strongest_claims() -> None:
    source = _source(sample.COLLECTION)
    assert "penwidth=3.5" in edge(source, "practice/toinen", "element/p1")
    assert "Hanke B" in port_cell(source, "practice/toinen")


def test_unknown_framework_is_said_not_raised() -> None:
    source = _source(framework="nope")
    assert "unknown framework: nope" in source
    assert "element/" not in source


def test_a_reused_claim_is_drawn_for_its_catalogues_framework_in_a_practice_of_another() -> None:
    kortit = Block(id="kortit", name="Kortit", mappings=[Mapping("p1", Strength.STRONG, evidence="e")])
    catalogue = Catalogue(id="cat", name="Cat", framework="fw", blocks=[kortit])
    practice = Practice(id="muu", name="Muu", framework="lundy", steps=[Reuse(id="r", reuse="cat/kortit")])
    context = Context.build(sample.FRAMEWORKS.values(), [catalogue], [practice])
    frameworks = sample.FRAMEWORKS

    def view(framework: str | None) -> str:
        options = DiagramOptions(view="framework", lang="en", framework=framework)
        return diagram_source(practice, options, frameworks=frameworks, context=context)

    assert "penwidth=3.5" in edge(view("fw"), "muu/r", "element/p1")
    assert "fw:p1" in port_cell(view(None), "muu/r")


def test_framework_view_draws_claims_without_evidence_thin_and_dotted_not_strong() -> None:
    source = _source()
    unsupported = edge(source, "malli/kortit", "element/p1")  # a strong claim, but no evidence
    supported = edge(source, "malli/alku", "element/p1")
    assert "style=dotted" in unsupported
    assert "penwidth=1.2" in unsupported
    assert 'color="#d55e00"' in unsupported
    assert "penwidth=3.5" in supported
    assert "style=solid" in supported


def test_framework_view_legend_names_the_line_of_claims_without_evidence() -> None:
    said = {"fi": "väite ilman näyttöä", "en": "claim without evidence", "sv": "påstående utan belägg"}
    for lang, words in said.items():
        source = _source(lang=lang)
        assert words in node_line(source, "legend/no_evidence/to")
        assert "style=dotted" in edge(source, "legend/no_evidence/from", "legend/no_evidence/to")


def test_a_practice_node_links_with_its_evidenced_claim_over_a_stronger_unsupported_one() -> None:
    source = _source(sample.COLLECTION)
    assert "style=solid" in edge(source, "practice/toinen", "element/p1")


def test_inclusions_claim_what_practices_included_at_any_depth_claim() -> None:
    # The view followed includes four levels deep, coverage all the way: now both go all the way.
    from osallisuuden_palaset import Block, Include, Mapping, Practice, Strength

    bottom = Block(id="b", name="B", mappings=[Mapping("p3", Strength.STRONG, evidence="x")])
    chain = [Practice(id="a10", name="A10", framework="fw", steps=[bottom])]
    chain += [
        Practice(id=f"a{i}", name=f"A{i}", framework="fw", steps=[Include(id="i", include=f"a{i + 1}")])
        for i in range(10)
    ]
    context = Context.build(sample.FRAMEWORKS.values(), practices=chain)
    top = next(p for p in chain if p.id == "a0")
    options = DiagramOptions(view="framework", lang="en")
    source = diagram_source(top, options, frameworks=sample.FRAMEWORKS, context=context)
    assert "penwidth=3.5" in edge(source, "a0/i", "element/p3")


def test_a_very_long_practice_is_drawn_up_to_the_bound_with_a_note_of_the_rest() -> None:
    from osallisuuden_palaset.diagram.framework import MAX_ROWS

    steps = [Block(id=f"b{i}", name=f"B{i}") for i in range(MAX_ROWS + 7)]
    practice = Practice(id="pitka", name="Pitkä", framework="fw", steps=steps)
    source = _source(practice)
    assert source.count('PORT="pitka/') == MAX_ROWS
    assert "and 7 more are not drawn here: the matrix view and the report show every one" in " ".join(
        source.split("<BR/>")
    )
