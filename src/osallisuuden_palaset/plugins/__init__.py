"""The plugin host: the manager, the built-ins by name, selection from the environment, the typed registry.

Offers :func:`get_plugin_manager` and :func:`plugin_report` (from :mod:`.manager`);
:mod:`.registry` is the one place that calls contribution hooks (``get_exporters``,
``get_checks``, ...) and :mod:`.selection` reads ``PALASET_PLUGINS`` and its kin. Plugin code
runs through :mod:`osallisuuden_palaset.isolating`, so that one broken plugin cannot stop the host.
"""

from __future__ import annotations

from osallisuuden_palaset.plugins.manager import (
    PalasetPluginManager,
    PluginError,
    PluginReport,
    get_plugin_manager,
    plugin_report,
)

__all__ = ["PalasetPluginManager", "PluginError", "PluginReport", "get_plugin_manager", "plugin_report"]
