"""The law: whatever ``validate`` accepts, every exporter, diagram view, check and command can process.

The files come from ``strategies.model_files``: generated workspaces written as block YAML,
JSON or YAML flow style, with surrogate pairs written as escapes, hex and octal numbers,
the largest whole number allowed, control characters in texts, and sometimes one invalid
edit (a lone surrogate, a number no output could print, an id ending in a newline or holding
a control character). What the loader refuses is refused with ``FILE:LINE:COL``; what it
accepts must go through everything. ``test_long_chains_*`` does the same for a flow of
2,000 steps and includes as deep as the limit allows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import cast

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from osallisuuden_palaset.assessing.assessment import assess_collection
from osallisuuden_palaset.assessing.checking import Check
from osallisuuden_palaset.diagram import DiagramOptions, View, diagram_source
from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.files.folder_lock import LOCK_FILE
from osallisuuden_palaset.files.loading import Workspace, claim_locator, load_workspace
from osallisuuden_palaset.files.writing import dump_yaml
from osallisuuden_palaset.messages.catalogue import say_n
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.includes import MAX_INCLUDE_DEPTH
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Project
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.output.building import plan
from osallisuuden_palaset.output.exporting import Exporter, export
from osallisuuden_palaset.plugins.registry import get_checks, get_exporters, get_frameworks
from osallisuuden_palaset.rendering.drawing import render
from osallisuuden_palaset.testing import make_plugin_manager, run_cli
from tests import strategies

PLUGINS = make_plugin_manager(load_entrypoints=True)
EXPORTERS: Mapping[str, Exporter] = get_exporters(PLUGINS)
CHECKS = [c for c in get_checks(PLUGINS).values() if isinstance(c, Check)]
FRAMEWORKS: Mapping[str, Framework] = get_frameworks(PLUGINS)
#: Every built-in format and the xlsx plugin's: the law covers them all.
FORMATS = {"json", "yaml", "markdown", "html", "csv", "mermaid", "xlsx"}
LANGS = ("fi", "en", "sv")


def test_the_law_covers_every_built_in_format_and_the_xlsx_plugin() -> None:
    assert set(EXPORTERS) >= FORMATS, sorted(EXPORTERS)


def _folder(factory: pytest.TempPathFactory, files: Mapping[str, str]) -> tuple[Path, Workspace | None]:
    """A folder holding ``files``, and the workspace ``validate`` accepts there (None when it refuses)."""
    folder = factory.mktemp("law")
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    workspace = _loaded(folder)
    event("accepted" if workspace is not None else "refused")
    return folder, workspace


def _loaded(folder: Path) -> Workspace | None:
    """The workspace ``validate`` accepts, or None when it refuses (each problem located)."""
    try:
        return load_workspace([folder], frameworks=FRAMEWORKS.values())
    except LoadError as error:
        for problem in error.problems:
            assert problem.col is not None, problem
            assert min(problem.line, problem.col) >= 1, problem
            assert problem.message.strip(), problem
        return None


def every_output(workspace: Workspace, lang: str = "fi", *, only: set[str] | None = None) -> Iterator[str]:
    """Run every check, then every exporter and every diagram view on every item ``palaset build`` makes.

    ``only`` limits the items to those stems. Yields the name of each output as it is done.
    """
    collection = workspace.collection
    assessment = assess_collection(collection, workspace.context, CHECKS, locate=claim_locator(workspace))
    findings = {p.practice.id: p.findings for p in assessment.practices}
    yield "checks"
    for item in plan(collection):
        if only is not None and item.stem not in only:
            continue
        for name, exporter in sorted(EXPORTERS.items()):
            if exporter.can_export(item.model):
                data = export(
                    exporter,
                    item.model,
                    lang=lang,  # type: ignore[arg-type]
                    frameworks=FRAMEWORKS,
                    context=workspace.context,
                    findings=findings,
                )
                assert data
                yield f"{name} {item.stem}"
        views = [View.FLOW, View.FRAMEWORK] + ([View.OVERVIEW] if item.kind != "practice" else [])
        for view in views:
            source = diagram_source(
                item.model,
                DiagramOptions(view=view, lang=lang),  # type: ignore[arg-type]
                frameworks=FRAMEWORKS,
                context=workspace.context,
            )
            assert source.startswith("digraph")
            yield f"diagram {view.value} {item.stem}"


def _every_output_or_refused(
    written: strategies.ModelFiles, lang: str, data: st.DataObject, factory: pytest.TempPathFactory
) -> None:
    event(f"edit: {written.bad}")
    _, workspace = _folder(factory, written.files)
    if workspace is None:
        # Only an invalid edit is refused: surrogate pairs, hex numbers and the rest are valid.
        assert written.bad is not None
        return
    # The collection (which holds every practice and project) and one other item drawn each
    # time go through everything: every kind of item gets its turn, at a third of the cost.
    items = plan(workspace.collection)
    only = {items[-1].stem, data.draw(st.sampled_from(items)).stem}
    done = set(every_output(workspace, lang, only=only))
    assert {f"{name} {items[-1].stem}" for name in FORMATS} <= done


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(written=strategies.model_files(), lang=st.sampled_from(LANGS), data=st.data())
def test_whatever_validate_accepts_every_exporter_view_and_check_can_process(
    written: strategies.ModelFiles, lang: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _every_output_or_refused(written, lang, data, tmp_path_factory)


@pytest.mark.parametrize("edit", strategies.BAD_EDITS)
@settings(max_examples=4, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_after_each_invalid_edit_validate_refuses_or_every_output_works(
    edit: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Each kind of edit every run, whatever the random examples above happened to draw.
    written = data.draw(strategies.model_files(edits=[edit]))
    _every_output_or_refused(written, data.draw(st.sampled_from(LANGS)), data, tmp_path_factory)


def run_commands(folder: Path, workspace: Workspace, out: Path | None, lang: str = "fi") -> None:
    """``validate``, ``build`` into ``out`` (diagrams rendered; skipped without ``out``), ``assess``
    and ``worksheet`` all succeed."""
    common = ["--lang", lang]
    validated = run_cli([*common, "validate", str(folder)], load_entrypoints=True)
    assert validated.exit_code == 0, validated.output
    if out is not None:
        built = run_cli([*common, "build", str(folder), "-o", str(out)], load_entrypoints=True)
        assert built.exit_code == 0, built.output
        # Every file on disk but the build's lock (no output) was counted.
        count = sum(1 for p in out.rglob("*") if p.is_file() and p.name != LOCK_FILE)
        singular, plural = "palaset: wrote {n} file into {folder}", "palaset: wrote {n} files into {folder}"
        wrote = say_n(cast("Lang", lang), singular, plural, count, folder=out)
        assert wrote in built.stderr.splitlines(), built.stderr
    assessed = run_cli([*common, "assess", str(folder), "--fail-on", "never"], load_entrypoints=True)
    assert assessed.exit_code == 0, assessed.output
    for document in workspace.documents:
        # A worksheet asks about practices: a project without any is refused with a sentence.
        model = document.model
        if isinstance(model, Practice) or (isinstance(model, Project) and model.practices):
            for fmt in ("markdown", "csv"):
                command = [*common, "worksheet", document.source.file, "--format", fmt]
                sheet = run_cli(command, load_entrypoints=True)
                assert sheet.exit_code == 0, sheet.output


@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(written=strategies.model_files(), lang=st.sampled_from(LANGS))
def test_whatever_validate_accepts_build_assess_and_worksheet_succeed(
    written: strategies.ModelFiles, lang: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder, workspace = _folder(tmp_path_factory, written.files)
    if workspace is None:
        assert written.bad is not None
        refused = run_cli(["validate", str(folder)], load_entrypoints=True)
        assert refused.exit_code == 1, refused.output  # refused, with problems, never a traceback
        assert refused.exception is None or isinstance(refused.exception, SystemExit)
        return
    run_commands(folder, workspace, tmp_path_factory.mktemp("out"), lang)


# --- long chains -------------------------------------------------------------------------------


def _long_chains(root: Path) -> tuple[Path, Path]:
    """Two folders: a practice whose flow is a chain of 2,000 steps; includes as deep as allowed."""
    flow, nested = root / "pitka", root / "sisakkain"
    for folder, practices in (
        (flow, [strategies.flow_chain(2000)]),
        (nested, strategies.include_chain(MAX_INCLUDE_DEPTH)),
    ):
        folder.mkdir()
        for practice in practices:
            (folder / f"{practice.id}.yaml").write_text(dump_yaml(practice), encoding="utf-8")
    return flow, nested


@pytest.mark.requires_dot
def test_long_chains_a_2000_step_flow_goes_through_every_output_and_command(tmp_path: Path) -> None:
    flow, _ = _long_chains(tmp_path)
    workspace = _loaded(flow)
    assert workspace is not None
    assert len(workspace.collection.practice("ketju").steps) == 2000
    done = set(every_output(workspace, only={"ketju"}))
    assert {f"{name} ketju" for name in FORMATS} | {"diagram flow ketju", "diagram framework ketju"} <= done
    practice = workspace.collection.practice("ketju")
    for view in (View.FLOW, View.FRAMEWORK):  # dot draws 2,000 nodes well within its timeout
        source = diagram_source(practice, DiagramOptions(view=view), context=workspace.context)
        assert render(source, "svg").lstrip().startswith(b"<?xml")
    # build is the same exports, views and checks again, for the practice and the collection
    # (half a minute more): the property above runs it on generated workspaces.
    run_commands(flow, workspace, None)


def test_long_chains_includes_at_the_depth_limit_go_through_every_output_and_command(tmp_path: Path) -> None:
    _, nested = _long_chains(tmp_path)
    workspace = _loaded(nested)
    assert workspace is not None
    # The outermost practice reaches every level: the 100 inner ones are shorter copies of it,
    # and building all 101 (every format, 303 runs of dot) would add a minute, not news.
    done = set(every_output(workspace, only={"taso0"}))
    assert {f"{name} taso0" for name in FORMATS} | {"diagram framework taso0"} <= done
    run_commands(nested, workspace, None)
