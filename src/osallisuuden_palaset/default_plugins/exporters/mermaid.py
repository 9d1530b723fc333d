"""The ``mermaid`` format: a flow chart of the steps that GitHub and GitLab render without Graphviz."""

from __future__ import annotations

from collections.abc import Callable

from osallisuuden_palaset.hookspecs import hookimpl
from osallisuuden_palaset.markup import escape_mermaid
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.model.flow import FlowKind
from osallisuuden_palaset.model.practice import Practice
from osallisuuden_palaset.model.resolving import ResolvedStep, resolved_steps
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.output.exporting import Exporter, ExportOption, ExportRequest

#: Arrow per flow kind: a solid line follows, a thick one runs in parallel, dotted ones are optional
#: or go back.
ARROWS = {
    FlowKind.SEQUENCE: "-->",
    FlowKind.PARALLEL: "==>",
    FlowKind.OPTIONAL: "-.->",
    FlowKind.LOOP_BACK: "-.->",
}
#: Node shape per step kind: a written block is a box, a reused one a stadium, an included practice
#: a subroutine box.
SHAPES = {"block": ('["', '"]'), "reuse": ('(["', '"])'), "include": ('[["', '"]]')}
CLASSES = (
    "    classDef reuse stroke-dasharray: 5 3",
    "    classDef include stroke-width: 3px",
)


def _node(node_id: str, step: ResolvedStep, lang: Lang, indent: str) -> str:
    start, end = SHAPES[step.kind]
    suffix = f":::{step.kind}" if step.kind != "block" else ""
    return f"{indent}{node_id}{start}{escape_mermaid(step.name.get(lang))}{end}{suffix}"


def practice_lines(practice: Practice, prefix: str, request: ExportRequest, indent: str) -> list[str]:
    """Node, phase and edge lines of one practice; node ids are ``<prefix>s<N>`` (never user text)."""
    lang = request.lang
    steps = resolved_steps(practice, request.context)
    ids = {s.id: f"{prefix}s{i}" for i, s in enumerate(practice.steps)}
    by_id = {s.id: s for s in steps}
    lines: list[str] = []
    placed: set[str] = set()
    for n, phase in enumerate(practice.phases):
        lines.append(f'{indent}subgraph {prefix}ph{n}["{escape_mermaid(phase.name.get(lang))}"]')
        for sid in phase.steps:
            lines.append(_node(ids[sid], by_id[sid], lang, indent + "    "))
            placed.add(sid)
        lines.append(f"{indent}end")
    lines += [_node(ids[s.id], s, lang, indent) for s in steps if s.id not in placed]
    for f in practice.flows:
        text = f.label.get(lang) if f.label is not None else None
        if text is None and f.kind is FlowKind.LOOP_BACK:
            text = value_label(f.kind, lang)
        edge = f'|"{escape_mermaid(text)}"|' if text else ""
        lines.append(f"{indent}{ids[f.source]} {ARROWS[f.kind]}{edge} {ids[f.target]}")
    return lines


def render(request: ExportRequest) -> bytes:
    """A ``flowchart``: one practice, or a subgraph per practice of a project or collection."""
    from osallisuuden_palaset.output.reporting import practices_of  # here: registering stays cheap

    lang = request.lang
    model = request.model
    lines = [f"flowchart {request.option('direction', 'TD')}"]
    if isinstance(model, Practice):
        lines += practice_lines(model, "", request, "    ")
    else:
        for i, practice in enumerate(practices_of(model)):
            lines.append(f'    subgraph p{i}["{escape_mermaid(practice.name.get(lang))}"]')
            lines += practice_lines(practice, f"p{i}", request, "        ")
            lines.append("    end")
    lines += CLASSES
    return ("\n".join(lines) + "\n").encode("utf-8")


EXPORTER = Exporter(
    name="mermaid",
    description=msg("The practice's flow as a Mermaid chart (GitHub and GitLab show it without Graphviz)."),
    suffix=".mmd",
    media_type="text/vnd.mermaid; charset=utf-8",
    accepts=("practice", "project", "collection"),
    render=render,
    options=(
        ExportOption(
            "direction",
            msg("Direction: TD (top down, default) or LR (left to right)."),
            default="TD",
            choices=("TD", "LR"),
        ),
    ),
)


@hookimpl
def register_exporters(register: Callable[..., None]) -> None:
    """Register the ``mermaid`` format."""
    register(EXPORTER)
