"""What an assessment finds: coverage with its evidence, verdicts, findings, criteria and the appendix."""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from osallisuuden_palaset.errors import ModelPath
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.block import Strength, to_strength
from osallisuuden_palaset.model.coerce import each, is_a, member, one_of, to_tuple
from osallisuuden_palaset.model.ids import check_id
from osallisuuden_palaset.model.text import Text, optional_text, text


class Severity(enum.StrEnum):
    """How serious a finding is; ``rank`` orders them (info < warning < error)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0, 1 or 2."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


def to_severity(value: Severity | str) -> Severity:
    """Converter: a Severity, or its value (``"error"``)."""
    return value if type(value) is Severity else member(Severity, value)


_text = is_a(str)
_optional_text = is_a(str, optional=True)
_texts = each(str)
#: A path inside a document: keys and list indices.
_path = each((str, int))


@attrs.frozen
class Finding:
    """One thing a check found in a practice, where it is defined and what to do about it."""

    #: The id of the check that found it.
    check: str = attrs.field(validator=_text)
    severity: Severity = attrs.field(converter=to_severity)
    message: Text = attrs.field(converter=text)
    #: "FILE:LINE" where the thing is defined, when the practice came from a file.
    location: str | None = attrs.field(default=None, validator=_optional_text)
    #: Where inside the practice document, e.g. ("steps", 2, "participants").
    path: ModelPath = attrs.field(default=(), converter=to_tuple, validator=_path)
    suggestion: Text | None = attrs.field(default=None, converter=optional_text)
    #: The practice the finding is about.
    practice: str | None = attrs.field(default=None, validator=_optional_text)
    #: Why the step waives the check (its ``waive``); reports show the reason instead of the message.
    waived: Text | None = attrs.field(default=None, converter=optional_text)


class ElementKind(enum.StrEnum):
    """Which kind of framework element a coverage row is about."""

    DIMENSION = "dimension"
    PRINCIPLE = "principle"


class Origin(enum.StrEnum):
    """Where a claim comes from, seen from the practice being assessed."""

    #: A block written out in the practice.
    OWN = "own"
    #: A block reused by reference from a catalogue or another practice.
    REUSED = "reused"
    #: A block of another practice included as a step.
    INCLUDED = "included"


def to_element_kind(value: ElementKind | str) -> ElementKind:
    """Converter: an ElementKind, or its value (``"principle"``)."""
    return value if type(value) is ElementKind else member(ElementKind, value)


def to_origin(value: Origin | str) -> Origin:
    """Converter: an Origin, or its value (``"reused"``)."""
    return value if type(value) is Origin else member(Origin, value)


@attrs.frozen
class Claim:
    """One block's claim that it serves a framework element, as the coverage rules see it."""

    #: The dimension or principle the block's mapping targets.
    element: str = attrs.field(validator=_text)
    #: The practice whose step makes the claim.
    practice: str = attrs.field(validator=_text)
    #: The id of the practice's step the claim comes through.
    step: str = attrs.field(validator=_text)
    #: The id of the block that makes the claim (the step itself, a part of it, or a reused block).
    block: str = attrs.field(validator=_text)
    block_name: Text = attrs.field(converter=text)
    strength: Strength = attrs.field(converter=to_strength)
    evidence: Text | None = attrs.field(default=None, converter=optional_text)
    origin: Origin = attrs.field(default=Origin.OWN, converter=to_origin)
    #: "owner/block" for a reused block, the included practice's id for an included one.
    source: str | None = attrs.field(default=None, validator=_optional_text)
    #: Where the claim is written, relative to ``practice`` (for a reused block: the reuse step).
    path: ModelPath = attrs.field(default=(), converter=to_tuple, validator=_path)
    #: The written claim: (owner, block, index) — the practice or catalogue the block is written
    #: in, the block's id there, the mapping's index in it. The same for every step and practice
    #: reusing or including it, so that coverage counts it once; None when not known.
    written_at: tuple[str, str, int] | None = attrs.field(
        default=None, validator=each((str, int), optional=True)
    )

    @property
    def has_evidence(self) -> bool:
        """Whether the claim gives its evidence."""
        return self.evidence is not None


class Level(enum.StrEnum):
    """A coverage verdict for one element; the rules are in docs/assessment.md."""

    #: At least one strong claim with evidence, or at least two moderate-or-strong ones with evidence.
    COVERED = "covered"
    #: At least one claim with evidence, but not enough for ``covered``.
    TOUCHED = "touched"
    #: Claimed, but no claim gives evidence.
    UNSUPPORTED = "unsupported"
    #: No block claims it.
    NOT_CLAIMED = "not_claimed"

    @property
    def rank(self) -> int:
        """3 for covered down to 0 for not claimed."""
        return {"covered": 3, "touched": 2, "unsupported": 1, "not_claimed": 0}[self.value]


def to_level(value: Level | str) -> Level:
    """Converter: a Level, or its value (``"covered"``)."""
    return value if type(value) is Level else member(Level, value)


@attrs.frozen
class Verdict:
    """A level and the rule that gave it, in words."""

    level: Level = attrs.field(converter=to_level)
    reason: Text = attrs.field(converter=text)


