"""Composition in code: examples of each function and the laws they keep."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from osallisuuden_palaset.composing.operations import (
    CompositionError,
    Part,
    branch,
    combine,
    flatten,
    include,
    namespace,
    resolve_reuse,
    reuse,
    sequence,
)
from osallisuuden_palaset.files import converting
from osallisuuden_palaset.model.block import Block, Mapping
from osallisuuden_palaset.model.flow import Flow, FlowKind
from osallisuuden_palaset.model.practice import (
    Answer,
    AnswerStatus,
    Include,
    Phase,
    Practice,
    Reuse,
    practice_issues,
)
from osallisuuden_palaset.model.project import Catalogue, Collection
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text
from tests import strategies as s
from tests.docs import REPO, python_blocks, run_python_blocks
from tests.frames import few_frames


def blk(ident: str, **kw: Any) -> Block:
    return Block(id=ident, name=ident.upper(), **kw)


def pairs(p: Practice) -> list[tuple[str, str, str]]:
    return [(f.source, f.target, f.kind.value) for f in p.flows]


# --- examples -----------------------------------------------------------------------------------


def test_sequence_of_blocks_chains_them() -> None:
    p = sequence(blk("a"), blk("b"), blk("c"), id="polku", name="Polku")
    assert p.step_ids == ("a", "b", "c")
    assert pairs(p) == [("a", "b", "sequence"), ("b", "c", "sequence")]
    assert (p.id, p.name, p.framework) == ("polku", Text(fi="Polku"), "thl")


def test_sequence_links_exits_to_entries_of_practices() -> None:
    fork = branch(blk("a"), blk("b"), blk("c"))
    p = sequence(fork, blk("d"), id="x", name="X")
    assert pairs(p) == [
        ("a", "b", "parallel"),
        ("a", "c", "parallel"),
        ("b", "d", "sequence"),
        ("c", "d", "sequence"),
    ]


def test_sequence_skips_empty_practices() -> None:
    empty = Practice(id="tyhjä", name="Tyhjä")
    assert pairs(sequence(blk("a"), empty, blk("b"))) == [("a", "b", "sequence")]


def test_sequence_refuses_clashing_ids_naming_them() -> None:
    with pytest.raises(CompositionError, match="'a'") as info:
        sequence(blk("a"), blk("b"), blk("a"))
    assert info.value.ids == ("a",)


def test_sequence_keeps_mappings_meaning() -> None:
    sokra = Practice(
        id="s",
        name="S",
        framework="sokra-2017",
        steps=[blk("a", mappings=[Mapping("x1"), Mapping("d1", framework="thl")])],
        answers=[Answer("q1")],
    )
    p = sequence(sokra, blk("b"), framework="thl")
    assert p.step("a") == blk("a", mappings=[Mapping("x1", framework="sokra-2017"), Mapping("d1")])
    assert p.answers == (Answer("q1", framework="sokra-2017"),)


def test_sequence_merges_answers_to_the_same_question() -> None:
    one = Practice(id="one", name="1", steps=[blk("a")], answers=[Answer("q", text="Eka", steps=["a"])])
    two = Practice(
        id="two",
        name="2",
        steps=[blk("b")],
        answers=[Answer("q", status=AnswerStatus.DRAFT, text="Toka", steps=["b"])],
    )
    (merged,) = sequence(one, two).answers
    assert merged == Answer("q", status=AnswerStatus.DRAFT, text="Eka\n\nToka", steps=["a", "b"])


def test_optional_branch_with_join_can_be_skipped() -> None:
    p = branch(blk("a"), blk("b"), blk("c"), kind=FlowKind.OPTIONAL, join=blk("d"))
    assert pairs(p) == [
        ("a", "b", "optional"),
        ("a", "c", "optional"),
        ("b", "d", "sequence"),
        ("c", "d", "sequence"),
        ("a", "d", "sequence"),
    ]
    assert p.entries() == ("a",)
    assert p.exits() == ("d",)


def test_branch_is_parallel_or_optional() -> None:
    with pytest.raises(ValueError, match="parallel or optional"):
        branch(blk("a"), blk("b"), kind=FlowKind.LOOP_BACK)


def test_include_and_reuse_make_steps() -> None:
    target = Practice(id="kohde", name="Kohde", steps=[blk("x")])
    assert include(target) == Include(id="kohde", include="kohde")
    assert include("kohde", id="k2", name="Nimi") == Include(id="k2", include="kohde", name="Nimi")
    assert reuse("lumoava/kortit") == Reuse(id="kortit", reuse="lumoava/kortit")
    catalogue = Catalogue(id="lumoava", name="Lumoava", blocks=[blk("kortit")])
    assert reuse(catalogue, "kortit", id="k") == Reuse(id="k", reuse="lumoava/kortit")
    assert reuse(target, blk("x")) == Reuse(id="x", reuse="kohde/x")
    with pytest.raises(CompositionError, match=r"'lumoava' has no block 'korti'.*kortit"):
        reuse(catalogue, "korti")


def test_combine_namespaces_clashes_in_both() -> None:
    a = sequence(blk("yhteinen"), blk("oma"), id="a", name="A")
    b = Practice(id="b", name="B", steps=[blk("yhteinen")], phases=[Phase("v", "V", ["yhteinen"])])
    c = combine(a, b)
    assert c.id == "a-b"
    assert c.step_ids == ("a.yhteinen", "oma", "b.yhteinen")
    assert pairs(c) == [("a.yhteinen", "oma", "sequence")]
    assert c.phases == (Phase("v", "V", ["b.yhteinen"]),)


def test_combine_error_names_every_clash() -> None:
    a = Practice(id="a", name="A", steps=[blk("x"), blk("y")], phases=[Phase("f", "F", ["x"])])
    b = Practice(id="b", name="B", steps=[blk("y"), blk("x")], phases=[Phase("f", "F", ["y"])])
    with pytest.raises(CompositionError) as info:
        combine(a, b, on_clash="error")
    assert set(info.value.ids) == {"x", "y", "f"}
    assert "step 'x', step 'y', phase 'f'" in str(info.value)


def test_combine_of_namesakes_cannot_namespace() -> None:
    a = Practice(id="a", name="A", steps=[blk("x")])
    with pytest.raises(CompositionError, match="both practices are called 'a'"):
        combine(a, a)


def test_flatten_writes_includes_inline() -> None:
    inner = sequence(blk("x"), blk("y"), id="sisä", name="Sisä")
    outer = sequence(blk("a"), include(inner, id="inc"), blk("b"), id="ulko", name="Ulko")
    flat = flatten(outer, {"sisä": inner})
    assert flat.step_ids == ("a", "inc.x", "inc.y", "b")
    assert pairs(flat) == [
        ("a", "inc.x", "sequence"),
        ("inc.x", "inc.y", "sequence"),
        ("inc.y", "b", "sequence"),
    ]
    assert flatten(outer, Context.build(practices=[inner])) == flat
    assert flatten(outer, Collection(id="c", name="C", practices=[inner])) == flat
    assert flatten(outer, lambda ident: inner if ident == "sisä" else None) == flat


def test_flatten_nested_includes_and_phase_placement() -> None:
    deepest = Practice(id="c", name="C", steps=[blk("z")])
    middle = Practice(id="b", name="B", steps=[include("c", id="ci"), blk("y")], flows=[Flow("ci", "y")])
    outer = Practice(
        id="a",
        name="A",
        steps=[blk("x"), include("b", id="bi")],
        flows=[Flow("x", "bi"), Flow("bi", "x", kind=FlowKind.LOOP_BACK)],
        phases=[Phase("alku", "Alku", ["bi"])],
        answers=[Answer("q", steps=["bi"])],
    )
    flat = flatten(outer, {"b": middle, "c": deepest})
    assert flat.step_ids == ("x", "bi.ci.z", "bi.y")
    assert pairs(flat) == [
        ("x", "bi.ci.z", "sequence"),
        ("bi.ci.z", "bi.y", "sequence"),
        ("bi.y", "x", "loop_back"),
    ]
    assert flat.phases == (Phase("alku", "Alku", ["bi.ci.z", "bi.y"]),)
    assert flat.answers == (Answer("q", steps=["bi.ci.z", "bi.y"]),)


def test_flatten_drops_loop_backs_that_no_longer_go_back() -> None:
    inner = Practice(id="i", name="I", steps=[blk("p"), blk("q")])  # two unconnected steps
    outer = Practice(id="o", name="O", steps=[include("i")], flows=[Flow("i", "i", kind=FlowKind.LOOP_BACK)])
    flat = flatten(outer, {"i": inner})
    assert pairs(flat) == [("i.p", "i.p", "loop_back"), ("i.q", "i.q", "loop_back")]


def test_flatten_empty_include_links_around_it() -> None:
    outer = sequence(blk("a"), include("tyhjä"), blk("b"))
    flat = flatten(outer, {"tyhjä": Practice(id="tyhjä", name="T")})
    assert pairs(flat) == [("a", "b", "sequence")]


def test_flatten_refuses_unknown_and_self_including_practices() -> None:
    outer = Practice(id="o", name="O", steps=[include("sisa")])
    with pytest.raises(CompositionError, match=r"'sisa', which is not known.*sisä"):
        flatten(outer, {"sisä": Practice(id="sisä", name="S")})
    loop = Practice(id="l", name="L", steps=[include("m")])
    back = Practice(id="m", name="M", steps=[include("l")])
    with pytest.raises(CompositionError, match="includes itself: l → m → l"):
        flatten(loop, {"l": loop, "m": back})


def test_resolve_reuse_copies_the_block() -> None:
    catalogue = Catalogue(
        id="lumoava",
        name="Lumoava",
        framework="sokra-2017",
        blocks=[blk("kortit", description="Kuvakortit", mappings=[Mapping("k1")])],
    )
    p = Practice(
        id="p",
        name="P",
        steps=[Reuse(id="omat", reuse="lumoava/kortit", name="Omat kortit", note="Meillä isommat"), blk("b")],
        flows=[Flow("omat", "b")],
    )
    resolved = resolve_reuse(p, Context.build(catalogues=[catalogue]), catalogues=[catalogue])
    assert resolved.step("omat") == Block(
        id="omat",
        name="Omat kortit",
        description="Kuvakortit\n\nMeillä isommat",
        mappings=[Mapping("k1", framework="sokra-2017")],
    )
    assert resolved.flows == p.flows
    via_collection = resolve_reuse(p, Collection(id="c", name="C", catalogues=[catalogue]))
    assert via_collection == resolved


def test_resolve_reuse_names_every_unresolved_reference() -> None:
    p = Practice(id="p", name="P", steps=[reuse("x/y"), reuse("lumoava/korit")])
    catalogue = Catalogue(id="lumoava", name="L", blocks=[blk("kortit")])
    with pytest.raises(CompositionError) as info:
        resolve_reuse(p, Context.build(catalogues=[catalogue]))
    assert "'x/y'" in str(info.value)
    assert "'lumoava/korit'" in str(info.value)
    assert "kortit" in str(info.value)


def test_composing_other_things_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cannot compose a str"):
        sequence("a")  # type: ignore[arg-type]


# --- laws ---------------------------------------------------------------------------------------

#: Practices without Include steps, so they flatten without a lookup of their own.
PLAIN_PRACTICES = s.practices(max_steps=3, step=st.one_of(s.blocks(depth=0), s.reuses()))
PARTS: st.SearchStrategy[Part] = st.one_of(s.blocks(depth=0), PLAIN_PRACTICES)
RESULT = st.fixed_dictionaries(
    {"id": st.just("tulos"), "name": s.texts(), "framework": st.sampled_from(["thl", "sokra-2017"])}
)


def apart(part: Part, prefix: str) -> Part:
    """The part with ids no other prefix shares."""
    return namespace(part, prefix) if isinstance(part, Practice) else attrs.evolve(part, id=prefix)


def check_valid(p: Practice) -> None:
    assert practice_issues(p) == []
    assert converting.structure(converting.unstructure(p), Practice) == p


@given(PARTS, PARTS, PARTS, RESULT)
def test_sequence_is_associative(a: Part, b: Part, c: Part, result: dict[str, Any]) -> None:
    a, b, c = apart(a, "a"), apart(b, "b"), apart(c, "c")
    before = [converting.unstructure(x) for x in (a, b, c)]
    left = sequence(sequence(a, b, **result), c, **result)
    right = sequence(a, sequence(b, c, **result), **result)
    assert left == right
    assert left == sequence(a, b, c, **result)
    check_valid(left)
    assert [converting.unstructure(x) for x in (a, b, c)] == before


def canonical(p: Practice) -> tuple[Any, ...]:
    """A practice with listings whose order does not matter sorted."""

    def answer(x: Answer) -> tuple[Any, ...]:
        paragraphs = sorted(
            (lang, part) for lang, v in (x.text.items() if x.text else ()) for part in v.split("\n\n")
        )
        return (x.framework or "", x.question, x.status.value, sorted(x.steps), paragraphs)

    return (
        p.id,
        p.name,
        p.framework,
        p.steps,
        sorted(p.flows, key=lambda f: (f.source, f.target)),
        sorted(p.phases, key=lambda x: x.id),
        sorted(p.outcomes, key=lambda x: x.id),
        sorted(answer(x) for x in p.answers),
        sorted(p.keywords),
    )


@given(PLAIN_PRACTICES, PLAIN_PRACTICES, PLAIN_PRACTICES, RESULT)
def test_include_then_flatten_is_writing_inline(
    a: Practice, inner: Practice, c: Practice, result: dict[str, Any]
) -> None:
    a, c = namespace(a, "a"), namespace(c, "c")
    outer = sequence(a, include(inner, id="q"), c, **result)
    flat = flatten(outer, {inner.id: inner})
    inline = sequence(a, namespace(inner, "q"), c, **result)
    assert canonical(flat) == canonical(inline)
    check_valid(flat)


@given(s.practices(max_steps=3), s.practices(max_steps=3))
def test_combine_is_commutative(a: Practice, b: Practice) -> None:
    assume(a.id != b.id)
    before = (converting.unstructure(a), converting.unstructure(b))
    try:
        ab = combine(a, b)
    except CompositionError as error:
        with pytest.raises(CompositionError) as other:
            combine(b, a)
        refused = set(error.ids)
    else:
        refused = set()
    if refused:
        assert set(other.value.ids) == refused
        return
    assert ab == combine(b, a)
    check_valid(ab)
    assert sorted(ab.step_ids) == sorted(
        [
            *(f"{a.id}.{i}" if i in b.step_ids else i for i in a.step_ids),
            *(f"{b.id}.{i}" if i in a.step_ids else i for i in b.step_ids),
        ]
    )
    assert (converting.unstructure(a), converting.unstructure(b)) == before


@given(s.practices(max_steps=4), st.data())
def test_flatten_and_resolve_always_give_valid_practices(p: Practice, data: st.DataObject) -> None:
    included = sorted({step.include for step in p.steps if isinstance(step, Include)})
    lookup = {ident: attrs.evolve(data.draw(PLAIN_PRACTICES), id=ident) for ident in included}
    if p.id in included:  # the practice includes itself
        with pytest.raises(CompositionError, match="includes itself"):
            flatten(p, {**lookup, p.id: p})
        return
    try:
        flat = flatten(p, lookup)
    except CompositionError as error:  # an included step id already used by the outer practice
        assert "would repeat step ids" in str(error)  # noqa: PT017 - the one refusal possible here
        return
    check_valid(flat)
    assert not any(isinstance(step, Include) for step in flat.steps)
    owners: dict[str, list[Block]] = {}
    for step in flat.steps:
        if isinstance(step, Reuse):
            owner, name = step.reuse.split("/")
            owners.setdefault(owner, []).append(blk(name))
    catalogues = [
        Catalogue(id=o, name=o, blocks=list({b.id: b for b in bs}.values())) for o, bs in owners.items()
    ]
    resolved = resolve_reuse(flat, Context.build(catalogues=catalogues), catalogues=catalogues)
    check_valid(resolved)
    assert all(isinstance(step, Block) for step in resolved.steps)
    assert resolved.step_ids == flat.step_ids


# --- the guide ----------------------------------------------------------------------------------

GUIDE = REPO / "docs" / "composition.md"


def test_the_guide_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(python_blocks(GUIDE)) >= 6
    run_python_blocks(GUIDE)
    assert "both have step 'kutsu'" in capsys.readouterr().out


def test_flatten_writes_out_an_include_chain_deeper_than_the_stack_allows() -> None:
    # _flatten recursed once per level. Written-out ids join the include ids ("i.i.….oma");
    # the stack is given far fewer frames than levels.
    chain = s.include_chain(48, step="i")
    with few_frames(30):
        flat = flatten(chain[0], {p.id: p for p in chain})
    assert len(flat.steps) == 49
    assert not [step for step in flat.steps if isinstance(step, Include)]
    assert flat.steps[-1].id == ".".join(["i"] * 48) + ".oma"
    assert len(flat.flows) == 48


def test_flatten_still_names_the_chain_of_a_practice_that_includes_itself() -> None:
    chain = s.include_chain(3)
    looped = [*chain[:-1], attrs.evolve(chain[-1], steps=[Include(id="takaisin", include="taso0")])]
    with pytest.raises(
        CompositionError, match="practice 'taso3' includes itself: taso0 → taso1 → taso2 → taso3 → taso0"
    ):
        flatten(looped[0], {p.id: p for p in looped})
