"""The ``requires_chromium`` marker: skipped, saying why, where Chromium is missing; an error in CI."""

from __future__ import annotations

import os

import pytest

from tests.browser.chromium import chromium


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip ``requires_chromium`` tests where Chromium is missing; in CI (``CI`` set) refuse to run."""
    marked = [item for item in items if "requires_chromium" in item.keywords]
    if not marked or chromium() is not None:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("CI must have Chromium: install it (apt-get install chromium)")
    skip = pytest.mark.skip(reason="Chromium is not on PATH (apt-get install chromium)")
    for item in marked:
        item.add_marker(skip)
