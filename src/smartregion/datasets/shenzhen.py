"""Shenzhen's ten districts in 2016: employment by GB/T 4754 section and district side tables.

The files are a transcription (English headers) of district tables of the Shenzhen Statistical
Yearbook 2017, which reports 2016, published in a third-party repository. They are messy in
ways that are parsed explicitly here, never guessed:

* numbers are written with a space as thousands separator (``"154 480"``), including once
  inside a decimal (``"2 875.63"``); only that exact pattern (groups of three digits after
  the first group) is accepted;
* a blank cell means "not reported"; it is read as missing and counted;
* lines end with CRLF;
* ``enterprise_financial_indicators_by_district.csv`` is Windows-1252, with byte 0x92 (a
  right single quotation mark) in "Bao'an"; every other file is UTF-8;
* district names are spelled three ways ("Bao'an", "Bao’an", "Baoan"); each spelling is
  mapped to one name and the mapping is reported.

Anything else (an unknown header, a number in another format, an unknown district, a file
that does not decode in its declared encoding) stops the loader with an error naming the
file, line and column.

The year is not written in the files. It is inferred from two totals that match Shenzhen's
official 2016 figures: GDP of 194,926,012 x 10,000 yuan (19,492.60 x 100 million yuan, the
2016 value of the NBS major-city series) and a year-end permanent population of 1,190.84 x
10,000 persons.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..panel import Panel
from ._base import Dataset
from ._registry import fetch_file

__all__ = [
    "DATASET",
    "FORMER_DISTRICTS",
    "DISTRICTS",
    "DISTRICT_TYPES",
    "FORMER_SEZ",
    "NEW_DISTRICTS",
    "OUTER_DISTRICTS",
    "SERVICE_CORE",
    "SECTION_LETTERS",
    "ShenzhenParseError",
    "parse_number",
    "parse_table",
    "section_letters",
    "blank_treatments",
    "load_cn_shenzhen_districts_2016",
]

DATASET = "cn_shenzhen_districts_2016"

DISTRICTS = ("Futian", "Luohu", "Yantian", "Nanshan", "Bao'an", "Longgang", "Longhua",
             "Pingshan", "Guangming", "Dapeng")
"""The ten districts (in the yearbook's order). Longhua and Guangming were carved out of the
former Bao'an district, Pingshan and Dapeng out of the former Longgang district."""

FORMER_SEZ = ("Futian", "Luohu", "Nanshan", "Yantian")
"""The four districts of the special economic zone as drawn from 1980 until its extension to
the whole city in 2010 (the area "inside the line", 关内); Yantian was split from Luohu in
1997-98."""

SERVICE_CORE = ("Futian", "Luohu", "Nanshan")
"""The central districts of the former special economic zone (Yantian, its port district, is
the fourth district of the former zone)."""

OUTER_DISTRICTS = ("Bao'an", "Longgang")
"""Districts since 1993 outside the former special economic zone (关外); not new districts.
In 2016 they exclude the new districts carved out of them."""

NEW_DISTRICTS = ("Longhua", "Pingshan", "Guangming", "Dapeng")
"""The new districts (新区) carved out of Bao'an (Guangming 2007, Longhua 2011) and Longgang
(Pingshan 2009, Dapeng 2011); in 2016 functional areas, later full districts (Longhua and
Pingshan 2017, Guangming 2018; Dapeng remains a new district)."""

DISTRICT_TYPES = {
    **{d: "former SEZ core" for d in SERVICE_CORE},
    "Yantian": "former SEZ port",
    **{d: "outer district" for d in OUTER_DISTRICTS},
    **{d: "new district" for d in NEW_DISTRICTS},
}
"""District -> type: the core and the port district of the former special economic zone, the
two outer districts, the four new districts."""

FORMER_DISTRICTS = {
    "Original_Bao'an": ("Bao'an", "Longhua", "Guangming"),
    "Original_Longgang": ("Longgang", "Pingshan", "Dapeng"),
}
"""GDP rows for the pre-split districts and the current districts they add up to."""

_ALIASES = {"Bao\u2019an": "Bao'an", "Baoan": "Bao'an"}

SECTION_LETTERS: dict[str, tuple[str, str]] = {
    "Agriculture/Forestry/Animal Husbandry/Fishery": ("A", "农"),
    "Mining": ("B", "采矿"),
    "Manufacturing": ("C", "制造"),
    "Production & Distribution of Electricity/Heat/Gas/Water": ("D", "电力"),
    "Construction": ("E", "建筑"),
    "Wholesale & Retail Trades": ("F", "批发"),
    "Transportation/Storage and Post": ("G", "交通运输"),
    "Hotels and Catering Services": ("H", "住宿"),
    "Information Transmission/Software and Information Technology": ("I", "信息传输"),
    "Financial Intermediation": ("J", "金融"),
    "Real Estate": ("K", "房地产"),
    "Leasing and Business Services": ("L", "租赁"),
    "Scientific Research and Technical Services": ("M", "科学研究"),
    "Management of Water Conservancy/Environment and Public Facilities": ("N", "水利"),
    "Services to Households/Repair and other Services": ("O", "居民服务"),
    "Education": ("P", "教育"),
    "Health and Social Work": ("Q", "卫生"),
    "Culture/Sports and Entertainment": ("R", "文化"),
    "Public Management/Social Security and Social Organization": ("S", "公共管理"),
}
"""English section names as printed in the employment file -> (GB/T 4754-2017 section letter,
a word of the section's Chinese name that :func:`section_letters` checks in the code tree)."""

_NUMBER = re.compile(r"^(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")

_CITATION = (
    "Shenzhen Statistics Bureau, Shenzhen Statistical Yearbook 2017 (data for 2016), district "
    "tables, as transcribed with English headers in nthPerson/cGAIL_Dataset_Streamlit_App "
    "(GitHub, commit b817d1d), app_data/*.csv."
)


class ShenzhenParseError(ValueError):
    """A cell, header or file of the Shenzhen district tables that does not parse."""


@dataclass(frozen=True)
class _FileSpec:
    name: str
    encoding: str
    header: tuple[str, ...]
    key: str  # first column: district names
    has_total: bool


_FILES = {
    "employment": _FileSpec(
        "number_of_fully_employed_workers_at_year_end_by_district.csv", "utf-8",
        ("District", "Total", *SECTION_LETTERS), "District", False),
    "gdp": _FileSpec("GDP_by_district_10k_yuan.csv", "utf-8", ("District", "GDP"), "District",
                     True),
    "units": _FileSpec(
        "economy_sector_proportions_by_district_by_unit.csv", "utf-8",
        ("District", "Survey Units", "Industry", "Construction", "Wholesale and Retail",
         "Hotel and Catering", "Real Estate", "Leasing and Business Services"), "District", True),
    "enterprises": _FileSpec(
        "enterprise_financial_indicators_by_district.csv", "cp1252",
        ("Region", "Number of Enterprises (unit)", "Total Assets (100 million yuan)",
         "Business Revenue (100 million yuan)",
         "Employee Compensation Payable (100 million yuan)",
         "Average Number of Employed Persons (person)"), "Region", True),
    "land_population": _FileSpec(
        "total_land_area_population_and_density_by_district.csv", "utf-8",
        ("Region", "Land Area (km)", "Year-end Permanent Population (10,000 persons)",
         "Permanent Registered Population (10,000)",
         "Permanent Non-registered Population (10,000)",
         "Population Density (persons/km)"), "Region", True),
    "household_population": _FileSpec(
        "household_population_with_gender_by_district.csv", "utf-8",
        ("District", "Household Registration Population (10,000 persons)",
         "Men (10,000 persons)", "Women (10,000 persons)", "Sex Ratio (?=100)"), "District",
        False),
}

_RENAME = {
    "gdp": {"GDP": "gdp_10k_yuan"},
    "units": {"Survey Units": "survey_units", "Industry": "industry",
              "Construction": "construction", "Wholesale and Retail": "wholesale_retail",
              "Hotel and Catering": "hotel_catering", "Real Estate": "real_estate",
              "Leasing and Business Services": "leasing_business_services"},
    "enterprises": {"Number of Enterprises (unit)": "enterprises",
                    "Total Assets (100 million yuan)": "total_assets_100m_yuan",
                    "Business Revenue (100 million yuan)": "business_revenue_100m_yuan",
                    "Employee Compensation Payable (100 million yuan)":
                        "compensation_payable_100m_yuan",
                    "Average Number of Employed Persons (person)": "average_employed_persons"},
    "land_population": {"Land Area (km)": "land_area_km2",
                        "Year-end Permanent Population (10,000 persons)":
                            "permanent_population_10k",
                        "Permanent Registered Population (10,000)": "registered_population_10k",
                        "Permanent Non-registered Population (10,000)":
                            "non_registered_population_10k",
                        "Population Density (persons/km)": "density_per_km2"},
    "household_population": {
        "Household Registration Population (10,000 persons)": "household_registered_10k",
        "Men (10,000 persons)": "men_10k", "Women (10,000 persons)": "women_10k",
        "Sex Ratio (?=100)": "sex_ratio_women_100"},
}


def parse_number(text: str, *, where: str = "") -> float:
    """Parse one numeric cell of these files; a blank cell is ``nan`` (not reported).

    Accepted: digits, optionally grouped in threes by single spaces after a first group of one
    to three digits (``"154 480"``, ``"2 875.63"``), with an optional decimal part. Anything
    else raises :class:`ShenzhenParseError` (``where`` names the file, line and column).

    Examples
    --------
    >>> parse_number("154 480"), parse_number("2 875.63"), parse_number("77663")
    (154480.0, 2875.63, 77663.0)
    >>> import math; math.isnan(parse_number(""))
    True
    """
    s = text.strip()
    if s == "":
        return float("nan")
    if text != s:
        raise ShenzhenParseError(f"{where}: value {text!r} has leading or trailing spaces.")
    if not _NUMBER.match(s):
        raise ShenzhenParseError(
            f"{where}: {text!r} is not a number in the file's format (digits, optionally "
            "grouped in threes by single spaces, optional decimals). Correct the cell or "
            "extend the parser deliberately.")
    return float(s.replace(" ", ""))


def _district_name(cell: str, *, where: str = "") -> str:
    """The district name of a first-column cell: one of :data:`DISTRICTS`, a former district
    of :data:`FORMER_DISTRICTS` or ``Total``; the other spellings of Bao'an ("Bao’an",
    "Baoan") are mapped to "Bao'an". Anything else raises :class:`ShenzhenParseError`
    (``where`` names the file, line and column)."""
    name = _ALIASES.get(cell, cell)
    allowed = set(DISTRICTS) | set(FORMER_DISTRICTS) | {"Total"}
    if name not in allowed:
        raise ShenzhenParseError(
            f"{where}: unknown district {cell!r}; expected one of {sorted(allowed)}.")
    return name


def _decode(raw: bytes, spec: _FileSpec) -> str:
    try:
        text = raw.decode(spec.encoding)
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ShenzhenParseError(
            f"{spec.name}: byte 0x{raw[exc.start]:02x} at offset {exc.start} (line {line}) is "
            f"not valid {spec.encoding}; the file is registered as {spec.encoding}.") from exc
    if spec.encoding != "utf-8":
        # the declared legacy encoding must be needed: a UTF-8 file registered as cp1252
        # would be mis-decoded silently
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise ShenzhenParseError(
                f"{spec.name}: registered as {spec.encoding} but decodes as UTF-8; the upstream "
                "file has changed. Check its hash and encoding.")
    return text


def parse_table(raw: bytes, spec_name: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Parse one file (given as bytes) into a table of district rows and a report.

    The first column holds the district (or ``Total``) as text; every other column is parsed
    with :func:`parse_number` into float64 with NaN for blank cells. District spellings are
    mapped to :data:`DISTRICTS` names (counted in the report).

    Raises
    ------
    ShenzhenParseError
        Unknown header, wrong number of cells, unparseable number, unknown or repeated district.
    """
    spec = _FILES[spec_name]
    text = _decode(raw, spec)
    report: dict[str, Any] = {
        "file": spec.name, "encoding": spec.encoding,
        "crlf_lines": text.count("\r\n"),
        "lf_only_lines": text.count("\n") - text.count("\r\n"),
    }
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or tuple(rows[0]) != spec.header:
        got = rows[0] if rows else []
        raise ShenzhenParseError(
            f"{spec.name}, line 1: header {got!r} differs from the expected {list(spec.header)!r}.")
    header = rows[0]
    records = []
    lines: dict[str, int] = {}
    renamed: dict[str, str] = {}
    blanks: list[dict[str, Any]] = []
    spaced = 0
    for lineno, cells in enumerate(rows[1:], start=2):
        if not cells:
            raise ShenzhenParseError(f"{spec.name}, line {lineno}: empty line inside the table.")
        if len(cells) != len(header):
            raise ShenzhenParseError(
                f"{spec.name}, line {lineno}: {len(cells)} cells, the header has {len(header)}.")
        name = _district_name(cells[0], where=f"{spec.name}, line {lineno}, column 1 "
                                               f"({header[0]})")
        if name != cells[0]:
            renamed[cells[0]] = name
        lines[name] = lineno
        rec: dict[str, Any] = {"district": name}
        for col, cell in zip(header[1:], cells[1:]):
            where = f"{spec.name}, line {lineno}, column {header.index(col) + 1} ({col})"
            value = parse_number(cell, where=where)
            if np.isnan(value):
                blanks.append({"district": name, "column": col, "line": lineno})
            elif " " in cell:
                spaced += 1
            rec[col] = value
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    df = df.astype({"district": "string", **{c: "float64" for c in header[1:]}})
    dup = df["district"][df["district"].duplicated()]
    if len(dup):
        raise ShenzhenParseError(f"{spec.name}: district(s) {sorted(dup)} appear twice.")
    missing = set(DISTRICTS) - set(df["district"])
    if missing:
        raise ShenzhenParseError(f"{spec.name}: district(s) {sorted(missing)} are missing.")
    if spec.has_total != ("Total" in set(df["district"])):
        raise ShenzhenParseError(
            f"{spec.name}: a Total row is {'expected' if spec.has_total else 'not expected'}.")
    report.update({"rows": len(df), "blank_cells_not_reported": len(blanks),
                   "blank_cells": blanks, "cells_with_space_separator": spaced,
                   "district_spellings_mapped": renamed, "lines": lines})
    return df, report


def section_letters(codes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 19 English section names of the employment file with their GB/T 4754-2017 letters.

    Each letter is checked against the loaded code tree (``load_gbt4754().tables["codes"]``):
    it must be a section whose Chinese name contains the word recorded in
    :data:`SECTION_LETTERS` (e.g. C / 制造业). Returns columns ``section_en`` (as printed),
    ``section`` (letter), ``name_zh`` (from the code tree).

    Raises
    ------
    ValueError
        A letter is not a section of the tree, or its Chinese name does not match.
    """
    if codes is None:
        from .codes import load_gbt4754

        codes = load_gbt4754().tables["codes"]
    sections = codes[codes["level"] == "section"].set_index("code")["name"]
    rows = []
    for en, (letter, word) in SECTION_LETTERS.items():
        if letter not in sections.index:
            raise ValueError(f"section {letter} ({en}) is not in the GB/T 4754-2017 code tree.")
        if word not in sections[letter]:
            raise ValueError(f"section {letter} of the code tree is {sections[letter]!r}, which "
                             f"does not match {en!r} (expected the word {word!r}).")
        rows.append({"section_en": en, "section": letter, "name_zh": sections[letter]})
    out = pd.DataFrame(rows).astype("string")
    if out["section"].duplicated().any():
        raise ValueError("two English section names map to the same letter.")
    return out


_EMPLOYMENT_TOTAL = 4_425_477
"""Printed total of year-end full-time employed workers over the ten districts (persons)."""

_GDP_TOTAL_10K_YUAN = 194_926_012
"""Printed GDP Total row (10,000 yuan): 19,492.60 x 100 million yuan, Shenzhen's 2016 GDP."""

_POPULATION_TOTAL_10K = 1190.84
"""Printed year-end permanent population, Total row (10,000 persons): Shenzhen's 2016 value."""

_YEAR_INFERRED_FROM = (
    "GDP Total 194,926,012 x 10,000 yuan (19,492.60 x 100 million, Shenzhen's 2016 GDP) and "
    "year-end permanent population 1,190.84 x 10,000 (2016); the files state no year")

_DESCR = (
    "Shenzhen, ten districts, 2016 (Shenzhen Statistical Yearbook 2017). Panel: "
    "year-end full-time employed workers by the 19 sections of GB/T 4754-2017 "
    "(letters A-S), persons; blank cells are 'not reported' and enter the panel as 0, "
    "which the printed district totals confirm (sections add up to the totals exactly "
    "with blanks as zero). The count covers full-time workers of reporting units, not "
    "all employment (it excludes most self-employed and informal work), so it is far "
    "below the resident workforce. Units are counted in the district where the legal "
    "unit is registered, so branch staff of firms registered elsewhere (e.g. bank "
    "branches of head offices in Futian) are counted there, and a blank cell is 'not "
    "reported', not proof of no activity (see blank_treatments). Side tables: GDP by "
    "district (10,000 yuan, with the "
    "former Bao'an and Longgang districts), surveyed units by six sectors, enterprise "
    "indicators (100 million yuan; persons), land area (km²; printed as 'km') and "
    "population (10,000 persons), registered population by sex. The year is not "
    "written in the files; it is inferred from the GDP total (19,492.60 x 100 million "
    "yuan) and the year-end population (1,190.84 x 10,000), which are the official "
    "2016 figures. The files are a third-party transcription with English headers; "
    "no licence is stated.")

#: output columns of the side tables that hold counts (units, enterprises, persons)
_COUNT_COLUMNS = ("survey_units", "industry", "construction", "wholesale_retail",
                  "hotel_catering", "real_estate", "leasing_business_services",
                  "enterprises", "average_employed_persons")


def _check(cond: bool, message: str, failures: list[str]) -> None:
    if not cond:
        failures.append(message)


class _Checks:
    """Consistency checks on the parsed tables: every check is recorded, failures collected.

    ``report`` is the per-file report of :func:`parse_table` (its ``lines`` give the line of
    each row, so a failure names the file and the line it is about).
    """

    def __init__(self, report: dict[str, Any]):
        self.report = report
        self.rows: list[dict[str, Any]] = []
        self.failures: list[str] = []

    def at(self, key: str, row: str | None = None) -> str:
        """File (and line of the row) a check is about, for the error message."""
        where = _FILES[key].name
        return f"{where}, line {self.report[key]['lines'][row]}" if row else where

    def check(self, name: str, computed: float, expected: float, tol: float = 0.0, *,
              where: str = "") -> None:
        """Record ``|computed - expected| <= tol`` with its values; a failure is kept."""
        ok = bool(abs(computed - expected) <= tol)
        self.rows.append({"check": name, "computed": computed, "expected": expected,
                          "tolerance": tol, "passed": ok, "where": where})
        _check(ok, f"{where}: {name}: computed {computed!r}, expected {expected!r}",
               self.failures)

    def raise_failures(self) -> None:
        """Raise one ValueError listing every failed check (nothing if all passed)."""
        if self.failures:
            raise ValueError("Shenzhen district tables fail consistency checks:\n- "
                             + "\n- ".join(self.failures))


def _read_files(download: bool) -> tuple[dict[str, pd.DataFrame], dict[str, Any]]:
    """Fetch and parse the six files (:func:`parse_table`): tables and per-file reports."""
    tables: dict[str, pd.DataFrame] = {}
    report: dict[str, Any] = {}
    for key, spec in _FILES.items():
        path = fetch_file(DATASET, spec.name, download=download)
        df, rep = parse_table(path.read_bytes(), key)
        tables[key] = df
        report[key] = rep
    return tables, report


def _district_employment(employment: pd.DataFrame) -> pd.DataFrame:
    """The employment table indexed by district, rows in the order of :data:`DISTRICTS`."""
    emp = employment.set_index("district")
    return emp.loc[list(DISTRICTS)]


def _check_employment(emp: pd.DataFrame, checks: _Checks, *,
                      total: float = _EMPLOYMENT_TOTAL) -> None:
    """Each district's 19 sections (blanks as 0) sum to its Total; the Totals sum to ``total``.

    ``emp`` is indexed by district (the ten of :data:`DISTRICTS`) with the ``Total`` column and
    the section columns of :data:`SECTION_LETTERS`.
    """
    by_section = emp[list(SECTION_LETTERS)]
    for d in DISTRICTS:
        checks.check(f"employment: 19 sections of {d} sum to its Total (blanks as 0)",
                     float(by_section.loc[d].sum(skipna=True)), float(emp.loc[d, "Total"]),
                     where=checks.at("employment", d))
    checks.check("employment: district totals sum", float(emp["Total"].sum()), float(total),
                 where=checks.at("employment"))


def _check_gdp(gdp_table: pd.DataFrame, checks: _Checks, *,
               total: float = _GDP_TOTAL_10K_YUAN) -> None:
    """The ten districts sum to the Total row, which equals ``total``; each former district
    equals the sum of the districts carved out of it (:data:`FORMER_DISTRICTS`)."""
    gdp = gdp_table.set_index("district")["GDP"]
    checks.check("GDP: ten districts sum to the Total row (10,000 yuan)",
                 float(gdp.loc[list(DISTRICTS)].sum()), float(gdp.loc["Total"]),
                 where=checks.at("gdp", "Total"))
    checks.check("GDP: Total row (10,000 yuan)", float(gdp.loc["Total"]), float(total),
                 where=checks.at("gdp", "Total"))
    for former, parts in FORMER_DISTRICTS.items():
        checks.check(f"GDP: {former} equals {' + '.join(parts)}",
                     float(gdp.loc[list(parts)].sum()), float(gdp.loc[former]),
                     where=checks.at("gdp", former))


def _check_units(units_table: pd.DataFrame, checks: _Checks) -> None:
    """In every row the six sectors sum to Survey Units; every column sums to its Total."""
    units = units_table.set_index("district")
    six = list(units.columns[1:])
    for d in units.index:
        checks.check(f"units: six sectors of {d} sum to Survey Units",
                     float(units.loc[d, six].sum()), float(units.loc[d, "Survey Units"]),
                     where=checks.at("units", d))
    for col in units.columns:
        checks.check(f"units: districts sum to Total ({col})",
                     float(units.loc[list(DISTRICTS), col].sum()),
                     float(units.loc["Total", col]), where=checks.at("units", "Total"))


def _check_enterprises(ent_table: pd.DataFrame, checks: _Checks) -> None:
    """Every column sums to its Total: counts exactly, money to 0.05 (rounded printing)."""
    ent = ent_table.set_index("district")
    for col in ent.columns:
        tol = 0.0 if col.endswith("(unit)") or col.endswith("(person)") else 0.05
        checks.check(f"enterprises: districts sum to Total ({col})",
                     float(ent.loc[list(DISTRICTS), col].sum()), float(ent.loc["Total", col]),
                     tol, where=checks.at("enterprises", "Total"))


def _check_population(land_table: pd.DataFrame, hh_table: pd.DataFrame, checks: _Checks, *,
                      total: float = _POPULATION_TOTAL_10K) -> None:
    """The permanent population Total row equals ``total``; land and population columns sum
    to their Total (to 0.05); registered + non-registered = permanent and men + women =
    registered household population (each to 0.015, rounded printing)."""
    land = land_table.set_index("district")
    permanent = "Year-end Permanent Population (10,000 persons)"
    checks.check("population: year-end permanent population, Total row (10,000)",
                 float(land.loc["Total", permanent]), total,
                 where=checks.at("land_population", "Total"))
    for col in land.columns[:-1]:
        checks.check(f"land/population: districts sum to Total ({col})",
                     float(land.loc[list(DISTRICTS), col].sum()),
                     float(land.loc["Total", col]), 0.05,
                     where=checks.at("land_population", "Total"))
    reg = land["Permanent Registered Population (10,000)"] + \
        land["Permanent Non-registered Population (10,000)"]
    checks.check("population: registered + non-registered = permanent (max abs gap, 10,000)",
                 float((reg - land[permanent]).abs().max()), 0.0, 0.015,
                 where=checks.at("land_population"))
    hh = hh_table.set_index("district")
    checks.check("household population: men + women = total (max abs gap, 10,000)",
                 float((hh["Men (10,000 persons)"] + hh["Women (10,000 persons)"]
                        - hh["Household Registration Population (10,000 persons)"])
                       .abs().max()),
                 0.0, 0.015, where=checks.at("household_population"))


def _consistency_checks(tables: dict[str, pd.DataFrame], report: dict[str, Any],
                        emp: pd.DataFrame) -> list[dict[str, Any]]:
    """Run every check on the parsed tables; return their rows or raise listing failures."""
    checks = _Checks(report)
    _check_employment(emp, checks)
    _check_gdp(tables["gdp"], checks)
    _check_units(tables["units"], checks)
    _check_enterprises(tables["enterprises"], checks)
    _check_population(tables["land_population"], tables["household_population"], checks)
    checks.raise_failures()
    return checks.rows


def _employment_panel(emp: pd.DataFrame, sections: pd.DataFrame) -> tuple[Panel, int]:
    """District x section panel of workers (blanks entered as 0) and the number of blanks.

    ``emp`` as for :func:`_check_employment`; ``sections`` as from :func:`section_letters`.
    The hierarchy gives each letter its English name and a sector (A primary; B-E
    secondary; the rest tertiary).
    """
    letter = dict(zip(sections["section_en"], sections["section"]))
    long = emp[list(SECTION_LETTERS)].rename(columns=letter).reset_index().melt(
        id_vars="district", var_name="section", value_name="workers")
    n_blank = int(long["workers"].isna().sum())
    long["workers"] = long["workers"].fillna(0.0)
    long["year"] = 2016
    sector = {s: ("primary" if s == "A" else "secondary" if s in "BCDE" else "tertiary")
              for s in letter.values()}
    hierarchy = pd.DataFrame({
        "section_en": pd.Series({v: k for k, v in letter.items()}),
        "sector": pd.Series(sector),
    })
    panel = Panel.from_long(
        long, region="district", industry="section", value="workers", time="year",
        hierarchy=hierarchy,
        meta={"unit": "persons (year-end full-time employed workers)", "year": 2016,
              "classification": "GB/T 4754-2017 sections", "source": _CITATION,
              "blank_cells_entered_as_zero": n_blank},
    )
    return panel, n_blank


def _gdp_level(name: str) -> str:
    """Level of a GDP row: the city Total, a former (pre-split) district, or a district."""
    return "city" if name == "Total" else (
        "former district" if name in FORMER_DISTRICTS else "district")


def _output_tables(tables: dict[str, pd.DataFrame], emp: pd.DataFrame, sections: pd.DataFrame,
                   checks: list[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """The dataset's tables: columns renamed (:data:`_RENAME`), counts as Int64 (blanks <NA>)."""
    out = {
        "employment": emp.reset_index().astype({c: "Int64" for c in emp.columns}),
        "sections": sections,
        "gdp": tables["gdp"].rename(columns=_RENAME["gdp"]).assign(
            level=lambda d: d["district"].map(_gdp_level).astype("string")),
        "units": tables["units"].rename(columns=_RENAME["units"]),
        "enterprises": tables["enterprises"].rename(columns=_RENAME["enterprises"]),
        "land_population": tables["land_population"].rename(columns=_RENAME["land_population"]),
        "household_population": tables["household_population"].rename(
            columns=_RENAME["household_population"]),
        "checks": pd.DataFrame(checks),
    }
    for k in ("units", "enterprises"):
        ints = [c for c in out[k].columns if c in _COUNT_COLUMNS]
        out[k] = out[k].astype({c: "Int64" for c in ints})
    out["gdp"] = out["gdp"].astype({"gdp_10k_yuan": "Int64"})
    return out


def load_cn_shenzhen_districts_2016(*, download: bool = True) -> Dataset:
    """Load Shenzhen's ten districts, 2016: employment by section and the side tables.

    Returns
    -------
    Dataset
        ``panel``: 10 districts x 19 GB/T 4754-2017 sections (letters A-S), one period (2016),
        year-end full-time employed workers (persons). Blank cells ("not reported") enter the
        panel as 0: in every district the 19 sections add up exactly to the printed Total when
        blanks count as zero, which the loader checks. The hierarchy gives each section's
        English name (``section_en``) and a three-sector split (``sector``).

        ``tables``: ``employment`` (as printed, blanks as <NA>, with the Total column),
        ``sections`` (name -> letter), ``gdp`` (10,000 yuan, incl. the city total and the two
        former districts), ``units`` (surveyed units by six sectors), ``enterprises``
        (enterprise indicators), ``land_population`` (km², 10,000 persons, persons/km²),
        ``household_population`` (registered population by sex), ``checks`` (every
        consistency check with its values).

        ``report``: per file the encoding, line endings, blank cells (with line and column),
        cells with a space separator and district spellings mapped.

    Raises
    ------
    ShenzhenParseError
        A file does not parse (the message names file, line and column).
    ValueError
        A consistency check fails (all failures are listed).

    Notes
    -----
    Steps: read and parse the six files (:func:`parse_table`: declared encodings, CRLF,
    space-grouped numbers, district spellings, blanks as missing and counted); order the
    employment rows by :data:`DISTRICTS`; map the section names to letters
    (:func:`section_letters`); run the consistency checks (employment totals, GDP total of
    194,926,012 x 10,000 yuan, surveyed units, enterprises, population total of 1,190.84 x
    10,000); build the panel; rename and type the side tables.
    """
    tables, report = _read_files(download)
    emp = _district_employment(tables["employment"])
    sections = section_letters()
    checks = _consistency_checks(tables, report, emp)
    panel, n_blank = _employment_panel(emp, sections)
    out_tables = _output_tables(tables, emp, sections, checks)
    report["employment_blank_cells_entered_as_zero"] = n_blank
    report["checks_passed"] = len(checks)
    report["year_inferred_from"] = _YEAR_INFERRED_FROM
    return Dataset(
        name=DATASET,
        panel=panel,
        descr=_DESCR,
        citation=_CITATION,
        licence="None stated by the transcribing repository; official statistics of the "
                "Shenzhen Statistics Bureau. Used for research, not redistributed.",
        tables=out_tables,
        report=report,
    )


def blank_treatments(ds: Dataset) -> dict[str, Panel]:
    """The district panel under two readings of the blank ("not reported") cells.

    ``"zero"``: the loader's panel, blanks entered as 0 (the printed district totals add up
    this way, so a blank contributes nothing to the totals). ``"missing"``: blanks are
    unknown, so every section with a blank in any district is left out and the indices are
    computed on the sections reported in all ten districts. Comparing the two shows which
    readings rest on the blank cells. A blank need not mean that nobody works in the section
    there: the district tables count a unit's workers where the legal unit is registered, so
    the staff of a bank branch in Bao'an registered to a head office in Futian are counted in
    Futian.

    Parameters
    ----------
    ds : Dataset
        The result of :func:`load_cn_shenzhen_districts_2016`.

    Returns
    -------
    dict
        ``{"zero": Panel, "missing": Panel}``; the second carries the left-out sections in
        ``meta["sections_with_blanks"]``.
    """
    emp = ds.tables["employment"].set_index("district")
    letters = ds.tables["sections"].set_index("section_en")["section"]
    blank_cols = [c for c in letters.index if emp[c].isna().any()]
    dropped = [str(letters[c]) for c in blank_cols]
    kept = [s for s in ds.panel.industries if s not in dropped]
    reported = ds.panel.select(industries=kept)
    reported.meta = {**ds.panel.meta, "sections_with_blanks": dropped,
                     "blank_cells": "sections with a blank in any district left out"}
    return {"zero": ds.panel, "missing": reported}
