"""Sample rules and variable definitions of Davies & Maré (2021), models.davies_mare."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.models.davies_mare import (
    activity_counts,
    city_sample,
    descriptive_statistics,
    export_rounding_check,
    growth_observations,
    mean_wt,
    sd_wt,
    standardised_regressors,
    study_measures,
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


def test_activity_counts_by_hand():
    p = _panel()
    s = study_panels(p, times=[2000, 2010], min_activity=8, min_region=9)
    counts = activity_counts(p, s, suppressed_by_year={1990: 7, 2000: 2, 2010: 3})
    # only the study's periods count; y (7 in 2000) is pooled, x and z stay
    assert counts == {"suppressed_cells_in_their_censuses": 5, "activity_pairs_in_file": 3,
                      "activity_pairs_pooled": 1, "activities_kept": 2}


def test_city_sample_by_hand():
    p = _panel()
    s = study_panels(p, times=[2000, 2010], min_activity=8, min_region=9,
                     region_map={"b": "a"})
    got = city_sample(p, s)
    # c is dropped (2 in 2000); a + b and d remain: 16 + 10 + 12 and 22 + 9 + 15 employees,
    # of which the pooled y holds 1 + 2 + 4 and 9 + 1 + 5
    assert got.table.to_dict("list") == {"census": [2000, 2010],
                                         "employment_in_cities": [38.0, 46.0],
                                         "residual_employment": [7.0, 15.0]}
    assert got.key_numbers == {"urban_areas_in_file": 4, "zones_kept": 3, "cities": 2,
                               "activities_with_residual": 3}


def _city_panel() -> Panel:
    rng = np.random.default_rng(3)
    v = rng.integers(5, 60, size=(2, 6, 4)).astype(float)
    return Panel(v, [f"c{k}" for k in range(6)], ["p", "q", "r", "s"], [2000, 2010])


def test_study_measures_identities():
    cities = _city_panel()
    E = cities.values
    m = study_measures(cities, export_decimals=None, density_decimals=None,
                       markov_decimals=None)
    t = m.table.set_index(["year", "ua", "act"])
    assert len(t) == E.size and list(t.index[:2]) == [(2000, "c0", "p"), (2000, "c0", "q")]
    np.testing.assert_array_equal(t["size"].to_numpy(), E.ravel())
    share = E / E.sum(axis=2, keepdims=True)
    np.testing.assert_allclose(t["local_share"].to_numpy(), share.ravel())
    # their density leaves the activity out: RD_c^a = sum_{b != a} s_c^b R^ab
    rel = m.parts["relatedness"]
    for k, year in enumerate(cities.times):
        r = rel.loc[year].to_numpy()  # activity x activity, symmetric
        off = r - np.diag(np.diag(r))
        np.testing.assert_allclose(t.loc[year, "rd"].to_numpy(), (share[k] @ off).ravel())
    # complexities: one value per activity (per city) and period, repeated over the other axis
    for col, axis in (("ac", "act"), ("cc", "ua"), ("ac_econgeo", "act"),
                      ("cc_econgeo", "ua")):
        assert (t.groupby(["year", axis])[col].nunique() == 1).all(), col
    # activity complexity is oriented to the mean size of the cities holding the activity
    for k, year in enumerate(cities.times):
        size = (E[k] * E[k].sum(axis=1, keepdims=True)).sum(axis=0) / E[k].sum(axis=0)
        ac = t.loc[year].groupby("act", sort=False)["ac"].first().to_numpy()
        assert np.corrcoef(ac, size)[0, 1] > 0
    assert m.key_numbers == {"relatedness_pairs_undefined": 0}


def test_study_measures_export_rounding():
    m = study_measures(_city_panel(), export_decimals=2, density_decimals=1)
    for col, d in (("local_share", 2), ("rd", 2), ("ac", 2), ("cc", 2), ("rd_econgeo", 1)):
        x = m.table[col].to_numpy()
        np.testing.assert_allclose(x, np.round(x, d), atol=1e-12, err_msg=col)


def test_descriptive_statistics_by_hand():
    f = pd.DataFrame({"G": [1.0, 3.0], "LS": [0.0, 4.0], "wt": [3.0, 1.0]})
    g = pd.DataFrame({"LS": [2.0, 2.0, 5.0], "wt": [1.0, 1.0, 1.0]})
    d = descriptive_statistics([("both", f, ["G", "LS"]), ("other", g, ["LS"])])
    t = d.table.set_index(["block", "variable", "statistic"])["computed"]
    # G: weights rescaled to n = 2 are 1.5 and 0.5 around the weighted mean 1.5, so
    # sd_w = sqrt(1.5 * 0.25 + 0.5 * 2.25) = sqrt(1.5)
    assert t["both", "G"].to_dict() == pytest.approx({
        "mean_unweighted": 2.0, "sd_unweighted": np.sqrt(2), "mean": 1.5,
        "sd": np.sqrt(1.5), "min": 1.0, "max": 3.0})
    assert t["both", "LS", "mean"] == pytest.approx(1.0)
    assert t["other", "LS", "sd"] == pytest.approx(np.sqrt(3.0))  # equal weights: plain sd
    assert set(d.table["table"]) == {"descriptives"}
    assert d.key_numbers == {"observations": 2, "weighted_mean_growth": pytest.approx(1.5)}


def test_export_rounding_check_by_hand():
    v = np.array([[[3, 1], [1, 1]], [[2, 2], [2, 2]]], dtype=float)
    cities = Panel(v, ["A", "B"], ["x", "y"], [2000, 2010])
    # share density with the diagonal = local share + density: 2000 shares .75/.25, .5/.5
    # and densities .2/.4, .1/.3
    dens = pd.DataFrame([[0.95, 0.65], [0.6, 0.8], [1, 1], [1, 1]], columns=["x", "y"])
    obs = pd.DataFrame({"ua": ["A", "B", "B"], "act": ["x", "x", "y"], "year": [2010] * 3,
                        "wt": [0.5, 0.25, 0.25]})
    # start values: shares .75, .5, .5 (weighted mean .625): LS = 12.5, -12.5, -12.5;
    # densities .2, .1, .3 (weighted mean .2, sd_w sqrt(.015 / 2)): RD = 0, -1.1547, 1.1547
    pub = pd.DataFrame({
        "block": ["both", "both", "davies_mare", "econgeo", "both"],
        "variable": ["LS", "LS", "RD", "RD", "G"],
        "statistic": ["mean_unweighted", "max", "max", "max", "mean"],
        "value": [-4.167, 12.49, 1.155, 9.0, 0.0], "decimals": [3, 2, 3, 3, 3]})
    got = export_rounding_check(cities, dens, obs, pub)
    assert got.table[["variable", "statistic"]].values.tolist() == [
        ["LS", "mean_unweighted"], ["LS", "max"], ["RD", "max"]]
    np.testing.assert_allclose(got.table["full_precision"],
                               [-12.5 / 3, 12.5, 0.1 / np.sqrt(0.0075)])
    assert got.table["reproduced"].tolist() == [True, False, True]
    assert got.key_numbers == {"changed_without_export_rounding": 1,
                               "checked_without_export_rounding": 3}
