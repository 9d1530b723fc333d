"""The xlsx plugin: registered through its entry point, four sheets, deterministic, formula-safe."""

from __future__ import annotations

import io
import time
import zipfile
from importlib import metadata
from pathlib import Path

import openpyxl
import osallisuuden_palaset_xlsx
import pytest
from osallisuuden_palaset_xlsx import EXPORTER

from osallisuuden_palaset import Block, Mapping, Practice, Strength, Text
from osallisuuden_palaset.output.exporting import ExportRequest, export
from osallisuuden_palaset.plugins.registry import get_exporters
from osallisuuden_palaset.testing import make_plugin_manager, run_cli

HOSTILE = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "<script>&'\"\\", "a\x00b\x07c"]


def practice() -> Practice:
    return Practice(
        id="kahvila",
        name=Text(fi="Olohuonekahvila", en="Living-room café"),
        summary="Matalan kynnyksen kohtaamispaikka.",
        steps=[
            Block(
                id="kutsu",
                name="Kutsu",
                mappings=[Mapping("p4", Strength.STRONG), Mapping("d1", Strength.WEAK)],
            ),
            *(Block(id=f"h{i}", name=value, mappings=[Mapping("p7")]) for i, value in enumerate(HOSTILE)),
        ],
    )


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_entry_point_registers_the_format() -> None:
    points = [ep for ep in metadata.entry_points(group="osallisuuden_palaset") if ep.name == "xlsx"]
    assert [ep.value for ep in points] == ["osallisuuden_palaset_xlsx"]
    pm = make_plugin_manager(load_entrypoints=True)
    assert get_exporters(pm)["xlsx"] == EXPORTER


def test_module_registers_through_the_hook() -> None:
    assert get_exporters(make_plugin_manager(osallisuuden_palaset_xlsx, builtins=False)) == {"xlsx": EXPORTER}


@pytest.mark.parametrize(("lang", "names"), [
    ("fi", ["Kuvaus", "Matriisi", "Apukysymykset", "Arviointiliite"]),
    ("en", ["Description", "Matrix", "Questions", "Evaluation appendix"]),
    ("sv", ["Beskrivning", "Matris", "Hjälpfrågor", "Utvärderingsbilaga"]),
])  # fmt: skip
def test_four_sheets_in_the_requested_language(lang: str, names: list[str]) -> None:
    book = workbook(export(EXPORTER, practice(), lang=lang))  # type: ignore[arg-type]
    assert book.sheetnames == names


def test_the_matrix_has_a_row_per_block_and_strength_words() -> None:
    book = workbook(export(EXPORTER, practice(), lang="en"))
    rows = list(book["Matrix"].iter_rows(values_only=True))
    header = list(rows[0])
    first = dict(zip(header, rows[1], strict=True))
    assert first["Block (id)"] == "kutsu"
    # Without the framework the columns are the targets the blocks claim, sorted.
    assert header[7:] == ["thl:d1", "thl:p4", "thl:p7"]
    assert first["thl:p4"] == "strong"
    assert first["thl:d1"] == "weak"
    assert len(rows) == 1 + 1 + len(HOSTILE)


def test_cells_are_text_never_formulas() -> None:
    data = export(EXPORTER, practice())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name)
    names = [row[3] for row in workbook(data)["Matriisi"].iter_rows(min_row=3, values_only=True)]
    assert names[:5] == HOSTILE[:5]
    assert names[5] == "abc"  # control characters Excel rejects are dropped


def test_two_exports_are_byte_identical() -> None:
    first = export(EXPORTER, practice())
    time.sleep(2.1)  # zip times have a two-second resolution: a clock-stamped file would differ
    assert export(EXPORTER, practice()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in archive.read("docProps/core.xml")


def test_source_date_epoch_sets_the_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with zipfile.ZipFile(io.BytesIO(export(EXPORTER, practice()))) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2023, 11, 14)}


def test_questions_with_provenance_and_answers() -> None:
    from osallisuuden_palaset import Answer, Framework, FrameworkKind, Source
    from osallisuuden_palaset.model.framework import Dimension, Provenance, ProvenanceKind, Question
    from osallisuuden_palaset.model.references import Context

    framework = Framework(
        id="thl",
        name="THL",
        kind=FrameworkKind.CATEGORICAL,
        source=Source("THL"),
        dimensions=[Dimension("d1", "Yksi")],
        questions=[Question("k1", "Miten?", Provenance(ProvenanceKind.PARAPHRASE, "THL", 3), dimension="d1")],
    )
    model = Practice(id="p", name="P", answers=[Answer("k1", text="Näin.")])
    request = ExportRequest(model, lang="en", context=Context.build([framework]))
    rows = list(workbook(EXPORTER.render(request))["Questions"].iter_rows(values_only=True))
    assert rows[1] == ("p", "Miten?", "k1", "d1", None, "paraphrase, THL, question 3", "(answered) Näin.")


def test_the_command_line_writes_the_workbook(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "practice: {id: p, name: P, steps: [{id: a, name: A}]}\n", encoding="utf-8"
    )
    out = tmp_path / "p.xlsx"
    result = run_cli(
        ["export", str(tmp_path / "p.yaml"), "-f", "xlsx", "-o", str(out)], load_entrypoints=True
    )
    assert result.exit_code == 0, result.stderr
    assert workbook(out.read_bytes()).sheetnames == ["Kuvaus", "Matriisi", "Apukysymykset", "Arviointiliite"]


