"""The examples folder: every model file loads, references resolve, and every script runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from osallisuuden_palaset import Block, Framework, Include, Practice, Reuse
from osallisuuden_palaset.files.converting import DOCUMENT_KINDS
from osallisuuden_palaset.files.loading import Workspace, load_document, load_workspace
from osallisuuden_palaset.plugins.registry import get_frameworks
from osallisuuden_palaset.testing import make_plugin_manager

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MODEL_FILES = sorted(EXAMPLES.glob("*.yaml"))
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


@pytest.fixture(scope="module")
def frameworks() -> dict[str, Framework]:
    found = get_frameworks(make_plugin_manager())
    assert "thl" in found, "the built-in THL framework must be registered to check mappings"
    return found


@pytest.fixture(scope="module")
def workspace(frameworks: dict[str, Framework]) -> Workspace:
    return load_workspace([EXAMPLES], frameworks=frameworks.values())


def test_the_folder_has_the_promised_files() -> None:
    names = {p.name for p in MODEL_FILES} | {p.name for p in SCRIPTS}
    assert {
        "elava-portfolio.yaml",
        "lumoava-tyokalut.yaml",
        "oma-hanke.yaml",
        "paivakeskus-pandemia.yaml",
        "nuoret-etsiva.yaml",
        "kokonaisuus.yaml",
        "build_practice.py",
        "compose_practices.py",
    } <= names


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.name)
def test_every_model_file_structures_into_a_valid_model(path: Path) -> None:
    # References to other files are checked when the folder is loaded as a whole (below).
    document = load_document(path)
    assert isinstance(document.model, DOCUMENT_KINDS[document.kind])


def test_the_folder_loads_as_one_collection_with_every_reference_resolved(workspace: Workspace) -> None:
    collection = workspace.collection
    assert collection.id == "osallisuuden-palaset-esimerkit"
    assert {p.id for p in collection.projects} == {"oma-hanke", "nuorten-polut-esimerkki"}
    assert {c.id for c in collection.catalogues} == {"lumoava-tyokalut"}
    assert {p.id for p in collection.practices} == {"elava-portfolio", "paivakeskus-hybridi"}
    for practice in collection.all_practices():
        for step in practice.steps:
            if isinstance(step, Reuse):
                assert workspace.context.resolve(step.reuse).id == step.reuse.split("/")[1]
            elif isinstance(step, Include):
                assert step.include in workspace.context.practices


def test_mapping_targets_are_elements_of_their_framework(
    workspace: Workspace, frameworks: dict[str, Framework]
) -> None:
    blocks: list[tuple[str, Block]] = [
        (c.framework, b) for c in workspace.collection.catalogues for top in c.blocks for b in top.walk()
    ]
    blocks += [(p.framework, b) for p in workspace.collection.all_practices() for b in p.blocks()]
    targets = [(m.framework or fid, m.target) for fid, b in blocks for m in b.mappings]
    assert targets
    for fid, target in targets:
        assert target in frameworks[fid].element_ids()


def test_helmi_cards_are_reused_by_reference_and_the_portfolio_is_included(workspace: Workspace) -> None:
    oma = next(p for p in workspace.collection.projects if p.id == "oma-hanke")
    steps = [s for practice in oma.practices for s in practice.steps]
    assert any(isinstance(s, Reuse) and s.reuse == "lumoava-tyokalut/helmi-kortit" for s in steps)
    assert any(isinstance(s, Reuse) and s.reuse.startswith("elava-portfolio/") for s in steps)
    assert any(isinstance(s, Include) and s.include == "elava-portfolio" for s in steps)
    helmi = workspace.context.resolve("lumoava-tyokalut/helmi-kortit")
    assert helmi.kind == "tool"


def test_the_living_portfolio_gives_participants_a_voice_in_every_step(workspace: Workspace) -> None:
    portfolio = workspace.collection.practice("elava-portfolio")
    for step in portfolio.steps:
        assert isinstance(step, Block)
        assert any(p.role.gives_voice for p in step.participants), step.id
    kinds = {f.kind for f in portfolio.flows}
    assert {"sequence", "optional", "loop_back"} <= kinds
    sources = [i.source for o in portfolio.outcomes for i in o.indicators]
    assert "esis" in sources


def test_the_day_centre_says_how_remote_people_take_part(workspace: Workspace) -> None:
    practice = workspace.collection.practice("paivakeskus-hybridi")
    remote = [s for s in practice.blocks() if s.modality in ("remote", "hybrid")]
    assert remote
    assert all(s.remote_participation is not None for s in remote)
    in_person = [s for s in practice.blocks() if s.group_size is not None and s.group_size.max is not None]
    assert in_person


def test_youth_outreach_claims_principle_p4_strongly(workspace: Workspace) -> None:
    practice = workspace.collection.practice("etsiva-tavoittaminen")
    strong = [m for b in practice.blocks() for m in b.mappings if m.target == "p4" and m.strength == "strong"]
    assert len(strong) >= 2


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_script_runs_and_writes_into_the_output_folder(script: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script), "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(tmp_path.iterdir())
    assert written, "the script wrote nothing"
    for path in written:
        if path.suffix == ".yaml":
            assert isinstance(load_document(path).model, Practice)
        else:
            assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_script_outputs_load_together_with_the_examples(
    tmp_path: Path, frameworks: dict[str, Framework]
) -> None:
    for script in SCRIPTS:
        subprocess.run(
            [sys.executable, str(script), "--output", str(tmp_path)], check=True, capture_output=True
        )
    workspace = load_workspace([EXAMPLES, *sorted(tmp_path.glob("*.yaml"))], frameworks=frameworks.values())
    assert workspace.collection.practice("kohtaamispaikka").step_ids[1] == "toiveet-korteilla"
    composed = workspace.collection.practice("nuorten-portfoliopolku")
    assert [type(s).__name__ for s in composed.ordered_steps()] == ["Reuse", "Reuse", "Include"]
    report = json.loads((tmp_path / "reuse.json").read_text(encoding="utf-8"))
    assert {"practice": "oma-polku", "step": "tutustuminen"} in report["lumoava-tyokalut/helmi-kortit"]
