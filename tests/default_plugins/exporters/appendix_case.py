"""A practice file against the built-in THL framework whose checks find things, loaded as the CLI does."""

from __future__ import annotations

from pathlib import Path

import attrs

from osallisuuden_palaset.assessing.appendix import build_appendix
from osallisuuden_palaset.assessing.assessment import assess_collection
from osallisuuden_palaset.assessing.checking import Check
from osallisuuden_palaset.errors import ModelPath as DocPath
from osallisuuden_palaset.files.loading import Workspace, load_workspace
from osallisuuden_palaset.model.evaluation import EvaluationAppendix, Finding
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.plugins.registry import get_catalogues, get_checks, get_frameworks
from osallisuuden_palaset.testing import make_plugin_manager

#: Steps claim every THL principle but p5, some without evidence; step "kutsu" has only a target
#: group (the participant-voice check flags its participants, marked "# voice"), and the practice
#: describes no target group (the target-group check flags its description, marked "# target").
PRACTICE = """\
practice:
  id: kahvila
  name: {fi: Olohuonekahvila, en: Living-room café}
  framework: thl
  description:
    basic_idea: Matalan kynnyksen kohtaamispaikka. # target
  steps:
    - id: kutsu
      name: {fi: Kutsu kahville, en: Invitation to coffee}
      participants:
        - {who: yksin asuvat, role: target} # voice
      mappings:
        - target: p4
          strength: strong
          evidence: {fi: Kutsu viedään kotiin asti., en: The invitation is taken home.}
        - {target: p1, strength: weak}
    - id: kahvit
      name: {fi: Kahvit ja juttelu, en: Coffee and a chat}
      participants:
        - {who: kävijät, role: participant}
      mappings:
        - {target: d1, strength: moderate, evidence: {fi: Jokainen päättää itse., en: Each decides.}}
        - {target: p2, strength: moderate, evidence: {fi: Toiveet kysytään., en: Wishes are asked.}}
        - {target: p3, strength: strong, evidence: {fi: Ei diagnooseja., en: No diagnoses.}}
        - {target: p6, strength: weak, evidence: {fi: Viesti kunnalle., en: A message to the town.}}
        - {target: p7, strength: strong, evidence: {fi: Porukka jatkaa., en: The group carries on.}}
    - id: talkoot
      name: {fi: Yhteiset talkoot, en: Working together}
      participants:
        - {who: kävijät, role: co_developer}
      mappings:
        - {target: p8, strength: moderate}
        - {target: p9, strength: strong, evidence: {fi: Kiitos julkisesti., en: Thanks in public.}}
  flows:
    - {source: kutsu, target: kahvit}
    - {source: kahvit, target: talkoot}
  answers:
    - {question: thl-3, text: {fi: Kysymme toiveet., en: We ask for wishes.}}
"""


@attrs.frozen
class Case:
    """The loaded case: the workspace, the checks' findings and the appendix built directly."""

    file: Path
    workspace: Workspace
    findings: dict[str, tuple[Finding, ...]]
    appendix: EvaluationAppendix

    @property
    def practice(self) -> Practice:
        """The practice of the file."""
        return self.workspace.collection.practice("kahvila")

    def line_of(self, marker: str) -> str:
        """``FILE:LINE`` of the line marked ``# marker``."""
        lines = PRACTICE.splitlines()
        number = next(i for i, line in enumerate(lines, start=1) if line.endswith(f"# {marker}"))
        return f"{self.file}:{number}"


def load_case(folder: Path) -> Case:
    """Write the practice into ``folder``, load it and run every registered check as the CLI does."""
    file = folder / "kahvila.yaml"
    file.write_text(PRACTICE, encoding="utf-8")
    pm = make_plugin_manager()
    frameworks = get_frameworks(pm)
    workspace = load_workspace([file], frameworks=frameworks.values(), catalogues=get_catalogues(pm).values())
    checks = [c for c in get_checks(pm).values() if isinstance(c, Check)]

    def locate(practice: str, path: DocPath) -> str | None:
        where = workspace.locate_practice(practice, *path)
        return f"{where.file}:{where.line}"

    assessment = assess_collection(workspace.collection, workspace.context, checks, locate=locate)
    findings = {p.practice.id: p.findings for p in assessment.practices}
    practice = workspace.collection.practice("kahvila")
    appendix = build_appendix(practice, frameworks["thl"], workspace.context, findings=findings["kahvila"])
    return Case(file, workspace, findings, appendix)
