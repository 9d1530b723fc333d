"""How survey figures are written for people: numbers, signs, p-values, intervals, group names, sizes."""

from __future__ import annotations

import math
from typing import Final

from osallisuuden_palaset.messages.catalogue import say, say_n
from osallisuuden_palaset.messages.survey_words import label
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.analysis import Band, GroupKey
from osallisuuden_palaset.surveying.privacy import Hidden

DASH: Final = "–"


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


def size(n_shown: str, hidden: Hidden | None, lang: Lang) -> str:
    """A cell's n as a table shows it: the number, "<5", or "suojattu" (hidden to protect another)."""
    return label("protected", lang) if hidden is Hidden.COMPLEMENTARY else n_shown


def hidden_text(hidden: Hidden, min_group: int, lang: Lang) -> str:
    """Why a cell shows nothing, in words: "alle 5 vastaajaa" or "piilotettu toisen ryhmän suojaamiseksi"."""
    if hidden is Hidden.COMPLEMENTARY:
        return say(lang, "hidden to protect another group")
    return say_n(lang, "fewer than {n} respondent", "fewer than {n} respondents", min_group)


def scale_range(instrument: Instrument, lang: Lang = "fi") -> str:
    """The score range as "0–100"."""
    low, high = instrument.score_range
    d = 0 if low.is_integer() and high.is_integer() else instrument.scoring.decimals
    return f"{number(low, d, lang)}–{number(high, d, lang)}"


def instrument_title(instrument: Instrument, lang: Lang = "fi") -> str:
    """The instrument's name with its score range: "Osallisuusindikaattori (ESIS) (asteikko 0–100)"."""
    low, high = scale_range(instrument, lang).split("–")
    return f"{instrument.name.get(lang)} ({label('range', lang, low=low, high=high)})"
