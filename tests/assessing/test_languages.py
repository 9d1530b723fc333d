"""``palaset assess`` in Swedish and English says its findings in that language, never in Finnish."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from osallisuuden_palaset.testing import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _findings() -> list[dict[str, Any]]:
    result = run_cli(["assess", str(EXAMPLES), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    found = [f for p in json.loads(result.stdout)["practices"] for f in p["findings"]]
    assert found
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_assess_on_the_examples_shows_no_finnish_fallback_in_check_findings(lang: str) -> None:
    """With --lang sv, check suggestions once fell back to Finnish (6 of 27 messages had Swedish)."""
    findings = _findings()
    result = run_cli(["--lang", lang, "assess", str(EXAMPLES), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    for finding in findings:
        # A waived finding is shown as its step's reason (the model file's own words).
        shown = [finding["waived"]] if "waived" in finding else [finding["message"], finding["suggestion"]]
        for text in shown:
            if text is None:
                continue
            assert lang in text or "waived" in finding, text
            if lang not in text:
                continue
            assert text[lang] != text["fi"], text
            assert text[lang] in result.stdout
            assert text["fi"] not in result.stdout


def test_assess_text_in_finnish_agrees_in_number() -> None:
    result = run_cli(["--lang", "fi", "assess", str(EXAMPLES / "elava-portfolio.yaml"), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert "1 väite, jolla on näyttö" in result.stdout
    assert "8 väitettä, kaikilla näyttö" in result.stdout
    for wrong in ("1 väitettä", "1 näytöin", "(strong)", "(draft)", "(missing)"):
        assert wrong not in result.stdout
    md = run_cli(["--lang", "fi", "assess", str(EXAMPLES), "--format", "markdown", "--fail-on", "never"])
    assert "(vahva, näytöin)" in md.stdout
    assert "(strong" not in md.stdout
    assert "(moderate" not in md.stdout
