"""The one place that calls hooks: typed ``get_*`` accessors with duplicates, provenance and isolation."""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

import attrs
import pluggy

from osallisuuden_palaset.isolating import PluginCall, describe_error
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.project import Catalogue
from osallisuuden_palaset.output.exporting import Exporter
from osallisuuden_palaset.plugins.manager import (
    PalasetPluginManager,
    PluginError,
    PluginFailure,
    PluginKind,
    PluginWarning,
    hook_timeout,
    is_strict,
    plugin_report,
)

if TYPE_CHECKING:
    from osallisuuden_palaset.assessing.checking import Check
    from osallisuuden_palaset.model.survey import Instrument
    from osallisuuden_palaset.surveying.tables import ResponseReader


class DuplicateError(PluginError):
    """Two registrations claim one name (an error in strict mode); the message names both plugins."""


@attrs.frozen
class Contribution:
    """One thing a plugin registered: its kind ("frameworks", ...), its name and the plugin."""

    kind: str
    name: str
    plugin: str


def _identity(obj: Any, plugin: str) -> Any:
    return obj


def _owned(obj: Any, plugin: str) -> Any:
    """``obj`` with its ``plugin`` field naming the plugin that registered it (exporters, checks)."""
    return obj if obj.plugin == plugin else attrs.evolve(obj, plugin=plugin)


T = TypeVar("T")


@attrs.frozen
class ContributionKind(Generic[T]):
    """What one ``register_<kind>`` hook registers, and how the host names and checks it."""

    kind: str
    #: What the hook registers, as a catalogue word ("framework", "exporter", ...).
    what: str
    #: The class registered objects must be (the model classes validate themselves when built).
    cls: Callable[[], type[T]]
    key_attr: str
    #: The object as the host keeps it: exporters and checks are stamped with their plugin's name.
    own: Callable[[Any, str], Any] = _identity

    @property
    def hook(self) -> str:
        """The hook's name."""
        return f"register_{self.kind}"

    @property
    def expected(self) -> str:
        """What the hook expects, in words ("a Framework")."""
        return _a(self.cls().__name__)


def _check_class() -> type[Check]:
    from osallisuuden_palaset.assessing.checking import Check  # imported by the first check hook

    return Check


def _response_reader_class() -> type[ResponseReader]:
    from osallisuuden_palaset.surveying.tables import ResponseReader  # by the first reader hook

    return ResponseReader


def _instrument_class() -> type[Instrument]:
    from osallisuuden_palaset.model.survey import Instrument  # imported by the first instrument hook

    return Instrument


_FRAMEWORKS: Final = ContributionKind[Framework]("frameworks", msg("framework"), lambda: Framework, "id")
_EXPORTERS: Final = ContributionKind[Exporter]("exporters", msg("exporter"), lambda: Exporter, "name", _owned)
_CHECKS: Final = ContributionKind["Check"]("checks", msg("check"), _check_class, "id", _owned)
_CATALOGUES: Final = ContributionKind[Catalogue]("catalogues", msg("catalogue"), lambda: Catalogue, "id")
_INSTRUMENTS: Final = ContributionKind["Instrument"](
    "instruments", msg("instrument"), _instrument_class, "id"
)
_READERS: Final = ContributionKind["ResponseReader"](
    "response_readers", msg("response reader"), _response_reader_class, "name"
)

#: Every contribution hook, in the order ``palaset plugins`` lists them.
KINDS: Final[dict[str, ContributionKind[Any]]] = {
    k.kind: k for k in (_FRAMEWORKS, _EXPORTERS, _CHECKS, _CATALOGUES, _INSTRUMENTS, _READERS)
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
    return _typed(pm, _FRAMEWORKS)


def get_exporters(pm: pluggy.PluginManager) -> dict[str, Exporter]:
    """Every registered export format by name."""
    return _typed(pm, _EXPORTERS)


def get_checks(pm: pluggy.PluginManager) -> dict[str, Check]:
    """Every registered assessment check by id."""
    return _typed(pm, _CHECKS)


def get_catalogues(pm: pluggy.PluginManager) -> dict[str, Catalogue]:
    """Every registered catalogue of reusable blocks by id."""
    return _typed(pm, _CATALOGUES)


def get_instruments(pm: pluggy.PluginManager) -> dict[str, Instrument]:
    """Every registered survey instrument by id."""
    return _typed(pm, _INSTRUMENTS)


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
                    msg(
                        "response readers {first} (plugin {first_plugin}) and {second} (plugin "
                        "{second_plugin}) both read {suffix} files; uninstall one or disable it with "
                        "PALASET_DISABLE_PLUGINS",
                        first=repr(first),
                        first_plugin=repr(collected.owners[first]),
                        second=repr(name),
                        second_plugin=repr(collected.owners[name]),
                        suffix=suffix,
                    )
                )
            claimed[suffix] = name
    return _typed(pm, _READERS)


