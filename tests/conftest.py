"""Shared test configuration: Hypothesis profiles and the ``requires_dot`` marker."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

HAVE_DOT = shutil.which("dot") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip ``requires_dot`` tests where Graphviz is missing, saying why; never in CI."""
    if HAVE_DOT:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("CI must have Graphviz: install it (apt-get install graphviz)")
    skip = pytest.mark.skip(reason="Graphviz 'dot' is not on PATH (apt-get install graphviz)")
    for item in items:
        if "requires_dot" in item.keywords:
            item.add_marker(skip)
