"""The ladders plugin: every framework file builds, has the promised shape and is registered."""

from __future__ import annotations

from importlib.metadata import entry_points

import osallisuuden_palaset_ladders as ladders
import pytest

from osallisuuden_palaset import Framework, FrameworkKind, ProvenanceKind
from osallisuuden_palaset.files.loading import load_framework
from osallisuuden_palaset.plugins.registry import get_frameworks
from osallisuuden_palaset.testing import make_plugin_manager

#: id → (kind, number of dimensions or levels)
EXPECTED = {
    "arnstein": (FrameworkKind.ORDINAL, 8),
    "hart": (FrameworkKind.ORDINAL, 8),
    "iap2": (FrameworkKind.ORDINAL, 5),
    "lundy": (FrameworkKind.CHECKLIST, 4),
    "shier": (FrameworkKind.ORDINAL, 5),
    "osallisuuden-muodot": (FrameworkKind.CATEGORICAL, 5),
}


@pytest.fixture(scope="module")
def frameworks() -> dict[str, Framework]:
    return {f.id: f for f in ladders.load_frameworks()}


def test_every_packaged_file_loads_as_the_framework_it_is_named_after() -> None:
    for ident, file in zip(ladders.FRAMEWORK_IDS, ladders.framework_files(), strict=True):
        assert file.is_file(), file
        assert load_framework(str(file)).id == ident


def test_kinds_and_sizes(frameworks: dict[str, Framework]) -> None:
    assert {i: (f.kind, len(f.dimensions)) for i, f in frameworks.items()} == EXPECTED


def test_every_framework_speaks_finnish_and_english_and_names_its_source(
    frameworks: dict[str, Framework],
) -> None:
    for f in frameworks.values():
        assert f.source.title
        texts = [f.name, *(d.name for d in f.dimensions), *(q.text for q in f.questions)]
        texts += [d.description for d in f.dimensions if d.description is not None]
        for text in texts:
            assert text.has("fi"), (f.id, text)
            assert text.has("en"), (f.id, text)


def test_questions_are_written_by_us_never_passed_off_as_official(frameworks: dict[str, Framework]) -> None:
    for f in frameworks.values():
        assert len(f.questions) >= 2, f.id
        assert {q.provenance.kind for q in f.questions} == {ProvenanceKind.WRITTEN}


def test_arnstein_groups_rungs_into_non_participation_tokenism_and_citizen_power(
    frameworks: dict[str, Framework],
) -> None:
    groups = [d.group.get("en") for d in frameworks["arnstein"].dimensions if d.group is not None]
    assert groups == ["Non-participation"] * 2 + ["Tokenism"] * 3 + ["Citizen power"] * 3
    arnstein = frameworks["arnstein"]
    assert arnstein.rank("manipulation") == 1
    assert arnstein.rank("citizen-control") == 8


def test_hart_has_three_rungs_of_non_participation(frameworks: dict[str, Framework]) -> None:
    groups = [d.group.get("en") for d in frameworks["hart"].dimensions if d.group is not None]
    assert groups.count("Non-participation") == 3
    assert groups[:3] == ["Non-participation"] * 3


def test_lundy_checklist_and_iap2_order(frameworks: dict[str, Framework]) -> None:
    assert [d.id for d in frameworks["lundy"].dimensions] == ["space", "voice", "audience", "influence"]
    assert [d.id for d in frameworks["iap2"].dimensions] == [
        "inform",
        "consult",
        "involve",
        "collaborate",
        "empower",
    ]


def test_shier_describes_openings_opportunities_and_obligations(frameworks: dict[str, Framework]) -> None:
    shier = frameworks["shier"]
    themes = {q.theme.get("en") for q in shier.questions if q.theme is not None}
    assert themes == {"Openings", "Opportunities", "Obligations"}
    assert shier.description is not None
    for stage in ("openings", "opportunities", "obligations"):
        assert stage in shier.description.get("en")


def test_registered_through_a_plugin_manager_beside_the_built_ins(frameworks: dict[str, Framework]) -> None:
    registered = get_frameworks(make_plugin_manager(ladders))
    assert set(EXPECTED) <= set(registered)
    assert "thl" in registered
    assert registered["lundy"] == frameworks["lundy"]


def test_installed_entry_point_names_the_module() -> None:
    found = [ep for ep in entry_points(group="osallisuuden_palaset") if ep.name == "ladders"]
    if not found:
        pytest.skip("the plugin is not installed (pip install -e plugins/osallisuuden-palaset-ladders)")
    assert found[0].value == "osallisuuden_palaset_ladders"
    assert found[0].load() is ladders
