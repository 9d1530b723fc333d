"""Issue 13's two attacks, reproduced as a reader would try them, against every output format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.model.survey import Wave
from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport, change_report, score_report
from osallisuuden_palaset.surveying.disclosure import Cell, LinkedTable, Part, recoveries
from osallisuuden_palaset.surveying.evidence import (
    section_chart,
    survey_section_html,
    survey_section_markdown,
)
from osallisuuden_palaset.surveying.privacy import Hidden
from osallisuuden_palaset.surveying.responses import read_responses
from osallisuuden_palaset.surveying.scoring import score_responses
from osallisuuden_palaset.testing import run_cli
from tests.surveying import published
from tests.surveying.test_attacker import STATUS, truth

ESIS = builtin_instrument("esis.yaml")
HEAD = ["tunniste", *(f"esis{i}" for i in range(1, 11))]


def answers(points: int) -> list[int]:
    """Ten answers 1–5 adding up to ``points`` (an ESIS score of 2.5 × (points − 10))."""
    values, left = [1] * 10, points - 10
    for i in range(10):
        step = min(4, left)
        values[i] += step
        left -= step
    return values


def write(path: Path, rows: list[tuple[str, int, list[str]]], extra: list[str]) -> str:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow([*HEAD, *extra])
        for who, points, fields in rows:
            writer.writerow([who, *answers(points), *fields])
    return str(path)


@pytest.fixture
def pre_post(tmp_path: Path) -> tuple[str, str]:
    """A: 16 who all answered twice, mean change 10.9375; B: 4 pairs (11.875) and 2 + 2 answering once.

    Everyone's 20 pairs change by 11.125 on average: the issue's (20 × 11.125 − 16 × 10.9375) / 4.
    """
    start, follow = [], []
    for p in range(16):
        s, change = 20 + p % 8, 5 if p < 6 else 4  # 12.5 or 10 points of the score
        start.append((f"A{p:02}", s, ["A"]))
        follow.append((f"A{p:02}", s + change, ["A"]))
    for p, change in enumerate([5, 5, 5, 4]):
        start.append((f"B{p:02}", 22 + p, ["B"]))
        follow.append((f"B{p:02}", 22 + p + change, ["B"]))
    start += [("B10", 25, ["B"]), ("B11", 27, ["B"])]
    follow += [("B20", 31, ["B"]), ("B21", 29, ["B"])]
    return (
        write(tmp_path / "alku.csv", start, ["ryhmä"]),
        write(tmp_path / "seuranta.csv", follow, ["ryhmä"]),
    )


@pytest.fixture
def nested(tmp_path: Path) -> str:
    """K2: A 7 (mean 50.3571) and B 1 (37.5), together 8 with mean 48.75; K1: A 3 and B 5."""
    rows = [(f"a2{i}", s, ["A", "K2"]) for i, s in enumerate([30, 32, 28, 31, 29, 30, 31])]
    rows.append(("b20", 25, ["B", "K2"]))
    rows += [(f"a1{i}", s, ["A", "K1"]) for i, s in enumerate([33, 35, 27])]
    rows += [(f"b1{i}", s, ["B", "K1"]) for i, s in enumerate([26, 28, 34, 36, 30])]
    return write(tmp_path / "vastaukset.csv", rows, ["ryhmä", "kunta"])


def outputs(report: ScoreReport | ChangeReport, cli: list[str]) -> dict[str, str]:
    """Every format of the report: the command line's text, JSON and CSVs, the sections and the chart."""
    out = {}
    for name, args in (("text", []), ("json", ["--format", "json"]), ("csv", ["--format", "csv"]),
                       ("excel", ["--excel"])):  # fmt: skip
        result = run_cli(["--lang", "fi", *cli, *args])
        assert result.exit_code == 0, result.output
        out[name] = result.stdout
    out["markdown"] = survey_section_markdown(report, lang="fi")
    out["html"] = survey_section_html(report, lang="fi")
    out["chart"] = section_chart(report, lang="fi")
    return out


def parsed(report: ScoreReport | ChangeReport, shown: dict[str, str]) -> dict[str, published.Published]:
    return {
        "text": published.from_text(report, shown["text"], "fi"),
        "json": published.from_json(report, shown["json"]),
        "csv": published.from_csv(report, shown["csv"]),
        "excel": published.from_csv(report, shown["excel"], excel=True),
        "markdown": published.from_markdown(report, shown["markdown"], "fi"),
        "html": published.from_html(report, shown["html"], "fi"),
    }


