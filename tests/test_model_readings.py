"""Tests of smartregion.models.readings: key numbers of fitted tables, hand-computed."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from smartregion.models import ModelError, RegressionResult, readings
from smartregion.plots.style import figure_title

# normal two-sided p-values at |t| = 2 and |t| = 1 (tables of the standard normal)
P_T2 = 0.04550026389635842
P_T1 = 0.31731050786291415


def _result(coefs: dict[str, float], ses: dict[str, float], nobs: int = 50) -> RegressionResult:
    """A fitted model with a diagonal covariance and the normal reference (df None)."""
    names = list(coefs)
    cov = pd.DataFrame(np.diag([ses[n] ** 2 for n in names]), index=names, columns=names)
    return RegressionResult(params=pd.Series(coefs, dtype=float), cov=cov, nobs=nobs,
                            outcome="growth", r2=0.25)


@pytest.fixture
def ladder() -> dict[str, RegressionResult]:
    return {"(1)": _result({"related": 0.5, "unrelated": -0.1},
                           {"related": 0.25, "unrelated": 0.1}, nobs=40),
            "(2)": _result({"related": -0.4, "unrelated": 0.2, "density": 0.0},
                           {"related": 0.4, "unrelated": 0.1, "density": 1.0}, nobs=38)}


def test_words_follow_the_numbers():
    assert readings.direction_word(0.1) == "positive"
    assert readings.direction_word(0.0) == "negative"  # zero reads as the second word
    assert readings.direction_word(-2, "faster", "more slowly") == "more slowly"
    assert readings.signif_word(0.049) == "distinguishable from zero at 5%"
    assert readings.signif_word(0.05) == "not distinguishable from zero"
    assert readings.signif_word(0.02, alpha=0.01) == "not distinguishable from zero"


def test_coefficient_readings_names_and_values(ladder):
    keys = readings.coefficient_readings(ladder, [
        (["(1)", "(2)"], ["related", "unrelated", "density"], ("coef", "se", "p", "sign")),
        (["(1)"], ["related", "unrelated"], ["signif"])])
    # density is only in (2): no density_1 key
    assert "density_1" not in keys
    assert keys["related_1"] == 0.5
    assert keys["related_1_se"] == pytest.approx(0.25)
    assert keys["related_1_p"] == pytest.approx(P_T2)  # t = 0.5 / 0.25 = 2
    assert keys["unrelated_1_p"] == pytest.approx(P_T1)  # t = -1
    assert keys["unrelated_2_p"] == pytest.approx(P_T2)  # t = 0.2 / 0.1 = 2
    assert keys["related_2_p"] == pytest.approx(P_T1)  # t = -1
    assert keys["density_2_p"] == pytest.approx(1.0)  # t = 0
    assert (keys["related_1_sign"], keys["unrelated_1_sign"]) == ("positive", "negative")
    assert keys["density_2_sign"] == "negative"
    assert keys["related_1_signif"] == "distinguishable from zero at 5%"
    assert keys["unrelated_1_signif"] == "not distinguishable from zero"
    assert len(keys) == 4 * 5 + 2  # (2 + 3 coefficients) x 4 statistics + 2 words


def test_coefficient_readings_aliases_and_key_pattern(ladder):
    named = {"y (1)": ladder["(1)"], "y (R)": ladder["(2)"]}
    keys = readings.coefficient_readings(named, [(["y (1)", "y (R)"], ["related"], ("coef",
                                                                                  "dir"))],
                                         key="{label}_{term}_{model}")
    assert keys == {"y_related_1": 0.5, "y_related_1_dir": "higher", "y_related_R": -0.4,
                    "y_related_R_dir": "lower"}
    keys = readings.coefficient_readings(ladder, [({"(2)": "exit"}, {"unrelated": "uv"},
                                                   ["coef"])], key="{label}_{term}")
    assert keys == {"exit_uv": 0.2}
    # a label without parentheses is its own identifier
    keys = readings.coefficient_readings({"(2) + herfindahl": ladder["(1)"]},
                                         [(["(2) + herfindahl"], ["related"], ["coef"])],
                                         key="herf_{term}")
    assert keys == {"herf_related": 0.5}


def test_coefficient_readings_adjusted_pvalues(ladder):
    adj = pd.DataFrame({"model": ["(1)", "(1)"], "term": ["related", "unrelated"],
                        "p": [P_T2, P_T1], "p_holm": [0.09, 0.32], "p_wcr": [0.03, 0.5],
                        "p_rw": [0.07, 0.5]})
    keys = readings.coefficient_readings(
        ladder, [(["(1)"], ["related", "unrelated"], ("pb", "p_holm", "p_rw", "signif"))],
        adjusted=adj, signif_from="pb")
    assert keys["related_1_pb"] == 0.03
    assert keys["related_1_p_holm"] == 0.09
    assert keys["unrelated_1_p_rw"] == 0.5
    assert keys["related_1_signif"] == "distinguishable from zero at 5%"  # bootstrap 0.03
    keys = readings.coefficient_readings(ladder, [(["(1)"], ["related"], ["signif"])],
                                         adjusted=adj, signif_from="p_rw")
    assert keys["related_1_signif"] == "not distinguishable from zero"  # Romano-Wolf 0.07


def test_coefficient_readings_errors(ladder):
    with pytest.raises(ModelError, match="unknown statistics"):
        readings.coefficient_readings(ladder, [(["(1)"], ["related"], ["tstat"])])
    with pytest.raises(ModelError, match="adjusted"):
        readings.coefficient_readings(ladder, [(["(1)"], ["related"], ["pb"])])
    with pytest.raises(ModelError, match="signif_from"):
        readings.coefficient_readings(ladder, [(["(1)"], ["related"], ["signif"])],
                                      signif_from="coef")


def test_model_and_wald_readings(ladder):
    assert readings.model_readings(ladder, ["(1)", "(2)"], ("n", "r2")) == {
        "n_1": 40, "r2_1": 0.25, "n_2": 38, "r2_2": 0.25}
    with pytest.raises(ModelError):
        readings.model_readings(ladder, ["(1)"], ("aic",))
    keys = readings.wald_readings(ladder, {"rvuv": ["related", "unrelated"],
                                           "net": ["density"]}, models=["(1)", "(2)"])
    # (1): W = 2^2 + (-1)^2 = 5 on chi2(2), survival exp(-5/2); (2): W = 1 + 4 = 5 as well
    assert keys["wald_rvuv_1_p"] == pytest.approx(math.exp(-2.5))
    assert keys["wald_rvuv_2_p"] == pytest.approx(math.exp(-2.5))
    assert keys["wald_net_2_p"] == pytest.approx(1.0)  # density 0
    assert "wald_net_1_p" not in keys  # (1) has no density


def test_adjusted_readings_counts_and_survivors():
    adj = pd.DataFrame({"model": ["(1)", "(2)", "(2)"],
                        "term": ["related", "expected_growth", "density"],
                        "p": [0.01, 0.001, 0.2], "p_wcr": [0.04, 0.002, 0.3],
                        "p_holm": [0.03, 0.003, 0.2], "p_rw": [0.06, 0.004, 0.3]})
    keys = readings.adjusted_readings(adj, survivors=("p_holm", "p_rw"))
    assert keys == {"hypotheses": 3, "n_p05": 2, "n_wcr05": 2, "n_holm05": 2, "n_rw05": 1,
                    "holm_survivors": "related in (1); expected growth in (2)",
                    "rw_survivors": "expected growth in (2)"}
    keys = readings.adjusted_readings(adj, counts=["p_rw"], alpha=0.001, survivors=["p_rw"],
                                      label=lambda m, t: m)
    assert keys == {"hypotheses": 3, "n_rw00": 0, "rw_survivors": "none"}
    assert readings.adjusted_readings(adj, counts=["p"], alpha=0.1, survivors=()) == {
        "hypotheses": 3, "n_p10": 2}


def test_correlations_and_spread():
    t = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [2.0, 4.0, 6.0], "z": [3.0, 2.0, 1.0]})
    ind = readings.correlations(t, ["x", "y", "z"], {"xy": ("x", "y"), "xz": ("x", "z")})
    assert ind.key_numbers == pytest.approx({"xy": 1.0, "xz": -1.0})
    assert ind.table.shape == (3, 3)
    panel = pd.DataFrame({"region": ["a", "a", "b", "b"], "start": [1, 2, 1, 2],
                          "x": [0.0, 2.0, 0.0, 0.0]})
    # changes (2, 0): population sd 1; pooled values (0, 2, 0, 0): sd sqrt(0.75)
    assert readings.within_spread_ratio(panel, ["x"]) == pytest.approx(
        {"x_within_sd_ratio": 1 / math.sqrt(0.75)})
    assert readings.series_break({2012: 100.0, 2013: 125.0}, 2012, 2013) == {
        "total_2012": 100.0, "total_2013": 125.0, "break_jump": 0.25}


def test_start_shares_one_row_per_row():
    panel = SimpleNamespace(times=[2009, 2013], regions=["a", "b"], industries=["C", "A"],
                            values=np.array([[[3.0, 1.0], [1.0, 1.0]], [[1.0, 3.0], [2.0, 2.0]]]))
    table = pd.DataFrame({"region": ["a", "b", "a"], "start": [2009, 2009, 2013]})
    got = readings.start_shares(panel, table, {"manufacturing_share": "C"})
    assert got["manufacturing_share"].tolist() == [0.75, 0.5, 0.25]


def test_lagged_outcome_check_on_an_exact_process():
    # y = 0.5 * lag + period effect, no region effect and no noise: both estimates are 0.5
    rng = np.random.default_rng(3)
    rows = []
    for r in range(12):
        lag = np.nan
        for t in range(4):
            x = rng.normal()
            y = (0.5 * lag if t else 0.0) + 0.1 * t + 0.3 * x
            rows.append({"region": r, "period": t, "x": x, "lag": lag, "y": y})
            lag = y
    table = pd.DataFrame(rows)
    keys = readings.lagged_outcome_check(table, "y", ["x", "lag"], lag="lag", period="period",
                                         unit="region", cluster="region")
    assert keys["lag_periods"] == 3
    assert keys["lag_pooled"] == pytest.approx(0.5, abs=1e-8)
    assert keys["lag_within"] == pytest.approx(0.5, abs=1e-8)
    assert keys["lag_gap"] == pytest.approx(0.0, abs=1e-8)
    assert keys["lag_dropped"] == 12  # the first period of each region has no lag
    assert keys["nickell_bias"] == pytest.approx(-(1 + 0.5) / (3 - 1))


def _sample(n_rows: int, **facts) -> SimpleNamespace:
    return SimpleNamespace(table=pd.DataFrame({"a": range(n_rows)}), facts=facts,
                           resolution={"industries": 20, "groups": 3, "max_uv_bits": 1.5849625,
                                       "label": "20 groups in 3 types"})


def test_sample_readings_and_coverage_table():
    s = _sample(5, regions_kept=4, suppressed_cells_set_to_zero=2)
    assert readings.sample_readings(s, ["regions_kept"], ["groups", "max_uv_bits"]) == {
        "regions_kept": 4, "groups": 3, "max_uv_bits": 1.5849625}
    tab = readings.coverage_table([("A", s, "city", "2004-2012"),
                                   ("B", _sample(2), "prefecture", "2014")])
    assert tab["observations"].tolist() == [5, 2]
    assert tab["max_uv_bits"].tolist() == [1.585, 1.585]
    assert tab["suppressed_cells_set_to_zero"].tolist() == [2, 0]  # missing fact counts 0


def test_caveat_and_decomposition_readings():
    cav = pd.DataFrame({"year": [2001, 2003, 2004, 2005],
                        "suppressed_persons_engaged": [30, 10, 0, 1],
                        "suppressed_value_added": [50, 40, 7, 5],
                        "min_persons_per_establishment": [4.5, 4.2, 4.0, 4.1],
                        "establishments": [900, 880, 870, 860]})
    assert readings.caveat_readings(cav, early=(2001, 2003), first_full=2004) == {
        "emp_suppressed_2001": 30, "emp_suppressed_2003": 10, "emp_suppressed_after_2004": 1,
        "va_suppressed_min_after_2004": 5, "min_persons_per_establishment": 4.0,
        "establishments_2004": 870}
    change = {"summary": {"change_fixed": 200.0, "within": 150.0, "between": 50.0,
                          "cells_fixed": 30},
              "by_group": pd.DataFrame({"total": [160.0, 40.0]},
                                       index=["beverages_tobacco", "food"]),
              "by_cell": pd.DataFrame({"region": ["26106"], "total": [100.0],
                                       "va_per_worker_start": [1000.0],
                                       "va_per_worker_end": [3000.0]})}
    keys = readings.decomposition_readings(change, {"26106": "Shimogyo"})
    assert keys["top_group"] == "beverages tobacco"
    assert keys["top_group_share"] == 0.8 and keys["top_cell_share"] == 0.5
    assert keys["top_cell_region"] == "Shimogyo"
    assert readings.decomposition_readings(change)["top_cell_region"] == "26106"


def test_placement_readings():
    place = pd.DataFrame({"kind": ["unit", "unit", "unit", "group"],
                          "name": ["u1", "u2", "u3", "City"],
                          "label": ["North", "South", "East", "City"],
                          "residual": [0.2, -0.5, 0.1, -0.1],
                          "percentile": [70.0, 10.0, 55.0, 40.0],
                          "n_units": [1, 1, 1, 3], "n_compared": [100, 100, 100, 20]})
    keys = readings.placement_readings(place, {"City": "city"}, unit="ward",
                                       counted={"city": "wards"})
    assert keys == {"city_residual": -0.1, "city_percentile": 40.0, "city_n_wards": 3,
                    "city_n_compared": 20, "city_dir": "less", "ward_lowest": "South",
                    "ward_lowest_pct": 10.0, "ward_highest": "North", "ward_highest_pct": 70.0,
                    "wards_above_median": 2}
    with pytest.raises(ModelError):
        readings.placement_readings(place.loc[place["kind"] == "group"], {"City": "c"})


def test_interval_counts():
    rows = pd.DataFrame({"model": ["(1)", "(2)", "(2)", "(3)"],
                         "low": [0.1, 0.2, -0.3, -0.5], "high": [0.4, 0.6, 0.1, -0.1]})
    adj = pd.DataFrame({"model": ["(1)", "(2)", "(3)"], "term": ["related"] * 3,
                        "p_rw": [0.01, 0.01, 0.2]})
    got = readings.interval_counts(rows, [adj, adj.assign(term="density")],
                                   models=["(2)", "(3)"], terms=["related"])
    assert got == {"significant": 2, "rows": 3, "rw": 1}


def test_wald_rows_and_ladder_table(ladder):
    rows = readings.wald_rows(ladder, {"RV = UV": ["related", "unrelated"],
                                       "net": ["density"]})
    # W = 5 on chi2(2): exp(-2.5) = 0.0821; density only in (2), with t = 0: p = 1
    assert rows == {"Wald p: RV = UV = 0": {"(1)": "0.082", "(2)": "0.082"},
                    "Wald p: net = 0": {"(2)": "1.000"}}
    for r in ladder.values():
        r.spec["rung"] = "rung"
    sample = SimpleNamespace(source="a survey", filters=["cities"],
                             resolution={"label": "20 groups in 3 types"})
    tab = readings.ladder_table(ladder, sample, terms=["herfindahl", "unrelated", "related"],
                                outcome="growth", units="log points",
                                tests={"RV = UV": ["related", "unrelated"]})
    frame = tab.frame
    assert frame.loc["Outcome"].tolist() == ["growth (log points), z-scored"] * 2
    assert frame.loc["RV/UV resolution", "(1)"] == "20 groups in 3 types"
    assert frame.loc["Wald p: RV = UV = 0", "(2)"] == "0.082"
    # terms no model has (herfindahl) are left out; the order of `terms` is kept
    assert "herfindahl" not in frame.index
    assert list(frame.index).index("unrelated") < list(frame.index).index("related")


def test_nested_models_names_and_standardised_fit():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    z = np.array([1.0, -1.0, 1.0, -1.0, 1.0, -1.0])
    table = pd.DataFrame({"x": x, "z": z, "y": 2 * x + 0.0 * z, "w": -x})
    models = readings.nested_models(table, {"y": "outcome y", "w": "outcome w"},
                                    {"1": (["x"], "x alone"), "2": (["x", "z"], "+ z")})
    assert list(models) == ["y (1)", "y (2)", "w (1)", "w (2)"]
    # an exact linear relation: the standardised coefficient is +1 (y) or -1 (w)
    assert models["y (1)"].params["x"] == pytest.approx(1.0)
    assert models["w (2)"].params["x"] == pytest.approx(-1.0)
    assert models["y (2)"].spec["rung"] == "+ z"
    assert models["w (1)"].spec["outcome_label"] == "outcome w"


def test_coefficient_comparison_counts_and_title(ladder):
    for r in ladder.values():
        r.spec.update({"rung": "rung", "outcome_label": "growth", "units": "log points",
                       "standardised": True})
    adj = pd.DataFrame({"model": ["(2)", "(2)"], "term": ["related", "unrelated"],
                        "p_rw": [0.2, 0.01]})
    cmp_ = readings.coefficient_comparison({"A": ladder}, [adj], what="RV and UV",
                                           controlled=["(2)"], terms=["related", "unrelated"])
    # (2): related -0.4 +- 1.96 * 0.4 spans zero; unrelated 0.2 +- 1.96 * 0.1 = [0.004, 0.396]
    assert cmp_.key_numbers["controlled_rows"] == 2
    assert cmp_.key_numbers["controlled_significant"] == 1
    assert cmp_.key_numbers["controlled_rw"] == 1
    assert cmp_.key_numbers["figure_models"] == ["A (1)", "A (2)"]
    assert cmp_.key_numbers["figure_caption"] == "RV and UV. Models shown: A (1); A (2)."
    assert cmp_.parts["controlled"] == "2"
    fig = readings.coefficient_comparison_figure(cmp_, topic="Variety", panel_notes={"A": "n"},
                                                 source="Test data, 2020, computed")
    title = figure_title(fig)
    assert title.startswith("Variety: 1 of 2 variety coefficients with controls (rungs 2)")
    assert title.endswith("1 survives Romano-Wolf adjustment")


def test_placement_figure_title_from_percentiles(ladder, monkeypatch):
    res = ladder["(1)"]
    place = pd.DataFrame({"kind": ["unit", "group", "group"], "name": ["u1", "City", "Pref"],
                          "label": ["North", "City", "Pref"], "residual": [0.2, -0.1, -0.3],
                          "percentile": [70.0, 47.4, 18.6], "n_units": [1, 3, 9],
                          "n_compared": [100, 20, 47]})
    resid = pd.Series(np.linspace(-1, 1, 11))
    # the model's residuals are not what is tested here
    monkeypatch.setattr("smartregion.models.cases.model_residuals", lambda r: resid)
    fig = readings.placement_figure(res, place, {"City": "cities", "Pref": "prefectures"},
                                    beyond="growth", xlabel="residual",
                                    source="Test data, 2020, computed")
    # percentiles rounded: 47.4 -> 47, 18.6 -> 19
    assert figure_title(fig).startswith(
        "City at percentile 47 of cities and Pref at 19 of prefectures in growth")


def test_diversification_table_rows():
    models = {"(1) entry": _result({"density": 0.02, "lq_0_0.25": 0.01},
                                   {"density": 0.01, "lq_0_0.25": 0.01}),
              "(2) exit": _result({"density": -0.03}, {"density": 0.01})}
    models["(1) entry"].outcome, models["(2) exit"].outcome = "entry", "exit"
    models["(1) entry"].spec["lq_bands"] = ["lq_0_0.25"]
    sample = SimpleNamespace(source="a survey", filters=["cities"],
                             resolution={"label": "20 groups"})
    tab = readings.diversification_table(models, sample, filters=["(2): exit sample"],
                                         periods={"(1) entry": "2004-08", "(2) exit": "2008-12"})
    f = tab.frame
    assert f.loc["Outcome"].tolist() == ["entry (0/1), linear probability",
                                         "exit (0/1), linear probability"]
    assert f.loc["LQ bands"].tolist() == ["yes", "no"]
    assert f.loc["Periods", "(2) exit"] == "2008-12"
    # the band of model (1) is shown after the density terms
    assert list(f.index).index("lq_0_0.25") > list(f.index).index("density:complexity")
    assert tab.meta["filters"].endswith("(2): exit sample")
