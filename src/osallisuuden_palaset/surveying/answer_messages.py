"""What reading survey answers tells the user: a bad cell's error, and "did you mean" near choices."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from osallisuuden_palaset.messages.catalogue import Message, msg
from osallisuuden_palaset.model.text import Lang


def close_to(word: str, choices: Iterable[str]) -> tuple[str, ...]:
    """The (at most three) of ``choices`` nearest to ``word`` (case aside), nearest first."""
    folded = {choice.casefold(): choice for choice in sorted(set(choices), reverse=True)}
    return tuple(folded[c] for c in get_close_matches(word.casefold(), sorted(folded), n=3, cutoff=0.6))


def suggestion(close: Iterable[str]) -> str:
    """ "; did you mean 'x' or 'y'?" naming ``close`` (see :func:`close_to`), or "" for none.

    The suggestion is a :class:`Message`: given as a value of another message, it is said in
    that message's language.
    """
    names = [repr(c) for c in close]
    if not names:
        return ""
    choices = names[0]
    for name in names[1:]:
        # Translators: joins the choices of "did you mean 'a' or 'b'?" (a question: Finnish "vai").
        choices = msg("{choices} or {choice}", choices=choices, choice=name)
    return msg("; did you mean {choices}?", choices=choices)


class AnswerError(ValueError):
    """A cell that is not what its column holds; the message is ready in every language.

    Its ``str`` is the English message (its one argument is the :class:`Message` itself, so whoever
    shows it can render it); :meth:`text` gives it in any language.
    """

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message)

    def text(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return self.message.render(lang)
