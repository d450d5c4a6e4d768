"""Sample rules and variable definitions of Davies & Maré (2021), models.davies_mare."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.models.davies_mare import (
    growth_observations,
    mean_wt,
    sd_wt,
    standardised_regressors,
    study_panels,
)
from smartregion.panel import Panel


def _panel() -> Panel:
    # 2 periods x 4 regions x 3 activities
    v = np.array([[[10, 1, 5], [8, 2, 0], [1, 0, 1], [4, 4, 4]],
                  [[12, 9, 1], [6, 1, 2], [9, 0, 0], [5, 5, 5]]], dtype=float)
    return Panel(v, ["a", "b", "c", "d"], ["x", "y", "z"], [2000, 2010])


def test_pooling_uses_the_smallest_period():
    # national totals: x 23/32, y 7/15, z 10/8 -> with min 8, y is pooled (7 < 8) and z,
    # exactly at the threshold in 2010, is kept
    s = study_panels(_panel(), times=[2000, 2010], min_activity=8, min_region=0)
    assert list(s.pooled) == ["y"]
    assert list(s.cities.industries) == ["XX.0", "x", "z"]
    np.testing.assert_array_equal(s.cities.values.sum(axis=(1, 2)),
                                  _panel().values.sum(axis=(1, 2)))  # pooling keeps totals
    np.testing.assert_array_equal(s.cities.matrix(2010)["XX.0"].to_numpy(), [9, 1, 0, 5])


def test_size_rule_and_merge():
    # region totals: a 16/22, b 10/9, c 2/9, d 12/15 -> with min 9, c (2) is dropped
    s = study_panels(_panel(), times=[2000, 2010], min_activity=0, min_region=9,
                     region_map={"b": "a"})
    assert list(s.dropped_zones) == ["c"] and list(s.kept_zones) == ["a", "b", "d"]
    assert list(s.zones.regions) == ["a", "b", "d"]
    assert list(s.cities.regions) == ["a", "d"]
    np.testing.assert_array_equal(s.cities.matrix(2000).loc["a"].to_numpy(), [18, 3, 5])


def test_times_are_selected():
    s = study_panels(_panel(), times=[2010], min_activity=10, min_region=0)
    assert list(s.cities.times) == [2010]
    assert list(s.pooled) == ["z"]  # z has 8 in 2010


def _cells() -> pd.DataFrame:
    return pd.DataFrame({
        "ua": [1] * 6 + [2] * 6,
        "act": ["a", "a", "a", "R", "R", "R"] * 2,
        "year": [2000, 2010, 2022] * 4,
        "size": [100, 121, 0, 50, 50, 50, 200, 100, 100, 50, 50, 50],
        "x": [1.0, 2.0, 3.0, 0, 0, 0, 4.0, 5.0, 6.0, 0, 0, 0],
    })


def test_growth_observations_hand_computed():
    obs = growth_observations(_cells(), lagged=["x"], exclude=["R"])
    # (1, a): 2000->2010 grows 21% in 10 years; 2010->2022 ends at zero: no observation
    # (2, a): 2000->2010 halves; 2010->2022 constant over 12 years
    assert obs[["ua", "act", "year"]].values.tolist() == [[1, "a", 2010], [2, "a", 2010],
                                                          [2, "a", 2022]]
    np.testing.assert_allclose(obs["G"], [100 * (1.21 ** 0.1 - 1), 100 * (0.5 ** 0.1 - 1), 0.0])
    # weights: start size over all employment at the start, residual included
    np.testing.assert_allclose(obs["wt"], [100 / 400, 200 / 400, 100 / 321])
    np.testing.assert_allclose(obs["x"], [1.0, 4.0, 5.0])


def test_growth_observations_needs_complete_rows():
    with pytest.raises(ValueError, match="one row per"):
        growth_observations(_cells().iloc[1:])


def test_weighted_moments():
    x = np.array([1.0, 2.0, 4.0, 7.0])
    assert mean_wt(x, np.ones(4)) == pytest.approx(x.mean())
    assert sd_wt(x, np.ones(4)) == pytest.approx(x.std(ddof=1))
    # integer weights: sd_wt rescales weights to sum to n, so it is not the sd of duplicates
    w = np.array([2.0, 1.0, 1.0, 0.0])
    m = (2 * 1 + 2 + 4) / 4
    wt = w * 4 / 4
    assert mean_wt(x, w) == pytest.approx(m)
    assert sd_wt(x, w) == pytest.approx(np.sqrt((wt * (x - m) ** 2).sum() / 3))
    assert sd_wt(x, 5 * w) == pytest.approx(sd_wt(x, w))


def test_standardised_regressors():
    rng = np.random.default_rng(1)
    obs = pd.DataFrame({"s": rng.uniform(0, 0.1, 50), "d": rng.normal(size=50),
                        "ac": rng.normal(size=50), "cc": rng.normal(size=50),
                        "wt": rng.uniform(0.1, 2, 50), "G": rng.normal(size=50)})
    t = standardised_regressors(obs, share="s", density="d", activity_complexity="ac",
                                city_complexity="cc", keep=["G"])
    w = obs["wt"]
    assert mean_wt(t["LS"], w) == pytest.approx(0, abs=1e-12)
    np.testing.assert_allclose(t["LS"], 100 * (obs["s"] - (w * obs["s"]).sum() / w.sum()))
    for c in ("RD", "AC", "CC"):
        assert mean_wt(t[c], w) == pytest.approx(0, abs=1e-12)
        assert sd_wt(t[c], w) == pytest.approx(1)
    np.testing.assert_allclose(t["ACxRD"], t["AC"] * t["RD"])
    np.testing.assert_allclose(t["CCxLS"], t["CC"] * t["LS"])
    assert list(t.columns[:2]) == ["G", "wt"]
