"""Tests of cospecialisation_relatedness: co-specialisation over its independence expectation.

Expected values are worked out by hand in the comments (C = joint specialisations,
u = number of specialised regions, R = regions with a specialisation, E = u_i u_j / R).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import smartregion as sr
from smartregion.panel import Panel, ZeroLineWarning
from smartregion.relatedness import cospecialisation_relatedness

# r1, r2: a and b; r3: c; r4: a and c.  u = (3, 2, 2), R = 4.
M = pd.DataFrame([[1, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 1]],
                 index=["r1", "r2", "r3", "r4"], columns=["a", "b", "c"])


def test_ratio_by_hand():
    got = cospecialisation_relatedness(M, binary=True, scale="ratio")
    # a-b: C = 2, E = 3*2/4 = 1.5 -> 4/3; a-c: C = 1, E = 1.5 -> 2/3; b-c: C = 0, E = 1 -> 0
    want = np.array([[0, 4 / 3, 2 / 3], [4 / 3, 0, 0], [2 / 3, 0, 0]])
    np.testing.assert_allclose(got.to_numpy(), want, atol=1e-12)


def test_symmetric_scale_by_hand():
    got = cospecialisation_relatedness(M, binary=True)
    # (a-1)/(a+1): 4/3 -> (1/3)/(7/3) = 1/7; 2/3 -> (-1/3)/(5/3) = -1/5; 0 -> -1
    want = np.array([[0, 1 / 7, -1 / 5], [1 / 7, 0, -1], [-1 / 5, -1, 0]])
    np.testing.assert_allclose(got.to_numpy(), want, atol=1e-12)
    assert cospecialisation_relatedness(M, binary=True, diagonal=1.0).loc["a", "a"] == 1.0


def test_from_location_quotients_by_hand():
    # LQs >= 1: r1 -> x, r2 -> y, r3 -> x and y (equal shares match the total: LQ = 1)
    x = pd.DataFrame([[9, 1], [1, 9], [5, 5]], index=["r1", "r2", "r3"], columns=["x", "y"])
    got = cospecialisation_relatedness(x, scale="ratio")
    # u = (2, 2), R = 3, C_xy = 1 -> E = 4/3, a = 3/4
    assert got.loc["x", "y"] == pytest.approx(0.75, abs=1e-12)
    strict = cospecialisation_relatedness(x, scale="ratio", strict=True)
    # strict LQ > 1 drops r3 from both: C = 0 -> a = 0
    assert strict.loc["x", "y"] == pytest.approx(0.0, abs=1e-12)


def test_ubiquitous_pair_is_not_inflated_as_in_proximity():
    # two industries specialised in every region: proximity 1, association exactly 1 (as chance)
    m = pd.DataFrame([[1, 1, 1], [1, 1, 0], [1, 1, 0], [1, 1, 1]],
                     index=list("pqrs"), columns=["u", "v", "w"])
    assert sr.proximity(m, binary=True).loc["u", "v"] == 1.0
    assert cospecialisation_relatedness(m, binary=True, scale="ratio").loc["u", "v"] == 1.0
    assert cospecialisation_relatedness(m, binary=True).loc["u", "v"] == 0.0


def test_zero_lines_give_nan_only_in_their_own_row_and_column():
    base = cospecialisation_relatedness(M, binary=True)
    m = M.copy()
    m["z"] = 0  # an industry specialised nowhere
    m.loc["r5"] = 0  # a region with no specialisation: not a draw, R stays 4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        got = cospecialisation_relatedness(m, binary=True)
    assert got["z"].isna().all() and got.loc["z"].isna().all()
    pd.testing.assert_frame_equal(got.loc[["a", "b", "c"], ["a", "b", "c"]], base,
                                  check_names=False)


def test_one_matrix_per_period():
    vals = np.stack([M.to_numpy(float), M.to_numpy(float)[:, [1, 0, 2]]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        p = Panel(vals, list(M.index), list(M.columns), [2010, 2020])
    got = cospecialisation_relatedness(p, binary=True, scale="ratio")
    assert got.loc[(2010, "a"), "b"] == pytest.approx(4 / 3)
    # 2020 swaps a and b: u = (2, 3, 2); b-c share r4 only: E = 3*2/4 -> 2/3; a-c: 0
    assert got.loc[(2020, "b"), "c"] == pytest.approx(2 / 3)
    assert got.loc[(2020, "a"), "c"] == 0.0


def test_bad_scale_is_refused():
    with pytest.raises(ValueError, match="scale"):
        cospecialisation_relatedness(M, binary=True, scale="log")


def test_exported():
    assert sr.cospecialisation_relatedness is cospecialisation_relatedness
    assert "cospecialisation_relatedness" in sr.__all__


def test_default_weights_drop_pairs_that_chance_explains():
    from smartregion.relatedness import relatedness_weights

    # eight regions: x is specialised in r1 only, y in r1 and r2; z and v share four regions
    rows = [[1, 1, 1, 1], [0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 1, 1]]
    m = pd.DataFrame(rows, columns=["x", "y", "z", "v"])
    m = pd.concat([m, pd.DataFrame([[0, 0, 0, 0]] * 4, columns=m.columns)], ignore_index=True)
    m["w"] = [0, 0, 0, 0, 1, 1, 1, 1]  # keeps the last four regions in the count R = 8
    loose = relatedness_weights(m, binary=True, significance=None)
    # x-y: C = 1, E = 1 x 2 / 8 -> a = 4 -> (4 - 1) / (4 + 1) = 0.6
    assert loose.loc["x", "y"] == pytest.approx(0.6)
    strict = relatedness_weights(m, binary=True)
    # P(C >= 1) = 1 - P(y misses r1) = 2 / 8 = 0.25 >= 0.05: dropped
    assert strict.loc["x", "y"] == 0.0
    # z-v: C = 4, E = 4 x 4 / 8 = 2 -> a = 2 -> 1/3; P(C >= 4) = 1 / C(8, 4) = 1/70 < 0.05
    assert strict.loc["z", "v"] == pytest.approx(1 / 3)
    assert (strict.to_numpy() >= 0).all() and np.isfinite(strict.to_numpy()).all()
    with pytest.raises(ValueError, match="significance"):
        relatedness_weights(m, binary=True, significance=0.0)
    with pytest.raises(ValueError, match="method"):
        relatedness_weights(m, binary=True, method="nope")


def test_diagnostics_flag_the_ubiquity_axis_of_proximity():
    from smartregion.relatedness import relatedness_diagnostics

    rng = np.random.default_rng(0)
    # industries differ only in how common they are: specialised with probability p_i
    p_i = np.linspace(0.1, 0.9, 15)
    m = pd.DataFrame((rng.random((60, 15)) < p_i).astype(float),
                     columns=[f"i{k:02d}" for k in range(15)])
    d = relatedness_diagnostics(sr.proximity(m, binary=True), m, binary=True)
    assert d["corr_strength_ubiquity"] > 0.8  # proximity ranks industries by ubiquity
    assert 0 < d["first_axis_share"] <= 1