@attrs.frozen
class ElementCoverage:
    """Coverage of one dimension or principle: who claims it, how strongly, on what evidence."""

    element: str = attrs.field(validator=_text)
    kind: ElementKind = attrs.field(converter=to_element_kind)
    name: Text = attrs.field(converter=text)
    #: The dimension a principle belongs to (a dimension's own id for a dimension).
    dimension: str = attrs.field(validator=_text)
    claims: tuple[Claim, ...] = attrs.field(converter=to_tuple, validator=each(Claim))
    verdict: Verdict = attrs.field(validator=is_a(Verdict))

    @property
    def evidenced(self) -> tuple[Claim, ...]:
        """The claims that give evidence."""
        return tuple(c for c in self.claims if c.has_evidence)

    @property
    def strongest(self) -> Strength | None:
        """The strongest claimed strength, or None when unclaimed."""
        return max((c.strength for c in self.claims), key=lambda s: s.weight, default=None)


@attrs.frozen
class Coverage:
    """Coverage of a practice, project or collection against one framework."""

    #: "practice", "project" or "collection".
    subject_kind: str = attrs.field(validator=one_of(("practice", "project", "collection")))
    subject: str = attrs.field(validator=_text)
    framework: str = attrs.field(validator=_text)
    dimensions: tuple[ElementCoverage, ...] = attrs.field(converter=to_tuple, validator=each(ElementCoverage))
    principles: tuple[ElementCoverage, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(ElementCoverage)
    )
    #: Practices whose claims were counted.
    practices: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_texts)

    def rows(self) -> Iterator[ElementCoverage]:
        """Dimensions first, then principles."""
        yield from self.dimensions
        yield from self.principles

    def element(self, ident: str) -> ElementCoverage:
        """The row for a dimension or principle id; KeyError when absent."""
        for row in self.rows():
            if row.element == ident:
                return row
        raise KeyError(ident)

    @property
    def unclaimed_principles(self) -> tuple[str, ...]:
        """Ids of principles no block claims."""
        return tuple(r.element for r in self.principles if not r.claims)

    @property
    def claims_without_evidence(self) -> tuple[Claim, ...]:
        """Every claim (counted once) that gives no evidence."""
        seen: dict[tuple[str, str, str, ModelPath], Claim] = {}
        for row in self.rows():
            for c in row.claims:
                if not c.has_evidence and c.element == row.element:
                    seen.setdefault((c.practice, c.step, c.element, c.path), c)
        return tuple(seen.values())


class Rating(enum.StrEnum):
    """A traffic-light rating of one criterion."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


def to_rating(value: Rating | str | None) -> Rating | None:
    """Converter: a Rating, its value (``"green"``) or None."""
    return value if value is None or type(value) is Rating else member(Rating, value)


@attrs.frozen
class Criterion:
    """One criterion of a criteria set; ``rule`` names how the library rates it (None: by hand)."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    question: Text = attrs.field(converter=text)
    #: A rule from docs/assessment.md ("target_group", "participant_voice", …); None: rated by a person.
    rule: str | None = attrs.field(default=None, validator=_optional_text)
    green: Text | None = attrs.field(default=None, converter=optional_text)
    yellow: Text | None = attrs.field(default=None, converter=optional_text)
    red: Text | None = attrs.field(default=None, converter=optional_text)


@attrs.frozen
class CriteriaSet:
    """A set of criteria an evaluation appendix rates, registered through ``register_criteria``."""

    id: str = attrs.field(validator=check_id)
    name: Text = attrs.field(converter=text)
    criteria: tuple[Criterion, ...] = attrs.field(converter=to_tuple, validator=each(Criterion))
    source: str | None = attrs.field(default=None, validator=_optional_text)
    description: Text | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        ids = [c.id for c in self.criteria]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(
                msg(
                    "criteria set {id} has duplicate criterion ids: {ids}",
                    id=repr(self.id),
                    ids=", ".join(dupes),
                )
            )


@attrs.frozen
class CriterionRating:
    """The rating of one criterion (None when a person must rate it) and the reason."""

    criterion: str = attrs.field(validator=_text)
    name: Text = attrs.field(converter=text)
    rating: Rating | None = attrs.field(converter=to_rating)
    reason: Text = attrs.field(converter=text)


@attrs.frozen
class QuestionStatus:
    """How far one guiding question is answered in a practice."""

    question: str = attrs.field(validator=_text)
    text: Text = attrs.field(converter=text)
    #: "open", "draft" or "answered"; "missing" when the practice has no answer entry.
    status: str = attrs.field(validator=one_of(("open", "draft", "answered", "missing")))
    answer: Text | None = attrs.field(default=None, converter=optional_text)
    steps: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_texts)
    dimension: str | None = attrs.field(default=None, validator=_optional_text)
    principle: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen
class EvaluationAppendix:
    """The evaluation appendix (arviointiliite) of one practice against one framework."""

    practice: str = attrs.field(validator=_text)
    practice_name: Text = attrs.field(converter=text)
    framework: str = attrs.field(validator=_text)
    framework_name: Text = attrs.field(converter=text)
    coverage: Coverage = attrs.field(validator=is_a(Coverage))
    criteria_set: str | None = attrs.field(default=None, validator=_optional_text)
    criteria_name: Text | None = attrs.field(default=None, converter=optional_text)
    ratings: tuple[CriterionRating, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(CriterionRating)
    )
    questions: tuple[QuestionStatus, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(QuestionStatus)
    )
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple, validator=each(Finding))

    @property
    def dimensions(self) -> tuple[ElementCoverage, ...]:
        """Verdict and evidence per dimension."""
        return self.coverage.dimensions

    @property
    def principles(self) -> tuple[ElementCoverage, ...]:
        """Verdict and evidence per principle."""
        return self.coverage.principles

    @property
    def unanswered(self) -> tuple[QuestionStatus, ...]:
        """Questions without an answer marked answered."""
        return tuple(q for q in self.questions if q.status != "answered")
