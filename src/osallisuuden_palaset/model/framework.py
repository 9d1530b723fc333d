"""Frameworks for promoting inclusion as data: dimensions or levels, principles, questions."""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from osallisuuden_palaset.errors import Issue, ModelError, nearest
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.coerce import each, is_a, member, to_tuple
from osallisuuden_palaset.model.ids import check_id, duplicate_issues
from osallisuuden_palaset.model.text import Text, optional_text, text


class FrameworkKind(enum.StrEnum):
    """How blocks relate to a framework's dimensions."""

    #: A block maps to any number of dimensions (THL's three dimensions).
    CATEGORICAL = "categorical"
    #: Dimensions are ordered levels; a block sits at one level (Arnstein's ladder).
    ORDINAL = "ordinal"
    #: Every dimension is an element that must be present (Lundy's model).
    CHECKLIST = "checklist"


def to_framework_kind(value: FrameworkKind | str) -> FrameworkKind:
    """Converter: a FrameworkKind, or its value (``"ordinal"``)."""
    return value if type(value) is FrameworkKind else member(FrameworkKind, value)


class ProvenanceKind(enum.StrEnum):
    """Where a guiding question's wording comes from."""

    #: Our own paraphrase of a question in a named source; never the official wording.
    PARAPHRASE = "paraphrase"
    #: A guiding question written by this library (or the framework file's author) for a principle.
    WRITTEN = "written"
    #: The official wording, loaded by a user from their own copy of the source.
    OFFICIAL = "official"


def to_provenance_kind(value: ProvenanceKind | str) -> ProvenanceKind:
    """Converter: a ProvenanceKind, or its value (``"paraphrase"``)."""
    return value if type(value) is ProvenanceKind else member(ProvenanceKind, value)


_optional_text = is_a(str, optional=True)
_optional_int = is_a(int, optional=True)


@attrs.frozen
class Source:
    """Where a framework comes from."""

    title: str = attrs.field(validator=is_a(str))
    url: str | None = attrs.field(default=None, validator=_optional_text)
    publisher: str | None = attrs.field(default=None, validator=_optional_text)
    year: int | None = attrs.field(default=None, validator=_optional_int)
    note: Text | None = attrs.field(default=None, converter=optional_text)


@attrs.frozen
class Provenance:
    """Where one question's wording comes from, so no one mistakes ours for official text."""

    kind: ProvenanceKind = attrs.field(converter=to_provenance_kind)
    #: The source the question paraphrases or quotes (e.g. "THL: 24 apukysymystä").
    source: str | None = attrs.field(default=None, validator=_optional_text)
    #: The question's number in that source, where known.
    number: int | None = attrs.field(default=None, validator=_optional_int)
    note: Text | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.kind is not ProvenanceKind.WRITTEN and not self.source:
            raise ValueError(msg("a {kind} question must name its source", kind=self.kind.value))


