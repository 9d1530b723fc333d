"""The one message catalogue: gettext catalogues with plural forms, and messages that render in any language.

Every sentence the program says is written in English in the source, as the ``msgid`` of a
gettext catalogue (``messages/locale/<lang>/LC_MESSAGES/palaset.po``, compiled to ``.mo``);
Finnish and Swedish come from the catalogue. Four calls mark them, and ``scripts/messages.py``
extracts exactly these:

- ``say(lang, "text {x}", x=...)`` and ``say_n(lang, "one {n} file", "{n} files", n)`` give the
  text in ``lang`` now;
- ``msg("text {x}", x=...)`` and ``msg_n(singular, plural, n)`` give a :class:`Message`: a ``str``
  that reads as its English text (so a library error is a plain string to whoever catches it) and
  that :func:`localize` renders in the user's language later, when it is shown;
- ``as_text(...)`` and ``as_text_n(...)`` give a model :class:`Text` in all three languages at once.

Values are filled in with ``str.format``; numbers are written as ``lang`` writes them (decimal
comma and thousands separator in Finnish and Swedish), model texts in ``lang``, and a value that
is itself a :class:`Message` is rendered in the same language.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

from osallisuuden_palaset.messages.text import LANGS, Lang, Text

#: The gettext domain of the catalogue (and of click's own words, which we translate too).
DOMAIN: Final = "palaset"
#: Where the catalogues are: ``<lang>/LC_MESSAGES/palaset.po`` and its compiled ``.mo``.
LOCALE_DIR: Final = Path(__file__).parent / "locale"
#: Languages with a catalogue of their own; English is the source language (the msgids).
TRANSLATED: Final[tuple[Lang, ...]] = tuple(lang for lang in LANGS if lang != "en")
#: Babel's locale for each language (dates and numbers).
LOCALES: Final[Mapping[Lang, str]] = {"fi": "fi_FI", "en": "en_GB", "sv": "sv_FI"}


@functools.cache
def translations(lang: Lang) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English is the msgids themselves, with English plurals).

    Raises:
        FileNotFoundError: the catalogue of a translated language is missing (a broken install).
    """
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def say(lang: Lang, msgid: str, /, **values: Any) -> str:
    """``msgid`` in ``lang``, with ``values`` filled in."""
    return _fill(translations(lang).gettext(msgid), lang, values)


def say_n(lang: Lang, singular: str, plural: str, n: int, /, **values: Any) -> str:
    """The form of ``singular``/``plural`` that agrees with ``n`` in ``lang``; ``{n}`` is ``n``."""
    return _fill(translations(lang).ngettext(singular, plural, n), lang, {"n": n, **values})


def say_in(lang: Lang, context: str, msgid: str, /, **values: Any) -> str:
    """``msgid`` in ``lang`` as the catalogue translates it in ``context`` (``pgettext``), with ``values``."""
    return _fill(translations(lang).pgettext(context, msgid), lang, values)


def table_entry(context: str, msgid: str, /) -> tuple[str, str]:
    """Mark a table entry: the message ``msgid`` (English) in ``context``, as ``(context, msgid)``.

    A table of labels is built from these (``messages.labels.LabelTable.of``) and looks each up
    with :func:`say_in`; extraction finds them like the other calls, the context as ``msgctxt``.
    """
    return context, msgid


class Message(str):
    """A message that reads as its English text and renders in any language (:func:`localize`).

    Build it with :func:`msg` or :func:`msg_n`. Joining it to other text (``+``, f-strings) gives
    plain English: pass it as a value of another message instead, so it stays translatable.
    """

    msgid: str
    plural: str | None
    n: int | None
    values: Mapping[str, Any]

    def __new__(
        cls, msgid: str, values: Mapping[str, Any], plural: str | None = None, n: int | None = None
    ) -> Message:
        """A message; its ``str`` value is the English text."""
        english = _render(msgid, plural, n, values, "en")
        self = super().__new__(cls, english)
        self.msgid, self.plural, self.n, self.values = msgid, plural, n, dict(values)
        return self

    def render(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return _render(self.msgid, self.plural, self.n, self.values, lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.msgid, self.values, self.plural, self.n))


