"""The model's text type: ``Text`` and the languages, from :mod:`osallisuuden_palaset.messages.text`."""

from __future__ import annotations

from osallisuuden_palaset.messages.text import FALLBACK as FALLBACK
from osallisuuden_palaset.messages.text import LANGS as LANGS
from osallisuuden_palaset.messages.text import SURROGATE as SURROGATE
from osallisuuden_palaset.messages.text import Lang as Lang
from osallisuuden_palaset.messages.text import Text as Text
from osallisuuden_palaset.messages.text import TextLike as TextLike
from osallisuuden_palaset.messages.text import lone_surrogate as lone_surrogate
from osallisuuden_palaset.messages.text import optional_text as optional_text
from osallisuuden_palaset.messages.text import text as text
from osallisuuden_palaset.messages.text import texts as texts


def with_details(said: str | None, details: list[str]) -> str:
    """``said``, then its ``details`` in brackets, joined by semicolons (either may be missing)."""
    shown = "; ".join(details)
    if said is None:
        return shown
    return f"{said} ({shown})" if shown else said


__all__ = [
    "FALLBACK", "LANGS", "SURROGATE", "Lang", "Text", "TextLike",
    "lone_surrogate", "optional_text", "text", "texts", "with_details",
]  # fmt: skip
