"""The public testing helpers, used the way a plugin author would use them."""

from __future__ import annotations

import json

import pytest

from osallisuuden_palaset.default_plugins import DEFAULT_PLUGINS
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.plugins.manager import ENV_DISABLE, ENV_ONLY, ENV_STRICT, plugin_names
from osallisuuden_palaset.plugins.registry import get_exporters
from osallisuuden_palaset.testing import RecordingExporter, make_plugin_manager, run_cli


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT):
        monkeypatch.delenv(var, raising=False)


def test_make_plugin_manager_has_the_built_ins_and_the_given_plugins() -> None:
    recorder = RecordingExporter()
    pm = make_plugin_manager(recorder)
    builtins = [name.rpartition(".")[2] for name in DEFAULT_PLUGINS]
    assert plugin_names(pm) == [*builtins, "recording-exporter-recording"]
    assert plugin_names(make_plugin_manager(recorder, builtins=False)) == ["recording-exporter-recording"]


def test_recording_exporter_records_requests_and_returns_deterministic_bytes() -> None:
    recorder = RecordingExporter(name="nauhuri", accepts=frozenset({"practice"}))
    exporter = get_exporters(make_plugin_manager(recorder, builtins=False))["nauhuri"]
    practice = Practice(id="elava-portfolio", name="Elävä portfolio")
    request = ExportRequest(model=practice, lang="en", options={"b": "2", "a": "1"})
    first = exporter.render(request)
    second = exporter.render(request)
    assert first == second
    assert json.loads(first) == {
        "exporter": "nauhuri",
        "kind": "practice",
        "id": "elava-portfolio",
        "lang": "en",
        "options": {"a": "1", "b": "2"},
    }
    assert recorder.requests == [request, request]
    assert exporter.can_export(practice)


def test_run_cli_registers_the_given_plugins() -> None:
    result = run_cli(["plugins", "--format", "json"], plugins=[RecordingExporter(name="nauhuri")])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)["plugins"]}
    assert rows["recording-exporter-nauhuri"]["kind"] == "object"
    assert rows["recording-exporter-nauhuri"]["contributes"]["exporters"] == ["nauhuri"]
