"""Sample models for the exporter tests: a rich practice, one full of hostile text, and their context."""

from __future__ import annotations

import datetime as dt
import functools

from osallisuuden_palaset import (
    Answer,
    Block,
    BlockKind,
    Catalogue,
    Collection,
    Description,
    DevelopmentPath,
    Flow,
    FlowKind,
    GroupSize,
    Include,
    Indicator,
    Mapping,
    Modality,
    Outcome,
    Participant,
    Phase,
    Practice,
    Project,
    Reuse,
    Role,
    Strength,
    Text,
)
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
from osallisuuden_palaset.model.references import Context

#: Text a report must show literally: markup of every output format and spreadsheet formulas.
HOSTILE = (
    '<script>alert("x")</script> & \'quotes\' "double" \\back\\slash '
    "**bold** _em_ [link](javascript:alert(1)) `code` | pipe # hash ~~del~~ $x$ "
    '%% --> end ;"]) #quot;'
)
HOSTILE_LINES = "= 1+1\n# heading\n- item\n1. first\n> quote\n+ plus\n@SUM(A1)\n---"
FORMULAS = ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(1)", "\tTAB", "\rCR")


@functools.cache
def thl() -> Framework:
    """A THL-like framework (ids thl, d1..d3, p1..p9, three questions), independent of package data."""
    dims = [Dimension(f"d{i}", Text(fi=f"Osa-alue {i}", en=f"Dimension {i}")) for i in (1, 2, 3)]
    owner = {1: "d1", 2: "d1", 3: "d1", 4: "d1", 5: "d2", 6: "d2", 7: "d2", 8: "d3", 9: "d3"}
    principles = [Principle(f"p{i}", owner[i], Text(fi=f"Periaate {i}", en=f"Principle {i}")) for i in owner]
    questions = [
        Question("k1", "Miten tavoitatte?", Provenance(ProvenanceKind.PARAPHRASE, "THL", 1), dimension="d1"),
        Question("k3", "Etsitäänkö ratkaisut yhdessä?", Provenance(ProvenanceKind.WRITTEN), principle="p2"),
        Question("k9", HOSTILE, Provenance(ProvenanceKind.WRITTEN), dimension="d3"),
    ]
    return Framework(
        id="thl",
        name=Text(fi="THL:n viitekehys", en="THL framework"),
        kind=FrameworkKind.CATEGORICAL,
        source=Source("THL"),
        dimensions=dims,
        principles=principles,
        questions=questions,
    )


def catalogue() -> Catalogue:
    """A catalogue with one reusable block."""
    return Catalogue(
        id="tyokalut",
        name=Text(fi="Työkalut", en="Tools"),
        blocks=[
            Block(
                id="kortit",
                name=Text(fi="Kortit", en="Cards"),
                kind=BlockKind.TOOL,
                mappings=[Mapping("p2", Strength.STRONG, Text(fi="Yhdessä", en="Together"))],
            )
        ],
    )


def small_practice() -> Practice:
    """A practice to be included by another one."""
    return Practice(
        id="pieni",
        name=Text(fi="Pieni malli", en="Small practice"),
        steps=[Block(id="tapaaminen", name="Tapaaminen", mappings=[Mapping("d3", Strength.WEAK)])],
    )


