"""Composition in code: sequences, branches, includes, reuse, combining and flattening practices.

Every function takes blocks, steps or practices and returns a new, valid
:class:`~osallisuuden_palaset.model.practice.Practice` (the model checks every invariant
when it is built); inputs are never changed. A mistake the caller can fix, such as two
parts with the same step id, raises :class:`CompositionError` naming every clashing id.

    >>> from osallisuuden_palaset import Block
    >>> from osallisuuden_palaset.composing.operations import sequence
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

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from osallisuuden_palaset.composing.flattening import (
    PracticeLookup,
    flatten,
    namespace,
    rename_ids,
    resolve_reuse,
)
from osallisuuden_palaset.composing.pieces import (
    CompositionError,
    Part,
    Piece,
    links,
    merge_answers,
    piece_of,
    unique_flows,
)
from osallisuuden_palaset.errors import nearest
from osallisuuden_palaset.messages.catalogue import Joined, as_text, msg
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.flow import Flow, FlowKind
from osallisuuden_palaset.model.ids import split_ref
from osallisuuden_palaset.model.practice import Include, Practice, Reuse
from osallisuuden_palaset.model.project import Catalogue
from osallisuuden_palaset.model.text import LANGS, Text

__all__ = [
    "CompositionError",
    "Part",
    "PracticeLookup",
    "branch",
    "combine",
    "default_name",
    "flatten",
    "include",
    "namespace",
    "resolve_reuse",
    "reuse",
    "sequence",
]


def default_name() -> Text:
    """The name of a composed practice when none is given, in every language."""
    return as_text("Composed practice")


def sequence(
    *parts: Part,
    id: str = "sequence",
    name: str | Text | None = None,
    framework: str | None = None,
    **details: Any,
) -> Practice:
    """Parts one after another: each part's exits link to the next non-empty part's entries.

    Args:
        parts: blocks, reuse or include steps, or practices, in order.
        id, name: the result's id and name (default: :func:`default_name`).
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
    name: str | Text | None = None,
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
        raise ValueError(msg("a branch is parallel or optional, not {kind}", kind=kind.value))
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
    return _assemble(pieces, unique_flows(flows), id, name, target, details)


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
            raise ValueError(msg("say which block to reuse: reuse(owner, 'block-id')"))
        owner = ref if isinstance(ref, str) else ref.id
        block_id = block if isinstance(block, str) else block.id
        if isinstance(ref, Catalogue | Practice):
            known = [b.id for b in (ref.blocks if isinstance(ref, Catalogue) else ref.blocks())]
            if block_id not in known:
                raise CompositionError(
                    msg(
                        "{owner} has no block {block} ({hint})",
                        owner=repr(owner),
                        block=repr(block_id),
                        hint=nearest(block_id, known),
                    )
                )
    return Reuse(id=id or block_id, reuse=f"{owner}/{block_id}", name=name, note=note)


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
        listed = Joined([_typed_id(what, i) for what, found in clashes.items() for i in found], ", ")
        clashing = [i for found in clashes.values() for i in found]
        if on_clash == "error":
            raise CompositionError(
                msg(
                    "practices {a} and {b} both have {ids}; rename them or combine with on_clash='namespace'",
                    a=repr(first.id),
                    b=repr(second.id),
                    ids=listed,
                ),
                clashing,
            )
        if first.id == second.id:
            raise CompositionError(
                msg(
                    "both practices are called {name}, so {ids} cannot be told apart",
                    name=repr(first.id),
                    ids=listed,
                )
            )
        first, second = (
            rename_ids(
                p,
                {s: f"{p.id}.{s}" for s in clashes["step"]},
                {s: f"{p.id}.{s}" for s in clashes["phase"]},
                {s: f"{p.id}.{s}" for s in clashes["outcome"]},
            )
            for p in (first, second)
        )
    target = framework or min(first.framework, second.framework)
    pieces = [piece_of(first, target), piece_of(second, target)]
    joined = Text(
        **{
            lang: f"{first.name.get(lang)} + {second.name.get(lang)}"
            for lang in LANGS
            if first.name.has(lang) or second.name.has(lang)
        }
    )
    return _assemble(
        pieces,
        [*pieces[0].flows, *pieces[1].flows],
        id or f"{first.id}-{second.id}",
        name or joined,
        target,
        details,
    )


# --- helpers ------------------------------------------------------------------------------------


def _first_framework(parts: Iterable[Part | None]) -> str:
    return next((p.framework for p in parts if isinstance(p, Practice)), "thl")


def _assemble(
    pieces: Sequence[Piece],
    flows: Sequence[Flow],
    ident: str,
    name: str | Text | None,
    framework: str,
    details: Mapping[str, Any],
) -> Practice:
    """One practice from pieces and the flows between them; clashing ids are a CompositionError."""
    steps = [s for p in pieces for s in p.steps]
    phases = [x for p in pieces for x in p.phases]
    outcomes = [x for p in pieces for x in p.outcomes]
    for found, repeated in (
        ([s.id for s in steps], _repeated_steps),
        ([x.id for x in phases], _repeated_phases),
        ([x.id for x in outcomes], _repeated_outcomes),
    ):
        twice = sorted({i for i in found if found.count(i) > 1})
        if twice:
            raise CompositionError(repeated(", ".join(repr(i) for i in twice)), twice)
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
    return Practice(id=ident, name=default_name() if name is None else name, framework=framework, **fields)


def _typed_id(what: str, ident: str) -> str:
    """``step 'x'``, ``phase 'x'`` or ``outcome 'x'``, in the catalogue."""
    if what == "step":
        return msg("step {id}", id=repr(ident))
    return msg("phase {id}", id=repr(ident)) if what == "phase" else msg("outcome {id}", id=repr(ident))


def _repeated_steps(ids: str) -> str:
    return msg(
        "more than one part has the step id {ids}: rename them, e.g. with namespace(practice, "
        "'prefix'), or use combine()",
        ids=ids,
    )


def _repeated_phases(ids: str) -> str:
    return msg(
        "more than one part has the phase id {ids}: rename them, e.g. with namespace(practice, "
        "'prefix'), or use combine()",
        ids=ids,
    )


def _repeated_outcomes(ids: str) -> str:
    return msg(
        "more than one part has the outcome id {ids}: rename them, e.g. with namespace(practice, "
        "'prefix'), or use combine()",
        ids=ids,
    )
