"""``palaset build``: every export of every item, diagrams and an index page; failures listed at the end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.files.folder_lock import LOCK_FILE
from osallisuuden_palaset.markup import unescape_markdown
from osallisuuden_palaset.output.building import unique_names
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.output.templating import path_markup
from osallisuuden_palaset.testing import RecordingExporter, run_cli
from tests.cli.test_export_cli import PRACTICE, PROJECT, write_answers

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
    for view in ("flow", "framework"):
        assert (out / "diagrams" / f"kahvila.{view}.gv").read_text(encoding="utf-8").startswith("digraph")
        assert (out / "diagrams" / f"kahvila.{view}.svg").read_bytes().lstrip().startswith(b"<?xml")
        assert f'href="diagrams/kahvila.{view}.svg"' in (out / "index.html").read_text(encoding="utf-8")


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
        ["build", str(folder), "-o", str(out), "--no-diagrams", "-q"],
        plugins=[Flaky(name="flaky")],
    )
    assert result.exit_code == 1
    named = "muoto 'flaky' (laajennus 'recording-exporter-flaky') epäonnistui: RuntimeError: rikki"
    assert f"palaset: toinen (flaky): {named}" in result.stderr
    assert "palaset: 1 kohde epäonnistui" in result.stderr  # in Finnish, the default, and in the singular
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


def test_build_shows_the_survey_with_its_chart_file_and_small_groups_suppressed(
    folder: Path, tmp_path: Path
) -> None:
    answers = write_answers(tmp_path)
    out = tmp_path / "out"
    args = ["--lang", "en", "build", str(folder), "-o", str(out), "--no-diagrams", "-q"]
    survey = ["--survey", str(answers[0]), "--survey", str(answers[1]), "--survey-practice", "kahvila"]
    result = run_cli([*args, *survey, "--survey-by", "ryhma"])
    assert result.exit_code == 0, result.stderr
    chart = out / "surveys" / "kahvila.svg"
    assert chart.read_text(encoding="utf-8").startswith("<svg ")
    for stem in ("kahvila", "mallit"):  # the practice's report and the collection's, which holds it
        text = (out / "markdown" / f"{stem}.md").read_text(encoding="utf-8")
        assert "](<../surveys/kahvila.svg>)" in text
        assert "<!--" not in text
        assert "| ryhma=iso | Start | 6 |" in text
        assert "| ryhma=pieni | Start | \\<5 | – | – | – | – |" in text
        assert "| ryhma=pieni | \\<5 | – | – | – | – |" in text
        assert "| ryhma=keski | protected | – | – | – | – |" in text
        page = (out / "html" / f"{stem}.html").read_text(encoding="utf-8")
        assert '<th scope="row">ryhma=pieni</th><td>Start</td><td>&lt;5</td><td>–</td>' in page
        assert "<svg " in page
    assert "Experience of inclusion" not in (out / "markdown" / "toinen.md").read_text(encoding="utf-8")
    assert 'href="surveys/kahvila.svg"' in (out / "index.html").read_text(encoding="utf-8")
    # The same build twice gives the same bytes, the chart too.
    again = tmp_path / "again"
    assert run_cli([*args[:3], str(folder), "-o", str(again), "--no-diagrams", "-q", *survey,
                    "--survey-by", "ryhma"]).exit_code == 0  # fmt: skip
    assert _files(out) == _files(again)


def test_build_reports_carry_the_checks_findings(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        run_cli(["--lang", "en", "build", str(folder), "-o", str(out), "--no-diagrams", "-q"]).exit_code == 0
    )
    text = unescape_markdown((out / "markdown" / "kahvila.md").read_text(encoding="utf-8"))
    line = PRACTICE.splitlines().index("    - id: kutsu") + 1
    assert f"[participant-voice] {folder / 'kahvila.yaml'}:{line}: " in text
    html = (out / "html" / "kahvila.html").read_text(encoding="utf-8")
    location = path_markup(f"{folder / 'kahvila.yaml'}:{line}")
    assert f'<code class="path">{location}</code>' in html
    unchecked = tmp_path / "unchecked"
    assert (
        run_cli(["build", str(folder), "-o", str(unchecked), "--no-diagrams", "-q", "--no-checks"]).exit_code
        == 0
    )
    assert "participant-voice" not in (unchecked / "markdown" / "kahvila.md").read_text(encoding="utf-8")


def test_the_main_job_builds_the_examples_with_their_invented_survey(tmp_path: Path) -> None:
    """scripts/examples.sh's build command: elava-portfolio gets a survey section, small groups hidden."""
    root = Path(__file__).resolve().parents[2]
    copy = tmp_path / "examples"
    shutil.copytree(root / "examples", copy, ignore=shutil.ignore_patterns("*.py"))
    out = tmp_path / "out"
    surveys = copy / "kyselyt"
    result = run_cli([
        "build", str(copy), "-o", str(out), "-q", "--no-diagrams",
        "--survey", str(surveys / "elava-portfolio-alku.csv"),
        "--survey", str(surveys / "elava-portfolio-seuranta.csv"),
        "--survey-practice", "elava-portfolio", "--survey-by", "ryhma",
    ])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no bad rows in the example answers
    text = (out / "markdown" / "elava-portfolio.md").read_text(encoding="utf-8")
    assert "## Osallisuuden kokemus" in text
    for small in ("Etäryhmä", "Kotikäynnit"):
        assert f"| ryhma={small} | Alkumittaus | \\<5 | – | – | – | – |" in text
        assert f"| ryhma={small} | \\<5 | – | – | – | – |" in text
    for shown, n in (("Kokkola", 6), ("Kannus", 5), ("Kaustinen", 5)):
        assert f"| ryhma={shown} | Alkumittaus | {n} | " in text
        assert f"| ryhma={shown} | {n} | +" in text
    assert (out / "surveys" / "elava-portfolio.svg").exists()
    assert "Osallisuuden kokemus" not in (out / "markdown" / "oma-polku.md").read_text(encoding="utf-8")


