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


# --------------------------------------------------------------------------------------------
# growth rankings: four major cities, five prefecture-level units
# --------------------------------------------------------------------------------------------

def _major_inputs():
    # GDP 2000, 2001, 2002 (ratios on the year before)
    # A 100 110 121 (1.1, 1.1): CAGR (121/100)^(1/2) - 1 = 0.1
    # B 100 200 360 (2.0, 1.8): CAGR sqrt(3.6) - 1
    # C 200 220 300 (1.1, 1.3636): CAGR sqrt(1.5) - 1 = 0.2247
    # D  50  60  72 (1.2, 1.2): CAGR sqrt(1.44) - 1 = 0.2
    values = {"A": [100, 110, 121], "B": [100, 200, 360], "C": [200, 220, 300],
              "D": [50, 60, 72]}
    gdp = pd.DataFrame([(c, y, float(v)) for c, vs in values.items()
                        for y, v in zip((2000, 2001, 2002), vs)], columns=["city", "year", "gdp"])
    # prefecture panel: A, C and E (not a major city); GDP grows alike everywhere (no outlying
    # jump); population jumps by 50% in C in 2002 and doubles in E in 2001
    pops = {(1, "A"): [10, 10, 10], (3, "C"): [10, 10, 15], (5, "E"): [10, 20, 20]}
    prefectures = pd.DataFrame([(code, name, y, g, float(p)) for (code, name), ps in pops.items()
                                for y, g, p in zip((2000, 2001, 2002), (100.0, 110.0, 121.0), ps)],
                               columns=["prefcode", "prefecture", "year", "gdp", "pop"])
    empty = [{"city": "D", "year": 1999}, {"city": "C", "year": 2001}]
    facts = pd.DataFrame({"region": ["A", "A"], "indicator": ["gdp", "gdp"],
                          "year": [2000, 2002], "value": [100.0, 999.0], "quote": ["", "q"]})
    return gdp, empty, prefectures, facts


def test_major_city_growth_by_hand():
    gdp, empty, prefectures, facts = _major_inputs()
    g = cases.major_city_growth(gdp, empty, prefectures, facts, city="A", comparison="B",
                                start=2000, end=2002, n_fastest=2)
    k = g.key_numbers
    assert (k["a_gdp_2000"], k["a_gdp_2002"], k["n_major_cities"]) == (100.0, 121.0, 4)
    assert k["major_cities_empty_gdp_cells_in_span"] == 1  # D 1999 is outside 2000-2002
    assert k["check_gdp_matches_fact_table"] is True  # the quoted 999 is not checked
    assert k["a_cagr_major_cities"] == pytest.approx(0.1)
    # CAGR order: B (0.90) > C (0.22) > D (0.20) > A (0.10)
    assert k["a_cagr_rank_major_cities"] == 4
    assert k["n_major_cities_ranked"] == 4
    # GDP 2000: C 200, A = B 100, D 50 -> A ranks 2 (ties share the lower rank);
    # GDP 2002: B 360, C 300, A 121, D 72 -> A ranks 3
    assert (k["a_gdp_rank_2000"], k["a_gdp_rank_2002"]) == (2, 3)
    assert g.table.loc["C", "cagr"] == pytest.approx(math.sqrt(1.5) - 1)
    assert g.table.loc["B", "cagr"] == pytest.approx(math.sqrt(3.6) - 1)
    assert sorted(g.table["rank"].tolist()) == [1, 2, 3, 4]  # a permutation
    # 2001 log changes: A, C ln 1.1 = .0953, D ln 1.2 = .1823, B ln 2 = .6931; median .1388,
    # MAD .0435, robust z of B = .5544 / (1.4826 * .0435) = 8.6 > 6 -> outlying jump.
    # 2002: median .2462, MAD .1074, z of B = .3415 / .1593 = 2.1 -> no flag.
    # Population: C +50% in 2002 (> 20%) is flagged; E is not a major city.
    shifts = g.parts["level_shifts"]
    assert list(zip(shifts["city"], shifts["year"])) == [("B", 2001), ("C", 2002)]
    assert list(shifts["reason"]) == ["outlying jump", "population jump (prefecture panel)"]
    assert k["n_major_cities_level_shift"] == 2
    assert k["major_cities_level_shift"] == "B (2001), C (2002)"
    assert k["n_major_cities_in_prefecture_panel"] == 2  # A and C
    assert k["fastest_major_cities_all"] == "B, C"
    assert k["fastest_major_cities"] == "D, A"  # B and C are flagged
    assert k["fastest_major_city_cagr"] == pytest.approx(0.2)
    assert (k["n_major_cities_with_gaps"], k["major_cities_with_gaps"]) == (1, "C")
    # largest one-year ratio: B 2001, 200 / 100
    assert (k["major_cities_largest_yoy_city"], k["major_cities_largest_yoy_year"],
            k["major_cities_largest_yoy_ratio"]) == ("B", 2001, 2.0)
    assert g.parts["index"].loc[2002, "A"] == pytest.approx(121.0)
    assert g.parts["named"] == ["D", "A", "B"]
    facts.loc[0, "value"] = 101.0
    assert cases.major_city_growth(gdp, empty, prefectures, facts, city="A", comparison="B",
                                   start=2000, end=2002).key_numbers[
        "check_gdp_matches_fact_table"] is False


