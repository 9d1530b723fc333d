"""The survey sheet: present when answers are given, the reports' own tables, hidden cells without figures."""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st
from osallisuuden_palaset_xlsx import EXPORTER

from osallisuuden_palaset import Block, Practice
from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.model.survey import Wave
from osallisuuden_palaset.output.exporting import SurveyResults, export
from osallisuuden_palaset.surveying.analysis import ChangeReport, change_report
from osallisuuden_palaset.surveying.disclosure import Atom, Cell, Kind, LinkedTable, Part, recoveries
from osallisuuden_palaset.surveying.formatting import group_name
from osallisuuden_palaset.surveying.privacy import Hidden
from osallisuuden_palaset.surveying.reporting import tables
from osallisuuden_palaset.surveying.scoring import RespondentScore
from osallisuuden_palaset.testing import run_cli

ESIS = builtin_instrument("esis.yaml")
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "kyselyt"
PRACTICE = Practice(id="kahvila", name="Olohuonekahvila", steps=[Block(id="kutsu", name="Kutsu")])


def pre_post(groups: dict[str, tuple[int, int, int]]) -> tuple[list[RespondentScore], list[RespondentScore]]:
    """Scores of each group: (answered both times, only at the start, only at the follow-up)."""
    first, second = [], []
    for name, (both, start_only, follow_only) in groups.items():
        where = (("ryhmä", name),)
        for i in range(both + start_only):
            first.append(RespondentScore(f"{name}{i}", Wave.START, 40.0 + i % 7 * 2.5, 10, where))
        for i in [*range(both), *range(100, 100 + follow_only)]:
            second.append(RespondentScore(f"{name}{i}", Wave.FOLLOW_UP, 50.0 + i % 5 * 2.5, 10, where))
    return first, second


def sheet_rows(report: ChangeReport, lang: str = "fi") -> list[list[str]]:
    data = export(EXPORTER, PRACTICE, lang=lang, surveys={"kahvila": SurveyResults(report)})  # type: ignore[arg-type]
    book = openpyxl.load_workbook(io.BytesIO(data))
    names = {"fi": "Kysely", "en": "Survey", "sv": "Enkät"}
    assert book.sheetnames[-1] == names[lang]
    out = []
    for values in book[names[lang]].iter_rows(values_only=True):
        row = [str(c) if c is not None else "" for c in values]
        while row and row[-1] == "":  # openpyxl pads every row to the widest one
            row.pop()
        out.append(row)
    return out


def published(report: ChangeReport, rows: Sequence[Sequence[str]]) -> dict[Cell, Hidden | None]:
    """Every cell the sheet shows, read back from its rows (n, "<5" or "suojattu")."""
    keys = {group_name(c.key, "fi"): c.key for c in (report.total, *report.groups)}
    waves = {"Alkumittaus": Part.START, "Seuranta": Part.FOLLOW_UP}
    out: dict[Cell, Hidden | None] = {}
    for row in rows:
        if not row or row[0] not in keys:
            continue
        cells = [c for c in row if c != ""]
        part, rest = (waves[cells[1]], cells[2:]) if cells[1] in waves else (Part.PAIRS, cells[1:])
        status = {"suojattu": Hidden.COMPLEMENTARY}.get(
            rest[0], Hidden.SMALL if rest[0].startswith("<") else None
        )
        if status is not None and not (part is Part.PAIRS and rest[1] != "–"):
            assert set(rest[1:]) <= {"–"}, row  # a hidden cell shows no figures
        out[Cell(keys[row[0]], part)] = status
    return out


def test_the_sheet_holds_the_reports_tables_and_no_figures_of_hidden_groups() -> None:
    # The first attack: A's 16 all answered twice, B has 4 pairs: both groups hidden.
    first, second = pre_post({"A": (16, 0, 0), "B": (4, 2, 2)})
    report = change_report(ESIS, first, second, by=["ryhmä"])
    rows = sheet_rows(report)
    for caption, table in tables(report, "fi"):
        assert [caption] in rows
        for row in table:
            assert row in rows
    shown = published(report, rows)
    assert shown[Cell((("ryhmä", "A"),), Part.PAIRS)] is Hidden.COMPLEMENTARY
    assert shown[Cell((("ryhmä", "B"),), Part.PAIRS)] is Hidden.SMALL
    assert ["ryhmä=A: piilotettu toisen ryhmän suojaamiseksi."] in rows
    assert not any("10,9" in c for r in rows for c in r)  # A's change, the attack's missing half


def test_without_answers_there_is_no_survey_sheet() -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(EXPORTER, PRACTICE)))
    assert "Kysely" not in book.sheetnames


def counts_of(groups: dict[str, tuple[int, int, int]]) -> dict[Atom, int]:
    kinds = (Kind.PAIRED, Kind.START_ONLY, Kind.FOLLOW_UP_ONLY)
    return {
        ((("ryhmä", name),), kind): n
        for name, sizes in groups.items()
        for kind, n in zip(kinds, sizes, strict=True)
    }


SIZES = st.tuples(st.integers(0, 12), st.integers(0, 3), st.integers(0, 3))


@settings(max_examples=15, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCD"), SIZES, min_size=1, max_size=4))
def test_a_reader_of_the_sheet_works_out_no_hidden_cell(groups: dict[str, tuple[int, int, int]]) -> None:
    first, second = pre_post(groups)
    if not first or not second:
        return
    report = change_report(ESIS, first, second, by=["ryhmä"])
    shown = published(report, sheet_rows(report))
    every = itertools.product(
        (c.key for c in (report.total, *report.groups)), (Part.START, Part.FOLLOW_UP, Part.PAIRS)
    )
    assert set(shown) == {Cell(k, p) for k, p in every}
    assert recoveries(LinkedTable(5, counts_of(groups), shown, everyone_scored=True)) == ()


def test_the_survey_option_adds_the_survey_sheet_to_the_workbook(tmp_path: Path) -> None:
    # The finding: `palaset export -f xlsx --survey ...` wrote the same workbook as without it.
    (tmp_path / "p.yaml").write_text(
        "practice: {id: p, name: P, steps: [{id: a, name: A}]}\n", encoding="utf-8"
    )
    answers = EXAMPLES / "elava-portfolio"
    out = tmp_path / "p.xlsx"
    survey = [
        "--survey",
        f"{answers}-alku.csv",
        "--survey",
        f"{answers}-seuranta.csv",
        "--survey-by",
        "ryhma",
    ]
    result = run_cli(
        ["export", str(tmp_path / "p.yaml"), "-f", "xlsx", "-o", str(out), *survey], load_entrypoints=True
    )
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[-1] == "Kysely"
    rows = [[c for c in row if c is not None] for row in book["Kysely"].iter_rows(values_only=True)]
    assert ["ryhma=Etäryhmä", "Alkumittaus", "<5", "–", "–", "–", "–"] in rows
    assert any(r and str(r[0]).startswith("Kaikki: pistemäärä nousi keskimäärin") for r in rows)
