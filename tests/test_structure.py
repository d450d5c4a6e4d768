"""Tests of smartregion.structure: hand cases, identities, zero lines and peer references.

Peer values are in tests/reference/structure (see PROVENANCE.md there). Where a peer rounds,
the comparison rounds our value the same way; where a peer turns an undefined value (0/0)
into a number, the test checks that smartregion keeps it undefined instead.
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
from scipy.stats import entropy

from smartregion.panel import Panel, ZeroLineWarning
from smartregion.structure import (
    average_location_quotient,
    binary_array,
    diversity,
    gini,
    hachman,
    herfindahl,
    hoover_gini,
    hoover_index,
    krugman_index,
    location_quotient,
    locational_gini,
    rca,
    shares,
    specialisation,
    specialisation_coefficient,
    theil,
    ubiquity,
)

REF = Path(__file__).parent / "reference" / "structure"
TOL = 1e-10


# --------------------------------------------------------------------------- helpers
def quiet_panel(values, regions=None, industries=None, times=None) -> Panel:
    """Build a panel, ignoring the zero-line warning (tested in test_panel.py)."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 2:
        values = values[None]
    t, r, i = values.shape
    regions = [f"r{k}" for k in range(r)] if regions is None else regions
    industries = [f"i{k}" for k in range(i)] if industries is None else industries
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return Panel(values, regions, industries, times)


def read_vector(name: str) -> pd.Series:
    df = pd.read_csv(REF / name)
    return df.set_index(df.columns[0]).iloc[:, 0].astype(float)


def read_matrix(name: str) -> pd.DataFrame:
    return pd.read_csv(REF / name, index_col=0).astype(float)


def assert_close(ours: pd.Series | pd.DataFrame, ref: pd.Series | pd.DataFrame,
                 atol: float = TOL) -> None:
    """Same labels, same NaN pattern, values within ``atol``."""
    ours = ours.reindex(ref.index) if isinstance(ours, pd.Series) else ours.loc[ref.index,
                                                                                ref.columns]
    np.testing.assert_allclose(np.asarray(ours, float), np.asarray(ref, float), rtol=0,
                               atol=atol, equal_nan=True)


@pytest.fixture(scope="module")
def toy() -> Panel:
    wide = pd.read_csv(REF / "toy_matrix_wide.csv", index_col=0)
    with pytest.warns(ZeroLineWarning, match="I15"):
        panel = Panel.from_wide(wide, value_name="employment")
    return panel


@pytest.fixture(scope="module")
def toy_no15(toy: Panel) -> Panel:
    return toy.select(industries=[i for i in toy.industries if i != "I15"])


# --------------------------------------------------------------------------- hand cases
def test_shares_hand_case():
    x = quiet_panel([[3, 1], [0, 4]], ["a", "b"], ["i", "j"])
    np.testing.assert_allclose(shares(x).to_numpy(), [[0.75, 0.25], [0, 1]])
    np.testing.assert_allclose(shares(x, within="industry").to_numpy(), [[1, 0.2], [0, 0.8]])


def test_shares_zero_lines_only_own_row_or_column():
    x = quiet_panel([[3, 1, 0], [0, 0, 0], [1, 1, 0]])
    by_region = shares(x).to_numpy()
    assert np.isnan(by_region[1]).all() and not np.isnan(by_region[[0, 2]]).any()
    by_industry = shares(x, within="industry").to_numpy()
    assert np.isnan(by_industry[:, 2]).all() and not np.isnan(by_industry[:, :2]).any()


def test_herfindahl_hand_case():
    # shares (1/4, 1/4, 1/2): 1/16 + 1/16 + 1/4 = 3/8; normalised (3/8 - 1/3) / (2/3) = 1/16
    x = quiet_panel([[1, 1, 2], [0, 0, 5]])
    np.testing.assert_allclose(herfindahl(x).to_numpy(), [0.375, 1.0])
    np.testing.assert_allclose(herfindahl(x, normalised=True).to_numpy(), [1 / 16, 1.0])