def _prefecture_table():
    # one-year span 2000-2001, so CAGR = ratio - 1
    #  unit province  gdp        gdp_real    pop     nominal  real   per head
    #  1 P  X         100 -> 120 100 -> 108  10 10   .20      .08    .20
    #  2 Q  X         100 -> 110 100 ->  99  10 10   .10     -.01    .10
    #  3 R  Y         100 -> 130 100 -> 125  10 13   .30      .25    0
    #  4 S  Y         100 -> 105 100 -> 100  10 10   .05      0      .05
    #  5 T  Y         100 -> 300 100 -> 285  10 10   2.0      1.85   2.0
    #  6 U  Y          50 (2000 only)
    rows = [(1, "X", 120, 108, 10), (2, "X", 110, 99, 10), (3, "Y", 130, 125, 13),
            (4, "Y", 105, 100, 10), (5, "Y", 300, 285, 10)]
    defl = {1: 1.1, 2: 1.1, 3: 1.04, 4: 1.04, 5: 1.05}
    table = pd.DataFrame(
        [(c, 2000, p, 100.0, 100.0, 10.0, np.nan) for c, p, *_ in rows]
        + [(c, 2001, p, float(g), float(r), float(n), defl[c]) for c, p, g, r, n in rows]
        + [(6, 2000, "Y", 50.0, 50.0, 5.0, np.nan)],
        columns=["prefcode", "year", "province", "gdp", "gdp_real", "pop", "deflator_yoy"])
    names = pd.DataFrame({"prefecture": list("PQRSTU"), "prefecture_zh": list("甲乙丙丁戊己")},
                         index=pd.Index(range(1, 7), name="prefcode"))
    return table, names


