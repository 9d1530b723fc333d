"""Built-in plugins: registered by name exactly as third-party plugins are."""

from __future__ import annotations

from osallisuuden_palaset.plugins.manager import DEFAULT_PLUGINS as DEFAULT_PLUGINS

__all__ = ["DEFAULT_PLUGINS"]
