"""The built-in assessment checks, registered exactly as a third-party check plugin would be."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator

from osallisuuden_palaset.assessing.answers import question_statuses
from osallisuuden_palaset.assessing.checking import Check, CheckInput
from osallisuuden_palaset.assessing.coverage import practice_claims, practice_coverage
from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.messages.catalogue import as_text, as_text_n
from osallisuuden_palaset.messages.labels import label, value_label
from osallisuuden_palaset.messages.text import LANGS, Lang
from osallisuuden_palaset.model.block import Block, Modality, Strength
from osallisuuden_palaset.model.evaluation import Claim, Finding, Level, Origin, QuestionStatus, Severity
from osallisuuden_palaset.model.evidence import has_source
from osallisuuden_palaset.model.framework import FrameworkKind
from osallisuuden_palaset.model.practice import Include, Reuse
from osallisuuden_palaset.model.references import include_problem, reuse_problem
from osallisuuden_palaset.model.resolving import follow_reuse
from osallisuuden_palaset.model.target_group import AgeRange, TargetGroup
from osallisuuden_palaset.model.text import Text


def _resolved(given: CheckInput) -> Iterator[tuple[int, Block]]:
    """Each step as a block: written out, or a reused one that resolves (includes are skipped)."""
    for i, step in enumerate(given.practice.steps):
        if isinstance(step, Block):
            yield i, step
        elif isinstance(step, Reuse) and (block := follow_reuse(step.reuse, given.context)) is not None:
            yield i, block


def _labelled(value: enum.Enum) -> Text:
    """The label of a model value in every language (a strength, a modality, an answer status)."""
    fi, en, sv = (value_label(value, lang) for lang in LANGS)
    return Text(fi=fi, en=en, sv=sv)


def participant_voice(given: CheckInput) -> Iterator[Finding]:
    """Every step gives participants a say; an organisational one shows how their views reach it."""
    blocks = dict(_resolved(given))
    voiced = {given.practice.steps[i].id for i, block in blocks.items() if _gives_voice(block)}
    into = {f.target: f.source for f in given.practice.flows if f.source in voiced}
    for i, block in blocks.items():
        if _gives_voice(block):
            continue
        people = [p for b in block.walk() for p in b.participants]
        here = ("steps", i, "participants") if block.participants else ("steps", i)
        step = given.practice.steps[i].id
        if block.organisational:
            if step not in into:
                yield given.finding(
                    ("steps", i),
                    as_text(
                        "step '{step}' is organisational, but nothing shows how participants' views reach it",
                        step=block.id,
                    ),
                    as_text(
                        "link it from a step where participants have a say, or add the group whose "
                        "views it uses with the role 'consulted'"
                    ),
                )
        elif any(p.role.value == "target" for p in people):
            yield given.finding(
                here,
                as_text("in step '{step}' the participants are only the object of the work", step=block.id),
                as_text(
                    "say how participants have a say in this step: give them the role 'consulted', "
                    "'participant', 'co_developer', 'peer' or 'leader'"
                ),
            )
        elif people:
            yield given.finding(
                here,
                as_text("only staff take part in step '{step}'", step=block.id),
                as_text(
                    "mark it organisational (organisational: true) or say how participants' views reach it"
                ),
            )
        else:
            yield given.finding(
                here,
                as_text("step '{step}' names no participants with a say", step=block.id),
                as_text("add the participants and their role (participants: who, role)"),
            )


def _gives_voice(block: Block) -> bool:
    return any(p.role.gives_voice for b in block.walk() for p in b.participants)


def dimensions_touched(given: CheckInput) -> Iterator[Finding]:
    """Every dimension of a categorical or checklist framework is claimed by some block."""
    framework = given.framework
    if framework is None or framework.kind is FrameworkKind.ORDINAL:
        return
    coverage = practice_coverage(given.practice, framework, given.context)
    for row in coverage.dimensions:
        if row.verdict.level is Level.NOT_CLAIMED:
            yield given.finding(
                ("steps",),
                as_text("no block claims dimension {element} ({name})", element=row.element, name=row.name),
                as_text(
                    "add 'target: {element}' to the mappings of a step that serves it", element=row.element
                ),
            )


def _unevidenced(claim: Claim) -> Text:
    """What :func:`claim_evidence` says of one claim without evidence, naming where it comes from."""
    if claim.origin is Origin.REUSED:
        return as_text(
            "block '{block}' claims {element} without evidence (reused from {source})",
            block=claim.block,
            element=claim.element,
            source=claim.source,
        )
    if claim.origin is Origin.INCLUDED:
        return as_text(
            "block '{block}' claims {element} without evidence (from included practice {source})",
            block=claim.block,
            element=claim.element,
            source=claim.source,
        )
    return as_text(
        "block '{block}' claims {element} without evidence", block=claim.block, element=claim.element
    )


def claim_evidence(given: CheckInput) -> Iterator[Finding]:
    """Each claim a practice makes says on what evidence it rests."""
    framework = given.framework.id if given.framework else given.practice.framework
    for claim in practice_claims(given.practice, framework, given.context):
        if claim.has_evidence:
            continue
        yield given.finding(
            claim.path,
            _unevidenced(claim),
            as_text("write in 'evidence' what the claim rests on (feedback, evaluation, observation)"),
            severity=Severity.WARNING if claim.origin is Origin.OWN else Severity.INFO,
        )


def target_group(given: CheckInput) -> Iterator[Finding]:
    """The practice (or its project) says whom it is for; ages written out fit the project's."""
    own = given.practice.description.target_group
    project = given.project.target_group if given.project is not None else None
    if own is None and project is None:
        yield given.finding(
            ("description",),
            as_text("the target group is not defined"),
            as_text("write description: target_group: whom the practice is for and what is known of them"),
        )
        return
    if not isinstance(own, TargetGroup):
        return
    if own.ages is not None and not own.criteria and own.text is None:
        yield given.finding(
            ("description", "target_group"),
            as_text("the target group gives ages but not who belongs to it"),
            as_text("add criteria: who belongs to the group, e.g. outside education and work"),
            severity=Severity.INFO,
        )
    wider = project.ages if isinstance(project, TargetGroup) else None
    if own.ages is not None and wider is not None and not _within(own.ages, wider):
        yield given.finding(
            ("description", "target_group", "ages"),
            as_text(
                "the practice's ages {ages} are not within its project's ages {project}",
                ages=str(own.ages),
                project=str(wider),
            ),
            as_text("correct the ages of the practice or of the project"),
        )