def test_prefecture_growth_by_hand():
    table, names = _prefecture_table()
    r = cases.prefecture_growth(table, names, prefcode=1,
                                nbs_end_values=pd.Series({2000: 100.0, 2001: 140.0}),
                                start=2000, end=2001, tag="p", n_units=6, named=("Q", "T"))
    k = r.key_numbers
    assert (k["n_prefecture_units"], k["n_prefecture_units_ranked"],
            k["n_prefecture_units_unranked_missing_gdp"]) == (6, 5, 1)
    # nominal: T 2.0, R .3, P .2, Q .1, S .05
    assert k["p_cagr_prefectures"] == pytest.approx(0.2)
    assert k["p_cagr_rank_prefectures"] == 3
    # with the other vintage's end values P grows 140 / 100 - 1 = .4: second after T
    assert k["p_cagr_nbs_endpoints"] == pytest.approx(0.4)
    assert k["p_cagr_rank_nbs_endpoints"] == 2
    assert k["p_cagr_rank_in_province"] == 1  # P .2 > Q .1 in X
    assert k["p_cagr_rank_per_capita_hukou"] == 2  # T 2.0, P .2, Q .1, S .05, R 0
    assert k["median_prefecture_cagr"] == pytest.approx(0.2)
    assert k["deflator_scope"] == "not constant within provinces"  # Y: 1.04 and 1.05
    assert k["n_prefecture_units_ranked_real"] == 5
    assert k["p_cagr_real_prefectures"] == pytest.approx(0.08)
    assert k["p_cagr_real_rank_prefectures"] == 3  # T 1.85, R .25, P .08, S 0, Q -.01
    assert k["median_prefecture_cagr_real"] == pytest.approx(0.08)
    # real log changes 2001: P .0770, Q -.0101, R .2231, S 0, T 1.0473; median .0770,
    # MAD .0870; z of T = .9704 / (1.4826 * .0870) = 7.5 > 6 -> outlying jump.
    # R's population grows by 30% (> 20%) -> population jump.
    assert k["p_level_shift_flag"] is False
    assert k["n_prefecture_units_level_shift"] == 2
    assert k["n_prefecture_level_shift_population"] == 1
    assert (k["q_level_shift_years"], k["q_cagr_real_rank"]) == ("", 5)
    assert (k["t_level_shift_years"], k["t_cagr_real_rank"]) == ("2001", 1)
    # without R and T: P .08, S 0, Q -.01
    assert k["fastest_prefectures_real_no_shift"] == "P, S, Q"
    assert k["fastest_prefecture_real_no_shift_cagr"] == pytest.approx(0.08)
    assert k["p_rank_real_among_no_shift"] == 1
    assert k["n_prefecture_units_ranked_real_no_shift"] == 3
    # nominal ranks T1 R2 P3 Q4 S5, real T1 R2 P3 S4 Q5: rho = 1 - 6 * 2 / (5 * 24) = .9
    assert k["rank_corr_real_nominal"] == pytest.approx(0.9)
    t = r.table
    assert t.loc[1, "cagr_with_nbs_endpoints"] == pytest.approx(0.4)
    assert t["cagr_with_nbs_endpoints"].drop(1).isna().all()
    assert t.loc[3, "level_shift_years"] == "2001"
    # ranked within the city's province X only
    assert t.loc[2, "rank_in_province"] == 2
    assert t.loc[[3, 4, 5, 6], "rank_in_province"].isna().all()
    assert r.parts["n_flagged"] == 2


# --------------------------------------------------------------------------------------------
# districts of one city in one year
# --------------------------------------------------------------------------------------------

def _district_panel(rows, sections=None):
    names = {"C": "Manufacturing", "I": "Information", "J": "Finance", "M": "Science"}
    long = pd.DataFrame([(2016, d, s, float(v)) for d, vals in rows.items()
                         for s, v in zip(sections or "CIJM", vals)],
                        columns=["year", "district", "section", "workers"])
    hier = pd.DataFrame({"section_en": [names[s] for s in sections or "CIJM"]},
                        index=list(sections or "CIJM"))
    return Panel.from_long(long, region="district", industry="section", value="workers",
                           time="year", hierarchy=hier)


def test_district_overview_by_hand():
    panel = _district_panel({"d1": [3000, 1000], "d2": [2000, 4000]}, sections="CI")
    tables = {"checks": pd.DataFrame({"check": ["a", "b", "c"], "passed": [True, True, False]}),
              "gdp": pd.DataFrame({"district": ["d1", "d2", "Total"],
                                   "gdp_10k_yuan": [600000, 400000, 1000000]}),
              "land_population": pd.DataFrame({"district": ["d1", "d2", "Total"],
                                               "permanent_population_10k": [1.0, 1.5, 2.5]})}
    data = SimpleNamespace(panel=panel, tables=tables,
                           report={"employment_blank_cells_entered_as_zero": 2})
    o = cases.district_overview(data, nbs_gdp=100.004, tag="c",
                                named_groups={"core": ["d1"], "new": ["d2", "d3"]})
    k = o.key_numbers
    assert (k["district_data_year"], k["core"], k["new"]) == (2016, "d1", "d2, d3")
    assert (k["district_checks_passed"], k["district_checks_total"]) == (2, 3)
    assert k["c_district_workers_total"] == 10000  # 3000 + 1000 + 2000 + 4000
    assert k["c_district_gdp_total_10k_yuan"] == 1000000
    assert k["c_population_2016_10k"] == 2.5
    assert k["district_blank_cells_entered_as_zero"] == 2
    # 1,000,000 x 10,000 yuan = 100 x 100 million yuan; |100 - 100.004| < 0.005
    assert k["district_gdp_matches_nbs_2016"] is True
    assert k["district_gdp_vs_nbs"] == "equal to"
    assert k["workers_per_resident_2016"] == pytest.approx(10000 / 25000)
    assert o.parts["gdp"]["d2"] == 400000.0
    off = cases.district_overview(data, nbs_gdp=100.01, tag="c", named_groups={})
    assert off.key_numbers["district_gdp_matches_nbs_2016"] is False
    assert off.key_numbers["district_gdp_vs_nbs"] == "different from"


