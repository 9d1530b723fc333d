"""Score and change reports as text, JSON and CSV; they only ever see figures that passed suppression."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import Any, Final

from osallisuuden_palaset.markup import guard_formula
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.analysis import (
    Band,
    ChangeFigures,
    ChangeReport,
    GroupFigures,
    GroupKey,
    ScoreReport,
)
from osallisuuden_palaset.surveying.labels import label
from osallisuuden_palaset.surveying.statistics import PairedTest, WelchTest

FORMATS: Final = ("text", "json", "csv")
DASH: Final = "–"
Report = ScoreReport | ChangeReport


def number(value: float | None, decimals: int, lang: Lang = "en") -> str:
    """A figure rounded for people: decimal comma in Finnish and Swedish, "–" for none."""
    if value is None or not math.isfinite(value):
        return DASH
    shown = f"{value:.{decimals}f}"
    if shown.startswith("-") and float(shown) == 0.0:
        shown = shown[1:]
    return shown.replace(".", ",") if lang in ("fi", "sv") else shown


def signed(value: float | None, decimals: int, lang: Lang = "en") -> str:
    """A change with its sign: "+3.2", "−1.0"."""
    shown = number(value, decimals, lang)
    if shown == DASH or value is None:
        return shown
    return shown.replace("-", "−") if shown.startswith("-") else "+" + shown


def p_value(p: float | None, lang: Lang = "en") -> str:
    """A p-value: "< 0.001" or three decimals."""
    if p is None:
        return DASH
    return "< " + number(0.001, 3, lang) if p < 0.001 else "= " + number(p, 3, lang)


def interval(low: float | None, high: float | None, decimals: int, lang: Lang = "en") -> str:
    """A confidence interval "a…b", or "–"."""
    if low is None or high is None:
        return DASH
    return f"{number(low, decimals, lang)}…{number(high, decimals, lang)}"


def group_name(key: GroupKey, lang: Lang) -> str:
    """How a group is named in reports: "project=Alpha, age=18-29", or "All"."""
    if not key:
        return label("all", lang)
    return ", ".join(f"{field}={value or DASH}" for field, value in key)


def band_name(band: Band, decimals: int, lang: Lang) -> str:
    """A band's label, or its range."""
    if band.label is not None:
        return band.label.get(lang)
    return f"{number(band.low, 0 if band.low.is_integer() else decimals, lang)}–" + number(
        band.high, 0 if band.high.is_integer() else decimals, lang
    )


def render(report: Report, fmt: str, lang: Lang = "fi") -> str:
    """The report in ``fmt`` ("text", "json" or "csv")."""
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "text":
        return render_text(report, lang)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


# --- text -----------------------------------------------------------------------------------------


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def title(report: Report, lang: Lang = "fi") -> str:
    """The instrument's name with its score range."""
    instrument = report.instrument
    low, high = instrument.score_range
    d = 0 if low.is_integer() and high.is_integer() else instrument.scoring.decimals
    scale = label("range", lang, low=number(low, d, lang), high=number(high, d, lang))
    return f"{instrument.name.get(lang)} ({scale})"


def _heading(report: Report, lang: Lang) -> list[str]:
    return [title(report, lang), label("suppression", lang, m=report.min_group), ""]


def _summary_cells(figures: GroupFigures, decimals: int, lang: Lang) -> list[str]:
    s = figures.summary
    if s is None:
        return [figures.n_shown, DASH, DASH, DASH, DASH]
    return [
        figures.n_shown,
        number(s.mean, decimals, lang),
        number(s.sd, decimals, lang),
        number(s.median, decimals, lang),
        interval(s.ci_low, s.ci_high, decimals, lang),
    ]


def _distribution_line(figures: GroupFigures, bands: Sequence[Band], decimals: int, lang: Lang) -> str | None:
    if figures.distribution is None:
        return None
    parts = [f"{band_name(b, decimals, lang)}: {c}" for b, c in zip(bands, figures.distribution, strict=True)]
    return "; ".join(parts)


