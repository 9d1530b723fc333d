"""Helpers for testing plugins: a plugin manager with given plugins, a recording exporter, a CLI runner."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence

import attrs
import pluggy
from click.testing import CliRunner, Result

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.model.coerce import to_frozenset
from osallisuuden_palaset.model.text import Text
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportRequest, kind_name
from osallisuuden_palaset.plugins.manager import get_plugin_manager

__all__ = ["RecordingExporter", "make_plugin_manager", "run_cli"]


def make_plugin_manager(
    *plugins: object, load_entrypoints: bool = False, builtins: bool = True
) -> pluggy.PluginManager:
    """A fresh plugin manager with the built-ins (unless ``builtins=False``) and ``plugins``.

    Installed plugins (entry points) are left out unless ``load_entrypoints=True``, so a test
    sees the same plugins on every machine. PALASET_PLUGINS, PALASET_DISABLE_PLUGINS and
    PALASET_STRICT_PLUGINS apply as usual.
    """
    return get_plugin_manager(plugins, load_entrypoints=load_entrypoints, builtins=builtins)


@attrs.define(eq=False)
class RecordingExporter:
    """An export format that records each ``ExportRequest`` and returns deterministic bytes.

    It is a plugin itself: pass it to ``make_plugin_manager`` or ``run_cli(plugins=...)``.
    The bytes are a small JSON summary of the request (exporter, kind, id, language, options).
    """

    name: str = "recording"
    suffix: str = ".txt"
    #: Checked when the exporter is made (a text is refused, not read as a set of letters).
    accepts: frozenset[str] = attrs.field(default=frozenset(KINDS), converter=to_frozenset)
    requests: list[ExportRequest] = attrs.field(factory=list)

    @property
    def plugin_name(self) -> str:
        """The name ``palaset plugins`` lists it under."""
        return f"recording-exporter-{self.name}"

    @property
    def exporter(self) -> Exporter:
        """The ``Exporter`` this plugin registers."""
        return Exporter(
            name=self.name,
            description=Text(fi="Tallentava testivienti", en="Recording test exporter"),
            suffix=self.suffix,
            media_type="text/plain",
            accepts=self.accepts,
            render=self.render,
        )

    def render(self, request: ExportRequest) -> bytes:
        """Record ``request``; return its summary as UTF-8 JSON."""
        self.requests.append(request)
        summary = {
            "exporter": self.name,
            "kind": kind_name(request.model),
            "id": getattr(request.model, "id", None),
            "lang": request.lang,
            "options": dict(sorted(request.options.items())),
        }
        return (json.dumps(summary, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")

    @hookimpl
    def register_exporters(self, register: Callable[..., None]) -> None:
        """Register this exporter."""
        register(self.exporter)


def run_cli(
    args: Sequence[str],
    *,
    plugins: Iterable[object] = (),
    load_entrypoints: bool = False,
    input: str | None = None,
    env: dict[str, str | None] | None = None,
) -> Result:
    """Run ``palaset ARGS`` in-process with ``plugins`` registered beside the built-ins.

    Exceptions are caught by click and left on ``result.exception``; stdout and stderr are
    ``result.stdout`` and ``result.stderr``.
    """
    from osallisuuden_palaset.cli.main import cli

    obj = {"extra_plugins": tuple(plugins), "load_entrypoints": load_entrypoints}
    return CliRunner().invoke(cli, list(args), obj=obj, input=input, env=env, catch_exceptions=True)
