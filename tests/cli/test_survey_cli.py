"""Tests of ``palaset survey``: score, change, instruments, bad rows, suppression and clean failures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from osallisuuden_palaset.testing import run_cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "surveys"
START = str(FIXTURES / "esis_start.csv")
FOLLOW = str(FIXTURES / "esis_followup.csv")


def test_score_prints_figures_and_reports_bad_rows_by_line() -> None:
    result = run_cli(["--lang", "en", "survey", "score", START, "--min-group", "3"])
    assert result.exit_code == 0, result.output
    # Scores 100, 0, 75, 75, 25, 80: mean 59.17, sd 38.13, median 75; t(0.975, 5) = 2.5706,
    # so the interval is 59.17 ± 2.5706 * 38.13 / sqrt(6) = 59.17 ± 40.02.
    assert result.stdout.splitlines()[5].split() == ["All", "6", "59.2", "38.1", "75.0", "19.1…99.2"]
    bad_lines = [line.split(": ", 1)[0] for line in result.stderr.splitlines()]
    assert bad_lines == [f"{START}:{n}" for n in (9, 10, 11, 12, 13, 14)]


def test_score_by_a_field_suppresses_small_groups_in_json_and_csv(tmp_path: Path) -> None:
    result = run_cli(["survey", "score", START, "--by", "HANKE", "--min-group", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"]["n"] == 6
    # B is small; A is hidden to protect it (the total minus A would be B) and says so, not "<3".
    assert [(g["n"], g["suppressed"]) for g in data["groups"]] == [(None, "complementary"), ("<3", "small")]
    out = tmp_path / "tulos.csv"
    result = run_cli(
        ["survey", "score", START, "--by", "hanke", "--min-group", "3", "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [row[:4] for row in rows[1:]] == [
        ["*", "6", "", "59.1667"],
        ["A", "", "complementary", ""],
        ["B", "<3", "small", ""],
    ]


def test_change_pairs_the_two_files_and_writes_a_chart(tmp_path: Path) -> None:
    chart = tmp_path / "muutos.svg"
    result = run_cli(
        ["survey", "change", START, FOLLOW, "--min-group", "3", "--format", "json", "--chart", str(chart)]
    )
    assert result.exit_code == 0, result.output
    total = json.loads(result.stdout)["total"]
    assert (total["pairs"], total["change"]["test"], total["change"]["mean_change"]) == (
        6,
        "paired_t",
        11.6667,
    )
    assert chart.read_text(encoding="utf-8").startswith("<svg ")


def test_change_from_one_file_with_a_wave_column(tmp_path: Path) -> None:
    both = tmp_path / "molemmat.csv"
    items = ",".join(f"esis{i}" for i in range(1, 11))
    rows = [f"vastaaja,aalto,{items}"]
    for n in range(5):
        rows += [f"p{n},alku," + ",".join(["3"] * 10), f"p{n},seuranta," + ",".join([str(3 + n % 2)] * 10)]
    rows.append("p9,," + ",".join(["3"] * 10))
    both.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli(["--lang", "en", "survey", "change", str(both)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (lines[5].split()[:4], lines[6].split()[:4]) == (
        ["All", "Start", "5", "50.0"],
        ["All", "Follow-up", "5", "60.0"],
    )
    assert next(line for line in lines[8:] if line.startswith("All")).split()[:2] == ["All", "5"]
    assert (
        result.stderr.strip() == f"{both}:12: the row has no wave; give the start and follow-up files apart"
    )


def test_a_users_instrument_file_and_column_mapping() -> None:
    result = run_cli(
        ["survey", "score", str(FIXTURES / "custom.csv"), "--instrument-file", str(FIXTURES / "custom.yaml"),
         "--format", "json"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    total = json.loads(result.stdout)["total"]
    assert total["n"] == 5
    assert total["mean"] == round((10 + 25 / 3 + 0 + 50 / 9 + 5) / 5, 4)


def test_mistakes_fail_cleanly_with_one_message() -> None:
    cases = [
        (["survey", "score", START, "--min-group", "2"], "at least 3 respondents"),
        (["survey", "score", START, "--instrument", "esiss"], "no instrument 'esiss' (nearest: esis)"),
        (["survey", "score", START, "--by", "projekti"], "--by 'projekti' is not a column"),
        (["survey", "score", START, "--column", "esis1"], "write ITEM=COLUMN"),
        (["survey", "score", START, "--strict"], "6 bad row(s); nothing was written"),
        (["survey", "score", str(FIXTURES / "custom.csv")], "no column for item(s) 'esis1'"),
        (["survey", "score", START, "--instrument-file", str(FIXTURES / "esis_start.csv")], "instrument"),
    ]
    for args, message in cases:
        result = run_cli(args)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
        assert result.stdout == ""


def test_instruments_are_listed() -> None:
    result = run_cli(["--lang", "en", "survey", "instruments"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("esis ")
    assert "Experiences of Social Inclusion Scale (ESIS) (10, 0–100)" in result.stdout
