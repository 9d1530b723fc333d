"""Tests of the outputs: suppression holds in every one of them, and text outputs match reviewed snapshots."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport, change_report, score_report
from osallisuuden_palaset.surveying.chart import change_chart
from osallisuuden_palaset.surveying.evidence import (
    change_evidence,
    survey_section_html,
    survey_section_markdown,
)
from osallisuuden_palaset.surveying.reporting import number, p_value, render, signed
from osallisuuden_palaset.surveying.responses import parse_responses
from osallisuuden_palaset.surveying.scoring import score_responses

SNAPSHOTS = Path(__file__).parent.parent / "snapshots" / "surveys"
#: People per group: A 8, B 6, C 2. C's two answer alike, so their figures would be unmistakable.
GROUPS = {"A": 8, "B": 6, "C": 2}
SMALL = ("hanke=B", "hanke=C")


def answers(group: str, person: int, wave: Wave) -> list[int]:
    if group == "C":
        return [1 if wave is Wave.START else 2] * 10
    if wave is Wave.START:
        return [max(1, min(5, 3 + ((person + item) % 3) - 1)) for item in range(10)]
    return [max(1, min(5, 4 + ((2 * person + item * (person % 2)) % 3) - 1)) for item in range(10)]


def csv_text(wave: Wave) -> str:
    rows = ["respondent,hanke," + ",".join(f"esis{i}" for i in range(1, 11))]
    for group, size in GROUPS.items():
        for person in range(size):
            rows.append(f"{group}{person},{group}," + ",".join(map(str, answers(group, person, wave))))
    return "\n".join(rows) + "\n"


@pytest.fixture
def change(esis: Instrument) -> ChangeReport:
    start = parse_responses(csv_text(Wave.START), esis, name="alku.csv", wave=Wave.START).responses
    follow = parse_responses(
        csv_text(Wave.FOLLOW_UP), esis, name="seuranta.csv", wave=Wave.FOLLOW_UP
    ).responses
    return change_report(esis, score_responses(esis, start), score_responses(esis, follow), by=["hanke"])


@pytest.fixture
def scores(esis: Instrument) -> ScoreReport:
    start = parse_responses(csv_text(Wave.START), esis, name="alku.csv").responses
    return score_report(esis, score_responses(esis, start), by=["hanke"])


def assert_snapshot(name: str, actual: str) -> None:
    """Compare with tests/snapshots/surveys/NAME; PALASET_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if os.environ.get("PALASET_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; run with PALASET_UPDATE_SNAPSHOTS=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def figure_free(cells: list[str]) -> bool:
    """Whether table cells hold nothing but a "<5" size and dashes."""
    return all(c.strip() in ("<5", "\\<5", "–", "") for c in cells)


def test_the_fixture_suppresses_c_and_then_b_beside_the_total(change: ChangeReport) -> None:
    a, b, c = change.groups
    assert not a.start.suppressed
    assert a.paired is not None
    for group in (b, c):
        assert group.start.suppressed
        assert group.follow_up.suppressed
        assert group.pairs_suppressed
        assert (group.start.n_shown, group.follow_up.n_shown, group.pairs_shown) == ("<5", "<5", "<5")


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_text_shows_no_figures_for_small_groups(change: ChangeReport, scores: ScoreReport, lang: str) -> None:
    for report in (change, scores):
        text = render(report, "text", lang)  # type: ignore[arg-type]
        rows = [line for line in text.splitlines() if line.startswith(SMALL)]
        assert len(rows) >= 2
        for row in rows:
            tail = row.split(None, 1)[1]
            assert figure_free(tail.split()) or tail.endswith(("group too small", "liian pieni ryhmä",
                                                                 "för liten grupp")), row  # fmt: skip


def test_json_gives_small_groups_their_size_as_less_than_and_nothing_else(
    change: ChangeReport, scores: ScoreReport
) -> None:
    data = json.loads(render(scores, "json"))
    for group in data["groups"][1:]:
        assert group == {"group": group["group"], "n": "<5", "suppressed": True}
    data = json.loads(render(change, "json"))
    for group in data["groups"][1:]:
        assert group["change"] is None
        assert group["pairs"] == "<5"
        assert group["start"] == group["follow_up"] == {"n": "<5", "suppressed": True}
    assert data["groups"][0]["change"]["test"] == "paired_t"


def test_csv_leaves_every_figure_of_small_groups_empty(change: ChangeReport, scores: ScoreReport) -> None:
    for report in (change, scores):
        rows = list(csv.reader(io.StringIO(render(report, "csv"))))
        small = [row for row in rows if row[0] in ("B", "C")]
        assert len(small) == 2
        for row in small:
            assert figure_free(row[1:]), row


def test_markdown_and_html_sections_show_no_figures_for_small_groups(change: ChangeReport) -> None:
    markdown = survey_section_markdown(change, lang="en", chart_file="kuva.svg")
    rows = [line for line in markdown.splitlines() if line.startswith(("| hanke=B", "| hanke=C"))]
    assert len(rows) == 2
    assert all(figure_free(r.strip("|").split("|")[1:]) for r in rows)
    html = survey_section_html(change, lang="en")
    ElementTree.fromstring(html)  # well-formed
    for group in ("B", "C"):
        row = re.search(rf"<tr><th scope=\"row\">hanke={group}</th>(.*?)</tr>", html)
        assert row is not None
        assert figure_free(re.findall(r"<td>(.*?)</td>", row.group(1).replace("&lt;", "<")))


def test_the_chart_of_a_small_group_draws_no_bars_and_evidence_refuses_it(change: ChangeReport) -> None:
    svg = change_chart(change, change.groups[2], lang="en")
    root = ElementTree.fromstring(svg)
    bars = [
        r
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
        if r.find("{http://www.w3.org/2000/svg}title")
    ]
    assert bars == []
    assert "not shown (under 5)" in svg
    with pytest.raises(UsageError, match="cannot be cited"):
        change_evidence(change, change.groups[2])


def test_evidence_states_the_change_in_three_languages(change: ChangeReport) -> None:
    evidence = change_evidence(change)
    paired = change.total.paired
    assert paired is not None
    assert evidence.get("en").startswith("Experiences of Social Inclusion Scale (ESIS): 16 respondents")
    assert signed(paired.mean_change, 1, "fi") in evidence.get("fi")
    assert "parat t-test" in evidence.get("sv")


def test_numbers_are_formatted_for_people() -> None:
    assert (number(2.345, 1, "fi"), number(2.345, 1, "en"), number(None, 1)) == ("2,3", "2.3", "–")
    assert (signed(-0.04, 1), signed(-1.25, 1, "sv"), number(-0.04, 1)) == ("+0.0", "−1,2", "0.0")
    assert (p_value(0.0004), p_value(0.0512, "fi"), p_value(None)) == ("< 0.001", "= 0,051", "–")


def test_outputs_are_deterministic_and_match_the_snapshots(change: ChangeReport, scores: ScoreReport) -> None:
    assert_snapshot("change.fi.txt", render(change, "text", "fi"))
    assert_snapshot("change.json", render(change, "json"))
    assert_snapshot("change.csv", render(change, "csv"))
    assert_snapshot("scores.en.txt", render(scores, "text", "en"))
    assert_snapshot("scores.csv", render(scores, "csv"))
    assert_snapshot("section.en.md", survey_section_markdown(change, lang="en", chart_file="muutos.svg"))
    assert_snapshot("section.fi.html", survey_section_html(change, lang="fi"))
    assert_snapshot("chart.en.svg", change_chart(change, lang="en"))


def test_unknown_format_is_refused(change: ChangeReport) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(change, "xlsx")
