"""Tests of ``palaset survey``: score, change, instruments, bad rows, suppression and clean failures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from osallisuuden_palaset.testing import run_cli
from tests.surveying.conftest import endless_fifo

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
    assert bad_lines == [f"{START}:{n}" for n in (7, 9, 10, 11, 12, 13, 14)]  # 7: too few answers


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
    assert result.stderr.strip() == (
        f"{both}:12: the row has no wave, so it is left out; give the start and follow-up answers as two "
        "files"
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
        (["survey", "score", START, "--min-group", "2"], "vähintään 3 vastaajaa, ei 2"),
        (["survey", "score", START, "--instrument", "esiss"], "mittaria 'esiss' ei ole"),
        (
            ["survey", "score", START, "--by", "projekti"],
            "--by 'projekti': vastauksissa ei ole tällaista saraketta",
        ),
        (["survey", "score", START, "--column", "esis1"], "kirjoita KYSYMYS=SARAKE"),
        (["survey", "score", START, "--strict"], "6 virheellistä riviä; mitään ei kirjoitettu"),
        (["survey", "score", str(FIXTURES / "custom.csv")], "mittarin esis kysymyksille 'esis5'"),
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
    assert "Experiences of Social Inclusion Scale (ESIS) (10 items, scores 0–100)" in result.stdout


FI_START = FIXTURES / "fi_alku.csv"
FI_FOLLOW = FIXTURES / "fi_seuranta.csv"
LABELS = {"täysin eri mieltä": 1, "jokseenkin eri mieltä": 2, "ei samaa eikä eri mieltä": 3,
          "jokseenkin samaa mieltä": 4, "täysin samaa mieltä": 5}  # fmt: skip


def expected_scores(path: Path) -> dict[str, float]:
    """ESIS scores computed here from the file, independently of the library: prorated, 0–100."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    scores = {}
    for row in rows:
        cells = [row[f"k{i}"].strip().casefold() for i in range(1, 11)]
        values = [int(c) if c.isdigit() else LABELS[c] for c in cells if c not in ("", "eos")]
        if len(values) >= 8:
            scores[row["tunniste"]] = (sum(values) / len(values) - 1) / 4 * 100
    return scores


