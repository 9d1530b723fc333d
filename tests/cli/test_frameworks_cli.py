"""``palaset frameworks``: the list, ``show`` in text and JSON, unknown ids, users' own framework files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osallisuuden_palaset.cli.frameworks import describe_provenance
from osallisuuden_palaset.default_plugins.frameworks import builtin_framework
from osallisuuden_palaset.files.converting import structure
from osallisuuden_palaset.model.framework import Framework, Provenance, ProvenanceKind
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.plugins.manager import ENV_DISABLE, ENV_ONLY, ENV_STRICT
from osallisuuden_palaset.testing import assert_snapshot, run_cli

SNAPSHOTS = Path(__file__).parents[1] / "snapshots" / "frameworks"
THL_SOURCE = "THL: Edistääkö toiminta osallisuutta? 24 apukysymystä"

OWN_FRAMEWORK = """\
framework:
  id: thl-virallinen
  kind: categorical
  name: {fi: THL:n viitekehys (oma kopio), en: THL framework (own copy)}
  source: {title: "Edistääkö toiminta osallisuutta? 24 apukysymystä", publisher: THL}
  dimensions:
    - {id: d1, name: Osallisuus omassa elämässä}
  questions:
    - id: k1
      dimension: d1
      text: Kysymys sellaisena kuin se on omassa lähteessämme.
      provenance: {kind: official, source: "THL: Edistääkö toiminta osallisuutta? 24 apukysymystä", number: 1}
"""


@pytest.fixture(autouse=True)
def _no_plugin_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (ENV_ONLY, ENV_DISABLE, ENV_STRICT):
        monkeypatch.delenv(var, raising=False)


def test_the_list_gives_id_name_kind_and_counts_in_the_chosen_language() -> None:
    result = run_cli(["--lang", "en", "frameworks"])
    assert result.exit_code == 0, result.output
    thl = builtin_framework("thl.yaml")
    expected = (
        f"thl\t{thl.name.get('en')} (categorical; 3 dimensions, 9 principles, "
        f"{len(thl.questions)} guiding questions)"
    )
    assert expected in result.stdout.splitlines()
    assert any(line.startswith("sokra-2017\t") for line in result.stdout.splitlines())


def test_the_list_as_json() -> None:
    result = run_cli(["--lang", "sv", "frameworks", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    thl = builtin_framework("thl.yaml")
    assert rows["thl"] == {
        "id": "thl",
        "name": thl.name.get("sv"),
        "kind": "categorical",
        "dimensions": 3,
        "principles": 9,
        "questions": len(thl.questions),
    }


def test_show_json_is_the_full_framework() -> None:
    result = run_cli(["frameworks", "show", "thl", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["dimensions"]] == ["d1", "d2", "d3"]
    assert len(data["principles"]) == 9
    assert all(p["dimension"] in ("d1", "d2", "d3") for p in data["principles"])
    assert data["questions"]
    assert all(q["provenance"]["kind"] in ("paraphrase", "written") for q in data["questions"])
    assert structure(data, Framework) == builtin_framework("thl.yaml")


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_show_text_marks_every_question_with_its_provenance(lang: Lang) -> None:
    result = run_cli(["--lang", lang, "frameworks", "show", "thl"])
    assert result.exit_code == 0, result.output
    thl = builtin_framework("thl.yaml")
    for question in thl.questions:
        assert f"[{describe_provenance(question.provenance, lang)}]" in result.stdout
    assert_snapshot(SNAPSHOTS / f"thl-{lang}.txt", result.stdout)


def test_show_text_in_finnish_and_english_uses_the_agreed_wording() -> None:
    fi = run_cli(["--lang", "fi", "frameworks", "show", "thl"]).stdout
    en = run_cli(["--lang", "en", "frameworks", "show", "thl"]).stdout
    assert "[mukaelma THL:n kysymyksestä 3]" in fi
    assert "[tätä ohjelmaa varten laadittu]" in fi  # not "kirjaston": a reader thinks of a building
    assert "[paraphrase of THL question 3]" in en
    assert "[written for this program]" in en


def test_an_unknown_framework_suggests_the_nearest_and_lists_the_known() -> None:
    result = run_cli(["--lang", "en", "frameworks", "show", "thll"])
    assert result.exit_code == 1
    assert "unknown framework 'thll' (did you mean 'thl'? known: " in result.stderr
    assert "sokra-2017" in result.stderr
    assert "Traceback" not in result.output


def test_a_users_framework_file_is_listed_and_shown(tmp_path: Path) -> None:
    own = tmp_path / "thl-virallinen.yaml"
    own.write_text(OWN_FRAMEWORK, encoding="utf-8")
    listing = run_cli(["--framework-file", str(own), "frameworks"])
    assert listing.exit_code == 0, listing.output
    assert any(line.startswith("thl-virallinen\t") for line in listing.stdout.splitlines())
    shown = run_cli(["--lang", "en", "--framework-file", str(own), "frameworks", "show", "thl-virallinen"])
    assert shown.exit_code == 0, shown.output
    assert "[official wording of THL question 1]" in shown.stdout
    assert "THL framework (own copy) (thl-virallinen)" in shown.stdout


def test_a_broken_framework_file_is_reported_with_its_location(tmp_path: Path) -> None:
    own = tmp_path / "rikki.yaml"
    own.write_text(OWN_FRAMEWORK.replace("kind: categorical", "kind: kategorinen"), encoding="utf-8")
    result = run_cli(["--framework-file", str(own), "frameworks"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{own}:3:")  # FILE:LINE:COL lines, as every command prints them
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("provenance", "lang", "expected"),
    [
        (Provenance(ProvenanceKind.PARAPHRASE, THL_SOURCE, 3), "fi", "mukaelma THL:n kysymyksestä 3"),
        (Provenance(ProvenanceKind.PARAPHRASE, THL_SOURCE, 3), "en", "paraphrase of THL question 3"),
        (Provenance(ProvenanceKind.PARAPHRASE, THL_SOURCE, 3), "sv", "parafras av THL:s fråga 3"),
        (Provenance(ProvenanceKind.PARAPHRASE, THL_SOURCE), "fi", "mukaelma THL:n kysymyksestä"),
        (Provenance(ProvenanceKind.PARAPHRASE, THL_SOURCE), "en", "paraphrase of a THL question"),
        (Provenance(ProvenanceKind.WRITTEN), "fi", "tätä ohjelmaa varten laadittu"),
        (Provenance(ProvenanceKind.WRITTEN), "en", "written for this program"),
        (Provenance(ProvenanceKind.OFFICIAL, THL_SOURCE, 7), "fi", "THL:n virallinen kysymys 7"),
        (
            Provenance(ProvenanceKind.OFFICIAL, "Lundy 2007", 2),
            "en",
            "official wording of question 2 by Lundy 2007",
        ),
        (
            Provenance(ProvenanceKind.OFFICIAL, "Lundy 2007", 2),
            "fi",
            "virallinen kysymys 2 (lähde: Lundy 2007)",
        ),
        (
            Provenance(ProvenanceKind.PARAPHRASE, "Arnstein: A ladder"),
            "fi",
            "mukaelma kysymyksestä (lähde: Arnstein)",  # names the source, which takes no ending
        ),
        (
            Provenance(ProvenanceKind.PARAPHRASE, "Arnstein: A ladder"),
            "sv",
            "parafras av en fråga (källa: Arnstein)",
        ),
    ],
)
def test_describe_provenance(provenance: Provenance, lang: Lang, expected: str) -> None:
    assert describe_provenance(provenance, lang) == expected