def _typed(pm: pluggy.PluginManager, spec: ContributionKind[T]) -> dict[str, T]:
    """A copy of what ``spec``'s hook gathered: only instances of its class (checked by ``register``)."""
    items: dict[str, T] = collect(pm, spec.kind).items
    return dict(items)


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

    A name registered twice (by one plugin or by two) is kept by its first registration; the
    later one is a failure of its plugin, which names both.

    Raises:
        DuplicateError: in strict mode, two registrations claim one name.
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


def _call_each(pm: pluggy.PluginManager, spec: ContributionKind[Any]) -> Collected:
    items: dict[str, Any] = {}
    owners: dict[str, str] = {}
    caller: pluggy.HookCaller | None = getattr(pm.hook, spec.hook, None)
    for impl in caller.get_hookimpls() if caller is not None else ():
        if impl.wrapper or impl.hookwrapper:  # wrappers contribute nothing to a register hook
            continue
        plugin = impl.plugin_name
        for name, obj in _call_one(pm, impl, spec):
            if name in owners:
                _record(pm, plugin, spec.hook, _duplicate(spec, name, owners[name], plugin), DuplicateError)
                continue
            items[name] = spec.own(obj, plugin)
            owners[name] = plugin
    return Collected(items, owners)


def _call_one(
    pm: pluggy.PluginManager, impl: pluggy.HookImpl, spec: ContributionKind[Any]
) -> list[tuple[str, Any]]:
    """One plugin's registrations; none when its hook failed (recorded, or raised when strict)."""
    registered: list[tuple[str, Any]] = []
    cls = spec.cls()

    def register(obj: object) -> None:
        if not isinstance(obj, cls):
            raise TypeError(
                msg(
                    "register() got {got}; {hook} expects {expected}",
                    got=_describe(obj),
                    hook=spec.hook,
                    expected=spec.expected,
                )
            )
        registered.append((str(getattr(obj, spec.key_attr)), obj))

    arguments: dict[str, object] = {"register": register}
    where = msg("while plugin {name} ran {hook}", name=repr(impl.plugin_name), hook=spec.hook)
    try:
        with PluginCall(where, timeout=hook_timeout(pm)):
            impl.function(**{arg: arguments[arg] for arg in impl.argnames})
    except Exception as error:  # PluginCall turns SystemExit and the like into an Exception
        _record(pm, impl.plugin_name, spec.hook, describe_error(error))
        return []
    return registered


def _duplicate(spec: ContributionKind[Any], name: str, first: str, second: str) -> str:
    what = spec.what
    if first == second:
        return msg(
            "{what} {name} is registered by plugin {first} twice; the first registration is used "
            "(uninstall one, or disable one with PALASET_DISABLE_PLUGINS)",
            what=what,
            name=repr(name),
            first=repr(first),
        )
    return msg(
        "{what} {name} is registered by both plugin {first} and plugin {second}; the first registration "
        "is used (uninstall one, or disable one with PALASET_DISABLE_PLUGINS)",
        what=what,
        name=repr(name),
        first=repr(first),
        second=repr(second),
    )


def _record(
    pm: pluggy.PluginManager,
    plugin_name: str,
    hook: str,
    error: str,
    error_class: type[PluginError] = PluginError,
) -> None:
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
        pm.record_failure(failure, error_class)
    elif is_strict(pm):
        raise error_class(failure.strict_message())
    else:
        warnings.warn(failure.describe(), PluginWarning, stacklevel=4)


def _describe(obj: object) -> str:
    ident = getattr(obj, "id", None) or getattr(obj, "name", None)
    if isinstance(ident, str):
        return msg("{thing} ({ident})", thing=_a(type(obj).__name__), ident=repr(ident))
    return _a(type(obj).__name__)


def _a(name: str) -> str:
    """``a Framework``, ``an Exporter``: a class named with its English article (none in Finnish)."""
    return msg("an {kind}", kind=name) if name[:1].lower() in tuple("aeiou") else msg("a {kind}", kind=name)
