"""China's provinces by sector (NBS provincial data) and three-sector value added of the 36
major cities (NBS major-city data).

Two loaders:

* :func:`load_cn_province_sector_employment` -- employed persons in urban units (城镇单位就业人员)
  by 19 sectors, 31 provinces, 2009-2017, 10,000 persons (NBS provincial annual database
  ``fsnd``, indicators ``A040102``-``A04010K``). The sectors carry the names of GB/T 4754-2002
  in every year; :data:`PROVINCE_SECTORS` maps each to its section letter in the 2002 and the
  2017 edition (the letters F-I are ordered differently in the two editions).
* :func:`load_cn_major_cities_sectors` -- value added of the primary, secondary and tertiary
  industry of the 36 major cities, 100 million yuan, current prices.

Both check their numbers against independent totals: the provinces against the national
urban-unit totals of the ``cn_national_employment`` fact table (2009-2014), the city sectors
against the GDP of the ``cn_major_cities`` export. Missing cells are kept missing, counted and
reported; they never enter a panel as zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..panel import Panel
from ._base import Dataset
from ._registry import fetch_file

__all__ = [
    "PROVINCE_NAMES",
    "PROVINCE_SECTORS",
    "COVERAGE_BREAK_YEAR",
    "ProvinceTableError",
    "parse_province_sheet",
    "province_sector_table",
    "load_cn_province_sector_employment",
    "load_cn_major_cities_sectors",
]

PROVINCE_DATASET = "cn_province_sector_employment"
CITY_DATASET = "cn_major_cities_sectors"
COVERAGE_BREAK_YEAR = 2013
"""First year on the wider urban-unit coverage: China's total jumps from 15,236.3 (2012) to
18,108.4 (2013) ten-thousand persons, which is a change of the survey, not growth."""

PROVINCE_NAMES: dict[str, str] = {
    "北京市": "Beijing", "天津市": "Tianjin", "河北省": "Hebei", "山西省": "Shanxi",
    "内蒙古自治区": "Inner Mongolia", "辽宁省": "Liaoning", "吉林省": "Jilin",
    "黑龙江省": "Heilongjiang", "上海市": "Shanghai", "江苏省": "Jiangsu", "浙江省": "Zhejiang",
    "安徽省": "Anhui", "福建省": "Fujian", "江西省": "Jiangxi", "山东省": "Shandong",
    "河南省": "Henan", "湖北省": "Hubei", "湖南省": "Hunan", "广东省": "Guangdong",
    "广西壮族自治区": "Guangxi", "海南省": "Hainan", "重庆市": "Chongqing", "四川省": "Sichuan",
    "贵州省": "Guizhou", "云南省": "Yunnan", "西藏自治区": "Tibet", "陕西省": "Shaanxi",
    "甘肃省": "Gansu", "青海省": "Qinghai", "宁夏回族自治区": "Ningxia",
    "新疆维吾尔自治区": "Xinjiang",
}
"""Chinese -> English names of the 31 provincial-level units (as spelt in the NBS file)."""

_SECTOR_ROWS = [
    # name as published, 2002 letter, 2017 letter, word of the 2017 section name, English
    ("农林牧渔业", "A", "A", "农", "Agriculture, forestry, animal husbandry, fishery"),
    ("采矿业", "B", "B", "采矿", "Mining"),
    ("制造业", "C", "C", "制造", "Manufacturing"),
    ("电力、燃气及水的生产和供应业", "D", "D", "电力", "Electricity, gas and water"),
    ("建筑业", "E", "E", "建筑", "Construction"),
    ("交通运输、仓储及邮电通信业", "F", "G", "交通运输", "Transport, storage and post"),
    ("信息传输、计算机服务和软件业", "G", "I", "信息传输", "Information transmission, software, IT"),
    ("批发和零售业", "H", "F", "批发", "Wholesale and retail"),
    ("住宿和餐饮业", "I", "H", "住宿", "Accommodation and catering"),
    ("金融业", "J", "J", "金融", "Finance"),
    ("房地产业", "K", "K", "房地产", "Real estate"),
    ("租赁和商务服务业", "L", "L", "租赁", "Leasing and business services"),
    ("科学研究、技术服务和地质勘查业", "M", "M", "科学研究", "Scientific research and technical services"),
    ("水利、环境和公共设施管理业", "N", "N", "水利", "Water, environment, public facilities"),
    ("居民服务和其他服务业", "O", "O", "居民服务", "Household and other services"),
    ("教育业", "P", "P", "教育", "Education"),
    ("卫生、社会保障和社会福利业", "Q", "Q", "卫生", "Health and social work"),
    ("文化、体育和娱乐业", "R", "R", "文化", "Culture, sports and entertainment"),
    ("公共管理和社会组织", "S", "S", "公共管理", "Public administration"),
]
PROVINCE_SECTORS = pd.DataFrame(
    _SECTOR_ROWS, columns=["sector_zh", "section_2002", "section", "word_2017", "sector_en"],
).astype("string")
PROVINCE_SECTORS["industry3"] = PROVINCE_SECTORS["section"].map(
    lambda s: "primary" if s == "A" else "secondary" if s in "BCDE" else "tertiary"
).astype("string")
"""The 19 sectors as the NBS names them (GB/T 4754-2002 wording) with their section letter in
the 2002 edition (``section_2002``) and in the 2017 edition (``section``, the letters of the
package's GB/T 4754-2017 code tree and of the Shenzhen district panel), an English name and
China's three industries (A primary; B-E secondary; the rest tertiary). The two editions order
four sections differently: 2002 F transport, G information, H wholesale, I accommodation;
2017 F wholesale, G transport, H accommodation, I information."""

_COLUMNS = {"地区": "province_zh", "年": "year", "数据": "value", "行业": "sector_zh"}
_SHEET = "人员_原"
_PROV_CITATION = (
    "National Bureau of Statistics of China, National Data (data.stats.gov.cn), provincial "
    "annual database (fsnd), indicators A040102-A04010K: employed persons in urban units by "
    "sector (城镇单位就业人员), 10,000 persons; as downloaded in EasonQXF/pandas_final (GitHub, "
    "commit 206ce0b), 报表_原.xlsx, sheet 人员_原."
)
_CITY_CITATION = (
    "National Bureau of Statistics of China, annual data for major cities (主要城市年度数据): "
    "value added of the primary, secondary and tertiary industry (第一/二/三产业增加值), "
    "100 million yuan; as exported in Dragon1573/Math_Modeling (GitHub, commit fb26c65), "
    "Final_Thesis/data/NEA/20_Major_{PIAV,SIAV,TIAV}.xls."
)


class ProvinceTableError(ValueError):
    """A row or cell of the provincial sector table that does not parse."""


def parse_province_sheet(raw: pd.DataFrame, *, source: str = _SHEET,
                         empty_year: int | None = 2018) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Check and tidy the long sheet ``人员_原`` (region, year, value, sector).

    Parameters
    ----------
    raw : DataFrame
        The sheet as read with every column as text (``dtype=str``); an unnamed first column
        (the exporter's row number) is allowed.
    source : str
        Name used in error messages (file and sheet).
    empty_year : int or None, default 2018
        A year the export lists with no value in any cell (the database had no data yet when
        it was downloaded). Its rows are removed and counted; a value in that year raises.
        ``None``: no such year is expected.

    Returns
    -------
    (DataFrame, dict)
        Columns province (English), province_zh, year (int64), sector_zh, section (2017
        letter), section_2002, value (float64, NaN where the cell is empty); and a report
        (rows read, empty-year rows removed, missing cells with province/sector/year).

    Raises
    ------
    ProvinceTableError
        A missing column, unknown province or sector, a year or value that is not a number,
        a repeated (province, sector, year), an incomplete grid, or a value in the empty year.
        The message names the spreadsheet row (header = row 1) and column.
    """
    absent = [c for c in _COLUMNS if c not in raw.columns]
    if absent:
        raise ProvinceTableError(
            f"{source}: column(s) {absent} missing; expected {list(_COLUMNS)} in the header row.")
    df = raw[list(_COLUMNS)].rename(columns=_COLUMNS)
    rows = pd.Series(np.arange(len(df)) + 2, index=df.index)  # spreadsheet row numbers

    def fail(mask: pd.Series, col: str, what: str, fix: str) -> None:
        bad = df.loc[mask]
        first = bad.index[:5]
        cells = ", ".join(f"row {rows[i]}: {df.at[i, col]!r}" for i in first)
        raise ProvinceTableError(f"{source}, column {col!r}: {len(bad)} {what} ({cells}). {fix}")

    for col, known, fix in (("province_zh", PROVINCE_NAMES, "Add it to PROVINCE_NAMES."),
                            ("sector_zh", set(PROVINCE_SECTORS["sector_zh"]),
                             "Add it to PROVINCE_SECTORS with its section letters.")):
        unknown = ~df[col].isin(list(known))
        if unknown.any():
            fail(unknown, col, "unknown name(s)", fix)
    year_txt = df["year"].astype("string").str.strip()
    bad_year = ~year_txt.str.fullmatch(r"\d{4}").fillna(False)
    if bad_year.any():
        fail(bad_year, "year", "year(s) not written as four digits", "Correct the cell.")
    df["year"] = year_txt.astype("int64")
    value_txt = df["value"].astype("string").str.strip().replace("", pd.NA)
    value = pd.to_numeric(value_txt, errors="coerce")
    bad_value = value_txt.notna() & value.isna()
    if bad_value.any():
        fail(bad_value, "value", "cell(s) that are not numbers",
             "Write a number or leave the cell empty (missing).")
    if (value < 0).any():
        fail(value < 0, "value", "negative cell(s)", "Employment cannot be negative.")
    df["value"] = value.astype("float64")
    dup = df.duplicated(["province_zh", "sector_zh", "year"], keep=False)
    if dup.any():
        fail(dup, "province_zh", "rows repeat a (province, sector, year)", "Remove the repeat.")

    report: dict[str, Any] = {"rows_read": int(len(df))}
    if empty_year is not None:
        in_empty = df["year"] == empty_year
        if df.loc[in_empty, "value"].notna().any():
            fail(in_empty & df["value"].notna(), "value", f"value(s) in {empty_year}",
                 f"The export has no {empty_year} data; pass empty_year=None if it now does.")
        report[f"rows_removed_empty_year_{empty_year}"] = int(in_empty.sum())
        df = df.loc[~in_empty]
    n_expect = df["province_zh"].nunique() * df["sector_zh"].nunique() * df["year"].nunique()
    if len(df) != n_expect:
        raise ProvinceTableError(
            f"{source}: {len(df)} rows, but {n_expect} provinces x sectors x years expected; "
            "every combination must have a row (empty cell = missing).")
    sec = PROVINCE_SECTORS.set_index("sector_zh")
    df["province"] = df["province_zh"].map(PROVINCE_NAMES).astype("string")
    df["section"] = df["sector_zh"].map(sec["section"]).astype("string")
    df["section_2002"] = df["sector_zh"].map(sec["section_2002"]).astype("string")
    df = df.astype({"province_zh": "string", "sector_zh": "string"})
    df = df[["province", "province_zh", "year", "sector_zh", "section", "section_2002", "value"]]
    df = df.sort_values(["province", "section", "year"]).reset_index(drop=True)
    miss = df[df["value"].isna()]
    report["missing_cells"] = int(len(miss))
    report["missing_cells_per_year"] = {int(k): int(v) for k, v in
                                        miss.groupby("year").size().items()}
    report["missing_cell_list"] = miss[["province", "section", "sector_zh", "year"]].astype(
        {"sector_zh": str}).to_dict("records")
    return df, report


def _check_sections(codes: pd.DataFrame | None) -> None:
    """Each 2017 letter names a section of the code tree whose name holds the recorded word."""
    if codes is None:
        from .codes import load_gbt4754

        codes = load_gbt4754().tables["codes"]
    sections = codes[codes["level"] == "section"].set_index("code")["name"]
    for _, row in PROVINCE_SECTORS.iterrows():
        name = sections.get(row["section"])
        if name is None or row["word_2017"] not in name:
            raise ValueError(f"sector {row['sector_zh']} -> section {row['section']}: the "
                             f"GB/T 4754-2017 code tree names it {name!r}, which lacks "
                             f"{row['word_2017']!r}.")


def _national_check(df: pd.DataFrame) -> pd.DataFrame:
    """Provinces summed by sector and year against the national urban-unit totals.

    Exact (0.001) where no province cell is missing; 2010 is published to one decimal per
    province, so its tolerance is 31 x 0.05; where cells are missing the provinces must fall
    short of the nation, and the shortfall is the implied sum of the missing cells.
    """
    from .facts import load_facts

    nat = load_facts("cn_national_employment").tables["employment"]
    nat = nat[nat["sector_en"] != "Total"].astype({"sector": str})
    nat = nat.set_index(["year", "sector"])["employment_10k_persons"]
    g = df.groupby(["year", "sector_zh"])
    prov = pd.DataFrame({"provinces": g["value"].sum(min_count=1),
                         "missing_cells": g["value"].agg(lambda s: int(s.isna().sum()))})
    prov.index = prov.index.set_levels(prov.index.levels[1].astype(str), level=1)
    both = prov.join(nat.rename("national").rename_axis(["year", "sector_zh"]), how="inner")
    both["gap"] = both["national"] - both["provinces"]
    years = both.index.get_level_values("year")
    both["tolerance"] = np.where(both["missing_cells"] > 0, np.inf,
                                 np.where(years == 2010, 31 * 0.05, 1e-3))
    both["passed"] = (both["gap"].abs() <= both["tolerance"]) & \
        ((both["missing_cells"] == 0) | (both["gap"] >= -1e-3))
    both["implied_missing_sum"] = both["gap"].where(both["missing_cells"] > 0)
    return both.reset_index()


def province_sector_table(*, download: bool = True) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The checked long table of the workbook (see :func:`parse_province_sheet`)."""
    path = fetch_file(PROVINCE_DATASET, "cn_province_sector_employment.xlsx", download=download)
    raw = pd.read_excel(path, sheet_name=_SHEET, dtype=str)
    return parse_province_sheet(raw, source=f"{path.name}, sheet {_SHEET}")


def load_cn_province_sector_employment(
    *, incomplete: Literal["drop_regions", "drop_years"] = "drop_regions",
    download: bool = True, codes: pd.DataFrame | None = None,
) -> Dataset:
    """Load urban-unit employment of China's 31 provinces by 19 sectors, 2009-2017.

    Unit: 10,000 persons (万人). Urban units (城镇单位) are state, collective and other legal-person
    units in towns and cities; private units (私营单位) and the self-employed are not counted.
    From 2013 the coverage is wider (:data:`COVERAGE_BREAK_YEAR`): the national total jumps by
    19% from 2012 to 2013; compare levels within 2009-2012 or within 2013-2017, not across.

    Checks (all must pass, else ``ValueError`` listing each failure): the sector letters against
    the GB/T 4754-2017 code tree; the provinces summed by sector against the national totals
    of the ``cn_national_employment`` fact table for 2009-2014 (exact to 0.001 where no cell
    is missing; 2010 is published to one decimal per province); Guangdong 2017 = 1,963.1 in
    all sectors and 929.4 in manufacturing.

    Parameters
    ----------
    incomplete : {"drop_regions", "drop_years"}, default "drop_regions"
        The workbook leaves 11 cells empty (Tibet and Ningxia, 2009-2012). They are missing,
        never zero. ``"drop_regions"``: the panel keeps 2009-2017 and the provinces with no
        empty cell (29); ``"drop_years"``: the panel keeps all 31 provinces and the years
        with no empty cell (2013-2017). Either way the dropped provinces or years are listed
        in ``report["panel_dropped"]`` and the full table keeps every cell.
    download : bool, default True
    codes : DataFrame, optional
        The GB/T 4754-2017 code table (``load_gbt4754().tables["codes"]``), to skip reloading.

    Returns
    -------
    Dataset
        ``panel``: province x section (2017 letters; hierarchy ``industry3``: China's three
        industries) x year. ``tables``: ``employment`` (every cell, NaN
        where empty; ``coverage`` marks the years before and from the 2013 break),
        ``sectors`` (:data:`PROVINCE_SECTORS`), ``national_check``.
    """
    if incomplete not in ("drop_regions", "drop_years"):
        raise ValueError(f"incomplete must be 'drop_regions' or 'drop_years'; got {incomplete!r}.")
    df, report = province_sector_table(download=download)
    _check_sections(codes)
    check = _national_check(df)
    failures = [f"{r.year} {r.sector_zh}: provinces {r.provinces:.4f}, nation {r.national:.4f}"
                for r in check.itertuples() if not r.passed]
    totals = df.groupby(["province", "year"])["value"].sum(min_count=1)
    gd_total = float(totals.loc[("Guangdong", 2017)])
    gd_mfg = float(df.query("province == 'Guangdong' and year == 2017 and section == 'C'")
                   ["value"].iloc[0])
    if round(gd_total, 1) != 1963.1:
        failures.append(f"Guangdong 2017 total {gd_total:.4f}, published 1,963.1")
    if round(gd_mfg, 1) != 929.4:
        failures.append(f"Guangdong 2017 manufacturing {gd_mfg:.4f}, published 929.4")
    if failures:
        raise ValueError(f"{PROVINCE_DATASET}: checks fail:\n- " + "\n- ".join(failures))
    report.update({
        "national_check_sector_years": int(len(check)),
        "national_check_max_abs_gap_complete": round(float(
            check.loc[check["missing_cells"] == 0, "gap"].abs().max()), 4),
        "guangdong_2017_total": round(gd_total, 4),
        "guangdong_2017_manufacturing": round(gd_mfg, 4),
        "coverage_break_year": COVERAGE_BREAK_YEAR,
        "national_total_2012_2013": [
            round(float(df.loc[df["year"] == y, "value"].sum()), 1) for y in (2012, 2013)],
        "codebook_note": ("fsnd_zb_meta.tsv, A040101: urban-unit data exclude private units; "
                          "from 2012 sectors follow a new classification standard, not "
                          "comparable with earlier years (the names in the file stay the 2002 "
                          "ones)"),
    })
    df["coverage"] = pd.Series(np.where(df["year"] >= COVERAGE_BREAK_YEAR, "from 2013 (wider)",
                                        "before 2013"), index=df.index, dtype="string")
    empty = df[df["value"].isna()]
    if incomplete == "drop_regions":
        dropped = sorted(empty["province"].unique())
        keep = df[~df["province"].isin(dropped)]
    else:
        dropped = sorted(int(y) for y in empty["year"].unique())
        keep = df[~df["year"].isin(dropped)]
    report["panel_dropped"] = {incomplete: dropped}
    hier = PROVINCE_SECTORS.set_index("section")[["industry3"]]
    panel = Panel.from_long(
        keep, region="province", industry="section", value="value", time="year",
        hierarchy=hier,
        meta={"unit": "10,000 persons (urban units)", "source": _PROV_CITATION,
              "classification": "GB/T 4754-2002 sectors, keyed by GB/T 4754-2017 letters",
              "coverage_break_year": COVERAGE_BREAK_YEAR,
              "incomplete": incomplete, "dropped": dropped},
    )
    return Dataset(
        name=PROVINCE_DATASET,
        panel=panel,
        descr=(
            "China, employed persons in urban units by 19 sectors, 31 provinces, 2009-2017, "
            "10,000 persons (NBS provincial annual data, fsnd A040102-A04010K). Sector names "
            "are those of GB/T 4754-2002 in every year; the panel keys them by GB/T 4754-2017 "
            "section letters. Urban units exclude private units and the self-employed. From "
            f"{COVERAGE_BREAK_YEAR} the survey covers more units (national total 15,236.3 -> "
            "18,108.4 from 2012 to 2013): levels and changes across that year mix coverage and "
            "growth. Eleven cells (Tibet, Ningxia; 2009-2012) are empty and stay missing."),
        citation=_PROV_CITATION,
        licence="None stated by the compiling repository; official NBS statistics.",
        tables={"employment": df, "sectors": PROVINCE_SECTORS.copy(), "national_check": check},
        report=report,
    )


# --------------------------------------------------------------------------------------------
# major cities: three-sector value added
# --------------------------------------------------------------------------------------------

_CITY_FILES: Mapping[str, tuple[str, str]] = {
    "primary": ("20_Major_PIAV.xls", "第一产业增加值"),
    "secondary": ("20_Major_SIAV.xls", "第二产业增加值"),
    "tertiary": ("20_Major_TIAV.xls", "第三产业增加值"),
}


def _city_sector_long(path: Path, indicator: str) -> pd.DataFrame:
    from .china import CITY_NAMES, _read_nbs_sheet, _to_long

    header, rows, notes = _read_nbs_sheet(path)
    if indicator not in notes.get("指标", ""):
        raise ValueError(f"{path.name}: expected indicator {indicator}, the file states "
                         f"{notes.get('指标')!r}.")
    long = _to_long(header, rows, path, "city_zh")
    unknown = sorted(set(long["city_zh"]) - set(CITY_NAMES))
    if unknown:
        raise ValueError(f"{path.name}: cities without an English name in CITY_NAMES: "
                         f"{unknown}.")
    long["city"] = long["city_zh"].map(CITY_NAMES)
    return long


def _half_unit(values: pd.Series) -> pd.Series:
    """Half a unit of the last published decimal of each value (0, 1 or 2 decimals)."""
    v = values.to_numpy(dtype="float64")
    out = np.full(v.shape, 0.005)
    for d in (1, 0):
        out = np.where(np.isclose(v, np.round(v, d), rtol=0, atol=1e-9), 0.5 * 10.0 ** -d, out)
    return pd.Series(out, index=values.index)


def load_cn_major_cities_sectors(*, download: bool = True) -> Dataset:
    """Load value added of the three industries of China's 36 major cities.

    Unit: 100 million yuan (亿元), current prices. The files cover 1999-2018; 2018 is empty
    everywhere and the early years are sparse. Every empty cell is left out of the tidy table
    and counted per year in ``report``.

    Checks: the three sectors add up to the city's GDP in the ``cn_major_cities`` export
    wherever all four are filled, within the rounding of the four published values (half a
    unit of each value's last decimal: 2009 GDP is published in whole 100 million yuan, some
    years to one decimal; the largest gap is reported), and Shenzhen 2017 sums to 22,490 (to 1).

    Returns
    -------
    Dataset
        ``panel``: city x sector (primary, secondary, tertiary) x year for the years in which
        all 36 cities have all three sectors. ``tables["sectors"]``: city, city_zh, year,
        sector, value (all filled cells); ``tables["gdp_check"]``: per city-year the sum of
        the sectors, the GDP and the gap.
    """
    from .china import load_cn_major_cities

    parts = []
    for sector, (fname, indicator) in _CITY_FILES.items():
        path = fetch_file(CITY_DATASET, fname, download=download)
        parts.append(_city_sector_long(path, indicator).assign(sector=sector))
    long = pd.concat(parts, ignore_index=True)
    report: dict[str, Any] = {
        "cities": int(long["city"].nunique()),
        "empty_cells_per_year": {int(k): int(v) for k, v in
                                 long[long["value"].isna()].groupby("year").size().items()},
    }
    long = long.dropna(subset=["value"])
    long = long[["city", "city_zh", "year", "sector", "value"]].astype(
        {"city": "string", "city_zh": "string", "sector": "string", "year": "int64"})
    long = long.sort_values(["city", "sector", "year"]).reset_index(drop=True)
    wide = long.pivot_table(index=["city", "year"], columns="sector", values="value")
    gdp = load_cn_major_cities().tables["gdp"].set_index(["city", "year"])["gdp"]
    full = wide.dropna()
    check = pd.DataFrame({"sector_sum": full.sum(axis=1)}).join(gdp.rename("gdp"), how="left")
    check["gap"] = check["sector_sum"] - check["gdp"]
    check["tolerance"] = _half_unit(check["gdp"]) + sum(_half_unit(full[c]) for c in full)
    failures = []
    bad = check["gap"].abs() > check["tolerance"] + 1e-9
    if bad.any():
        worst = check.loc[bad, "gap"].abs().idxmax()
        failures.append(f"{int(bad.sum())} city-years where the sectors differ from GDP by more "
                        f"than the rounding of the published values (worst {worst}: "
                        f"{check.loc[worst, 'gap']:.2f})")
    sz = float(check.loc[("Shenzhen", 2017), "sector_sum"])
    if abs(sz - 22490) > 1:
        failures.append(f"Shenzhen 2017 sector sum {sz:.2f}, published GDP 22,490")
    if failures:
        raise ValueError(f"{CITY_DATASET}: checks fail:\n- " + "\n- ".join(failures))
    report.update({
        "city_years_checked_against_gdp": int(check["gdp"].notna().sum()),
        "city_years_without_gdp": int(check["gdp"].isna().sum()),
        "max_abs_gap_to_gdp": round(float(check["gap"].abs().max()), 4),
        "shenzhen_2017_sector_sum": round(sz, 2),
    })
    per_year = full.reset_index().groupby("year").size()
    years = [int(y) for y, n in per_year.items() if n == report["cities"]]
    report["panel_years"] = [min(years), max(years)] if years else []
    report["years_left_out_of_panel"] = sorted(int(y) for y in per_year.index if y not in years)
    panel = Panel.from_long(
        long[long["year"].isin(years)], region="city", industry="sector", value="value",
        time="year",
        meta={"unit": "100 million yuan, current prices", "source": _CITY_CITATION,
              "value": "value added by industry"})
    return Dataset(
        name=CITY_DATASET,
        panel=panel,
        descr=(
            "Value added of the primary, secondary and tertiary industry of China's 36 major "
            "cities (municipalities, provincial capitals, sub-provincial cities), 100 million "
            "yuan at current prices, NBS major-city annual data as exported in 2019. The three "
            "add up to the GDP of the cn_major_cities export. Nominal values: shares and "
            "shift-share components mix real growth and relative prices."),
        citation=_CITY_CITATION,
        licence="MIT (compiling repository); underlying data are official NBS statistics.",
        tables={"sectors": long, "gdp_check": check.reset_index()},
        report=report,
    )
