"""``palaset plugins``: what every plugin is and contributes, load failures, strict mode."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import Any

import pytest

from osallisuuden_palaset.plugins.manager import ENV_DISABLE, ENV_ONLY, ENV_STRICT, ENV_TIMEOUT
from osallisuuden_palaset.testing import RecordingExporter, run_cli

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plugins"


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT, ENV_TIMEOUT):
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
            "--lang",
            "en",
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
        ["--lang", "en", "--plugin", str(FIXTURES / "kokeilu_broken_import.py"), "plugins"],
        env={ENV_STRICT: "1"},
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
    result = run_cli(["--lang", "en", "--plugin", str(FIXTURES / "kokeilu_misspelt_hook.py"), "plugins"])
    assert result.exit_code == 1
    assert "plugin 'kokeilu_misspelt_hook' implements unknown hook 'register_framework'" in result.stderr


def test_a_duplicate_name_is_reported_naming_both_plugins() -> None:
    result = run_cli(
        ["--lang", "en", "--plugin", str(FIXTURES / "kokeilu_duplicate.py"), "plugins", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    message = "framework 'thl' is registered by both plugin 'frameworks' and plugin 'kokeilu_duplicate'"
    assert message in result.stderr
    data = json.loads(result.stdout)
    assert by_name(data)["frameworks"]["contributes"]["frameworks"] == ["thl", "sokra-2017"]
    assert by_name(data)["kokeilu_duplicate"]["contributes"]["frameworks"] == ["kokeilu"]
    assert any(message in f["error"] for f in data["failures"])


def test_a_plugin_registering_a_taken_format_name_does_not_break_palaset_plugins() -> None:
    result = run_cli(["--lang", "en", "--plugin", str(FIXTURES / "kokeilu_taken_format.py"), "plugins"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  exporters: json" in lines  # still the built-in one
    assert "  exporters: kokeilu-json" in lines  # the plugin's free name stays
    failed = [line for line in lines if line.startswith("  kokeilu_taken_format (")]
    assert len(failed) == 1
    assert "register_exporters: exporter 'json' is registered by both plugin 'json' and plugin " in failed[0]


def test_strict_mode_makes_a_taken_format_name_an_error() -> None:
    result = run_cli(
        ["--lang", "en", "--plugin", str(FIXTURES / "kokeilu_taken_format.py"), "plugins"],
        env={ENV_STRICT: "1"},
    )
    assert result.exit_code == 1
    assert "exporter 'json' is registered by both plugin 'json' and plugin 'kokeilu_taken_format'" in (
        result.stderr
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize("stem", ["kokeilu_exit_at_import", "kokeilu_interrupt_at_import"])
def test_a_plugin_raising_system_exit_or_keyboard_interrupt_at_import_is_named(stem: str) -> None:
    result = run_cli(
        ["--lang", "en", "--plugin", str(FIXTURES / f"{stem}.py"), "plugins", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert "Aborted!" not in result.output
    assert f"palaset: warning: plugin {stem!r}" in result.stderr
    data = json.loads(result.stdout)
    (failure,) = data["failures"]
    assert (failure["name"], failure["stage"]) == (stem, "load")
    kind = "SystemExit" if "exit" in stem else "KeyboardInterrupt"
    assert failure["error"].startswith(kind)
    assert "frameworks" in by_name(data)  # the others still load


def test_a_check_that_is_not_a_check_is_refused_not_listed() -> None:
    result = run_cli(["--plugin", str(FIXTURES / "kokeilu_not_a_check.py"), "plugins", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert by_name(data)["kokeilu_not_a_check"]["contributes"]["checks"] == []
    (failure,) = data["failures"]
    assert failure["stage"] == "register_checks"
    assert "got a LooksLikeACheck ('vale'); register_checks expects a Check" in failure["error"]


def test_a_hanging_plugin_hook_times_out_naming_the_plugin_and_the_hook() -> None:
    result = run_cli(
        ["--lang", "en", "--plugin", str(FIXTURES / "kokeilu_hanging_hook.py"), "plugins"],
        env={ENV_TIMEOUT: "0.5"},
    )
    assert result.exit_code == 0, result.output
    (warning,) = (line for line in result.stderr.splitlines() if "'kokeilu_hanging_hook'" in line)
    assert warning.startswith("palaset: warning: plugin 'kokeilu_hanging_hook' (")
    assert warning.endswith(
        "failed in register_checks and was skipped: did not finish within 0.5 s "
        "(the time limit is set with PALASET_PLUGIN_TIMEOUT)"
    )
    assert "  checks: " in result.stdout  # the built-in checks are still listed


def test_a_real_ctrl_c_in_a_plugin_hook_stops_with_a_clear_message() -> None:
    result = run_cli(["--lang", "en", "--plugin", str(FIXTURES / "kokeilu_interrupted_hook.py"), "plugins"])
    assert result.exit_code == 130
    assert result.stderr == (
        "palaset: interrupted (Ctrl-C) (while plugin 'kokeilu_interrupted_hook' ran register_frameworks)\n"
    )
    assert result.stdout == ""
