"""Loaders for Chinese city data: NBS major-city GDP, a prefecture GDP/population panel, and
the GB/T 4754 template a user fills to run the industry-structure analysis for Shenzhen.

Shenzhen's industry structure is available here for one year only, by GB/T 4754 section and
district (2016, :mod:`smartregion.datasets.shenzhen`). Employment by manufacturing division
over time is published in the Shenzhen and Guangdong statistical yearbooks but not as a
machine-readable file; :func:`shenzhen_template` writes the exact long table that a user fills
from them to run the division-level analysis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..panel import Panel
from ._base import Dataset
from ._registry import fetch_file

__all__ = [
    "CITY_NAMES",
    "load_cn_major_cities",
    "load_cn_prefecture_panel",
    "growth_ranking",
    "level_shifts",
    "shenzhen_template",
    "SHENZHEN_PREFCODE",
]

SHENZHEN_PREFCODE = 4403
"""Shenzhen's prefecture code in the prefecture panel (Guangdong 44, city 03)."""

CITY_NAMES: dict[str, str] = {
    "北京": "Beijing", "天津": "Tianjin", "石家庄": "Shijiazhuang", "太原": "Taiyuan",
    "呼和浩特": "Hohhot", "沈阳": "Shenyang", "大连": "Dalian", "长春": "Changchun",
    "哈尔滨": "Harbin", "上海": "Shanghai", "南京": "Nanjing", "杭州": "Hangzhou",
    "宁波": "Ningbo", "合肥": "Hefei", "福州": "Fuzhou", "厦门": "Xiamen",
    "南昌": "Nanchang", "济南": "Jinan", "青岛": "Qingdao", "郑州": "Zhengzhou",
    "武汉": "Wuhan", "长沙": "Changsha",
    "广州": "Guangzhou", "深圳": "Shenzhen", "南宁": "Nanning", "海口": "Haikou",
    "重庆": "Chongqing", "成都": "Chengdu", "贵阳": "Guiyang", "昆明": "Kunming",
    "拉萨": "Lhasa",
    "西安": "Xi'an", "兰州": "Lanzhou", "西宁": "Xining", "银川": "Yinchuan",
    "乌鲁木齐": "Urumqi",
}
"""Chinese -> English names of the 36 cities of the NBS major-city database."""

_INDICATORS = {
    "国内生产总值(亿元)": "gdp",
    "第一产业增加值(亿元)": "primary",
    "第二产业增加值(亿元)": "secondary",
    "第三产业增加值(亿元)": "tertiary",
}
_NBS_CITATION = (
    "National Bureau of Statistics of China, annual data for major cities "
    "(主要城市年度数据), "
    "exported 2019 and compiled in Dragon1573/Math_Modeling (GitHub, commit 339816d), "
    "Final_Thesis/data/20_*.xls."
)
_PREF_CITATION = (
    "China City Statistical Yearbooks (National Bureau of Statistics of China), prefecture GDP "
    "and population 1991-2019 as compiled by M. Wiebe in maswiebe/meritocratic_promotion "
    "(GitHub, commit bc82d11), data/prefecture.dta."
)


# --------------------------------------------------------------------------------------------
# NBS major cities
# --------------------------------------------------------------------------------------------


def _read_nbs_sheet(path: Path) -> tuple[list[str], list[list[Any]], dict[str, str]]:
    """Header years, data rows (label + cells) and the 'key: value' notes above the table."""
    import xlrd

    book = xlrd.open_workbook(str(path))
    sheet = book.sheet_by_index(0)
    notes: dict[str, str] = {}
    header_row = None
    for r in range(sheet.nrows):
        first = str(sheet.cell_value(r, 0)).strip()
        if first in ("地区", "指标"):
            header_row = r
            break
        if "：" in first:
            key, _, val = first.partition("：")
            notes[key] = val
    if header_row is None:
        raise ValueError(f"{path.name}: no header row starting with 地区/指标 found.")
    header = [str(sheet.cell_value(header_row, c)).strip() for c in range(sheet.ncols)]
    rows = []
    for r in range(header_row + 1, sheet.nrows):
        first = str(sheet.cell_value(r, 0)).strip()
        if first.startswith("数据来源") or first.startswith("注"):
            notes.setdefault("footer", first)
            continue
        if not first:
            continue
        rows.append([first] + [sheet.cell_value(r, c) for c in range(1, sheet.ncols)])
    return header, rows, notes


