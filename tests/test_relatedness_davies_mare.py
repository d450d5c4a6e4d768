"""Davies & Maré (2021) relatedness (``relatedness_matrix(method="davies_mare")``), the WGCNA
pairwise weighted correlation behind it, and the continuous (share) relatedness density."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.panel import Panel
from smartregion.relatedness import (
    pairwise_weighted_correlation,
    relatedness_matrix,
    share_density,
)


def _loop_corr(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Pair-by-pair reference: weighted means (w), weighted moments (w^2), complete rows."""
    p = x.shape[1]
    out = np.full((p, p), np.nan)
    for a in range(p):
        for b in range(p):
            k = ~np.isnan(x[:, a]) & ~np.isnan(x[:, b])
            xa, xb, wk = x[k, a], x[k, b], w[k]
            ma, mb = (wk * xa).sum() / wk.sum(), (wk * xb).sum() / wk.sum()
            num = (wk**2 * (xa - ma) * (xb - mb)).sum()
            den = np.sqrt((wk**2 * (xa - ma) ** 2).sum() * (wk**2 * (xb - mb) ** 2).sum())
            out[a, b] = num / den
    return out


X = np.array([[1.0, 2.0, 0.5],
              [2.0, np.nan, 1.5],
              [3.0, 7.0, np.nan],
              [4.0, 8.0, 0.0],
              [6.0, 1.0, 2.0]])
W = np.array([0.1, 0.3, 0.2, 0.25, 0.15])


def test_equal_weights_is_pandas_pairwise_pearson() -> None:
    got = pairwise_weighted_correlation(X, np.ones(5))
    ref = pd.DataFrame(X).corr().to_numpy()
    np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-12)


def test_weighted_matches_pair_loop() -> None:
    got = pairwise_weighted_correlation(X, W)
    np.testing.assert_allclose(got, _loop_corr(X, W), rtol=1e-12, atol=1e-12)


def test_hand_computed_pair() -> None:
    # rows 0, 2, 3 are complete for (0, 1): x = 1, 3, 4 and y = 2, 7, 8, weights 1, 1, 1:
    # r = 87 / sqrt(42 * 186)
    got = pairwise_weighted_correlation(X[[0, 2, 3]][:, :2], np.ones(3))
    assert got[0, 1] == pytest.approx(87 / np.sqrt(42 * 186), rel=1e-12)


def test_weights_enter_squared_in_moments() -> None:
    # scaling all weights leaves r unchanged; a weight of 2 is not a duplicated row
    np.testing.assert_allclose(pairwise_weighted_correlation(X, 7 * W),
                               pairwise_weighted_correlation(X, W), rtol=1e-12, atol=1e-12)
    x = X[[0, 3, 4]][:, :2]
    dup = np.vstack([x, x[[0]]])
    r_w = pairwise_weighted_correlation(x, np.array([2.0, 1.0, 1.0]))[0, 1]
    r_dup = pairwise_weighted_correlation(dup, np.ones(4))[0, 1]
    assert r_w != pytest.approx(r_dup, rel=1e-6)
    assert r_w == pytest.approx(_loop_corr(x, np.array([2.0, 1.0, 1.0]))[0, 1], rel=1e-12)


def test_undefined_pairs_are_nan() -> None:
    x = np.array([[1.0, np.nan, 3.0], [2.0, np.nan, 3.0], [3.0, 1.0, 3.0]])
    r = pairwise_weighted_correlation(x, np.ones(3))
    assert np.isnan(r[1]).all() and np.isnan(r[:, 1]).all()  # one observation only
    assert np.isnan(r[2]).all()  # constant column
    assert r[0, 0] == 1.0


EMP = pd.DataFrame([[10.0, 0.0, 5.0, 3.0],
                    [4.0, 6.0, 0.0, 9.0],
                    [1.0, 2.0, 8.0, 0.0],
                    [7.0, 3.0, 3.0, 6.0],
                    [2.0, 9.0, 1.0, 1.0]],
                   index=list("ABCDE"), columns=list("pqrs"))


def _dm_reference(emp: pd.DataFrame) -> np.ndarray:
    e = emp.to_numpy()
    tot = e.sum(axis=1)
    s = np.where(e > 0, e / tot[:, None], np.nan)
    return (1 + _loop_corr(s, tot / tot.sum())) / 2


