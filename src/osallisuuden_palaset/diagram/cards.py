"""Node labels ("cards") for steps and blocks: name, claims as coloured badges, who takes part and how."""

from __future__ import annotations

from collections.abc import Mapping as MappingOf
from collections.abc import Sequence

from osallisuuden_palaset.diagram import dot_labels
from osallisuuden_palaset.diagram.dot_labels import Cell
from osallisuuden_palaset.diagram.options import Detail, DiagramOptions
from osallisuuden_palaset.diagram.theme import Theme, modality_mark, strength_marks
from osallisuuden_palaset.diagram.vocabulary import word
from osallisuuden_palaset.messages.labels import value_label
from osallisuuden_palaset.model.block import Block, Mapping
from osallisuuden_palaset.model.framework import Framework
from osallisuuden_palaset.model.practice import Include, Reuse
from osallisuuden_palaset.model.resolving import ResolvedStep


def badge(
    mapping: Mapping, default_framework: str, frameworks: MappingOf[str, Framework], theme: Theme
) -> Cell:
    """A badge for one claim: coloured by dimension; another framework's claim is neutral and prefixed."""
    fid = mapping.framework or default_framework
    framework = frameworks.get(fid)
    marks = strength_marks(mapping.strength, evidenced=mapping.evidence is not None)
    colour = theme.neutral
    text = f"{mapping.target} {marks}"
    if framework is not None:
        dimension = framework.dimension_of(mapping.target)
        if dimension is not None and fid == default_framework:
            index = [d.id for d in framework.dimensions].index(dimension)
            colour = theme.dimension_colour(index)
    if fid != default_framework:
        text = f"{fid}:{text}"
    return Cell(dot_labels.escape(text), bgcolor=colour, border=1, color=theme.node_line, align="CENTER")


def badge_row(
    mappings: Sequence[Mapping], default_framework: str, frameworks: MappingOf[str, Framework], theme: Theme
) -> str | None:
    """The row of claim badges, or None when nothing is claimed."""
    if not mappings:
        return None
    cells = [badge(m, default_framework, frameworks, theme) for m in mappings]
    return dot_labels.row(Cell(dot_labels.badges(cells)))


def _small(value: str, options: DiagramOptions, *, italic: bool = False) -> str:
    return dot_labels.row(Cell(dot_labels.text_block(value, options.wrap + 6, italic=italic, size=9)))


def people_rows(block: Block, options: DiagramOptions) -> list[str]:
    """Participants with their roles, and the modality."""
    lang = options.lang
    rows = [
        _small(f"{p.who.get(lang)} · {value_label(p.role, lang, short=True)}", options)
        for p in block.participants
    ]
    if block.modality is not None:
        rows.append(_small(modality_mark(block.modality, lang), options, italic=True))
    return rows


def detail_rows(block: Block, options: DiagramOptions) -> list[str]:
    """Description, remote participation, group size, duration and parts (full detail)."""
    lang = options.lang
    rows: list[str] = []
    if block.description is not None:
        rows.append(_small(block.description.get(lang), options))
    if block.remote_participation is not None:
        rows.append(_small(block.remote_participation.get(lang), options, italic=True))
    if block.group_size is not None and (block.group_size.min or block.group_size.max):
        low = block.group_size.min or ""
        high = block.group_size.max or ""
        rows.append(_small(f"{word('group_size', lang)}{low}–{high}", options))
    if block.duration is not None:
        rows.append(_small(word("duration", lang) + block.duration.get(lang), options))
    if block.parts:
        rows.append(_small(word("parts", lang) + ", ".join(p.name.get(lang) for p in block.parts), options))
    return rows


def step_card(
    resolved: ResolvedStep,
    mappings: Sequence[Mapping],
    *,
    default_framework: str,
    frameworks: MappingOf[str, Framework],
    options: DiagramOptions,
    theme: Theme,
) -> str:
    """The HTML-like label of a step node."""
    lang = options.lang
    rows = [dot_labels.row(Cell(dot_labels.text_block(resolved.name.get(lang), options.wrap, bold=True)))]
    step = resolved.step
    block = resolved.block
    if isinstance(step, Reuse):
        prefix = word("reused_from" if resolved.resolved else "unresolved", lang)
        rows.append(_small(prefix + step.reuse, options, italic=True))
    elif isinstance(step, Include):
        note = word("included_practice", lang)
        if not resolved.resolved:
            note = word("unresolved", lang) + step.include
        rows.append(_small(note, options, italic=True))
    elif block is not None and options.detail is not Detail.BRIEF:
        rows.append(_small(value_label(block.kind, lang, short=True), options, italic=True))
    badges = badge_row(mappings, default_framework, frameworks, theme)
    if badges is not None:
        rows.append(badges)
    if block is not None and options.detail is not Detail.BRIEF:
        rows += people_rows(block, options)
    if isinstance(step, (Reuse, Include)) and step.note is not None and options.detail is Detail.FULL:
        rows.append(_small(step.note.get(lang), options))
    if block is not None and options.detail is Detail.FULL:
        rows += detail_rows(block, options)
    return dot_labels.html_label(dot_labels.table(rows))


def step_node_attributes(resolved: ResolvedStep, theme: Theme) -> dict[str, str]:
    """Shape and style of a step node: dashed for reuse, a folder for an inclusion, a double line for
    an organisational step (done by staff), red when unresolved."""
    attributes: dict[str, str] = {}
    if resolved.kind == "reuse":
        attributes = {"style": "rounded,filled,dashed", "color": theme.reuse}
    elif resolved.kind == "include":
        attributes = {"shape": "folder", "style": "filled", "fillcolor": theme.include_fill}
    elif resolved.block is not None and resolved.block.organisational:
        attributes = {"style": "rounded,filled,bold", "peripheries": "2"}
    if not resolved.resolved:
        attributes["color"] = theme.gap_line
        attributes["fillcolor"] = theme.gap_fill
    return attributes