def test_krugman_hand_case_total_and_rest():
    # national shares (1/2, 1/2); region a (3/4, 1/4): |1/4| + |1/4| = 1/2
    # rest of a is b = (1/4, 3/4): 1/2 + 1/2 = 1
    x = quiet_panel([[3, 1], [1, 3]])
    np.testing.assert_allclose(krugman_index(x).to_numpy(), [0.5, 0.5])
    np.testing.assert_allclose(krugman_index(x, reference="rest").to_numpy(), [1.0, 1.0])
    np.testing.assert_allclose(krugman_index(x, halve=True).to_numpy(), [0.25, 0.25])
    np.testing.assert_allclose(specialisation_coefficient(x, reference="rest").to_numpy(),
                               [0.5, 0.5])


def test_krugman_rest_nan_when_all_other_regions_zero():
    x = quiet_panel([[3, 1], [0, 0]])
    k = krugman_index(x, reference="rest").to_numpy()
    assert np.isnan(k).all()  # a has no non-empty rest; b is itself empty


def test_theil_hand_case():
    # national (1/4, 3/4). a = (1/2, 1/2): 1/2 log2(2) + 1/2 log2(2/3); b = (0, 1): log2(4/3)
    x = quiet_panel([[1, 1], [0, 2]])
    expected_a = 0.5 * np.log2(2) + 0.5 * np.log2(2 / 3)
    np.testing.assert_allclose(theil(x, base=2).to_numpy(), [expected_a, np.log2(4 / 3)])
    np.testing.assert_allclose(theil(x).to_numpy(), np.array([expected_a, np.log2(4 / 3)])
                               * np.log(2))


