"""An exporter written from docs/plugins.md alone works as a plugin file and as an installed package."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

from osallisuuden_palaset.files.loading import load_document
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.testing import run_cli

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "tutorial_plugin"
DOC = Path(__file__).resolve().parents[3] / "docs" / "plugins.md"
EXPECTED = """\
# Trial \\*with stars\\*
- Mapping the situation: participant (participant), facilitator (staff)
- \\<Group\\> \\& coffee: group members (co-developer)
"""


def test_as_a_plugin_file() -> None:
    plugin = str(FIXTURE / "palaset_osallistujat.py")
    args = [
        "--lang",
        "en",
        "--plugin",
        plugin,
        "export",
        str(FIXTURE / "harjoitus.yaml"),
        "-f",
        "osallistujat",
    ]
    result = run_cli(args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED
    listing = run_cli(["--plugin", plugin, "formats"])
    assert "osallistujat" in listing.stdout
    semicolons = run_cli([*args, "-O", "separator=; "])
    assert "participant (participant); facilitator (staff)" in semicolons.stdout


def can_build_wheels_offline() -> bool:
    """Whether pip can build the fixture without downloading anything (setuptools with bdist_wheel)."""
    try:
        setuptools_version = metadata.version("setuptools")
    except metadata.PackageNotFoundError:
        return False
    major, minor = (int(x) for x in re.findall(r"\d+", setuptools_version)[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def install(target: Path) -> str:
    """Install the fixture package into ``target``, which is NOT on this environment's path.

    With setuptools that can build wheels offline, pip installs it for real. Otherwise the
    test writes what a wheel installer writes (the module and its ``.dist-info`` with
    ``entry_points.txt``), so the entry-point discovery is exercised either way.
    """
    if can_build_wheels_offline():
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
             "--no-index", "--target", str(target), str(FIXTURE)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return "pip"
    target.mkdir(parents=True)
    shutil.copy(FIXTURE / "palaset_osallistujat.py", target)
    project = tomllib.loads((FIXTURE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = target / f"osallisuuden_palaset_osallistujat-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n", encoding="utf-8"
    )
    points = project["entry-points"]["osallisuuden_palaset"]
    lines = ["[osallisuuden_palaset]", *(f"{name} = {value}" for name, value in points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "dist-info"


def test_as_an_installed_package(tmp_path: Path) -> None:
    """A fresh ``palaset`` with the install folder on its path finds the format by its entry point."""
    site = tmp_path / "site"
    install(site)
    assert list(site.glob("osallisuuden_palaset_osallistujat-0.1.0.dist-info/entry_points.txt"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    env.pop("PALASET_PLUGINS", None)
    env.pop("PALASET_DISABLE_PLUGINS", None)
    run = subprocess.run(
        [sys.executable, "-m", "osallisuuden_palaset", "--lang", "en", "export",
         str(FIXTURE / "harjoitus.yaml"), "--format", "osallistujat"],
        capture_output=True, text=True, timeout=120, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout == EXPECTED
    plugins = subprocess.run(
        [sys.executable, "-m", "osallisuuden_palaset", "plugins"],
        capture_output=True, text=True, timeout=120, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert "osallistujat" in plugins.stdout
    without = subprocess.run(
        [sys.executable, "-m", "osallisuuden_palaset", "formats"],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert "osallistujat" not in without.stdout  # nothing leaked into this environment


def test_the_tutorial_snippet_is_the_fixture_render() -> None:
    """The escaping example in the tutorial gives the fixture's output (docs cannot drift)."""
    text = DOC.read_text(encoding="utf-8")
    tutorial = text[text.index("### 5. Escape user text") :]
    code = re.search(r"```python\n(.*?)```", tutorial, re.DOTALL)
    assert code is not None
    namespace: dict[str, Any] = {"ExportRequest": ExportRequest}
    exec(compile(code[1], f"{DOC}:escaping-example", "exec"), namespace)
    practice = load_document(FIXTURE / "harjoitus.yaml").model
    output = namespace["render"](ExportRequest(practice, lang="en"))  # type: ignore[arg-type]
    assert output.decode("utf-8") == EXPECTED
