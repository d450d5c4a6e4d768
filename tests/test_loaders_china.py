"""Tests of the Chinese city loaders, the growth ranking and the Shenzhen GB/T 4754 template."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smartregion.datasets.china import (
    CITY_NAMES,
    SHENZHEN_PREFCODE,
    growth_ranking,
    level_shifts,
    load_cn_major_cities,
    load_cn_prefecture_panel,
    shenzhen_template,
)

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "data" / "example" / "shenzhen_template_gbt4754.csv"


# ----------------------------------------------------------------------------- no data needed


def test_growth_ranking_hand_case():
    t = pd.DataFrame({
        "prefcode": [1, 1, 2, 2, 3, 3, 4],
        "year": [2000, 2010, 2000, 2010, 2000, 2010, 2000],
        "gdp": [100.0, 200.0, 100.0, 400.0, 100.0, np.nan, 10.0],
    })
    r = growth_ranking(t, 2000, 2010)
    # 400/100 over ten years: 4 ** 0.1 - 1; 200/100: 2 ** 0.1 - 1
    assert r.loc[2, "cagr"] == pytest.approx(4 ** 0.1 - 1)
    assert r.loc[1, "cagr"] == pytest.approx(2 ** 0.1 - 1)
    assert r["rank"].tolist()[:2] == [1, 2]
    # units without both endpoints are kept, unranked, and listed last
    assert len(r) == 4
    assert r.loc[[3, 4], "rank"].isna().all()
    assert r.index[-2:].tolist() == [3, 4]


def test_growth_ranking_rejects_bad_period_and_duplicates():
    t = pd.DataFrame({"prefcode": [1, 1], "year": [2000, 2000], "gdp": [1.0, 2.0]})
    with pytest.raises(ValueError, match="after"):
        growth_ranking(t, 2010, 2000)
    with pytest.raises(ValueError, match="repeats"):
        growth_ranking(t, 2000, 2010)


def test_city_name_table_covers_36_cities():
    assert len(CITY_NAMES) == 36
    assert CITY_NAMES["深圳"] == "Shenzhen" and CITY_NAMES["广州"] == "Guangzhou"
    assert len(set(CITY_NAMES.values())) == 36


def test_shipped_template_shape():
    df = pd.read_csv(TEMPLATE, dtype={"industry": str})
    assert list(df.columns) == ["region", "industry", "year", "employment"]
    # GB/T 4754-2017 manufacturing is section C, divisions 13..43 (31 divisions)
    divisions = [str(d) for d in range(13, 44)]
    assert sorted(df["region"].unique()) == ["Guangzhou", "Shenzhen"]
    for region in ("Shenzhen", "Guangzhou"):
        assert df.loc[df["region"] == region, "industry"].tolist() == divisions
    assert len(df) == 62
    assert df["employment"].isna().all()
    assert not df.duplicated(["region", "industry", "year"]).any()


# ----------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def major(load_or_skip):
    return load_or_skip(load_cn_major_cities, "cn_major_cities")


@pytest.fixture(scope="module")
def prefecture(load_or_skip):
    return load_or_skip(load_cn_prefecture_panel, "cn_prefecture_panel")


@pytest.mark.data
def test_major_cities_shenzhen_gdp(major):
    gdp = major.tables["gdp"].set_index(["city", "year"])["gdp"]
    assert gdp[("Shenzhen", 2001)] == 1954.17
    assert gdp[("Shenzhen", 2017)] == 22490.06
    assert major.tables["gdp"]["city"].nunique() == 36
    years = major.tables["gdp"].groupby("year")["city"].nunique()
    assert (years.loc[2001:2003] == 36).all() and years.loc[2017] == 36
    assert 2018 not in years.index  # the 2018 column is empty in the export
    assert major.report["gdp_empty_cells_per_year"][2018] == 36


@pytest.mark.data
def test_major_cities_sectors_and_panel(major):
    s = major.tables["sectors"].set_index(["city", "indicator", "year"])["value"]
    # cells of 20_Shenzhen_All.xls / 20_Guangzhou_All.xls, 2017
    assert s[("Shenzhen", "secondary", 2017)] == 9320.2
    assert s[("Shenzhen", "tertiary", 2017)] == 13150.28
    assert s[("Guangzhou", "primary", 2017)] == 233.49
    panel = major.panel
    assert sorted(panel.regions) == ["Guangzhou", "Shenzhen"]
    assert sorted(panel.industries) == ["primary", "secondary", "tertiary"]
    assert list(panel.times) == list(range(2007, 2018))
    # three sectors add up to GDP up to rounding of the published figures
    assert major.report["sector_sum_minus_gdp_max_abs"] < 1.0


@pytest.mark.data
def test_prefecture_panel_coverage(prefecture):
    t = prefecture.tables["prefecture"]
    assert t["prefcode"].nunique() == 334
    assert (t["year"].min(), t["year"].max()) == (1991, 2019)
    assert not t.duplicated(["prefcode", "year"]).any()
    sz = t[t["prefcode"] == SHENZHEN_PREFCODE].set_index("year")
    assert set(sz["prefecture"]) == {"Shenzhen"}
    assert set(sz["province"]) == {"Guangdong"}
    # the yearbook series agrees with the NBS major-city figure for 2017 (100 million yuan)
    assert sz.loc[2017, "gdp"] == pytest.approx(22490.06, abs=0.01)
    # the four province-level municipalities are not prefectures here
    assert not t["prefecture"].isin(["Beijing", "Shanghai", "Tianjin", "Chongqing"]).any()


@pytest.mark.data
def test_prefecture_missing_values_are_counted_not_dropped(prefecture):
    t = prefecture.tables["prefecture"]
    miss = prefecture.report["gdp_missing_per_year"]
    assert sum(miss.values()) == int(t["gdp"].isna().sum())
    assert set(miss) == set(range(1991, 2020))
    assert sum(prefecture.report["pop_missing_per_year"].values()) == int(t["pop"].isna().sum())
    # one unit (Danzhou, 4604) is present for fewer years; every other code for all 29
    assert prefecture.report["prefectures_with_fewer_years"] == {4604: 21}


@pytest.mark.data
def test_prefecture_growth_ranking_shenzhen(prefecture):
    t = prefecture.tables["prefecture"]
    r = growth_ranking(t, 2001, 2017)
    assert len(r) == 334
    sz = r.loc[SHENZHEN_PREFCODE]
    expected = (sz["end_value"] / sz["start_value"]) ** (1 / 16) - 1
    assert sz["cagr"] == pytest.approx(expected)
    faster = (r["cagr"] > sz["cagr"]).sum()
    assert sz["rank"] == faster + 1


@pytest.mark.data
def test_template_function_matches_shipped_file(load_or_skip):
    built = load_or_skip(shenzhen_template, "GB/T 4754 code list")
    shipped = pd.read_csv(TEMPLATE, dtype={"industry": str})
    pd.testing.assert_frame_equal(built.reset_index(drop=True), shipped, check_dtype=False)


@pytest.mark.data
def test_two_gdp_vintages_for_shenzhen(major, prefecture):
    """The NBS export's 2001-2004 values are the unrevised vintage; the panel's are not.

    Cells of 20_Shenzhen_All.xls and prefecture.dta: 2001 GDP 1954.17 (NBS) vs 2522.95
    (panel), ratio 1.29; from 2005 the two agree within 5 %; the NBS export jumps by 45 %
    from 2004 (3422.80) to 2005 (4950.91).
    """
    nbs = major.tables["gdp"].set_index(["city", "year"])["gdp"].loc["Shenzhen"]
    t = prefecture.tables["prefecture"]
    panel = t[t["prefcode"] == SHENZHEN_PREFCODE].set_index("year")["gdp"]
    assert panel[2001] / nbs[2001] == pytest.approx(1.291, abs=0.001)
    assert nbs[2005] / nbs[2004] - 1 == pytest.approx(0.4464, abs=0.0005)
    ratio = (panel.loc[2005:2017] / nbs.loc[2005:2017])
    assert ratio.max() < 1.05 and ratio.min() > 0.99
    assert panel[2017] == pytest.approx(nbs[2017], abs=0.01)


# ----------------------------------------------------------------------------- level shifts


def _series(**units):
    rows = []
    for u, vals in units.items():
        rows += [{"unit": u, "year": 2000 + i, "gdp": v} for i, v in enumerate(vals)]
    return pd.DataFrame(rows)


def test_level_shift_flags_an_outlying_jump_only():
    # ten units growing 8-12% a year; unit j doubles in 2003 (a boundary or series change)
    base = {f"u{i}": [100 * (1.08 + 0.005 * i) ** t for t in range(6)] for i in range(9)}
    base["j"] = [100, 110, 121, 266.2, 292.8, 322.1]
    got = level_shifts(_series(**base), unit="unit")
    assert got[["unit", "year", "reason"]].to_dict("records") == [
        {"unit": "j", "year": 2003, "reason": "outlying jump"}]
    assert got.loc[0, "log_change"] == pytest.approx(np.log(2.2))
    # the same unit outside the window is not flagged
    assert level_shifts(_series(**base), unit="unit", start=2003).empty


def test_level_shift_population_jump_and_minimum_size():
    t = _series(a=[100, 110, 121], b=[100, 111, 122], c=[100, 109, 130])
    t["pop"] = [10, 10, 10, 10, 10, 10, 10, 10, 14.0]  # c's population +40% in 2002
    got = level_shifts(t, unit="unit", pop="pop")
    # c's GDP jump (+19%) is below min_jump: flagged for the population change only
    assert got[["unit", "year", "reason"]].to_dict("records") == [
        {"unit": "c", "year": 2002, "reason": "population jump"}]
    assert got.loc[0, "pop_log_change"] == pytest.approx(np.log(1.4))
    with pytest.raises(ValueError, match="positive"):
        level_shifts(t, unit="unit", k=0)
    with pytest.raises(ValueError, match="'gdp_real'"):
        level_shifts(t, unit="unit", value="gdp_real")


def test_level_shifts_in_the_prefecture_panel(load_or_skip):
    ds = load_or_skip(load_cn_prefecture_panel, "cn_prefecture_panel")
    t = ds.tables["prefecture"]
    flags = level_shifts(t, value="gdp_real", pop="pop", start=2001, end=2017)
    keyed = {(int(r.prefcode), int(r.year)): r.reason for r in flags.itertuples()}
    assert keyed[(3401, 2011)] == "population jump"  # Hefei absorbs part of Chaohu
    assert keyed[(5401, 2003)] == "outlying jump"  # Lhasa's GDP doubles
    assert not any(code == SHENZHEN_PREFCODE for code, _ in keyed)
    sz = t[(t["prefcode"] == SHENZHEN_PREFCODE) & (t["year"] == 2017)].iloc[0]
    assert sz["gdp_real"] == pytest.approx(sz["gdp"] / sz["deflator_index"], rel=1e-6)
