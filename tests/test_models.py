"""Tests of smartregion.models: planted coefficients, fixed effects, clustered SEs, tables."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats

from smartregion import __version__
from smartregion.models import (
    ClusterError,
    ModelError,
    OutcomeError,
    RegressionTable,
    SingularDesignError,
    coefficient_sensitivity,
    demean,
    entry_model,
    entry_pairs,
    exit_model,
    fe_logit,
    fe_ols,
    frenken_data,
    frenken_growth,
    growth_table,
    period_pairs,
    regression_table,
    spatial_unit_sensitivity,
)
from smartregion.panel import DroppedDataWarning, Panel


# ----------------------------------------------------------------------------- simulated data
def _panel_data(seed: int, n_regions: int = 60, n_periods: int = 6, drop: float = 0.0,
                rho: float = 0.5) -> pd.DataFrame:
    """Region x period data with region and period effects correlated with x, and errors
    correlated within region (so clustering matters)."""
    rng = np.random.default_rng(seed)
    r = np.repeat(np.arange(n_regions), n_periods)
    t = np.tile(np.arange(n_periods), n_regions)
    a = rng.normal(size=n_regions)
    b = rng.normal(size=n_periods)
    x1 = rng.normal(size=r.size) + 0.8 * a[r] + 0.5 * b[t]
    x2 = rng.normal(size=r.size) - 0.5 * a[r]
    u_r = rng.normal(size=n_regions)
    e = np.sqrt(rho) * u_r[r] + np.sqrt(1 - rho) * rng.normal(size=r.size)
    y = 0.5 * x1 - 0.3 * x2 + 2.0 * a[r] + b[t] + e
    df = pd.DataFrame({"region": [f"r{i:03d}" for i in r], "period": t, "x1": x1, "x2": x2,
                       "y": y, "state": [f"s{i // 4:02d}" for i in r]})
    if drop:
        df = df.loc[rng.random(len(df)) > drop].reset_index(drop=True)
    return df


# ----------------------------------------------------------------------------- planted coefficients
def test_planted_coefficients_covered_in_most_seeds():
    covered, covered_wrong, est = 0, 0, []
    for seed in range(20):
        df = _panel_data(seed)
        res = fe_ols(df, "y", ["x1", "x2"], fe=["region", "period"], cluster="region")
        ci = res.conf_int()
        covered += ci.loc["x1", "low"] <= 0.5 <= ci.loc["x1", "high"]
        covered_wrong += ci.loc["x1", "low"] <= 0.7 <= ci.loc["x1", "high"]
        est.append(res.params["x1"])
    # nominal 95%: with 20 seeds, 15 or more is expected unless SEs are far too small
    assert covered >= 15
    # power: a value 0.2 away from the truth is (almost) never inside the interval
    assert covered_wrong <= 3
    assert abs(np.mean(est) - 0.5) < 0.03


def test_pooled_ols_without_fixed_effects_is_biased_here():
    """The region effect is correlated with x1: leaving it out must move the estimate, which
    shows the fixed-effect test above is informative."""
    df = _panel_data(1)
    biased = fe_ols(df, "y", ["x1", "x2"], cluster="region")
    fixed = fe_ols(df, "y", ["x1", "x2"], fe=["region", "period"], cluster="region")
    assert biased.params["x1"] - 0.5 > 0.3
    assert abs(fixed.params["x1"] - 0.5) < 0.15


def test_frenken_growth_cross_section_recovers_planted_effects():
    hits = 0
    for seed in range(20):
        rng = np.random.default_rng(100 + seed)
        n = 300
        df = pd.DataFrame({"region": [f"r{i}" for i in range(n)],
                           "period": "2000-2010",
                           "related": rng.uniform(0.5, 2.5, n),
                           "unrelated": rng.uniform(1, 3, n),
                           "log_size": rng.normal(8, 1, n),
                           "herfindahl": rng.uniform(0.05, 0.4, n)})
        df["growth"] = (0.01 + 0.02 * df["related"] - 0.01 * df["unrelated"]
                        - 0.003 * df["log_size"] + rng.normal(0, 0.02, n))
        res = frenken_growth(df, cluster=None)
        assert res.fixed_effects == ()
        ci = res.conf_int()
        hits += (ci.loc["related", "low"] <= 0.02 <= ci.loc["related", "high"]) and \
            (ci.loc["unrelated", "low"] <= -0.01 <= ci.loc["unrelated", "high"])
    assert hits >= 15  # joint coverage of two 95% intervals is about 90%


def _entry_table(seed: int, n_regions: int = 80, n_ind: int = 25, n_periods: int = 3):
    rng = np.random.default_rng(seed)
    rows = []
    a = rng.normal(0, 0.05, (n_regions, n_periods))
    b = rng.normal(0, 0.05, (n_ind, n_periods))
    for t in range(n_periods):
        for r in range(n_regions):
            for i in range(n_ind):
                if rng.random() < 0.3:  # specialised at t: not in the entry sample
                    continue
                d = rng.beta(2, 5)
                rows.append((f"r{r}", f"i{i}", f"p{t}", d, a[r, t] + b[i, t]))
    df = pd.DataFrame(rows, columns=["region", "industry", "period", "density", "fe"])
    p = np.clip(0.15 + 0.4 * (df["density"] - 0.3) + df["fe"], 0, 1)
    df["entry"] = (rng.random(len(df)) < p).astype(float)
    df["M_start"] = 0.0
    df["region_period"] = df["region"] + "|" + df["period"]
    df["industry_period"] = df["industry"] + "|" + df["period"]
    return df


def test_entry_model_lpm_recovers_planted_slope():
    hits = 0
    for seed in range(20):
        df = _entry_table(seed)
        res = entry_model(df, complexity=None, standardise=False)
        ci = res.conf_int()
        hits += ci.loc["density", "low"] <= 0.4 <= ci.loc["density", "high"]
        assert res.spec["filters"][0] == "M_start == 0"
    assert hits >= 15


def test_logit_recovers_planted_coefficient():
    hits = 0
    for seed in range(8):
        rng = np.random.default_rng(500 + seed)
        n_r, n_obs = 30, 40
        region = np.repeat(np.arange(n_r), n_obs)
        alpha = rng.normal(0, 0.5, n_r)
        x = rng.normal(size=region.size)
        eta = -0.5 + 1.0 * x + alpha[region]
        y = (rng.random(region.size) < 1 / (1 + np.exp(-eta))).astype(float)
        df = pd.DataFrame({"y": y, "x": x, "region": [f"r{i}" for i in region]})
        res = fe_logit(df, "y", ["x"], fe="region", cluster="region")
        ci = res.conf_int()
        hits += ci.loc["x", "low"] <= 1.0 <= ci.loc["x", "high"]
    assert hits >= 6


# ----------------------------------------------------------------------------- FE vs dummies
@pytest.mark.filterwarnings("ignore::statsmodels.tools.sm_exceptions.SingularMatrixWarning")
def test_absorbed_fixed_effects_equal_explicit_dummies_unbalanced_three_way():
    df = _panel_data(3, drop=0.25)
    res = fe_ols(df, "y", ["x1", "x2"], fe=["region", "period", "state"], cluster="region",
                 tol=1e-14)
    ref = smf.ols("y ~ x1 + x2 + C(region) + C(period) + C(state)", df).fit()
    np.testing.assert_allclose(res.params[["x1", "x2"]], ref.params[["x1", "x2"]],
                               rtol=0, atol=1e-8)
    dummies = fe_ols(df, "y", ["x1", "x2"], fe=["region", "period"], method="dummies",
                     cluster="region")
    demeaned = fe_ols(df, "y", ["x1", "x2"], fe=["region", "period"], cluster="region",
                      small_sample="dummies")
    np.testing.assert_allclose(dummies.params, demeaned.params, rtol=0, atol=1e-8)
    np.testing.assert_allclose(dummies.bse, demeaned.bse, rtol=1e-8)
    assert demeaned.r2 == pytest.approx(ref.rsquared, abs=1e-10)


def test_demean_one_way_is_group_demeaning():
    g = np.array([0, 0, 1, 1, 1])
    v = np.array([1.0, 3.0, 2.0, 4.0, 9.0])
    out, ok = demean(v, [g])
    expected = v - pd.Series(v).groupby(g).transform("mean").to_numpy()
    np.testing.assert_allclose(out, expected)
    assert ok


# ----------------------------------------------------------------------------- clustered SEs
def test_clustered_se_equal_statsmodels_without_fe():
    df = _panel_data(7, n_regions=25, n_periods=4)
    res = fe_ols(df, "y", ["x1", "x2"], cluster="region")
    ref = smf.ols("y ~ x1 + x2", df).fit(cov_type="cluster",
                                          cov_kwds={"groups": pd.factorize(df["region"])[0]})
    np.testing.assert_allclose(res.bse[["Intercept", "x1", "x2"]].to_numpy(),
                               ref.bse[["Intercept", "x1", "x2"]].to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(res.params.to_numpy(), ref.params.to_numpy(), rtol=1e-10)


@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt:RuntimeWarning")
def test_clustered_se_equal_statsmodels_with_dummies_one_and_two_way():
    df = _panel_data(8, n_regions=30, n_periods=12)
    g1 = pd.factorize(df["state"])[0]
    g2 = df["period"].to_numpy()
    ref1 = smf.ols("y ~ x1 + x2 + C(region)", df).fit(cov_type="cluster",
                                                        cov_kwds={"groups": g1})
    res1 = fe_ols(df, "y", ["x1", "x2"], fe="region", cluster="state", small_sample="dummies",
                  min_clusters=5)
    np.testing.assert_allclose(res1.bse.to_numpy(), ref1.bse[["x1", "x2"]].to_numpy(),
                               rtol=1e-8)
    ref2 = smf.ols("y ~ x1 + x2 + C(region)", df).fit(
        cov_type="cluster", cov_kwds={"groups": np.column_stack([g1, g2])})
    res2 = fe_ols(df, "y", ["x1", "x2"], fe="region", cluster=["state", "period"],
                  small_sample="dummies", min_clusters=5)
    np.testing.assert_allclose(res2.bse.to_numpy(), ref2.bse[["x1", "x2"]].to_numpy(),
                               rtol=1e-8)
    # nested convention: region FE inside state clusters are not counted, so SEs are smaller
    res3 = fe_ols(df, "y", ["x1", "x2"], fe="region", cluster="state", min_clusters=5)
    assert (res3.bse < res1.bse).all()
    assert res3.df_inference == df["state"].nunique() - 1


# ----------------------------------------------------------------------------- errors
def test_errors_singular_absorbed_few_clusters_missing_outcome():
    df = _panel_data(9)
    df["x3"] = 2 * df["x1"] - df["x2"]
    with pytest.raises(SingularDesignError, match="x3|x1|x2"):
        fe_ols(df, "y", ["x1", "x2", "x3"], fe="region", cluster="region")
    df["size"] = df["region"].str[1:].astype(int) * 1.0
    with pytest.raises(SingularDesignError, match="absorbed"):
        fe_ols(df, "y", ["x1", "size"], fe="region", cluster="region")
    with pytest.warns(Warning, match="absorbed"):
        res = fe_ols(df, "y", ["x1", "size"], fe="region", cluster="region", absorbed="drop")
    assert res.absorbed == ("size",) and list(res.params.index) == ["x1"]
    df["const"] = 1.0
    with pytest.raises(SingularDesignError, match="const"):
        fe_ols(df, "y", ["x1", "const"])
    small = df.loc[df["state"].isin(["s00", "s01", "s02"])]
    with pytest.raises(ClusterError, match="3 cluster"):
        fe_ols(small, "y", ["x1"], cluster="state")
    empty = df.assign(y=np.nan)
    with pytest.raises(OutcomeError, match="missing"):
        fe_ols(empty, "y", ["x1"])
    with pytest.raises(ModelError, match="not in the data"):
        fe_ols(df, "nope", ["x1"])


def test_dropped_rows_are_counted():
    df = _panel_data(10)
    df.loc[:4, "x1"] = np.nan
    df.loc[3:9, "y"] = np.nan
    res = fe_ols(df, "y", ["x1", "x2"], fe="region", cluster="region")
    # rows 3-9 miss y (7 rows); rows 0-2 miss only x1 (3 rows): 10 rows, each counted once
    assert res.dropped == {"missing y": 7, "missing x1": 3}
    assert res.n_dropped == 10 == len(df) - res.nobs
    assert res.spec["missing_by_column"] == {"y": 7, "x1": 5}


def test_dropped_count_is_rows_removed_not_reasons():
    """A row missing one value was counted twice (by column and as 'any missing')."""
    df = _panel_data(13)
    df["lag"] = df["x2"]
    df.loc[df["period"] == df["period"].min(), "lag"] = np.nan  # first period has no lag
    n_first = int(df["lag"].isna().sum())
    res = fe_ols(df, "y", ["x1", "lag"], fe=("region", "period"), cluster="region")
    assert res.n_dropped == n_first == len(df) - res.nobs
    tab = regression_table({"(1)": res})
    assert tab.frame.loc["Dropped", "(1)"] == str(n_first)


def test_frenken_growth_counts_undefined_growth_once():
    """Rows whose growth is undefined stay flagged in the table; the model counts them once."""
    rng = np.random.default_rng(5)
    df = pd.DataFrame({
        "time": np.repeat([2000, 2005, 2010], 36),
        "region": np.tile(np.repeat([f"r{k:02d}" for k in range(12)], 3), 3),
        "industry": np.tile(["a", "b", "c"], 36),
        "employment": rng.integers(1, 100, size=108).astype(float),
    })
    df.loc[(df["time"] == 2010) & (df["region"] == "r00"), "employment"] = 0.0  # zero at end
    p = Panel.from_long(df, value="employment", time="time",
                        hierarchy=pd.DataFrame({"group": ["g", "g", "h"]},
                                               index=["a", "b", "c"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = frenken_data(p, lagged_growth=True, level="group")
        res = frenken_growth(table, controls=("lagged_growth",), fe="period", cluster=None)
    # 24 rows: r00 2005-2010 has undefined growth (1 row); lagged growth is missing for the
    # 12 rows of the first period; 13 rows removed in all
    assert len(table) - res.nobs == 13 == res.n_dropped
    assert res.dropped["growth undefined: zero at end (2005-2010)"] == 1
    assert res.dropped["missing lagged_growth"] == 12


def test_logit_drops_and_counts_perfectly_predicted_groups():
    rng = np.random.default_rng(11)
    df = pd.DataFrame({"region": np.repeat([f"r{i}" for i in range(20)], 30),
                       "x": rng.normal(size=600)})
    df["y"] = (rng.random(600) < 1 / (1 + np.exp(-df["x"]))).astype(float)
    df.loc[df["region"] == "r0", "y"] = 0.0
    res = fe_logit(df, "y", ["x"], fe="region", cluster="region")
    assert res.dropped["perfectly predicted by fixed effects"] == 30
    assert res.nobs == 570
    with pytest.raises(OutcomeError, match="0/1"):
        fe_logit(df.assign(y=df["y"] * 2), "y", ["x"])


# ----------------------------------------------------------------------------- entry / exit samples
def _small_panel(seed: int = 0) -> Panel:
    rng = np.random.default_rng(seed)
    times, regions, inds = [2000, 2005, 2010], [f"r{i}" for i in range(15)], list("abcdefgh")
    rows = [(t, r, i, float(rng.integers(0, 50))) for t in times for r in regions for i in inds]
    df = pd.DataFrame(rows, columns=["time", "region", "industry", "employment"])
    return Panel.from_long(df, value="employment", time="time")


def test_entry_sample_only_pairs_not_specialised_at_start():
    from smartregion.structure import location_quotient

    p = _small_panel()
    rng = np.random.default_rng(1)
    dens = pd.DataFrame(rng.random((len(p.times) * len(p.regions), len(p.industries))),
                        index=pd.MultiIndex.from_product([p.times, p.regions],
                                                         names=["time", "region"]),
                        columns=p.industries)
    comp = pd.Series(rng.normal(size=len(p.industries)), index=p.industries)
    pairs = entry_pairs(p, dens, comp, step=1)
    lq = location_quotient(p)
    lq_start = lq.stack().rename("lq").reset_index()
    merged = pairs.merge(lq_start, left_on=["start", "region", "industry"],
                         right_on=["time", "region", "industry"])
    assert len(merged) == len(pairs) > 0
    assert (merged["lq"] < 1).all() and (pairs["M_start"] == 0).all()
    # every not-specialised cell is in the sample (none silently lost)
    n_expected = int((lq.loc[[2000, 2005]] < 1).to_numpy().sum())
    assert len(pairs) == n_expected
    # entry equals specialisation at the end
    end = merged.merge(lq.stack().rename("lq_end").reset_index(),
                       left_on=["end", "region", "industry"],
                       right_on=["time", "region", "industry"])
    assert ((end["lq_end"] >= 1).astype(float) == end["entry"]).all()
    exits = entry_pairs(p, dens, comp, kind="exit")
    assert (exits["M_start"] == 1).all()
    assert len(exits) + len(pairs) == len(p.regions) * len(p.industries) * 2
    bad = pairs.copy()
    bad.loc[bad.index[0], "M_start"] = 1
    with pytest.raises(ModelError, match="M_start"):
        entry_model(bad, min_clusters=5)
    res = exit_model(exits, fe="period", min_clusters=5)
    assert res.spec["filters"][0] == "M_start == 1" and res.outcome == "exit"


def test_entry_model_drops_complexity_absorbed_by_industry_period_fe():
    df = _entry_table(3)
    rng = np.random.default_rng(3)
    keys = df["industry"] + df["period"]
    cx = {k: rng.normal() for k in keys.unique()}  # varies by industry and period
    df["complexity"] = keys.map(cx)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = entry_model(df)
    assert "complexity" in res.absorbed and "density:complexity" in res.params.index
    assert any("absorbed" in str(w.message) for w in caught)
    res2 = entry_model(df, fe=("region_period", "industry"))
    assert "complexity" in res2.params.index


# ----------------------------------------------------------------------------- growth
@pytest.mark.filterwarnings("ignore::smartregion.panel.ZeroLineWarning")
def test_growth_table_handles_zeros_explicitly():
    df = pd.DataFrame({"time": [2000] * 4 + [2010] * 4, "region": list("abcd") * 2,
                       "industry": "x", "employment": [100, 0, 5, 0, 150, 7, 0, 0]})
    p = Panel.from_long(df, value="employment", time="time")
    with pytest.warns(DroppedDataWarning, match="3"):
        g = growth_table(p, start=2000, end=2010)
    assert g.loc["a", "growth"] == pytest.approx(np.log(1.5) / 10)
    assert g.loc["b", "excluded"] == "zero at start" and np.isnan(g.loc["b", "growth"])
    assert g.loc["c", "excluded"] == "zero at end"
    assert g.attrs["excluded"] == {"zero at start": 1, "zero at end": 1,
                                   "zero at start and end": 1}
    d = growth_table(p, start=2000, end=2010, method="dhs", warn=False)
    assert d.loc["b", "growth"] == pytest.approx(2 / 10)
    assert d.loc["c", "growth"] == pytest.approx(-2 / 10)
    assert d.attrs["excluded"] == {"zero at start and end": 1}
    with pytest.raises(ModelError):
        period_pairs([2000], step=1)


# ----------------------------------------------------------------------------- tables
def test_regression_table_round_trips_and_records(tmp_path):
    df = _panel_data(12)
    a = fe_ols(df, "y", ["x1"], fe=["region", "period"], cluster="region",
               spec={"source": "simulated", "filters": ["period >= 0"]})
    b = fe_ols(df, "y", ["x1", "x2"], cluster="region", spec={"source": "simulated"})
    tab = regression_table({"(1)": a, "(2)": b}, labels={"x1": "x_1, main"})
    paths = tab.write(tmp_path / "tab")
    # plain CSV: the header is the first line, provenance lives in the JSON sidecar
    plain = pd.read_csv(paths[0])
    assert list(plain.columns) == ["term", "(1)", "(2)"]
    assert not paths[0].read_text(encoding="utf-8").startswith("#")
    assert (tmp_path / "tab.csv.json") in paths
    back = RegressionTable.read_csv(paths[0])
    pd.testing.assert_frame_equal(back.frame, tab.frame)
    assert back.meta == tab.meta
    assert tab.meta["smartregion_version"] == __version__
    assert tab.meta["source"] == "simulated" and "period >= 0" in tab.meta["filters"]
    assert tab.frame.loc["FE: region", "(1)"] == "Yes"
    assert tab.frame.loc["FE: region", "(2)"] == "No"
    assert tab.frame.loc["N", "(1)"] == str(len(df))
    assert tab.frame.loc["x2", "(1)"] == ""
    # the displayed estimate and standard error agree with the fit
    assert tab.frame.loc["x_1, main", "(1)"].rstrip("*") == f"{a.params['x1']:.3f}"
    assert tab.frame.loc["x_1, main (se)", "(1)"] == f"({a.bse['x1']:.3f})"
    md, tex = paths[1].read_text(), paths[2].read_text()
    assert __version__ in md and "simulated" in md
    assert r"\begin{tabular}{lcc}" in tex and r"x\_1, main" in tex  # escaped underscore
    assert r"\toprule" in tex and "simulated" in tex


def test_stars_follow_p_values():
    df = _panel_data(13)
    res = fe_ols(df, "y", ["x1", "x2"], fe=["region", "period"], cluster="region")
    tab = regression_table({"m": res})
    for term in ("x1", "x2"):
        p = res.pvalues[term]
        n = sum(p < lv for lv in (0.1, 0.05, 0.01))
        cell = tab.frame.loc[term, "m"]
        assert len(cell) - len(cell.rstrip("*")) == n


# ----------------------------------------------------------------------------- MAUP
def test_spatial_unit_sensitivity_nested_comparisons():
    p = _small_panel(4)
    city = {r: f"c{int(r[1:]) // 3}" for r in p.regions}          # 5 cities
    pref = {r: f"p{int(r[1:]) // 6}" for r in p.regions}          # 3 prefectures (nested in?)
    odd = {r: f"o{int(r[1:]) % 4}" for r in p.regions}            # not nested with city

    def size(panel: Panel) -> pd.Series:
        return panel.region_result(np.log(panel.values.sum(axis=2)), "log_size")

    out = spatial_unit_sensitivity(p, {"city": city, "pref": pref, "odd": odd}, size)
    comp = out.comparison
    pairs = set(zip(comp["fine"], comp["coarse"]))
    assert ("base", "city") in pairs and ("base", "pref") in pairs
    assert ("city", "odd") not in pairs and ("odd", "city") not in pairs
    assert ("city", "base") not in pairs  # never coarse-to-fine
    row = comp[(comp["fine"] == "base") & (comp["coarse"] == "city") & (comp["time"] == 2005)]
    base_v = out.values["base"].xs(2005, level="time")["log_size"]
    city_v = out.values["city"].xs(2005, level="time")
    parent = [city[r] for r in base_v.index]
    expected = stats.spearmanr(base_v.to_numpy(), city_v.loc[parent].to_numpy()).statistic
    assert row["spearman"].iloc[0] == pytest.approx(expected)
    assert row["n_fine"].iloc[0] == 15 and row["n_coarse"].iloc[0] == 5


def test_spatial_unit_sensitivity_leaves_out_singleton_units():
    p = _small_panel(4)
    # regions r00..r05 form two cities of three; every other region is its own "city"
    city = {r: (f"c{int(r[1:]) // 3}" if int(r[1:]) < 6 else r) for r in p.regions}

    def size(panel: Panel) -> pd.Series:
        return panel.region_result(np.log(panel.values.sum(axis=2)), "log_size")

    n_single = len(p.regions) - 6
    comp = spatial_unit_sensitivity(p, {"city": city}, size, min_regions=2).comparison
    assert (comp["n_singletons"] == n_single).all() and (comp["n_fine"] == 6).all()
    base_v = size(p).xs(2005, level="time")
    base_v = base_v.loc[[r for r in base_v.index if int(r[1:]) < 6]]
    merged = p.aggregate_regions(city)
    city_v = size(merged).xs(2005, level="time")
    expected = stats.spearmanr(base_v.to_numpy(),
                               city_v.loc[[city[r] for r in base_v.index]].to_numpy()).statistic
    row = comp[comp["time"] == 2005]
    assert row["spearman"].iloc[0] == pytest.approx(expected)
    kept = spatial_unit_sensitivity(p, {"city": city}, size, exclude_singletons=False).comparison
    assert (kept["n_fine"] == len(p.regions)).all() and (kept["n_singletons"] == 0).all()


def test_coefficient_sensitivity_reports_each_unit():
    p = _small_panel(5)
    city = {r: f"c{int(r[1:]) // 3}" for r in p.regions}

    def model(panel: Panel):
        g = growth_table(panel, start=2000, end=2010, warn=False).reset_index()
        g["log_size"] = np.log(g["value_start"])
        return fe_ols(g, "growth", ["log_size"], min_clusters=10, cluster="region")

    out = coefficient_sensitivity(p, {"city": city}, model)
    assert set(out["unit"]) == {"base", "city"}
    base = out[out["unit"] == "base"]
    assert base["error"].eq("").all() and base["nobs"].iloc[0] == 15
    # 5 cities are too few clusters: reported, not raised
    assert "cluster" in out.loc[out["unit"] == "city", "error"].iloc[0]


# ----------------------------------------------------------------------------- ladder
def _ladder_table(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 240
    df = pd.DataFrame({"region": np.repeat([f"r{k:02d}" for k in range(60)], 4),
                       "period": np.tile(["p1", "p2", "p3", "p4"], 60),
                       "related": rng.normal(2.0, 0.5, n), "unrelated": rng.normal(1.0, 0.3, n),
                       "herfindahl": rng.uniform(0.1, 0.4, n), "log_size": rng.normal(8, 1, n),
                       "expected_growth": rng.normal(0.0, 0.01, n),
                       "density": rng.uniform(0.2, 0.6, n), "coherence": rng.normal(size=n)})
    df["growth"] = (0.02 * df["related"] - 0.01 * df["unrelated"] + 0.8 * df["expected_growth"]
                    + rng.normal(0, 0.01, n))
    return df


def test_ladder_rungs_and_standardised_coefficients():
    from smartregion.models import variety_ladder

    df = _ladder_table(1)
    res = variety_ladder(df, period_fe="period", region_fe="region", cluster="region",
                         network=("coherence",), outcome_label="employment growth",
                         units="log points per year")
    assert list(res) == ["(1)", "(2)", "(3)", "(4)", "(2) + herfindahl"]
    assert res["(1)"].fixed_effects == ("period",)
    assert res["(3)"].fixed_effects == ("period", "region")
    assert res["(4)"].fixed_effects == ("period", "region")
    # (1) RV/UV + size; (2) + industry-mix expected growth + density; Herfindahl only as a
    # robustness model, never in the main ladder
    assert list(res["(1)"].params.index) == ["related", "unrelated", "log_size"]
    assert {"expected_growth", "density"} <= set(res["(2)"].params.index)
    assert "coherence" in res["(4)"].params.index
    assert all("herfindahl" not in res[k].params.index for k in ("(1)", "(2)", "(3)", "(4)"))
    assert "herfindahl" in res["(2) + herfindahl"].params.index
    assert res["(2) + herfindahl"].spec["robustness"] and not res["(2)"].spec["robustness"]
    # standardised beta = raw beta * sd(x) / sd(y): independent route through fe_ols on raw data
    regs = ["related", "unrelated", "log_size", "expected_growth", "density"]
    raw = fe_ols(df, "growth", regs, fe="period", cluster="region")
    sd = df[["growth", "related"]].std(ddof=0)
    assert res["(2)"].params["related"] == pytest.approx(
        raw.params["related"] * sd["related"] / sd["growth"], rel=1e-10)
    assert res["(2)"].spec["units"] == "log points per year"
    weighted = variety_ladder(df.assign(w=np.exp(df["log_size"])), period_fe="period",
                              cluster="region", weights="w", robustness=())
    assert weighted["(1)"].weights == "w" and list(weighted) == ["(1)", "(2)", "(3)"]
    assert not np.isclose(weighted["(1)"].params["related"], res["(1)"].params["related"])


def test_expected_growth_is_leave_one_out_industry_mix():
    from smartregion.models import expected_growth

    df = pd.DataFrame({"time": [0] * 6 + [1] * 6, "region": ["a", "a", "b", "b", "c", "c"] * 2,
                       "industry": ["x", "y"] * 6,
                       "v": [10, 0, 5, 5, 0, 10, 20, 0, 10, 5, 0, 20.0]})
    p = Panel.from_long(df, value="v", time="time")
    eg = expected_growth(p, start=0, end=1)
    # a is all x; x outside a grows 5 -> 10: ln 2. c is all y; y outside c is 5 -> 5: 0.
    # b is half x (outside b: 10 -> 20) and half y (outside b: 10 -> 20): ln 2.
    np.testing.assert_allclose(eg.to_numpy(), [np.log(2), np.log(2), 0.0])
    # with its own cells included, c's y industry grows (15 -> 25) and c's prediction moves
    inc = expected_growth(p, start=0, end=1, leave_one_out=False)
    assert inc["c"] == pytest.approx(np.log(25 / 15))


def test_variety_resolution_counts_groups_and_caps():
    from smartregion.models import variety_resolution

    h = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 2 + ["c"]},
                     index=[f"i{k}" for k in range(8)])
    df = pd.DataFrame({"region": ["r"] * 8, "industry": h.index, "v": np.arange(1.0, 9.0)})
    res = variety_resolution(Panel.from_long(df, value="v", hierarchy=h), "g")
    assert (res["industries"], res["groups"]) == (8, 3)
    assert res["max_uv_bits"] == pytest.approx(np.log2(3))  # 1.585 bits with three groups
    assert res["max_rv_bits"] == pytest.approx(np.log2(5))


def test_table_extra_rows_state_resolution_and_outcome():
    df = _ladder_table(2)
    a = fe_ols(df, "growth", ["related", "unrelated"], cluster="region")
    tab = regression_table({"(1)": a}, extra_rows={"Outcome": "growth (log/yr)",
                                                   "RV/UV resolution": {"(1)": "20 in 3"}})
    assert tab.frame.loc["Outcome", "(1)"] == "growth (log/yr)"
    assert tab.frame.loc["RV/UV resolution", "(1)"] == "20 in 3"


def test_coefficient_figure_plots_exactly_the_models_its_caption_names():
    from smartregion.models import coefficient_caption, coefficient_rows, variety_ladder
    from smartregion.plots import coefficient_plot

    df = _ladder_table(3)
    lad = variety_ladder(df, period_fe="period", region_fe="region", cluster="region",
                         outcome_label="growth", units="log/yr", robustness=())
    rows = coefficient_rows({"Panel A": lad, "Panel B": {"(2)": lad["(2)"]}})
    caption = coefficient_caption(rows)
    fig = coefficient_plot(rows, caption=caption, title="t")
    # one panel per sample: the sample names the panel (first title line), a row the model
    plotted, ticks, titles = set(), [], []
    for ax in fig.axes:
        sample = ax.get_title(loc="left").splitlines()[0]
        titles.append(ax.get_title(loc="left"))
        for t in ax.get_yticklabels():
            ticks.append(t.get_text())
            plotted.add(f"{sample} {t.get_text().split()[0]}")
    named = set(caption.split("Models shown: ")[1].rstrip(".").split("; "))
    assert plotted == named == {"Panel A (1)", "Panel A (2)", "Panel A (3)", "Panel B (2)"}
    # every row states model and N, every panel its outcome and units
    assert all("N=" in t for t in ticks)
    assert all("growth (log/yr)" in t for t in titles)
    with pytest.raises(Exception, match="does not name"):
        coefficient_plot(rows, caption="Models shown: Panel A (1).", title="t")


# ----------------------------------------------------------------------------- real samples
def _need_data():
    from smartregion.datasets import DataNotAvailableError, fetch_file

    try:
        fetch_file("jp_manufactures_municipal", "DTA_meti_manu2004.dta", download=False)
        fetch_file("nz_urban_employment", "industries.csv", download=False)
    except (DataNotAvailableError, KeyError, FileNotFoundError):
        pytest.skip("real datasets are not cached; set SMARTREGION_DATA_DIR")


def test_japan_main_specification_starts_in_2004_without_zero_filled_cells():
    _need_data()
    from smartregion.models import samples

    main = samples.jp_growth_sample()
    assert (main.facts["start"], main.facts["end"]) == (2004, 2012)
    assert main.facts["suppressed_cells_set_to_zero"] == 0
    robust = samples.jp_growth_sample(2001)
    assert robust.facts["suppressed_cells_set_to_zero"] > 2000  # 2001-03 heavily suppressed
    assert 0 < main.facts["employment_share_kept"] < 1
    assert main.facts["regions_kept"] == len(main.table)
    assert main.resolution["groups"] == 3 and main.resolution["industries"] == 20
    entry = samples.jp_entry_sample((2001, 2004, 2008, 2012))
    rates = entry.facts["entry_rate_by_period"]
    # zero-filled suppressed cells inflate entry in the first period
    assert rates["2001-2004"] > rates["2004-2008"] and rates["2001-2004"] > rates["2008-2012"]


def test_nz_lagged_growth_model_counts_each_dropped_row_once():
    _need_data()
    from smartregion.models import samples, variety_ladder

    nz = samples.nz_growth_sample()
    res = fe_ols(nz.table, "growth", ["related", "unrelated", "lagged_growth"],
                 fe=("region", "period"), cluster="region")
    assert res.n_dropped == 143 == len(nz.table) - res.nobs
    tab = regression_table({"(3)": res})
    assert tab.frame.loc["Dropped", "(3)"] == "143"
    lad = variety_ladder(nz.table, period_fe="period", cluster="region")
    assert all(r.nobs == 143 * 7 for r in lad.values())


def test_nickell_bias_matches_the_first_order_formula_and_simulation():
    from smartregion.models import nickell_bias

    assert nickell_bias(0.0, 5) == pytest.approx(-0.25)
    assert nickell_bias(0.5, 11) == pytest.approx(-0.15)
    # simulated AR(1) with fixed effects, T = 6 observations of the lag: the within estimate
    # falls short of rho by about the formula (it is a first-order approximation)
    rng = np.random.default_rng(0)
    n, t, rho = 4000, 7, 0.4
    mu = rng.normal(size=n)
    y = np.zeros((n, t + 50))
    for k in range(1, t + 50):
        y[:, k] = rho * y[:, k - 1] + mu + rng.normal(size=n)
    y = y[:, -t:]
    df = pd.DataFrame({"region": np.repeat(np.arange(n), t - 1),
                       "y": y[:, 1:].ravel(), "lag": y[:, :-1].ravel()})
    est = fe_ols(df, "y", ["lag"], fe="region").params["lag"]
    assert est - rho == pytest.approx(nickell_bias(rho, t - 1), abs=0.08)
    with pytest.raises(ModelError):
        nickell_bias(0.3, 1)


# ----------------------------------------------------------------------------- weights, inference
def test_weights_equal_statsmodels_wls_with_dummies():
    df = _panel_data(21, n_regions=30, n_periods=5)
    df["w"] = np.random.default_rng(1).uniform(0.5, 3.0, len(df))
    res = fe_ols(df, "y", ["x1", "x2"], fe="region", cluster="state", weights="w",
                 small_sample="dummies", min_clusters=5)
    ref = smf.wls("y ~ x1 + x2 + C(region)", df, weights=df["w"]).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(df["state"])[0]})
    np.testing.assert_allclose(res.params.to_numpy(), ref.params[["x1", "x2"]], rtol=1e-8)
    np.testing.assert_allclose(res.bse.to_numpy(), ref.bse[["x1", "x2"]], rtol=1e-8)
    same = fe_ols(df, "y", ["x1", "x2"], fe="region", cluster="state", min_clusters=5,
                  weights=df["w"].to_numpy())
    assert same.weights == "<array>" and res.weights == "w"
    np.testing.assert_allclose(same.params.to_numpy(), res.params.to_numpy(), rtol=1e-10)
    unweighted = fe_ols(df, "y", ["x1", "x2"], fe="region", cluster="state", min_clusters=5)
    assert not np.allclose(unweighted.params.to_numpy(), res.params.to_numpy())
    with pytest.raises(ModelError, match="positive"):
        fe_ols(df.assign(w=df["w"] - 1.0), "y", ["x1"], weights="w")


def test_wald_test_matches_pyfixest_and_single_term_is_t_squared():
    from smartregion.models import wald_test

    df = _panel_data(22)
    res = fe_ols(df, "y", ["x1", "x2"], fe=("region", "period"), cluster="region")
    one = wald_test(res, ["x1"])
    assert one["statistic"] == pytest.approx(float(res.tvalues["x1"]) ** 2, rel=1e-12)
    assert one["p"] == pytest.approx(float(res.pvalues["x1"]), rel=1e-9)
    both = wald_test(res, ["x1", "x2"])
    ref = res.fit.wald_test(R=np.eye(2))
    assert both["statistic"] == pytest.approx(float(ref["statistic"]), rel=1e-9)
    assert both["p"] == pytest.approx(float(ref["pvalue"]), rel=1e-6, abs=1e-12)


def test_wild_bootstrap_draws_equal_explicit_restricted_refits():
    from smartregion.models.inference import bootstrap_weights, wild_cluster_bootstrap

    df = _panel_data(23, n_regions=24, n_periods=4)
    res = fe_ols(df, "y", ["x1", "x2"], fe="region", cluster="state", min_clusters=5)
    draws = bootstrap_weights(df["state"].unique(), 99, seed=3, kind="webb")
    out, boot = wild_cluster_bootstrap(res, ["x2"], draws=draws, return_draws=True)
    # explicit: restricted fit without x2 (dummies), y* = fitted + v_g * residual, full refit
    restricted = smf.ols("y ~ x1 + C(region)", df).fit()
    g = pd.factorize(df["state"])[0]
    ratios = []
    for b in range(5):
        v = draws.loc[b, df["state"].astype(str)].to_numpy()
        ystar = restricted.fittedvalues + v * restricted.resid
        fit = smf.ols("ys ~ x1 + x2 + C(region)", df.assign(ys=ystar)).fit(
            cov_type="cluster", cov_kwds={"groups": g})
        ratios.append(fit.tvalues["x2"] / boot["x2"][b])
    # the CRV1 small-sample factor is common to every draw and to the observed statistic
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-8)
    ref = smf.ols("y ~ x1 + x2 + C(region)", df).fit(cov_type="cluster",
                                                     cov_kwds={"groups": g})
    assert ref.tvalues["x2"] / out.loc["x2", "t"] == pytest.approx(ratios[0], rel=1e-8)
    again = wild_cluster_bootstrap(res, ["x2"], draws=draws)
    assert again.loc["x2", "p_wcr"] == out.loc["x2", "p_wcr"]


def test_wild_bootstrap_keeps_size_with_few_clusters():
    """Null true, 8 clusters of very different sizes: CRV1 t(G-1) over-rejects, WCR
    rejects near the nominal 5%."""
    from smartregion.models.inference import wild_cluster_bootstrap

    rej_wcr = rej_t = 0
    n_sim = 150
    for s in range(n_sim):
        rng = np.random.default_rng(900 + s)
        sizes = np.array([5, 5, 8, 10, 20, 30, 60, 120])
        g = np.repeat(np.arange(8), sizes)
        xg = rng.normal(size=8)
        x = xg[g] + 0.3 * rng.normal(size=g.size)
        y = rng.normal(size=8)[g] + rng.normal(size=g.size) * (1 + (g == 7))
        df = pd.DataFrame({"y": y, "x": x, "g": g.astype(str)})
        res = fe_ols(df, "y", ["x"], cluster="g", min_clusters=5)
        p = wild_cluster_bootstrap(res, ["x"], reps=399, seed=s).loc["x", "p_wcr"]
        rej_wcr += p < 0.05
        rej_t += res.pvalues["x"] < 0.05
    assert rej_wcr / n_sim <= 0.10
    assert rej_t > rej_wcr


def test_holm_and_romano_wolf_adjustments():
    from pyfixest.estimation.post_estimation.multcomp import _get_rwolf_pval

    from smartregion.models.inference import holm, romano_wolf

    np.testing.assert_allclose(holm([0.01, 0.04, 0.03, 0.5]), [0.04, 0.09, 0.09, 0.5])
    rng = np.random.default_rng(4)
    cov = np.array([[1, 0.6, 0.2], [0.6, 1, 0.1], [0.2, 0.1, 1]])
    tb = rng.multivariate_normal(np.zeros(3), cov, size=2000)
    t = np.array([2.5, 1.0, 2.1])
    rw = romano_wolf(t, tb)
    np.testing.assert_allclose(rw, _get_rwolf_pval(t, tb))
    single = np.array([(1 + np.sum(np.abs(tb[:, k]) >= t[k])) / 2001 for k in range(3)])
    assert (rw >= single - 1e-12).all()
    assert rw[0] <= rw[2] <= rw[1]


def test_adjusted_pvalues_cover_every_model_term_pair():
    from smartregion.models.inference import adjusted_pvalues

    df = _panel_data(24, n_regions=40, n_periods=3)
    models = {"(1)": fe_ols(df, "y", ["x1"], fe="period", cluster="state", min_clusters=5),
              "(2)": fe_ols(df, "y", ["x1", "x2"], fe="period", cluster="state",
                            min_clusters=5)}
    tab = adjusted_pvalues(models, ["x1", "x2"], reps=199, seed=1)
    assert list(zip(tab["model"], tab["term"])) == [("(1)", "x1"), ("(2)", "x1"), ("(2)", "x2")]
    assert (tab["p_holm"] >= tab["p"] - 1e-15).all()
    assert (tab["p_rw"] >= 1 / 200).all() and tab.attrs["hypotheses"] == 3
    again = adjusted_pvalues(models, ["x1", "x2"], reps=199, seed=1)
    pd.testing.assert_frame_equal(tab, again)


def test_entry_model_lq_bands_remove_nearness_to_the_threshold():
    """Entry depends only on how close a cell already is to LQ = 1; density is correlated
    with that closeness. Without bands density looks predictive; with bands it does not."""
    from smartregion.models import ENTRY_LQ_EDGES, EXIT_LQ_EDGES, lq_bands

    rng = np.random.default_rng(31)
    n = 6000
    lq = np.where(rng.random(n) < 0.3, 0.0, rng.uniform(0.0, 0.999, n))
    density = 0.5 * lq + rng.normal(0, 0.2, n)
    band = np.digitize(lq, [1e-12, 0.25, 0.5, 0.75])
    entry = (rng.random(n) < np.array([0.01, 0.05, 0.1, 0.2, 0.35])[band]).astype(float)
    df = pd.DataFrame({"entry": entry, "density": density, "lq_start": lq, "M_start": 0,
                       "region": [f"r{k % 60}" for k in range(n)],
                       "region_period": [f"r{k % 60}" for k in range(n)],
                       "industry_period": [f"i{k % 25}" for k in range(n)]})
    plain = entry_model(df, complexity=None)
    banded = entry_model(df, complexity=None, lq_edges=ENTRY_LQ_EDGES)
    assert plain.pvalues["density"] < 0.001
    assert abs(banded.params["density"]) < plain.params["density"] / 3
    assert banded.spec["lq_bands"] == ["lq_0_0.25", "lq_0.25_0.5", "lq_0.5_0.75", "lq_0.75_1"]
    assert list(lq_bands(pd.Series([1.0, 1.3, 5.0]), EXIT_LQ_EDGES).sum()) == [1, 0, 0, 1]
    with pytest.raises(ModelError, match="outside"):
        lq_bands(pd.Series([1.5]), ENTRY_LQ_EDGES)


def test_residual_placement_of_units_and_groups():
    from smartregion.models.cases import residual_placement

    # y = x exactly except four planted deviations, so OLS residuals are known in sign/rank
    x = np.arange(20, dtype=float)
    dev = np.zeros(20)
    dev[[3, 7, 12, 16]] = [2.0, -2.0, 1.0, -1.0]
    df = pd.DataFrame({"region": [f"u{k:02d}" for k in range(20)], "x": x, "y": x + dev,
                       "city": ["A"] * 5 + ["B"] * 5 + ["C"] * 5 + ["D"] * 5,
                       "w": [1.0] * 20}, index=np.arange(100, 120))
    res = fe_ols(df, "y", ["x"])
    tab = residual_placement(res, df, units={"top": "u03", "bottom": "u07"},
                             groups={"city A": ("city", "A"), "city B": ("city", "B")},
                             weight="w").set_index("name")
    expected = df["y"] - res.params["Intercept"] - res.params["x"] * df["x"]
    assert tab.loc["top", "residual"] == pytest.approx(expected.loc[103])
    assert tab.loc["top", "percentile"] == 100.0 and tab.loc["bottom", "percentile"] == 5.0
    means = expected.groupby(df["city"]).mean()
    assert tab.loc["city A", "residual"] == pytest.approx(means["A"])
    assert tab.loc["city A", "percentile"] == 100.0 * (means <= means["A"]).mean()
    assert tab.loc["city B", "n_compared"] == 4 and tab.loc["city B", "n_units"] == 5


def test_residual_distribution_figure_marks_every_named_unit_and_group():
    from smartregion.figstyle import source_text
    from smartregion.plots_models_new import residual_distribution

    resid = pd.Series(np.linspace(-2, 2, 50))
    place = pd.DataFrame({"kind": ["unit", "unit", "group"], "name": ["a", "b", "G"],
                          "residual": [-1.0, 0.5, 0.2], "percentile": [25.0, 62.0, 55.0],
                          "n_units": [1, 1, 2], "n_compared": [50, 50, 10],
                          "label": ["Ward A", "Ward B", "Kyoto City"]})
    fig = residual_distribution(resid, place, title="t", source="S; computed")
    top, strip = fig.axes
    assert [t.get_text() for t in strip.get_yticklabels()] == [
        "Ward A (percentile 25)", "Ward B (percentile 62)"]
    legend = [t.get_text() for t in top.get_legend().get_texts()]
    assert legend[1] == "Kyoto City: +0.20 SD, percentile 55 of 10"
    assert source_text(fig) is not None
    with pytest.raises(ValueError, match="label"):
        residual_distribution(resid, place.drop(columns="label"), title="t", source="S")
