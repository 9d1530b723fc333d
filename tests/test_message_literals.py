"""Words a person sees are not written as string literals outside the catalogue: a walk over src/.

The walk looks where user-visible words are made — errors raised, problems and issues built,
lines printed, texts written in three languages — and lists each one whose words are a plain
string literal or an f-string instead of a catalogue call (``say``, ``msg``, ``as_text``, ...).
What is left is a reviewed snapshot, ``tests/snapshots/messages/literals.txt``, that may only
shrink (``PALASET_UPDATE_SNAPSHOTS=1`` rewrites it after a change is reviewed). It is empty:
even the errors only a developer can cause (a broken invariant, an API called wrongly) are
catalogue messages, English to whoever catches them and translated wherever they are shown.
The program's name (``palaset:``) and option flags (``-O``) around a message are not words.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from osallisuuden_palaset.testing import assert_snapshot

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "osallisuuden_palaset"
SNAPSHOT = ROOT / "tests" / "snapshots" / "messages" / "literals.txt"

#: Exceptions that report a programming mistake to a developer, not a problem to a user.
DEVELOPER_ERRORS = frozenset(
    {"AssertionError", "AttributeError", "IndexError", "KeyError", "NotImplementedError", "RuntimeError"}
)
#: Calls whose first text argument (or ``message``/``hint``) is shown to a person.
SHOWN = frozenset({"echo", "secho", "fail", "Problem", "Issue", "ShapeProblem", "RowProblem", "Finding"})


#: What a literal may hold around catalogue text without being words: the program's name, option flags.
NOT_WORDS = re.compile(r"\bpalaset:|(?<![\w-])--?[A-Za-z][\w-]*")


def _has_letters(fragment: str) -> bool:
    return any(c.isalpha() for c in NOT_WORDS.sub("", fragment))


def _is_words(node: ast.expr) -> bool:
    """A string literal with letters in it, or an f-string with literal words around its values."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value) and " " in node.value.strip()
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "words " + more, f"…" + …
        return _is_words(node.left) or _is_words(node.right)
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and isinstance(part.value, str) and _has_letters(part.value)
            for part in node.values
        )
    return False


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _shown_text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    return "f" + ast.unparse(node)[1:] if isinstance(node, ast.JoinedStr) else ast.unparse(node)


def findings(tree: ast.AST) -> Iterator[tuple[str, str]]:
    """(kind, text) for each place in ``tree`` that writes shown words as a literal."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = _name(node.exc.func)
            if name not in DEVELOPER_ERRORS:
                for arg in node.exc.args[:1]:
                    if _is_words(arg):
                        yield f"raise {name}", _shown_text(arg)
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name == "Text":
            for keyword in node.keywords:
                if keyword.arg in {"fi", "en", "sv"} and _is_words(keyword.value):
                    yield "Text", _shown_text(keyword.value)
                    break
        elif name in SHOWN:
            given = [*node.args, *(k.value for k in node.keywords if k.arg in {"message", "hint"})]
            for arg in given:
                if _is_words(arg):
                    yield name, _shown_text(arg)


def test_words_a_person_sees_come_from_the_catalogue_but_those_listed() -> None:
    lines = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for kind, text in findings(tree):
            shown = " ".join(text.split())
            lines.append(f"{module}: {kind}: {shown[:70]}")
    assert_snapshot(SNAPSHOT, "\n".join(sorted(set(lines))) + "\n")


def test_the_walk_finds_literal_words_and_leaves_catalogue_calls() -> None:
    source = """
raise UsageError(f"no practice {x!r} here")
raise UsageError(msg("no practice {x!r} here", x=x))
raise KeyError(f"no {x}")
raise ExportError("unknown format " + name + "; known formats: " + known)
terminal.echo("palaset: wrote the files")
terminal.echo(say(lang, "palaset: wrote the files"))
terminal.echo(f"palaset: {localize(text, lang)}")
terminal.echo(f"{'':<10} -O {name}={value}")
terminal.echo(f"palaset: wrote {n} files")
Problem(name, 1, 1, "the file is empty")
Text(fi="hei maailma", en="hello world")
"""
    found = list(findings(ast.parse(source)))
    assert [kind for kind, _ in found] == [
        "raise UsageError",
        "raise ExportError",
        "echo",
        "echo",
        "Problem",
        "Text",
    ]
