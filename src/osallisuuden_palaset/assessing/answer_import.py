"""Import a filled CSV worksheet into a YAML model file, keeping everything else in the file as it was.

Rules (docs/assessment.md): rows are matched to answers by practice, framework and question;
a non-empty answer cell sets that language, an empty one never deletes anything; an empty
status becomes ``answered`` when the row has answer text, ``open`` otherwise; a row with no
status, text or steps leaves the practice as it was. The file is edited in ruamel.yaml's
round-trip mode (comments, key order and formatting of untouched parts stay) and replaced
atomically only after the result has been checked, and only if no one changed it meanwhile.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from osallisuuden_palaset.assessing.answers import CSV_COLUMNS, unprotect
from osallisuuden_palaset.errors import LoadError, Problem, UsageError, nearest
from osallisuuden_palaset.files.atomicfile import Snapshot, write_text_atomic
from osallisuuden_palaset.messages.catalogue import msg, msg_n
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import AnswerStatus
from osallisuuden_palaset.model.text import LANGS

_REQUIRED = ("practice", "question")
_SPLIT = re.compile(r"[\s,;]+")


@attrs.frozen
class AnswerRow:
    """One row of a filled worksheet; ``texts`` holds only the answer columns the file has."""

    line: int
    practice: str
    framework: str | None
    question: str
    status: str
    steps: tuple[str, ...]
    texts: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def is_empty(self) -> bool:
        """Whether the row says nothing: no status, no answer text, no steps."""
        return not self.status and not self.steps and not any(self.texts.values())


@attrs.frozen
class ImportResult:
    """What an import changed, as (practice, question) pairs."""

    added: tuple[tuple[str, str], ...] = ()
    updated: tuple[tuple[str, str], ...] = ()
    unchanged: tuple[tuple[str, str], ...] = ()


def read_answers_csv(text: str, *, name: str = "answers.csv") -> list[AnswerRow]:
    """Rows of a filled worksheet; problems name ``name:LINE:COL``.

    Raises:
        LoadError: a required column is missing or a row is malformed.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise LoadError([Problem(name, 1, 1, msg("the worksheet is empty"))]) from None
    header = [h.strip() for h in header]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise LoadError(
            [
                Problem(
                    name,
                    1,
                    1,
                    msg("missing column '{column}'", column=missing[0]),
                    msg("the columns are {columns}", columns=", ".join(CSV_COLUMNS)),
                )
            ]
        )
    rows: list[AnswerRow] = []
    problems: list[Problem] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(
                Problem(
                    name,
                    line,
                    1,
                    msg_n(
                        "the row has {n} cell but only {columns} columns",
                        "the row has {n} cells but only {columns} columns",
                        len(cells),
                        columns=len(header),
                    ),
                )
            )
            continue
        row = {h: unprotect(c) for h, c in zip(header, cells, strict=False)}
        status = row.get("status", "").strip()
        if status and status not in {s.value for s in AnswerStatus}:
            col = header.index("status") + 1
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    msg("status '{status}' is not 'open', 'draft' or 'answered'", status=status),
                )
            )
            continue
        texts: dict[str, str] = {
            lang: row[f"answer_{lang}"].strip() for lang in LANGS if f"answer_{lang}" in row
        }
        rows.append(
            AnswerRow(
                line=line,
                practice=row["practice"].strip(),
                framework=row.get("framework", "").strip() or None,
                question=row["question"].strip(),
                status=status,
                steps=tuple(s for s in _SPLIT.split(row.get("steps", "")) if s),
                texts=texts,
            )
        )
    if problems:
        raise LoadError(problems)
    return rows


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _guess_mapping_indent(text: str) -> int:
    for line in text.splitlines()[1:]:
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith(("#", "-")) and len(line) > len(stripped):
            return len(line) - len(stripped)
    return 2


def _practices(doc: Any) -> dict[str, CommentedMap]:
    if isinstance(doc, Mapping) and isinstance(doc.get("practice"), CommentedMap):
        return {str(doc["practice"].get("id")): doc["practice"]}
    if isinstance(doc, Mapping) and isinstance(doc.get("project"), Mapping):
        found = doc["project"].get("practices") or []
        return {str(p.get("id")): p for p in found if isinstance(p, CommentedMap)}
    raise UsageError(msg("answers can be imported into a practice or project file only"))


