"""Built-in plugins: registered by name exactly as third-party plugins are."""

from __future__ import annotations

#: Dotted module names of the built-in plugins, in registration order. A module's plugin
#: name is its last component (``frameworks``), which PALASET_PLUGINS and
#: PALASET_DISABLE_PLUGINS use.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "osallisuuden_palaset.default_plugins.frameworks",
    "osallisuuden_palaset.default_plugins.exporters.json",
    "osallisuuden_palaset.default_plugins.exporters.yaml",
    "osallisuuden_palaset.default_plugins.exporters.markdown",
    "osallisuuden_palaset.default_plugins.exporters.html",
    "osallisuuden_palaset.default_plugins.exporters.csv",
    "osallisuuden_palaset.default_plugins.exporters.mermaid",
    "osallisuuden_palaset.default_plugins.instruments",
    "osallisuuden_palaset.default_plugins.response_readers",
    "osallisuuden_palaset.default_plugins.checks",
)
