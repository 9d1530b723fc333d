"""Build the plugin manager: built-ins, entry points and plugin files, each loaded in isolation."""

from __future__ import annotations

import enum
import functools
import hashlib
import importlib
import importlib.util
import os
import sys
import types
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
import pluggy

from osallisuuden_palaset import hookspecs
from osallisuuden_palaset.errors import PalasetError, did_you_mean
from osallisuuden_palaset.isolating import PluginCall
from osallisuuden_palaset.isolating import describe_error as describe_error  # re-exported
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.plugins import entry_points as installed
from osallisuuden_palaset.plugins.selection import ENV_DISABLE as ENV_DISABLE  # re-exported
from osallisuuden_palaset.plugins.selection import ENV_ONLY as ENV_ONLY
from osallisuuden_palaset.plugins.selection import ENV_STRICT as ENV_STRICT
from osallisuuden_palaset.plugins.selection import ENV_TIMEOUT as ENV_TIMEOUT
from osallisuuden_palaset.plugins.selection import Selection as Selection

if TYPE_CHECKING:
    import importlib.metadata

#: Dotted module names of the built-in plugins (in ``default_plugins``), in registration order;
#: the host imports them by name, as it does entry points. A module's plugin
#: name is its last component (``frameworks``), which PALASET_PLUGINS and
#: PALASET_DISABLE_PLUGINS use.
DEFAULT_PLUGINS: Final[tuple[str, ...]] = (
    "osallisuuden_palaset.default_plugins.frameworks",
    "osallisuuden_palaset.default_plugins.exporters.json",
    "osallisuuden_palaset.default_plugins.exporters.yaml",
    "osallisuuden_palaset.default_plugins.exporters.markdown",
    "osallisuuden_palaset.default_plugins.exporters.html",
    "osallisuuden_palaset.default_plugins.exporters.csv",
    "osallisuuden_palaset.default_plugins.exporters.mermaid",
    "osallisuuden_palaset.default_plugins.exporters.cards",
    "osallisuuden_palaset.default_plugins.instruments",
    "osallisuuden_palaset.default_plugins.response_readers",
    "osallisuuden_palaset.default_plugins.checks",
)

#: The entry-point group third-party plugins declare (fixed).
ENTRY_POINT_GROUP: Final = hookspecs.PROJECT_NAME
DISTRIBUTION: Final = "osallisuuden-palaset"


class PluginError(PalasetError):
    """A plugin could not be loaded or used (always in strict mode; a misspelt hook always)."""


class PluginWarning(UserWarning):
    """A plugin was skipped because it failed; the message names it and the error."""


class PluginKind(enum.StrEnum):
    """Where a plugin came from."""

    BUILTIN = "builtin"
    ENTRYPOINT = "entrypoint"
    FILE = "file"
    #: Passed in code (``get_plugin_manager(plugins=...)``, ``testing.make_plugin_manager``).
    OBJECT = "object"


@attrs.frozen
class PluginInfo:
    """One registered plugin: its name, where it came from and its version."""

    name: str
    kind: PluginKind
    #: The module name, the file path or ``distribution:module`` of an entry point.
    origin: str
    version: str | None = None
    distribution: str | None = None


@attrs.frozen
class PluginFailure:
    """A plugin that failed, at load time or in one of its hooks, and was skipped."""

    name: str
    kind: PluginKind
    origin: str
    error: str
    version: str | None = None
    #: "load" or the name of the hook that raised.
    stage: str = "load"
    distribution: str | None = None

    def describe(self) -> str:
        """One sentence naming the plugin, its version, the stage and the error."""
        if self.stage == "load":
            return msg(
                "{plugin} could not be loaded and was skipped: {error}", plugin=self._who(), error=self.error
            )
        return msg(
            "{plugin} failed in {hook} and was skipped: {error}",
            plugin=self._who(),
            hook=self.stage,
            error=self.error,
        )

    def strict_message(self) -> str:
        """The message of the error strict mode makes of this failure."""
        if self.stage == "load":
            return msg(
                "{plugin} could not be loaded: {error} (strict: {env})",
                plugin=self._who(),
                error=self.error,
                env=ENV_STRICT,
            )
        return msg(
            "{plugin} failed in {hook}: {error} (strict: {env})",
            plugin=self._who(),
            hook=self.stage,
            error=self.error,
            env=ENV_STRICT,
        )

    def _who(self) -> str:
        if self.distribution_label:
            return msg("plugin {name} ({where})", name=repr(self.name), where=self.distribution_label)
        return msg("plugin {name}", name=repr(self.name))

    @property
    def distribution_label(self) -> str:
        """``distribution version`` where known (entry points, built-ins), else the origin."""
        where = self.distribution or self.origin
        return f"{where} {self.version}" if self.version else where


