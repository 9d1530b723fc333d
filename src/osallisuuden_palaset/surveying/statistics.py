"""Descriptive figures and t-based tests (paired and Welch) without scipy: the t distribution is ours."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from osallisuuden_palaset.messages.catalogue import msg

#: Confidence level of every interval we report.
LEVEL = 0.95
_EPS = 1e-15
_TINY = 1e-300


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean; ValueError when there are no values."""
    if not values:
        raise ValueError(msg("the mean of no values is undefined"))
    # math.fsum: the same figure whatever the order of the values (shuffling rows changes nothing).
    return math.fsum(values) / len(values)


def sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n − 1 in the denominator); None for fewer than two values."""
    if len(values) < 2:
        return None
    m = mean(values)
    return math.sqrt(math.fsum((v - m) ** 2 for v in values) / (len(values) - 1))


def median(values: Sequence[float]) -> float:
    """The median (the mean of the two middle values for an even count)."""
    if not values:
        raise ValueError(msg("the median of no values is undefined"))
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) / 2


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz's method)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        step = d * c
        h *= step
        if abs(step - 1.0) < _EPS:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1."""
    if a <= 0 or b <= 0:
        raise ValueError(msg("a and b must be positive"))
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with ``df`` degrees of freedom (df > 0, not necessarily whole)."""
    if df <= 0:
        raise ValueError(msg("degrees of freedom must be positive"))
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_two_sided_p(t: float, df: float) -> float:
    """The two-sided p-value of ``t``: P(|T| ≥ |t|)."""
    if math.isinf(t):
        return 0.0
    return min(1.0, incomplete_beta(df / 2.0, 0.5, df / (df + t * t)))


def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t: the t with P(T ≤ t) = p (bisection on :func:`t_cdf`)."""
    if not 0.0 < p < 1.0:
        raise ValueError(msg("p must be between 0 and 1"))
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
        if high > 1e12:  # pragma: no cover - only for absurd p and df
            return high
    for _ in range(200):
        middle = (low + high) / 2.0
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low <= 1e-12 * max(1.0, high):
            break
    return (low + high) / 2.0


def _no_spread(spread: float, level: float) -> bool:
    """Whether a standard deviation is zero but for rounding (equal values give 1e-15, not 0)."""
    return spread <= 1e-12 * max(1.0, abs(level))


@attrs.frozen
class Summary:
    """The figures of one group of scores."""

    n: int
    mean: float
    sd: float | None
    median: float
    #: The 95 % confidence interval of the mean (t distribution); None for n < 2.
    ci_low: float | None
    ci_high: float | None


def summarize(values: Sequence[float]) -> Summary:
    """n, mean, sd, median and the 95 % confidence interval of the mean of ``values``.

    No minimum or maximum: each is one person's score.
    """
    m = mean(values)
    s = sd(values)
    low = high = None
    if s is not None:
        half = t_quantile(0.5 + LEVEL / 2, len(values) - 1) * s / math.sqrt(len(values))
        low, high = m - half, m + half
    return Summary(len(values), m, s, median(values), low, high)


@attrs.frozen
class PairedTest:
    """The change from the first to the second measurement of the same people (paired t-test)."""

    n: int
    mean_change: float
    sd_change: float | None
    ci_low: float | None
    ci_high: float | None
    t: float | None
    df: int
    p: float | None
    #: Cohen's d_z: the mean change divided by the sd of the changes.
    d_z: float | None


def paired_test(before: Sequence[float], after: Sequence[float]) -> PairedTest:
    """Compare ``after`` with ``before`` pair by pair (same order = same person)."""
    if len(before) != len(after):
        raise ValueError(msg("paired values must come in pairs"))
    changes = [b - a for a, b in zip(before, after, strict=True)]
    n = len(changes)
    m = mean(changes)
    s = sd(changes)
    if s is None:
        return PairedTest(n, m, None, None, None, None, 0, None, None)
    df = n - 1
    half = t_quantile(0.5 + LEVEL / 2, df) * s / math.sqrt(n)
    if _no_spread(s, m):  # every change equal: no spread to test against
        return PairedTest(n, m, s, m - half, m + half, None, df, None, None)
    t = m / (s / math.sqrt(n))
    return PairedTest(n, m, s, m - half, m + half, t, df, t_two_sided_p(t, df), m / s)


@attrs.frozen
class WelchTest:
    """Two independent groups compared: the difference of means (second − first), Welch's t-test."""

    n_first: int
    n_second: int
    difference: float
    ci_low: float | None
    ci_high: float | None
    t: float | None
    df: float | None
    p: float | None
    #: Hedges' g: the difference over the pooled sd, corrected for small samples.
    g: float | None


def welch_test(first: Sequence[float], second: Sequence[float]) -> WelchTest:
    """Compare the mean of ``second`` with that of ``first`` without pairing (Welch's unequal variances)."""
    n1, n2 = len(first), len(second)
    diff = mean(second) - mean(first)
    s1, s2 = sd(first), sd(second)
    if s1 is None or s2 is None:
        return WelchTest(n1, n2, diff, None, None, None, None, None, None)
    v1, v2 = s1 * s1 / n1, s2 * s2 / n2
    se = math.sqrt(v1 + v2)
    pooled = math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2))
    if _no_spread(se, diff):
        return WelchTest(n1, n2, diff, None, None, None, None, None, None)
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    t = diff / se
    half = t_quantile(0.5 + LEVEL / 2, df) * se
    g = diff / pooled * (1.0 - 3.0 / (4.0 * (n1 + n2) - 9.0))
    return WelchTest(n1, n2, diff, diff - half, diff + half, t, df, t_two_sided_p(t, df), g)
