"""Tests of smartregion.complexity: hand cases, published toy network, peer references, identities.

Peer reference files live in tests/reference/complexity (see PROVENANCE.md there).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from smartregion.complexity import (
    DegenerateComplexityWarning,
    _second_eigvec,
    complexity_outlook,
    eci,
    economic_complexity,
    fitness_complexity,
    pci,
    reflections,
)
from smartregion.panel import Panel, PanelError, ZeroLineWarning

REF = Path(__file__).parent / "reference" / "complexity"
TIGHT = 1e-10


# ------------------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def full() -> Panel:
    df = pd.read_csv(REF / "toy_panel.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return Panel.from_long(df, value="employment")


@pytest.fixture(scope="module")
def clean(full: Panel) -> Panel:
    return full.select(industries=[i for i in full.industries if i != "I15"])


def ref_vec(name: str) -> pd.Series:
    d = pd.read_csv(REF / name)
    return d.set_index(d.columns[0]).iloc[:, 0].astype(float)


def ref_mat(name: str) -> pd.DataFrame:
    return pd.read_csv(REF / name, index_col=0).astype(float)


def assert_vec(ours: pd.Series, ref: pd.Series, atol: float = TIGHT) -> None:
    ours = ours.reindex(ref.index)
    assert (ours.isna() == ref.isna()).all(), "NaN pattern differs"
    ok = ref.notna()
    np.testing.assert_allclose(ours[ok].to_numpy(), ref[ok].to_numpy(), rtol=0, atol=atol)


def quiet(fn, *a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return fn(*a, **k)


# Hidalgo & Hausmann (2009) Fig. S4: C1:P1-P4, C2:P2, C3:P3,P4, C4:P4
HH = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])


# ------------------------------------------------------------------------------ published toy
def test_hh_toy_eigenvalues():
    m = HH.to_numpy(float)
    kr, ki = m.sum(1), m.sum(0)
    mcc = (m / kr[:, None]) @ (m / ki[None, :]).T
    eig = np.sort(np.linalg.eigvals(mcc).real)[::-1]
    np.testing.assert_allclose(eig, [1, 0.5421, 0.1902, 0.1010], atol=1e-4)
    _, lam = _second_eigvec(m, kr, ki)
    assert lam == pytest.approx(eig[1], abs=1e-12)


def test_hh_toy_published_eci():
    np.testing.assert_allclose(eci(HH, binary=True, ddof=1),
                               [-0.0653, -1.3882, 0.6476, 0.8058], atol=5e-5)
    # py-ecomplexity 0.5.3 on the same network (ddof 0, PCI scaled with ECI's mean/sd)
    np.testing.assert_allclose(eci(HH, binary=True), [-0.0754, -1.6029, 0.7478, 0.9305],
                               atol=5e-5)
    np.testing.assert_allclose(pci(HH, binary=True, pci_scale="eci"),
                               [-0.1941, -1.6029, 0.5651, 0.9305], atol=5e-5)


def test_hh_toy_reflections_hand():
    r1 = reflections(HH, iterations=1, binary=True)
    np.testing.assert_allclose(r1.region, [2, 2, 2.5, 3])  # average ubiquity
    np.testing.assert_allclose(r1.industry, [4, 2.5, 3, 7 / 3])  # average diversity
    r0 = reflections(HH, iterations=0, binary=True)
    np.testing.assert_allclose(r0.region, [4, 1, 2, 1])
    np.testing.assert_allclose(r0.industry, [1, 2, 2, 3])
    # k_{r,2} by hand: C2 makes P2 only, k_{P2,1} = 2.5
    assert reflections(HH, iterations=2, binary=True).region["C2"] == pytest.approx(2.5)


# ------------------------------------------------------------------------------ peers: ECI/PCI
def test_ecomplexity(clean, full):
    for suffix, data in (("noI15", clean), ("full", full)):
        res = quiet(economic_complexity, data, ddof=0, pci_scale="eci")
        assert_vec(res.eci, ref_vec(f"ecomplexity_eci_{suffix}.csv"))
        assert_vec(res.pci, ref_vec(f"ecomplexity_pci_{suffix}.csv"))


@pytest.mark.parametrize("version", ["13", "200"])
def test_economiccomplexity(clean, version):
    base = f"economiccomplexity_{version}_complexity_"
    res = economic_complexity(clean, ddof=1)
    assert_vec(res.eci, ref_vec(base + "country_eigenvalues.csv"))
    assert_vec(res.pci, ref_vec(base + "product_eigenvalues.csv"))
    # economiccomplexity's iterations=20 reads k_{r,18}, k_{i,19}: 19 update steps here
    res = economic_complexity(clean, ddof=1, method="reflections", iterations=19)
    assert_vec(res.eci, ref_vec(base + "country_reflections.csv"), atol=1e-11)
    assert_vec(res.pci, ref_vec(base + "product_reflections.csv"), atol=1e-11)
    # economiccomplexity's iterations=20 fills 20 columns starting from 1: 19 update steps
    fit = fitness_complexity(clean, iterations=19, update="simultaneous")
    assert_vec(fit.fitness, ref_vec(base + "country_fitness.csv"))
    assert_vec(fit.complexity, ref_vec(base + "product_fitness.csv"))


def test_datawheel(clean, full):
    res = economic_complexity(clean, ddof=1, method="reflections", iterations=19)
    assert_vec(res.eci, ref_vec("datawheel_eci_noI15.csv"), atol=1e-11)
    assert_vec(res.pci, ref_vec("datawheel_pci_noI15.csv"), atol=1e-11)
    # Datawheel iterates the raw reflections: after 40 steps their spread is ~1e-6 of the mean,
    # so its z-scores carry ~1e-10 rounding error; ours re-standardise every step. Check that
    # ours sit closer to the converged eigenvector ECI than Datawheel's.
    res40 = economic_complexity(clean, ddof=1, method="reflections", iterations=39)
    dw40 = ref_vec("datawheel_eci_noI15_iter40.csv")
    assert_vec(res40.eci, dw40, atol=1e-8)
    eig = economic_complexity(clean, ddof=1).eci
    assert (res40.eci - eig).abs().max() <= (dw40 - eig).abs().max()


def test_datawheel_full_is_all_nan_but_ours_is_not(full, clean):
    # Datawheel divides by the zero ubiquity of I15 and every value turns NaN. We must not
    # copy that: I15 alone is NaN and the rest equals the clean-input result.
    assert ref_vec("datawheel_eci_full.csv").isna().all()
    assert ref_vec("datawheel_pci_full.csv").isna().all()
    res = quiet(economic_complexity, full, ddof=1, method="reflections",
                iterations=19)
    assert res.eci.notna().all()
    assert res.pci.isna().sum() == 1 and np.isnan(res.pci["I15"])
    assert_vec(res.eci, ref_vec("datawheel_eci_noI15.csv"), atol=1e-11)


def test_econgeo_kci_tci(full):
    # EconGeo rounds the transition matrix to 4 decimals before eigen(), which moves the
    # eigenvector by ~1e-3; we do not round, so the match is to 2e-3 only ...
    kci = quiet(economic_complexity, full, scale="sum").eci
    tci = quiet(economic_complexity, full, scale="sum", pci_sign="ubiquity", correlation="spearman").pci
    assert_vec(kci, ref_vec("econgeo_kci.csv"), atol=2e-3)
    assert_vec(tci, ref_vec("econgeo_tci.csv"), atol=2e-3)
    # ... and the rounding explains the whole gap: redoing EconGeo's rounded computation with
    # numpy reproduces its output to 1e-9.
    from smartregion.structure import binary_array
    _, mm = binary_array(full)
    mm = mm[0][:, mm[0].sum(0) > 0]
    cc = np.round((mm / mm.sum(1)[:, None]) @ (mm.T / mm.sum(0)[:, None]), 4)
    w, v = np.linalg.eig(cc)
    vec = v[:, np.argsort(-w.real)[1]].real
    k = vec / vec.sum()
    k = k if np.corrcoef(k, kci.to_numpy())[0, 1] > 0 else -k
    np.testing.assert_allclose(k, ref_vec("econgeo_kci.csv").to_numpy(), atol=1e-9)


def test_econgeo_morc_mort(full):
    assert_vec(quiet(reflections, full, iterations=20, rescale="minmax").region,
               ref_vec("econgeo_morc_steps20.csv"), atol=1e-10)
    assert_vec(quiet(reflections, full, iterations=2).region, ref_vec("econgeo_morc_steps2.csv"))
    ind = quiet(reflections, full, iterations=19, rescale="minmax").industry
    ref = ref_vec("econgeo_mort_steps19.csv")
    assert np.isnan(ind["I15"])  # EconGeo drops I15; we keep the label with NaN
    assert_vec(ind.drop("I15"), ref, atol=1e-10)


def test_econcomplex(full):
    res = quiet(economic_complexity, full, pci_sign="ubiquity")
    assert_vec(res.eci, ref_vec("econcomplex_eci_eigenvector_full.csv"))
    assert_vec(res.pci, ref_vec("econcomplex_pci_eigenvector_full.csv"))
    # econcomplex loops 20 times and reads k_{r,20}, k_{i,20}: 21 / 20 update steps here
    r21 = quiet(economic_complexity, full, method="reflections", iterations=21, pci_sign="ubiquity")
    r20 = quiet(economic_complexity, full, method="reflections", iterations=20, pci_sign="ubiquity")
    assert_vec(r21.eci, ref_vec("econcomplex_eci_reflections_full.csv"), atol=1e-11)
    assert_vec(r20.pci, ref_vec("econcomplex_pci_reflections_full.csv"), atol=1e-11)
    fit = quiet(fitness_complexity, full, iterations=20, update="sequential")
    assert_vec(fit.fitness, ref_vec("econcomplex_eci_fitness_full.csv"))
    assert_vec(fit.complexity, ref_vec("econcomplex_pci_fitness_full.csv"))


def test_pci_sign_conventions_disagree_on_toy(clean):
    tied = economic_complexity(clean).pci
    own = economic_complexity(clean, pci_sign="ubiquity").pci
    assert np.corrcoef(tied, own)[0, 1] == pytest.approx(-1.0)


def test_reks(clean):
    d = pd.read_csv(REF / "reks_complexity_rci_tci_scaled.csv")
    res = economic_complexity(clean, ddof=1, pci_scale="eci", correlation="spearman")
    assert_vec(res.eci, d.groupby("region").RCI.first())
    assert_vec(res.pci, d.groupby("industry").TCI.first())


# ------------------------------------------------------------------------------ peers: COI/COG
def test_ecomplexity_coi_cog(clean, full):
    for suffix, data in (("noI15", clean), ("full", full)):
        out = quiet(complexity_outlook, data, pci_scale="eci_sd", own_term=False,
                    coi_scale="zscore", ddof=0)
        assert_vec(out.coi, ref_vec(f"ecomplexity_coi_{suffix}.csv"))
        ref = ref_mat(f"ecomplexity_cog_{suffix}.csv")
        ours = out.cog.reindex(index=ref.index, columns=ref.columns)
        assert (ours.isna() == ref.isna()).all().all()
        np.testing.assert_allclose(ours.to_numpy(), ref.to_numpy(), atol=TIGHT, equal_nan=True)


@pytest.mark.parametrize("version", ["13", "200"])
def test_economiccomplexity_coi_cog(clean, version):
    out = complexity_outlook(clean, ddof=1, own_term=False)
    assert_vec(out.coi, ref_vec(f"economiccomplexity_{version}_coi.csv"))
    ref = ref_mat(f"economiccomplexity_{version}_cog.csv")
    np.testing.assert_allclose(out.cog.loc[ref.index, ref.columns], ref, atol=TIGHT)


def test_econcomplex_coi(full):
    out = quiet(complexity_outlook, full, pci_sign="ubiquity", diagonal=False, own_term=False)
    assert_vec(out.coi, ref_vec("econcomplex_coi_full.csv"))


def test_outlook_hand_case_and_own_term():
    m = pd.DataFrame([[1, 1, 0], [0, 1, 1]], index=["a", "b"], columns=["x", "y", "z"])
    q = pd.Series([1.0, 0.0, -1.0], index=m.columns)
    # phi = [[1, .5, 0], [.5, 1, .5], [0, .5, 1]]; density of a in z = 0.5 / 1.5
    out = complexity_outlook(m, binary=True, pci=q)
    assert out.coi["a"] == pytest.approx(-1 / 3)
    # Atlas: gain of a in z = phi_zz/1.5 * PCI_z - density_az * PCI_z = -2/3 + 1/3
    assert out.cog.loc["a", "z"] == pytest.approx(-1 / 3)
    assert out.cog.loc["a", "x"] == 0.0 and out.cog.loc["a", "y"] == 0.0
    no_diag = complexity_outlook(m, binary=True, pci=q, diagonal=False, own_term=False)
    # without the diagonal: density_az = phi_zy / (phi_zx + phi_zy) = 1; gain only via j=z: 0
    assert no_diag.coi["a"] == pytest.approx(-1.0)
    assert no_diag.cog.loc["a", "z"] == pytest.approx(0.0)


def test_outlook_pci_validation():
    with pytest.raises(ValueError, match="no value"):
        complexity_outlook(HH, binary=True, pci=pd.Series([1.0], index=["P1"]))


# ------------------------------------------------------------------------------ behaviour
def test_zero_lines_get_nan_only_for_themselves(clean):
    vals = clean.values.copy()
    vals = np.concatenate([vals, np.zeros((1, 1, vals.shape[2]))], axis=1)
    vals = np.concatenate([vals, np.zeros((1, vals.shape[1], 1))], axis=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        padded = Panel(vals, list(clean.regions) + ["RZ"], list(clean.industries) + ["IZ"])
        for method in ("eigenvector", "reflections", "fitness"):
            a = economic_complexity(padded, method=method)
            b = economic_complexity(clean, method=method)
            assert np.isnan(a.eci["RZ"]) and np.isnan(a.pci["IZ"])
            np.testing.assert_allclose(a.eci.drop("RZ"), b.eci, atol=1e-12)
            np.testing.assert_allclose(a.pci.drop("IZ"), b.pci, atol=1e-12)


def test_multi_period_equals_single_periods(clean):
    rng = np.random.default_rng(3)
    v2 = clean.values[0] * rng.uniform(0.5, 1.5, clean.values[0].shape)
    panel = Panel(np.stack([clean.values[0], v2]), clean.regions, clean.industries,
                  times=[2020, 2021])
    res = economic_complexity(panel, ddof=1)
    one = economic_complexity(clean, ddof=1)
    np.testing.assert_allclose(res.eci.loc[2020], one.eci, atol=1e-12)
    two = economic_complexity(pd.DataFrame(v2, index=clean.regions, columns=clean.industries), ddof=1)
    np.testing.assert_allclose(res.pci.loc[2021], two.pci, atol=1e-12)
    assert res.eci.index.names == ["time", "region"]
    out = complexity_outlook(panel)
    assert out.cog.shape == (2 * len(clean.regions), len(clean.industries))


def test_reflections_200_iterations_finite_and_agree(clean):
    res = economic_complexity(clean, method="reflections", iterations=200)
    eig = economic_complexity(clean)
    assert np.isfinite(res.eci).all() and np.isfinite(res.pci).all()
    assert np.corrcoef(res.eci, eig.eci)[0, 1] > 0.999999
    assert np.corrcoef(res.pci, eig.pci)[0, 1] > 0.999999
    raw = reflections(clean, iterations=200, rescale="minmax")
    assert np.isfinite(raw.region).all() and raw.region.max() == pytest.approx(100.0)


def test_large_matrix_uses_sparse_path_and_matches_dense():
    rng = np.random.default_rng(7)
    r, i = 700, 450  # smaller side > 100: eigsh on the deflated Gram matrix
    x = rng.lognormal(0, 1, (r, i)) * rng.lognormal(0, 1, (r, 1)) * rng.lognormal(0, 1, (1, i))
    x[rng.random((r, i)) < 0.4] = 0
    res = economic_complexity(x)
    from smartregion.structure import binary_array
    _, m = binary_array(x)
    m = m[0]
    kr, ki = m.sum(1), m.sum(0)
    a = m / np.sqrt(kr)[:, None] / np.sqrt(ki)[None, :]
    w, v = np.linalg.eigh(a.T @ a)
    q = v[:, -2] / np.sqrt(ki)
    e = (m @ q) / kr
    s = 1.0 if np.corrcoef(e, kr)[0, 1] > 0 else -1.0
    np.testing.assert_allclose(res.eci, s * (e - e.mean()) / e.std(), atol=1e-8)
    np.testing.assert_allclose(res.pci, s * (q - q.mean()) / q.std(), atol=1e-8)


def test_fitness_hand_and_normalisation():
    fit = fitness_complexity(HH, binary=True, iterations=1)
    np.testing.assert_allclose(fit.fitness, [2, 0.5, 1, 0.5])  # (4,1,2,1)/2
    # Q = 1/ubiquity = (1, 1/2, 1/2, 1/3), divided by its mean 7/12
    np.testing.assert_allclose(fit.complexity, np.array([1, .5, .5, 1 / 3]) * 12 / 7)
    seq = fitness_complexity(HH, binary=True, iterations=1, update="sequential")
    # sequential: Q = 1 / sum_r M_ri / F_r with F = (2, .5, 1, .5)
    qs = 1 / np.array([1 / 2, 1 / 2 + 2, 1 / 2 + 1, 1 / 2 + 1 + 2])
    np.testing.assert_allclose(seq.complexity, qs / qs.mean())
    many = fitness_complexity(HH, binary=True, iterations=50)
    assert many.fitness.mean() == pytest.approx(1.0) and many.complexity.mean() == \
        pytest.approx(1.0)


def test_scale_none_and_sum():
    raw = economic_complexity(HH, binary=True, scale=None)
    m = HH.to_numpy(float)
    # ECI is the mean PCI of the region's industries; PCI has unit norm
    np.testing.assert_allclose(raw.eci, m @ raw.pci / m.sum(1), atol=1e-14)
    assert np.linalg.norm(raw.pci) == pytest.approx(1.0)
    s = economic_complexity(HH, binary=True, scale="sum")
    assert abs(s.eci.sum()) == pytest.approx(1.0) and abs(s.pci.sum()) == pytest.approx(1.0)


def test_disconnected_network_warns():
    m = pd.DataFrame([[1, 0], [0, 1]], index=["a", "b"], columns=["x", "y"])
    with pytest.warns(DegenerateComplexityWarning, match="disconnected"):
        economic_complexity(m, binary=True)


def test_too_small_period_is_nan_with_warning():
    m = pd.DataFrame([[1, 1]], index=["a"], columns=["x", "y"])
    with pytest.warns(DegenerateComplexityWarning, match="at least 2"):
        res = economic_complexity(m, binary=True)
    assert res.eci.isna().all()


@pytest.mark.parametrize("kwargs, msg", [
    (dict(method="svd"), "method"),
    (dict(scale="sum", pci_scale="eci"), "needs scale='zscore'"),
    (dict(method="reflections", iterations=0), "iterations >= 1"),
    (dict(method="fitness", iterations=0), "iterations >= 1"),
    (dict(ddof=-1), "ddof must be a number >= 0 or 'stata'"),
    (dict(ddof="sas"), "ddof must be a number >= 0 or 'stata'"),
    (dict(ddof=True), "ddof"),
    (dict(pci_sign="diversity"), "pci_sign"),
])
def test_bad_options(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        economic_complexity(HH, binary=True, **kwargs)


def test_binary_check():
    with pytest.raises(PanelError, match="binary=True"):
        economic_complexity(HH * 2, binary=True)


# ------------------------------------------------------------------------------ identities
@st.composite
def _binary_matrices(draw):
    """Seeded nested-ish 0/1 matrices: P(M_ri = 1) rises with a region and an industry effect."""
    seed = draw(st.integers(0, 2**32 - 1))
    r, i = draw(st.integers(5, 12)), draw(st.integers(5, 12))
    rng = np.random.default_rng(seed)
    logit = rng.normal(0, 1.5, (r, 1)) + rng.normal(0, 1.5, (1, i))
    return (rng.random((r, i)) < 1 / (1 + np.exp(-logit))).astype(float)


def _usable(m: np.ndarray) -> bool:
    m = m[m.sum(1) > 0][:, m.sum(0) > 0]
    if m.shape[0] < 3 or m.shape[1] < 3:
        return False
    kr, ki = m.sum(1), m.sum(0)
    a = m / np.sqrt(kr)[:, None] / np.sqrt(ki)[None, :]
    w, v = np.linalg.eigh(a @ a.T)
    x = v[:, -2] / np.sqrt(kr)
    # need a clear spectral gap (unique second eigenvector, converging reflections) and an
    # eigenvector that is not orthogonal to diversity: otherwise its sign is a coin toss and
    # reflections, which start from diversity, cannot reach it
    # ECI after an even number of updates is k_{r,N-1}: the odd chain starts from the mean
    # ubiquity of a region's products, k_{r,1}, which must load on it too.
    kr1 = (m @ ki) / kr

    def loading(start: np.ndarray) -> float:
        # share of the start vector on the second eigenvector of M_cc = D_r^-1 M D_i^-1 M^T,
        # in the eigenbasis (v are the eigenvectors of the symmetric form D_r^1/2 M_cc
        # D_r^-1/2, so the coefficients are v^T D_r^1/2 start), leaving out the constant one;
        # a plain correlation with the eigenvector can be far from zero where this is zero
        coef = v.T @ (np.sqrt(kr) * start)
        rest = np.linalg.norm(coef[:-1])
        return float(abs(coef[-2]) / rest) if rest > 0 else 0.0

    return bool(w[-1] - w[-2] > 0.05 and w[-2] - w[-3] > 0.05 and np.std(kr) > 0
                and abs(np.corrcoef(x, kr)[0, 1]) > 0.05 and loading(kr) > 0.05
                and np.std(kr1) > 0 and loading(kr1) > 0.05)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much])
@given(_binary_matrices(), st.randoms(use_true_random=False))
def test_permutation_invariance(m, rnd):
    assume(_usable(m))
    df = pd.DataFrame(m, index=[f"r{k}" for k in range(m.shape[0])],
                      columns=[f"i{k}" for k in range(m.shape[1])])
    rows, cols = list(df.index), list(df.columns)
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        a = economic_complexity(df, binary=True)
        b = economic_complexity(df.loc[rows, cols], binary=True)
    pd.testing.assert_series_equal(a.eci, b.eci.loc[a.eci.index], atol=1e-9)
    pd.testing.assert_series_equal(a.pci, b.pci.loc[a.pci.index], atol=1e-9)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much])
@given(_binary_matrices())
def test_sign_rules_eigen_equation_and_reflections_agree(m):
    assume(_usable(m))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        res = economic_complexity(m, binary=True)
        raw = economic_complexity(m, binary=True, scale=None)
        ubq = economic_complexity(m, binary=True, pci_sign="ubiquity")
        refl = economic_complexity(m, binary=True, method="reflections", iterations=400)
    keep_r, keep_i = m.sum(1) > 0, m.sum(0) > 0
    mm = m[keep_r][:, keep_i]
    kr, ki = mm.sum(1), mm.sum(0)
    e = res.eci.to_numpy()[keep_r]
    assert np.corrcoef(e, kr)[0, 1] >= -1e-12 or np.std(kr) == 0
    q_u = ubq.pci.to_numpy()[keep_i]
    if np.std(ki) > 0:
        assert np.corrcoef(q_u, ki)[0, 1] <= 1e-12
    # raw ECI is an eigenvector of D_r^-1 M D_i^-1 M^T for its second largest eigenvalue
    x = raw.eci.to_numpy()[keep_r]
    mcc = (mm / kr[:, None]) @ (mm / ki[None, :]).T
    lam2 = np.sort(np.linalg.eigvals(mcc).real)[-2]
    np.testing.assert_allclose(mcc @ x, lam2 * x, atol=1e-9)
    # reflections converge to the eigenvector result
    np.testing.assert_allclose(refl.eci.to_numpy()[keep_r], e, atol=1e-6)


# ------------------------------------------------------------------------------ Stata ddof
def test_stata_ddof_is_the_standard_deviation_over_long_rows():
    """Stata's ecomplexity z-scores a region's ECI repeated on each of its product rows.

    Built by hand: the long region x product table of a 3 x 5 matrix, each raw ECI repeated 5
    times and each raw PCI 3 times, standardised with the sample sd (ddof 1) over all 15 rows.
    """
    m = pd.DataFrame([[1, 1, 1, 1, 0], [1, 1, 0, 0, 1], [0, 1, 1, 0, 1]],
                     index=["r1", "r2", "r3"], columns=list("abcde"))
    raw = economic_complexity(m, binary=True, scale=None)
    eci_rows = np.repeat(raw.eci.to_numpy(), 5)
    pci_rows = np.tile(raw.pci.to_numpy(), 3)
    want_eci = (raw.eci - eci_rows.mean()) / eci_rows.std(ddof=1)
    want_pci = (raw.pci - pci_rows.mean()) / pci_rows.std(ddof=1)
    got = economic_complexity(m, binary=True, ddof="stata")
    np.testing.assert_allclose(got.eci, want_eci, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got.pci, want_pci, rtol=0, atol=1e-12)
    # the same thing as fractional ddof: 1/5 for the ECI, 1/3 for the PCI
    np.testing.assert_allclose(economic_complexity(m, binary=True, ddof=0.2).eci, got.eci)
    np.testing.assert_allclose(economic_complexity(m, binary=True, ddof=1 / 3).pci, got.pci)
    # and it lies between the population (ddof 0) and sample (ddof 1) conventions
    e0 = economic_complexity(m, binary=True, ddof=0).eci.abs()
    e1 = economic_complexity(m, binary=True, ddof=1).eci.abs()
    assert ((got.eci.abs() <= e0 + 1e-15) & (got.eci.abs() >= e1 - 1e-15)).all()


def test_stata_ddof_ignores_empty_lines():
    m = pd.DataFrame([[1, 1, 1, 1, 0, 0], [1, 1, 0, 0, 1, 0], [0, 1, 1, 0, 1, 0]],
                     index=["r1", "r2", "r3"], columns=list("abcdef"))  # f is empty
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        padded = economic_complexity(m, binary=True, ddof="stata")
    clean = economic_complexity(m.drop(columns="f"), binary=True, ddof="stata")
    np.testing.assert_allclose(padded.eci, clean.eci, atol=1e-13)
    np.testing.assert_allclose(padded.pci.drop("f"), clean.pci, atol=1e-13)
