"""The Shenzhen case's indicators on small tables whose values are worked out by hand."""

from __future__ import annotations

import doctest
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel, cases
from smartregion.cases import shenzhen



def test_doctests():
    failures, _ = doctest.testmod(shenzhen, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def _three_sectors(rows):
    return Panel.from_long(pd.DataFrame(rows, columns=["year", "region", "industry", "value"]),
                           time="year", value="value")


def _transition_example():
    # A: tertiary 50/100 -> 150/200; B: 80/100 -> 160/200
    panel = _three_sectors([
        (2000, "A", "secondary", 50), (2000, "A", "tertiary", 50),
        (2010, "A", "secondary", 50), (2010, "A", "tertiary", 150),
        (2000, "B", "secondary", 20), (2000, "B", "tertiary", 80),
        (2010, "B", "secondary", 40), (2010, "B", "tertiary", 160)])
    return cases.tertiary_transition(panel, "A", max_gap_to_gdp=0.0)


def test_tertiary_transition_figure_title_states_the_numbers():
    fig = cases.tertiary_transition_figure(_transition_example(), city="A", comparison="B",
                                           source="test")
    assert fig._suptitle.get_text() == ("A's tertiary share rose from 50% to 75% (2000-2010), "
                                        "rank 2 of 2 major cities in 2010")


def test_tertiary_transition_by_hand():
    t = _transition_example()
    k = t.key_numbers
    assert k["a_tertiary_share_2000"] == pytest.approx(0.5)
    assert k["a_tertiary_share_2010"] == pytest.approx(0.75)
    assert (k["a_tertiary_rank_2000"], k["a_tertiary_rank_2010"]) == (2, 2)
    assert k["median_tertiary_share_2010"] == pytest.approx(0.775)
    assert k["a_tertiary_change_pp"] == pytest.approx(25.0)
    assert k["median_tertiary_change_pp"] == pytest.approx(12.5)
    assert k["tertiary_pace"] == "faster than"
    assert k["tertiary_place"] == "among the more industrial third"
    # aggregate growth g = 1; g_secondary = 2/7, g_tertiary = 18/13
    assert k["a_va_national_share"] == pytest.approx(100.0)
    assert k["a_va_industry_mix"] == pytest.approx(-1500 / 91)
    assert k["a_va_regional_share"] == pytest.approx(1500 / 91)
    assert k["a_va_regional_share_secondary"] == pytest.approx(50 - 50 * 9 / 7)
    assert k["a_va_regional_share_tertiary"] == pytest.approx(150 - 50 * 31 / 13)
    assert k["a_va_regional_share_rank"] == 1
    assert list(t.table.columns[2:5]) == ["median_2", "q25_2", "q75_2"]


def test_sector_shares_by_hand():
    rows = pd.DataFrame([(2000, "A", "secondary", 30.0), (2000, "A", "tertiary", 70.0),
                         (2001, "A", "secondary", 25.0), (2001, "A", "tertiary", 75.0)],
                        columns=["year", "region", "industry", "value_added"])
    panel = Panel.from_long(rows, time="year", value="value_added")
    s = cases.sector_shares(panel, ["A"], sum_gap=0.5)
    assert s.key_numbers == {"sector_sum_minus_gdp_max_abs": 0.5, "a_secondary_share_2000": 0.3,
                             "a_secondary_share_2001": 0.25}


def test_gdp_series_comparison_flags_one_vintage_break():
    panel = pd.Series([130.0, 143.0, 157.3, 170.0], index=[2001, 2002, 2003, 2004])
    nbs = pd.Series([100.0, 110.0, 157.3, 170.0], index=[2001, 2002, 2003, 2004])
    k = cases.gdp_series_comparison(panel, nbs, start=2001, end=2004).key_numbers
    assert k["series_jump_year"] == 2003
    assert k["series_ratio_max_before_jump"] == pytest.approx(1.3)
    assert k["series_ratio_max_after_jump"] == pytest.approx(1.0)
    assert k["series_jump_growth_nbs"] == pytest.approx(157.3 / 110 - 1)
    assert k["panel_series_is_consistent"] is True
    # no break: the same series twice
    same = cases.gdp_series_comparison(nbs, nbs, start=2001, end=2004).key_numbers
    assert same["panel_series_is_consistent"] is False


def test_paired_sections_by_hand():
    r1 = cases.country_profile(pd.Series({"a": 3.0, "b": 1.0}), pd.Series({"a": 5.0, "b": 5.0}),
                               "R1", "C1")
    r2 = cases.country_profile(pd.Series({"x": 1.0, "y": 1.0}), pd.Series({"x": 1.0, "y": 3.0}),
                               "R2", "C2")
    pairs = pd.DataFrame({"area": ["Alpha (one)", "Beta / two"], "c1": ["a", "b"],
                          "c2": ["x", "y"]}).set_index("area")
    s = cases.paired_sections({"R1": r1, "R2": r2}, pairs, tags={"R1": "r1", "R2": "r2"},
                              countries={"R1": "C1", "R2": "C2"}, areas={"Alpha (one)": "alpha"},
                              about={"year": [2014, 2016]})
    k = s.key_numbers
    assert k["r1_alpha_share"] == pytest.approx(0.75)
    assert k["r1_alpha_lq_vs_c1"] == pytest.approx(1.5)
    assert k["r2_alpha_lq_vs_c2"] == pytest.approx(2.0)
    assert k["r1_krugman_vs_country"] == pytest.approx(0.5)
    assert k["r2_krugman_vs_country"] == pytest.approx(0.5)
    assert k["largest_lq_gap_section"] == "alpha"
    assert k["r1_top_paired_sections"] == "alpha (1.50); beta (0.50)"
    assert k["more_even_mix"] == "R2"  # 1 bit against 0.81
    assert k["more_dissimilar"] == "R1"  # a tie goes to the first region
    assert list(s.parts["indices"].loc["year"]) == [2014, 2016]


def test_group_structure_weights_by_gdp():
    quoted = pd.DataFrame({"city_en": ["X", "X", "Y", "Y"], "sector_en": ["g1", "g2"] * 2,
                           "output_pct_of_gdp": [10.0, 10.0, 5.0, 15.0]})
    shares = Panel.from_long(quoted, region="city_en", industry="sector_en",
                             value="output_pct_of_gdp")
    g = cases.group_structure(quoted, shares, pd.Series({"X": 100.0, "Y": 200.0}), "X",
                              year=2018, citation="test")
    lq = g.parts["lq"]
    # amounts X 10, 10; Y 10, 30: LQ_X,g1 = (10/20)/(20/60)
    assert lq.loc[("X", "g1"), "lq_gdp_weighted"] == pytest.approx(1.5)
    assert lq.loc[("X", "g2"), "lq_gdp_weighted"] == pytest.approx(0.75)
    assert lq.loc[("X", "g1"), "lq_unweighted"] == pytest.approx(0.5 / (15 / 40))
    k = g.key_numbers
    assert (k["x_prd_top_group"], k["x_prd_specialisations"]) == ("g1", "g1")
    assert k["x_prd_entropy_bits"] == pytest.approx(1.0)
    assert k["x_prd_entropy_rank"] == 1
    assert k["x_prd_manufacturing_pct_of_gdp"] == pytest.approx(20.0)
    assert g.table.loc["Y", "gdp_2018"] == 200.0
    with pytest.raises(ValueError, match="city GDP"):
        cases.group_structure(quoted, shares, pd.Series({"X": 100.0}), "X",
                              year=2018, citation="test")


def test_district_map_values_merge_units_and_keep_blanks_missing():
    employment = pd.DataFrame({"district": ["a", "b", "c"], "Manufacturing": [10.0, np.nan, 30.0],
                               "Total": [100.0, 50.0, 100.0]})
    units = pd.DataFrame({"district": ["a", "b", "c"], "region_id": [1, 2, 2]})
    polygons = pd.DataFrame({"region_id": [1, 2], "name_en": ["P1", "P2"]})
    polygons.attrs["coordinate_system"] = "GCJ-02"
    m = cases.district_map_values(employment, units, polygons, merged="c")
    assert m.parts["share"].loc[1] == pytest.approx(0.1)
    assert math.isnan(m.parts["share"].loc[2])  # b is blank: polygon 2 has no value
    assert m.parts["lq"].loc[1] == pytest.approx(0.1 / (40 / 250))
    assert m.parts["labels"][2] == "P2 incl. c"
    k = m.key_numbers
    assert (k["map_blank_manufacturing_cells"], k["map_sz_polygons"],
            k["map_sz_yearbook_units"]) == (1, 2, 3)
    assert k["map_sz_city_manufacturing_share"] == pytest.approx(0.16)


def test_province_share_values_by_hand():
    employment = pd.DataFrame({"year": 2017, "province_zh": ["甲", "甲", "乙", "乙"],
                               "sector_zh": ["制造业", "其他"] * 2,
                               "value": [30.0, 70.0, 60.0, 40.0]})
    provinces = pd.DataFrame({"name_zh": ["甲", "乙"], "region_id": ["p1", "p2"],
                              "name_en": ["Jia", "Yi"]})
    v = cases.province_share_values(employment, provinces, year=2017, sector="制造业",
                                    region="甲", tag="jia", published=(100.0, 30.0))
    k = v.key_numbers
    assert k["map_cn_jia_share_2017"] == pytest.approx(0.3)
    assert k["map_cn_jia_rank_2017"] == 2
    assert k["check_jia_2017_matches_published"] is True
    assert (k["map_cn_top_province"], k["map_cn_top_share"]) == ("Yi", pytest.approx(0.6))
    with pytest.raises(ValueError, match="without a polygon"):
        cases.province_share_values(employment, provinces.iloc[:1], year=2017, sector="制造业",
                                    region="甲", tag="jia")


def test_district_productivity_by_hand():
    structure = pd.DataFrame({"workers": [100.0, 100.0], "group": ["core", "new"]},
                             index=pd.Index(["d1", "d2"], name="district"))
    gdp = pd.Series({"d1": 1000.0, "d2": 500.0, "Total": 1500.0})
    land = pd.DataFrame({"permanent_population_10k": [1.0, 2.0, 3.0]},
                        index=["d1", "d2", "Total"])
    ent = pd.DataFrame({"enterprises": [10, 20, 30], "business_revenue_100m_yuan": [1.0, 2.0, 3.0],
                        "average_employed_persons": [100, 100, 200]}, index=["d1", "d2", "Total"])
    units = pd.DataFrame({"leasing_business_services": [10, 25, 35]}, index=["d1", "d2", "Total"])
    p = cases.district_productivity(structure, gdp, land, ent, units, tag="c",
                                    group_keys={"core": "core", "new": "new"})
    k = p.key_numbers
    assert k["gdp_per_worker_c_thousand_yuan"] == pytest.approx(75.0)
    assert (k["gdp_per_worker_top_district"], k["gdp_per_worker_top_value"]) == ("d1", 100.0)
    assert k["gdp_per_worker_new"] == pytest.approx(50.0)
    assert k["revenue_per_employee_top_value"] == pytest.approx(2000.0)
    assert k["revenue_per_employee_rank_corr_with_gdp_per_worker"] == pytest.approx(-1.0)
    assert k["enterprises_vs_leasing_units_max_rel_gap"] == pytest.approx(0.2)
    assert p.table.loc["d1", "gdp_per_resident_thousand_yuan"] == pytest.approx(1.0)


def test_quoted_figures_and_template_checks():
    facts = pd.DataFrame({c: [None, None, None] for c in shenzhen.QUOTED_COLUMNS if c != "status"})
    facts = facts.assign(region=["S", "S", "K"], indicator=["b", "a", "a"], year=[2, 1, 1],
                         secondary_source=[True, False, True], primary_seen=[False, True, False])
    q = cases.quoted_figures(facts, "S")
    assert q.key_numbers == {"n_quoted_figures": 2, "n_quoted_figures_secondary": 1,
                             "n_quoted_figures_primary_seen": 1}
    assert list(q.table["indicator"]) == ["a", "b"]
    template = pd.DataFrame({"region": ["S", "S"], "industry": ["13", "14"], "year": [2016] * 2})
    assert cases.template_check(template, template.astype(str)).key_numbers == {
        "template_rows": 2, "template_divisions": 2, "template_matches_shipped_example": True}
    assert not cases.template_check(template, template.iloc[:1]).key_numbers[
        "template_matches_shipped_example"]
    report = SimpleNamespace(ok=False, problems=[SimpleNamespace(
        kind="missing", severity="error", column="employment", lines=[2, 3], message="m")])
    v = cases.validation_table(report)
    assert v.key_numbers == {"template_validates_empty": False}
    assert v.table.loc[0, "n_lines"] == 2


def test_gdp_series_figure_states_the_jump_in_its_title():
    panel = pd.Series([130.0, 143.0, 157.3], index=[2001, 2002, 2003])
    nbs = pd.Series([100.0, 110.0, 157.3], index=[2001, 2002, 2003])
    s = cases.gdp_series_comparison(panel, nbs, start=2001, end=2003)
    fig = cases.gdp_series_figure(s, city="C", source="test", years="2001-2003")
    assert "jumps by 43% in 2003" in fig._suptitle.get_text()
