"""Each built-in check against a fixture that trips it and one that passes; findings point at FILE:LINE."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset.assessing.checking import CheckInput, run_checks
from osallisuuden_palaset.default_plugins.checks import BUILTIN_CHECKS
from osallisuuden_palaset.errors import ModelPath
from osallisuuden_palaset.files.loading import load_document
from osallisuuden_palaset.model.evaluation import Finding
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Catalogue
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.plugins.registry import get_checks
from osallisuuden_palaset.testing import make_plugin_manager
from tests.assessing.builders import mini_thl

FIXTURES = Path(__file__).parent.parent / "fixtures" / "checks"
CHECKS = {c.id: c for c in BUILTIN_CHECKS}


def _run(check_id: str, name: str) -> tuple[list[Finding], Path]:
    path = FIXTURES / check_id / name
    document = load_document(path)
    practice = document.model
    assert isinstance(practice, Practice)
    catalogues = []
    if (FIXTURES / check_id / "catalogue.yaml").exists():
        catalogue = load_document(FIXTURES / check_id / "catalogue.yaml").model
        assert isinstance(catalogue, Catalogue)
        catalogues.append(catalogue)
    fw = mini_thl(1)
    context = Context.build([fw], catalogues, [practice])

    def locate(at: ModelPath) -> str:
        where = document.source.location(("practice", *at))
        return f"{where.file}:{where.line}"

    return list(run_checks([CHECKS[check_id]], CheckInput(practice, fw, context, locate))), path


def _expected_lines(path: Path) -> list[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, start=1) if line.rstrip().endswith("# expect")]


def test_every_builtin_check_has_both_fixtures() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(CHECKS)
    for ident in CHECKS:
        assert (FIXTURES / ident / "trips.yaml").exists()
        assert (FIXTURES / ident / "passes.yaml").exists()


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_fixture_trips_the_check_at_the_marked_lines(check_id: str) -> None:
    findings, path = _run(check_id, "trips.yaml")
    assert findings, f"{check_id} found nothing in its tripping fixture"
    assert {f.check for f in findings} == {check_id}
    assert sorted({str(f.location) for f in findings}) == sorted(f"{path}:{n}" for n in _expected_lines(path))
    for f in findings:
        assert f.suggestion is not None
        assert f.message.has("fi")
        assert f.message.has("en")


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_fixture_passes_the_check(check_id: str) -> None:
    findings, _ = _run(check_id, "passes.yaml")
    assert findings == []


def test_builtin_checks_are_registered_as_a_plugin() -> None:
    registered = get_checks(make_plugin_manager())
    assert set(CHECKS) <= set(registered)
    assert all(registered[c] == CHECKS[c] for c in CHECKS)
    assert {registered[c].plugin for c in CHECKS} == {"checks"}


def test_every_check_is_named_and_described_in_three_languages() -> None:
    for check in BUILTIN_CHECKS:
        for text in (check.name, check.description):
            assert all(text.has(lang) for lang in ("fi", "en", "sv"))
            assert len({text.fi, text.en, text.sv}) == 3, text  # translated, not fallen back
        assert check.description.en == check.run.__doc__


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_findings_and_suggestions_are_in_finnish_english_and_swedish(check_id: str) -> None:
    """Swedish once fell back to Finnish for 21 of the checks' 27 messages."""
    findings, _ = _run(check_id, "trips.yaml")
    assert findings
    for finding in findings:
        # reuse-exists says what the model's reference rule says (model/references.py words it).
        texts = [] if check_id == "reuse-exists" else [finding.message]
        texts += [finding.suggestion] if finding.suggestion is not None else []
        for text in texts:
            assert all(text.has(lang) for lang in ("fi", "en", "sv")), text
            assert text.sv not in (text.fi, text.en), text


def test_reuse_exists_states_the_loaders_reference_rule() -> None:
    from osallisuuden_palaset.default_plugins.checks import reuse_exists
    from osallisuuden_palaset.model.block import Block
    from osallisuuden_palaset.model.practice import Include, Reuse
    from osallisuuden_palaset.model.references import practice_reference_issues

    practice = Practice(
        id="p",
        name="P",
        steps=[
            Block(id="a", name="A"),
            Reuse(id="b", reuse="x/y"),
            Reuse(id="c", reuse="p/nothing"),
            Reuse(id="d", reuse="p/a"),
            Include(id="e", include="z"),
        ],
    )
    context = Context.build(practices=[practice])
    issues = practice_reference_issues(practice, context)
    findings = list(reuse_exists(CheckInput(practice, None, context)))
    assert (
        [f.path for f in findings]
        == [i.path for i in issues]
        == [
            ("steps", 1, "reuse"),
            ("steps", 2, "reuse"),
            ("steps", 4, "include"),
        ]
    )
    assert [f.message.get("en") for f in findings] == [i.describe() for i in issues]


