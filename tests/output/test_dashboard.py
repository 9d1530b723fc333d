"""Tests of the dashboard: matrices per framework, reuse, findings by severity, surveys, in HTML."""

from __future__ import annotations

from osallisuuden_palaset import Collection, Practice, Project
from osallisuuden_palaset.model.evaluation import Finding, Severity
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.output.dashboard import as_collection, build_dashboard
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.output.templating import render
from tests.diagram import sample

CONTEXT = Context.of_collection(sample.COLLECTION, sample.FRAMEWORKS.values())


def test_one_matrix_per_registered_framework_and_the_unknown_ones_named() -> None:
    stranger = Practice(id="vieras", name="Vieras", framework="muu")
    collection = Collection("k", "K", projects=sample.COLLECTION.projects, practices=(stranger,))
    board = build_dashboard(collection, sample.FRAMEWORKS.get, CONTEXT)
    assert [m.framework for m in board.matrices] == ["fw"]
    assert [r.practice for r in board.matrices[0].rows] == ["malli", "sisempi", "toinen"]
    assert board.unknown_frameworks == ("muu",)
    assert board.findings is None


def test_blocks_reused_twice_or_more_are_listed_most_used_first() -> None:
    board = build_dashboard(sample.COLLECTION, sample.FRAMEWORKS.get, CONTEXT)
    assert [(r.ref, r.count) for r in board.reused] == [("tyokalut/kortit", 2)]


def test_findings_are_counted_by_severity_worst_first_and_none_is_not_zero() -> None:
    found = {
        "malli": [Finding("a", Severity.INFO, "x"), Finding("b", Severity.ERROR, "y")],
        "toinen": [Finding("c", Severity.INFO, "z")],
    }
    board = build_dashboard(sample.COLLECTION, sample.FRAMEWORKS.get, CONTEXT, findings=found)
    assert board.findings == ((Severity.ERROR, 1), (Severity.INFO, 2))
    assert build_dashboard(sample.COLLECTION, sample.FRAMEWORKS.get, CONTEXT, findings={}).findings == ()


def test_a_project_is_the_collection_of_its_one_project() -> None:
    project = sample.COLLECTION.projects[0]
    assert isinstance(project, Project)
    assert [p.id for p in as_collection(project).all_practices()] == ["malli", "sisempi"]
    assert as_collection(sample.COLLECTION) is sample.COLLECTION


def test_the_collection_report_opens_with_the_dashboard_linking_each_practice() -> None:
    request = ExportRequest(sample.COLLECTION, lang="fi", frameworks=sample.FRAMEWORKS, context=CONTEXT)
    page = render("report.html.j2", request)
    dashboard = page.index('id="dashboard-title"')
    assert dashboard < page.index('class="toc"')
    assert '<a href="#practice-malli">Koemalli</a>' in page[dashboard:]
    assert "Periaatteet, joita yksikään toimintamalli ei kata" in page
    assert 'class="cell verdict-covered"' in page
    assert page.count("Tarkistuksia ei ajettu tätä raporttia tehtäessä") >= 1
