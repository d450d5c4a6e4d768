"""Null models: the curveball randomisation and the network measures against it."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.stats import chisquare

from smartregion import PanelError
from smartregion.nullmodel import (
    backbone_sensitivity,
    curveball,
    curveball_draws,
    largest_linked_share,
    network_measures_array,
    null_network_measures,
)
from smartregion.relatedness import regional_network_measures


def _random_m(seed: int, shape=(12, 20), p=0.3) -> np.ndarray:
    return np.random.default_rng(seed).random(shape) < p


def test_curveball_keeps_both_margins_exactly():
    m = _random_m(1)
    for seed in range(5):
        out = curveball(m, np.random.default_rng(seed), n_trades=200)
        np.testing.assert_array_equal(out.sum(axis=1), m.sum(axis=1))
        np.testing.assert_array_equal(out.sum(axis=0), m.sum(axis=0))
    draws = curveball_draws(m, 30, np.random.default_rng(2))
    np.testing.assert_array_equal(draws.sum(axis=2), np.broadcast_to(m.sum(axis=1), (30, 12)))
    np.testing.assert_array_equal(draws.sum(axis=1), np.broadcast_to(m.sum(axis=0), (30, 20)))
    assert not (draws == m[None]).all(axis=(1, 2)).any()  # the chain moves


def test_curveball_is_seeded_and_leaves_its_input_alone():
    m = _random_m(3)
    before = m.copy()
    a = curveball_draws(m, 10, np.random.default_rng(7))
    b = curveball_draws(m, 10, np.random.default_rng(7))
    c = curveball_draws(m, 10, np.random.default_rng(8))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    np.testing.assert_array_equal(m, before)


def test_curveball_reaches_every_matrix_with_the_margins_about_equally_often():
    start = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1]], dtype=bool)
    rows, cols = start.sum(axis=1), start.sum(axis=0)
    # every 3 x 4 0/1 matrix with these margins, by brute force
    space = [np.array(bits, dtype=bool).reshape(3, 4)
             for bits in itertools.product([0, 1], repeat=12)]
    space = [x for x in space if (x.sum(axis=1) == rows).all() and (x.sum(axis=0) == cols).all()]
    keys = {x.tobytes(): k for k, x in enumerate(space)}
    assert len(space) > 10
    rng = np.random.default_rng(11)
    n = 60 * len(space)
    counts = np.zeros(len(space))
    for _ in range(n):
        counts[keys[curveball(start, rng, n_trades=30).tobytes()]] += 1
    assert (counts > 0).all()  # every matrix reachable
    # uniform: a chi-square test of equal frequencies does not reject at 0.1%
    assert chisquare(counts).pvalue > 0.001


def test_network_measures_array_matches_the_panel_function():
    rng = np.random.default_rng(4)
    m = pd.DataFrame(_random_m(5, (9, 7), 0.4).astype(float),
                     index=[f"r{k}" for k in range(9)], columns=[f"i{k}" for k in range(7)])
    w = rng.random((7, 7))
    w = pd.DataFrame((w + w.T) / 2, index=m.columns, columns=m.columns)
    want = regional_network_measures(m, w, binary=True)
    got = network_measures_array(m.to_numpy(bool), w.to_numpy())
    for k in ("coherence", "footprint_density", "footprint_centrality"):
        np.testing.assert_allclose(got[k], want[k].to_numpy(), rtol=0, atol=1e-12)


def test_largest_linked_share_by_hand():
    # path a-b-c and an isolated d
    adj = np.zeros((4, 4))
    adj[0, 1] = adj[1, 0] = adj[1, 2] = adj[2, 1] = 1
    m = np.array([[1, 0, 1, 1], [1, 1, 1, 0], [0, 0, 0, 0]], dtype=bool)
    got = largest_linked_share(m, adj)
    assert got[0] == pytest.approx(1 / 3)  # a, c, d: no link among them
    assert got[1] == 1.0
    assert np.isnan(got[2])


def test_null_percentiles_flag_a_clustered_portfolio():
    # two blocks of related industries; region x holds one block whole
    w = np.zeros((8, 8))
    w[:4, :4] = 1.0
    w[4:, 4:] = 1.0
    np.fill_diagonal(w, 0)
    ind = [f"i{k}" for k in range(8)]
    w = pd.DataFrame(w, index=ind, columns=ind)
    rng = np.random.default_rng(0)
    m = pd.DataFrame(np.zeros((10, 8)), index=["x", *[f"r{k}" for k in range(9)]], columns=ind)
    m.iloc[0, :4] = 1
    for k in range(1, 10):
        m.iloc[k, rng.choice(8, size=4, replace=False)] = 1
    t = null_network_measures(m, w, n_draws=100, rng=np.random.default_rng(1))
    assert t.attrs["n_draws"] == 100
    assert t.loc["x", "footprint_density"] == 1.0
    assert t.loc["x", "footprint_density_percentile"] > 90
    assert t.loc["x", "footprint_density_z"] > 1.5
    # the same draws give the same table
    t2 = null_network_measures(m, w, n_draws=100, rng=np.random.default_rng(1))
    pd.testing.assert_frame_equal(t, t2)
    with pytest.raises(PanelError, match="0/1"):
        null_network_measures(m * 2, w, n_draws=5, rng=rng)


def test_backbone_sensitivity_reports_each_degree():
    rng = np.random.default_rng(2)
    n = 12
    w = rng.random((n, n))
    w = (w + w.T) / 2
    np.fill_diagonal(w, 0)
    ind = [f"i{k}" for k in range(n)]
    g = nx.from_pandas_adjacency(pd.DataFrame(w, index=ind, columns=ind))
    m = pd.DataFrame(_random_m(6, (8, n), 0.4).astype(float),
                     index=[f"r{k}" for k in range(8)], columns=ind)
    t = backbone_sensitivity(g, m, degrees=(3, 4, 6), rng=np.random.default_rng(3), n_draws=20)
    assert len(t) == 3 * 8
    assert sorted(t["avg_degree"].unique()) == [3.0, 4.0, 6.0]
    assert t.groupby("avg_degree")["mean_degree"].first().is_monotonic_increasing
    assert t["percentile"].between(0, 100).all()


def test_leave_one_out_uses_relatedness_estimated_without_the_region():
    from smartregion.nullmodel import _loo_weights
    from smartregion.relatedness import cospecialisation_weights_array

    m = _random_m(8, (15, 10), 0.35)
    frame = pd.DataFrame(m.astype(float), index=[f"r{k}" for k in range(15)],
                         columns=[f"i{k}" for k in range(10)])
    w3 = _loo_weights(m, 3, "cospecialisation")
    np.testing.assert_array_equal(w3, cospecialisation_weights_array(np.delete(m, 3, axis=0)))
    t = null_network_measures(frame, n_draws=20, rng=np.random.default_rng(0),
                              leave_one_out=True, method="proximity", backbone_degree=3)
    # region r3's observed footprint density, by hand on the relatedness without r3
    w = _loo_weights(m, 3, "proximity")
    np.fill_diagonal(w, 0)
    idx = np.flatnonzero(m[3])
    want = w[np.ix_(idx, idx)].sum() / (len(idx) * (len(idx) - 1))
    assert t.loc["r3", "footprint_density"] == pytest.approx(want)
    assert "largest_linked_share_percentile" in t.columns
    assert t.attrs["null"]["coherence"].shape == (20, 15)
    with pytest.raises(PanelError, match="relatedness"):
        null_network_measures(frame, n_draws=5, rng=np.random.default_rng(0))


def test_backbone_sensitivity_leave_one_out_for_chosen_regions():
    m = _random_m(9, (14, 12), 0.35)
    frame = pd.DataFrame(m.astype(float), index=[f"r{k}" for k in range(14)],
                         columns=[f"i{k}" for k in range(12)])
    from smartregion.network import industry_space
    from smartregion.relatedness import proximity

    g = industry_space(proximity(frame, binary=True))
    t = backbone_sensitivity(g, frame, degrees=(3, 5), regions=["r1", "r4"],
                             rng=np.random.default_rng(0), n_draws=15, leave_one_out=True,
                             method="proximity")
    assert list(t["region"]) == ["r1", "r4", "r1", "r4"]
    assert t["rank"].between(1, 14).all() and t["percentile"].between(0, 100).all()


def test_null_without_spread_has_no_z_score():
    from smartregion.nullmodel import _summarise

    # region a: draws equal up to rounding (sd ~1e-16) -> no z; b: a real spread -> z by hand
    null = {"x": np.array([[1.0, 2.0], [1.0 + 2e-16, 4.0], [1.0, 6.0]])}
    obs = {"x": np.array([1.0, 8.0])}
    got = _summarise(obs, null, pd.Index(["a", "b"]))
    assert np.isnan(got.loc["a", "x_z"])
    assert got.loc["b", "x_z"] == pytest.approx((8.0 - 4.0) / 2.0)  # mean 4, sd 2 (ddof 1)
