"""Input-output linkage relatedness, aggregation of relatedness to sectors, Mantel test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.linkages import (
    aggregate_relatedness,
    io_linkage_relatedness,
    mantel_test,
    offdiagonal_pairs,
)

ABC = list("abc")


def _z(diag: float = 0.0) -> pd.DataFrame:
    z = np.array([[diag, 2.0, 1.0], [1.0, 0.0, 3.0], [4.0, 1.0, 0.0]])
    return pd.DataFrame(z, index=ABC, columns=ABC)


def test_io_linkage_max_by_hand():
    # column sums a=5, b=3, c=4; row sums a=3, b=4, c=5 (diagonal zero)
    # pair ab: in_ab=2/3, in_ba=1/5, out_ab=2/3, out_ba=1/4 -> 2/3
    # pair ac: in_ac=1/4, in_ca=4/5, out_ac=1/3, out_ca=4/5 -> 4/5
    # pair bc: in_bc=3/4, in_cb=1/3, out_bc=3/4, out_cb=1/5 -> 3/4
    link = io_linkage_relatedness(_z())
    assert link.loc["a", "b"] == pytest.approx(2 / 3)
    assert link.loc["a", "c"] == pytest.approx(0.8)
    assert link.loc["b", "c"] == pytest.approx(0.75)
    assert np.isnan(np.diag(link.to_numpy())).all()
    np.testing.assert_allclose(link.to_numpy(), link.to_numpy().T)


def test_io_linkage_mean_by_hand():
    link = io_linkage_relatedness(_z(), combine="mean")
    assert link.loc["a", "b"] == pytest.approx((2 / 3 + 1 / 5 + 2 / 3 + 1 / 4) / 4)
    assert link.loc["a", "c"] == pytest.approx((1 / 4 + 4 / 5 + 1 / 3 + 4 / 5) / 4)
    assert link.loc["c", "b"] == pytest.approx((3 / 4 + 1 / 3 + 3 / 4 + 1 / 5) / 4)


def test_io_linkage_own_flows():
    # excluding own flows: a diagonal changes nothing
    pd.testing.assert_frame_equal(io_linkage_relatedness(_z(6.0)), io_linkage_relatedness(_z()))
    # including them: column a sums to 11, row a to 9
    # pair ab: in_ab=2/3, in_ba=1/11, out_ab=2/9, out_ba=1/4
    link = io_linkage_relatedness(_z(6.0), combine="mean", own_flows="include")
    assert link.loc["a", "b"] == pytest.approx((2 / 3 + 1 / 11 + 2 / 9 + 1 / 4) / 4)


def test_io_linkage_is_scale_free_and_bounded():
    rng = np.random.default_rng(4)
    z = pd.DataFrame(rng.gamma(1.0, 10.0, (6, 6)), index=list("uvwxyz"),
                     columns=list("uvwxyz"))
    a, b = io_linkage_relatedness(z), io_linkage_relatedness(z * 1e3)
    pd.testing.assert_frame_equal(a, b)
    off = a.to_numpy()[~np.eye(6, dtype=bool)]
    assert ((off >= 0) & (off <= 1)).all()


def test_io_linkage_bad_input():
    with pytest.raises(ValueError, match="non-negative"):
        io_linkage_relatedness(_z() * -1)
    with pytest.raises(ValueError, match="same labels"):
        io_linkage_relatedness(_z().set_axis(list("xyz"), axis=1))
    with pytest.raises(ValueError, match="combine"):
        io_linkage_relatedness(_z(), combine="min")


def test_aggregate_relatedness_by_hand():
    r = pd.DataFrame([[1, .2, .4, .1], [.2, 1, .6, np.nan], [.4, .6, 1, .3],
                      [.1, np.nan, .3, 1]], index=list("abcd"), columns=list("abcd"))
    groups = {"a": "X", "b": "X", "c": "Y", "d": "Y"}
    w = pd.Series({"a": 1.0, "b": 3.0, "c": 1.0, "d": 2.0})
    agg = aggregate_relatedness(r, groups, w)
    assert agg.loc["X", "X"] == pytest.approx(0.2)
    # X-Y pairs: ac (w 1, .4), ad (w 2, .1), bc (w 3, .6); bd is NaN and left out
    assert agg.loc["X", "Y"] == pytest.approx((0.4 + 0.2 + 1.8) / 6)
    assert agg.loc["Y", "X"] == pytest.approx(agg.loc["X", "Y"])
    assert agg.loc["Y", "Y"] == pytest.approx(0.3)
    assert agg.attrs["pairs"].loc["X", "Y"] == 3


def test_aggregate_relatedness_properties():
    rng = np.random.default_rng(7)
    v = rng.random((8, 8))
    r = pd.DataFrame((v + v.T) / 2, index=list("abcdefgh"), columns=list("abcdefgh"))
    g = dict(zip(r.index, "XXXYYZZZ"))
    w = pd.Series(rng.random(8) + 0.1, index=r.index)
    a = aggregate_relatedness(r, g, w)
    pd.testing.assert_frame_equal(a, aggregate_relatedness(r, g, w * 17.0))
    # equal weights: the plain mean of the pairs
    eq = aggregate_relatedness(r, g, pd.Series(1.0, index=r.index))
    xs, ys = ["a", "b", "c"], ["d", "e"]
    assert eq.loc["X", "Y"] == pytest.approx(r.loc[xs, ys].to_numpy().mean())
    # a constant relatedness aggregates to the constant
    const = pd.DataFrame(0.3, index=r.index, columns=r.columns)
    np.testing.assert_allclose(aggregate_relatedness(const, g, w).to_numpy(), 0.3)


def test_aggregate_relatedness_bad_input():
    r = pd.DataFrame(np.eye(3), index=ABC, columns=ABC)
    with pytest.raises(ValueError, match="no group"):
        aggregate_relatedness(r, {"a": "X", "b": "X"}, pd.Series(1.0, index=ABC))
    with pytest.raises(ValueError, match="weights"):
        aggregate_relatedness(r, dict.fromkeys(ABC, "X"), pd.Series({"a": 1.0, "b": 1.0}))


def _outer(n: int) -> pd.DataFrame:
    return pd.DataFrame(np.add.outer(np.arange(n, dtype=float), np.arange(n, dtype=float)))


def test_mantel_identical_and_reversed():
    n = 8
    a = pd.DataFrame(np.add.outer(2.0 ** np.arange(n), 2.0 ** np.arange(n)))
    res = mantel_test(a, a, n_permutations=199, seed=3)
    assert res["statistic"] == pytest.approx(1.0)
    assert res["n_pairs"] == 28
    # a_ij = 2^i + 2^j has no ties and only the identity of the 8! permutations keeps its
    # order, so at most a draw or two reach 1
    assert res["p_value"] <= 3 / 200
    rev = mantel_test(a, -a, n_permutations=199, seed=3)
    assert rev["statistic"] == pytest.approx(-1.0)
    assert rev["p_value"] == pytest.approx(1.0)


def test_mantel_three_pairs_by_hand():
    a = pd.DataFrame([[0, 1, 2], [1, 0, 3], [2, 3, 0]], dtype=float)
    b = pd.DataFrame([[0, 3, 2], [3, 0, 1], [2, 1, 0]], dtype=float)
    res = mantel_test(a, b, method="pearson", n_permutations=50, seed=0)
    # pairs (ab, ac, bc): a = (1, 2, 3), b = (3, 2, 1): r = -1
    assert res["statistic"] == pytest.approx(-1.0)
    assert offdiagonal_pairs(a, b)[["a", "b"]].to_numpy().tolist() == [[1, 3], [2, 2], [3, 1]]


def test_mantel_seeded_and_monotone_invariant():
    rng = np.random.default_rng(11)
    v, u = rng.random((9, 9)), rng.random((9, 9))
    a = pd.DataFrame(v + v.T)
    b = pd.DataFrame(u + u.T + 0.5 * (v + v.T))
    r1 = mantel_test(a, b, n_permutations=299, seed=5)
    assert r1 == mantel_test(a, b, n_permutations=299, seed=5)
    r3 = mantel_test(np.exp(a), b ** 3, n_permutations=299, seed=5)
    assert r3["statistic"] == pytest.approx(r1["statistic"])
    assert r3["p_value"] == pytest.approx(r1["p_value"])
    assert 1 / 300 <= r1["p_value"] <= 1


def test_mantel_drops_nan_pairs_and_rejects_bad_input():
    a = _outer(5)
    b = a.copy()
    b.iloc[0, 1] = np.nan
    res = mantel_test(a, b, n_permutations=9, seed=0)
    assert res["n_pairs"] == 9 and res["n_pairs_dropped"] == 1
    with pytest.raises(ValueError, match="n_permutations"):
        mantel_test(a, a, n_permutations=0)
    with pytest.raises(ValueError, match="same labels"):
        mantel_test(a, a.set_axis(list("vwxyz"), axis=0).set_axis(list("vwxyz"), axis=1))