def _years(header: list[str], path: Path) -> list[int]:
    years = []
    for h in header[1:]:
        m = re.fullmatch(r"(\d{4})年", h)
        if m is None:
            raise ValueError(f"{path.name}: column header {h!r} is not a year like '2017年'.")
        years.append(int(m.group(1)))
    return years


def _to_long(header: list[str], rows: list[list[Any]], path: Path, label: str) -> pd.DataFrame:
    years = _years(header, path)
    recs = []
    for row in rows:
        for y, cell in zip(years, row[1:], strict=True):
            if isinstance(cell, str) and cell.strip() == "":
                val = np.nan
            elif isinstance(cell, (int, float)):
                val = float(cell)
            else:
                raise ValueError(f"{path.name}: cell {row[0]!r}/{y} holds {cell!r}, not a number.")
            recs.append({label: row[0], "year": y, "value": val})
    return pd.DataFrame(recs)


def load_cn_major_cities() -> Dataset:
    """Load NBS annual GDP of 36 major Chinese cities and three-sector value added of Shenzhen
    and Guangzhou.

    Values are in 100 million yuan (亿元), current prices. The files cover columns 1999-2018:
    2018 is empty for every city, 1999-2000 are filled for five cities only and GDP 2001-2017
    for all (with a few gaps for Lhasa); sector value added runs 2007-2017. Empty cells are left
    out of the tidy tables and counted per year in ``report``.

    Returns
    -------
    Dataset
        ``tables["gdp"]``: city, city_zh, year, gdp (36 cities).
        ``tables["sectors"]``: city, city_zh, year, indicator (gdp, primary, secondary,
        tertiary), value, for Shenzhen and Guangzhou.
        ``panel``: city x sector (primary/secondary/tertiary) x year value added, Shenzhen and
        Guangzhou, 2007-2017 (the years with all three sectors).

    Raises
    ------
    DataNotAvailableError
        A file is neither cached nor downloadable.
    ValueError
        A city name not in :data:`CITY_NAMES`, or the two GDP sources disagree.
    """
    report: dict[str, Any] = {}
    gdp_path = fetch_file("cn_major_cities", "20_Major_GDP.xls")
    header, rows, notes = _read_nbs_sheet(gdp_path)
    if "国内生产总值" not in notes.get("指标", ""):
        raise ValueError(f"{gdp_path.name}: expected the GDP indicator, found notes {notes}.")
    gdp = _to_long(header, rows, gdp_path, "city_zh")
    unknown = sorted(set(gdp["city_zh"]) - set(CITY_NAMES))
    if unknown:
        raise ValueError(
            f"{gdp_path.name}: cities without an English name in CITY_NAMES: {unknown}."
        )
    gdp["city"] = gdp["city_zh"].map(CITY_NAMES)
    empty = gdp[gdp["value"].isna()]
    report["gdp_cities"] = int(gdp["city"].nunique())
    report["gdp_empty_cells_per_year"] = {int(k): int(v) for k, v in
                                          empty.groupby("year").size().items()}
    report["gdp_empty_cells_2001_2017"] = (
        empty[empty["year"].between(2001, 2017)][["city", "year"]]
        .sort_values(["city", "year"]).to_dict("records"))
    gdp = gdp.dropna(subset=["value"]).rename(columns={"value": "gdp"})
    gdp = gdp[["city", "city_zh", "year", "gdp"]].sort_values(["city", "year"])
    gdp = gdp.reset_index(drop=True)

    parts = []
    for city_file in ("20_Shenzhen_All.xls", "20_Guangzhou_All.xls"):
        path = fetch_file("cn_major_cities", city_file)
        header, rows, notes = _read_nbs_sheet(path)
        city_zh = notes.get("地区", "").strip()
        if city_zh not in CITY_NAMES:
            raise ValueError(f"{city_file}: region {city_zh!r} is not in CITY_NAMES.")
        long = _to_long(header, rows, path, "indicator_zh")
        bad = sorted(set(long["indicator_zh"]) - set(_INDICATORS))
        if bad:
            raise ValueError(f"{city_file}: unknown indicators {bad}.")
        long["indicator"] = long["indicator_zh"].map(_INDICATORS)
        long["city_zh"] = city_zh
        long["city"] = CITY_NAMES[city_zh]
        report[f"{CITY_NAMES[city_zh]}_empty_cells"] = int(long["value"].isna().sum())
        parts.append(long.dropna(subset=["value"]))
    sectors = pd.concat(parts, ignore_index=True)
    sectors = sectors[["city", "city_zh", "year", "indicator", "value"]]
    sectors = sectors.sort_values(["city", "indicator", "year"]).reset_index(drop=True)

    # the city files repeat the GDP series of the all-city file: they must agree
    check = sectors[sectors["indicator"] == "gdp"].merge(gdp, on=["city", "year"], how="outer",
                                                         indicator=True)
    both = check[check["_merge"] == "both"]
    diff = float((both["value"] - both["gdp"]).abs().max())
    if diff > 1e-6 or (check["_merge"] == "left_only").any():
        raise ValueError(f"city-file GDP disagrees with 20_Major_GDP.xls (max difference {diff}).")
    report["gdp_city_files_match_all_city_file"] = True
    wide = sectors.pivot_table(index=["city", "year"], columns="indicator", values="value")
    full = wide.dropna()
    resid = (full["gdp"] - full[["primary", "secondary", "tertiary"]].sum(axis=1)).abs()
    report["sector_sum_minus_gdp_max_abs"] = round(float(resid.max()), 6)
    report["sector_years"] = sorted(int(y) for y in full.index.get_level_values("year").unique())

    three = sectors[sectors["indicator"].isin(["primary", "secondary", "tertiary"])]
    years_all = three.groupby("year")["indicator"].count()
    keep_years = years_all[years_all == 6].index  # 2 cities x 3 sectors
    panel = Panel.from_long(
        three[three["year"].isin(keep_years)].rename(columns={"value": "value_added"}),
        region="city", industry="indicator", value="value_added", time="year",
        meta={"source": "NBS major-city annual data", "unit": "100 million yuan, current prices",
              "value": "value added by sector"},
    )
    return Dataset(
        name="cn_major_cities",
        panel=panel,
        descr=(
            "National Bureau of Statistics of China, annual data for major cities: GDP of 36 "
            "major cities (provincial capitals, municipalities and sub-provincial cities) and, "
            "for Shenzhen and Guangzhou, value added of the primary, secondary and tertiary "
            "sectors. Unit: 100 million yuan (亿元), current prices. GDP covers 2001-2017 for "
            "all cities (Lhasa has gaps; 1999-2000 only for five cities); sector value added "
            "2007-2017. City names: English in 'city', Chinese in 'city_zh'. The NBS revises "
            "city GDP after economic censuses, so other releases (e.g. the prefecture panel) "
            "differ from these values for years before 2017."
        ),
        citation=_NBS_CITATION,
        licence="MIT (compiling repository); underlying data are official NBS statistics.",
        tables={"gdp": gdp, "sectors": sectors},
        report=report,
    )


