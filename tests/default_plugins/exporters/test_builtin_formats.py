"""Laws every built-in format keeps: registered like a plugin, deterministic, every kind it accepts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from osallisuuden_palaset.default_plugins import DEFAULT_PLUGINS
from osallisuuden_palaset.output.exporting import Exportable, Exporter, export
from osallisuuden_palaset.plugins.registry import get_exporters
from osallisuuden_palaset.testing import make_plugin_manager
from tests.default_plugins.exporters import samples
from tests.default_plugins.exporters.formats import EXPORTERS, MODULES

MODELS: dict[str, Callable[[], Exportable]] = {
    "practice": samples.rich_practice,
    "hostile": samples.hostile_practice,
    "project": samples.project,
    "collection": samples.collection,
}


def test_each_module_registers_its_format_through_the_hook() -> None:
    pm = make_plugin_manager(*MODULES, builtins=False)
    assert get_exporters(pm) == EXPORTERS


def test_every_format_module_is_a_default_plugin() -> None:
    assert {m.__name__ for m in MODULES} <= set(DEFAULT_PLUGINS)


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_formats_declare_suffix_media_type_and_kinds(name: str) -> None:
    exporter = EXPORTERS[name]
    assert exporter.suffix.startswith(".")
    assert "/" in exporter.media_type
    assert exporter.accepts <= {"practice", "project", "collection"}
    assert exporter.description.has("fi")
    assert exporter.description.has("en")
    for option in exporter.options:
        assert option.default is None or option.choices is None or option.default in option.choices


@pytest.mark.parametrize("model_name", sorted(MODELS))
@pytest.mark.parametrize("name", sorted(EXPORTERS))
@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_every_format_exports_every_kind_deterministically(name: str, model_name: str, lang: str) -> None:
    exporter: Exporter = EXPORTERS[name]
    model = MODELS[model_name]()
    if not exporter.can_export(model):
        pytest.skip(f"{name} does not accept this kind")
    first = export(exporter, model, lang=lang, context=samples.context())  # type: ignore[arg-type]
    again = export(exporter, MODELS[model_name](), lang=lang, context=samples.context())  # type: ignore[arg-type]
    assert first == again
    assert first.decode("utf-8").endswith("\n")


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_formats_work_without_a_context(name: str) -> None:
    """References that do not resolve are shown as such, never a crash."""
    data = export(EXPORTERS[name], samples.rich_practice())
    assert data
