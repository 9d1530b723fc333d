"""Every command that writes: links kept, FIFOs and devices written into, inputs and build folders safe."""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
from pathlib import Path

import pytest

from osallisuuden_palaset.files.folder_lock import locked
from osallisuuden_palaset.testing import run_cli
from tests.cli.test_export_cli import PRACTICE  # one small practice with a claim
from tests.special_files import FULL, NULL, device_copy, fifo

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, device nodes and modes are POSIX")

SURVEYS = Path(__file__).parent.parent / "fixtures" / "surveys"
START, FOLLOW = SURVEYS / "esis_start.csv", SURVEYS / "esis_followup.csv"
FRAMEWORK = Path(__file__).parent.parent.parent / "src" / "osallisuuden_palaset" / "data" / "frameworks"
OLD = b"the previous content\n"

#: Every command that writes a file it is given, as ``palaset`` arguments; ``{out}`` is the file.
#: ``{model}`` is a practice file, ``{start}``/``{follow}`` survey answers.
COMMANDS = {
    "export": ["export", "{model}", "-f", "markdown", "-o", "{out}"],
    "worksheet": ["worksheet", "{model}", "-o", "{out}"],
    "schema": ["schema", "-o", "{out}"],
    "new": ["new", "{out}", "--force", "--no-schema"],
    "diagram": ["diagram", "{model}", "--format", "gv", "-o", "{out}"],
    "assess": ["assess", "{model}", "--fail-on", "never", "-o", "{out}"],
    "survey-score": ["survey", "score", "{start}", "--min-group", "3", "-o", "{out}"],
    "survey-change-chart": [
        "survey",
        "change",
        "{start}",
        "{follow}",
        "--min-group",
        "3",
        "--chart",
        "{out}",
    ],
}


def _argv(name: str, folder: Path, out: Path, *, model: Path | None = None) -> list[str]:
    model = model or folder / "kahvila.yaml"
    if not model.exists():
        model.write_text(PRACTICE, encoding="utf-8")
    values = {"{model}": model, "{out}": out, "{start}": START, "{follow}": FOLLOW}
    return ["--lang", "en", *(str(values.get(a, a)) for a in COMMANDS[name])]


def _run(name: str, folder: Path, out: Path) -> tuple[int, str]:
    result = run_cli(_argv(name, folder, out))
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _expected(name: str, folder: Path, like: str = "tulos.yaml") -> bytes:
    """What the command writes into a plain new file named ``like`` (the output is deterministic)."""
    plain = folder / "tavallinen" / like
    plain.parent.mkdir(exist_ok=True)
    code, stderr = _run(name, folder, plain)
    assert code == 0, stderr
    return plain.read_bytes()


# --- what -o points at: a symlink, a FIFO, a device ----------------------------------------------


@posix_only
@pytest.mark.parametrize("name", COMMANDS)
def test_cli_output_to_a_symlink_replaces_the_target_and_keeps_the_link(name: str, tmp_path: Path) -> None:
    expected = _expected(name, tmp_path, like="linkki.yaml")  # `new` names the practice by the file
    target = tmp_path / "kohteet" / "kohde.yaml"
    target.parent.mkdir()
    target.write_bytes(OLD)
    target.chmod(0o640)
    link = tmp_path / "linkki.yaml"
    link.symlink_to(Path("kohteet") / "kohde.yaml")
    code, stderr = _run(name, tmp_path, link)
    assert code == 0, stderr
    assert link.is_symlink()
    assert target.read_bytes() == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@posix_only
@pytest.mark.parametrize("name", COMMANDS)
def test_cli_output_into_a_fifo_is_written_through_and_the_fifo_stays(name: str, tmp_path: Path) -> None:
    expected = _expected(name, tmp_path, like="putki.yaml")
    with fifo(tmp_path, "putki.yaml") as (path, reader):
        code, stderr = _run(name, tmp_path, path)
        assert code == 0, stderr
        assert reader.data() == expected
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


