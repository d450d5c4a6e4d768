"""The named steps of the long loaders and of Panel.from_long, on small hand-made tables.

Each step is reachable on its own, so its rule can be checked without the upstream files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion import DroppedDataWarning, PanelError
from smartregion import panel as pn
from smartregion.datasets import jp_census as jc
from smartregion.datasets import jp_manufactures as jm
from smartregion.panel import SmartRegionWarning


# ----------------------------------------------------------------- Panel.from_long steps
def test_long_values_drop_keeps_mask_and_counts():
    df = pd.DataFrame({"r": ["a", "b", "c"], "i": ["x", "x", "x"], "v": [1.0, np.nan, 3.0]})
    v, keep, n_nan = pn._long_values(df, ["r", "i"], "v", "drop")
    assert n_nan == 1
    assert keep.tolist() == [True, False, True]
    assert v.tolist() == [1.0, 3.0]
    v0, keep0, _ = pn._long_values(df, ["r", "i"], "v", "zero")
    assert keep0 is None and v0.tolist() == [1.0, 0.0, 3.0]


def test_long_values_refuses_negative_with_the_row():
    df = pd.DataFrame({"r": ["a", "b"], "i": ["x", "x"], "v": [1.0, -2.0]})
    with pytest.raises(PanelError, match="negative"):
        pn._long_values(df, ["r", "i"], "v", "raise")


def test_flat_cell_index_by_hand():
    # regions sorted (a, b), industries sorted (x, y, z): cell = r * 3 + i
    df = pd.DataFrame({"r": ["b", "a", "b"], "i": ["z", "y", "x"], "v": [1, 2, 3]})
    flat, labels, lost = pn._flat_cell_index(
        df, ["r", "i"], "v", None, roles=(("time", None), ("region", "r"), ("industry", "i")),
        strip_labels=True)
    assert flat.tolist() == [1 * 3 + 2, 0 * 3 + 1, 1 * 3 + 0]
    assert labels["region"].tolist() == ["a", "b"] and labels["time"] is None
    assert lost == ""


def test_flat_cell_index_names_regions_lost_to_dropping():
    df = pd.DataFrame({"r": ["a", "b"], "i": ["x", "x"], "v": [1.0, np.nan]})
    keep = np.array([True, False])
    flat, labels, lost = pn._flat_cell_index(
        df, ["r", "i"], "v", keep, roles=(("region", "r"), ("industry", "i")),
        strip_labels=True)
    assert flat.tolist() == [0] and labels["region"].tolist() == ["a"]
    assert "['b']" in lost


def test_scatter_cells_sums_repeated_keys_and_warns():
    df = pd.DataFrame({"r": ["a", "a", "b"], "v": [1.0, 2.0, 5.0]})
    flat = np.array([1, 1, 0])  # not sorted: the one-byte mark path
    with pytest.warns(DroppedDataWarning, match="2 rows shared"):
        arr = pn._scatter_cells(flat, df["v"].to_numpy(), 3, df, ["r"], "v", None,
                                duplicates="sum", strip_labels=True)
    assert arr.tolist() == [5.0, 3.0, 0.0]
    with pytest.raises(PanelError, match="duplicate keys"):
        pn._scatter_cells(flat, df["v"].to_numpy(), 3, df, ["r"], "v", None,
                          duplicates="raise", strip_labels=True)


# ----------------------------------------------------------------- 2014 census steps
def _census_frames(child_b_emp: float, child_b_est: float):
    cols = ["851", "852", "85A", "85B"]
    emp = pd.DataFrame([[10.0, 6.0, 4.0, child_b_emp]], index=["26000"], columns=cols)
    est = pd.DataFrame([[3.0, 2.0, 1.0, child_b_est]], index=["26000"], columns=cols)
    return emp, est


def test_letter_codes_that_add_up_are_splits():
    emp, est = _census_frames(2.0, 1.0)  # 4 + 2 = 6 persons, 1 + 1 = 2 establishments
    splits, standalone, deviation = jc._letter_code_sets(emp, est)
    assert splits == {"852": ["85A", "85B"]} and standalone == [] and deviation == {}


def test_letter_codes_that_add_up_in_neither_measure_are_groups():
    emp, est = _census_frames(5.0, 4.0)  # deviations 3 persons, 3 establishments
    splits, standalone, deviation = jc._letter_code_sets(emp, est)
    assert splits == {} and standalone == ["85A", "85B"]
    assert deviation["852"]["persons_engaged"] == 3.0
    assert deviation["852"]["establishments"] == 3.0


def test_letter_codes_that_add_up_in_one_measure_only_raise():
    emp, est = _census_frames(2.0, 4.0)
    with pytest.raises(ValueError, match="one measure but not the other"):
        jc._letter_code_sets(emp, est)


def test_measure_tables_read_lower_case_semp_column():
    base = pd.DataFrame({"SEmp_981": [1], "Semp_982": [2], "SFirm_981": [3], "SFirm_982": [4]},
                        index=pd.Index(["00000"], name="AreaID"))
    emp, est, renamed = jc._measure_tables(base)
    assert renamed == {"Semp_982": "SEmp_982"}
    assert emp.loc["00000"].tolist() == [1.0, 2.0] and list(est.columns) == ["981", "982"]


# ----------------------------------------------------------------- manufactures steps
def test_check_arguments_leaves_out_bad_value_added_year():
    with pytest.warns(SmartRegionWarning, match="not available"):
        years, prefs, report = jm._check_arguments("value_added", None, "city", 26, None, 2020)
    assert years == list(range(2001, 2012)) and prefs == {26}
    assert list(report["years_left_out"]) == [2012]
    with pytest.raises(ValueError, match="not value added"):
        jm._check_arguments("value_added", [2011, 2012], "city", None, None, 2020)


def _long():
    return pd.DataFrame({"year": [2010] * 4, "region": ["A", "A", "B", "B"],
                         "industry": ["g1", "g2", "g1", "g2"], "value": [5.0, np.nan, 2.0, 3.0]})


def test_suppression_policy_zero_and_drop_count_what_they_do():
    with pytest.warns(DroppedDataWarning, match="1 suppressed"):
        work, policy = jm._apply_suppression_policy(_long(), [], "zero", "employees")
    assert work["value"].tolist() == [5.0, 0.0, 2.0, 3.0] and policy["cells_set_to_zero"] == 1
    with pytest.warns(DroppedDataWarning, match="1 of 2 regions"):
        work, policy = jm._apply_suppression_policy(_long(), [], "drop", "employees")
    assert set(work["region"]) == {"B"} and policy["regions_dropped"] == ["A"]


def test_suppression_policy_default_builds_no_panel_and_raise_raises():
    with pytest.warns(SmartRegionWarning, match="no panel was built"):
        work, policy = jm._apply_suppression_policy(_long(), [], None, "employees")
    assert work is None and policy["suppressed_cells"] == 1
    with pytest.raises(PanelError, match="suppressed"):
        jm._apply_suppression_policy(_long(), [], "raise", "employees")
    # leaving out the region without detail leaves nothing suppressed: no warning needed
    with pytest.warns(DroppedDataWarning, match="lack industry detail"):
        work, policy = jm._apply_suppression_policy(_long(), ["A"], None, "employees")
    assert set(work["region"]) == {"B"} and policy["suppressed_cells"] == 0


def test_detail_coverage_by_hand():
    # region R: municipality 1 with detail (90 persons), 2 without (10 persons) -> 10% undetailed
    total = pd.DataFrame({"year": [2010, 2010], "region": ["R", "R"], "id_muni": [1, 2],
                          "num_estb": [9.0, 1.0], "emp": [90.0, 10.0], "code": [0, 0]})
    detail = pd.DataFrame({"year": [2010], "region": ["R"], "id_muni": [1], "code": [9],
                           "num_estb": [9.0], "emp": [90.0]})
    cov, totals = jm._detail_coverage(detail, total, "emp", 0.2)
    row = cov.iloc[0]
    assert row["undetailed_share"] == pytest.approx(0.1)
    assert row["coverage"] == "partial" and row["components_without_detail"] == "00002"
    assert row["total"] == 100.0 and totals["value"].tolist() == [100.0]
    cov, _ = jm._detail_coverage(detail, total, "emp", 0.05)
    assert cov["coverage"].tolist() == ["insufficient"]


def test_suppression_counts_by_year_variable_and_marker():
    pub = pd.DataFrame({"year": [2001, 2001, 2002], "unit_type": ["municipality"] * 3})
    for c in jm.MEASURES.values():
        pub[f"status_{c}"] = "reported"
    pub.loc[0, "status_emp"] = "X"
    pub.loc[1, "status_emp"] = "-"
    pub.loc[2, "status_va"] = "blank"
    supp, report = jm._suppression_counts(pub)
    assert report["suppressed_cells"] == {2001: {"emp": 2}, 2002: {"va": 1}}
    assert sorted(supp["marker"]) == ["-", "X", "blank"]
