"""Noise control, complexity diagnostics, bootstrap rank intervals and target stability."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel, PanelError
from smartregion.stability import (
    MIN_REGIONS,
    ComplexityWarning,
    averaged_specialisation,
    bootstrap_complexity,
    complexity_agreement,
    complexity_diagnostics,
    noise_filter,
    rank_intervals,
    target_stability,
)


def _panel(n_regions: int, n_industries: int = 14, seed: int = 0) -> Panel:
    rng = np.random.default_rng(seed)
    x = rng.lognormal(2.0, 0.8, size=(n_regions, n_industries))
    x[: n_regions // 2, : n_industries // 3] *= 4  # a block that co-specialises
    return Panel.from_wide(pd.DataFrame(x, index=[f"r{k:02d}" for k in range(n_regions)],
                                        columns=[f"i{k:02d}" for k in range(n_industries)]))


def test_noise_filter_by_hand():
    x = pd.DataFrame([[50, 10, 1, 2], [40, 20, 0, 5], [5, 30, 0, 5], [1, 1, 0, 1]],
                     index=["r1", "r2", "r3", "r4"], columns=["a", "b", "c", "d"])
    f = noise_filter(x, min_industry_size=5, min_ubiquity=2, min_region_size=10)
    # r4 has 3 persons < 10; on r1-r3 (totals 63, 65, 40; 168): a 95, b 60, c 1, d 12.
    # LQ >= 1: a in r1 (50/63 > 95/168) and r2; b in r3 only; c in r1 only; d in r2
    # (5/65 > 12/168) and r3

    assert list(f.regions.index[~f.regions["kept"]]) == ["r4"]
    assert f.industries.loc["c", "reason"] == "national size 1 < 5, ubiquity 1 < 2"
    assert f.industries.loc["b", "reason"] == "ubiquity 1 < 2"
    assert list(f.panel.industries) == ["a", "d"]
    assert list(f.panel.regions) == ["r1", "r2", "r3"]
    with pytest.raises(PanelError, match="fewer than two industries"):
        noise_filter(x, min_industry_size=1000)


def test_averaged_specialisation_smooths_a_one_period_crossing():
    df = pd.DataFrame({"t": [1] * 4 + [2] * 4 + [3] * 4,
                       "region": ["a", "a", "b", "b"] * 3, "industry": ["x", "y"] * 6,
                       # a's LQ in x: 1.2, 0.8, 1.2 -> mean 1.07 -> specialised
                       "v": [6, 4, 4, 6, 4, 6, 6, 4, 6, 4, 4, 6]})
    p = Panel.from_long(df, value="v", time="t")
    got = averaged_specialisation(p)
    assert got.loc["a", "x"] == 1.0 and got.loc["a", "y"] == 0.0
    assert got.loc["b", "y"] == 1.0
    only_mid = averaged_specialisation(p, times=[2])
    assert only_mid.loc["a", "x"] == 0.0


def test_complexity_warnings_fire_on_a_ten_region_panel():
    p = _panel(10)
    with pytest.warns(ComplexityWarning, match=f"fewer than {MIN_REGIONS}"):
        d = complexity_diagnostics(p)
    assert d["n_regions"] == 10
    assert any("10 regions" in s for s in d["problems"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", ComplexityWarning)
        quiet = complexity_diagnostics(p, warn=False)  # the same problems, not emitted
    assert quiet["problems"] == d["problems"]


def test_complexity_diagnostics_of_a_well_posed_panel_and_a_split_one():
    ok = complexity_diagnostics(_panel(60, 20), warn=False)
    assert 0 < ok["gap_ratio"] <= 1 and ok["lambda2"] >= ok["lambda3"]
    assert ok["n_components"] == 1
    # two regions x two industries in two separate blocks: two components
    m = pd.DataFrame([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]],
                     index=list("abcd"), columns=list("wxyz"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        split = complexity_diagnostics(m, binary=True, warn=False, min_regions=2)
    assert split["n_components"] == 2
    assert any("disconnected" in s for s in split["problems"])


def test_bootstrap_is_seeded_and_ranks_every_region():
    p = _panel(25)
    a = bootstrap_complexity(p, n_draws=30, rng=np.random.default_rng(4))
    b = bootstrap_complexity(p, n_draws=30, rng=np.random.default_rng(4))
    pd.testing.assert_frame_equal(a.ranks, b.ranks)
    assert a.ranks.shape == (30, 25)
    assert a.ranks.min().min() >= 1 and a.ranks.max().max() <= 25
    iv = rank_intervals(a.ranks)
    assert (iv["rank_low"] <= iv["rank_median"]).all()
    assert (iv["rank_median"] <= iv["rank_high"]).all()


def test_rank_intervals_by_hand():
    r = pd.DataFrame({"a": [1, 2, 2, 2, 3], "b": [3, 1, 1, 1, 2]})
    iv = rank_intervals(r, pd.Series({"a": 2, "b": 1}), level=0.5)
    # 25th-75th percentiles: a 2..2, b 1..2
    assert iv.loc["a", ["rank", "rank_low", "rank_high"]].tolist() == [2, 2, 2]
    assert iv.loc["b", ["rank_low", "rank_high", "width"]].tolist() == [1, 2, 1]


def test_eigenvector_and_fitness_agree_on_a_nested_matrix():
    # region k has industries 0..k: perfectly nested, both methods rank by diversity
    m = pd.DataFrame(np.tril(np.ones((8, 8))), index=[f"r{k}" for k in range(8)],
                     columns=[f"i{k}" for k in range(8)])
    ag = complexity_agreement(m, binary=True)
    assert ag["regions"] == pytest.approx(1.0)


def test_target_stability_shares_are_seeded_and_consistent():
    p = _panel(40, 15, seed=2)
    a = target_stability(p, "r03", n_draws=40, rng=np.random.default_rng(9))
    b = target_stability(p, "r03", n_draws=40, rng=np.random.default_rng(9))
    pd.testing.assert_frame_equal(a, b)
    for c in ("share_priority", "share_high_density", "share_high_pci"):
        assert a[c].between(0, 1).all()
    assert (a["share_priority"] <= a[["share_high_density", "share_high_pci"]].min(axis=1)
            + 1e-12).all()
    assert a["fitness_percentile"].between(0, 100).all()
    elig = list(p.industries[::2])
    sub = target_stability(p, "r03", eligible=elig, n_draws=5, rng=np.random.default_rng(1))
    assert set(sub.index) <= set(elig)