@posix_only
@pytest.mark.parametrize("name", COMMANDS)
def test_cli_output_into_a_device_copy_keeps_the_device(name: str, tmp_path: Path) -> None:
    null = device_copy(tmp_path, "null.yaml", NULL)
    code, stderr = _run(name, tmp_path, null)
    assert code == 0, stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert os.lstat(null).st_rdev == os.makedev(*NULL)


@posix_only
@pytest.mark.parametrize("name", COMMANDS)
def test_cli_output_into_a_full_device_copy_is_a_clean_error(name: str, tmp_path: Path) -> None:
    full = device_copy(tmp_path, "full.yaml", FULL)
    code, stderr = _run(name, tmp_path, full)
    assert code == 1
    assert re.search(r"palaset: cannot write .*full\.yaml: the disk is full; free some space", stderr), stderr
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@posix_only
def test_cli_output_keeps_the_mode_of_a_replaced_file(tmp_path: Path) -> None:
    out = tmp_path / "salainen.md"
    out.write_bytes(OLD)
    out.chmod(0o600)
    code, stderr = _run("export", tmp_path, out)
    assert code == 0, stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes() != OLD


@pytest.mark.parametrize("name", ["export", "worksheet", "schema", "assess", "survey-score"])
def test_cli_output_dash_prints_to_standard_output(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _expected(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli(_argv(name, tmp_path, Path("-")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == expected
    assert not (tmp_path / "-").exists()


# --- -o equal to an input -------------------------------------------------------------------------

#: The input each command reads that ``-o`` must not replace (``schema`` and ``new`` read none but
#: the --framework-file given to every command).
INPUTS = {
    "export": "{model}",
    "worksheet": "{model}",
    "assess": "{model}",
    "diagram": "{model}",
    "survey-score": "{start}",
    "survey-change-chart": "{follow}",
    "schema": "--framework-file",
    "new": "--framework-file",
}


@pytest.mark.parametrize("how", ["same-path", "symlink", "hard-link"])
@pytest.mark.parametrize("name", COMMANDS)
def test_cli_output_equal_to_an_input_is_refused(name: str, how: str, tmp_path: Path) -> None:
    model = tmp_path / "kahvila.yaml"
    model.write_text(PRACTICE, encoding="utf-8")
    start, follow = tmp_path / "alku.csv", tmp_path / "seuranta.csv"
    shutil.copy(START, start)
    shutil.copy(FOLLOW, follow)
    framework = tmp_path / "kehys.yaml"
    shutil.copy(FRAMEWORK / "sokra-2017.yaml", framework)
    given = {"{model}": model, "{start}": start, "{follow}": follow, "--framework-file": framework}[
        INPUTS[name]
    ]
    out = given
    if how == "symlink":
        out = tmp_path / "linkki.yaml"
        out.symlink_to(given.name)
    elif how == "hard-link":
        out = tmp_path / "kova.yaml"
        os.link(given, out)
    before = given.read_bytes()
    argv = _argv(name, tmp_path, out, model=model)
    argv = [str({str(START): start, str(FOLLOW): follow}.get(a, a)) for a in argv]
    argv = ["--framework-file", str(framework), *argv]
    result = run_cli(argv)
    assert result.exit_code == 1, result.output
    assert f"-o {out} is an input of this command" in result.stderr
    assert "Traceback" not in result.output
    assert given.read_bytes() == before
    assert out.is_symlink() == (how == "symlink")


def test_cli_output_that_an_input_folder_would_read_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mallit"
    folder.mkdir()
    (folder / "kahvila.yaml").write_text(PRACTICE, encoding="utf-8")
    result = run_cli(["--lang", "en", "export", str(folder), "-f", "json", "-o", str(folder / "kaikki.json")])
    assert result.exit_code == 1
    assert "is in the input folder" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["kahvila.yaml"]
    assert run_cli(["validate", str(folder)]).exit_code == 0
    report = folder / "raportti.md"  # not a model file: the folder stays valid
    assert run_cli(["export", str(folder), "-f", "markdown", "-o", str(report)]).exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fi", "on tämän komennon syöte"), ("en", "is an input of this command"), ("sv", "är indata till")],
)
def test_cli_output_refusal_speaks_the_chosen_language(lang: str, words: str, tmp_path: Path) -> None:
    model = tmp_path / "kahvila.yaml"
    model.write_text(PRACTICE, encoding="utf-8")
    result = run_cli(["--lang", lang, "export", str(model), "-f", "markdown", "-o", str(model)])
    assert result.exit_code == 1
    assert words in result.stderr
    assert model.read_text(encoding="utf-8") == PRACTICE


# --- build: its output folder ---------------------------------------------------------------------


@pytest.fixture
def models(tmp_path: Path) -> Path:
    folder = tmp_path / "mallit"
    folder.mkdir()
    (folder / "kahvila.yaml").write_text(PRACTICE, encoding="utf-8")
    return folder


def _build(*args: str) -> tuple[int, str]:
    result = run_cli(["--lang", "en", "build", *args, "--no-diagrams", "--no-checks", "-q"])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_two_builds_into_one_folder_refuse_the_second(models: Path, tmp_path: Path) -> None:
    out = tmp_path / "sivut"
    out.mkdir()
    with locked(out):  # a build running now
        code, stderr = _build(str(models), "-o", str(out))
        assert code == 1
        assert f"another palaset command is already writing into {out}" in stderr
        assert not (out / "index.html").exists()
    code, stderr = _build(str(models), "-o", str(out))  # once the first is done
    assert code == 0, stderr
    assert (out / "index.html").exists()


def test_a_build_removes_the_temporary_files_a_killed_build_left(models: Path, tmp_path: Path) -> None:
    out = tmp_path / "sivut"
    (out / "json").mkdir(parents=True)
    left = [out / "json" / ".kahvila.json.k1ll3d00.tmp", out / ".index.html.a1b2c3d4.tmp"]
    kept = out / "muistiinpanot.tmp"
    for path in [*left, kept]:
        path.write_bytes(b"half")
    code, stderr = _build(str(models), "-o", str(out))
    assert code == 0, stderr
    assert not any(p.exists() for p in left)
    assert kept.read_bytes() == b"half"


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("the-input", "is an input folder"),
        ("inside", "is inside the input folder"),
        ("holding", "holds the input"),
    ],
)
def test_a_build_into_an_input_folder_is_refused(
    where: str, words: str, models: Path, tmp_path: Path
) -> None:
    out = {"the-input": models, "inside": models / "sivut", "holding": tmp_path}[where]
    before = sorted(tmp_path.rglob("*"))
    code, stderr = _build(str(models), "-o", str(out))
    assert code == 1
    assert words in stderr
    assert sorted(tmp_path.rglob("*")) == before  # nothing made, nothing written
    assert run_cli(["validate", str(models)]).exit_code == 0


def test_a_build_into_a_file_input_s_folder_is_refused(models: Path) -> None:
    code, stderr = _build(str(models / "kahvila.yaml"), "-o", str(models))
    assert code == 1
    assert "holds the input" in stderr


def test_a_build_into_a_hidden_folder_inside_the_inputs_is_allowed(models: Path) -> None:
    out = models / ".sivut"
    code, stderr = _build(str(models), "-o", str(out))
    assert code == 0, stderr
    assert (out / "json" / "kahvila.json").exists()
    assert run_cli(["validate", str(models)]).exit_code == 0  # the loader skips hidden folders


def test_a_build_refuses_a_folder_with_a_symlink_to_an_input(models: Path, tmp_path: Path) -> None:
    out = tmp_path / "sivut"
    (out / "yaml").mkdir(parents=True)
    (out / "yaml" / "kahvila.yaml").symlink_to(models / "kahvila.yaml")  # build would write there
    code, stderr = _build(str(models), "-o", str(out))
    assert code == 1
    assert f"points to the input {models}" in stderr
    assert (models / "kahvila.yaml").read_text(encoding="utf-8") == PRACTICE
