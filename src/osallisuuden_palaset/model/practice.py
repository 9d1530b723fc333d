"""Practices (toimintamallit): blocks composed into a documented flow."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Sequence

import attrs

from osallisuuden_palaset.errors import Issue, ModelError, nearest
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.coerce import SINCE_V2, each, is_a, member, to_date, to_tuple
from osallisuuden_palaset.model.flow import Flow, FlowKind, find_cycle, order, reaches, successors
from osallisuuden_palaset.model.ids import check_id, duplicate_issues, split_ref
from osallisuuden_palaset.model.target_group import TargetGroup, to_target_group
from osallisuuden_palaset.model.text import Text, optional_text, text
from osallisuuden_palaset.model.waivers import Waiver, to_waivers


def _check_ref(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _is_text(instance, attribute, value)
    split_ref(value)


_is_text = is_a(str)
_optional_text = is_a(str, optional=True)
_texts = each(str)


@attrs.frozen
class Reuse:
    """A step that reuses a block from a catalogue or another practice, by reference."""

    id: str = attrs.field(validator=check_id)
    #: ``'owner/block'``: a catalogue id or practice id, then the block's id there.
    reuse: str = attrs.field(validator=_check_ref)
    #: Optional local name; the reused block's own name is used otherwise.
    name: Text | None = attrs.field(default=None, converter=optional_text)
    #: How this practice adapts the reused block.
    note: Text | None = attrs.field(default=None, converter=optional_text)
    #: Checks that do not apply to this step: a map of check id to the reason.
    waive: tuple[Waiver, ...] = attrs.field(
        default=(), converter=to_waivers, validator=each(Waiver), metadata=SINCE_V2
    )


@attrs.frozen
class Include:
    """A step that is a whole other practice."""

    id: str = attrs.field(validator=check_id)
    #: The included practice's id.
    include: str = attrs.field(validator=check_id)
    name: Text | None = attrs.field(default=None, converter=optional_text)
    note: Text | None = attrs.field(default=None, converter=optional_text)
    #: Checks that do not apply to this step: a map of check id to the reason.
    waive: tuple[Waiver, ...] = attrs.field(
        default=(), converter=to_waivers, validator=each(Waiver), metadata=SINCE_V2
    )


#: A step of a practice: a block written out, a reused block, or an included practice.
Step = Block | Reuse | Include


@attrs.frozen
class Phase:
    """A named group of steps (shown as a cluster in diagrams)."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    steps: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_texts)


class IndicatorLevel(enum.StrEnum):
    """Whose change an indicator measures."""

    #: Each participant's own change (a survey score).
    INDIVIDUAL = "individual"
    #: A unit, group or service (e.g. how many take part).
    UNIT = "unit"
    #: An area: a municipality, region or wellbeing services county.
    AREA = "area"


def to_indicator_level(value: IndicatorLevel | str | None) -> IndicatorLevel | None:
    """Converter: an IndicatorLevel, its value (``"area"``) or None."""
    return value if value is None or type(value) is IndicatorLevel else member(IndicatorLevel, value)


@attrs.frozen
class Indicator:
    """How an intended outcome is measured."""

    description: Text = attrs.field(converter=text)
    #: Where the figure comes from, e.g. a survey instrument ("esis") or a register.
    source: str | None = attrs.field(default=None, validator=_optional_text)
    target: Text | None = attrs.field(default=None, converter=optional_text)
    #: The level at the start, which the target is compared with.
    baseline: Text | None = attrs.field(default=None, converter=optional_text, metadata=SINCE_V2)
    #: Whose change is measured: individual, unit or area.
    level: IndicatorLevel | None = attrs.field(default=None, converter=to_indicator_level, metadata=SINCE_V2)
    #: How often it is measured, e.g. "yearly" or "at the start and the end".
    frequency: Text | None = attrs.field(default=None, converter=optional_text, metadata=SINCE_V2)


@attrs.frozen
class Outcome:
    """An intended outcome (tavoiteltu muutos) with its indicators."""

    id: str = attrs.field(validator=check_id)
    description: Text = attrs.field(converter=text)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Indicator))
    #: The steps that lead to it (the theory of change: steps → outcome → indicators).
    steps: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_texts, metadata=SINCE_V2)


class AnswerStatus(enum.StrEnum):
    """How far the answer to a guiding question is."""

    OPEN = "open"
    DRAFT = "draft"
    ANSWERED = "answered"


