"""Drawing: building and drawing practice diagrams vs ``dot`` alone on the same DOT files."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import generate
from measuring import Row, run_quiet, side_by_side


def render_row(work: Path, diagrams: int, workers: int, repeats: int) -> Row:
    """Building and drawing ``diagrams`` practice diagrams vs ``dot`` alone on the same DOT files."""
    from osallisuuden_palaset.diagram import diagram_source
    from osallisuuden_palaset.files.loading import load_workspace
    from osallisuuden_palaset.model.references import Context
    from osallisuuden_palaset.plugins.registry import get_frameworks
    from osallisuuden_palaset.rendering.drawing import RenderJob, find_dot, render_many
    from osallisuuden_palaset.testing import make_plugin_manager

    dot = find_dot()
    folder = generate.write(diagrams, work / f"d{diagrams}").parent / "json"
    frameworks = get_frameworks(make_plugin_manager())
    workspace = load_workspace([folder], frameworks=frameworks.values())
    practices = list(workspace.collection.all_practices())
    context: Context = workspace.context
    out_ours, out_dot, sources = work / "ours", work / "dot", work / "gv"
    for d in (out_ours, out_dot, sources):
        d.mkdir(exist_ok=True)
    for p in practices:
        text = diagram_source(p, frameworks=frameworks, context=context)
        (sources / f"{p.id}.gv").write_text(text, encoding="utf-8")

    def ours() -> object:
        # As `palaset diagram` does: each job is drawn as soon as its DOT source is built.
        jobs = (
            RenderJob(
                p.id,
                diagram_source(p, frameworks=frameworks, context=context),
                "svg",
                out_ours / f"{p.id}.svg",
            )
            for p in practices
        )
        report = render_many(jobs, workers=workers, total=len(practices))
        assert not report.failures, report.failures[0].error
        return report

    def dot_alone() -> object:
        def one(p: Any) -> None:
            run_quiet([dot, "-Tsvg", str(sources / f"{p.id}.gv"), "-o", str(out_dot / f"{p.id}.svg")])

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, practices))

    measured, floor = side_by_side(ours, dot_alone, repeats)
    how = f"diagram_source + render_many(svg, workers={workers}) vs dot -Tsvg FILE, {workers} at a time"
    return Row(f"drawing {len(practices)} practice diagrams", measured, floor, 1.15, how=how)
