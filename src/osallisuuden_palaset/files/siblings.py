"""Which files beside the named ones a load reads: the siblings their references reach, transitively."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path as FilePath

import attrs

from osallisuuden_palaset.files.document import Document, Parsed, places
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.project import Project
from osallisuuden_palaset.model.references import ReferenceKind, references_of

#: What a file defines or a reference names: ("owner", practice or catalogue id) or ("framework", id).
Key = tuple[ReferenceKind, str]


@attrs.frozen
class Sibling:
    """A model file beside a named one, as parsed."""

    path: FilePath
    parsed: Parsed


def defined(parsed: Parsed) -> frozenset[Key]:
    """What a parsed file defines; for a broken file, what its raw data names."""
    document = parsed.document
    if document is None:
        kind = "framework" if parsed.kind == "framework" else "owner"
        return frozenset((kind, i) for i in parsed.raw_ids)
    if isinstance(document.model, Framework):
        return frozenset({("framework", document.model.id)})
    return frozenset(("owner", m.id) for _, m, _ in places(document) if not isinstance(m, Project))


def referenced_siblings(
    named: Sequence[Parsed], siblings: Sequence[Sibling], outside: Iterable[Key] = ()
) -> tuple[Sibling, ...]:
    """The siblings the named files refer to (include, reuse, framework), directly or through others.

    What a named file defines is never looked up beside it; ``outside`` is what plugins and
    the caller define (frameworks, catalogues). When a reference resolves nowhere, every
    sibling too broken to tell what it defines is taken as well: it may be the one meant,
    and its problems are the ones to show.
    """
    if not siblings:
        return ()
    outside = frozenset(outside)
    own = frozenset().union(*(defined(p) for p in named))
    index: dict[Key, list[int]] = {}
    for i, sibling in enumerate(siblings):
        for key in defined(sibling.parsed):
            index.setdefault(key, []).append(i)
    # A framework reference is an error only where frameworks are checked: where any is known.
    frameworks_checked = any(kind == "framework" for kind, _ in (*outside, *own, *index))
    chosen: set[int] = set()
    todo = [r for p in named if p.document is not None for r in _references(p.document)]
    seen: set[Key] = set()
    unresolved = False
    while todo:
        ref = todo.pop()
        if ref in seen or ref in own:
            continue
        seen.add(ref)
        found = [i for i in index.get(ref, ()) if i not in chosen]
        if ref not in index and ref not in outside and (ref[0] == "owner" or frameworks_checked):
            unresolved = True
        for i in found:
            chosen.add(i)
            document = siblings[i].parsed.document
            todo += _references(document) if document is not None else []
    if unresolved:
        chosen.update(i for i, s in enumerate(siblings) if s.parsed.document is None and not s.parsed.raw_ids)
    return tuple(siblings[i] for i in sorted(chosen))


def _references(document: Document) -> Iterator[Key]:
    for _, model, _ in places(document):
        if not isinstance(model, Project):  # a project's practices are listed on their own
            yield from references_of(model)
