"""The markdown format: Innokylä's field order, an evaluation appendix, labels per language, literal text."""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuuden_palaset.default_plugins.exporters.markdown import tidy, tidy_lines
from osallisuuden_palaset.markup import unescape_markdown
from osallisuuden_palaset.messages.labels import label
from osallisuuden_palaset.model.project import Period
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.output.exporting import export
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS

MARKDOWN = EXPORTERS["markdown"]


def _render(model: object, lang: str = "fi") -> str:
    return export(MARKDOWN, model, lang=lang, context=samples.context()).decode("utf-8")  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_fields_come_in_innokyla_order(lang: str) -> None:
    text = _render(samples.rich_practice(), lang)
    keys = [
        "name",
        "summary",
        "location",
        "wellbeing_county",
        "funder",
        "collection",
        "authors",
        "basic_idea",
        "environment",
        "target_group",
        "implementation",
        "attachments",
        "development",
        "evaluation_appendix",
    ]
    positions = [text.index(label(k, lang)) for k in keys]  # type: ignore[arg-type]
    assert positions == sorted(positions)


def test_steps_sit_under_implementation_in_flow_order_with_their_details() -> None:
    text = _render(samples.rich_practice(), "en")
    implementation = text.index("## Conditions for working and adoption")
    steps = [
        text.index(f"### {n}. {name}")
        for n, name in enumerate(
            ["Mapping", "Cards", "Group sessions", "Small practice", "Presentation"], start=1
        )
    ]
    assert implementation < steps[0]
    assert steps == sorted(steps)
    first = text[steps[0] : steps[1]]
    assert "- **Participants:**\n  - participant (participant)\n  - ohjaaja (staff): Kuuntelee." in first
    assert "- **Modality:** hybrid" in first
    assert "- **Group size:** 1" in first
    assert "  - p2 Principle 2: strong — Together." in first
    assert "- **Flow:** optional → Small practice (if needed)" in first
    cards = text[steps[1] : steps[2]]
    assert "- **Reused block:** tyokalut/kortit" in cards
    assert "- **Kind:** tool" in cards  # the reused block is resolved through the context


def test_the_appendix_has_a_section_per_dimension_with_verdicts_claims_and_principles() -> None:
    text = _render(samples.rich_practice(), "en")
    appendix = text[text.index("## Evaluation appendix") :]
    for n in (1, 2, 3):
        assert f"#### Dimension d{n}: Dimension {n}\n\n**Verdict: " in appendix
    d1 = appendix[appendix.index("Dimension d1") : appendix.index("Dimension d2")]
    assert "**Verdict: covered** — " in d1  # a strong claim with evidence on p2
    assert "- Mapping: moderate — *no evidence given*" in d1  # the claim on d1 itself
    assert (
        "- **Principle p2:** Principle 2 — **covered:** 2 strong claims with evidence (kartoitus, kortit)\n"
        "  - Mapping: strong — Together.\n"
        "  - Cards (reused: tyokalut/kortit): strong — Together" in d1
    )
    assert "  - Mapping / Haastattelu: weak — *no evidence given*" in d1  # a part's claim names its block
    assert "- **Principle p1:** Principle 1 — **not claimed:**" in d1
    d3 = appendix[appendix.index("Dimension d3") :]
    # An included practice's claim counts for its step and says where it comes from.
    assert "- Small practice / Tapaaminen (included: pieni): weak — *no evidence given*" in d3
    assert "- **k3:** Etsitäänkö ratkaisut yhdessä? (Source: written for this program)" in appendix
    assert "  - Answer: Ratkaisut etsitään yhdessä." in appendix
    assert "- **k1:** Miten tavoitatte? (Source: paraphrase, THL, question 1) — no answer" in appendix


def test_a_missing_reference_is_shown_not_fatal() -> None:
    text = export(MARKDOWN, samples.rich_practice(), lang="en").decode()
    assert "- **Reused block:** tyokalut/kortit (not found)" in text
    assert "The framework is not registered." in text


def test_hostile_text_comes_out_literal() -> None:
    text = _render(samples.hostile_practice(), "en")
    lines = text.split("\n")
    headings = [line for line in lines if line.startswith("#")]
    # Only our own headings: user text never starts a line with markup.
    assert all(line.split(" ", 1)[0] in {"#", "##", "###", "####"} for line in headings)
    assert f"# {unescape_markdown(headings[0][2:])}" == f"# {samples.HOSTILE}"
    for line in lines:
        body = line.lstrip()
        assert not body.startswith(("<", "=", "+", ">", "1.", "```")), line
        if body.startswith("|"):  # only rows of our own three-column tables: user pipes are escaped
            assert len(re.findall(r"(?<!\\)\|", body)) == 4, line
        if body.startswith("-"):
            assert body.startswith(("- ", "\\-")), line
    assert "<script>" not in text
    assert "\\<script\\>" in text
    basic_idea = text[text.index("## Basic idea of the solution") :].split("\n\n")[1]
    assert unescape_markdown(basic_idea) == samples.HOSTILE_LINES


def _tidy_whole(text: str) -> str:
    """The tidying rule on a whole text, as it was written before reports were streamed."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        item = line.lstrip().startswith("- ")
        if item and len(out) >= 2 and not out[-1] and out[-2].lstrip().startswith("- "):
            out.pop()
        out.append(line)
    return "\n".join(out).strip() + "\n"


_LINES = st.sampled_from(["", " ", "\t", "- a", "  - b", "text", "  x  ", "#", "-x", "\u3000y"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=12), st.lists(st.integers(0, 60), max_size=6))
def test_tidying_as_the_parts_come_is_the_rule_on_the_whole_text(lines: list[str], cuts: list[int]) -> None:
    text = "\n".join(lines)
    bounds = sorted({min(c, len(text)) for c in cuts})
    parts = [text[a:b] for a, b in zip([0, *bounds], [*bounds, len(text)], strict=True)]
    streamed = "".join(tidy_lines(parts))
    assert streamed == _tidy_whole(text)
    assert tidy(text) == _tidy_whole(text)


def test_output_is_tidy() -> None:
    text = _render(samples.collection())
    assert "\n\n\n" not in text
    assert not any(line != line.rstrip() for line in text.split("\n"))
    assert text.endswith("\n")
    assert not text.endswith("\n\n")


@pytest.mark.parametrize(("lang", "created"), [("fi", "2.1.2020"), ("sv", "2.1.2020"), ("en", "2 Jan 2020")])
def test_dates_are_written_as_the_language_writes_them(lang: Lang, created: str) -> None:
    text = unescape_markdown(_render(samples.rich_practice(), lang))
    assert f"- **{label('created', lang)}:** {created}\n" in text
    assert "2020-01-02" not in text


def test_a_project_period_is_a_date_range_in_the_language() -> None:
    project = attrs.evolve(samples.project(), period=Period(dt.date(2017, 9, 1), dt.date(2020, 5, 31)))
    assert "- **Toteutusaika:** 1.9.2017–31.5.2020\n" in unescape_markdown(_render(project, "fi"))
    assert "- **Period:** 1 Sept 2017–31 May 2020\n" in unescape_markdown(_render(project, "en"))
