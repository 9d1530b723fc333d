"""Load model files, frameworks and folders of them; every problem is reported as FILE:LINE:COL."""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from osallisuuden_palaset.errors import LoadError, Location, ModelError, ModelPath, Problem
from osallisuuden_palaset.files.document import (
    Document,
    Parsed,
    SourceMap,
    parse,
    places,
    reference_problems,
)
from osallisuuden_palaset.files.finding import MODEL_SUFFIXES as MODEL_SUFFIXES  # re-exported
from osallisuuden_palaset.files.finding import Skipped as Skipped
from osallisuuden_palaset.files.finding import files_of, siblings_of
from osallisuuden_palaset.files.finding import model_files as model_files
from osallisuuden_palaset.files.finding import read_from as read_from
from osallisuuden_palaset.files.origins import remember
from osallisuuden_palaset.files.reading import read_file as read_file
from osallisuuden_palaset.files.reading import read_text
from osallisuuden_palaset.files.siblings import Sibling, referenced_siblings
from osallisuuden_palaset.messages.catalogue import as_text, msg
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Catalogue, Collection, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text

__all__ = [
    "MODEL_SUFFIXES",
    "Document",
    "Location",
    "Skipped",
    "SourceMap",
    "Workspace",
    "claim_locator",
    "load_document",
    "load_framework",
    "load_workspace",
    "loads",
    "model_files",
    "read_file",
]

#: The name of a collection of files given together (no folder or collection file names it).
_WORKSPACE_NAME = as_text("Files given together")


@attrs.frozen
class Workspace:
    """Model files loaded together: one collection, the documents it came from, and their context."""

    collection: Collection
    documents: tuple[Document, ...]
    context: Context
    #: (kind, id) → the document defining it and the path there; kind is practice/project/catalogue.
    places: Mapping[tuple[str, str], tuple[Document, ModelPath]] = attrs.field(factory=dict, repr=False)
    #: Files beside the named ones that their references reach (checked with them, not part of
    #: the collection); see :func:`load_workspace`.
    referenced: tuple[Document, ...] = ()

    def locate(self, kind: str, ident: str, *subpath: str | int) -> Location:
        """Where a practice, project or catalogue (or ``subpath`` inside it) is written.

        Raises:
            KeyError: no such ``kind`` with id ``ident`` was loaded.
        """
        document, path = self.places[(kind, ident)]
        return document.source.location((*path, *subpath))

    def locate_practice(self, practice_id: str, *subpath: str | int) -> Location:
        """Where practice ``practice_id`` (or e.g. ``"steps", 2``) is written."""
        return self.locate("practice", practice_id, *subpath)

    def locate_project(self, project_id: str, *subpath: str | int) -> Location:
        """Where project ``project_id`` (or something inside it) is written."""
        return self.locate("project", project_id, *subpath)

    def locate_catalogue(self, catalogue_id: str, *subpath: str | int) -> Location:
        """Where catalogue ``catalogue_id`` (or something inside it) is written."""
        return self.locate("catalogue", catalogue_id, *subpath)

    def document_of(self, kind: str, ident: str) -> Document:
        """The document defining a practice, project or catalogue; KeyError when absent."""
        return self.places[(kind, ident)][0]


def claim_locator(workspace: Workspace) -> Callable[[str, ModelPath], str | None]:
    """Where a practice's claim stands, as ``FILE:LINE`` (None when the path is not in a loaded file).

    The ``locate`` that assessments and their reports take (``assessing.report.ClaimLocator``):
    called with a practice id and the path of a claim inside it.
    """

    def locate(practice: str, path: ModelPath) -> str | None:
        try:
            where = workspace.locate_practice(practice, *path)
        except KeyError:
            return None
        return str(Location(where.file, where.line))

    return locate


def loads(
    text: str,
    *,
    name: str = "<string>",
    frameworks: Iterable[Framework] = (),
    catalogues: Iterable[Catalogue] = (),
) -> Document:
    """Load one model document from text (JSON when ``name`` ends in .json, else YAML 1.2).

    References (reuse, include, mapping targets) are checked when frameworks or catalogues
    are given; mapping and answer targets only when frameworks are.

    Raises:
        LoadError: listing every problem found.
    """
    parsed = parse(read_text(text, name=name, json_syntax=name.lower().endswith(".json")), name)
    return _checked_document(parsed, tuple(frameworks), tuple(catalogues))


