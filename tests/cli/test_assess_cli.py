"""Tests of ``palaset assess``, ``diff``, ``worksheet`` and ``answers import``."""

from __future__ import annotations

import csv
import importlib
import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from osallisuuden_palaset.testing import run_cli

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
FIXTURES = Path(__file__).parent.parent / "fixtures"
THL_DIMENSIONS = ["d1", "d2", "d3"]
THL_PRINCIPLES = [f"p{i}" for i in range(1, 10)]
PRACTICE_FILES = sorted(
    p.name
    for p in EXAMPLES.glob("*.yaml")
    if p.read_text(encoding="utf-8").lstrip("# \n").find("practice:") >= 0
)


def _json(args: list[str], **kwargs: object) -> dict[str, object]:
    result = run_cli(["assess", "--format", "json", "--fail-on", "never", *args], **kwargs)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output + result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_every_example_reports_all_thl_dimensions_and_principles_with_claims() -> None:
    data = _json([str(EXAMPLES)])
    practices = data["practices"]
    assert isinstance(practices, list)
    assert len(practices) >= 4
    for p in practices:
        cov = p["coverage"]
        assert [r["id"] for r in cov["dimensions"]] == THL_DIMENSIONS, p["id"]
        assert [r["id"] for r in cov["principles"]] == THL_PRINCIPLES, p["id"]
        claims = [c for r in cov["principles"] + cov["dimensions"] for c in r["claims"]]
        assert claims, f"{p['id']} claims nothing"
        for c in claims:
            assert c["block"]
            assert c["location"] is not None
            assert c["location"].rsplit(":", 1)[1].isdigit()
        assert any(c["evidence"] for c in claims)
    totals = data["totals"]
    assert isinstance(totals, list)
    assert [r["id"] for r in totals[0]["principles"]] == THL_PRINCIPLES


@pytest.mark.parametrize("name", ["elava-portfolio.yaml", "paivakeskus-pandemia.yaml"])
def test_each_practice_file_alone(name: str) -> None:
    data = _json([str(EXAMPLES / name), str(EXAMPLES / "lumoava-tyokalut.yaml")])
    practices: Any = data["practices"]
    (practice,) = practices
    assert [r["id"] for r in practice["coverage"]["principles"]] == THL_PRINCIPLES
    for finding in practice["findings"]:
        assert finding["location"] is None or finding["location"].startswith(str(EXAMPLES / name))


def test_fail_on_sets_the_exit_code() -> None:
    trips = str(FIXTURES / "checks" / "target-group" / "trips.yaml")
    assert run_cli(["assess", trips, "--check", "target-group"]).exit_code == 0
    result = run_cli(["assess", trips, "--check", "target-group", "--fail-on", "warning"])
    assert result.exit_code == 1
    assert "trips.yaml:7" in result.stdout
    assert "[target-group]" in result.stdout


def test_text_and_markdown_profiles() -> None:
    path = str(EXAMPLES / "elava-portfolio.yaml")
    text = run_cli(["--lang", "en", "assess", path, "--fail-on", "never"])
    assert text.exit_code == 0, text.stderr
    assert "d1" in text.stdout
    assert "p9" in text.stdout
    assert any(mark in text.stdout for mark in "●◐◌○")
    md = run_cli(["--lang", "en", "assess", path, "--format", "markdown", "--fail-on", "never"])
    assert md.stdout.startswith("## ")
    assert "| Element | Verdict | Claims |" in md.stdout


def test_unknown_check_or_framework_is_a_clear_error() -> None:
    path = str(EXAMPLES / "elava-portfolio.yaml")
    result = run_cli(["assess", path, "--check", "participant-voise"])
    assert result.exit_code == 1
    assert "participant-voice" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    result = run_cli(["assess", path, "--framework", "tlh"])
    assert result.exit_code == 1
    assert "thl" in result.stderr


def test_an_outside_check_plugin_works_like_a_builtin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FIXTURES / "check_plugin"))
    plugin = importlib.import_module("palaset_check_sessions")

    trips = str(FIXTURES / "checks" / "target-group" / "trips.yaml")
    result = run_cli(["assess", trips, "--format", "json"], plugins=[plugin])
    assert result.exit_code == 1  # the plugin's finding is an error
    findings = json.loads(result.stdout)["practices"][0]["findings"]
    mine = [f for f in findings if f["check"] == "named-duration"]
    assert mine
    assert mine[0]["location"].endswith("trips.yaml:9")
    assert mine[0]["severity"] == "error"
    sys.modules.pop("palaset_check_sessions", None)


