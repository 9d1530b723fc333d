"""Tests of our own t distribution and of the descriptive figures and tests built on it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuuden_palaset.surveying.statistics import (
    incomplete_beta,
    mean,
    median,
    paired_test,
    sd,
    summarize,
    t_cdf,
    t_quantile,
    t_two_sided_p,
    welch_test,
)

# Two-sided 95 % critical values of Student's t from printed tables (5+ significant digits).
T_975 = {1: 12.7062, 2: 4.30265, 3: 3.18245, 4: 2.77645, 5: 2.57058, 10: 2.22814, 20: 2.08596, 30: 2.04227,
         60: 2.00030, 120: 1.97993}  # fmt: skip


@pytest.mark.parametrize(("df", "expected"), sorted(T_975.items()))
def test_the_t_quantile_matches_printed_tables(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=6e-5)


def test_other_quantiles_match_tables_and_approach_the_normal() -> None:
    assert t_quantile(0.995, 3) == pytest.approx(5.84091, abs=1e-4)
    assert t_quantile(0.95, 7) == pytest.approx(1.89458, abs=1e-4)
    assert t_quantile(0.025, 10) == pytest.approx(-2.22814, abs=1e-4)
    assert t_quantile(0.975, 1e6) == pytest.approx(1.95996, abs=1e-4)
    assert t_quantile(0.5, 4) == 0.0


def test_p_values_match_known_values() -> None:
    # df = 1 is the Cauchy distribution: P(|T| >= 1) = 1/2 exactly.
    assert t_two_sided_p(1.0, 1) == pytest.approx(0.5, abs=1e-12)
    # df = 2 has a closed form: P(|T| >= t) = 1 - t / sqrt(2 + t^2).
    assert t_two_sided_p(1.5, 2) == pytest.approx(1 - 1.5 / math.sqrt(2 + 1.5**2), abs=1e-12)
    assert t_two_sided_p(2.0, 10) == pytest.approx(0.073388, abs=1e-6)
    assert t_two_sided_p(0.0, 5) == pytest.approx(1.0)
    assert t_two_sided_p(math.inf, 5) == 0.0


def test_the_incomplete_beta_has_its_known_special_cases() -> None:
    assert incomplete_beta(1, 1, 0.3) == pytest.approx(0.3)  # uniform distribution
    assert incomplete_beta(4.5, 4.5, 0.5) == pytest.approx(0.5)  # symmetry
    assert incomplete_beta(2, 1, 0.6) == pytest.approx(0.36)  # x^a for b = 1
    assert (incomplete_beta(2, 3, 0.0), incomplete_beta(2, 3, 1.0)) == (0.0, 1.0)
    with pytest.raises(ValueError, match="positive"):
        incomplete_beta(0, 1, 0.5)


@given(st.floats(-50, 50), st.floats(0.5, 500))
def test_the_t_cdf_is_symmetric_and_the_quantile_inverts_it(t: float, df: float) -> None:
    assert t_cdf(t, df) + t_cdf(-t, df) == pytest.approx(1.0, abs=1e-9)
    p = t_cdf(t, df)
    if 1e-6 < p < 1 - 1e-6:
        assert t_quantile(p, df) == pytest.approx(t, abs=1e-6 * max(1.0, abs(t)))


def test_descriptive_figures_of_a_hand_computed_example() -> None:
    values = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
    # mean 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sd = sqrt(32 / 7).
    assert mean(values) == 5.0
    assert sd(values) == pytest.approx(math.sqrt(32 / 7))
    assert median(values) == 4.5
    assert median([3.0, 1.0, 2.0]) == 2.0
    summary = summarize(values)
    half = 2.36462 * math.sqrt(32 / 7) / math.sqrt(8)  # t(0.975, 7) = 2.36462
    assert summary.ci_low == pytest.approx(5 - half, abs=1e-4)
    assert summary.ci_high == pytest.approx(5 + half, abs=1e-4)


def test_one_value_has_no_spread_and_no_interval() -> None:
    summary = summarize([42.0])
    assert (summary.n, summary.mean, summary.sd, summary.ci_low, summary.ci_high) == (
        1,
        42.0,
        None,
        None,
        None,
    )
    with pytest.raises(ValueError, match="no values"):
        mean([])


def test_the_paired_test_of_a_hand_computed_example() -> None:
    before = [10.0, 20.0, 30.0, 40.0]
    after = [12.0, 21.0, 35.0, 42.0]
    # changes 2, 1, 5, 2: mean 2.5; squared deviations 0.25+2.25+6.25+0.25 = 9; sd = sqrt(3).
    test = paired_test(before, after)
    assert (test.n, test.df, test.mean_change) == (4, 3, 2.5)
    assert test.sd_change == pytest.approx(math.sqrt(3))
    assert test.t == pytest.approx(2.5 / (math.sqrt(3) / 2))  # 2.88675
    assert test.d_z == pytest.approx(2.5 / math.sqrt(3))
    # df = 3 has a closed form: P(|T| >= t) = 1 - (2 / pi) * (atan(u) + u / (1 + u^2)), u = t / sqrt(3).
    u = 2.5 / (math.sqrt(3) / 2) / math.sqrt(3)
    assert test.p == pytest.approx(1 - 2 / math.pi * (math.atan(u) + u / (1 + u * u)), abs=1e-10)
    half = 3.18245 * math.sqrt(3) / 2
    assert test.ci_low == pytest.approx(2.5 - half, abs=1e-4)
    assert test.ci_high == pytest.approx(2.5 + half, abs=1e-4)


def test_equal_changes_give_no_test_and_one_pair_gives_nothing_but_the_change() -> None:
    same = paired_test([1.0, 2.0, 3.0], [2.0, 3.0, 4.0])
    assert (same.mean_change, same.sd_change, same.t, same.p, same.d_z) == (1.0, 0.0, None, None, None)
    one = paired_test([1.0], [3.0])
    assert (one.mean_change, one.t, one.ci_low) == (2.0, None, None)
    with pytest.raises(ValueError, match="pairs"):
        paired_test([1.0], [1.0, 2.0])


def test_welch_of_a_hand_computed_example() -> None:
    first = [1.0, 2.0, 3.0]  # mean 2, variance 1
    second = [2.0, 4.0, 6.0, 8.0]  # mean 5, variance 20/3
    test = welch_test(first, second)
    v1, v2 = 1 / 3, (20 / 3) / 4
    assert test.difference == 3.0
    assert test.t == pytest.approx(3 / math.sqrt(v1 + v2))
    assert test.df == pytest.approx((v1 + v2) ** 2 / (v1**2 / 2 + v2**2 / 3))
    pooled = math.sqrt((2 * 1 + 3 * 20 / 3) / 5)
    assert test.g == pytest.approx(3 / pooled * (1 - 3 / (4 * 7 - 9)))
    assert test.p is not None
    assert 0 < test.p < 1
    assert test.t is not None
    assert test.df is not None
    assert test.p == pytest.approx(t_two_sided_p(test.t, test.df))


def test_welch_without_spread_gives_only_the_difference() -> None:
    assert welch_test([1.0], [2.0, 3.0]).t is None
    flat = welch_test([2.0, 2.0], [3.0, 3.0])
    assert (flat.difference, flat.t, flat.p) == (1.0, None, None)
