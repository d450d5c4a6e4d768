"""Spectral complexity (Mealy, Farmer & Teytelboym 2019) and the Markov similarity of M."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.complexity import (
    DegenerateComplexityWarning,
    economic_complexity,
    markov_similarity,
    spectral_complexity,
)

BLOCKS = pd.DataFrame([[1, .9, .1, .1], [.9, 1, .1, .1], [.1, .1, 1, .9], [.1, .1, .9, 1]],
                      index=list("abcd"), columns=list("abcd"), dtype=float)


def test_hand_computed_blocks() -> None:
    # S = 0.1 J + 0.8 B + 0.1 I (J all ones, B the two 2x2 blocks of ones): eigenvalue 2.1
    # for (1, 1, 1, 1)/2 and 1.7 for v2 = (1, 1, -1, -1)/2; z-scored (ddof 1): +-sqrt(3)/2
    got = spectral_complexity(BLOCKS, reference=pd.Series([0, 0, 1, 1], index=list("abcd")))
    np.testing.assert_allclose(got.to_numpy(), np.array([-1, -1, 1, 1]) * np.sqrt(3) / 2)
    flipped = spectral_complexity(BLOCKS, reference=np.array([1, 1, 0, 0]))
    np.testing.assert_allclose(flipped.to_numpy(), -got.to_numpy())
    raw = spectral_complexity(BLOCKS, reference=np.array([0, 0, 1, 1]), scale=None)
    np.testing.assert_allclose(raw.to_numpy(), [-0.5, -0.5, 0.5, 0.5], atol=1e-12)
    first = spectral_complexity(BLOCKS, which=1, scale=None)
    np.testing.assert_allclose(first.to_numpy(), [0.5] * 4, atol=1e-12)


def test_eci_is_the_second_eigenvector_of_the_markov_similarity() -> None:
    m = pd.DataFrame([[1, 1, 1, 1, 0], [0, 1, 0, 0, 1], [0, 0, 1, 1, 0], [0, 0, 0, 1, 1],
                      [1, 1, 0, 1, 1]], index=list("ABCDE"), columns=list("pqrst"))
    ref = economic_complexity(m, binary=True, ddof=1)
    sim_r = markov_similarity(m, binary=True, axis="region")
    # row-stochastic
    np.testing.assert_allclose(sim_r.sum(axis=1).to_numpy(), 1.0)
    div = m.sum(axis=1)
    eci = spectral_complexity(sim_r, reference=div)
    np.testing.assert_allclose(eci.to_numpy(), ref.eci.to_numpy(), atol=1e-10)
    sim_i = markov_similarity(m, binary=True)
    pci = spectral_complexity(sim_i, reference=-m.sum(axis=0), eigen_order="modulus")
    np.testing.assert_allclose(np.abs(pci.to_numpy()), np.abs(ref.pci.to_numpy()), atol=1e-10)


def test_modulus_order_differs_from_value_order() -> None:
    # eigenvalues 1, -0.9, 0.5: "value" takes 0.5 second, "modulus" takes -0.9
    q, _ = np.linalg.qr(np.array([[1.0, 2, 3], [0, 1, 4], [5, 6, 0]]))
    a = q @ np.diag([1.0, -0.9, 0.5]) @ q.T
    s = pd.DataFrame(a, index=list("xyz"), columns=list("xyz"))
    v_val = spectral_complexity(s, scale=None, eigen_order="value").to_numpy()
    v_mod = spectral_complexity(s, scale=None, eigen_order="modulus").to_numpy()
    assert abs(abs(v_val @ q[:, 2]) - 1) < 1e-10
    assert abs(abs(v_mod @ q[:, 1]) - 1) < 1e-10


def test_sum_scale_and_rounding() -> None:
    got = spectral_complexity(BLOCKS, scale="sum", which=1)
    assert got.sum() == pytest.approx(1.0)
    m = pd.DataFrame([[1, 0, 1], [1, 1, 0], [0, 1, 1], [1, 1, 1]], columns=list("abc"),
                     dtype=float)
    r4 = markov_similarity(m, binary=True, decimals=4).to_numpy()
    np.testing.assert_array_equal(r4, np.round(markov_similarity(m, binary=True).to_numpy(), 4))


def test_zero_line_is_nan_and_rest_unchanged() -> None:
    s = BLOCKS.copy()
    s["e"] = 0.0
    s.loc["e"] = 0.0
    got = spectral_complexity(s, reference=np.array([0, 0, 1, 1, 0]))
    assert np.isnan(got["e"])
    ref = spectral_complexity(BLOCKS, reference=np.array([0, 0, 1, 1]))
    np.testing.assert_allclose(got.drop("e").to_numpy(), ref.to_numpy())
    bad = BLOCKS.copy()
    bad.iloc[0, 1] = np.nan
    with pytest.raises(ValueError, match="missing entries"):
        spectral_complexity(bad)


def test_stacked_periods_and_degenerate() -> None:
    stacked = pd.concat({2000: BLOCKS, 2010: BLOCKS * 2}, names=["time", "industry"])
    got = spectral_complexity(stacked, reference=np.tile([0, 0, 1, 1], 2))
    np.testing.assert_allclose(got.loc[2000].to_numpy(), got.loc[2010].to_numpy())
    one = pd.DataFrame([[1.0]], index=["a"], columns=["a"])
    with pytest.raises(ValueError, match="which"):
        spectral_complexity(one, which=2)
    s = BLOCKS.copy()
    s.iloc[1:, :] = 0.0
    s.iloc[:, 1:] = 0.0  # a single line left
    with pytest.warns(DegenerateComplexityWarning):
        out = spectral_complexity(s)
    assert out.isna().all()


def test_bad_options() -> None:
    with pytest.raises(ValueError, match="eigen_order"):
        spectral_complexity(BLOCKS, eigen_order="abs")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reference"):
        spectral_complexity(BLOCKS, reference=np.ones(3))
