"""JSON Schema (draft 2020-12) for model and framework files, generated from the model classes.

Nothing here is kept by hand: every object comes from ``attrs.fields`` and the fields'
type hints, so the schema follows the model. It mirrors the converter in
:mod:`osallisuuden_palaset.files.converting`: fields without defaults are required, unknown keys
are refused, a text is a string or a map of ``fi``/``en``/``sv``, plain text fields also
take numbers (the converter writes them as text), ids carry the id pattern, dates are
``YYYY-MM-DD`` strings, and a step is a block, a ``reuse`` step or an ``include`` step.
Descriptions come from the classes' docstrings and the ``#:`` comments above their fields
(read once from the source with :mod:`inspect` and :mod:`ast`); they are written in English and
translated with the message catalogue, so a schema in ``fi`` or ``sv`` is what editors show on
hover in that language (:func:`descriptions` lists them for ``scripts/messages.py``).
"""

from __future__ import annotations

import ast
import datetime as dt
import enum
import inspect
import json
import re
import textwrap
import types
import typing
from collections.abc import Callable
from typing import Any, Final, Literal

import attrs

from osallisuuden_palaset.files.converting import AGE_RANGE, DOCUMENT_KINDS
from osallisuuden_palaset.files.format_version import VERSIONS
from osallisuuden_palaset.messages.catalogue import msg, translations
from osallisuuden_palaset.model.ids import ID_PATTERN, SEPARATOR, check_id
from osallisuuden_palaset.model.practice import Reuse, Step
from osallisuuden_palaset.model.target_group import AgeRange
from osallisuuden_palaset.model.text import LANGS, Lang, Text
from osallisuuden_palaset.model.waivers import Waiver

#: The JSON Schema dialect of every generated schema.
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
#: Where the published schemas are meant to live (used as their ``$id``).
SCHEMA_IDS: Final = {
    "model": "https://osallisuuden-palaset.github.io/schema/model.schema.json",
    "framework": "https://osallisuuden-palaset.github.io/schema/framework.schema.json",
}
SchemaKind = Literal["model", "framework"]
#: A reference ``'owner/block'``: two ids joined by the separator.
REF_PATTERN: Final = "^" + ID_PATTERN.strip("^$") + re.escape(SEPARATOR) + ID_PATTERN.strip("^$") + "$"
_NOT_BLANK: Final = {"type": "string", "pattern": r"\S"}
_TEXT_LIKE: Final = ["string", "number"]
#: Puts an English description into the schema's language.
_Translate = Callable[[str], str]


def model_schema(lang: Lang = "en") -> dict[str, Any]:
    """The schema of a model file: exactly one of ``practice``, ``project``, ``catalogue``, ``collection``.

    Its title and descriptions are in ``lang``; everything else is the same in every language.
    """
    return _model_schema(_translator(lang))


def framework_schema(lang: Lang = "en") -> dict[str, Any]:
    """The schema of a framework file: one ``framework``, described in ``lang``."""
    return _framework_schema(_translator(lang))


def schema_json(kind: SchemaKind = "model", lang: Lang = "en") -> str:
    """The schema of ``kind`` in ``lang`` as JSON text: sorted keys, two-space indent, a final newline."""
    if kind == "model":
        schema = model_schema(lang)
    elif kind == "framework":
        schema = framework_schema(lang)
    else:
        raise ValueError(msg("unknown schema kind {kind}: use 'model' or 'framework'", kind=repr(kind)))
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def descriptions() -> tuple[str, ...]:
    """Every English title and description the schemas carry, each once: the catalogue's msgids for them.

    Found by generating both schemas and noting each text as it is translated, so the list is
    exactly what the generator uses.
    """
    found: dict[str, None] = {}

    def note(text: str) -> str:
        found[text] = None
        return text

    _model_schema(note)
    _framework_schema(note)
    return tuple(found)


def _translator(lang: Lang) -> _Translate:
    return translations(lang).gettext


def _model_schema(translate: _Translate) -> dict[str, Any]:
    kinds = [k for k in DOCUMENT_KINDS if k != "framework"]
    title = "A model file of osallisuuden palaset: one practice, project, catalogue or collection."
    return _document("model", kinds, title, translate)


def _framework_schema(translate: _Translate) -> dict[str, Any]:
    return _document("framework", ["framework"], "A framework for promoting inclusion, as data.", translate)


def _document(kind: SchemaKind, keys: list[str], title: str, translate: _Translate) -> dict[str, Any]:
    builder = _Builder(translate)
    properties: dict[str, Any] = {
        "$schema": {
            "type": "string",
            "description": translate("The schema this file follows (for editors)."),
        },
        "version": {
            "enum": [*VERSIONS, *(str(v) for v in VERSIONS)],
            "description": translate(
                "The file format's version: 2 for files written now; a file without it is version 1."
            ),
        },
    }
    for key in keys:
        properties[key] = builder.ref(DOCUMENT_KINDS[key])
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": SCHEMA_IDS[kind],
        "title": translate(title),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if len(keys) == 1:
        schema["required"] = keys
    else:
        schema["oneOf"] = [{"required": [key]} for key in keys]
    schema["$defs"] = dict(sorted(builder.defs.items()))
    return schema


