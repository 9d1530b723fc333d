"""Turn one read file into a model document, with every problem located at FILE:LINE:COL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs
from cattrs.errors import AttributeValidationNote, IterableValidationNote

from osallisuuden_palaset.errors import Issue, ModelError, ModelPath, Position, Problem, did_you_mean, reason
from osallisuuden_palaset.errors import Location as Location  # its old home: the import still works
from osallisuuden_palaset.files.converting import DOCUMENT_KINDS, META_KEYS, Model, structure
from osallisuuden_palaset.files.format_version import CURRENT, file_version
from osallisuuden_palaset.files.reading import Reading
from osallisuuden_palaset.files.shape import ShapeProblem, check_shape
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.flow import Flow
from osallisuuden_palaset.model.practice import Answer, Include, Phase, Practice, Reuse, flow_issues
from osallisuuden_palaset.model.project import Catalogue, Collection, Project
from osallisuuden_palaset.model.references import (
    Context,
    catalogue_reference_issues,
    practice_reference_issues,
)

T = TypeVar("T")
KINDS_HINT = msg("a model file starts with one of: {keys}", keys=", ".join(f"'{k}:'" for k in DOCUMENT_KINDS))


@attrs.frozen
class SourceMap:
    """The file a document came from and where each key and value is written in it."""

    file: str
    values: Mapping[ModelPath, Position] = attrs.field(factory=dict, eq=False, repr=False)
    keys: Mapping[ModelPath, Position] = attrs.field(factory=dict, eq=False, repr=False)

    def locate(self, path: ModelPath) -> Position:
        """(line, col) of the value at ``path``, or of its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            found = self.values.get(tuple(path[:end]))
            if found is not None:
                return found
        return (1, 1)

    def locate_key(self, path: ModelPath) -> Position:
        """(line, col) of the key introducing ``path``; the value's place when there is no key."""
        return self.keys.get(tuple(path)) or self.locate(path)

    def location(self, path: ModelPath) -> Location:
        """The :class:`Location` of the value at ``path``."""
        return Location(self.file, *self.locate(path))

    def where(self, path: ModelPath) -> str:
        """``"FILE:LINE:COL"`` of the value at ``path``."""
        return str(self.location(path))

    def problem(
        self, path: ModelPath, message: str, hint: str | None = None, *, at_key: bool = False
    ) -> Problem:
        """A problem located at ``path`` (at its key when ``at_key``)."""
        place = Location(self.file, *self.locate_key(path)) if at_key else self.location(path)
        return Problem.at(place, message, hint)


@attrs.frozen
class Document:
    """One model file: its model object, what kind of document it is, and where things are in it."""

    source: SourceMap
    model: Model
    #: The document key: "practice", "project", "catalogue", "collection" or "framework".
    kind: str

    def locate(self, path: ModelPath) -> Position:
        """(line, col) of ``path`` inside the document (paths start with the document key)."""
        return self.source.locate(path)

    def where(self, path: ModelPath) -> str:
        """``"FILE:LINE:COL"`` of ``path`` inside the document."""
        return self.source.where(path)


@attrs.frozen
class Parsed:
    """The outcome of parsing one file: a document (when it could be built), problems, raw ids."""

    document: Document | None
    problems: tuple[Problem, ...]
    #: Ids of practices and catalogues the file defines, read from its raw data (even when broken);
    #: for a framework file, the framework's id.
    raw_ids: frozenset[str] = frozenset()
    #: The document key read from the raw data ("practice", "framework", …); None when unreadable.
    kind: str | None = None


def parse(reading: Reading, name: str) -> Parsed:
    """Build the document a reading holds, reporting every problem found on the way."""
    source = SourceMap(name, reading.values, reading.keys)
    problems = list(reading.problems)
    if reading.data is None:
        if not problems:
            problems.append(Problem(name, 1, 1, msg("the file is empty"), KINDS_HINT))
        return Parsed(None, tuple(problems))
    kind, findings = _document_kind(reading.data)
    if kind is None:
        return Parsed(None, tuple(problems + [_to_problem(source, f) for f in findings]))
    raw_ids = frozenset(_raw_ids(kind, reading.data[kind]))
    version, findings = _version_findings(reading.data, findings)
    model, cleaned, built = structure_checked(
        reading.data[kind], DOCUMENT_KINDS[kind], (kind,), reading.raw, version=version
    )
    findings += built
    if model is None:
        findings += _skeleton_findings(kind, cleaned, findings)
    problems += [_to_problem(source, f) for f in findings]
    if model is None or problems:
        return Parsed(None, tuple(problems), raw_ids, kind)
    return Parsed(Document(source, model, kind), (), raw_ids, kind)


