"""Tests of writing model files: deterministic, readable, and loading back equal (the round-trip law)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

from osallisuuden_palaset.errors import LoadError, UsageError
from osallisuuden_palaset.files.converting import Model
from osallisuuden_palaset.files.loading import load_document, loads
from osallisuuden_palaset.files.reading import read_text
from osallisuuden_palaset.files.writing import dump_json, dump_yaml, dump_yaml_data, write_model
from osallisuuden_palaset.model.block import Block, Participant, Role
from osallisuuden_palaset.model.practice import Description, Practice, Reuse
from osallisuuden_palaset.model.text import Text
from tests import strategies

TRICKY = ["on", "no", "yes", "off", "y", "null", "~", "1.0", "2020-01-01", "0o17", " lead", "trail "]
TRICKY += ["two\nlines", "ends\n", "# hash", "a: b", "- dash", "Ääni ja ö", "'quote'", '"dq"', "<<"]


def example() -> Practice:
    return Practice(
        id="elävä-portfolio",
        name=Text(fi="Elävä portfolio", en="Living portfolio"),
        summary="Osaamisen tunnistamisen prosessi",
        steps=[
            Block(
                id="kartoitus",
                name="Kartoitus",
                participants=[Participant(who="Osallistuja", role=Role.CO_DEVELOPER)],
            ),
            Reuse(id="helmi", reuse="lumoava/helmi-kortit"),
        ],
        description=Description(authors=("on", "no"), created=__import__("datetime").date(2020, 1, 1)),
        keywords=tuple(TRICKY),
    )


def test_tricky_strings_are_quoted_and_load_back_equal() -> None:
    text = dump_yaml_data({"values": TRICKY})
    assert "'on'" in text
    assert "'2020-01-01'" in text
    assert "Ääni ja ö" in text  # written literally, not escaped
    reading = read_text(text, name="t.yaml")
    assert reading.ok
    assert reading.data == {"values": TRICKY}


def test_yaml_is_block_style_and_deterministic() -> None:
    model = example()
    text = dump_yaml(model)
    assert text == dump_yaml(example())
    assert text.startswith("version: 2\npractice:\n  id: elävä-portfolio\n  name:\n    fi: Elävä portfolio\n")
    assert "{" not in text
    assert "summary: Osaamisen tunnistamisen prosessi\n" in text  # a plain Text is a plain string


def test_json_is_indented_utf8_with_final_newline() -> None:
    text = dump_json(example())
    assert text.endswith("}\n")
    assert '\n  "practice": {\n    "id": "elävä-portfolio",' in text
    assert json.loads(text) == json.loads(dump_json(example()))


def test_example_round_trips_in_both_formats() -> None:
    model = example()
    assert loads(dump_yaml(model), name="m.yaml").model == model
    assert loads(dump_json(model), name="m.json").model == model


@given(strategies.models())
def test_yaml_round_trip_law(model: Model) -> None:
    assert loads(dump_yaml(model), name="m.yaml").model == model


@given(strategies.models())
def test_json_round_trip_law(model: Model) -> None:
    assert loads(dump_json(model), name="m.json").model == model


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_write_model_chooses_format_by_suffix(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"malli{suffix}"
    write_model(example(), target)
    text = target.read_text(encoding="utf-8")
    assert text == (dump_json(example()) if suffix == ".json" else dump_yaml(example()))
    assert load_document(target).model == example()


def test_write_model_refuses_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.yaml or \*\.json"):
        write_model(example(), tmp_path / "malli.txt")
    assert not list(tmp_path.iterdir())


def test_control_characters_and_astral_characters_round_trip() -> None:
    model = Practice(id="m", name="a\x7fb\x85c\U0001f600", keywords=("x\x9f", "\u2028"))
    json_text = dump_json(model)
    assert "\\u007f" in json_text
    assert loads(json_text, name="m.json").model == model
    assert loads(dump_yaml(model), name="m.yaml").model == model


def test_a_lone_surrogate_written_out_is_refused_when_read_back() -> None:
    # A Text refuses one when built; a plain string field does not, so the loader must.
    model = Practice(id="m", name="M", keywords=("x\ud800",))
    json_text = dump_json(model)
    assert "\\ud800" in json_text
    for text, name in ((json_text, "m.json"), (dump_yaml(model), "m.yaml")):
        with pytest.raises(LoadError, match=r"lone surrogate \\ud800"):
            loads(text, name=name)
