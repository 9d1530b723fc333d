"""Which plugins to load: the environment variables that select, disable and harden plugin loading."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import Final

import attrs

from osallisuuden_palaset.isolating import DEFAULT_TIMEOUT

#: Environment variables that select, disable and harden plugin loading.
ENV_ONLY: Final = "PALASET_PLUGINS"
ENV_DISABLE: Final = "PALASET_DISABLE_PLUGINS"
ENV_STRICT: Final = "PALASET_STRICT_PLUGINS"
#: Seconds a plugin's import or one of its hooks may take; 0 switches the limit off.
ENV_TIMEOUT: Final = "PALASET_PLUGIN_TIMEOUT"


@attrs.frozen
class Selection:
    """Which plugins to load, from the environment."""

    only: frozenset[str] | None = None
    disabled: frozenset[str] = frozenset()
    strict: bool = False
    #: Seconds a plugin's import or one of its hooks may take (None: no limit).
    timeout: float | None = DEFAULT_TIMEOUT

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Selection:
        """Read the PALASET_PLUGINS, _DISABLE_PLUGINS, _STRICT_PLUGINS and _PLUGIN_TIMEOUT variables."""
        env = os.environ if environ is None else environ
        only = _names(env.get(ENV_ONLY, ""))
        strict = env.get(ENV_STRICT, "").strip().lower() in ("1", "true", "yes", "on")
        return cls(
            only=only or None,
            disabled=_names(env.get(ENV_DISABLE, "")),
            strict=strict,
            timeout=_seconds(env.get(ENV_TIMEOUT, "")),
        )

    def allows(self, name: str) -> bool:
        """Whether a plugin called ``name`` may be loaded."""
        return name not in self.disabled and (self.only is None or name in self.only)


def _seconds(value: str) -> float | None:
    """The timeout PALASET_PLUGIN_TIMEOUT gives: unset or not a number means the default, 0 none."""
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_TIMEOUT
    if not math.isfinite(seconds):
        return DEFAULT_TIMEOUT if math.isnan(seconds) else None
    return seconds if seconds > 0 else None


def _names(value: str) -> frozenset[str]:
    return frozenset(n.strip() for n in value.split(",") if n.strip())
