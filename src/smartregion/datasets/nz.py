"""New Zealand census employment by urban area and industry, 1976-2013.

Davies and Maré compiled usual-resident employment counts from eight New Zealand censuses
(1976, 1981, 1986, 1991, 1996, 2001, 2006, 2013) for 143 urban areas (2013 boundaries) and 65
industries (groups of 2013 NZSIOC codes) in 16 industry classes, published with their study of
relatedness and complexity (repository ``moturesearch/relatedness-complexity``).

The file used here is ``unsuppressed.csv``: the counts are randomly rounded to base 3 (a
confidentiality rule of Statistics New Zealand), so every count is a multiple of 3 and totals
differ slightly from the unrounded census figures; unlike the published ``counts.csv`` small
cells are not suppressed. Every (urban area, industry, census) cell is present.
"""

from __future__ import annotations

import pandas as pd

from ..panel import Panel
from ._base import Dataset
from ._registry import fetch_file

__all__ = ["load_nz_urban_employment"]

DATASET = "nz_urban_employment"

CITATION = (
    "Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. Regional "
    "Studies, 55(3), 479-494. Data: 1976-2013 New Zealand Census of Population and Dwellings "
    "(Statistics New Zealand), compiled by the authors; files from https://github.com/"
    "moturesearch/relatedness-complexity at commit bfc0457178ed7f1cfb424b2500c46e6dee127112 "
    "(data/employment/unsuppressed.csv, data/lookups/*.csv)."
)

LICENCE = (
    "MIT (Copyright (c) 2020 Benjamin Davies, David Maré, and Motu Economic and Public Policy "
    "Research). Census data accessed under the conditions of the Statistics Act 1975; the "
    "files are the authors' work, not Statistics New Zealand's."
)


def load_nz_urban_employment(
    *,
    region_labels: str = "name",
    download: bool = True,
) -> Dataset:
    """Load employment by urban area x industry x census year (New Zealand, 1976-2013).

    Parameters
    ----------
    region_labels : {"name", "code"}
        Label urban areas by name (``"Wellington Zone"``) or by numeric code.
    download : bool, default True
        Download missing files (False: use the cache only).

    Returns
    -------
    Dataset
        ``panel``: times 1976 ... 2013 (8 censuses), 143 urban areas, 65 industries; hierarchy
        columns ``class`` (16 industry classes) and ``sector`` (5 sector groups). Tables:
        ``urban_areas`` (code, name), ``industries`` (code, name, class, class name, sector),
        ``industry_classes`` and ``nzsioc_groups`` (ANZSIC06 -> NZSIOC13 crosswalk). The
        upstream files hold no grouping of urban areas into regions (Auckland, Hamilton, Napier,
        Hastings and the Wellington area appear as separate "Zone" areas).
    """
    if region_labels not in ("name", "code"):
        raise ValueError(f"region_labels must be 'name' or 'code'; got {region_labels!r}.")
    counts = pd.read_csv(fetch_file(DATASET, "unsuppressed.csv", download=download),
                         dtype={"ind": str})
    inds = pd.read_csv(fetch_file(DATASET, "industries.csv", download=download), dtype=str)
    classes = pd.read_csv(fetch_file(DATASET, "industry-classes.csv", download=download),
                          dtype=str)
    uas = pd.read_csv(fetch_file(DATASET, "urban-areas.csv", download=download),
                      dtype={"ua_name": str})
    crosswalk = pd.read_csv(fetch_file(DATASET, "nzsioc-groups.csv", download=download),
                            dtype=str)

    report: dict = {"n_rows": len(counts)}
    n_nan = int(counts["emp"].isna().sum())
    if n_nan:
        raise ValueError(
            f"unsuppressed.csv has {n_nan} missing counts; the upstream file changed. Delete it "
            f"and run `smartregion data fetch {DATASET}`."
        )
    report["n_not_multiple_of_3"] = int((counts["emp"].to_numpy() % 3 != 0).sum())

    unknown_ua = sorted(set(counts["ua"]) - set(uas["ua"]))
    unknown_ind = sorted(set(counts["ind"]) - set(inds["ind"]))
    if unknown_ua or unknown_ind:
        raise ValueError(f"codes without labels: urban areas {unknown_ua[:5]}, industries "
                         f"{unknown_ind[:5]}; the lookup files do not match the counts.")
    if not uas["ua_name"].is_unique and region_labels == "name":
        raise ValueError("urban-area names are not unique; use region_labels='code'.")
    if region_labels == "name":
        counts["region"] = counts["ua"].map(uas.set_index("ua")["ua_name"])
    else:
        counts["region"] = counts["ua"]

    ind_full = inds.merge(classes, on="ind_class", how="left", validate="many_to_one")
    if ind_full["ind_class_name"].isna().any():
        bad = ind_full.loc[ind_full["ind_class_name"].isna(), "ind_class"].unique().tolist()
        raise ValueError(f"industry classes {bad} are missing from industry-classes.csv.")
    hierarchy = (ind_full.set_index("ind")[["ind_class", "sector_name"]]
                 .rename(columns={"ind_class": "class", "sector_name": "sector"}))
    used = sorted(set(counts["ind"]))
    report["n_industries_in_lookup_not_in_counts"] = len(set(hierarchy.index) - set(used))
    hierarchy = hierarchy.loc[used]

    panel = Panel.from_long(
        counts.rename(columns={"emp": "employment"}), region="region", industry="ind",
        value="employment", time="year",
        hierarchy=hierarchy,
        meta={"dataset": DATASET, "unit": "persons employed (usual residents)",
              "rounding": "random rounding to base 3", "source": CITATION},
    )
    t, r, i = panel.shape
    expected_cells = t * r * i
    report["cells_expected"] = expected_cells
    report["cells_in_file"] = len(counts)
    report["n_times"], report["n_regions"], report["n_industries"] = t, r, i
    report["total_by_year"] = {int(k): float(v) for k, v in
                               zip(panel.times, panel.values.sum(axis=(1, 2)))}

    descr = (
        f"New Zealand census employment (usual residents) for {r} urban areas (2013 "
        f"boundaries) x {i} industries (groups of 2013 NZSIOC codes) in "
        f"{hierarchy['class'].nunique()} classes, censuses {', '.join(map(str, panel.times))}. "
        "Counts are randomly rounded to base 3 (multiples of 3; totals differ slightly from "
        "unrounded figures); small cells are not suppressed in this file. Hierarchy: industry "
        "-> class -> sector. Compiled by Davies and Maré (2021) from Statistics New Zealand "
        f"census data.\nSource: {CITATION}"
    )
    ua_table = uas.rename(columns={"ua": "code", "ua_name": "name"})
    return Dataset(
        name=DATASET,
        panel=panel,
        descr=descr,
        citation=CITATION,
        licence=LICENCE,
        tables={"urban_areas": ua_table, "industries": ind_full, "industry_classes": classes,
                "nzsioc_groups": crosswalk},
        report=report,
    )

