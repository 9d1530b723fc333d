"""A small framework, catalogue and practices built in code for the diagram tests."""

from __future__ import annotations

from osallisuuden_palaset import (
    Block,
    Catalogue,
    Collection,
    Dimension,
    Flow,
    FlowKind,
    Framework,
    FrameworkKind,
    Include,
    Mapping,
    Modality,
    Participant,
    Phase,
    Practice,
    Principle,
    Project,
    Reuse,
    Role,
    Source,
    Strength,
    Text,
)

FRAMEWORK = Framework(
    id="fw",
    name=Text(fi="Koekehys", en="Test framework"),
    kind=FrameworkKind.CATEGORICAL,
    source=Source(title="tests"),
    dimensions=(Dimension("d1", "Oma elämä"), Dimension("d2", "Yhteisöt")),
    principles=(
        Principle("p1", "d1", "Omaehtoisuus"),
        Principle("p2", "d1", "Yksilölliset ratkaisut"),
        Principle("p3", "d2", "Yhteiskehittäminen"),
    ),
)
FRAMEWORKS = {"fw": FRAMEWORK}

#: Its one claim gives no evidence: diagrams draw it as such.
CARDS = Block(
    "kortit",
    Text(fi="Helmi-kortit", en="Helmi cards"),
    mappings=(Mapping("p1", Strength.STRONG),),
)
CATALOGUE = Catalogue("tyokalut", "Työkalut", blocks=(CARDS,), framework="fw")

INNER = Practice(
    "sisempi",
    "Sisempi malli",
    framework="fw",
    steps=(Block("x", "Sisempi askel", mappings=(Mapping("d2", Strength.WEAK, "näkyy"),)),),
)

PRACTICE = Practice(
    id="malli",
    name=Text(fi="Koemalli", en="Test practice"),
    framework="fw",
    steps=(
        Block(
            "alku",
            "Alku",
            participants=(Participant("nuoret", Role.CO_DEVELOPER), Participant("ohjaaja", Role.STAFF)),
            modality=Modality.HYBRID,
            mappings=(Mapping("p1", Strength.STRONG, "näkyy"), Mapping("d2", Strength.WEAK, "näkyy")),
        ),
        Block("ryhma", "Ryhmä", modality=Modality.IN_PERSON, mappings=(Mapping("p2", evidence="näkyy"),)),
        Reuse("kortit", "tyokalut/kortit"),
        Block("rinnalla", "Rinnalla"),
        Include("sisalla", "sisempi"),
        Block("loppu", "Loppu"),
    ),
    flows=(
        Flow("alku", "ryhma"),
        Flow("ryhma", "kortit", FlowKind.OPTIONAL, label="jos halutaan"),
        Flow("ryhma", "rinnalla", FlowKind.PARALLEL),
        Flow("kortit", "sisalla"),
        Flow("rinnalla", "sisalla"),
        Flow("sisalla", "loppu"),
        Flow("loppu", "ryhma", FlowKind.LOOP_BACK),
    ),
    phases=(Phase("aloitus", "Aloitus", ("alku", "ryhma")),),
)

OTHER = Practice(
    "toinen",
    "Toinen malli",
    framework="fw",
    steps=(Reuse("kortit", "tyokalut/kortit"), Reuse("alku", "malli/alku")),
    flows=(Flow("kortit", "alku"),),
)

COLLECTION = Collection(
    "kokoelma",
    "Kokoelma",
    projects=(
        Project("hanke-a", "Hanke A", practices=(PRACTICE, INNER)),
        Project("hanke-b", "Hanke B", practices=(OTHER,)),
    ),
    catalogues=(CATALOGUE,),
)
