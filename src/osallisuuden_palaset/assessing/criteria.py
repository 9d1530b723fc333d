"""Criteria sets and the rules that rate them red, yellow or green (the built-in one: Innokylä's meter)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Final

import attrs

from osallisuuden_palaset.assessing.answers import question_statuses
from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.messages.catalogue import as_text, as_text_n, msg
from osallisuuden_palaset.model.block import Block, Role
from osallisuuden_palaset.model.evaluation import Coverage, CriteriaSet, CriterionRating, Level, Rating
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice, Reuse
from osallisuuden_palaset.model.project import Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.resolving import follow_reuse
from osallisuuden_palaset.model.text import Text

if TYPE_CHECKING:
    from osallisuuden_palaset.files.reading import Reading


@attrs.frozen
class RuleInput:
    """What a rating rule sees."""

    practice: Practice
    framework: Framework
    coverage: Coverage
    context: Context = attrs.field(factory=Context)
    project: Project | None = None


#: A rule rates one criterion and says why, in words.
Rule = Callable[[RuleInput], tuple[Rating, Text]]

G, Y, R = Rating.GREEN, Rating.YELLOW, Rating.RED


def _description(x: RuleInput) -> tuple[Rating, Text]:
    has = [x.practice.summary is not None, x.practice.description.basic_idea is not None]
    if all(has):
        return G, as_text("the summary and the basic idea are written")
    if any(has):
        return Y, as_text("only one of the summary and the basic idea")
    return R, as_text("neither a summary nor a basic idea")


def _target_group(x: RuleInput) -> tuple[Rating, Text]:
    if x.practice.description.target_group is not None:
        return G, as_text("the target group is described")
    if x.project is not None and x.project.target_group is not None:
        return Y, as_text("only the project's target group is described")
    return R, as_text("the target group is not described")


def _intended_change(x: RuleInput) -> tuple[Rating, Text]:
    measured = [o for o in x.practice.outcomes if o.indicators]
    if measured:
        return G, as_text_n("{n} outcome with indicators", "{n} outcomes with indicators", len(measured))
    if x.practice.outcomes or x.practice.development.intended_change is not None:
        return Y, as_text("the intended change has no indicators")
    return R, as_text("the intended change is not described")


def _blocks(x: RuleInput) -> list[Block]:
    out: list[Block] = []
    for step in x.practice.steps:
        if isinstance(step, Block):
            out.append(step)
        elif isinstance(step, Reuse) and (reused := follow_reuse(step.reuse, x.context)) is not None:
            out.append(reused)
    return out


def _participant_voice(x: RuleInput) -> tuple[Rating, Text]:
    blocks = [b for b in _blocks(x) if not b.organisational]  # staff's own steps need no say
    voiced = [b for b in blocks if any(p.role.gives_voice for w in b.walk() for p in w.participants)]
    n, k = len(blocks), len(voiced)
    if n and k == n:
        return G, as_text_n(
            "participants have a say in the only step", "participants have a say in all {n} steps", n
        )
    if k:
        return Y, as_text_n(
            "participants have a say in {k} of {n} step",
            "participants have a say in {k} of {n} steps",
            n,
            k=k,
        )
    return R, as_text("participants have a say in no step")


_CO = frozenset({Role.CO_DEVELOPER, Role.PEER, Role.LEADER})


def _co_development(x: RuleInput) -> tuple[Rating, Text]:
    written = x.practice.development.co_development is not None
    roles = any(p.role in _CO for b in _blocks(x) for w in b.walk() for p in w.participants)
    if written and roles:
        return G, as_text("co-development is described and in roles")
    if written or roles:
        return Y, as_text("co-development shows only in the description or only in the roles")
    return R, as_text("co-development is not described")


def _inclusion_coverage(x: RuleInput) -> tuple[Rating, Text]:
    levels = [r.verdict.level for r in x.coverage.dimensions]
    n = len(levels)
    covered = sum(1 for lv in levels if lv is Level.COVERED)
    touched = sum(1 for lv in levels if lv.rank >= Level.TOUCHED.rank)
    if covered == n:
        return G, as_text_n(
            "the only dimension is covered with evidence", "all {n} dimensions covered with evidence", n
        )
    if touched == n:
        return Y, as_text_n(
            "the only dimension is touched, {covered} of {n} covered",
            "all {n} dimensions touched, {covered} of {n} covered",
            n,
            covered=covered,
        )
    return R, as_text_n(
        "{n} dimension of {total} has no claim with evidence",
        "{n} dimensions of {total} have no claim with evidence",
        n - touched,
        total=n,
    )


def _evidence(x: RuleInput) -> tuple[Rating, Text]:
    claims = {(c.step, c.block, c.element, c.path): c for row in x.coverage.rows() for c in row.claims}
    n = len(claims)
    k = sum(1 for c in claims.values() if c.has_evidence)
    if n and k == n:
        return G, as_text_n("the only claim gives evidence", "all {n} claims give evidence", n)
    if n and 2 * k >= n:
        return Y, as_text_n(
            "evidence is given for {k} of {n} claim", "evidence is given for {k} of {n} claims", n, k=k
        )
    if not n:
        return R, as_text("the practice claims nothing of the framework")
    return R, as_text_n(
        "evidence is given for only {k} of {n} claim", "evidence is given for only {k} of {n} claims", n, k=k
    )


def _evaluation(x: RuleInput) -> tuple[Rating, Text]:
    dev = x.practice.development
    has = [
        dev.evaluation is not None,
        dev.measuring_change is not None or any(o.indicators for o in x.practice.outcomes),
    ]
    if all(has):
        return G, as_text("evaluation and measuring the change are described")
    if any(has):
        return Y, as_text("only evaluation or only measuring is described")
    return R, as_text("evaluation is not described")


def _implementation(x: RuleInput) -> tuple[Rating, Text]:
    d = x.practice.description
    if d.implementation is not None:
        return G, as_text("the conditions for adoption are described")
    if d.environment is not None:
        return Y, as_text("only the operating environment is described")
    return R, as_text("the conditions for adoption are not described")


def _guiding_questions(x: RuleInput) -> tuple[Rating, Text]:
    statuses = question_statuses(x.practice, x.framework)
    n = len(statuses)
    k = sum(1 for q in statuses if q.status == "answered")
    begun = sum(1 for q in statuses if q.status in ("answered", "draft"))
    if not n:
        return G, as_text("the framework has no guiding questions")
    if k == n:
        return G, as_text_n(
            "the only guiding question is answered", "all {n} guiding questions are answered", n
        )
    if begun:
        return Y, as_text_n(
            "{k} of {n} guiding question answered", "{k} of {n} guiding questions answered", n, k=k
        )
    return R, as_text("no guiding question is answered")


#: The rules a criterion can name; docs/assessment.md gives each one's green, yellow and red.
RULES: Mapping[str, Rule] = {
    "description": _description,
    "target_group": _target_group,
    "intended_change": _intended_change,
    "participant_voice": _participant_voice,
    "co_development": _co_development,
    "inclusion_coverage": _inclusion_coverage,
    "evidence": _evidence,
    "evaluation": _evaluation,
    "implementation": _implementation,
    "guiding_questions": _guiding_questions,
}


def rate(criteria: CriteriaSet, given: RuleInput) -> tuple[CriterionRating, ...]:
    """Rate every criterion; one without a known rule is left for a person (rating None)."""
    out = []
    for c in criteria.criteria:
        rule = RULES.get(c.rule) if c.rule else None
        if rule is None:
            reason = (
                as_text("rate by hand")
                if c.rule is None
                else as_text("rule '{rule}' is unknown: rate by hand", rule=c.rule)
            )
            out.append(CriterionRating(c.id, c.name, None, reason))
            continue
        rating, reason = rule(given)
        out.append(CriterionRating(c.id, c.name, rating, reason))
    return tuple(out)


#: The top-level key of a criteria file.
CRITERIA_KEY: Final = "criteria_set"
_CRITERIA_HINT: Final = msg("a criteria file starts with 'criteria_set:'")


def load_criteria(path: str | os.PathLike[str]) -> CriteriaSet:
    """A criteria set from a YAML (or .json) file whose top key is ``criteria_set``.

    Read as model files are: through the one reader and converter.

    Raises:
        LoadError: the file is missing or unreadable, or has problems (each at FILE:LINE:COL).
    """
    from osallisuuden_palaset.files.reading import read_file

    return _criteria(read_file(path), str(path))


def parse_criteria(text: str, *, name: str = "criteria.yaml") -> CriteriaSet:
    """A criteria set from YAML text (JSON when ``name`` ends in .json) whose top key is ``criteria_set``.

    Raises:
        LoadError: the text is not YAML or not a valid criteria set (each problem at FILE:LINE:COL).
    """
    from osallisuuden_palaset.files.reading import read_text

    return _criteria(read_text(text, name=name, json_syntax=name.lower().endswith(".json")), name)


def _criteria(reading: Reading, name: str) -> CriteriaSet:
    from osallisuuden_palaset.files.document import parse_as

    found, problems = parse_as(reading, name, CRITERIA_KEY, CriteriaSet, _CRITERIA_HINT)
    if found is None:
        raise LoadError(problems)
    return found


@functools.cache
def builtin_criteria() -> CriteriaSet:
    """The built-in Innokylä traffic-light criteria set (data/criteria/innokyla.yaml)."""
    data = resources.files("osallisuuden_palaset").joinpath("data", "criteria", "innokyla.yaml")
    return parse_criteria(data.read_text(encoding="utf-8"), name="innokyla.yaml")