class _Builder:
    """Walks model classes, collecting one ``$defs`` entry per class, enum and the text type."""

    def __init__(self, translate: _Translate) -> None:
        self.defs: dict[str, Any] = {}
        self.translate = translate

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserved first: classes refer to themselves (Block.parts)
            self.defs[name] = self._define(cls)
        return {"$ref": f"#/$defs/{name}"}

    def _define(self, cls: type[Any]) -> dict[str, Any]:
        if cls is Text:
            return _text_schema(self.translate)
        if issubclass(cls, enum.Enum):
            return _enum_schema(cls, self.translate)
        return self._class_schema(cls)

    def _class_schema(self, cls: type[Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        docs = field_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            prop = self.of_type(hints[field.name])
            if _validators(field, check_id):
                prop = {**prop, "pattern": ID_PATTERN}
            if cls is Reuse and field.name == "reuse":
                prop = {**prop, "pattern": REF_PATTERN}
            if field.name in docs:
                said = self.translate(docs[field.name])
                prop = (
                    {**prop, "description": said}
                    if "$ref" not in prop
                    else {"allOf": [prop], "description": said}
                )
            properties[field.name] = prop
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        doc = _summary(cls)
        if doc:
            schema["description"] = self.translate(doc)
        return schema

    def of_type(self, hint: Any) -> dict[str, Any]:
        """The schema of a field's type hint."""
        if hint == Step:
            return {"anyOf": [self.ref(arm) for arm in typing.get_args(Step)]}
        origin = typing.get_origin(hint)
        if origin in (types.UnionType, typing.Union):
            arms = [a for a in typing.get_args(hint) if a is not type(None)]
            inner = self.of_type(arms[0]) if len(arms) == 1 else {"anyOf": [self.of_type(a) for a in arms]}
            return {"anyOf": [inner, {"type": "null"}]}
        if hint == tuple[Waiver, ...]:
            return {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": self.ref(Text),
            }
        if hint is AgeRange:
            return {"anyOf": [self.ref(AgeRange), {"type": "string", "pattern": AGE_RANGE.pattern}]}
        if origin is tuple:
            return {"type": "array", "items": self.of_type(typing.get_args(hint)[0])}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is str:
            return {"type": _TEXT_LIKE}
        if hint is dt.date:
            return {"type": "string", "format": "date"}
        if isinstance(hint, type) and (attrs.has(hint) or issubclass(hint, enum.Enum)):
            return self.ref(hint)
        raise TypeError(
            msg("no JSON Schema for type {hint}", hint=repr(hint))
        )  # pragma: no cover - a new model type


def _text_schema(translate: _Translate) -> dict[str, Any]:
    return {
        "description": translate(
            "A text: a plain string (read as Finnish) or a map of fi, en and sv, at least one."
        ),
        "oneOf": [
            _NOT_BLANK,
            {
                "type": "object",
                "properties": dict.fromkeys(LANGS, _NOT_BLANK),
                "additionalProperties": False,
                "minProperties": 1,
            },
        ],
    }


def _enum_schema(cls: type[enum.Enum], translate: _Translate) -> dict[str, Any]:
    docs = field_docs(cls)
    summary = _summary(cls)
    # The summary and each value's meaning are translated one by one; the values stay as written.
    lines = [translate(summary) if summary else ""] + [
        f"- {m.value}: {translate(docs[m.name])}" for m in cls if m.name in docs
    ]
    return {
        "type": "string",
        "enum": [m.value for m in cls],
        "description": "\n".join(line for line in lines if line),
    }


def _validators(field: attrs.Attribute[Any], wanted: Any) -> bool:
    validator = field.validator
    found = getattr(validator, "_validators", (validator,))
    return wanted in found


def _summary(cls: type[Any]) -> str:
    doc = inspect.getdoc(cls) or ""
    return " ".join(doc.split("\n\n")[0].split()).replace("``", "`")


def field_docs(cls: type[Any]) -> dict[str, str]:
    """The ``#:`` comments written right above each field (or enum member) of ``cls``."""
    if cls not in _DOCS:
        _DOCS[cls] = _read_field_docs(cls)
    return _DOCS[cls]


_DOCS: dict[type[Any], dict[str, str]] = {}


def _read_field_docs(cls: type[Any]) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # pragma: no cover - classes defined without a source file
        return {}
    lines = source.splitlines()
    found: dict[str, str] = {}
    (node,) = ast.parse(source).body
    assert isinstance(node, ast.ClassDef)
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name = statement.target.id
        elif isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            name = statement.targets[0].id
        else:
            continue
        comment: list[str] = []
        index = statement.lineno - 2
        while index >= 0 and lines[index].strip().startswith("#:"):
            comment.insert(0, lines[index].strip()[2:].strip())
            index -= 1
        if comment:
            found[name] = " ".join(comment).replace("``", "`")
    return found
