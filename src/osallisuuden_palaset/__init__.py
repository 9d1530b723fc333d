"""Model participation and inclusion work as composable blocks (osallisuuden palaset)."""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from osallisuuden_palaset.codecache import install as _install_code_cache

_install_code_cache()  # before any model class is defined: their generated code is cached

from osallisuuden_palaset.moved import install as _install_moved  # noqa: E402

if TYPE_CHECKING:  # what type checkers see: the same names as _PUBLIC below, each re-exported
    from osallisuuden_palaset.assessing.checking import (
        Check as Check,
    )
    from osallisuuden_palaset.assessing.checking import (
        CheckInput as CheckInput,
    )
    from osallisuuden_palaset.composing.operations import (
        CompositionError as CompositionError,
    )
    from osallisuuden_palaset.composing.operations import (
        branch as branch,
    )
    from osallisuuden_palaset.composing.operations import (
        combine as combine,
    )
    from osallisuuden_palaset.composing.operations import (
        flatten as flatten,
    )
    from osallisuuden_palaset.composing.operations import (
        include as include,
    )
    from osallisuuden_palaset.composing.operations import (
        namespace as namespace,
    )
    from osallisuuden_palaset.composing.operations import (
        resolve_reuse as resolve_reuse,
    )
    from osallisuuden_palaset.composing.operations import (
        reuse as reuse,
    )
    from osallisuuden_palaset.composing.operations import (
        sequence as sequence,
    )
    from osallisuuden_palaset.errors import (
        LoadError as LoadError,
    )
    from osallisuuden_palaset.errors import (
        Location as Location,
    )
    from osallisuuden_palaset.errors import (
        ModelError as ModelError,
    )
    from osallisuuden_palaset.errors import (
        ModelPath as ModelPath,
    )
    from osallisuuden_palaset.errors import (
        PalasetError as PalasetError,
    )
    from osallisuuden_palaset.errors import (
        Problem as Problem,
    )
    from osallisuuden_palaset.errors import (
        UsageError as UsageError,
    )
    from osallisuuden_palaset.files.loading import (
        Document as Document,
    )
    from osallisuuden_palaset.files.loading import (
        Workspace as Workspace,
    )
    from osallisuuden_palaset.files.loading import (
        load_document as load_document,
    )
    from osallisuuden_palaset.files.loading import (
        load_framework as load_framework,
    )
    from osallisuuden_palaset.files.loading import (
        load_workspace as load_workspace,
    )
    from osallisuuden_palaset.files.loading import (
        loads as loads,
    )
    from osallisuuden_palaset.files.schema import (
        framework_schema as framework_schema,
    )
    from osallisuuden_palaset.files.schema import (
        model_schema as model_schema,
    )
    from osallisuuden_palaset.files.schema import (
        schema_json as schema_json,
    )
    from osallisuuden_palaset.files.writing import (
        dump_json as dump_json,
    )
    from osallisuuden_palaset.files.writing import (
        dump_yaml as dump_yaml,
    )
    from osallisuuden_palaset.files.writing import (
        write_model as write_model,
    )
    from osallisuuden_palaset.hookspecs import (
        hookimpl as hookimpl,
    )
    from osallisuuden_palaset.model.block import (
        Block as Block,
    )
    from osallisuuden_palaset.model.block import (
        BlockKind as BlockKind,
    )
    from osallisuuden_palaset.model.block import (
        GroupSize as GroupSize,
    )
    from osallisuuden_palaset.model.block import (
        Mapping as Mapping,
    )
    from osallisuuden_palaset.model.block import (
        Modality as Modality,
    )
    from osallisuuden_palaset.model.block import (
        Participant as Participant,
    )
    from osallisuuden_palaset.model.block import (
        Role as Role,
    )
    from osallisuuden_palaset.model.block import (
        Strength as Strength,
    )
    from osallisuuden_palaset.model.evaluation import (
        Claim as Claim,
    )
    from osallisuuden_palaset.model.evaluation import (
        Coverage as Coverage,
    )
    from osallisuuden_palaset.model.evaluation import (
        CriteriaSet as CriteriaSet,
    )
    from osallisuuden_palaset.model.evaluation import (
        Criterion as Criterion,
    )
    from osallisuuden_palaset.model.evaluation import (
        EvaluationAppendix as EvaluationAppendix,
    )
    from osallisuuden_palaset.model.evaluation import (
        Finding as Finding,
    )
    from osallisuuden_palaset.model.evaluation import (
        Level as Level,
    )
    from osallisuuden_palaset.model.evaluation import (
        Rating as Rating,
    )
    from osallisuuden_palaset.model.evaluation import (
        Severity as Severity,
    )
    from osallisuuden_palaset.model.flow import (
        Flow as Flow,
    )
    from osallisuuden_palaset.model.flow import (
        FlowKind as FlowKind,
    )
    from osallisuuden_palaset.model.framework import (
        Dimension as Dimension,
    )
    from osallisuuden_palaset.model.framework import (
        Framework as Framework,
    )
    from osallisuuden_palaset.model.framework import (
        FrameworkKind as FrameworkKind,
    )
    from osallisuuden_palaset.model.framework import (
        Principle as Principle,
    )
    from osallisuuden_palaset.model.framework import (
        Provenance as Provenance,
    )
    from osallisuuden_palaset.model.framework import (
        ProvenanceKind as ProvenanceKind,
    )
    from osallisuuden_palaset.model.framework import (
        Question as Question,
    )
    from osallisuuden_palaset.model.framework import (
        Source as Source,
    )
    from osallisuuden_palaset.model.practice import (
        Answer as Answer,
    )
    from osallisuuden_palaset.model.practice import (
        AnswerStatus as AnswerStatus,
    )
    from osallisuuden_palaset.model.practice import (
        Description as Description,
    )
    from osallisuuden_palaset.model.practice import (
        DevelopmentPath as DevelopmentPath,
    )
    from osallisuuden_palaset.model.practice import (
        Include as Include,
    )
    from osallisuuden_palaset.model.practice import (
        Indicator as Indicator,
    )
    from osallisuuden_palaset.model.practice import (
        Outcome as Outcome,
    )
    from osallisuuden_palaset.model.practice import (
        Phase as Phase,
    )
    from osallisuuden_palaset.model.practice import (
        Practice as Practice,
    )
    from osallisuuden_palaset.model.practice import (
        Reuse as Reuse,
    )
    from osallisuuden_palaset.model.project import (
        Catalogue as Catalogue,
    )
    from osallisuuden_palaset.model.project import (
        Collection as Collection,
    )
    from osallisuuden_palaset.model.project import (
        Period as Period,
    )
    from osallisuuden_palaset.model.project import (
        Project as Project,
    )
    from osallisuuden_palaset.model.references import (
        Context as Context,
    )
    from osallisuuden_palaset.model.survey import (
        Instrument as Instrument,
    )
    from osallisuuden_palaset.model.survey import (
        Item as Item,
    )
    from osallisuuden_palaset.model.survey import (
        MissingRule as MissingRule,
    )
    from osallisuuden_palaset.model.survey import (
        Response as Response,
    )
    from osallisuuden_palaset.model.survey import (
        Scale as Scale,
    )
    from osallisuuden_palaset.model.survey import (
        ScaleValue as ScaleValue,
    )
    from osallisuuden_palaset.model.survey import (
        Scoring as Scoring,
    )
    from osallisuuden_palaset.model.survey import (
        ScoringMethod as ScoringMethod,
    )
    from osallisuuden_palaset.model.survey import (
        Threshold as Threshold,
    )
    from osallisuuden_palaset.model.survey import (
        Wave as Wave,
    )
    from osallisuuden_palaset.model.text import (
        Lang as Lang,
    )
    from osallisuuden_palaset.model.text import (
        Text as Text,
    )
    from osallisuuden_palaset.output.building import (
        build as build,
    )
    from osallisuuden_palaset.output.exporting import (
        Exporter as Exporter,
    )
    from osallisuuden_palaset.output.exporting import (
        ExportOption as ExportOption,
    )
    from osallisuuden_palaset.output.exporting import (
        ExportRequest as ExportRequest,
    )
    from osallisuuden_palaset.output.exporting import (
        SurveyResults as SurveyResults,
    )
    from osallisuuden_palaset.output.exporting import (
        export as export,
    )
    from osallisuuden_palaset.output.exporting import (
        export_to_file as export_to_file,
    )

