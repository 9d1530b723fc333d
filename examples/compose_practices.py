"""Compose a new practice from the example collection's pieces and report reuse across it.

Loads this folder as one collection (with the built-in frameworks), then builds an example
practice (esimerkki) that is made of existing pieces only: the first meeting of the youth
outreach practice and the Helmi cards are reused by reference, and the whole Living
portfolio practice is included as one step::

    python examples/compose_practices.py --output out/scripts

writes ``nuorten-portfoliopolku.yaml`` (the composed practice) and ``reuse.json`` (which
practices reuse or include which pieces) into the output folder.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Sequence
from pathlib import Path

from osallisuuden_palaset import Collection, Flow, Include, Practice, Reuse, Text
from osallisuuden_palaset.files.atomicfile import write_text_atomic
from osallisuuden_palaset.files.loading import load_workspace
from osallisuuden_palaset.files.writing import write_model
from osallisuuden_palaset.model.practice import Step
from osallisuuden_palaset.plugins.manager import get_plugin_manager
from osallisuuden_palaset.plugins.registry import get_frameworks

HERE = Path(__file__).resolve().parent
PRACTICE_FILE = "nuorten-portfoliopolku.yaml"
REUSE_FILE = "reuse.json"


def in_sequence(steps: Sequence[Step]) -> tuple[Flow, ...]:
    """Sequence links joining ``steps`` one after another."""
    return tuple(Flow(a.id, b.id) for a, b in itertools.pairwise(steps))


def compose(collection: Collection) -> Practice:
    """A practice made of pieces that already exist in ``collection`` (checked before use)."""
    outreach = collection.practice("etsiva-tavoittaminen")
    portfolio = collection.practice("elava-portfolio")
    first_meeting = outreach.step("ensikohtaaminen")
    steps: tuple[Step, ...] = (
        Reuse(
            id="kohtaaminen",
            reuse=f"{outreach.id}/{first_meeting.id}",
            note=Text(
                fi="Nuoren ehdoilla, kuten etsivässä työssä.",
                en="On the young person's terms, as in outreach.",
            ),
        ),
        Reuse(
            id="toiveet",
            reuse="lumoava-tyokalut/helmi-kortit",
            name=Text(fi="Toiveet Helmi-korteilla", en="Wishes with the Helmi cards"),
        ),
        Include(
            id="portfolio",
            include=portfolio.id,
            note=Text(fi="Nuorille mukautettuna (esimerkki).", en="Adapted for young people (example)."),
        ),
    )
    return Practice(
        id="nuorten-portfoliopolku",
        name=Text(
            fi="Nuorten portfoliopolku", en="A portfolio path for young people", sv="Portföljstig för unga"
        ),
        summary=Text(
            fi="Esimerkki koosteesta: olemassa olevat palaset yhdistetään uudeksi toimintamalliksi.",
            en="An example of composition: existing pieces are joined into a new practice.",
        ),
        steps=steps,
        flows=in_sequence(steps),
        keywords=("uudelleenkäyttö", "nuoret", "esimerkki"),
    )


def reuse_report(collection: Collection) -> dict[str, list[dict[str, str]]]:
    """For every reused block or included practice: the practices and steps that use it."""
    used: dict[str, list[dict[str, str]]] = {}
    for practice in collection.all_practices():
        for step in practice.steps:
            if isinstance(step, Reuse):
                used.setdefault(step.reuse, []).append({"practice": practice.id, "step": step.id})
            elif isinstance(step, Include):
                used.setdefault(step.include, []).append({"practice": practice.id, "step": step.id})
    return {key: used[key] for key in sorted(used)}


def main(argv: list[str] | None = None) -> None:
    """Load the examples, compose, and write the practice and the reuse report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("out/scripts"), help="folder to write into")
    parser.add_argument("--examples", type=Path, default=HERE, help="folder of model files to compose from")
    args = parser.parse_args(argv)
    frameworks = get_frameworks(get_plugin_manager(load_entrypoints=False))
    workspace = load_workspace([args.examples], frameworks=frameworks.values())
    practice = compose(workspace.collection)
    args.output.mkdir(parents=True, exist_ok=True)
    write_model(practice, args.output / PRACTICE_FILE)
    report = json.dumps(reuse_report(workspace.collection), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(args.output / REUSE_FILE, report)
    print(f"wrote {args.output / PRACTICE_FILE} and {args.output / REUSE_FILE}")


if __name__ == "__main__":
    main()
