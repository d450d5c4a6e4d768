"""Churn with hysteresis, its noise benchmark, the comparison with a group; matched gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel
from smartregion.policy import (
    churn_against_group,
    churn_noise_benchmark,
    hysteresis_churn,
    matched_group_gap,
    pooled_churn,
    specialisation_churn,
)


def _two_periods(seed: int = 2, regions: int = 10, industries: int = 8) -> Panel:
    rng = np.random.default_rng(seed)
    x0 = rng.lognormal(4.0, 1.0, size=(regions, industries)).round()
    x1 = (x0 * rng.lognormal(0.0, 0.6, size=x0.shape)).round()
    return Panel(np.stack([x0, x1]), [f"r{k}" for k in range(regions)],
                 [f"i{k}" for k in range(industries)], [2000, 2010])


def test_hysteresis_by_hand():
    # industry totals 20 each, grand total 60 in both years; start: every LQ is 1
    x = np.array([[[10., 10., 10.], [10., 10., 10.]],
                  [[12., 4., 10.], [8., 16., 10.]]])
    p = Panel(x, ["a", "b"], ["i", "j", "k"], [2000, 2010])
    h = hysteresis_churn(p, start=2000, end=2010)
    # a: LQ_j = (4/26)/(1/3) = 0.46 < 0.5, an exit; b: LQ_i = 0.71, LQ_k = 0.88, not exits
    assert h["exits"].tolist() == [1, 0] and h["entries"].tolist() == [0, 0]
    assert h["diversity_start"].tolist() == [3, 3]
    assert h.loc["a", "churn"] == pytest.approx(1 / 3)
    s = specialisation_churn(p, start=2000, end=2010)
    assert s["exits"].tolist() == [1, 2]
    # an entry needs a start LQ below 0.5: the reverse years give a's entry in j only
    back = hysteresis_churn(p, start=2010, end=2000)
    assert back["entries"].tolist() == [1, 0]


def test_hysteresis_band_of_zero_width_is_the_plain_churn():
    p = _two_periods()
    h = hysteresis_churn(p, start=2000, end=2010, lower=1.0, upper=1.0)
    s = specialisation_churn(p, start=2000, end=2010, threshold=1.0)
    pd.testing.assert_frame_equal(h, s)


def test_wider_band_never_counts_more_events():
    p = _two_periods(5)
    ev = [hysteresis_churn(p, start=2000, end=2010, lower=lo)[["entries", "exits"]].sum(axis=1)
          for lo in (1.0, 0.8, 0.5, 0.2)]
    for wide, narrow in zip(ev[1:], ev[:-1]):
        assert (wide <= narrow).all()


def test_hysteresis_bad_band():
    with pytest.raises(ValueError, match="lower <= upper"):
        hysteresis_churn(_two_periods(), start=2000, end=2010, lower=1.2, upper=1.0)


def test_noise_benchmark_seeded_and_pooled():
    p = _two_periods(3)
    units = {f"r{k}": ("A" if k < 5 else "B") for k in range(10)}
    a = churn_noise_benchmark(p, start=2000, end=2010, unit_of=units, n_draws=50, seed=9)
    b = churn_noise_benchmark(p, start=2000, end=2010, unit_of=units, n_draws=50, seed=9)
    pd.testing.assert_frame_equal(a, b)
    c = churn_noise_benchmark(p, start=2000, end=2010, unit_of=units, n_draws=50, seed=10)
    assert not a["noise_mean"].equals(c["noise_mean"])
    # the observed column is the pooled hysteresis churn
    pooled = pooled_churn(hysteresis_churn(p, start=2000, end=2010), units, min_base=0,
                          min_events=0)
    np.testing.assert_allclose(a["observed_churn"], pooled["churn"].reindex(a.index))
    assert (a["noise_p05"] <= a["noise_p95"]).all()
    assert a["share_draws_at_least"].between(0, 1).all()


def test_noise_benchmark_grows_with_dispersion_and_vanishes_for_large_counts():
    p = _two_periods(4)
    lo = churn_noise_benchmark(p, start=2000, end=2010, n_draws=100, seed=1)
    hi = churn_noise_benchmark(p, start=2000, end=2010, n_draws=100, seed=1, dispersion=50.0)
    assert hi["noise_mean"].mean() > lo["noise_mean"].mean()
    # counts of a million: Poisson noise cannot move an LQ from >= 1 to < 0.5
    big = Panel(p.values * 1e4, p.regions, p.industries, p.times)
    assert churn_noise_benchmark(big, start=2000, end=2010, n_draws=20,
                                 seed=1)["noise_p95"].max() == 0.0


def test_noise_benchmark_bad_dispersion():
    p = _two_periods()
    with pytest.raises(ValueError, match=">= 1"):
        churn_noise_benchmark(p, start=2000, end=2010, dispersion=0.5)
    frame = pd.DataFrame(2.0, index=p.regions[:-1], columns=p.industries)
    with pytest.raises(ValueError, match="every cell"):
        churn_noise_benchmark(p, start=2000, end=2010, dispersion=frame)


def test_against_group_by_hand():
    t = pd.DataFrame({"diversity_start": [40, 100, 60], "entries": [2, 6, 4],
                      "exits": [0, 4, 2]}, index=["u", "g1", "g2"])
    r = churn_against_group(t, "u")
    # group rate (10 + 6) / 160 = 0.1; expected 4 events; P(N <= 2 | 4) = e^-4 (1 + 4 + 8)
    assert r["rate_others"] == pytest.approx(0.1)
    assert r["expected_events"] == pytest.approx(4.0)
    assert r["p_at_most"] == pytest.approx(np.exp(-4) * 13)
    assert r["p_at_least"] == pytest.approx(1 - np.exp(-4) * 5)
    only_g1 = churn_against_group(t, "u", others=["g1"])
    assert only_g1["expected_events"] == pytest.approx(4.0)
    with pytest.raises(KeyError):
        churn_against_group(t, "x")


def test_matched_group_gap_by_hand():
    v = pd.Series([1.0, 2.0, 3.0, 4.0, 10.0, 12.0, 7.0])
    g = pd.Series([True, False, False, True, True, False, True])
    st = pd.Series(["a", "a", "a", "b", "b", "b", "c"])  # c: a member without others
    t = matched_group_gap(v, g, st)
    # a: 1 vs (2 + 3) / 2 -> -1.5; b: (4 + 10) / 2 vs 12 -> -5; c: no others
    assert t.loc["a", "gap"] == pytest.approx(-1.5)
    assert t.loc["b", "gap"] == pytest.approx(-5.0)
    assert np.isnan(t.loc["c", "gap"])
    assert t.attrs["matched_gap"] == pytest.approx((1 * -1.5 + 2 * -5.0) / 3)
    assert t.attrs["raw_gap"] == pytest.approx((1 + 4 + 10 + 7) / 4 - (2 + 3 + 12) / 3)
    assert t.attrs["members_unmatched"] == 1


def test_matched_gap_removes_a_gap_that_only_the_strata_make():
    # values depend on the stratum only: the raw gap is large, the matched gap zero
    st = pd.Series(list("aaaabbbb"))
    v = st.map({"a": 5.0, "b": 1.0})
    g = pd.Series([True, True, True, False, True, False, False, False])
    t = matched_group_gap(v, g, st)
    assert t.attrs["raw_gap"] == pytest.approx(4.0 - 2.0)  # members 5,5,5,1; others 5,1,1,1
    assert t.attrs["matched_gap"] == pytest.approx(0.0)
    with pytest.raises(ValueError, match="no stratum"):
        matched_group_gap(v, g, st.iloc[:-1])
