"""The one family of errors a user can cause, and the located problems they carry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import get_close_matches

import attrs

from osallisuuden_palaset.messages.catalogue import Message, localize, msg, say
from osallisuuden_palaset.messages.text import Lang

#: A place inside a model document: keys and list indices from the top, e.g. ("practice", "blocks", 2).
#: (Not a file path; its old name ``Path`` still imports, with a ``DeprecationWarning``.)
ModelPath = tuple[str | int, ...]


def __getattr__(name: str) -> object:
    """The old name ``Path`` of :data:`ModelPath`, for one release."""
    if name == "Path":
        import warnings

        warnings.warn(
            "osallisuuden_palaset.errors.Path is now ModelPath (it is a place in a model, not a file)",
            DeprecationWarning,
            stacklevel=2,
        )
        return ModelPath
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@attrs.frozen
class Issue:
    """One thing wrong with a model, located by its path inside the document."""

    path: ModelPath
    message: str
    hint: str | None = None

    def describe(self, lang: Lang = "en") -> str:
        """The message with its hint, as one line, in ``lang``."""
        message = localize(self.message, lang)
        return message if not self.hint else f"{message} ({localize(self.hint, lang)})"


#: (line, col) in a file, both 1-based: where a reader found a key or value.
Position = tuple[int, int]


@attrs.frozen
class Location:
    """A place in a file: a 1-based line, and its column when one is known."""

    file: str
    line: int
    col: int | None = None

    def __str__(self) -> str:
        """``FILE:LINE:COL``, or ``FILE:LINE`` without a column."""
        where = f"{self.file}:{self.line}"
        return where if self.col is None else f"{where}:{self.col}"


@attrs.frozen
class Problem:
    """One thing wrong with a file, at a :class:`Location` (line and column, both 1-based).

    ``col`` is None only for a problem about a whole line (a row of a table, printed
    ``FILE:LINE: message``); problems found while reading a model file always have one.
    """

    file: str
    line: int
    col: int | None
    message: str
    hint: str | None = None

    @classmethod
    def at(cls, location: Location, message: str, hint: str | None = None) -> Problem:
        """The problem ``message`` at ``location``."""
        return Problem(location.file, location.line, location.col, message, hint)

    @property
    def location(self) -> Location:
        """Where the problem is."""
        return Location(self.file, self.line, self.col)

    def render(self, lang: Lang) -> str:
        """``FILE:LINE:COL: message (hint: ...)`` in ``lang``; without a column, ``FILE:LINE: message``."""
        # Translators: the word before a problem's hint, as in "FILE:1:2: unknown key 'x' (hint: ...)".
        word = say(lang, "hint")
        tail = f" ({word}: {localize(self.hint, lang)})" if self.hint else ""
        return f"{self.location}: {localize(self.message, lang)}{tail}"

    def __str__(self) -> str:
        """``FILE:LINE:COL: message (hint: ...)`` in English."""
        return self.render("en")


class PalasetError(Exception):
    """Base of every error a user can cause; the command line shows it without a traceback."""


class ModelError(PalasetError, ValueError):
    """A model broke one or more invariants; ``issues`` lists every one found."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__(self.render("en"))

    def render(self, lang: Lang) -> str:
        """Every issue, ``path: message (hint)``, joined by ``; ``, in ``lang``."""
        return "; ".join(_format_issue(i, lang) for i in self.issues)


class LoadError(PalasetError):
    """A file (or several) could not be loaded; ``problems`` lists every problem found.

    ``referenced`` names the files beside the named ones that were read because the named
    ones refer to them (their problems are among ``problems``).
    """

    def __init__(self, problems: Sequence[Problem], *, referenced: Sequence[str] = ()) -> None:
        self.problems = tuple(problems)
        self.referenced = tuple(referenced)
        super().__init__(self.render("en"))

    def render(self, lang: Lang) -> str:
        """One ``FILE:LINE:COL: message`` line per problem, in ``lang``."""
        return "\n".join(p.render(lang) for p in self.problems)


class UsageError(PalasetError):
    """The request itself cannot be carried out; the message says what to do instead."""


def _format_issue(issue: Issue, lang: Lang) -> str:
    where = ".".join(str(p) for p in issue.path)
    return f"{where}: {issue.describe(lang)}" if where else issue.describe(lang)


def reason(error: BaseException) -> str:
    """What ``error`` says: the :class:`Message` it was raised with (so it can still be translated),
    else its text."""
    if len(error.args) == 1 and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)


def did_you_mean(word: str, choices: Iterable[str], *, n: int = 3) -> str | None:
    """A hint naming the nearest of ``choices`` to ``word``, or None when nothing is near."""
    options = sorted(set(choices))
    close = [repr(c) for c in get_close_matches(word, options, n=min(n, 3), cutoff=0.6)]
    if len(close) == 1:
        return msg("did you mean {a}?", a=close[0])
    if len(close) == 2:
        return msg("did you mean {a} or {b}?", a=close[0], b=close[1])
    if close:
        return msg("did you mean {a} or {b} or {c}?", a=close[0], b=close[1], c=close[2])
    return None


def nearest(word: str, choices: Iterable[str], *, n: int = 3) -> str:
    """A hint for an unknown id: the nearest existing ones, or the list of what exists."""
    options = sorted(set(choices))
    if not options:
        return msg("none are defined")
    close = get_close_matches(word, options, n=n, cutoff=0.5)
    if close:
        return msg("nearest: {ids}", ids=", ".join(close))
    shown = ", ".join(options[:8]) + (", …" if len(options) > 8 else "")
    return msg("known: {ids}", ids=shown)


def shortened(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters (ending in "...") for quoting in a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
