"""The generated JSON Schema: valid, mirrors the model classes and agrees with the converter."""

from __future__ import annotations

import copy
import datetime as dt
import json
import typing
from pathlib import Path
from typing import Any

import attrs
import cattrs
import jsonschema
import pytest
from hypothesis import given
from ruamel.yaml import YAML

from osallisuuden_palaset.files import converting
from osallisuuden_palaset.files.schema import (
    descriptions,
    field_docs,
    framework_schema,
    model_schema,
    schema_json,
)
from osallisuuden_palaset.messages.catalogue import say
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.text import Lang
from tests import strategies as s

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FRAMEWORK_FILES = sorted((ROOT / "src" / "osallisuuden_palaset" / "data" / "frameworks").glob("*.yaml"))


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


MODEL = validator(model_schema())
FRAMEWORK = validator(framework_schema())
#: The schema in each translated language, as editors get it from ``palaset schema --lang``.
TRANSLATED: tuple[Lang, ...] = ("fi", "sv")
#: Descriptions the model's comments already write in Finnish (Innokylä's field names): the same in fi.
FINNISH_ALREADY = {
    "Ratkaisun perusidea.",
    "Toimintaympäristö.",
    "Kohderyhmä ja asiakasymmärrys.",
    "Toteutuspaikka.",
    "Hyvinvointialue.",
    "Rahoittaja.",
    "Tarpeet (oivalla ja ymmärrä).",
    "Tavoiteltu muutos.",
    "Muutoksen mittaaminen.",
    "Yhteiskehittäminen.",
    "Arviointi lyhyesti.",
    "Lyhyt kuvaus.",
}


def errors(v: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in v.iter_errors(data)]