# --------------------------------------------------------------------------------------------
# prefecture panel
# --------------------------------------------------------------------------------------------


def _canonical_names(df: pd.DataFrame) -> pd.DataFrame:
    """One pinyin and one Chinese name per prefcode: the latest non-blank spelling."""
    d = df[["prefcode", "year", "prefecture", "prefecture_pinyin"]].copy()
    d["zh"] = d["prefecture"].astype(str).str.replace(r"\s+", "", regex=True)
    d["py"] = d["prefecture_pinyin"].astype(str).str.strip()
    d = d.sort_values(["prefcode", "year"])
    out = {}
    for col in ("zh", "py"):
        nonblank = d[d[col] != ""]
        out[col] = nonblank.groupby("prefcode")[col].last()
        out[col + "_variants"] = nonblank.groupby("prefcode")[col].nunique()
    names = pd.DataFrame(out)
    return names


def load_cn_prefecture_panel() -> Dataset:
    """Load GDP and population of Chinese prefecture-level cities, 1991-2019.

    The compiled panel has 334 prefecture codes (``prefcode``, e.g. Shenzhen 4403) in 27
    provinces; the four province-level municipalities (Beijing, Tianjin, Shanghai, Chongqing)
    are not in it. 333 codes have rows for all 29 years; Danzhou (4604) only for 1997-2017.
    Missing values are kept as NaN and counted per year in ``report``: GDP is sparse before
    1997 and in 2019, population before 1997 and in 2018-2019.

    Returns
    -------
    Dataset
        ``tables["prefecture"]``: prefcode, year, prefecture (pinyin), prefecture_zh,
        province, gdp (100 million yuan, current prices), gdp_real (the same at constant
        prices: gdp / deflator_index), deflator_yoy (the GDP deflator, previous year = 1),
        deflator_index (the compiler's chained deflator), pop (10,000 persons), one row per
        prefcode and year. The loader checks gdp_real = gdp / deflator_index (to float32
        precision); the real series ends in 2017. ``tables["names"]``: the canonical names
        per prefcode and how many spellings the source uses.

    Notes
    -----
    ``gdp`` and ``pop`` are the compiler's cleaned series (variables ``gdp`` and ``pop`` of the
    Stata file, stored as 4-byte floats, so about seven significant digits). ``pop`` appears to
    be registered (hukou) population: Shenzhen 2017 is 434.72, far below its resident
    population. Names vary by year in the source (blank, with or without 市, pinyin variants);
    the latest non-blank spelling is used.

    Raises
    ------
    DataNotAvailableError
        The file is neither cached nor downloadable.
    """
    path = fetch_file("cn_prefecture_panel", "prefecture.dta")
    raw = pd.read_stata(path, convert_categoricals=False)
    needed = ["year", "prefcode", "prefecture", "prefecture_pinyin", "gdp", "pop", "provname_py",
              "rgdp", "deflator", "compound_defl"]
    absent = [c for c in needed if c not in raw.columns]
    if absent:
        raise ValueError(f"{path.name}: expected columns {absent} are missing.")
    raw["prefcode"] = raw["prefcode"].astype("int64")
    raw["year"] = raw["year"].astype("int64")
    if raw.duplicated(["prefcode", "year"]).any():
        raise ValueError(f"{path.name}: repeated (prefcode, year) rows.")
    names = _canonical_names(raw)
    prov = raw.groupby("prefcode")["provname_py"].agg(lambda s: sorted(set(s)))
    if (prov.str.len() != 1).any():
        several = prov[prov.str.len() != 1].index.tolist()
        raise ValueError(f"prefcodes in several provinces: {several}.")
    table = pd.DataFrame({
        "prefcode": raw["prefcode"],
        "year": raw["year"],
        "prefecture": raw["prefcode"].map(names["py"]),
        "prefecture_zh": raw["prefcode"].map(names["zh"]),
        "province": raw["provname_py"].astype(str),
        "gdp": raw["gdp"].astype("float64"),
        "gdp_real": raw["rgdp"].astype("float64"),
        "deflator_yoy": raw["deflator"].astype("float64"),
        "deflator_index": raw["compound_defl"].astype("float64"),
        "pop": raw["pop"].astype("float64"),
    }).sort_values(["prefcode", "year"]).reset_index(drop=True)
    both = table[["gdp", "gdp_real", "deflator_index"]].dropna()
    rel = (both["gdp"] / both["deflator_index"] / both["gdp_real"] - 1).abs()
    if len(both) and float(rel.max()) > 1e-5:
        raise ValueError(f"{path.name}: rgdp differs from gdp / compound_defl by up to "
                         f"{float(rel.max()):.2e} (relative); the real series is not the "
                         "nominal one deflated.")
    rows_per = table.groupby("prefcode").size()

    def per_year(col: str) -> dict[int, int]:
        counts = table[col].isna().groupby(table["year"]).sum()
        return {int(k): int(v) for k, v in counts.items()}

    report: dict[str, Any] = {
        "prefectures": int(table["prefcode"].nunique()),
        "provinces": int(table["province"].nunique()),
        "years": [int(table["year"].min()), int(table["year"].max())],
        "rows": int(len(table)),
        "prefectures_with_fewer_years": {
            int(k): int(v) for k, v in rows_per[rows_per < rows_per.max()].items()},
        "gdp_missing_per_year": per_year("gdp"),
        "gdp_real_missing_per_year": per_year("gdp_real"),
        "gdp_real_equals_gdp_over_deflator_index": True,
        "pop_missing_per_year": per_year("pop"),
        "prefcodes_with_name_variants": int(
            ((names["zh_variants"] > 1) | (names["py_variants"] > 1)).sum()),
    }
    name_table = names.rename(columns={"py": "prefecture", "zh": "prefecture_zh",
                                       "py_variants": "pinyin_spellings",
                                       "zh_variants": "chinese_spellings"}).reset_index()
    name_table = name_table[["prefcode", "prefecture", "prefecture_zh", "pinyin_spellings",
                             "chinese_spellings"]]
    return Dataset(
        name="cn_prefecture_panel",
        panel=None,
        descr=(
            "GDP (100 million yuan, current prices) and population (10,000 persons, apparently "
            "registered/hukou population) of 334 Chinese prefecture-level units, 1991-2019, from "
            "the China City Statistical Yearbooks as compiled for a study of promotion of city "
            "officials. The four province-level municipalities are not included. Coverage is "
            "uneven: GDP is mostly missing in 1992-1993 and 2019, population before 1996 and "
            "in 2018-2019 (counts per year in report). The GDP series is of a different vintage "
            "than the NBS major-city series (load_cn_major_cities): for Shenzhen the two agree "
            "in 2017 but differ by 2-4 % in 2005-2016 and by more than 20 % in 2001-2004, so do "
            "not splice them. Use growth_ranking() for CAGR rankings."
        ),
        citation=_PREF_CITATION,
        licence="No licence stated upstream; underlying data are official statistics.",
        tables={"prefecture": table, "names": name_table},
        report=report,
    )