def table_rows(report: Report, lang: Lang = "fi") -> list[list[str]]:
    """The report's table for people: a heading row, then everyone, then each group."""
    d = report.instrument.scoring.decimals
    if isinstance(report, ScoreReport):
        head = [label(k, lang) for k in ("group", "n", "mean", "sd", "median", "ci")]
        everyone = [report.total, *report.groups]
        return [head, *([group_name(f.key, lang), *_summary_cells(f, d, lang)] for f in everyone)]
    head = [
        label("group", lang),
        f"{label('start', lang)} {label('n', lang)}",
        f"{label('start', lang)} {label('mean', lang)}",
        f"{label('follow_up', lang)} {label('n', lang)}",
        f"{label('follow_up', lang)} {label('mean', lang)}",
        label("pairs", lang),
        label("change", lang),
        label("ci", lang),
        label("effect", lang),
        label("p", lang),
    ]
    return [
        head,
        *([group_name(c.key, lang), *_change_cells(c, d, lang)] for c in (report.total, *report.groups)),
    ]


def notes(report: Report, lang: Lang = "fi") -> list[str]:
    """Sentences that go under the table: unpaired comparisons, respondents without a score."""
    if isinstance(report, ScoreReport):
        return [f"{label('unscored', lang)}: {report.total.unscored}"] if report.total.unscored else []
    return [
        f"{group_name(c.key, lang)}: {label('no_pairs', lang)}"
        for c in (report.total, *report.groups)
        if c.unpaired is not None
    ]


def render_text(report: Report, lang: Lang = "fi") -> str:
    """A plain-text report for a terminal or an e-mail."""
    lines = _heading(report, lang) + _table(table_rows(report, lang))
    if isinstance(report, ScoreReport):
        d = report.instrument.scoring.decimals
        lines += ["", label("distribution", lang) + ":"]
        for f in (report.total, *report.groups):
            line = _distribution_line(f, report.bands, d, lang)
            lines.append(f"  {group_name(f.key, lang)}: {line or label('suppressed', lang)}")
    extra = notes(report, lang)
    return "\n".join([*lines, *(["", *extra] if extra else [])]) + "\n"


def _change_cells(c: ChangeFigures, d: int, lang: Lang) -> list[str]:
    start_mean = number(c.start.summary.mean, d, lang) if c.start.summary else DASH
    follow_mean = number(c.follow_up.summary.mean, d, lang) if c.follow_up.summary else DASH
    counts = [c.start.n_shown, start_mean, c.follow_up.n_shown, follow_mean, c.pairs_shown]
    test: PairedTest | WelchTest | None = c.paired or c.unpaired
    if isinstance(test, PairedTest):
        change, effect = test.mean_change, test.d_z
        effect_text = f"d_z {number(effect, 2, lang)}" if effect is not None else DASH
    elif isinstance(test, WelchTest):
        change, effect = test.difference, test.g
        effect_text = f"g {number(effect, 2, lang)}" if effect is not None else DASH
    else:
        return [*counts, DASH, DASH, DASH, DASH]
    return [
        *counts,
        signed(change, d, lang),
        interval(test.ci_low, test.ci_high, d, lang),
        effect_text,
        p_value(test.p, lang),
    ]


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


def _n(figures_n: str) -> int | str:
    return int(figures_n) if figures_n.isdigit() else figures_n


def figures_data(f: GroupFigures) -> dict[str, Any]:
    """Plain data of one group's figures (a suppressed group: its key, ``n`` "<5" and the flag)."""
    out: dict[str, Any] = {"group": dict(f.key), "n": _n(f.n_shown), "suppressed": f.suppressed}
    if f.summary is not None:
        s = f.summary
        out.update(
            mean=_round(s.mean),
            sd=_round(s.sd),
            median=_round(s.median),
            ci_low=_round(s.ci_low),
            ci_high=_round(s.ci_high),
            distribution=list(f.distribution or ()),
            unscored=f.unscored,
        )
    return out


