"""Tests of the outputs: suppression holds in every one of them, and text outputs match reviewed snapshots."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport, change_report, score_report
from osallisuuden_palaset.surveying.chart import change_chart, means_chart
from osallisuuden_palaset.surveying.evidence import (
    change_evidence,
    section_chart,
    survey_section_html,
    survey_section_markdown,
)
from osallisuuden_palaset.surveying.privacy import Hidden
from osallisuuden_palaset.surveying.reporting import number, p_value, render, signed
from osallisuuden_palaset.surveying.responses import parse_responses
from osallisuuden_palaset.surveying.scoring import score_responses
from osallisuuden_palaset.surveying.sentences import sentences
from osallisuuden_palaset.testing import assert_snapshot

SNAPSHOTS = Path(__file__).parent.parent / "snapshots" / "surveys"
#: People per group: A 8, B 6, C 2. C's two answer alike, so their figures would be unmistakable.
GROUPS = {"A": 8, "B": 6, "C": 2}
SMALL = ("hanke=B", "hanke=C")
#: How each language labels a cell hidden to protect another.
PROTECTED = {"fi": "suojattu", "en": "protected", "sv": "skyddad"}


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


def figure_free(cells: list[str]) -> bool:
    """Whether table cells hold nothing but a "<5" size, a "protected" label and dashes."""
    return all(c.strip() in ("<5", "\\<5", "–", "", *PROTECTED.values()) for c in cells)


def test_the_fixture_hides_c_as_small_and_b_to_protect_it(change: ChangeReport) -> None:
    a, b, c = change.groups
    assert not a.start.suppressed
    assert a.paired is not None
    # C is small; beside the total B would give C away, so B is hidden to protect it, and says so.
    for figures, hidden, n in ((b, Hidden.COMPLEMENTARY, ""), (c, Hidden.SMALL, "<5")):
        assert (figures.start.hidden, figures.follow_up.hidden, figures.pairs_hidden) == (hidden,) * 3
        assert (figures.start.n_shown, figures.follow_up.n_shown, figures.pairs_shown) == (n,) * 3
        assert (figures.paired, figures.unpaired, figures.start.summary) == (None, None, None)


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_text_shows_no_figures_for_hidden_groups_and_says_why(
    change: ChangeReport, scores: ScoreReport, lang: str
) -> None:
    for report in (change, scores):
        text = render(report, "text", lang)  # type: ignore[arg-type]
        rows = [line.split("  ", 1)[1] for line in text.splitlines() if line.startswith(SMALL)]
        table_rows = [r for r in rows if "=" not in r and ":" not in r]
        assert len(table_rows) >= 2
        for row in table_rows:
            cells = [c for c in re.split(r"\s{2,}", row.strip()) if c]
            if isinstance(report, ChangeReport) and cells[0] in (
                "Alkumittaus",
                "Start",
                "Början",
                "Seuranta",
                "Follow-up",
                "Uppföljning",
            ):
                cells = cells[1:]
            assert figure_free(cells), row
        b_rows = [line for line in text.splitlines() if line.startswith("hanke=B ")]
        c_rows = [line for line in text.splitlines() if line.startswith("hanke=C ")]
        assert all(PROTECTED[lang] in line and "<5" not in line for line in b_rows)
        assert all("<5" in line and PROTECTED[lang] not in line for line in c_rows)


def test_json_gives_each_hidden_group_its_reason_and_nothing_else(
    change: ChangeReport, scores: ScoreReport
) -> None:
    data = json.loads(render(scores, "json"))
    b, c = data["groups"][1:]
    assert b == {"group": {"hanke": "B"}, "n": None, "suppressed": "complementary"}
    assert c == {"group": {"hanke": "C"}, "n": "<5", "suppressed": "small"}
    assert data["groups"][0]["suppressed"] is None
    data = json.loads(render(change, "json"))
    for group, n, reason in zip(data["groups"][1:], (None, "<5"), ("complementary", "small"), strict=True):
        assert group["change"] is None
        assert (group["pairs"], group["pairs_suppressed"]) == (n, reason)
        assert group["start"] == group["follow_up"] == {"n": n, "suppressed": reason}
    assert data["groups"][0]["change"]["test"] == "paired_t"


def test_csv_leaves_every_figure_of_hidden_groups_empty_with_the_reason(
    change: ChangeReport, scores: ScoreReport
) -> None:
    for report in (change, scores):
        rows = list(csv.reader(io.StringIO(render(report, "csv"))))
        head = rows[0]
        hidden = {row[0]: row for row in rows if row[0] in ("B", "C")}
        assert set(hidden) == {"B", "C"}
        for name, reason, n in (("B", "complementary", ""), ("C", "small", "<5")):
            row = hidden[name]
            assert {row[i] for i, h in enumerate(head) if h.endswith("suppressed")} == {reason}
            assert {row[i] for i, h in enumerate(head) if h in ("n", "pairs") or h.endswith("_n")} == {n}
            figures = [v for h, v in zip(head, row, strict=True) if not h.endswith(("suppressed", "_n"))]
            assert set(figures[1:]) <= {"", n}, row


def test_csv_for_finnish_excel_uses_semicolons_decimal_commas_and_a_bom(change: ChangeReport) -> None:
    text = render(change, "csv", csv_dialect="excel")
    assert text.startswith("\ufeffhanke;start_n;")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    standard = list(csv.reader(io.StringIO(render(change, "csv"))))
    assert [len(r) for r in rows] == [len(r) for r in standard]
    mean = standard[1][standard[0].index("start_mean")]
    assert "." in mean
    assert rows[1][standard[0].index("start_mean")] == mean.replace(".", ",")
    with pytest.raises(ValueError, match="unknown CSV dialect"):
        render(change, "csv", csv_dialect="libreoffice")


def test_markdown_and_html_sections_show_no_figures_for_hidden_groups(change: ChangeReport) -> None:
    markdown = survey_section_markdown(change, lang="en", chart_file="kuva.svg")
    rows = [line for line in markdown.splitlines() if line.startswith(("| hanke=B", "| hanke=C"))]
    assert len(rows) == 6  # two waves and the change of each
    assert all(
        figure_free(r.strip("|").split("|")[1:]) for r in rows if "Start" not in r and "Follow" not in r
    )
    assert all(figure_free(r.strip("|").split("|")[2:]) for r in rows if "Start" in r or "Follow" in r)
    html = survey_section_html(change, lang="en")
    ElementTree.fromstring(html)  # well-formed
    for group in ("B", "C"):
        found = re.findall(rf"<tr><th scope=\"row\">hanke={group}</th>(.*?)</tr>", html)
        assert len(found) == 3
        for row in found:
            cells = re.findall(r"<td>(.*?)</td>", row.replace("&lt;", "<"))
            assert figure_free([c for c in cells if c not in ("Start", "Follow-up")])


def test_the_chart_of_a_hidden_group_draws_no_bars_and_evidence_refuses_it(change: ChangeReport) -> None:
    for figures, why in ((change.groups[2], "fewer than 5 respondents"),
                         (change.groups[1], "hidden to protect another group")):  # fmt: skip
        root = ElementTree.fromstring(svg := change_chart(change, figures, lang="en"))
        bars = [
            r
            for r in root.iter("{http://www.w3.org/2000/svg}rect")
            if r.find("{http://www.w3.org/2000/svg}title")
        ]
        assert bars == []
        assert f"Start: {why}" in svg
    with pytest.raises(UsageError, match="cannot be cited: fewer than 5"):
        change_evidence(change, change.groups[2])
    with pytest.raises(UsageError, match="cannot be cited: it is hidden to protect another group"):
        change_evidence(change, change.groups[1])


def test_the_means_chart_draws_dots_only_for_groups_that_may_be_shown(change: ChangeReport) -> None:
    svg = means_chart(change, lang="fi")
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    tips = [c.find(f"{ns}title") for c in root.iter(f"{ns}circle")]
    shown = [t.text for t in tips if t is not None and t.text]
    assert len(shown) == 4  # everyone and A, start and follow-up each
    assert all(tip.startswith(("Alkumittaus: ", "Seuranta: ")) for tip in shown)
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "piilotettu toisen ryhmän suojaamiseksi" in texts
    assert "alle 5 vastaajaa" in texts
    combined = ElementTree.fromstring(section_chart(change, lang="fi"))
    assert len(list(combined.iter(f"{ns}svg"))) == 3  # the frame, the distributions, the means


def test_evidence_states_the_change_in_three_languages(change: ChangeReport) -> None:
    evidence = change_evidence(change)
    paired = change.total.paired
    assert paired is not None
    assert evidence.get("en").startswith("Experiences of Social Inclusion Scale (ESIS): 16 respondents")
    assert signed(paired.mean_change, 1, "fi") in evidence.get("fi")
    assert "parat t-test" in evidence.get("sv")


def test_one_plain_sentence_per_result_explains_itself_in_three_languages(change: ChangeReport) -> None:
    paired = change.total.paired
    assert paired is not None
    assert paired.p is not None
    assert paired.p < 0.05
    amount = number(paired.mean_change, 1, "fi")
    fi = sentences(change, "fi")
    assert len(fi) == 1 + len(change.groups)
    assert fi[0] == (
        f"Kaikki: pistemäärä nousi keskimäärin {amount} pistettä asteikolla 0–100 (16 samaa vastaajaa "
        f"molemmilla kerroilla); muutos on tilastollisesti merkitsevä (p {p_value(paired.p, 'fi')})."
    )
    assert fi[2:] == ["hanke=B: piilotettu toisen ryhmän suojaamiseksi.",
                      "hanke=C: alle 5 vastaajaa, joten lukuja ei näytetä."]  # fmt: skip
    assert sentences(change, "en")[0].startswith(
        f"All: the score rose by {number(paired.mean_change, 1)} points"
    )
    assert sentences(change, "sv")[0].startswith("Alla: poängen steg i genomsnitt med")
    text = render(change, "text", "fi")
    assert "d_z = muutoksen efektikoko" in text
    assert "95 % lv = 95 %:n luottamusväli" in text


def test_numbers_are_formatted_for_people() -> None:
    assert (number(2.345, 1, "fi"), number(2.345, 1, "en"), number(None, 1)) == ("2,3", "2.3", "–")
    assert (signed(-0.04, 1), signed(-1.25, 1, "sv"), number(-0.04, 1)) == ("+0.0", "−1,2", "0.0")
    assert (p_value(0.0004), p_value(0.0512, "fi"), p_value(None)) == ("< 0.001", "= 0,051", "–")


def test_outputs_are_deterministic_and_match_the_snapshots(change: ChangeReport, scores: ScoreReport) -> None:
    assert_snapshot(SNAPSHOTS / "change.fi.txt", render(change, "text", "fi"))
    assert_snapshot(SNAPSHOTS / "change.json", render(change, "json"))
    assert_snapshot(SNAPSHOTS / "change.csv", render(change, "csv"))
    assert_snapshot(SNAPSHOTS / "scores.en.txt", render(scores, "text", "en"))
    assert_snapshot(SNAPSHOTS / "scores.csv", render(scores, "csv"))
    assert_snapshot(
        SNAPSHOTS / "section.en.md", survey_section_markdown(change, lang="en", chart_file="muutos.svg")
    )
    assert_snapshot(SNAPSHOTS / "section.fi.html", survey_section_html(change, lang="fi"))
    assert_snapshot(SNAPSHOTS / "chart.en.svg", change_chart(change, lang="en"))


def test_unknown_format_is_refused(change: ChangeReport) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(change, "xlsx")


#: Every key the survey JSON may hold; a field added to a report class must be added here on purpose.
REPORT_KEYS = {
    "instrument",
    "min_group",
    "by",
    "bands",
    "skipped",
    "margins_widened",
    "withdrawn",
    "total",
    "groups",
}
CELL_KEYS = {
    "group",
    "n",
    "suppressed",
    "mean",
    "sd",
    "median",
    "ci_low",
    "ci_high",
    "distribution",
    "unscored",
}


def test_the_json_holds_only_listed_keys_so_a_new_field_cannot_leak_unseen(
    change: ChangeReport, scores: ScoreReport
) -> None:
    score_data, change_data = json.loads(render(scores, "json")), json.loads(render(change, "json"))
    assert set(score_data) == set(change_data) == REPORT_KEYS
    assert set(score_data["instrument"]) == {"id", "name", "low", "high"}
    assert all(set(cell) <= CELL_KEYS for cell in (score_data["total"], *score_data["groups"]))
    for cell in (change_data["total"], *change_data["groups"]):
        assert set(cell) == {"group", "start", "follow_up", "pairs", "pairs_suppressed", "change"}
        assert set(cell["start"]) | set(cell["follow_up"]) <= CELL_KEYS - {"group"}
    paired = change_data["total"]["change"]
    assert set(paired) == {
        "test",
        "n",
        "mean_change",
        "sd_change",
        "ci_low",
        "ci_high",
        "t",
        "df",
        "p",
        "d_z",
    }


def test_an_unpaired_change_is_a_welch_test_with_hedges_g(esis: Instrument) -> None:
    start = parse_responses(csv_text(Wave.START), esis, name="alku.csv", wave=Wave.START).responses
    renamed = csv_text(Wave.FOLLOW_UP).replace("\nA", "\nX").replace("\nB", "\nY").replace("\nC", "\nZ")
    follow = parse_responses(renamed, esis, name="seuranta.csv", wave=Wave.FOLLOW_UP).responses
    report = change_report(esis, score_responses(esis, start), score_responses(esis, follow))
    test = json.loads(render(report, "json"))["total"]["change"]
    assert set(test) == {"test", "difference", "ci_low", "ci_high", "t", "df", "p", "hedges_g"}
    assert test["test"] == "welch_t"
    assert all(v is None or isinstance(v, float) for k, v in test.items() if k != "test")