APPENDIX_PRACTICE = """\
practice:
  id: kahvila
  name: {fi: Olohuonekahvila, en: Living-room café}
  steps:
    - id: kutsu
      name: {fi: Kutsu, en: Invitation}
      participants:
        - {who: yksin asuvat, role: target} # voice
      mappings:
        - {target: p4, strength: strong, evidence: {fi: Kotiin asti., en: Taken home.}}
    - id: kahvit
      name: {fi: Kahvit, en: Coffee}
      participants: [{who: kävijät, role: participant}]
      mappings:
        - {target: p7, strength: moderate}
        - {target: p9, strength: strong, evidence: {fi: Kiitos., en: Thanks.}}
"""


def test_the_appendix_sheet_has_verdicts_claims_lights_questions_and_located_findings(tmp_path: Path) -> None:
    """Through the command line, which runs the registered checks: findings carry FILE:LINE."""
    source = tmp_path / "kahvila.yaml"
    source.write_text(APPENDIX_PRACTICE, encoding="utf-8")
    out = tmp_path / "kahvila.xlsx"
    result = run_cli(
        ["--lang", "en", "export", str(source), "-f", "xlsx", "-o", str(out)], load_entrypoints=True
    )
    assert result.exit_code == 0, result.stderr
    sheet = workbook(out.read_bytes())["Evaluation appendix"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:7] == ("Practice (id)", "Framework (id)", "Section", "Id", "Name", "Verdict", "Reason")
    by_section: dict[str, list[dict[str, object]]] = {}
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        by_section.setdefault(str(record["Section"]), []).append(record)
    dims = {r["Id"]: r for r in by_section["Dimension"]}
    principles = {r["Id"]: r for r in by_section["Principle"]}
    assert list(dims) == ["d1", "d2", "d3"]
    assert list(principles) == [f"p{i}" for i in range(1, 10)]
    assert principles["p4"]["Verdict"] == "covered"
    assert principles["p7"]["Verdict"] == "no evidence"
    assert principles["p5"]["Verdict"] == "not claimed"
    claims = {(r["Id"], r["Building block"]): r for r in by_section["Claim"]}
    assert claims[("p4", "Invitation")]["Strength"] == "strong"
    assert claims[("p4", "Invitation")]["Evidence"] == "Taken home."
    assert claims[("p7", "Coffee")]["Evidence"] == "no evidence given"
    lights = {r["Id"]: r["Verdict"] for r in by_section["Criterion"]}
    assert len(lights) == 10
    assert lights["kohderyhma"] == "red"  # no target group written
    assert set(lights.values()) <= {"red", "yellow", "green", "rate by hand"}
    verdict_column = header.index("Verdict") + 1
    for index, row in enumerate(rows[1:], start=2):
        if row[2] == "Criterion" and row[5] == "red":
            assert sheet.cell(index, verdict_column).fill.fgColor.rgb.endswith("C8331F")
    assert any(r["Id"] == "thl-1" and r["Verdict"] == "no answer" for r in by_section["Guiding question"])
    findings = by_section["Finding"]
    voice = next(r for r in findings if r["Id"] == "participant-voice")
    line = next(
        n for n, text in enumerate(APPENDIX_PRACTICE.splitlines(), start=1) if text.endswith("# voice")
    )
    assert voice["Location"] == f"{source}:{line}"
    assert voice["Verdict"] == "warning"
    assert str(voice["Reason"]).startswith("Suggestion: ")


def test_without_checks_the_sheet_says_they_were_not_run() -> None:
    book = workbook(export(EXPORTER, practice(), lang="en"))
    rows = list(book["Evaluation appendix"].iter_rows(values_only=True))
    assert rows[-1][2:5] == (
        "Finding",
        None,
        "No checks were run for this report (palaset export and palaset build run them).",
    )


def test_the_description_sheet_shows_the_version_2_fields() -> None:
    import attrs

    from osallisuuden_palaset.model.practice import Description, Resource, Variant
    from osallisuuden_palaset.model.target_group import AgeRange, TargetGroup

    rich = attrs.evolve(
        practice(),
        organisation="Kaupungin nuorisopalvelut",
        innokyla="https://innokyla.fi/fi/toimintamalli/kahvila",
        variants=[Variant("koulussa", "ryhmä kokoontuu välitunnilla")],
        resources=[Resource("kahvinkeitin", "lainataan seurakunnalta")],
        description=Description(
            target_group=TargetGroup(ages=AgeRange(16, 29), criteria=["koulun ulkopuolella"])
        ),
    )
    data = export(EXPORTER, rich, lang="fi")
    rows = [tuple(c.value for c in row) for row in workbook(data).worksheets[0].iter_rows()]
    values = {value for row in rows for value in row if isinstance(value, str)}
    assert "Kaupungin nuorisopalvelut" in values
    assert "https://innokyla.fi/fi/toimintamalli/kahvila" in values
    assert "koulussa: ryhmä kokoontuu välitunnilla" in values
    assert "kahvinkeitin: lainataan seurakunnalta" in values
    assert any("16" in v and "29" in v and "koulun ulkopuolella" in v for v in values)