@attrs.frozen
class PluginReport:
    """What the host loaded: plugins, failures, plugins skipped on request, and the mode."""

    plugins: tuple[PluginInfo, ...] = ()
    failures: tuple[PluginFailure, ...] = ()
    #: Plugin names left out by PALASET_PLUGINS or PALASET_DISABLE_PLUGINS.
    disabled: tuple[str, ...] = ()
    strict: bool = False

    def info(self, name: str) -> PluginInfo | None:
        """The record of the plugin called ``name``, if it was registered."""
        return next((p for p in self.plugins if p.name == name), None)


class PalasetPluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers what was loaded and what failed (see ``plugin_report``)."""

    def __init__(self, *, strict: bool = False, timeout: float | None = None) -> None:
        super().__init__(hookspecs.PROJECT_NAME)
        self.strict = strict
        #: Seconds a plugin's import or one of its hooks may take (None: no limit).
        self.timeout = timeout
        self._infos: list[PluginInfo] = []
        self._failures: list[PluginFailure] = []
        self._disabled: list[str] = []

    def record_failure(self, failure: PluginFailure, error: type[PluginError] | None = None) -> None:
        """Note a failure: raise ``error`` (a PluginError) in strict mode, else warn and go on."""
        if self.strict:
            raise (error or PluginError)(failure.strict_message())
        self._failures.append(failure)
        warnings.warn(failure.describe(), PluginWarning, stacklevel=3)

    @property
    def report(self) -> PluginReport:
        """A snapshot of what was loaded so far."""
        return PluginReport(tuple(self._infos), tuple(self._failures), tuple(self._disabled), self.strict)


def get_plugin_manager(
    plugins: Iterable[object] = (),
    *,
    load_entrypoints: bool = True,
    plugin_files: Iterable[str | os.PathLike[str]] = (),
    plugin_dirs: Iterable[str | os.PathLike[str]] = (),
    builtins: bool = True,
    environ: Mapping[str, str] | None = None,
) -> PalasetPluginManager:
    """A fresh plugin manager with the hook specs and every plugin that loads.

    Order: built-ins (``DEFAULT_PLUGINS``), ``plugins`` given in code, entry points of the
    ``osallisuuden_palaset`` group, ``plugin_files``, then every ``*.py`` in ``plugin_dirs``.
    A plugin that fails to load is skipped with a ``PluginWarning``; PALASET_PLUGINS and
    PALASET_DISABLE_PLUGINS select by name (plugins given in code are always registered).

    Raises:
        PluginError: a plugin implements an unknown (misspelt) hook; in strict mode
            (PALASET_STRICT_PLUGINS=1), any plugin that fails to load.
    """
    selection = Selection.from_environ(environ)
    pm = PalasetPluginManager(strict=selection.strict, timeout=selection.timeout)
    pm.add_hookspecs(hookspecs)
    if builtins:
        for module_name in DEFAULT_PLUGINS:
            _load(pm, selection, _builtin_candidate(module_name))
    for plugin in plugins:
        _register_object(pm, plugin)
    if load_entrypoints:
        for ep in sorted(_entry_points(), key=lambda e: (e.name, e.value)):
            _load(pm, selection, _entry_point_candidate(ep))
    files = [Path(f) for f in plugin_files]
    for folder in plugin_dirs:
        files += _plugin_files_in(Path(folder))
    for path in files:
        _load(pm, selection, _file_candidate(path))
    _check_pending(pm)
    _warn_unknown_selection(pm, selection)
    return pm


def plugin_report(pm: pluggy.PluginManager) -> PluginReport:
    """What ``pm`` loaded and what failed; for a plain pluggy manager, its registered names."""
    if isinstance(pm, PalasetPluginManager):
        return pm.report
    infos = tuple(
        PluginInfo(name, PluginKind.OBJECT, _origin_of(plugin), _version_of(plugin))
        for name, plugin in pm.list_name_plugin()
        if plugin is not None
    )
    return PluginReport(infos, strict=Selection.from_environ().strict)


def is_strict(pm: pluggy.PluginManager) -> bool:
    """Whether failures of ``pm``'s plugins are errors rather than warnings."""
    return plugin_report(pm).strict