def growth_ranking(
    table: pd.DataFrame,
    start: int,
    end: int,
    *,
    value: str = "gdp",
    unit: str = "prefcode",
    time: str = "year",
) -> pd.DataFrame:
    """Compound annual growth rate of ``value`` between two years and its rank.

    Parameters
    ----------
    table : DataFrame
        Long table with one row per unit and year (e.g. ``tables["prefecture"]``).
    start, end : int
        First and last year (``end > start``).
    value, unit, time : str
        Column names.

    Returns
    -------
    DataFrame
        Indexed by unit: ``start_value``, ``end_value``, ``cagr`` (e.g. 0.12 = 12 % a year),
        ``rank`` (1 = fastest; nullable integer) sorted by rank. Units without a positive value
        in both years are kept with ``cagr`` and ``rank`` missing and sorted last, so the count
        of ranked units is ``rank.notna().sum()``.

    Examples
    --------
    >>> t = pd.DataFrame({"prefcode": [1, 1, 2, 2, 3], "year": [2000, 2010, 2000, 2010, 2000],
    ...                   "gdp": [100.0, 200.0, 100.0, 400.0, 50.0]})
    >>> r = growth_ranking(t, 2000, 2010)
    >>> r["rank"].tolist()
    [1, 2, <NA>]
    >>> round(float(r.loc[2, "cagr"]), 4)
    0.1487
    """
    if end <= start:
        raise ValueError(f"end ({end}) must be after start ({start}).")
    for col in (unit, time, value):
        if col not in table.columns:
            raise ValueError(
                f"column {col!r} is not in the table (columns: {list(table.columns)})."
            )
    if table.duplicated([unit, time]).any():
        raise ValueError(
            f"the table repeats ({unit}, {time}) pairs; give one row per unit and year."
        )
    wide = table[table[time].isin([start, end])].pivot(index=unit, columns=time, values=value)
    units = pd.Index(table[unit].unique(), name=unit)
    wide = wide.reindex(index=units, columns=[start, end])
    out = pd.DataFrame({"start_value": wide[start], "end_value": wide[end]})
    ok = (out["start_value"] > 0) & (out["end_value"] > 0)
    ratio = out["end_value"].where(ok) / out["start_value"].where(ok)
    out["cagr"] = ratio ** (1.0 / (end - start)) - 1.0
    out["rank"] = out["cagr"].rank(ascending=False, method="min").astype("Int64")
    return out.sort_values(["rank", "cagr"], na_position="last")


