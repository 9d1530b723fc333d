"""The evaluation appendix in the markdown and html reports: verdicts, claims, traffic lights, findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from osallisuuden_palaset.markup import unescape_markdown
from osallisuuden_palaset.messages.labels import label, value_label
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.evaluation import Claim, Rating
from osallisuuden_palaset.output.exporting import export
from osallisuuden_palaset.output.templating import path_markup
from osallisuuden_palaset.plugins.registry import get_frameworks
from osallisuuden_palaset.testing import make_plugin_manager
from tests.default_plugins.exporters.appendix_case import Case, load_case
from tests.default_plugins.exporters.formats import EXPORTERS

LIGHTS = {Rating.GREEN: "🟢", Rating.YELLOW: "🟡", Rating.RED: "🔴"}


@pytest.fixture
def case(tmp_path: Path) -> Case:
    return load_case(tmp_path)


def _markdown(case: Case, **given: object) -> str:
    given.setdefault("findings", case.findings)
    data = export(EXPORTERS["markdown"], case.practice, lang="en", context=case.workspace.context, **given)  # type: ignore[arg-type]
    return unescape_markdown(data.decode("utf-8"))


def _html(case: Case, **given: object) -> str:
    given.setdefault("findings", case.findings)
    data = export(EXPORTERS["html"], case.practice, lang="en", context=case.workspace.context, **given)  # type: ignore[arg-type]
    return data.decode("utf-8")


def _step_names(case: Case) -> dict[str, str]:
    return {s.id: s.name.get("en") for s in case.practice.steps if isinstance(s, Block)}


def _claim_md(claim: Claim, names: dict[str, str]) -> str:
    evidence = claim.evidence.get("en") if claim.evidence else f"*{label('no_evidence', 'en')}*"
    return f"{names[claim.step]}: {value_label(claim.strength, 'en')} — {evidence}"


def _section(text: str, start: str, end: str | None) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start)) if end else len(text)]


def test_markdown_shows_every_thl_dimension_and_principle_with_verdicts_and_claiming_steps(
    case: Case,
) -> None:
    text = _markdown(case)
    appendix = text[text.index("## Evaluation appendix") :]
    thl = get_frameworks(make_plugin_manager())["thl"]
    names = _step_names(case)
    dims = [d.id for d in thl.dimensions]
    assert dims == ["d1", "d2", "d3"]
    for i, dim in enumerate(thl.dimensions):
        row = case.appendix.coverage.element(dim.id)
        following = f"#### Dimension {dims[i + 1]}:" if i + 1 < len(dims) else "#### Criteria"
        section = _section(appendix, f"#### Dimension {dim.id}: {dim.name.get('en')}", following)
        level = value_label(row.verdict.level, "en")
        assert f"**Verdict: {level}** — {row.verdict.reason.get('en')}" in section
        for claim in row.claims:
            if claim.element == dim.id:
                assert f"\n- {_claim_md(claim, names)}\n" in section
        for principle in thl.principles_of(dim.id):
            prow = case.appendix.coverage.element(principle.id)
            head = (
                f"- **Principle {principle.id}:** {principle.name.get('en')} — "
                f"**{value_label(prow.verdict.level, 'en')}:** {prow.verdict.reason.get('en')}"
            )
            assert head in section
            for claim in prow.claims:
                assert f"{head}\n" in section
                assert f"\n  - {_claim_md(claim, names)}\n" in section[section.index(head) :]
    # Checked by hand against the case's file: p4 is claimed strongly by the invitation step,
    # p5 by nobody, and p1 only without evidence.
    d1 = _section(appendix, "#### Dimension d1:", "#### Dimension d2:")
    assert "  - Invitation to coffee: strong — The invitation is taken home." in d1
    assert "**Principle p1:**" in d1
    assert "  - Invitation to coffee: weak — *no evidence given*" in d1
    d2 = _section(appendix, "#### Dimension d2:", "#### Dimension d3:")
    assert "**Principle p5:** Developing together with participants — **not claimed:**" in d2


def test_markdown_criteria_table_has_a_traffic_light_per_criterion(case: Case) -> None:
    text = _markdown(case)
    table = _section(text, "#### Criteria: ", "####")
    assert "| Criterion | Light | Reason |" in table
    assert len(case.appendix.ratings) == 10
    for rating in case.appendix.ratings:
        assert rating.rating is not None
        light = f"{LIGHTS[rating.rating]} {value_label(rating.rating, 'en')}"
        assert f"| {rating.name.get('en')} | {light} | {rating.reason.get('en')} |" in table
    # By hand: no target group is written (red), every dimension has a strong claim with evidence
    # (green), the short description is missing but the basic idea is there (yellow).
    assert "| The target group is defined | 🔴 red |" in table
    assert "| Dimensions of inclusion | 🟢 green |" in table
    assert "| The solution is described | 🟡 yellow |" in table


def test_markdown_lists_answered_and_unanswered_questions(case: Case) -> None:
    text = _markdown(case)
    answered = _section(text, "#### Answered guiding questions", "####")
    assert "- **thl-3:** " in answered
    assert "  - Answer: We ask for wishes." in answered
    unanswered = _section(text, "#### Unanswered guiding questions", "### Findings")
    for q in case.appendix.unanswered:
        assert f"- **{q.question}:** {q.text.get('en')}" in unanswered
    assert "thl-3" not in unanswered
    assert len(case.appendix.unanswered) == 20


def test_markdown_findings_name_severity_check_file_line_and_suggestion(case: Case) -> None:
    text = _markdown(case)
    findings = text[text.index("### Findings of the checks") :]
    lines = [line for line in findings.splitlines() if line.startswith("- ")]
    assert len(lines) == len(case.findings["kahvila"]) == 9
    voice = next(line for line in lines if "[participant-voice]" in line)
    assert voice.startswith(f"- **warning** [participant-voice] {case.line_of('voice')}: ")
    assert "the participants are only the object of the work — Suggestion: say how participants" in voice
    target = next(line for line in lines if "[target-group]" in line)
    assert f" {case.line_of('target')}: " in target
    assert lines[-1].startswith("- **info** ")  # worst first
    assert any(line.startswith("- **info** [questions-answered]") for line in lines)


def test_without_checks_the_appendix_says_so_and_with_none_found_says_that(case: Case) -> None:
    not_run = _markdown(case, findings=None)
    assert label("checks_not_run", "en") in not_run
    clean = _markdown(case, findings={})
    assert label("no_findings", "en") in clean
    assert label("checks_not_run", "en") not in clean


def test_html_shows_dimensions_principles_lights_and_findings(case: Case) -> None:
    page = _html(case)
    thl = get_frameworks(make_plugin_manager())["thl"]
    for dim in thl.dimensions:
        row = case.appendix.coverage.element(dim.id)
        level = row.verdict.level
        heading = (
            f"Dimension {dim.id}: {escape(dim.name.get('en'))} "
            f'<span class="verdict verdict-{level.value}">{value_label(level, "en")}</span>'
        )
        assert heading in page
        for principle in thl.principles_of(dim.id):
            prow = case.appendix.coverage.element(principle.id)
            cell = f'<th scope="row">{principle.id}: {escape(principle.name.get("en"))}</th>'
            assert cell in page
            after = page[page.index(cell) :]
            assert after.index(f"verdict-{prow.verdict.level.value}") < after.index("</tr>")
    assert (
        '<span class="tag strength-strong">strong</span> Invitation to coffee — The invitation is taken home.'
        in page
    )
    for rating in case.appendix.ratings:
        assert rating.rating is not None
        light = (
            f'<td class="rating rating-{rating.rating.value}"><span class="light" aria-hidden="true"></span> '
            f"{value_label(rating.rating, 'en')}</td>"
        )
        assert f"{escape(rating.name.get('en'))}</th>{light}" in page
    assert ".rating-red .light { background:" in page  # the dot has its colour, in print too
    assert "print-color-adjust: exact" in page
    for finding in case.findings["kahvila"]:
        assert f'<code class="path">{path_markup(finding.location or "")}</code>' in page
    voice = path_markup(case.line_of("voice"))
    assert f'<code class="path">{voice}</code></td><td><code>participant-voice</code></td>' in page


def test_a_project_report_rates_the_target_group_from_the_project(tmp_path: Path) -> None:
    """The practice's own description lacks a target group; the project's counts (yellow, not red)."""
    case = load_case(tmp_path)
    from osallisuuden_palaset import Project

    project = Project(id="hanke", name="Hanke", target_group="Yksin asuvat", practices=[case.practice])
    data = export(EXPORTERS["markdown"], project, lang="en", context=case.workspace.context)
    text = unescape_markdown(data.decode("utf-8"))
    assert "| The target group is defined | 🟡 yellow |" in text
