"""The public testing helpers, used the way a plugin author would use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osallisuuden_palaset.default_plugins import DEFAULT_PLUGINS
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.output.exporting import ExportRequest
from osallisuuden_palaset.plugins.manager import ENV_DISABLE, ENV_ONLY, ENV_STRICT, plugin_names
from osallisuuden_palaset.plugins.registry import get_exporters
from osallisuuden_palaset.testing import (
    ENV_UPDATE_SNAPSHOTS,
    RecordingExporter,
    assert_snapshot,
    assert_snapshot_folder,
    make_plugin_manager,
    run_cli,
)


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT, ENV_UPDATE_SNAPSHOTS):
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


# --- snapshots -----------------------------------------------------------------------------------


def test_a_snapshot_equal_to_the_file_passes_for_text_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Elävä\nportfolio\n".encode())
    assert_snapshot(tmp_path / "a.txt", "Elävä\nportfolio\n")
    assert_snapshot(str(tmp_path / "a.txt"), "Elävä\nportfolio\n".encode())


def test_a_differing_snapshot_fails_with_a_unified_diff(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Otsikko\n\nyksi\nkaksi\n", encoding="utf-8", newline="\n")
    with pytest.raises(AssertionError) as caught:
        assert_snapshot(path, "# Otsikko\n\nyksi\nkolme\n")
    message = str(caught.value)
    assert "a.md differs from the snapshot" in message
    assert ENV_UPDATE_SNAPSHOTS in message
    assert "--- snapshot\n+++ actual\n" in message
    assert "\n-kaksi\n+kolme" in message


def test_newlines_are_compared_as_they_are_and_a_carriage_return_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\r\n1,2\r\n")
    assert_snapshot(path, "a,b\r\n1,2\r\n")
    with pytest.raises(AssertionError) as caught:
        assert_snapshot(path, "a,b\n1,2\n")
    assert "\n-a,b\\r\n-1,2\\r\n+a,b\n+1,2\n" in str(caught.value)


def test_a_long_diff_is_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("".join(f"{i}\n" for i in range(500)), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"more lines of diff") as caught:
        assert_snapshot(path, "".join(f"{i}!\n" for i in range(500)))
    assert len(str(caught.value).splitlines()) < 50


def test_differing_binary_snapshots_say_where_they_differ(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(b"\x89PNG\xff\x00")
    with pytest.raises(AssertionError, match="6 bytes stored, 6 now, first difference at byte 5"):
        assert_snapshot(path, b"\x89PNG\xff\x01")


def test_a_missing_snapshot_fails_naming_the_variable_that_writes_it(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=f"no snapshot .*puuttuu.txt: run with {ENV_UPDATE_SNAPSHOTS}=1"):
        assert_snapshot(tmp_path / "puuttuu.txt", "uusi\n")
    assert not (tmp_path / "puuttuu.txt").exists()


def test_update_mode_writes_utf8_with_newlines_as_given_and_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_UPDATE_SNAPSHOTS, "1")
    path = tmp_path / "uusi" / "kansio" / "a.txt"
    assert_snapshot(path, "Elävä\nportfolio\n")
    assert path.read_bytes() == "Elävä\nportfolio\n".encode()
    assert_snapshot(path, "muuttunut\n")
    assert path.read_bytes() == b"muuttunut\n"
    monkeypatch.delenv(ENV_UPDATE_SNAPSHOTS)
    assert_snapshot(path, "muuttunut\n")


def test_a_folder_of_snapshots_reports_missing_stale_and_different_files(tmp_path: Path) -> None:
    (tmp_path / "sama.gv").write_text("digraph {}\n", encoding="utf-8")
    (tmp_path / "eri.gv").write_text("digraph { a }\n", encoding="utf-8")
    (tmp_path / "vanha.gv").write_text("digraph { vanha }\n", encoding="utf-8")
    (tmp_path / "muistiinpano.txt").write_text("not matched by the pattern\n", encoding="utf-8")
    wanted = {"sama.gv": "digraph {}\n", "eri.gv": "digraph { b }\n", "uusi.gv": "digraph { uusi }\n"}
    with pytest.raises(AssertionError) as caught:
        assert_snapshot_folder(tmp_path, wanted, "*.gv")
    message = str(caught.value)
    assert ENV_UPDATE_SNAPSHOTS in message
    assert "missing: uusi.gv" in message
    assert "stale: vanha.gv" in message
    assert "different: eri.gv" in message
    assert "-digraph { a }\n+digraph { b }" in message
    assert "muistiinpano" not in message
    assert_snapshot_folder(
        tmp_path,
        {"sama.gv": "digraph {}\n", "eri.gv": "digraph { a }\n", "vanha.gv": "digraph { vanha }\n"},
        "*.gv",
    )


def test_update_mode_rewrites_a_folder_and_removes_stale_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "eri.gv").write_text("digraph { a }\n", encoding="utf-8")
    (tmp_path / "vanha.gv").write_text("digraph { vanha }\n", encoding="utf-8")
    (tmp_path / "muistiinpano.txt").write_text("kept\n", encoding="utf-8")
    wanted: dict[str, str | bytes] = {"eri.gv": "digraph { b }\n", "uusi.gv": b"digraph { uusi }\n"}
    monkeypatch.setenv(ENV_UPDATE_SNAPSHOTS, "1")
    assert_snapshot_folder(tmp_path, wanted, "*.gv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eri.gv", "muistiinpano.txt", "uusi.gv"]
    assert (tmp_path / "eri.gv").read_bytes() == b"digraph { b }\n"
    monkeypatch.delenv(ENV_UPDATE_SNAPSHOTS)
    assert_snapshot_folder(tmp_path, wanted, "*.gv")


def test_an_update_value_other_than_1_only_compares(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_UPDATE_SNAPSHOTS, "0")
    with pytest.raises(AssertionError, match="no snapshot"):
        assert_snapshot(tmp_path / "a.txt", "x")
