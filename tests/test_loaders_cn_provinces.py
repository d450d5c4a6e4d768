"""China's provinces by sector and the 36 major cities' three industries: parsing, checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.datasets.cn_provinces import (
    COVERAGE_BREAK_YEAR,
    PROVINCE_NAMES,
    PROVINCE_SECTORS,
    ProvinceTableError,
    _half_unit,
    load_cn_major_cities_sectors,
    load_cn_province_sector_employment,
    parse_province_sheet,
)

# ----------------------------------------------------------------------------- no data needed


def _sheet(values: dict[tuple[str, str, str], str]) -> pd.DataFrame:
    """A sheet in the workbook's layout (row number, 地区, 年, 数据, 行业), all text."""
    rows = [{"Unnamed: 0": str(i), "地区": p, "年": y, "数据": v, "行业": s}
            for i, ((p, s, y), v) in enumerate(values.items())]
    return pd.DataFrame(rows, dtype=str)


def _grid(empty_2018: bool = True) -> dict[tuple[str, str, str], str]:
    cells = {}
    for p in ("广东省", "西藏自治区"):
        for s in ("制造业", "金融业"):
            for y, v in (("2016", "10.5"), ("2017", "12.25")):
                cells[(p, s, y)] = v
            cells[(p, s, "2018")] = np.nan if empty_2018 else "1"
    return cells


def test_sector_table_maps_both_editions():
    t = PROVINCE_SECTORS.set_index("sector_zh")
    assert len(t) == 19 and t["section"].is_unique and t["section_2002"].is_unique
    # the four sections the 2002 and 2017 editions order differently
    assert (t.loc["交通运输、仓储及邮电通信业", ["section_2002", "section"]].tolist()
            == ["F", "G"])
    assert t.loc["信息传输、计算机服务和软件业", "section"] == "I"
    assert t.loc["批发和零售业", "section"] == "F"
    assert t.loc["住宿和餐饮业", "section"] == "H"
    assert t["industry3"].value_counts().to_dict() == {"tertiary": 14, "secondary": 4,
                                                       "primary": 1}
    assert len(PROVINCE_NAMES) == 31


def test_parse_keeps_empty_cells_missing_and_removes_the_empty_year():
    cells = _grid()
    cells[("西藏自治区", "金融业", "2016")] = np.nan
    df, rep = parse_province_sheet(_sheet(cells))
    assert rep["rows_removed_empty_year_2018"] == 4
    assert rep["missing_cells"] == 1
    assert rep["missing_cell_list"] == [{"province": "Tibet", "section": "J",
                                         "sector_zh": "金融业", "year": 2016}]
    assert np.isnan(df.query("province == 'Tibet' and section == 'J' and year == 2016")
                    ["value"].iloc[0])
    assert df.query("province == 'Guangdong' and section == 'C' and year == 2017")[
        "value"].iloc[0] == 12.25
    assert df["year"].dtype == "int64" and len(df) == 8


def test_parse_refuses_a_value_in_the_empty_year():
    with pytest.raises(ProvinceTableError, match="value.*2018"):
        parse_province_sheet(_sheet(_grid(empty_2018=False)))


@pytest.mark.parametrize("cell, col, message", [
    (("广东", "制造业", "2016"), "province_zh", "unknown name"),
    (("广东省", "制造", "2016"), "sector_zh", "unknown name"),
])
def test_parse_names_row_and_column_of_unknown_names(cell, col, message):
    cells = _grid()
    cells[cell] = "1"
    with pytest.raises(ProvinceTableError, match=f"column '{col}'.*{message}.*row 14"):
        parse_province_sheet(_sheet(cells))


def test_parse_refuses_text_in_a_value_cell_and_a_bad_year():
    cells = _grid()
    cells[("广东省", "制造业", "2016")] = "1,234.5"
    with pytest.raises(ProvinceTableError, match=r"not numbers \(row 2: '1,234.5'\)"):
        parse_province_sheet(_sheet(cells))
    cells = _grid()
    del cells[("广东省", "制造业", "2016")]
    cells[("广东省", "制造业", "2016年")] = "1"
    with pytest.raises(ProvinceTableError, match="four digits"):
        parse_province_sheet(_sheet(cells))


def test_parse_refuses_repeats_gaps_negatives_and_missing_columns():
    sheet = _sheet(_grid())
    with pytest.raises(ProvinceTableError, match="repeat"):
        parse_province_sheet(pd.concat([sheet, sheet.iloc[[0]]], ignore_index=True))
    with pytest.raises(ProvinceTableError, match="every combination"):
        parse_province_sheet(sheet.drop(index=0))
    neg = sheet.copy()
    neg.loc[0, "数据"] = "-1"
    with pytest.raises(ProvinceTableError, match="negative"):
        parse_province_sheet(neg)
    with pytest.raises(ProvinceTableError, match="行业"):
        parse_province_sheet(sheet.drop(columns="行业"))