def _within(inner: AgeRange, outer: AgeRange) -> bool:
    low_ok = outer.min is None or (inner.min is not None and inner.min >= outer.min)
    high_ok = outer.max is None or (inner.max is not None and inner.max <= outer.max)
    return low_ok and high_ok


def evidence_source(given: CheckInput) -> Iterator[Finding]:
    """A strong claim of the practice's own blocks says where its evidence can be checked."""
    for i, step in enumerate(given.practice.steps):
        if not isinstance(step, Block):
            continue
        for block, path in step.walk_with_paths(("steps", i)):
            for k, mapping in enumerate(block.mappings):
                if mapping.strength is not Strength.STRONG or mapping.evidence is None:
                    continue
                if has_source(mapping.evidence):
                    continue
                yield given.finding(
                    (*path, "mappings", k, "evidence"),
                    as_text(
                        "block '{block}' claims {element} strongly but names no source for its evidence",
                        block=block.id,
                        element=mapping.target,
                    ),
                    as_text(
                        "write the evidence out with its source or url ('evidence: text, kind, source, "
                        "url, date')"
                    ),
                )


#: What to do about a reuse or an include that does not resolve.
FIX_REFERENCE = {
    "reuse": as_text("correct the reference ('catalogue/block') or load the catalogue too"),
    "include": as_text("load the included practice's file too"),
}


def reuse_exists(given: CheckInput) -> Iterator[Finding]:
    """Every reused block exists in its catalogue (or practice), and every included practice exists."""
    for i, step in enumerate(given.practice.steps):
        if isinstance(step, Reuse):
            field, problem = "reuse", reuse_problem(step.reuse, given.context)
        elif isinstance(step, Include):
            field, problem = "include", include_problem(step.include, given.context)
        else:
            continue
        if problem is not None:
            yield given.finding(("steps", i, field), problem.described(), FIX_REFERENCE[field])