def parse_as(
    reading: Reading,
    name: str,
    key: str,
    cls: type[T],
    hint: str,
    *,
    stricter: Callable[[Any], Sequence[ShapeProblem]] | None = None,
) -> tuple[T | None, list[Problem]]:
    """The ``cls`` a one-document file holds under its top key ``key``, or its problems.

    The file is checked as a model file is (shape, then the one converter), so every problem
    is located at FILE:LINE:COL; ``hint`` says how such a file starts. Only ``key`` and the
    meta keys (``$schema``, ``version``) may be at the top. ``stricter`` adds the file kind's
    own findings on the data under ``key`` (values the converter would read loosely).
    """
    source = SourceMap(name, reading.values, reading.keys)
    if reading.problems:
        return None, list(reading.problems)
    if not isinstance(reading.data, Mapping) or key not in reading.data:
        return None, [source.problem((), msg("the file has no '{key}:' key", key=key), hint)]
    findings = [
        ShapeProblem(
            (k,),
            msg("unknown top-level key {key}", key=repr(k)),
            did_you_mean(str(k), [key, *META_KEYS]) or hint,
            at_key=True,
        )
        for k in reading.data
        if k != key and k not in META_KEYS
    ]
    version, findings = _version_findings(reading.data, findings)
    built, _, found = structure_checked(reading.data[key], cls, (key,), reading.raw, version=version)
    strict = list(stricter(reading.data[key])) if stricter is not None else []
    said = {f.path for f in strict}
    findings += [f for f in found if f.path not in said] + strict
    if findings or built is None:
        return None, [_to_problem(source, f) for f in findings]
    return built, []


def structure_checked(
    data: Any, cls: type[T], path: ModelPath, raw: Mapping[ModelPath, str], *, version: int = CURRENT
) -> tuple[T | None, Any, list[ShapeProblem]]:
    """Check ``data`` (found at ``path``) as a ``cls`` and build it with the one converter.

    Returns the object (None when it could not be built), the cleaned data and every finding:
    the shape check's, then the converter's that do not repeat them. ``version`` is the file
    format's version the data is written in: fields of a later version are findings.
    """
    cleaned, shape = check_shape(data, cls, path, raw, version=version)
    try:
        return structure(cleaned, cls), cleaned, shape
    except Exception as error:  # every failure of user data must become a problem
        built = error_findings(error, path)
        return None, cleaned, shape + [b for b in built if not _already_reported(b, shape)]


def _version_findings(data: Any, findings: list[ShapeProblem]) -> tuple[int, list[ShapeProblem]]:
    """The file's format version, and ``findings`` with a problem at ``version`` when it is unknown."""
    version, problem = file_version(data)
    if problem is None:
        return version, findings
    return version, [*findings, ShapeProblem(("version",), *problem)]


def _document_kind(data: Any) -> tuple[str | None, list[ShapeProblem]]:
    if not isinstance(data, Mapping):
        return None, [ShapeProblem((), msg("a model file must be a map with one document key"), KINDS_HINT)]
    findings: list[ShapeProblem] = []
    kinds = [k for k in data if k in DOCUMENT_KINDS]
    for key in data:
        if key not in DOCUMENT_KINDS and key not in META_KEYS:
            hint = did_you_mean(str(key), [*DOCUMENT_KINDS, *META_KEYS]) or KINDS_HINT
            findings.append(
                ShapeProblem((key,), msg("unknown top-level key {key}", key=repr(key)), hint, at_key=True)
            )
    if not kinds:
        findings.append(ShapeProblem((), msg("the file has no document key"), KINDS_HINT))
        return None, findings
    for extra in kinds[1:]:
        findings.append(
            ShapeProblem(
                (extra,),
                msg(
                    "a file holds one document, but this one has both {first} and {second}",
                    first=repr(kinds[0]),
                    second=repr(extra),
                ),
                msg("move each into a file of its own; {how}", how=KINDS_HINT),
                at_key=True,
            )
        )
    return (kinds[0] if len(kinds) == 1 else None), findings


def _raw_ids(kind: str, data: Any) -> Iterator[str]:
    if not isinstance(data, Mapping):
        return
    if kind in ("practice", "catalogue", "framework") and isinstance(data.get("id"), str):
        yield data["id"]
    groups = [data.get("practices"), data.get("catalogues")]
    groups += [p.get("practices") for p in data.get("projects") or [] if isinstance(p, Mapping)]
    for group in groups:
        for item in group if isinstance(group, list) else []:
            if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                yield item["id"]


def error_findings(error: BaseException, path: ModelPath) -> list[ShapeProblem]:
    """Findings for an exception raised while structuring, following cattrs' notes to paths."""
    if isinstance(error, BaseExceptionGroup):
        found: list[ShapeProblem] = []
        for sub in error.exceptions:
            found += error_findings(sub, (*path, *_note_steps(sub)))
        return found
    if isinstance(error, ModelError):
        return [ShapeProblem((*path, *i.path), i.message, i.hint) for i in error.issues]
    if isinstance(error, KeyError):
        return [
            ShapeProblem(path, msg("missing required field {name}", name=repr(error.args[0])), loose=True)
        ]
    return [ShapeProblem(path, reason(error) or type(error).__name__, loose=True)]


