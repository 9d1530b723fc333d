"""Start-up: ``palaset validate`` of a small example against the dependency floor and peer tools."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from measuring import Row, installed_env, run_quiet, side_by_side

ROOT = Path(__file__).resolve().parent.parent
SMALL_EXAMPLE = ROOT / "examples" / "paivakeskus-pandemia.yaml"


#: What every ``palaset`` command imports before our code runs: the floor for start-up.
DEPENDENCY_FLOOR = "import attrs, cattrs, click, pluggy, ruamel.yaml"


def _module_available(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def cli_start(work: Path, repeats: int) -> list[Row]:
    """``palaset validate`` of a small example vs the dependency floor and vs peer tools.

    Every side runs with bytecode caching on (see :func:`installed_env`), after one warm-up run.
    """
    env = installed_env(work)
    validate = [sys.executable, "-m", "osallisuuden_palaset", "validate", str(SMALL_EXAMPLE)]
    name = f"examples/{SMALL_EXAMPLE.name}"
    sides: list[tuple[str, list[str], float | None, str]] = [
        (
            "start: validate vs dependency floor",
            [sys.executable, "-c", DEPENDENCY_FLOOR],
            1.3,
            f'palaset validate {name} vs python -c "{DEPENDENCY_FLOOR}"',
        )
    ]
    if _module_available("yamllint"):
        sides.append(
            (
                "start: validate vs yamllint",
                [sys.executable, "-m", "yamllint", "-d", "relaxed", str(SMALL_EXAMPLE)],
                1.0,
                f"palaset validate {name} vs yamllint -d relaxed {name} (parses only)",
            )
        )
    else:
        print("skipped yamllint: pip install yamllint (the [bench] extra)", file=sys.stderr)
    if _module_available("check_jsonschema"):
        schema = work / "palaset.schema.json"
        run_quiet([sys.executable, "-m", "osallisuuden_palaset", "schema", "-o", str(schema)], env)
        sides.append(
            (
                "start: validate vs check-jsonschema",
                [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(SMALL_EXAMPLE)],
                None,
                f"palaset validate {name} vs check-jsonschema --schemafile <our schema> {name}",
            )
        )
    else:
        print("skipped check-jsonschema: pip install check-jsonschema (the [bench] extra)", file=sys.stderr)
    run_quiet(validate, env)
    rows = []
    for label, peer, goal, how in sides:
        run_quiet(peer, env, check=False)
        measured, floor = side_by_side(
            lambda: run_quiet(validate, env), functools.partial(run_quiet, peer, env, check=False), repeats
        )
        rows.append(Row(label, measured, floor, goal, how=how + ", CPU of the child processes"))
    return rows
