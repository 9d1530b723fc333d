"""Build the evaluation appendix (arviointiliite) of a practice: verdicts, evidence, criteria, questions."""

from __future__ import annotations

from collections.abc import Iterable

from osallisuuden_palaset.assessing.answers import question_statuses
from osallisuuden_palaset.assessing.checking import sort_findings
from osallisuuden_palaset.assessing.coverage import practice_coverage
from osallisuuden_palaset.assessing.criteria import RuleInput, builtin_criteria, rate
from osallisuuden_palaset.model.evaluation import CriteriaSet, EvaluationAppendix, Finding
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.project import Project
from osallisuuden_palaset.model.references import Context


def build_appendix(
    practice: Practice,
    framework: Framework,
    context: Context,
    criteria: CriteriaSet | None = None,
    *,
    findings: Iterable[Finding] = (),
    project: Project | None = None,
    rate_criteria: bool = True,
) -> EvaluationAppendix:
    """The evaluation appendix of ``practice`` against ``framework``.

    Args:
        practice: the practice to evaluate.
        framework: the framework it is held against (usually ``context.frameworks[practice.framework]``).
        context: what reuses and includes resolve to.
        criteria: the criteria set to rate; None means the built-in Innokylä meter.
        findings: findings from checks to carry in the appendix (e.g. ``run_checks``'s result).
        project: the practice's project, when known (its target group counts for the criteria).
        rate_criteria: False leaves the criteria out.
    """
    coverage = practice_coverage(practice, framework, context)
    chosen = (criteria or builtin_criteria()) if rate_criteria else None
    ratings = (
        rate(chosen, RuleInput(practice, framework, coverage, context, project)) if chosen is not None else ()
    )
    return EvaluationAppendix(
        practice=practice.id,
        practice_name=practice.name,
        framework=framework.id,
        framework_name=framework.name,
        coverage=coverage,
        criteria_set=chosen.id if chosen else None,
        criteria_name=chosen.name if chosen else None,
        ratings=ratings,
        questions=question_statuses(practice, framework),
        findings=sort_findings(findings),
    )
