"""Colours and line styles of diagrams, per theme, and the legend that explains them."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import graphviz

from osallisuuden_palaset.diagram import dot_labels
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.model.block import Modality, Strength
from osallisuuden_palaset.model.flow import FlowKind
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.text import Lang

FONT = "Helvetica,Arial,sans-serif"

#: One sign per modality, beside its word on a card: a house for in person only, a telephone for
#: remote, both for hybrid, an arrow out for outreach. All are in DejaVu Sans, which fontconfig
#: falls back to where the diagram's font lacks them.
MODALITY_ICONS: dict[Modality, str] = {
    Modality.IN_PERSON: "\u2302",  # ⌂ house
    Modality.REMOTE: "\u260e",  # ☎ telephone
    Modality.HYBRID: "\u2302\u260e",  # ⌂☎ both
    Modality.OUTREACH: "\u2197",  # ↗ out to where people are
}


def modality_mark(modality: Modality, lang: Lang) -> str:
    """The modality's sign and short word, e.g. "☎ etä"."""
    return f"{MODALITY_ICONS[modality]} {value_label(modality, lang, short=True)}"


@attrs.frozen
class Theme:
    """The colours of one theme; dimensions take colours in the framework's order."""

    name: str
    dimension_colours: tuple[str, ...]
    #: Badges of mappings to elements of another (or unknown) framework.
    neutral: str
    ink: str
    node_fill: str
    node_line: str
    cluster_fill: str
    cluster_line: str
    reuse: str
    include_fill: str
    gap_fill: str
    gap_line: str
    loop: str

    def dimension_colour(self, index: int) -> str:
        """The colour of the framework's ``index``-th dimension (0-based), cycling."""
        return self.dimension_colours[index % len(self.dimension_colours)]


THEMES: dict[str, Theme] = {
    # Okabe–Ito colours, lightened for fills: distinguishable with colour-vision deficiencies.
    "default": Theme(
        name="default",
        dimension_colours=("#9fd3f5", "#ffd08a", "#a8e0c8", "#f3b3d3", "#f0e68c", "#c5b3e6", "#e8b89a"),
        neutral="#e0e0e0",
        ink="#222222",
        node_fill="#ffffff",
        node_line="#555555",
        cluster_fill="#f5f7fa",
        cluster_line="#9aa5b1",
        reuse="#0072b2",
        include_fill="#eef3e2",
        gap_fill="#ffe3e0",
        gap_line="#d55e00",
        loop="#cc79a7",
    ),
    # For printing in black and white: greys only; line styles and badge texts carry the meaning.
    "print": Theme(
        name="print",
        dimension_colours=("#d9d9d9", "#bdbdbd", "#f0f0f0", "#a6a6a6", "#e6e6e6"),
        neutral="#ffffff",
        ink="#000000",
        node_fill="#ffffff",
        node_line="#000000",
        cluster_fill="#ffffff",
        cluster_line="#000000",
        reuse="#000000",
        include_fill="#f2f2f2",
        gap_fill="#ffffff",
        gap_line="#000000",
        loop="#000000",
    ),
}


def get_theme(name: str) -> Theme:
    """The theme called ``name``; KeyError when there is none."""
    return THEMES[name]


#: Edge kinds every view may draw, in legend order.
EDGE_KINDS = ("sequence", "parallel", "optional", "loop_back", "inclusion", "reuse")
#: How the legend writes an edge of each kind: its line and its head, as characters.
EDGE_GLYPHS = {
    "sequence": "\u2500\u2500\u25b6",  # ──▶
    "parallel": "\u2550\u2550\u25b6",  # ══▶
    "optional": "\u254c\u254c\u25b7",  # ╌╌▷
    "loop_back": "\u2508\u2508\u203a",  # ┈┈›
    "inclusion": "\u2501\u2501\u25c7",  # ━━◇
    "reuse": "\u254c\u254c\u25cb",  # ╌╌○
}


def edge_style(kind: str, theme: Theme) -> dict[str, str]:
    """DOT attributes of an edge of ``kind`` (a flow kind, "inclusion" or "reuse")."""
    ink = theme.ink
    styles: dict[str, dict[str, str]] = {
        "sequence": {"style": "solid", "arrowhead": "normal", "color": ink},
        "parallel": {"style": "solid", "arrowhead": "normal", "color": f"{ink}:invis:{ink}"},
        "optional": {"style": "dashed", "arrowhead": "empty", "color": ink},
        "loop_back": {
            "style": "dotted",
            "arrowhead": "vee",
            "penwidth": "1.6",
            "color": theme.loop,
            "constraint": "false",
        },
        "inclusion": {"style": "bold", "arrowhead": "odiamond", "color": ink},
        "reuse": {"style": "dashed", "arrowhead": "odot", "color": theme.reuse},
    }
    return styles[kind]


def strength_style(strength: Strength, theme: Theme, *, evidenced: bool = True) -> dict[str, str]:
    """DOT attributes of a claim edge: thicker for stronger claims, dashed for weak ones.

    A claim without evidence counts for nothing in coverage, however strong it says it is:
    its edge is thin and dotted in the gap colour, whatever its strength.
    """
    if not evidenced:
        return {"style": "dotted", "penwidth": "1.2", "color": theme.gap_line, "arrowhead": "none"}
    width = {Strength.WEAK: "1", Strength.MODERATE: "2", Strength.STRONG: "3.5"}[strength]
    style = "dashed" if strength is Strength.WEAK else "solid"
    return {"style": style, "penwidth": width, "color": theme.ink, "arrowhead": "none"}


