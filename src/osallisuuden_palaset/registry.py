"""The one place that calls hooks: typed ``get_*`` accessors with duplicates, provenance and isolation."""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Callable
from typing import Any, Final, Protocol, runtime_checkable

import attrs
import pluggy

from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.exporting import Exporter
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.ids import is_id
from osallisuuden_palaset.model.project import Catalogue
from osallisuuden_palaset.plugins import (
    PalasetPluginManager,
    PluginError,
    PluginFailure,
    PluginKind,
    PluginWarning,
    describe_error,
    is_strict,
    plugin_report,
)
from osallisuuden_palaset.surveying.tables import ResponseReader


class DuplicateError(PalasetError):
    """Two registrations claim one name; the message names both plugins."""


@runtime_checkable
class Identified(Protocol):
    """Anything registered under its ``id`` (checks, survey instruments)."""

    @property
    def id(self) -> str: ...


@attrs.frozen
class Contribution:
    """One thing a plugin registered: its kind ("frameworks", ...), its name and the plugin."""

    kind: str
    name: str
    plugin: str


@attrs.frozen
class ContributionKind:
    """What one ``register_<kind>`` hook registers, and how the host names and checks it."""

    kind: str
    what: str
    expected: str
    key_attr: str
    is_valid: Callable[[object], bool]

    @property
    def hook(self) -> str:
        """The hook's name."""
        return f"register_{self.kind}"


def _has_str_id(obj: object) -> bool:
    return isinstance(getattr(obj, "id", None), str) and bool(obj.id)  # type: ignore[attr-defined]


#: Every contribution hook, in the order ``palaset plugins`` lists them.
KINDS: Final[dict[str, ContributionKind]] = {
    k.kind: k
    for k in (
        ContributionKind("frameworks", "framework", "a Framework", "id", lambda o: isinstance(o, Framework)),
        ContributionKind(
            "exporters",
            "exporter",
            "an Exporter with an id-like name",
            "name",
            lambda o: isinstance(o, Exporter) and is_id(o.name),
        ),
        ContributionKind("checks", "check", "an object with a string `id`", "id", _has_str_id),
        ContributionKind("catalogues", "catalogue", "a Catalogue", "id", lambda o: isinstance(o, Catalogue)),
        ContributionKind("instruments", "instrument", "an object with a string `id`", "id", _has_str_id),
        ContributionKind(
            "response_readers",
            "response reader",
            "a ResponseReader",
            "name",
            lambda o: isinstance(o, ResponseReader),
        ),
    )
}


@attrs.frozen
class Collected:
    """What one hook gathered: the objects by name and which plugin registered each."""

    items: dict[str, Any]
    owners: dict[str, str]


_CacheKey = tuple[tuple[str, int], ...]
_CACHE: weakref.WeakKeyDictionary[pluggy.PluginManager, dict[str, tuple[_CacheKey, Collected]]] = (
    weakref.WeakKeyDictionary()
)


def get_frameworks(pm: pluggy.PluginManager) -> dict[str, Framework]:
    """Every registered framework by id."""
    return dict(collect(pm, "frameworks").items)


def get_exporters(pm: pluggy.PluginManager) -> dict[str, Exporter]:
    """Every registered export format by name."""
    return dict(collect(pm, "exporters").items)


def get_checks(pm: pluggy.PluginManager) -> dict[str, Identified]:
    """Every registered assessment check by id."""
    return dict(collect(pm, "checks").items)


def get_catalogues(pm: pluggy.PluginManager) -> dict[str, Catalogue]:
    """Every registered catalogue of reusable blocks by id."""
    return dict(collect(pm, "catalogues").items)


def get_instruments(pm: pluggy.PluginManager) -> dict[str, Identified]:
    """Every registered survey instrument by id."""
    return dict(collect(pm, "instruments").items)


def get_response_readers(pm: pluggy.PluginManager) -> dict[str, ResponseReader]:
    """Every registered reader of survey answer files by name; no two may claim one file suffix.

    Raises:
        DuplicateError: two readers claim one suffix (the message names both plugins).
    """
    collected = collect(pm, "response_readers")
    claimed: dict[str, str] = {}
    for name, reader in collected.items.items():
        for suffix in reader.suffixes:
            if suffix in claimed:
                first = claimed[suffix]
                raise DuplicateError(
                    f"response readers {first!r} (plugin {collected.owners[first]!r}) and {name!r} (plugin "
                    f"{collected.owners[name]!r}) both read {suffix} files; uninstall one or disable it "
                    "with PALASET_DISABLE_PLUGINS"
                )
            claimed[suffix] = name
    return dict(collected.items)