def test_theil_is_kullback_leibler_divergence(toy):
    x = toy.values[0]
    nat = x.sum(axis=0) / x.sum()
    expected = [entropy(row / row.sum(), nat) for row in x]  # scipy's relative entropy
    np.testing.assert_allclose(theil(toy).to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(theil(toy, base=2).to_numpy(),
                               [entropy(row / row.sum(), nat, base=2) for row in x], rtol=1e-12)


def test_average_lq_and_hachman_hand_case():
    # national (1/3, 2/3). a = (1/2, 1/2): 1/4 * 3 + 1/4 * 3/2 = 9/8; b = (0, 1): 3/2
    x = quiet_panel([[1, 1], [0, 2], [1, 1]])
    np.testing.assert_allclose(average_location_quotient(x).to_numpy(), [9 / 8, 1.5, 9 / 8])
    np.testing.assert_allclose(hachman(x).to_numpy(), [8 / 9, 2 / 3, 8 / 9])


def test_gini_hand_case():
    # one of four regions holds everything: (R-1)/R = 3/4; corrected: 1
    x = quiet_panel(np.array([[1, 0], [1, 0], [1, 0], [1, 4]]))
    np.testing.assert_allclose(gini(x).to_numpy(), [0.0, 0.75])
    np.testing.assert_allclose(gini(x, sample_correction=True).to_numpy(), [0.0, 1.0])
    # (1, 2, 3): mean abs difference over all ordered pairs 8/9, / (2 * mean 2) = 2/9
    y = quiet_panel(np.array([[1.0], [2.0], [3.0]]))
    np.testing.assert_allclose(gini(y).to_numpy(), [2 / 9])


def test_hoover_hand_case():
    # region totals (1, 7) of 8. Industry i = (1, 3): 1/2 (|1/4 - 1/8| + |3/4 - 7/8|) = 1/8
    x = quiet_panel([[1, 0], [3, 4]], ["a", "b"], ["i", "j"])
    np.testing.assert_allclose(hoover_index(x).to_numpy(), [0.125, 0.125])
    # uniform (1/2, 1/2): i -> 1/2 (1/4 + 1/4) = 1/4; j = (0, 1) -> 1/2
    np.testing.assert_allclose(hoover_index(x, reference="uniform").to_numpy(), [0.25, 0.5])
    np.testing.assert_allclose(hoover_index(x, percent=True).to_numpy(), [12.5, 12.5])
    # concentration curve of i: b first (3/7 < 1), points (7/8, 3/4), (1, 1): area 1/16
    np.testing.assert_allclose(hoover_gini(x).to_numpy(), [0.125, 0.125])
    np.testing.assert_allclose(locational_gini(x, halve=True).to_numpy(), [0.0625, 0.0625])


def test_hoover_reference_weights_series_and_array():
    x = quiet_panel([[1, 0], [3, 4], [2, 2]], ["a", "b", "c"], ["i", "j"])
    totals = pd.Series({"c": 4.0, "a": 1.0, "b": 7.0})  # any order, matched by label
    pd.testing.assert_series_equal(hoover_index(x, reference=totals), hoover_index(x))
    pd.testing.assert_series_equal(hoover_gini(x, reference=[1, 7, 4]), hoover_gini(x))
    pd.testing.assert_series_equal(hoover_gini(x, reference=np.ones(3)),
                                   hoover_gini(x, reference="uniform"))


def test_hoover_gini_positive_value_with_zero_weight_sorts_last():
    # region b has weight 0 but a positive value: its segment is vertical at the end
    x = quiet_panel([[1.0], [1.0]], ["a", "b"], ["i"])
    np.testing.assert_allclose(hoover_gini(x, reference=[1.0, 0.0]).to_numpy(), [0.5])
    np.testing.assert_allclose(hoover_index(x, reference=[1.0, 0.0]).to_numpy(), [0.5])


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda x: shares(x, within="nation"), "within"),
        (lambda x: krugman_index(x, reference="nation"), "reference"),
        (lambda x: hoover_index(x, reference="population"), "reference"),
        (lambda x: hoover_index(x, reference=[1.0, 2.0]), "one weight per region"),
        (lambda x: hoover_gini(x, reference=[1.0, -1.0, 1.0]), "non-negative"),
        (lambda x: hoover_gini(x, reference=pd.Series({"r0": 1.0})), r"\['r1', 'r2'\]"),
        (lambda x: theil(x, base=1), "base"),
    ],
)
def test_bad_options_raise_clear_errors(call, match):
    x = quiet_panel([[1, 2], [3, 4], [5, 6]])
    with pytest.raises(ValueError, match=match):
        call(x)


# --------------------------------------------------------------------------- zero lines
REGION_INDICES = [
    lambda p: herfindahl(p),
    lambda p: herfindahl(p, normalised=True),
    lambda p: krugman_index(p),
    lambda p: specialisation_coefficient(p),
    lambda p: theil(p),
    lambda p: average_location_quotient(p),
    lambda p: hachman(p),
]
INDUSTRY_INDICES = [
    lambda p: gini(p),
    lambda p: locational_gini(p),
    lambda p: hoover_gini(p),
    lambda p: hoover_index(p),
    lambda p: hoover_index(p, reference="uniform"),
]


@pytest.mark.parametrize("index", REGION_INDICES)
def test_zero_region_is_nan_and_leaves_other_regions_unchanged(toy_no15, index):
    x = toy_no15.values[0]
    with_zero = quiet_panel(np.vstack([x, np.zeros(x.shape[1])]),
                            list(toy_no15.regions) + ["ZERO"], list(toy_no15.industries))
    out = index(with_zero)
    assert np.isnan(out["ZERO"])
    assert_close(out.drop("ZERO"), index(toy_no15))


@pytest.mark.parametrize("index", [f for k, f in enumerate(REGION_INDICES) if k != 1])
def test_zero_industry_does_not_change_region_indices(toy, toy_no15, index):
    out_full = index(toy)
    assert out_full.notna().all()
    assert_close(out_full, index(toy_no15))


