"""Score and change reports as text, JSON and CSV; they only ever see figures that passed protection."""

from __future__ import annotations

import csv
import functools
import io
import json
import math
from collections.abc import Sequence
from typing import Any, Final

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from osallisuuden_palaset.files.converting import output_converter
from osallisuuden_palaset.markup import guard_formula
from osallisuuden_palaset.messages.catalogue import msg
from osallisuuden_palaset.messages.survey_words import label
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.model.text import Lang, Text
from osallisuuden_palaset.surveying.analysis import (
    Band,
    ChangeFigures,
    ChangeReport,
    GroupFigures,
    GroupKey,
    ScoreReport,
)
from osallisuuden_palaset.surveying.formatting import (
    DASH,
    band_name,
    group_name,
    hidden_text,
    instrument_title,
    interval,
    number,
    p_value,
    signed,
    size,
)
from osallisuuden_palaset.surveying.privacy import Hidden
from osallisuuden_palaset.surveying.sentences import legend, sentences
from osallisuuden_palaset.surveying.statistics import PairedTest, Summary, WelchTest

__all__ = [
    "CSV_DIALECTS", "DASH", "FORMATS", "Report", "band_name", "group_name", "interval", "notes", "number",
    "p_value", "render", "render_csv", "render_json", "render_text", "report_data", "signed", "tables",
    "title",
]  # fmt: skip

FORMATS: Final = ("text", "json", "csv")
#: CSV for programs (comma, decimal point), or for Excel in Finnish and Swedish (semicolon, decimal
#: comma, a UTF-8 byte order mark so that Excel reads the letters right).
CSV_DIALECTS: Final = ("standard", "excel")
Report = ScoreReport | ChangeReport
#: A table for people: its caption, then a heading row and one row per cell.
Table = tuple[str, list[list[str]]]


def title(report: Report, lang: Lang = "fi") -> str:
    """The instrument's name with its score range."""
    return instrument_title(report.instrument, lang)


def render(report: Report, fmt: str, lang: Lang = "fi", *, csv_dialect: str = "standard") -> str:
    """The report in ``fmt`` ("text", "json" or "csv"; ``csv_dialect`` "standard" or "excel")."""
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report, dialect=csv_dialect)
    if fmt == "text":
        return render_text(report, lang)
    raise ValueError(
        msg("unknown format {name}; use one of {known}", name=repr(fmt), known=", ".join(FORMATS))
    )


# --- tables for people ----------------------------------------------------------------------------


def _aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def _summary_cells(figures: GroupFigures, decimals: int, lang: Lang) -> list[str]:
    s = figures.summary
    shown = size(figures.n_shown, figures.hidden, lang)
    if s is None:
        return [shown, DASH, DASH, DASH, DASH]
    return [
        shown,
        number(s.mean, decimals, lang),
        number(s.sd, decimals, lang),
        number(s.median, decimals, lang),
        interval(s.ci_low, s.ci_high, decimals, lang),
    ]


def _change_cells(c: ChangeFigures, d: int, lang: Lang) -> list[str]:
    test: PairedTest | WelchTest | None = c.paired or c.unpaired
    pairs = size(c.pairs_shown, c.pairs_hidden, lang)
    if isinstance(test, PairedTest):
        change, effect = (
            test.mean_change,
            f"d_z {number(test.d_z, 2, lang)}" if test.d_z is not None else DASH,
        )
    elif isinstance(test, WelchTest):
        change, effect = test.difference, f"g {number(test.g, 2, lang)}" if test.g is not None else DASH
    else:
        return [pairs, DASH, DASH, DASH, DASH]
    return [pairs, signed(change, d, lang), interval(test.ci_low, test.ci_high, d, lang), effect,
            p_value(test.p, lang)]  # fmt: skip


def tables(report: Report, lang: Lang = "fi") -> list[Table]:
    """The report's tables: the scores; or the waves (n, mean, sd, median per wave) and the change."""
    d = report.instrument.scoring.decimals
    stats = [label(k, lang) for k in ("n", "mean", "sd", "median", "ci")]
    if isinstance(report, ScoreReport):
        rows = [
            [group_name(f.key, lang), *_summary_cells(f, d, lang)] for f in (report.total, *report.groups)
        ]
        return [(label("scores_table", lang), [[label("group", lang), *stats], *rows])]
    cells = (report.total, *report.groups)
    waves = [
        [group_name(c.key, lang), label(wave, lang), *_summary_cells(f, d, lang)]
        for c in cells
        for wave, f in (("start", c.start), ("follow_up", c.follow_up))
    ]
    change_head = [label(k, lang) for k in ("group", "pairs", "change", "ci", "effect", "p")]
    changes = [[group_name(c.key, lang), *_change_cells(c, d, lang)] for c in cells]
    return [
        (label("waves_table", lang), [[label("group", lang), label("wave", lang), *stats], *waves]),
        (label("change_table", lang), [change_head, *changes]),
    ]


