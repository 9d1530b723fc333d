"""Evidence for a claim: a plain text, or its kind, source, address and date written out."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.messages.text import LANGS, Lang
from osallisuuden_palaset.model.coerce import is_a, member, to_date
from osallisuuden_palaset.model.text import Text, TextLike, optional_text, with_details


class EvidenceKind(enum.StrEnum):
    """What sort of evidence a claim rests on."""

    #: What participants said or wrote about the activity (feedback, a survey).
    PARTICIPANT_FEEDBACK = "participant_feedback"
    #: An evaluation: an evaluation report, a thesis, a study.
    EVALUATION = "evaluation"
    #: What staff or others observed in the activity.
    OBSERVATION = "observation"
    #: A document: a plan, a report, minutes.
    DOCUMENT = "document"


def to_evidence_kind(value: EvidenceKind | str | None) -> EvidenceKind | None:
    """Converter: an EvidenceKind, its value (``"observation"``) or None."""
    return value if value is None or type(value) is EvidenceKind else member(EvidenceKind, value)


@attrs.frozen
class Evidence:
    """Evidence for a claim written out: what it shows, its kind, where it is and when it is from."""

    #: What the evidence shows, in a sentence or two.
    text: Text | None = attrs.field(default=None, converter=optional_text)
    kind: EvidenceKind | None = attrs.field(default=None, converter=to_evidence_kind)
    #: Where the evidence comes from, e.g. the title of a report or "feedback forms 2021".
    source: Text | None = attrs.field(default=None, converter=optional_text)
    #: A web address where the evidence can be read.
    url: str | None = attrs.field(default=None, validator=is_a(str, optional=True))
    #: When the evidence was gathered or published.
    date: dt.date | None = attrs.field(default=None, converter=to_date)

    def __attrs_post_init__(self) -> None:
        if self.text is None and self.source is None and self.url is None:
            raise ValueError(msg("evidence needs at least one of text, source or url"))


def to_evidence(value: Evidence | TextLike | None) -> Evidence | Text | None:
    """Converter: evidence written out as it is; a plain text (or string) as a Text; None."""
    return value if value is None or isinstance(value, Evidence) else optional_text(value)


def evidence_text(evidence: Evidence | Text | None) -> Text | None:
    """Evidence as one text in every language: its text, then its kind, source, date and address."""
    if evidence is None or isinstance(evidence, Text):
        return evidence
    return Text(**{lang: _said(evidence, lang) for lang in LANGS})


def has_source(evidence: Evidence | Text | None) -> bool:
    """Whether the evidence says where it can be checked (a source or an address)."""
    return isinstance(evidence, Evidence) and (evidence.source is not None or evidence.url is not None)


def _said(evidence: Evidence, lang: Lang) -> str:
    details = [value_label(evidence.kind, lang)] if evidence.kind is not None else []
    details += [evidence.source.get(lang)] if evidence.source is not None else []
    details += [evidence.date.isoformat()] if evidence.date is not None else []
    details += [evidence.url] if evidence.url is not None else []
    return with_details(evidence.text.get(lang) if evidence.text is not None else None, details)
