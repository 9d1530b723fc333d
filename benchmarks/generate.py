"""Write a deterministic synthetic collection: N practices of ~20 blocks, as YAML files and one JSON file.

Usage: ``python benchmarks/generate.py N OUT_DIR [--seed S]``.

``OUT_DIR/yaml/`` gets ``kokonaisuus.yaml`` (the collection header), ``tyokalut.yaml`` (a catalogue
of reusable blocks) and ``practices/pNNNN.yaml`` (one practice per file). Practices have forward flows
(sequence, parallel, optional) and a loop back, blocks map to THL's d1..d3 and p1..p9 with
evidence, and some steps reuse a catalogue block or a block of an earlier practice.
``OUT_DIR/json/`` holds the same files as JSON model files, and ``OUT_DIR/collection.json``
the same data as one ``collection:`` document, for comparison with ``json.loads``. The same N and
seed always give byte-identical files.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from pathlib import Path
from typing import Any

BLOCKS_PER_PRACTICE = 20
CATALOGUE_BLOCKS = 12
_DIMENSIONS = ("d1", "d2", "d3")
_PRINCIPLES = tuple(f"p{i}" for i in range(1, 10))
_ROLES = ("participant", "co_developer", "peer", "leader", "consulted", "staff", "partner", "target")
_KINDS = ("activity", "method", "tool", "step", "space", "role")
_MODALITIES = ("in_person", "remote", "hybrid")
_STRENGTHS = ("weak", "moderate", "strong")
_FI = "osallisuus yhteisö kohtaaminen ryhmä taide kortit polku ohjaus vertainen kokemus ääni tuki yhdessä"
_FI += " suunnittelu arviointi kuuleminen palvelu nuori aikuinen perhe alue kylä toiminta"
_EN = "inclusion community meeting group art cards path guidance peer experience voice support together"
_EN += " planning evaluation hearing service young adult family area village activity"
_WORDS = tuple(_FI.split())
_WORDS_EN = tuple(_EN.split())


def _sentence(rng: random.Random, words: tuple[str, ...] | list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def _text(rng: random.Random, n: int) -> dict[str, str]:
    return {"fi": _sentence(rng, _WORDS, n), "en": _sentence(rng, _WORDS_EN, n)}


def _block(rng: random.Random, ident: str) -> dict[str, Any]:
    block: dict[str, Any] = {
        "id": ident,
        "name": _text(rng, 3),
        "kind": rng.choice(_KINDS),
        "description": _text(rng, 14),
        "participants": [
            {"who": _text(rng, 2), "role": rng.choice(_ROLES)} for _ in range(rng.randint(1, 3))
        ],
        "modality": rng.choice(_MODALITIES),
    }
    if block["modality"] != "in_person":
        block["remote_participation"] = _text(rng, 8)
    if rng.random() < 0.5:
        low = rng.randint(1, 6)
        block["group_size"] = {"min": low, "max": low + rng.randint(0, 10)}
    targets = rng.sample(_DIMENSIONS + _PRINCIPLES, rng.randint(1, 3))
    block["mappings"] = [
        {"target": t, "strength": rng.choice(_STRENGTHS), "evidence": _text(rng, 10)} for t in targets
    ]
    return block


def catalogue(rng: random.Random) -> dict[str, Any]:
    """The shared catalogue of reusable blocks (id ``tyokalut``)."""
    return {
        "id": "tyokalut",
        "name": {"fi": "Yhteiset työkalut", "en": "Shared tools"},
        "blocks": [_block(rng, f"tyokalu-{i:02d}") for i in range(CATALOGUE_BLOCKS)],
    }


def practice(rng: random.Random, index: int) -> dict[str, Any]:
    """Practice ``index``: ~20 steps, mostly written-out blocks, some reusing earlier blocks."""
    ident = f"p{index:04d}"
    steps: list[dict[str, Any]] = []
    for s in range(BLOCKS_PER_PRACTICE + rng.randint(-2, 2)):
        step_id = f"s{s:02d}"
        roll = rng.random()
        if s > 0 and roll < 0.08:
            steps.append({"id": step_id, "reuse": f"tyokalut/tyokalu-{rng.randrange(CATALOGUE_BLOCKS):02d}"})
        elif s > 0 and index > 0 and roll < 0.14:
            owner = rng.randrange(index)
            steps.append({"id": step_id, "reuse": f"p{owner:04d}/s00", "note": _text(rng, 6)})
        else:
            steps.append(_block(rng, step_id))
    ids = [s["id"] for s in steps]
    flows: list[dict[str, Any]] = []
    for a, b in itertools.pairwise(ids):
        flows.append({"source": a, "target": b})
    for _ in range(len(ids) // 5):
        i = rng.randrange(len(ids) - 2)
        j = rng.randrange(i + 2, len(ids))
        kind = rng.choice(("parallel", "optional"))
        flows.append({"source": ids[i], "target": ids[j], "kind": kind, "label": _text(rng, 3)})
    flows.append({"source": ids[-1], "target": ids[len(ids) // 2], "kind": "loop_back"})
    half = len(ids) // 2
    return {
        "id": ident,
        "name": _text(rng, 4),
        "summary": _text(rng, 20),
        "framework": "thl",
        "steps": steps,
        "flows": flows,
        "phases": [
            {"id": "alku", "name": {"fi": "Alku", "en": "Start"}, "steps": ids[:half]},
            {"id": "loppu", "name": {"fi": "Loppu", "en": "End"}, "steps": ids[half:]},
        ],
        "description": {"target_group": _text(rng, 10), "implementation": _text(rng, 25)},
        "keywords": rng.sample(_WORDS, 3),
    }


def collection_data(n: int, seed: int = 2023) -> dict[str, Any]:
    """The whole collection as plain data (what ``collection.json`` holds)."""
    rng = random.Random(seed)
    return {
        "id": f"synteettinen-{n}",
        "name": {"fi": f"Synteettinen kokonaisuus ({n})", "en": f"Synthetic collection ({n})"},
        "catalogues": [catalogue(rng)],
        "practices": [practice(rng, i) for i in range(n)],
    }


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML 1.2 double-quoted one
    return json.dumps(value)


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML 1.2 of plain data (dicts, lists, strings, numbers), as people write it."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                lines.append(to_yaml(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {_scalar(item) if item != [] else '[]'}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                body = to_yaml(item, indent + 2)
                lines.append(f"{pad}- {body[indent + 2 :]}")
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


def write(n: int, out: Path, seed: int = 2023) -> Path:
    """Write the collection of ``n`` practices under ``out``; returns the YAML folder ``out/yaml``."""
    data = collection_data(n, seed)
    folder = out / "yaml"
    (folder / "practices").mkdir(parents=True, exist_ok=True)
    header = {"id": data["id"], "name": data["name"]}
    (folder / "kokonaisuus.yaml").write_text(to_yaml({"collection": header}) + "\n", encoding="utf-8")
    (folder / "tyokalut.yaml").write_text(
        to_yaml({"catalogue": data["catalogues"][0]}) + "\n", encoding="utf-8"
    )
    for p in data["practices"]:
        (folder / "practices" / f"{p['id']}.yaml").write_text(
            to_yaml({"practice": p}) + "\n", encoding="utf-8"
        )
    _write_json_folder(data, out / "json")
    (out / "collection.json").write_text(
        json.dumps({"collection": data}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return folder


def _write_json_folder(data: dict[str, Any], folder: Path) -> None:
    (folder / "practices").mkdir(parents=True, exist_ok=True)
    documents = {
        "kokonaisuus.json": {"collection": {"id": data["id"], "name": data["name"]}},
        "tyokalut.json": {"catalogue": data["catalogues"][0]},
    }
    documents.update({f"practices/{p['id']}.json": {"practice": p} for p in data["practices"]})
    for name, document in documents.items():
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        (folder / name).write_text(text, encoding="utf-8")


def block_count(n: int, seed: int = 2023) -> int:
    """How many steps (blocks written out or reused) the collection of ``n`` practices has."""
    return sum(len(p["steps"]) for p in collection_data(n, seed)["practices"])


def main() -> None:
    """Command line: ``generate.py N OUT_DIR [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("practices", type=int, help="number of practices (10 to 1000)")
    parser.add_argument("out", type=Path, help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    write(args.practices, args.out, args.seed)
    print(f"{args.practices} practices, {block_count(args.practices, args.seed)} steps → {args.out}")


if __name__ == "__main__":
    main()
