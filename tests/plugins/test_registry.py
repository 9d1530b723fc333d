"""The registry: typed get_* accessors, duplicates, provenance and per-plugin isolation."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pluggy
import pytest

from osallisuuden_palaset import hookspecs
from osallisuuden_palaset.assessing.checking import Check
from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.model.block import Block
from osallisuuden_palaset.model.project import Catalogue
from osallisuuden_palaset.model.survey import Instrument, Item, Scale, ScaleValue
from osallisuuden_palaset.output.exporting import Exporter
from osallisuuden_palaset.plugins.manager import (
    ENV_DISABLE,
    ENV_ONLY,
    ENV_STRICT,
    ENV_TIMEOUT,
    PluginError,
    PluginWarning,
    get_plugin_manager,
    plugin_report,
)
from osallisuuden_palaset.plugins.registry import (
    Contribution,
    DuplicateError,
    contributions,
    get_catalogues,
    get_checks,
    get_exporters,
    get_frameworks,
    get_instruments,
    provenance,
)
from osallisuuden_palaset.testing import RecordingExporter, make_plugin_manager, run_cli

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plugins"


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT, ENV_TIMEOUT):
        monkeypatch.delenv(var, raising=False)


def fixture_module(stem: str) -> ModuleType:
    """Import a fixture plugin as a module object (each call a fresh module)."""
    spec = importlib.util.spec_from_file_location(f"registry_fixture_{stem}", FIXTURES / f"{stem}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def files_pm(*stems: str) -> pluggy.PluginManager:
    return get_plugin_manager(
        load_entrypoints=False, builtins=False, plugin_files=[FIXTURES / f"{s}.py" for s in stems]
    )


@attrs.frozen
class Thing:
    """Something with an ``id`` that is no Check and no Instrument."""

    id: str


def check(ident: str) -> Check:
    return Check(id=ident, name="Tarkistus", description="Ei löydä mitään", run=lambda given: ())


def instrument(ident: str) -> Instrument:
    scale = Scale([ScaleValue(1, "ei"), ScaleValue(2, "kyllä")])
    return Instrument(id=ident, name="Mittari", items=[Item("a", "Osio")], scale=scale)


class Contributor:
    """A plugin registering given objects through given hooks, counting its calls."""

    def __init__(self, plugin_name: str, **registered: list[object]) -> None:
        self.plugin_name = plugin_name
        self.registered = registered
        self.calls = 0

    def _give(self, kind: str, register: Callable[..., None]) -> None:
        self.calls += 1
        for obj in self.registered.get(kind, []):
            register(obj)

    @hookimpl
    def register_checks(self, register: Callable[..., None]) -> None:
        self._give("checks", register)

    @hookimpl
    def register_instruments(self, register: Callable[..., None]) -> None:
        self._give("instruments", register)

    @hookimpl
    def register_catalogues(self, register: Callable[..., None]) -> None:
        self._give("catalogues", register)

    @hookimpl
    def register_exporters(self, register: Callable[..., None]) -> None:
        self._give("exporters", register)


def test_a_file_plugin_contributes_a_framework_and_an_exporter() -> None:
    pm = files_pm("kokeilu_good")
    frameworks = get_frameworks(pm)
    assert list(frameworks) == ["kokeilu"]
    assert frameworks["kokeilu"].name.get("en") == "Trial framework"
    assert list(get_exporters(pm)) == ["kokeilu-teksti"]
    assert provenance(pm, "frameworks", "kokeilu") == "kokeilu_good"
    assert contributions(pm) == (
        Contribution("frameworks", "kokeilu", "kokeilu_good"),
        Contribution("exporters", "kokeilu-teksti", "kokeilu_good"),
    )


def test_checks_instruments_and_catalogues_are_keyed_by_id() -> None:
    catalogue = Catalogue(id="luettelo", name="Luettelo", blocks=[Block(id="kortit", name="Kortit")])
    aani = check("aani")
    plugin = Contributor("antaja", checks=[aani], instruments=[instrument("esis")], catalogues=[catalogue])
    pm = make_plugin_manager(plugin, builtins=False)
    assert get_checks(pm) == {"aani": aani}
    assert get_instruments(pm) == {"esis": instrument("esis")}
    assert get_catalogues(pm) == {"luettelo": catalogue}


def test_a_registered_check_and_exporter_know_their_plugin() -> None:
    pm = make_plugin_manager(
        Contributor("antaja", checks=[check("aani")]), RecordingExporter(), builtins=False
    )
    assert get_checks(pm)["aani"].plugin == "antaja"
    assert get_exporters(pm)["recording"].plugin == "recording-exporter-recording"


def test_a_hook_that_raises_is_skipped_and_the_others_still_contribute() -> None:
    with pytest.warns(
        PluginWarning, match=r"kokeilu_raising_hook.*register_frameworks.*RuntimeError.*missing"
    ):
        frameworks = get_frameworks(files_pm("kokeilu_good", "kokeilu_raising_hook"))
    assert list(frameworks) == ["kokeilu"]


def test_a_hook_failure_is_kept_in_the_report() -> None:
    pm = files_pm("kokeilu_raising_hook")
    with pytest.warns(PluginWarning):
        get_frameworks(pm)
    (failure,) = plugin_report(pm).failures
    assert (failure.name, failure.stage) == ("kokeilu_raising_hook", "register_frameworks")
    assert failure.error == "RuntimeError: the framework file of this plugin is missing"


@pytest.mark.parametrize("raised", [SystemExit(2), KeyboardInterrupt(), GeneratorExit()], ids=type)
def test_a_hook_raising_a_base_exception_is_a_failure_naming_the_plugin(raised: BaseException) -> None:
    class Exiting:
        plugin_name = "poistuva"

        @hookimpl
        def register_checks(self, register: Callable[..., None]) -> None:
            register(check("ehtii"))
            raise raised

    pm = make_plugin_manager(Exiting(), Contributor("muut", checks=[check("muu")]), builtins=False)
    with pytest.warns(PluginWarning, match=rf"plugin 'poistuva'.*register_checks.*{type(raised).__name__}"):
        assert list(get_checks(pm)) == ["muu"]  # nothing of the failed call is kept; the others are
    (failure,) = plugin_report(pm).failures
    assert (failure.name, failure.stage) == ("poistuva", "register_checks")


def test_a_hanging_hook_times_out_naming_the_plugin_and_the_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_TIMEOUT, "0.3")
    pm = files_pm("kokeilu_hanging_hook", "kokeilu_good")
    with pytest.warns(
        PluginWarning, match=r"plugin 'kokeilu_hanging_hook'.*failed in register_checks.*within 0\.3 s"
    ):
        assert get_checks(pm) == {}
    assert list(get_frameworks(pm)) == ["kokeilu"]  # the other hooks and plugins still work


def test_strict_mode_makes_a_raising_hook_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_STRICT, "1")
    pm = files_pm("kokeilu_raising_hook")
    with pytest.raises(PluginError, match=r"kokeilu_raising_hook.*RuntimeError"):
        get_frameworks(pm)


def test_registering_the_wrong_type_is_a_plugin_failure() -> None:
    pm = files_pm("kokeilu_wrong_type", "kokeilu_good")
    with pytest.warns(PluginWarning, match=r"kokeilu_wrong_type.*got a dict.*expects a Framework"):
        assert list(get_frameworks(pm)) == ["kokeilu"]


def test_strict_mode_makes_the_wrong_type_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_STRICT, "1")
    with pytest.raises(PluginError, match="expects a Framework"):
        get_frameworks(files_pm("kokeilu_wrong_type"))


def test_a_check_without_an_id_is_refused() -> None:
    pm = make_plugin_manager(Contributor("nimeton", checks=[object()]), builtins=False)
    with pytest.warns(PluginWarning, match="got an object; register_checks expects a Check"):
        assert get_checks(pm) == {}


@pytest.mark.parametrize(
    ("kind", "get"),
    [("checks", get_checks), ("instruments", get_instruments), ("exporters", get_exporters)],
    ids=["check", "instrument", "exporter"],
)
def test_a_contribution_of_the_wrong_class_is_refused_at_registration_naming_the_plugin(
    kind: str, get: Callable[[pluggy.PluginManager], dict[str, Any]]
) -> None:
    """An object with an ``id`` but not a Check (an Instrument) is never listed, then skipped."""
    things: list[object] = [Thing("vale")]
    pm = make_plugin_manager(Contributor("vale", **{kind: things}), builtins=False)
    with pytest.warns(PluginWarning, match=rf"plugin 'vale'.*register_{kind}.*got a Thing \('vale'\)"):
        assert get(pm) == {}
    assert contributions(pm) == ()
    (failure,) = plugin_report(pm).failures
    assert (failure.name, failure.stage) == ("vale", f"register_{kind}")


@pytest.mark.parametrize("kind", ["checks", "instruments", "exporters"])
def test_strict_mode_makes_a_contribution_of_the_wrong_class_an_error(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_STRICT, "1")
    things: list[object] = [Thing("vale")]
    pm = make_plugin_manager(Contributor("vale", **{kind: things}), builtins=False)
    with pytest.raises(PluginError, match=rf"vale.*register_{kind}.*got a Thing \('vale'\)"):
        contributions(pm)


@pytest.mark.parametrize("kind", ["checks", "instruments", "exporters"])
def test_palaset_plugins_shows_a_wrong_class_as_a_failure_and_never_as_a_contribution(kind: str) -> None:
    things: list[object] = [Thing("vale")]
    result = run_cli(
        ["--lang", "en", "plugins", "--format", "json"], plugins=[Contributor("vale", **{kind: things})]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    listed = {p["name"]: p["contributes"] for p in data["plugins"]}
    assert all("vale" not in names for contributes in listed.values() for names in contributes.values())
    (failure,) = [f for f in data["failures"] if "vale" in f["error"]]
    assert f"register_{kind} expects" in failure["error"]
    assert "got a Thing ('vale')" in failure["error"]


@pytest.mark.parametrize("kind", ["checks", "instruments", "exporters"])
def test_strict_palaset_plugins_fails_on_a_wrong_class(kind: str) -> None:
    things: list[object] = [Thing("vale")]
    result = run_cli(
        ["--lang", "en", "plugins"], plugins=[Contributor("vale", **{kind: things})], env={ENV_STRICT: "1"}
    )
    assert result.exit_code == 1
    assert "got a Thing ('vale')" in result.stderr
    assert "Traceback" not in result.output


def test_get_results_have_the_registered_types() -> None:
    good = Contributor(
        "hyvä",
        checks=[check("tarkistus")],
        instruments=[instrument("mittari")],
        exporters=[RecordingExporter().exporter],
    )
    pm = make_plugin_manager(good, builtins=False)
    assert all(isinstance(c, Check) for c in get_checks(pm).values())
    assert all(isinstance(i, Instrument) for i in get_instruments(pm).values())
    assert all(isinstance(e, Exporter) for e in get_exporters(pm).values())
    assert set(get_checks(pm)) == {"tarkistus"}
    assert set(get_instruments(pm)) == {"mittari"}
    assert len(get_exporters(pm)) == 1


def test_two_plugins_claiming_one_framework_name_is_reported_naming_both() -> None:
    pm = files_pm("kokeilu_good", "kokeilu_duplicate")
    with pytest.warns(PluginWarning) as caught:
        frameworks = get_frameworks(pm)
    assert frameworks["kokeilu"].name.get("en") == "Trial framework"  # the first registration is kept
    message = str(caught[0].message)
    assert "framework 'kokeilu'" in message
    assert "'kokeilu_good'" in message
    assert "'kokeilu_duplicate'" in message


def test_a_plugin_cannot_take_a_built_in_framework_id() -> None:
    pm = get_plugin_manager(load_entrypoints=False, plugin_files=[FIXTURES / "kokeilu_duplicate.py"])
    with pytest.warns(PluginWarning, match=r"framework 'thl' is registered by both plugin 'frameworks'"):
        frameworks = get_frameworks(pm)
    assert provenance(pm, "frameworks", "thl") == "frameworks"
    assert provenance(pm, "frameworks", "kokeilu") == "kokeilu_duplicate"  # its name that is free stays
    assert frameworks["thl"].source.title != "Test fixture"


def test_a_plugin_registering_a_taken_format_name_is_reported_and_the_rest_keep_working() -> None:
    first, second = RecordingExporter(), RecordingExporter()
    other = RecordingExporter(name="toinen")
    pm = make_plugin_manager(first, second, other, builtins=False)
    with pytest.warns(PluginWarning) as caught:
        exporters = get_exporters(pm)
    assert sorted(exporters) == ["recording", "toinen"]
    assert exporters["recording"].plugin == "recording-exporter-recording"
    (warning,) = caught
    assert "exporter 'recording' is registered by both" in str(warning.message)
    assert "'recording-exporter-recording'" in str(warning.message)
    assert "'recording-exporter-recording-2'" in str(warning.message)
    (failure,) = plugin_report(pm).failures
    assert (failure.name, failure.stage) == ("recording-exporter-recording-2", "register_exporters")


def test_strict_mode_makes_a_duplicate_a_duplicate_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_STRICT, "1")
    pm = make_plugin_manager(RecordingExporter(), RecordingExporter(), builtins=False)
    with pytest.raises(DuplicateError, match=r"exporter 'recording' is registered by both.*strict"):
        get_exporters(pm)


def test_one_plugin_registering_a_name_twice_is_reported() -> None:
    pm = make_plugin_manager(Contributor("kahdesti", checks=[check("a"), check("a")]), builtins=False)
    with pytest.warns(PluginWarning, match="check 'a' is registered by plugin 'kahdesti' twice"):
        assert list(get_checks(pm)) == ["a"]


def test_results_are_cached_per_manager_until_its_plugins_change() -> None:
    plugin = Contributor("laskuri", checks=[check("a")])
    pm = make_plugin_manager(plugin, builtins=False)
    get_checks(pm)
    get_checks(pm)
    assert plugin.calls == 1
    pm.register(Contributor("toinen", checks=[check("b")]), name="toinen")
    assert list(get_checks(pm)) == ["a", "b"]
    assert plugin.calls == 2


def test_returned_dicts_are_copies() -> None:
    pm = make_plugin_manager(Contributor("a", checks=[check("x")]), builtins=False)
    get_checks(pm).clear()
    assert list(get_checks(pm)) == ["x"]


def test_a_plain_pluggy_manager_works_too(monkeypatch: pytest.MonkeyPatch) -> None:
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    pm.register(fixture_module("kokeilu_good"), name="hyva")
    pm.register(fixture_module("kokeilu_raising_hook"), name="rikki")
    with pytest.warns(PluginWarning, match="plugin 'rikki'"):
        assert list(get_frameworks(pm)) == ["kokeilu"]
    assert provenance(pm, "frameworks", "kokeilu") == "hyva"
    monkeypatch.setenv(ENV_STRICT, "1")
    strict_pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    strict_pm.add_hookspecs(hookspecs)
    strict_pm.register(fixture_module("kokeilu_raising_hook"), name="rikki")
    with pytest.raises(PluginError, match="plugin 'rikki'"):
        get_frameworks(strict_pm)


def test_a_wrapper_implementation_contributes_nothing() -> None:
    class Wrapper:
        @hookimpl(wrapper=True)
        def register_checks(self, register: Callable[..., None]) -> Any:
            register(check("wrapper"))
            return (yield)

    pm = make_plugin_manager(Wrapper(), Contributor("a", checks=[check("x")]), builtins=False)
    assert list(get_checks(pm)) == ["x"]
