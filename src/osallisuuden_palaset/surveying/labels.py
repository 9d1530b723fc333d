"""Labels and sentences of survey reports in Finnish, English and Swedish."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from osallisuuden_palaset.labels import Variants, pick
from osallisuuden_palaset.model.survey import Wave
from osallisuuden_palaset.model.text import LANGS, Lang, Text

#: Key → (fi, en, sv). Sentences may hold ``{name}`` fields filled with ``str.format``.
LABELS: Final[Mapping[str, Variants]] = {
    "all": ("Kaikki", "All", "Alla"),
    "group": ("Ryhmä", "Group", "Grupp"),
    "n": ("n", "n", "n"),
    "mean": ("ka", "mean", "medel"),
    "sd": ("kh", "sd", "sd"),
    "median": ("md", "median", "median"),
    "ci": ("95 % lv", "95% CI", "95 % KI"),
    "distribution": ("Jakauma", "Distribution", "Fördelning"),
    "unscored": (
        "Ilman pistemäärää (liian vähän vastauksia)",
        "Without a score (too few answers)",
        "Utan poäng (för få svar)",
    ),
    "start": ("Alkumittaus", "Start", "Början"),
    "follow_up": ("Seuranta", "Follow-up", "Uppföljning"),
    "pairs": ("parit", "pairs", "par"),
    "change": ("muutos", "change", "förändring"),
    "effect": ("efektikoko", "effect size", "effektstorlek"),
    "p": ("p", "p", "p"),
    "test": ("testi", "test", "test"),
    "paired": ("parittainen t-testi", "paired t-test", "parat t-test"),
    "welch": (
        "riippumattomien otosten t-testi (Welch)",
        "unpaired t-test (Welch)",
        "oparat t-test (Welch)",
    ),
    "survey": ("Osallisuuden kokemus", "Experience of inclusion", "Upplevelse av delaktighet"),
    "range": ("asteikko {low}–{high}", "range {low}–{high}", "skala {low}–{high}"),
    "suppression": (
        "Alle {m} vastaajan ryhmistä näytetään vain ”<{m}” eikä lukuja, jotta ketään ei voi tunnistaa.",
        "Groups of fewer than {m} respondents show only “<{m}” and no figures, "
        "so that no one can be identified.",
        "För grupper med färre än {m} svarande visas bara ”<{m}” och inga siffror, "
        "så att ingen kan identifieras.",
    ),
    "suppressed": ("liian pieni ryhmä", "group too small", "för liten grupp"),
    "no_pairs": (
        "Liian vähän samoja vastaajia molemmissa mittauksissa: verrattu mittauksia riippumattomina otoksina.",
        "Too few respondents answered both times: the waves are compared as independent samples.",
        "För få svarade båda gångerna: mätningarna jämförs som oberoende urval.",
    ),
    "evidence_paired": (
        "{instrument}: {n} vastaajaa sekä alku- että seurantamittauksessa; keskimääräinen muutos "
        "{change} ({ci}; {test}, p {p}; d_z {effect}).",
        "{instrument}: {n} respondents answered at the start and at the follow-up; mean change "
        "{change} ({ci}; {test}, p {p}; d_z {effect}).",
        "{instrument}: {n} svarande både vid början och vid uppföljningen; medelförändring "
        "{change} ({ci}; {test}, p {p}; d_z {effect}).",
    ),
    "evidence_unpaired": (
        "{instrument}: alkumittauksen keskiarvo {start} (n {n1}), seurannan {follow} (n {n2}); ero "
        "{change} ({ci}; {test}, p {p}; g {effect}).",
        "{instrument}: start mean {start} (n {n1}), follow-up mean {follow} (n {n2}); difference "
        "{change} ({ci}; {test}, p {p}; g {effect}).",
        "{instrument}: medelvärde vid början {start} (n {n1}), vid uppföljningen {follow} (n {n2}); "
        "skillnad {change} ({ci}; {test}, p {p}; g {effect}).",
    ),
    "chart_title": (
        "Pistemäärien jakauma alussa ja seurannassa",
        "Distribution of scores at the start and at the follow-up",
        "Fördelning av poäng vid början och vid uppföljningen",
    ),
    "share": ("% vastaajista", "% of respondents", "% av de svarande"),
    "not_shown": ("ei näytetä (alle {m})", "not shown (under {m})", "visas inte (under {m})"),
}


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang`` (falling back as ``labels.label`` does), with ``values`` filled in."""
    chosen = pick(LABELS[key], lang)
    return chosen.format(**values) if values else chosen


def label_text(key: str, **values: object) -> Text:
    """The label ``key`` as a Text in every language."""
    fi, en, sv = (label(key, lang, **values) for lang in LANGS)
    return Text(fi=fi, en=en, sv=sv)


def wave_label(wave: Wave, lang: Lang) -> str:
    """ "Start" or "Follow-up" in ``lang``."""
    return label(wave.value, lang)
