"""``palaset survey`` outputs: CSV for Finnish Excel, skipped rows in the report, the chart of each group."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from xml.etree import ElementTree

from osallisuuden_palaset.testing import run_cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "surveys"
START = str(FIXTURES / "esis_start.csv")
FOLLOW = str(FIXTURES / "esis_followup.csv")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "kyselyt"
ALKU = str(EXAMPLES / "elava-portfolio-alku.csv")
SEURANTA = str(EXAMPLES / "elava-portfolio-seuranta.csv")


def test_excel_csv_has_semicolons_decimal_commas_and_a_bom(tmp_path: Path) -> None:
    out = tmp_path / "tulos.csv"
    result = run_cli(["survey", "change", ALKU, SEURANTA, "--by", "ryhma", "--excel", "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith("\ufeffryhma;start_n;".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    plain = run_cli(["survey", "change", ALKU, SEURANTA, "--by", "ryhma", "--format", "csv"]).stdout
    standard = list(csv.reader(io.StringIO(plain)))
    assert [len(r) for r in rows] == [len(r) for r in standard]
    for row, same in zip(rows, standard, strict=True):
        assert row == [cell.replace(".", ",") for cell in same]
    assert rows[1][rows[0].index("start_n")] == "21"
    assert all("." not in cell for row in rows for cell in row[1:])


def test_excel_refuses_json_and_leaves_the_format_to_csv() -> None:
    result = run_cli(["survey", "score", START, "--min-group", "3", "--excel", "--format", "json"])
    assert result.exit_code == 1
    assert "--excel kirjoittaa CSV-tiedoston: jätä --format json pois" in result.stderr
    assert result.stdout == ""


def test_the_report_says_how_many_rows_were_skipped() -> None:
    # esis_start.csv has six bad rows (named on standard error): the report counts them too.
    result = run_cli(["--lang", "fi", "survey", "score", START, "--min-group", "3"])
    assert result.exit_code == 0, result.output
    assert "Ohitetut rivit (virheelliset, ks. virheilmoitukset): 6" in result.stdout
    assert "Ilman pistemäärää (liian vähän vastauksia): 1" in result.stdout
    data = run_cli(["survey", "change", START, FOLLOW, "--min-group", "3", "--format", "json"])
    assert '"skipped": 6' in data.stdout


def test_the_chart_shows_each_group_that_may_be_shown_before_and_after(tmp_path: Path) -> None:
    chart = tmp_path / "muutos.svg"
    result = run_cli(
        ["--lang", "fi", "survey", "change", ALKU, SEURANTA, "--by", "ryhma", "--chart", str(chart)]
    )
    assert result.exit_code == 0, result.output
    root = ElementTree.fromstring(chart.read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    tips = [t.text or "" for c in root.iter(f"{ns}circle") if (t := c.find(f"{ns}title")) is not None]
    # Everyone and the three groups of at least 5, at the start and the follow-up.
    assert len(tips) == 8
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert texts.count("alle 5 vastaajaa") == 2  # Etäryhmä and Kotikäynnit: named, no dots
