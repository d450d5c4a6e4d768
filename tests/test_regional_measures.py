"""Network-structure measures of regional portfolios: hand-computed cases and an independent
route through the network module."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion import network as nw
from smartregion.relatedness import regional_network_measures

PHI = pd.DataFrame([[0, .8, .2, 0], [.8, 0, .4, 0], [.2, .4, 0, .5], [0, 0, .5, 0]],
                   index=list("abcd"), columns=list("abcd"), dtype=float)
M = pd.DataFrame([[1, 1, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0], [1, 1, 1, 0]],
                 index=["R1", "R2", "R3", "R4"], columns=list("abcd"))


@pytest.mark.filterwarnings("ignore::smartregion.panel.ZeroLineWarning")
def test_hand_computed_values():
    got = regional_network_measures(M, PHI, binary=True)
    # R1 = {a, b}. Densities (other industries only): a .8/1.0; b .8/1.2; c .6/1.1; d 0/.5.
    r1 = got.loc["R1"]
    assert r1["n_specialised"] == 2
    assert r1["coherence"] == pytest.approx((0.8 + 0.8 / 1.2) / 2)
    assert r1["footprint_density"] == pytest.approx(0.8)  # one pair, a-b
    # centrality = mean proximity to the 3 others: a 1.0/3, b 1.2/3
    assert r1["footprint_centrality"] == pytest.approx((1.0 / 3 + 1.2 / 3) / 2)
    assert r1["candidate_density"] == pytest.approx((0.6 / 1.1 + 0.0) / 2)
    # R2 = {d}: its density counts only other industries (0), no pair, centrality .5/3
    r2 = got.loc["R2"]
    assert r2["coherence"] == 0.0 and np.isnan(r2["footprint_density"])
    assert r2["footprint_centrality"] == pytest.approx(0.5 / 3)
    # R3 specialised in nothing: undefined, not zero
    assert got.loc["R3", ["coherence", "footprint_density", "footprint_centrality"]].isna().all()
    # R4 = {a, b, c}: pairs a-b .8, a-c .2, b-c .4 -> mean 1.4/3
    r4 = got.loc["R4"]
    assert r4["footprint_density"] == pytest.approx(1.4 / 3)
    assert r4["coherence"] == pytest.approx((1.0 / 1.0 + 1.2 / 1.2 + 0.6 / 1.1) / 3)
    assert r4["candidate_density"] == pytest.approx(0.5 / 0.5)


@pytest.mark.filterwarnings("ignore::smartregion.panel.ZeroLineWarning")
def test_diagonal_is_ignored():
    arr = PHI.to_numpy().copy()
    np.fill_diagonal(arr, 1.0)
    with_diag = pd.DataFrame(arr, index=PHI.index, columns=PHI.columns)
    a = regional_network_measures(M, PHI, binary=True)
    b = regional_network_measures(M, with_diag, binary=True)
    pd.testing.assert_frame_equal(a, b)


def test_agrees_with_network_footprint():
    """Independent route: network.regional_footprint on the complete weighted space."""
    rng = np.random.default_rng(3)
    x = pd.DataFrame(rng.gamma(1.0, 10.0, size=(12, 9)), index=[f"r{k}" for k in range(12)],
                     columns=[f"i{k}" for k in range(9)])
    from smartregion.relatedness import proximity
    from smartregion.structure import specialisation

    phi = proximity(x)
    m = specialisation(x)
    got = regional_network_measures(x, method="proximity")
    for r in ["r0", "r5", "r11"]:
        fp = nw.regional_footprint(phi, m, region=r)
        if fp.summary["n_specialised"] >= 2:
            assert got.loc[r, "footprint_density"] == pytest.approx(fp.summary["coherence"])
        assert got.loc[r, "candidate_density"] == pytest.approx(
            fp.summary["mean_candidate_density"])


def test_periods_and_given_relatedness_per_period():
    df = pd.DataFrame({"time": [1, 1, 2, 2] * 2, "region": ["x", "y"] * 4,
                       "industry": ["a"] * 4 + ["b"] * 4,
                       "v": [3.0, 1.0, 1.0, 3.0, 1.0, 3.0, 3.0, 1.0]})
    from smartregion import Panel

    p = Panel.from_long(df, value="v", time="time")
    got = regional_network_measures(p)
    assert list(got.index.names) == ["time", "region"]
    assert (got["n_specialised"] == 1).all()


def test_network_relatedness_keeps_only_pairs_above_chance():
    """Positive part of (a-1)/(a+1), a = joint specialisations over u_i u_j / R."""
    from smartregion.models.samples import network_relatedness
    from smartregion.panel import Panel

    # four regions; a and b co-specialise in r1, r2 (2 of 4: expected 2*2/4 = 1 -> a = 2);
    # c is specialised in r3 and r4 only, never with a or b (a = 0 -> -1 -> clipped to 0)
    m = pd.DataFrame([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]],
                     index=["r1", "r2", "r3", "r4"], columns=["a", "b", "c"], dtype=float)
    p = Panel.from_wide(m * 10 + 1)
    rel = network_relatedness(p)
    assert rel.loc["a", "b"] == pytest.approx((2 - 1) / (2 + 1))
    assert rel.loc["a", "c"] == 0.0 and rel.loc["b", "c"] == 0.0
    assert network_relatedness(p, "proximity") is None