def test_half_unit_reads_the_published_precision():
    got = _half_unit(pd.Series([4350.0, 4547.1, 1837.49]))
    assert got.tolist() == [0.5, 0.05, 0.005]


def test_incomplete_option_is_checked():
    with pytest.raises(ValueError, match="drop_regions"):
        load_cn_province_sector_employment(incomplete="zero")


# ----------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def prov(load_or_skip):
    return load_or_skip(load_cn_province_sector_employment, "cn_province_sector_employment")


def test_province_panel_and_published_figures(prov):
    assert prov.panel.shape == (9, 29, 19)
    assert prov.report["panel_dropped"] == {"drop_regions": ["Ningxia", "Tibet"]}
    emp = prov.tables["employment"]
    assert len(emp) == 31 * 19 * 9
    gd = emp[(emp["province"] == "Guangdong") & (emp["year"] == 2017)]
    assert round(gd["value"].sum(), 1) == 1963.1
    assert round(gd.loc[gd["section"] == "C", "value"].iloc[0], 1) == 929.4
    # 11 empty cells, all in Tibet and Ningxia before the coverage break; never zero
    assert prov.report["missing_cells"] == 11
    assert prov.report["missing_cells_per_year"] == {2009: 3, 2010: 3, 2011: 3, 2012: 2}
    assert emp["value"].isna().sum() == 11 and (emp["value"] > 0).sum() == len(emp) - 11
    assert prov.report["rows_removed_empty_year_2018"] == 589


def test_provinces_sum_to_the_national_totals(prov):
    chk = prov.tables["national_check"]
    assert chk["passed"].all() and len(chk) == 19 * 6  # 2009-2014 overlap with the fact table
    exact = chk[(chk["missing_cells"] == 0) & (chk["year"] != 2010)]
    assert exact["gap"].abs().max() < 1e-3
    by_year = prov.tables["employment"].groupby("year")["value"].sum()
    # the coverage break: 15,236.3 in 2012, 18,108.4 in 2013 (national totals in facts/)
    assert round(by_year[2012], 1) == 15236.3 and round(by_year[2013], 1) == 18108.4
    assert COVERAGE_BREAK_YEAR == 2013
    emp = prov.tables["employment"]
    assert (emp.loc[emp["year"] >= 2013, "coverage"] == "from 2013 (wider)").all()
    assert (emp.loc[emp["year"] < 2013, "coverage"] == "before 2013").all()


def test_drop_years_keeps_all_provinces(load_or_skip):
    ds = load_or_skip(load_cn_province_sector_employment, "cn_province_sector_employment",
                      incomplete="drop_years")
    assert ds.panel.shape == (5, 31, 19)
    assert list(ds.panel.times) == [2013, 2014, 2015, 2016, 2017]


def test_city_sectors_sum_to_gdp(load_or_skip):
    ds = load_or_skip(load_cn_major_cities_sectors, "cn_major_cities_sectors")
    assert ds.report["cities"] == 36
    assert ds.report["shenzhen_2017_sector_sum"] == pytest.approx(22490, abs=0.1)
    t = ds.tables["sectors"]
    sz = t[(t["city"] == "Shenzhen") & (t["year"] == 2017)].set_index("sector")["value"]
    assert sz.to_dict() == {"primary": 19.57, "secondary": 9320.2, "tertiary": 13150.28}
    chk = ds.tables["gdp_check"]
    assert (chk["gap"].abs() <= chk["tolerance"] + 1e-9).all()
    assert ds.panel.shape[1:] == (36, 3)
    assert 2010 in ds.report["years_left_out_of_panel"]  # one city has no 2010 values


def test_section_check_refuses_a_code_tree_that_does_not_match():
    from smartregion.datasets.cn_provinces import _check_sections

    letters = PROVINCE_SECTORS["section"].tolist()
    names = dict(zip(letters, PROVINCE_SECTORS["word_2017"] + "业"))
    codes = pd.DataFrame({"code": letters, "name": [names[c] for c in letters],
                          "level": "section"})
    _check_sections(codes)  # every letter names a section holding the recorded word
    # the 2002 letters would pair transport with wholesale: refused
    swapped = codes.assign(name=codes["code"].map(
        {**names, "G": names["F"], "F": names["G"]}))
    with pytest.raises(ValueError, match="交通运输"):
        _check_sections(swapped)
