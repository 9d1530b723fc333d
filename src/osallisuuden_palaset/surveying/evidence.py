"""Survey results as evidence a model can cite, and the survey section of Markdown and HTML reports."""

from __future__ import annotations

import re
from html import escape

from osallisuuden_palaset.errors import UsageError
from osallisuuden_palaset.markup import escape_markdown
from osallisuuden_palaset.messages.catalogue import msg, msg_n, say, say_n
from osallisuuden_palaset.messages.survey_words import label
from osallisuuden_palaset.model.practice import Indicator
from osallisuuden_palaset.model.survey import Instrument
from osallisuuden_palaset.model.text import LANGS, Lang, Text
from osallisuuden_palaset.surveying.analysis import ChangeFigures, ChangeReport
from osallisuuden_palaset.surveying.chart import change_chart, combined, means_chart, score_chart
from osallisuuden_palaset.surveying.privacy import Hidden
from osallisuuden_palaset.surveying.reporting import (
    DASH,
    Report,
    Table,
    group_name,
    interval,
    notes,
    number,
    p_value,
    signed,
    tables,
    title,
)
from osallisuuden_palaset.surveying.sentences import legend, sentences

_LANGS: tuple[Lang, ...] = ("fi", "en", "sv")
#: Cells we write ourselves that Markdown cannot misread: figures, intervals, dashes.
_PLAIN_CELL = re.compile(r"[+\-−]?[0-9][0-9.,…−–]*|–")


def _md_cell(cell: str) -> str:
    return cell if _PLAIN_CELL.fullmatch(cell) else escape_markdown(cell)


def change_evidence(report: ChangeReport, figures: ChangeFigures | None = None) -> Text:
    """One sentence per language stating a group's change (everyone by default), for a Mapping's evidence.

    Raises:
        UsageError: the group is too small to report, so its change cannot be cited.
    """
    chosen = figures or report.total
    d = report.instrument.scoring.decimals
    variants: dict[str, str] = {}
    for lang in _LANGS:
        name = report.instrument.name.get(lang)
        if chosen.key:
            name += f", {group_name(chosen.key, lang)}"
        if chosen.paired is not None and chosen.paired.t is not None:
            t = chosen.paired
            ci = f"{label('ci', lang)} {interval(t.ci_low, t.ci_high, d, lang)}"
            variants[lang] = say_n(
                lang,
                "{instrument}: {n} respondent answered at the start and at the follow-up; mean change "
                "{change} ({ci}; {test}, p {p}; d_z {effect}).",
                "{instrument}: {n} respondents answered at the start and at the follow-up; mean change "
                "{change} ({ci}; {test}, p {p}; d_z {effect}).",
                t.n,
                instrument=name,
                change=signed(t.mean_change, d, lang),
                ci=ci,
                test=label("paired", lang),
                p=p_value(t.p, lang),
                effect=number(t.d_z, 2, lang),
            )
        elif chosen.unpaired is not None and chosen.unpaired.t is not None:
            w = chosen.unpaired
            start = chosen.start.summary
            follow = chosen.follow_up.summary
            ci = f"{label('ci', lang)} {interval(w.ci_low, w.ci_high, d, lang)}"
            variants[lang] = say(
                lang,
                "{instrument}: start mean {start} (n {n1}), follow-up mean {follow} (n {n2}); difference "
                "{change} ({ci}; {test}, p {p}; g {effect}).",
                instrument=name,
                start=number(start.mean if start else None, d, lang), n1=chosen.start.n_shown,
                follow=number(follow.mean if follow else None, d, lang), n2=chosen.follow_up.n_shown,
                change=signed(w.difference, d, lang),
                ci=ci, test=label("welch", lang),
                p=p_value(w.p, lang), effect=number(w.g, 2, lang),
            )  # fmt: skip
        else:
            hidden = (chosen.start.hidden, chosen.follow_up.hidden, chosen.pairs_hidden)
            why = (
                msg("it is hidden to protect another group")
                if Hidden.COMPLEMENTARY in hidden
                else msg_n(
                    "fewer than {n} respondent answered, or their answers do not vary",
                    "fewer than {n} respondents answered, or their answers do not vary",
                    report.min_group,
                )
            )
            group = Text(**{lang: group_name(chosen.key, lang) for lang in LANGS})
            raise UsageError(msg("the change of {group} cannot be cited: {why}", group=group, why=why))
    return Text(**variants)


