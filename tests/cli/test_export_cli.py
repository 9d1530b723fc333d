"""``palaset export`` and ``palaset formats`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osallisuuden_palaset.markup import unescape_markdown
from osallisuuden_palaset.testing import RecordingExporter, run_cli

PRACTICE = """\
practice:
  id: kahvila
  name: {fi: Olohuonekahvila, en: Living-room café}
  steps:
    - id: kutsu
      name: "<b>Kutsu</b> & tervetuloa"
      mappings: [{target: p4, strength: strong}]
    - id: kahvit
      name: "=1+1"
      mappings: [{target: d3}]
  flows:
    - {source: kutsu, target: kahvit}
"""
PROJECT = """\
project:
  id: hanke
  name: Hanke
  practices:
    - id: toinen
      name: Toinen
      steps: [{id: a, name: A}]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "kahvila.yaml").write_text(PRACTICE, encoding="utf-8")
    (tmp_path / "hanke.yaml").write_text(PROJECT, encoding="utf-8")
    return tmp_path


def test_a_practice_file_exports_to_stdout(folder: Path) -> None:
    result = run_cli(["--lang", "en", "export", str(folder / "kahvila.yaml"), "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Living-room café\n")
    assert "\\<b\\>Kutsu\\</b\\> \\& tervetuloa" in result.stdout


def test_a_folder_exports_the_collection_and_practice_picks_one(folder: Path) -> None:
    whole = run_cli(["export", str(folder), "-f", "json"])
    assert whole.exit_code == 0, whole.stderr
    assert list(json.loads(whole.stdout)) == ["version", "collection"]
    one = run_cli(["export", str(folder), "-f", "json", "--practice", "toinen"])
    assert json.loads(one.stdout)["practice"]["id"] == "toinen"


def test_output_file_and_options(folder: Path) -> None:
    target = folder / "out.csv"
    result = run_cli(
        ["export", str(folder / "kahvila.yaml"), "-f", "csv", "-o", str(target), "-O", "delimiter=;"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Toimintamalli (id);Palanen (id);")
    assert ";'=1+1;" in lines[2]


def test_unknown_format_lists_the_known_ones(folder: Path) -> None:
    result = run_cli(["--lang", "en", "export", str(folder), "-f", "markdwon"])
    assert result.exit_code == 1
    assert "unknown format 'markdwon' (did you mean 'markdown'?)" in result.stderr
    assert "csv, html, json, markdown, mermaid, yaml" in result.stderr
    assert "Traceback" not in result.output


def test_bad_options_are_named(folder: Path) -> None:
    result = run_cli(["--lang", "en", "export", str(folder), "-f", "csv", "-O", "delimiter=|"])
    assert result.exit_code == 1
    assert "option 'delimiter' of format 'csv' is one of ',', ';', 'tab', not '|'" in result.stderr
    assert run_cli(["export", str(folder), "-f", "csv", "-O", "novalue"]).exit_code == 1


def test_a_format_that_cannot_take_the_kind_says_so(folder: Path) -> None:
    only_practices = RecordingExporter(name="vain", accepts={"practice"})
    result = run_cli(["--lang", "en", "export", str(folder), "-f", "vain"], plugins=[only_practices])
    assert result.exit_code == 1
    assert "format 'vain' cannot export a collection; it exports: practice" in result.stderr
    ok = run_cli(["export", str(folder), "-f", "vain", "--practice", "kahvila"], plugins=[only_practices])
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["kind"] == "practice"


def test_unknown_practice_names_the_nearest(folder: Path) -> None:
    result = run_cli(["export", str(folder), "-f", "json", "--practice", "kahvla"])
    assert result.exit_code == 1
    assert "ei ole toimintamallia 'kahvla'" in result.stderr  # in Finnish, the default
    assert "kahvila" in result.stderr


def test_a_failed_export_keeps_the_previous_file(folder: Path) -> None:
    target = folder / "out.csv"
    target.write_text("previous", encoding="utf-8")
    result = run_cli(["export", str(folder), "-f", "csv", "-o", str(target), "-O", "bom=maybe"])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "previous"


def test_formats_lists_every_format_with_what_it_accepts() -> None:
    result = run_cli(["--lang", "en", "formats", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    listing = {f["name"]: f for f in json.loads(result.stdout)}
    assert {"json", "yaml", "markdown", "html", "csv", "mermaid"} <= set(listing)
    assert listing["csv"]["suffix"] == ".csv"
    assert listing["csv"]["accepts"] == ["practice", "project", "collection"]
    assert [o["name"] for o in listing["csv"]["options"]] == ["delimiter", "bom"]
    text = run_cli(["--lang", "en", "formats"])
    assert text.exit_code == 0
    assert "-O delimiter=… [,|;|tab] (default ',')" in text.stdout


def write_answers(folder: Path, *, waves_in_one_file: bool = False) -> list[Path]:
    """Invented ESIS answers of 13 people: groups "iso" (6), "keski" (5) and "pieni" (2).

    "pieni" is under 5, and the total would give it away beside "keski": both are suppressed,
    "pieni" as small ("<5") and "keski" to protect it ("protected").
    """
    header = "vastaaja," + ",".join(f"esis{i}" for i in range(1, 11)) + ",ryhma"
    people = [(f"R{n}", "iso" if n <= 6 else "keski" if n <= 11 else "pieni") for n in range(1, 14)]

    def row(who: str, group: str, base: int, wave: str | None) -> str:
        values = ",".join(str(min(5, base + (i % 2))) for i in range(10))
        return f"{who},{values},{group}" + (f",{wave}" if wave else "")

    start = [row(who, group, 2 + n % 2, None) for n, (who, group) in enumerate(people)]
    follow = [row(who, group, 3 + n % 2, None) for n, (who, group) in enumerate(people)]
    if waves_in_one_file:
        both = folder / "kysely.csv"
        lines = [f"{line},alku" for line in start] + [f"{line},seuranta" for line in follow]
        both.write_text("\n".join([header + ",aalto", *lines]) + "\n", encoding="utf-8")
        return [both]
    paths = [folder / "alku.csv", folder / "seuranta.csv"]
    for path, lines in zip(paths, (start, follow), strict=True):
        path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return paths


def _survey_args(paths: list[Path]) -> list[str]:
    return [arg for path in paths for arg in ("--survey", str(path))]


def test_export_runs_the_checks_and_puts_located_findings_in_the_appendix(folder: Path) -> None:
    source = folder / "kahvila.yaml"
    result = run_cli(["--lang", "en", "export", str(source), "-f", "markdown"])
    assert result.exit_code == 0, result.stderr
    text = unescape_markdown(result.stdout)
    findings = text[text.index("### Findings of the checks") :]
    # The step "kutsu" names no participants: the participant-voice check points at the step.
    line = PRACTICE.splitlines().index("    - id: kutsu") + 1
    assert f"[participant-voice] {source}:{line}: step 'kutsu' names no participants" in findings
    unchecked = run_cli(["--lang", "en", "export", str(source), "-f", "markdown", "--no-checks"])
    assert "No checks were run for this report" in unchecked.stdout
    assert "participant-voice" not in unchecked.stdout


@pytest.mark.parametrize("one_file", [False, True])
def test_export_shows_the_survey_with_small_groups_suppressed(folder: Path, one_file: bool) -> None:
    answers = write_answers(folder, waves_in_one_file=one_file)
    args = ["--lang", "en", "export", str(folder / "kahvila.yaml"), "-f", "markdown", "--survey-by", "ryhma"]
    result = run_cli([*args, *_survey_args(answers)])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "## Experience of inclusion" in text
    assert text.index("## Experience of inclusion") < text.index("## Evaluation appendix")
    assert "| All | Start | 13 |" in text
    assert "| ryhma=iso | Start | 6 |" in text
    for hidden, shown in (("keski", "protected"), ("pieni", "\\<5")):
        for wave in ("Start", "Follow-up"):
            assert f"| ryhma={hidden} | {wave} | {shown} | – | – | – | – |" in text
        assert f"| ryhma={hidden} | {shown} | – | – | – | – |" in text
    assert "<!-- The chart is left out" in text  # standard output: no chart file
    assert "![" not in text


def test_export_html_embeds_the_survey_chart(folder: Path) -> None:
    answers = write_answers(folder)
    result = run_cli(
        ["export", str(folder / "kahvila.yaml"), "-f", "html", "--survey-by", "ryhma", *_survey_args(answers)]
    )
    assert result.exit_code == 0, result.stderr
    assert '<section class="survey">' in result.stdout
    assert "<svg " in result.stdout
    assert '<th scope="row">ryhma=pieni</th><td>Alkumittaus</td><td>&lt;5</td><td>–</td>' in result.stdout
    assert '<th scope="row">ryhma=keski</th><td>suojattu</td><td>–</td>' in result.stdout


def test_one_file_without_waves_is_scored_as_one_wave(folder: Path) -> None:
    answers = write_answers(folder)[:1]
    result = run_cli(["--lang", "en", "export", str(folder / "kahvila.yaml"), "-f", "markdown",
                      *_survey_args(answers)])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "| Group | n | mean |" in result.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--min-group", "2"], "at least 3 respondents"),
        (
            ["--survey-by", "ryhmä"],
            "--survey-by 'ryhmä' is not a column of the answers (did you mean 'ryhma'?)",
        ),
        (["--instrument", "esiss"], "no instrument 'esiss'"),
        (["--survey-practice", "kahvla"], "--survey-practice: no practice 'kahvla'"),
    ],
)
def test_survey_mistakes_are_named(folder: Path, extra: list[str], message: str) -> None:
    answers = write_answers(folder)
    result = run_cli(["--lang", "en", "export", str(folder), "-f", "markdown", *_survey_args(answers),
                      "--survey-practice", "kahvila", *extra])  # fmt: skip
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_survey_needs_to_know_its_practice(folder: Path) -> None:
    answers = write_answers(folder)
    many = run_cli(["export", str(folder), "-f", "markdown", *_survey_args(answers)])
    assert many.exit_code == 1
    assert "--survey-practice TUNNUS" in many.stderr
    three = run_cli(
        ["--lang", "en", "export", str(folder / "kahvila.yaml"), "-f", "markdown",
         *_survey_args([*answers, answers[0]])]
    )  # fmt: skip
    assert three.exit_code == 1
    assert "at most two --survey files" in three.stderr
    alone = run_cli(
        ["export", str(folder / "kahvila.yaml"), "-f", "markdown", "--survey-practice", "kahvila"]
    )
    assert alone.exit_code == 1
    assert "tarvitsee vastaukset: anna --survey TIEDOSTO.csv" in alone.stderr


def test_export_with_a_render_calling_sys_exit_is_an_error_naming_the_plugin(tmp_path: Path) -> None:
    """A render calling sys.exit(0) once made export exit 0 with no output."""
    model = tmp_path / "kahvila.yaml"
    model.write_text(PRACTICE, encoding="utf-8")
    plugin = Path(__file__).parents[1] / "fixtures" / "plugins" / "kokeilu_exit_in_render.py"
    result = run_cli(["--lang", "en", "--plugin", str(plugin), "export", str(model), "--format", "poistuva"])
    assert result.exit_code == 1
    assert result.stderr == (
        "palaset: format 'poistuva' (plugin 'kokeilu_exit_in_render') failed: SystemExit: 0 "
        "(plugin code must raise an exception, not exit the program)\n"
    )
    assert result.stdout == ""
