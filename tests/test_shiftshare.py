"""Tests of smartregion.shiftshare: hand cases, exact additivity, zero safety, peer values.

Reference files are in tests/reference/structure (see PROVENANCE.md there).
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
from smartregion.shiftshare import shift_share

REF = Path(__file__).parent / "reference" / "structure"
DUNN = ["national_share", "industry_mix", "regional_share"]
EM_SPLIT = ["competitive_effect", "allocation_effect", "entry"]


def quiet_panel(values, regions, industries, times=None) -> Panel:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return Panel(np.asarray(values, float), regions, industries, times)


@pytest.fixture(scope="module")
def toy() -> Panel:
    long = pd.concat([pd.read_csv(REF / "toy_panel_2015.csv"),
                      pd.read_csv(REF / "toy_panel.csv")], ignore_index=True)
    with pytest.warns(ZeroLineWarning, match="I15"):
        return Panel.from_long(long, value="employment", time="year")


@pytest.fixture(scope="module")
def toy_no15(toy: Panel) -> Panel:
    return toy.select(industries=[i for i in toy.industries if i != "I15"])


def ref(name: str) -> pd.DataFrame:
    return pd.read_csv(REF / name, index_col=0)


# --------------------------------------------------------------------------- hand cases
def test_dunn_hand_case():
    # g = 50/40 - 1 = 1/4; g_i = 0, g_j = 1
    t0 = quiet_panel([[10, 10], [20, 0]], ["a", "b"], ["i", "j"])
    t1 = quiet_panel([[12, 15], [18, 5]], ["a", "b"], ["i", "j"])
    out = shift_share(t0, t1, by="cell")
    expected = pd.DataFrame(
        {"national_share": [2.5, 2.5, 5.0, 0.0],
         "industry_mix": [-2.5, 7.5, -5.0, 0.0],
         # a,i: 10 (0.2 - 0); a,j: 10 (0.5 - 1); b,i: 20 (-0.1 - 0); b,j is an entry: 5
         "regional_share": [2.0, -5.0, -2.0, 5.0]},
        index=out.index)
    pd.testing.assert_frame_equal(out[DUNN], expected)
    np.testing.assert_array_equal(out["change"], [2, 5, -2, 5])
    by_region = shift_share(t0, t1)
    np.testing.assert_allclose(by_region[DUNN].to_numpy(), [[5, 5, -3], [5, -5, 3]])


def test_esteban_marquillas_hand_case():
    t0 = quiet_panel([[10, 10], [20, 0]], ["a", "b"], ["i", "j"])
    t1 = quiet_panel([[12, 15], [18, 5]], ["a", "b"], ["i", "j"])
    out = shift_share(t0, t1, method="esteban-marquillas", by="cell")
    # homothetic e^_ri = E_r * E_i / E: a -> 20 * (30, 10) / 40 = (15, 5); b -> 20 * ... = (15, 5)
    np.testing.assert_allclose(out["homothetic"], [15, 5, 15, 5])
    # g_ri - g_i: a,i 0.2; a,j -0.5; b,i -0.1; b,j undefined (zero base) -> 0, change is entry
    np.testing.assert_allclose(out["competitive_effect"], [3.0, -2.5, -1.5, 0.0])
    np.testing.assert_allclose(out["allocation_effect"], [-1.0, -2.5, -0.5, 0.0])
    np.testing.assert_allclose(out["entry"], [0, 0, 0, 5])
    np.testing.assert_allclose(out[EM_SPLIT].sum(axis=1), out["regional_share"])
    # the classic columns are the same as with Dunn
    pd.testing.assert_frame_equal(out[DUNN], shift_share(t0, t1, by="cell")[DUNN])


# --------------------------------------------------------------------------- peers
def test_dunn_matches_explicit_zero_safe_formula(toy, toy_no15):
    formula = ref("formula_shift_dunn_zero_safe_noI15.csv")
    for panel in (toy_no15, toy):  # I15 is zero in both years, so it changes nothing
        out = shift_share(panel, start_time=2015, end_time=2020)
        np.testing.assert_allclose(out["change"], formula["growth"], rtol=0, atol=1e-10)
        for col in DUNN:
            np.testing.assert_allclose(out[col], formula[col], rtol=0, atol=1e-10)
        np.testing.assert_allclose(out[DUNN].sum(axis=1), formula["growth"], rtol=0, atol=1e-10)


def test_reat_dunn_agrees_where_defined_and_we_are_not_nan(toy_no15):
    reat = ref("reat_shift_dunn_by_region_noI15.csv")
    out = shift_share(toy_no15, start_time=2015, end_time=2020)
    np.testing.assert_allclose(out["change"], reat["Growth (t1-t)"], atol=1e-10)
    np.testing.assert_allclose(out["national_share"], reat["National share"], atol=1e-10)
    np.testing.assert_allclose(out["industry_mix"], reat["Industrial mix"], atol=1e-10)
    np.testing.assert_allclose(out["industry_mix"] + out["regional_share"],
                               reat["Net total shift"], atol=1e-10)
    # REAT evaluates 0 * (0/0) in regions with a zero cell (all of them here): NaN. A cell with
    # nothing in either year has no competitive effect, so the regional share must be finite.
    assert reat["Regional share"].isna().all()
    assert out["regional_share"].notna().all()


def test_reat_esteban_marquillas_agrees_where_defined_and_we_are_not_nan(toy_no15):
    reat = ref("reat_shift_esteban_by_region_noI15.csv")
    out = shift_share(toy_no15, start_time=2015, end_time=2020, method="esteban-marquillas")
    np.testing.assert_allclose(out["national_share"], reat["National share"], atol=1e-10)
    np.testing.assert_allclose(out["industry_mix"], reat["Industrial mix"], atol=1e-10)
    assert reat[["Regional share", "Allocation effect"]].isna().all().all()
    assert out.notna().all().all()
    assert (out["entry"] == 0).all()  # same zero pattern in both years: no entries
    np.testing.assert_allclose(out[EM_SPLIT].sum(axis=1), out["regional_share"], atol=1e-10)
    np.testing.assert_allclose(out["homothetic"], out["start"])  # sums to the region total


# --------------------------------------------------------------------------- input forms
def test_two_panels_equal_one_panel_with_two_periods(toy):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        start = toy.select(times=[2015])
        end = toy.select(times=[2020])
    a = shift_share(toy, start_time=2015, end_time=2020)
    b = shift_share(start, end, start_time=2015, end_time=2020)
    pd.testing.assert_frame_equal(a, b)
    wide0 = pd.DataFrame(toy.values[0], index=toy.regions, columns=toy.industries)
    wide1 = pd.DataFrame(toy.values[1], index=toy.regions, columns=toy.industries)
    with pytest.warns(ZeroLineWarning):
        c = shift_share(wide0, wide1)
    pd.testing.assert_frame_equal(a, c)


def test_end_panel_in_another_label_order_is_aligned():
    t0 = quiet_panel([[10, 10], [20, 0]], ["a", "b"], ["i", "j"])
    t1 = quiet_panel([[5, 18], [15, 12]], ["b", "a"], ["j", "i"])  # = [[12, 15], [18, 5]]
    t1_sorted = quiet_panel([[12, 15], [18, 5]], ["a", "b"], ["i", "j"])
    pd.testing.assert_frame_equal(shift_share(t0, t1, by="cell"),
                                  shift_share(t0, t1_sorted, by="cell"))


def test_label_mismatch_raises_and_names_labels():
    t0 = quiet_panel([[1, 1], [1, 1]], ["a", "b"], ["i", "j"])
    t1 = quiet_panel([[1, 1], [1, 1]], ["a", "c"], ["i", "j"])
    with pytest.raises(PanelError, match=r"region labels differ: \['b'\].*\['c'\]"):
        shift_share(t0, t1)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({}, "name both periods"),
        ({"start_time": 2015}, "name both periods"),
        ({"start_time": 2015, "end_time": 2099}, r"end_time=2099 is not a period"),
        ({"start_time": 2015, "end_time": 2020, "method": "classic"}, "method"),
        ({"start_time": 2015, "end_time": 2020, "by": "industry"}, "by must be"),
    ],
)
def test_bad_arguments_raise(toy, kwargs, match):
    with pytest.raises((PanelError, ValueError), match=match):
        shift_share(toy, **kwargs)


def test_multi_period_end_panel_needs_a_time(toy):
    with pytest.warns(ZeroLineWarning):
        start = toy.select(times=[2015])
    with pytest.raises(PanelError, match="name the one to use with end_time"):
        shift_share(start, toy, start_time=2015)


# --------------------------------------------------------------------------- properties
@st.composite
def two_periods(draw):
    r = draw(st.integers(1, 6))
    i = draw(st.integers(1, 6))
    vals = draw(arrays(np.float64, (2, r, i), elements=st.sampled_from([0.0, 0.0, 1.0, 3.0,
                                                                        17.0, 250.5, 1e4])))
    return quiet_panel(vals, [f"r{k}" for k in range(r)], [f"i{k}" for k in range(i)],
                       ["t0", "t1"])


@settings(max_examples=80, deadline=None)
@given(two_periods(), st.sampled_from(["dunn", "esteban-marquillas"]))
def test_components_add_up_to_the_change_and_are_never_nan(p, method):
    cells = shift_share(p, start_time="t0", end_time="t1", method=method, by="cell")
    assert np.isfinite(cells.to_numpy()).all()
    scale = 1e-12 * max(1.0, float(p.values.sum()))
    change = (p.values[1] - p.values[0]).reshape(-1)
    np.testing.assert_array_equal(cells["change"], change)
    np.testing.assert_allclose(cells[DUNN].sum(axis=1), change, rtol=0, atol=scale)
    zero_base = p.values[0].reshape(-1) == 0
    assert (cells.loc[zero_base, ["national_share", "industry_mix"]] == 0).all().all()
    if method == "esteban-marquillas":
        np.testing.assert_allclose(cells[EM_SPLIT].sum(axis=1), cells["regional_share"],
                                   rtol=0, atol=scale)
        np.testing.assert_array_equal(cells["entry"], np.where(zero_base,
                                                               p.values[1].reshape(-1), 0))
    regions = shift_share(p, start_time="t0", end_time="t1", method=method)
    pd.testing.assert_frame_equal(regions, cells.groupby(level="region").sum(),
                                  check_names=False, rtol=1e-12, atol=scale)


@settings(max_examples=60, deadline=None)
@given(two_periods())
def test_national_identities(p):
    cells = shift_share(p, start_time="t0", end_time="t1", by="cell")
    e0, e1 = p.values
    by_ind = cells.groupby(level="industry", sort=False).sum()
    scale = 1e-12 * max(1.0, float(p.values.sum()))
    present = e0.sum(axis=0) > 0
    if e0.sum() > 0:
        g = e1.sum() / e0.sum() - 1
        np.testing.assert_allclose(cells["national_share"].sum(), e0.sum() * g, atol=scale)
        # sum_i E_i (g_i - g) = (E^1 - E^0) - E^0 g = 0, less what industries absent in the
        # base period gained (their mix effect is 0, their growth is all regional)
        np.testing.assert_allclose(cells["industry_mix"].sum(),
                                   -e1.sum(axis=0)[~present].sum(), atol=scale)
    else:  # nothing to grow from: every unit of the end period is an entry
        assert (cells[["national_share", "industry_mix"]] == 0).all().all()
    # regional shifts cancel nationally in every industry present in the base period
    np.testing.assert_allclose(by_ind["regional_share"].to_numpy()[present], 0.0, atol=scale)
    # in an industry absent in the base period, all growth is regional (entries)
    np.testing.assert_allclose(by_ind["regional_share"].to_numpy()[~present],
                               e1.sum(axis=0)[~present], atol=scale)


# --------------------------------------------------------------------------- zero-start cells
def test_zero_start_conventions_by_hand():
    """An entry (a cell that starts at 0): regional share by default, textbook 0 on request.

    National growth g = 40/35 - 1 = 1/7; industry growth g_i = 0 and 1. Region a has 10 -> 12
    in i (regional share 12 - 10 * (1 + 0) = 2) and enters j with 4.
    """
    t0 = pd.DataFrame([[10, 0], [20, 5]], index=["a", "b"], columns=["i", "j"])
    t1 = pd.DataFrame([[12, 4], [18, 6]], index=["a", "b"], columns=["i", "j"])
    default = shift_share(t0, t1)
    textbook = shift_share(t0, t1, zero_start="textbook")
    assert default.loc["a", "national_share"] == pytest.approx(10 / 7)
    assert default.loc["a", "industry_mix"] == pytest.approx(-10 / 7)
    assert default.loc["a", "regional_share"] == pytest.approx(2 + 4)
    assert textbook.loc["a", "regional_share"] == pytest.approx(2)
    assert textbook.loc["a", "unallocated_entry"] == pytest.approx(4)
    assert "unallocated_entry" not in default.columns
    parts = ["national_share", "industry_mix", "regional_share"]
    np.testing.assert_allclose(default[parts].sum(axis=1), default["change"])
    np.testing.assert_allclose(textbook[parts + ["unallocated_entry"]].sum(axis=1),
                               textbook["change"])
    # region b has no entry: both conventions agree
    pd.testing.assert_series_equal(default.loc["b"], textbook.loc["b", default.columns])
    with pytest.raises(ValueError, match="zero_start"):
        shift_share(t0, t1, zero_start="reat")


def test_textbook_convention_matches_the_explicit_formula_reference(toy):
    """The toy panel has no entries, so the textbook option reproduces the formula file too."""
    formula = ref("formula_shift_dunn_zero_safe_noI15.csv")
    out = shift_share(toy, start_time=2015, end_time=2020, zero_start="textbook")
    for col in DUNN:
        np.testing.assert_allclose(out[col], formula[col], rtol=0, atol=1e-10)
    assert (out["unallocated_entry"] == 0).all()
