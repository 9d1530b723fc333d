"""WCAG AA contrast of every text colour on its background: the report style sheet and the diagram themes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from osallisuuden_palaset.diagram.theme import THEMES, Theme
from tests.contrast import AA_TEXT, ratio

STYLE = Path(__file__).resolve().parents[1] / "src/osallisuuden_palaset/templates/report/style.css.j2"
#: Where text sits without a background of its own: the page, and table headers.
PAGE = "#ffffff"
#: Rules whose background holds no text (the traffic light's dot is drawn beside its word).
NO_TEXT = re.compile(r"\.light\b")


def _rules() -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of every rule, with ``var(--x)`` replaced by its value."""
    css = re.sub(r"\{#.*?#\}", "", STYLE.read_text(encoding="utf-8"), flags=re.S)
    variables = dict(re.findall(r"--([\w-]+):\s*([^;]+);", css))
    css = re.sub(r"var\(--([\w-]+)\)", lambda m: variables[m.group(1)], css)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+?)\s*(?:;|$)", body))
        rules.append((selector.strip().split("\n")[-1].strip(), declarations))
    return rules


def _colour(value: str) -> str | None:
    found = re.fullmatch(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?", value.strip())
    return found.group(0) if found else None


def _pairs() -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every rule that sets either."""
    rules = _rules()
    ink = next(d["color"] for s, d in rules if s == "body")
    table_header = next(d["background"] for s, d in rules if s == "th")
    pairs = []
    for selector, declarations in rules:
        text = _colour(declarations.get("color", ""))
        back = _colour(declarations.get("background", ""))
        if back and NO_TEXT.search(selector):
            continue
        if text and back:
            pairs.append((selector, text, back))
        elif text:  # on the page and in a table header
            pairs += [(selector, text, PAGE), (selector, text, table_header)]
        elif back:  # in the ink it inherits
            pairs.append((selector, ink, back))
    return pairs


def test_the_style_sheet_is_read() -> None:
    selectors = {s for s, _, _ in _pairs()}
    assert {".strength-strong", ".verdict-covered", ".muted", "th", "body"} <= selectors


@pytest.mark.parametrize(("selector", "text", "background"), _pairs())
def test_report_text_has_aa_contrast(selector: str, text: str, background: str) -> None:
    assert ratio(text, background) >= AA_TEXT, f"{selector}: {text} on {background}"


def _fills(theme: Theme) -> list[str]:
    """Every fill a diagram of ``theme`` writes text on (in the theme's ink)."""
    return [
        *theme.dimension_colours,
        theme.neutral,
        theme.node_fill,
        theme.cluster_fill,
        theme.include_fill,
        theme.gap_fill,
    ]


@pytest.mark.parametrize("name", sorted(THEMES))
def test_diagram_text_has_aa_contrast_in_every_theme(name: str) -> None:
    theme = THEMES[name]
    low = {
        fill: round(ratio(theme.ink, fill), 2) for fill in _fills(theme) if ratio(theme.ink, fill) < AA_TEXT
    }
    assert not low, f"theme {name}: ink {theme.ink} on {low}"


def test_the_ratio_is_wcag_s() -> None:
    assert ratio("#000", "#fff") == pytest.approx(21)
    assert ratio("#777", "#fff") == pytest.approx(4.48, abs=0.01)
    assert ratio("#5b6475", "#8fb6dc") < AA_TEXT  # the "vahva" badge of issue 15, before its fix
