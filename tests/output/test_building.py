"""``build()``: the folder ``palaset build`` writes, made from code, with a step per written file."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from osallisuuden_palaset import Block, Collection, Practice, Project
from osallisuuden_palaset import build as root_build
from osallisuuden_palaset.files.folder_lock import LOCK_FILE, FolderBusyError, locked
from osallisuuden_palaset.files.loading import load_workspace
from osallisuuden_palaset.model import ids
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.output.building import BuildStep, PlannedFile, build, file_stem, plan
from osallisuuden_palaset.plugins.manager import get_plugin_manager
from osallisuuden_palaset.plugins.registry import get_exporters, get_frameworks
from osallisuuden_palaset.testing import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _files(root: Path) -> dict[str, bytes]:
    """Every output under ``root`` by relative path (the lock file a build holds is none)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != LOCK_FILE
    }


def _build(
    out: Path,
    steps: list[BuildStep],
    *,
    lang: Lang = "fi",
    progress: Callable[[BuildStep], None] | None = None,
) -> int:
    """Build the examples into ``out`` (made by the build), each step into ``steps`` or to ``progress``."""
    pm = get_plugin_manager(load_entrypoints=False)
    frameworks = get_frameworks(pm)
    workspace = load_workspace([EXAMPLES], frameworks=frameworks.values())
    result = build(
        workspace.collection,
        out,
        lang=lang,
        exporters=get_exporters(pm),
        frameworks=frameworks,
        context=workspace.context,
        progress=progress or steps.append,
    )
    assert result.failures == ()
    return result.count