def test_finnish_headed_start_and_follow_up_files_score_and_change_with_no_column_flags() -> None:
    assert FI_START.read_bytes().startswith(b"\xef\xbb\xbftunniste;aalto;ryhm\xc3\xa4;k1;k2;")
    start, follow = expected_scores(FI_START), expected_scores(FI_FOLLOW)
    result = run_cli(["survey", "score", str(FI_START), "--by", "ryhmä", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert (data["total"]["n"], data["total"]["mean"]) == (
        len(start),
        round(sum(start.values()) / len(start), 4),
    )
    assert [g["n"] for g in data["groups"]] == [6, 6]
    result = run_cli(["survey", "change", str(FI_START), str(FI_FOLLOW), "--format", "json"])
    assert result.exit_code == 0, result.output
    total = json.loads(result.stdout)["total"]
    changes = [follow[p] - start[p] for p in follow if p in start]
    assert (total["pairs"], total["change"]["test"]) == (len(changes), "paired_t")
    assert total["change"]["mean_change"] == round(sum(changes) / len(changes), 4)


def test_score_refuses_one_file_holding_both_waves(tmp_path: Path) -> None:
    both = tmp_path / "molemmat.csv"
    follow_rows = FI_FOLLOW.read_text(encoding="utf-8-sig").splitlines()[1:]
    both.write_text(
        FI_START.read_text(encoding="utf-8-sig") + "\n".join(follow_rows) + "\n", encoding="utf-8"
    )
    result = run_cli(["survey", "score", str(both)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"palaset: {both} sisältää molempien mittauskertojen vastauksia (12 alkumittauksen ja 11 seurannan "
        "riviä): yhdessä pisteytettyinä samat ihmiset laskettaisiin kahdesti. Pisteytä yksi mittauskerta "
        f"(--wave start tai --wave follow_up) tai vertaa niitä: palaset survey change {both}\n"
    )
    assert run_cli(["survey", "score", str(both), "--wave", "follow_up"]).exit_code == 0
    assert run_cli(["survey", "change", str(both)]).exit_code == 0


def test_change_refuses_the_start_and_follow_up_swapped_with_a_non_zero_exit() -> None:
    result = run_cli(["--lang", "en", "survey", "change", str(FI_FOLLOW), str(FI_START)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"palaset: {FI_FOLLOW} holds follow-up answers and {FI_START} start answers: give the start file "
        "first, then the follow-up file\n"
    )


def test_instruments_show_prints_a_file_that_loads_back_and_scores_the_same(tmp_path: Path) -> None:
    from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
    from osallisuuden_palaset.surveying.instruments import load_instrument

    result = run_cli(["survey", "instruments", "show", "esis"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Mittarin esis määrittely. Kopioi tiedostoon, muokkaa ja käytä:\n")
    copy = tmp_path / "oma-esis.yaml"
    copy.write_text(result.stdout, encoding="utf-8")
    assert load_instrument(copy) == builtin_instrument("esis.yaml")
    own = run_cli(["survey", "score", str(FI_START), "--instrument-file", str(copy), "--format", "json"])
    registered = run_cli(["survey", "score", str(FI_START), "--format", "json"])
    assert own.stdout == registered.stdout
    missing = run_cli(["survey", "instruments", "show", "esiss"])
    assert missing.exit_code == 1
    assert missing.stderr.startswith("palaset: mittaria 'esiss' ei ole (")


WEBROPOL_COLUMNS = """\
# Webropol numbers every question: the ESIS items are questions 3 to 12.
columns:
  respondent: Vastaajatunnus
  wave: Mittauskerta
  items: [Q3, Q4, Q5, Q6, Q7, Q8, Q9, Q10, Q11, Q12]
"""


def webropol_file(tmp_path: Path) -> Path:
    """The Finnish fixture with Webropol's headers: every question numbered, two before the ESIS items."""
    path = tmp_path / "webropol.csv"
    lines = []
    for source in (FI_START, FI_FOLLOW):
        rows = source.read_text(encoding="utf-8-sig").splitlines()[1:]
        lines += [f"{c[0]};{c[1]};{c[2]};kyllä;" + ";".join(c[3:]) for c in (r.split(";") for r in rows)]
    header = "Vastaajatunnus;Mittauskerta;Q1;Q2;" + ";".join(f"Q{i}" for i in range(3, 13))
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_a_column_file_maps_the_columns_for_score_change_export_and_build(tmp_path: Path) -> None:
    answers = webropol_file(tmp_path)
    columns = tmp_path / "sarakkeet.yaml"
    columns.write_text(WEBROPOL_COLUMNS, encoding="utf-8")
    unmapped = run_cli(["survey", "score", str(answers), "--wave", "start"])
    assert unmapped.exit_code == 1
    assert "sarakkeet 'Q1' … 'Q12' on numeroitu yli mittarin esis 10 kysymyksen" in unmapped.stderr
    mapped = ["--columns", str(columns)]
    score = run_cli(["survey", "score", str(answers), "--wave", "start", "--format", "json", *mapped])
    direct = run_cli(["survey", "score", str(FI_START), "--format", "json"])
    assert score.exit_code == 0, score.output
    assert json.loads(score.stdout)["total"] == json.loads(direct.stdout)["total"]
    change = run_cli(["survey", "change", str(answers), "--format", "json", *mapped])
    paired = run_cli(["survey", "change", str(FI_START), str(FI_FOLLOW), "--format", "json"])
    assert json.loads(change.stdout)["total"] == json.loads(paired.stdout)["total"]
    practice = Path(__file__).parents[2] / "examples" / "elava-portfolio.yaml"
    exported = run_cli(
        ["--lang", "en", "export", str(practice), "-f", "markdown", "--survey", str(answers), *mapped]
    )
    assert exported.exit_code == 0, exported.stderr
    assert "| All | Start | 12 |" in exported.stdout
    out = tmp_path / "out"
    built = run_cli(
        ["build", str(practice), "--output", str(out), "--no-diagrams", "--survey", str(answers), *mapped]
    )
    assert built.exit_code == 0, built.stderr
    assert (out / "surveys" / "elava-portfolio.svg").exists()
    refused = run_cli(["export", str(practice), "-f", "markdown", "--survey", str(answers)])
    assert refused.exit_code == 1
    assert "--columns TIEDOSTO.yaml" in refused.stderr
    alone = run_cli(["export", str(practice), "-f", "markdown", *mapped])
    assert (alone.exit_code, alone.stderr) == (
        1,
        "palaset: --columns tarvitsee vastaukset: anna --survey TIEDOSTO.csv\n",
    )


def test_a_column_file_mistake_is_located_and_ends_the_command(tmp_path: Path) -> None:
    columns = tmp_path / "sarakkeet.yaml"
    columns.write_text("columns:\n  respondnet: Tunnus\n", encoding="utf-8")
    result = run_cli(["survey", "score", str(FI_START), "--columns", str(columns)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{columns}:2:3: tuntematon avain 'respondnet'; tarkoititko 'respondent'?\n"


def test_survey_score_of_an_endless_pipe_stops_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: `survey score /dev/zero` read forever; a pipe (like a device) is read up to the cap."""
    from osallisuuden_palaset.surveying import tables

    monkeypatch.setattr(tables, "MAX_BYTES", 1024 * 1024)
    with endless_fifo(tmp_path / "loputon") as fifo:
        result = run_cli(["survey", "score", str(fifo)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{fifo}:1:1: tiedosto on suurempi kuin 1 MiB (onko se laite tai putki, joka ei lopu?): anna "
        "kyselytyökalun vientitiedosto\n"
    )
