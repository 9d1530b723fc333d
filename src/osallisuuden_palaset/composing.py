"""Composition in code: sequences, branches, includes, reuse, combining and flattening practices.

Every function takes blocks, steps or practices and returns a new, valid
:class:`~osallisuuden_palaset.model.practice.Practice` (the model checks every invariant
when it is built); inputs are never changed. A mistake the caller can fix, such as two
parts with the same step id, raises :class:`CompositionError` naming every clashing id.

    >>> from osallisuuden_palaset import Block
    >>> from osallisuuden_palaset.composing import sequence
    >>> p = sequence(Block(id="kutsu", name="Kutsu"), Block(id="tapaaminen", name="Tapaaminen"),
    ...              id="polku", name="Polku")
    >>> [(f.source, f.target) for f in p.flows]
    [('kutsu', 'tapaaminen')]

Parts are joined at their ends: a practice's *exits* (steps no forward link leaves) link
to the next part's *entries* (steps no forward link reaches). Phases, outcomes, answers
and keywords of practice parts are kept; answers to the same question are merged.
Mappings keep their meaning: a mapping whose framework was implied by its practice says
it explicitly when the result's framework differs, and says nothing when it is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from osallisuuden_palaset.errors import PalasetError, nearest
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.flow import Flow, FlowKind, reaches
from osallisuuden_palaset.model.ids import split_ref
from osallisuuden_palaset.model.practice import (
    Answer,
    AnswerStatus,
    Include,
    Outcome,
    Phase,
    Practice,
    Reuse,
    Step,
)
from osallisuuden_palaset.model.project import Catalogue, Collection
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text

__all__ = [
    "CompositionError",
    "Part",
    "branch",
    "combine",
    "flatten",
    "include",
    "namespace",
    "resolve_reuse",
    "reuse",
    "sequence",
]

#: What can be composed: a block, a reuse or include step, or a whole practice.
Part = Block | Reuse | Include | Practice
#: The name of a composed practice when none is given.
DEFAULT_NAME = Text(fi="Koottu toimintamalli", en="Composed practice", sv="Sammansatt verksamhetsmodell")


class CompositionError(PalasetError, ValueError):
    """Parts cannot be composed as asked; ``ids`` lists the ids at fault."""

    def __init__(self, message: str, ids: Iterable[str] = ()) -> None:
        self.ids = tuple(ids)
        super().__init__(message)


#: Where ``flatten`` finds included practices: a context, a collection, a mapping or a function.
PracticeLookup = Context | Collection | Mapping[str, Practice] | Callable[[str], Practice | None]


def sequence(
    *parts: Part,
    id: str = "sequence",
    name: str | Text = DEFAULT_NAME,
    framework: str | None = None,
    **details: Any,
) -> Practice:
    """Parts one after another: each part's exits link to the next non-empty part's entries.

    Args:
        parts: blocks, reuse or include steps, or practices, in order.
        id, name: the result's id and name.
        framework: the result's framework (default: the first practice part's, else ``thl``).
        details: other Practice fields for the result (summary, description, keywords, …).

    Sequencing is associative: ``sequence(sequence(a, b), c) == sequence(a, sequence(b, c))``
    for the same ``id``, ``name`` and ``framework``.

    Raises:
        CompositionError: two parts share a step, phase or outcome id.
    """
    target = framework or _first_framework(parts)
    pieces = [piece_of(p, target) for p in parts]
    flows: list[Flow] = []
    previous: Piece | None = None
    for piece in pieces:
        if previous is not None:
            flows += links(previous, piece, FlowKind.SEQUENCE)
        flows += piece.flows
        if piece.steps:
            previous = piece
    return _assemble(pieces, flows, id, name, target, details)


def branch(
    source: Part,
    *alternatives: Part,
    kind: FlowKind = FlowKind.PARALLEL,
    join: Part | None = None,
    id: str = "branch",
    name: str | Text = DEFAULT_NAME,
    framework: str | None = None,
    **details: Any,
) -> Practice:
    """``source`` followed by alternatives side by side, rejoining at ``join`` when given.

    With ``kind=FlowKind.PARALLEL`` the alternatives run alongside each other; with
    ``FlowKind.OPTIONAL`` each is an optional path, and a ``join`` also gets a direct link
    from ``source`` (the path that skips every option). Without ``join`` the result ends in
    the alternatives' exits, so ``sequence(branch(a, b, c), d)`` rejoins at ``d``.
    """
    kind = FlowKind(kind)
    if kind not in (FlowKind.PARALLEL, FlowKind.OPTIONAL):
        raise ValueError(f"a branch is parallel or optional, not {kind.value}")
    target = framework or _first_framework((source, *alternatives, *([join] if join is not None else [])))
    head = piece_of(source, target)
    options = [piece_of(a, target) for a in alternatives]
    tail = piece_of(join, target) if join is not None else None
    flows = list(head.flows)
    for option in options:
        flows += links(head, option, kind)
        flows += option.flows
    if tail is not None:
        for option in options:
            flows += links(option if option.steps else head, tail, FlowKind.SEQUENCE)
        if kind is FlowKind.OPTIONAL:
            flows += links(head, tail, FlowKind.SEQUENCE)
        flows += tail.flows
    pieces = [head, *options, *([tail] if tail is not None else [])]
    return _assemble(pieces, _unique(flows), id, name, target, details)


def include(
    practice: str | Practice,
    *,
    id: str | None = None,
    name: str | Text | None = None,
    note: str | Text | None = None,
) -> Include:
    """A step that includes a whole practice (by id or given itself); its id defaults to the practice's."""
    ident = practice.id if isinstance(practice, Practice) else practice
    return Include(id=id or ident, include=ident, name=name, note=note)


