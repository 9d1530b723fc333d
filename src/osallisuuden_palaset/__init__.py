"""Model participation and inclusion work as composable blocks (osallisuuden palaset)."""

from osallisuuden_palaset.assessing.checking import Check, CheckInput
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
from osallisuuden_palaset.model.evaluation import (
    Claim,
    Coverage,
    CriteriaSet,
    Criterion,
    EvaluationAppendix,
    Finding,
    Level,
    Rating,
    Severity,
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
from osallisuuden_palaset.model.survey import (
    Instrument,
    Item,
    MissingRule,
    Response,
    Scale,
    ScaleValue,
    Scoring,
    ScoringMethod,
    Threshold,
    Wave,
)
from osallisuuden_palaset.model.text import Text
from osallisuuden_palaset.notebook import register_formatters as _register_formatters

__all__ = [
    "Answer",
    "AnswerStatus",
    "Block",
    "BlockKind",
    "Catalogue",
    "Check",
    "CheckInput",
    "Claim",
    "Collection",
    "Context",
    "Coverage",
    "CriteriaSet",
    "Criterion",
    "Description",
    "DevelopmentPath",
    "Dimension",
    "EvaluationAppendix",
    "Finding",
    "Flow",
    "FlowKind",
    "Framework",
    "FrameworkKind",
    "GroupSize",
    "Include",
    "Indicator",
    "Instrument",
    "Item",
    "Level",
    "LoadError",
    "Mapping",
    "MissingRule",
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
    "Rating",
    "Response",
    "Reuse",
    "Role",
    "Scale",
    "ScaleValue",
    "Scoring",
    "ScoringMethod",
    "Severity",
    "Source",
    "Strength",
    "Text",
    "Threshold",
    "UsageError",
    "Wave",
    "hookimpl",
]

# Show practices, projects and collections as diagrams in Jupyter; a no-op outside IPython.
_register_formatters()