def level_shifts(
    table: pd.DataFrame,
    *,
    value: str = "gdp",
    unit: str = "prefcode",
    time: str = "year",
    pop: str | None = None,
    k: float = 6.0,
    min_jump: float = 0.25,
    pop_jump: float = 0.2,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    r"""Unit-years whose change is a level shift (a boundary or series change), not growth.

    Rule, applied to each unit and year :math:`t` with values in :math:`t-1` and :math:`t`:

    1. **Outlying jump.** With :math:`g_{ut} = \ln y_{ut} - \ln y_{u,t-1}`, the year's median
       :math:`m_t` and median absolute deviation :math:`\mathrm{MAD}_t` over all units, the
       year is flagged when :math:`|g_{ut} - m_t| > \max(k \cdot 1.4826\,\mathrm{MAD}_t,
       \ln(1 + \text{min\_jump}))`: a robust z-score above ``k`` (1.4826 makes the MAD a
       standard deviation under normality) and a change at least ``min_jump`` away from the
       year's typical growth (in a year when nearly all units grow alike the MAD is tiny, and
       the second bound keeps ordinary slumps out).
    2. **Population jump** (when ``pop`` is given). :math:`|\ln p_{ut} - \ln p_{u,t-1}| >
       \ln(1 + \text{pop\_jump})`: a registered population that changes by more than
       ``pop_jump`` in one year has changed its boundary (e.g. Hefei absorbing part of Chaohu in
       2011, +43%).

    A flag marks the number as not comparable across the two years; growth over a span that
    contains a flagged year mixes growth with the shift, so rankings should show such units
    but not headline them. The rule is a screen: a true boom can be flagged, and a boundary
    change that moves GDP and population by less than the thresholds is missed.

    Parameters
    ----------
    table : DataFrame
        Long table, one row per unit and year.
    value, unit, time : str
        Column names.
    pop : str, optional
        Population column for rule 2.
    k : float, default 6.0
        Robust z-score above which a one-year change is a level shift.
    min_jump : float, default 0.25
        Smallest relative distance from the year's median growth that is a level shift.
    pop_jump : float, default 0.2
        Relative one-year population change above which the boundary is taken to have moved.
    start, end : int, optional
        Only flag years in ``(start, end]`` (the changes that enter growth from start to end).

    Returns
    -------
    DataFrame
        One row per flagged unit-year: unit, time, ``log_change``, ``robust_z``,
        ``pop_log_change`` (when ``pop`` is given), ``reason`` ("outlying jump",
        "population jump" or both), sorted by unit and time.

    Examples
    --------
    >>> t = pd.DataFrame({"id": [1] * 3 + [2] * 3 + [3] * 3 + [4] * 3,
    ...                   "year": [2000, 2001, 2002] * 4,
    ...                   "gdp": [100, 110, 121, 100, 111, 122, 100, 109, 119, 100, 300, 330]})
    >>> level_shifts(t, unit="id")[["id", "year", "reason"]].to_dict("records")
    [{'id': 4, 'year': 2001, 'reason': 'outlying jump'}]
    """
    for col in [unit, time, value] + ([pop] if pop else []):
        if col not in table.columns:
            raise ValueError(f"column {col!r} is not in the table (columns: "
                             f"{list(table.columns)}).")
    if k <= 0 or pop_jump <= 0 or min_jump <= 0:
        raise ValueError("k, min_jump and pop_jump must be positive.")
    d = table.sort_values([unit, time]).copy()
    prev_t = d.groupby(unit)[time].shift()
    consecutive = (d[time] - prev_t) == 1

    def dlog(col: str) -> pd.Series:
        v = d[col].where(d[col] > 0)
        return (np.log(v) - np.log(v).groupby(d[unit]).shift()).where(consecutive)

    d["log_change"] = dlog(value)
    dev = d["log_change"] - d.groupby(time)["log_change"].transform("median")
    mad = dev.abs().groupby(d[time]).transform("median")
    d["robust_z"] = dev / (1.4826 * mad)
    jump = (d["robust_z"].abs() > k) & (dev.abs() > np.log1p(min_jump))
    reasons = pd.Series("", index=d.index)
    reasons = reasons.mask(jump, "outlying jump")
    cols = [unit, time, "log_change", "robust_z"]
    if pop:
        d["pop_log_change"] = dlog(pop)
        pjump = d["pop_log_change"].abs() > np.log1p(pop_jump)
        reasons = reasons.mask(pjump & jump, "outlying jump; population jump")
        reasons = reasons.mask(pjump & ~jump, "population jump")
        cols.append("pop_log_change")
    d["reason"] = reasons
    keep = d["reason"] != ""
    if start is not None:
        keep &= d[time] > start
    if end is not None:
        keep &= d[time] <= end
    return d.loc[keep, cols + ["reason"]].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Shenzhen template
# --------------------------------------------------------------------------------------------


def shenzhen_template(
    path: str | Path | None = None,
    *,
    comparison: str = "Guangzhou",
    years: Sequence[int] = (2017,),
    section: str = "C",
) -> pd.DataFrame:
    """The long table a user fills to run the industry-structure analysis for Shenzhen.

    One row per region (Shenzhen and a comparison city), GB/T 4754-2017 division of the chosen
    section (manufacturing, divisions 13-43, by default) and year, with an empty
    ``employment`` column. Filled in (e.g. from the Shenzhen and Guangdong statistical
    yearbooks), it loads with ``Panel.from_long(df, region="region", industry="industry",
    value="employment", time="year")``.

    Parameters
    ----------
    path : str or Path, optional
        Where to write the CSV (UTF-8, header ``region,industry,year,employment``).
    comparison : str
        The second region.
    years : sequence of int
        Years to list.
    section : str
        GB/T 4754 section whose divisions are listed.

    Returns
    -------
    DataFrame
        Columns region, industry (2-digit division code, str), year, employment (all NaN).

    Raises
    ------
    DataNotAvailableError
        The GB/T 4754 code list is neither cached nor downloadable.
    """
    from .codes import load_gbt4754

    codes = load_gbt4754().tables["codes"]
    divisions = codes[(codes["level"] == "division") & (codes["parent"] == section)]["code"]
    if divisions.empty:
        raise ValueError(f"GB/T 4754 has no section {section!r}.")
    if comparison == "Shenzhen":
        raise ValueError("comparison must be another region than Shenzhen.")
    idx = pd.MultiIndex.from_product(
        [["Shenzhen", comparison], sorted(divisions), list(years)],
        names=["region", "industry", "year"],
    )
    out = idx.to_frame(index=False)
    out["employment"] = np.nan
    if path is not None:
        out.to_csv(path, index=False, encoding="utf-8")
    return out
