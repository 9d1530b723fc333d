"""``palaset plugins``: what every plugin is and contributes, load failures, strict mode."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import Any

import pytest

from osallisuuden_palaset.plugins import ENV_DISABLE, ENV_ONLY, ENV_STRICT
from osallisuuden_palaset.testing import RecordingExporter, run_cli

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plugins"


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT):
        monkeypatch.delenv(var, raising=False)


def plugins_json(*args: str, env: dict[str, str | None] | None = None) -> dict[str, Any]:
    result = run_cli([*args, "plugins", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["name"]: row for row in data["plugins"]}


def test_json_lists_the_built_ins_with_version_kind_and_contributions() -> None:
    rows = by_name(plugins_json())
    frameworks = rows["frameworks"]
    assert frameworks["kind"] == "builtin"
    assert frameworks["version"] == importlib.metadata.version("osallisuuden-palaset")
    assert frameworks["distribution"] == "osallisuuden-palaset"
    assert frameworks["contributes"]["frameworks"] == ["thl", "sokra-2017"]
    assert set(frameworks["contributes"]) == {
        "frameworks",
        "exporters",
        "checks",
        "catalogues",
        "instruments",
        "response_readers",
    }


def test_file_plugins_and_their_failures_are_listed() -> None:
    result = run_cli(
        [
            "--plugin",
            str(FIXTURES / "kokeilu_good.py"),
            "--plugin",
            str(FIXTURES / "kokeilu_broken_import.py"),
            "--plugin",
            str(FIXTURES / "kokeilu_raising_hook.py"),
            "plugins",
            "--format",
            "json",
        ]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    good = by_name(data)["kokeilu_good"]
    assert (good["kind"], good["version"]) == ("file", "1.2.3")
    assert good["contributes"]["frameworks"] == ["kokeilu"]
    assert good["contributes"]["exporters"] == ["kokeilu-teksti"]
    failures = {f["name"]: f for f in data["failures"]}
    assert failures["kokeilu_broken_import"]["stage"] == "load"
    assert failures["kokeilu_broken_import"]["error"].startswith("ImportError: ")
    assert failures["kokeilu_raising_hook"]["stage"] == "register_frameworks"
    assert "palaset: warning: plugin 'kokeilu_broken_import'" in result.stderr
    assert "palaset: warning: plugin 'kokeilu_raising_hook'" in result.stderr
    assert "Traceback" not in result.output


def test_a_plugins_dir_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "kokeilu_good.py").write_text(
        (FIXTURES / "kokeilu_good.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    rows = by_name(plugins_json("--plugins-dir", str(tmp_path)))
    assert rows["kokeilu_good"]["origin"] == str(tmp_path / "kokeilu_good.py")


def test_text_output_names_plugins_contributions_and_failures() -> None:
    result = run_cli(
        ["--lang", "en", "--plugin", str(FIXTURES / "kokeilu_broken_import.py"), "plugins"],
        plugins=[RecordingExporter(name="nauhuri")],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    version = importlib.metadata.version("osallisuuden-palaset")
    assert f"frameworks {version} (built-in: osallisuuden_palaset.default_plugins.frameworks)" in lines
    assert "  frameworks: thl, sokra-2017" in lines
    assert "  exporters: nauhuri" in lines
    assert "Plugins that failed:" in lines
    assert any(line.startswith("  kokeilu_broken_import (") and "ImportError" in line for line in lines)


def test_disabled_plugins_are_listed() -> None:
    data = plugins_json(env={ENV_DISABLE: "frameworks"})
    assert "frameworks" not in by_name(data)
    assert data["disabled"] == ["frameworks"]


def test_strict_mode_turns_a_load_failure_into_an_error_without_traceback() -> None:
    result = run_cli(
        ["--plugin", str(FIXTURES / "kokeilu_broken_import.py"), "plugins"], env={ENV_STRICT: "1"}
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("palaset: plugin 'kokeilu_broken_import'")
    assert "ImportError" in result.stderr
    assert "Traceback" not in result.output


def test_strict_mode_turns_a_hook_failure_into_an_error() -> None:
    result = run_cli(
        ["--plugin", str(FIXTURES / "kokeilu_raising_hook.py"), "plugins"], env={ENV_STRICT: "1"}
    )
    assert result.exit_code == 1
    assert "kokeilu_raising_hook" in result.stderr
    assert "RuntimeError" in result.stderr


def test_a_misspelt_hook_is_an_error_naming_the_plugin() -> None:
    result = run_cli(["--plugin", str(FIXTURES / "kokeilu_misspelt_hook.py"), "plugins"])
    assert result.exit_code == 1
    assert "plugin 'kokeilu_misspelt_hook' implements unknown hook 'register_framework'" in result.stderr


def test_a_duplicate_name_is_an_error_naming_both_plugins() -> None:
    result = run_cli(["--plugin", str(FIXTURES / "kokeilu_duplicate.py"), "plugins"])
    assert result.exit_code == 1
    assert "framework 'thl' is registered by both plugin 'frameworks' and plugin 'kokeilu_duplicate'" in (
        result.stderr
    )