def test_normalised_herfindahl_counts_every_industry_of_the_panel(toy, toy_no15):
    h = herfindahl(toy)
    for p, n in ((toy, 15), (toy_no15, 14)):
        assert_close(herfindahl(p, normalised=True), (h - 1 / n) / (1 - 1 / n))


@pytest.mark.parametrize("index", INDUSTRY_INDICES)
def test_zero_industry_is_nan_and_leaves_other_industries_unchanged(toy, toy_no15, index):
    out = index(toy)
    assert np.isnan(out["I15"])
    assert_close(out.drop("I15"), index(toy_no15))


@pytest.mark.parametrize("index", INDUSTRY_INDICES[1:4])
def test_zero_region_does_not_change_employment_weighted_industry_indices(toy_no15, index):
    x = toy_no15.values[0]
    with_zero = quiet_panel(np.vstack([np.zeros(x.shape[1]), x]),
                            ["R00"] + list(toy_no15.regions), list(toy_no15.industries))
    assert_close(index(with_zero), index(toy_no15))
    # the plain Gini weighs every region with any activity equally; an empty region (data
    # about nothing) is not one of them, so it changes nothing either
    assert_close(gini(with_zero), gini(toy_no15))
    assert_close(gini(with_zero, sample_correction=True), gini(toy_no15, sample_correction=True))


def test_zero_period_gives_nan_everywhere_but_other_period_is_unaffected(toy_no15):
    x = toy_no15.values[0]
    two = quiet_panel(np.stack([x, np.zeros_like(x)]), list(toy_no15.regions),
                      list(toy_no15.industries), times=[2020, 2021])
    for index in REGION_INDICES + INDUSTRY_INDICES:
        out = index(two)
        assert out.loc[2021].isna().all()
        assert_close(out.loc[2020], index(toy_no15))


# --------------------------------------------------------------------------- time axis
def test_every_index_is_vectorised_over_time(toy_no15):
    rng = np.random.default_rng(7)
    x0 = toy_no15.values[0]
    x1 = rng.integers(0, 50, size=x0.shape).astype(float)
    two = quiet_panel(np.stack([x0, x1]), list(toy_no15.regions), list(toy_no15.industries),
                      times=["t0", "t1"])
    one = quiet_panel(x1, list(toy_no15.regions), list(toy_no15.industries))
    for index in REGION_INDICES + INDUSTRY_INDICES + [lambda p: shares(p),
                                                      lambda p: location_quotient(p)]:
        out = index(two)
        assert out.index.names[0] == "time"
        assert_close(out.loc["t0"], index(toy_no15))
        assert_close(out.loc["t1"], index(one))


# --------------------------------------------------------------------------- properties
@st.composite
def panels(draw, min_side: int = 2, max_side: int = 6, times: bool = False) -> Panel:
    t = draw(st.integers(1, 2)) if times else 1
    r = draw(st.integers(min_side, max_side))
    i = draw(st.integers(min_side, max_side))
    values = draw(arrays(np.float64, (t, r, i), elements=st.integers(0, 60).map(float)))
    values[:, 0, 0] += 1.0  # every period non-empty
    return quiet_panel(values, [f"r{k}" for k in range(r)], [f"i{k}" for k in range(i)],
                       list(range(t)) if times else None)


@settings(max_examples=40, deadline=None)
@given(panels(times=True))
def test_employment_weighted_mean_lq_is_one(p):
    x = p.values
    lq = np.nan_to_num(location_quotient(p).to_numpy().reshape(x.shape))  # NaN only at weight 0
    weights = x.sum(axis=2, keepdims=True) / x.sum(axis=(1, 2), keepdims=True)
    mean = (weights * lq).sum(axis=1)
    present = x.sum(axis=1) > 0
    np.testing.assert_allclose(mean[present], 1.0, rtol=1e-12)


ALL_INDICES = REGION_INDICES + INDUSTRY_INDICES + [
    lambda p: hoover_gini(p, reference="uniform"),
    lambda p: locational_gini(p, halve=True),
    lambda p: krugman_index(p, reference="rest"),
    lambda p: gini(p, sample_correction=True),
]