def reuse(
    ref: str | Catalogue | Practice,
    block: str | Block | None = None,
    *,
    id: str | None = None,
    name: str | Text | None = None,
    note: str | Text | None = None,
) -> Reuse:
    """A step that reuses a block by reference: ``reuse("lumoava/kortit")`` or ``reuse(catalogue, "kortit")``.

    When the owner is given as a catalogue or practice, the block must exist in it.
    The step's id defaults to the block's id.
    """
    if isinstance(ref, str) and block is None:
        owner, block_id = split_ref(ref)
    else:
        if block is None:
            raise ValueError("say which block to reuse: reuse(owner, 'block-id')")
        owner = ref if isinstance(ref, str) else ref.id
        block_id = block if isinstance(block, str) else block.id
        if isinstance(ref, Catalogue | Practice):
            known = [b.id for b in (ref.blocks if isinstance(ref, Catalogue) else ref.blocks())]
            if block_id not in known:
                raise CompositionError(f"{owner!r} has no block {block_id!r} ({nearest(block_id, known)})")
    return Reuse(id=id or block_id, reuse=f"{owner}/{block_id}", name=name, note=note)


def namespace(practice: Practice, prefix: str) -> Practice:
    """The practice with every step, phase and outcome id written ``prefix.id`` (references follow)."""
    return _rename(
        practice,
        {s: f"{prefix}.{s}" for s in practice.step_ids},
        {p.id: f"{prefix}.{p.id}" for p in practice.phases},
        {o.id: f"{prefix}.{o.id}" for o in practice.outcomes},
    )