def test_davies_mare_method() -> None:
    got = relatedness_matrix(EMP, method="davies_mare")
    np.testing.assert_allclose(got.to_numpy(), _dm_reference(EMP), rtol=1e-12, atol=1e-12)
    assert list(got.index) == list("pqrs")


def test_davies_mare_options() -> None:
    e = EMP.to_numpy()
    tot = e.sum(axis=1)
    keep = relatedness_matrix(EMP, method="davies_mare", zeros="zero").to_numpy()
    ref = (1 + _loop_corr(e / tot[:, None], tot / tot.sum())) / 2
    np.testing.assert_allclose(keep, ref, rtol=1e-12, atol=1e-12)
    unw = relatedness_matrix(EMP, method="davies_mare", weighted=False).to_numpy()
    s = np.where(e > 0, e / tot[:, None], np.nan)
    np.testing.assert_allclose(unw, (1 + pd.DataFrame(s).corr().to_numpy()) / 2, rtol=1e-12,
                               atol=1e-12)
    with pytest.raises(ValueError, match="zeros"):
        relatedness_matrix(EMP, method="davies_mare", zeros="drop")  # type: ignore[arg-type]


def test_region_axis_is_the_transposed_problem() -> None:
    got = relatedness_matrix(EMP, method="davies_mare", axis="region")
    np.testing.assert_allclose(got.to_numpy(), _dm_reference(EMP.T), rtol=1e-12, atol=1e-12)
    assert list(got.columns) == list("ABCDE")
    with pytest.raises(ValueError, match="axis='region'"):
        relatedness_matrix(EMP, method="prob", axis="region")


def test_zero_lines() -> None:
    emp = EMP.copy()
    emp["z"] = 0.0  # an industry with no employment anywhere
    emp.loc["F"] = 0.0  # a region with no employment
    got = relatedness_matrix(emp, method="davies_mare")
    assert got["z"].isna().all() and got.loc["z"].isna().all()
    np.testing.assert_allclose(got.loc[list("pqrs"), list("pqrs")].to_numpy(),
                               _dm_reference(EMP), rtol=1e-12, atol=1e-12)


def test_defaults_unchanged() -> None:
    a = relatedness_matrix(EMP)
    b = relatedness_matrix(EMP, method="proximity")
    pd.testing.assert_frame_equal(a, b)


def test_share_density_hand_and_identity() -> None:
    x = pd.DataFrame([[2.0, 1.0, 1.0]], index=["r"], columns=list("abc"))
    r = np.array([[1, .5, 0], [.5, 1, .25], [0, .25, 1]])
    got = share_density(x, r).to_numpy()[0]
    np.testing.assert_allclose(got, [0.125, 0.3125, 0.0625])
    # mean local relatedness (diagonal included) minus the own share
    rel = relatedness_matrix(EMP, method="davies_mare")
    mlr = share_density(EMP, rel, include_diagonal=True).to_numpy()
    rd = share_density(EMP, rel).to_numpy()
    shares = EMP.to_numpy() / EMP.to_numpy().sum(axis=1, keepdims=True)
    np.testing.assert_allclose(rd, mlr - shares, atol=1e-14)
    np.testing.assert_allclose(mlr, shares @ rel.to_numpy().T, rtol=1e-12, atol=1e-12)


def test_share_density_empty_region_and_nan_matrix() -> None:
    emp = EMP.copy()
    emp.loc["F"] = 0.0
    rel = relatedness_matrix(EMP, method="davies_mare")
    out = share_density(emp, rel)
    assert out.loc["F"].isna().all()
    assert out.loc[list("ABCDE")].notna().all().all()
    bad = rel.copy()
    bad.iloc[0, 1] = np.nan
    with pytest.raises(Exception, match="NaN"):
        share_density(EMP, bad)


def test_panel_with_time() -> None:
    long = EMP.stack().rename("v").reset_index()
    long.columns = ["region", "industry", "v"]
    both = pd.concat([long.assign(year=2000), long.assign(year=2010, v=long["v"] + 1)])
    panel = Panel.from_long(both, region="region", industry="industry", value="v", time="year")
    rel = relatedness_matrix(panel, method="davies_mare")
    np.testing.assert_allclose(rel.loc[2010].to_numpy(), _dm_reference(EMP + 1), rtol=1e-12,
                               atol=1e-12)
    dens = share_density(panel, rel)
    assert dens.shape == (10, 4)
