"""``palaset diagram``: one file to one diagram, a folder to many in parallel, failures at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from osallisuuden_palaset.testing import run_cli

PRACTICE = """\
practice:
  id: {id}
  name: "{name}"
  steps:
    - id: alku
      name: Alku
      mappings:
        - target: p1
    - id: loppu
      name: "Loppu <&> \\\\N"
  flows:
    - source: alku
      target: loppu
"""


def _write(folder: Path, ident: str, name: str | None = None) -> Path:
    path = folder / f"{ident}.yaml"
    path.write_text(PRACTICE.format(id=ident, name=name or ident.title()), encoding="utf-8")
    return path


@pytest.fixture
def models(tmp_path: Path) -> Path:
    folder = tmp_path / "mallit"
    folder.mkdir()
    for ident in ("eka", "toka", "kolmas"):
        _write(folder, ident)
    return folder


def test_one_practice_to_dot_source_needs_no_graphviz(models: Path, tmp_path: Path) -> None:
    out = tmp_path / "eka.gv"
    result = run_cli(["diagram", str(models / "eka.yaml"), "-o", str(out)], env={"PATH": str(tmp_path)})
    assert result.exit_code == 0, result.output
    source = out.read_text(encoding="utf-8")
    assert source.startswith("digraph eka {")
    assert "Loppu &lt;&amp;&gt; \\\\N" in source


def test_without_graphviz_one_clear_message(models: Path, tmp_path: Path) -> None:
    result = run_cli(
        ["diagram", str(models / "eka.yaml"), "-o", str(tmp_path / "eka.svg")], env={"PATH": str(tmp_path)}
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "apt-get install graphviz" in result.stderr
    assert "brew install graphviz" in result.stderr
    assert not (tmp_path / "eka.svg").exists()


@pytest.mark.requires_dot
@pytest.mark.parametrize("view", ["flow", "framework", "overview"])
def test_one_practice_in_each_view(models: Path, tmp_path: Path, view: str) -> None:
    out = tmp_path / f"eka.{view}.svg"
    result = run_cli(["diagram", str(models / "eka.yaml"), "--view", view, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "<svg" in out.read_text(encoding="utf-8")


@pytest.mark.requires_dot
def test_a_folder_gives_one_diagram_per_practice_and_an_overview(models: Path, tmp_path: Path) -> None:
    out = tmp_path / "kaaviot"
    result = run_cli(["--lang", "en", "diagram", str(models), "-o", str(out), "--format", "png"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "eka.flow.png",
        "kolmas.flow.png",
        "mallit.overview.png",
        "toka.flow.png",
    ]
    assert "Wrote 4 diagrams" in result.stdout


@pytest.mark.requires_dot
def test_one_item_failing_does_not_stop_the_rest(models: Path, tmp_path: Path) -> None:
    out = tmp_path / "kaaviot"
    out.mkdir()
    (out / "toka.flow.svg").mkdir()  # cannot be replaced by a file: writing this one fails
    result = run_cli(["--lang", "en", "diagram", str(models), "-o", str(out)])
    assert result.exit_code == 1
    assert "1 diagram failed" in result.stderr
    assert "toka" in result.stderr
    assert (out / "eka.flow.svg").is_file()
    assert (out / "kolmas.flow.svg").is_file()


def test_id_picks_one_model_from_a_folder(models: Path, tmp_path: Path) -> None:
    out = tmp_path / "toka.gv"
    result = run_cli(["diagram", str(models), "--id", "toka", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("digraph toka {")
    wrong = run_cli(["diagram", str(models), "--id", "tokka", "-o", str(out)])
    assert wrong.exit_code == 1
    assert "ei ole toimintamallia, hanketta eikä kokonaisuutta 'tokka' (lähimmät: toka" in wrong.stderr


def test_a_bad_suffix_is_a_message(models: Path, tmp_path: Path) -> None:
    result = run_cli(["--lang", "en", "diagram", str(models / "eka.yaml"), "-o", str(tmp_path / "eka.txt")])
    assert result.exit_code == 1
    assert ".svg, .png, .pdf or .gv" in result.stderr


@pytest.mark.requires_dot
def test_dpi_sets_a_png_s_resolution_in_one_file_and_in_a_folder(models: Path, tmp_path: Path) -> None:
    def width(path: Path) -> int:
        return int.from_bytes(path.read_bytes()[16:20], "big")  # the PNG's IHDR width

    for dpi in ("96", "192"):
        one = tmp_path / f"eka-{dpi}.png"
        assert run_cli(["diagram", str(models / "eka.yaml"), "-o", str(one), "--dpi", dpi]).exit_code == 0
        folder = run_cli(["diagram", str(models), "-o", str(tmp_path / dpi), "--format", "png", "--dpi", dpi])
        assert folder.exit_code == 0, folder.output
    default = tmp_path / "eka.png"
    assert run_cli(["diagram", str(models / "eka.yaml"), "-o", str(default)]).exit_code == 0
    assert width(default) == width(tmp_path / "eka-192.png")
    assert abs(width(tmp_path / "eka-192.png") - 2 * width(tmp_path / "eka-96.png")) <= 2
    assert abs(width(tmp_path / "192" / "eka.flow.png") - 2 * width(tmp_path / "96" / "eka.flow.png")) <= 2
    refused = run_cli(["--lang", "en", "diagram", str(models / "eka.yaml"), "-o", str(default), "--dpi", "0"])
    assert refused.exit_code == 2
    assert "--dpi" in refused.stderr
