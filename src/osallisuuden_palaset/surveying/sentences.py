"""One plain-language sentence per result of a survey report, and a legend of its abbreviations."""

from __future__ import annotations

from osallisuuden_palaset.messages.catalogue import say, say_n
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
    if shown == "1":  # "1 point", but "1.0 points", "1,5 pistettä": the figure as written decides
        return say(lang, "{x} point", x=shown)
    return say(lang, "{x} points", x=shown)


def _significance(p: float | None, lang: Lang) -> str:
    if p is None:
        return say(lang, "its significance cannot be computed because the figures do not vary")
    if p < ALPHA:
        return say(lang, "the change is statistically significant (p {p})", p=p_value(p, lang))
    return say(
        lang,
        "the change is not statistically significant (p {p}), so it may be due to chance",
        p=p_value(p, lang),
    )


def _count(shown: str) -> int:
    """The n of a group that is shown (its figures are shown, so its n is the plain count)."""
    return int(shown)


def _hidden(name: str, hidden: Hidden | None, report: Report, lang: Lang) -> str:
    if hidden is Hidden.COMPLEMENTARY:
        return say(lang, "{group}: hidden to protect another group.", group=name)
    return say_n(
        lang,
        "{group}: fewer than {n} respondent, so no figures are shown.",
        "{group}: fewer than {n} respondents, so no figures are shown.",
        report.min_group,
        group=name,
    )


def score_sentence(report: ScoreReport, figures: GroupFigures, lang: Lang = "fi") -> str:
    """ "Kaikki: pistemäärä oli keskimäärin 56,0 asteikolla 0–100 (21 vastaajaa)." (or why it is hidden)."""
    name = group_name(figures.key, lang)
    if figures.summary is None:
        return _hidden(name, figures.hidden, report, lang)
    d = report.instrument.scoring.decimals
    return say_n(
        lang,
        "{group}: the mean score was {mean} on the {scale} scale ({n} respondent).",
        "{group}: the mean score was {mean} on the {scale} scale ({n} respondents).",
        _count(figures.n_shown),
        group=name,
        mean=number(figures.summary.mean, d, lang),
        scale=scale_range(report.instrument, lang),
    )


def change_sentence(report: ChangeReport, figures: ChangeFigures, lang: Lang = "fi") -> str:
    """ "Kaikki: pistemäärä nousi keskimäärin 9,3 pistettä asteikolla 0–100 (…); muutos on …" (or why not)."""
    name = group_name(figures.key, lang)
    d = report.instrument.scoring.decimals
    scale = scale_range(report.instrument, lang)
    if figures.paired is not None:
        t = figures.paired
        values: dict[str, object] = {"group": name, "amount": _amount(t.mean_change, d, lang), "scale": scale,
                  "significance": _significance(t.p, lang)}  # fmt: skip
        pairs = _count(figures.pairs_shown)
        if float(number(abs(t.mean_change), d, lang).replace(",", ".")) == 0:
            return say_n(
                lang,
                "{group}: the score stayed the same on average on the {scale} scale ({n} respondent "
                "answered both times); {significance}.",
                "{group}: the score stayed the same on average on the {scale} scale ({n} respondents "
                "answered both times); {significance}.",
                pairs,
                **values,
            )
        if t.mean_change > 0:
            return say_n(
                lang,
                "{group}: the score rose by {amount} on average on the {scale} scale ({n} respondent "
                "answered both times); {significance}.",
                "{group}: the score rose by {amount} on average on the {scale} scale ({n} respondents "
                "answered both times); {significance}.",
                pairs,
                **values,
            )
        return say_n(
            lang,
            "{group}: the score fell by {amount} on average on the {scale} scale ({n} respondent answered "
            "both times); {significance}.",
            "{group}: the score fell by {amount} on average on the {scale} scale ({n} respondents answered "
            "both times); {significance}.",
            pairs,
            **values,
        )
    if figures.unpaired is not None:
        w = figures.unpaired
        # The noun goes with the nearer count: "(12 and 1 respondent; ...)".
        compared: dict[str, object] = {"group": name, "amount": _amount(w.difference, d, lang),
                  "n1": _count(figures.start.n_shown), "significance": _significance(w.p, lang)}  # fmt: skip
        follow = _count(figures.follow_up.n_shown)
        if w.difference >= 0:
            return say_n(
                lang,
                "{group}: the follow-up mean was {amount} higher than the start mean ({n1} and {n} "
                "respondent; too few answered both times, so the waves were compared as if they were "
                "different people); {significance}.",
                "{group}: the follow-up mean was {amount} higher than the start mean ({n1} and {n} "
                "respondents; too few answered both times, so the waves were compared as if they were "
                "different people); {significance}.",
                follow,
                **compared,
            )
        return say_n(
            lang,
            "{group}: the follow-up mean was {amount} lower than the start mean ({n1} and {n} respondent; "
            "too few answered both times, so the waves were compared as if they were different people); "
            "{significance}.",
            "{group}: the follow-up mean was {amount} lower than the start mean ({n1} and {n} respondents; "
            "too few answered both times, so the waves were compared as if they were different people); "
            "{significance}.",
            follow,
            **compared,
        )
    return _why_no_change(report, figures, name, lang)