def _three_districts():
    #        C    I    J    M   total  shares
    # Core 100  200  100  100   500    .2 .4 .2 .2
    # Out  200   50   50  100   400    .5 .125 .125 .25
    # New   80    0   10   10   100    .8 0 .1 .1
    # city 380  250  160  210  1000
    return _district_panel({"Core": [100, 200, 100, 100], "Out": [200, 50, 50, 100],
                            "New": [80, 0, 10, 10]})


def test_district_structure_by_hand():
    groups = {"Core": "former SEZ core", "Out": "outer district", "New": "new district"}
    s = cases.district_structure(
        _three_districts(), order=["New", "Core", "Out"], group_of=groups,
        outside=("Out", "New"), tag="c", lq_readings=(("Core", "I", "core_lq_i"),
                                                      ("New", "C", "new_lq_c")),
        share_readings=(("Out", "M", "out_m_share"),), min_cell=60)
    t, k = s.table, s.key_numbers
    assert t.index.tolist() == ["New", "Core", "Out"]
    assert t["workers"].tolist() == [100.0, 500.0, 400.0]
    # the four sections are all there is: their shares add up to one
    assert t[["manufacturing_share", "information_share", "finance_share",
              "science_tech_share"]].sum(axis=1).tolist() == pytest.approx([1.0] * 3)
    # Herfindahl: New .64 + .01 + .01; Core .04 * 3 + .16; Out .25 + 2 * .015625 + .0625
    assert t["herfindahl"].tolist() == pytest.approx([0.66, 0.28, 0.34375])
    # entropy: New .8 log2 1.25 + .2 log2 10; Core .6 log2 5 + .4 log2 2.5; Out .5 + .75 + .5
    assert t["entropy_bits"].tolist() == pytest.approx(
        [0.8 * math.log2(1.25) + 0.2 * math.log2(10),
         0.6 * math.log2(5) + 0.4 * math.log2(2.5), 1.75])
    # Krugman against the other two: New vs (Core + Out) = 300 250 150 200 of 900:
    # |.8 - 1/3| + |0 - 5/18| + |.1 - 1/6| + |.1 - 2/9| = 14/15
    # Core vs 280 50 60 110 of 500: .36 + .3 + .08 + .02 = .76
    # Out vs 180 200 110 110 of 600: .2 + 5/24 + 7/120 + 1/15 = 8/15
    assert t["krugman_vs_other_districts"].tolist() == pytest.approx([14 / 15, 0.76, 8 / 15])
    # LQ >= 1: New C 2.1; Core I 1.6, J 1.25 (M .2 / .21 < 1); Out C 1.32, M 1.19
    assert t["diversity_n_lq_ge_1"].tolist() == [1, 2, 2]
    assert t["group"].tolist() == ["new district", "former SEZ core", "outer district"]
    assert k["manufacturing_share_new_districts"] == pytest.approx(0.8)
    assert k["manufacturing_share_outer_districts"] == pytest.approx(0.5)
    assert k["manufacturing_share_service_core"] == pytest.approx(0.2)
    assert k["manufacturing_share_outside_sez"] == pytest.approx(280 / 500)
    assert k["outside_sez_share_of_city_manufacturing"] == pytest.approx(280 / 380)
    assert k["manufacturing_share_c"] == pytest.approx(0.38)
    assert k["new_districts_share_of_city_manufacturing"] == pytest.approx(80 / 380)
    assert k["service_core_share_of_city_information"] == pytest.approx(200 / 250)
    assert k["service_core_share_of_city_finance"] == pytest.approx(100 / 160)
    assert (k["most_manufacturing_district"], k["most_manufacturing_district_share"]) == (
        "New", pytest.approx(0.8))
    assert (k["least_manufacturing_district"], k["least_manufacturing_district_share"]) == (
        "Core", pytest.approx(0.2))
    assert k["most_specialised_district_krugman"] == "New"
    assert k["most_specialised_district_krugman_value"] == pytest.approx(14 / 15)
    assert k["most_diverse_district_entropy"] == "Core"
    assert k["core_lq_i"] == pytest.approx(0.4 / 0.25)
    assert k["new_lq_c"] == pytest.approx(0.8 / 0.38)
    assert k["out_m_share"] == pytest.approx(0.25)
    # cells below 60 workers: Out I, Out J, New I, New J, New M
    assert k["heatmap_cells_below_min"] == 5
    heat = s.parts["heat"]
    assert heat.isna().sum().sum() == 5
    assert heat.loc["Out", "C"] == pytest.approx(0.5 / 0.38)
    assert s.parts["lq"].columns.tolist() == ["C Manufacturing", "I Information", "J Finance",
                                               "M Science"]


