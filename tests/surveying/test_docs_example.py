"""docs/surveys.md shows a report section produced from the examples: it must be what the library writes."""

from __future__ import annotations

import re

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.model.survey import Wave
from osallisuuden_palaset.surveying.analysis import ChangeReport, change_report
from osallisuuden_palaset.surveying.evidence import section_chart, survey_section_markdown
from osallisuuden_palaset.surveying.responses import read_responses
from osallisuuden_palaset.surveying.scoring import score_responses
from osallisuuden_palaset.testing import assert_snapshot
from tests.docs import REPO

DOC = REPO / "docs" / "surveys.md"
CHART = REPO / "docs" / "images" / "kysely-esimerkki.svg"
BLOCK = re.compile(r"(<!-- example-section: begin -->\n)(.*?)(<!-- example-section: end -->)", re.S)


def example() -> ChangeReport:
    esis = builtin_instrument("esis.yaml")
    answers = REPO / "examples" / "kyselyt" / "elava-portfolio"
    start = read_responses(f"{answers}-alku.csv", esis, wave=Wave.START).responses
    follow = read_responses(f"{answers}-seuranta.csv", esis, wave=Wave.FOLLOW_UP).responses
    return change_report(esis, score_responses(esis, start), score_responses(esis, follow), by=["ryhma"])


def test_the_docs_show_the_section_the_library_writes_for_the_examples() -> None:
    """PALASET_UPDATE_SNAPSHOTS=1 writes the section into the docs (and the chart beside it)."""
    report = example()
    section = survey_section_markdown(report, lang="fi", level=4, chart_file="images/kysely-esimerkki.svg")
    chart = section_chart(report, lang="fi")
    text = DOC.read_text(encoding="utf-8")
    assert BLOCK.search(text) is not None, "docs/surveys.md lost its example-section markers"
    assert_snapshot(DOC, BLOCK.sub(lambda m: m.group(1) + "\n" + section + "\n" + m.group(3), text))
    assert_snapshot(CHART, chart)
    # The section a reader sees protects the two small groups and shows the others.
    assert "| ryhma=Etäryhmä | \\<5 | – | – | – | – |" in section
    assert "ryhma=Kokkola: pistemäärä nousi keskimäärin" in section
