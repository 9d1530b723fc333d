"""Checks of what a model refers to outside itself: frameworks, catalogues, other practices."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping

import attrs

from osallisuuden_palaset.errors import Issue, ModelPath, nearest
from osallisuuden_palaset.messages.catalogue import Message, localize, msg, msg_n
from osallisuuden_palaset.model.block import Block, retarget_block
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.ids import split_ref
from osallisuuden_palaset.model.includes import (
    MAX_INCLUDE_DEPTH,
    MAX_REACHED_STEPS,
    Extent,
    extents,
    overflow,
)
from osallisuuden_palaset.model.practice import Include, Practice, Reuse
from osallisuuden_palaset.model.project import Catalogue, Collection, Project
from osallisuuden_palaset.model.text import LANGS, Lang, Text

#: What a reference names: ``"owner"`` for a practice or catalogue (they share one namespace:
#: ``include: id`` and the owner of ``reuse: id/block``), ``"framework"`` for a framework.
ReferenceKind = str


def beyond_limit(limit: str) -> tuple[str, str]:
    """The problem (and what to do) when a practice's includes go past a limit of ``model.includes``.

    Made when needed: the limits are large numbers, and rendering one loads Babel's locale data.
    """
    if limit == "depth":
        return (
            msg_n(
                "practices include each other more than {n} level deep from here",
                "practices include each other more than {n} levels deep from here",
                MAX_INCLUDE_DEPTH,
            ),
            msg("write some of the included practices' steps out instead of including them"),
        )
    return (
        msg_n(
            "with the practices it includes written out, this practice would have more than "
            "{n} step (a practice counts as often as it is included)",
            "with the practices it includes written out, this practice would have more than "
            "{n} steps (a practice counts as often as it is included)",
            MAX_REACHED_STEPS,
        ),
        msg("include fewer practices, or the same practice fewer times"),
    )


@attrs.frozen
class Context:
    """Everything references can point to: frameworks, reusable blocks by owner, practices."""

    frameworks: Mapping[str, Framework] = attrs.field(factory=dict)
    #: Owner id (catalogue or practice) → block id → block.
    blocks: Mapping[str, Mapping[str, Block]] = attrs.field(factory=dict)
    practices: Mapping[str, Practice] = attrs.field(factory=dict)
    #: Owner id (catalogue or practice) → the framework its blocks' mappings name by default.
    owner_frameworks: Mapping[str, str] = attrs.field(factory=dict)
    #: Owner id (catalogue or practice) → its name, for showing where a reused block comes from.
    owner_names: Mapping[str, Text] = attrs.field(factory=dict)
    #: Blocks already resolved, by reference (each is made once: checks, coverage and views ask often).
    _resolved: dict[str, Block] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    @classmethod
    def build(
        cls,
        frameworks: Iterable[Framework] = (),
        catalogues: Iterable[Catalogue] = (),
        practices: Iterable[Practice] = (),
    ) -> Context:
        """A context from frameworks, catalogues and practices (all of whose blocks are reusable)."""
        practices = tuple(practices)
        owners: dict[str, dict[str, Block]] = {}
        defaults: dict[str, str] = {}
        names: dict[str, Text] = {}
        for c in catalogues:
            owners[c.id] = {b.id: b for b in c.blocks}
            defaults[c.id] = c.framework
            names[c.id] = c.name
        for p in practices:
            owners.setdefault(p.id, {}).update({b.id: b for b in p.blocks()})
            defaults[p.id] = p.framework
            names[p.id] = p.name
        return cls({f.id: f for f in frameworks}, owners, {p.id: p for p in practices}, defaults, names)

    @classmethod
    def of_collection(
        cls,
        collection: Collection,
        frameworks: Iterable[Framework] = (),
        catalogues: Iterable[Catalogue] = (),
    ) -> Context:
        """A context for checking a collection against itself plus outside catalogues."""
        return cls.build(frameworks, (*catalogues, *collection.catalogues), collection.all_practices())

    @functools.cached_property
    def extents(self) -> Mapping[str, Extent]:
        """Practice id → how far it reaches with its includes written out (worked out once)."""
        return extents(self.practices)

    def resolve(self, ref: str) -> Block:
        """The block a ``'owner/block'`` reference names; KeyError when it does not resolve.

        Its mappings name their framework (the owner's, where they name none): a claim written
        in a THL catalogue stays a THL claim in a practice of another framework that reuses it.
        """
        found = self._resolved.get(ref)
        if found is None:
            owner, name = split_ref(ref)
            block = self.blocks[owner][name]
            own = self.owner_framework(owner)
            found = self._resolved[ref] = block if own is None else retarget_block(block, own, None)
        return found

    def owner_framework(self, owner: str) -> str | None:
        """The default framework of a catalogue's or practice's blocks; None when not known."""
        found = self.owner_frameworks.get(owner)
        if found is None and owner in self.practices:
            return self.practices[owner].framework
        return found


@attrs.frozen
class ReferenceProblem:
    """Why a reuse or an include does not resolve: the problem in words, and the nearest existing ids."""

    message: Text
    #: What exists instead, as :func:`errors.nearest` words it (``"nearest: a, b"``).
    hint: str
    #: The message as a catalogue message (what the loader reports); None when made from a Text.
    said: Message | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def of(cls, said: Message, hint: str) -> ReferenceProblem:
        """The problem ``said`` (a catalogue message), with its text in every language."""
        fi, en, sv = (said.render(lang) for lang in LANGS)
        return cls(Text(fi=fi, en=en, sv=sv), hint, said)

    def described(self) -> Text:
        """The message with its hint in brackets, in every language the message has."""
        m = self.message
        return Text(
            fi=self._with_hint(m.fi, "fi"), en=self._with_hint(m.en, "en"), sv=self._with_hint(m.sv, "sv")
        )

    def _with_hint(self, text: str | None, lang: Lang) -> str | None:
        return None if text is None else f"{text} ({localize(self.hint, lang)})"


def reuse_problem(ref: str, context: Context) -> ReferenceProblem | None:
    """Why ``ref`` (``owner/block``) names no block in ``context``; None when it resolves.

    Raises:
        ValueError: when ``ref`` is not of the form ``owner/block`` (a ``Reuse`` never holds one).
    """
    owner, name = split_ref(ref)
    if owner not in context.blocks:
        return ReferenceProblem.of(
            msg("no catalogue or practice {owner} to reuse from", owner=repr(owner)),
            nearest(owner, context.blocks),
        )
    if name not in context.blocks[owner]:
        return ReferenceProblem.of(
            msg("{owner} has no block {name}", owner=repr(owner), name=repr(name)),
            nearest(name, context.blocks[owner]),
        )
    return None


def include_problem(practice_id: str, context: Context) -> ReferenceProblem | None:
    """Why ``include: practice_id`` names no practice in ``context``; None when the practice is known."""
    if practice_id in context.practices:
        return None
    return ReferenceProblem.of(
        msg("included practice {id} is not known", id=repr(practice_id)),
        nearest(practice_id, context.practices),
    )


def references_of(model: Practice | Project | Catalogue) -> Iterator[tuple[ReferenceKind, str]]:
    """Every (kind, id) a model names outside itself: included practices, reuse owners, frameworks."""
    practices: tuple[Practice, ...] = ()
    blocks: list[Block] = []
    if isinstance(model, Catalogue):
        yield "framework", model.framework
        blocks += model.blocks
    elif isinstance(model, Project):
        practices = model.practices
    else:
        practices = (model,)
    for practice in practices:
        yield "framework", practice.framework
        yield from (("framework", a.framework) for a in practice.answers if a.framework)
        for step in practice.steps:
            if isinstance(step, Include):
                yield "owner", step.include
            elif isinstance(step, Reuse):
                yield "owner", step.reuse.partition("/")[0]
            else:
                blocks.append(step)
    for block in blocks:
        yield from (("framework", m.framework) for b in block.walk() for m in b.mappings if m.framework)


def practice_reference_issues(practice: Practice, context: Context) -> list[Issue]:
    """Every unresolved reference of one practice, located relative to the practice."""
    issues: list[Issue] = []
    for i, step in enumerate(practice.steps):
        path: ModelPath = ("steps", i)
        if isinstance(step, Reuse):
            problem = reuse_problem(step.reuse, context)
            if problem is not None:
                issues.append(_issue((*path, "reuse"), problem))
        elif isinstance(step, Include):
            problem = include_problem(step.include, context)
            if problem is not None:
                issues.append(_issue((*path, "include"), problem))
            elif step.include == practice.id or _includes(context, step.include, practice.id):
                issues.append(
                    Issue(
                        (*path, "include"),
                        msg("including {id} here makes the practice include itself", id=repr(step.include)),
                    )
                )
        else:
            issues += block_mapping_issues(step, practice.framework, context.frameworks, path)
    too_far = overflow(practice, context.practices, context.extents)
    if too_far is not None:
        index, limit = too_far
        issues.append(Issue(("steps", index, "include"), *beyond_limit(limit)))
    issues += _answer_issues(practice, context.frameworks)
    return issues


def catalogue_reference_issues(catalogue: Catalogue, context: Context) -> list[Issue]:
    """Mapping targets of every block in a catalogue."""
    issues: list[Issue] = []
    for i, block in enumerate(catalogue.blocks):
        issues += block_mapping_issues(block, catalogue.framework, context.frameworks, ("blocks", i))
    return issues


def block_mapping_issues(
    block: Block, default_framework: str, frameworks: Mapping[str, Framework], path: ModelPath
) -> list[Issue]:
    """Mappings of a block (and its parts) to frameworks or elements that do not exist."""
    issues: list[Issue] = []
    for k, m in enumerate(block.mappings):
        fid = m.framework or default_framework
        here: ModelPath = (*path, "mappings", k)
        framework = frameworks.get(fid)
        if framework is None:
            where: ModelPath = (*here, "framework") if m.framework else here
            issues.append(
                Issue(where, msg("framework {id} is not known", id=repr(fid)), nearest(fid, frameworks))
            )
        elif m.target not in framework.element_ids():
            issues.append(
                Issue(
                    (*here, "target"),
                    msg(
                        "{framework} has no dimension or principle {target}",
                        framework=repr(framework.id),
                        target=repr(m.target),
                    ),
                    nearest(m.target, framework.element_ids()),
                )
            )
    for j, part in enumerate(block.parts):
        issues += block_mapping_issues(part, default_framework, frameworks, (*path, "parts", j))
    return issues


def _issue(path: ModelPath, problem: ReferenceProblem) -> Issue:
    """A reference problem as the loader reports it (a catalogue message, shown in the user's language)."""
    return Issue(path, problem.said if problem.said is not None else problem.message.get("en"), problem.hint)


def _includes(context: Context, start: str, goal: str) -> bool:
    """Whether practice ``start`` includes ``goal``, directly or through other practices."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        current = context.practices.get(todo.pop())
        if current is None or current.id in seen:
            continue
        seen.add(current.id)
        for step in current.steps:
            if isinstance(step, Include):
                if step.include == goal:
                    return True
                todo.append(step.include)
    return False


def _answer_issues(practice: Practice, frameworks: Mapping[str, Framework]) -> list[Issue]:
    issues: list[Issue] = []
    for i, answer in enumerate(practice.answers):
        fid = answer.framework or practice.framework
        framework = frameworks.get(fid)
        if framework is None:
            issues.append(
                Issue(
                    ("answers", i), msg("framework {id} is not known", id=repr(fid)), nearest(fid, frameworks)
                )
            )
            continue
        questions = [q.id for q in framework.questions]
        if answer.question not in questions:
            issues.append(
                Issue(
                    ("answers", i, "question"),
                    msg(
                        "{framework} has no question {question}",
                        framework=repr(fid),
                        question=repr(answer.question),
                    ),
                    nearest(answer.question, questions),
                )
            )
    return issues


def collection_reference_issues(collection: Collection, context: Context) -> list[Issue]:
    """Every unresolved reference in a collection, located from the collection's top."""
    issues: list[Issue] = []
    for i, p in enumerate(collection.practices):
        issues += [
            attrs.evolve(x, path=("practices", i, *x.path)) for x in practice_reference_issues(p, context)
        ]
    for j, project in enumerate(collection.projects):
        for i, p in enumerate(project.practices):
            issues += [
                attrs.evolve(x, path=("projects", j, "practices", i, *x.path))
                for x in practice_reference_issues(p, context)
            ]
    for i, c in enumerate(collection.catalogues):
        issues += [
            attrs.evolve(x, path=("catalogues", i, *x.path)) for x in catalogue_reference_issues(c, context)
        ]
    return issues
