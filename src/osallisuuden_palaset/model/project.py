"""Projects (hankkeet), catalogues of reusable blocks, and collections (kokonaisuudet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs

from osallisuuden_palaset.errors import Issue, ModelError, ModelPath
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.coerce import describe, each, is_a, to_date, to_tuple
from osallisuuden_palaset.model.ids import check_id, duplicate_issues
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.target_group import TargetGroup, to_target_group
from osallisuuden_palaset.model.text import Text, TextLike, optional_text, text, texts


@attrs.frozen
class Period:
    """When a project runs; either end may be open."""

    start: dt.date | None = attrs.field(default=None, converter=to_date)
    end: dt.date | None = attrs.field(default=None, converter=to_date)

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(
                msg("period starts ({start}) after it ends ({end})", start=str(self.start), end=str(self.end))
            )


def _partners(values: Iterable[TextLike]) -> tuple[Text, ...]:
    if isinstance(values, str | Text) or not isinstance(values, Iterable):
        raise TypeError(msg("Project.partners must be a list of texts, not {what}", what=describe(values)))
    return texts(values)


@attrs.frozen
class Project:
    """A project (hanke): who developed which practices, with what funding, for whom."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    summary: Text | None = attrs.field(default=None, converter=optional_text)
    #: The funder's project code (hankekoodi), e.g. an ESF code.
    code: str | None = attrs.field(default=None, validator=is_a(str, optional=True))
    funder: Text | None = attrs.field(default=None, converter=optional_text)
    period: Period | None = attrs.field(default=None, validator=is_a(Period, optional=True))
    organisation: Text | None = attrs.field(default=None, converter=optional_text)
    partners: tuple[Text, ...] = attrs.field(default=(), converter=_partners)
    region: Text | None = attrs.field(default=None, converter=optional_text)
    #: Who the project is for: a text, or (version 2) a map of text, ages and criteria.
    target_group: Text | TargetGroup | None = attrs.field(default=None, converter=to_target_group)
    website: str | None = attrs.field(default=None, validator=is_a(str, optional=True))
    practices: tuple[Practice, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Practice))

    def __attrs_post_init__(self) -> None:
        issues = duplicate_issues((p.id for p in self.practices), ("practices",), "practice")
        if issues:
            raise ModelError(issues)


@attrs.frozen
class Catalogue:
    """A published set of reusable blocks, referred to as ``'catalogue-id/block-id'``."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    blocks: tuple[Block, ...] = attrs.field(converter=to_tuple, validator=each(Block))
    description: Text | None = attrs.field(default=None, converter=optional_text)
    publisher: Text | None = attrs.field(default=None, converter=optional_text)
    #: The framework the blocks' mappings refer to by default.
    framework: str = attrs.field(default="thl", validator=check_id)

    def __attrs_post_init__(self) -> None:
        issues = duplicate_issues((b.id for b in self.blocks), ("blocks",), "block")
        if issues:
            raise ModelError(issues)

    def block(self, ident: str) -> Block:
        """The block with id ``ident``; KeyError when absent."""
        for b in self.blocks:
            if b.id == ident:
                return b
        raise KeyError(ident)


@attrs.frozen
class Collection:
    """Many projects, practices and catalogues together (kokonaisuus), e.g. a folder of files."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    description: Text | None = attrs.field(default=None, converter=optional_text)
    projects: tuple[Project, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Project))
    #: Practices that belong to no project in this collection.
    practices: tuple[Practice, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Practice))
    catalogues: tuple[Catalogue, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Catalogue))

    def __attrs_post_init__(self) -> None:
        issues = collection_issues(self)
        if issues:
            raise ModelError(issues)

    def all_practices(self) -> Iterator[Practice]:
        """Every practice: standalone ones first, then each project's, in order."""
        yield from self.practices
        for project in self.projects:
            yield from project.practices

    def practice(self, ident: str) -> Practice:
        """The practice with id ``ident`` anywhere in the collection; KeyError when absent."""
        for p in self.all_practices():
            if p.id == ident:
                return p
        raise KeyError(ident)

    def project_of(self, practice_id: str) -> Project | None:
        """The project a practice belongs to, or None for a standalone practice."""
        for project in self.projects:
            if any(p.id == practice_id for p in project.practices):
                return project
        return None


def collection_issues(collection: Collection) -> list[Issue]:
    """Ids unique across the whole collection (practices and catalogues share one namespace)."""
    issues = duplicate_issues((p.id for p in collection.projects), ("projects",), "project")
    issues += duplicate_issues((c.id for c in collection.catalogues), ("catalogues",), "catalogue")
    owners: dict[str, str] = {c.id: "catalogue" for c in collection.catalogues}
    located: list[tuple[ModelPath, Practice]] = [
        (("practices", i), p) for i, p in enumerate(collection.practices)
    ]
    located += [
        (("projects", j, "practices", i), p)
        for j, proj in enumerate(collection.projects)
        for i, p in enumerate(proj.practices)
    ]
    for path, p in located:
        if p.id in owners:
            issues.append(
                Issue(
                    (*path, "id"),
                    (
                        msg("id {id} is used by another catalogue too", id=repr(p.id))
                        if owners[p.id] == "catalogue"
                        else msg("id {id} is used by another practice too", id=repr(p.id))
                    ),
                    msg("practice and catalogue ids must be unique in a collection"),
                )
            )
        else:
            owners[p.id] = "practice"
    return issues