def msg(msgid: str, /, **values: Any) -> Message:
    """A :class:`Message` for ``msgid`` with ``values``, rendered when shown."""
    return Message(msgid, values)


def msg_n(singular: str, plural: str, n: int, /, **values: Any) -> Message:
    """A :class:`Message` whose form agrees with ``n`` in the language it is rendered in."""
    return Message(singular, {"n": n, **values}, plural, n)


class Joined(Message):
    """Messages (or plain texts) joined by a separator, each rendered in the language shown."""

    parts: tuple[str, ...]
    sep: str

    def __new__(cls, parts: Iterable[str], sep: str = "; ") -> Joined:
        """``parts`` joined by ``sep``; its ``str`` value is the English text."""
        listed = tuple(parts)
        self = str.__new__(cls, sep.join(listed))
        self.msgid, self.plural, self.n, self.values = "", None, None, {}
        self.parts, self.sep = listed, sep
        return self

    def render(self, lang: Lang) -> str:
        """Each part in ``lang``, joined."""
        return self.sep.join(localize(part, lang) for part in self.parts)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.parts, self.sep))


def as_text(msgid: str, /, **values: Any) -> Text:
    """``msgid`` in every language at once, as a model :class:`Text` (for findings, verdicts, ...)."""
    fi, en, sv = (say(lang, msgid, **values) for lang in LANGS)
    return Text(fi=fi, en=en, sv=sv)


def as_text_n(singular: str, plural: str, n: int, /, **values: Any) -> Text:
    """The forms of ``singular``/``plural`` agreeing with ``n``, in every language, as a :class:`Text`."""
    fi, en, sv = (say_n(lang, singular, plural, n, **values) for lang in LANGS)
    return Text(fi=fi, en=en, sv=sv)


def localize(text: str, lang: Lang) -> str:
    """``text`` in ``lang`` when it is a :class:`Message`; any other text as it is."""
    return text.render(lang) if isinstance(text, Message) else text


def number(value: float, lang: Lang, *, decimals: int | None = None) -> str:
    """``value`` as ``lang`` writes numbers: ``1 234,5`` in Finnish and Swedish, ``1,234.5`` in English."""
    if decimals is None and type(value) is int and 0 <= value < 1000:
        return str(value)  # the same in every language, without loading Babel's locale data
    from babel.numbers import format_decimal

    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(round(value, decimals), format=pattern, locale=LOCALES[lang])
    return format_decimal(value, locale=LOCALES[lang])


def date(value: dt.date, lang: Lang) -> str:
    """``value`` as ``lang`` writes a date: 1.9.2017 in Finnish and Swedish, 1 Sept 2017 in English."""
    from babel.dates import format_date

    return format_date(value, format=_DATE_FORMATS[lang], locale=LOCALES[lang])


def date_range(start: dt.date | None, end: dt.date | None, lang: Lang) -> str:
    """``1.9.2017–31.5.2020`` in ``lang``; an open end is left empty (``1.9.2017–``)."""
    return "–".join(date(d, lang) if d is not None else "" for d in (start, end))


#: Babel's date format per language: fi_FI and sv_FI write 1.9.2017, en_GB 1 Sept 2017.
_DATE_FORMATS: Final[Mapping[Lang, str]] = {"fi": "short", "en": "medium", "sv": "short"}


def _render(msgid: str, plural: str | None, n: int | None, values: Mapping[str, Any], lang: Lang) -> str:
    catalogue = translations(lang)
    if plural is None:
        return _fill(catalogue.gettext(msgid), lang, values)
    assert n is not None
    return _fill(catalogue.ngettext(msgid, plural, n), lang, values)


def _fill(template: str, lang: Lang, values: Mapping[str, Any]) -> str:
    if not values:
        return template
    return template.format(**{key: _shown(value, lang) for key, value in values.items()})


def _shown(value: Any, lang: Lang) -> Any:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return number(value, lang)
    return value
