"""Pictures of many practices stay bounded: a flow too big is not drawn, an overview shows the most shared."""

from __future__ import annotations

from osallisuuden_palaset import Block, Collection, Mapping, Practice, Project, Reuse, Strength
from osallisuuden_palaset.diagram import DiagramOptions, bounds, diagram_source
from osallisuuden_palaset.model.references import Context
from tests.diagram import sample
from tests.diagram.dot_graph import edges


def _practice(n: int, reuses: int = 0) -> Practice:
    steps: list[Block | Reuse] = [
        Block(id=f"s{i}", name=f"Vaihe {i}", mappings=[Mapping(f"p{i % 3 + 1}", Strength.MODERATE)])
        for i in range(8)
    ]
    steps += [Reuse(id=f"r{i}", reuse=f"m{i}/s0") for i in range(reuses)]
    return Practice(id=f"m{n}", name=f"Malli {n}", framework="fw", steps=steps)


def collection(practices: int) -> Collection:
    """``practices`` practices of 8 blocks; practice i reuses the first block of practices 0..i%4-1."""
    return Collection(
        id="kokonaisuus",
        name="Kokonaisuus",
        practices=[_practice(n, min(n, n % 4)) for n in range(practices)],
    )


def _nodes(source: str) -> int:
    """How many node statements (``"id" [...]`` lines that are no edges) a DOT source has."""
    return sum(1 for line in source.splitlines() if line.lstrip().startswith('"') and " -> " not in line)


def _source(model: Project | Collection, view: str, detail: str = "standard") -> str:
    context = Context.of_collection(collection(200), sample.FRAMEWORKS.values())
    options = DiagramOptions(view=view, lang="fi", detail=detail)
    return diagram_source(model, options, frameworks=sample.FRAMEWORKS, context=context)


def test_steps_are_counted_over_every_practice_of_the_model() -> None:
    model = collection(3)
    project = Project(id="h", name="Hanke", practices=[_practice(7)])
    both = Collection(id="k", name="K", practices=model.practices, projects=[project])
    assert bounds.step_count(model) == 8 * 3 + 1 + 2  # m1 reuses one block, m2 two
    assert bounds.step_count(both) == bounds.step_count(model) + 8
    assert [p.id for p in bounds.practices_of(both)] == ["m0", "m1", "m2", "m7"]


def test_a_flow_above_the_bound_is_not_one_picture_but_a_practice_always_is() -> None:
    small = collection(bounds.MAX_FLOW_STEPS // 10)
    large = collection(bounds.MAX_FLOW_STEPS // 8 + 1)
    assert bounds.flow_fits(small)
    assert not bounds.flow_fits(large)
    huge = Practice(id="iso", name="Iso", steps=[Block(id=f"s{i}", name="V") for i in range(1000)])
    assert bounds.flow_fits(huge)


def test_the_bounded_overview_keeps_the_practices_that_share_most_in_order() -> None:
    model = collection(12)
    score = bounds.sharing(model)
    assert score["m0"] > score["m4"]  # m0's first block is reused by m1, m2, m3, m5, ...
    kept = bounds.bounded_overview(model, limit=4)
    ids = [p.id for p in kept.practices]
    assert len(ids) == 4
    assert ids == sorted(ids, key=lambda i: int(i[1:]))  # the original order
    assert "m0" in ids
    assert all(score[i] >= max(score[j] for j in score if j not in ids) for i in ids)


def test_the_bounded_overview_drops_projects_left_without_practices() -> None:
    model = Collection(
        id="k",
        name="K",
        projects=[
            Project(id="a", name="A", practices=[_practice(0), _practice(1, 1)]),
            Project(id="b", name="B", practices=[_practice(2)]),
        ],
    )
    kept = bounds.bounded_overview(model, limit=2)
    assert isinstance(kept, Collection)
    assert [p.id for p in kept.projects] == ["a"]


def test_the_bounded_framework_keeps_the_practices_whose_claims_reach_widest() -> None:
    narrow = Practice(id="kapea", name="Kapea", steps=[Block(id="a", name="A", mappings=[Mapping("p1")])])
    model = Collection(id="k", name="K", practices=[narrow, _practice(1), _practice(2)])
    assert bounds.claim_breadth(model) == {"kapea": 1, "m1": 3, "m2": 3}
    kept = bounds.bounded_framework(model, limit=2)
    assert [p.id for p in kept.practices] == ["m1", "m2"]


def test_collection_pictures_grow_linearly_and_the_capped_ones_not_at_all() -> None:
    # Count work, not time: the nodes and edges of each picture build draws of a collection.
    sizes = (70, 140)
    framework, capped_framework, overview = [], [], []
    for n in sizes:
        model = collection(n)
        assert not bounds.flow_fits(model)
        assert not bounds.overview_fits(model)
        assert not bounds.framework_fits(model)
        shown = _source(model, "framework")
        framework.append(_nodes(shown) + len(edges(shown)))
        capped = _source(bounds.bounded_framework(model), "framework")
        capped_framework.append(_nodes(capped) + len(edges(capped)))
        capped = _source(bounds.bounded_overview(model), "overview", "brief")
        overview.append(_nodes(capped) + len(edges(capped)))
    assert framework[1] <= 2.2 * framework[0]  # the uncapped picture: linear in the practices
    # at most the capped practices, their shared blocks, the elements and the links: one bound at any size
    assert capped_framework[0] == capped_framework[1]
    assert max(overview) <= 5 * bounds.MAX_OVERVIEW_PRACTICES
