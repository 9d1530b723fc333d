"""The built-in assessment checks, registered exactly as a third-party check plugin would be."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from osallisuuden_palaset.assessing.answers import question_statuses
from osallisuuden_palaset.assessing.checking import Check, CheckInput
from osallisuuden_palaset.assessing.coverage import practice_claims, practice_coverage
from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.model.block import Block, Modality
from osallisuuden_palaset.model.evaluation import Finding, Level, Origin, Severity
from osallisuuden_palaset.model.framework import FrameworkKind
from osallisuuden_palaset.model.practice import Include, Reuse
from osallisuuden_palaset.model.references import include_problem, reuse_problem
from osallisuuden_palaset.model.resolving import follow_reuse
from osallisuuden_palaset.model.text import Text


def _resolved(given: CheckInput) -> Iterator[tuple[int, Block]]:
    """Each step as a block: written out, or a reused one that resolves (includes are skipped)."""
    for i, step in enumerate(given.practice.steps):
        if isinstance(step, Block):
            yield i, step
        elif isinstance(step, Reuse) and (block := follow_reuse(step.reuse, given.context)) is not None:
            yield i, block


def participant_voice(given: CheckInput) -> Iterator[Finding]:
    """Every step must give participants a say; a step where they are only the object is flagged."""
    for i, block in _resolved(given):
        people = [p for b in block.walk() for p in b.participants]
        if any(p.role.gives_voice for p in people):
            continue
        here = ("steps", i, "participants") if block.participants else ("steps", i)
        if any(p.role.value == "target" for p in people):
            yield given.finding(
                here,
                Text(
                    fi=f"vaiheessa {block.id!r} osallistujat ovat vain työn kohde",
                    en=f"in step {block.id!r} the participants are only the object of the work",
                    sv=f"i steget {block.id!r} är deltagarna bara föremål för arbetet",
                ),
                Text(
                    fi="kerro, miten osallistujat vaikuttavat vaiheeseen (rooli consulted, participant, "
                    "co_developer, peer tai leader)",
                    en="say how participants have a say in this step (role consulted, participant, "
                    "co_developer, peer or leader)",
                ),
            )
        else:
            yield given.finding(
                here,
                Text(
                    fi=f"vaiheessa {block.id!r} osallistujien ääni ei kuulu",
                    en=f"step {block.id!r} names no participants with a say",
                    sv=f"steget {block.id!r} nämner inga deltagare med inflytande",
                ),
                Text(
                    fi="lisää osallistujat ja heidän roolinsa (participants: who, role)",
                    en="add the participants and their role (participants: who, role)",
                ),
            )


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
                Text(
                    fi=f"mikään palanen ei väitä osa-aluetta {row.element} ({row.name.get('fi')})",
                    en=f"no block claims dimension {row.element} ({row.name.get('en')})",
                    sv=f"ingen byggsten påstår dimensionen {row.element} ({row.name.get('sv')})",
                ),
                Text(
                    fi=f"lisää sitä palvelevan vaiheen mappings-kohtaan target: {row.element}",
                    en=f"add 'target: {row.element}' to the mappings of a step that serves it",
                ),
            )


def claim_evidence(given: CheckInput) -> Iterator[Finding]:
    """Each claim a practice makes says on what evidence it rests."""
    framework = given.framework.id if given.framework else given.practice.framework
    for claim in practice_claims(given.practice, framework, given.context):
        if claim.has_evidence:
            continue
        where = {
            Origin.OWN: "",
            Origin.REUSED: f" (reused from {claim.source})",
            Origin.INCLUDED: f" (from included practice {claim.source})",
        }[claim.origin]
        yield given.finding(
            claim.path,
            Text(
                fi=f"palasen {claim.block!r} väite {claim.element} on ilman näyttöä{where}",
                en=f"block {claim.block!r} claims {claim.element} without evidence{where}",
                sv=f"byggstenen {claim.block!r} påstår {claim.element} utan belägg{where}",
            ),
            Text(
                fi="kirjoita evidence-kohtaan, mihin väite perustuu (palaute, arviointi, havainnot)",
                en="write in 'evidence' what the claim rests on (feedback, evaluation, observation)",
            ),
            severity=Severity.WARNING if claim.origin is Origin.OWN else Severity.INFO,
        )


def target_group(given: CheckInput) -> Iterator[Finding]:
    """The practice (or its project) says whom it is for."""
    if given.practice.description.target_group is not None:
        return
    if given.project is not None and given.project.target_group is not None:
        return
    yield given.finding(
        ("description",),
        Text(
            fi="kohderyhmää ei ole määritelty",
            en="the target group is not defined",
            sv="målgruppen är inte definierad",
        ),
        Text(
            fi="kirjoita description: target_group: kenelle toimintamalli on ja mitä heistä tiedetään",
            en="write description: target_group: whom the practice is for and what is known of them",
        ),
    )


#: What to do about a reuse or an include that does not resolve.
FIX_REFERENCE = {
    "reuse": Text(
        fi="korjaa viittaus muotoon luettelo/palanen tai lataa luettelo mukaan",
        en="correct the reference ('catalogue/block') or load the catalogue too",
    ),
    "include": Text(
        fi="lataa sisällytetty toimintamalli samalla kertaa", en="load the included practice's file too"
    ),
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
                    Text(
                        fi=f"vaihe {b.id!r} on {b.modality.value}, mutta ei kerro, miten etäosallistujat "
                        "ovat mukana",
                        en=f"step {b.id!r} is {b.modality.value} but does not say how remote participants "
                        "take part",
                    ),
                    Text(
                        fi="kirjoita remote_participation: miten etänä osallistuvat kuulevat, puhuvat ja "
                        "vaikuttavat",
                        en="write remote_participation: how remote participants hear, speak and influence",
                    ),
                )


def questions_answered(given: CheckInput) -> Iterator[Finding]:
    """Every guiding question of the framework has an answer marked answered (one finding lists the rest)."""
    if given.framework is None:
        return
    statuses = question_statuses(given.practice, given.framework)
    missing = [q for q in statuses if q.status != "answered"]
    if not missing:
        return
    listed = ", ".join(q.question if q.status == "missing" else f"{q.question} ({q.status})" for q in missing)
    n, total = len(missing), len(statuses)
    yield given.finding(
        ("answers",) if given.practice.answers else (),
        Text(
            fi=f"{n}/{total} apukysymystä vastaamatta: {listed}",
            en=f"{n} of {total} guiding questions not answered: {listed}",
            sv=f"{n} av {total} stödfrågor obesvarade: {listed}",
        ),
        Text(
            fi="kirjoita vastaukset: palaset worksheet tuottaa täytettävän pohjan",
            en="write the answers: 'palaset worksheet' writes a fill-in worksheet",
        ),
    )


def _check(
    ident: str, name: Text, fi: str, run: Callable[[CheckInput], Iterator[Finding]], severity: Severity
) -> Check:
    assert run.__doc__ is not None
    return Check(ident, name, Text(fi=fi, en=run.__doc__), run, severity)


#: The built-in checks, in the order they run (docs/assessment.md explains each).
BUILTIN_CHECKS: tuple[Check, ...] = (
    _check(
        "participant-voice",
        Text(fi="Osallistujien ääni joka vaiheessa", en="Participants' voice in every step"),
        "Jokaisessa vaiheessa osallistujilla on sananvaltaa; vaihe, jossa he ovat vain työn kohde, "
        "merkitään.",
        participant_voice,
        Severity.WARNING,
    ),
    _check(
        "dimensions-touched",
        Text(fi="Jokainen osa-alue kosketettu", en="Every dimension touched"),
        "Jokin palanen väittää palvelevansa kutakin viitekehyksen osa-aluetta.",
        dimensions_touched,
        Severity.WARNING,
    ),
    _check(
        "claim-evidence",
        Text(fi="Väitteillä on näyttö", en="Each claim has evidence"),
        "Jokainen väite kertoo, mihin näyttöön se perustuu.",
        claim_evidence,
        Severity.WARNING,
    ),
    _check(
        "target-group",
        Text(fi="Kohderyhmä määritelty", en="Target group defined"),
        "Toimintamalli (tai sen hanke) kertoo, kenelle se on.",
        target_group,
        Severity.WARNING,
    ),
    _check(
        "reuse-exists",
        Text(fi="Uudelleenkäytetyt palaset löytyvät", en="Reused blocks exist"),
        "Jokainen uudelleenkäytetty palanen löytyy luettelostaan ja jokainen sisällytetty "
        "toimintamalli on ladattu.",
        reuse_exists,
        Severity.ERROR,
    ),
    _check(
        "remote-participation",
        Text(fi="Etäosallistuminen kuvattu", en="Remote participation described"),
        "Etä- ja hybridivaiheet kertovat, miten etänä osallistuvat ovat mukana.",
        remote_participation,
        Severity.WARNING,
    ),
    _check(
        "questions-answered",
        Text(fi="Apukysymyksiin vastattu", en="Guiding questions answered"),
        "Viitekehyksen jokaiseen apukysymykseen on vastaus, jonka tila on answered.",
        questions_answered,
        Severity.INFO,
    ),
)


@hookimpl
def register_checks(register: Callable[..., None]) -> None:
    """Register the built-in checks."""
    for check in BUILTIN_CHECKS:
        register(check)
