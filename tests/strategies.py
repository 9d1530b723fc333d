"""Hypothesis strategies that build only valid model objects, for every model class.

Every strategy respects the invariants the model checks when an object is built (id
pattern, unique ids, flows between existing steps, acyclic forward flows, loop-backs that
really go back, at most one phase per step, answers' steps that exist, ordered periods
and group sizes, collection-wide unique practice and catalogue ids), so drawing a value
never raises. Texts are sometimes hostile: Finnish letters, emoji and other astral
characters, quotes, backslashes, markup, newlines, control characters, surrounding spaces
and YAML's special words; numbers sometimes the largest a file may hold. ``model_files``
writes whole workspaces out as files, with surrogate pair escapes, hex and octal numbers
and sometimes an invalid edit; ``flow_chain`` and ``include_chain`` build long chains.
Sizes stay small so tests stay fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import string
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from osallisuuden_palaset.files.converting import MAX_WHOLE_NUMBER
from osallisuuden_palaset.model.block import (
    Block,
    BlockKind,
    GroupSize,
    Mapping,
    Modality,
    Participant,
    Role,
    Strength,
)
from osallisuuden_palaset.model.evidence import Evidence, EvidenceKind
from osallisuuden_palaset.model.flow import Choose, Flow, FlowKind, Wait, reaches
from osallisuuden_palaset.model.framework import (
    Dimension,
    Framework,
    FrameworkKind,
    Principle,
    Provenance,
    ProvenanceKind,
    Question,
    Source,
)
from osallisuuden_palaset.model.practice import (
    Answer,
    AnswerStatus,
    Description,
    DevelopmentPath,
    Include,
    Indicator,
    IndicatorLevel,
    Outcome,
    Phase,
    Practice,
    Resource,
    Reuse,
    Step,
    Variant,
)
from osallisuuden_palaset.model.project import Catalogue, Collection, Period, Project
from osallisuuden_palaset.model.survey import (
    Instrument,
    Item,
    MissingRule,
    Scale,
    ScaleValue,
    Scoring,
    ScoringMethod,
    Threshold,
)
from osallisuuden_palaset.model.target_group import AgeRange, TargetGroup
from osallisuuden_palaset.model.text import Text
from osallisuuden_palaset.model.waivers import Waiver

T = TypeVar("T")

#: Strings that trip up YAML writers, HTML, DOT, Markdown or CSV; none of them is blank.
HOSTILE_STRINGS: tuple[str, ...] = (
    "on",
    "no",
    "off",
    "yes",
    "null",
    "~",
    "true",
    "False",
    "- x",
    "a: b",
    ": ",
    "#",
    "# not a comment",
    "0.5",
    "1e3",
    "007",
    "2024-01-31",
    "&anchor",
    "*alias",
    "!tag",
    "{x}",
    "[x]",
    "|",
    ">",
    "%",
    "@",
    "`",
    "'",
    '"',
    "''",
    'she said "hei"',
    "back\\slash",
    "C:\\temp\\new",
    "<script>alert(1)</script>",
    "<b>lihava</b>",
    "a & b",
    "=SUM(A1:A2)",
    "+1",
    "-1",
    "@cmd",
    "line\nbreak",
    "ends with newline\n",
    "\nstarts with newline",
    "tab\there",
    " leading space",
    "trailing space ",
    "  both  ",
    "Äiti ja isä",
    "Åbo – Turku",
    "öljy",
    "emoji 🎉👩‍👩‍👧",
    "日本語",
    "עברית",
    "zero\u200bwidth",
    "{{ jinja }}",
    "{% raw %}",
    "\\n not a newline",
    "label\\l",
    "-> arrow",
    "a;b,c",
    "ctrl \x01\x1f\x7f",
    "nul\x00byte",
    "bell\x07 esc\x1b[31m",
    "nel\x85 ls\u2028 ps\u2029",
    "astral 𝄞 \U0001f600",
)

#: Identifiers that look like something else to YAML or a number parser; all match the id pattern.
HOSTILE_IDS: tuple[str, ...] = ("on", "no", "null", "yes", "true", "0", "007", "1e3", "0.5", "a.b", "ä-ö_å")

_ID_FIRST = string.ascii_lowercase + string.digits + "åäö"
_ID_REST = _ID_FIRST + "_.-"
_PLAIN = st.characters(blacklist_categories=("Cs", "Cc"))


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Identifiers matching ``model.ids.ID_PATTERN``, sometimes YAML-hostile ones."""
    made = st.builds(
        lambda first, rest: first + rest,
        st.sampled_from(_ID_FIRST),
        st.text(alphabet=_ID_REST, max_size=6),
    )
    return st.one_of(made, made, made, st.sampled_from(HOSTILE_IDS))


def _id(ident: st.SearchStrategy[str] | None) -> st.SearchStrategy[str]:
    """``ident`` when given, else any id (strategies are always truthy, so no ``or``)."""
    return ids() if ident is None else ident