def load_document(
    path: str | os.PathLike[str],
    *,
    frameworks: Iterable[Framework] = (),
    catalogues: Iterable[Catalogue] = (),
) -> Document:
    """Load one model file (see :func:`loads`).

    Raises:
        LoadError: the file is missing or unreadable, or has problems (every one is listed).
    """
    parsed = _parse_file(Path(path))
    return _checked_document(parsed, tuple(frameworks), tuple(catalogues))


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Load a framework file (top-level key ``framework:``).

    Raises:
        LoadError: the file has problems or holds another kind of document.
    """
    document = load_document(path)
    if not isinstance(document.model, Framework):
        raise LoadError(
            [
                document.source.problem(
                    (document.kind,),
                    msg("expected a framework file, but this file holds a {kind}", kind=document.kind),
                    msg("a framework file starts with 'framework:'"),
                    at_key=True,
                )
            ]
        )
    return document.model


def load_workspace(
    paths: Iterable[str | os.PathLike[str]],
    *,
    frameworks: Iterable[Framework] = (),
    catalogues: Iterable[Catalogue] = (),
    progress: Callable[[int, int], None] | None = None,
    siblings: bool = True,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Workspace:
    """Load files and folders (searched recursively) as one collection, checking references across them.

    A file with ``collection:`` names the collection; otherwise a single folder's name does.
    Framework files in the folders are used, with ``frameworks``, to check mappings.
    With ``siblings``, the other model files beside a named file resolve its references
    (blocks it reuses, practices it includes, frameworks) without becoming part of the
    collection. Every sibling a named file refers to, directly or through other siblings, is
    checked as if loaded with it: its problems are reported at its own FILE:LINE:COL, and
    it is listed in ``Workspace.referenced`` (``LoadError.referenced`` on failure).
    ``progress(done, total)`` is called after each file is read; ``on_skip`` with each file
    a folder holds that is not read (see :func:`model_files`).

    Raises:
        LoadError: listing every problem in every file, sorted by file, line and column.
    """
    roots = [Path(p) for p in paths]
    problems: list[Problem] = []
    files: list[Path] = []
    for root in roots:
        found, problem = files_of(root, on_skip)
        files += found
        problems += [problem] if problem else []
    if not roots:
        problems.append(Problem(".", 1, 1, msg("no files or folders to load: give at least one path")))
    unique = list(dict.fromkeys(files))
    parsed: list[Parsed] = []
    with _collector_paused():
        for path in unique:
            parsed.append(_parse_file(path))
            if progress is not None:
                progress(len(parsed), len(unique))
    for p in parsed:
        problems += p.problems
    frameworks, catalogues = tuple(frameworks), tuple(catalogues)
    near = [Sibling(f, _parse_file(f)) for f in siblings_of(roots, unique)] if siblings else []
    beside = [s.parsed for s in near]
    elsewhere = {*(("framework", f.id) for f in frameworks), *(("owner", c.id) for c in catalogues)}
    consulted = referenced_siblings(parsed, near, elsewhere)
    for s in consulted:
        problems += s.parsed.problems
    documents = tuple(p.document for p in parsed if p.document is not None)
    referenced = tuple(s.parsed.document for s in consulted if s.parsed.document is not None)
    neighbours = [d for p in beside if p.document is not None for d in places(p.document)]
    broken = frozenset(
        i
        for p in (*parsed, *(s.parsed for s in consulted))
        if p.document is None and p.kind != "framework"
        for i in p.raw_ids
    )
    all_frameworks = {f.id: f for f in frameworks}
    for d in (*(p.document for p in beside if p.document is not None), *documents):
        if isinstance(d.model, Framework):
            all_frameworks[d.model.id] = d.model
    collection, located, issues = _assemble(documents, roots)
    problems += issues
    located_too: list[tuple[Document, Practice | Project | Catalogue, ModelPath]] = []
    if referenced:  # the referenced files as if loaded together with the named ones: id clashes
        _, together, clashes = _assemble((*documents, *referenced), roots)
        problems += [c for c in clashes if c not in issues]
        located_too = together[len(located) :]
    outside = (*catalogues, *(m for _, m, _ in neighbours if isinstance(m, Catalogue)))
    outside_practices = tuple(m for _, m, _ in neighbours if isinstance(m, Practice))
    context = Context.build(
        all_frameworks.values(),
        (*outside, *(m for _, m, _ in located if isinstance(m, Catalogue))),
        (*outside_practices, *(m for _, m, _ in located if isinstance(m, Practice))),
    )
    problems += reference_problems(
        ((d.source, m, path) for d, m, path in (*located, *located_too)),
        context,
        check_frameworks=bool(all_frameworks),
        broken=broken - {*context.practices, *context.blocks},
    )
    if problems or collection is None:
        raise LoadError(sorted(problems, key=_order), referenced=[str(s.path) for s in consulted])
    where = {(kind, m.id): (d, path) for d, m, path, kind in _kinds(located)}
    context = Context.build(
        all_frameworks.values(),
        (*outside, *collection.catalogues),
        (*outside_practices, *collection.all_practices()),
    )
    remember(collection, context)  # a notebook's display resolves references where they were loaded
    return Workspace(collection, documents, context, where, referenced)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while files are read.

    Reading allocates millions of small objects that all stay alive; each full collection
    walks every one of them again, which made loading 20,000 blocks ~30 % slower. Hardly
    anything read forms reference cycles; what does is collected once reading ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse_file(path: Path) -> Parsed:
    return parse(read_file(path), str(path))


def _checked_document(
    parsed: Parsed, frameworks: Sequence[Framework], catalogues: Sequence[Catalogue]
) -> Document:
    if parsed.document is None:
        raise LoadError(sorted(parsed.problems, key=_order))
    document = parsed.document
    if frameworks or catalogues:
        located = [(document.source, m, path) for _, m, path in places(document)]
        own = [m for _, m, _ in located if isinstance(m, Catalogue)]
        context = Context.build(
            frameworks, (*catalogues, *own), (m for _, m, _ in located if isinstance(m, Practice))
        )
        problems = reference_problems(located, context, check_frameworks=bool(frameworks))
        if problems:
            raise LoadError(sorted(problems, key=_order))
    return document


def _assemble(
    documents: Sequence[Document], roots: Sequence[Path]
) -> tuple[
    Collection | None, list[tuple[Document, Practice | Project | Catalogue, ModelPath]], list[Problem]
]:
    """The collection of all documents, where each of its parts is written, and id clashes."""
    practices: list[tuple[Document, Practice, ModelPath]] = []
    projects: list[tuple[Document, Project, ModelPath]] = []
    catalogues: list[tuple[Document, Catalogue, ModelPath]] = []
    located: list[tuple[Document, Practice | Project | Catalogue, ModelPath]] = []
    for document in documents:
        for _, model, path in places(document):
            located.append((document, model, path))
            if isinstance(model, Project):
                projects.append((document, model, path))
            elif isinstance(model, Catalogue):
                catalogues.append((document, model, path))
            elif isinstance(model, Practice) and not _in_project(path):
                practices.append((document, model, path))
    header = next((d.model for d in documents if isinstance(d.model, Collection)), None)
    ident, name, description = _identity(header, roots)
    try:
        collection = Collection(
            id=ident,
            name=name,
            description=description,
            projects=[m for _, m, _ in projects],
            practices=[m for _, m, _ in practices],
            catalogues=[m for _, m, _ in catalogues],
        )
    except ModelError as error:
        parts: dict[str, Sequence[tuple[Document, object, ModelPath]]] = {
            "practices": practices,
            "projects": projects,
            "catalogues": catalogues,
        }
        problems = []
        for issue in error.issues:
            group, index, *rest = issue.path
            document, _, path = parts[str(group)][int(index)]
            problems.append(document.source.problem((*path, *rest), issue.message, issue.hint))
        return None, located, problems
    return collection, located, []


def _in_project(path: ModelPath) -> bool:
    return "projects" in path or path[:1] == ("project",)


def _identity(header: Collection | None, roots: Sequence[Path]) -> tuple[str, Text, Text | None]:
    if header is not None:
        return header.id, header.name, header.description
    folders = [r for r in roots if r.is_dir()]
    if len(folders) == 1:
        folder_name = folders[0].resolve().name or "collection"
        return slug(folder_name), Text(fi=folder_name), None
    if len(roots) == 1:  # one file: the collection is named after it (its id stays clear of the file's own)
        return "workspace", Text(fi=roots[0].name), None
    return "workspace", _WORKSPACE_NAME, None


def slug(name: str) -> str:
    """An id made of a folder or file name: "Elävä portfolio" → "elävä-portfolio"."""
    cleaned = re.sub(r"[^a-z0-9åäö_.\-]+", "-", name.lower())
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip("-_.")
    return cleaned or "collection"


def _kinds(
    located: Iterable[tuple[Document, Practice | Project | Catalogue, ModelPath]],
) -> Iterator[tuple[Document, Practice | Project | Catalogue, ModelPath, str]]:
    for document, model, path in located:
        if isinstance(model, Project):
            yield document, model, path, "project"
            continue
        kind = "practice" if isinstance(model, Practice) else "catalogue"
        yield document, model, path, kind


def _order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file, problem.line, problem.col or 0, problem.message)
