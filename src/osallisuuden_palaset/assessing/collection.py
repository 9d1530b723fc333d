"""Across a collection: principles no practice covers, and which blocks are reused most and by whom."""

from __future__ import annotations

from collections import defaultdict

import attrs

from osallisuuden_palaset.assessing.coverage import collection_coverage
from osallisuuden_palaset.model.coerce import to_tuple
from osallisuuden_palaset.model.evaluation import ElementCoverage, Level
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Include, Reuse
from osallisuuden_palaset.model.project import Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.resolving import follow_reuse
from osallisuuden_palaset.model.text import Text


@attrs.frozen
class Use:
    """One use of a reused block: which practice (and project) reuses it, in which step."""

    practice: str
    step: str
    project: str | None = None


@attrs.frozen
class ReuseCount:
    """A reused block or included practice with every use of it, most used first in listings."""

    #: "owner/block" for a reused block, the practice id for an included practice.
    ref: str
    #: "block" or "practice".
    kind: str
    name: Text | None
    uses: tuple[Use, ...] = attrs.field(converter=to_tuple)
    #: Whether the reference resolves in the context.
    resolved: bool = True

    @property
    def count(self) -> int:
        """How many steps reuse it."""
        return len(self.uses)

    @property
    def users(self) -> tuple[str, ...]:
        """The distinct practices that reuse it, in first-use order."""
        return tuple(dict.fromkeys(u.practice for u in self.uses))


def uncovered_principles(
    collection: Collection, framework: Framework, context: Context, *, below: Level = Level.TOUCHED
) -> tuple[ElementCoverage, ...]:
    """Principles whose collection-wide verdict is below ``below`` (default: none touched with evidence).

    With ``below=Level.UNSUPPORTED`` the result is the principles no practice claims at all.
    """
    coverage = collection_coverage(collection, framework, context)
    return tuple(r for r in coverage.principles if r.verdict.level.rank < below.rank)


def practice_projects(collection: Collection) -> dict[str, Project]:
    """Practice id → the project it belongs to (as :meth:`Collection.project_of`, for all at once)."""
    found: dict[str, Project] = {}
    for project in collection.projects:
        for practice in project.practices:
            found.setdefault(practice.id, project)  # the first project holding it, as project_of
    return found


def reuse_counts(collection: Collection, context: Context) -> tuple[ReuseCount, ...]:
    """Every reused block and included practice, most used first (then by reference)."""
    uses: dict[tuple[str, str], list[Use]] = defaultdict(list)
    project_of = practice_projects(collection)
    for practice in collection.all_practices():
        project = project_of.get(practice.id)
        for step in practice.steps:
            use = Use(practice.id, step.id, project.id if project else None)
            if isinstance(step, Reuse):
                uses[("block", step.reuse)].append(use)
            elif isinstance(step, Include):
                uses[("practice", step.include)].append(use)
    out = []
    for (kind, ref), found in uses.items():
        if kind == "block":
            block = follow_reuse(ref, context)
            resolved = block is not None
            name = block.name if block else None
        else:
            included = context.practices.get(ref)
            resolved = included is not None
            name = included.name if included else None
        out.append(ReuseCount(ref, kind, name, found, resolved))
    return tuple(sorted(out, key=lambda r: (-r.count, r.kind, r.ref)))
