"""docs/assessment.md cannot drift: every check, rule, criterion and level is explained there."""

from __future__ import annotations

from pathlib import Path

from osallisuuden_palaset.assessing.criteria import RULES, builtin_criteria
from osallisuuden_palaset.default_plugins.checks import BUILTIN_CHECKS
from osallisuuden_palaset.model.evaluation import Level

DOC = (Path(__file__).parent.parent.parent / "docs" / "assessment.md").read_text(encoding="utf-8")


def test_every_check_rule_criterion_and_level_is_documented() -> None:
    for check in BUILTIN_CHECKS:
        assert f"| `{check.id}` | {check.severity.value}" in DOC, check.id
    for rule in RULES:
        assert f"`{rule}`" in DOC, rule
    for criterion in builtin_criteria().criteria:
        assert f"| `{criterion.id}` | `{criterion.rule}` |" in DOC, criterion.id
    for level in Level:
        assert f"| `{level.value}` |" in DOC, level