def contributions(pm: pluggy.PluginManager) -> tuple[Contribution, ...]:
    """Everything every plugin registered, hook by hook, in registration order."""
    return tuple(
        Contribution(kind, name, owner) for kind in KINDS for name, owner in collect(pm, kind).owners.items()
    )


def provenance(pm: pluggy.PluginManager, kind: str, name: str) -> str | None:
    """The name of the plugin that registered ``name`` through ``register_<kind>``."""
    return collect(pm, kind).owners.get(name)


def collect(pm: pluggy.PluginManager, kind: str) -> Collected:
    """Call ``register_<kind>`` on each plugin in turn (cached per manager and plugin set).

    Raises:
        DuplicateError: two registrations (by one plugin or by two) claim one name.
        PluginError: in strict mode, a plugin's hook raised or registered the wrong type.
    """
    spec = KINDS[kind]
    key = tuple((name, id(plugin)) for name, plugin in pm.list_name_plugin())
    per_pm = _CACHE.setdefault(pm, {})
    cached = per_pm.get(kind)
    if cached is not None and cached[0] == key:
        return cached[1]
    collected = _call_each(pm, spec)
    per_pm[kind] = (key, collected)
    return collected


def _call_each(pm: pluggy.PluginManager, spec: ContributionKind) -> Collected:
    items: dict[str, Any] = {}
    owners: dict[str, str] = {}
    caller: pluggy.HookCaller | None = getattr(pm.hook, spec.hook, None)
    for impl in caller.get_hookimpls() if caller is not None else ():
        if impl.wrapper or impl.hookwrapper:  # wrappers contribute nothing to a register hook
            continue
        registered = _call_one(pm, impl, spec)
        if registered is None:
            continue
        for name, obj in registered:
            if name in owners:
                raise DuplicateError(
                    f"{spec.what} {name!r} is registered by both plugin {owners[name]!r} and plugin "
                    f"{impl.plugin_name!r}; uninstall one or disable it with PALASET_DISABLE_PLUGINS"
                )
            items[name] = obj
            owners[name] = impl.plugin_name
    return Collected(items, owners)


def _call_one(
    pm: pluggy.PluginManager, impl: pluggy.HookImpl, spec: ContributionKind
) -> list[tuple[str, Any]] | None:
    """One plugin's registrations, or None when its hook failed (recorded, or raised when strict)."""
    registered: list[tuple[str, Any]] = []

    def register(obj: object) -> None:
        if not spec.is_valid(obj):
            raise TypeError(f"register() got {_describe(obj)}; {spec.hook} expects {spec.expected}")
        name = str(getattr(obj, spec.key_attr))
        if any(name == n for n, _ in registered):
            raise DuplicateError(f"plugin {impl.plugin_name!r} registers {spec.what} {name!r} twice")
        registered.append((name, obj))

    arguments: dict[str, object] = {"register": register}
    try:
        impl.function(**{arg: arguments[arg] for arg in impl.argnames})
    except DuplicateError:
        raise
    except Exception as error:
        _record(pm, impl.plugin_name, spec.hook, describe_error(error))
        return None
    return registered


def _record(pm: pluggy.PluginManager, plugin_name: str, hook: str, error: str) -> None:
    info = plugin_report(pm).info(plugin_name)
    failure = PluginFailure(
        plugin_name,
        info.kind if info else PluginKind.OBJECT,
        info.origin if info else plugin_name,
        error,
        info.version if info else None,
        stage=hook,
        distribution=info.distribution if info else None,
    )
    if isinstance(pm, PalasetPluginManager):
        pm.record_failure(failure)
    elif is_strict(pm):
        raise PluginError(failure.describe())
    else:
        warnings.warn(failure.describe(), PluginWarning, stacklevel=4)


def _describe(obj: object) -> str:
    ident = getattr(obj, "id", None) or getattr(obj, "name", None)
    return f"a {type(obj).__name__}" + (f" ({ident!r})" if isinstance(ident, str) else "")
