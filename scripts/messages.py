"""Keep the message catalogue: extract the marked messages, update the .po files, compile the .mo files.

    python scripts/messages.py update    # after changing messages in src/: new ones appear untranslated
    python scripts/messages.py compile   # after translating: writes the .mo files (committed)
    python scripts/messages.py check     # exit 1 when a .po or .mo is not what the source makes
    python scripts/messages.py missing [fi|sv]   # the messages that fall back to English

The .po files are sorted by message and carry no source locations, so two changes that add
messages merge cleanly and a moved line changes nothing. Messages come from the calls of
``messages.catalogue`` (say, say_n, msg, msg_n, as_text, as_text_n; say_in and table_entry with a
context) in src/, from the JSON Schema's descriptions (``files.schema.descriptions()``: the
model's docs, which editors show on hover), and from click's own words (its ``_``/``ngettext``
calls), which the command line shows in the user's language too.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "osallisuuden_palaset"
LOCALE = SOURCE / "messages" / "locale"
DOMAIN = "palaset"
LANGS = ("fi", "sv")
#: The catalogue's calls and where their texts are: say(lang, msgid), say_n(lang, s, p, n), ...
KEYWORDS = {
    "say": (2,), "say_n": (2, 3), "msg": None, "msg_n": (1, 2), "as_text": None, "as_text_n": (1, 2),
    "say_in": ((2, "c"), 3), "table_entry": ((1, "c"), 2),
}  # fmt: skip
CLICK_KEYWORDS = {"_": None, "ngettext": (1, 2)}
#: Fixed header dates, so that the files change only when their messages do.
FIXED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
CLICK_NOTE = "click"
#: The auto comment on the JSON Schema's descriptions.
SCHEMA_NOTE = "schema"
HEADER = """\
# The {lang} messages of osallisuuden-palaset (and of click, which its command line shows).
# Source: the English msgids in src/; update with python scripts/messages.py update.
#"""


def _extracted(*, click: bool = True) -> Iterator[tuple[str | tuple[str, str], tuple[str, ...], str | None]]:
    for _, _, message, comments, context in extract_from_dir(
        SOURCE,
        [("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        yield message, tuple(comments), context
    yield from _schema_descriptions()
    if not click:
        return
    import click as click_package

    for _, _, message, comments, _ in extract_from_dir(
        Path(click_package.__file__).parent, [("**.py", "python")], keywords=CLICK_KEYWORDS
    ):
        yield message, (CLICK_NOTE, *comments), None


def _schema_descriptions() -> Iterator[tuple[str, tuple[str, ...], None]]:
    """The schema's descriptions, as its generator lists them (from our source: checked strictly)."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    from osallisuuden_palaset.files.schema import descriptions

    for description in descriptions():
        yield description, (SCHEMA_NOTE,), None


def template(*, click: bool = True) -> Catalog:
    """Every message the source marks (and click's, unless ``click=False``), untranslated."""
    catalog = Catalog(project="osallisuuden-palaset", domain=DOMAIN, creation_date=FIXED, fuzzy=False)
    for message, comments, context in _extracted(click=click):
        known = catalog.get(message[0] if isinstance(message, tuple) else message, context)
        if known is None:
            catalog.add(message, None, auto_comments=comments, context=context)
        elif not set(comments) <= set(known.auto_comments):
            new = [c for c in comments if c not in known.auto_comments]
            known.auto_comments = [*known.auto_comments, *new]
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    """The language's catalogue as stored (a new, empty one when there is none yet)."""
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, creation_date=FIXED, revision_date=FIXED, fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def updated(lang: str, source: Catalog) -> bytes:
    """The .po text of ``lang`` brought up to date with ``source``: new messages in, gone ones out."""
    catalog = read(lang)
    catalog.update(source, no_fuzzy_matching=True, update_creation_date=True)
    catalog.revision_date = FIXED
    catalog.fuzzy = False
    catalog.project, catalog.version = "osallisuuden-palaset", ""
    catalog.header_comment = HEADER.format(lang=lang)
    catalog.last_translator = catalog.language_team = "osallisuuden-palaset contributors"
    catalog.msgid_bugs_address = ""
    out = io.BytesIO()
    write_po(out, catalog, width=100, no_location=True, sort_output=True, ignore_obsolete=True)
    # Which Babel wrote the file is not part of it: another version must not make it "stale".
    lines = out.getvalue().splitlines(True)
    return b"".join(line for line in lines if not line.startswith(b'"Generated-By:'))


def compiled(lang: str) -> bytes:
    """The .mo of the stored .po of ``lang``."""
    out = io.BytesIO()
    write_mo(out, read(lang), use_fuzzy=False)
    return out.getvalue()


def _messages_of(mo: bytes) -> dict[object, str]:
    """What a compiled catalogue translates (its header, which names the Babel that wrote it, aside)."""
    import gettext

    found = gettext.GNUTranslations(io.BytesIO(mo))._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in found.items() if key != ""}


def missing(lang: str) -> list[str]:
    """The msgids of ``lang`` without a translation (they are shown in English)."""
    return sorted(
        m.id if isinstance(m.id, str) else m.id[0]
        for m in read(lang)
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    )


def fallback_line(lang: str, msgid: str) -> str:
    """How ``messages/locale/fallback.txt`` names an untranslated message: ``lang: msgid``, one line."""
    return f"{lang}: " + msgid.replace("\\", "\\\\").replace("\n", "\\n")


def _with_stored_click_words(source: Catalog, lang: str) -> Catalog:
    """``source`` plus the click messages ``lang``'s catalogue holds (as whatever click is installed had)."""
    for message in read(lang):
        if not message.id or CLICK_NOTE not in message.auto_comments:
            continue
        known = source.get(message.id if isinstance(message.id, str) else message.id[0])
        if known is None:
            source.add(message.id, None, auto_comments=message.auto_comments)
        elif CLICK_NOTE not in known.auto_comments:  # ours and click's alike
            known.auto_comments = [*known.auto_comments, CLICK_NOTE]
    return source


def stale() -> list[str]:
    """What ``check`` finds: each .po or .mo that differs from what the source makes.

    Click's words are checked as stored: another click version (a machine with a newer one)
    does not make the catalogue stale; ``update`` brings them in line with the installed click.
    The schema's descriptions come from our source and are checked strictly, like the marked
    messages: a changed description makes the catalogue stale.
    """
    found = []
    for lang in LANGS:
        source = _with_stored_click_words(template(click=False), lang)
        if not po_path(lang).exists() or po_path(lang).read_bytes() != updated(lang, source):
            found.append(f"{po_path(lang).relative_to(ROOT)}: run python scripts/messages.py update")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or _messages_of(mo.read_bytes()) != _messages_of(compiled(lang)):
            found.append(f"{mo.relative_to(ROOT)}: run python scripts/messages.py compile")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        source = template()
        for lang in LANGS:
            po_path(lang).parent.mkdir(parents=True, exist_ok=True)
            po_path(lang).write_bytes(updated(lang, source))
            print(f"{po_path(lang).relative_to(ROOT)}: {len(missing(lang))} untranslated")
        return 0
    if command == "compile":
        for lang in LANGS:
            po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))
        return 0
    if command == "check":
        problems = stale()
        print("\n".join(problems) or "messages: catalogues up to date")
        return 1 if problems else 0
    if command == "missing":
        for lang in argv[1:] or LANGS:
            for msgid in missing(lang):
                print(fallback_line(lang, msgid))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
