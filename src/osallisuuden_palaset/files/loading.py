"""Load model files, frameworks and folders of them; every problem is reported as FILE:LINE:COL."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import stat
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
from osallisuuden_palaset.files.reading import MAX_BYTES, Reading, read_bytes, read_text
from osallisuuden_palaset.files.siblings import Sibling, referenced_siblings
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

#: File name endings read as model files in a folder.
MODEL_SUFFIXES = (".yaml", ".yml", ".json")
_WORKSPACE_NAME = Text(fi="Työtila", en="Workspace", sv="Arbetsyta")


@attrs.frozen
class Skipped:
    """A file in a folder that is named like a model file but was not read, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped: {self.reason}"


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
                    f"expected a framework file, but this file holds a {document.kind}",
                    "a framework file starts with 'framework:'",
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
        found, problem = _files_of(root, on_skip)
        files += found
        problems += [problem] if problem else []
    if not roots:
        problems.append(Problem(".", 1, 1, "no files or folders to load: give at least one path"))
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
    near = [Sibling(f, _parse_file(f)) for f in _siblings(roots, unique)] if siblings else []
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


def _siblings(roots: Sequence[Path], loaded: Sequence[Path]) -> list[Path]:
    """Model files beside the named files (not below them), except those loaded anyway."""
    taken = {p.resolve() for p in loaded}
    found: list[Path] = []
    for folder in dict.fromkeys(r.parent for r in roots if r.is_file()):
        for path in sorted(folder.iterdir()):
            if path.is_file() and _is_model_file(path.name) and path.resolve() not in taken:
                taken.add(path.resolve())
                found.append(path)
    return found


def model_files(
    folder: str | os.PathLike[str], *, on_skip: Callable[[Skipped], None] | None = None
) -> list[Path]:
    """Model files in ``folder`` and below, sorted; hidden files and ``*.schema.json`` skipped.

    Only regular files (or links to them) are read: a named pipe, socket or device named like
    a model file, and a symbolic link that loops, are left out and passed to ``on_skip``
    (reading a pipe would wait for a writer forever). Links to folders are not followed.
    """
    found: list[Path] = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if _is_model_file(name):
                path = Path(top, name)
                reason = _not_readable(path)
                if reason is None:
                    found.append(path)
                elif on_skip is not None:
                    on_skip(Skipped(str(path), reason))
    return found


def read_from(folder: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """Whether loading ``folder`` would read ``path``: a model file in it or below, not in a hidden folder."""
    inside = Path(os.path.realpath(path))
    top = Path(os.path.realpath(folder))
    if not inside.is_relative_to(top) or inside == top:
        return False
    parts = inside.relative_to(top).parts
    return _is_model_file(parts[-1]) and not any(p.startswith(".") for p in parts[:-1])


def _not_readable(path: Path) -> str | None:
    """Why ``path`` is not read as a model file (None: it is a regular file, or its problem is reported)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        # A link to nothing, or a file that cannot be read, is reported when it is opened.
        return "a symbolic link that loops" if error.errno == errno.ELOOP else None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def _is_model_file(name: str) -> bool:
    lower = name.lower()
    return not name.startswith(".") and lower.endswith(MODEL_SUFFIXES) and not lower.endswith(".schema.json")


def _files_of(root: Path, on_skip: Callable[[Skipped], None] | None) -> tuple[list[Path], Problem | None]:
    """The model files ``root`` names: itself, or those its folder holds.

    A pipe or device named on its own is read, up to the size limit like any file
    (``palaset validate <(generate-model)`` works).
    """
    if root.is_dir():
        found = model_files(root, on_skip=on_skip)
        if not found:
            return [], Problem(
                str(root), 1, 1, "the folder has no model files: add *.yaml, *.yml or *.json files to it"
            )
        return found, None
    if root.exists():
        return [root], None
    return [], Problem(str(root), 1, 1, "no such file or folder: check the path and its spelling")


def _parse_file(path: Path) -> Parsed:
    return parse(read_file(path), str(path))


def read_file(path: str | os.PathLike[str]) -> Reading:
    """Read one file (JSON when it ends in .json, else YAML 1.2) with positions; never raises.

    A missing, unreadable or oversized file, a folder or a dangling link is a problem of the reading.
    """
    path = Path(path)
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        problem = Problem(name, 1, 1, "this is a folder: load it with load_workspace or give a file")
        return Reading(None, problems=(problem,))
    except FileNotFoundError:
        if path.is_symlink():
            message = f"the symbolic link points to nothing ({os.readlink(path)}): fix the link or remove it"
            return Reading(None, problems=(Problem(name, 1, 1, message),))
        return Reading(None, problems=(Problem(name, 1, 1, "no such file: check the path and its spelling"),))
    except OSError as error:
        message = f"cannot read the file ({error.strerror or error}): check that it exists and is readable"
        return Reading(None, problems=(Problem(name, 1, 1, message),))
    return read_bytes(data, name=name, json_syntax=path.suffix.lower() == ".json")


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