def test_build_makes_the_folder_palaset_build_makes(tmp_path: Path) -> None:
    steps: list[BuildStep] = []
    count = _build(tmp_path / "lib", steps)
    result = run_cli(
        ["--lang", "fi", "build", str(EXAMPLES), "--output", str(tmp_path / "cli"), "--no-checks", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    made = _files(tmp_path / "lib")
    assert made == _files(tmp_path / "cli")
    assert count == len(made)
    assert (tmp_path / "lib" / LOCK_FILE).is_file()  # build() held the folder, as the command does


def test_progress_is_called_once_per_written_file(tmp_path: Path) -> None:
    steps: list[BuildStep] = []
    _build(tmp_path / "out", steps)
    paths = [step.path for step in steps]
    assert sorted(paths) == sorted(_files(tmp_path / "out"))
    assert len(paths) == len(set(paths))
    assert steps[-1] == BuildStep("index", "index", "html", "index.html")
    assert {step.kind for step in steps} <= {"export", "diagram", "index"}


def test_plan_names_planned_files_and_the_root_exports_build() -> None:
    workspace = load_workspace(
        [EXAMPLES], frameworks=get_frameworks(get_plugin_manager(load_entrypoints=False)).values()
    )
    planned = plan(workspace.collection)
    assert all(isinstance(p, PlannedFile) for p in planned)
    assert planned[-1].kind == "collection"
    assert root_build is build


def test_a_second_build_into_a_held_folder_is_refused_as_the_command_refuses_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    refused: list[str] = []
    command: list[str] = []

    def meanwhile(step: BuildStep) -> None:  # a second build starts while the first one writes
        if step.kind != "index" or refused:
            return
        with pytest.raises(FolderBusyError) as second:
            _build(out, [], lang="en")
        refused.append(str(second.value))
        result = run_cli(["--lang", "en", "build", str(EXAMPLES), "-o", str(out), "--no-checks", "-q"])
        assert result.exit_code == 1
        command.append(result.stderr)

    _build(out, [], progress=meanwhile)
    assert refused == [
        f"another palaset command is already writing into {out}: wait for it to finish, or "
        "choose another folder"
    ]
    assert command == [f"palaset: {refused[0]}\n"]
    assert _build(out, []) > 0  # released once the first build is done


def test_the_busy_message_is_in_the_build_language(tmp_path: Path) -> None:
    with locked(tmp_path), pytest.raises(FolderBusyError, match="toinen palaset-komento kirjoittaa jo"):
        _build(tmp_path, [])


def test_build_removes_the_temporary_files_an_interrupted_build_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "json").mkdir(parents=True)
    left = [out / "json" / ".kahvila.json.k1ll3d00.tmp", out / ".index.html.a1b2c3d4.tmp"]
    kept = out / "muistiinpanot.tmp"
    for path in [*left, kept]:
        path.write_bytes(b"half")
    _build(out, [])
    assert not any(p.exists() for p in left)
    assert kept.read_bytes() == b"half"


LONG = "ä" * 299  # 598 bytes in UTF-8


def test_a_long_id_gives_a_short_readable_stem_that_stays_unique() -> None:
    stem = file_stem(LONG + "a")
    assert stem == "ä" * 87 + "-" + hashlib.sha256((LONG + "a").encode()).hexdigest()[:12]
    assert len(stem.encode()) <= 200
    assert file_stem(LONG + "a") == stem != file_stem(LONG + "b")
    assert file_stem("x" * 100) == "x" * 100  # ids of today keep their names
    assert file_stem("€" * 70).startswith("€" * 62 + "-")  # three bytes each: cut to 186 bytes + 13


def test_a_build_of_300_character_ids_names_every_file_within_255_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not ids.is_id(LONG + "a"):  # while ids are still capped at 100 characters
        monkeypatch.setattr(ids, "_ID_RE", re.compile(r"[a-z0-9åäö][a-z0-9åäö_.\-]*"))
    steps = [Block(id="a", name="A")]
    practices = [Practice(id=LONG + tail, name=tail, steps=steps) for tail in "ab"]
    project = Project(id=LONG + "a", name="Hanke", practices=[Practice(id="p" * 300, name="P", steps=steps)])
    collection = Collection(id="k" * 300, name="K", practices=practices, projects=[project])
    pm = get_plugin_manager(load_entrypoints=False)
    frameworks = get_frameworks(pm)
    context = Context.of_collection(collection, frameworks.values())
    stems = [item.stem for item in plan(collection)]
    assert len(set(stems)) == len(stems) == 5
    assert plan(collection) == plan(collection)
    result = build(
        collection,
        tmp_path,
        lang="fi",
        exporters=get_exporters(pm),
        frameworks=frameworks,
        context=context,
    )
    assert result.failures == ()
    names = [p.name for p in tmp_path.rglob("*")]
    assert max(len(name.encode()) for name in names) <= 255
    assert len(names) > 20
    for stem in stems:
        assert any(name.startswith(stem) for name in names)


def _build_only_html(collection: Collection, out: Path) -> None:
    pm = get_plugin_manager(load_entrypoints=False)
    frameworks = get_frameworks(pm)
    html = {"html": get_exporters(pm)["html"]}
    context = Context.of_collection(collection, frameworks.values())
    result = build(collection, out, lang="en", exporters=html, frameworks=frameworks, context=context)
    assert result.failures == ()


@pytest.mark.requires_dot
def test_html_reports_link_each_practice_to_its_full_size_diagram(tmp_path: Path) -> None:
    practice = Practice(id="p", name="P", steps=[Block(id="a", name="A")])
    _build_only_html(Collection(id="k", name="K", practices=[practice]), tmp_path)
    for page in ("html/p.html", "html/k.html"):
        assert '<a href="../diagrams/p.flow.svg">' in (tmp_path / page).read_text(encoding="utf-8")
    assert (tmp_path / "diagrams" / "p.flow.svg").is_file()


def test_no_diagram_is_linked_when_a_practice_s_file_is_not_named_after_its_id(tmp_path: Path) -> None:
    steps = [Block(id="a", name="A")]
    project = Project(id="x", name="X", practices=[Practice(id="x", name="P", steps=steps)])
    _build_only_html(Collection(id="k", name="K", projects=[project]), tmp_path)
    assert (tmp_path / "html" / "x.practice.html").is_file()  # the project has x.project.html
    assert "diagrams/" not in (tmp_path / "html" / "x.practice.html").read_text(encoding="utf-8")


def test_a_collection_too_big_for_one_picture_gets_a_bounded_one_and_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osallisuuden_palaset.diagram import bounds
    from osallisuuden_palaset.messages.catalogue import localize
    from osallisuuden_palaset.output.building import write_diagrams
    from osallisuuden_palaset.rendering import drawing

    def no_dot(program: str = "dot") -> str:
        raise drawing.GraphvizMissing(program)

    monkeypatch.setattr(drawing, "find_dot", no_dot)  # the .gv sources are what is counted here
    monkeypatch.setattr(bounds, "MAX_FLOW_STEPS", 2)
    monkeypatch.setattr(bounds, "MAX_OVERVIEW_PRACTICES", 1)
    monkeypatch.setattr(bounds, "MAX_FRAMEWORK_PRACTICES", 1)
    steps = [Block(id="a", name="A"), Block(id="b", name="B")]
    model = Collection(
        id="kaikki",
        name="Kaikki",
        practices=[
            Practice(id="yksi", name="Yksi", steps=steps),
            Practice(id="kaksi", name="Kaksi", steps=steps),
        ],
    )
    written, failures, notes = write_diagrams(
        plan(model), tmp_path, lang="fi", frameworks={}, context=Context.of_collection(model)
    )
    assert failures == []
    paths = {w.path for w in written}
    assert "diagrams/yksi.flow.gv" in paths  # each practice's flow is drawn
    assert "diagrams/kaikki.flow.gv" not in paths  # the collection's 4 steps are over the bound of 2
    overview = (tmp_path / "diagrams" / "kaikki.overview.gv").read_text(encoding="utf-8")
    assert "practice/yksi" in overview
    assert "practice/kaksi" not in overview
    said = [localize(note, "en") for note in notes]
    assert any("flow diagram of kaikki is not drawn: its 4 steps" in n for n in said)
    assert any("overview of kaikki shows 1 of its 2 practices" in n for n in said)
    assert "diagrams/kaikki.matrix.gv" in paths  # the matrix, a row per practice, is never capped
    finnish = [localize(note, "fi") for note in notes]
    assert any("kulkukaaviota ei piirretty" in n for n in finnish)
    assert any("yleiskuvassa on 1 sen 2 toimintamallista" in n for n in finnish)
