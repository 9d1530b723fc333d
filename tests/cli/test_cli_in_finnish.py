"""The command line's own lines in Finnish (and Swedish), counts agreeing in number for one and many."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from osallisuuden_palaset.messages.catalogue import say_n
from osallisuuden_palaset.model.text import LANGS, Lang
from osallisuuden_palaset.testing import run_cli

EXAMPLES = Path(__file__).parent.parent.parent / "examples"

ONE_FRAMEWORK = """\
framework:
  id: yksi
  kind: categorical
  name: {fi: Yhden kysymyksen kehys, en: A framework of one question}
  source: {title: Oma, publisher: Oma}
  dimensions:
    - {id: d1, name: Ainoa osa-alue}
  principles:
    - {id: p1, dimension: d1, name: Ainoa periaate}
  questions:
    - {id: k1, dimension: d1, text: Ainoa kysymys?, provenance: {kind: written}}
"""


def _practices(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(1, n + 1):
        (folder / f"malli{i}.yaml").write_text(f"practice:\n  id: m{i}\n  name: M{i}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("n", "fi", "en", "sv"),
    [
        (
            1,
            "1 tiedosto kunnossa: 1 toimintamalli, 0 hanketta, 0 palasluetteloa",
            "1 file valid: 1 practice, 0 projects, 0 catalogues",
            "1 fil giltig: 1 verksamhetsmodell, 0 projekt, 0 kataloger",
        ),
        (
            2,
            "2 tiedostoa kunnossa: 2 toimintamallia, 0 hanketta, 0 palasluetteloa",
            "2 files valid: 2 practices, 0 projects, 0 catalogues",
            "2 filer giltiga: 2 verksamhetsmodeller, 0 projekt, 0 kataloger",
        ),
    ],
)
def test_validate_counts_agree(tmp_path: Path, n: int, fi: str, en: str, sv: str) -> None:
    folder = _practices(tmp_path / "mallit", n)
    for lang, expected in (("fi", fi), ("en", en), ("sv", sv)):
        result = run_cli(["--lang", lang, "validate", str(folder)])
        assert result.exit_code == 0, result.output
        assert result.stdout == expected + "\n"


def test_validate_of_the_examples_in_finnish_and_swedish() -> None:
    fi = run_cli(["--lang", "fi", "validate", str(EXAMPLES)]).stdout
    assert re.fullmatch(r"\d+ tiedostoa kunnossa: \d+ toimintamallia, \d+ hanketta, 1 palasluettelo\n", fi)
    sv = run_cli(["--lang", "sv", "validate", str(EXAMPLES)]).stdout
    assert sv.endswith(", 1 katalog\n")  # not "1 kataloger"


@pytest.mark.parametrize("n", [1, 2])
def test_build_says_in_finnish_how_many_files_it_made(tmp_path: Path, n: int) -> None:
    folder = _practices(tmp_path / "mallit", n)
    out = tmp_path / "out"
    result = run_cli(["--lang", "fi", "build", str(folder), "-o", str(out), "--no-diagrams"])
    assert result.exit_code == 0, result.stderr
    last = result.stderr.splitlines()[-1]
    assert re.fullmatch(rf"palaset: kansioon {re.escape(str(out))} kirjoitettiin \d+ tiedostoa", last), last
    assert "palaset: wrote" not in result.stderr


@pytest.mark.parametrize(("n", "expected"), [(1, "palaset: kansioon out kirjoitettiin 1 tiedosto")])
def test_the_build_line_in_the_singular(n: int, expected: str) -> None:
    line = say_n(
        "fi",
        "palaset: wrote {n} file into {folder}",
        "palaset: wrote {n} files into {folder}",
        n,
        folder="out",
    )
    assert line == expected


def test_frameworks_counts_agree_for_one_and_many(tmp_path: Path) -> None:
    own = tmp_path / "yksi.yaml"
    own.write_text(ONE_FRAMEWORK, encoding="utf-8")
    result = run_cli(["--lang", "fi", "--framework-file", str(own), "frameworks"])
    assert result.exit_code == 0, result.output
    lines = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert lines["yksi"].endswith("(luokitteleva; 1 osa-alue, 1 periaate, 1 apukysymys)")
    assert lines["thl"].endswith("3 osa-aluetta, 9 periaatetta, 21 apukysymystä)")
    sv = run_cli(["--lang", "sv", "--framework-file", str(own), "frameworks"]).stdout
    assert "1 delområde, 1 princip, 1 stödfråga)" in sv
    en = run_cli(["--lang", "en", "--framework-file", str(own), "frameworks"]).stdout
    assert "1 dimension, 1 principle, 1 guiding question)" in en


def test_plugins_in_finnish() -> None:
    result = run_cli(["--lang", "fi", "plugins"])
    assert result.exit_code == 0, result.output
    assert "frameworks 0" in result.stdout
    assert "(sisäänrakennettu: osallisuuden_palaset.default_plugins.frameworks)" in result.stdout
    assert "  viitekehykset: " in result.stdout
    assert "  tarkistukset: " in result.stdout
    assert "built-in" not in result.stdout


def test_export_of_an_unknown_practice_in_finnish(tmp_path: Path) -> None:
    folder = _practices(tmp_path / "mallit", 2)
    result = run_cli(["--lang", "fi", "export", str(folder), "-f", "json", "--practice", "x"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"palaset: kohteessa {folder} ei ole toimintamallia 'x' (")


def test_diff_names_what_changed_in_finnish(tmp_path: Path) -> None:
    old = tmp_path / "vanha.yaml"
    shutil.copy(EXAMPLES / "elava-portfolio.yaml", old)
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "uusi.yaml"
    changed = text.replace("      Prosessi oman osaamisen", "      Muutettu prosessi oman osaamisen", 1)
    changed = changed.replace("          role: participant", "          role: peer", 1)
    assert changed != text
    new.write_text(changed, encoding="utf-8")
    fi = run_cli(["--lang", "fi", "diff", str(old), str(new)])
    assert fi.exit_code == 0, fi.output
    assert "  ~ kenttä lyhyt kuvaus" in fi.stdout.splitlines()
    assert "  ~ palanen hyvinvoinnin-kartoitus (osallistujat)" in fi.stdout.splitlines()
    sv = run_cli(["--lang", "sv", "diff", str(old), str(new)]).stdout.splitlines()
    assert "  ~ byggsten hyvinvoinnin-kartoitus (deltagare)" in sv
    en = run_cli(["--lang", "en", "diff", str(old), str(new)]).stdout.splitlines()
    assert "  ~ step hyvinvoinnin-kartoitus (participants)" in en


def test_diff_of_projects_names_the_practices_gone_and_come(tmp_path: Path) -> None:
    def project(*ids: str) -> str:
        practices = "".join(f"    - {{id: {i}, name: {i.upper()}}}\n" for i in ids)
        return f"project:\n  id: h\n  name: H\n  practices:\n{practices}"

    old, new = tmp_path / "vanha.yaml", tmp_path / "uusi.yaml"
    old.write_text(project("a", "b"), encoding="utf-8")
    new.write_text(project("a", "c"), encoding="utf-8")
    result = run_cli(["--lang", "fi", "diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == ["- toimintamalli b", "+ toimintamalli c"]


@pytest.mark.parametrize("lang", LANGS)
def test_answers_import_counts_agree(tmp_path: Path, lang: Lang) -> None:
    model = tmp_path / "portfolio.yaml"
    shutil.copy(EXAMPLES / "elava-portfolio.yaml", model)
    sheet = tmp_path / "answers.csv"
    assert run_cli(["worksheet", str(model), "--format", "csv", "-o", str(sheet)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    target = next(r for r in rows if r["status"] != "answered" and not r["answer_fi"])
    target.update(answer_fi="Osallistuja valitsee itse.", answer_en="They choose.", status="answered")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")
    result = run_cli(["--lang", lang, "answers", "import", str(model), str(sheet)])
    assert result.exit_code == 0, result.stderr
    first, *unanswered = result.stdout.splitlines()
    added = {
        "fi": "1 vastaus lisätty, 0 päivitetty, ",
        "en": "1 answer added, 0 updated, ",
        "sv": "1 svar tillagt, 0 uppdaterade, ",
    }
    assert first.startswith(added[lang]), first
    said = {
        "fi": ": vastaamatta (vastaus puuttuu)",
        "en": ": unanswered (no answer)",
        "sv": ": obesvarad (svar saknas)",
    }
    assert unanswered
    assert all(line.endswith(said[lang]) for line in unanswered), unanswered


def test_formats_say_what_each_accepts_in_finnish() -> None:
    result = run_cli(["--lang", "fi", "formats"])
    assert result.exit_code == 0, result.output
    csv_line = next(line for line in result.stdout.splitlines() if line.startswith("csv "))
    assert csv_line.endswith(" toimintamalli, hanke, kokonaisuus")
    assert "(oletus ','):" in result.stdout
