"""Survey results in the markdown and html reports: the section, the chart, and small groups suppressed."""

from __future__ import annotations

import functools
from pathlib import Path

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.model.survey import Wave
from osallisuuden_palaset.output.exporting import SurveyResults, export
from osallisuuden_palaset.surveying.analysis import ChangeReport, change_report
from osallisuuden_palaset.surveying.responses import read_responses
from osallisuuden_palaset.surveying.scoring import score_responses
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS

SURVEYS = Path(__file__).resolve().parents[3] / "examples" / "kyselyt"


@functools.cache
def report() -> ChangeReport:
    """The invented example answers of examples/kyselyt/ by group (two groups are under 5)."""
    esis = builtin_instrument("esis.yaml")
    start = read_responses(SURVEYS / "elava-portfolio-alku.csv", esis, wave=Wave.START)
    follow = read_responses(SURVEYS / "elava-portfolio-seuranta.csv", esis, wave=Wave.FOLLOW_UP)
    assert not start.problems
    assert not follow.problems
    return change_report(
        esis, score_responses(esis, start.responses), score_responses(esis, follow.responses), by=["ryhma"]
    )


def _render(fmt: str, chart_file: str | None = None, lang: str = "en") -> str:
    surveys = {"elava-portfolio": SurveyResults(report(), chart_file)}
    data = export(
        EXPORTERS[fmt],
        samples.project(),
        lang=lang,  # type: ignore[arg-type]
        context=samples.context(),
        surveys=surveys,
    )
    return data.decode("utf-8")


def test_the_example_answers_have_shown_and_suppressed_groups() -> None:
    groups = {dict(g.key)["ryhma"]: g for g in report().groups}
    assert {k for k, g in groups.items() if g.start.suppressed} == {"Etäryhmä", "Kotikäynnit"}
    assert {k for k, g in groups.items() if g.paired is not None} == {"Kannus", "Kaustinen", "Kokkola"}


def test_markdown_has_the_section_in_the_surveyed_practice_before_its_appendix() -> None:
    text = _render("markdown", chart_file="../surveys/elava-portfolio.svg")
    rich = text.index("## Living portfolio")
    small = text.index("## Small practice")
    section = text.index("### Experience of inclusion")
    assert rich < section < text.index("### Evaluation appendix", rich) < small
    assert text.count("### Experience of inclusion") == 1  # only the surveyed practice has it
    assert "![" in text
    assert "](<../surveys/elava-portfolio.svg>)" in text
    assert "<!--" not in text


def test_markdown_suppresses_small_groups_and_shows_the_others() -> None:
    text = _render("markdown")
    rows: dict[str, list[list[str]]] = {}
    for line in text.splitlines():
        if line.startswith("| ryhma="):
            cells = line.strip("| ").split(" | ")
            rows.setdefault(cells[0], []).append(cells[1:])
    assert set(rows) == {f"ryhma={g}" for g in ("Etäryhmä", "Kannus", "Kaustinen", "Kokkola", "Kotikäynnit")}
    for small in ("Etäryhmä", "Kotikäynnit"):
        start, follow, change = rows[f"ryhma={small}"]
        assert (start, follow) == (["Start", "\\<5", *["–"] * 4], ["Follow-up", "\\<5", *["–"] * 4])
        assert change == ["\\<5", *["–"] * 4]
    start, _, change = rows["ryhma=Kokkola"]
    assert start[1] == "6"
    assert change[0] == "6"
    assert change[1].startswith("+")


def test_markdown_without_a_chart_file_says_the_chart_is_left_out() -> None:
    text = _render("markdown", chart_file=None)
    assert "![" not in text
    assert "<!-- The chart is left out: palaset build writes it as an SVG file beside the report. -->" in text


def test_html_embeds_the_chart_and_suppresses_small_groups() -> None:
    page = _render("html", lang="fi")
    section = page[page.index('<section class="survey">') : page.index('<section class="appendix">')]
    assert "<h2>Osallisuuden kokemus</h2>" not in section  # one level below the practice heading
    assert "<h3>Osallisuuden kokemus</h3>" in section
    assert "<svg " in section
    assert "<script" not in page
    assert '<th scope="row">ryhma=Etäryhmä</th><td>Alkumittaus</td><td>&lt;5</td><td>–</td>' in section
    assert '<th scope="row">ryhma=Etäryhmä</th><td>&lt;5</td><td>–</td><td>–</td>' in section
    assert '<th scope="row">ryhma=Kokkola</th><td>Alkumittaus</td><td>6</td>' in section
    assert '<th scope="row">ryhma=Kokkola</th><td>6</td><td>+' in section
    assert page.count('<section class="survey">') == 1


def test_reports_without_survey_results_have_no_section() -> None:
    text = export(EXPORTERS["markdown"], samples.project(), lang="en", context=samples.context()).decode()
    assert "Experience of inclusion" not in text