def _assess(text: str, check_id: str) -> list[Finding]:
    from osallisuuden_palaset.files.loading import loads

    document = loads(text, name="m.yaml")
    practice = document.model
    assert isinstance(practice, Practice)
    fw = mini_thl(1)
    given = CheckInput(practice, fw, Context.build([fw], [], [practice]))
    return list(run_checks([CHECKS[check_id]], given))


STAFF_ONLY = """version: 2
practice:
  id: seuranta
  name: Seuranta
  steps:
    - id: kysely
      name: Kysely
      participants: [{who: nuoret, role: consulted}]
    - id: kokoaminen
      name: Lukujen kokoaminen
      participants: [{who: ohjaaja, role: staff}]
"""


def test_a_staff_only_step_is_told_to_be_marked_organisational() -> None:
    (finding,) = _assess(STAFF_ONLY, "participant-voice")
    assert finding.message.get("en") == "only staff take part in step 'kokoaminen'"
    assert finding.suggestion is not None
    assert "organisational: true" in finding.suggestion.get("en")
    assert finding.message.get("fi") == "palaseen 'kokoaminen' osallistuu vain henkilöstö"


def test_an_organisational_step_passes_when_participants_views_flow_into_it() -> None:
    marked = STAFF_ONLY.replace(
        "name: Lukujen kokoaminen", "name: Lukujen kokoaminen\n      organisational: true"
    )
    (finding,) = _assess(marked, "participant-voice")
    assert "nothing shows how participants' views reach it" in finding.message.get("en")
    linked = marked + "  flows:\n    - {source: kysely, target: kokoaminen}\n"
    assert _assess(linked, "participant-voice") == []


def test_a_waived_step_gives_its_reason_instead_of_the_finding() -> None:
    waived = STAFF_ONLY.replace(
        "name: Lukujen kokoaminen",
        "name: Lukujen kokoaminen\n      waive: {participant-voice: {fi: Vain henkilöstö, en: Staff only}}",
    )
    (finding,) = _assess(waived, "participant-voice")
    assert finding.waived is not None
    assert finding.waived.get("en") == "Staff only"
    from osallisuuden_palaset.assessing.checking import fails
    from osallisuuden_palaset.assessing.report import finding_line
    from osallisuuden_palaset.model.evaluation import Severity

    assert not fails([finding], Severity.INFO)
    assert finding_line(finding, "en") == "waived [participant-voice] Staff only"


def test_a_waiver_of_a_check_that_did_not_run_says_it_waives_nothing() -> None:
    misspelt = STAFF_ONLY.replace(
        "name: Lukujen kokoaminen",
        "name: Lukujen kokoaminen\n      waive: {participant-voise: Vain henkilöstö}",
    )
    found = _assess(misspelt, "participant-voice")
    idle = [f for f in found if f.check == "waivers"]
    assert len(idle) == 1
    assert (
        idle[0].message.get("en")
        == "the waiver of check 'participant-voise' waives nothing: no check of that id ran"
    )
    assert idle[0].suggestion is not None
    assert idle[0].suggestion.get("en") == "did you mean 'participant-voice'?"
    assert idle[0].path[-2:] == ("waive", "participant-voise")
    assert any(f.check == "participant-voice" and f.waived is None for f in found)  # not waived


def test_a_practices_ages_outside_its_projects_are_flagged() -> None:
    from osallisuuden_palaset.model.project import Project
    from osallisuuden_palaset.model.target_group import AgeRange, TargetGroup

    text = STAFF_ONLY + "  description:\n    target_group: {ages: 16-35, criteria: [koulun ulkopuolella]}\n"
    from osallisuuden_palaset.files.loading import loads

    practice = loads(text, name="m.yaml").model
    assert isinstance(practice, Practice)
    project = Project(id="h", name="H", target_group=TargetGroup(ages=AgeRange(16, 29)), practices=[practice])
    fw = mini_thl(1)
    given = CheckInput(practice, fw, Context.build([fw], [], [practice]), project=project)
    (finding,) = run_checks([CHECKS["target-group"]], given)
    assert finding.message.get("en") == "the practice's ages 16–35 are not within its project's ages 16–29"
