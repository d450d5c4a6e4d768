"""New Zealand census employment by urban area x industry x occupation ("activities"), 1976-2013.

The input of Davies & Maré (2021): usual-resident employment from eight censuses for 143
urban areas (2013 boundaries) x 65 industry groups (2013 NZSIOC) x 9 one-digit occupations
(NZSCO99), as released with their replication package (file ``emp_ioct.xlsx``). Statistics New
Zealand's confidentiality rules apply: every count is randomly rounded to base 3 and cells with
a raw count below 6 are suppressed (left blank). A blank cell is therefore a count between 0 and
5 that cannot be told apart from a true zero; this loader never turns it into a number without
saying so (option ``suppressed``, counts in ``report``).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..panel import Panel
from ._base import Dataset
from ._registry import fetch_file

__all__ = ["load_nz_activity_employment", "load_nz_davies_mare_2021", "parse_descriptives",
           "parse_estimates"]

DATASET = "nz_activity_employment"
WORKBOOK = "emp_ioct.xlsx"
SHEET = "Employment"
KEY_COLUMNS = ["ua13", "nzsioc_gp", "nzsioc_gpname", "ua13_desc", "nzsco99_1d",
               "nzsco99_1d_desc"]
YEAR_COLUMNS = {"emp76": 1976, "emp81": 1981, "emp86": 1986, "emp91": 1991, "emp96": 1996,
                "emp01": 2001, "emp06": 2006, "emp13": 2013}
#: Sum of the reported (not suppressed) counts per census in the registered file (sha256
#: 9fc5b502...): a fact of the file, checked on every load.
REPORTED_TOTALS = {1976: 1_080_546, 1981: 1_129_548, 1986: 1_225_755, 1991: 1_119_981,
                   1996: 1_251_270, 2001: 1_344_216, 2006: 1_548_099, 2013: 1_581_534}
#: Upper bound of a suppressed cell: a raw count below 6.
SUPPRESSED_MAX = 5

CITATION = (
    "Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. Regional "
    "Studies, 55(3), 479-494. Data: 1976-2013 New Zealand Census of Population and Dwellings "
    "(Statistics New Zealand), compiled by the authors; file data/raw/emp_ioct.xlsx and "
    "data/lookups/*.csv of https://github.com/moturesearch/relatedness-complexity at commit "
    "bfc0457178ed7f1cfb424b2500c46e6dee127112."
)
LICENCE = (
    "MIT (Copyright (c) Benjamin Davies, David Maré, and Motu Economic and Public Policy "
    "Research). Census data accessed under the conditions of the Statistics Act 1975; the "
    "files are the authors' work, not Statistics New Zealand's."
)

Suppressed = Literal["zero", "upper", "raise"]


def _read_workbook(path) -> pd.DataFrame:
    raw = pd.read_excel(path, sheet_name=SHEET, dtype=str)
    expected = KEY_COLUMNS + list(YEAR_COLUMNS)
    if list(raw.columns) != expected:
        raise ValueError(f"{path} sheet {SHEET!r}: columns are {list(raw.columns)}; expected "
                         f"{expected}. The upstream file changed; delete it and run "
                         f"`smartregion data fetch {DATASET}`.")
    for c in KEY_COLUMNS:
        bad = raw[c].isna()
        if bad.any():
            rows = (raw.index[bad][:5] + 2).tolist()
            raise ValueError(f"{path} sheet {SHEET!r} column {c!r}: empty at Excel rows {rows}; "
                             "every row needs its codes and labels.")
    for c in ("ua13", "nzsco99_1d"):
        bad = ~raw[c].str.fullmatch(r"\d+")
        if bad.any():
            rows = (raw.index[bad][:5] + 2).tolist()
            raise ValueError(f"{path} column {c!r}: non-numeric codes "
                             f"{raw.loc[bad, c].head().tolist()} at Excel rows {rows}.")
    dup = raw.duplicated(["ua13", "nzsioc_gp", "nzsco99_1d"], keep=False)
    if dup.any():
        rows = (raw.index[dup][:5] + 2).tolist()
        raise ValueError(f"{path}: repeated (urban area, industry, occupation) keys at Excel rows "
                         f"{rows}.")
    return raw


def _counts(raw: pd.DataFrame, path) -> pd.DataFrame:
    """Long table with the counts (NaN = suppressed) and a ``suppressed`` flag."""
    long = raw.melt(id_vars=["ua13", "nzsioc_gp", "nzsco99_1d"], value_vars=list(YEAR_COLUMNS),
                    var_name="column", value_name="text")
    num = pd.to_numeric(long["text"], errors="coerce")
    bad = long["text"].notna() & num.isna()
    if bad.any():
        ex = long.loc[bad].head(3)
        raise ValueError(f"{path}: non-numeric counts {ex['text'].tolist()} in columns "
                         f"{ex['column'].tolist()}; only numbers or blanks are expected.")
    out = pd.DataFrame({
        "year": long["column"].map(YEAR_COLUMNS).astype("int64"),
        "ua": long["ua13"].astype("int64"),
        "industry": long["nzsioc_gp"].astype("string"),
        "occupation": long["nzsco99_1d"].astype("string"),
        "employment": num.astype("float64"),
    })
    out["suppressed"] = out["employment"].isna()
    return out


def load_nz_activity_employment(
    *,
    suppressed: Suppressed = "zero",
    region_labels: Literal["code", "name"] = "code",
    download: bool = True,
) -> Dataset:
    """Load employment by urban area x activity (industry x occupation) x census, 1976-2013.

    Parameters
    ----------
    suppressed : {"zero", "upper", "raise"}, default "zero"
        How a suppressed cell (blank: a raw count below 6) enters the panel. ``"zero"`` (the
        default) counts it as 0, which is what Davies & Maré's scripts do (``dplyr::count``
        sums with ``na.rm = TRUE``) and gives lower bounds of every total; ``"upper"`` counts it
        as 5, the largest value it can hide (upper bounds); ``"raise"`` refuses data with
        suppressed cells. Either way the number of suppressed cells per census is in
        ``report["suppressed_by_year"]`` and the cells themselves are flagged in
        ``tables["counts"]`` (employment NaN, ``suppressed`` True).
    region_labels : {"code", "name"}, default "code"
        Urban areas by their 2013 code (read as text, validated as digits, returned as
        integers, as the study's zone-to-city merge and area types use them) or by name.
    download : bool, default True
        Download missing files (False: use the cache only).

    Returns
    -------
    Dataset
        ``panel``: censuses 1976 ... 2013 x 143 urban areas x activities labelled
        ``"<industry>.<occupation>"`` (e.g. ``"CC822.1"``), with hierarchy column
        ``nzsioc_group`` (the industry group, text code). (urban area, activity) pairs absent
        from the file are zero (not suppressed). Tables: ``counts`` (long, one row per listed
        cell and census, suppressed cells NaN), ``activities`` (activity, NZSIOC group,
        occupation code as text), ``urban_areas``, ``industries`` (code, name),
        ``occupations``. ``report``: rows, cells,
        suppressed cells per census, reported totals per census (checked against the file's
        known totals), counts that are not multiples of 3.

    Raises
    ------
    ValueError
        Changed headers, empty keys, repeated keys, non-numeric counts, codes without a label,
        totals that differ from the registered file's, or suppressed cells with
        ``suppressed="raise"``; each message names the file and the fix.
    """
    if suppressed not in ("zero", "upper", "raise"):
        raise ValueError(f"suppressed must be 'zero', 'upper' or 'raise'; got {suppressed!r}.")
    if region_labels not in ("code", "name"):
        raise ValueError(f"region_labels must be 'code' or 'name'; got {region_labels!r}.")
    path = fetch_file(DATASET, WORKBOOK, download=download)
    occ = pd.read_csv(fetch_file(DATASET, "occupations.csv", download=download),
                      dtype={"occ": "string", "occ_name": "string",
                             "occ_name_short": "string", "occ_colour": "string"})
    uas = pd.read_csv(fetch_file(DATASET, "urban-areas.csv", download=download),
                      dtype={"ua": "string", "ua_name": "string"})
    raw = _read_workbook(path)
    counts = _counts(raw, path)

    report: dict = {"n_rows": len(raw), "n_cells": len(counts)}
    by_year = counts.groupby("year")
    report["suppressed_by_year"] = {int(k): int(v) for k, v in by_year["suppressed"].sum().items()}
    report["n_suppressed"] = int(counts["suppressed"].sum())
    totals = {int(k): int(v) for k, v in by_year["employment"].sum().items()}
    report["reported_total_by_year"] = totals
    if totals != REPORTED_TOTALS:
        diff = {y: (totals.get(y), REPORTED_TOTALS[y]) for y in REPORTED_TOTALS
                if totals.get(y) != REPORTED_TOTALS[y]}
        raise ValueError(f"{path}: national totals (reported cells) differ from the registered "
                         f"file's (got, expected) {diff}; the file changed.")
    emp = counts["employment"]
    report["n_not_multiple_of_3"] = int(((emp % 3) != 0)[emp.notna()].sum())
    report["n_below_6"] = int((emp < 6).sum())
    report["suppressed_treatment"] = suppressed
    if suppressed == "raise" and report["n_suppressed"]:
        raise ValueError(f"{path} has {report['n_suppressed']} suppressed cells (counts below 6, "
                         "blank); choose suppressed='zero' or 'upper' to load them as bounds.")

    known_ua = set(uas["ua"].astype(str))
    unknown_ua = sorted(set(raw["ua13"]) - known_ua)
    unknown_occ = sorted(set(raw["nzsco99_1d"]) - set(occ["occ"].astype(str)))
    if unknown_ua or unknown_occ:
        raise ValueError(f"{path}: codes without a label: urban areas {unknown_ua[:5]}, "
                         f"occupations {unknown_occ[:5]} (lookups urban-areas.csv, "
                         "occupations.csv).")
    names = raw.groupby("nzsioc_gp")["nzsioc_gpname"].nunique()
    if (names > 1).any():
        raise ValueError(f"{path}: industry codes with several names: "
                         f"{names[names > 1].index.tolist()[:5]}.")
    industries = (raw[["nzsioc_gp", "nzsioc_gpname"]].drop_duplicates()
                  .rename(columns={"nzsioc_gp": "code", "nzsioc_gpname": "name"})
                  .sort_values("code").reset_index(drop=True))

    fill = 0.0 if suppressed != "upper" else float(SUPPRESSED_MAX)
    counts["activity"] = counts["industry"] + "." + counts["occupation"]
    ua_names = uas.assign(ua=uas["ua"].astype("int64")).set_index("ua")["ua_name"]
    counts["region"] = (counts["ua"] if region_labels == "code"
                        else counts["ua"].map(ua_names).astype("string"))
    acts = counts[["activity", "industry", "occupation"]].drop_duplicates("activity")
    # the industry group nests activities; occupations cut across it (see tables["activities"])
    hierarchy = pd.DataFrame({"nzsioc_group": acts["industry"].to_numpy()},
                             index=pd.Index(acts["activity"].to_numpy()))
    activities = (acts.rename(columns={"industry": "nzsioc_group"})
                  .assign(occupation=acts["occupation"].astype(str))
                  .sort_values("activity").reset_index(drop=True))
    panel = Panel.from_long(
        counts.assign(employment=counts["employment"].fillna(fill)), region="region",
        industry="activity", value="employment", time="year", hierarchy=hierarchy,
        meta={"dataset": DATASET, "unit": "persons employed (usual residents)",
              "rounding": "random rounding to base 3", "suppressed": suppressed,
              "source": CITATION},
    )
    t, r, i = panel.shape
    report["n_times"], report["n_regions"], report["n_activities"] = t, r, i
    report["cells_absent"] = t * r * i - len(counts)
    report["panel_total_by_year"] = {int(k): float(v) for k, v in
                                     zip(panel.times, panel.values.sum(axis=(1, 2)))}
    descr = (
        f"New Zealand census employment (usual residents) for {r} urban areas (2013 "
        f"boundaries) x {i} activities (industry group x one-digit occupation), censuses "
        f"{', '.join(map(str, panel.times))}. Counts are randomly rounded to base 3; "
        f"{report['n_suppressed']} cells with a raw count below 6 are suppressed in the file "
        f"and enter the panel as {fill:g} (suppressed={suppressed!r}). Compiled by Davies and "
        f"Maré (2021) from Statistics New Zealand census data.\nSource: {CITATION}"
    )
    return Dataset(
        name=DATASET, panel=panel, descr=descr, citation=CITATION, licence=LICENCE,
        tables={"counts": counts.drop(columns=["region"]),
                "urban_areas": uas.rename(columns={"ua": "code", "ua_name": "name"}),
                "industries": industries, "occupations": occ, "activities": activities},
        report=report,
    )


# --------------------------------------------------------------------------- published tables
PUBLISHED = "nz_davies_mare_2021"

#: Row labels of the published tables -> variable names of the study's scripts.
_DESCRIPTIVE_LABELS = {"Local growth rate": "G", "Local share": "LS",
                       "Relatedness density": "RD", "Activity complexity": "AC",
                       "City complexity": "CC"}
_DESCRIPTIVE_STATS = ["mean_unweighted", "sd_unweighted", "mean", "sd", "min", "max"]
_ESTIMATE_LABELS = {
    "Local share": "LS", "Relatedness density": "RD", "Activity complexity ($L": "AC",
    "Activity complexity $\\times$ local share": "ACxLS",
    "Activity complexity $\\times$ relatedness density": "ACxRD",
    "City complexity ($L": "CC", "City complexity $\\times$ local share": "CCxLS",
    "City complexity $\\times$ relatedness density": "CCxRD",
}


def _tex_number(cell: str) -> tuple[float, int, str]:
    """'$-$0.118$^{***}$' -> (-0.118, 3 decimals, '***'); '(0.120)' -> (0.12, 3, '')."""
    text = cell.strip().replace("$-$", "-").replace("$", "")
    stars = ""
    if "^{" in text:
        text, rest = text.split("^{", 1)
        stars = rest.rstrip("}")
    text = text.strip("() ").replace(",", "")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return float(text), decimals, stars


def _tex_rows(path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if "&" not in line or not line.endswith("\\\\"):
            continue
        rows.append([c.strip() for c in line[:-2].split("&")])
    return rows


def parse_descriptives(path) -> pd.DataFrame:
    """Tidy table of ``main-descriptives.tex``: block, variable, statistic, value, decimals."""
    out, block = [], "both"
    for line in path.read_text(encoding="utf-8").splitlines():
        if "multicolumn{7}{l}" in line:
            block = "econgeo" if "EconGeo" in line else "davies_mare"
            continue
        line = line.strip()
        if "&" not in line or not line.endswith("\\\\"):
            continue
        cells = [c.strip() for c in line[:-2].split("&")]
        label = cells[0].replace("\\hspace{1em}", "")
        var = next((v for k, v in _DESCRIPTIVE_LABELS.items() if label.startswith(k)), None)
        if var is None:
            continue
        if len(cells) != 7:
            raise ValueError(f"{path}: row {label!r} has {len(cells) - 1} numbers; expected 6.")
        for stat, cell in zip(_DESCRIPTIVE_STATS, cells[1:]):
            value, dec, _ = _tex_number(cell)
            out.append({"table": "descriptives", "block": block, "variable": var,
                        "statistic": stat, "value": value, "decimals": dec, "text": cell})
    return pd.DataFrame(out)


def parse_estimates(path) -> pd.DataFrame:
    """Tidy table of ``main-estimates.tex``: model, term, statistic (coef/se/nobs/r2), value,
    decimals, stars."""
    out, term = [], None
    for cells in _tex_rows(path):
        label = cells[0]
        nums = cells[1:]
        if label.startswith("Observations") or label.startswith("R$^{2}"):
            stat = "nobs" if label.startswith("Observations") else "r2"
            for k, cell in enumerate(nums, start=1):
                value, dec, _ = _tex_number(cell)
                out.append({"table": "estimates", "model": k, "term": "", "statistic": stat,
                            "value": value, "decimals": dec, "stars": "", "text": cell})
            continue
        name = next((v for k, v in _ESTIMATE_LABELS.items() if label.startswith(k)), None)
        if name is not None:
            term, stat = name, "coef"
        elif label == "" and term is not None and any(c.startswith("(") for c in nums):
            stat = "se"
        else:
            continue
        for k, cell in enumerate(nums, start=1):
            if not cell:
                continue
            value, dec, stars = _tex_number(cell)
            out.append({"table": "estimates", "model": k, "term": term, "statistic": stat,
                        "value": value, "decimals": dec, "stars": stars, "text": cell})
    return pd.DataFrame(out)


def load_nz_davies_mare_2021(*, download: bool = True) -> Dataset:
    """The published tables of Davies & Maré (2021) as tidy tables (no panel).

    Parses ``main-descriptives.tex`` (their Table 2: unweighted and weighted descriptive
    statistics of the regression sample) and ``main-estimates.tex`` (their Table 3: weighted
    least-squares estimates with heteroskedasticity-robust standard errors, observations and
    :math:`R^2`). Every number keeps the count of decimals it was printed with, so a
    reproduction can be judged within half a unit of the last printed digit. The R scripts in
    the same dataset (``data.R``, ``tables.R``) are the method reference of
    ``notebooks/08_published_benchmark``.

    Returns
    -------
    Dataset
        ``tables["descriptives"]``: block (``both`` for the rows shared by the two measures,
        ``davies_mare``, ``econgeo``), variable, statistic, value, decimals, text.
        ``tables["estimates"]``: model (1-5), term, statistic (``coef``, ``se``, ``nobs``,
        ``r2``), value, decimals, stars, text.
    """
    desc_path = fetch_file(PUBLISHED, "main-descriptives.tex", download=download)
    est_path = fetch_file(PUBLISHED, "main-estimates.tex", download=download)
    desc = parse_descriptives(desc_path)
    est = parse_estimates(est_path)
    citation = ("Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. "
                "Regional Studies, 55(3), 479-494; tables/main-descriptives.tex and "
                "tables/main-estimates.tex of https://github.com/moturesearch/"
                "relatedness-complexity at commit 225fcfa3afa0b810628193d4f226ca496786a534.")
    return Dataset(
        name=PUBLISHED, panel=None,
        descr=("Published descriptive statistics and main estimates of Davies & Maré (2021), "
               f"{len(desc)} + {len(est)} numbers.\nSource: {citation}"),
        citation=citation, licence=LICENCE,
        tables={"descriptives": desc, "estimates": est},
        report={"n_descriptives": len(desc), "n_estimates": len(est)},
    )
