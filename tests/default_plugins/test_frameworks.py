"""The built-in frameworks: THL's 2023 framework and Sokra's 2017 framing, shipped as data."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from osallisuuden_palaset.default_plugins.frameworks import FRAMEWORK_FILES, builtin_framework
from osallisuuden_palaset.files.converting import structure, unstructure
from osallisuuden_palaset.model.framework import (
    Dimension,
    Framework,
    FrameworkKind,
    Principle,
    ProvenanceKind,
)
from osallisuuden_palaset.plugins.manager import ENV_DISABLE, ENV_ONLY, ENV_STRICT
from osallisuuden_palaset.plugins.registry import get_frameworks, provenance
from osallisuuden_palaset.testing import make_plugin_manager

THL_SOURCE = "THL: Edistääkö toiminta osallisuutta? 24 apukysymystä"
CO_DEVELOPMENT = "Yhdessä suunnittelu ja yhteiskehittäminen"


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def thl() -> Framework:
    return builtin_framework("thl.yaml")


def test_the_frameworks_plugin_registers_both_shipped_frameworks() -> None:
    pm = make_plugin_manager()
    frameworks = get_frameworks(pm)
    assert {"thl", "sokra-2017"} <= set(frameworks)
    assert provenance(pm, "frameworks", "thl") == "frameworks"
    assert provenance(pm, "frameworks", "sokra-2017") == "frameworks"


def test_every_shipped_file_is_in_the_list() -> None:
    shipped = resources.files("osallisuuden_palaset").joinpath("data", "frameworks")
    assert sorted(p.name for p in shipped.iterdir() if p.name.endswith(".yaml")) == sorted(FRAMEWORK_FILES)


def test_thl_has_three_dimensions_and_nine_principles_4_3_2(thl: Framework) -> None:
    assert thl.kind is FrameworkKind.CATEGORICAL
    assert [d.id for d in thl.dimensions] == ["d1", "d2", "d3"]
    assert [p.id for p in thl.principles] == [f"p{n}" for n in range(1, 10)]
    assert Counter(p.dimension for p in thl.principles) == {"d1": 4, "d2": 3, "d3": 2}
    assert [p.id for p in thl.principles_of("d3")] == ["p8", "p9"]


def test_thl_names_are_bilingual_and_source_is_thl(thl: Framework) -> None:
    elements: list[Dimension | Principle] = [*thl.dimensions, *thl.principles]
    for element in elements:
        assert element.name.has("fi")
        assert element.name.has("en")
        assert element.description is not None
        assert element.description.has("fi")
        assert element.description.has("en")
    assert thl.source.publisher == "THL"
    assert thl.source.year == 2023
    assert thl.source.url is not None
    assert thl.source.url.startswith("https://thl.fi/")
    assert thl.source.note is not None
    assert "paraphrase" in thl.source.note.get("en")


def test_thl_says_its_wording_is_not_official(thl: Framework) -> None:
    assert thl.description is not None
    assert "not THL's official text" in thl.description.get("en")
    assert "eivät THL:n virallista tekstiä" in thl.description.get("fi")
    assert all(q.provenance.kind is not ProvenanceKind.OFFICIAL for q in thl.questions)


def test_thl_paraphrases_the_twelve_known_questions(thl: Framework) -> None:
    paraphrased = [q for q in thl.questions if q.provenance.kind is ProvenanceKind.PARAPHRASE]
    assert len(paraphrased) == 12
    assert {q.provenance.source for q in paraphrased} == {THL_SOURCE}
    numbered = {q.provenance.number: q.dimension for q in paraphrased if q.provenance.number is not None}
    assert numbered == dict.fromkeys(range(1, 7), "d1")
    unnumbered = Counter(q.dimension for q in paraphrased if q.provenance.number is None)
    assert unnumbered == {"d2": 4, "d3": 2}
    themed = {q.id for q in paraphrased if q.theme is not None and q.theme.get("fi") == CO_DEVELOPMENT}
    assert themed == {q.id for q in paraphrased if q.dimension == "d2"}


def test_every_thl_principle_has_a_question_of_our_own(thl: Framework) -> None:
    written = [q for q in thl.questions if q.provenance.kind is ProvenanceKind.WRITTEN]
    assert {q.principle for q in written} == {p.id for p in thl.principles}
    for q in thl.questions:
        assert q.text.has("fi")
        assert q.text.has("en")
        assert q.dimension is not None
        assert q.principle is None or thl.principle(q.principle).dimension == q.dimension


def test_sokra_2017_is_having_doing_belonging() -> None:
    sokra = builtin_framework("sokra-2017.yaml")
    assert [d.id for d in sokra.dimensions] == ["having", "doing", "belonging"]
    assert sokra.source.year == 2017
    assert sokra.source.note is not None
    assert all(q.provenance.kind is ProvenanceKind.WRITTEN for q in sokra.questions)
    assert {q.dimension for q in sokra.questions} == {"having", "doing", "belonging"}
    for d in sokra.dimensions:
        assert d.name.has("fi")
        assert d.name.has("en")


@pytest.mark.parametrize("file_name", FRAMEWORK_FILES)
def test_shipped_frameworks_round_trip_through_the_converter(file_name: str) -> None:
    framework = builtin_framework(file_name)
    assert structure(unstructure(framework), Framework) == framework