def notes(report: Report, lang: Lang = "fi") -> list[str]:
    """What goes under the tables: unpaired comparisons, respondents without a score, rows skipped."""
    out: list[str] = []
    if isinstance(report, ScoreReport):
        if report.total.unscored:
            out.append(f"{label('unscored', lang)}: {report.total.unscored}")
    else:
        out += [
            f"{group_name(c.key, lang)}: {label('no_pairs', lang)}"
            for c in (report.total, *report.groups)
            if c.unpaired is not None
        ]
        first, second = report.total.start.unscored, report.total.follow_up.unscored
        if first or second:
            out.append(label("unscored_waves", lang, start=first or 0, follow=second or 0))
    if report.skipped:
        out.append(label("skipped", lang, n=report.skipped))
    if report.margins_widened:
        out.append(label("margins_widened", lang))
    out += [label("withdrawn", lang, fields=", ".join(fields)) for fields in report.withdrawn]
    return out


def _distribution_line(figures: GroupFigures, report: ScoreReport, lang: Lang) -> str:
    if figures.distribution is None:
        return hidden_text(figures.hidden or Hidden.SMALL, report.min_group, lang)
    d = report.instrument.scoring.decimals
    pairs = zip(report.bands, figures.distribution, strict=True)
    return "; ".join(f"{band_name(b, d, lang)}: {c}" for b, c in pairs)


def render_text(report: Report, lang: Lang = "fi") -> str:
    """A plain-text report for a terminal or an e-mail."""
    lines = [title(report, lang), label("suppression", lang, m=report.min_group), ""]
    for caption, rows in tables(report, lang):
        lines += [f"{caption}:", *_aligned(rows), ""]
    if isinstance(report, ScoreReport):
        lines.append(label("distribution", lang) + ":")
        for f in (report.total, *report.groups):
            lines.append(f"  {group_name(f.key, lang)}: {_distribution_line(f, report, lang)}")
        lines.append("")
    lines += [f"{label('results', lang)}:", *(f"  {s}" for s in sentences(report, lang)), ""]
    lines += [*notes(report, lang), *legend(report, lang)]
    return "\n".join(lines) + "\n"


# --- JSON -----------------------------------------------------------------------------------------


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, digits) + 0.0


def _p(value: float | None) -> float | None:
    """A p-value to four significant digits (tiny p-values stay visible, not 0.0)."""
    if value is None or not math.isfinite(value):
        return None
    return float(f"{value:.4g}")


def _n(n_shown: str) -> int | str | None:
    """A shown n as data: a number, "<5" for a small cell, null for a cell hidden to protect another."""
    return int(n_shown) if n_shown.isdigit() else n_shown or None


def _reason(hidden: Hidden | None) -> str | None:
    return None if hidden is None else hidden.value


@functools.cache
def _converter() -> cattrs.Converter:
    """The one output converter, with every place where the survey JSON differs from the classes.

    Figures are rounded to four decimals, p-values to four significant digits; an instrument
    is its id, English name and score range; a band's label is its English text. The cells
    (:class:`GroupFigures`, :class:`ChangeFigures`) are written by :func:`figures_data` and
    :func:`change_data`, which list what a cell may show: a hidden cell shows only its key,
    its n and why it is hidden, and a field added to a cell never reaches the JSON unlisted.
    """
    conv = output_converter().copy()
    omit, p = override(omit=True), override(unstruct_hook=_p)
    conv.register_unstructure_hook(float, _round)
    # n is the cell's own n_shown ("<5" when small), never the summary's count.
    conv.register_unstructure_hook(Summary, make_dict_unstructure_fn(Summary, conv, n=omit))
    conv.register_unstructure_hook(PairedTest, make_dict_unstructure_fn(PairedTest, conv, p=p))
    welch = make_dict_unstructure_fn(
        WelchTest, conv, n_first=omit, n_second=omit, p=p, g=override(rename="hedges_g")
    )
    conv.register_unstructure_hook(WelchTest, welch)
    english = override(omit_if_default=True, unstruct_hook=_english)
    conv.register_unstructure_hook(Band, make_dict_unstructure_fn(Band, conv, label=english))
    conv.register_unstructure_hook(GroupFigures, figures_data)
    conv.register_unstructure_hook(ChangeFigures, change_data)
    head = override(unstruct_hook=_instrument_data)
    for report in (ScoreReport, ChangeReport):
        conv.register_unstructure_hook(report, make_dict_unstructure_fn(report, conv, instrument=head))
    return conv


