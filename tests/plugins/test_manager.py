"""The plugin host: built-ins, plugins given in code, entry points and files, each loaded in isolation."""

from __future__ import annotations

import importlib
import importlib.metadata
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from osallisuuden_palaset.default_plugins import DEFAULT_PLUGINS
from osallisuuden_palaset.plugins.manager import (
    ENV_DISABLE,
    ENV_ONLY,
    ENV_STRICT,
    ENV_TIMEOUT,
    PluginError,
    PluginKind,
    PluginWarning,
    Selection,
    get_plugin_manager,
    plugin_names,
    plugin_report,
)
from osallisuuden_palaset.testing import RecordingExporter

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plugins"
GOOD = FIXTURES / "kokeilu_good.py"
BROKEN = FIXTURES / "kokeilu_broken_import.py"
MISSPELT = FIXTURES / "kokeilu_misspelt_hook.py"
SITE = FIXTURES / "site"
BUILTINS = [name.rpartition(".")[2] for name in DEFAULT_PLUGINS]


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT, ENV_TIMEOUT):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def installed_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Make the fake distribution under fixtures/plugins/site discoverable, as if pip-installed."""
    monkeypatch.syspath_prepend(str(SITE))
    importlib.invalidate_caches()
    yield SITE
    importlib.invalidate_caches()


def test_builtins_are_registered_by_name_with_the_package_version() -> None:
    pm = get_plugin_manager(load_entrypoints=False)
    info = plugin_report(pm).info("frameworks")
    assert info is not None
    assert info.kind is PluginKind.BUILTIN
    assert info.origin == "osallisuuden_palaset.default_plugins.frameworks"
    assert info.version == importlib.metadata.version("osallisuuden-palaset")
    assert plugin_report(pm).failures == ()


def test_builtins_can_be_left_out() -> None:
    pm = get_plugin_manager(load_entrypoints=False, builtins=False)
    assert plugin_names(pm) == []


def test_a_plugin_file_is_imported_by_path_with_its_version() -> None:
    pm = get_plugin_manager(load_entrypoints=False, builtins=False, plugin_files=[GOOD])
    info = plugin_report(pm).info("kokeilu_good")
    assert info is not None
    assert (info.kind, info.origin, info.version) == (PluginKind.FILE, str(GOOD), "1.2.3")


def test_a_plugin_that_fails_to_import_is_skipped_with_a_warning_naming_it() -> None:
    with pytest.warns(PluginWarning, match=r"kokeilu_broken_import.*ImportError.*ei_asennettu"):
        pm = get_plugin_manager(load_entrypoints=False, builtins=False, plugin_files=[BROKEN, GOOD])
    report = plugin_report(pm)
    assert plugin_names(pm) == ["kokeilu_good"]
    (failure,) = report.failures
    assert (failure.name, failure.kind, failure.stage) == ("kokeilu_broken_import", PluginKind.FILE, "load")
    assert failure.error.startswith("ImportError: ")


@pytest.mark.parametrize(
    ("stem", "error"),
    [
        (
            "kokeilu_exit_at_import",
            "SystemExit: 0 (plugin code must raise an exception, not exit the program)",
        ),
        ("kokeilu_interrupt_at_import", "KeyboardInterrupt raised by the plugin itself, not by Ctrl-C"),
    ],
)
def test_a_plugin_raising_system_exit_or_keyboard_interrupt_at_import_is_skipped_naming_it(
    stem: str, error: str
) -> None:
    with pytest.warns(PluginWarning, match=rf"plugin {stem!r} .*could not be loaded and was skipped"):
        pm = get_plugin_manager(
            load_entrypoints=False, builtins=False, plugin_files=[FIXTURES / f"{stem}.py", GOOD]
        )
    assert plugin_names(pm) == ["kokeilu_good"]
    (failure,) = plugin_report(pm).failures
    assert (failure.name, failure.stage, failure.error) == (stem, "load", error)


def test_strict_mode_makes_system_exit_at_import_a_plugin_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_STRICT, "1")
    with pytest.raises(PluginError, match=r"kokeilu_exit_at_import.*SystemExit: 0"):
        get_plugin_manager(load_entrypoints=False, plugin_files=[FIXTURES / "kokeilu_exit_at_import.py"])


def test_a_plugin_hanging_at_import_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = tmp_path / "jumissa.py"
    plugin.write_text("import threading\nthreading.Event().wait()\n", encoding="utf-8")
    monkeypatch.setenv(ENV_TIMEOUT, "0.3")
    with pytest.warns(
        PluginWarning, match=r"plugin 'jumissa'.*could not be loaded.*did not finish within 0\.3 s"
    ):
        pm = get_plugin_manager(load_entrypoints=False, builtins=False, plugin_files=[plugin, GOOD])
    assert plugin_names(pm) == ["kokeilu_good"]


def test_strict_mode_makes_an_import_failure_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_STRICT, "1")
    with pytest.raises(PluginError, match=r"kokeilu_broken_import.*ImportError"):
        get_plugin_manager(load_entrypoints=False, builtins=False, plugin_files=[BROKEN])


def test_a_missing_plugin_file_is_a_load_failure(tmp_path: Path) -> None:
    with pytest.warns(PluginWarning, match="FileNotFoundError"):
        pm = get_plugin_manager(load_entrypoints=False, builtins=False, plugin_files=[tmp_path / "ei.py"])
    assert plugin_report(pm).failures[0].name == "ei"


def test_a_misspelt_hook_fails_loudly_naming_the_plugin_and_the_hook() -> None:
    with pytest.raises(PluginError) as caught:
        get_plugin_manager(load_entrypoints=False, builtins=False, plugin_files=[GOOD, MISSPELT])
    message = str(caught.value)
    assert "'kokeilu_misspelt_hook'" in message
    assert "'register_framework'" in message
    assert "did you mean 'register_frameworks'?" in message


def test_a_hook_with_an_unknown_argument_is_skipped_and_left_unregistered(tmp_path: Path) -> None:
    plugin = tmp_path / "vaara_argumentti.py"
    plugin.write_text(
        "from osallisuuden_palaset.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def register_checks(register): pass\n"
        "@hookimpl\n"
        "def register_frameworks(register, lisaa): pass\n",
        encoding="utf-8",
    )
    with pytest.warns(PluginWarning, match=r"vaara_argumentti.*lisaa"):
        pm = get_plugin_manager(load_entrypoints=False, builtins=False, plugin_files=[plugin])
    assert not pm.has_plugin("vaara_argumentti")
    assert pm.hook.register_checks.get_hookimpls() == []


def test_a_plugins_dir_loads_every_python_file_but_private_ones(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "kokeilu_good.py")
    shutil.copy(BROKEN, tmp_path / "_apu.py")
    (tmp_path / "lueminut.txt").write_text("ei plugin", encoding="utf-8")
    pm = get_plugin_manager(load_entrypoints=False, builtins=False, plugin_dirs=[tmp_path])
    assert plugin_names(pm) == ["kokeilu_good"]
    assert plugin_report(pm).info("kokeilu_good").kind is PluginKind.FILE  # type: ignore[union-attr]


def test_a_missing_plugins_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="does not exist"):
        get_plugin_manager(load_entrypoints=False, plugin_dirs=[tmp_path / "ei"])


def test_a_file_plugin_cannot_take_a_built_in_name(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "frameworks.py")
    with pytest.warns(PluginWarning, match="already registered as 'frameworks'"):
        pm = get_plugin_manager(load_entrypoints=False, plugin_files=[tmp_path / "frameworks.py"])
    info = plugin_report(pm).info("frameworks")
    assert info is not None
    assert info.kind is PluginKind.BUILTIN


def test_palaset_plugins_selects_plugins_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_ONLY, " kokeilu_good , ")
    pm = get_plugin_manager(load_entrypoints=False, plugin_files=[GOOD, BROKEN])
    assert plugin_names(pm) == ["kokeilu_good"]
    assert set(plugin_report(pm).disabled) == {*BUILTINS, "kokeilu_broken_import"}
    assert plugin_report(pm).failures == ()  # the broken plugin was never imported


def test_palaset_disable_plugins_skips_built_ins_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DISABLE, "frameworks,kokeilu_broken_import")
    pm = get_plugin_manager(load_entrypoints=False, plugin_files=[GOOD, BROKEN])
    assert plugin_names(pm) == [*(b for b in BUILTINS if b != "frameworks"), "kokeilu_good"]
    assert plugin_report(pm).disabled == ("frameworks", "kokeilu_broken_import")


def test_a_selected_name_that_is_no_plugin_is_warned_about(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DISABLE, "framework")
    with pytest.warns(PluginWarning, match=r"PALASET_DISABLE_PLUGINS names 'framework'.*'frameworks'"):
        get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, Selection()),
        ({ENV_ONLY: "a,b"}, Selection(only=frozenset({"a", "b"}))),
        ({ENV_ONLY: " , "}, Selection()),
        ({ENV_DISABLE: "c"}, Selection(disabled=frozenset({"c"}))),
        ({ENV_STRICT: "1"}, Selection(strict=True)),
        ({ENV_STRICT: "yes"}, Selection(strict=True)),
        ({ENV_STRICT: "0"}, Selection()),
        ({ENV_TIMEOUT: "2.5"}, Selection(timeout=2.5)),
        ({ENV_TIMEOUT: "0"}, Selection(timeout=None)),
        ({ENV_TIMEOUT: "inf"}, Selection(timeout=None)),
        ({ENV_TIMEOUT: "pian"}, Selection()),
        ({ENV_TIMEOUT: "nan"}, Selection()),
    ],
)
def test_selection_from_the_environment(environ: dict[str, str], expected: Selection) -> None:
    assert Selection.from_environ(environ) == expected


def test_installed_entry_points_load_with_their_distribution_version(installed_site: Path) -> None:
    with pytest.warns(PluginWarning) as caught:
        pm = get_plugin_manager(builtins=False, environ={ENV_ONLY: "kokeilu-asennettu,kokeilu-rikki"})
    info = plugin_report(pm).info("kokeilu-asennettu")
    assert info is not None
    assert info.kind is PluginKind.ENTRYPOINT
    assert (info.distribution, info.version) == ("osallisuuden-palaset-kokeilu", "0.3.0")
    assert info.origin == "osallisuuden-palaset-kokeilu:kokeilu_installed"
    (failure,) = plugin_report(pm).failures
    assert failure.name == "kokeilu-rikki"
    message = str(caught[0].message)
    assert "plugin 'kokeilu-rikki' (osallisuuden-palaset-kokeilu 0.3.0)" in message
    assert "ModuleNotFoundError" in message


def test_a_disabled_entry_point_is_never_imported(installed_site: Path) -> None:
    pm = get_plugin_manager(
        builtins=False,
        environ={ENV_ONLY: "kokeilu-asennettu,kokeilu-rikki", ENV_DISABLE: "kokeilu-rikki"},
    )
    assert plugin_names(pm) == ["kokeilu-asennettu"]
    assert plugin_report(pm).failures == ()


def test_strict_mode_makes_a_broken_entry_point_fatal(installed_site: Path) -> None:
    with pytest.raises(PluginError, match=r"kokeilu-rikki.*osallisuuden-palaset-kokeilu 0\.3\.0"):
        get_plugin_manager(builtins=False, environ={ENV_ONLY: "kokeilu-rikki", ENV_STRICT: "1"})


def test_plugins_given_in_code_get_unique_readable_names() -> None:
    first, second = RecordingExporter(), RecordingExporter(name="toinen")
    third = RecordingExporter()
    pm = get_plugin_manager([first, second, third], load_entrypoints=False, builtins=False)
    assert plugin_names(pm) == [
        "recording-exporter-recording",
        "recording-exporter-toinen",
        "recording-exporter-recording-2",
    ]
    assert {p.kind for p in plugin_report(pm).plugins} == {PluginKind.OBJECT}


def test_plugins_given_in_code_ignore_the_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_ONLY, "frameworks")
    pm = get_plugin_manager([RecordingExporter()], load_entrypoints=False)
    assert plugin_names(pm) == ["frameworks", "recording-exporter-recording"]


def test_each_call_gives_a_fresh_manager() -> None:
    first = get_plugin_manager(load_entrypoints=False, builtins=False, plugin_files=[GOOD])
    second = get_plugin_manager(load_entrypoints=False, builtins=False)
    assert plugin_names(first) == ["kokeilu_good"]
    assert plugin_names(second) == []
