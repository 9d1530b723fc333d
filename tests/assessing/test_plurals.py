"""The counted phrases of the checks and the assessment agree with their number in fi, en and sv."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

from babel.messages.extract import extract_from_file

from osallisuuden_palaset.assessing.report import claims_detail
from osallisuuden_palaset.messages.catalogue import say_n
from osallisuuden_palaset.model.text import LANGS
from osallisuuden_palaset.testing import assert_snapshot

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "osallisuuden_palaset"
#: The modules whose counted phrases this test renders.
MODULES = sorted([*(SOURCE / "assessing").glob("*.py"), SOURCE / "default_plugins" / "check_rules.py"])
SNAPSHOT = ROOT / "tests" / "snapshots" / "messages" / "assessing.txt"
#: The counts every plural message is shown with (the issue's 0, 1, 2, 5, 21).
COUNTS = (0, 1, 2, 5, 21)


def samples(n: int) -> dict[str, object]:
    """Values for the other fields of a counted phrase: a part of ``n`` and a total above it."""
    part = n // 2
    return {
        "k": part,
        "covered": part,
        "total": 21,
        "columns": 11,
        "names": ", ".join(f"b{i}" for i in range(1, n + 1)),
        "listed": "q1, q2",
        "what": "None",
    }


def plural_messages() -> list[tuple[str, str]]:
    """Every (singular, plural) msgid that the modules mark with say_n, msg_n or as_text_n."""
    keywords = {"say_n": (2, 3), "msg_n": (1, 2), "as_text_n": (1, 2)}
    found = {
        message
        for module in MODULES
        for _, message, _, _ in extract_from_file("python", module, keywords=keywords)
        if isinstance(message, tuple)
    }
    return sorted((str(one), str(many)) for one, many in found)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _rendered() -> Iterator[str]:
    for one, many in plural_messages():
        yield f"# {one} | {many}"
        for n in COUNTS:
            values = {k: v for k, v in samples(n).items() if k in _fields(one) | _fields(many)}
            for lang in LANGS:
                yield f"{n:>2} {lang}: {say_n(lang, one, many, n, **values)}"
        yield ""
    yield "# report.claims_detail(n, k): a coverage row's claims and how many give evidence"
    for n in COUNTS[1:]:
        for k in sorted({0, 1, n // 2, n} & set(range(n + 1))):
            for lang in LANGS:
                yield f"{n:>2}/{k:<2} {lang}: {claims_detail(n, k, lang)}"
    yield ""


def test_every_counted_phrase_reads_right_for_0_1_2_5_and_21_in_every_language() -> None:
    assert len(plural_messages()) >= 20
    assert_snapshot(SNAPSHOT, "\n".join(_rendered()))


def test_the_quoted_wrong_phrases_come_out_right() -> None:
    """The phrases issue 12 quotes: "1 väitettä, 1 näytöin", "1 claims" and the like."""
    assert claims_detail(1, 1, "fi") == "1 väite, jolla on näyttö"
    assert claims_detail(1, 1, "en") == "1 claim with evidence"
    assert claims_detail(1, 1, "sv") == "1 påstående med belägg"
    assert claims_detail(5, 2, "fi") == "5 väitettä, joista 2 näytöin"
    assert claims_detail(21, 21, "fi") == "21 väitettä, kaikilla näyttö"
