"""Model participation and inclusion work as composable blocks (osallisuuden palaset)."""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from osallisuuden_palaset.moved import install as _install_moved

if TYPE_CHECKING:
    from osallisuuden_palaset.assessing.checking import (
        Check,
        CheckInput,
    )
    from osallisuuden_palaset.composing.operations import (
        CompositionError,
        branch,
        combine,
        flatten,
        include,
        namespace,
        resolve_reuse,
        reuse,
        sequence,
    )
    from osallisuuden_palaset.errors import (
        LoadError,
        ModelError,
        PalasetError,
        Problem,
        UsageError,
    )
    from osallisuuden_palaset.files.loading import (
        Document,
        Location,
        Workspace,
        load_document,
        load_framework,
        load_workspace,
        loads,
    )
    from osallisuuden_palaset.files.schema import (
        framework_schema,
        model_schema,
        schema_json,
    )
    from osallisuuden_palaset.files.writing import (
        dump_json,
        dump_yaml,
        write_model,
    )
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
    from osallisuuden_palaset.model.flow import (
        Flow,
        FlowKind,
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
    from osallisuuden_palaset.model.project import (
        Catalogue,
        Collection,
        Period,
        Project,
    )
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
    from osallisuuden_palaset.output.building import build
    from osallisuuden_palaset.output.exporting import (
        Exporter,
        ExportOption,
        ExportRequest,
        SurveyResults,
        export,
        export_to_file,
    )

#: Public name → the module defining it; imported on first use (PEP 562), so that the command
#: line and ``import osallisuuden_palaset`` load only what they need.
_MODULE_OF: dict[str, str] = {
    "Check": "osallisuuden_palaset.assessing.checking",
    "CheckInput": "osallisuuden_palaset.assessing.checking",
    "CompositionError": "osallisuuden_palaset.composing.operations",
    "branch": "osallisuuden_palaset.composing.operations",
    "combine": "osallisuuden_palaset.composing.operations",
    "flatten": "osallisuuden_palaset.composing.operations",
    "include": "osallisuuden_palaset.composing.operations",
    "namespace": "osallisuuden_palaset.composing.operations",
    "resolve_reuse": "osallisuuden_palaset.composing.operations",
    "reuse": "osallisuuden_palaset.composing.operations",
    "sequence": "osallisuuden_palaset.composing.operations",
    "LoadError": "osallisuuden_palaset.errors",
    "ModelError": "osallisuuden_palaset.errors",
    "PalasetError": "osallisuuden_palaset.errors",
    "Problem": "osallisuuden_palaset.errors",
    "UsageError": "osallisuuden_palaset.errors",
    "Exporter": "osallisuuden_palaset.output.exporting",
    "ExportOption": "osallisuuden_palaset.output.exporting",
    "ExportRequest": "osallisuuden_palaset.output.exporting",
    "SurveyResults": "osallisuuden_palaset.output.exporting",
    "export": "osallisuuden_palaset.output.exporting",
    "export_to_file": "osallisuuden_palaset.output.exporting",
    "build": "osallisuuden_palaset.output.building",
    "hookimpl": "osallisuuden_palaset.hookspecs",
    "Document": "osallisuuden_palaset.files.loading",
    "Location": "osallisuuden_palaset.files.loading",
    "Workspace": "osallisuuden_palaset.files.loading",
    "load_document": "osallisuuden_palaset.files.loading",
    "load_framework": "osallisuuden_palaset.files.loading",
    "load_workspace": "osallisuuden_palaset.files.loading",
    "loads": "osallisuuden_palaset.files.loading",
    "Block": "osallisuuden_palaset.model.block",
    "BlockKind": "osallisuuden_palaset.model.block",
    "GroupSize": "osallisuuden_palaset.model.block",
    "Mapping": "osallisuuden_palaset.model.block",
    "Modality": "osallisuuden_palaset.model.block",
    "Participant": "osallisuuden_palaset.model.block",
    "Role": "osallisuuden_palaset.model.block",
    "Strength": "osallisuuden_palaset.model.block",
    "Claim": "osallisuuden_palaset.model.evaluation",
    "Coverage": "osallisuuden_palaset.model.evaluation",
    "CriteriaSet": "osallisuuden_palaset.model.evaluation",
    "Criterion": "osallisuuden_palaset.model.evaluation",
    "EvaluationAppendix": "osallisuuden_palaset.model.evaluation",
    "Finding": "osallisuuden_palaset.model.evaluation",
    "Level": "osallisuuden_palaset.model.evaluation",
    "Rating": "osallisuuden_palaset.model.evaluation",
    "Severity": "osallisuuden_palaset.model.evaluation",
    "Flow": "osallisuuden_palaset.model.flow",
    "FlowKind": "osallisuuden_palaset.model.flow",
    "Dimension": "osallisuuden_palaset.model.framework",
    "Framework": "osallisuuden_palaset.model.framework",
    "FrameworkKind": "osallisuuden_palaset.model.framework",
    "Principle": "osallisuuden_palaset.model.framework",
    "Provenance": "osallisuuden_palaset.model.framework",
    "ProvenanceKind": "osallisuuden_palaset.model.framework",
    "Question": "osallisuuden_palaset.model.framework",
    "Source": "osallisuuden_palaset.model.framework",
    "Answer": "osallisuuden_palaset.model.practice",
    "AnswerStatus": "osallisuuden_palaset.model.practice",
    "Description": "osallisuuden_palaset.model.practice",
    "DevelopmentPath": "osallisuuden_palaset.model.practice",
    "Include": "osallisuuden_palaset.model.practice",
    "Indicator": "osallisuuden_palaset.model.practice",
    "Outcome": "osallisuuden_palaset.model.practice",
    "Phase": "osallisuuden_palaset.model.practice",
    "Practice": "osallisuuden_palaset.model.practice",
    "Reuse": "osallisuuden_palaset.model.practice",
    "Catalogue": "osallisuuden_palaset.model.project",
    "Collection": "osallisuuden_palaset.model.project",
    "Period": "osallisuuden_palaset.model.project",
    "Project": "osallisuuden_palaset.model.project",
    "Context": "osallisuuden_palaset.model.references",
    "Instrument": "osallisuuden_palaset.model.survey",
    "Item": "osallisuuden_palaset.model.survey",
    "MissingRule": "osallisuuden_palaset.model.survey",
    "Response": "osallisuuden_palaset.model.survey",
    "Scale": "osallisuuden_palaset.model.survey",
    "ScaleValue": "osallisuuden_palaset.model.survey",
    "Scoring": "osallisuuden_palaset.model.survey",
    "ScoringMethod": "osallisuuden_palaset.model.survey",
    "Threshold": "osallisuuden_palaset.model.survey",
    "Wave": "osallisuuden_palaset.model.survey",
    "Text": "osallisuuden_palaset.model.text",
    "framework_schema": "osallisuuden_palaset.files.schema",
    "model_schema": "osallisuuden_palaset.files.schema",
    "schema_json": "osallisuuden_palaset.files.schema",
    "dump_json": "osallisuuden_palaset.files.writing",
    "dump_yaml": "osallisuuden_palaset.files.writing",
    "write_model": "osallisuuden_palaset.files.writing",
}

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
    "CompositionError",
    "Context",
    "Coverage",
    "CriteriaSet",
    "Criterion",
    "Description",
    "DevelopmentPath",
    "Dimension",
    "Document",
    "EvaluationAppendix",
    "ExportOption",
    "ExportRequest",
    "Exporter",
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
    "Location",
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
    "SurveyResults",
    "Text",
    "Threshold",
    "UsageError",
    "Wave",
    "Workspace",
    "branch",
    "build",
    "combine",
    "dump_json",
    "dump_yaml",
    "export",
    "export_to_file",
    "flatten",
    "framework_schema",
    "hookimpl",
    "include",
    "load_document",
    "load_framework",
    "load_workspace",
    "loads",
    "model_schema",
    "namespace",
    "resolve_reuse",
    "reuse",
    "schema_json",
    "sequence",
    "write_model",
]


if not TYPE_CHECKING:  # type checkers see the imports above, and no catch-all attribute

    def __getattr__(name: str) -> Any:
        """Import a public name from its module the first time it is asked for."""
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


# Old import paths of moved modules keep working, with a DeprecationWarning, for one release.
_install_moved()

# Show practices, projects and collections as diagrams in Jupyter; a no-op outside IPython
# (checked here so that importing the package outside a notebook does not import the model).
if "IPython" in sys.modules:
    from osallisuuden_palaset.notebook import register_formatters as _register_formatters

    _register_formatters()
