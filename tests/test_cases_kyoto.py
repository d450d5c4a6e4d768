"""The Kyoto case's indicators on small tables whose values are worked out by hand."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel, cases
from smartregion.cases import kyoto
from smartregion.plots.style import figure_title


def test_doctests():
    failures, _ = doctest.testmod(kyoto, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def _h(*shares):
    """Entropy in bits, written out for the expected values."""
    return -sum(s * math.log2(s) for s in shares if s > 0)


# --- section 1-2: quoted profile, census coverage, specialisations, structure ---------------

def test_quoted_profile_drops_excluded_keys_and_counts_secondary():
    facts = pd.DataFrame({c: ["v"] * 4 for c in kyoto.PROFILE_COLUMNS if c != "status"})
    facts["key"] = ["a", "b", "c", "d"]
    facts["region"] = ["X", "X", "X", "Y"]
    facts["secondary_source"] = [True, False, True, True]
    p = cases.quoted_profile(facts, ["X"], exclude=["c"])
    assert list(p.table["key"]) == ["a", "b"]
    assert list(p.table.columns) == kyoto.PROFILE_COLUMNS
    assert (p.table["status"] == "quoted").all()
    assert p.key_numbers == {"n_profile_figures_quoted": 2, "n_profile_figures_secondary": 1}


def _prefectures():
    # A: x 10, y 100, z 60 (170); B: x 90, y 100, z 40 (230); total 400
    rows = [("A", "x", 10), ("A", "y", 100), ("A", "z", 60),
            ("B", "x", 90), ("B", "y", 100), ("B", "z", 40)]
    return Panel.from_long(pd.DataFrame(rows, columns=["region", "industry", "value"]),
                           value="value",
                           hierarchy=pd.DataFrame({"major_group": ["M1", "M1", "M2"]},
                                                  index=pd.Index(["x", "y", "z"],
                                                                 name="industry")))


def test_census_coverage_by_hand():
    k = cases.census_coverage(_prefectures(), pd.Series({"x": 200.0, "y": 400.0, "z": 200.0}),
                              region="A", year=2014, tag="a", n_split_codes_excluded=3,
                              fact_value=171).key_numbers
    assert k["a_prefecture_persons_engaged_2014"] == 170
    assert k["japan_persons_engaged_2014"] == 800
    assert k["a_share_of_japan_persons_engaged_2014"] == pytest.approx(170 / 800)
    assert k["census_2_prefectures_share_of_japan"] == pytest.approx(0.5)
    assert (k["n_prefectures_in_census_file"], k["n_minor_groups"]) == (2, 3)
    assert k["n_letter_split_codes_excluded"] == 3
    assert k["check_persons_engaged_matches_fact_table"] is False  # 171 is not 170


def test_top_specialisations_by_hand():
    labels = pd.Series({"x": "Xenon", "y": "Yarn", "z": "Zinc"})
    top = cases.top_specialisations(_prefectures(), pd.Series({"x": 1.0, "y": 2.0, "z": 3.0}),
                                    labels, region="A", min_persons=20, top_n=1)
    # LQ_z = (60/170)/(100/400) = 24/17; LQ_y = (100/170)/(200/400) = 20/17; x is too small
    assert list(top.table.index) == ["z"]
    assert top.key_numbers == {"top_lq_minor_group": "z", "top_lq_label": "Zinc",
                               "top_lq_value": pytest.approx(24 / 17),
                               "n_specialisations_minor_groups": 2}
    assert top.table.loc["z", "major_group"] == "M2"
    fig = cases.top_lq_figure(top, region="A", n_regions=2, min_persons=20, source="test")
    assert figure_title(fig) == ("A prefecture, 2014: its 1 strongest specialisations, led by "
                                 "zinc (LQ 1.4)")


# two major groups cannot both hold a region's LQ >= 1, so the major-group ECI is degenerate here;
# the test checks the other indices
@pytest.mark.filterwarnings("ignore::smartregion.complexity.DegenerateComplexityWarning")
def test_structure_ranks_by_hand():
    # shares A .4 .4 .2, B .1 .1 .8, C .3 .1 .6; i1 and i2 form major group M1, i3 is M2
    rows = [("A", "i1", 40), ("A", "i2", 40), ("A", "i3", 20),
            ("B", "i1", 10), ("B", "i2", 10), ("B", "i3", 80),
            ("C", "i1", 30), ("C", "i2", 10), ("C", "i3", 60)]
    pnl = Panel.from_long(pd.DataFrame(rows, columns=["region", "industry", "value"]),
                          value="value",
                          hierarchy=pd.DataFrame({"major_group": ["M1", "M1", "M2"]},
                                                 index=pd.Index(["i1", "i2", "i3"],
                                                                name="industry")))
    r = cases.structure_ranks(pnl, "A")
    k = r.key_numbers
    assert r.table.loc["herfindahl", "value"] == pytest.approx(0.36)
    # Herfindahl A .36, B .66, C .46 -> A third; related A .8, B .2, C .4 H(3/4, 1/4) = .32
    assert k["herfindahl_rank"] == 3
    assert k["related_variety"] == pytest.approx(0.8)
    assert k["related_rank"] == 1
    # unrelated C = H(.4, .6) > A = B = H(.8, .2): the tie shares rank 2
    assert k["unrelated_variety"] == pytest.approx(_h(0.8, 0.2))
    assert k["unrelated_rank"] == 2
    assert r.parts["ranks"].loc["B", "unrelated"] == 2
    assert (r.table["n_prefectures"] == 3).all()
    assert r.table.loc["krugman_vs_rest", "convention"].startswith("sum |s_ri - s_i(other 2)|")
    assert "3 minor groups" in r.table.loc["eci_minor_group", "convention"]


# --- section 3: a city of two wards -----------------------------------------------------------

def _published():
    rows = []
    wards = {101: ([60, 50, 45], [600_000, 700_000, 1]), 102: ([40, 30, 35], [400_000, 500_000, 1])}
    for code, (emp, va) in wards.items():
        rows += [(code, "ward", 100, y, e, v) for y, e, v in zip((2001, 2011, 2012), emp, va)]
    rows += [(100, "city", None, y, e, v)
             for y, e, v in zip((2001, 2011, 2012), (100, 80, 80), (1_000_000, 1_200_000, 2))]
    rows += [(1, "prefecture", None, y, e, v)
             for y, e, v in zip((2001, 2011, 2012), (1000, 900, 800), (1e7, 9e6, 5))]
    rows += [(2, "prefecture", None, y, e, v)
             for y, e, v in zip((2001, 2011, 2012), (1000, 900, 600), (1e7, 9e6, 5))]
    df = pd.DataFrame(rows, columns=["id_muni", "unit_type", "parent_city", "year", "emp", "va"])
    return df.assign(code=0, status_emp="reported", status_va="reported")


def _harmonised():
    return pd.DataFrame({"region": ["00101", "00102", "00101", "00102"],
                         "year": [2001, 2001, 2012, 2012], "value": [65, 40, 45, 35]})


def _totals(published=None, facts=None):
    return cases.manufacturing_totals(
        _published() if published is None else published, _harmonised(), city_code=100,
        ward_codes=["00101", "00102"], bad_va_years=[2012],
        fact_employees=pd.Series({2001: 100, 2012: 80}) if facts is None else facts, tag="c")


def test_manufacturing_totals_by_hand():
    t = _totals()
    k = t.key_numbers
    assert k["check_city_equals_sum_of_wards_every_year"] is True
    assert (k["c_manufacturing_employees_2001"], k["c_manufacturing_employees_2012"]) == (100, 80)
    assert k["c_manufacturing_employees_2001_2020_boundaries"] == 105
    assert k["c_employment_change_pct"] == pytest.approx(-20.0)
    assert k["japan_employment_change_pct"] == pytest.approx(-30.0)  # 2000 -> 1400
    # value added stops in 2011: city 12 billion yen / 80 persons, Japan 180 billion / 1,800
    assert t.parts["va_last"] == 2011
    assert k["city_va_per_worker_2001"] == pytest.approx(100.0)
    assert k["city_va_per_worker_2011"] == pytest.approx(150.0)
    assert k["japan_va_per_worker_2011"] == pytest.approx(100.0)
    assert k["check_city_employees_match_fact_table"] is True
    assert np.isnan(t.table.loc[2012, "city_value_added_billion_yen"])
    assert t.table.loc[2012, "japan_employment_index"] == pytest.approx(70.0)


def test_manufacturing_totals_flags_mismatch_and_unreported_rows():
    assert _totals(facts=pd.Series({2001: 99})).key_numbers[
        "check_city_employees_match_fact_table"] is False
    bad = _published()
    bad.loc[0, "status_emp"] = "suppressed"
    with pytest.raises(ValueError, match="ward total row of city 100"):
        _totals(published=bad)


def test_ward_employment_orders_from_the_largest_fall():
    w = cases.ward_employment(_totals().parts["ward_rows"], {"00101": "W1", "00102": "W2"},
                              first=2001, last=2012)
    assert w.key_numbers == {"ward_largest_employment_fall": "W1",
                             "ward_largest_employment_fall_pct": pytest.approx(-25.0),
                             "ward_smallest_employment_fall": "W2",
                             "ward_smallest_employment_fall_pct": pytest.approx(-12.5)}
    assert list(w.parts["index"].columns) == ["W1", "W2"]
    assert w.parts["index"].loc[2012, "W1"] == pytest.approx(75.0)
    fig = cases.wards_employment_figure(w, _totals(), city="C city", colour="#000000",
                                        source="test", break_note="")
    assert fig._suptitle.get_text() == ("Manufacturing employment of C city's 2 wards, 2001-2012 "
                                        "(index): largest fall in W1 (-25%), smallest in W2 "
                                        "(-12%)")


GROUPS = pd.DataFrame({"name_en": ["Alpha (a)", "Beta"], "meti_type": ["T1", "T2"]},
                      index=pd.Index(["a", "b"], name="harmonised_group"))
WARDS = ["00001", "00002"]


def _ward_long():
    rows = [("00001", "a", 2001, np.nan), ("00001", "b", 2001, 10), ("00002", "a", 2001, 20),
            ("00002", "b", 2001, 10),
            ("00001", "a", 2004, 10), ("00001", "b", 2004, 10), ("00002", "a", 2004, 30),
            ("00002", "b", 2004, 10),
            ("00001", "a", 2012, 5), ("00001", "b", 2012, 15), ("00002", "a", 2012, 15),
            ("00002", "b", 2012, 15)]
    return pd.DataFrame(rows, columns=["region", "industry", "year", "value"])


def _variety(published=None):
    pub = pd.Series({2004: 60, 2012: 50}) if published is None else published
    return cases.city_variety(_ward_long(), GROUPS, pub, start=2004, end=2012, city="C",
                              tag="c")


def test_city_variety_by_hand():
    v = _variety()
    k = v.key_numbers
    # one group per type: related variety 0, unrelated = entropy of the type shares
    assert k["check_ward_detail_adds_to_published_city_total"] is True
    assert (k["variety_first_year"], k["variety_last_year"]) == (2004, 2012)
    assert k["c_related_variety_first"] == pytest.approx(0.0)
    assert k["c_unrelated_variety_first"] == pytest.approx(_h(2 / 3, 1 / 3))
    assert k["c_unrelated_variety_last"] == pytest.approx(_h(0.4, 0.6))
    assert k["c_total_variety_last"] == pytest.approx(_h(0.4, 0.6))
    assert v.table.loc[2012, "share_T2"] == pytest.approx(0.6)
    assert v.parts["by_type"].loc[2004, "T1"] == 40
    assert _variety(pd.Series({2004: 61, 2012: 50})).key_numbers[
        "check_ward_detail_adds_to_published_city_total"] is False


def _shift_share():
    # rest of the reference area: a 60 -> 30, b 80 -> 130
    rest = [("r1", "a", 2004, 60), ("r1", "b", 2004, 80), ("r1", "a", 2012, 30),
            ("r1", "b", 2012, 130)]
    ref_long = pd.concat([_ward_long().query("year >= 2004"),
                          pd.DataFrame(rest, columns=["region", "industry", "year", "value"])])
    reference = Panel.from_long(ref_long, value="value", time="year")
    return cases.city_shift_share(reference, _variety().parts["city_panel"], _ward_long(),
                                  GROUPS, pd.Series({2004: 400, 2012: 700}), ward_codes=WARDS,
                                  first=2001, start=2004, end=2012, city="C", tag="c")


def test_city_shift_share_by_hand():
    ss = _shift_share()
    k, t = ss.key_numbers, ss.table
    # reference 200 -> 210 (g = .05); a 100 -> 50 (g_a = -.5), b 100 -> 160 (g_b = .6)
    assert k["reference_area_share_of_japan_2004"] == pytest.approx(0.5)
    assert k["reference_area_share_of_japan_2012"] == pytest.approx(0.3)
    assert k["reference_area_n_regions"] == 3
    assert k["reference_area_employment_change_pct"] == pytest.approx(5.0)
    # city a 40 -> 20: 2, -22, 0; city b 20 -> 30: 1, 11, 30 - 20 * 1.6 = -2
    assert t.loc["a", ["national_share", "industry_mix", "regional_share"]].tolist() == \
        pytest.approx([2.0, -22.0, 0.0])
    assert t.loc["b", ["national_share", "industry_mix", "regional_share"]].tolist() == \
        pytest.approx([1.0, 11.0, -2.0])
    assert k["c_shift_share_change"] == pytest.approx(-10.0)
    assert k["c_shift_share_national_share"] == pytest.approx(3.0)
    assert k["c_shift_share_industry_mix"] == pytest.approx(-11.0)
    assert k["c_shift_share_regional_share"] == pytest.approx(-2.0)
    assert k["c_largest_loss_group"] == "a"
    assert k["c_largest_regional_share_gain_group"] == "a"
    assert k["c_largest_regional_share_loss_group"] == "b"
    # 2001: group a has a suppressed ward cell, so its city value is missing
    assert np.isnan(t.loc["a", "employees_2001"]) and t.loc["b", "employees_2001"] == 20
    assert t.loc["a", "suppressed_ward_cells_2001"] == 1
    assert t.loc["a", "change_pct"] == pytest.approx(-50.0)
    assert t.loc["a", "lq_2012_vs_reference"] == pytest.approx((20 / 50) / (50 / 210))
    fig = cases.city_shift_share_figure(ss, city="C city", short="C", colour="#000000", start=2004,
                                        end=2012, source="test")
    assert fig.axes[0].get_title() == ("C city, 2004-2012: city-specific (regional) component "
                                       "-2 persons in total;\nlargest gain in alpha, largest "
                                       "loss in beta")


def test_city_shift_share_refuses_a_reference_without_the_wards():
    reference = Panel.from_long(_ward_long().query("year >= 2004 and region == '00001'"),
                                value="value", time="year")
    with pytest.raises(ValueError, match="missing from the reference area"):
        cases.city_shift_share(reference, _variety().parts["city_panel"], _ward_long(), GROUPS,
                               pd.Series({2004: 1, 2012: 1}), ward_codes=WARDS, first=2001,
                               start=2004, end=2012, city="C", tag="c")


def test_manufacturing_change_peak_year():
    by_type = pd.DataFrame({"T1": [40.0, 20.0], "T2": [20.0, 30.0]}, index=[2004, 2012])
    totals = pd.DataFrame({"city_va_per_worker_million_yen": [1.0, 3.0, np.nan]},
                          index=[2001, 2011, 2012])
    k = cases.manufacturing_change(by_type, totals, first=2001, start=2004, last=2012,
                                   tag="c").key_numbers
    assert k == {"manufacturing_first_year": 2001, "manufacturing_last_year": 2012,
                 "c_change_pct_T1": pytest.approx(-50.0), "c_change_pct_T2": pytest.approx(50.0),
                 "c_va_per_worker_peak_year": 2011}


# --- section 5: map values --------------------------------------------------------------------

def test_municipal_change_by_hand():
    totals = pd.DataFrame({"region": ["u1", "u2", "u1", "u2", "u1"],
                           "year": [2004, 2004, 2012, 2012, 2008],
                           "value": [100, 50, 80, 60, 1]})
    units = pd.DataFrame({"region_id": ["u1", "u2", "u3"], "name_ja": ["一", "二", "三"],
                          "kind": ["ward", "ward", "town"]})
    m = cases.municipal_change(totals, units, {"u1": "One", "u2": "Two"}, start=2004, end=2012)
    assert m.table["change_pct"].to_dict() == pytest.approx({"u1": -20.0, "u2": 20.0})
    assert m.key_numbers == {"map_n_municipal_units": 3, "map_n_wards": 2,
                             "map_n_units_shrinking": 1, "map_largest_fall_unit": "One",
                             "map_largest_fall_pct": pytest.approx(-20.0)}


def test_ward_group_lq_by_hand():
    ward_panel = _variety().parts["ward_panel"]
    w = cases.ward_group_lq(ward_panel, GROUPS, "b", year=2012, names={"00001": "Kita",
                                                                     "00002": "Minami"})
    # 2012: ward 1 b 15/20, ward 2 b 15/30, city b 30/50 -> LQ 1.25 and 5/6
    assert w.parts["lq"].to_dict() == pytest.approx({"00001": 1.25, "00002": 5 / 6})
    assert w.key_numbers == {"map_ward_group": "Beta", "map_ward_group_top_ward": "Kita",
                             "map_ward_group_top_lq": pytest.approx(1.25)}
    with pytest.raises(ValueError, match="not a harmonised group"):
        cases.ward_group_lq(ward_panel, GROUPS, "c", year=2012, names={})