@settings(max_examples=25, deadline=None)
@given(panels(), st.randoms(use_true_random=False), st.floats(0.01, 1000.0))
def test_invariance_to_permutations_and_scaling(p, rnd, scale):
    r_perm = list(p.regions)
    i_perm = list(p.industries)
    rnd.shuffle(r_perm)
    rnd.shuffle(i_perm)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        permuted = p.select(regions=r_perm, industries=i_perm)
    scaled = quiet_panel(p.values * scale, list(p.regions), list(p.industries))
    for index in ALL_INDICES:
        base = index(p)
        for other in (index(permuted), index(scaled)):
            np.testing.assert_allclose(other.reindex(base.index).to_numpy(), base.to_numpy(),
                                       rtol=1e-9, atol=1e-12, equal_nan=True)
    lq = location_quotient(p)
    np.testing.assert_allclose(location_quotient(permuted).loc[lq.index, lq.columns], lq,
                               rtol=1e-12, equal_nan=True)


@settings(max_examples=40, deadline=None)
@given(panels())
def test_bounds_and_identities(p):
    n_reg, n_ind = p.shape[1], p.shape[2]
    h = herfindahl(p).dropna()
    assert ((h >= 1 / n_ind - 1e-12) & (h <= 1 + 1e-12)).all()
    hn = herfindahl(p, normalised=True).dropna()
    assert ((hn >= -1e-12) & (hn <= 1 + 1e-12)).all()
    k = krugman_index(p).dropna()
    assert ((k >= 0) & (k <= 2 + 1e-12)).all()
    pd.testing.assert_series_equal(specialisation_coefficient(p), (krugman_index(p) / 2)
                                   .rename("specialisation_coefficient"))
    assert (theil(p).dropna() >= -1e-12).all()
    np.testing.assert_allclose((hachman(p) * average_location_quotient(p)).dropna(), 1.0)
    g = gini(p).dropna()
    assert ((g >= -1e-12) & (g <= (n_reg - 1) / n_reg + 1e-12)).all()
    pd.testing.assert_series_equal(hoover_gini(p, reference="uniform").rename("gini"), gini(p),
                                   rtol=1e-12)
    pd.testing.assert_series_equal(locational_gini(p).rename("hoover_gini"), hoover_gini(p))
    for s in (hoover_gini(p), hoover_index(p), hoover_index(p, reference="uniform")):
        s = s.dropna()
        assert ((s >= -1e-12) & (s <= 1 + 1e-12)).all()
    # the Hoover index is the largest gap between the concentration curve and the diagonal,
    # so it never exceeds the Hoover-Gini (twice the area between them)
    both = pd.concat([hoover_index(p), hoover_gini(p)], axis=1).dropna()
    assert (both.iloc[:, 0] <= both.iloc[:, 1] + 1e-12).all()