def _test_data(c: ChangeFigures) -> dict[str, Any] | None:
    if c.paired is not None:
        t = c.paired
        return {"test": "paired_t", "n": t.n, "mean_change": _round(t.mean_change),
                "sd_change": _round(t.sd_change), "ci_low": _round(t.ci_low), "ci_high": _round(t.ci_high),
                "t": _round(t.t), "df": t.df, "p": _p(t.p), "d_z": _round(t.d_z)}  # fmt: skip
    if c.unpaired is not None:
        w = c.unpaired
        return {"test": "welch_t", "difference": _round(w.difference), "ci_low": _round(w.ci_low),
                "ci_high": _round(w.ci_high), "t": _round(w.t), "df": _round(w.df), "p": _p(w.p),
                "hedges_g": _round(w.g)}  # fmt: skip
    return None


def change_data(c: ChangeFigures) -> dict[str, Any]:
    """Plain data of one group's change."""
    start, follow = figures_data(c.start), figures_data(c.follow_up)
    start.pop("group")
    follow.pop("group")
    return {
        "group": dict(c.key),
        "start": start,
        "follow_up": follow,
        "pairs": _n(c.pairs_shown),
        "pairs_suppressed": c.pairs_suppressed,
        "change": _test_data(c),
    }


def report_data(report: Report) -> dict[str, Any]:
    """The whole report as plain data (what the JSON output holds)."""
    instrument = report.instrument
    low, high = instrument.score_range
    head: dict[str, Any] = {
        "instrument": {"id": instrument.id, "name": instrument.name.get("en"), "low": low, "high": high},
        "min_group": report.min_group,
        "by": list(report.by),
        "bands": [
            {
                "low": _round(b.low),
                "high": _round(b.high),
                **({"label": b.label.get("en")} if b.label else {}),
            }
            for b in report.bands
        ],
    }
    if isinstance(report, ScoreReport):
        return {
            **head,
            "total": figures_data(report.total),
            "groups": [figures_data(g) for g in report.groups],
        }
    return {**head, "total": change_data(report.total), "groups": [change_data(g) for g in report.groups]}


def render_json(report: Report) -> str:
    """The report as deterministic, indented JSON."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- CSV ------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return guard_formula(str(value))


def render_csv(report: Report) -> str:
    """The report as CSV: one row per group, suppressed groups with n "<5" and empty figures."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    by = list(report.by)
    if isinstance(report, ScoreReport):
        stats = ["n", "mean", "sd", "median", "ci_low", "ci_high", "unscored"]
        bands = [f"band_{i + 1}" for i in range(len(report.bands))]
        writer.writerow([*by, *stats, *bands])
        for f in (report.total, *report.groups):
            data = figures_data(f)
            row = [*(_group_cells(f.key, by)), *(data.get(k) for k in stats)]
            row += list(data.get("distribution") or [None] * len(bands))
            writer.writerow([_cell(v) for v in row])
        return buffer.getvalue()
    columns = ["start_n", "start_mean", "start_sd", "follow_up_n", "follow_up_mean", "follow_up_sd", "pairs",
               "test", "change", "ci_low", "ci_high", "t", "df", "p", "effect_size"]  # fmt: skip
    writer.writerow([*by, *columns])
    for c in (report.total, *report.groups):
        d = change_data(c)
        test = d["change"] or {}
        row = [
            *_group_cells(c.key, by),
            d["start"]["n"], d["start"].get("mean"), d["start"].get("sd"),
            d["follow_up"]["n"], d["follow_up"].get("mean"), d["follow_up"].get("sd"),
            d["pairs"], test.get("test"), test.get("mean_change", test.get("difference")),
            test.get("ci_low"), test.get("ci_high"), test.get("t"), test.get("df"), test.get("p"),
            test.get("d_z", test.get("hedges_g")),
        ]  # fmt: skip
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def _group_cells(key: GroupKey, by: Sequence[str]) -> list[str]:
    values = dict(key)
    return [values.get(field, "*") if key else "*" for field in by]
