"""Tests of what a step stands for once its reference is followed (model.resolving)."""

from __future__ import annotations

import pytest

from osallisuuden_palaset import Block, Catalogue, Context, Include, Mapping, Practice, Reuse
from osallisuuden_palaset.model.resolving import ResolvedStep, follow_reuse, resolve_step, resolved_steps
from osallisuuden_palaset.model.text import Text

KORTIT = Block(id="kortit", name=Text(fi="Kortit", en="Cards"), mappings=[Mapping("p1")])
CATALOGUE = Catalogue(id="cat", name="Cat", framework="thl", blocks=[KORTIT])
MUU = Practice(id="muu", name=Text(fi="Muu malli", en="Other practice"), steps=[Block(id="b", name="B")])


def context() -> Context:
    return Context.build([], [CATALOGUE], [MUU])


def test_a_written_block_stands_for_itself() -> None:
    block = Block(id="a", name="A")
    r = resolve_step(block, context())
    assert r == ResolvedStep(block, block)
    assert (r.kind, r.id, r.origin, r.included, r.note) == ("block", "a", None, None, None)
    assert r.resolved
    assert r.name == Text(fi="A")


def test_a_resolved_reuse_carries_the_block_as_context_resolve_gives_it() -> None:
    step = Reuse(id="s", reuse="cat/kortit", note="lyhyempi")
    r = resolve_step(step, context())
    assert r.block is not None
    assert r.block.mappings[0].framework == "thl"
    assert r.block == context().resolve("cat/kortit")
    assert (r.kind, r.id, r.origin) == ("reuse", "s", "cat/kortit")
    assert r.resolved
    assert r.note == Text(fi="lyhyempi")
    assert r.name == KORTIT.name  # no name of its own: the block's


@pytest.mark.parametrize("ref", ["nobody/kortit", "cat/nothing", "muu/kortit"])
def test_an_unresolved_reuse_resolves_to_nothing(ref: str) -> None:
    r = resolve_step(Reuse(id="s", reuse=ref), context())
    assert r.block is None
    assert r.included is None
    assert not r.resolved
    assert r.kind == "reuse"
    assert r.origin == ref
    assert r.name == Text(fi=ref)  # the reference itself, whatever the language
    assert r.name.get("en") == ref


def test_an_include_carries_the_practice_when_known() -> None:
    known = resolve_step(Include(id="i", include="muu", note="vain alku"), context())
    assert known.included is MUU
    assert known.block is None
    assert (known.kind, known.origin, known.resolved) == ("include", "muu", True)
    assert known.name.get("en") == "Other practice"
    assert known.note == Text(fi="vain alku")
    unknown = resolve_step(Include(id="i", include="poissa"), context())
    assert unknown.included is None
    assert not unknown.resolved
    assert unknown.name == Text(fi="poissa")


def test_names_fall_back_own_then_referred_then_reference() -> None:
    c = context()
    assert resolve_step(Reuse(id="s", reuse="cat/kortit", name="Oma"), c).name == Text(fi="Oma")
    assert resolve_step(Reuse(id="s", reuse="cat/nothing", name="Oma"), c).name == Text(fi="Oma")
    assert resolve_step(Include(id="i", include="muu", name="Oma"), c).name == Text(fi="Oma")
    assert resolve_step(Include(id="i", include="poissa", name="Oma"), c).name == Text(fi="Oma")
    assert resolve_step(Reuse(id="s", reuse="cat/kortit"), c).name.get("en") == "Cards"
    assert resolve_step(Include(id="i", include="muu"), c).name.get("fi") == "Muu malli"


def test_follow_reuse_gives_none_for_anything_that_does_not_resolve() -> None:
    c = context()
    assert follow_reuse("cat/kortit", c) is c.resolve("cat/kortit")
    assert follow_reuse("muu/b", c) is not None
    for ref in ("nobody/kortit", "cat/nothing", "not a reference", "cat/"):
        assert follow_reuse(ref, c) is None


def test_resolved_steps_follow_the_flow_order() -> None:
    practice = Practice(
        id="p",
        name="P",
        steps=[Block(id="a", name="A"), Reuse(id="b", reuse="cat/kortit"), Include(id="c", include="muu")],
    )
    steps = resolved_steps(practice, context())
    assert [s.id for s in steps] == [s.id for s in practice.ordered_steps()]
    assert [s.kind for s in steps] == ["block", "reuse", "include"]


def test_old_import_paths_give_the_same_resolver() -> None:
    from osallisuuden_palaset.diagram import resolving as diagram_resolving
    from osallisuuden_palaset.model import resolving
    from osallisuuden_palaset.output import reporting

    for module in (diagram_resolving, reporting):
        assert module.ResolvedStep is resolving.ResolvedStep
        assert module.resolve_step is resolving.resolve_step
        assert module.resolved_steps is resolving.resolved_steps
    assert diagram_resolving.reuse_target is follow_reuse
