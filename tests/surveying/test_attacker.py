"""A Hypothesis-driven attacker: generated answers and breakdowns, every output format read back and audited.

For each generated set of answers (1–3 grouping fields, small and large groups, one wave or two
with partial pairing, some respondents without a score) the report is written in every format;
what each format shows is read back, and the audit — with the true counts, which only the test
knows — must work out nothing from it. The formats must also agree with each other exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from osallisuuden_palaset.default_plugins.instruments import builtin_instrument
from osallisuuden_palaset.model.survey import Instrument, Wave
from osallisuuden_palaset.model.text import Lang
from osallisuuden_palaset.surveying.analysis import ChangeReport, ScoreReport, change_report, score_report
from osallisuuden_palaset.surveying.chart import means_chart
from osallisuuden_palaset.surveying.disclosure import (
    Atom,
    Cell,
    GroupKey,
    Kind,
    LinkedTable,
    Part,
    recoveries,
)
from osallisuuden_palaset.surveying.evidence import (
    section_chart,
    survey_section_html,
    survey_section_markdown,
)
from osallisuuden_palaset.surveying.privacy import Hidden
from osallisuuden_palaset.surveying.reporting import render
from osallisuuden_palaset.surveying.scoring import RespondentScore
from tests.surveying import published

ESIS: Instrument = builtin_instrument("esis.yaml")
FIELDS = ("ryhmä", "kunta", "ikä")
STATUS = {"n": None, "small": Hidden.SMALL, "complementary": Hidden.COMPLEMENTARY}


@st.composite
def answer_sets(
    draw: st.DrawFn,
) -> tuple[list[RespondentScore], list[RespondentScore] | None, tuple[str, ...], int]:
    """Start answers, follow-up answers (None: one wave only), the --by fields and the limit."""
    fields = tuple(draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=3, unique=True)))
    top = 3 if len(fields) < 3 else 2
    values = {f: [f"{f[0].upper()}{i}" for i in range(draw(st.integers(1, top)))] for f in fields}
    # The first value is drawn more often: large groups beside small ones.
    group = st.fixed_dictionaries({f: st.sampled_from([v[0], v[0], *v]) for f, v in values.items()})
    score = st.one_of(st.just(None), *(st.just(2.5 * k) for k in range(0, 41, 3)))
    change = draw(st.booleans())
    first: list[RespondentScore] = []
    second: list[RespondentScore] = []
    for i in range(draw(st.integers(1, 45))):
        where = tuple(sorted(draw(group).items()))
        both = draw(st.sampled_from(["both", "both", "both", "start", "follow_up"])) if change else "start"
        if both in ("both", "start"):
            first.append(RespondentScore(f"r{i}", Wave.START, draw(score), 10, where))
        if both in ("both", "follow_up"):
            second.append(RespondentScore(f"r{i}", Wave.FOLLOW_UP, draw(score), 10, where))
    return first, (second if change else None), fields, draw(st.sampled_from([3, 5]))


def truth(first: Sequence[RespondentScore], second: Sequence[RespondentScore] | None,
          by: Sequence[str], limit: int = 5) -> tuple[dict[Atom, int], bool]:  # fmt: skip
    """The true counts of every finest group and kind, counted here apart from the library."""

    def key(s: RespondentScore) -> GroupKey:
        return tuple((f, s.field(f) or "") for f in by)

    starts = {s.respondent: s for s in first}
    follows = {s.respondent: s for s in second or ()}
    people = {**follows, **starts}
    kinds = [Kind.SCORED] if second is None else [Kind.PAIRED, Kind.START_ONLY, Kind.FOLLOW_UP_ONLY]
    counts: dict[Atom, int] = {(key(s), kind): 0 for s in people.values() for kind in kinds}
    for r, s in people.items():
        a = r in starts and starts[r].score is not None
        b = r in follows and follows[r].score is not None
        if second is None:
            kind = Kind.SCORED if a else None
        else:
            kind = Kind.PAIRED if a and b else Kind.START_ONLY if a else Kind.FOLLOW_UP_ONLY if b else None
        if kind is not None:
            counts[(key(s), kind)] += 1
    # A reader knows that everyone has a score only where the outputs say so: everyone's row, shown.
    everyone = all(s.score is not None for s in (*first, *(second or ())))
    waves = [first] if second is None else [first, second]
    shown = all(sum(s.score is not None for s in wave) >= limit for wave in waves)
    return counts, everyone and shown


def formats(report: ScoreReport | ChangeReport, lang: Lang) -> dict[str, published.Published]:
    return {
        "json": published.from_json(report, render(report, "json")),
        "csv": published.from_csv(report, render(report, "csv")),
        "csv-excel": published.from_csv(report, render(report, "csv", csv_dialect="excel"), excel=True),
        "text": published.from_text(report, render(report, "text", lang), lang),
        "markdown": published.from_markdown(report, survey_section_markdown(report, lang=lang), lang),
        "html": published.from_html(report, survey_section_html(report, lang=lang), lang),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(), st.sampled_from(["fi", "en", "sv"]))
def test_no_output_format_lets_a_reader_work_out_a_hidden_cell(
    case: tuple[list[RespondentScore], list[RespondentScore] | None, tuple[str, ...], int], lang: Lang
) -> None:
    first, second, by, m = case
    if second is None:
        report: ScoreReport | ChangeReport = score_report(ESIS, first, by=by, min_group=m)
    else:
        report = change_report(ESIS, first, second, by=by, min_group=m)
    counts, everyone = truth(first, second, by, m)
    shown = formats(report, lang)
    reference = shown["json"]
    for name, cells in shown.items():
        assert cells == reference, name  # every format shows exactly the same cells
    table = LinkedTable(m, counts, {cell: STATUS[s[0]] for cell, s in reference.items()}, everyone)
    for cell, (status, n) in reference.items():
        assert (status == "small") == (table.count(cell) < m), cell
        if status == "n":
            assert int(n) == table.count(cell), cell
    assert recoveries(table) == ()
    event(f"{len(by)} field(s), {'change' if second is not None else 'score'}")
    event(
        "some cell protected"
        if any(s[0] == "complementary" for s in reference.values())
        else "none protected"
    )
    # The chart draws dots only for rows every part of which may be shown.
    rows = published.from_means_chart(report, means_chart(report, lang=lang), lang)
    waves = [Part.SCORES] if second is None else [Part.START, Part.FOLLOW_UP]
    for key, dots in rows.items():
        assert dots == all(reference[Cell(key, part)][0] == "n" for part in waves), key
    assert section_chart(report, lang=lang).count("<svg ") == 3


def test_the_attacker_reads_a_hidden_figure_when_there_is_one() -> None:
    # The reader is no straw man: with the old secondary suppression's pattern (B's pairs hidden,
    # A's pairs hidden, A's waves shown) it works B's change out, from the parsed JSON alone.
    first = [RespondentScore(f"a{i}", Wave.START, 50.0, 10, (("g", "A"),)) for i in range(16)]
    first += [RespondentScore(f"b{i}", Wave.START, 50.0, 10, (("g", "B"),)) for i in range(6)]
    second = [RespondentScore(f"a{i}", Wave.FOLLOW_UP, 60.0, 10, (("g", "A"),)) for i in range(16)]
    second += [RespondentScore(f"b{i}", Wave.FOLLOW_UP, 60.0, 10, (("g", "B"),)) for i in (0, 1, 2, 3, 8, 9)]
    counts, everyone = truth(first, second, ["g"])
    every = itertools.product(((), (("g", "A"),), (("g", "B"),)), (Part.START, Part.FOLLOW_UP, Part.PAIRS))
    cells: dict[Cell, Hidden | None] = {Cell(k, p): None for k, p in every}
    cells |= {
        Cell((("g", "A"),), Part.PAIRS): Hidden.COMPLEMENTARY,
        Cell((("g", "B"),), Part.PAIRS): Hidden.SMALL,
    }
    assert recoveries(LinkedTable(5, counts, cells, everyone))
