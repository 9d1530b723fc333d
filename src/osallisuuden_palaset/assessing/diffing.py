"""The difference between two versions of a practice: steps, flows, claims and answers that changed."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from osallisuuden_palaset.files.converting import unstructure
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.coerce import to_tuple
from osallisuuden_palaset.model.practice import Practice

#: Top-level practice fields compared as a whole (steps, flows and answers are compared item by item).
_FIELDS = ("name", "summary", "framework", "phases", "outcomes", "description", "development", "keywords")


class ChangeKind(enum.StrEnum):
    """What happened to one item between the versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@attrs.frozen
class Change:
    """One item added, removed or changed; ``fields`` names what changed in a changed item."""

    #: "field", "step", "flow", "claim" or "answer".
    area: str
    kind: ChangeKind
    #: The item's key: a step id, "source -> target" for a flow, "step[/part…]: target" for a claim.
    key: str
    fields: tuple[str, ...] = ()


@attrs.frozen
class PracticeDiff:
    """Every change from ``old`` to ``new`` of one practice, in a stable order."""

    old: str
    new: str
    changes: tuple[Change, ...] = attrs.field(converter=to_tuple)

    @property
    def is_empty(self) -> bool:
        """Whether the versions are the same in everything compared."""
        return not self.changes

    def of(self, area: str, kind: ChangeKind | None = None) -> tuple[Change, ...]:
        """The changes in one area, optionally of one kind."""
        return tuple(c for c in self.changes if c.area == area and (kind is None or c.kind is kind))


def _claims(practice: Practice) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for step in practice.steps:
        if isinstance(step, Block):
            out.update(_block_claims(step, step.id, practice.framework))
    return out


def _block_claims(block: Block, prefix: str, framework: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in block.mappings:
        fid = m.framework or framework
        key = f"{prefix}: {m.target}" if fid == framework else f"{prefix}: {fid}/{m.target}"
        out[key] = {"strength": m.strength.value, "evidence": unstructure(m.evidence) if m.evidence else None}
    for part in block.parts:
        out.update(_block_claims(part, f"{prefix}/{part.id}", framework))
    return out


def _compare(area: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    changes = []
    for key in new:
        if key not in old:
            changes.append(Change(area, ChangeKind.ADDED, key))
        elif old[key] != new[key]:
            changes.append(Change(area, ChangeKind.CHANGED, key, _changed_fields(old[key], new[key])))
    changes += [Change(area, ChangeKind.REMOVED, key) for key in old if key not in new]
    return changes


def _changed_fields(old: Any, new: Any) -> tuple[str, ...]:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return tuple(k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k))
    return ()


def _keyed(items: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    return dict(items)


def _without_mappings(step: Any) -> Any:
    """A step's plain data without its claims (claims are compared on their own)."""
    data = unstructure(step)
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k != "mappings"}
        if "parts" in data:
            data["parts"] = [_without_mappings(p) for p in step.parts]
    return data


def diff_practices(old: Practice, new: Practice) -> PracticeDiff:
    """What changed from ``old`` to ``new``: fields, steps, flows, claims and answers."""
    fields_old = {f: unstructure(getattr(old, f)) for f in _FIELDS}
    fields_new = {f: unstructure(getattr(new, f)) for f in _FIELDS}
    changes = [Change("field", ChangeKind.CHANGED, f) for f in _FIELDS if fields_old[f] != fields_new[f]]
    changes += _compare(
        "step",
        _keyed((s.id, _without_mappings(s)) for s in old.steps),
        _keyed((s.id, _without_mappings(s)) for s in new.steps),
    )
    changes += _compare(
        "flow",
        _keyed((f"{f.source} -> {f.target}", unstructure(f)) for f in old.flows),
        _keyed((f"{f.source} -> {f.target}", unstructure(f)) for f in new.flows),
    )
    changes += _compare("claim", _claims(old), _claims(new))
    changes += _compare(
        "answer",
        _keyed(
            ((a.framework + "/" if a.framework else "") + a.question, unstructure(a)) for a in old.answers
        ),
        _keyed(
            ((a.framework + "/" if a.framework else "") + a.question, unstructure(a)) for a in new.answers
        ),
    )
    return PracticeDiff(old.id, new.id, changes)