@attrs.frozen
class Dimension:
    """A dimension (osa-alue) of a categorical framework, or a level of an ordinal one."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    description: Text | None = attrs.field(default=None, converter=optional_text)
    #: A group of levels, e.g. Arnstein's "tokenism"; optional.
    group: Text | None = attrs.field(default=None, converter=optional_text)


@attrs.frozen
class Principle:
    """A principle (periaate) that belongs to one dimension."""

    id: str = attrs.field(validator=check_id)
    dimension: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    description: Text | None = attrs.field(default=None, converter=optional_text)


@attrs.frozen
class Question:
    """A guiding question (apukysymys), tied to a dimension and optionally a principle."""

    id: str = attrs.field(validator=check_id)
    text: Text = attrs.field(converter=text)
    provenance: Provenance = attrs.field(validator=is_a(Provenance))
    dimension: str | None = attrs.field(default=None, validator=_optional_text)
    principle: str | None = attrs.field(default=None, validator=_optional_text)
    #: A sub-theme heading, e.g. "Yhdessä suunnittelu ja yhteiskehittäminen".
    theme: Text | None = attrs.field(default=None, converter=optional_text)


@attrs.frozen
class Framework:
    """A framework that practices are held against; shipped and registered as data."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    kind: FrameworkKind = attrs.field(converter=to_framework_kind)
    source: Source = attrs.field(validator=is_a(Source))
    dimensions: tuple[Dimension, ...] = attrs.field(converter=to_tuple, validator=each(Dimension))
    principles: tuple[Principle, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Principle))
    questions: tuple[Question, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Question))
    description: Text | None = attrs.field(default=None, converter=optional_text)
    version: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        issues = framework_issues(self)
        if issues:
            raise ModelError(issues)

    def element_ids(self) -> tuple[str, ...]:
        """Ids a mapping may target: dimensions (or levels) and principles."""
        return tuple(d.id for d in self.dimensions) + tuple(p.id for p in self.principles)

    def dimension(self, ident: str) -> Dimension:
        """The dimension with id ``ident``; KeyError when absent."""
        for d in self.dimensions:
            if d.id == ident:
                return d
        raise KeyError(ident)

    def principle(self, ident: str) -> Principle:
        """The principle with id ``ident``; KeyError when absent."""
        for p in self.principles:
            if p.id == ident:
                return p
        raise KeyError(ident)

    def dimension_of(self, element: str) -> str | None:
        """The dimension an element belongs to: itself for a dimension, its own for a principle."""
        if any(d.id == element for d in self.dimensions):
            return element
        for p in self.principles:
            if p.id == element:
                return p.dimension
        return None

    def principles_of(self, dimension: str) -> tuple[Principle, ...]:
        """The principles that belong to ``dimension``, in framework order."""
        return tuple(p for p in self.principles if p.dimension == dimension)

    def rank(self, level: str) -> int:
        """The 1-based rank of a level in an ordinal framework (first level = 1)."""
        for index, d in enumerate(self.dimensions, start=1):
            if d.id == level:
                return index
        raise KeyError(level)

    def iter_questions(self, dimension: str | None = None) -> Iterator[Question]:
        """Questions, optionally only those of one dimension."""
        for q in self.questions:
            if (
                dimension is None
                or q.dimension == dimension
                or (q.principle is not None and self.dimension_of(q.principle) == dimension)
            ):
                yield q


def framework_issues(framework: Framework) -> list[Issue]:
    """Every broken invariant of a framework: unique ids, references to dimensions and principles."""
    issues: list[Issue] = []
    if not framework.dimensions:
        issues.append(Issue(("dimensions",), msg("a framework needs at least one dimension or level")))
    issues += duplicate_issues((d.id for d in framework.dimensions), ("dimensions",), "dimension")
    issues += duplicate_issues((p.id for p in framework.principles), ("principles",), "principle")
    issues += duplicate_issues((q.id for q in framework.questions), ("questions",), "question")
    dims = [d.id for d in framework.dimensions]
    principles = [p.id for p in framework.principles]
    clash = set(dims) & set(principles)
    for ident in sorted(clash):
        issues.append(
            Issue(("principles",), msg("id {id} names both a dimension and a principle", id=repr(ident)))
        )
    for i, p in enumerate(framework.principles):
        if p.dimension not in dims:
            issues.append(
                Issue(
                    ("principles", i, "dimension"),
                    msg("unknown dimension {id}", id=repr(p.dimension)),
                    nearest(p.dimension, dims),
                )
            )
    for i, q in enumerate(framework.questions):
        if q.dimension is not None and q.dimension not in dims:
            issues.append(
                Issue(
                    ("questions", i, "dimension"),
                    msg("unknown dimension {id}", id=repr(q.dimension)),
                    nearest(q.dimension, dims),
                )
            )
        if q.principle is not None:
            if q.principle not in principles:
                issues.append(
                    Issue(
                        ("questions", i, "principle"),
                        msg("unknown principle {id}", id=repr(q.principle)),
                        nearest(q.principle, principles),
                    )
                )
            elif q.dimension is not None and framework.principle(q.principle).dimension != q.dimension:
                issues.append(
                    Issue(
                        ("questions", i, "principle"),
                        msg(
                            "principle {principle} belongs to another dimension than {dimension}",
                            principle=repr(q.principle),
                            dimension=repr(q.dimension),
                        ),
                    )
                )
    return issues
