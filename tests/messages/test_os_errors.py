"""The operating system's refusals are said in the reader's language, with what to do."""

from __future__ import annotations

import errno

import pytest

from osallisuuden_palaset.messages.catalogue import Message, localize
from osallisuuden_palaset.messages.os_errors import os_reason


@pytest.mark.parametrize(
    ("code", "fi"),
    [
        (errno.ENOENT, "tiedostoa tai kansiota ei ole; tarkista polku"),
        (errno.EACCES, "ei oikeuksia; valitse toinen paikka tai pyydä oikeudet"),
        (errno.ENOSPC, "levy on täynnä; vapauta tilaa tai valitse toinen paikka"),
        (errno.EROFS, "levylle ei voi kirjoittaa (vain luku); valitse toinen paikka"),
    ],
)
def test_a_common_refusal_is_a_catalogue_message(code: int, fi: str) -> None:
    reason = os_reason(OSError(code, "libc's English"))
    assert isinstance(reason, Message)
    assert localize(reason, "fi") == fi
    assert "libc" not in localize(reason, "sv")


def test_another_refusal_keeps_the_systems_own_words() -> None:
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"
    assert os_reason(OSError("no errno at all")) == "no errno at all"
