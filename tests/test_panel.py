"""Tests of the Panel: validation messages, explicit policies, round trips, transformations."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartregion.panel import (
    DroppedDataWarning,
    LabelWarning,
    Panel,
    PanelError,
    ZeroLineWarning,
    as_panel,
)


@pytest.fixture
def long() -> pd.DataFrame:
    return pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y", "x", "y"],
                         "emp": [1.0, 2.0, 3.0, 4.0]})


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return fn(*args, **kwargs)


# --------------------------------------------------------------------------- from_long errors
def test_missing_column_is_named_with_the_fix(long):
    with pytest.raises(PanelError, match=r"\['employment'\] not found.*value=<column>"):
        Panel.from_long(long, value="employment")
    with pytest.raises(PanelError, match=r"\['year'\] not found.*time=<column>"):
        Panel.from_long(long, value="emp", time="year")
    with pytest.raises(PanelError, match=r"\['sector'\].*industry=<column>"):
        Panel.from_long(long, value="emp", industry="sector")


def test_non_numeric_values_are_refused_and_shown(long):
    long["emp"] = ["1", "lots", "3", "4"]
    with pytest.raises(PanelError, match=r"(?s)'emp' has non-numeric values.*lots"):
        Panel.from_long(long, value="emp")


def test_numeric_strings_are_converted(long):
    long["emp"] = ["1", "2", "3", "4.5"]
    p = Panel.from_long(long, value="emp")
    assert p.values[0, 1, 1] == 4.5


def test_negative_values_are_refused_and_shown(long):
    long.loc[2, "emp"] = -3.0
    with pytest.raises(PanelError, match=r"(?s)'emp' has negative values.*B\s+x\s+-3"):
        Panel.from_long(long, value="emp")


def test_infinite_values_are_refused(long):
    long.loc[0, "emp"] = np.inf
    with pytest.raises(PanelError, match="'emp' has infinite values"):
        Panel.from_long(long, value="emp")


def test_nan_values_raise_by_default_and_name_the_policies(long):
    long.loc[1, "emp"] = np.nan
    with pytest.raises(PanelError, match=r"(?s)'emp' has missing values.*missing='zero'.*"
                                         r"missing='drop'"):
        Panel.from_long(long, value="emp")


def test_nan_values_set_to_zero_are_counted(long):
    long.loc[1, "emp"] = np.nan
    with pytest.warns(DroppedDataWarning, match=r"1 row\(s\) with missing 'emp' were set to 0"):
        p = Panel.from_long(long, value="emp", missing="zero")
    np.testing.assert_array_equal(p.values[0], [[1, 0], [3, 4]])


def test_nan_values_dropped_are_counted_and_labels_survive_only_if_present(long):
    long.loc[[0, 1], "emp"] = np.nan
    with pytest.warns(DroppedDataWarning, match=r"2 row\(s\) with missing 'emp' were dropped"):
        p = Panel.from_long(long, value="emp", missing="drop")
    assert p.regions.tolist() == ["B"]  # region A had only missing rows


def test_all_rows_dropped_gives_an_empty_panel_error(long):
    long["emp"] = np.nan
    with pytest.warns(DroppedDataWarning), pytest.raises(PanelError, match="empty"):
        Panel.from_long(long, value="emp", missing="drop")


def test_missing_key_labels_are_refused(long):
    long.loc[0, "region"] = None
    with pytest.raises(PanelError, match="key column 'region' has missing labels"):
        Panel.from_long(long, value="emp")


def test_duplicate_keys_raise_and_show_rows(long):
    dup = pd.concat([long, long.iloc[[3]]], ignore_index=True)
    with pytest.raises(PanelError, match=r"(?s)duplicate keys \['region', 'industry'\].*"
                                         r"2 row\(s\).*duplicates='sum'"):
        Panel.from_long(dup, value="emp")


def test_duplicate_keys_summed_on_request_and_counted(long):
    dup = pd.concat([long, long.iloc[[3]]], ignore_index=True)
    with pytest.warns(DroppedDataWarning, match="2 rows shared their keys"):
        p = Panel.from_long(dup, value="emp", duplicates="sum")
    np.testing.assert_array_equal(p.values[0], [[1, 2], [3, 8]])


def test_same_key_in_different_periods_is_not_a_duplicate(long):
    two = pd.concat([long.assign(year=2015), long.assign(year=2020)], ignore_index=True)
    p = Panel.from_long(two, value="emp", time="year")
    assert p.shape == (2, 2, 2) and p.times.tolist() == [2015, 2020]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"missing": "fill"}, "missing must be"),
    ({"duplicates": "first"}, "duplicates must be"),
])
def test_unknown_policy_is_refused(long, kwargs, match):
    with pytest.raises(PanelError, match=match):
        Panel.from_long(long, value="emp", **kwargs)


def test_empty_table_and_non_dataframe_are_refused(long):
    with pytest.raises(PanelError, match="the table is empty"):
        Panel.from_long(long.iloc[:0], value="emp")
    with pytest.raises(PanelError, match="needs a pandas DataFrame"):
        Panel.from_long(long.to_dict(), value="emp")


def test_industries_missing_from_hierarchy_are_named(long):
    with pytest.raises(PanelError, match=r"missing from the hierarchy, e.g. \['y'\]"):
        Panel.from_long(long, value="emp", hierarchy={"x": "G"})


def test_hierarchy_without_parent_is_named(long):
    h = pd.DataFrame({"l1": {"x": "G", "y": None}})
    with pytest.raises(PanelError, match=r"level 'l1' has no parent for industries \['y'\]"):
        Panel.from_long(long, value="emp", hierarchy=h)


# --------------------------------------------------------------------------- zero lines
def test_all_zero_region_warns_and_names_it(long):
    long.loc[long.region == "A", "emp"] = 0.0
    with pytest.warns(ZeroLineWarning, match=r"1 region\(s\) are all zero.*\['A'\]"):
        Panel.from_long(long, value="emp")


def test_all_zero_industry_warns_and_names_it(long):
    long.loc[long.industry == "y", "emp"] = 0.0
    with pytest.warns(ZeroLineWarning, match=r"1 industr\(y/ies\) are all zero.*\['y'\]"):
        p = Panel.from_long(long, value="emp")
    assert p.industries.tolist() == ["x", "y"]  # kept, not dropped


def test_zero_line_in_one_period_only_warns(long):
    two = pd.concat([long.assign(year=1), long.assign(year=2, emp=[0.0, 0.0, 1.0, 1.0])])
    with pytest.warns(ZeroLineWarning, match=r"\['A'\]"):
        Panel.from_long(two, value="emp", time="year")


def test_no_warning_without_zero_lines(long):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Panel.from_long(long, value="emp")


# --------------------------------------------------------------------------- from_wide / init
def test_from_wide_errors():
    with pytest.raises(PanelError, match=r"column\(s\) \['name'\] are not numeric.*set_index"):
        Panel.from_wide(pd.DataFrame({"x": [1, 2], "name": ["a", "b"]}))
    with pytest.raises(PanelError, match=r"1 cell\(s\) are missing.*rows \[1\].*\['x'\]"):
        Panel.from_wide(pd.DataFrame({"x": [1, np.nan], "y": [1, 2]}))
    with pytest.raises(PanelError, match=r"negative values at \(region, industry\) \[\(0, 'y'\)\]"):
        Panel.from_wide(pd.DataFrame({"x": [1, 2], "y": [-1, 2]}))
    with pytest.raises(PanelError, match="empty"):
        Panel.from_wide(pd.DataFrame())
    with pytest.raises(PanelError, match="2-d"):
        Panel.from_wide(np.ones(3))


def test_from_wide_nan_to_zero_is_counted():
    with pytest.warns(DroppedDataWarning, match=r"1 missing cell\(s\) set to 0"):
        p = Panel.from_wide(pd.DataFrame({"x": [1, np.nan], "y": [1, 2]}), missing="zero")
    assert p.values[0, 1, 0] == 0


def test_direct_construction_checks():
    with pytest.raises(PanelError, match="shape"):
        Panel(np.ones((1, 2, 2)), ["a", "b", "c"], ["x", "y"])
    with pytest.raises(PanelError, match="NaN or infinite"):
        Panel(np.array([[1.0, np.nan]]), ["a"], ["x", "y"])
    with pytest.raises(PanelError, match="negative"):
        Panel(np.array([[1.0, -1.0]]), ["a"], ["x", "y"])
    with pytest.raises(PanelError, match=r"region labels are not unique: \['a'\]"):
        Panel(np.ones((2, 1)), ["a", "a"], ["x"])
    with pytest.raises(PanelError, match="empty"):
        Panel(np.ones((1, 0, 2)), [], ["x", "y"])


def test_as_panel_reads_long_tables_by_their_columns(long):
    assert as_panel(long) == Panel.from_long(long, value="emp")
    other = long.rename(columns={"region": "city", "industry": "sector"})
    with pytest.raises(PanelError, match="Panel.from_long"):
        as_panel(other)
    with pytest.raises(PanelError, match="expected a Panel"):
        as_panel([[1, 2]])
    p = Panel.from_long(long, value="emp")
    assert as_panel(p) is p


def test_as_panel_long_table_with_numeric_codes_is_not_read_as_wide():
    # every column numeric: before, this became a (1, 18, 4) "wide" panel whose industries
    # were named region/industry/year/value
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"region": np.repeat([101, 102, 103], 6),
                       "industry": np.tile([11, 12, 13], 6),
                       "year": np.tile(np.repeat([2010, 2011], 3), 3),
                       "value": rng.integers(1, 9, 18).astype(float)})
    p = as_panel(df)
    assert p.shape == (2, 3, 3)
    assert p.regions.tolist() == [101, 102, 103] and p.times.tolist() == [2010, 2011]
    assert p.values.sum() == df["value"].sum()


# --------------------------------------------------------------------------- labels and names
def test_padding_is_stripped_and_counted():
    df = pd.DataFrame({"region": ["r1", "r1", "r2 "], "industry": [" A01", "B02", "A01"],
                       "value": [1.0, 2.0, 3.0]})
    with pytest.warns(LabelWarning, match=r"industry column 'industry': 1 label\(s\) in 1 row"):
        p = Panel.from_long(df)
    assert p.industries.tolist() == ["A01", "B02"]
    assert p.regions.tolist() == ["r1", "r2"]
    np.testing.assert_array_equal(p.values[0], [[1.0, 2.0], [3.0, 0.0]])
    kept = Panel.from_long(df, strip_labels=False)
    assert kept.industries.tolist() == [" A01", "A01", "B02"]


def test_stripping_that_creates_duplicate_keys_is_refused_with_the_reason():
    df = pd.DataFrame({"region": ["r1", "r1"], "industry": [" A01", "A01"], "value": [1.0, 2.0]})
    with pytest.warns(LabelWarning), pytest.raises(PanelError, match="stripped of spaces"):
        Panel.from_long(df)


def test_case_only_collisions_are_reported_not_merged():
    df = pd.DataFrame({"region": ["r1", "r1", "r2"], "industry": ["a01", "A01", "A01"],
                       "value": [1.0, 2.0, 3.0]})
    with pytest.warns(LabelWarning, match=r"differ only in upper/lower case.*\['A01', 'a01'\]"):
        p = Panel.from_long(df)
    assert p.industries.tolist() == ["A01", "a01"]


def test_code_na_is_a_label_not_missing():
    # Namibia's ISO code; a DataFrame holding the text "NA" keeps it
    df = pd.DataFrame({"region": ["NA", "ZA"], "industry": ["x", "x"], "value": [1.0, 2.0]})
    assert Panel.from_long(df).regions.tolist() == ["NA", "ZA"]


def test_value_column_is_inferred_or_the_candidates_are_named():
    df = pd.DataFrame({"region": ["a", "b"], "industry": ["x", "x"], "persons": [1, 2]})
    p = Panel.from_long(df)
    assert p.value_name == "persons" and p.names["value"] == "persons"
    df["sales"] = [3.0, 4.0]
    with pytest.raises(PanelError, match=r"several numeric columns.*\['persons', 'sales'\]"):
        Panel.from_long(df)
    with pytest.raises(PanelError, match="no value column"):
        Panel.from_long(df[["region", "industry"]])
    with pytest.raises(PanelError, match="used for two roles"):
        Panel.from_long(df, value="region")


def test_results_keep_the_callers_column_names():
    import smartregion as sr

    df = pd.DataFrame({"year": [2010, 2010, 2010, 2011, 2011, 2011],
                       "pref": ["K", "K", "O", "K", "K", "O"],
                       "jsic": ["09", "29", "09", "09", "29", "09"],
                       "persons": [3.0, 1.0, 4.0, 2.0, 2.0, 4.0]})
    p = Panel.from_long(df, region="pref", industry="jsic", time="year")
    lq = sr.to_long(sr.location_quotient(p), value="lq")
    assert lq.columns.tolist() == ["year", "pref", "jsic", "lq"]
    back = df.merge(lq, on=["year", "pref", "jsic"], how="left")
    assert back["lq"].notna().all()
    # hand value: K 09 in 2010 = (3/4) / (7/8)
    assert back.loc[0, "lq"] == pytest.approx((3 / 4) / (7 / 8))
    div = sr.to_long(sr.diversity(p))
    assert div.columns.tolist() == ["year", "pref", "diversity"]
    phi = sr.to_long(sr.proximity(p), value="phi")
    assert phi.columns.tolist() == ["year", "jsic", "jsic_to", "phi"]
    assert len(phi) == 2 * 2 * 2


# --------------------------------------------------------------------------- overflow, ownership
def test_values_whose_totals_overflow_are_refused():
    df = pd.DataFrame({"region": ["a", "a", "b"], "industry": ["x", "y", "x"],
                       "value": [1e308, 1e308, 1.0]})
    with pytest.raises(PanelError, match="total overflows double precision.*Rescale"):
        Panel.from_long(df)


def test_large_but_finite_values_give_finite_location_quotients():
    import smartregion as sr

    big = np.array([[1e300, 3e300], [2e300, 1e300]])
    lq = sr.location_quotient(pd.DataFrame(big))
    small = sr.location_quotient(pd.DataFrame(big / 1e300))
    assert np.isfinite(lq.to_numpy()).all()
    np.testing.assert_allclose(lq.to_numpy(), small.to_numpy(), rtol=1e-12)


def test_panel_values_are_read_only_and_owned():
    arr = np.ones((1, 2, 2))
    p = Panel(arr, ["a", "b"], ["x", "y"])
    arr[0, 0, 0] = 99.0  # the caller's array is not the panel's
    assert p.values[0, 0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        p.values[0, 0, 0] = 5.0
    lq = __import__("smartregion").location_quotient(p)
    lq.iloc[0, 0] = 7.0  # results are the caller's to change
    assert p.values[0, 0, 0] == 1.0


def test_cached_specialisation_matches_a_fresh_computation():
    from smartregion.structure import binary_array, lq_array

    rng = np.random.default_rng(7)
    x = rng.integers(0, 5, (2, 6, 5)).astype(float) + 0.5
    p = Panel(x, list("abcdef"), list("vwxyz"), [1, 2])
    for threshold, strict in ((1.0, False), (1.0, True), (1.3, False)):
        fresh = lq_array(x)
        want = (fresh > threshold) if strict else (fresh >= threshold)
        for _ in range(2):  # first call computes, second comes from the cache
            _, m = binary_array(p, threshold=threshold, strict=strict)
            np.testing.assert_array_equal(m, want.astype(float))
            m[:] = 0.0  # the caller's copy, not the cache


# --------------------------------------------------------------------------- round trip
@st.composite
def long_tables(draw):
    regions = draw(st.lists(st.sampled_from(["R1", "R2", "R3", "Kyoto", "Shenzhen"]),
                            min_size=1, max_size=4, unique=True))
    industries = draw(st.lists(st.integers(100, 999), min_size=1, max_size=4, unique=True))
    times = draw(st.lists(st.integers(1990, 2030), min_size=1, max_size=3, unique=True))
    keys = [(t, r, i) for t in times for r in regions for i in industries]
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))
    values = draw(st.lists(st.floats(0, 1e9, allow_nan=False, allow_infinity=False),
                           min_size=len(chosen), max_size=len(chosen)))
    df = pd.DataFrame(chosen, columns=["year", "reg", "ind"])
    df["jobs"] = values
    return df


@settings(max_examples=60, deadline=None)
@given(long_tables())
def test_long_panel_long_round_trip_is_lossless(df):
    p = quiet(Panel.from_long, df, region="reg", industry="ind", value="jobs", time="year")
    back = p.to_long()
    assert list(back.columns) == ["time", "region", "industry", "jobs"]
    assert len(back) == np.prod(p.shape)
    assert quiet(Panel.from_long, back, value="jobs", time="time") == p
    # every input row is found with its exact value; added rows are zeros
    merged = df.merge(back, left_on=["year", "reg", "ind"],
                      right_on=["time", "region", "industry"], how="left")
    np.testing.assert_array_equal(merged["jobs_x"], merged["jobs_y"])
    assert back["jobs"].sum() == pytest.approx(df["jobs"].sum(), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(long_tables())
def test_round_trip_without_zero_rows_keeps_every_nonzero_value(df):
    p = quiet(Panel.from_long, df, region="reg", industry="ind", value="jobs", time="year")
    back = p.to_long(drop_zeros=True)
    assert (back["jobs"] != 0).all()
    if back.empty:
        assert (p.values == 0).all()
        return
    p2 = quiet(Panel.from_long, back, value="jobs", time="time")
    # labels whose every cell is zero cannot be carried by a table without zero rows
    np.testing.assert_array_equal(
        p2.values,
        quiet(p.select, times=p2.times, regions=p2.regions, industries=p2.industries).values)
    assert p2.values.sum() == pytest.approx(p.values.sum(), rel=1e-12)
    nonzero_r = p.regions[p.values.sum(axis=(0, 2)) > 0]
    assert p2.regions.equals(nonzero_r)


def test_round_trip_without_time(long):
    p = Panel.from_long(long, value="emp")
    back = p.to_long()
    assert "time" not in back.columns
    assert Panel.from_long(back, value="emp") == p
    pd.testing.assert_frame_equal(back, long, check_dtype=False)


# --------------------------------------------------------------------------- transformations
@pytest.fixture
def hpanel() -> Panel:
    values = np.arange(1, 13, dtype=float).reshape(1, 3, 4)
    h = pd.DataFrame({"group": ["G1", "G1", "G2", "G2"], "sector": ["S", "S", "S", "S"]},
                     index=["a", "b", "c", "d"])
    return Panel(values, ["r1", "r2", "r3"], ["a", "b", "c", "d"], hierarchy=h)


def test_aggregate_sums_industries_by_level(hpanel):
    g = hpanel.aggregate("group")
    assert g.industries.tolist() == ["G1", "G2"]
    np.testing.assert_array_equal(g.values[0], [[3, 7], [11, 15], [19, 23]])
    assert g.hierarchy.columns.tolist() == ["sector"]
    assert hpanel.aggregate(0) == g
    top = hpanel.aggregate("sector")
    np.testing.assert_array_equal(top.values[0, :, 0], hpanel.values[0].sum(axis=1))
    assert top.hierarchy is None


def test_aggregate_errors(hpanel):
    with pytest.raises(PanelError, match=r"unknown hierarchy level 'division'.*\['group'"):
        hpanel.aggregate("division")
    with pytest.raises(PanelError, match="position 4 out of range"):
        hpanel.aggregate(4)
    bare = Panel(np.ones((1, 2, 2)), ["r1", "r2"], ["a", "b"])
    with pytest.raises(PanelError, match="no hierarchy"):
        bare.aggregate("group")
    bad = pd.DataFrame({"group": ["G1", "G1"], "sector": ["S", "T"]}, index=["a", "b"])
    # one nesting rule for every door: a non-nested hierarchy is refused when the panel is built
    with pytest.raises(PanelError, match="'group' does not nest in level 'sector'"):
        Panel(np.ones((1, 1, 2)), ["r1"], ["a", "b"], hierarchy=bad)
    df = pd.DataFrame({"region": ["r1", "r1"], "industry": ["a", "b"], "value": [1.0, 2.0]})
    with pytest.raises(PanelError, match=r"several parents, e.g. \{'G1': \['S', 'T'\]\}"):
        Panel.from_long(df, hierarchy=bad)


def test_aggregate_regions(hpanel):
    city = hpanel.aggregate_regions({"r1": "K", "r2": "K", "r3": "S"})
    assert city.regions.tolist() == ["K", "S"]
    np.testing.assert_array_equal(city.values[0], [[6, 8, 10, 12], [9, 10, 11, 12]])
    with pytest.raises(PanelError, match=r"1 region\(s\) have no target unit, e.g. \['r3'\]"):
        hpanel.aggregate_regions({"r1": "K", "r2": "K"})


def test_select_keeps_given_order_and_refuses_unknown_labels(hpanel):
    s = hpanel.select(regions=["r3", "r1"], industries=["d", "a"])
    np.testing.assert_array_equal(s.values[0], [[12, 9], [4, 1]])
    assert s.hierarchy.index.tolist() == ["d", "a"]
    with pytest.raises(PanelError, match=r"unknown industry label\(s\) \['z'\]"):
        hpanel.select(industries=["a", "z"])


def test_select_times():
    p = Panel(np.arange(8.0).reshape(2, 2, 2) + 1, ["r1", "r2"], ["a", "b"], times=[2015, 2020])
    s = p.select(times=[2020])
    assert s.times.tolist() == [2020]
    np.testing.assert_array_equal(s.matrix(2020).to_numpy(), [[5, 6], [7, 8]])
    with pytest.raises(PanelError, match="2 periods; name one"):
        p.matrix()
    with pytest.raises(PanelError, match="time 2000 is not in the panel"):
        p.matrix(2000)


def test_drop_empty_removes_and_counts():
    values = np.array([[[1.0, 0.0, 2.0], [0.0, 0.0, 0.0], [3.0, 0.0, 1.0]]])
    p = quiet(Panel, values, ["r1", "r2", "r3"], ["a", "b", "c"])
    with pytest.warns(DroppedDataWarning,
                      match=r"removed 1 region\(s\) \['r2'\] and 1 industr\(y/ies\) \['b'\]"):
        d = p.drop_empty()
    assert d.regions.tolist() == ["r1", "r3"] and d.industries.tolist() == ["a", "c"]
    with pytest.warns(DroppedDataWarning, match=r"removed 1 region\(s\) \['r2'\] and 0"):
        only_r = p.drop_empty(axis="regions")
    assert only_r.industries.tolist() == ["a", "b", "c"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert d.drop_empty() == d  # nothing left to drop: no warning


def test_drop_empty_keeps_lines_that_are_nonzero_in_some_period():
    values = np.array([[[1.0, 0.0]], [[1.0, 2.0]]])
    p = quiet(Panel, values, ["r1"], ["a", "b"], times=[1, 2])
    with warnings.catch_warnings():
        warnings.simplefilter("error", DroppedDataWarning)
        assert p.drop_empty() == p


def test_result_builders_label_time_region_industry():
    p = Panel(np.arange(1.0, 9.0).reshape(2, 2, 2), ["r1", "r2"], ["a", "b"], times=[1, 2])
    s = p.region_result(p.values.sum(axis=2), "total")
    assert s.index.names == ["time", "region"] and s.loc[(2, "r2")] == 15
    c = p.cell_result(p.values)
    assert c.loc[(1, "r2"), "b"] == 4
    t = p.time_result(p.values.sum(axis=(1, 2)), "total")
    assert t.tolist() == [10, 26]
    single = Panel(np.ones((2, 2)), ["r1", "r2"], ["a", "b"])
    assert single.time_result(np.array([4.0]), "total") == 4.0
    assert single.industry_result(np.ones((1, 2)), "x").index.name == "industry"