def test_district_structure_ignores_district_order():
    groups = {"Core": "former SEZ core", "Out": "outer district", "New": "new district"}
    kw = {"group_of": groups, "outside": ("Out", "New"), "tag": "c", "lq_readings": (),
          "share_readings": ()}
    a = cases.district_structure(_three_districts(), order=["New", "Core", "Out"], **kw)
    b = cases.district_structure(_three_districts(), order=["Out", "New", "Core"], **kw)
    assert a.key_numbers == b.key_numbers
    pd.testing.assert_frame_equal(a.table.loc[b.table.index], b.table)


def _blank_treatments():
    # zero:    C  I  J (J blank in d3, entered as 0)   missing: C  I
    #   d1    10 10 20  (40)                                 10 10 (20)
    #   d2    20 10 10  (40)                                 20 10 (30)
    #   d3    10 10  0  (20)                                 10 10 (20)
    #   city  40 30 30 (100)                                 40 30 (70)
    zero = _district_panel({"d1": [10, 10, 20], "d2": [20, 10, 10], "d3": [10, 10, 0]},
                           sections="CIJ")
    missing = zero.select(industries=["C", "I"])
    missing.meta = {**zero.meta, "sections_with_blanks": ["J"]}
    return {"zero": zero, "missing": missing}


def test_blank_sensitivity_by_hand():
    b = cases.blank_sensitivity(_blank_treatments(), order=["d3", "d1", "d2"], n_blank=1,
                                section_names={"C": "Manufacturing", "I": "Information",
                                               "J": "Finance"})
    k, t = b.key_numbers, b.table
    assert k["n_blank_cells"] == 1
    assert k["blank_sections_dropped"] == "J Finance"
    assert k["n_sections_reported_everywhere"] == 2
    # LQ zero:    d1 C .25/.4 = .625, I .25/.3 = 5/6; d2 1.25, 5/6; d3 1.25, 5/3
    # LQ missing: d1 C .5/(4/7) = .875, I .5/(3/7) = 7/6; d2 7/6, 7/9; d3 .875, 7/6
    # largest change: d3, I |7/6 - 5/3| = .5
    assert k["blank_lq_max_abs_change"] == pytest.approx(0.5)
    assert k["blank_lq_max_change_cell"] == "d3, section I"
    assert t.index.tolist() == ["d3", "d1", "d2"]
    assert t[("zero", "manufacturing_lq")].tolist() == pytest.approx([1.25, 0.625, 1.25])
    assert t[("missing", "manufacturing_lq")].tolist() == pytest.approx([0.875, 0.875, 7 / 6])
    # entropy zero (d1, d2, d3) 1.5, 1.5, 1; missing 1, .918, 1
    assert t[("missing", "entropy_bits")].tolist() == pytest.approx(
        [1.0, 1.0, -(2 / 3) * math.log2(2 / 3) - (1 / 3) * math.log2(1 / 3)])
    # Krugman vs the rest, zero: d1 .25 + 1/12 + 1/3 = 2/3, d2 1/3, d3 .125 + .25 + .375
    # missing: d1 |.5 - .6| + |.5 - .4| = .2, d2 |2/3 - .5| * 2 = 1/3, d3 .2
    assert t[("zero", "krugman_vs_other_districts")].tolist() == pytest.approx([0.75, 2 / 3,
                                                                                1 / 3])
    assert t[("missing", "krugman_vs_other_districts")].tolist() == pytest.approx(
        [0.2, 0.2, 1 / 3])
    # diversity (LQ >= 1) zero: d3 C, I; d1 J; d2 C. missing: one each
    assert t[("zero", "diversity_n_lq_ge_1")].tolist() == [2, 1, 1]
    assert t[("missing", "diversity_n_lq_ge_1")].tolist() == [1, 1, 1]
    # Spearman on average ranks (d1, d2, d3):
    # entropy (2.5, 2.5, 1) vs (2.5, 1, 2.5): -.75 / 1.5 = -.5
    # manufacturing LQ (1, 2.5, 2.5) vs (1.5, 3, 1.5): .75 / 1.5 = .5
    # Krugman (2, 1, 3) vs (1.5, 3, 1.5): -1.5 / sqrt(2 * 1.5) = -sqrt(3) / 2
    assert k["blank_rank_corr_entropy_bits"] == pytest.approx(-0.5)
    assert k["blank_rank_corr_manufacturing_lq"] == pytest.approx(0.5)
    assert k["blank_rank_corr_krugman_vs_other_districts"] == pytest.approx(-math.sqrt(3) / 2)
    assert k["blank_rank_verdict"] == "change"
    assert k["blank_most_diverse_missing"] == "d1"  # d1 and d3 tie at 1 bit: the first
    assert k["blank_most_specialised_missing"] == "d2"