def combine(
    a: Practice,
    b: Practice,
    *,
    on_clash: Literal["namespace", "error"] = "namespace",
    id: str | None = None,
    name: str | Text | None = None,
    framework: str | None = None,
    **details: Any,
) -> Practice:
    """Two practices side by side in one (no links between them).

    Ids used by both (steps, phases, outcomes) are written ``practice-id.id`` in both, or,
    with ``on_clash="error"``, refused with a :class:`CompositionError` naming every one.
    Listings follow the practices' ids in sorted order, so ``combine(a, b) == combine(b, a)``.
    The default id joins the two ids with ``-``; the default framework is the common one,
    else the alphabetically first (other mappings then name their framework).
    """
    first, second = sorted((a, b), key=lambda p: p.id)
    clashes = {
        what: sorted(set(mine) & set(theirs))
        for what, mine, theirs in (
            ("step", first.step_ids, second.step_ids),
            ("phase", [p.id for p in first.phases], [p.id for p in second.phases]),
            ("outcome", [o.id for o in first.outcomes], [o.id for o in second.outcomes]),
        )
    }
    if any(clashes.values()):
        listed = ", ".join(f"{what} {i!r}" for what, found in clashes.items() for i in found)
        clashing = [i for found in clashes.values() for i in found]
        if on_clash == "error":
            raise CompositionError(
                f"practices {first.id!r} and {second.id!r} both have {listed}; "
                "rename them or combine with on_clash='namespace'",
                clashing,
            )
        if first.id == second.id:
            raise CompositionError(
                f"both practices are called {first.id!r}, so {listed} cannot be told apart"
            )
        first, second = (
            _rename(
                p,
                {s: f"{p.id}.{s}" for s in clashes["step"]},
                {s: f"{p.id}.{s}" for s in clashes["phase"]},
                {s: f"{p.id}.{s}" for s in clashes["outcome"]},
            )
            for p in (first, second)
        )
    target = framework or min(first.framework, second.framework)
    pieces = [piece_of(first, target), piece_of(second, target)]
    default_name = Text.of(f"{first.name} + {second.name}")
    return _assemble(
        pieces,
        [*pieces[0].flows, *pieces[1].flows],
        id or f"{first.id}-{second.id}",
        name or default_name,
        target,
        details,
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
            missing.append(f"step {step.id!r} reuses {step.reuse!r}, which is not known ({hint})")
            continue
        copy = attrs.evolve(
            found,
            id=step.id,
            name=step.name or found.name,
            description=_join(found.description, step.note),
        )
        own = owner_framework.get(owner)
        steps.append(retarget_block(copy, own, practice.framework) if own else copy)
    if missing:
        raise CompositionError("; ".join(missing), [s.id for s in practice.steps if isinstance(s, Reuse)])
    return attrs.evolve(practice, steps=steps)


# --- helpers ------------------------------------------------------------------------------------


def _first_framework(parts: Iterable[Part | None]) -> str:
    return next((p.framework for p in parts if isinstance(p, Practice)), "thl")


def _assemble(
    pieces: Sequence[Piece],
    flows: Sequence[Flow],
    ident: str,
    name: str | Text,
    framework: str,
    details: Mapping[str, Any],
) -> Practice:
    """One practice from pieces and the flows between them; clashing ids are a CompositionError."""
    steps = [s for p in pieces for s in p.steps]
    phases = [x for p in pieces for x in p.phases]
    outcomes = [x for p in pieces for x in p.outcomes]
    for what, found in (
        ("step", [s.id for s in steps]),
        ("phase", [x.id for x in phases]),
        ("outcome", [x.id for x in outcomes]),
    ):
        twice = sorted({i for i in found if found.count(i) > 1})
        if twice:
            raise CompositionError(
                f"more than one part has the {what} id "
                + ", ".join(repr(i) for i in twice)
                + ": rename them, e.g. with namespace(practice, 'prefix'), or use combine()",
                twice,
            )
    keywords = list(dict.fromkeys(k for p in pieces for k in p.keywords))
    fields: dict[str, Any] = {
        "steps": steps,
        "flows": flows,
        "phases": phases,
        "outcomes": outcomes,
        "answers": merge_answers(x for p in pieces for x in p.answers),
        "keywords": keywords,
        **details,
    }
    return Practice(id=ident, name=name, framework=framework, **fields)


def _unique(flows: Iterable[Flow]) -> list[Flow]:
    """Flows without repeated (source, target) pairs, first one kept."""
    seen: set[tuple[str, str]] = set()
    out = []
    for f in flows:
        if (f.source, f.target) not in seen:
            seen.add((f.source, f.target))
            out.append(f)
    return out


def _rename(
    practice: Practice, steps: Mapping[str, str], phases: Mapping[str, str], outcomes: Mapping[str, str]
) -> Practice:
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
    for step in practice.steps:
        if isinstance(step, Include):
            if step.include in stack:
                chain = " → ".join((*stack, step.include))
                raise CompositionError(f"practice {practice.id!r} includes itself: {chain}", [step.id])
            inner = find(step.include)
            if inner is None:
                known = sorted(p for p in _known(find))
                raise CompositionError(
                    f"step {step.id!r} includes practice {step.include!r}, which is not known "
                    f"({nearest(step.include, known)})",
                    [step.id],
                )
            inner = namespace(_flatten(inner, find, (*stack, inner.id)), step.id)
            practice = _inline(practice, step.id, piece_of(inner, practice.framework))
    return practice


def _known(find: Callable[[str], Practice | None]) -> Iterable[str]:
    owner = getattr(find, "__self__", None)
    return owner.keys() if isinstance(owner, Mapping) else ()


def _inline(practice: Practice, ident: str, piece: Piece) -> Practice:
    """``practice`` with its step ``ident`` replaced by the steps of ``piece``."""
    clash = sorted(set(practice.step_ids) & {s.id for s in piece.steps})
    if clash:
        raise CompositionError(
            f"writing out include {ident!r} would repeat step ids " + ", ".join(map(repr, clash)), clash
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
    return _unique(kept)


# --- pieces: a part seen as steps with entries and exits, its mappings retargeted -----------------


@attrs.frozen
class Piece:
    """A part ready to be joined: its steps, inner flows and listings, and where it begins and ends."""

    steps: tuple[Step, ...]
    entries: tuple[str, ...]
    exits: tuple[str, ...]
    flows: tuple[Flow, ...] = ()
    phases: tuple[Phase, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    answers: tuple[Answer, ...] = ()
    keywords: tuple[str, ...] = ()


def piece_of(part: Part, framework: str) -> Piece:
    """``part`` as a piece of a practice whose framework is ``framework``."""
    if isinstance(part, Practice):
        return Piece(
            steps=tuple(
                retarget_block(s, part.framework, framework) if isinstance(s, Block) else s
                for s in part.steps
            ),
            entries=part.entries(),
            exits=part.exits(),
            flows=part.flows,
            phases=part.phases,
            outcomes=part.outcomes,
            answers=tuple(
                attrs.evolve(a, framework=_relative(a.framework or part.framework, framework))
                for a in part.answers
            ),
            keywords=part.keywords,
        )
    if isinstance(part, Block):  # a bare block's implied framework is the result's
        return Piece(
            steps=(retarget_block(part, framework, framework),), entries=(part.id,), exits=(part.id,)
        )
    if isinstance(part, Reuse | Include):
        return Piece(steps=(part,), entries=(part.id,), exits=(part.id,))
    raise TypeError(f"cannot compose a {type(part).__name__}: give blocks, steps or practices")


def retarget_block(block: Block, own: str, framework: str) -> Block:
    """``block`` (written for framework ``own``) moved into a practice whose framework is ``framework``."""
    mappings = tuple(
        attrs.evolve(m, framework=_relative(m.framework or own, framework)) for m in block.mappings
    )
    parts = tuple(retarget_block(p, own, framework) for p in block.parts)
    if mappings == block.mappings and parts == block.parts:
        return block
    return attrs.evolve(block, mappings=mappings, parts=parts)


def _relative(effective: str, framework: str) -> str | None:
    """How a mapping names ``effective`` inside a practice of ``framework``: not at all when the same."""
    return None if effective == framework else effective


def links(before: Piece, after: Piece, kind: FlowKind) -> list[Flow]:
    """Flows from every exit of ``before`` to every entry of ``after``."""
    return [Flow(x, y, kind=kind) for x in before.exits for y in after.entries]


_PROGRESS = (AnswerStatus.OPEN, AnswerStatus.DRAFT, AnswerStatus.ANSWERED)


def merge_answers(answers: Iterable[Answer]) -> tuple[Answer, ...]:
    """Answers with those to the same question merged: the least advanced status, texts and steps joined."""
    merged: dict[tuple[str | None, str], Answer] = {}
    for a in answers:
        key = (a.framework, a.question)
        old = merged.get(key)
        merged[key] = (
            a
            if old is None
            else attrs.evolve(
                old,
                status=min(old.status, a.status, key=_PROGRESS.index),
                text=_join(old.text, a.text),
                steps=[*old.steps, *(s for s in a.steps if s not in old.steps)],
            )
        )
    return tuple(merged.values())


def _join(first: Text | None, second: Text | None) -> Text | None:
    """Two optional texts as one, paragraph after paragraph in each language."""
    if first is None or second is None:
        return first or second
    joined = {
        lang: "\n\n".join(v for v in (getattr(first, lang), getattr(second, lang)) if v is not None)
        for lang in ("fi", "en", "sv")
    }
    return Text(**{k: v for k, v in joined.items() if v})