def hook_timeout(pm: pluggy.PluginManager) -> float | None:
    """Seconds one hook of ``pm``'s plugins may take (PALASET_PLUGIN_TIMEOUT; None: no limit)."""
    if isinstance(pm, PalasetPluginManager):
        return pm.timeout
    return Selection.from_environ().timeout


# -- loading one plugin ----------------------------------------------------------------------


@attrs.frozen
class _Candidate:
    """A plugin not yet imported: its name, provenance, and how to import it."""

    name: str
    kind: PluginKind
    origin: str
    version: str | None
    distribution: str | None
    importer: Any  # Callable[[], object]; attrs and mypy disagree on callables in frozen classes


def _builtin_candidate(module_name: str) -> _Candidate:
    return _Candidate(
        module_name.rpartition(".")[2],
        PluginKind.BUILTIN,
        module_name,
        _own_version(),
        DISTRIBUTION,
        lambda: importlib.import_module(module_name),
    )


def _entry_points() -> list[installed.EntryPoint]:
    """The group's entry points, read from the installed metadata files; importlib's scan if needed."""
    found = installed.entry_points(ENTRY_POINT_GROUP)
    if found is not None:
        return found
    import importlib.metadata

    return [_from_importlib(ep) for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)]


def _from_importlib(ep: importlib.metadata.EntryPoint) -> installed.EntryPoint:
    dist = getattr(ep, "dist", None)
    return installed.EntryPoint(
        ep.name,
        ep.value,
        dist.name if dist is not None else None,
        dist.version if dist is not None else None,
    )


def _entry_point_candidate(ep: installed.EntryPoint) -> _Candidate:
    origin = f"{ep.dist_name}:{ep.value}" if ep.dist_name else ep.value
    return _Candidate(ep.name, PluginKind.ENTRYPOINT, origin, ep.version, ep.dist_name, ep.load)


def _file_candidate(path: Path) -> _Candidate:
    return _Candidate(path.stem, PluginKind.FILE, str(path), None, None, lambda: _import_file(path))


def _plugin_files_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise PluginError(
            msg("plugin folder {folder} does not exist or is not a folder", folder=repr(str(folder)))
        )
    return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))


def _import_file(path: Path) -> types.ModuleType:
    """Import a ``.py`` file by path, under a module name unique to that path."""
    if not path.is_file():
        raise FileNotFoundError(msg("no plugin file {path}", path=repr(str(path))))
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:10]
    module_name = f"_palaset_plugin_{_identifier(path.stem)}_{digest}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - only for non-.py paths
        raise ImportError(msg("cannot import {path} as a Python module", path=repr(str(path))))
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # attrs, dataclasses and pickling look modules up here
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


def _identifier(stem: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in stem)


def _load(pm: PalasetPluginManager, selection: Selection, candidate: _Candidate) -> None:
    """Import and register one plugin; a failure is recorded (warning) or raised (strict)."""
    if not selection.allows(candidate.name):
        pm._disabled.append(candidate.name)
        return
    if pm.has_plugin(candidate.name):
        _fail(pm, candidate, msg("another plugin is already registered as {name}", name=repr(candidate.name)))
        return
    try:
        with PluginCall(
            msg("while plugin {name} was being loaded", name=repr(candidate.name)), timeout=pm.timeout
        ):
            plugin = candidate.importer()
            version = candidate.version or _version_of(plugin)
            pm.register(plugin, name=candidate.name)
    except Exception as error:  # PluginCall turns SystemExit and the like into an Exception
        _unregister_partial(pm, candidate.name)
        _fail(pm, candidate, describe_error(error))
        return
    pm._infos.append(
        PluginInfo(candidate.name, candidate.kind, candidate.origin, version, candidate.distribution)
    )


