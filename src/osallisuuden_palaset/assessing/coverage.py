"""Coverage per dimension and principle: which blocks claim it, how strongly, on what evidence.

The rules (docs/assessment.md explains them with examples):

1. A claim is one mapping of a block to a dimension or principle of the framework being
   assessed. Blocks written in the practice, their parts, reused blocks (resolved through the
   Context) and blocks of included practices all count; each claim says where it comes from.
   A claim written once counts once, however many steps or practices reuse or include it.
2. A dimension's claims are the claims on the dimension itself plus those on its principles.
3. Only claims with evidence can make an element covered:
   - ``covered``: at least one strong claim with evidence, or at least two moderate-or-strong
     claims with evidence;
   - ``touched``: at least one claim with evidence, but not covered;
   - ``unsupported``: claimed, but no claim gives evidence;
   - ``not_claimed``: no block claims it.
There is no score: the verdict, the claims and the reason are all shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from osallisuuden_palaset.errors import ModelPath
from osallisuuden_palaset.messages.catalogue import as_text, as_text_n
from osallisuuden_palaset.model.block import Block, Strength
from osallisuuden_palaset.model.evaluation import (
    Claim,
    Coverage,
    ElementCoverage,
    ElementKind,
    Level,
    Origin,
    Verdict,
)
from osallisuuden_palaset.model.evidence import evidence_text
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.includes import reached_steps
from osallisuuden_palaset.model.practice import Include, Practice
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.resolving import follow_reuse

#: Evidenced moderate-or-strong claims needed for ``covered`` when none is strong.
MODERATE_NEEDED = 2


def practice_claims(practice: Practice, framework: str, context: Context) -> tuple[Claim, ...]:
    """Every claim a practice makes on ``framework``'s elements, own, reused and included.

    A mapping without its own framework belongs to the framework of the practice or
    catalogue it is written in (for a reused block, :meth:`Context.resolve` names its owner's).
    Unresolvable reuses and includes are skipped here: the ``reuse-exists`` check reports them.
    Includes are followed to any depth (an include cycle is cut where it closes).
    """
    out: list[Claim] = []
    for top, owner, step in reached_steps(practice, context.practices):
        head = practice.steps[top]
        here: ModelPath = ("steps", top)
        if isinstance(step, Include):
            continue
        if isinstance(step, Block):
            block, origin, source, path, fixed = step, Origin.OWN, None, here, False
            written_in = owner.id
        else:
            reused = follow_reuse(step.reuse, context)
            if reused is None:
                continue
            block, origin, source, path, fixed = reused, Origin.REUSED, step.reuse, (*here, "reuse"), True
            written_in = step.reuse.partition("/")[0]
        if isinstance(head, Include):  # reached through an include: shown as the include's claim
            origin, source, path, fixed = Origin.INCLUDED, head.include, (*here, "include"), True
        out += _block_claims(
            practice,
            head.id,
            block,
            path,
            origin,
            source,
            framework,
            owner.framework,
            written_in=written_in,
            fixed_path=fixed,
        )
    return tuple(out)


def _block_claims(
    practice: Practice,
    step: str,
    block: Block,
    path: ModelPath,
    origin: Origin,
    source: str | None,
    framework: str,
    default_framework: str,
    *,
    written_in: str,
    fixed_path: bool = False,
) -> list[Claim]:
    """The claims of ``block`` and its parts, written in the practice or catalogue ``written_in``."""
    out = []
    for b, bpath in block.walk_with_paths(path):
        for k, m in enumerate(b.mappings):
            if (m.framework or default_framework) != framework:
                continue
            out.append(
                Claim(
                    element=m.target,
                    practice=practice.id,
                    step=step,
                    block=b.id,
                    block_name=b.name,
                    strength=m.strength,
                    evidence=evidence_text(m.evidence),
                    origin=origin,
                    source=source,
                    path=path if fixed_path else (*bpath, "mappings", k),
                    written_at=(written_in, b.id, k),
                )
            )
    return out


def counted_once(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """The claims with each written claim once, at its first use (see ``Claim.written_at``)."""
    seen: set[tuple[str, str, int]] = set()
    out: list[Claim] = []
    for c in claims:
        if c.written_at is not None:
            if c.written_at in seen:
                continue
            seen.add(c.written_at)
        out.append(c)
    return tuple(out)


def verdict(claims: Iterable[Claim]) -> Verdict:
    """The coverage verdict for one element's claims, with the rule that gave it in words."""
    claims = tuple(claims)
    evidenced = [c for c in claims if c.has_evidence]
    strong = [c for c in evidenced if c.strength is Strength.STRONG]
    solid = [c for c in evidenced if c.strength.weight >= Strength.MODERATE.weight]
    if strong:
        names = sorted({c.block for c in strong})
        return Verdict(
            Level.COVERED,
            as_text_n(
                "a strong claim with evidence ({names})",
                "{n} strong claims with evidence ({names})",
                len(names),
                names=", ".join(names),
            ),
        )
    if len(solid) >= MODERATE_NEEDED:
        return Verdict(
            Level.COVERED,
            as_text_n(
                "{n} moderate or strong claim with evidence",
                "{n} moderate or strong claims with evidence",
                len(solid),
            ),
        )
    if evidenced:
        return Verdict(
            Level.TOUCHED,
            as_text_n(
                "{n} claim with evidence, but no strong one and fewer than two moderate ones",
                "{n} claims with evidence, but no strong one and fewer than two moderate ones",
                len(evidenced),
            ),
        )
    if claims:
        return Verdict(
            Level.UNSUPPORTED,
            as_text_n(
                "{n} claim, but it gives no evidence", "{n} claims, but none gives evidence", len(claims)
            ),
        )
    return Verdict(Level.NOT_CLAIMED, as_text("no block claims it"))


def coverage_of_claims(
    claims: Iterable[Claim],
    framework: Framework,
    *,
    subject_kind: str,
    subject: str,
    practices: Iterable[str] = (),
) -> Coverage:
    """Coverage rows for every dimension and principle of ``framework`` from a set of claims.

    A claim written once counts once, however many steps or practices reuse or include it.
    """
    claims = counted_once(claims)
    principle_dim = {p.id: p.dimension for p in framework.principles}
    dims = []
    for d in framework.dimensions:
        mine = tuple(c for c in claims if c.element == d.id or principle_dim.get(c.element) == d.id)
        dims.append(ElementCoverage(d.id, ElementKind.DIMENSION, d.name, d.id, mine, verdict(mine)))
    principles = []
    for p in framework.principles:
        mine = tuple(c for c in claims if c.element == p.id)
        principles.append(
            ElementCoverage(p.id, ElementKind.PRINCIPLE, p.name, p.dimension, mine, verdict(mine))
        )
    return Coverage(subject_kind, subject, framework.id, dims, principles, tuple(practices))


def practice_coverage(practice: Practice, framework: Framework, context: Context) -> Coverage:
    """Coverage of one practice."""
    return coverage_of_claims(
        practice_claims(practice, framework.id, context),
        framework,
        subject_kind="practice",
        subject=practice.id,
        practices=(practice.id,),
    )


def _many(
    practices: Iterable[Practice], framework: Framework, context: Context, kind: str, subject: str
) -> Coverage:
    practices = tuple(practices)
    claims = [c for p in practices for c in practice_claims(p, framework.id, context)]
    return coverage_of_claims(
        claims, framework, subject_kind=kind, subject=subject, practices=[p.id for p in practices]
    )


def project_coverage(project: Project, framework: Framework, context: Context) -> Coverage:
    """Coverage of a project: the claims of all its practices together."""
    return _many(project.practices, framework, context, "project", project.id)


def collection_coverage(collection: Collection, framework: Framework, context: Context) -> Coverage:
    """Coverage of a collection: the claims of every practice in it together."""
    return _many(collection.all_practices(), framework, context, "collection", collection.id)
