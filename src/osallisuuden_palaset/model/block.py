"""Blocks (palaset): pieces of inclusion work, who takes part and what they claim."""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from osallisuuden_palaset.errors import ModelError, ModelPath
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.coerce import SINCE_V2, each, is_a, member, to_tuple
from osallisuuden_palaset.model.evidence import Evidence, to_evidence
from osallisuuden_palaset.model.ids import check_id, duplicate_issues
from osallisuuden_palaset.model.text import Text, optional_text, text
from osallisuuden_palaset.model.waivers import Waiver, to_waivers


class BlockKind(enum.StrEnum):
    """What sort of piece of work a block is."""

    ACTIVITY = "activity"
    METHOD = "method"
    TOOL = "tool"
    ROLE = "role"
    SPACE = "space"
    STEP = "step"


class Modality(enum.StrEnum):
    """How people take part."""

    IN_PERSON = "in_person"
    REMOTE = "remote"
    HYBRID = "hybrid"
    #: Outreach (jalkautuva): workers go where people are, e.g. streets, libraries, malls (version 2).
    OUTREACH = "outreach"


class Role(enum.StrEnum):
    """How a group takes part in a block, from being its object to leading it.

    The order is the order of the participants' voice: ``target`` means the group is
    only the object of the work; every later role gives the group a say.
    """

    #: Only the object of the work: things are done for or about them.
    TARGET = "target"
    #: Informed of what happens.
    INFORMED = "informed"
    #: Asked for views or experience (kuultu).
    CONSULTED = "consulted"
    #: Takes part actively, on their own terms.
    PARTICIPANT = "participant"
    #: Plans and develops the activity together with staff (yhteiskehittäjä).
    CO_DEVELOPER = "co_developer"
    #: Brings lived experience as an expert (kokemusasiantuntija) or peer supporter.
    PEER = "peer"
    #: Decides or leads.
    LEADER = "leader"
    #: Works in the block as staff: facilitator, instructor, professional.
    STAFF = "staff"
    #: Volunteer or partner organisation.
    PARTNER = "partner"

    @property
    def gives_voice(self) -> bool:
        """Whether a participant in this role has a say in the block."""
        return self in _VOICE


_VOICE = frozenset({Role.CONSULTED, Role.PARTICIPANT, Role.CO_DEVELOPER, Role.PEER, Role.LEADER})


def to_block_kind(value: BlockKind | str) -> BlockKind:
    """Converter: a BlockKind, or its value (``"method"``)."""
    return value if type(value) is BlockKind else member(BlockKind, value)


def to_modality(value: Modality | str | None) -> Modality | None:
    """Converter: a Modality, its value (``"remote"``) or None."""
    return value if value is None or type(value) is Modality else member(Modality, value)


def to_role(value: Role | str) -> Role:
    """Converter: a Role, or its value (``"participant"``)."""
    return value if type(value) is Role else member(Role, value)


class Strength(enum.StrEnum):
    """How strongly a block serves a framework element (documented in docs/model-files.md)."""

    #: The block touches the element; it is not what the block is for.
    WEAK = "weak"
    #: The block deliberately serves the element as one of its aims.
    MODERATE = "moderate"
    #: Serving the element is central to the block; the practice would lose it without the block.
    STRONG = "strong"

    @property
    def weight(self) -> int:
        """1, 2 or 3: the rank of the strength."""
        return {"weak": 1, "moderate": 2, "strong": 3}[self.value]


def to_strength(value: Strength | str) -> Strength:
    """Converter: a Strength, or its value (``"strong"``)."""
    return value if type(value) is Strength else member(Strength, value)


@attrs.frozen
class Participant:
    """A group that takes part in a block and the role it has there."""

    who: Text = attrs.field(converter=text)
    role: Role = attrs.field(converter=to_role)
    description: Text | None = attrs.field(default=None, converter=optional_text)