def test_diff_of_two_versions(tmp_path: Path) -> None:
    old = EXAMPLES / "elava-portfolio.yaml"
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("strength: strong", "strength: weak", 1), encoding="utf-8")
    result = run_cli(["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)["practices"][0]["changes"]
    assert [(c["area"], c["kind"], c["fields"]) for c in changes] == [("claim", "changed", ["strength"])]
    same = run_cli(["diff", str(old), str(old)])
    assert same.stdout.splitlines()[1].strip() == "="


def test_worksheet_round_trip_write_fill_import_assess(tmp_path: Path) -> None:
    model = tmp_path / "portfolio.yaml"
    shutil.copy(EXAMPLES / "elava-portfolio.yaml", model)
    before = model.read_text(encoding="utf-8")
    sheet = tmp_path / "answers.csv"
    written = run_cli(["worksheet", str(model), "--format", "csv", "-o", str(sheet)])
    assert written.exit_code == 0, written.stderr
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert rows
    open_rows = [r for r in rows if r["status"] != "answered"]
    assert open_rows, "the example should leave some question open for this test"
    target = open_rows[0]
    target["answer_fi"] = "Osallistuja valitsee itse, mitä kokoaa."
    target["answer_en"] = "The participant chooses what to compile."
    target["status"] = "answered"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")

    imported = run_cli(["--lang", "en", "answers", "import", str(model), str(sheet)])
    assert imported.exit_code == 0, imported.stderr
    assert "1 answer added" in imported.stdout or "1 updated" in imported.stdout
    after = model.read_text(encoding="utf-8")
    assert after.startswith(before.split("\n  answers:")[0])  # everything up to the answers is untouched
    assert before.splitlines()[0] in after

    data = _json([str(model), str(EXAMPLES / "lumoava-tyokalut.yaml")])
    questions = {q["id"]: q for q in data["practices"][0]["questions"]}  # type: ignore[index]
    answered = questions[target["question"]]
    assert answered["status"] == "answered"
    assert answered["answer"]["en"] == "The participant chooses what to compile."
    assert target["question"] not in data["practices"][0]["unanswered"]  # type: ignore[index]


def test_markdown_worksheet_and_bad_import(tmp_path: Path) -> None:
    model = tmp_path / "portfolio.yaml"
    shutil.copy(EXAMPLES / "elava-portfolio.yaml", model)
    md = run_cli(["--lang", "en", "worksheet", str(model)])
    assert md.exit_code == 0
    assert md.stdout.startswith("# Living portfolio")
    bad = tmp_path / "bad.csv"
    bad.write_text("practice,question,answer_fi\nelava-portfolio,nope,x\n", encoding="utf-8")
    before = model.read_text(encoding="utf-8")
    result = run_cli(["answers", "import", str(model), str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:2:1")  # a LoadError, not the catch-all's "palaset: ..."
    assert model.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", "muuttui tuonnin aikana"),
        ("en", "changed while the answers were being imported"),
        ("sv", "ändrades medan svaren importerades"),
    ],
)
def test_answers_import_refuses_a_model_file_changed_meanwhile_in_each_language(
    lang: str, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osallisuuden_palaset.assessing import answer_import

    model = tmp_path / "portfolio.yaml"
    shutil.copy(EXAMPLES / "elava-portfolio.yaml", model)
    model.chmod(0o600)
    sheet = tmp_path / "answers.csv"
    assert run_cli(["worksheet", str(model), "--format", "csv", "-o", str(sheet)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    rows[0]["answer_fi"] = "Uusi vastaus."
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")
    edited = model.read_text(encoding="utf-8") + "# edited in another window meanwhile\n"
    real_apply = answer_import.apply_answers

    def apply_while_someone_edits(*args: Any, **kwargs: Any) -> Any:
        model.write_text(edited, encoding="utf-8")
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(answer_import, "apply_answers", apply_while_someone_edits)
    result = run_cli(["--lang", lang, "answers", "import", str(model), str(sheet)])
    assert result.exit_code == 1
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert model.read_text(encoding="utf-8") == edited
    assert model.stat().st_mode & 0o777 == 0o600


def test_assess_single_file_reports_broken_included_sibling_not_an_unknown_practice(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("practice:\n  id: r\n  name: R\n  steps: 5\n", encoding="utf-8")
    q = tmp_path / "q.yaml"
    q.write_text("practice:\n  id: q\n  name: Q\n  steps:\n    - {id: b, include: r}\n", encoding="utf-8")
    result = run_cli(["--lang", "fi", "assess", str(q)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'r.yaml'}:4:10: ")
    assert "is not known" not in result.output


def test_collection_coverage_counts_a_block_reused_by_two_practices_once(tmp_path: Path) -> None:
    (tmp_path / "luettelo.yaml").write_text(
        "catalogue:\n  id: luettelo\n  name: L\n  blocks:\n    - id: kortit\n      name: K\n"
        "      mappings: [{target: p4, strength: moderate, evidence: näkyy}]\n",
        encoding="utf-8",
    )
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            f"practice:\n  id: {name}\n  name: {name}\n  steps:\n    - {{id: s, reuse: luettelo/kortit}}\n",
            encoding="utf-8",
        )
    totals: Any = _json([str(tmp_path)])["totals"]
    (total,) = totals
    p4 = next(r for r in total["principles"] if r["id"] == "p4")
    assert p4["verdict"] == "touched"
    assert len(p4["claims"]) == 1


def test_assess_with_a_check_returning_non_findings_names_the_check_and_its_plugin() -> None:
    """A check returning non-findings once crashed assess with a traceback naming no check."""
    plugin = FIXTURES / "plugins" / "kokeilu_garbage_check.py"
    args = ["--plugin", str(plugin), "assess", "--format", "json", "--fail-on", "never"]
    result = run_cli([*args, str(EXAMPLES / "nuoret-etsiva.yaml")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    (practice,) = json.loads(result.stdout)["practices"]
    mine = [f for f in practice["findings"] if f["check"] == "roska"]
    assert [f["severity"] for f in mine] == ["error", "warning"]  # the failure first, then the good one
    assert mine[0]["message"]["en"] == (
        "check 'roska' (plugin 'kokeilu_garbage_check') failed: 2 of its 3 results are not findings "
        "(Finding), e.g. the text 'ei löydös'"
    )
    assert mine[0]["message"]["fi"].startswith(
        "tarkistus 'roska' (laajennus 'kokeilu_garbage_check') kaatui: "
    )
    assert mine[1]["message"] == {"fi": "tämä on oikea löydös"}
    assert any(f["check"] != "roska" for f in practice["findings"])  # the other checks still ran
