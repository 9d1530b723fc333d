"""``palaset build``: every export of every item, diagrams and an index page; failures listed at the end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from osallisuuden_palaset.exporting import ExportRequest
from osallisuuden_palaset.testing import RecordingExporter, run_cli
from tests.cli.test_export_cli import PRACTICE, PROJECT

BUILTIN = ("csv", "html", "json", "markdown", "mermaid", "yaml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    models = tmp_path / "mallit"
    models.mkdir()
    (models / "kahvila.yaml").write_text(PRACTICE, encoding="utf-8")
    (models / "hanke.yaml").write_text(PROJECT, encoding="utf-8")
    return models


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_writes_every_format_for_every_item(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(["build", str(folder), "--output", str(out), "--no-diagrams", "-q"])
    assert result.exit_code == 0, result.stderr
    files = _files(out)
    for fmt, suffix in zip(BUILTIN, (".csv", ".html", ".json", ".md", ".mmd", ".yaml"), strict=True):
        for stem in ("kahvila", "toinen", "hanke", "mallit"):
            assert f"{fmt}/{stem}{suffix}" in files
    index = files["index.html"].decode("utf-8")
    assert 'href="markdown/kahvila.md"' in index
    assert "<script" not in index


@pytest.mark.requires_dot
def test_build_draws_diagrams(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(["build", str(folder), "--output", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert (out / "diagrams" / "kahvila.gv").read_text(encoding="utf-8").startswith("digraph")
    assert (out / "diagrams" / "kahvila.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert 'href="diagrams/kahvila.svg"' in (out / "index.html").read_text(encoding="utf-8")


def test_build_is_deterministic(folder: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_cli(["build", str(folder), "-o", str(first), "--no-diagrams", "-q"]).exit_code == 0
    assert run_cli(["build", str(folder), "-o", str(second), "--no-diagrams", "-q"]).exit_code == 0
    assert _files(first) == _files(second)


def test_one_failing_item_does_not_stop_the_others(folder: Path, tmp_path: Path) -> None:
    class Flaky(RecordingExporter):
        def render(self, request: ExportRequest) -> bytes:
            if getattr(request.model, "id", None) == "toinen":
                raise RuntimeError("rikki")
            return super().render(request)

    out = tmp_path / "out"
    (out / "flaky").mkdir(parents=True)
    (out / "flaky" / "toinen.txt").write_bytes(b"previous")
    result = run_cli(
        ["build", str(folder), "-o", str(out), "--no-diagrams", "-q"], plugins=[Flaky(name="flaky")]
    )
    assert result.exit_code == 1
    assert "palaset: toinen (flaky): RuntimeError: rikki" in result.stderr
    assert "1 output(s) failed" in result.stderr
    assert (out / "flaky" / "toinen.txt").read_bytes() == b"previous"
    assert (out / "flaky" / "kahvila.txt").exists()
    assert (out / "markdown" / "toinen.md").exists()


def test_invalid_models_stop_the_build_with_located_problems(folder: Path, tmp_path: Path) -> None:
    (folder / "rikki.yaml").write_text("practice:\n  id: Rikki\n  name: x\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert "rikki.yaml:2:" in result.stderr
    assert not (out / "index.html").exists()


def test_clashing_ids_of_different_kinds_get_their_kind_added(tmp_path: Path) -> None:
    models = tmp_path / "m"
    models.mkdir()
    (models / "p.yaml").write_text("practice: {id: sama, name: P}\n", encoding="utf-8")
    (models / "h.yaml").write_text("project: {id: sama, name: H}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["build", str(models), "-o", str(out), "--no-diagrams", "-q"])
    assert result.exit_code == 0, result.stderr
    assert (out / "json" / "sama.practice.json").exists()
    assert (out / "json" / "sama.project.json").exists()


def test_examples_build(tmp_path: Path) -> None:
    """The README's main job on the repository's examples (diagrams as far as Graphviz allows)."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    copy = tmp_path / "examples"
    shutil.copytree(examples, copy, ignore=shutil.ignore_patterns("*.py"))
    result = run_cli(["build", str(copy), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "index.html").exists()
