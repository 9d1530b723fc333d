"""The words diagrams use themselves (legends, badges, notes): English, translated in the catalogue."""

from __future__ import annotations

from osallisuuden_palaset.messages.catalogue import table_entry
from osallisuuden_palaset.messages.labels import LabelTable

#: The diagram's own word for a key in a language: ``word("legend", "en")``. Names of enum values
#: (roles, modalities, strengths, block kinds, flow kinds) come from ``labels.value_label``, so a
#: diagram calls them what reports, the command line and docs/glossary.md call them.
word = LabelTable.of(
    table_entry("diagram.legend", "Legend"),
    table_entry("diagram.dimensions", "Dimensions"),
    table_entry("diagram.principles", "principles: "),
    table_entry("diagram.inclusion", "includes a practice"),
    table_entry("diagram.reuse", "reuse"),
    table_entry("diagram.strength", "Strength"),
    table_entry("diagram.no_evidence", "claim without evidence"),
    table_entry("diagram.reused_from", "reused from "),
    table_entry("diagram.unresolved", "not found: "),
    table_entry("diagram.included_practice", "included practice"),
    table_entry("diagram.gap", "gap: nobody claims it"),
    table_entry("diagram.unknown_framework", "unknown framework: "),
    table_entry("diagram.group_size", "group size: "),
    table_entry("diagram.duration", "duration: "),
    table_entry("diagram.parts", "parts: "),
    table_entry("diagram.used_by", "used by: "),
    table_entry("diagram.standalone", "No project"),
    table_entry("diagram.empty", "(no building blocks)"),
    table_entry("diagram.outcome", "Intended outcome"),
    table_entry("diagram.theory_of_change", "Steps, the changes they lead to, and how each is measured"),
    prefix="diagram.",
)