def _english(text: Text) -> str:
    return text.get("en")


def _instrument_data(instrument: Instrument) -> dict[str, Any]:
    low, high = instrument.score_range
    return {"id": instrument.id, "name": instrument.name.get("en"), "low": low, "high": high}


def figures_data(f: GroupFigures) -> dict[str, Any]:
    """Plain data of one cell's figures (a hidden cell: its key, ``n`` and why it is hidden)."""
    out: dict[str, Any] = {"group": dict(f.key), "n": _n(f.n_shown), "suppressed": _reason(f.hidden)}
    if f.summary is not None:
        out.update(_converter().unstructure(f.summary), distribution=list(f.distribution or ()))
    if f.unscored is not None:
        out["unscored"] = f.unscored
    return out


def _test_data(c: ChangeFigures) -> dict[str, Any] | None:
    if c.paired is not None:
        return {"test": "paired_t", **_converter().unstructure(c.paired)}
    if c.unpaired is not None:
        return {"test": "welch_t", **_converter().unstructure(c.unpaired)}
    return None


def change_data(c: ChangeFigures) -> dict[str, Any]:
    """Plain data of one cell's change."""
    start, follow = figures_data(c.start), figures_data(c.follow_up)
    start.pop("group")
    follow.pop("group")
    return {
        "group": dict(c.key),
        "start": start,
        "follow_up": follow,
        "pairs": _n(c.pairs_shown),
        "pairs_suppressed": _reason(c.pairs_hidden),
        "change": _test_data(c),
    }


def report_data(report: Report) -> dict[str, Any]:
    """The whole report as plain data (what the JSON output holds; every other format shows less)."""
    data: dict[str, Any] = _converter().unstructure(report)
    return data


def render_json(report: Report) -> str:
    """The report as deterministic, indented JSON."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- CSV ------------------------------------------------------------------------------------------

_SCORE_COLUMNS: Final = ("n", "suppressed", "mean", "sd", "median", "ci_low", "ci_high", "unscored")
_WAVE_COLUMNS: Final = ("n", "suppressed", "mean", "sd", "median")
_TEST_COLUMNS: Final = ("test", "change", "ci_low", "ci_high", "t", "df", "p", "effect_size")


def _cell(value: object, dialect: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",") if dialect == "excel" else repr(value)
    return guard_formula(str(value))


def _group_cells(key: GroupKey, by: Sequence[str]) -> list[str]:
    """The group's value of each ``--by`` field, "*" for a field the cell adds up over."""
    values = dict(key)
    return [values.get(field, "*") for field in by]


def render_csv(report: Report, *, dialect: str = "standard") -> str:
    """The report as CSV: one row per cell; a hidden cell has its n ("<5" or empty), why, and no figures."""
    if dialect not in CSV_DIALECTS:
        raise ValueError(
            msg(
                "unknown CSV dialect {name}; use one of {known}",
                name=repr(dialect),
                known=", ".join(CSV_DIALECTS),
            )
        )
    excel = dialect == "excel"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    by = list(report.by)
    rows: list[list[object]] = []
    if isinstance(report, ScoreReport):
        bands = [f"band_{i + 1}" for i in range(len(report.bands))]
        rows.append([*by, *_SCORE_COLUMNS, *bands])
        for f in (report.total, *report.groups):
            data = figures_data(f)
            row: list[object] = [*_group_cells(f.key, by), *(data.get(k) for k in _SCORE_COLUMNS)]
            rows.append(row + list(data.get("distribution") or [None] * len(bands)))
    else:
        waves = [f"{w}_{k}" for w in ("start", "follow_up") for k in _WAVE_COLUMNS]
        rows.append([*by, *waves, "pairs", "pairs_suppressed", *_TEST_COLUMNS])
        for c in (report.total, *report.groups):
            d = change_data(c)
            test = d["change"] or {}
            row = [
                *_group_cells(c.key, by),
                *(d[w].get(k) for w in ("start", "follow_up") for k in _WAVE_COLUMNS),
            ]
            row += [d["pairs"], d["pairs_suppressed"], test.get("test"),
                    test.get("mean_change", test.get("difference")), test.get("ci_low"),
                    test.get("ci_high"), test.get("t"), test.get("df"), test.get("p"),
                    test.get("d_z", test.get("hedges_g"))]  # fmt: skip
            rows.append(row)
    for values in rows:
        writer.writerow([_cell(v, dialect) for v in values])
    return ("\ufeff" if excel else "") + buffer.getvalue()