@attrs.frozen
class GroupSize:
    """How many people take part at once; either bound may be left open."""

    min: int | None = attrs.field(default=None, validator=is_a(int, optional=True))
    max: int | None = attrs.field(default=None, validator=is_a(int, optional=True))

    def __attrs_post_init__(self) -> None:
        for name in ("min", "max"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(
                    msg("group size {name} must be at least 1, not {value}", name=name, value=str(value))
                )
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                msg("group size min {min} is larger than max {max}", min=str(self.min), max=str(self.max))
            )


@attrs.frozen
class Mapping:
    """A claim that a block serves a framework element, with its strength and evidence."""

    #: A dimension, level or principle id of the framework.
    target: str = attrs.field(validator=check_id)
    strength: Strength = attrs.field(default=Strength.MODERATE, converter=to_strength)
    #: What the claim rests on: a text, or (version 2) a map of text, kind, source, url and date.
    evidence: Text | Evidence | None = attrs.field(default=None, converter=to_evidence)
    #: The framework the target belongs to; None means the framework of the practice or
    #: catalogue the block is written in (also where another practice reuses it).
    framework: str | None = attrs.field(default=None, validator=is_a(str, optional=True))


@attrs.frozen
class Block:
    """One piece of inclusion work (palanen): an activity, method, tool, role, space or step."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    kind: BlockKind = attrs.field(default=BlockKind.ACTIVITY, converter=to_block_kind)
    description: Text | None = attrs.field(default=None, converter=optional_text)
    participants: tuple[Participant, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(Participant)
    )
    modality: Modality | None = attrs.field(default=None, converter=to_modality)
    #: For remote and hybrid blocks: how remote participants take part.
    remote_participation: Text | None = attrs.field(default=None, converter=optional_text)
    group_size: GroupSize | None = attrs.field(default=None, validator=is_a(GroupSize, optional=True))
    duration: Text | None = attrs.field(default=None, converter=optional_text)
    mappings: tuple[Mapping, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Mapping))
    #: Smaller blocks this block is composed of.
    parts: tuple[Block, ...] = attrs.field(default=(), converter=to_tuple)
    #: Done by staff alone (gathering figures, reporting): participants are not expected to take
    #: part, but the practice should show how their views reach the step.
    organisational: bool = attrs.field(default=False, validator=is_a(bool), metadata=SINCE_V2)
    #: Checks that do not apply to this step: a map of check id to the reason.
    waive: tuple[Waiver, ...] = attrs.field(
        default=(), converter=to_waivers, validator=each(Waiver), metadata=SINCE_V2
    )

    @parts.validator
    def _check_parts(self, attribute: attrs.Attribute[tuple[Block, ...]], value: tuple[Block, ...]) -> None:
        _each_block(self, attribute, value)

    def __attrs_post_init__(self) -> None:
        issues = duplicate_issues((p.id for p in self.parts), ("parts",), "block")
        if issues:
            raise ModelError(issues)

    def walk(self) -> tuple[Block, ...]:
        """This block and all its parts, depth first."""
        return tuple(block for block, _ in self.walk_with_paths(()))

    def walk_with_paths(self, path: ModelPath) -> Iterator[tuple[Block, ModelPath]]:
        """This block (found at ``path``) and all its parts, depth first, each with its path."""
        todo: list[tuple[Block, ModelPath]] = [(self, path)]
        while todo:
            block, here = todo.pop()
            yield block, here
            todo.extend((part, (*here, "parts", j)) for j, part in reversed(list(enumerate(block.parts))))


_each_block = each(Block)


def retarget_block(block: Block, own: str, framework: str | None) -> Block:
    """``block`` (written where ``own`` is the default framework) moved where ``framework`` is.

    Every mapping keeps its meaning: it names its framework unless that is ``framework``;
    with ``framework`` None, every mapping names its framework.
    """
    mappings = tuple(
        attrs.evolve(m, framework=relative_framework(m.framework or own, framework)) for m in block.mappings
    )
    parts = tuple(retarget_block(p, own, framework) for p in block.parts)
    if mappings == block.mappings and parts == block.parts:
        return block
    return attrs.evolve(block, mappings=mappings, parts=parts)


def relative_framework(effective: str, framework: str | None) -> str | None:
    """How a mapping names ``effective`` where ``framework`` is the default: not at all when the same."""
    return None if effective == framework else effective