def survey_indicator(instrument: Instrument, target: str | Text | None = None) -> Indicator:
    """An outcome indicator measured with ``instrument`` (its ``source`` is the instrument's id)."""
    return Indicator(description=instrument.name, source=instrument.id, target=target)


def _md_table(rows: list[list[str]]) -> list[str]:
    left = {0, 1} if len(rows[0]) > 1 and rows[1:] and not _PLAIN_CELL.fullmatch(rows[1][1]) else {0}
    return [
        "| " + " | ".join(_md_cell(c) for c in rows[0]) + " |",
        "|" + "|".join(":--" if i in left else "--:" for i in range(len(rows[0]))) + "|",
        *("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows[1:]),
    ]


def survey_section_markdown(
    report: Report, *, lang: Lang = "fi", level: int = 2, chart_file: str | None = None
) -> str:
    """A Markdown section with the report's tables, one sentence per result, notes and a legend.

    Markdown renderers drop inline SVG, so the chart is linked: write the SVG of
    :func:`section_chart` to ``chart_file`` (a path relative to the Markdown file) and pass it here.
    """
    hashes = "#" * max(1, min(6, level))
    lines = [
        f"{hashes} {escape_markdown(label('survey', lang))}",
        "",
        escape_markdown(title(report, lang)),
        "",
        f"_{escape_markdown(label('suppression', lang, m=report.min_group))}_",
    ]
    for caption, rows in tables(report, lang):
        lines += ["", f"**{escape_markdown(caption)}**", "", *_md_table(rows)]
    lines += ["", f"**{escape_markdown(label('results', lang))}**", ""]
    lines += [f"- {escape_markdown(s)}" for s in sentences(report, lang)]
    for note in notes(report, lang):
        lines += ["", escape_markdown(note)]
    for line in legend(report, lang):
        lines += ["", f"_{escape_markdown(line)}_"]
    if chart_file is not None:
        alt = escape_markdown(
            label("chart_title", lang) if isinstance(report, ChangeReport) else title(report, lang)
        )
        lines += ["", f"![{alt}](<{chart_file.replace('>', '%3E').replace(' ', '%20')}>)"]
    if report.instrument.note is not None:
        lines += ["", escape_markdown(report.instrument.note.get(lang))]
    return "\n".join(lines) + "\n"


def section_chart(report: Report, *, lang: Lang = "fi") -> str:
    """The report's SVG: everyone's distribution (start beside follow-up) above each group's mean."""
    first = (
        change_chart(report, lang=lang)
        if isinstance(report, ChangeReport)
        else score_chart(report, lang=lang)
    )
    return combined(first, means_chart(report, lang=lang))


def _html_table(table: Table) -> list[str]:
    caption, rows = table
    out = [
        "<table>",
        f"<caption>{escape(caption)}</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{escape(c)}</th>' for c in rows[0]) + "</tr></thead>",
        "<tbody>",
    ]
    for row in rows[1:]:
        cells = [f'<th scope="row">{escape(row[0])}</th>']
        cells += [f"<td>{escape(c)}</td>" if c != DASH else f"<td>{DASH}</td>" for c in row[1:]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return [*out, "</tbody>", "</table>"]


def survey_section_html(report: Report, *, lang: Lang = "fi", level: int = 2) -> str:
    """An HTML ``<section>``: tables, one sentence per result, notes, legend and inline SVG (all escaped)."""
    h = max(1, min(6, level))
    out = [
        '<section class="survey">',
        f"<h{h}>{escape(label('survey', lang))}</h{h}>",
        f"<p>{escape(title(report, lang))}</p>",
        f'<p class="suppression">{escape(label("suppression", lang, m=report.min_group))}</p>',
    ]
    for table in tables(report, lang):
        out += _html_table(table)
    out.append(f'<p class="results">{escape(label("results", lang))}:</p>')
    out += ['<ul class="results">', *(f"<li>{escape(s)}</li>" for s in sentences(report, lang)), "</ul>"]
    out += [f"<p>{escape(note)}</p>" for note in notes(report, lang)]
    out += [f'<p class="legend">{escape(line)}</p>' for line in legend(report, lang)]
    out.append('<figure class="survey-chart">')
    out.append(section_chart(report, lang=lang).rstrip("\n"))
    out.append("</figure>")
    if report.instrument.note is not None:
        out.append(f'<p class="instrument-note">{escape(report.instrument.note.get(lang))}</p>')
    out.append("</section>")
    return "\n".join(out) + "\n"