def test_the_pre_post_welch_attack_recovers_nothing_from_any_format(pre_post: tuple[str, str]) -> None:
    start, follow = pre_post
    first = score_responses(ESIS, read_responses(start, ESIS, wave=Wave.START).responses)
    second = score_responses(ESIS, read_responses(follow, ESIS, wave=Wave.FOLLOW_UP).responses)
    report = change_report(ESIS, first, second, by=["ryhmä"])
    shown = outputs(report, ["survey", "change", start, follow, "--by", "ryhmä"])
    total = json.loads(shown["json"])["total"]
    assert (total["pairs"], total["change"]["mean_change"]) == (20, 11.125)  # what the attack starts from
    # A's change (10.9375) is what the attack needs; no format shows it, rounded or not.
    for name, text in shown.items():
        for trace in ("10.9375", "10,9375", "+10,9", "+10.9", "44,7", "33,8", "11.875", "+11,9"):
            assert trace not in text, (name, trace)
    counts, everyone = truth(first, second, ["ryhmä"])
    for name, cells in parsed(report, shown).items():
        a = [cells[Cell((("ryhmä", "A"),), part)][0] for part in (Part.START, Part.FOLLOW_UP, Part.PAIRS)]
        assert a == ["complementary"] * 3, name
        table = LinkedTable(5, counts, {c: STATUS[s[0]] for c, s in cells.items()}, everyone)
        assert recoveries(table) == (), name


def test_a_group_hidden_to_protect_another_is_labelled_so_not_as_small(pre_post: tuple[str, str]) -> None:
    # The issue: A's 16 were labelled "<5", and the text said "too few of the same respondents".
    result = run_cli(["--lang", "fi", "survey", "change", *pre_post, "--by", "ryhmä"])
    rows = [line for line in result.stdout.splitlines() if line.startswith("ryhmä=A ")]
    assert rows
    assert all("suojattu" in row and "<5" not in row for row in rows)
    assert "ryhmä=A: Liian vähän samoja vastaajia" not in result.stdout
    assert "ryhmä=A: piilotettu toisen ryhmän suojaamiseksi." in result.stdout
    # B is small in its pairs but not in its waves: each part says its own reason.
    assert (
        "ryhmä=B: alkumittauksessa luvut on piilotettu toisen ryhmän suojaamiseksi; seurannassa luvut on "
        "piilotettu toisen ryhmän suojaamiseksi; alle 5 samaa vastaajaa molemmilla kerroilla, joten muutosta "
        "ei näytetä."
    ) in result.stdout
    data = json.loads(run_cli(["survey", "change", *pre_post, "--by", "ryhmä", "--format", "json"]).stdout)
    a, b = data["groups"]
    assert (a["pairs"], a["pairs_suppressed"], a["start"]["suppressed"]) == (
        None,
        "complementary",
        "complementary",
    )
    assert (b["pairs"], b["pairs_suppressed"]) == ("<5", "small")


def test_the_nested_breakdown_attack_recovers_nothing_beside_the_margin_run(nested: str) -> None:
    by_kunta = json.loads(run_cli(["survey", "score", nested, "--by", "kunta", "--format", "json"]).stdout)
    k2 = next(g for g in by_kunta["groups"] if g["group"] == {"kunta": "K2"})
    assert (k2["n"], k2["mean"]) == (8, 48.75)  # published on its own: the attack's first half
    scores = score_responses(ESIS, read_responses(nested, ESIS).responses)
    report = score_report(ESIS, scores, by=["ryhmä", "kunta"])
    shown = outputs(report, ["survey", "score", nested, "--by", "ryhmä", "--by", "kunta"])
    for name, text in shown.items():
        for trace in ("50.3571", "50,3571", "50,4", "37.5", "37,5"):
            assert trace not in text, (name, trace)
    counts, everyone = truth(scores, None, ["ryhmä", "kunta"])
    for name, cells in parsed(report, shown).items():
        assert cells[Cell((("ryhmä", "A"), ("kunta", "K2")), Part.SCORES)][0] != "n", name
        # Beside the run by kunta alone (its rows as it shows them), no score can be worked out.
        both = {c: STATUS[s[0]] for c, s in cells.items()}
        both |= {Cell(tuple(g["group"].items()), Part.SCORES): None for g in by_kunta["groups"]}
        assert not [r for r in recoveries(LinkedTable(5, counts, both, everyone)) if r.figure == "sum"], name
    # Counts could still be narrowed down beside it, and the report says so.
    assert report.margins_widened
    assert "Julkaise vain tämä taulukko" in shown["text"]
    reverse = run_cli(["survey", "score", nested, "--by", "kunta", "--by", "ryhmä", "--format", "json"])
    flipped = {frozenset(g["group"].items()): g["suppressed"] for g in json.loads(reverse.stdout)["groups"]}
    assert flipped == {frozenset(g.key): g.hidden.value if g.hidden else None for g in report.groups}
    assert report.groups[-1].hidden is Hidden.SMALL  # (B, K2): one person