def _register_object(pm: PalasetPluginManager, plugin: object) -> None:
    name = _unique_name(pm, _name_for(plugin))
    candidate = _Candidate(name, PluginKind.OBJECT, _origin_of(plugin), None, None, lambda: plugin)
    _load(pm, Selection(), candidate)


def _fail(pm: PalasetPluginManager, candidate: _Candidate, error: str) -> None:
    pm.record_failure(
        PluginFailure(
            candidate.name,
            candidate.kind,
            candidate.origin,
            error,
            candidate.version,
            distribution=candidate.distribution,
        )
    )


def _unregister_partial(pm: pluggy.PluginManager, name: str) -> None:
    # pluggy may have added some hook implementations before raising; take them out again.
    plugin = pm.get_plugin(name)
    if plugin is not None:
        pm.unregister(plugin)


def _check_pending(pm: PalasetPluginManager) -> None:
    """Fail loudly on a hook implementation that matches no hook spec (a misspelt hook)."""
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as error:
        name = pm.get_name(error.plugin) or repr(error.plugin)
        known = sorted(n for n in dir(hookspecs) if n.startswith("register_"))
        unknown = [
            hook
            for hook in vars(pm.hook)
            if not hook.startswith("_") and not getattr(pm.hook, hook).has_spec()
            for impl in getattr(pm.hook, hook).get_hookimpls()
            if impl.plugin is error.plugin and not impl.optionalhook
        ]
        hook = unknown[0] if unknown else "?"
        hint = did_you_mean(hook, known, n=1) or msg("hooks: {hooks}", hooks=", ".join(known))
        raise PluginError(
            msg(
                "plugin {name} implements unknown hook {hook} ({hint})",
                name=repr(name),
                hook=repr(hook),
                hint=hint,
            )
        ) from None


def _warn_unknown_selection(pm: PalasetPluginManager, selection: Selection) -> None:
    seen = {i.name for i in pm._infos} | set(pm._disabled) | {f.name for f in pm._failures}
    for var, names in ((ENV_ONLY, selection.only or frozenset()), (ENV_DISABLE, selection.disabled)):
        for name in sorted(names - seen):
            hint = did_you_mean(name, seen) or msg("see `palaset plugins`")
            warnings.warn(
                msg("{var} names {name}, which is no plugin ({hint})", var=var, name=repr(name), hint=hint),
                PluginWarning,
                stacklevel=3,
            )


# -- names and versions ------------------------------------------------------------------------


def _name_for(plugin: object) -> str:
    module_name = getattr(plugin, "__name__", None)
    if isinstance(plugin, types.ModuleType) and module_name:
        return str(module_name).rpartition(".")[2]
    explicit = getattr(plugin, "plugin_name", None)
    if isinstance(explicit, str) and explicit:
        return explicit
    return type(plugin).__name__ if not isinstance(plugin, type) else plugin.__name__


def _unique_name(pm: pluggy.PluginManager, base: str) -> str:
    name, n = base, 1
    while pm.has_plugin(name) or pm.is_blocked(name):
        n += 1
        name = f"{base}-{n}"
    return name


def _origin_of(plugin: object) -> str:
    if isinstance(plugin, types.ModuleType):
        return getattr(plugin, "__file__", None) or plugin.__name__
    return f"{type(plugin).__module__}.{type(plugin).__qualname__}"


def _version_of(plugin: object) -> str | None:
    version = getattr(plugin, "__version__", None)
    return version if isinstance(version, str) else None


@functools.cache
def _own_version() -> str | None:
    found = installed.version(DISTRIBUTION)
    if found is not None:
        return found
    import importlib.metadata  # pragma: no cover - metadata in a zip file, or none

    try:  # pragma: no cover
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - an uninstalled tree
        return None


def plugin_names(pm: pluggy.PluginManager) -> Sequence[str]:
    """Names of the registered plugins, in registration order (the hook specs left out)."""
    return [name for name, plugin in pm.list_name_plugin() if plugin is not None]
