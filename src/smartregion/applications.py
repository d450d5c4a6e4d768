"""Ready-made analyses on the real datasets, called by the notebooks.

Each function loads one dataset (through :mod:`smartregion.datasets`, so files come from the
cache or the registry), builds the estimation table, fits the models of
:mod:`smartregion.models` and returns an :class:`Application` with the fitted models, a
:class:`~smartregion.models.RegressionTable` and the estimation data. The sample of each
analysis is documented in its docstring and recorded in the table's metadata.

* :func:`jp_variety_growth`, :func:`jp_entry` - Japan, Census of Manufactures, municipalities
  and designated-city wards on fixed (2020) boundaries, 2001-2012, 20 harmonised manufacturing
  groups; the METI three-way industry type is the upper level of the variety decomposition.
* :func:`nz_variety_growth`, :func:`nz_entry` - New Zealand census employment, 143 urban areas
  x 65 industries, intercensal periods 1976-2013.
* :func:`us_cz_variety_growth` - US commuting zones, decadal employment change 1980-1990 and
  1990-2000 on variety computed from the published industry shares.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .models import (
    RegressionResult,
    RegressionTable,
    entry_model,
    exit_model,
    frenken_data,
    frenken_growth,
    regression_table,
)
from .panel import Panel, ZeroLineWarning

__all__ = [
    "Application",
    "jp_variety_growth",
    "jp_entry",
    "nz_variety_growth",
    "nz_entry",
    "us_cz_variety_growth",
    "ind1990_major_group",
]


@dataclass
class Application:
    """Fitted models of one analysis with their table, data and sample description.

    Attributes
    ----------
    results : dict of str -> RegressionResult
    table : RegressionTable
    data : DataFrame
        The estimation table (before model-specific missing-value drops).
    sample : str
        Plain-text description of the sample.
    panel : Panel or None
        The panel the variables were computed from.
    report : dict
        The loader's report and counts of excluded observations.
    """

    results: dict[str, RegressionResult]
    table: RegressionTable
    data: pd.DataFrame
    sample: str
    panel: Panel | None = None
    report: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------------- Japan
def _jp_panel(years: Sequence[int], *, prefecture: Any, suppressed: str, download: bool,
              measure: str = "employees") -> tuple[Panel, Any]:
    from .datasets.jp_manufactures import load_jp_manufactures_municipal

    ds = load_jp_manufactures_municipal(measure, years=list(years), level="municipality",
                                        prefecture=prefecture, suppressed=suppressed,
                                        download=download)
    if ds.panel is None:
        raise ValueError("the selection has suppressed cells and no panel was built; pass "
                         "suppressed='zero' or 'drop'.")
    return ds.panel, ds


def jp_variety_growth(
    *,
    start: int = 2001,
    end: int = 2012,
    prefecture: int | Sequence[int] | None = None,
    suppressed: str = "zero",
    min_employees: float = 100.0,
    download: bool = True,
) -> Application:
    """Manufacturing employment growth of Japanese municipalities on related/unrelated variety.

    Sample: municipalities (designated cities split into wards) on 2020 boundaries with at
    least ``min_employees`` manufacturing employees (persons engaged) in ``start``; 20
    harmonised manufacturing groups; METI type (basic materials, processing and assembly,
    daily-life related) as the upper level, so unrelated variety is the entropy between the
    three types and related variety the entropy within them. Suppressed (confidential) cells
    are set to zero by default (``suppressed="zero"``; they are cells with one or two
    establishments). Outcome: annualised log growth of manufacturing employment
    ``start``->``end``. Models: (1) RV and UV; (2) adding log initial size and Herfindahl;
    (3) adding prefecture fixed effects. Standard errors clustered by prefecture.
    """
    panel, ds = _jp_panel([start, end], prefecture=prefecture, suppressed=suppressed,
                          download=download)
    regions = ds.tables["regions"].set_index("region")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        table = frenken_data(panel, periods=[(start, end)], level="meti_type")
    table["prefecture"] = table["region"].map(regions["prefecture"]).astype(str)
    small = table["log_size"].isna() | (np.exp(table["log_size"].fillna(-np.inf))
                                        < min_employees)
    n_small = int(small.sum())
    table = table.loc[~small].reset_index(drop=True)
    table.attrs["excluded"] = {f"fewer than {min_employees:g} employees in {start}": n_small}
    src = str(panel.meta.get("source", "METI Census of Manufactures"))
    filt = [f"{start}-{end}", f"employees >= {min_employees:g} in {start}",
            f"suppressed cells: {suppressed}"]
    common = dict(cluster="prefecture", fe=None, source=src)
    res = {
        "(1)": frenken_growth(table, controls=(), **common),
        "(2)": frenken_growth(table, **common),
        "(3)": frenken_growth(table, **{**common, "fe": "prefecture"}),
    }
    for r in res.values():
        r.spec["filters"] = filt
        r.dropped = {**table.attrs["excluded"], **r.dropped}
    tab = regression_table(res, source=src, filters=filt,
                           notes="outcome: annualised log growth of manufacturing employment; "
                                 "variety in bits (log2), METI type as upper level")
    sample = (f"{len(table)} municipalities/wards, manufacturing employment growth {start}-"
              f"{end}; {n_small} regions below {min_employees:g} employees left out")
    return Application(res, tab, table, sample, panel, {"loader": ds.report})


def jp_entry(
    *,
    years: Sequence[int] = (2001, 2004, 2008, 2012),
    prefecture: int | Sequence[int] | None = None,
    suppressed: str = "zero",
    download: bool = True,
) -> Application:
    """Entry of new manufacturing specialisations in Japanese municipalities.

    Sample: region-group pairs not specialised (LQ < 1) at the start of each period between
    consecutive ``years``; regions or groups with zero employment at either end of a period are
    left out (counted). Outcome: LQ >= 1 at the end. Regressors: relatedness density (proximity
    of the 20 groups computed from co-specialisation across all municipalities, each year);
    model (2) adds product complexity (PCI) and its interaction. Models: linear probability;
    (1) region-period and industry-period fixed effects; (2) region-period and industry fixed
    effects (so PCI is identified from its change over time). Clustered by prefecture.
    """
    from .complexity import pci
    from .relatedness import relatedness_density

    panel, ds = _jp_panel(years, prefecture=prefecture, suppressed=suppressed,
                          download=download)
    regions = ds.tables["regions"].set_index("region")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        dens = relatedness_density(panel)
        comp = pci(panel)
    from .models import entry_pairs

    pairs = entry_pairs(panel, dens, comp, step=1)
    pairs["prefecture"] = pairs["region"].map(regions["prefecture"]).astype(str)
    src = str(panel.meta.get("source", "METI Census of Manufactures"))
    res = {
        "(1)": entry_model(pairs, complexity=None, cluster="prefecture", source=src),
        "(2)": entry_model(pairs, fe=("region_period", "industry"), cluster="prefecture",
                           source=src),
    }
    filt = [f"periods {list(years)}", "M_start == 0", f"suppressed cells: {suppressed}"]
    tab = regression_table(res, source=src, filters=filt,
                           notes="linear probability model; density and PCI z-scored")
    sample = (f"{len(pairs)} region-group-period pairs not specialised at the start; "
              f"{pairs['region'].nunique()} regions, {pairs['industry'].nunique()} groups")
    return Application(res, tab, pairs, sample, panel,
                       {"loader": ds.report, "excluded": pairs.attrs.get("excluded", {})})


# ----------------------------------------------------------------------------- New Zealand
def _nz_panel(download: bool) -> tuple[Panel, Any]:
    from .datasets.nz import load_nz_urban_employment

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        ds = load_nz_urban_employment(download=download)
    return ds.panel, ds


def nz_variety_growth(*, level: str = "class", download: bool = True) -> Application:
    """Employment growth of New Zealand urban areas on related and unrelated variety.

    Sample: 143 urban areas (2013 boundaries), the seven intercensal periods 1976-1981, ...,
    2006-2013 (annualised log growth of total employment); variety from 65 industries grouped
    into 16 classes (``level``). Models: (1) pooled with period fixed effects; (2) region and
    period fixed effects; (3) as (2) plus lagged growth. Clustered by urban area.
    """
    panel, ds = _nz_panel(download)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        table = frenken_data(panel, level=level, lagged_growth=True)
    src = str(panel.meta.get("source", ds.citation))
    res = {
        "(1)": frenken_growth(table, fe="period", source=src),
        "(2)": frenken_growth(table, fe=("region", "period"), source=src),
        "(3)": frenken_growth(table, controls=("log_size", "herfindahl", "lagged_growth"),
                              fe=("region", "period"), source=src),
    }
    filt = ["intercensal periods 1976-2013", f"variety upper level: {level}"]
    tab = regression_table(res, source=src, filters=filt,
                           notes="outcome: annualised log employment growth; variety in bits")
    sample = f"{table['region'].nunique()} urban areas x {table['period'].nunique()} periods"
    return Application(res, tab, table, sample, panel, {"loader": ds.report})


def nz_entry(*, download: bool = True) -> Application:
    """Entry and exit of industry specialisations in New Zealand urban areas, 1976-2013.

    Sample: urban area x industry pairs not specialised (entry) or specialised (exit) at the
    start of each intercensal period. Regressors: relatedness density and product complexity
    (PCI), z-scored, and their interaction. Models (linear probability, clustered by urban
    area): (1) entry with region-period and industry-period fixed effects (PCI main effect
    absorbed); (2) entry with region-period and industry fixed effects; (3) exit with
    region-period and industry-period fixed effects.
    """
    from .complexity import pci
    from .models import entry_pairs
    from .relatedness import relatedness_density

    panel, ds = _nz_panel(download)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        dens = relatedness_density(panel)
        comp = pci(panel)
    entries = entry_pairs(panel, dens, comp)
    exits = entry_pairs(panel, dens, comp, kind="exit")
    src = str(panel.meta.get("source", ds.citation))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the absorbed PCI main effect is recorded in .absorbed
        res = {
            "entry (1)": entry_model(entries, source=src),
            "entry (2)": entry_model(entries, fe=("region_period", "industry"), source=src),
            "exit (3)": exit_model(exits, source=src),
        }
    tab = regression_table(res, source=src, filters=["intercensal periods 1976-2013",
                                                     "entry: M_start == 0; exit: M_start == 1"],
                           notes="linear probability models; density and PCI z-scored")
    sample = f"{len(entries)} entry pairs and {len(exits)} exit pairs"
    return Application(res, tab, entries, sample, panel,
                       {"loader": ds.report, "excluded_entry": entries.attrs["excluded"],
                        "excluded_exit": exits.attrs["excluded"]})


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

    The ranges follow the major groups of the 1990 Census industrial classification
    (agriculture 010-039, mining 040-059, construction 060-099, nondurable manufacturing
    100-229, durable manufacturing 230-399, transport/communication/utilities 400-499,
    wholesale 500-579, retail 580-699, finance/insurance/real estate 700-719, business and
    repair services 720-760, personal services 761-799, entertainment 800-811, professional
    services 812-899, public administration 900-939, military 940+). Code 0 is kept apart.

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


def us_cz_variety_growth(
    *,
    years: Sequence[int] = (1980, 1990),
    download: bool = True,
) -> Application:
    """Decadal employment change of US commuting zones on related and unrelated variety.

    Sample: 722 commuting zones; periods starting in ``years`` (1980-1990 and 1990-2000).
    Variety is computed from the published employment shares of 228 industries (shares suffice
    for entropy) grouped into IND1990 major groups (:func:`ind1990_major_group`). Outcome: the
    ``emp_ch`` column of the master table at the start year, read here as the annualised
    employment change over the following decade (as in the published Bartik example; it is not
    recomputed from levels, which the shares do not give). Controls: log 1980 population share
    (``pop1980``) and the Herfindahl index of the shares. Models: (1) period fixed effects;
    (2) plus controls; (3) commuting-zone and period fixed effects (the population control is
    then absorbed and dropped). Clustered by commuting zone.
    """
    from . import structure
    from .datasets.us_cz import load_us_cz_bartik
    from .variety import related_unrelated_variety

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
    out = ds.tables["outcomes"][["czone", "year", "emp_ch", "pop1980"]].rename(
        columns={"czone": "region", "year": "start"})
    v = var.join(hhi.rename("herfindahl")).reset_index().rename(
        columns={"time": "start"})
    table = out.merge(v, on=["start", "region"], how="left", validate="one_to_one")
    table = table.loc[table["start"].isin(list(years))].reset_index(drop=True)
    table["period"] = table["start"].astype(str) + "-" + (table["start"] + 10).astype(str)
    table["log_pop1980"] = np.log(table["pop1980"].where(table["pop1980"] > 0))
    src = str(panel.meta.get("source", ds.citation))
    filt = [f"start years {list(years)}", "outcome emp_ch (annualised change, next decade)"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = {
            "(1)": frenken_growth(table, outcome="emp_ch", controls=(), fe="period",
                                  source=src),
            "(2)": frenken_growth(table, outcome="emp_ch",
                                  controls=("log_pop1980", "herfindahl"), fe="period",
                                  source=src),
        }
        from .models import fe_ols

        res["(3)"] = fe_ols(table, "emp_ch", ["related", "unrelated", "log_pop1980",
                                              "herfindahl"],
                            fe=("region", "period"), cluster="region", absorbed="drop",
                            spec={"source": src, "filters": filt, "model": "frenken_growth"})
    tab = regression_table(res, source=src, filters=filt,
                           notes="variety from BAR industry shares, IND1990 major groups as "
                                 "upper level, bits")
    sample = f"{table['region'].nunique()} commuting zones x {table['period'].nunique()} periods"
    return Application(res, tab, table, sample, panel, {"loader": ds.report})