@functools.cache
def unique_ids(min_size: int = 0, max_size: int = 5) -> st.SearchStrategy[list[str]]:
    """A list of distinct identifiers."""
    return st.lists(ids(), min_size=min_size, max_size=max_size, unique=True)


@functools.cache
def strings() -> st.SearchStrategy[str]:
    """Non-blank strings: often ordinary words, sometimes hostile ones or arbitrary Unicode."""
    ordinary = st.text(alphabet=string.ascii_letters + "åäöÅÄÖ ", min_size=1, max_size=12).filter(
        lambda s: bool(s.strip())
    )
    anything = st.text(alphabet=_PLAIN, min_size=1, max_size=16).filter(lambda s: bool(s.strip()))
    return st.one_of(ordinary, ordinary, st.sampled_from(HOSTILE_STRINGS), anything)


@functools.cache
def texts() -> st.SearchStrategy[Text]:
    """Texts: a plain (Finnish) string or any non-empty mix of fi, en and sv."""
    plain = st.builds(lambda s: Text(fi=s), strings())
    languages = st.sets(st.sampled_from(("fi", "en", "sv")), min_size=1)
    mixed = languages.flatmap(
        lambda chosen: st.fixed_dictionaries({lang: strings() for lang in sorted(chosen)})
    )
    return st.one_of(plain, mixed.map(lambda d: Text(**d)))


@functools.cache
def optional_texts() -> st.SearchStrategy[Text | None]:
    """A text or None."""
    return st.none() | texts()


@functools.cache
def dates() -> st.SearchStrategy[dt.date]:
    """Dates in a plausible range."""
    return st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


def _subset(draw: st.DrawFn, items: Sequence[T], max_size: int | None = None) -> list[T]:
    """A sub-list of ``items`` keeping their order."""
    chosen = draw(st.lists(st.booleans(), min_size=len(items), max_size=len(items)))
    out = [item for item, keep in zip(items, chosen, strict=True) if keep]
    return out if max_size is None else out[:max_size]


# --- frameworks ---------------------------------------------------------------------------------


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """Sources of frameworks."""
    return st.builds(
        Source,
        title=strings(),
        url=st.none() | st.sampled_from(["https://thl.fi/osallisuus", "https://example.org/a?b=c&d=e"]),
        publisher=st.none() | strings(),
        year=st.none() | st.integers(1950, 2040),
        note=optional_texts(),
    )


@functools.cache
@st.composite
def provenances(draw: st.DrawFn) -> Provenance:
    """Provenances; paraphrased and official questions always name their source."""
    kind = draw(st.sampled_from(ProvenanceKind))
    source = draw(strings()) if kind is not ProvenanceKind.WRITTEN else draw(st.none() | strings())
    return Provenance(
        kind=kind, source=source, number=draw(st.none() | st.integers(0, 99)), note=draw(optional_texts())
    )


@functools.cache
def dimensions(ident: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Dimension]:
    """Dimensions (or levels)."""
    return st.builds(
        Dimension, id=_id(ident), name=texts(), description=optional_texts(), group=optional_texts()
    )


@functools.cache
def principles(
    ident: st.SearchStrategy[str] | None = None, dimension: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Principle]:
    """Principles (of any dimension id unless one is given)."""
    return st.builds(
        Principle, id=_id(ident), dimension=_id(dimension), name=texts(), description=optional_texts()
    )


