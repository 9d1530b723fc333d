"""Text in Finnish, English and Swedish: the three languages, and a text written in one or more of them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final, Literal, Union, get_args

import attrs

Lang = Literal["fi", "en", "sv"]
LANGS: tuple[Lang, ...] = get_args(Lang)
#: What a text field accepts in code: a Text, a plain (Finnish) string or a map of languages.
TextLike = Union["Text", str, Mapping[str, str]]
#: Fallback order when the asked language is missing: Finnish is the users' language.
FALLBACK: tuple[Lang, ...] = ("fi", "en", "sv")
#: A UTF-16 surrogate code point: half of a character, which no output can encode on its own.
SURROGATE: Final = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: str) -> str | None:
    """The first surrogate code point in ``value`` written as an escape (``'\\ud800'``), or None.

    A surrogate is half of a UTF-16 pair (what ``"\\ud83d\\ude00"`` escapes in a JSON text
    stand for); in a Python string it is not a character, and UTF-8 outputs cannot hold it.
    """
    found = SURROGATE.search(value)
    return None if found is None else f"\\u{ord(found.group()):04x}"


def _checked(instance: Text, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is None:
        return
    if not value.strip():
        from osallisuuden_palaset.messages.catalogue import msg  # the catalogue imports this module

        raise ValueError(msg("the {lang} text is empty; write it or leave the key out", lang=attribute.name))
    surrogate = lone_surrogate(value)
    if surrogate is not None:
        from osallisuuden_palaset.messages.catalogue import msg

        raise ValueError(
            msg(
                "the {lang} text holds {surrogate}, half of a UTF-16 surrogate pair, which is not a "
                "character: write the character itself",
                lang=attribute.name,
                surrogate=surrogate,
            )
        )


@attrs.frozen
class Text:
    """A user-visible text in up to three languages.

    A model file may give a plain string, which is read as the Finnish text
    (Finnish is the users' language) and written back as a plain string. In code, a catalogue
    message (``messages.catalogue.msg``) becomes a text in every language, translated when read:
    a built-in's description costs no catalogue until someone reads it.
    """

    fi: str | None = attrs.field(default=None, validator=_checked, kw_only=True)
    en: str | None = attrs.field(default=None, validator=_checked, kw_only=True)
    sv: str | None = attrs.field(default=None, validator=_checked, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.fi is None and self.en is None and self.sv is None:
            from osallisuuden_palaset.messages.catalogue import msg

            raise ValueError(msg("a text needs at least one of fi, en or sv"))

    @classmethod
    def of(cls, value: TextLike) -> Text:
        """Return ``value`` as a Text: a plain string becomes the Finnish text, a map its languages."""
        if isinstance(value, Text):
            return value
        if isinstance(value, str):
            if _is_message(value):
                return cls(fi=value, en=value, sv=value)
            return cls(fi=value)
        unknown = sorted(set(value) - set(LANGS))
        if unknown:
            from osallisuuden_palaset.messages.catalogue import msg

            raise ValueError(
                msg(
                    "unknown language {lang}: a text is a string or a map of fi, en, sv",
                    lang=repr(unknown[0]),
                )
            )
        return cls(fi=value.get("fi"), en=value.get("en"), sv=value.get("sv"))

    def get(self, lang: Lang = "fi") -> str:
        """The text in ``lang``, else in the first language present (fi, en, sv)."""
        own = getattr(self, lang)
        if own is not None:
            return _in(own, lang)
        for other in FALLBACK:
            value = getattr(self, other)
            if value is not None:
                return _in(value, other)
        raise AssertionError("unreachable: a Text always has one language")  # pragma: no cover

    def has(self, lang: Lang) -> bool:
        """Whether the text exists in ``lang`` itself, without falling back."""
        return getattr(self, lang) is not None

    @property
    def is_plain(self) -> bool:
        """True when only the Finnish variant exists (written back as a plain string)."""
        return self.en is None and self.sv is None

    def items(self) -> tuple[tuple[Lang, str], ...]:
        """The variants that exist, in fi, en, sv order."""
        return tuple((lang, _in(v, lang)) for lang in LANGS if (v := getattr(self, lang)) is not None)

    def __str__(self) -> str:
        return self.get("fi")


def _is_message(value: str) -> bool:
    """Whether ``value`` is a catalogue message (the catalogue imports this module, so no import here)."""
    return type(value) is not str and callable(getattr(value, "render", None))


def _in(value: str, lang: Lang) -> str:
    """``value`` as shown in ``lang``: a catalogue message is translated, any other string is itself."""
    if type(value) is str:
        return value
    return str(value.render(lang)) if _is_message(value) else str(value)  # type: ignore[attr-defined]


def text(value: TextLike) -> Text:
    """Converter used by model fields: accept a plain string where a Text is expected."""
    return Text.of(value)


def optional_text(value: TextLike | None) -> Text | None:
    """Converter for optional text fields."""
    return None if value is None else Text.of(value)


def texts(values: Iterable[TextLike]) -> tuple[Text, ...]:
    """Converter for tuples of texts."""
    return tuple(Text.of(v) for v in values)
