"""Estimation samples of the public panels used by the quantitative notebook.

Each function loads one dataset (files come from the cache or the registry), builds the
region (or region-industry) table the specifications of :mod:`smartregion.models` take, and
returns a :class:`Sample` with the table, the panel, the resolution of the variety measures
and the facts a reader needs to judge the sample: coverage, suppressed cells, exclusions.

* :func:`jp_growth_sample` - Japanese municipalities and wards, Census of Manufactures, 20
  harmonised groups in the three METI types; main period 2004-2012 (2001 only as a labelled
  robustness check, because 2001-03 cells are heavily suppressed).

  *Why 2004, verified from the files* (:func:`jp_manufactures_caveats`): in 2001-2003 the
  persons-engaged cells are suppressed together with the money values (3,920, 4,674 and
  4,705 municipality x group cells in 2001, 2002 and 2003, as many as for value added); from
  2004 on no persons-engaged cell is suppressed and only the money values (value added,
  shipments, wages, materials) are. An employment panel without imputed cells therefore
  starts in 2004. *Size cut-off*: the municipal tables cover establishments with four or
  more persons engaged - no municipal total has fewer than four persons per establishment
  in any year 2004-2012, and several have exactly four - so the smallest craft workshops
  (one to three persons, common in Kyoto's traditional industries) are outside every
  Japanese sample. *Value added per worker*: :func:`jp_va_per_worker_change` decomposes its
  change on a fixed set of published cells (the 2006-07 jump in Kyoto prefecture comes
  almost entirely from one cell, beverages in Fushimi ward, whose value added includes
  liquor tax).
* :func:`jp_entry_sample` - the same panel as municipality x group x period pairs for entry.
* :func:`nz_growth_sample` - New Zealand urban areas, 65 industries in 16 classes, seven
  intercensal periods 1976-2013.
* :func:`cn_growth_sample` - China's provinces, urban-unit employment in 19 sectors in
  China's three industries, 2009-2012 and 2013-2017 (two periods that never straddle the
  2013 coverage break).
* :func:`us_variety_sample` - US commuting zones, 228 industries in IND1990 major groups;
  variety only (see the function for why no growth outcome is used).
* :func:`jp_census_cross_section` - the 42 prefectures of the 2014 Economic Census at the
  finest resolution the data allow: 3-digit minor groups in 2-digit major groups in
  letter divisions, with outcomes from the same files.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..panel import Panel, ZeroLineWarning
from .estimators import ModelError
from .specifications import entry_pairs, frenken_data, variety_resolution

__all__ = ["Sample", "network_relatedness", "jp_growth_sample", "jp_entry_sample",
           "nz_growth_sample", "cn_growth_sample", "CN_REGIONS", "cn_region",
           "us_variety_sample", "jp_census_cross_section",
           "ind1990_major_group", "NETWORK_TERMS", "JP_REGIONS", "jp_region",
           "jp_manufactures_caveats", "jp_va_per_worker_change"]

RelatednessKind = Literal["proximity", "cospecialisation"]
NETWORK_TERMS = ("coherence", "footprint_density", "footprint_centrality")

#: Japan's eight regions by JIS X 0401 prefecture code: the blocks used for spatially
#: clustered standard errors. The grouping is the conventional eight-region division
#: (hachi chihō kubun) of Japanese school geography, with its usual boundary choices (Mie in
#: Kinki, Niigata and Yamanashi in Chubu, Okinawa with Kyushu); prefecture codes: JIS X 0401
#: (Japanese Industrial Standards Committee). Transcribed 2026-12-07.
JP_REGIONS: dict[int, str] = {
    1: "Hokkaido",
    **{k: "Tohoku" for k in range(2, 8)},
    **{k: "Kanto" for k in range(8, 15)},
    **{k: "Chubu" for k in range(15, 24)},
    **{k: "Kinki" for k in range(24, 31)},
    **{k: "Chugoku" for k in range(31, 36)},
    **{k: "Shikoku" for k in range(36, 40)},
    **{k: "Kyushu-Okinawa" for k in range(40, 48)},
}


def jp_region(prefecture: pd.Series) -> pd.Series:
    """Japan's region (:data:`JP_REGIONS`) of each prefecture code (``"26"``, ``"1"``, 26 ...).

    Raises on a code outside 1-47 instead of leaving it missing.

    Examples
    --------
    >>> jp_region(pd.Series(["26", "1", "47"])).tolist()
    ['Kinki', 'Hokkaido', 'Kyushu-Okinawa']
    """
    codes = pd.to_numeric(prefecture, errors="coerce")
    out = codes.map(JP_REGIONS)
    bad = prefecture[out.isna()]
    if len(bad):
        raise ModelError(f"prefecture code(s) {sorted(map(str, bad.unique()))[:5]} are not JIS "
                         "X 0401 codes 1-47.")
    return out.astype(str)


@dataclass
class Sample:
    """An estimation table with the facts that describe its sample.

    Attributes
    ----------
    table : DataFrame
        One row per observation (region-period or region-industry-period).
    panel : Panel
        The panel the variables were computed from.
    resolution : dict
        :func:`~smartregion.models.variety_resolution` of the variety measures.
    facts : dict
        Counts a reader needs: coverage, suppressed cells set to zero, exclusions.
    source : str
        Data citation.
    filters : list of str
        The sample rules in words, for table notes.
    """

    table: pd.DataFrame
    panel: Panel
    resolution: dict[str, Any]
    facts: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    filters: list[str] = field(default_factory=list)


def network_relatedness(panel: Panel, kind: RelatednessKind = "cospecialisation"
                        ) -> pd.DataFrame | None:
    r"""Relatedness used for density and the network measures.

    ``"proximity"``: ``None``, i.e. the default proximity of each period's own specialisation
    matrix (Hidalgo et al. 2007). ``"cospecialisation"``: the positive part of
    :func:`smartregion.relatedness.cospecialisation_relatedness` on its symmetric scale,
    :math:`\max(0, (a_{ij}-1)/(a_{ij}+1))` with :math:`a_{ij}` the joint specialisations of
    two industries over their expectation under independence, so only pairs that co-occur more
    often than chance carry weight (industries specialised nowhere get weight 0).
    """
    if kind == "proximity":
        return None
    if kind != "cospecialisation":
        raise ModelError(f"relatedness must be 'proximity' or 'cospecialisation'; got {kind!r}.")
    from ..relatedness import cospecialisation_relatedness

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        rel = cospecialisation_relatedness(panel, scale="symmetric")
    return rel.fillna(0.0).clip(lower=0.0)


def _network_at_start(panel: Panel, kind: RelatednessKind) -> pd.DataFrame:
    from ..relatedness import regional_network_measures

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        net = regional_network_measures(panel, network_relatedness(panel, kind))
    net = net[list(NETWORK_TERMS)].reset_index()
    if "time" not in net.columns:
        raise ModelError("network measures need a panel with a time dimension.")
    return net.rename(columns={"time": "start"})


# ----------------------------------------------------------------------------- Japan
def _jp_panel(years: Sequence[int], suppressed: str, download: bool) -> tuple[Panel, Any]:
    from ..datasets.jp_manufactures import load_jp_manufactures_municipal

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the suppressed-cell count is kept in the report
        ds = load_jp_manufactures_municipal("employees", years=list(years),
                                            level="municipality", suppressed=suppressed,
                                            download=download)
    if ds.panel is None:
        raise ModelError("the selection has suppressed cells and no panel was built; pass "
                         "suppressed='zero' or 'drop'.")
    return ds.panel, ds


def jp_growth_sample(
    start: int = 2004,
    end: int = 2012,
    *,
    min_employees: float = 100.0,
    suppressed: str = "zero",
    relatedness: RelatednessKind = "cospecialisation",
    download: bool = True,
) -> Sample:
    """Japanese municipalities: manufacturing employment growth and its start-year structure.

    Sample: municipalities and designated-city wards (2020 boundaries) with published detail by
    manufacturing group in ``start`` and ``end`` and at least ``min_employees`` employees in
    ``start``. Outcome ``growth``: annualised log change of manufacturing employees (persons
    engaged). Variety: 20 harmonised groups (industries) in the three METI types (upper
    level). Controls: ``herfindahl``, ``log_size``; network measures at ``start``
    (:data:`NETWORK_TERMS`) on ``relatedness`` estimated from all municipalities in the
    panel. ``prefecture`` is the fixed-effect and cluster unit; ``jp_region`` (Japan's eight
    regions, :data:`JP_REGIONS`) the block for spatially clustered errors; ``city`` the
    designated city of a ward (the unit itself otherwise). ``expected_growth`` (leave-one-out
    industry mix) and ``density`` (portfolio relatedness density on the package's default
    relatedness) come from :func:`~smartregion.models.frenken_data`.

    ``facts``: ``suppressed_cells_set_to_zero`` (cells published as confidential and set to 0
    under ``suppressed="zero"``; none after 2003), ``regions_in_panel``,
    ``regions_below_min_employees``, ``regions_growth_undefined``, ``regions_kept``,
    ``municipalities_published`` (units with a published manufacturing total in ``start``),
    ``employment_share_kept`` (their employees in the kept units over all published
    employees in ``start``).
    """
    panel, ds = _jp_panel([start, end], suppressed, download)
    regions = ds.tables["regions"].set_index("region")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        table = frenken_data(panel, periods=[(start, end)], level="meti_type")
    table["prefecture"] = table["region"].map(regions["prefecture"]).astype(str)
    table["jp_region"] = jp_region(table["prefecture"])
    parent = table["region"].map(regions["parent_city"])
    table["city"] = parent.where(parent.notna(), table["region"]).astype(str)
    table = table.merge(_network_at_start(panel, relatedness), on=["start", "region"],
                        how="left", validate="one_to_one")
    size0 = np.exp(table["log_size"])
    small = table["log_size"].isna() | (size0 < min_employees)
    undefined = ~small & table["growth"].isna()
    n_small, n_undef = int(small.sum()), int(undefined.sum())
    table = table.loc[~small & ~undefined].reset_index(drop=True)
    table.attrs["excluded"] = {f"fewer than {min_employees:g} employees in {start}": n_small,
                               f"growth undefined {start}-{end}": n_undef}
    cov = ds.tables["coverage"]
    c0 = cov.loc[(cov["year"] == start) & (cov["total"] > 0)]
    kept = c0["region"].isin(set(table["region"]))
    policy = ds.report.get("panel_policy", {})
    facts = {
        "start": start, "end": end, "suppressed_policy": suppressed,
        "suppressed_cells_set_to_zero": int(policy.get("cells_set_to_zero", 0)),
        "suppressed_cells": int(policy.get("suppressed_cells", 0)),
        "regions_in_panel": len(panel.regions),
        "regions_below_min_employees": n_small,
        "regions_growth_undefined": n_undef,
        "regions_kept": len(table),
        "municipalities_published": int(len(c0)),
        "employment_share_kept": float(c0.loc[kept, "total"].sum() / c0["total"].sum()),
        "employees_kept": float(c0.loc[kept, "total"].sum()),
        "employees_published": float(c0["total"].sum()),
        "relatedness": relatedness,
    }
    res = variety_resolution(panel, "meti_type")
    src = str(panel.meta.get("source", "METI Census of Manufactures"))
    filt = [f"growth {start}-{end}", f"manufacturing employees >= {min_employees:g} in {start}",
            f"suppressed cells: {suppressed} ({facts['suppressed_cells_set_to_zero']} set to 0)",
            f"{len(table)} of {len(c0)} units with a published total, "
            f"{facts['employment_share_kept']:.1%} of employees"]
    return Sample(table, panel, res, facts, src, filt)


def jp_entry_sample(
    years: Sequence[int] = (2004, 2008, 2012),
    *,
    relatedness: RelatednessKind = "cospecialisation",
    suppressed: str = "zero",
    kind: Literal["entry", "exit"] = "entry",
    density_relatedness: pd.DataFrame | None = None,
    download: bool = True,
) -> Sample:
    """Municipality x group pairs at risk of entry (or exit) in each period.

    Entry: :math:`LQ \\ge 1` at the end of a period between consecutive ``years`` for a pair
    with :math:`LQ < 1` at its start; exit (``kind="exit"``): :math:`LQ < 1` at the end for a
    pair with :math:`LQ \\ge 1` at the start (:func:`~smartregion.models.entry_pairs`).
    ``density`` is the relatedness density at the start on ``relatedness``
    (:func:`network_relatedness`); ``density_default`` the density of
    :func:`smartregion.relatedness.relatedness_density` called with ``density_relatedness``
    (``None``: the package's default relatedness, whatever it is), for comparison;
    ``complexity`` the PCI of the group; ``lq_start`` the start-year location quotient (for
    LQ bands). ``facts["rate_by_period"]`` gives the share of pairs at risk that enter (or
    exit), per period; ``suppressed_cells_set_to_zero`` the cells set to 0.
    """
    from ..complexity import pci
    from ..relatedness import relatedness_density

    panel, ds = _jp_panel(years, suppressed, download)
    regions = ds.tables["regions"].set_index("region")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        dens = relatedness_density(panel, network_relatedness(panel, relatedness))
        dens_d = relatedness_density(panel, density_relatedness)
        comp = pci(panel)
    pairs = entry_pairs(panel, dens, comp, kind=kind)
    alt = entry_pairs(panel, dens_d, False, kind=kind)
    pairs["density_default"] = alt["density"].to_numpy()
    pairs["prefecture"] = pairs["region"].map(regions["prefecture"]).astype(str)
    pairs["jp_region"] = jp_region(pairs["prefecture"])
    rate = pairs.groupby("period", sort=True)[kind].mean()
    policy = ds.report.get("panel_policy", {})
    facts = {
        "years": list(years), "relatedness": relatedness, "kind": kind,
        "suppressed_cells_set_to_zero": int(policy.get("cells_set_to_zero", 0)),
        "regions": len(panel.regions), "pairs": len(pairs),
        "rate_by_period": {str(k): float(v) for k, v in rate.items()},
        "pairs_by_period": {str(k): int(v) for k, v in
                            pairs.groupby("period", sort=True).size().items()},
        "excluded": dict(pairs.attrs.get("excluded", {})),
    }
    facts[f"{kind}_rate_by_period"] = facts["rate_by_period"]
    src = str(panel.meta.get("source", "METI Census of Manufactures"))
    risk = "LQ < 1" if kind == "entry" else "LQ >= 1"
    filt = [f"periods {list(years)}", f"pairs with {risk} at the start ({kind})",
            f"suppressed cells: {suppressed} ({facts['suppressed_cells_set_to_zero']} set to 0)",
            f"density on {relatedness} relatedness"]
    return Sample(pairs, panel, variety_resolution(panel, "meti_type"), facts, src, filt)


# ----------------------------------------------------------------------------- New Zealand
def nz_growth_sample(
    *,
    level: str = "class",
    relatedness: RelatednessKind = "cospecialisation",
    download: bool = True,
) -> Sample:
    """New Zealand urban areas: employment growth over the intercensal periods 1976-2013.

    Sample: 143 urban areas x 7 periods (1976-81, ..., 2006-13). Outcome ``growth``: annualised
    log change of total employment. Variety: 65 industries in 16 classes (``level``). Controls
    ``herfindahl``, ``log_size``; ``lagged_growth`` (previous period; missing in the first);
    network measures at the start of each period. Employment is randomly rounded to base 3 by
    Statistics New Zealand.
    """
    from ..datasets.nz import load_nz_urban_employment

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        ds = load_nz_urban_employment(download=download)
        panel = ds.panel
        table = frenken_data(panel, level=level, lagged_growth=True)
    table = table.merge(_network_at_start(panel, relatedness), on=["start", "region"],
                        how="left", validate="one_to_one")
    totals = panel.values.sum(axis=(1, 2))
    facts = {"regions": len(panel.regions), "periods": int(table["period"].nunique()),
             "total_employment_first": float(totals[0]),
             "total_employment_last": float(totals[-1]),
             "first_year": int(panel.times[0]), "last_year": int(panel.times[-1]),
             "relatedness": relatedness}
    src = str(panel.meta.get("source", ds.citation))
    filt = [f"{len(panel.regions)} urban areas, intercensal periods "
            f"{int(panel.times[0])}-{int(panel.times[-1])}",
            "employment randomly rounded to base 3"]
    return Sample(table, panel, variety_resolution(panel, level), facts, src, filt)


# ----------------------------------------------------------------------------- China
#: China's four economic regions by province: the blocks used for spatially clustered
#: standard errors. National Bureau of Statistics of China, "东西中部和东北地区划分方法"
#: (division of the eastern, central, western and northeastern regions), stats.gov.cn,
#: 13 June 2011; transcribed 2026-12-07. Province names as in
#: :data:`smartregion.datasets.cn_provinces.PROVINCE_NAMES`.
CN_REGIONS: dict[str, str] = {
    **{p: "East" for p in ("Beijing", "Tianjin", "Hebei", "Shanghai", "Jiangsu", "Zhejiang",
                           "Fujian", "Shandong", "Guangdong", "Hainan")},
    **{p: "Centre" for p in ("Shanxi", "Anhui", "Jiangxi", "Henan", "Hubei", "Hunan")},
    **{p: "West" for p in ("Inner Mongolia", "Guangxi", "Chongqing", "Sichuan", "Guizhou",
                           "Yunnan", "Tibet", "Shaanxi", "Gansu", "Qinghai", "Ningxia",
                           "Xinjiang")},
    **{p: "Northeast" for p in ("Liaoning", "Jilin", "Heilongjiang")},
}


def cn_region(province: pd.Series) -> pd.Series:
    """China's economic region (:data:`CN_REGIONS`) of each province (English name).

    Raises on a name outside the 31 provincial-level units instead of leaving it missing.

    Examples
    --------
    >>> cn_region(pd.Series(["Guangdong", "Hubei", "Tibet", "Jilin"])).tolist()
    ['East', 'Centre', 'West', 'Northeast']
    """
    out = province.astype(str).map(CN_REGIONS)
    bad = province[out.isna()]
    if len(bad):
        raise ModelError(f"province(s) {sorted(map(str, bad.unique()))[:5]} are not in "
                         "CN_REGIONS (the 31 provincial-level units).")
    return out.astype(str)


def cn_growth_sample(
    periods: Sequence[tuple[int, int]] = ((2009, 2012), (2013, 2017)),
    *,
    incomplete: Literal["drop_regions", "drop_years"] = "drop_regions",
    relatedness: RelatednessKind = "cospecialisation",
    download: bool = True,
) -> Sample:
    r"""China's provinces: urban-unit employment growth within each coverage regime.

    Sample: province x period, on :func:`smartregion.datasets.cn_provinces.
    load_cn_province_sector_employment` (``incomplete="drop_regions"``: the 29 provinces with
    every cell 2009-2017; Tibet and Ningxia have empty cells in 2009-2012 and are left out;
    ``"drop_years"``: all 31 provinces, 2013-2017 only, so only periods within those years).
    Outcome ``growth``: annualised log change of employed persons in urban units (state,
    collective and other legal-person units; private units and the self-employed are not
    counted). Variety: 19 sectors in China's three industries (primary; secondary B-E;
    tertiary), so unrelated variety is at most :math:`\log_2 3` bits and related variety is
    variety among sectors within an industry - the coarsest resolution of the package's
    growth panels.

    Periods: the survey covers more units from 2013 (the national total jumps by 19% from
    2012 to 2013), so a growth rate across that year mixes coverage and growth. Every period
    must lie on one side of the break (``start >= 2013`` or ``end < 2013``); a period that
    straddles it raises :class:`~smartregion.models.ModelError`. The default uses the two
    longest such periods, 2009-2012 and 2013-2017, one observation per province and regime
    (annual growth rates would be noisier, serially dependent within a province, and would
    weight each regime by its number of years). The codebook notes that the sectors follow a
    new classification from 2012 while the names stay those of 2002: totals (the outcome)
    are unaffected, but the sector split of 2012 - hence the 2009-2012 industry-mix term -
    mixes growth and reclassification; ``facts["classification_note"]`` says so.

    Columns as :func:`~smartregion.models.frenken_data` (``region`` is the province) plus the
    network measures at each start (:data:`NETWORK_TERMS`, on ``relatedness``),
    ``province`` (the region again, named for tables) and ``cn_region`` (:data:`CN_REGIONS`,
    the block for spatially clustered errors). Province is the fixed-effect and cluster unit.

    ``facts``: ``provinces``, ``periods`` (list of "start-end"), ``coverage_break_year``,
    ``panel_dropped`` (provinces or years the loader left out), ``national_total`` (the kept
    provinces' urban-unit employment in every start and end year, 10,000 persons),
    ``regions_growth_undefined``, ``observations``, ``classification_note``, ``relatedness``.
    """
    from ..datasets.cn_provinces import COVERAGE_BREAK_YEAR, load_cn_province_sector_employment

    periods = [(int(a), int(b)) for a, b in periods]
    cross = [p for p in periods if p[0] < COVERAGE_BREAK_YEAR <= p[1]]
    if cross:
        raise ModelError(f"period(s) {cross} straddle the {COVERAGE_BREAK_YEAR} coverage break "
                         "of the urban-unit survey; use periods that end before "
                         f"{COVERAGE_BREAK_YEAR} or start in or after it.")
    ds = load_cn_province_sector_employment(incomplete=incomplete, download=download)
    panel = ds.panel
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        table = frenken_data(panel, periods=periods, level="industry3")
    table = table.merge(_network_at_start(panel, relatedness), on=["start", "region"],
                        how="left", validate="one_to_one")
    table["province"] = table["region"].astype(str)
    table["cn_region"] = cn_region(table["region"])
    undefined = table["growth"].isna()
    n_undef = int(undefined.sum())
    table = table.loc[~undefined].reset_index(drop=True)
    table.attrs["excluded"] = {"growth undefined": n_undef} if n_undef else {}
    totals = panel.values.sum(axis=(1, 2))
    years = sorted({y for p in periods for y in p})
    facts = {
        "provinces": len(panel.regions), "periods": [f"{a}-{b}" for a, b in periods],
        "coverage_break_year": int(COVERAGE_BREAK_YEAR),
        "panel_dropped": dict(ds.report.get("panel_dropped", {})),
        "national_total": {int(y): float(totals[list(panel.times).index(y)]) for y in years},
        "regions_growth_undefined": n_undef, "observations": len(table),
        "classification_note": ds.report.get("codebook_note", ""),
        "relatedness": relatedness,
    }
    res = variety_resolution(panel, "industry3")
    dropped = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in
                        facts["panel_dropped"].items() if v) or "none"
    filt = [f"{len(panel.regions)} provinces (left out: {dropped}), periods "
            f"{', '.join(facts['periods'])}, none across the {COVERAGE_BREAK_YEAR} coverage "
            "break", "employed persons in urban units (private units and self-employed not "
            "counted)", "sectors reclassified from 2012 (names unchanged)"]
    return Sample(table, panel, res, facts, ds.citation, filt)


# ----------------------------------------------------------------------------- United States
_IND1990_GROUPS: list[tuple[int, int, str]] = [
    (0, 9, "not_classified"),
    (10, 39, "agriculture_forestry_fisheries"),
    (40, 59, "mining"),
    (60, 99, "construction"),
    (100, 229, "manufacturing_nondurable"),
    (230, 399, "manufacturing_durable"),
    (400, 499, "transport_communication_utilities"),
    (500, 579, "wholesale"),
    (580, 699, "retail"),
    (700, 719, "finance_insurance_real_estate"),
    (720, 760, "business_repair_services"),
    (761, 799, "personal_services"),
    (800, 811, "entertainment_recreation"),
    (812, 899, "professional_services"),
    (900, 939, "public_administration"),
    (940, 999, "military"),
]


def ind1990_major_group(code: Hashable) -> str:
    """Major industry group of a Census 1990 industry code (IND1990), by code range.

    Ranges of the 1990 Census industrial classification: agriculture 010-039, mining
    040-059, construction 060-099, nondurable manufacturing 100-229, durable manufacturing
    230-399, transport/communication/utilities 400-499, wholesale 500-579, retail 580-699,
    finance/insurance/real estate 700-719, business and repair services 720-760, personal
    services 761-799, entertainment 800-811, professional services 812-899, public
    administration 900-939, military 940+; code 0 kept apart.

    Examples
    --------
    >>> ind1990_major_group("351"), ind1990_major_group(10)
    ('manufacturing_durable', 'agriculture_forestry_fisheries')
    """
    c = int(str(code))
    for lo, hi, name in _IND1990_GROUPS:
        if lo <= c <= hi:
            return name
    raise ValueError(f"industry code {code!r} is outside the IND1990 ranges.")


def us_variety_sample(*, download: bool = True) -> Sample:
    """US commuting zones: related and unrelated variety from the published industry shares.

    722 commuting zones, 1980/1990/2000, 228 IND1990 industries in their major groups
    (:func:`ind1990_major_group`). No growth outcome is attached: the master file's
    ``emp_ch`` is documented upstream only as one of the "main variables at the
    community-year level" (and used as the endogenous regressor of the Bartik example); its
    period (which decade a year labels) and units (annualised or decadal, log or percent) are
    not stated in the files, and the shares give no levels to recompute it. The variable is
    therefore not used; ``facts["outcome_dropped"]`` says so.
    """
    from .. import structure
    from ..datasets.us_cz import load_us_cz_bartik
    from ..variety import related_unrelated_variety

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        ds = load_us_cz_bartik("BAR", download=download)
        p0 = ds.panel
        hier = pd.DataFrame({"major_group": [ind1990_major_group(i) for i in p0.industries]},
                            index=p0.industries)
        panel = Panel(p0.values, p0.regions, p0.industries, p0.times, hierarchy=hier,
                      value_name=p0.value_name, meta=p0.meta)
        var = related_unrelated_variety(panel, level="major_group")
        hhi = structure.herfindahl(panel)
    table = var.join(hhi.rename("herfindahl")).reset_index()
    facts = {"regions": len(panel.regions), "years": [int(t) for t in panel.times],
             "outcome_dropped": ("emp_ch: period and units not documented in the upstream "
                                 "files (BAR_master is described only as 'main variables at "
                                 "the community-year level')")}
    src = str(panel.meta.get("source", ds.citation))
    return Sample(table, panel, variety_resolution(panel, "major_group"), facts, src)


# ----------------------------------------------------------------------------- census 2014
def jp_census_cross_section(*, download: bool = True) -> Sample:
    """The 42 prefectures of the 2014 Economic Census at three levels of relatedness.

    Variety (bits) from persons engaged in 522 minor groups (3-digit), nested in 97 major
    groups (2-digit) and 19 divisions (letters), :func:`smartregion.variety.
    variety_decomposition`: ``related`` = entropy of minor groups within major groups (the
    closest relatedness), ``semi_related`` = entropy of major groups within divisions,
    ``unrelated`` = entropy between divisions. Controls: ``herfindahl`` (522 groups) and
    ``log_size`` (log persons engaged). Outcomes from the same files (area variables of
    2015): ``unemployment_rate`` (unemployed / labour force, percent) and
    ``log_income_per_taxpayer`` (log of taxable income per taxpayer, thousand yen). It is a
    cross-section: associations across prefectures, not growth.
    """
    from .. import structure
    from ..datasets.jp_census import load_jp_economic_census_2014
    from ..variety import variety_decomposition

    ds = load_jp_economic_census_2014(measure="employment", regions="prefectures",
                                      download=download)
    panel = ds.panel
    v = variety_decomposition(panel, levels=["major_group", "division"], base=2)
    table = pd.DataFrame({"related": v["within_major_group"],
                          "semi_related": v["within_division"],
                          "unrelated": v["between"], "total": v["total"]})
    table["herfindahl"] = structure.herfindahl(panel)
    table["log_size"] = np.log(panel.values[0].sum(axis=1))
    av = ds.tables["area_variables"].set_index("area")
    av = av.loc[table.index]
    table["unemployment_rate"] = 100.0 * av["unemployed"] / av["labour_force"]
    table["log_income_per_taxpayer"] = np.log(av["taxable_income_thousand_yen"]
                                              / av["taxpayers"])
    table.index.name = "region"
    table = table.reset_index()
    res = variety_resolution(panel, "division")
    res["middle_groups"] = int(panel.hierarchy["major_group"].nunique())
    res["label"] = (f"{res['industries']} minor groups in {res['middle_groups']} major groups "
                    f"in {res['groups']} divisions; UV <= {res['max_uv_bits']:.2f} bits")
    facts = {"regions": len(panel.regions), "industries": len(panel.industries)}
    filt = [f"{len(panel.regions)} prefectures in the file, 2014 persons engaged",
            "outcomes from the 2015 area variables of the same files"]
    return Sample(table, panel, res, facts, str(panel.meta.get("source", ds.citation)), filt)


# ----------------------------------------------------------------------------- data caveats
def jp_manufactures_caveats(years: Sequence[int] = tuple(range(2001, 2013)), *,
                            download: bool = True) -> pd.DataFrame:
    """Per year: suppressed cells by variable, national totals, and the size cut-off check.

    Columns: ``suppressed_persons_engaged`` and ``suppressed_value_added`` (municipality x
    group cells published as confidential or blank, all published rows), ``establishments``
    and ``persons_engaged`` (sum of the municipal totals), and
    ``min_persons_per_establishment`` (the smallest ratio of persons engaged to establishments
    over all municipal totals). The last is the data check of the tables' size cut-off: the
    municipal tables of the Census of Manufactures cover establishments with four or more
    persons engaged, so no municipality can average fewer than four - and several average
    exactly four in the years where the check binds.
    """
    from ..datasets.jp_manufactures import load_jp_manufactures_municipal

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = load_jp_manufactures_municipal("employees", years=list(years),
                                            level="municipality", suppressed=None,
                                            download=download)
    supp = ds.report["suppressed_cells"]
    cov = ds.tables["coverage"]
    ratio = cov["persons_engaged"] / cov["establishments"].where(cov["establishments"] > 0)
    rows = []
    for y in years:
        c = cov["year"] == y
        rows.append({"year": int(y),
                     "suppressed_persons_engaged": int(supp.get(int(y), {}).get("emp", 0)),
                     "suppressed_value_added": int(supp.get(int(y), {}).get("va", 0)),
                     "establishments": float(cov.loc[c, "establishments"].sum()),
                     "persons_engaged": float(cov.loc[c, "persons_engaged"].sum()),
                     "min_persons_per_establishment": float(ratio[c].min())})
    return pd.DataFrame(rows)


def jp_va_per_worker_change(regions: Sequence[Hashable], start: int = 2006, end: int = 2007,
                            *, download: bool = True) -> dict[str, Any]:
    r"""Decompose the change of value added per person engaged of a set of regions.

    On the region x group cells whose value added and persons engaged are both published in
    ``start`` and ``end`` (a fixed set of cells), with :math:`s_c = L_c / L` and
    :math:`p_c = VA_c / L_c`,

    .. math::

        \Delta P = \sum_c \bar s_c\, \Delta p_c + \sum_c \bar p_c\, \Delta s_c

    (within-cell productivity change plus reallocation between cells; bars are the two-year
    means, so the split is exact). Cells published in one year only are reported apart, and
    the ratio on the published totals (which include suppressed cells) is given for
    comparison. Values are nominal.

    Returns
    -------
    dict
        ``summary`` (ratios, change, within, between, cells), ``by_group`` (contribution per
        manufacturing group, sorted), ``by_cell`` (every cell's contribution, sorted).
    """
    from ..datasets.jp_manufactures import load_jp_manufactures_municipal

    keys = ["year", "region", "industry"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        va = load_jp_manufactures_municipal("value_added", years=[start, end],
                                            level="municipality", suppressed=None,
                                            download=download)
        em = load_jp_manufactures_municipal("employees", years=[start, end],
                                            level="municipality", suppressed=None,
                                            download=download)
    regs = set(map(str, regions))
    cells = (va.tables["long"][keys + ["value"]].rename(columns={"value": "va"})
             .merge(em.tables["long"][keys + ["value"]].rename(columns={"value": "emp"}),
                    on=keys, how="outer"))
    cells = cells.loc[cells["region"].astype(str).isin(regs)]
    ok = cells["va"].notna() & cells["emp"].notna() & (cells["emp"] > 0)
    both = ok.groupby([cells["region"], cells["industry"]]).transform("sum") == 2
    fixed = cells.loc[ok & both].pivot_table(index=["region", "industry"], columns="year",
                                             values=["va", "emp"], aggfunc="sum")
    L0, L1 = fixed[("emp", start)], fixed[("emp", end)]
    p0, p1 = fixed[("va", start)] / L0, fixed[("va", end)] / L1
    s0, s1 = L0 / L0.sum(), L1 / L1.sum()
    within = 0.5 * (s0 + s1) * (p1 - p0)
    between = 0.5 * (p0 + p1) * (s1 - s0)
    by_cell = pd.DataFrame({"within": within, "between": between,
                            "total": within + between, "emp_start": L0, "emp_end": L1,
                            "va_per_worker_start": p0, "va_per_worker_end": p1})
    by_cell = by_cell.sort_values("total", ascending=False)
    by_group = (by_cell.groupby(level="industry")[["within", "between", "total"]].sum()
                .sort_values("total", ascending=False))
    tv = va.tables["totals"]
    te = em.tables["totals"]
    tot = {y: float(tv.loc[(tv["year"] == y) & tv["region"].astype(str).isin(regs), "value"]
                    .sum() / te.loc[(te["year"] == y) & te["region"].astype(str).isin(regs),
                                    "value"].sum()) for y in (start, end)}
    summary = {"start": start, "end": end, "cells_fixed": int(len(by_cell)),
               "cells_published_one_year": int((ok & ~both).sum()),
               "ratio_fixed_start": float((p0 * s0).sum()), "ratio_fixed_end":
               float((p1 * s1).sum()), "change_fixed": float(by_cell["total"].sum()),
               "within": float(by_cell["within"].sum()),
               "between": float(by_cell["between"].sum()),
               "ratio_totals_start": tot[start], "ratio_totals_end": tot[end]}
    return {"summary": summary, "by_group": by_group, "by_cell": by_cell.reset_index()}