def strength_marks(strength: Strength, *, evidenced: bool = True) -> str:
    """●, ●● or ●●●: the strength of a claim as marks that print in any colour; ○ without evidence."""
    return ("●" if evidenced else "○") * strength.weight


def legend(
    graph: graphviz.Digraph,
    *,
    framework: Framework | None,
    edge_kinds: Sequence[str],
    strengths: bool,
    theme: Theme,
    lang: Lang,
    width: int,
) -> None:
    """Add a legend cluster: dimension colours with their principles' codes, edge kinds used,
    claim strengths and the modalities' signs."""
    if framework is None and not edge_kinds and not strengths:
        return
    with graph.subgraph(name="cluster_legend") as box:
        box.attr(
            label=dot_labels.html_label(
                dot_labels.styled(dot_labels.escape(word("legend", lang)), bold=True)
            ),
            style="rounded,filled",
            fillcolor=theme.node_fill,
            color=theme.cluster_line,
        )
        rows: list[str] = []
        if framework is not None:
            rows.append(
                dot_labels.row(
                    Cell(dot_labels.styled(dot_labels.escape(word("dimensions", lang)), bold=True), colspan=2)
                )
            )
            for index, dimension in enumerate(framework.dimensions):
                # The badges' codes: a principle's badge has its dimension's colour.
                codes = [p.id for p in framework.principles if p.dimension == dimension.id]
                name = dot_labels.text_block(dimension.name.get(lang), width)
                if codes:
                    listed = dot_labels.escape(word("principles", lang) + ", ".join(codes))
                    name += "<BR/>" + dot_labels.styled(listed, size=9)
                rows.append(
                    dot_labels.row(
                        Cell(
                            dot_labels.escape(dimension.id), bgcolor=theme.dimension_colour(index), border=1
                        ),
                        Cell(name),
                    )
                )
            rows.append(
                dot_labels.row(
                    Cell(dot_labels.escape(word("strength", lang)), bgcolor=theme.neutral, border=1),
                    Cell(
                        dot_labels.escape(
                            " ".join(f"{strength_marks(s)} {value_label(s, lang)}" for s in Strength)
                        )
                    ),
                )
            )
            rows.append(
                dot_labels.row(
                    Cell(dot_labels.escape(strength_marks(Strength.WEAK, evidenced=False)), border=1),
                    Cell(dot_labels.escape(word("no_evidence", lang))),
                )
            )
        # Each edge kind as a line of text in its colour: a strip of rows, not a drawn sample each.
        for kind in edge_kinds:
            colour = edge_style(kind, theme)["color"].split(":")[0]
            glyph = f'<FONT COLOR="{colour}">{EDGE_GLYPHS[kind]}</FONT>'
            rows.append(dot_labels.row(Cell(glyph), Cell(dot_labels.escape(edge_word(kind, lang)))))
        rows.append(
            dot_labels.row(
                Cell(dot_labels.escape("   ".join(modality_mark(m, lang) for m in Modality)), colspan=2)
            )
        )
        box.node(
            "legend/dimensions",
            label=dot_labels.html_label(dot_labels.table(rows, cellspacing=2)),
            shape="plain",
        )
        if strengths:
            for strength in Strength:
                tail, head = f"legend/{strength.value}/from", f"legend/{strength.value}/to"
                box.node(tail, label="", shape="point", width="0.05")
                box.node(
                    head,
                    label=dot_labels.html_label(
                        dot_labels.escape(f"{value_label(strength, lang)} {strength_marks(strength)}")
                    ),
                    shape="plaintext",
                )
                box.edge(tail, head, **strength_style(strength, theme))
            tail, head = "legend/no_evidence/from", "legend/no_evidence/to"
            box.node(tail, label="", shape="point", width="0.05")
            box.node(
                head,
                label=dot_labels.html_label(dot_labels.escape(word("no_evidence", lang))),
                shape="plaintext",
            )
            box.edge(tail, head, **strength_style(Strength.STRONG, theme, evidenced=False))


def edge_word(kind: str, lang: Lang) -> str:
    """What the legend calls an edge of ``kind``: a flow kind by its term, "inclusion" or "reuse"."""
    if kind in _FLOW_KINDS:
        return value_label(FlowKind(kind), lang)
    return word(kind, lang)


_FLOW_KINDS = frozenset(kind.value for kind in FlowKind)


def graph_attributes(theme: Theme, direction: str) -> dict[str, str]:
    """Attributes every diagram starts with."""
    return {
        "rankdir": direction,
        "fontname": FONT,
        "fontcolor": theme.ink,
        "labelloc": "t",
        "nodesep": "0.3",
        "ranksep": "0.45",
        "newrank": "true",
        "compound": "true",
    }


def node_attributes(theme: Theme) -> dict[str, str]:
    """Default node attributes."""
    return {
        "fontname": FONT,
        "fontsize": "11",
        "fontcolor": theme.ink,
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": theme.node_fill,
        "color": theme.node_line,
        "margin": "0.08,0.04",
    }


def edge_attributes(theme: Theme) -> dict[str, str]:
    """Default edge attributes."""
    return {"fontname": FONT, "fontsize": "10", "fontcolor": theme.ink, "color": theme.ink}