#: The public names, listed once: module → the names it defines. ``__all__`` and the lazy
#: look-up below are made from it; tests/test_init.py checks that the typing imports above agree.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "osallisuuden_palaset.assessing.checking": (
        "Check",
        "CheckInput",
    ),
    "osallisuuden_palaset.composing.operations": (
        "CompositionError",
        "branch",
        "combine",
        "flatten",
        "include",
        "namespace",
        "resolve_reuse",
        "reuse",
        "sequence",
    ),
    "osallisuuden_palaset.errors": (
        "LoadError",
        "Location",
        "ModelError",
        "ModelPath",
        "PalasetError",
        "Problem",
        "UsageError",
    ),
    "osallisuuden_palaset.files.loading": (
        "Document",
        "Workspace",
        "load_document",
        "load_framework",
        "load_workspace",
        "loads",
    ),
    "osallisuuden_palaset.files.schema": (
        "framework_schema",
        "model_schema",
        "schema_json",
    ),
    "osallisuuden_palaset.files.writing": (
        "dump_json",
        "dump_yaml",
        "write_model",
    ),
    "osallisuuden_palaset.hookspecs": ("hookimpl",),
    "osallisuuden_palaset.model.block": (
        "Block",
        "BlockKind",
        "GroupSize",
        "Mapping",
        "Modality",
        "Participant",
        "Role",
        "Strength",
    ),
    "osallisuuden_palaset.model.evaluation": (
        "Claim",
        "Coverage",
        "CriteriaSet",
        "Criterion",
        "EvaluationAppendix",
        "Finding",
        "Level",
        "Rating",
        "Severity",
    ),
    "osallisuuden_palaset.model.flow": (
        "Flow",
        "FlowKind",
    ),
    "osallisuuden_palaset.model.framework": (
        "Dimension",
        "Framework",
        "FrameworkKind",
        "Principle",
        "Provenance",
        "ProvenanceKind",
        "Question",
        "Source",
    ),
    "osallisuuden_palaset.model.practice": (
        "Answer",
        "AnswerStatus",
        "Description",
        "DevelopmentPath",
        "Include",
        "Indicator",
        "Outcome",
        "Phase",
        "Practice",
        "Reuse",
    ),
    "osallisuuden_palaset.model.project": (
        "Catalogue",
        "Collection",
        "Period",
        "Project",
    ),
    "osallisuuden_palaset.model.references": ("Context",),
    "osallisuuden_palaset.model.survey": (
        "Instrument",
        "Item",
        "MissingRule",
        "Response",
        "Scale",
        "ScaleValue",
        "Scoring",
        "ScoringMethod",
        "Threshold",
        "Wave",
    ),
    "osallisuuden_palaset.model.text": (
        "Lang",
        "Text",
    ),
    "osallisuuden_palaset.output.building": ("build",),
    "osallisuuden_palaset.output.exporting": (
        "ExportOption",
        "ExportRequest",
        "Exporter",
        "SurveyResults",
        "export",
        "export_to_file",
    ),
}

#: Public name → the module defining it; imported on first use (PEP 562), so that the command
#: line and ``import osallisuuden_palaset`` load only what they need.
_MODULE_OF: dict[str, str] = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = sorted(_MODULE_OF)


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