def apply_answers(
    yaml_text: str,
    rows: Sequence[AnswerRow],
    frameworks: Mapping[str, Framework],
    *,
    name: str = "model.yaml",
    csv_name: str = "answers.csv",
) -> tuple[str, ImportResult]:
    """The model file's text with the rows' answers written in, and what changed.

    Raises:
        LoadError: a row names an unknown practice, question or step (``csv_name:LINE:1``).
        UsageError: the file holds no practice or project.
    """
    try:
        _, seq_indent, offset = load_yaml_guess_indent(yaml_text)
        doc = _yaml().load(yaml_text)
    except YAMLError as error:
        raise UsageError(msg("{name} is not valid YAML: {error}", name=name, error=str(error))) from None
    practices = _practices(doc)
    problems: list[Problem] = []
    added: list[tuple[str, str]] = []
    updated: list[tuple[str, str]] = []
    unchanged: list[tuple[str, str]] = []
    for row in rows:
        where = Problem(csv_name, row.line, 1, "")
        practice = practices.get(row.practice)
        if practice is None:
            problems.append(
                attrs.evolve(
                    where,
                    message=msg("no practice '{practice}' in {name}", practice=row.practice, name=name),
                    hint=nearest(row.practice, practices),
                )
            )
            continue
        own = str(practice.get("framework", "thl"))
        fid = row.framework or own
        framework = frameworks.get(fid)
        if framework is None:
            problems.append(
                attrs.evolve(
                    where,
                    message=msg("framework '{framework}' is not known", framework=fid),
                    hint=nearest(fid, frameworks),
                )
            )
            continue
        questions = [q.id for q in framework.questions]
        if row.question not in questions:
            problems.append(
                attrs.evolve(
                    where,
                    message=msg(
                        "'{framework}' has no question '{question}'", framework=fid, question=row.question
                    ),
                    hint=nearest(row.question, questions),
                )
            )
            continue
        steps = [str(s.get("id")) for s in practice.get("steps") or [] if isinstance(s, Mapping)]
        bad = [s for s in row.steps if s not in steps]
        if bad:
            problems.append(
                attrs.evolve(
                    where,
                    message=msg("'{practice}' has no step '{step}'", practice=row.practice, step=bad[0]),
                    hint=nearest(bad[0], steps),
                )
            )
            continue
        key = (row.practice, row.question)
        outcome = _apply_row(practice, row, fid == own, fid)
        {"added": added, "updated": updated, "unchanged": unchanged}[outcome].append(key)
    if problems:
        raise LoadError(problems)
    yaml = _yaml()
    yaml.indent(mapping=_guess_mapping_indent(yaml_text), sequence=seq_indent or 2, offset=offset or 0)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue(), ImportResult(tuple(added), tuple(updated), tuple(unchanged))


def _find_answer(practice: CommentedMap, row: AnswerRow, own: bool, fid: str) -> CommentedMap | None:
    for entry in practice.get("answers") or []:
        if not isinstance(entry, CommentedMap) or str(entry.get("question")) != row.question:
            continue
        theirs = entry.get("framework")
        if (theirs is None and own) or theirs == fid:
            return entry
    return None


def _apply_row(practice: CommentedMap, row: AnswerRow, own: bool, fid: str) -> str:
    entry = _find_answer(practice, row, own, fid)
    if row.is_empty:
        return "unchanged"
    has_text = any(row.texts.values())
    status = row.status or ("answered" if has_text else "open")
    if entry is None:
        entry = CommentedMap()
        entry["question"] = row.question
        if not own:
            entry["framework"] = fid
        entry["status"] = status
        if has_text:
            entry["text"] = _text_node(None, row.texts)
        if row.steps:
            entry["steps"] = CommentedSeq(row.steps)
        answers = practice.get("answers")
        if not isinstance(answers, CommentedSeq):
            answers = CommentedSeq()
            practice["answers"] = answers
        answers.append(entry)
        return "added"
    before = repr(_plain(entry))
    if str(entry.get("status", "answered")) != status:
        entry["status"] = status
    if has_text:
        entry["text"] = _text_node(entry.get("text"), row.texts)
    if row.steps and [str(s) for s in entry.get("steps") or []] != list(row.steps):
        entry["steps"] = CommentedSeq(row.steps)
    return "unchanged" if repr(_plain(entry)) == before else "updated"


def _plain(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return str(node)


def _scalar(value: str) -> str:
    return LiteralScalarString(value) if "\n" in value else value


def _text_node(existing: Any, texts: Mapping[str, str]) -> Any:
    """The text node after merging ``texts`` into ``existing``; empty cells keep what was there."""
    given = {lang: v for lang, v in texts.items() if v}
    if isinstance(existing, CommentedMap):
        for lang in LANGS:
            if lang in given and str(existing.get(lang)) != given[lang]:
                existing[lang] = _scalar(given[lang])
        return existing
    merged: dict[str, str] = {}
    if isinstance(existing, str):
        merged["fi"] = existing
    merged.update(given)
    if set(merged) == {"fi"}:
        return existing if existing == merged["fi"] else _scalar(merged["fi"])
    node = CommentedMap()
    for lang in LANGS:
        if lang in merged:
            node[lang] = _scalar(merged[lang])
    return node


def import_answers(
    model_path: str | Path, csv_path: str | Path, frameworks: Mapping[str, Framework]
) -> ImportResult:
    """Import a filled CSV worksheet into a model file, checked by the loader, written atomically.

    Raises:
        LoadError: the worksheet or the resulting model file has problems (nothing is written).
        UsageError: the model file holds no practice or project, or is not YAML.
        FileChangedError: the model file changed on disk while the answers were imported (nothing
            is written).
        WriteError: the model file cannot be written.
    """
    model_path, csv_path = Path(model_path), Path(csv_path)
    try:
        raw, snapshot = Snapshot.read(model_path)
        yaml_text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
        csv_text = csv_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        file = str(getattr(error, "filename", None) or model_path)
        raise UsageError(msg("cannot read {file}: {error}", file=file, error=str(error))) from None
    rows = read_answers_csv(csv_text, name=str(csv_path))
    new_text, result = apply_answers(
        yaml_text, rows, frameworks, name=str(model_path), csv_name=str(csv_path)
    )
    from osallisuuden_palaset.files.loading import loads

    # Questions and steps were checked above; this checks the file as a whole still loads.
    loads(new_text, name=str(model_path))
    if new_text != yaml_text:  # not over edits made meanwhile; through a symlink; the mode kept
        write_text_atomic(model_path, new_text, unchanged_since=snapshot)
    return result
