"""Analytic observation weights in :func:`smartregion.models.fe_ols` (``weights=``).

References computed independently: statsmodels WLS (with explicit dummies for fixed effects),
pyfixest ``feols(..., weights=)``, and a hand-solved design.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from smartregion.models import ModelError, OutcomeError, fe_ols


def _data(seed: int = 3, n: int = 120) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = rng.integers(0, 6, n)
    h = rng.integers(0, 4, n)
    x1 = rng.normal(size=n) + 0.3 * g
    x2 = rng.normal(size=n)
    w = rng.uniform(0.2, 3.0, n)
    y = 1.0 + 0.5 * x1 - 0.8 * x2 + 0.4 * g - 0.2 * h + rng.normal(size=n) / np.sqrt(w)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "w": w, "g": g.astype(str),
                         "h": h.astype(str), "cl": (np.arange(n) % 15).astype(str)})


def test_hand_computed_two_groups() -> None:
    # y = a + b x, x in {0, 1}: a is the weighted mean of y at x=0, a + b the one at x=1.
    df = pd.DataFrame({"y": [1.0, 3.0, 2.0, 4.0], "x": [0.0, 0.0, 1.0, 1.0],
                       "w": [3.0, 1.0, 1.0, 2.0]})
    res = fe_ols(df, "y", ["x"], weights="w")
    a = (3 * 1 + 1 * 3) / 4  # 1.5
    b = (1 * 2 + 2 * 4) / 3 - a  # 10/3 - 3/2 = 11/6
    assert res.params["Intercept"] == pytest.approx(a)
    assert res.params["x"] == pytest.approx(b)


def test_none_is_unchanged() -> None:
    df = _data()
    a = fe_ols(df, "y", ["x1", "x2"], fe="g")
    b = fe_ols(df, "y", ["x1", "x2"], fe="g", weights=None)
    pd.testing.assert_series_equal(a.params, b.params)
    pd.testing.assert_frame_equal(a.cov, b.cov)
    assert "weights" not in a.spec


def test_no_fe_matches_statsmodels_wls_hc1() -> None:
    df = _data()
    res = fe_ols(df, "y", ["x1", "x2"], weights="w")
    ref = sm.WLS(df["y"], sm.add_constant(df[["x1", "x2"]]), weights=df["w"]).fit(cov_type="HC1")
    np.testing.assert_allclose(res.params.to_numpy(), ref.params.to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(res.bse.to_numpy(), ref.bse.to_numpy(), rtol=1e-10)
    assert res.r2 == pytest.approx(ref.rsquared, rel=1e-10)
    nonrob = fe_ols(df, "y", ["x1", "x2"], weights="w", cov_type="nonrobust")
    ref_n = sm.WLS(df["y"], sm.add_constant(df[["x1", "x2"]]), weights=df["w"]).fit()
    np.testing.assert_allclose(nonrob.bse.to_numpy(), ref_n.bse.to_numpy(), rtol=1e-10)


def test_two_way_fe_matches_wls_with_dummies() -> None:
    df = _data()
    res = fe_ols(df, "y", ["x1", "x2"], fe=["g", "h"], weights="w", tol=1e-14)
    dummies = pd.get_dummies(df[["g", "h"]], drop_first=True, dtype=float)
    exog = sm.add_constant(pd.concat([df[["x1", "x2"]], dummies], axis=1))
    ref = sm.WLS(df["y"], exog, weights=df["w"]).fit(cov_type="HC1")
    np.testing.assert_allclose(res.params.to_numpy(), ref.params[["x1", "x2"]].to_numpy(),
                               rtol=1e-8)
    np.testing.assert_allclose(res.bse.to_numpy(), ref.bse[["x1", "x2"]].to_numpy(), rtol=1e-8)
    assert res.r2 == pytest.approx(ref.rsquared, rel=1e-8)
    dum = fe_ols(df, "y", ["x1", "x2"], fe=["g", "h"], weights="w", method="dummies")
    np.testing.assert_allclose(dum.params.to_numpy(), res.params.to_numpy(), rtol=1e-8)


def test_matches_pyfixest_hetero_and_cluster() -> None:
    pf = pytest.importorskip("pyfixest")
    df = _data()
    res = fe_ols(df, "y", ["x1", "x2"], fe=["g", "h"], weights="w", tol=1e-14)
    ref = pf.feols("y ~ x1 + x2 | g + h", data=df, weights="w", vcov="hetero")
    np.testing.assert_allclose(res.params.to_numpy(), ref.coef().to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(res.bse.to_numpy(), ref.se().to_numpy(), rtol=1e-6)
    resc = fe_ols(df, "y", ["x1", "x2"], fe=["g", "h"], weights="w", cluster="cl", tol=1e-14)
    refc = pf.feols("y ~ x1 + x2 | g + h", data=df, weights="w", vcov={"CRV1": "cl"})
    np.testing.assert_allclose(resc.bse.to_numpy(), refc.se().to_numpy(), rtol=1e-6)


def test_integer_weights_equal_duplicated_rows() -> None:
    df = _data(n=40)
    df["k"] = (np.arange(40) % 3 + 1).astype(float)
    res = fe_ols(df, "y", ["x1", "x2"], fe="g", weights="k", tol=1e-14)
    dup = df.loc[df.index.repeat(df["k"].astype(int))]
    ref = fe_ols(dup, "y", ["x1", "x2"], fe="g", tol=1e-14)
    np.testing.assert_allclose(res.params.to_numpy(), ref.params.to_numpy(), rtol=1e-9)


def test_scale_invariance() -> None:
    df = _data()
    a = fe_ols(df, "y", ["x1", "x2"], fe="g", weights="w")
    df["w10"] = df["w"] * 10
    b = fe_ols(df, "y", ["x1", "x2"], fe="g", weights="w10")
    np.testing.assert_allclose(a.params.to_numpy(), b.params.to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(a.bse.to_numpy(), b.bse.to_numpy(), rtol=1e-9)
    assert a.r2 == pytest.approx(b.r2)


def test_zero_weight_rows_are_dropped_and_counted() -> None:
    df = _data()
    df.loc[[0, 5, 9], "w"] = 0.0
    res = fe_ols(df, "y", ["x1", "x2"], fe="g", weights="w")
    ref = fe_ols(df.drop(index=[0, 5, 9]), "y", ["x1", "x2"], fe="g", weights="w")
    assert res.dropped["zero weight"] == 3
    assert res.nobs == len(df) - 3
    np.testing.assert_allclose(res.params.to_numpy(), ref.params.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(res.bse.to_numpy(), ref.bse.to_numpy(), rtol=1e-12)


def test_missing_weight_counted() -> None:
    df = _data()
    df.loc[[1, 2], "w"] = np.nan
    res = fe_ols(df, "y", ["x1"], weights="w")
    assert res.dropped["missing w"] == 2


def test_bad_weights_raise() -> None:
    df = _data()
    df.loc[3, "w"] = -1.0
    with pytest.raises(ModelError, match="negative"):
        fe_ols(df, "y", ["x1"], weights="w")
    df["w"] = 0.0
    with pytest.raises(OutcomeError, match="zero"):
        fe_ols(df, "y", ["x1"], weights="w")
    with pytest.raises(ModelError, match="separate column"):
        fe_ols(_data(), "y", ["x1", "w"], weights="w")


def test_unit_weights_equal_unweighted_fit() -> None:
    df = _data()
    df["one"] = 1.0
    for kw in ({}, {"fe": ["g", "h"]}, {"fe": "g", "cluster": "cl"}):
        a = fe_ols(df, "y", ["x1", "x2"], tol=1e-14, **kw)
        b = fe_ols(df, "y", ["x1", "x2"], weights="one", tol=1e-14, **kw)
        np.testing.assert_allclose(b.params.to_numpy(), a.params.to_numpy(), rtol=1e-10)
        np.testing.assert_allclose(b.bse.to_numpy(), a.bse.to_numpy(), rtol=1e-8)
        assert b.r2 == pytest.approx(a.r2, rel=1e-10)
