"""Identifiers: the slugs that name every thing in a model and the checks on them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import attrs

from osallisuuden_palaset.errors import Issue, ModelPath, shortened
from osallisuuden_palaset.messages.catalogue import Message, msg

#: Lower-case letters (Finnish and Swedish ones too), digits, '-', '_' and '.'; starts with a letter or digit.
#: (Also the JSON Schema's pattern, where '$' ends the text; in Python it is matched whole, so that
#: no final newline or other control character slips through before '$'.)
ID_PATTERN = r"^[a-z0-9åäö][a-z0-9åäö_.\-]*$"
_ID_RE = re.compile(ID_PATTERN)
#: Separates a namespace (catalogue or practice id) from a block id in a reference.
SEPARATOR = "/"


def is_id(value: str) -> bool:
    """Whether ``value`` is a valid identifier (the whole of it: ``"malli\\n"`` is not)."""
    return _ID_RE.fullmatch(value) is not None


def check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """attrs validator for identifier fields."""
    if not isinstance(value, str) or not is_id(value):
        shown = shortened(value) if isinstance(value, str) else value
        raise ValueError(
            msg(
                "{field} {value} is not a valid id: use lower-case "
                "letters, digits, '-', '_' or '.', starting with a letter or digit (e.g. 'kartoitus-1')",
                field=attribute.name,
                value=repr(shown),
            )
        )


def duplicate_issues(ids: Iterable[str | None], path: ModelPath, what: str) -> list[Issue]:
    """An issue for every id that occurs more than once, located at its second occurrence.

    ``None`` stands for an entry whose id is unknown (it keeps the other entries' indices).
    """
    seen: Counter[str] = Counter()
    issues = []
    for index, ident in enumerate(ids):
        if ident is None:
            continue
        seen[ident] += 1
        if seen[ident] == 2:
            issues.append(
                Issue((*path, index, "id"), _duplicate(what, repr(ident)), msg("ids must be unique"))
            )
    return issues


def _duplicate(what: str, ident: str) -> Message:
    """``duplicate step id 'a'``: one message for each kind of thing, so each language can word it."""
    make = {
        "step": lambda: msg("duplicate step id {id}", id=ident),
        "phase": lambda: msg("duplicate phase id {id}", id=ident),
        "outcome": lambda: msg("duplicate outcome id {id}", id=ident),
        "practice": lambda: msg("duplicate practice id {id}", id=ident),
        "block": lambda: msg("duplicate block id {id}", id=ident),
        "project": lambda: msg("duplicate project id {id}", id=ident),
        "catalogue": lambda: msg("duplicate catalogue id {id}", id=ident),
        "dimension": lambda: msg("duplicate dimension id {id}", id=ident),
        "principle": lambda: msg("duplicate principle id {id}", id=ident),
        "question": lambda: msg("duplicate question id {id}", id=ident),
        "item": lambda: msg("duplicate item id {id}", id=ident),
        "threshold": lambda: msg("duplicate threshold id {id}", id=ident),
    }.get(what)
    return make() if make is not None else msg("duplicate {what} id {id}", what=what, id=ident)


def split_ref(ref: str) -> tuple[str, str]:
    """Split ``'owner/block'`` into its two parts; raises ValueError when malformed."""
    owner, sep, name = ref.partition(SEPARATOR)
    if not sep or not is_id(owner) or not is_id(name):
        raise ValueError(
            msg(
                "reference {ref} must be 'catalogue-or-practice-id/block-id', e.g. 'lumoava/helmi-kortit'",
                ref=repr(ref),
            )
        )
    return owner, name