def _skeleton_findings(kind: str, data: Any, found: Sequence[ShapeProblem]) -> list[ShapeProblem]:
    """Flow, phase and answer problems of practices that could not be built.

    A practice with a broken part cannot be constructed, so its own invariants never ran;
    they are checked here on the parts that can be read, so one run reports them too.
    """
    seen = {(f.path, f.message) for f in found}
    extra: list[ShapeProblem] = []
    for path, raw in _raw_practices(kind, data):
        if not any(f.path[: len(path)] == path for f in found):
            continue  # this practice was built, so its invariants were checked already
        issues = flow_issues(
            [_raw_id(s) for s in _raw_list(raw, "steps")],
            [_try_structure(f, Flow) for f in _raw_list(raw, "flows")],
            [_try_structure(p, Phase) for p in _raw_list(raw, "phases")],
            [_raw_id(o) for o in _raw_list(raw, "outcomes")],
            [_try_structure(a, Answer) for a in _raw_list(raw, "answers")],
        )
        for issue in issues:
            finding = ShapeProblem((*path, *issue.path), issue.message, issue.hint)
            if (finding.path, finding.message) not in seen:
                extra.append(finding)
    return extra


def _raw_practices(kind: str, data: Any) -> Iterator[tuple[ModelPath, Mapping[str, Any]]]:
    if not isinstance(data, Mapping):
        return
    if kind == "practice":
        yield (kind,), data
    projects: list[tuple[ModelPath, Any]] = [((kind,), data)] if kind == "project" else []
    if kind == "collection":
        for i, practice in enumerate(_raw_list(data, "practices")):
            if isinstance(practice, Mapping):
                yield (kind, "practices", i), practice
        projects += [((kind, "projects", j), p) for j, p in enumerate(_raw_list(data, "projects"))]
    for path, project in projects:
        for i, practice in enumerate(_raw_list(project, "practices")):
            if isinstance(practice, Mapping):
                yield (*path, "practices", i), practice


def _raw_list(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, list) else []


def _raw_id(item: Any) -> str | None:
    ident = item.get("id") if isinstance(item, Mapping) else None
    return ident if isinstance(ident, str) else None


def _try_structure(item: Any, cls: type[T]) -> T | None:
    try:
        return structure(item, cls)
    except Exception:  # a broken part was reported already; here it just takes part in no check
        return None


def _note_steps(error: BaseException) -> ModelPath:
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return (note.name,)
        if isinstance(note, IterableValidationNote):
            return (note.index,)
    return ()


def _already_reported(finding: ShapeProblem, shape: Sequence[ShapeProblem]) -> bool:
    """Whether a structuring error repeats a finding of the shape check (same spot or around it)."""
    return finding.loose and any(_comparable(finding.path, s.path) for s in shape)


def _comparable(a: ModelPath, b: ModelPath) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _to_problem(source: SourceMap, finding: ShapeProblem) -> Problem:
    return source.problem(finding.path, finding.message, finding.hint, at_key=finding.at_key)


def places(document: Document) -> Iterator[tuple[str, Practice | Project | Catalogue, ModelPath]]:
    """Every practice, project and catalogue a document defines, with its path in the document."""
    model = document.model
    if isinstance(model, Practice):
        yield "practice", model, ("practice",)
    elif isinstance(model, Project):
        yield from _project_places(model, ("project",))
    elif isinstance(model, Catalogue):
        yield "catalogue", model, ("catalogue",)
    elif isinstance(model, Collection):
        for i, practice in enumerate(model.practices):
            yield "practice", practice, ("collection", "practices", i)
        for j, project in enumerate(model.projects):
            yield from _project_places(project, ("collection", "projects", j))
        for k, catalogue in enumerate(model.catalogues):
            yield "catalogue", catalogue, ("collection", "catalogues", k)


def _project_places(project: Project, path: ModelPath) -> Iterator[tuple[str, Project | Practice, ModelPath]]:
    yield "project", project, path
    for i, practice in enumerate(project.practices):
        yield "practice", practice, (*path, "practices", i)


def reference_problems(
    located: Iterable[tuple[SourceMap, Practice | Project | Catalogue, ModelPath]],
    context: Context,
    *,
    check_frameworks: bool,
    broken: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Unresolved references of located practices and catalogues, as problems in their files.

    Mapping and answer targets are checked only when ``check_frameworks``; references to
    ``broken`` ids (defined in files that failed to load) are not reported again.
    """
    problems: list[Problem] = []
    for source, model, path in located:
        issues: list[Issue]
        if isinstance(model, Practice):
            issues = [
                i for i in practice_reference_issues(model, context) if not _points_at(model, i, broken)
            ]
        elif isinstance(model, Catalogue):
            issues = catalogue_reference_issues(model, context)
        else:
            continue
        for issue in issues:
            if not check_frameworks and ("mappings" in issue.path or issue.path[:1] == ("answers",)):
                continue
            problems.append(source.problem((*path, *issue.path), issue.message, issue.hint))
    return problems


def _points_at(practice: Practice, issue: Issue, broken: frozenset[str]) -> bool:
    if len(issue.path) < 2 or issue.path[0] != "steps" or not isinstance(issue.path[1], int):
        return False
    step = practice.steps[issue.path[1]]
    if isinstance(step, Reuse):
        return step.reuse.partition("/")[0] in broken
    return isinstance(step, Include) and step.include in broken
