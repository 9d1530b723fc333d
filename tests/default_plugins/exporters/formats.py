"""The built-in exporters as one list, for tests that run every format."""

from __future__ import annotations

from osallisuuden_palaset.default_plugins.exporters import cards, csv, html, json, markdown, mermaid, yaml
from osallisuuden_palaset.output.exporting import Exporter

MODULES = (json, yaml, markdown, html, csv, mermaid, cards)
EXPORTERS: dict[str, Exporter] = {m.EXPORTER.name: m.EXPORTER for m in MODULES}
