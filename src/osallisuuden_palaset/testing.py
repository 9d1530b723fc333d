"""Helpers for testing plugins: a plugin manager, a recording exporter, a CLI runner, snapshots."""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs
import pluggy
from click.testing import CliRunner, Result

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.coerce import to_frozenset
from osallisuuden_palaset.output.exporting import KINDS, Exporter, ExportRequest, kind_name
from osallisuuden_palaset.plugins.manager import get_plugin_manager

__all__ = [
    "ENV_UPDATE_SNAPSHOTS",
    "RecordingExporter",
    "assert_snapshot",
    "assert_snapshot_folder",
    "make_plugin_manager",
    "run_cli",
]

#: Set to ``1`` to have ``assert_snapshot`` and ``assert_snapshot_folder`` rewrite the snapshots.
ENV_UPDATE_SNAPSHOTS: Final = "PALASET_UPDATE_SNAPSHOTS"
#: Lines of unified diff shown when a text snapshot differs.
_DIFF_LINES: Final = 40


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
            description=msg("Recording test exporter"),
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


def assert_snapshot(path: str | os.PathLike[str], actual: str | bytes) -> None:
    """Check that ``actual`` is what the file at ``path`` holds, or rewrite the file when updating.

    Text is compared and written as UTF-8 with its newlines as they are (``"\\n"`` stays
    ``"\\n"`` on every system). With ``PALASET_UPDATE_SNAPSHOTS=1`` the file (and its folder)
    is written when it is missing or different, and the check passes: review the diff.

    Raises:
        AssertionError: the file is missing, or differs (the message shows a short diff).
    """
    __tracebackhide__ = True  # pytest shows the caller's line, not this one
    file = Path(path)
    data = _encoded(actual)
    if _updating():
        _write(file, data)
        return
    if not file.is_file():
        raise AssertionError(f"no snapshot {_shown(file)}: run with {ENV_UPDATE_SNAPSHOTS}=1 and review it")
    stored = file.read_bytes()
    if stored != data:
        raise AssertionError(
            f"{_shown(file)} differs from the snapshot (review, then {ENV_UPDATE_SNAPSHOTS}=1 rewrites it)"
            f"\n{_difference(stored, data)}"
        )


def assert_snapshot_folder(
    folder: str | os.PathLike[str], files: Mapping[str, str | bytes], pattern: str = "*"
) -> None:
    """Check that ``folder`` holds exactly ``files`` (name → content) among the names matching ``pattern``.

    A snapshot that is missing, different, or stale (a file matching ``pattern`` that
    ``files`` does not name) fails the check. With ``PALASET_UPDATE_SNAPSHOTS=1`` stale files
    are removed, missing and different ones written, and the check passes.

    Raises:
        AssertionError: naming every missing, stale and different file, with the first one's diff.
    """
    __tracebackhide__ = True  # pytest shows the caller's line, not this one
    root = Path(folder)
    wanted = {name: _encoded(content) for name, content in files.items()}
    stale = sorted(p.name for p in root.glob(pattern) if p.is_file() and p.name not in wanted)
    if _updating():
        for name in stale:
            (root / name).unlink()
        for name, data in wanted.items():
            _write(root / name, data)
        return
    missing = sorted(name for name in wanted if not (root / name).is_file())
    changed = sorted(
        name for name in wanted if name not in missing and (root / name).read_bytes() != wanted[name]
    )
    if not (stale or missing or changed):
        return
    lines = [f"snapshots in {_shown(root)} differ (review, then {ENV_UPDATE_SNAPSHOTS}=1 rewrites them)"]
    lines += [
        f"{what}: {', '.join(names)}"
        for what, names in (("missing", missing), ("stale", stale), ("different", changed))
        if names
    ]
    if changed:
        first = changed[0]
        lines += [f"{first}:", _difference((root / first).read_bytes(), wanted[first])]
    raise AssertionError("\n".join(lines))


def _updating() -> bool:
    return os.environ.get(ENV_UPDATE_SNAPSHOTS) == "1"


def _encoded(actual: str | bytes) -> bytes:
    return actual.encode("utf-8") if isinstance(actual, str) else actual


def _write(file: Path, data: bytes) -> None:
    """Write ``data`` unless the file already holds it (its time stamp is left alone then)."""
    if file.is_file() and file.read_bytes() == data:
        return
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _difference(stored: bytes, actual: bytes) -> str:
    """A short unified diff of two UTF-8 texts, or where two binary contents first differ."""
    try:
        old, new = stored.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        pairs = enumerate(zip(stored, actual, strict=False))
        at = next((i for i, (a, b) in pairs if a != b), min(len(stored), len(actual)))
        return f"binary: {len(stored)} bytes stored, {len(actual)} now, first difference at byte {at}"
    # Split at "\n" only (not at every character str.splitlines takes for a line break), and show
    # a carriage return, so that "\r\n" against "\n" is not a diff of two equal-looking lines.
    diff = [
        line.replace("\r", "\\r")
        for line in difflib.unified_diff(old.split("\n"), new.split("\n"), "snapshot", "actual", lineterm="")
    ]
    if len(diff) > _DIFF_LINES:
        diff = [*diff[:_DIFF_LINES], f"... {len(diff) - _DIFF_LINES} more lines of diff"]
    return "\n".join(diff)
