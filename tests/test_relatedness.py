"""Tests of smartregion.relatedness: worked examples, peer references and identities.

Peer values are in tests/reference/variety_relatedness (see PROVENANCE.md there). Peers that
drop the all-zero industry I15 are compared on the panel without it ("noI15"); peers that
round (EconGeo density) are compared within their rounding; where a peer turns an undefined
0/0 into a number (econcomplex density of I15), the test checks that smartregion keeps it NaN.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from smartregion.panel import Panel, PanelError, ZeroLineWarning
from smartregion.relatedness import (
    co_occurrence,
    cooccurrence_array,
    density_array,
    distance,
    proximity,
    proximity_array,
    relatedness_density,
    relatedness_matrix,
    relative_relatedness_density,
)
from smartregion.structure import binary_array

REF = Path(__file__).parent / "reference" / "variety_relatedness"
TOL = 1e-10


# --------------------------------------------------------------------------- helpers
def make_panel(values, times=None) -> Panel:
    values = np.asarray(values, dtype=float)
    if values.ndim == 2:
        values = values[None]
    t, r, i = values.shape
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return Panel(values, [f"r{k}" for k in range(r)], [f"i{k}" for k in range(i)], times)


@pytest.fixture(scope="module")
def toy() -> Panel:
    df = pd.read_csv(REF / "toy_panel.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return Panel.from_long(df, value="employment")


@pytest.fixture(scope="module")
def toy14(toy) -> Panel:
    return toy.select(industries=[f"I{k:02d}" for k in range(1, 15)])


def read_ref(name: str) -> pd.DataFrame:
    out = pd.read_csv(REF / name, index_col=0)
    out.index = out.index.astype(str)
    return out


def assert_matches(got: pd.DataFrame, ref: pd.DataFrame, atol=TOL):
    got = got.loc[ref.index, ref.columns]
    np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(dtype=float), atol=atol, rtol=0)


HH = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])


# --------------------------------------------------------------------------- worked examples
def test_atlas_wine_grapes():
    # 30 countries: 11 export both, 6 only wine (17 wine), 13 only grapes (24 grapes)
    m = np.zeros((30, 2))
    m[:11] = 1
    m[11:17, 0] = 1
    m[17:, 1] = 1
    assert m[:, 0].sum() == 17 and m[:, 1].sum() == 24 and (m.prod(axis=1)).sum() == 11
    phi = proximity(pd.DataFrame(m, columns=["wine", "grapes"]), binary=True)
    assert phi.loc["wine", "grapes"] == pytest.approx(11 / 24, abs=1e-15)
    assert round(phi.loc["wine", "grapes"], 2) == 0.46  # as published


def test_hidalgo_hausmann_network():
    phi = proximity(HH, binary=True)
    assert phi.loc["P3", "P4"] == pytest.approx(2 / 3, abs=1e-15)
    # py-ecomplexity 0.5.3 values printed in the worked-examples file (4 decimals)
    expected_phi = np.array([[1, .5, .5, .3333], [.5, 1, .5, .3333], [.5, .5, 1, .6667],
                             [.3333, .3333, .6667, 1]])
    np.testing.assert_allclose(phi.to_numpy(), expected_phi, atol=5e-5)
    dens = relatedness_density(HH, binary=True)
    expected_dens = np.array([[1, 1, 1, 1], [.2143, .4286, .1875, .1429],
                              [.3571, .3571, .6250, .7143], [.1429, .1429, .2500, .4286]])
    np.testing.assert_allclose(dens.to_numpy(), expected_dens, atol=5e-5)
    # hand: C2 makes P2 only; row P1 of phi = (1, .5, .5, 1/3), sum 7/3 -> .5 / (7/3)
    assert dens.loc["C2", "P1"] == pytest.approx(0.5 / (7 / 3), abs=1e-15)


def test_cooccurrence_hand_and_region_axis():
    c = co_occurrence(HH, binary=True, diagonal=True)
    assert np.diag(c.to_numpy()).tolist() == [1, 2, 2, 3]  # ubiquities
    assert c.loc["P3", "P4"] == 2 and c.loc["P1", "P2"] == 1
    cr = co_occurrence(HH, binary=True, diagonal=True, axis="region")
    assert np.diag(cr.to_numpy()).tolist() == [4, 1, 2, 1]  # diversities
    assert cr.loc["C1", "C3"] == 2 and cr.loc["C2", "C4"] == 0
    assert np.diag(co_occurrence(HH, binary=True).to_numpy()).tolist() == [0, 0, 0, 0]


# --------------------------------------------------------------------------- EconGeo
@pytest.mark.parametrize("fname, kw", [
    ("econgeo_co_occurrence_industry.csv", {}),
    ("econgeo_co_occurrence_industry_diag.csv", {"diagonal": True}),
    ("econgeo_co_occurrence_region.csv", {"axis": "region"}),
])
def test_econgeo_co_occurrence(toy, fname, kw):
    assert_matches(co_occurrence(toy, **kw), read_ref(fname), atol=0)


@pytest.mark.parametrize("method", ["prob", "association", "cosine", "jaccard"])
def test_econgeo_relatedness(toy, method):
    ref = read_ref(f"econgeo_relatedness_{method}.csv")
    assert_matches(relatedness_matrix(toy, method=method), ref)
    # same from the precomputed co-occurrence matrix (diagonal zero or not)
    assert_matches(relatedness_matrix(co_occurrence(toy), method=method), ref)
    assert_matches(relatedness_matrix(co_occurrence(toy, diagonal=True), method=method), ref)


def test_econgeo_relatedness_density_unrounded(toy):
    """EconGeo reports x100 rounded to 2 decimals; we match within that rounding and keep
    full precision. I15 (no related industry: 0/0) is NaN in both."""
    ref = read_ref("econgeo_relatedness_density_prob.csv")
    rel = relatedness_matrix(toy, method="prob")
    got = relatedness_density(toy, rel, scale=100).loc[ref.index, ref.columns]
    assert got["I15"].isna().all() and ref["I15"].isna().all()
    g, r = got.drop(columns="I15").to_numpy(), ref.drop(columns="I15").to_numpy()
    assert np.abs(g - r).max() <= 0.005 + 1e-9
    assert not np.allclose(g, np.round(g, 2), atol=1e-6)  # not rounded


# --------------------------------------------------------------------------- economiccomplexity
@pytest.mark.parametrize("ver", ["13", "200"])
def test_economiccomplexity_proximity_and_distance(toy14, ver):
    assert_matches(proximity(toy14), read_ref(f"economiccomplexity_{ver}_proximity_product.csv"))
    assert_matches(proximity(toy14, axis="region"),
                   read_ref(f"economiccomplexity_{ver}_proximity_country.csv"))
    assert_matches(distance(toy14), read_ref(f"economiccomplexity_{ver}_distance.csv"))


def test_economiccomplexity_density(toy14):
    assert_matches(relatedness_density(toy14), read_ref("economiccomplexity_200_density.csv"))


# --------------------------------------------------------------------------- ecomplexity, ReKS
def test_ecomplexity_proximity_and_density(toy14, toy):
    assert_matches(proximity(toy14), read_ref("ecomplexity_proximity_symmetric.csv"))
    assert_matches(relatedness_density(toy14), read_ref("ecomplexity_density_noI15.csv"))
    # the all-zero I15 changes nothing for the other industries
    full = relatedness_density(toy)
    # I15 is present nowhere: it is related to nothing (phi_15,15 = 0 too), so its density is
    # undefined (as EconGeo's NA), not 0
    assert full["I15"].isna().all()
    assert proximity(toy).loc["I15"].eq(0).all()
    assert_matches(full.drop(columns="I15"), read_ref("ecomplexity_density_noI15.csv"))


def test_reks_local_density(toy14):
    assert_matches(relatedness_density(toy14), read_ref("reks_local_density.csv"))


# --------------------------------------------------------------------------- Datawheel
def test_datawheel(toy14):
    assert_matches(proximity(toy14, diagonal=0.0),
                   read_ref("datawheel_proximity_max_noI15.csv"))
    assert_matches(proximity(toy14, diagonal=0.0, method="sqrt"),
                   read_ref("datawheel_proximity_sqrt_noI15.csv"))
    assert_matches(relatedness_density(toy14, include_diagonal=False),
                   read_ref("datawheel_relatedness_density_noI15.csv"))
    assert_matches(distance(toy14, include_diagonal=False),
                   read_ref("datawheel_distance_noI15.csv"))
    assert_matches(relative_relatedness_density(toy14, include_diagonal=False),
                   read_ref("datawheel_relative_relatedness_noI15.csv"))


# --------------------------------------------------------------------------- econcomplex
def test_econcomplex(toy):
    assert_matches(proximity(toy, diagonal=0.0), read_ref("econcomplex_proximity_max_full.csv"))
    # the file named *_co_occurrence_industry holds the region x region co-occurrence
    assert_matches(co_occurrence(toy, axis="region"),
                   read_ref("econcomplex_co_occurrence_industry.csv"), atol=0)


def test_econcomplex_density_keeps_undefined_nan(toy):
    """econcomplex returns 0 for I15, whose proximities are all 0 (0/0). That 0 would read as
    'no related capability' although the density is undefined; smartregion returns NaN there
    and matches every other cell."""
    ref = read_ref("econcomplex_relatedness_density_full.csv")
    got = relatedness_density(toy, include_diagonal=False, scale=100)
    assert (ref["I15"] == 0).all()
    assert got["I15"].isna().all()
    assert_matches(got.drop(columns="I15"), ref.drop(columns="I15"))


# --------------------------------------------------------------------------- options / errors
def test_relatedness_proximity_from_matrix(toy):
    direct = relatedness_matrix(toy)
    via = relatedness_matrix(co_occurrence(toy, diagonal=True), method="proximity")
    assert_matches(via, direct, atol=0)
    with pytest.raises(PanelError, match="diagonal=True"):
        relatedness_matrix(co_occurrence(toy), method="proximity")


def test_correlation_relatedness():
    rng = np.random.default_rng(7)
    x = rng.integers(0, 30, size=(9, 5)).astype(float) + 1
    p = make_panel(x)
    s = x / x.sum(axis=1, keepdims=True)
    # unweighted: ordinary Pearson correlation of the shares
    unw = relatedness_matrix(p, method="correlation", weighted=False).to_numpy()
    np.testing.assert_allclose(unw, (1 + np.corrcoef(s, rowvar=False)) / 2, atol=1e-12)
    # weighted by region size: numpy's weighted covariance
    cov = np.cov(s, rowvar=False, aweights=x.sum(axis=1), ddof=0)
    sd = np.sqrt(np.diag(cov))
    w = relatedness_matrix(p, method="correlation").to_numpy()
    np.testing.assert_allclose(w, (1 + cov / np.outer(sd, sd)) / 2, atol=1e-12)
    with pytest.raises(PanelError, match="correlation"):
        relatedness_matrix(co_occurrence(p), method="correlation")


def test_correlation_with_empty_industry_needs_explicit_fill(toy):
    rel = relatedness_matrix(toy, method="correlation")
    assert rel["I15"].isna().all() and rel.loc["I15"].isna().all()
    assert rel.drop(index="I15", columns="I15").notna().all().all()
    with pytest.raises(PanelError, match="NaN"):
        relatedness_density(toy, rel)
    d = relatedness_density(toy, rel.fillna(0.0))
    assert d["I15"].isna().all() and d.drop(columns="I15").notna().all().all()


def test_density_matrix_validation(toy):
    phi = proximity(toy)
    with pytest.raises(PanelError, match="lacks industries"):
        relatedness_density(toy, phi.drop(index="I01", columns="I01"))
    with pytest.raises(PanelError, match="negative"):
        relatedness_density(toy, phi - 2)
    with pytest.raises(PanelError, match="shape"):
        relatedness_density(toy, np.ones((3, 3)))
    # a reordered labelled matrix gives the same result as the aligned one
    order = phi.index[::-1]
    pd.testing.assert_frame_equal(relatedness_density(toy, phi.loc[order, order]),
                                  relatedness_density(toy, phi))
    with pytest.raises(ValueError, match="method"):
        relatedness_matrix(toy, method="pmi")


def test_time_varying_and_shared_matrix():
    rng = np.random.default_rng(3)
    vals = rng.integers(0, 20, size=(3, 6, 5)).astype(float) + 1
    p = make_panel(vals, times=[2000, 2005, 2010])
    dens = relatedness_density(p)
    assert dens.index.names == ["time", "region"]
    for k, t in enumerate(p.times):
        single = relatedness_density(make_panel(vals[k]))
        np.testing.assert_allclose(dens.loc[t].to_numpy(), single.to_numpy(), atol=1e-15)
    # the stacked (time, industry) proximity frame is accepted as a time-varying matrix
    phi_t = proximity(p)
    pd.testing.assert_frame_equal(relatedness_density(p, phi_t), dens)
    # one fixed matrix for every period
    phi0 = proximity(make_panel(vals[0]))
    fixed = relatedness_density(p, phi0)
    _, m = binary_array(p)
    manual = (m @ phi0.to_numpy().T) / phi0.to_numpy().sum(axis=1)
    np.testing.assert_allclose(fixed.to_numpy(), manual.reshape(-1, 5), atol=1e-14)
    with pytest.raises(PanelError, match="period"):
        relatedness_density(p, phi_t.loc[[2000, 2005]])


def test_zero_industry_only_own_column_nan():
    m = np.array([[1, 0, 1], [1, 0, 0], [0, 0, 1]], dtype=float)
    dens = relatedness_density(make_panel(m), binary=True, include_diagonal=False)
    assert dens["i1"].isna().all()
    assert dens[["i0", "i2"]].notna().all().all()


# --------------------------------------------------------------------------- properties
binary_mats = st.integers(1, 4).flatmap(
    lambda t: st.tuples(st.integers(2, 7), st.integers(2, 6)).flatmap(
        lambda ri: arrays(np.float64, (t, ri[0], ri[1]), elements=st.sampled_from([0.0, 1.0]))))


@settings(max_examples=40, deadline=None)
@given(binary_mats, st.sampled_from([0.0, 1.0]))
def test_array_helpers_against_definitions(m, diag):
    t, r, i = m.shape
    c = cooccurrence_array(m)
    brute = np.array([[[sum(m[k, a, p] * m[k, a, q] for a in range(r)) for q in range(i)]
                       for p in range(i)] for k in range(t)])
    np.testing.assert_array_equal(c, brute)
    phi = proximity_array(m, diagonal=diag)
    np.testing.assert_allclose(phi, phi.transpose(0, 2, 1))
    assert ((phi >= 0) & (phi <= 1)).all()
    present = m.sum(axis=1) > 0  # (T, I): industries with ubiquity > 0
    np.testing.assert_array_equal(np.diagonal(phi, axis1=1, axis2=2),
                                  np.where(present, diag, 0.0))
    # min of the two conditional probabilities
    u = m.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cond = np.fmin(c / u[:, :, None], c / u[:, None, :])
    off = ~np.eye(i, dtype=bool)[None].repeat(t, 0)
    np.testing.assert_allclose(phi[off], np.nan_to_num(cond, nan=0.0)[off], atol=1e-15)
    dens = density_array(m, phi)
    fin = np.isfinite(dens)
    assert ((dens[fin] >= -1e-15) & (dens[fin] <= 1 + 1e-15)).all()
    # scale invariance in phi, linear in scale
    np.testing.assert_allclose(density_array(m, 3 * phi, scale=100), 100 * dens, atol=1e-12)
    # distance + density = 1
    p = make_panel(m, times=list(range(t)))
    np.testing.assert_allclose(
        (distance(p, binary=True) + relatedness_density(p, binary=True)).to_numpy()[
            fin.reshape(-1, i)], 1.0, atol=1e-14)


@settings(max_examples=30, deadline=None)
@given(arrays(np.float64, (6, 5), elements=st.integers(0, 9).map(float)),
       st.sampled_from(["prob", "association", "cosine", "jaccard"]))
def test_normalisations_symmetric_and_permutation_equivariant(m, method):
    rel = relatedness_matrix(make_panel((m > 4).astype(float)), method=method, binary=True).to_numpy()
    assert np.isfinite(rel).all()
    np.testing.assert_allclose(rel, rel.T, atol=1e-12)
    assert (np.diag(rel) == 0).all()
    perm = [3, 1, 4, 0, 2]
    relp = relatedness_matrix(make_panel((m[:, perm] > 4).astype(float)), method=method,
                       binary=True).to_numpy()
    np.testing.assert_allclose(relp, rel[np.ix_(perm, perm)], atol=1e-12)
    if method in ("cosine", "jaccard"):
        assert (rel <= 1 + 1e-12).all()


def test_cooccurrence_of_a_bool_matrix_equals_the_double_precision_count():
    """Bool input is multiplied in single precision; counts below 2**24 must come out exact."""
    rng = np.random.default_rng(7)
    m = rng.random((2, 700, 60)) < 0.4
    by_hand = np.einsum("tri,trj->tij", m.astype(np.int64), m.astype(np.int64))
    got = cooccurrence_array(m)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, by_hand)
    np.testing.assert_array_equal(cooccurrence_array(m, axis="region"),
                                  np.einsum("tri,tsi->trs", m.astype(np.int64),
                                            m.astype(np.int64)))
