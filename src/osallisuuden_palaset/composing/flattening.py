"""Writing a practice out: includes inlined (flatten), reused blocks copied in, ids prefixed (namespace)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from osallisuuden_palaset.composing.pieces import (
    CompositionError,
    Piece,
    join_texts,
    merge_answers,
    piece_of,
    unique_flows,
)
from osallisuuden_palaset.errors import nearest
from osallisuuden_palaset.messages.catalogue import Joined, msg
from osallisuuden_palaset.model.block import retarget_block
from osallisuuden_palaset.model.flow import Flow, FlowKind, reaches
from osallisuuden_palaset.model.ids import split_ref
from osallisuuden_palaset.model.practice import Include, Practice, Reuse, Step
from osallisuuden_palaset.model.project import Catalogue, Collection
from osallisuuden_palaset.model.references import Context

#: Where ``flatten`` finds included practices: a context, a collection, a mapping or a function.
PracticeLookup = Context | Collection | Mapping[str, Practice] | Callable[[str], Practice | None]


def namespace(practice: Practice, prefix: str) -> Practice:
    """The practice with every step, phase and outcome id written ``prefix.id`` (references follow)."""
    return rename_ids(
        practice,
        {s: f"{prefix}.{s}" for s in practice.step_ids},
        {p.id: f"{prefix}.{p.id}" for p in practice.phases},
        {o.id: f"{prefix}.{o.id}" for o in practice.outcomes},
    )


def flatten(practice: Practice, lookup: PracticeLookup) -> Practice:
    """The practice with every Include step written out inline, included includes too.

    An included step ``x`` of Include step ``inc`` becomes ``inc.x``. Flows into the Include
    lead to the included practice's entries, flows out of it leave from its exits; loop-backs
    are kept where they still go back. The included practice's phases, outcomes and answers
    come along (namespaced; answers to the same question are merged), except that an Include
    placed in a phase puts all its steps in that phase. Including an empty practice links the
    steps before it straight to those after it.

    Raises:
        CompositionError: an included practice is unknown, includes itself, or its ids clash.
    """
    return _flatten(practice, _finder(lookup), (practice.id,))


def resolve_reuse(
    practice: Practice, context: Context | Collection, *, catalogues: Iterable[Catalogue] = ()
) -> Practice:
    """The practice with every Reuse step replaced by a copy of the block it names.

    The copy keeps the step's id, its name when it overrides one, and adds the step's note
    to the block's description. Mappings keep their meaning (the owner's framework is
    taken from the owning practice, or from ``catalogues``; a collection gives its own).

    Raises:
        CompositionError: naming every reference that does not resolve.
    """
    catalogues = tuple(catalogues)
    if isinstance(context, Collection):
        catalogues += context.catalogues
        context = Context.of_collection(context, catalogues=catalogues)
    owner_framework = {c.id: c.framework for c in catalogues}
    owner_framework.update({p.id: p.framework for p in context.practices.values()})
    steps: list[Step] = []
    missing: list[str] = []
    for step in practice.steps:
        if not isinstance(step, Reuse):
            steps.append(step)
            continue
        owner, block_id = split_ref(step.reuse)
        found = context.blocks.get(owner, {}).get(block_id)
        if found is None:
            hint = (
                nearest(owner, context.blocks)
                if owner not in context.blocks
                else nearest(block_id, context.blocks[owner])
            )
            missing.append(
                msg(
                    "step {step} reuses {ref}, which is not known ({hint})",
                    step=repr(step.id),
                    ref=repr(step.reuse),
                    hint=hint,
                )
            )
            continue
        copy = attrs.evolve(
            found,
            id=step.id,
            name=step.name or found.name,
            description=join_texts(found.description, step.note),
        )
        own = owner_framework.get(owner)
        steps.append(retarget_block(copy, own, practice.framework) if own else copy)
    if missing:
        raise CompositionError(Joined(missing), [s.id for s in practice.steps if isinstance(s, Reuse)])
    return attrs.evolve(practice, steps=steps)


def rename_ids(
    practice: Practice, steps: Mapping[str, str], phases: Mapping[str, str], outcomes: Mapping[str, str]
) -> Practice:
    """The practice with step, phase and outcome ids renamed as the mappings say; references follow."""

    def s(i: str) -> str:
        return steps.get(i, i)

    return attrs.evolve(
        practice,
        steps=[attrs.evolve(x, id=s(x.id)) for x in practice.steps],
        flows=[attrs.evolve(f, source=s(f.source), target=s(f.target)) for f in practice.flows],
        phases=[
            attrs.evolve(p, id=phases.get(p.id, p.id), steps=[s(i) for i in p.steps]) for p in practice.phases
        ],
        outcomes=[attrs.evolve(o, id=outcomes.get(o.id, o.id)) for o in practice.outcomes],
        answers=[attrs.evolve(a, steps=[s(i) for i in a.steps]) for a in practice.answers],
    )


def _finder(lookup: PracticeLookup) -> Callable[[str], Practice | None]:
    if isinstance(lookup, Context):
        return lookup.practices.get
    if isinstance(lookup, Collection):
        known = {p.id: p for p in lookup.all_practices()}
        return known.get
    if isinstance(lookup, Mapping):
        return lookup.get
    return lookup


def _flatten(practice: Practice, find: Callable[[str], Practice | None], stack: tuple[str, ...]) -> Practice:
    """``practice`` with its includes written out, innermost first, with a stack of its own.

    Each frame is a practice being written out, the chain of includes that led to it and the
    id of the Include step it replaces in the frame below; an include chain of any depth works.
    """
    frames: list[tuple[Practice, tuple[str, ...], str]] = [(practice, stack, "")]
    while True:
        current, chain, replaces = frames[-1]
        step = next((s for s in current.steps if isinstance(s, Include)), None)
        if step is None:
            frames.pop()
            if not frames:
                return current
            outer, outer_chain, outer_replaces = frames[-1]
            inner = namespace(current, replaces)
            frames[-1] = (
                _inline(outer, replaces, piece_of(inner, outer.framework)),
                outer_chain,
                outer_replaces,
            )
            continue
        if step.include in chain:
            raise CompositionError(
                msg(
                    "practice {practice} includes itself: {chain}",
                    practice=repr(current.id),
                    chain=" → ".join((*chain, step.include)),
                ),
                [step.id],
            )
        found = find(step.include)
        if found is None:
            known = sorted(p for p in _known(find))
            raise CompositionError(
                msg(
                    "step {step} includes practice {practice}, which is not known ({hint})",
                    step=repr(step.id),
                    practice=repr(step.include),
                    hint=nearest(step.include, known),
                ),
                [step.id],
            )
        frames.append((found, (*chain, found.id), step.id))


def _known(find: Callable[[str], Practice | None]) -> Iterable[str]:
    owner = getattr(find, "__self__", None)
    return owner.keys() if isinstance(owner, Mapping) else ()


def _inline(practice: Practice, ident: str, piece: Piece) -> Practice:
    """``practice`` with its step ``ident`` replaced by the steps of ``piece``."""
    clash = sorted(set(practice.step_ids) & {s.id for s in piece.steps})
    if clash:
        raise CompositionError(
            msg(
                "writing out include {step} would repeat the step ids {ids}",
                step=repr(ident),
                ids=", ".join(map(repr, clash)),
            ),
            clash,
        )
    steps: list[Step] = []
    for step in practice.steps:
        steps.extend(piece.steps if step.id == ident else (step,))
    flows = _splice(practice.flows, ident, piece)
    inner_ids = [s.id for s in piece.steps]
    in_phase = any(ident in p.steps for p in practice.phases)
    phases = [
        attrs.evolve(p, steps=[i for s in p.steps for i in (inner_ids if s == ident else [s])])
        for p in practice.phases
    ]
    if not in_phase:
        phases += piece.phases
    answers = [
        attrs.evolve(a, steps=[i for s in a.steps for i in (inner_ids if s == ident else [s])])
        for a in practice.answers
    ]
    return attrs.evolve(
        practice,
        steps=steps,
        flows=flows,
        phases=phases,
        outcomes=[*practice.outcomes, *piece.outcomes],
        answers=merge_answers([*answers, *piece.answers]),
        keywords=list(dict.fromkeys([*practice.keywords, *piece.keywords])),
    )


def _splice(flows: Sequence[Flow], ident: str, piece: Piece) -> list[Flow]:
    """Flows with the step ``ident`` replaced by ``piece``: into its entries, out of its exits.

    The piece's own flows go right after the flows into it (else before those out of it).
    """
    expanded: list[Flow] = []
    after_into: int | None = None
    before_out: int | None = None
    out_of = [f for f in flows if f.source == ident and f.kind is not FlowKind.LOOP_BACK]
    for f in flows:
        start = len(expanded)
        if ident not in (f.source, f.target):
            expanded.append(f)
        elif piece.steps:
            sources = piece.exits if f.source == ident else (f.source,)
            targets = piece.entries if f.target == ident else (f.target,)
            expanded += [attrs.evolve(f, source=s, target=t) for s in sources for t in targets]
        elif f.target == ident and f.kind is not FlowKind.LOOP_BACK:
            # An empty practice: link what came before straight to what follows.
            expanded += [
                attrs.evolve(
                    f,
                    target=g.target,
                    kind=f.kind if f.kind is not FlowKind.SEQUENCE else g.kind,
                    label=f.label or g.label,
                    rationale=f.rationale or g.rationale,
                )
                for g in out_of
                if g.target != ident
            ]
        if f.target == ident:
            after_into = len(expanded)
        if f.source == ident and before_out is None:
            before_out = start
    at = next((i for i in (after_into, before_out) if i is not None), len(expanded))
    expanded[at:at] = piece.flows
    forward = [f for f in expanded if f.kind is not FlowKind.LOOP_BACK]
    kept = [f for f in expanded if f.kind is not FlowKind.LOOP_BACK or reaches(forward, f.target, f.source)]
    return unique_flows(kept)
