"""Target groups written out: an age range, criteria and a free text."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.messages.labels import label
from osallisuuden_palaset.messages.text import LANGS, Lang
from osallisuuden_palaset.model.coerce import describe, is_a
from osallisuuden_palaset.model.text import Text, TextLike, optional_text, texts, with_details

#: The oldest age an age range may name.
MAX_AGE = 150


@attrs.frozen
class AgeRange:
    """The ages a practice is for, in years; either end may be open. In a file also `16–29`."""

    min: int | None = attrs.field(default=None, validator=is_a(int, optional=True))
    max: int | None = attrs.field(default=None, validator=is_a(int, optional=True))

    def __attrs_post_init__(self) -> None:
        for name in ("min", "max"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= MAX_AGE:
                raise ValueError(
                    msg(
                        "age {name} must be between 0 and {most}, not {value}",
                        name=name,
                        most=str(MAX_AGE),
                        value=str(value),
                    )
                )
        if self.min is None and self.max is None:
            raise ValueError(msg("an age range needs min, max or both"))
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                msg("age min {min} is larger than max {max}", min=str(self.min), max=str(self.max))
            )

    def __str__(self) -> str:
        return f"{'' if self.min is None else self.min}–{'' if self.max is None else self.max}"


def _criteria(values: Iterable[TextLike]) -> tuple[Text, ...]:
    if isinstance(values, str | Text) or not isinstance(values, Iterable):
        raise TypeError(
            msg("TargetGroup.criteria must be a list of texts, not {what}", what=describe(values))
        )
    return texts(values)


@attrs.frozen
class TargetGroup:
    """Whom a practice is for, written out: ages, criteria for taking part, and a free text."""

    #: Whom the practice is for and what is known of them, in words.
    text: Text | None = attrs.field(default=None, converter=optional_text)
    #: The ages, e.g. `16–29`, or a map of min and max.
    ages: AgeRange | None = attrs.field(default=None, validator=is_a(AgeRange, optional=True))
    #: Who belongs to the group, one criterion an item, e.g. "outside education and work".
    criteria: tuple[Text, ...] = attrs.field(default=(), converter=_criteria)

    def __attrs_post_init__(self) -> None:
        if self.text is None and self.ages is None and not self.criteria:
            raise ValueError(msg("a target group needs text, ages or criteria"))


def to_target_group(value: TargetGroup | TextLike | None) -> TargetGroup | Text | None:
    """Converter: a target group written out as it is; a plain text (or string) as a Text; None."""
    return value if value is None or isinstance(value, TargetGroup) else optional_text(value)


def target_group_text(group: TargetGroup | Text | None) -> Text | None:
    """A target group as one text in every language: its text, then its ages and criteria."""
    if group is None or isinstance(group, Text):
        return group
    return Text(**{lang: _said(group, lang) for lang in LANGS})


def _said(group: TargetGroup, lang: Lang) -> str:
    details = [f"{label('ages', lang)}: {group.ages}"] if group.ages is not None else []
    if group.criteria:
        details.append(f"{label('target_criteria', lang)}: {', '.join(c.get(lang) for c in group.criteria)}")
    return with_details(group.text.get(lang) if group.text is not None else None, details)
