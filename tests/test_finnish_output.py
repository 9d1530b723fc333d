"""What ``palaset --lang fi`` says holds no English words: every command, on the examples and broken files.

Each case runs a command as a coordinator would and collects the words of its output that are
English, leaving out what is not the program's own words: file names and paths, ids, option
names, quoted values and the users' own texts from the model files. What remains is compared
with ``tests/snapshots/messages/english-in-fi.txt``: the list of English still left, reviewed.
The list may only shrink: a new English word fails the test, and so does a fixed one until the
snapshot is rewritten (``PALASET_UPDATE_SNAPSHOTS=1``), so the work shows in review.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from osallisuuden_palaset.files.reading import read_file
from osallisuuden_palaset.messages.labels import LABELS
from osallisuuden_palaset.plugins.manager import DEFAULT_PLUGINS
from osallisuuden_palaset.testing import assert_snapshot, run_cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BROKEN = ROOT / "tests" / "fixtures" / "broken"
SNAPSHOT = ROOT / "tests" / "snapshots" / "messages" / "english-in-fi.txt"

#: Words that in a Finnish sentence can only be English (the program's words, not users').
ENGLISH: frozenset[str] = frozenset(
    " ".join(
        (
            "a about added after all allowed already an and are as at be but by can cannot catalogue",
            "catalogues check checked checks claim claims collection column columns command commands",
            "could did does draft error errors expected file files folder for found from given",
            "has have help hint if in input into invalid is it items key line listed mean missing",
            "must need needs no none not of one only option options or output practice practices",
            "problem problems project projects read should skipped step steps strong moderate weak",
            "than that the there this to try unknown usage use valid value values was were which",
            "with without workspace wrote written you your participants participant staff leader",
            "peer remote person",
            "each every when will their they more also see show list write name text kind type",
            "evidence coverage dimension dimensions principle principles question questions answer",
            "answers block blocks reused include phase outcome target group groups wave score report",
            "hidden rows row respondents",
        )
    ).split()
)
#: Markup around the words of written pages and pictures, and what scripts and styles hold.
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]*>", re.S)
_TOKEN = re.compile(r"[A-Za-zÅÄÖåäö][\wÅÄÖåäö-]*")
#: Parts of a line that are not the program's words: quoted values, paths, options, FILE:LINE:COL.
_NOT_WORDS = re.compile(
    r"'[^']*'|\"[^\"]*\"|`[^`]*`|«[^»]*»|\S*[/\\]\S*|\S+\.(?:ya?ml|json|csv|xlsx|html|md|svg|png|gv)\b|"
    r"(?<!\S)--?[\w-]+|\b\w+:\d+(?::\d+)?\b|https?://\S+|"
    # a list of values to type as written ([error|warning|info]); the name of a schema version
    r"\[[^\]\s]*\|[^\]]*\]|\bdraft \d{4}-\d{2}\b|"
    # a default value, typed as written ([oletus: error])
    r"\[(?:oletus|default|standard): [^\]]*\]"
)
#: The ids of the built-in plugins, which ``palaset plugins`` names as they are.
_PLUGIN_IDS = frozenset(name.rpartition(".")[2] for name in DEFAULT_PLUGINS)
#: An option click broke across two help lines (``--no-`` / ``checks``), joined back.
_BROKEN_OPTION = re.compile(r"(?<!\S)(--?[\w-]*-)\n\s+")


def _user_words() -> frozenset[str]:
    """Every word of the users' own texts in the example and broken model files (ids are left out too)."""
    found: set[str] = set()
    vocabulary = {key.partition(".")[2] for key in LABELS if "." in key}

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            if value not in vocabulary:  # a role, strength, modality, ... is the program's word to show
                yield value
        elif isinstance(value, dict):
            for key, item in value.items():  # keys are the file format's field names, not users' words
                if key in {"id", "reuse", "include", "framework"}:
                    continue
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    for folder in (EXAMPLES, BROKEN):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".yaml", ".yml", ".json"}:
                for text in walk(read_file(path).data):
                    found.update(word.lower() for word in _TOKEN.findall(text))
    return frozenset(found)


