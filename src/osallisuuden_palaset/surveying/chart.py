"""Small, deterministic SVG charts built as text: score distributions, each group's mean before and after."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

from osallisuuden_palaset.messages.survey_words import label
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.analysis import (
    Band,
    ChangeFigures,
    ChangeReport,
    GroupFigures,
    ScoreReport,
)
from osallisuuden_palaset.surveying.formatting import band_name, group_name, hidden_text, number
from osallisuuden_palaset.surveying.privacy import Hidden

WIDTH: Final = 480
HEIGHT: Final = 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 36, 64
#: Bar colours: start, follow-up (distinguishable in greyscale and for common colour blindness).
COLOURS: Final = ("#8da0cb", "#e66101")


def _f(value: float) -> str:
    """A coordinate with at most one decimal, the same on every platform."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _attr(value: str) -> str:
    return escape(value, quote=True)


def distribution_svg(
    series: Sequence[tuple[str, GroupFigures]],
    bands: Sequence[Band],
    *,
    title: str,
    lang: Lang = "fi",
    min_group: int = 5,
    decimals: int = 1,
) -> str:
    """An SVG of each series' distribution over ``bands`` as shares of its respondents.

    A hidden series draws no bars; the legend says why it is not shown.
    """
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{_attr(title)}" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{_LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for step in range(5):
        grid = step * 25
        y = _TOP + plot_h - plot_h * grid / 100
        out.append(f'<line x1="{_LEFT}" y1="{_f(y)}" x2="{_LEFT + plot_w}" y2="{_f(y)}" stroke="#ddd"/>')
        out.append(f'<text x="{_LEFT - 4}" y="{_f(y + 4)}" text-anchor="end">{grid} %</text>')
    slot = plot_w / max(1, len(bands))
    bar_w = slot * 0.8 / max(1, len(series))
    for index, band in enumerate(bands):
        x0 = _LEFT + index * slot
        for s_index, (_, figures) in enumerate(series):
            if figures.distribution is None:
                continue
            total = sum(figures.distribution) or 1
            share = 100 * figures.distribution[index] / total
            height = plot_h * share / 100
            x = x0 + slot * 0.1 + s_index * bar_w
            out.append(
                f'<rect x="{_f(x)}" y="{_f(_TOP + plot_h - height)}" width="{_f(bar_w)}" '
                f'height="{_f(height)}" fill="{COLOURS[s_index % len(COLOURS)]}">'
                f"<title>{escape(f'{band_name(band, decimals, lang)}: {share:.0f} %')}</title></rect>"
            )
        out.append(
            f'<text x="{_f(x0 + slot / 2)}" y="{_TOP + plot_h + 14}" text-anchor="middle">'
            f"{escape(band_name(band, decimals, lang))}</text>"
        )
    out.append(
        f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{_LEFT + plot_w}" y2="{_TOP + plot_h}" stroke="#333"/>'
    )
    out.append(
        f'<text x="12" y="{_f(_TOP + plot_h / 2)}" transform="rotate(-90 12 {_f(_TOP + plot_h / 2)})" '
        f'text-anchor="middle">{escape(label("share", lang))}</text>'
    )
    for s_index, (name, figures) in enumerate(series):
        y = HEIGHT - 28 + s_index * 14 if len(series) <= 2 else HEIGHT - 28
        x = _LEFT + (0 if len(series) <= 2 else s_index * 150)
        if figures.summary is not None:
            text = f"{name} (n {figures.n_shown})"
        else:
            text = f"{name}: {hidden_text(figures.hidden or Hidden.SMALL, min_group, lang)}"
        out.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{COLOURS[s_index % len(COLOURS)]}"/>'
        )
        out.append(f'<text x="{x + 14}" y="{y}">{escape(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def change_chart(report: ChangeReport, figures: ChangeFigures | None = None, *, lang: Lang = "fi") -> str:
    """The start and follow-up distributions of one group of a change report (everyone by default)."""
    chosen = figures or report.total
    title = label("chart_title", lang)
    if chosen.key:
        title += f" – {group_name(chosen.key, lang)}"
    return distribution_svg(
        [(label("start", lang), chosen.start), (label("follow_up", lang), chosen.follow_up)],
        report.bands,
        title=title,
        lang=lang,
        min_group=report.min_group,
        decimals=report.instrument.scoring.decimals,
    )


def score_chart(report: ScoreReport, figures: GroupFigures | None = None, *, lang: Lang = "fi") -> str:
    """The distribution of one group of a score report (everyone by default)."""
    chosen = figures or report.total
    return distribution_svg(
        [(group_name(chosen.key, lang), chosen)],
        report.bands,
        title=f"{label('distribution', lang)}: {report.instrument.name.get(lang)}",
        lang=lang,
        min_group=report.min_group,
        decimals=report.instrument.scoring.decimals,
    )


# --- each group's mean before and after -------------------------------------------------------------

_ROW = 22
_NAME_W = 190


def means_chart(report: ChangeReport | ScoreReport, *, lang: Lang = "fi") -> str:
    """One row per cell of the report: the mean at the start (and the follow-up), or why it is hidden.

    Only cells that may be shown get dots: a row whose figures are hidden says why in words.
    """
    cells = (report.total, *report.groups)
    low, high = report.instrument.score_range
    d = report.instrument.scoring.decimals
    plot_w = WIDTH - _NAME_W - _RIGHT
    height = _TOP + _ROW * len(cells) + 40
    title = label("means_title", lang)

    def x(value: float) -> float:
        return _NAME_W + plot_w * (value - low) / (high - low)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_attr(title)}" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="8" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    bottom = _TOP + _ROW * len(cells)
    for step in range(5):
        value = low + (high - low) * step / 4
        out.append(
            f'<line x1="{_f(x(value))}" y1="{_TOP - 6}" x2="{_f(x(value))}" y2="{bottom}" stroke="#ddd"/>'
        )
        tick = escape(number(value, 0, lang))
        out.append(f'<text x="{_f(x(value))}" y="{bottom + 14}" text-anchor="middle">{tick}</text>')
    for index, cell in enumerate(cells):
        y = _TOP + _ROW * index + _ROW / 2
        waves = (cell.start, cell.follow_up) if isinstance(cell, ChangeFigures) else (cell,)
        out.append(f'<text x="8" y="{_f(y + 4)}">{escape(group_name(cell.key, lang))}</text>')
        if any(w.summary is None for w in waves):
            hidden = next(w.hidden for w in waves if w.summary is None) or Hidden.SMALL
            why = hidden_text(hidden, report.min_group, lang)
            out.append(f'<text x="{_NAME_W}" y="{_f(y + 4)}" fill="#555">{escape(why)}</text>')
            continue
        means = [w.summary.mean for w in waves if w.summary is not None]
        if len(means) == 2:
            out.append(
                f'<line x1="{_f(x(means[0]))}" y1="{_f(y)}" x2="{_f(x(means[1]))}" y2="{_f(y)}" '
                'stroke="#999" stroke-width="2"/>'
            )
        for w_index, (wave, mean) in enumerate(zip(_wave_names(report, lang), means, strict=False)):
            tip = f"{wave}: {number(mean, d, lang)} (n {waves[w_index].n_shown})"
            out.append(
                f'<circle cx="{_f(x(mean))}" cy="{_f(y)}" r="5" fill="{COLOURS[w_index]}">'
                f"<title>{escape(tip)}</title></circle>"
            )
    legend_y = bottom + 30
    for w_index, wave in enumerate(_wave_names(report, lang)):
        lx = _NAME_W + w_index * 120
        out.append(f'<circle cx="{lx}" cy="{legend_y - 4}" r="5" fill="{COLOURS[w_index]}"/>')
        out.append(f'<text x="{lx + 10}" y="{legend_y}">{escape(wave)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _wave_names(report: ChangeReport | ScoreReport, lang: Lang) -> tuple[str, ...]:
    if isinstance(report, ChangeReport):
        return (label("start", lang), label("follow_up", lang))
    return (label("mean", lang),)


def combined(*charts: str) -> str:
    """Several SVG charts stacked into one SVG, top to bottom (one file for a report to link)."""
    heights = [int(c.split('height="', 1)[1].split('"', 1)[0]) for c in charts]
    total = sum(heights)
    box = f'width="{WIDTH}" height="{total}" viewBox="0 0 {WIDTH} {total}"'
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" {box}>']
    y = 0
    for chart, h in zip(charts, heights, strict=True):
        out.append(chart.replace("<svg ", f'<svg y="{y}" ', 1).rstrip("\n"))
        y += h
    out.append("</svg>")
    return "\n".join(out) + "\n"
