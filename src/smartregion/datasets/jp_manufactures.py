"""Loader of the METI Census of Manufactures municipal tables 2001-2012 (Japan).

The upstream files (compiled by K. Kondo for the municipality-converter repository) hold one Stata
file per year with a row per municipality (or designated-city ward, designated city, Tokyo's
special-ward area, prefecture) and 2-digit manufacturing group, and the columns

``num_estb`` (establishments), ``emp`` (persons engaged), ``wage`` (cash wages), ``material``
(raw material costs), ``sales`` (value of shipments), ``va`` (value added) and ``capital``
(tangible fixed assets); money in units of 10,000 yen.

Three problems are solved here, each in the open:

* **Industry codes.** The same 2-digit code means different industries in 2001 (JSIC Rev.10),
  2002-2007 (Rev.11) and 2008-2012 (Rev.12). ``concordance_jsic_manufacturing.csv`` maps every
  code of every year to one of 20 harmonised groups, each with a reason; groups are coarser
  wherever a revision split a group without an earlier counterpart (machinery;
  electrical/electronic; textiles and apparel). ``meti_manufacturing_groups.csv`` adds METI's
  three industry types (basic materials / processing and assembly / daily-life related) as the
  upper level of the hierarchy.
* **Confidentiality.** Cells suppressed in the source ("X", "χ"; blank in the files of
  2002-2012, which do not distinguish the marker) are missing, never zero. The long table keeps
  them as NaN; a :class:`~smartregion.panel.Panel` is built only when the selection has none, or
  with an explicit ``suppressed=`` policy whose effect is counted and warned.
* **Boundaries.** Municipalities are put on the boundaries of the converter's latest snapshot
  (``base_year=2020``) with Kondo's municipality converter. Designated-city wards are kept as
  regions where the city has wards in every selected year; the city and prefecture levels sum
  the same blocks. Prefecture and designated-city rows of the files carry totals only and are
  never added to their parts (no double counting).
* **Industry detail.** Only cities, wards and a few towns are published by industry; most towns
  and villages have a total row only. Region-years whose undetailed part is small are kept (the
  remainder is listed in ``tables["coverage"]``); the others have no industry cells.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import warnings
from collections.abc import Iterable
from importlib import resources
from typing import Literal

import numpy as np
import pandas as pd

from ..panel import DroppedDataWarning, Panel, PanelError, SmartRegionWarning
from ._base import Dataset
from ._registry import fetch_file

__all__ = [
    "load_jp_manufactures_municipal",
    "jsic_concordance",
    "meti_groups",
    "MEASURES",
    "YEARS",
]

DATASET = "jp_manufactures_municipal"
YEARS: tuple[int, ...] = tuple(range(2001, 2013))
#: measure name -> column of the upstream files
MEASURES: dict[str, str] = {
    "employees": "emp",
    "establishments": "num_estb",
    "shipments": "sales",
    "value_added": "va",
    "wages": "wage",
    "materials": "material",
    "capital": "capital",
}
_UNITS = {
    "employees": "persons engaged",
    "establishments": "establishments",
    "shipments": "10,000 yen",
    "value_added": "10,000 yen",
    "wages": "10,000 yen",
    "materials": "10,000 yen",
    "capital": "10,000 yen",
}
_CONVERTER_YEARS = (1980, 1985, 1990, 1995, 2000, 2005, 2010, 2015, 2020)
_BASE_YEARS = (2015, 2020)
# The 2012 file's ``va`` column is not value added: its national sum is about a fifth of the
# 2011 figure while shipments, materials and wages stay level. It is never used as value added.
_BAD_MEASURE_YEARS = {"value_added": (2012,)}

Level = Literal["municipality", "city", "prefecture"]
SuppressedPolicy = Literal["raise", "zero", "drop"]

_CITATION = (
    "Ministry of Economy, Trade and Industry (METI), Census of Manufactures, municipal tables "
    "2001-2012 (工業統計調査 市区町村編), via e-Stat; compiled as Stata files and with a "
    "municipality converter by Kondo, K. (2023), 'Municipality-level panel data and municipal "
    "mergers in Japan', RIETI Technical Paper 23-T-001; repository "
    "github.com/keisukekondokk/municipality-converter."
)
_LICENCE = (
    "Government statistics under the e-Stat terms of use; the compiled files are free to use and "
    "may be redistributed free of charge only (Terms_of_Use_EN.pdf of the repository)."
)


# ----------------------------------------------------------------------------- package tables
def _read_package_csv(name: str, **kwargs) -> pd.DataFrame:
    with resources.files("smartregion.datasets").joinpath(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, comment="#", **kwargs)


@functools.lru_cache(maxsize=1)
def _concordance() -> pd.DataFrame:
    return _read_package_csv("concordance_jsic_manufacturing.csv",
                             dtype={"revision": "int64", "code": "int64"})


@functools.lru_cache(maxsize=1)
def _groups() -> pd.DataFrame:
    return _read_package_csv("meti_manufacturing_groups.csv")


@functools.lru_cache(maxsize=1)
def _supplement() -> pd.DataFrame:
    return _read_package_csv("jp_municipal_code_supplement.csv",
                             dtype={"code": "int64", "maps_to": "int64"})


def jsic_concordance() -> pd.DataFrame:
    """The concordance of 2-digit manufacturing codes to harmonised groups.

    Returns
    -------
    DataFrame
        Columns ``revision`` (10, 11, 12), ``years``, ``code``, ``name_ja``, ``name_en``,
        ``harmonised_group`` (``"_total"`` for the manufacturing total row) and ``reason``.
    """
    return _concordance().copy()


def meti_groups() -> pd.DataFrame:
    """The harmonised groups with English/Japanese names and their METI industry type.

    Returns
    -------
    DataFrame
        Columns ``harmonised_group``, ``order``, ``name_en``, ``name_ja``, ``meti_type``
        (``basic_materials``, ``processing_assembly``, ``daily_life``), ``meti_type_ja`` and
        ``meti_type_order``.
    """
    return _groups().copy()


def revision_of(year: int) -> int:
    """JSIC revision of the codes in the file of ``year`` (10, 11 or 12)."""
    if year == 2001:
        return 10
    if 2002 <= year <= 2007:
        return 11
    if 2008 <= year <= 2012:
        return 12
    raise ValueError(f"no file for year {year}; the data cover {YEARS[0]}-{YEARS[-1]}.")


def _norm_name(s: str) -> str:
    """Normalise a Japanese label for comparison (width, spaces, punctuation variants)."""
    s = unicodedata.normalize("NFKC", str(s))
    s = re.sub(r"\s+", "", s)
    return s.replace("，", ",").replace("、", ",")


# ----------------------------------------------------------------------------- raw files
def _status_and_values(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numeric values and a status per cell: reported, X, χ, '-', or blank (missing)."""
    if pd.api.types.is_numeric_dtype(raw):
        vals = raw.astype("float64")
        status = pd.Series(np.where(vals.notna(), "reported", "blank"), index=raw.index,
                           dtype=object)
        return vals, status
    text = raw.astype(object).where(raw.notna(), None)
    stripped = pd.Series([None if t is None else str(t).strip() for t in text],
                         index=raw.index, dtype=object)
    vals = pd.to_numeric(stripped, errors="coerce").astype("float64")
    marker = stripped.replace({"－": "-", "ー": "-", "x": "X", "": None})
    status = pd.Series(np.where(vals.notna(), "reported", marker.fillna("blank")),
                       index=raw.index, dtype=object)
    return vals, status