def test_blank_sensitivity_without_blanks_changes_nothing():
    zero = _blank_treatments()["zero"]
    same = zero.select(industries=["C", "I", "J"])
    same.meta = {**zero.meta, "sections_with_blanks": []}
    k = cases.blank_sensitivity({"zero": zero, "missing": same}, order=["d1", "d2", "d3"],
                                n_blank=0, section_names={}).key_numbers
    assert k["blank_lq_max_abs_change"] == 0.0
    assert k["blank_rank_verdict"] == "change little"
    assert k["blank_sections_dropped"] == ""


# --------------------------------------------------------------------------------------------
# a province among the provinces
# --------------------------------------------------------------------------------------------

PROVINCE_NAMES = {"A": "Agriculture", "C": "Manufacturing", "E": "Construction", "F": "Trade"}
BASE = {"G": [2, 30, 12, 16], "H": [9, 11, 11, 29], "K": [19, 4, 7, 30]}  # 60 workers each


def _provinces(by_year):
    long = pd.DataFrame([(y, p, s, float(v)) for y, rows in by_year.items()
                         for p, vals in rows.items() for s, v in zip("ACEF", vals)],
                        columns=["year", "province", "section", "workers"])
    hier = pd.DataFrame({"industry3": ["primary", "secondary", "secondary", "tertiary"]},
                        index=list("ACEF"))
    return Panel.from_long(long, region="province", industry="section", value="workers",
                           time="year", hierarchy=hier)


def _bits(*p):
    return -sum(x * math.log2(x) for x in p if x > 0)


REPORT = {"coverage_break_year": 2013, "national_total_2012_2013": (100.0, 150.0),
          "missing_cells": 3, "g_2017_total": 60.0, "g_2017_manufacturing": 30.0,
          "h_2017_total": 60.0, "h_2017_manufacturing": 11.0}