def remote_participation(given: CheckInput) -> Iterator[Finding]:
    """Remote and hybrid steps say how remote participants take part."""
    for i, block in _resolved(given):
        for b in block.walk():
            if b.modality in (Modality.REMOTE, Modality.HYBRID) and b.remote_participation is None:
                yield given.finding(
                    ("steps", i, "modality") if b is block else ("steps", i),
                    as_text(
                        "step '{step}' is {modality} but does not say how remote participants take part",
                        step=b.id,
                        modality=_labelled(b.modality),
                    ),
                    as_text("write remote_participation: how remote participants hear, speak and influence"),
                )


def _listed(missing: list[QuestionStatus]) -> Text:
    """The unanswered questions by id, with the status of those begun but not answered."""

    def shown(q: QuestionStatus, lang: Lang) -> str:
        if q.status == "missing":
            return q.question
        return f"{q.question} ({label(f'answer_status.{q.status}', lang)})"

    fi, en, sv = (", ".join(shown(q, lang) for q in missing) for lang in LANGS)
    return Text(fi=fi, en=en, sv=sv)


def questions_answered(given: CheckInput) -> Iterator[Finding]:
    """Every guiding question of the framework has an answer marked answered (one finding lists the rest)."""
    if given.framework is None:
        return
    statuses = question_statuses(given.practice, given.framework)
    missing = [q for q in statuses if q.status != "answered"]
    if not missing:
        return
    listed = _listed(missing)
    yield given.finding(
        ("answers",) if given.practice.answers else (),
        as_text_n(
            "the only guiding question is not answered: {listed}",
            "none of the {n} guiding questions is answered: {listed}",
            len(missing),
            listed=listed,
        )
        if len(missing) == len(statuses)
        else as_text_n(
            "{n} guiding question of {total} is not answered: {listed}",
            "{n} guiding questions of {total} are not answered: {listed}",
            len(missing),
            total=len(statuses),
            listed=listed,
        ),
        as_text("write the answers: 'palaset worksheet' writes a fill-in worksheet"),
    )


#: The built-in checks, in the order they run (docs/assessment.md explains each); each description
#: is its function's docstring.
BUILTIN_CHECKS: tuple[Check, ...] = (
    Check(
        "participant-voice",
        as_text("Participants' voice in every step"),
        as_text("Every step gives participants a say; an organisational one shows how their views reach it."),
        participant_voice,
        Severity.WARNING,
    ),
    Check(
        "dimensions-touched",
        as_text("Every dimension touched"),
        as_text("Every dimension of a categorical or checklist framework is claimed by some block."),
        dimensions_touched,
        Severity.WARNING,
    ),
    Check(
        "claim-evidence",
        as_text("Each claim has evidence"),
        as_text("Each claim a practice makes says on what evidence it rests."),
        claim_evidence,
        Severity.WARNING,
    ),
    Check(
        "target-group",
        as_text("Target group defined"),
        as_text("The practice (or its project) says whom it is for; ages written out fit the project's."),
        target_group,
        Severity.WARNING,
    ),
    Check(
        "evidence-source",
        as_text("Strong claims name a source"),
        as_text("A strong claim of the practice's own blocks says where its evidence can be checked."),
        evidence_source,
        Severity.INFO,
    ),
    Check(
        "reuse-exists",
        as_text("Reused blocks exist"),
        as_text(
            "Every reused block exists in its catalogue (or practice), and every included practice exists."
        ),
        reuse_exists,
        Severity.ERROR,
    ),
    Check(
        "remote-participation",
        as_text("Remote participation described"),
        as_text("Remote and hybrid steps say how remote participants take part."),
        remote_participation,
        Severity.WARNING,
    ),
    Check(
        "questions-answered",
        as_text("Guiding questions answered"),
        as_text(
            "Every guiding question of the framework has an answer marked answered "
            "(one finding lists the rest)."
        ),
        questions_answered,
        Severity.INFO,
    ),
)


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    """Register the built-in checks."""
    for check in BUILTIN_CHECKS:
        register(check)
