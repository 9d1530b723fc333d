"""Waivers: a step exempted from one check, with the reason a report shows instead of the finding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from osallisuuden_palaset.model.coerce import to_tuple
from osallisuuden_palaset.model.ids import check_id
from osallisuuden_palaset.model.text import Text, text


@attrs.frozen
class Waiver:
    """A step's exemption from one check, and why."""

    #: The id of the check waived, e.g. `participant-voice`.
    check: str = attrs.field(validator=check_id)
    #: Why the check does not apply to this step; reports show it instead of the finding.
    reason: Text = attrs.field(converter=text)


def to_waivers(value: Mapping[str, Any] | Iterable[Waiver]) -> tuple[Waiver, ...]:
    """Converter: ``{check-id: reason}`` as written in a file, or waivers, as a tuple of waivers."""
    if isinstance(value, Mapping):
        return tuple(Waiver(check, reason) for check, reason in value.items())
    return to_tuple(value)


def waiver_for(waivers: Iterable[Waiver], check: str) -> Waiver | None:
    """The waiver of ``check`` among ``waivers``, or None."""
    return next((w for w in waivers if w.check == check), None)