@pytest.mark.filterwarnings("ignore::smartregion.stability.ComplexityWarning")  # 3 regions
@pytest.mark.filterwarnings("ignore:An input array is constant")  # diversity ties
def test_province_ranks_by_hand():
    # national 30 45 30 75 of 180 (shares 1/6, 1/4, 1/6, 5/12)
    # LQ G: A .2, C 2, E 1.2, F .64; H: A .9, C 11/15, E 1.1, F 1.16; K: A 1.9, C 4/15, E .7,
    # F 1.2. Specialisations (LQ >= 1): G {C, E}, H {E, F}, K {A, F}: diversity 2 everywhere
    r = cases.province_ranks(_provinces({2017: BASE}), "G", names=PROVINCE_NAMES, tag="g",
                             report=REPORT, n_path=2)
    k, t = r.key_numbers, r.table
    assert (k["prov_break_year"], k["prov_national_2012"], k["prov_national_2013"]) == (
        2013, 100.0, 150.0)
    assert k["prov_break_ratio"] == pytest.approx(1.5)
    assert (k["prov_missing_cells"], k["prov_n_path"], k["prov_last_year"], k["prov_n_all"]) \
        == (3, 2, 2017, 3)
    assert (k["g_total_2017_10k"], k["g_manufacturing_2017_10k"]) == (60.0, 30.0)
    assert t["manufacturing_lq"].tolist() == pytest.approx([2.0, 11 / 15, 4 / 15])
    assert (k["g_manufacturing_lq_rank_2017"], k["prov_median_manufacturing_lq_2017"]) == (
        1, pytest.approx(11 / 15))
    assert k["g_manufacturing_share_2017"] == pytest.approx(0.5)
    # Herfindahl: G (4 + 900 + 144 + 256) / 3600, H 1164 / 3600, K 1326 / 3600
    assert t["herfindahl"].tolist() == pytest.approx([1304 / 3600, 1164 / 3600, 1326 / 3600])
    assert k["g_herfindahl_rank_2017"] == 2
    # Krugman vs the rest, in 120ths: G vs (28 15 18 59): 24 + 45 + 6 + 27 = 102;
    # H vs (21 34 19 46): 3 + 12 + 3 + 12 = 30; K vs (11 41 23 45): 27 + 33 + 9 + 15 = 84
    assert t["krugman_vs_rest"].tolist() == pytest.approx([102 / 120, 30 / 120, 84 / 120])
    assert k["g_krugman_vs_rest_rank_2017"] == 1
    assert k["prov_median_krugman_vs_rest_2017"] == pytest.approx(84 / 120)
    assert t["diversity"].tolist() == [2, 2, 2]
    assert k["g_diversity_rank_2017"] == 1  # a three-way tie takes the best rank
    # related variety P_secondary * H(C, E | secondary); unrelated: entropy of the 3 groups
    related = [0.7 * _bits(5 / 7, 2 / 7), 22 / 60 * 1.0, 11 / 60 * _bits(4 / 11, 7 / 11)]
    unrelated = [_bits(2 / 60, 42 / 60, 16 / 60), _bits(9 / 60, 22 / 60, 29 / 60),
                 _bits(19 / 60, 11 / 60, 30 / 60)]
    assert t["related"].tolist() == pytest.approx(related)
    assert t["unrelated"].tolist() == pytest.approx(unrelated)
    assert (k["g_related_rank_2017"], k["g_unrelated_rank_2017"]) == (1, 3)
    assert k["g_variety_reading"] == ""  # G ranks first on related variety
    # ECI on the chain G -{E}- H -{F}- K: M~ = [[3/4, 1/4, 0], [1/4, 1/2, 1/4], [0, 1/4, 3/4]]
    # has eigenvalues 1, 3/4, 1/4; the second eigenvector is (1, 0, -1), standardised
    # (ddof 0) +-(1.2247, 0, -1.2247): H sits in the middle whatever the sign.
    assert abs(t.loc["G", "eci"]) == pytest.approx(math.sqrt(1.5))
    assert t.loc["H", "eci"] == pytest.approx(0.0, abs=1e-9)
    assert t.loc["K", "eci"] == pytest.approx(-t.loc["G", "eci"])
    assert sorted(r.parts["ranks"]["eci"]) == [1, 2, 3]  # ranks are a permutation
    assert k["g_specialisations_2017"] == "manufacturing (2.00); construction (1.20)"
    assert k["g_n_lq_ge_1_2017"] == 2
    assert r.parts["region"].loc["herfindahl", "median"] == pytest.approx(1304 / 3600)
    assert sorted(k["prov_pci_lowest"].split(", ")) == sorted(
        n.lower() for n in PROVINCE_NAMES.values())
    h = cases.province_ranks(_provinces({2017: BASE}), "H", names=PROVINCE_NAMES, tag="h",
                             report=REPORT, n_path=2).key_numbers
    # H ranks 2 on related and 2 on unrelated variety (both below the middle, 1.5)
    assert (h["h_related_rank_2017"], h["h_unrelated_rank_2017"]) == (2, 2)
    assert h["h_variety_reading"].startswith(": with so much")


