"""One plain-language sentence per result of a survey report, and a legend of its abbreviations."""

from __future__ import annotations

from osallisuuden_palaset.messages.survey_words import label
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.analysis import ChangeFigures, ChangeReport, GroupFigures, ScoreReport
from osallisuuden_palaset.surveying.formatting import group_name, number, p_value, scale_range
from osallisuuden_palaset.surveying.privacy import Hidden

Report = ScoreReport | ChangeReport

#: A change is called statistically significant below this p-value.
ALPHA = 0.05


def _amount(value: float, decimals: int, lang: Lang) -> str:
    shown = number(abs(value), decimals, lang)
    return label("point" if shown == "1" else "points", lang, x=shown)


def _significance(p: float | None, lang: Lang) -> str:
    if p is None:
        return label("no_test", lang)
    return label("significant" if p < ALPHA else "not_significant", lang, p=p_value(p, lang))


def _hidden(name: str, hidden: Hidden | None, report: Report, lang: Lang) -> str:
    key = "sentence_protected" if hidden is Hidden.COMPLEMENTARY else "sentence_small"
    return label(key, lang, group=name, m=report.min_group)


def score_sentence(report: ScoreReport, figures: GroupFigures, lang: Lang = "fi") -> str:
    """ "Kaikki: pistemäärä oli keskimäärin 56,0 asteikolla 0–100 (21 vastaajaa)." (or why it is hidden)."""
    name = group_name(figures.key, lang)
    if figures.summary is None:
        return _hidden(name, figures.hidden, report, lang)
    d = report.instrument.scoring.decimals
    return label(
        "sentence_score", lang, group=name, mean=number(figures.summary.mean, d, lang),
        scale=scale_range(report.instrument, lang), n=figures.n_shown,
    )  # fmt: skip


def change_sentence(report: ChangeReport, figures: ChangeFigures, lang: Lang = "fi") -> str:
    """ "Kaikki: pistemäärä nousi keskimäärin 9,3 pistettä asteikolla 0–100 (…); muutos on …" (or why not)."""
    name = group_name(figures.key, lang)
    d = report.instrument.scoring.decimals
    scale = scale_range(report.instrument, lang)
    if figures.paired is not None:
        t = figures.paired
        shown = number(abs(t.mean_change), d, lang)
        direction = "same" if float(shown.replace(",", ".")) == 0 else "rose" if t.mean_change > 0 else "fell"
        return label(
            f"sentence_{direction}", lang, group=name, amount=_amount(t.mean_change, d, lang), scale=scale,
            n=figures.pairs_shown, significance=_significance(t.p, lang),
        )  # fmt: skip
    if figures.unpaired is not None:
        w = figures.unpaired
        return label(
            "sentence_higher" if w.difference >= 0 else "sentence_lower", lang, group=name,
            amount=_amount(w.difference, d, lang), n1=figures.start.n_shown, n2=figures.follow_up.n_shown,
            significance=_significance(w.p, lang),
        )  # fmt: skip
    return _why_no_change(report, figures, name, lang)


def _why_no_change(report: ChangeReport, figures: ChangeFigures, name: str, lang: Lang) -> str:
    """Why a cell shows no change: one reason for the whole group, or one per wave and the pairs."""
    m = report.min_group
    parts = (figures.start.hidden, figures.follow_up.hidden, figures.pairs_hidden)
    if parts[0] is not None and len(set(parts)) == 1:
        return _hidden(name, parts[0], report, lang)
    reasons = [
        label(f"wave_{hidden.value}", lang, wave=label(f"in_{wave}", lang), m=m)
        for wave, hidden in (("start", parts[0]), ("follow_up", parts[1]))
        if hidden is not None
    ]
    # Fewer than the limit in a wave means fewer pairs too: that needs no saying twice.
    if parts[2] is not None and not (parts[2] is Hidden.SMALL and Hidden.SMALL in parts[:2]):
        reasons.append(
            label("change_protected" if parts[2] is Hidden.COMPLEMENTARY else "few_pairs", lang, m=m)
        )
    return f"{name}: {'; '.join(reasons)}."


def sentences(report: Report, lang: Lang = "fi") -> list[str]:
    """One sentence per row of the report: everyone first, then every margin and group."""
    if isinstance(report, ScoreReport):
        return [score_sentence(report, f, lang) for f in (report.total, *report.groups)]
    return [change_sentence(report, c, lang) for c in (report.total, *report.groups)]


def legend(report: Report, lang: Lang = "fi") -> list[str]:
    """The abbreviations of the tables explained (with the effect sizes and p of a change report)."""
    out = [label("abbreviations", lang)]
    if isinstance(report, ChangeReport):
        out.append(label("abbreviations_change", lang))
    return out