def to_answer_status(value: AnswerStatus | str) -> AnswerStatus:
    """Converter: an AnswerStatus, or its value (``"draft"``)."""
    return value if type(value) is AnswerStatus else member(AnswerStatus, value)


@attrs.frozen
class Answer:
    """An answer to one guiding question of a framework."""

    question: str = attrs.field(validator=check_id)
    status: AnswerStatus = attrs.field(default=AnswerStatus.ANSWERED, converter=to_answer_status)
    text: Text | None = attrs.field(default=None, converter=optional_text)
    #: The steps the answer concerns.
    steps: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_texts)
    #: The framework of the question; None means the practice's own framework.
    framework: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen
class Description:
    """Innokylä's description fields of a practice (all optional)."""

    #: Ratkaisun perusidea.
    basic_idea: Text | None = attrs.field(default=None, converter=optional_text)
    #: Toimintaympäristö.
    environment: Text | None = attrs.field(default=None, converter=optional_text)
    #: Kohderyhmä ja asiakasymmärrys: a text, or (version 2) a map of text, ages and criteria.
    target_group: Text | TargetGroup | None = attrs.field(default=None, converter=to_target_group)
    #: Toimivuuden ja käyttöönoton ehdot (where palaset describe implementation).
    implementation: Text | None = attrs.field(default=None, converter=optional_text)
    #: Toteutuspaikka.
    location: Text | None = attrs.field(default=None, converter=optional_text)
    municipality: Text | None = attrs.field(default=None, converter=optional_text)
    region: Text | None = attrs.field(default=None, converter=optional_text)
    #: Hyvinvointialue.
    wellbeing_county: Text | None = attrs.field(default=None, converter=optional_text)
    #: Rahoittaja.
    funder: Text | None = attrs.field(default=None, converter=optional_text)
    #: Kokonaisuus the practice belongs to on Innokylä.
    collection: Text | None = attrs.field(default=None, converter=optional_text)
    authors: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_texts)
    created: dt.date | None = attrs.field(default=None, converter=to_date)
    modified: dt.date | None = attrs.field(default=None, converter=to_date)
    attachments: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_texts)


@attrs.frozen
class DevelopmentPath:
    """Innokylä's development path (kehittämisen polku): understand, imagine and try, describe."""

    #: Tarpeet (oivalla ja ymmärrä).
    needs: Text | None = attrs.field(default=None, converter=optional_text)
    #: Tavoiteltu muutos.
    intended_change: Text | None = attrs.field(default=None, converter=optional_text)
    #: Muutoksen mittaaminen.
    measuring_change: Text | None = attrs.field(default=None, converter=optional_text)
    #: Yhteiskehittäminen.
    co_development: Text | None = attrs.field(default=None, converter=optional_text)
    #: Arviointi lyhyesti.
    evaluation: Text | None = attrs.field(default=None, converter=optional_text)
    #: Oivalla ja ymmärrä: what was found out about the need and the people, and how.
    understand: Text | None = attrs.field(default=None, converter=optional_text, metadata=SINCE_V2)
    #: Kuvittele ja kokeile: what was imagined and tried out, with whom.
    imagine_and_try: Text | None = attrs.field(default=None, converter=optional_text, metadata=SINCE_V2)
    #: Kuvaa ja jaa: how the practice was described and shared with others.
    describe_and_share: Text | None = attrs.field(default=None, converter=optional_text, metadata=SINCE_V2)


@attrs.frozen
class Variant:
    """A variant of a practice: the same practice run elsewhere or in another way."""

    #: The variant's name, e.g. "in a school" or "as individual work".
    name: Text = attrs.field(converter=text)
    #: What is different in this variant.
    differs: Text = attrs.field(converter=text)


@attrs.frozen
class Resource:
    """A resource or material a practice needs: a tool, a space, images, sounds, scents."""

    name: Text = attrs.field(converter=text)
    description: Text | None = attrs.field(default=None, converter=optional_text)
    #: The steps that use it; none means the whole practice.
    steps: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_texts)


