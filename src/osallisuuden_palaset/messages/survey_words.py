"""Labels and sentences of survey reports in Finnish, English and Swedish."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from osallisuuden_palaset.messages.labels import Variants, pick
from osallisuuden_palaset.messages.text import LANGS, Lang, Text

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
        "Alle {m} vastaajan ryhmistä näytetään vain ”<{m}” eikä lukuja, jotta ketään ei voi tunnistaa. "
        "”Suojattu” on piilotettu toisen ryhmän suojaamiseksi: siinä on vähintään {m} vastaajaa, mutta "
        "sen luvuista voisi laskea pienemmän ryhmän luvut.",
        "Groups of fewer than {m} respondents show only “<{m}” and no figures, so that no one can be "
        "identified. “Protected” means hidden to protect another group: it has at least {m} respondents, "
        "but a smaller group's figures could be worked out from its figures.",
        "För grupper med färre än {m} svarande visas bara ”<{m}” och inga siffror, så att ingen kan "
        "identifieras. ”Skyddad” betyder dold för att skydda en annan grupp: den har minst {m} svarande, "
        "men en mindre grupps siffror kunde räknas ut ur dess siffror.",
    ),
    "protected": ("suojattu", "protected", "skyddad"),
    "no_pairs": (
        "Liian vähän samoja vastaajia molemmissa mittauksissa: verrattu mittauksia riippumattomina otoksina.",
        "Too few respondents answered both times: the waves are compared as independent samples.",
        "För få svarade båda gångerna: mätningarna jämförs som oberoende urval.",
    ),
    "chart_title": (
        "Pistemäärien jakauma alussa ja seurannassa",
        "Distribution of scores at the start and at the follow-up",
        "Fördelning av poäng vid början och vid uppföljningen",
    ),
    "share": ("% vastaajista", "% of respondents", "% av de svarande"),
    "scores_table": ("Pistemäärät", "Scores", "Poäng"),
    "waves_table": ("Mittauskerrat", "Waves", "Mättillfällen"),
    "change_table": ("Muutos", "Change", "Förändring"),
    "wave": ("Mittaus", "Wave", "Mätning"),
    "results": ("Tulokset", "Results", "Resultat"),
    "means_title": (
        "Keskiarvo alussa ja seurannassa ryhmittäin",
        "Mean at the start and at the follow-up by group",
        "Medelvärde vid början och vid uppföljningen per grupp",
    ),
    "skipped": (
        "Ohitetut rivit (virheelliset, ks. virheilmoitukset): {n}",
        "Rows skipped (bad rows, see the messages): {n}",
        "Överhoppade rader (felaktiga, se meddelandena): {n}",
    ),
    "margins_widened": (
        "Huom: tässä taulukossa piti piilottaa välisummia, jotka näkyvät, kun samat vastaukset jaotellaan "
        "harvemman sarakkeen mukaan. Julkaise vain tämä taulukko: erikseen ajettujen jaottelujen rinnalla "
        "siitä voisi päätellä pienten ryhmien koot.",
        "Note: this table had to hide subtotals that the same answers broken down by fewer columns show. "
        "Publish this table only: beside separately run breakdowns, the sizes of small groups could be "
        "worked out.",
        "Obs: den här tabellen måste dölja delsummor som syns när samma svar delas upp efter färre "
        "kolumner. Publicera bara den här tabellen: bredvid separat körda uppdelningar kunde små gruppers "
        "storlek räknas ut.",
    ),
    "withdrawn": (
        "Jaottelua {fields} ei näytetä: sen ryhmät ovat niin pieniä, ettei niitä voi suojata edes "
        "piilottamalla.",
        "The breakdown by {fields} is not shown: its groups are so small that not even hiding them "
        "would protect them.",
        "Uppdelningen efter {fields} visas inte: dess grupper är så små att inte ens döljning skulle "
        "skydda dem.",
    ),
    "unscored_waves": (
        "Ilman pistemäärää (liian vähän vastauksia): alkumittaus {start}, seuranta {follow}",
        "Without a score (too few answers): start {start}, follow-up {follow}",
        "Utan poäng (för få svar): början {start}, uppföljning {follow}",
    ),
    # Where a wave's figures are not shown ("fewer than 5 respondents at the start").
    "in_start": ("alkumittauksessa", "at the start", "vid början"),
    "in_follow_up": ("seurannassa", "at the follow-up", "vid uppföljningen"),
}


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang`` (falling back as ``labels.label`` does), with ``values`` filled in."""
    chosen = pick(LABELS[key], lang)
    return chosen.format(**values) if values else chosen


def label_text(key: str, **values: object) -> Text:
    """The label ``key`` as a Text in every language."""
    fi, en, sv = (label(key, lang, **values) for lang in LANGS)
    return Text(fi=fi, en=en, sv=sv)