@functools.lru_cache(maxsize=16)
def _read_year_cached(path: str, year: int) -> pd.DataFrame:
    df = pd.read_stata(path, convert_categoricals=False)
    expected = {"id_muni", "name_muni", "id_sec2d", "name_sec2d", "year",
                *MEASURES.values()}
    missing = expected.difference(df.columns)
    if missing:
        raise ValueError(f"{path} lacks the expected columns {sorted(missing)}; the upstream "
                         "file layout has changed.")
    if set(df["year"].unique()) != {year}:
        raise ValueError(f"{path} holds years {sorted(df['year'].unique())}, expected {year}.")
    out = pd.DataFrame({
        "year": np.full(len(df), year, dtype="int64"),
        "id_muni": df["id_muni"].astype("int64"),
        "name_muni": df["name_muni"].astype(str).map(
            lambda s: unicodedata.normalize("NFKC", s).strip()),
        "code": df["id_sec2d"].astype("int64"),
        "name_sec2d": df["name_sec2d"].astype(str).str.strip(),
    })
    for col in MEASURES.values():
        vals, status = _status_and_values(df[col])
        out[col] = vals.to_numpy()
        out[f"status_{col}"] = status.to_numpy()
    return out


def _read_year(year: int, download: bool) -> pd.DataFrame:
    path = fetch_file(DATASET, f"DTA_meti_manu{year}.dta", download=download)
    return _read_year_cached(str(path), year).copy()


@functools.lru_cache(maxsize=2)
def _converter_cached(path: str) -> pd.DataFrame:
    return pd.read_csv(path)


def _converter(download: bool) -> pd.DataFrame:
    path = fetch_file(DATASET, "municipality_converter_en.csv", download=download)
    return _converter_cached(str(path)).copy()