def as_editor_sees(data: Any) -> Any:
    """YAML data as JSON: dates become the ``YYYY-MM-DD`` strings an editor checks."""
    if isinstance(data, dict):
        return {str(k): as_editor_sees(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_editor_sees(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def read_yaml(path: Path) -> Any:
    yaml = YAML(typ="safe", pure=True)
    return as_editor_sees(yaml.load(path.read_text(encoding="utf-8")))


def example_files() -> list[Path]:
    if not EXAMPLES.is_dir():
        return []
    return sorted(
        p
        for p in EXAMPLES.rglob("*")
        if p.suffix in (".yaml", ".yml", ".json") and not p.name.endswith(".schema.json")
    )


def test_schemas_are_valid_draft_2020_12() -> None:
    for schema in (model_schema(), framework_schema()):
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_json_is_deterministic_and_is_the_schema() -> None:
    assert schema_json("model") == schema_json("model")
    assert json.loads(schema_json("model")) == model_schema()
    assert json.loads(schema_json("framework")) == framework_schema()
    with pytest.raises(ValueError, match="unknown schema kind"):
        schema_json("kissa")  # type: ignore[arg-type]


def test_every_model_class_mirrors_its_fields() -> None:
    defs = model_schema()["$defs"] | framework_schema()["$defs"]
    for name, definition in defs.items():
        if definition.get("type") != "object":
            continue
        cls = next(c for c in _classes() if c.__name__ == name)
        fields = attrs.fields(cls)
        assert set(definition["properties"]) == {f.name for f in fields}
        assert definition.get("required", []) == [f.name for f in fields if f.default is attrs.NOTHING]
        assert definition["additionalProperties"] is False


def _classes() -> list[type[Any]]:
    found: list[type[Any]] = []
    todo: list[type[Any]] = [*converting.DOCUMENT_KINDS.values()]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.append(cls)
        for hint in typing.get_type_hints(cls).values():
            for arg in (hint, *_flat_args(hint)):
                if isinstance(arg, type) and attrs.has(arg):
                    todo.append(arg)
    return found


def _flat_args(hint: Any) -> list[Any]:
    out = []
    for arg in typing.get_args(hint):
        out += [arg, *_flat_args(arg)]
    return out


def test_descriptions_come_from_the_field_comments() -> None:
    reuse = model_schema()["$defs"]["Reuse"]
    assert "catalogue id or practice id" in reuse["properties"]["reuse"]["description"]
    assert reuse["description"].startswith("A step that reuses a block")
    assert "kuultu" in model_schema()["$defs"]["Role"]["description"]
    assert field_docs(Practice)["summary"] == "Lyhyt kuvaus."


def _texts(schema: Any, path: str = "") -> dict[str, str]:
    """Every title and description in ``schema``, by where it is."""
    found: dict[str, str] = {}
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("title", "description") and isinstance(value, str):
                found[f"{path}/{key}"] = value
            else:
                found |= _texts(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found |= _texts(value, f"{path}/{index}")
    return found


def _without_texts(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {
            k: _without_texts(v)
            for k, v in schema.items()
            if not (k in ("title", "description") and isinstance(v, str))
        }
    if isinstance(schema, list):
        return [_without_texts(v) for v in schema]
    return schema


def test_descriptions_lists_every_text_the_schemas_carry() -> None:
    listed = set(descriptions())
    used: set[str] = set()
    for schema in (model_schema(), framework_schema()):
        for text in _texts(schema).values():
            # An enum's description is its summary, then one "- value: meaning" line per value.
            for line in text.split("\n"):
                used.add(line.partition(": ")[2] if line.startswith("- ") else line)
    assert used == listed
    assert len(descriptions()) == len(listed)


def test_english_is_the_default_and_the_msgids() -> None:
    assert schema_json("model", "en") == schema_json("model")
    assert model_schema("en") == model_schema()
    assert framework_schema("en") == framework_schema()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translated_schema_differs_from_english_only_in_its_texts(lang: Lang) -> None:
    for english, translated in (
        (model_schema(), model_schema(lang)),
        (framework_schema(), framework_schema(lang)),
    ):
        assert _without_texts(translated) == _without_texts(english)
        jsonschema.Draft202012Validator.check_schema(translated)
        english_texts, translated_texts = _texts(english), _texts(translated)
        assert english_texts.keys() == translated_texts.keys()
        for where, text in english_texts.items():
            if lang == "fi" and text in FINNISH_ALREADY:
                assert translated_texts[where] == text
            else:
                assert translated_texts[where] != text, (lang, where, text)
    assert json.loads(schema_json("framework", lang)) == framework_schema(lang)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_description_is_translated(lang: Lang) -> None:
    for text in descriptions():
        said = say(lang, text)
        assert said.strip(), text
        assert (said == text) is (lang == "fi" and text in FINNISH_ALREADY), (lang, text)


def test_a_translated_enum_keeps_its_values() -> None:
    role = model_schema("fi")["$defs"]["Role"]
    assert role["enum"] == model_schema()["$defs"]["Role"]["enum"]
    assert "- co_developer: Suunnittelee ja kehittää" in role["description"]
    assert (
        model_schema("sv")["$defs"]["Practice"]["properties"]["summary"]["description"] == "Kort beskrivning."
    )


def test_ids_and_refs_carry_their_patterns() -> None:
    practice = {"id": "Iso Kirjain", "name": "P"}
    assert any("does not match" in m for m in errors(MODEL, {"practice": practice}))
    step = {"id": "a", "reuse": "no-slash"}
    assert errors(MODEL, {"practice": {"id": "p", "name": "P", "steps": [step]}})


def test_an_id_of_any_length_is_valid_in_the_schema_as_in_the_model() -> None:
    long = "a" + "-pitkä" * 600
    step = {"id": long, "reuse": f"{long}/{long}"}
    document = {"practice": {"id": long, "name": "P", "steps": [step]}}
    assert errors(MODEL, document) == []
    assert converting.structure(document["practice"], Practice).id == long
    assert errors(MODEL, {"practice": {"id": long + " x", "name": "P"}})


@pytest.mark.parametrize(
    ("document", "why"),
    [
        ({"practice": {"id": "p", "name": "P", "stpes": []}}, "misspelt key"),
        ({"practice": {"id": "p", "name": "P", "steps": [{"id": "a", "nmae": "A"}]}}, "misspelt block key"),
        ({"practice": {"id": "p", "name": "P"}, "project": {"id": "h", "name": "H"}}, "two documents"),
        ({"version": 1}, "no document"),
        ({"practice": {"id": "p", "name": "  "}}, "blank text"),
        ({"practice": {"id": "p", "name": {}}}, "empty text map"),
        ({"practice": {"id": "p", "name": {"de": "P"}}}, "unknown language"),
        ({"practice": {"id": "p"}}, "missing name"),
        (
            {"practice": {"id": "p", "name": "P", "steps": [{"id": "a", "reuse": "x/y", "include": "z"}]}},
            "both",
        ),
        (
            {"practice": {"id": "p", "name": "P", "flows": [{"source": "a", "target": "b", "kind": "jump"}]}},
            "enum",
        ),
        ({"project": {"id": "h", "name": "H", "period": {"start": "31.1.2024"}}}, "date"),
    ],
)
def test_schema_rejects_mistakes(document: dict[str, Any], why: str) -> None:
    assert errors(MODEL, document), why


@pytest.mark.parametrize("lang", ["en", *TRANSLATED])
def test_framework_files_follow_the_framework_schema(lang: Lang) -> None:
    model, framework = validator(model_schema(lang)), validator(framework_schema(lang))
    assert FRAMEWORK_FILES
    for path in FRAMEWORK_FILES:
        assert errors(framework, read_yaml(path)) == [], path
        assert errors(model, read_yaml(path)), "a framework is not a model file"


@pytest.mark.parametrize("lang", ["en", *TRANSLATED])
def test_every_example_file_follows_the_schema(lang: Lang) -> None:
    model, framework = validator(model_schema(lang)), validator(framework_schema(lang))
    files = example_files()
    if not files:
        pytest.skip("examples/ has no model files yet")
    for path in files:
        data = read_yaml(path) if path.suffix != ".json" else json.loads(path.read_text(encoding="utf-8"))
        v = framework if isinstance(data, dict) and "framework" in data else model
        assert errors(v, data) == [], path


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize(
    "document",
    [
        {"practice": {"id": "Iso Kirjain", "name": "P"}},
        {"practice": {"id": "p", "name": "P", "steps": [{"reuse": "ei-kauttaviivaa"}]}},
        {"practice": {"id": "p", "name": "P", "tuntematon": 1}},
        {"practice": {"id": "p", "name": {"de": "P"}}},
        {"project": {"id": "h", "name": "H"}, "practice": {"id": "p", "name": "P"}},
    ],
)
def test_a_translated_schema_refuses_what_english_refuses(lang: Lang, document: dict[str, Any]) -> None:
    assert errors(MODEL, document)
    assert errors(validator(model_schema(lang)), document) == errors(MODEL, document)


@given(s.models())
def test_schema_accepts_what_the_converter_writes(model: Any) -> None:
    document = converting.to_document(model)
    v = FRAMEWORK if isinstance(model, Framework) else MODEL
    assert errors(v, document) == []
    assert errors(v, json.loads(json.dumps(document))) == []


@given(s.practices(max_steps=3))
def test_schema_and_converter_refuse_the_same_unknown_key(practice: Practice) -> None:
    data = converting.unstructure(practice)
    broken = copy.deepcopy(data)
    broken["tunniste"] = "x"
    assert errors(MODEL, {"practice": broken})
    with pytest.raises(cattrs.ClassValidationError) as info:
        converting.structure(broken, Practice)
    assert "tunniste" in " ".join(cattrs.transform_error(info.value))
    assert converting.structure(data, Practice) == practice