def _in_wave(hidden: Hidden, wave: str, m: int, lang: Lang) -> str:
    """Why one wave's figures are not shown: too few respondents, or hidden to protect another group."""
    where = label(f"in_{wave}", lang)
    if hidden is Hidden.COMPLEMENTARY:
        return say(lang, "the figures {wave} are hidden to protect another group", wave=where)
    return say_n(lang, "fewer than {n} respondent {wave}", "fewer than {n} respondents {wave}", m, wave=where)


def _why_no_change(report: ChangeReport, figures: ChangeFigures, name: str, lang: Lang) -> str:
    """Why a cell shows no change: one reason for the whole group, or one per wave and the pairs."""
    m = report.min_group
    parts = (figures.start.hidden, figures.follow_up.hidden, figures.pairs_hidden)
    if parts[0] is not None and len(set(parts)) == 1:
        return _hidden(name, parts[0], report, lang)
    reasons = [
        _in_wave(hidden, wave, m, lang)
        for wave, hidden in (("start", parts[0]), ("follow_up", parts[1]))
        if hidden is not None
    ]
    # Fewer than the limit in a wave means fewer pairs too: that needs no saying twice.
    if parts[2] is Hidden.COMPLEMENTARY:
        reasons.append(say(lang, "the change is hidden to protect another group"))
    elif parts[2] is not None and Hidden.SMALL not in parts[:2]:
        reasons.append(
            say_n(
                lang,
                "fewer than {n} respondent answered both times, so no change is shown",
                "fewer than {n} respondents answered both times, so no change is shown",
                m,
            )
        )
    return f"{name}: {'; '.join(reasons)}."


def sentences(report: Report, lang: Lang = "fi") -> list[str]:
    """One sentence per row of the report: everyone first, then every margin and group."""
    if isinstance(report, ScoreReport):
        return [score_sentence(report, f, lang) for f in (report.total, *report.groups)]
    return [change_sentence(report, c, lang) for c in (report.total, *report.groups)]


def legend(report: Report, lang: Lang = "fi") -> list[str]:
    """The abbreviations of the tables explained (with the effect sizes and p of a change report)."""
    out = [
        say(
            lang,
            "Abbreviations: n = number of respondents; sd = standard deviation; 95% CI = 95% confidence "
            "interval (the range that holds the true mean with 95% certainty).",
        )
    ]
    if isinstance(report, ChangeReport):
        out.append(
            say(
                lang,
                "d_z = effect size of the change (the mean change divided by the sd of the changes; "
                "about 0.2 "
                "small, 0.5 medium, 0.8 large); g = Hedges' g, the effect size of the difference between the "
                "waves; p = the probability of a change at least this large by chance if there were no real "
                "change (below 0.05: statistically significant).",
            )
        )
    return out