@settings(max_examples=30, deadline=None)
@given(panels())
def test_hoover_gini_matches_pairwise_definition(p):
    # weighted Gini of the ratios y_r = x_ri / X_r with weights X_r / X:
    # sum_rs w_r w_s |y_r - y_s| / (2 sum_r w_r y_r)
    x = p.values[0]
    tot = x.sum(axis=1)
    w = tot / tot.sum()
    keep = tot > 0
    y = x[keep] / tot[keep, None]
    wk = w[keep]
    num = (wk[:, None, None] * wk[None, :, None] * np.abs(y[:, None] - y[None, :])).sum((0, 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = num / (2 * (wk[:, None] * y).sum(axis=0))
    np.testing.assert_allclose(hoover_gini(p).to_numpy(), expected, rtol=1e-9, atol=1e-12,
                               equal_nan=True)


# --------------------------------------------------------------------------- peers: LQ / M
def test_lq_matches_ecomplexity_and_datawheel_including_nan_for_zero_industry(toy, toy_no15):
    for name in ("ecomplexity_rca_full.csv", "datawheel_rca_full.csv"):
        assert_close(location_quotient(toy), read_matrix(name))
    for name in ("ecomplexity_rca_noI15.csv", "datawheel_rca_noI15.csv"):
        assert_close(rca(toy_no15), read_matrix(name))


def test_lq_matches_econgeo_and_econcomplex_but_keeps_zero_over_zero_undefined(toy):
    ours = location_quotient(toy)
    for name in ("econgeo_location_quotient.csv", "econcomplex_rca_full.csv"):
        ref = read_matrix(name)
        assert_close(ours.drop(columns="I15"), ref.drop(columns="I15"))
        # the peers report 0 for I15 (0/0); an absent industry has no location quotient
        assert (ref["I15"] == 0).all()
        assert ours["I15"].isna().all()


def test_lq_exactly_one_cell_is_specialised(toy):
    assert location_quotient(toy).loc["R01", "I01"] == 1.0
    assert specialisation(toy).loc["R01", "I01"] == 1
    assert specialisation(toy, strict=True).loc["R01", "I01"] == 0


def test_econgeo_rca_rounds_inside_and_we_do_not(toy):
    ref = read_matrix("econgeo_rca_rounded2.csv")
    ours = rca(toy).drop(columns="I15")
    ref = ref.drop(columns="I15")
    # EconGeo's rca() returns values rounded to two decimals; ours agree only after rounding
    assert_close(ours.round(2), ref)
    gap = (ours - ref).abs().to_numpy()
    assert gap.max() > 1e-3
    assert_close(ours, read_matrix("econgeo_location_quotient.csv").drop(columns="I15"))


def test_binary_matrix_matches_econgeo_econcomplex_ecomplexity(toy, toy_no15):
    m = specialisation(toy)
    for name in ("econgeo_rca_binary.csv", "econgeo_location_quotient_binary.csv",
                 "econcomplex_mcp_full.csv"):
        assert_close(m, read_matrix(name), atol=0)
    assert_close(specialisation(toy_no15), read_matrix("ecomplexity_mcp_noI15.csv"), atol=0)
    # ecomplexity leaves the all-zero industry undefined; our M is 0 there (documented)
    ref = read_matrix("ecomplexity_mcp_full.csv")
    assert ref["I15"].isna().all() and (m["I15"] == 0).all()
    assert_close(m.drop(columns="I15"), ref.drop(columns="I15"), atol=0)
    _, arr = binary_array(toy)
    np.testing.assert_array_equal(arr[0], m.to_numpy())


def test_diversity_and_ubiquity_match_peers(toy, toy_no15):
    for name in ("econgeo_diversity.csv", "econcomplex_diversity_full.csv",
                 "ecomplexity_diversity_full.csv"):
        assert_close(diversity(toy), read_vector(name), atol=0)
    assert_close(diversity(toy_no15), read_vector("ecomplexity_diversity_noI15.csv"), atol=0)
    for name in ("econgeo_ubiquity.csv", "econcomplex_ubiquity_full.csv"):
        assert_close(ubiquity(toy), read_vector(name), atol=0)
    assert_close(ubiquity(toy_no15), read_vector("ecomplexity_ubiquity_noI15.csv"), atol=0)
    ref = read_vector("ecomplexity_ubiquity_full.csv")  # NaN for I15; ours counts 0 regions
    assert np.isnan(ref["I15"]) and ubiquity(toy)["I15"] == 0
    assert_close(ubiquity(toy).drop("I15"), ref.drop("I15"), atol=0)
    # binary=True on a 0/1 matrix gives the same counts
    m = quiet_panel(specialisation(toy).to_numpy(), list(toy.regions), list(toy.industries))
    assert_close(diversity(m, binary=True), read_vector("econgeo_diversity.csv"), atol=0)


# --------------------------------------------------------------------------- peers: indices
def test_herfindahl_matches_econgeo_reat_econcomplex(toy):
    for name in ("econgeo_herfindahl.csv", "reat_herf_by_region.csv",
                 "econcomplex_herfindahl_raw.csv"):
        assert_close(herfindahl(toy), read_vector(name))
    for name in ("reat_herf_norm_by_region.csv", "econcomplex_herfindahl_normalized_default.csv"):
        assert_close(herfindahl(toy, normalised=True), read_vector(name))


def test_krugman_and_specialisation_coefficient_match_peers(toy):
    for name in ("econgeo_krugman_index.csv", "reat_krugman_spec_vs_nation.csv",
                 "econcomplex_krugman_index.csv"):
        assert_close(krugman_index(toy, reference="total"), read_vector(name))
    for name in ("econgeo_spec_coeff.csv", "econcomplex_spec_coefficient.csv"):
        assert_close(specialisation_coefficient(toy), read_vector(name))
        assert_close(krugman_index(toy, halve=True), read_vector(name))
    # the peers compare with the total including the region, not with the rest
    assert not np.allclose(krugman_index(toy, reference="rest"),
                           read_vector("econgeo_krugman_index.csv"))


def test_gini_matches_econgeo_after_its_rounding(toy):
    ref = read_vector("econgeo_gini_by_industry.csv")  # EconGeo rounds to 3 decimals
    assert_close(gini(toy).round(3), ref, atol=0)
    assert np.isnan(ref["I15"]) and np.isnan(gini(toy)["I15"])
    assert not np.allclose(gini(toy).drop("I15"), ref.drop("I15"), rtol=0, atol=1e-6)


def test_locational_gini_halved_matches_econgeo_and_econcomplex(toy):
    ours = locational_gini(toy, halve=True)
    assert_close(ours, read_vector("econgeo_locational_gini.csv"))
    ref = read_vector("econcomplex_locational_gini.csv")
    assert_close(ours.drop("I15"), ref.drop("I15"))
    # econcomplex reports the maximum, 0.5, for an industry that does not exist; we give NaN
    assert ref["I15"] == 0.5 and np.isnan(ours["I15"])
    assert_close(locational_gini(toy), 2 * ours)


def test_hoover_gini_matches_econcomplex_and_rounded_econgeo(toy):
    ours = hoover_gini(toy, reference="employment")
    ref = read_vector("econcomplex_hoover_gini_default.csv")
    assert_close(ours.drop("I15"), ref.drop("I15"))
    assert ref["I15"] == 0 and np.isnan(ours["I15"])  # 0 would claim perfect dispersion
    assert_close(ours.round(3), read_vector("econgeo_hoover_gini_pop_rowsums.csv"), atol=0)


def test_hoover_index_matches_peers_under_their_conventions(toy, toy_no15):
    # EconGeo default: uniform reference, x100, rounded to 2 decimals inside
    uniform = hoover_index(toy, reference="uniform", percent=True)
    assert_close(uniform.round(2), read_vector("econgeo_hoover_index_default_pop.csv"), atol=0)
    assert not np.allclose(uniform.drop("I15"), uniform.drop("I15").round(2), rtol=0, atol=1e-6)
    employment = hoover_index(toy, reference="employment", percent=True)
    assert_close(employment.round(2), read_vector("econgeo_hoover_index_pop_rowsums.csv"),
                 atol=0)
    ref = read_vector("econcomplex_hoover_index_default_pop_rowsums.csv")
    assert_close(employment.drop("I15"), ref.drop("I15"))
    assert ref["I15"] == 0 and np.isnan(employment["I15"])
    assert_close(hoover_index(toy_no15),
                 read_vector("reat_hoover_localisation_by_industry_noI15.csv"))


def test_hachman_and_average_lq_match_econgeo(toy):
    assert_close(hachman(toy), read_vector("econgeo_hachman.csv"))
    assert_close(average_location_quotient(toy), read_vector("econgeo_location_quotient_avg.csv"))