@pytest.mark.filterwarnings("ignore::smartregion.stability.ComplexityWarning")  # 3 regions
def test_province_path_by_hand():
    # 2011 and 2013: BASE; 2012: BASE x 1.5 except G's manufacturing 30 -> 50; 2014: 2 x BASE.
    # The full panel adds L from the coverage break (2013) on.
    grown = {p: [1.5 * v for v in vals] for p, vals in BASE.items()}
    grown["G"][1] = 50.0
    double = {p: [2 * v for v in vals] for p, vals in BASE.items()}
    complete = _provinces({2011: BASE, 2012: grown, 2013: BASE, 2014: double})
    extra = {"L": [10, 10, 10, 30]}
    full = _provinces({2013: {**BASE, **extra},
                       2014: {**double, **{p: [2 * v for v in vals] for p, vals in extra.items()}}})
    path = cases.province_path(complete, full, "G", tag="g", break_year=2013)
    k, t = path.key_numbers, path.table
    assert t.index.tolist() == [2011, 2012, 2013, 2014]
    assert t["after_coverage_break"].tolist() == [False, False, True, True]
    assert k["g_first_year"] == 2011
    # manufacturing LQ: 2 in the base years; 2012: (50 / 95) / (72.5 / 275) = 13750 / 6887.5
    assert (k["g_mlq_first"], k["g_mlq_2013"], k["g_mlq_last"]) == pytest.approx((2, 2, 2))
    assert k["g_mlq_2012"] == pytest.approx(13750 / 6887.5)
    # median: H in the middle; 2012: (16.5 / 90) / (72.5 / 275) = 4537.5 / 6525
    assert t["mlq_median"].tolist() == pytest.approx([11 / 15, 4537.5 / 6525, 11 / 15,
                                                      11 / 15])
    # the specialisation matrix is the same every year, so is the ECI rank (1 or 3)
    assert k["g_eci_rank_best"] == k["g_eci_rank_worst"] == k["g_eci_rank_first"] \
        == k["g_eci_rank_last_path"] in (1, 3)
    assert t["eci_q25"].tolist() == pytest.approx([-math.sqrt(1.5) / 2] * 4)
    assert t["eci_q75"].tolist() == pytest.approx([math.sqrt(1.5) / 2] * 4)
    # shift-share 2011-2012 (complete): national 180 -> 275, g = 19/36; g_C = 27.5/45 = 11/18,
    # other sections g_i = 1/2. G: 60 -> 95, national share 60 g = 95/3,
    # industry mix 30 (11/18 - 19/36) + 30 (1/2 - 19/36) = 5/2 - 5/6 = 5/3, regional 35 - 100/3
    assert k["g_ss_2011_2012_change"] == pytest.approx(35.0)
    assert k["g_ss_2011_2012_national_share"] == pytest.approx(95 / 3)
    assert k["g_ss_2011_2012_industry_mix"] == pytest.approx(5 / 3)
    assert k["g_ss_2011_2012_regional_share"] == pytest.approx(5 / 3)
    assert k["g_ss_2011_2012_regional_manufacturing"] == pytest.approx(50 - 30 * 29 / 18)
    assert (k["g_ss_2011_2012_regional_rank"], k["g_ss_2011_2012_n"]) == (1, 3)
    # 2013-2014 (full, with L): everything doubles, nothing is regional
    assert k["g_ss_2013_2014_national_share"] == pytest.approx(60.0)
    assert k["g_ss_2013_2014_industry_mix"] == pytest.approx(0.0, abs=1e-9)
    assert k["g_ss_2013_2014_regional_share"] == pytest.approx(0.0, abs=1e-9)
    assert k["g_ss_2013_2014_n"] == 4
    ss = path.parts["shift_share"]
    assert ss.index.tolist() == ["2011-2012", "2013-2014"]
    # the components add up to the change
    assert (ss[["national_share", "industry_mix", "regional_share"]].sum(axis=1).tolist()
            == pytest.approx(ss["change"].tolist()))
