"""Labels and sentences of survey reports: keys and English, translated in the message catalogue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from osallisuuden_palaset.messages.catalogue import table_entry
from osallisuuden_palaset.messages.labels import LabelTable
from osallisuuden_palaset.messages.text import LANGS, Lang, Text

#: The words of survey reports, each under the context ``survey.<key>`` in the catalogue. Sentences may
#: hold ``{name}`` fields filled with ``str.format``.
_WORDS: Final = LabelTable.of(
    table_entry("survey.all", "All"),
    table_entry("survey.group", "Group"),
    table_entry("survey.n", "n"),
    table_entry("survey.mean", "mean"),
    table_entry("survey.sd", "sd"),
    table_entry("survey.median", "median"),
    table_entry("survey.ci", "95% CI"),
    table_entry("survey.distribution", "Distribution"),
    table_entry("survey.unscored", "Without a score (too few answers)"),
    table_entry("survey.start", "Start"),
    table_entry("survey.follow_up", "Follow-up"),
    table_entry("survey.pairs", "pairs"),
    table_entry("survey.change", "change"),
    table_entry("survey.effect", "effect size"),
    table_entry("survey.p", "p"),
    table_entry("survey.test", "test"),
    table_entry("survey.paired", "paired t-test"),
    table_entry("survey.welch", "unpaired t-test (Welch)"),
    table_entry("survey.survey", "Experience of inclusion"),
    table_entry("survey.range", "range {low}–{high}"),
    table_entry(
        "survey.suppression",
        "Groups of fewer than {m} respondents show only “<{m}” and no figures, so that no one can be "
        "identified. “Protected” means hidden to protect another group: it has at least {m} respondents, "
        "but a smaller group's figures could be worked out from its figures.",
    ),
    table_entry("survey.protected", "protected"),
    table_entry(
        "survey.no_pairs",
        "Too few respondents answered both times: the waves are compared as independent samples.",
    ),
    table_entry("survey.chart_title", "Distribution of scores at the start and at the follow-up"),
    table_entry("survey.share", "% of respondents"),
    table_entry("survey.scores_table", "Scores"),
    table_entry("survey.waves_table", "Waves"),
    table_entry("survey.change_table", "Change"),
    table_entry("survey.wave", "Wave"),
    table_entry("survey.results", "Results"),
    table_entry("survey.means_title", "Mean at the start and at the follow-up by group"),
    table_entry("survey.skipped", "Rows skipped (bad rows, see the messages): {n}"),
    table_entry(
        "survey.margins_widened",
        "Note: this table had to hide subtotals that the same answers broken down by fewer columns show. "
        "Publish this table only: beside separately run breakdowns, the sizes of small groups could be "
        "worked out.",
    ),
    table_entry(
        "survey.withdrawn",
        "The breakdown by {fields} is not shown: its groups are so small that not even hiding them "
        "would protect them.",
    ),
    table_entry(
        "survey.unscored_waves", "Without a score (too few answers): start {start}, follow-up {follow}"
    ),
    # Where a wave's figures are not shown ("fewer than 5 respondents at the start").
    table_entry("survey.in_start", "at the start"),
    table_entry("survey.in_follow_up", "at the follow-up"),
    prefix="survey.",
)
#: Key → English of the survey words (:func:`label` gives them in a language).
LABELS: Final[Mapping[str, str]] = _WORDS.entries


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` in ``lang`` (English when untranslated), with ``values`` filled in."""
    chosen = _WORDS(key, lang)
    return chosen.format(**values) if values else chosen


def label_text(key: str, **values: object) -> Text:
    """The label ``key`` as a Text in every language."""
    fi, en, sv = (label(key, lang, **values) for lang in LANGS)
    return Text(fi=fi, en=en, sv=sv)