@functools.cache
def questions(
    ident: st.SearchStrategy[str] | None = None,
    dimension: st.SearchStrategy[str | None] | None = None,
    principle: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[Question]:
    """Guiding questions."""
    return st.builds(
        Question,
        id=_id(ident),
        text=texts(),
        provenance=provenances(),
        dimension=dimension if dimension is not None else st.none() | ids(),
        principle=principle if principle is not None else st.none() | ids(),
        theme=optional_texts(),
    )


@functools.cache
@st.composite
def frameworks(draw: st.DrawFn, ident: st.SearchStrategy[str] | None = None) -> Framework:
    """Valid frameworks: unique ids, principles of existing dimensions, consistent questions."""
    element_ids = draw(unique_ids(min_size=1, max_size=7))
    n_dims = draw(st.integers(1, min(3, len(element_ids))))
    dim_ids, principle_ids = element_ids[:n_dims], element_ids[n_dims:]
    dims = [attrs.evolve(draw(dimensions()), id=d) for d in dim_ids]
    principle_list = [
        attrs.evolve(draw(principles()), id=p, dimension=draw(st.sampled_from(dim_ids)))
        for p in principle_ids
    ]
    owner = {p.id: p.dimension for p in principle_list}
    question_list = []
    for q in draw(unique_ids(max_size=4)):
        principle = draw(st.none() | st.sampled_from(principle_ids)) if principle_ids else None
        if principle is not None:
            dimension = draw(st.sampled_from([None, owner[principle]]))
        else:
            dimension = draw(st.none() | st.sampled_from(dim_ids))
        question_list.append(attrs.evolve(draw(questions()), id=q, dimension=dimension, principle=principle))
    return Framework(
        id=draw(_id(ident)),
        name=draw(texts()),
        kind=draw(st.sampled_from(FrameworkKind)),
        source=draw(sources()),
        dimensions=dims,
        principles=principle_list,
        questions=question_list,
        description=draw(optional_texts()),
        version=draw(st.none() | st.sampled_from(["1", "2023", "1.0.0"])),
    )


# --- blocks -------------------------------------------------------------------------------------


@functools.cache
def participants() -> st.SearchStrategy[Participant]:
    """Participants with any role."""
    return st.builds(Participant, who=texts(), role=st.sampled_from(Role), description=optional_texts())


@functools.cache
@st.composite
def group_sizes(draw: st.DrawFn) -> GroupSize:
    """Group sizes with min <= max where both are given."""
    low = draw(st.none() | st.integers(1, 30))
    high = draw(st.none() | st.integers(low or 1, 60) | st.just(MAX_WHOLE_NUMBER))
    return GroupSize(min=low, max=high)


@functools.cache
def evidences() -> st.SearchStrategy[Evidence]:
    """Evidence written out (version 2): at least a text, a source or an address."""
    return st.builds(
        Evidence,
        text=optional_texts(),
        kind=st.none() | st.sampled_from(EvidenceKind),
        source=texts(),
        url=st.none() | st.just("https://example.org/raportti"),
        date=st.none() | dates(),
    )


@functools.cache
def waivers() -> st.SearchStrategy[Waiver]:
    """Waivers of a check, with a reason."""
    return st.builds(
        Waiver, check=st.sampled_from(["participant-voice", "claim-evidence"]) | ids(), reason=texts()
    )


@functools.cache
def age_ranges() -> st.SearchStrategy[AgeRange]:
    """Age ranges with min <= max, at least one of them given."""
    return st.builds(
        lambda a, b, open_end: AgeRange(min(a, b), None if open_end else max(a, b)),
        st.integers(0, 150),
        st.integers(0, 150),
        st.booleans(),
    )


@functools.cache
def target_groups() -> st.SearchStrategy[TargetGroup]:
    """Target groups written out (version 2)."""
    return st.builds(
        TargetGroup, text=texts(), ages=st.none() | age_ranges(), criteria=st.lists(texts(), max_size=2)
    )


@functools.cache
def variants() -> st.SearchStrategy[Variant]:
    """Variants of a practice."""
    return st.builds(Variant, name=texts(), differs=texts())


@functools.cache
def resources() -> st.SearchStrategy[Resource]:
    """Resources of a practice, used by the whole practice (no steps named)."""
    return st.builds(Resource, name=texts(), description=optional_texts())


@functools.cache
def mappings() -> st.SearchStrategy[Mapping]:
    """Mappings to framework elements (targets need not exist: that is a reference check)."""
    return st.builds(
        Mapping,
        target=st.sampled_from(["d1", "d2", "d3", "p1", "p5", "p9"]) | ids(),
        strength=st.sampled_from(Strength),
        evidence=optional_texts() | evidences(),
        framework=st.none() | st.sampled_from(["thl", "sokra-2017"]) | ids(),
    )


@functools.cache
@st.composite
def blocks(draw: st.DrawFn, ident: st.SearchStrategy[str] | None = None, depth: int = 1) -> Block:
    """Blocks with participants, mappings and, down to ``depth`` levels, uniquely named parts."""
    part_ids = draw(unique_ids(max_size=2)) if depth > 0 else []
    return Block(
        id=draw(_id(ident)),
        name=draw(texts()),
        kind=draw(st.sampled_from(BlockKind)),
        description=draw(optional_texts()),
        participants=draw(st.lists(participants(), max_size=2)),
        modality=draw(st.none() | st.sampled_from(Modality)),
        remote_participation=draw(optional_texts()),
        group_size=draw(st.none() | group_sizes()),
        duration=draw(optional_texts()),
        mappings=draw(st.lists(mappings(), max_size=3)),
        parts=[attrs.evolve(draw(blocks(depth=depth - 1)), id=p) for p in part_ids],
        organisational=draw(st.booleans()),
        waive=draw(st.lists(waivers(), max_size=1)),
    )


# --- practices ----------------------------------------------------------------------------------


@functools.cache
def refs() -> st.SearchStrategy[str]:
    """``'owner/block'`` references."""
    return st.builds(lambda owner, name: f"{owner}/{name}", ids(), ids())


@functools.cache
def reuses(ident: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Reuse]:
    """Reuse steps."""
    return st.builds(Reuse, id=_id(ident), reuse=refs(), name=optional_texts(), note=optional_texts())


@functools.cache
def includes(ident: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Include]:
    """Include steps."""
    return st.builds(Include, id=_id(ident), include=ids(), name=optional_texts(), note=optional_texts())


@functools.cache
def steps(ident: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Step]:
    """Any kind of step: mostly blocks, sometimes reused blocks or included practices."""
    block = blocks(ident, depth=1)
    return st.one_of(block, block, reuses(ident), includes(ident))


@functools.cache
def flows() -> st.SearchStrategy[Flow]:
    """Single flows between arbitrary ids (valid on their own, not inside any practice)."""
    return st.builds(
        Flow,
        source=ids(),
        target=ids(),
        kind=st.sampled_from(FlowKind),
        label=optional_texts(),
        rationale=optional_texts(),
        wait=st.none() | st.sampled_from(Wait),
        choose=st.none() | st.sampled_from(Choose),
    )


@functools.cache
def phases() -> st.SearchStrategy[Phase]:
    """Phases on their own."""
    return st.builds(Phase, id=ids(), name=texts(), steps=st.lists(ids(), max_size=3))


@functools.cache
def indicators() -> st.SearchStrategy[Indicator]:
    """Indicators of outcomes."""
    return st.builds(
        Indicator,
        description=texts(),
        source=st.none() | st.sampled_from(["esis", "rekisteri"]) | strings(),
        target=optional_texts(),
        baseline=optional_texts(),
        level=st.none() | st.sampled_from(IndicatorLevel),
        frequency=optional_texts(),
    )


@functools.cache
def outcomes(ident: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Outcome]:
    """Intended outcomes."""
    return st.builds(
        Outcome, id=_id(ident), description=texts(), indicators=st.lists(indicators(), max_size=2)
    )


@functools.cache
def answers(
    question: st.SearchStrategy[str] | None = None,
    step_ids: st.SearchStrategy[list[str]] | None = None,
    framework: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[Answer]:
    """Answers to guiding questions."""
    return st.builds(
        Answer,
        question=_id(question),
        status=st.sampled_from(AnswerStatus),
        text=optional_texts(),
        steps=step_ids if step_ids is not None else st.lists(ids(), max_size=2),
        framework=framework if framework is not None else st.none() | st.sampled_from(["thl", "sokra-2017"]),
    )


@functools.cache
def descriptions() -> st.SearchStrategy[Description]:
    """Innokylä description fields, mostly empty."""
    return st.builds(
        Description,
        basic_idea=optional_texts(),
        environment=optional_texts(),
        target_group=optional_texts() | target_groups(),
        implementation=st.none(),
        location=st.none(),
        municipality=optional_texts(),
        region=st.none(),
        wellbeing_county=optional_texts(),
        funder=st.none(),
        collection=st.none(),
        authors=st.lists(strings(), max_size=2),
        created=st.none() | dates(),
        modified=st.none() | dates(),
        attachments=st.lists(st.sampled_from(["liite.pdf", "kuva 1.png"]), max_size=1),
    )


@functools.cache
def development_paths() -> st.SearchStrategy[DevelopmentPath]:
    """Innokylä development paths."""
    return st.builds(
        DevelopmentPath,
        needs=optional_texts(),
        intended_change=optional_texts(),
        measuring_change=optional_texts(),
        co_development=optional_texts(),
        evaluation=optional_texts(),
        understand=optional_texts(),
        imagine_and_try=optional_texts(),
        describe_and_share=optional_texts(),
    )


@st.composite
def _graph(draw: st.DrawFn, step_ids: Sequence[str]) -> list[Flow]:
    """Flows over ``step_ids``: forward links along a hidden order, loop-backs that really go back."""
    topo = draw(st.permutations(list(step_ids)))
    pairs = [(a, b) for i, a in enumerate(topo) for b in topo[i + 1 :]]
    forward = [
        Flow(
            a,
            b,
            kind=draw(
                st.sampled_from([FlowKind.SEQUENCE, FlowKind.SEQUENCE, FlowKind.PARALLEL, FlowKind.OPTIONAL])
            ),
            label=draw(st.one_of(st.none(), st.none(), texts())),
        )
        for a, b in _subset(draw, pairs, max_size=8)
    ]
    linked = {(f.source, f.target) for f in forward}
    back = [(b, a) for a, b in pairs if (b, a) not in linked and reaches(forward, a, b)]
    back += [(a, a) for a in topo[:1]]  # a step may loop back to itself
    loops = [
        Flow(s, t, kind=FlowKind.LOOP_BACK, rationale=draw(optional_texts()))
        for s, t in _subset(draw, back, max_size=2)
    ]
    mixed = forward + loops
    return draw(st.permutations(mixed)) if mixed else []


@functools.cache
@st.composite
def practices(
    draw: st.DrawFn,
    ident: st.SearchStrategy[str] | None = None,
    *,
    max_steps: int = 5,
    step: st.SearchStrategy[Step] | None = None,
) -> Practice:
    """Valid practices: unique step ids, flows over them, disjoint phases, answers on real steps.

    Args:
        ident: the practice id (any id by default).
        max_steps: the most steps drawn.
        step: how to draw one step; its id is replaced by a unique one (any kind by default).
    """
    step_ids = draw(unique_ids(max_size=max_steps))
    step_list: list[Step] = [attrs.evolve(draw(steps() if step is None else step), id=i) for i in step_ids]
    flow_list = draw(_graph(step_ids))
    phase_list = []
    remaining = list(step_ids)
    for phase_id in draw(unique_ids(max_size=2)) if step_ids else []:
        members = _subset(draw, remaining)
        if not members:
            continue
        remaining = [s for s in remaining if s not in members]
        phase_list.append(Phase(id=phase_id, name=draw(texts()), steps=members))
    answer_list = [
        attrs.evolve(draw(answers()), question=q, steps=_subset(draw, step_ids, max_size=2), framework=fw)
        for q, fw in draw(st.lists(st.tuples(ids(), st.sampled_from([None, "thl"])), max_size=2, unique=True))
    ]
    return Practice(
        id=draw(_id(ident)),
        name=draw(texts()),
        summary=draw(optional_texts()),
        framework=draw(st.sampled_from(["thl", "sokra-2017"]) | ids()),
        steps=step_list,
        flows=flow_list,
        phases=phase_list,
        outcomes=[attrs.evolve(draw(outcomes()), id=o) for o in draw(unique_ids(max_size=2))],
        answers=answer_list,
        description=draw(st.just(Description()) | descriptions()),
        development=draw(st.just(DevelopmentPath()) | development_paths()),
        keywords=draw(st.lists(strings(), max_size=3)),
        organisation=draw(optional_texts()),
        innokyla=draw(st.none() | st.just("https://innokyla.fi/fi/toimintamalli/x")),
        variants=draw(st.lists(variants(), max_size=2)),
        resources=draw(st.lists(resources(), max_size=2)),
    )


@functools.cache
def block_practices(
    ident: st.SearchStrategy[str] | None = None, *, max_steps: int = 4
) -> st.SearchStrategy[Practice]:
    """Practices whose steps are all written-out blocks (no reuse or include)."""
    return practices(ident, max_steps=max_steps, step=blocks(depth=1))


# --- projects, catalogues, collections ----------------------------------------------------------


@functools.cache
@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Periods that never end before they start."""
    start = draw(st.none() | dates())
    end = draw(st.none() | (dates().filter(lambda d: start is None or d >= start)))
    return Period(start=start, end=end)


@functools.cache
@st.composite
def projects(
    draw: st.DrawFn, ident: st.SearchStrategy[str] | None = None, practice_ids: tuple[str, ...] | None = None
) -> Project:
    """Projects with uniquely named practices (``practice_ids`` fixes their ids)."""
    chosen = list(practice_ids) if practice_ids is not None else draw(unique_ids(max_size=2))
    return Project(
        id=draw(_id(ident)),
        name=draw(texts()),
        summary=draw(optional_texts()),
        code=draw(st.none() | st.sampled_from(["S21234", "ESR-1"]) | strings()),
        funder=draw(optional_texts()),
        period=draw(st.none() | periods()),
        organisation=draw(optional_texts()),
        partners=draw(st.lists(texts(), max_size=2)),
        region=draw(optional_texts()),
        target_group=draw(optional_texts()),
        website=draw(st.none() | st.just("https://example.fi/hanke")),
        practices=[attrs.evolve(draw(practices(max_steps=3)), id=p) for p in chosen],
    )


@functools.cache
@st.composite
def catalogues(draw: st.DrawFn, ident: st.SearchStrategy[str] | None = None) -> Catalogue:
    """Catalogues of uniquely named blocks."""
    return Catalogue(
        id=draw(_id(ident)),
        name=draw(texts()),
        blocks=[attrs.evolve(draw(blocks()), id=b) for b in draw(unique_ids(max_size=3))],
        description=draw(optional_texts()),
        publisher=draw(optional_texts()),
        framework=draw(st.sampled_from(["thl", "sokra-2017"]) | ids()),
    )


@functools.cache
@st.composite
def collections(draw: st.DrawFn, ident: st.SearchStrategy[str] | None = None) -> Collection:
    """Collections whose practice and catalogue ids are unique across the whole collection."""
    owner_ids = draw(unique_ids(max_size=6))
    n_catalogues = draw(st.integers(0, min(2, len(owner_ids))))
    catalogue_ids, practice_ids = owner_ids[:n_catalogues], owner_ids[n_catalogues:]
    split = draw(st.integers(0, len(practice_ids)))
    standalone, in_projects = practice_ids[:split], practice_ids[split:]
    project_ids = draw(unique_ids(min_size=1, max_size=2)) if in_projects else []
    grouped: list[list[str]] = [[] for _ in project_ids]
    for index, p in enumerate(in_projects):
        if grouped:
            grouped[index % len(grouped)].append(p)
    return Collection(
        id=draw(_id(ident)),
        name=draw(texts()),
        description=draw(optional_texts()),
        projects=[
            attrs.evolve(draw(projects(practice_ids=tuple(members))), id=j)
            for j, members in zip(project_ids, grouped, strict=True)
        ],
        practices=[attrs.evolve(draw(practices(max_steps=3)), id=p) for p in standalone],
        catalogues=[attrs.evolve(draw(catalogues()), id=c) for c in catalogue_ids],
    )


@functools.cache
def models() -> st.SearchStrategy[Practice | Project | Catalogue | Collection | Framework]:
    """Any document kind (what a model or framework file can hold)."""
    return st.one_of(practices(), projects(), catalogues(), collections(), frameworks())


# --- survey instruments ---------------------------------------------------------------------------


@functools.cache
@st.composite
def scales(draw: st.DrawFn) -> Scale:
    """Response scales of 2 to 7 whole-number steps; each label names its value, so labels differ."""
    values = draw(st.lists(st.integers(-3, 10), min_size=2, max_size=7, unique=True))
    word = draw(strings())
    return Scale([ScaleValue(v, Text(fi=f"{word} {v}", en=f"step {v}")) for v in sorted(values)])


@functools.cache
@st.composite
def instruments(draw: st.DrawFn, ident: st.SearchStrategy[str] | None = None) -> Instrument:
    """Instruments: items, a scale, any scoring, missing rule and thresholds inside the score range."""
    item_ids = draw(unique_ids(min_size=1, max_size=6))
    items = [Item(i, draw(texts()), reverse=draw(st.booleans())) for i in item_ids]
    low = draw(st.integers(-100, 100) | st.floats(-1e6, 1e6, allow_nan=False))
    high = low + draw(st.integers(1, 1000) | st.floats(0.5, 1e6))
    scoring = Scoring(
        draw(st.sampled_from(ScoringMethod)), low=low, high=high, decimals=draw(st.integers(0, 4))
    )
    missing = draw(st.none() | st.integers(1, len(items)).map(MissingRule))
    scale = draw(scales())
    bare = Instrument(id="x", name="x", items=items, scale=scale, scoring=scoring)
    start, end = bare.score_range
    cuts = sorted(set(draw(st.lists(st.integers(0, 4), max_size=3, unique=True))))
    thresholds = [
        Threshold(t, draw(texts()), start + (end - start) * cut / 4)
        for t, cut in zip(draw(unique_ids(len(cuts), len(cuts))), cuts, strict=True)
    ]
    return attrs.evolve(
        bare,
        id=draw(_id(ident)),
        name=draw(texts()),
        missing=missing,
        thresholds=thresholds,
        source=draw(st.none() | sources()),
        description=draw(optional_texts()),
        note=draw(optional_texts()),
    )


# --- workspaces and their files, as users write them (the validation law) ------------------------


@functools.cache
def builtin_frameworks() -> tuple[Framework, ...]:
    """The frameworks shipped with the library (THL's and Sokra's), as the command line knows them."""
    from osallisuuden_palaset.default_plugins.frameworks import FRAMEWORK_FILES, builtin_framework

    return tuple(builtin_framework(name) for name in FRAMEWORK_FILES)


@functools.cache
@st.composite
def workspaces(draw: st.DrawFn) -> Collection:
    """Collections whose references all resolve, so that ``validate`` accepts most of them.

    A drawn collection is repaired: practices and catalogues get a shipped framework,
    mappings a target in theirs, reuse steps a block that exists, include steps a practice
    listed later (so includes never cycle), answers a question of the practice's framework.
    A step with nothing to refer to becomes a written-out block.
    """
    collection = draw(collections())
    known = {f.id: f for f in builtin_frameworks()}
    framework_ids = sorted(known)

    def mapped(block: Block, framework: str) -> Block:
        mappings = []
        for m in block.mappings:
            own = draw(st.sampled_from([None, *framework_ids]))
            targets = known[own or framework].element_ids()
            mappings.append(attrs.evolve(m, framework=own, target=draw(st.sampled_from(targets))))
        return attrs.evolve(block, mappings=mappings, parts=[mapped(p, framework) for p in block.parts])

    catalogues = []
    for catalogue in collection.catalogues:
        framework = draw(st.sampled_from(framework_ids))
        blocks = [mapped(b, framework) for b in catalogue.blocks]
        catalogues.append(attrs.evolve(catalogue, framework=framework, blocks=blocks))
    order = [p.id for p in collection.all_practices()]
    reusable = [f"{c.id}/{b.id}" for c in catalogues for b in c.blocks]
    reusable += [f"{p.id}/{b.id}" for p in collection.all_practices() for b in p.blocks()]

    def repaired(practice: Practice) -> Practice:
        framework = draw(st.sampled_from(framework_ids))
        later = order[order.index(practice.id) + 1 :]
        new_steps: list[Step] = []
        for step in practice.steps:
            if isinstance(step, Block):
                new_steps.append(mapped(step, framework))
            elif isinstance(step, Reuse) and reusable:
                new_steps.append(attrs.evolve(step, reuse=draw(st.sampled_from(reusable))))
            elif isinstance(step, Include) and later:
                new_steps.append(attrs.evolve(step, include=draw(st.sampled_from(later))))
            else:
                new_steps.append(Block(id=step.id, name=step.name or Text(fi=step.id)))
        questions = [q.id for q in known[framework].questions]
        answered: dict[str, Answer] = {}
        for answer in practice.answers if questions else ():
            question = draw(st.sampled_from(questions))
            answered.setdefault(question, attrs.evolve(answer, question=question, framework=None))
        return attrs.evolve(practice, framework=framework, steps=new_steps, answers=list(answered.values()))

    return attrs.evolve(
        collection,
        practices=[repaired(p) for p in collection.practices],
        projects=[attrs.evolve(j, practices=[repaired(p) for p in j.practices]) for j in collection.projects],
        catalogues=catalogues,
    )


@attrs.frozen
class Literal:
    """A scalar written into a file exactly as given (a number too long for ``json.dumps``, say)."""

    text: str


#: Whole numbers to write in hex or octal where a file holds a number (YAML 1.2 reads both).
_NUMBER_STYLES = ("decimal", "hex", "octal")


def _emit(value: object, *, yaml: bool, styles: Sequence[str]) -> str:
    """``value`` as one line of JSON (or of YAML flow style, which can hold hex and octal numbers).

    Every non-ASCII character is escaped, astral ones as surrogate pairs (``"\\ud83d\\ude00"``);
    ``styles`` gives the style of each whole number in turn (YAML only).
    """
    count = 0

    def emit(item: object) -> str:
        nonlocal count
        if isinstance(item, Literal):
            return item.text
        if isinstance(item, bool) or item is None or isinstance(item, float | str):
            return json.dumps(item)
        if isinstance(item, int):
            style = styles[count % len(styles)] if yaml else "decimal"
            count += 1
            sign = "-" if item < 0 else ""
            if style == "hex":
                return f"{sign}0x{abs(item):x}"
            if style == "octal":
                return f"{sign}0o{abs(item):o}"
            return str(item)
        if isinstance(item, dict):
            return "{" + ", ".join(f"{json.dumps(k)}: {emit(v)}" for k, v in item.items()) + "}"
        assert isinstance(item, list), item
        return "[" + ", ".join(emit(v) for v in item) + "]"

    return emit(value)


def _slots(data: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Paths of every scalar in ``data`` (keys of maps, indices of lists)."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _slots(v, (*here, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _slots(v, (*here, i))]
    return [here]


def _edit(data: object, path: tuple[object, ...], change: object) -> None:
    """Set the scalar at ``path`` to ``change(old)``."""
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = change(parent[path[-1]])  # type: ignore[operator]


#: What an invalid edit may put into a file: a lone surrogate, numbers no output could print,
#: control characters and a final newline in an id. ``validate`` must refuse each, or cope.
BAD_EDITS = ("lone-surrogate", "low-surrogate", "huge-hex", "huge-decimal", "id-newline", "id-control")


@attrs.frozen
class ModelFiles:
    """Files of a workspace (name → text), and the invalid edit made in one of them, if any."""

    files: dict[str, str]
    #: One of :data:`BAD_EDITS`, or None: then ``validate`` must accept the files.
    bad: str | None


@st.composite
def model_files(
    draw: st.DrawFn, workspace: Collection | None = None, *, edits: Sequence[str | None] | None = None
) -> ModelFiles:
    """The files of a workspace, written the ways users and tools write them.

    One file holds the whole collection, or each practice, project and catalogue has a file
    of its own. Each file is block-style YAML, JSON (sometimes with every non-ASCII character
    escaped, astral ones as surrogate pairs) or YAML flow style with surrogate pair escapes
    and hex or octal numbers. Sometimes one edit of :data:`BAD_EDITS` makes a file invalid
    (``edits`` gives the edits to choose from, None meaning none; by default any or none).
    """
    from osallisuuden_palaset.files.converting import to_document
    from osallisuuden_palaset.files.writing import dump_yaml_data

    collection = workspace if workspace is not None else draw(workspaces())
    documents: list[dict[str, Any]]
    if draw(st.booleans()):
        documents = [to_document(collection)]
    else:
        meta = attrs.evolve(collection, practices=(), projects=(), catalogues=())
        parts: list[Practice | Project | Catalogue] = [
            *collection.practices,
            *collection.projects,
            *collection.catalogues,
        ]
        documents = [to_document(m) for m in parts]
        documents.append(to_document(meta))
    bad = draw(st.none() | st.sampled_from(BAD_EDITS) if edits is None else st.sampled_from(edits))
    victim = draw(st.integers(0, len(documents) - 1))
    if bad is not None and not _bad_edit(draw, documents[victim], bad):
        bad = None
    files: dict[str, str] = {}
    for index, data in enumerate(documents):
        style = draw(st.sampled_from(["yaml", "json", "json-ascii", "yaml-flow"]))
        if bad is not None and index == victim:
            # A surrogate or a literal number: only the flow writers hold them; hex only YAML.
            style = "yaml-flow" if bad == "huge-hex" else draw(st.sampled_from(["json-ascii", "yaml-flow"]))
        if style == "yaml":
            files[f"m{index}.yaml"] = dump_yaml_data(data)
        elif style == "json":
            files[f"m{index}.json"] = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            yaml = style.startswith("yaml")
            styles = draw(st.lists(st.sampled_from(_NUMBER_STYLES), min_size=1, max_size=4))
            text = _emit(data, yaml=yaml, styles=styles)
            files[f"m{index}.{'yaml' if yaml else 'json'}"] = text + "\n"
    return ModelFiles(files, bad)


def _bad_edit(draw: st.DrawFn, data: dict[str, Any], edit: str) -> bool:
    """Make one of :data:`BAD_EDITS` somewhere in ``data``; False when there is no place for it."""
    slots = _slots(data)
    texts_at = [p for p in slots if isinstance(_at(data, p), str)]
    ids_at = [p for p in texts_at if p and p[-1] == "id"]
    # Numbers go where numbers are read: a block's group size, when the data has a block.
    blocks_at = [p[:-1] for p in ids_at if len(p) > 2 and p[-3] in ("steps", "blocks", "parts")]
    blocks_at = [p for p in blocks_at if not {"reuse", "include"} & set(_at(data, p))]
    if edit in ("id-newline", "id-control") and ids_at:
        char = "\n" if edit == "id-newline" else draw(st.sampled_from(["\x00", "\x1b", "\t", "\x7f", "\x85"]))
        _edit(data, draw(st.sampled_from(ids_at)), lambda old: f"{old}{char}")
    elif edit in ("lone-surrogate", "low-surrogate") and texts_at:
        char = chr(0xD800 if edit == "lone-surrogate" else 0xDFFF)
        _edit(data, draw(st.sampled_from(texts_at)), lambda old: f"{old}{char}")
    elif edit in ("huge-hex", "huge-decimal"):
        # Hex: more decimal digits than Python turns a number into (4,300); decimal: just past
        # the largest whole number a file may hold, or past what Python reads at all.
        if edit == "huge-hex":
            literal = Literal("0x" + "f" * draw(st.integers(3600, 4500)))
        else:
            literal = Literal("9" * draw(st.integers(16, 18) | st.integers(4301, 5000)))
        if blocks_at:
            block = _at(data, draw(st.sampled_from(blocks_at)))
            block["group_size"] = {draw(st.sampled_from(["min", "max"])): literal}
        else:
            _edit(data, draw(st.sampled_from(slots)), lambda _: literal)
    else:
        return False
    return True


def _at(data: Any, path: tuple[object, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


# --- long chains: flows and includes far deeper than any real practice ---------------------------


def flow_chain(steps: int, *, ident: str = "ketju") -> Practice:
    """A valid practice whose flow is one chain of ``steps`` steps, each claiming a THL principle."""
    blocks = [
        Block(
            id=f"s{i}",
            name=f"Vaihe {i}",
            mappings=[Mapping(f"p{i % 9 + 1}", Strength.STRONG, evidence="Näyttö")],
        )
        for i in range(steps)
    ]
    flows = [Flow(f"s{i}", f"s{i + 1}") for i in range(steps - 1)]
    return Practice(id=ident, name="Pitkä ketju", steps=blocks, flows=flows)


def include_chain(depth: int, *, prefix: str = "taso", step: str = "seuraava") -> list[Practice]:
    """``depth + 1`` practices, each including the next (``depth`` includes deep), each with a block.

    ``step`` is the id of each include step (flattening joins them: keep it short for deep chains).
    """
    out = []
    for i in range(depth + 1):
        block = Block(
            id="oma", name=f"Taso {i}", mappings=[Mapping("p2", Strength.MODERATE, evidence="Näyttö")]
        )
        steps: list[Step] = [block]
        flows = []
        if i < depth:
            steps.append(Include(id=step, include=f"{prefix}{i + 1}"))
            flows.append(Flow("oma", step))
        out.append(Practice(id=f"{prefix}{i}", name=f"Taso {i}", steps=steps, flows=flows))
    return out
