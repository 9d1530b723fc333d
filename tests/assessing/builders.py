"""Small models built in code for the assessment tests: a THL-shaped framework and blocks."""

from __future__ import annotations

from osallisuuden_palaset import (
    Block,
    Dimension,
    Framework,
    FrameworkKind,
    Mapping,
    Participant,
    Principle,
    Provenance,
    ProvenanceKind,
    Question,
    Role,
    Source,
    Strength,
    Text,
)

#: Principle → dimension, as in THL's framework (4 + 3 + 2).
THL_SHAPE = {
    "p1": "d1",
    "p2": "d1",
    "p3": "d1",
    "p4": "d1",
    "p5": "d2",
    "p6": "d2",
    "p7": "d2",
    "p8": "d3",
    "p9": "d3",
}


def mini_thl(questions: int = 2) -> Framework:
    """A framework with THL's ids (d1..d3, p1..p9) and ``questions`` written questions."""
    return Framework(
        id="thl",
        name=Text(fi="Testikehys", en="Test framework"),
        kind=FrameworkKind.CATEGORICAL,
        source=Source(title="test"),
        dimensions=[Dimension(id=d, name=f"Dim {d}") for d in ("d1", "d2", "d3")],
        principles=[Principle(id=p, dimension=d, name=f"Principle {p}") for p, d in THL_SHAPE.items()],
        questions=[
            Question(
                id=f"q{i}",
                text=f"Question {i}?",
                provenance=Provenance(ProvenanceKind.WRITTEN),
                dimension="d1",
            )
            for i in range(1, questions + 1)
        ],
    )


def claim(target: str, strength: str = "moderate", evidence: str | None = "seen") -> Mapping:
    """A mapping (claim) to ``target``."""
    return Mapping(target=target, strength=Strength(strength), evidence=evidence)


def block(ident: str, *mappings: Mapping, roles: tuple[Role, ...] = (Role.PARTICIPANT,)) -> Block:
    """A block with one participant group per role and the given claims."""
    return Block(
        id=ident,
        name=ident.capitalize(),
        participants=[Participant(who=f"group {i}", role=r) for i, r in enumerate(roles)],
        mappings=list(mappings),
    )
