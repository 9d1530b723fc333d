"""Which plugins to load: the environment variables that select, disable and harden plugin loading."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

import attrs

#: Environment variables that select, disable and harden plugin loading.
ENV_ONLY: Final = "PALASET_PLUGINS"
ENV_DISABLE: Final = "PALASET_DISABLE_PLUGINS"
ENV_STRICT: Final = "PALASET_STRICT_PLUGINS"


@attrs.frozen
class Selection:
    """Which plugins to load, from the environment."""

    only: frozenset[str] | None = None
    disabled: frozenset[str] = frozenset()
    strict: bool = False

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Selection:
        """Read PALASET_PLUGINS, PALASET_DISABLE_PLUGINS and PALASET_STRICT_PLUGINS."""
        env = os.environ if environ is None else environ
        only = _names(env.get(ENV_ONLY, ""))
        strict = env.get(ENV_STRICT, "").strip().lower() in ("1", "true", "yes", "on")
        return cls(only=only or None, disabled=_names(env.get(ENV_DISABLE, "")), strict=strict)

    def allows(self, name: str) -> bool:
        """Whether a plugin called ``name`` may be loaded."""
        return name not in self.disabled and (self.only is None or name in self.only)


def _names(value: str) -> frozenset[str]:
    return frozenset(n.strip() for n in value.split(",") if n.strip())
