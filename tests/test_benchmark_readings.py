"""Published against computed numbers, by hand: stars, the long estimates table, the verdict at
printed precision, the counts a reading quotes, and the gap figure."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from smartregion.models import benchmark
from smartregion.models.benchmark import (
    benchmark_readings,
    estimates_table,
    match_published,
    significance_stars,
    within_printed_precision,
)
from smartregion.models.davies_mare import holds_by_construction
from smartregion.plots import Source, figure_title, printed_precision_plot


def test_models_package_exports_the_module():
    from smartregion import models

    assert models.benchmark is benchmark
    assert "davies_mare" in models.__all__


@pytest.mark.parametrize(("p", "stars"), [(0.0099, "***"), (0.01, "**"), (0.0499, "**"),
                                          (0.05, "*"), (0.0999, "*"), (0.1, ""), (0.7, "")])
def test_stars_at_the_thresholds(p, stars):
    # thresholds are strict: a p-value equal to 0.01 earns two stars, not three
    assert significance_stars(p) == stars


def test_stars_with_other_thresholds():
    assert significance_stars(0.03, thresholds=(0.05, 0.001)) == "*"
    assert significance_stars(0.0005, thresholds=(0.05, 0.001)) == "**"


def _fit(params, bse, pvalues, nobs, r2):
    index = list(params)
    return SimpleNamespace(params=pd.Series(params, index=index),
                           bse=pd.Series(bse, index=index),
                           pvalues=pd.Series(pvalues, index=index), nobs=nobs, r2=r2)


def test_estimates_table_long_layout():
    fits = {1: _fit({"Intercept": 9.0, "x": 0.5}, [1.0, 0.1], [0.0, 0.02], 30, 0.25),
            2: _fit({"x": -0.2, "z": 1.5}, [0.3, 0.4], [0.6, 0.001], 28, 0.5)}
    t = estimates_table(fits)
    assert list(t.columns) == ["table", "model", "term", "statistic", "computed",
                               "computed_stars"]
    assert t[["model", "term", "statistic"]].values.tolist() == [
        [1, "x", "coef"], [1, "x", "se"], [1, "", "nobs"], [1, "", "r2"],
        [2, "x", "coef"], [2, "x", "se"], [2, "z", "coef"], [2, "z", "se"],
        [2, "", "nobs"], [2, "", "r2"]]
    assert t["computed"].tolist() == [0.5, 0.1, 30, 0.25, -0.2, 0.3, 1.5, 0.4, 28, 0.5]
    assert t["computed_stars"].tolist() == ["**", "", "", "", "", "", "***", "", "", ""]
    assert set(t["table"]) == {"estimates"}


def test_within_printed_precision_half_unit_band():
    assert within_printed_precision(0.0005, 3)  # the edge of the band counts
    assert not within_printed_precision(0.00051, 3)
    assert within_printed_precision(-0.5, 0)
    got = within_printed_precision(np.array([0.04, 0.06]), np.array([1, 1]))
    assert got.tolist() == [True, False]


def _comparison():
    pub_d = pd.DataFrame({"table": ["descriptives"] * 2, "k": ["a", "b"],
                          "statistic": ["mean", "sd"], "value": [0.12, 3.0],
                          "decimals": [2, 0]})
    got_d = pd.DataFrame({"table": ["descriptives"] * 2, "k": ["b", "a"],
                          "statistic": ["sd", "mean"], "computed": [3.6, 0.1249]})
    pub_e = pd.DataFrame({"table": ["estimates"] * 2, "k": ["c", "d"],
                          "statistic": ["coef", "coef"], "value": [1.5, -0.2],
                          "decimals": [1, 1], "stars": ["*", "**"]})
    got_e = pd.DataFrame({"table": ["estimates"] * 2, "k": ["c", "d"],
                          "statistic": ["coef", "coef"], "computed": [1.54, -0.26],
                          "computed_stars": ["*", "*"]})
    on = ["table", "k", "statistic"]
    return pd.concat([match_published(pub_d, got_d, on=on), match_published(pub_e, got_e, on=on)],
                     ignore_index=True)


def test_match_published_gap_in_last_digits():
    c = _comparison()
    # published order kept, whatever the order of the computed rows
    assert c["k"].tolist() == ["a", "b", "c", "d"]
    assert c["published"].tolist() == [0.12, 3.0, 1.5, -0.2]
    # gaps: 0.0049 at two decimals, 0.6 at none, 0.04 and -0.06 at one
    assert c["difference"].tolist() == pytest.approx([0.0049, 0.6, 0.04, -0.06])
    assert c["half_unit"].tolist() == pytest.approx([0.005, 0.5, 0.05, 0.05])
    assert c["in_units_of_last_digit"].tolist() == pytest.approx([0.49, 0.6, 0.4, -0.6])
    assert c["reproduced"].tolist() == [True, False, True, False]


def test_match_published_missing_and_repeated_computed_numbers():
    pub = pd.DataFrame({"k": ["a", "b"], "value": [1.0, 2.0], "decimals": [0, 0]})
    c = match_published(pub, pd.DataFrame({"k": ["a"], "computed": [1.2]}), on=["k"])
    assert c["reproduced"].tolist() == [True, False]  # no computed number: not reproduced
    assert np.isnan(c.loc[1, "computed"])
    with pytest.raises(pd.errors.MergeError):
        match_published(pub, pd.DataFrame({"k": ["a", "a"], "computed": [1.0, 1.1]}),
                        on=["k"])


def test_benchmark_readings_counts_by_hand():
    c = _comparison()
    ind = benchmark_readings(c, labels=["table", "k", "statistic"],
                             by_construction=np.array([False, False, True, False]),
                             extra=["stars"])
    k = ind.key_numbers
    assert (k["published_numbers"], k["reproduced_numbers"]) == (4, 2)
    assert (k["descriptives_published"], k["descriptives_reproduced"]) == (2, 1)
    assert (k["estimates_published"], k["estimates_reproduced"]) == (2, 1)
    assert k["largest_gap_in_last_digits"] == pytest.approx(0.6)
    # two coefficients carry marks: "*" matches "*", "**" does not match "*"
    assert (k["stars_published"], k["stars_matched"]) == (2, 1)
    assert k["numbers_by_construction"] == 1
    assert k["mean_abs_gap_other_numbers"] == pytest.approx((0.49 + 0.6 + 0.6) / 3)
    assert k["mean_abs_gap_if_exact"] == 0.25
    assert [(r["k"], r["published"]) for r in k["not_reproduced"]] == [("b", 3.0), ("d", -0.2)]
    assert set(k["not_reproduced"][0]) == {"table", "k", "statistic", "published", "computed"}
    assert list(ind.table.columns) == ["table", "k", "statistic", "published", "computed",
                                       "difference", "in_units_of_last_digit", "reproduced",
                                       "stars"]


def test_benchmark_readings_without_construction_mask():
    k = benchmark_readings(_comparison(), labels=["k"]).key_numbers
    assert k["numbers_by_construction"] == 0
    assert k["mean_abs_gap_other_numbers"] == pytest.approx((0.49 + 0.6 + 0.4 + 0.6) / 4)


def test_holds_by_construction_rows():
    t = pd.DataFrame({"statistic": ["mean", "mean", "mean", "sd", "sd", "sd", "nobs", "coef",
                                    "min"],
                      "variable": ["G", "LS", "RD", "G", "LS", "CC", None, None, "RD"]})
    assert holds_by_construction(t).tolist() == [False, True, True, False, False, True, True,
                                                 False, False]


def test_printed_precision_plot_draws_each_group():
    c = _comparison()
    fig = printed_precision_plot(
        c, groups={"descriptives": ("#555555", "Table 2"), "estimates": ("#aa0000", "Table 3")},
        xlabel="published number", title="2 of 4 within rounding",
        source=Source("hand-made table", "2020", "computed"))
    ax = fig.axes[0]
    points = [coll.get_offsets() for coll in ax.collections if len(coll.get_offsets())]
    assert [p[:, 0].tolist() for p in points] == [[0.0, 1.0], [2.0, 3.0]]
    assert points[1][:, 1].tolist() == pytest.approx([0.4, -0.6])
    assert ax.get_ylim() == (-1.0, 1.0)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Table 2", "Table 3"]
    assert figure_title(fig) == "2 of 4 within rounding"