def english_words(output: str, ignore: frozenset[str]) -> list[str]:
    """The English words of ``output`` that are the program's own, sorted and once each."""
    found: set[str] = set()
    for line in _BROKEN_OPTION.sub(r"\1", output).splitlines():
        for word in _TOKEN.findall(_NOT_WORDS.sub(" ", line)):
            lower = word.lower()
            if lower in ENGLISH and lower not in ignore and lower not in _PLUGIN_IDS:
                found.add(lower)
    return sorted(found)


def _cases(tmp: Path) -> dict[str, list[str]]:
    out = tmp / "out"
    shutil.copytree(EXAMPLES, tmp / "examples")
    examples = str(tmp / "examples")
    surveys = EXAMPLES / "kyselyt"
    return {
        "validate": ["validate", examples],
        "validate broken": ["validate", str(BROKEN)],
        "assess": ["assess", examples],
        "build": ["build", examples, "-o", str(out / "build")],
        "export": ["export", examples, "--format", "markdown", "--practice", "elava-portfolio"],
        "diff": ["diff", f"{examples}/elava-portfolio.yaml", f"{examples}/nuoret-etsiva.yaml"],
        "frameworks": ["frameworks"],
        "formats": ["formats"],
        "plugins": ["plugins"],
        "worksheet": [
            "worksheet", f"{examples}/elava-portfolio.yaml", "--format", "csv", "-o", str(tmp / "k.csv"),
        ],
        "answers import": ["answers", "import", f"{examples}/elava-portfolio.yaml", str(tmp / "k.csv")],
        "survey change": [
            "survey", "change", str(surveys / "elava-portfolio-alku.csv"),
            str(surveys / "elava-portfolio-seuranta.csv"),
        ],
        "no such command": ["nosuch"],
        "help": ["--help"],
        **{f"{name} --help": [name, "--help"] for name in (
            "validate", "assess", "build", "export", "diff", "survey",
            "answers", "worksheet", "new", "diagram",
        )},
    }  # fmt: skip


@pytest.mark.requires_dot
def test_finnish_output_holds_no_english_words_but_those_listed(tmp_path: Path) -> None:
    ignore = _user_words()
    lines = []
    for name, args in _cases(tmp_path).items():
        result = run_cli(["--lang", "fi", *args])
        words = english_words(result.output + getattr(result, "stderr", ""), ignore)
        lines.append(f"{name}: {' '.join(words)}".rstrip())
    for path in sorted((tmp_path / "out" / "build").rglob("*")):
        if path.suffix in {".md", ".html", ".svg", ".csv"}:
            shown = _TAG.sub(" ", html.unescape(path.read_text(encoding="utf-8", errors="replace")))
            words = english_words(shown, ignore)
            lines.append(
                f"build {path.relative_to(tmp_path / 'out' / 'build').as_posix()}: {' '.join(words)}".rstrip()
            )
    assert_snapshot(SNAPSHOT, "\n".join(lines) + "\n")


def test_the_detector_finds_english_and_leaves_paths_ids_and_quotes() -> None:
    line = "oma.yaml:3:5: 'vahva' is not a valid strength (hint: --lang fi) examples/files/x.json"
    assert english_words(line, frozenset()) == ["a", "hint", "is", "not", "valid"]
    assert english_words("1 tiedosto kunnossa: 2 toimintamallia", frozenset()) == []
    assert english_words("infoluento (strong)", frozenset()) == ["strong"]
    assert english_words("the Workshop", frozenset({"the"})) == []
    assert english_words("--fail-on [error|warning]  JSON Schema (draft 2020-12)", frozenset()) == []
    assert english_words("havainto.  [oletus: error]", frozenset()) == []
    assert english_words("aja (--no-\n   checks jättää ne pois)", frozenset()) == []
