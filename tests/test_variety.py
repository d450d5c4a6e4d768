"""Tests of smartregion.variety: worked examples, peer references and decomposition identities.

Peer values are in tests/reference/variety_relatedness (see PROVENANCE.md there). The
published Palepu-style table is typed in from its source (3 decimals). EconGeo rounds its
entropy to 3 decimals and adds 1e-9 inside the logarithm; smartregion does neither, and the
EconGeo test checks that.
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
from smartregion.variety import entropy, related_unrelated_variety, variety_decomposition

REF = Path(__file__).parent / "reference" / "variety_relatedness"
TOL = 1e-10


# --------------------------------------------------------------------------- helpers
def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return fn(*args, **kwargs)


def make_panel(values, industries=None, hierarchy=None, times=None, regions=None) -> Panel:
    values = np.asarray(values, dtype=float)
    if values.ndim == 2:
        values = values[None]
    t, r, i = values.shape
    industries = industries if industries is not None else [f"i{k}" for k in range(i)]
    regions = regions if regions is not None else [f"r{k}" for k in range(r)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return Panel(values, regions, industries, times, hierarchy=hierarchy)


@pytest.fixture(scope="module")
def toy() -> Panel:
    df = pd.read_csv(REF / "toy_panel.csv")
    hier = df.drop_duplicates("industry").set_index("industry")["group"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return Panel.from_long(df, value="employment", hierarchy=hier)


def read_ref(name: str) -> pd.DataFrame:
    return pd.read_csv(REF / name, index_col=0)


# --------------------------------------------------------------------------- worked examples
# "80,10 | 10" = two groups: the first holds industries with 80 % and 10 %, the second 10 %.
PALEPU = [
    # groups, (total, related, unrelated) natural log, (same) log2 -- from the published table
    ([[100]], (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)),
    ([[95, 5]], (0.199, 0.199, 0.0), (0.286, 0.286, 0.0)),
    ([[90, 10]], (0.325, 0.325, 0.0), (0.469, 0.469, 0.0)),
    ([[80, 10], [10]], (0.639, 0.314, 0.325), (0.922, 0.453, 0.469)),
    ([[70, 20], [10]], (0.802, 0.477, 0.325), (1.157, 0.688, 0.469)),
    ([[60, 10], [10, 10, 10]], (1.228, 0.617, 0.611), (1.771, 0.890, 0.881)),
]


@pytest.mark.parametrize("groups, ln_vals, log2_vals", PALEPU)
def test_palepu_worked_examples(groups, ln_vals, log2_vals):
    values, mapping = [], {}
    for g, members in enumerate(groups):
        for k, v in enumerate(members):
            name = f"g{g}_{k}"
            mapping[name] = f"G{g}"
            values.append(v)
    x = pd.DataFrame([values], index=["firm"], columns=list(mapping))
    for base, expected in ((np.e, ln_vals), (2, log2_vals)):
        got = related_unrelated_variety(x, level=mapping, base=base).iloc[0]
        np.testing.assert_allclose(got[["total", "related", "unrelated"]].to_numpy(),
                                   expected, atol=5e-4 + 1e-12)


def test_entropy_hand_case():
    # shares 1/2, 1/4, 1/4 -> 1.5 bits; ln: 1.5 ln 2
    x = pd.DataFrame([[2, 1, 1]])
    assert entropy(x).iloc[0] == pytest.approx(1.5, abs=1e-15)
    assert entropy(x, base=np.e).iloc[0] == pytest.approx(1.5 * np.log(2), abs=1e-15)
    assert entropy(x, base=10).iloc[0] == pytest.approx(1.5 * np.log10(2), abs=1e-15)


# --------------------------------------------------------------------------- peer references
@pytest.mark.parametrize("base, fname", [(2, "reks_entropy_theil_decomp_log2.csv"),
                                         (np.e, "reks_entropy_theil_decomp_ln.csv")])
def test_reks_theil_decomposition(toy, base, fname):
    ref = read_ref(fname)
    got = related_unrelated_variety(toy, base=base).loc[ref.index]
    np.testing.assert_allclose(got["total"], ref["entropy"], atol=TOL, rtol=0)
    np.testing.assert_allclose(got["unrelated"], ref["entropy_between"], atol=TOL, rtol=0)
    np.testing.assert_allclose(got["related"], ref["entropy_within"], atol=TOL, rtol=0)


def test_formula_frenken(toy):
    ref = read_ref("formula_frenken_rv_uv_log2.csv")
    got = related_unrelated_variety(toy, level="group").loc[ref.index]
    np.testing.assert_allclose(got["total"], ref["entropy_total_log2"], atol=1e-12, rtol=0)
    np.testing.assert_allclose(got["related"], ref["related_variety_log2"], atol=1e-12, rtol=0)
    np.testing.assert_allclose(got["unrelated"], ref["unrelated_variety_log2"], atol=1e-12,
                               rtol=0)


@pytest.mark.parametrize("base, fname", [(2, "econcomplex_shannon_entropy_log2.csv"),
                                         (np.e, "econcomplex_shannon_entropy_ln.csv")])
def test_econcomplex_entropy(toy, base, fname):
    ref = read_ref(fname)["entropy"]
    got = entropy(toy, base=base).loc[ref.index]
    np.testing.assert_allclose(got, ref, atol=1e-12, rtol=0)


def test_econgeo_entropy_without_its_rounding_and_offset(toy):
    """EconGeo returns round(-sum(p * log2(p + 1e-9)), 3). We agree within the rounding but
    compute the exact entropy: no 3-decimal rounding and no 1e-9 inside the logarithm."""
    ref = read_ref("econgeo_entropy_log2.csv")["entropy"]
    got = entropy(toy).loc[ref.index]
    assert np.abs(got - ref).max() <= 5e-4 + 1e-12
    assert not np.allclose(got, got.round(3), atol=1e-6, rtol=0)  # not rounded
    p = toy.values[0] / toy.values[0].sum(axis=1, keepdims=True)
    econgeo_formula = -(p * np.log2(p + 1e-9)).sum(axis=1)
    exact = -(np.where(p > 0, p * np.log2(np.where(p > 0, p, 1)), 0)).sum(axis=1)
    np.testing.assert_allclose(got.to_numpy(), exact, atol=1e-14, rtol=0)
    assert np.abs(got.to_numpy() - econgeo_formula).min() > 1e-10  # offset not copied


# --------------------------------------------------------------------------- multi-level
def three_level_hierarchy():
    inds = [f"i{k}" for k in range(8)]
    h = pd.DataFrame({
        "d3": ["011", "011", "012", "021", "021", "022", "031", "031"],
        "d2": ["01", "01", "01", "02", "02", "02", "03", "03"],
        "d1": ["A", "A", "A", "A", "A", "A", "B", "B"],
    }, index=inds)
    return inds, h


def test_multilevel_hand_case():
    inds, h = three_level_hierarchy()
    x = np.array([[8, 8, 16, 4, 4, 8, 12, 4]], dtype=float)  # total 64
    p = make_panel(x, inds, h)
    got = variety_decomposition(p).iloc[0]
    assert list(got.index) == ["total", "between", "within_d1", "within_d2", "within_d3"]
    s = x[0] / 64

    def H(v):
        v = np.asarray(v, float)
        v = v[v > 0] / v.sum()
        return -(v * np.log2(v)).sum()
    # between: A = 48/64, B = 16/64
    assert got["between"] == pytest.approx(H([48, 16]), abs=1e-14)
    # within d1: 01 (32) and 02 (16) inside A; 03 alone in B
    assert got["within_d1"] == pytest.approx(48 / 64 * H([32, 16]), abs=1e-14)
    # within d2: 011 (16) / 012 (16) in 01; 021 (8) / 022 (8) in 02; 031 alone in 03
    assert got["within_d2"] == pytest.approx(32 / 64 * 1 + 16 / 64 * 1, abs=1e-14)
    # within d3: i0/i1 in 011 (1 bit), i3/i4 in 021 (1 bit), i6/i7 (12:4) in 031
    assert got["within_d3"] == pytest.approx(16 / 64 + 8 / 64 + 16 / 64 * H([12, 4]),
                                             abs=1e-14)
    assert got["total"] == pytest.approx(H(s), abs=1e-14)
    assert got.drop("total").sum() == pytest.approx(got["total"], abs=1e-13)


def test_one_level_equals_rv_uv(toy):
    dec = variety_decomposition(toy)
    rv = related_unrelated_variety(toy)
    np.testing.assert_allclose(dec["between"], rv["unrelated"], atol=1e-13, rtol=0)
    np.testing.assert_allclose(dec["within_group"], rv["related"], atol=1e-13, rtol=0)


def test_levels_subset_and_order():
    inds, h = three_level_hierarchy()
    p = make_panel(np.arange(1, 9, dtype=float)[None], inds, h)
    a = variety_decomposition(p, levels=["d1", "d3"])
    b = variety_decomposition(p, levels=["d3", "d1"])
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["total", "between", "within_d1", "within_d3"]
    rv = related_unrelated_variety(p, level="d1")
    np.testing.assert_allclose(a["between"], rv["unrelated"], atol=1e-13)
    np.testing.assert_allclose(a["within_d1"] + a["within_d3"], rv["related"], atol=1e-13)


def test_not_nested_raises():
    inds = ["a", "b", "c"]
    h = pd.DataFrame({"d2": ["X", "X", "Y"], "d1": ["P", "Q", "Q"]}, index=inds)
    # one nesting rule for the whole package: the panel itself refuses such a hierarchy
    with pytest.raises(PanelError, match="'d2' does not nest in level 'd1'"):
        make_panel([[1.0, 2.0, 3.0]], inds, h)
    # using the single coarse level alone is fine
    p = make_panel([[1.0, 2.0, 3.0]], inds, h[["d1"]])
    assert variety_decomposition(p, levels=["d1"]).shape == (1, 3)


def test_errors():
    x = pd.DataFrame([[1.0, 2.0]])
    with pytest.raises(PanelError, match="no hierarchy"):
        related_unrelated_variety(x)
    with pytest.raises(PanelError, match="no hierarchy"):
        variety_decomposition(x)
    with pytest.raises(PanelError, match="no group"):
        related_unrelated_variety(x, level={0: "a"})
    with pytest.raises(ValueError, match="base"):
        entropy(x, base=1)
    inds, h = three_level_hierarchy()
    p = make_panel(np.ones((1, 8)), inds, h)
    with pytest.raises(PanelError, match="unknown hierarchy level"):
        related_unrelated_variety(p, level="d9")
    with pytest.raises(PanelError, match="unknown hierarchy level"):
        variety_decomposition(p, levels=["d9"])
    assert related_unrelated_variety(p, level=2).equals(related_unrelated_variety(p, level="d1"))


def test_zero_region_and_time_dimension():
    inds, h = three_level_hierarchy()
    vals = np.array([
        [[1, 2, 3, 4, 5, 6, 7, 8], [0] * 8],
        [[8, 0, 0, 0, 0, 0, 0, 0], [1] * 8],
    ], dtype=float)
    p = make_panel(vals, inds, h, times=[2019, 2020])
    e = entropy(p)
    assert e.index.names == ["time", "region"]
    assert np.isnan(e.loc[(2019, "r1")])
    assert e.loc[(2020, "r0")] == 0.0
    assert e.loc[(2020, "r1")] == pytest.approx(3.0, abs=1e-14)
    assert e.drop((2019, "r1")).notna().all()
    rv = related_unrelated_variety(p)
    assert rv.loc[(2019, "r1")].isna().all() and rv.drop((2019, "r1")).notna().all().all()
    dec = variety_decomposition(p)
    assert dec.loc[(2019, "r1")].isna().all() and dec.drop((2019, "r1")).notna().all().all()
    # each period equals the single-period computation
    single = make_panel(vals[1], inds, h)
    np.testing.assert_allclose(dec.loc[2020].to_numpy(), variety_decomposition(single).to_numpy())


# --------------------------------------------------------------------------- properties
@st.composite
def grouped_data(draw):
    n_i = draw(st.integers(2, 8))
    n_r = draw(st.integers(1, 5))
    x = draw(arrays(np.float64, (n_r, n_i), elements=st.integers(0, 50).map(float)))
    x[:, 0] += 1.0  # no empty region
    g2 = draw(st.lists(st.integers(0, 3), min_size=n_i, max_size=n_i))
    g1 = [k // 2 for k in g2]  # nested parent of g2
    inds = [f"i{k}" for k in range(n_i)]
    h = pd.DataFrame({"d2": [f"G{k}" for k in g2], "d1": [f"S{k}" for k in g1]}, index=inds)
    return x, inds, h


@settings(max_examples=40, deadline=None)
@given(grouped_data())
def test_identities(args):
    x, inds, h = args
    p = make_panel(x, inds, h)
    rv = related_unrelated_variety(p)
    np.testing.assert_allclose(rv["related"] + rv["unrelated"], rv["total"], atol=1e-12)
    np.testing.assert_allclose(rv["total"], entropy(p), atol=1e-12)
    n_groups = h["d2"].nunique()
    assert (rv["unrelated"] >= -1e-12).all()
    assert (rv["unrelated"] <= np.log2(n_groups) + 1e-12).all()
    assert (rv["related"] >= -1e-12).all()
    dec = variety_decomposition(p)
    np.testing.assert_allclose(dec.drop(columns="total").sum(axis=1), dec["total"], atol=1e-12)
    assert (dec >= -1e-12).all().all()


@settings(max_examples=30, deadline=None)
@given(grouped_data(), st.floats(0.01, 1000), st.randoms(use_true_random=False))
def test_permutation_and_scaling_invariance(args, factor, rnd):
    x, inds, h = args
    base = variety_decomposition(make_panel(x, inds, h), base=np.e)
    scaled = variety_decomposition(make_panel(x * factor, inds, h), base=np.e)
    np.testing.assert_allclose(scaled.to_numpy(), base.to_numpy(), atol=1e-12)
    perm = list(range(len(inds)))
    rnd.shuffle(perm)
    inds_p = [inds[k] for k in perm]
    permuted = variety_decomposition(make_panel(x[:, perm], inds_p, h.loc[inds_p]), base=np.e)
    np.testing.assert_allclose(permuted.to_numpy(), base.to_numpy(), atol=1e-12)
    rows = list(range(x.shape[0]))[::-1]
    flipped = variety_decomposition(make_panel(x[rows], inds, h), base=np.e)
    np.testing.assert_allclose(flipped.to_numpy()[::-1], base.to_numpy(), atol=1e-12)


def test_zero_region_wide_dataframe():
    # an all-zero region is NaN and only that region
    x = pd.DataFrame([[1.0, 1.0], [0.0, 0.0]])
    out = quiet(entropy, x)
    assert out.iloc[0] == 1.0 and np.isnan(out.iloc[1])
