"""Tests of the output converter that reports build their JSON with."""

from __future__ import annotations

from osallisuuden_palaset.files.converting import output_converter
from osallisuuden_palaset.model.evaluation import Finding, Severity
from osallisuuden_palaset.model.text import Text


def test_output_keeps_every_field_with_texts_as_maps_and_enums_as_values() -> None:
    finding = Finding(check="c", severity=Severity.INFO, message=Text(fi="viesti"), path=("steps", 1))
    assert output_converter().unstructure(finding) == {
        "check": "c",
        "severity": "info",
        "message": {"fi": "viesti"},
        "location": None,
        "path": ["steps", 1],
        "suggestion": None,
        "practice": None,
        "waived": None,
    }


def test_a_copy_takes_its_own_hooks_and_leaves_the_shared_converter_alone() -> None:
    copy = output_converter().copy()
    copy.register_unstructure_hook(Text, lambda t: t.get("fi"))
    assert copy.unstructure(Text(fi="a", en="b")) == "a"
    assert output_converter().unstructure(Text(fi="a", en="b")) == {"fi": "a", "en": "b"}
