"""Tests of guiding-question statuses, the worksheet writers and importing a filled worksheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset import Answer, AnswerStatus, LoadError, Practice, Text
from osallisuuden_palaset.assessing.answer_import import apply_answers, import_answers, read_answers_csv
from osallisuuden_palaset.assessing.answers import (
    CSV_COLUMNS,
    protect,
    question_statuses,
    unanswered,
    unprotect,
    worksheet_csv,
    worksheet_markdown,
)
from osallisuuden_palaset.files.loading import loads
from tests.assessing.builders import block, mini_thl

MODEL = """\
# A practice kept by hand: this comment must survive the import.
practice:
  id: kartoitus
  name: Kartoitus  # the name
  framework: thl
  steps:
    - id: tapaaminen
      name: Tapaaminen
    - id: ryhma
      name: Ryhmä
  answers:
    # answered earlier
    - question: q1
      status: draft
      text:
        fi: Luonnos.
  keywords: [a, b]
"""


def _practice() -> Practice:
    return Practice(
        id="x",
        name="X",
        steps=[block("s")],
        answers=[Answer(question="q1", status=AnswerStatus.DRAFT, text=Text(fi="Ehkä", en="Maybe"))],
    )


def test_statuses_follow_the_framework_and_report_missing_answers() -> None:
    statuses = question_statuses(_practice(), mini_thl(3))
    assert [(q.question, q.status) for q in statuses] == [
        ("q1", "draft"),
        ("q2", "missing"),
        ("q3", "missing"),
    ]
    assert [q.question for q in unanswered(_practice(), mini_thl(3))] == ["q1", "q2", "q3"]


def test_markdown_worksheet_lists_every_question_with_its_answer() -> None:
    text = worksheet_markdown([_practice()], mini_thl(2), "en")
    assert "## q1: Question 1?" in text
    assert "## q2: Question 2?" in text
    assert "Maybe" in text
    assert "palaset answers import" in text


def test_csv_worksheet_has_the_columns_and_prefilled_answers() -> None:
    rows = list(csv.DictReader(io.StringIO(worksheet_csv([_practice()], mini_thl(2), "fi"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["question"], r["status"], r["answer_fi"], r["answer_en"]) for r in rows] == [
        ("q1", "draft", "Ehkä", "Maybe"),
        ("q2", "", "", ""),
    ]


@given(st.text())
def test_protect_round_trips_and_defuses_formulas(cell: str) -> None:
    assert unprotect(protect(cell)) == cell
    assert not protect(cell).startswith(("=", "+", "-", "@"))


def _csv(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in CSV_COLUMNS})
    return out.getvalue()


def test_import_keeps_comments_and_everything_else() -> None:
    rows = read_answers_csv(
        _csv(
            {"practice": "kartoitus", "question": "q1", "answer_en": "A draft."},
            {
                "practice": "kartoitus",
                "question": "q2",
                "answer_fi": "Kyllä.\nToinen rivi.",
                "steps": "ryhma",
            },
            {"practice": "kartoitus", "question": "q3"},
        )
    )
    new, result = apply_answers(MODEL, rows, {"thl": mini_thl(3)})
    assert result.updated == (("kartoitus", "q1"),)
    assert result.added == (("kartoitus", "q2"),)
    assert result.unchanged == (("kartoitus", "q3"),)
    for kept in (
        "# A practice kept by hand",
        "name: Kartoitus  # the name",
        "# answered earlier",
        "keywords: [a, b]",
    ):
        assert kept in new
    assert new.startswith(MODEL.split("  answers:")[0])
    practice = loads(new, name="m.yaml").model
    assert isinstance(practice, Practice)
    by_q = {a.question: a for a in practice.answers}
    assert by_q["q1"].text == Text(fi="Luonnos.", en="A draft.")
    assert by_q["q1"].status == AnswerStatus.ANSWERED
    assert by_q["q2"].text == Text(fi="Kyllä.\nToinen rivi.")
    assert by_q["q2"].steps == ("ryhma",)
    assert "q3" not in by_q


def test_importing_the_unchanged_worksheet_changes_nothing() -> None:
    practice = loads(MODEL, name="m.yaml").model
    assert isinstance(practice, Practice)
    sheet = worksheet_csv([practice], mini_thl(3))
    new, result = apply_answers(MODEL, read_answers_csv(sheet), {"thl": mini_thl(3)})
    assert new == MODEL
    assert not result.added
    assert not result.updated


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"practice": "kartoitus", "question": "q9", "answer_fi": "x"}, "no question 'q9'"),
        ({"practice": "muu", "question": "q1", "answer_fi": "x"}, "no practice 'muu'"),
        ({"practice": "kartoitus", "question": "q1", "steps": "ryhmä"}, "no step 'ryhmä'"),
    ],
)
def test_bad_rows_name_the_csv_line(row: dict[str, str], message: str) -> None:
    rows = read_answers_csv(_csv({"practice": "kartoitus", "question": "q2"}, row), name="a.csv")
    with pytest.raises(LoadError) as info:
        apply_answers(MODEL, rows, {"thl": mini_thl(3)}, csv_name="a.csv")
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == ("a.csv", 3)
    assert message in problem.message


def test_bad_status_and_missing_columns_are_load_errors() -> None:
    with pytest.raises(LoadError, match="status 'done'"):
        read_answers_csv(_csv({"practice": "kartoitus", "question": "q1", "status": "done"}))
    with pytest.raises(LoadError, match="missing column 'question'"):
        read_answers_csv("practice,status\nkartoitus,open\n")


def test_import_answers_writes_the_file_and_leaves_it_alone_on_error(tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(MODEL, encoding="utf-8")
    sheet = tmp_path / "a.csv"
    sheet.write_text(_csv({"practice": "kartoitus", "question": "q9", "answer_fi": "x"}), encoding="utf-8")
    with pytest.raises(LoadError):
        import_answers(model, sheet, {"thl": mini_thl(3)})
    assert model.read_text(encoding="utf-8") == MODEL
    sheet.write_text(
        _csv({"practice": "kartoitus", "question": "q2", "answer_fi": "Vastaus"}), encoding="utf-8"
    )
    result = import_answers(model, sheet, {"thl": mini_thl(3)})
    assert result.added == (("kartoitus", "q2"),)
    assert "Vastaus" in model.read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [model, sheet] or sorted(tmp_path.iterdir()) == sorted([model, sheet])


def _filled(tmp_path: Path) -> tuple[Path, Path]:
    """The model file and a worksheet that adds an answer to it."""
    model = tmp_path / "m.yaml"
    model.write_text(MODEL, encoding="utf-8")
    sheet = tmp_path / "a.csv"
    sheet.write_text(
        _csv({"practice": "kartoitus", "question": "q2", "answer_fi": "Vastaus"}), encoding="utf-8"
    )
    return model, sheet


def test_import_answers_refuses_when_the_file_changed_while_it_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osallisuuden_palaset.assessing import answer_import
    from osallisuuden_palaset.files.atomicfile import FileChangedError

    model, sheet = _filled(tmp_path)
    edited = MODEL.replace("Kartoitus  # the name", "Kartoitus, muokattu samaan aikaan")
    real_apply = answer_import.apply_answers

    def apply_while_someone_edits(*args: object, **kwargs: object) -> object:
        model.write_text(edited, encoding="utf-8")  # an editor saves while the import works
        return real_apply(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(answer_import, "apply_answers", apply_while_someone_edits)
    with pytest.raises(FileChangedError, match="changed while palaset was working on it"):
        import_answers(model, sheet, {"thl": mini_thl(3)})
    assert model.read_text(encoding="utf-8") == edited  # the edit survives
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "m.yaml"]


def test_import_answers_keeps_the_mode_of_the_model_file(tmp_path: Path) -> None:
    model, sheet = _filled(tmp_path)
    model.chmod(0o600)
    import_answers(model, sheet, {"thl": mini_thl(3)})
    assert "Vastaus" in model.read_text(encoding="utf-8")
    assert model.stat().st_mode & 0o777 == 0o600


def test_import_answers_writes_through_a_symlinked_model(tmp_path: Path) -> None:
    model, sheet = _filled(tmp_path)
    link = tmp_path / "linkki.yaml"
    link.symlink_to(model.name)
    import_answers(link, sheet, {"thl": mini_thl(3)})
    assert link.is_symlink()
    assert "Vastaus" in model.read_text(encoding="utf-8")