def rich_practice() -> Practice:
    """A practice using every field: phases, flows of every kind, reuse, include, answers, outcomes."""
    return Practice(
        id="elava-portfolio",
        name=Text(fi="Elävä portfolio", en="Living portfolio", sv="Levande portfolio"),
        summary=Text(fi="Oman osaamisen tunnistaminen.", en="Recognising one's competence."),
        steps=[
            Block(
                id="kartoitus",
                name=Text(fi="Kartoitus", en="Mapping"),
                kind=BlockKind.STEP,
                description=Text(fi="Osallistujan tilanne kartoitetaan.\n\nToinen kappale.", en="Situation."),
                participants=[
                    Participant(Text(fi="osallistuja", en="participant"), Role.PARTICIPANT),
                    Participant("ohjaaja", Role.STAFF, "Kuuntelee."),
                ],
                modality=Modality.HYBRID,
                remote_participation="Videoyhteys",
                group_size=GroupSize(1, 1),
                duration="1 h",
                mappings=[
                    Mapping("p2", Strength.STRONG, Text(fi="Yhdessä osallistujan kanssa.", en="Together.")),
                    Mapping("d1", Strength.MODERATE),
                ],
                parts=[Block(id="haastattelu", name="Haastattelu", mappings=[Mapping("p3", Strength.WEAK)])],
            ),
            Reuse(id="kortit", reuse="tyokalut/kortit", note="Käytetään ryhmässä."),
            Block(
                id="ryhma",
                name=Text(fi="Ryhmätapaamiset", en="Group sessions"),
                group_size=GroupSize(3, 10),
                mappings=[Mapping("p7", Strength.MODERATE), Mapping("p8", Strength.WEAK)],
            ),
            Include(id="pieni-malli", include="pieni"),
            Block(id="esittely", name=Text(fi="Esittely", en="Presentation"), mappings=[Mapping("p9")]),
        ],
        flows=[
            Flow("kartoitus", "kortit"),
            Flow("kortit", "ryhma", FlowKind.PARALLEL),
            Flow("kartoitus", "pieni-malli", FlowKind.OPTIONAL, Text(fi="tarvittaessa", en="if needed")),
            Flow("ryhma", "esittely"),
            Flow("esittely", "kartoitus", FlowKind.LOOP_BACK),
        ],
        phases=[Phase("alku", Text(fi="Alku", en="Start"), ["kartoitus", "kortit"])],
        outcomes=[Outcome("o1", "Osaaminen tunnistetaan.", [Indicator("Osallisuusindikaattori", "esis")])],
        answers=[Answer("k3", text="Ratkaisut etsitään yhdessä.", steps=["kartoitus"])],
        description=Description(
            basic_idea="Perusidea.",
            environment="Ympäristö.",
            target_group="Nuoret aikuiset.",
            implementation="Toteutus vaiheittain.",
            location="Kokkola",
            wellbeing_county="Keski-Pohjanmaan hyvinvointialue",
            funder="ESR",
            collection="Sokra",
            authors=["Hanke", "Tekijä"],
            created=dt.date(2020, 1, 2),
            attachments=["liite.pdf"],
        ),
        development=DevelopmentPath(needs="Tarpeet.", co_development="Yhdessä."),
        keywords=["taide"],
    )


def hostile_practice() -> Practice:
    """Every text field that reports show holds hostile text."""
    return Practice(
        id="vihamielinen",
        name=HOSTILE,
        summary=HOSTILE_LINES,
        steps=[
            Block(
                id=f"b{i}",
                name=value,
                description=HOSTILE_LINES,
                participants=[Participant(HOSTILE, Role.PARTICIPANT, HOSTILE)],
                mappings=[Mapping("p1", Strength.STRONG, HOSTILE)],
            )
            for i, value in enumerate((HOSTILE, *FORMULAS))
        ],
        flows=[Flow("b0", "b1", label=HOSTILE)],
        phases=[Phase("v", HOSTILE, ["b0"])],
        description=Description(basic_idea=HOSTILE_LINES, funder=HOSTILE, authors=[HOSTILE]),
    )


def project() -> Project:
    """A project holding the rich and the small practice."""
    return Project(
        id="lumoava",
        name="LUmOaVA",
        code="S21",
        funder="ESR",
        practices=[rich_practice(), small_practice()],
    )


def collection() -> Collection:
    """A collection of the project, a standalone practice and the catalogue."""
    return Collection(
        id="kokoelma",
        name=Text(fi="Kokoelma", en="Collection"),
        projects=[project()],
        practices=[hostile_practice()],
        catalogues=[catalogue()],
    )


def context() -> Context:
    """What the samples refer to: THL, the catalogue and the practices."""
    return Context.of_collection(collection(), [thl()])