def test_build_with_a_render_calling_sys_exit_names_the_plugin_and_writes_the_rest(
    folder: Path, tmp_path: Path
) -> None:
    """A render calling sys.exit() once stopped build after two files, with no message."""
    plugin = Path(__file__).parents[1] / "fixtures" / "plugins" / "kokeilu_exit_in_render.py"
    out = tmp_path / "out"
    result = run_cli(["--plugin", str(plugin), "build", str(folder), "-o", str(out), "--no-diagrams", "-q"])
    assert result.exit_code == 1
    named = "muoto 'poistuva' (laajennus 'kokeilu_exit_in_render') epäonnistui: SystemExit: 0"
    failures = [line for line in result.stderr.splitlines() if named in line]
    assert len(failures) == 4  # kahvila, toinen, hanke and the collection
    assert "palaset: 4 kohdetta epäonnistui" in result.stderr
    files = _files(out)
    for fmt in BUILTIN:  # every other format is still written for every item
        assert sum(name.startswith(f"{fmt}/") for name in files) == 4
    assert not any(name.startswith("poistuva/") for name in files)


# --- output names: never two outputs for one path -----------------------------------------------

CLASHING = {
    "p.yaml": "practice:\n  id: x\n  name: X practice\n",
    "q.yaml": "practice:\n  id: x.practice\n  name: X dot practice\n",
    "r.yaml": "project:\n  id: x\n  name: X project\n"
    "  practices:\n    - id: x.project\n      name: X dot project\n",
    "s.yaml": "practice:\n  id: x.project-2\n  name: X dot project 2\n",
}


def test_clashing_output_names_are_made_unique_and_the_count_is_the_files_on_disk(tmp_path: Path) -> None:
    models = tmp_path / "mallit"
    models.mkdir()
    for name, text in CLASHING.items():
        (models / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["--lang", "en", "build", str(models), "-o", str(out), "--no-diagrams"])
    assert result.exit_code == 0, result.stderr
    on_disk = [p for p in out.rglob("*") if p.is_file() and p.name != LOCK_FILE]  # the lock is no output
    assert f"wrote {len(on_disk)} files" in result.stderr
    exports = sorted((out / "json").iterdir())
    assert len(exports) == 6  # four practices, the project and the collection: none overwritten
    index = (out / "index.html").read_text(encoding="utf-8")
    names = set()
    for path in exports:
        assert f'href="json/{path.name}"' in index
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.pop("version") == 2
        (document,) = data.values()
        names.add(document["name"])
    assert {"X practice", "X dot practice", "X project", "X dot project", "X dot project 2"} < names


@given(st.lists(st.sampled_from(["a", "a.practice", "a-2", "a.practice-2", "b", "b-3"]), max_size=8))
def test_unique_names_are_unique_keep_a_name_wanted_once_and_are_deterministic(wanted: list[str]) -> None:
    names = unique_names(wanted)
    assert len(set(names)) == len(names) == len(wanted)
    for name, got in zip(wanted, names, strict=True):
        assert got == name or got.startswith(f"{name}-")
        if wanted.count(name) == 1:
            assert got == name
    assert unique_names(wanted) == names


@pytest.mark.requires_dot
def test_a_second_output_for_one_path_is_a_failure_naming_both(folder: Path, tmp_path: Path) -> None:
    # A plugin format named "diagrams" writing ".flow.gv" files would overwrite the flow diagrams.
    sneaky = RecordingExporter(name="diagrams", suffix=".flow.gv")
    out = tmp_path / "out"
    result = run_cli(["--lang", "en", "build", str(folder), "-o", str(out), "-q"], plugins=[sneaky])
    assert result.exit_code == 1
    assert "palaset: kahvila (diagram (flow)): diagrams/kahvila.flow.gv is written for 'kahvila' already" in (
        result.stderr
    )
    assert (
        (out / "diagrams" / "kahvila.flow.gv").read_text(encoding="utf-8").startswith("{")
    )  # the first kept


def test_build_lists_files_only_with_verbose_and_ends_with_one_summary_line(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "a.yaml").write_text(PRACTICE, encoding="utf-8")
    quiet = run_cli(["--lang", "fi", "build", str(folder), "-o", str(tmp_path / "one"), "--no-diagrams"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr.splitlines()[-1].startswith("palaset: kansioon ")
    assert not [line for line in quiet.stderr.splitlines() if line.startswith("  ")]  # piped: no list
    listed = run_cli(["build", str(folder), "-o", str(tmp_path / "two"), "--no-diagrams", "-v"])
    assert listed.exit_code == 0, listed.output
    assert "  json/" in listed.stderr
