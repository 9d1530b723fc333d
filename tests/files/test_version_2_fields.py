"""Version 2 fields: read in a version 2 file, located errors in a version 1 file, and their own rules."""

from __future__ import annotations

import pytest

from osallisuuden_palaset.errors import LoadError
from osallisuuden_palaset.files.loading import loads
from osallisuuden_palaset.files.writing import dump_yaml
from osallisuuden_palaset.model.block import Block, Modality
from osallisuuden_palaset.model.evidence import Evidence, EvidenceKind
from osallisuuden_palaset.model.flow import Choose, Wait
from osallisuuden_palaset.model.practice import IndicatorLevel, Practice
from osallisuuden_palaset.model.target_group import AgeRange, TargetGroup
from osallisuuden_palaset.model.text import Text

V2 = """version: 2
practice:
  id: m
  name: M
  organisation: Järjestö ry
  innokyla: https://innokyla.fi/fi/toimintamalli/m
  description:
    target_group: {ages: 16–29, criteria: [koulun ulkopuolella], text: Nuoret}
  steps:
    - id: a
      name: A
      modality: outreach
      organisational: true
      waive: {participant-voice: Vain henkilöstö}
      mappings:
        - target: p4
          strength: strong
          evidence: {text: Palaute, kind: participant_feedback, source: Kysely 2022, date: 2022-12-01}
    - {id: b, name: B}
    - {id: c, name: C}
    - {id: d, name: D}
  flows:
    - {source: a, target: b, kind: optional, choose: one}
    - {source: a, target: c, kind: optional, choose: one}
    - {source: b, target: c, wait: all}
  outcomes:
    - id: o
      description: Muutos
      indicators: [{description: D, baseline: 40, level: area, frequency: vuosittain}]
  development: {understand: U, imagine_and_try: I, describe_and_share: D}
  variants: [{name: Koulussa, differs: Ryhmä on luokka}]
  resources: [{name: Kortit, steps: [a]}]
"""


def _practice(text: str) -> Practice:
    model = loads(text, name="m.yaml").model
    assert isinstance(model, Practice)
    return model


def test_a_version_2_file_reads_every_new_field() -> None:
    p = _practice(V2)
    a = p.step("a")
    assert isinstance(a, Block)
    assert (a.modality, a.organisational) == (Modality.OUTREACH, True)
    assert a.waive[0].check == "participant-voice"
    assert a.waive[0].reason == Text(fi="Vain henkilöstö")
    evidence = a.mappings[0].evidence
    assert isinstance(evidence, Evidence)
    assert evidence.kind is EvidenceKind.PARTICIPANT_FEEDBACK
    group = p.description.target_group
    assert isinstance(group, TargetGroup)
    assert group.ages == AgeRange(16, 29)
    assert [f.choose for f in p.flows[:2]] == [Choose.ONE, Choose.ONE]
    assert p.flows[2].wait is Wait.ALL
    assert p.outcomes[0].indicators[0].level is IndicatorLevel.AREA
    assert p.outcomes[0].indicators[0].baseline == Text(fi="40")
    assert (p.variants[0].differs, p.resources[0].steps) == (Text(fi="Ryhmä on luokka"), ("a",))
    assert p.development.imagine_and_try == Text(fi="I")


def test_a_version_2_model_is_written_and_read_back_the_same() -> None:
    p = _practice(V2)
    text = dump_yaml(p)
    assert "waive:\n" in text
    assert "ages: 16–29" in text
    assert _practice(text) == p


def test_version_2_fields_in_a_version_1_file_are_located_errors_that_say_what_to_do() -> None:
    with pytest.raises(LoadError) as info:
        loads(V2.replace("version: 2\n", ""), name="m.yaml")
    found = {(p.line, p.col, p.message) for p in info.value.problems}
    assert (4, 3, "'organisation' needs file format version 2") in found  # at the key
    assert (11, 17, "the modality 'outreach' needs file format version 2") in found  # at the value
    messages = {m for _, _, m in found}
    assert "target group written as a map needs file format version 2" in messages
    assert "evidence written as a map needs file format version 2" in messages
    assert "'waive' needs file format version 2" in messages
    assert all(p.hint and "version: 2" in p.hint for p in info.value.problems)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("waive: {participant-voice: Vain henkilöstö}", "waive: {participant-voice: }"),
        ("waive: {participant-voice: Vain henkilöstö}", "waive: {participant-voice: ''}"),
        ("waive: {participant-voice: Vain henkilöstö}", "waive: [participant-voice]"),
        ("ages: 16–29", "ages: 29–16"),
        ("ages: 16–29", "ages: nuoret"),
        (
            "choose: one}\n    - {source: a, target: c, kind: optional, choose: one}",
            "choose: one}\n    - {source: a, target: c, kind: optional, choose: one_or_more}",
        ),
        (
            "{source: b, target: c, wait: all}",
            "{source: b, target: c}\n    - {source: c, target: d, wait: all}",
        ),
        ("resources: [{name: Kortit, steps: [a]}]", "resources: [{name: Kortit, steps: [x]}]"),
        (
            "{text: Palaute, kind: participant_feedback, source: Kysely 2022, date: 2022-12-01}",
            "{kind: document}",
        ),
    ],
)
def test_broken_version_2_values_are_located_errors(change: str, message: str) -> None:
    assert change in V2
    with pytest.raises(LoadError) as info:
        loads(V2.replace(change, message), name="m.yaml")
    assert info.value.problems
    assert all(p.file == "m.yaml" and p.line > 1 for p in info.value.problems)


def test_a_text_map_of_languages_is_still_a_text() -> None:
    p = _practice(
        V2.replace("{ages: 16–29, criteria: [koulun ulkopuolella], text: Nuoret}", "{fi: Nuoret, en: Youth}")
    )
    assert p.description.target_group == Text(fi="Nuoret", en="Youth")