@attrs.frozen
class Practice:
    """A named, documented composition of steps with a flow between them (toimintamalli)."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    #: Lyhyt kuvaus.
    summary: Text | None = attrs.field(default=None, converter=optional_text)
    #: The framework the steps' mappings refer to by default.
    framework: str = attrs.field(default="thl", validator=check_id)
    steps: tuple[Step, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each((Block, Reuse, Include))
    )
    flows: tuple[Flow, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Flow))
    phases: tuple[Phase, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Phase))
    outcomes: tuple[Outcome, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Outcome))
    answers: tuple[Answer, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Answer))
    description: Description = attrs.field(factory=Description, validator=is_a(Description))
    development: DevelopmentPath = attrs.field(factory=DevelopmentPath, validator=is_a(DevelopmentPath))
    keywords: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_texts)
    #: The organisation that develops and runs the practice (for a practice of no project).
    organisation: Text | None = attrs.field(default=None, converter=optional_text, metadata=SINCE_V2)
    #: The address of the practice's page on Innokylä.
    innokyla: str | None = attrs.field(default=None, validator=_optional_text, metadata=SINCE_V2)
    #: Ways the practice is run in different places or forms.
    variants: tuple[Variant, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(Variant), metadata=SINCE_V2
    )
    #: Resources and materials the practice needs.
    resources: tuple[Resource, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(Resource), metadata=SINCE_V2
    )

    def __attrs_post_init__(self) -> None:
        issues = practice_issues(self)
        if issues:
            raise ModelError(issues)

    def step(self, ident: str) -> Step:
        """The step with id ``ident``; KeyError when absent."""
        for s in self.steps:
            if s.id == ident:
                return s
        raise KeyError(ident)

    @property
    def step_ids(self) -> tuple[str, ...]:
        """Ids of the steps in the order written."""
        return tuple(s.id for s in self.steps)

    def ordered_steps(self) -> tuple[Step, ...]:
        """Steps in flow order (forward links; written order breaks ties)."""
        by_id = {s.id: s for s in self.steps}
        return tuple(by_id[i] for i in order(self.step_ids, self.flows))

    def blocks(self) -> Iterator[Block]:
        """Every block written out in this practice, parts included (not reused or included ones)."""
        for s in self.steps:
            if isinstance(s, Block):
                yield from s.walk()

    def entries(self) -> tuple[str, ...]:
        """Steps no forward link leads into."""
        targets = {f.target for f in self.flows if f.kind is not FlowKind.LOOP_BACK}
        return tuple(i for i in self.step_ids if i not in targets)

    def exits(self) -> tuple[str, ...]:
        """Steps no forward link leaves."""
        sources = {f.source for f in self.flows if f.kind is not FlowKind.LOOP_BACK}
        return tuple(i for i in self.step_ids if i not in sources)


def practice_issues(practice: Practice) -> list[Issue]:
    """Every broken invariant inside one practice (references to other files are checked elsewhere)."""
    return (
        flow_issues(
            practice.step_ids,
            practice.flows,
            practice.phases,
            [o.id for o in practice.outcomes],
            practice.answers,
        )
        + resource_issues(practice)
        + outcome_step_issues(practice)
    )


def flow_issues(
    step_ids: Sequence[str | None],
    flows: Sequence[Flow | None],
    phases: Sequence[Phase | None] = (),
    outcome_ids: Sequence[str | None] = (),
    answers: Sequence[Answer | None] = (),
) -> list[Issue]:
    """The invariants of a practice, checked on its parts.

    ``None`` marks a part that could not be read (the loader checks the rest of a broken
    file this way); it keeps the other parts' indices and takes part in no check.
    """
    issues = duplicate_issues(step_ids, ("steps",), "step")
    ids = {i for i in step_ids if i is not None}
    order_ids = [i for i in step_ids if i is not None]
    known = sorted(ids)
    for i, f in enumerate(flows):
        if f is None:
            continue
        for end in ("source", "target"):
            ident = getattr(f, end)
            if ident not in ids:
                issues.append(
                    Issue(
                        ("flows", i, end),
                        (
                            msg("flow source {id} is not a step of this practice", id=repr(ident))
                            if end == "source"
                            else msg("flow target {id} is not a step of this practice", id=repr(ident))
                        ),
                        nearest(ident, known),
                    )
                )
    valid = [(i, f) for i, f in enumerate(flows) if f is not None and f.source in ids and f.target in ids]
    valid_flows = [f for _, f in valid]
    cycle = find_cycle(order_ids, valid_flows)
    if cycle is not None:
        issues.append(
            Issue(
                ("flows",),
                msg("the flow has a cycle: {steps}", steps=" → ".join(cycle)),
                msg("mark the link that goes back with 'kind: loop_back'"),
            )
        )
    else:
        forward = successors(valid_flows)
        for i, f in valid:
            if f.kind is FlowKind.LOOP_BACK and not reaches(forward, f.target, f.source):
                issues.append(
                    Issue(
                        ("flows", i, "kind"),
                        msg(
                            "loop_back from {source} to {target} does not go back to an earlier step",
                            source=repr(f.source),
                            target=repr(f.target),
                        ),
                        msg("use 'sequence' for a forward link"),
                    )
                )
    issues += _join_and_choice_issues(valid)
    issues += duplicate_issues((p.id if p else None for p in phases), ("phases",), "phase")
    placed: dict[str, str] = {}
    for i, phase in enumerate(phases):
        for j, step in enumerate(phase.steps if phase else ()):
            if step not in ids:
                issues.append(
                    Issue(
                        ("phases", i, "steps", j),
                        msg("phase step {id} is not a step of this practice", id=repr(step)),
                        nearest(step, known),
                    )
                )
            elif step in placed:
                issues.append(
                    Issue(
                        ("phases", i, "steps", j),
                        msg("step {id} is already in phase {phase}", id=repr(step), phase=repr(placed[step])),
                    )
                )
            elif phase is not None:
                placed[step] = phase.id
    issues += duplicate_issues(outcome_ids, ("outcomes",), "outcome")
    seen_answers: set[tuple[str | None, str]] = set()
    for i, answer in enumerate(answers):
        if answer is None:
            continue
        for j, step in enumerate(answer.steps):
            if step not in ids:
                issues.append(
                    Issue(
                        ("answers", i, "steps", j),
                        msg("answer step {id} is not a step of this practice", id=repr(step)),
                        nearest(step, known),
                    )
                )
        key = (answer.framework, answer.question)
        if key in seen_answers:
            issues.append(
                Issue(
                    ("answers", i, "question"),
                    msg("question {id} is answered twice", id=repr(answer.question)),
                )
            )
        seen_answers.add(key)
    return issues


def _join_and_choice_issues(flows: Sequence[tuple[int, Flow]]) -> list[Issue]:
    """``wait`` only into a join and the same on every link into it; ``choose`` only on optional
    links and the same on every optional link from one step."""
    issues: list[Issue] = []
    into: dict[str, int] = {}
    for _, f in flows:
        if f.kind is not FlowKind.LOOP_BACK:
            into[f.target] = into.get(f.target, 0) + 1
    waits: dict[str, str] = {}
    chosen: dict[str, str] = {}
    for i, f in flows:
        if f.wait is not None:
            if into.get(f.target, 0) < 2:
                issues.append(
                    Issue(
                        ("flows", i, "wait"),
                        msg("only one link leads into {id}: there is nothing to wait for", id=repr(f.target)),
                        msg("write 'wait' on links into a step that several links lead into"),
                    )
                )
            elif waits.setdefault(f.target, f.wait.value) != f.wait.value:
                issues.append(
                    Issue(
                        ("flows", i, "wait"),
                        msg(
                            "the links into {id} say both 'wait: {first}' and 'wait: {second}'",
                            id=repr(f.target),
                            first=waits[f.target],
                            second=f.wait.value,
                        ),
                    )
                )
        if f.choose is not None:
            if f.kind is not FlowKind.OPTIONAL:
                issues.append(
                    Issue(
                        ("flows", i, "choose"),
                        msg("'choose' is for optional links, not {kind} ones", kind=f.kind.value),
                        msg("add 'kind: optional' or leave 'choose' out"),
                    )
                )
            elif chosen.setdefault(f.source, f.choose.value) != f.choose.value:
                issues.append(
                    Issue(
                        ("flows", i, "choose"),
                        msg(
                            "the optional links from {id} say both 'choose: {first}' and 'choose: {second}'",
                            id=repr(f.source),
                            first=chosen[f.source],
                            second=f.choose.value,
                        ),
                    )
                )
    return issues


def resource_issues(practice: Practice) -> list[Issue]:
    """Resources name steps of the practice."""
    known = sorted(practice.step_ids)
    return [
        Issue(
            ("resources", i, "steps", j),
            msg("resource step {id} is not a step of this practice", id=repr(step)),
            nearest(step, known),
        )
        for i, resource in enumerate(practice.resources)
        for j, step in enumerate(resource.steps)
        if step not in practice.step_ids
    ]


def outcome_step_issues(practice: Practice) -> list[Issue]:
    """Outcomes name steps of the practice as the ones leading to them."""
    known = sorted(practice.step_ids)
    return [
        Issue(
            ("outcomes", i, "steps", j),
            msg("outcome step {id} is not a step of this practice", id=repr(step)),
            nearest(step, known),
        )
        for i, outcome in enumerate(practice.outcomes)
        for j, step in enumerate(outcome.steps)
        if step not in practice.step_ids
    ]
