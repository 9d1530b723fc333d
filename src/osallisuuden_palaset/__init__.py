"""Model participation and inclusion work as composable blocks (osallisuuden palaset)."""

from osallisuuden_palaset.errors import LoadError, ModelError, PalasetError, Problem, UsageError
from osallisuuden_palaset.hookspecs import hookimpl
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
from osallisuuden_palaset.model.flow import Flow, FlowKind
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
    Outcome,
    Phase,
    Practice,
    Reuse,
)
from osallisuuden_palaset.model.project import Catalogue, Collection, Period, Project
from osallisuuden_palaset.model.references import Context
from osallisuuden_palaset.model.text import Text

__all__ = [
    "Answer",
    "AnswerStatus",
    "Block",
    "BlockKind",
    "Catalogue",
    "Collection",
    "Context",
    "Description",
    "DevelopmentPath",
    "Dimension",
    "Flow",
    "FlowKind",
    "Framework",
    "FrameworkKind",
    "GroupSize",
    "Include",
    "Indicator",
    "LoadError",
    "Mapping",
    "Modality",
    "ModelError",
    "Outcome",
    "PalasetError",
    "Participant",
    "Period",
    "Phase",
    "Practice",
    "Principle",
    "Problem",
    "Project",
    "Provenance",
    "ProvenanceKind",
    "Question",
    "Reuse",
    "Role",
    "Source",
    "Strength",
    "Text",
    "UsageError",
    "hookimpl",
]