# ----------------------------------------------------------------------------- geography
class _Geography:
    """Classification of the codes in the files and their mapping to base-year boundaries."""

    def __init__(self, conv: pd.DataFrame, base_year: int) -> None:
        cols = [f"id_muni{y}" for y in _CONVERTER_YEARS]
        long = conv.melt(id_vars=[f"id_muni{base_year}"], value_vars=cols).dropna()
        long = long.astype({"value": "int64"})
        base_col = f"id_muni{base_year}"
        targets = long.groupby("value")[base_col].agg(lambda s: sorted(set(s.astype(int))))
        ambiguous = targets[targets.map(len) > 1]
        if len(ambiguous):
            raise ValueError(
                f"the municipality converter maps {len(ambiguous)} code(s) to several {base_year}"
                f" municipalities, e.g. {ambiguous.head().to_dict()}; choose another base_year."
            )
        self.base_year = base_year
        self.to_base: dict[int, int] = {int(k): int(v[0]) for k, v in targets.items()}
        self.known = set(self.to_base)
        # designated cities: city codes xx100-xx199 (Tokyo's special wards are municipalities)
        self.designated = sorted(c for c in self.known
                                 if 100 <= c % 1000 < 200 and c // 1000 != 13)
        sup = _supplement()
        self.gap = dict(zip(sup.loc[sup["kind"] == "converter_gap", "code"],
                            sup.loc[sup["kind"] == "converter_gap", "maps_to"], strict=True))
        self.ward_of = dict(zip(sup.loc[sup["kind"] == "ward", "code"],
                                sup.loc[sup["kind"] == "ward", "maps_to"], strict=True))
        # labels from the converter (latest snapshot)
        last = conv[[base_col, f"name_muni{base_year}"]].dropna().drop_duplicates(base_col)
        self.name_en = dict(zip(last[base_col].astype(int), last[f"name_muni{base_year}"],
                                strict=True))
        self.pref_en: dict[int, str] = {}
        for code, name in self.name_en.items():
            self.pref_en.setdefault(code // 1000, str(name).rsplit(",", 1)[-1].strip())

    def classify(self, code: int) -> tuple[str, int | None]:
        """Kind of a file code and its parent (designated city of a ward)."""
        if code <= 47 or code % 1000 == 0:
            return "prefecture", None
        if code == 13100:
            return "tokyo_special_wards_total", None
        if code in self.designated:
            return "designated_city", None
        if code in self.known or code in self.gap or code in self.ward_of:
            return "municipality", None
        if 100 < code % 1000 < 200:
            parents = [d for d in self.designated if d // 1000 == code // 1000 and d < code]
            if parents and code - parents[-1] < 30:
                return "ward", parents[-1]
        return "unknown", None

    def base(self, code: int) -> int | None:
        """Municipality (base-year boundaries) holding the area of a file code."""
        if code in self.to_base:
            return self.to_base[code]
        if code in self.gap:
            return self.to_base.get(self.gap[code], self.gap[code])
        return None


def _pref_of(code: int) -> int:
    return code if code <= 47 else code // 1000


# ----------------------------------------------------------------------------- aggregation
def _nan_sum(df: pd.DataFrame, keys: list[str], value: str) -> pd.DataFrame:
    """Sum ``value`` by ``keys``; the sum is NaN when any component is NaN (counted)."""
    g = df.assign(_nan=df[value].isna().astype("int64")).groupby(keys, sort=True)
    out = g.agg(value=(value, "sum"), n_suppressed=("_nan", "sum"),
                n_components=(value, "size"))
    out.loc[out["n_suppressed"] > 0, "value"] = np.nan
    return out.reset_index().rename(columns={"value": value})


# ----------------------------------------------------------------------------- loader
def load_jp_manufactures_municipal(
    measure: str = "employees",
    *,
    years: Iterable[int] | None = None,
    level: Level = "municipality",
    prefecture: int | Iterable[int] | None = None,
    suppressed: SuppressedPolicy | None = None,
    base_year: int = 2020,
    max_undetailed_share: float = 0.02,
    download: bool = True,
) -> Dataset:
    """Load the METI municipal manufacturing tables 2001-2012 as harmonised region x industry data.

    Parameters
    ----------
    measure : str
        ``"employees"`` (persons engaged, default), ``"establishments"``, ``"shipments"`` (value
        of manufactured goods shipments etc.), ``"value_added"``, ``"wages"``, ``"materials"``
        or ``"capital"`` (tangible fixed assets). Money is in 10,000 yen.
    years : iterable of int, optional
        File years to load (2001-2012; default all). ``value_added`` is not available for 2012
        (the file's column holds another quantity): asking for it raises, and the default years
        leave 2012 out with a warning.
    level : {"municipality", "city", "prefecture"}
        ``"municipality"``: municipalities on base-year boundaries, designated cities split into
        wards when the city has wards in every selected year (otherwise the whole city).
        ``"city"``: designated cities whole (sum of their wards). ``"prefecture"``: sum of the
        municipalities of each prefecture (base-year boundaries); the files give no industry
        detail for towns and villages, so most prefecture-years need a larger
        ``max_undetailed_share`` to be kept (see ``tables["coverage"]``).
    prefecture : int or iterable of int, optional
        Keep only these prefecture codes (e.g. 26 for Kyoto), by base-year boundaries.
    suppressed : {None, "raise", "zero", "drop"}
        What to do with suppressed (confidential) cells when building the panel. They are always
        NaN in ``tables["long"]``. ``None`` (default) builds the panel only when the selection
        has no suppressed cell and otherwise returns ``panel=None`` with a warning; ``"raise"``
        raises instead; ``"zero"`` sets them to 0; ``"drop"`` removes every region that has a
        suppressed cell in any selected year. The last two warn with
        :class:`~smartregion.panel.DroppedDataWarning` and record their counts in
        ``report["panel_policy"]``.
    base_year : {2020, 2015}
        Converter snapshot whose boundaries all years are put on.
    max_undetailed_share : float
        Many towns and villages are published with a total row only. A region-year that contains
        such municipalities (after boundary harmonisation) keeps its industry cells only when
        they hold at most this share of its persons engaged (of its establishments where a
        persons-engaged total is suppressed; default 2%); the part without
        detail is listed in ``tables["coverage"]``. Regions failing this in any selected year
        are left out of the panel (counted and warned).
    download : bool
        Allow downloading missing files into the cache.

    Returns
    -------
    Dataset
        ``panel``: time x region x harmonised group, hierarchy column ``meti_type`` (or None, see
        ``suppressed``). ``tables``: ``long`` (year, region, industry, value, n_suppressed,
        n_components), ``totals`` (manufacturing total rows aggregated the same way),
        ``coverage`` (per region-year: establishments and persons engaged without industry
        detail, the municipalities concerned, and ``complete``/``partial``/``insufficient``),
        ``published`` (every row of the selected files as published, with markers),
        ``suppression`` (counts by year, variable and marker), ``concordance``, ``groups``,
        ``regions`` and ``prefectures`` (labels). ``report``: counts of suppressed cells per year
        and variable, excluded aggregate rows, code remappings and the panel policy's effect.

    Raises
    ------
    ValueError
        Unknown measure, level, year, prefecture or policy; value added asked for 2012.
    PanelError
        ``suppressed="raise"`` and the selection has suppressed cells.
    """
    sel_years, prefs, report = _check_arguments(measure, years, level, prefecture, suppressed,
                                                base_year)
    geo = _Geography(_converter(download), base_year)
    conc = _concordance()
    groups = _groups()
    col = MEASURES[measure]

    pub, kinds = _read_published(sel_years, geo, conc, download)
    supp, suppression_report = _suppression_counts(pub)
    report.update(suppression_report)
    blocks, block_report = _building_blocks(pub, geo, level, sel_years, base_year)
    report.update(block_report)
    blocks_d = blocks[blocks["code"] != 0]
    blocks_t = blocks[blocks["code"] == 0]
    if prefs is not None:
        blocks_d = blocks_d[blocks_d["prefecture"].isin(prefs)]
        blocks_t = blocks_t[blocks_t["prefecture"].isin(prefs)]
        if blocks_d.empty:
            raise ValueError(f"no data for prefecture(s) {sorted(prefs)}.")
    cov, totals = _detail_coverage(blocks_d, blocks_t, col, max_undetailed_share)
    accepted = cov.loc[cov["coverage"] != "insufficient", ["year", "region"]]
    long = _nan_sum(blocks_d.rename(columns={"harmonised_group": "industry"}),
                    ["year", "region", "industry"], col).rename(columns={col: "value"})
    long = long.merge(accepted, on=["year", "region"], how="inner")
    no_detail_regions = sorted(set(cov.loc[cov["coverage"] == "insufficient", "region"]))
    report["industry_detail"] = {
        "max_undetailed_share": max_undetailed_share,
        "region_years": {str(k): int(v) for k, v in cov["coverage"].value_counts().items()},
        "undetailed_establishments_in_partial_region_years": int(
            cov.loc[cov["coverage"] == "partial", "undetailed_establishments"].sum()),
        "regions_with_insufficient_detail_in_some_year": len(no_detail_regions),
        "note": ("towns and villages are often published with a total row only; such region-"
                 "years are absent from tables['long'] and listed in tables['coverage']."),
    }
    report["measure"] = measure
    report["years"] = sel_years
    report["cells"] = int(len(long))
    report["cells_suppressed"] = int(long["value"].isna().sum())
    report["cells_suppressed_by_year"] = {
        int(y): int(v) for y, v in long.groupby("year")["value"].apply(
            lambda s: s.isna().sum()).items()
    }

    work, report["panel_policy"] = _apply_suppression_policy(long, no_detail_regions,
                                                             suppressed, measure)
    panel: Panel | None = None
    if work is not None:
        meta = {"source": _CITATION, "dataset": DATASET, "measure": measure,
                "units": _UNITS[measure], "level": level, "base_year": base_year,
                "suppressed": suppressed}
        panel = Panel.from_long(work.rename(columns={"value": measure}), region="region",
                                industry="industry", value=measure, time="year",
                                hierarchy=groups.set_index("harmonised_group")[["meti_type"]],
                                meta=meta)
    regions, prefectures = _region_labels(pub, kinds, geo, cov, level)
    descr = (
        f"METI Census of Manufactures, municipal tables, {sel_years[0]}-{sel_years[-1]}: "
        f"{measure} ({_UNITS[measure]}) by {level} and 20 harmonised 2-digit manufacturing "
        "groups (JSIC Rev.10/11/12 harmonised by concordance_jsic_manufacturing.csv; upper level "
        "METI industry type). Suppressed cells are NaN in tables['long'] and never zero unless "
        "suppressed='zero' was asked for. Caveats: 2001 printing includes publishing; the 2011 "
        "file comes from the 2012 Economic Census for Business Activity (no Census of "
        "Manufactures that year); capital covers establishments with 30 or more persons engaged; "
        "the 2012 'va' column is not value added."
    )
    tables = {
        "long": long,
        "totals": totals,
        "coverage": cov,
        "published": pub,
        "suppression": supp,
        "concordance": conc.copy(),
        "groups": groups.copy(),
        "regions": regions,
        "prefectures": prefectures,
    }
    return Dataset(name=DATASET, panel=panel, descr=descr, citation=_CITATION, licence=_LICENCE,
                   tables=tables, report=report)


# ----------------------------------------------------------------------------- loader steps
# The loader in named steps: check the arguments, read and reconcile the published rows,
# count suppressed cells, choose the building blocks of each region (no double counting),
# check industry detail against the total rows, apply the suppression policy, label regions.
def _check_arguments(measure: str, years: Iterable[int] | None, level: str,
                     prefecture: int | Iterable[int] | None, suppressed: str | None,
                     base_year: int) -> tuple[list[int], set[int] | None, dict]:
    """Validate the loader's arguments; return the years, prefectures and a report seed.

    With ``years=None`` the years in which the measure is unusable (2012 value added) are
    left out with a warning, recorded in ``report["years_left_out"]``; asked for, they raise.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose one of {sorted(MEASURES)}.")
    if level not in ("municipality", "city", "prefecture"):
        raise ValueError(f"level must be 'municipality', 'city' or 'prefecture'; got {level!r}.")
    if suppressed not in (None, "raise", "zero", "drop"):
        raise ValueError(f"suppressed must be None, 'raise', 'zero' or 'drop'; got {suppressed!r}.")
    if base_year not in _BASE_YEARS:
        raise ValueError(f"base_year must be one of {_BASE_YEARS}; got {base_year!r}.")
    report: dict = {}
    bad_years = _BAD_MEASURE_YEARS.get(measure, ())
    if years is None:
        sel_years = [y for y in YEARS if y not in bad_years]
        if bad_years:
            msg = (f"{measure} is not available for {list(bad_years)} (the file's column holds "
                   f"another quantity); loading {sel_years[0]}-{sel_years[-1]}.")
            warnings.warn(msg, SmartRegionWarning, stacklevel=3)
            report["years_left_out"] = {int(y): msg for y in bad_years}
    else:
        sel_years = sorted({int(y) for y in years})
        unknown = [y for y in sel_years if y not in YEARS]
        if unknown or not sel_years:
            raise ValueError(f"years must be within {YEARS[0]}-{YEARS[-1]}; got {sel_years}.")
        bad = [y for y in sel_years if y in bad_years]
        if bad:
            raise ValueError(
                f"{measure} is not available for {bad}: the 2012 file's 'va' column is not value "
                "added (its national sum is about a fifth of 2011's). Leave these years out."
            )
    if prefecture is None:
        return sel_years, None, report
    prefs = {int(prefecture)} if np.isscalar(prefecture) else {int(p) for p in prefecture}
    if not prefs or not all(1 <= p <= 47 for p in prefs):
        raise ValueError(f"prefecture codes run from 1 to 47; got {sorted(prefs)}.")
    return sel_years, prefs, report


def _reconcile_codes(pub: pd.DataFrame, conc: pd.DataFrame) -> pd.DataFrame:
    """Attach the harmonised group of every (revision, 2-digit code) row.

    Raises when a code has no concordance entry, or when a file's industry label disagrees
    with the concordance's Japanese name of that code (a sign of the wrong revision).
    """
    pub = pub.merge(conc[["revision", "code", "harmonised_group", "name_ja"]],
                    on=["revision", "code"], how="left", validate="many_to_one")
    unmapped = pub.loc[pub["harmonised_group"].isna(), ["year", "code", "name_sec2d"]]
    if len(unmapped):
        raise ValueError("codes without a concordance entry:\n"
                         f"{unmapped.drop_duplicates().head(10).to_string()}")
    name_ok = [
        _norm_name(full).startswith(_norm_name(short))
        for full, short in zip(pub["name_ja"], pub["name_sec2d"], strict=True)
    ]
    if not all(name_ok):
        bad = pub.loc[~np.asarray(name_ok), ["year", "code", "name_sec2d", "name_ja"]]
        raise ValueError("file labels disagree with the concordance (wrong revision?):\n"
                         f"{bad.drop_duplicates().head(10).to_string()}")
    return pub.drop(columns="name_ja")


def _read_published(sel_years: list[int], geo: _Geography, conc: pd.DataFrame,
                    download: bool) -> tuple[pd.DataFrame, dict[int, tuple[str, int | None]]]:
    """Every row of the selected files, classified and on base-year boundaries.

    Adds ``revision``, ``unit_type`` (prefecture, designated_city, ward, municipality,
    tokyo_special_wards_total), ``parent_city``, ``harmonised_group``, ``base_muni`` and
    ``prefecture``; returns the rows and the kind of every file code.
    """
    frames = []
    for y in sel_years:
        df = _read_year(y, download)
        df["revision"] = revision_of(y)
        frames.append(df)
    pub = pd.concat(frames, ignore_index=True)
    kinds = {c: geo.classify(c) for c in pub["id_muni"].unique()}
    pub["unit_type"] = pub["id_muni"].map(lambda c: kinds[c][0])
    pub["parent_city"] = pub["id_muni"].map(lambda c: kinds[c][1]).astype("Int64")
    unknown = pub.loc[pub["unit_type"] == "unknown", "id_muni"].unique()
    if len(unknown):
        raise ValueError(f"{len(unknown)} municipality code(s) of the files are neither in the "
                         f"converter nor in the supplement table: {sorted(unknown)[:10]}.")
    pub = _reconcile_codes(pub, conc)
    pub["base_muni"] = pub["id_muni"].map(geo.base).astype("Int64")
    pub["prefecture"] = pub["id_muni"].map(_pref_of).astype("int64")
    return pub, kinds


def _suppression_counts(pub: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Cells not reported, by year, variable and marker, over every published row."""
    stat_cols = [f"status_{c}" for c in MEASURES.values()]
    supp = (pub.melt(id_vars=["year"], value_vars=stat_cols, var_name="variable",
                     value_name="marker")
            .query("marker != 'reported'")
            .assign(variable=lambda d: d["variable"].str.removeprefix("status_"))
            .groupby(["year", "variable", "marker"]).size().rename("cells").reset_index())
    report = {
        "suppressed_cells": {
            int(y): {str(v): int(n) for v, n in g.groupby("variable")["cells"].sum().items()}
            for y, g in supp.groupby("year")
        },
        "suppressed_markers": (
            "2001 file: 'X'/'χ' = confidential, '-' = none; 2002-2012 files: every non-reported "
            "cell is blank, so confidential and 'none' cannot be told apart; all are kept as NaN."
        ),
        "rows_by_unit_type": {str(k): int(v) for k, v in pub.groupby("unit_type").size().items()},
    }
    return supp, report


def _cities_to_split(munis: pd.DataFrame, cities: pd.DataFrame, wards: pd.DataFrame,
                     ward_years: set, geo: _Geography, sel_years: list[int]
                     ) -> tuple[list[int], dict[int, str]]:
    """Designated cities that can be split into wards in every selected year, and why not."""
    split_cities: list[int] = []
    unsplit: dict[int, str] = {}
    for d in sorted(set(cities["id_muni"]) | set(wards["parent_city"].astype("int64"))):
        missing_years = [y for y in sel_years if (y, d) not in ward_years]
        if missing_years:
            unsplit[d] = f"no wards in {missing_years}"
            continue
        absorbed = set(munis.loc[munis["base_muni"] == d, "id_muni"])
        lacking = sorted(absorbed - set(geo.ward_of))
        if lacking:
            unsplit[d] = f"absorbed municipalities without a ward assignment: {lacking}"
            continue
        split_cities.append(d)
    return split_cities, unsplit


def _building_blocks(pub: pd.DataFrame, geo: _Geography, level: str, sel_years: list[int],
                     base_year: int) -> tuple[pd.DataFrame, dict]:
    """The published rows that add up to each region, with ``region`` and ``prefecture``.

    Industry detail is published for cities, wards and a few towns only; prefecture rows and
    the rows of designated cities that have wards are totals. The blocks summed are
    municipalities, wards, and designated-city rows of years in which the city had no wards;
    prefecture rows, designated-city rows of ward years and Tokyo's special-ward-area row are
    aggregates of those blocks and are never added to them (counted in the report).
    """
    report: dict = {}
    munis = pub[pub["unit_type"] == "municipality"]
    cities = pub[pub["unit_type"] == "designated_city"]
    wards = pub[pub["unit_type"] == "ward"]
    ward_years = set(zip(wards["year"], wards["parent_city"].astype("int64"), strict=True))
    city_in_ward_year = np.array([(y, c) in ward_years for y, c in
                                  zip(cities["year"], cities["id_muni"], strict=True)], dtype=bool)
    split_cities: list[int] = []
    if level == "municipality":
        split_cities, unsplit = _cities_to_split(munis, cities, wards, ward_years, geo,
                                                 sel_years)
        report["designated_cities_split_into_wards"] = [f"{d:05d}" for d in split_cities]
        report["designated_cities_kept_whole"] = {f"{d:05d}": r for d, r in unsplit.items()}
    muni_region = np.where(
        munis["base_muni"].isin(split_cities),
        munis["id_muni"].map(lambda c: geo.ward_of.get(c, -1)), munis["base_muni"])
    ward_region = np.where(wards["parent_city"].isin(split_cities), wards["id_muni"],
                           wards["parent_city"].map(lambda c: geo.base(int(c)) or c))
    blocks = pd.concat([
        munis.assign(region_code=muni_region),
        cities[~city_in_ward_year].assign(region_code=lambda d: d["base_muni"]),
        wards.assign(region_code=ward_region),
    ], ignore_index=True)
    blocks["region_code"] = blocks["region_code"].astype("int64")
    if (blocks["region_code"] < 0).any():  # guarded by the split test above
        raise RuntimeError("a municipality absorbed by a split city has no ward.")
    blocks["prefecture"] = blocks["region_code"] // 1000
    if level == "prefecture":
        blocks["region"] = blocks["prefecture"].map(lambda p: f"{p:02d}")
    else:
        blocks["region"] = blocks["region_code"].map(lambda c: f"{c:05d}")
    moved = blocks[blocks["region_code"] != blocks["id_muni"]]
    report["codes_remapped"] = {
        int(y): int(g["id_muni"].nunique()) for y, g in moved.groupby("year")
    }
    report["boundaries"] = (
        f"municipality converter snapshot {base_year} (Kondo) for every year; wards as published,"
        " municipalities absorbed by a split designated city assigned to wards by "
        "jp_municipal_code_supplement.csv; prefectures by the base-year municipality."
    )
    report["aggregate_rows_not_added"] = {
        "prefecture": int((pub["unit_type"] == "prefecture").sum()),
        "tokyo_special_wards_total": int((pub["unit_type"] == "tokyo_special_wards_total").sum()),
        "designated_city_in_ward_years": int(city_in_ward_year.sum()),
    }
    return blocks, report


def _detail_coverage(blocks_d: pd.DataFrame, blocks_t: pd.DataFrame, col: str,
                     max_undetailed_share: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check industry detail against the total rows, per region-year.

    Many towns and villages are published with a total row only. A region-year whose
    components lack detail cannot be split by industry; it is ``"complete"`` when every
    component has detail, ``"partial"`` when those without detail hold at most
    ``max_undetailed_share`` of its persons engaged (of its establishments where persons
    engaged are suppressed), else ``"insufficient"``. Returns the coverage table and the
    total rows summed by region-year (``value``; NaN when a component is suppressed).
    """
    with_detail = set(zip(blocks_d["year"], blocks_d["id_muni"], strict=True))
    bt = blocks_t.assign(
        has_detail=[(y, c) in with_detail
                    for y, c in zip(blocks_t["year"], blocks_t["id_muni"], strict=True)])
    bt = bt.assign(
        undetailed_estb=np.where(bt["has_detail"], 0.0, bt["num_estb"]),
        undetailed_value=np.where(bt["has_detail"], 0.0, bt[col]),
        undetailed_code=np.where(bt["has_detail"], "", bt["id_muni"].map(lambda c: f"{c:05d}")),
    )
    cov = (bt.groupby(["year", "region"], sort=True)
           .agg(establishments=("num_estb", "sum"), undetailed_establishments=(
                "undetailed_estb", "sum"), undetailed_value=("undetailed_value", "sum"),
                components=("id_muni", "size"),
                components_without_detail=("undetailed_code",
                                           lambda s: " ".join(x for x in s if x)))
           .reset_index())
    emp = bt.assign(undetailed_emp=np.where(bt["has_detail"], 0.0, bt["emp"]))
    emp = _nan_sum(emp, ["year", "region"], "emp").merge(
        _nan_sum(emp, ["year", "region"], "undetailed_emp")[["year", "region", "undetailed_emp"]],
        on=["year", "region"], validate="one_to_one")
    cov = cov.merge(emp[["year", "region", "emp", "undetailed_emp"]].rename(
        columns={"emp": "persons_engaged", "undetailed_emp": "undetailed_persons_engaged"}),
        on=["year", "region"], how="left", validate="one_to_one")
    share_emp = cov["undetailed_persons_engaged"] / cov["persons_engaged"].where(
        cov["persons_engaged"] > 0)
    share_estb = cov["undetailed_establishments"] / cov["establishments"].where(
        cov["establishments"] > 0)
    # share of persons engaged; establishments where a persons-engaged total is suppressed
    cov["undetailed_share"] = share_emp.fillna(share_estb)
    cov["coverage"] = np.select(
        [cov["undetailed_establishments"] == 0,
         cov["undetailed_share"] <= max_undetailed_share],
        ["complete", "partial"], default="insufficient")
    totals = _nan_sum(blocks_t, ["year", "region"], col).rename(columns={col: "value"})
    cov = cov.merge(totals[["year", "region", "value"]].rename(columns={"value": "total"}),
                    on=["year", "region"], how="left", validate="one_to_one")
    return cov, totals


def _apply_suppression_policy(long: pd.DataFrame, no_detail_regions: list[str],
                              suppressed: str | None, measure: str
                              ) -> tuple[pd.DataFrame | None, dict]:
    """The cells a panel is built from under the ``suppressed`` policy, and its counted effect.

    Regions without industry detail in some year are left out first. ``None`` returns no cells
    (and warns) when any is suppressed; ``"raise"`` raises; ``"zero"`` fills 0; ``"drop"``
    removes every region with a suppressed cell. Every action is warned and counted.
    """
    n_nan = int(long["value"].isna().sum())
    policy: dict = {"policy": suppressed, "suppressed_cells": n_nan}
    if no_detail_regions:
        long_p = long[~long["region"].isin(no_detail_regions)]
        n_nan = int(long_p["value"].isna().sum())
        policy["regions_left_out_for_missing_industry_detail"] = len(no_detail_regions)
        policy["suppressed_cells"] = n_nan
    else:
        long_p = long
    work: pd.DataFrame | None = long_p
    if n_nan and suppressed is None:
        warnings.warn(
            f"{n_nan} of {len(long_p)} {measure} cells are suppressed (confidential); no panel was "
            "built. Use tables['long'] (NaN kept), or pass suppressed='zero' or 'drop'.",
            SmartRegionWarning, stacklevel=3)
        work = None
    elif n_nan and suppressed == "raise":
        shown = long_p[long_p["value"].isna()].head(5).to_string()
        raise PanelError(
            f"{n_nan} {measure} cells are suppressed, e.g.\n{shown}\nPass suppressed='zero' "
            "(treat as 0), suppressed='drop' (remove those regions), or use tables['long']."
        )
    elif n_nan and suppressed == "zero":
        warnings.warn(f"{n_nan} suppressed {measure} cells were set to 0 (suppressed='zero').",
                      DroppedDataWarning, stacklevel=3)
        work = long_p.assign(value=long_p["value"].fillna(0.0))
        policy["cells_set_to_zero"] = n_nan
    elif n_nan and suppressed == "drop":
        bad_regions = sorted(long_p.loc[long_p["value"].isna(), "region"].unique())
        work = long_p[~long_p["region"].isin(bad_regions)]
        warnings.warn(
            f"{len(bad_regions)} of {long_p['region'].nunique()} regions had suppressed {measure} "
            f"cells and were removed (suppressed='drop').", DroppedDataWarning, stacklevel=3)
        policy["regions_dropped"] = bad_regions
        policy["n_regions_dropped"] = len(bad_regions)
        if work.empty:
            raise PanelError(f"every region has a suppressed {measure} cell; nothing is left.")
    if work is not None and work.empty:
        raise PanelError(
            "no region has industry detail in every selected year (see tables['coverage'] for "
            "the share published without detail); raise max_undetailed_share to accept larger "
            "undetailed remainders, or use tables['long'] instead of a panel.")
    if work is not None and no_detail_regions:
        warnings.warn(
            f"{len(no_detail_regions)} regions lack industry detail in some selected year (only "
            "a total row is published for their municipalities) and were left out of the panel; "
            "see tables['coverage'].", DroppedDataWarning, stacklevel=3)
    return work, policy


def _region_labels(pub: pd.DataFrame, kinds: dict[int, tuple[str, int | None]],
                   geo: _Geography, cov: pd.DataFrame, level: str
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Japanese and English names of the regions of ``cov`` and of the 47 prefectures."""
    names_ja = (pub.sort_values("year").drop_duplicates("id_muni", keep="last")
                .set_index("id_muni")["name_muni"])
    pref_ja = {int(_pref_of(c)): n for c, n in names_ja.items()
               if kinds.get(c, ("",))[0] == "prefecture"}
    prefectures = pd.DataFrame({
        "prefecture": list(range(1, 48)),
        "name_ja": [pref_ja.get(p) for p in range(1, 48)],
        "name_en": [geo.pref_en.get(p) for p in range(1, 48)],
    })
    regs = pd.Index(sorted(set(cov["region"])), name="region")
    rows = []
    for r in regs:
        c = int(r)
        if level == "prefecture":
            rows.append((r, pref_ja.get(c), geo.pref_en.get(c), c, "prefecture", pd.NA))
            continue
        kind, parent = geo.classify(c)
        ja = names_ja.get(c)
        en = geo.name_en.get(c)
        if kind == "ward" and parent is not None:
            en = f"{geo.name_en.get(parent, parent)}: {ja}"
        rows.append((r, ja, en, c // 1000, kind,
                     pd.NA if parent is None else f"{parent:05d}"))
    regions = pd.DataFrame(rows, columns=["region", "name_ja", "name_en", "prefecture", "kind",
                                          "parent_city"])
    return regions, prefectures
