"""How big a picture of many practices may get, and the bounded picture drawn above that size."""

from __future__ import annotations

import attrs

from osallisuuden_palaset.diagram.building import Diagrammable
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.ids import split_ref
from osallisuuden_palaset.model.practice import Practice, Reuse
from osallisuuden_palaset.model.project import Collection, Project

#: The most steps one flow diagram of a project or collection draws: above it ``dot`` needs
#: minutes (or gives up) and the picture is unreadable, so each practice's own flow is the picture.
MAX_FLOW_STEPS = 400
#: The most practices one overview draws; a larger collection's overview shows this many of them,
#: those that share the most blocks, with only their shared blocks.
MAX_OVERVIEW_PRACTICES = 40
#: The most practices one framework diagram of a project or collection draws (each with an edge per
#: claim: at 1,000 practices ``dot`` passes its timeout); above it, those whose claims reach widest.
MAX_FRAMEWORK_PRACTICES = 60


def practices_of(model: Diagrammable) -> tuple[Practice, ...]:
    """Every practice a diagram of ``model`` draws, in the order it draws them."""
    if isinstance(model, Practice):
        return (model,)
    if isinstance(model, Project):
        return model.practices
    return model.practices + tuple(p for project in model.projects for p in project.practices)


def step_count(model: Diagrammable) -> int:
    """How many steps a flow diagram of ``model`` draws (each practice's steps, included ones not counted)."""
    return sum(len(p.steps) for p in practices_of(model))


def flow_fits(model: Diagrammable) -> bool:
    """Whether the flow of ``model`` is one picture: a practice always, else up to :data:`MAX_FLOW_STEPS`."""
    return isinstance(model, Practice) or step_count(model) <= MAX_FLOW_STEPS


def framework_fits(model: Diagrammable) -> bool:
    """Whether the framework diagram of ``model`` draws every practice (≤ :data:`MAX_FRAMEWORK_PRACTICES`)."""
    return len(practices_of(model)) <= MAX_FRAMEWORK_PRACTICES


def overview_fits(model: Diagrammable) -> bool:
    """Whether the overview of ``model`` draws every practice (≤ :data:`MAX_OVERVIEW_PRACTICES`)."""
    return len(practices_of(model)) <= MAX_OVERVIEW_PRACTICES


def sharing(model: Diagrammable) -> dict[str, int]:
    """Per practice id: the steps that reuse a block plus the reuses of its own blocks by other practices."""
    practices = practices_of(model)
    score = dict.fromkeys((p.id for p in practices), 0)
    for practice in practices:
        for step in practice.steps:
            if isinstance(step, Reuse):
                score[practice.id] += 1
                owner, _ = split_ref(step.reuse)
                if owner in score and owner != practice.id:
                    score[owner] += 1
    return score


def claim_breadth(model: Diagrammable) -> dict[str, int]:
    """Per practice id: how many framework elements its own blocks (and their parts) claim."""
    return {
        p.id: len(
            {
                (m.framework or p.framework, m.target)
                for step in p.steps
                if isinstance(step, Block)
                for part in step.walk()
                for m in part.mappings
            }
        )
        for p in practices_of(model)
    }


def bounded_overview(
    model: Project | Collection, limit: int = MAX_OVERVIEW_PRACTICES
) -> Project | Collection:
    """``model`` with only the ``limit`` practices that share the most blocks (see :func:`keep_top`)."""
    return keep_top(model, sharing(model), limit)


def bounded_framework(
    model: Project | Collection, limit: int = MAX_FRAMEWORK_PRACTICES
) -> Project | Collection:
    """``model`` with only the ``limit`` practices whose claims reach the most elements (:func:`keep_top`)."""
    return keep_top(model, claim_breadth(model), limit)


def keep_top(model: Project | Collection, score: dict[str, int], limit: int) -> Project | Collection:
    """``model`` with only the ``limit`` practices of the highest ``score`` (ties: the first ones).

    The practices keep their order and their project; projects left with none are dropped. The
    work is linear in the practices of ``model`` and the picture holds at most ``limit`` of them.
    """
    order = {ident: i for i, ident in enumerate(score)}
    chosen = set(sorted(score, key=lambda ident: (-score[ident], order[ident]))[:limit])

    def kept(practices: tuple[Practice, ...]) -> tuple[Practice, ...]:
        return tuple(p for p in practices if p.id in chosen)

    if isinstance(model, Project):
        return attrs.evolve(model, practices=kept(model.practices))
    projects = tuple(attrs.evolve(p, practices=kept(p.practices)) for p in model.projects)
    return attrs.evolve(
        model, practices=kept(model.practices), projects=tuple(p for p in projects if p.practices)
    )
