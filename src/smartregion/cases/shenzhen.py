"""Indicators of the Shenzhen case (notebook 03), each with the key numbers its reading quotes.

Every function takes data the caller has loaded (the NBS major-city export, the prefecture
panel, the Shenzhen district tables, the provincial employment tables) and returns a
:class:`smartregion.policy.Indicator`: the table written out, the frames a figure draws
(``parts``) and the key numbers (``key_numbers``) that
:meth:`smartregion.outputs.OutputWriter.record` stores in one call. The measures themselves
live in :mod:`smartregion.structure`, :mod:`smartregion.variety`,
:mod:`smartregion.shiftshare`, :mod:`smartregion.complexity` and
:func:`smartregion.datasets.china.growth_ranking`; this module assembles them into the
comparisons a reading needs (a city against the distribution of all cities, two series of one
quantity against each other) and names the numbers. Key names carry a ``tag`` (by default the
lower-case city name) where the notebook names the city in them.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..complexity import economic_complexity
from ..datasets.china import growth_ranking, level_shifts
from ..datasets.shenzhen import DISTRICT_TYPES, NEW_DISTRICTS, OUTER_DISTRICTS
from ..panel import Panel
from ..policy import Indicator
from ..shiftshare import shift_share
from ..structure import diversity, herfindahl, krugman_index, location_quotient
from ..variety import entropy, related_unrelated_variety

__all__ = [
    "JSIC_GBT_PAIRS",
    "SECTION_SHORT",
    "SECTOR_OF_SECTION",
    "blank_sensitivity",
    "computed_row",
    "country_profile",
    "district_map_values",
    "district_overview",
    "district_productivity",
    "district_structure",
    "evidence_framework",
    "gdp_series_comparison",
    "group_structure",
    "major_city_growth",
    "no_data_row",
    "paired_sections",
    "prefecture_growth",
    "province_indices",
    "province_path",
    "province_ranks",
    "province_share_values",
    "quoted_figures",
    "quoted_row",
    "sector_shares",
    "template_check",
    "tertiary_transition",
    "validation_table",
]

#: Short English labels of the GB/T 4754-2017 sections A-S, for figure axes.
SECTION_SHORT = {
    "A": "Agriculture", "B": "Mining", "C": "Manufacturing", "D": "Utilities",
    "E": "Construction", "F": "Wholesale, retail", "G": "Transport, post",
    "H": "Hotels, catering", "I": "Information, software", "J": "Finance", "K": "Real estate",
    "L": "Leasing, business serv.", "M": "Science, technical", "N": "Water, environment",
    "O": "Household services", "P": "Education", "Q": "Health, social work",
    "R": "Culture, sports", "S": "Public administration"}

#: China's three sectors over the GB/T 4754 sections (NBS rule: A primary; B-E secondary; the
#: rest tertiary).
SECTOR_OF_SECTION = {s: ("primary" if s == "A" else "secondary" if s in "BCDE" else "tertiary")
                     for s in "ABCDEFGHIJKLMNOPQRS"}

#: Sections of JSIC Rev.13 (Japan) and GB/T 4754-2017 (China) whose scope is close, one row per
#: area (JSIC division letter, GB/T section letter); areas without a close counterpart (e.g.
#: China's leasing and business services) are left out. Used by :func:`paired_sections`.
JSIC_GBT_PAIRS = pd.DataFrame([
    ("Manufacturing", "E", "C"),
    ("Construction", "D", "E"),
    ("Wholesale and retail", "I", "F"),
    ("Transport and postal", "H", "G"),
    ("Accommodation and food", "M", "H"),
    ("Information and communication / software and IT", "G", "I"),
    ("Finance (and insurance)", "J", "J"),
    ("Real estate (JSIC: and goods rental)", "K", "K"),
    ("Scientific research and technical services", "L", "M"),
    ("Education", "O", "P"),
    ("Health and social work", "P", "Q"),
    ("Public administration", "S", "S"),
], columns=["area", "jsic_division", "gbt_section"]).set_index("area")

#: Key-name suffix of each district group whose manufacturing share a reading quotes.
GROUP_KEYS = {"new district": "new_districts", "outer district": "outer_districts",
              "former SEZ core": "service_core"}


def _years_joined(frame: pd.DataFrame, unit: str) -> pd.Series:
    """``"y1, y2"`` of the flagged years of each unit (string dtype)."""
    return pd.Series({c: ", ".join(str(y) for y in g["year"]) for c, g in frame.groupby(unit)},
                     dtype=object)


# --------------------------------------------------------------------------------------------
# 2: growth among the major cities
# --------------------------------------------------------------------------------------------

def major_city_growth(gdp: pd.DataFrame, empty_cells: Sequence[Mapping[str, Any]],
                      prefectures: pd.DataFrame, facts: pd.DataFrame, *, city: str,
                      comparison: str, start: int, end: int, n_fastest: int = 3) -> Indicator:
    r"""Nominal GDP growth of a city among the major cities, with level shifts flagged.

    The compound annual growth rate :math:`g_c = (Y_{c,end}/Y_{c,start})^{1/(end-start)} - 1`
    of :func:`~smartregion.datasets.china.growth_ranking` ranks the cities of ``gdp`` (long:
    ``city``, ``year``, ``gdp``); GDP ranks in both end years are added. One-year changes that
    are no growth (a boundary or series change) are flagged by
    :func:`~smartregion.datasets.china.level_shifts`: on GDP in ``gdp``, and on registered
    population in ``prefectures`` (the prefecture panel, matched by city name). Flagged cities
    stay in the table but are never named among the ``n_fastest`` fastest.

    ``empty_cells`` are the loader's empty city-years (dicts with ``city`` and ``year``);
    ``facts`` is the ``case_figures`` table, whose unquoted GDP rows of the city for the two
    end years are checked against the export.

    Returns
    -------
    Indicator
        ``table``: the ranking (``cagr``, ``rank``, GDP ranks). ``parts``: ``"cagr"`` (with
        ``level_shift_years``), ``"level_shifts"``, ``"index"`` (GDP, start = 100),
        ``"fastest"``, ``"flagged"``, ``"gap_cities"``, ``"n_gaps"``, ``"jump"`` (city, year,
        ratio of the largest one-year change). ``key_numbers``: the names recorded in section 2
        of notebook 03 (``<tag>_cagr_major_cities`` etc., tag = lower-case ``city``).
    """
    tag = city.lower()
    wide = gdp.pivot(index="year", columns="city", values="gdp").loc[start:end]
    keys: dict[str, Any] = {f"{tag}_gdp_{y}": float(wide.loc[y, city]) for y in (start, end)}
    keys["n_major_cities"] = int(wide.shape[1])
    keys["start_year"] = start
    keys["end_year"] = end
    keys["major_cities_empty_gdp_cells_in_span"] = len(
        [c for c in empty_cells if start <= c["year"] <= end])
    fact_gdp = facts[(facts["region"] == city) & (facts["indicator"] == "gdp")
                     & facts["year"].isin([start, end]) & (facts["quote"] == "")]
    keys["check_gdp_matches_fact_table"] = bool(all(
        np.isclose(v, wide.loc[y, city]) for y, v in zip(fact_gdp["year"], fact_gdp["value"])))

    cagr = growth_ranking(gdp, start, end, unit="city")
    cagr[f"gdp_rank_{start}"] = cagr["start_value"].rank(ascending=False, method="min")
    cagr[f"gdp_rank_{end}"] = cagr["end_value"].rank(ascending=False, method="min")
    cagr = cagr.astype({f"gdp_rank_{start}": "Int64", f"gdp_rank_{end}": "Int64"})
    table = cagr.copy()
    keys[f"{tag}_cagr_major_cities"] = float(cagr.loc[city, "cagr"])
    keys[f"{tag}_cagr_rank_major_cities"] = int(cagr.loc[city, "rank"])
    keys["n_major_cities_ranked"] = int(cagr["rank"].notna().sum())
    for y in (start, end):
        keys[f"{tag}_gdp_rank_{y}"] = int(cagr.loc[city, f"gdp_rank_{y}"])

    shifts = level_shifts(gdp, unit="city", start=start, end=end)
    # the export has no population: boundary changes come from the prefecture panel
    pop_flags = level_shifts(prefectures, value="gdp", pop="pop", start=start, end=end)
    pop_flags = pop_flags[pop_flags["reason"].str.contains("population")]
    pop_flags = pop_flags.assign(city=pop_flags["prefcode"].map(
        prefectures.drop_duplicates("prefcode").set_index("prefcode")["prefecture"]))
    pop_flags = pop_flags[pop_flags["city"].isin(gdp["city"].unique())]
    shifts = pd.concat([shifts, pop_flags[["city", "year", "pop_log_change"]].assign(
        reason="population jump (prefecture panel)")], ignore_index=True)
    shifts = shifts.sort_values(["city", "year"]).reset_index(drop=True)
    keys["n_major_cities_in_prefecture_panel"] = int(
        gdp["city"].drop_duplicates().isin(prefectures["prefecture"]).sum())
    cagr["level_shift_years"] = _years_joined(shifts, "city")
    cagr["level_shift_years"] = cagr["level_shift_years"].fillna("").astype("string")
    flagged = sorted(shifts["city"].unique())
    keys["n_major_cities_level_shift"] = len(flagged)
    keys["major_cities_level_shift"] = ", ".join(
        f"{c} ({cagr.loc[c, 'level_shift_years']})" for c in flagged) or "none"
    by_rank = cagr.sort_values("rank").index
    fastest = [c for c in by_rank if c not in flagged][:n_fastest]
    keys["fastest_major_cities_all"] = ", ".join(by_rank[:n_fastest])
    keys["fastest_major_cities"] = ", ".join(fastest)
    keys["fastest_major_city_cagr"] = float(cagr.loc[fastest[0], "cagr"])
    gaps = pd.DataFrame(list(empty_cells))
    gaps = gaps[gaps["year"].between(start, end)] if len(gaps) else gaps
    gap_cities = sorted(gaps["city"].unique()) if len(gaps) else []
    keys["n_major_cities_with_gaps"] = len(gap_cities)
    keys["major_cities_with_gaps"] = ", ".join(gap_cities)
    yoy = (wide / wide.shift(1)).stack()
    (jump_yr, jump_city), jump_ratio = yoy.idxmax(), float(yoy.max())
    keys["major_cities_largest_yoy_ratio"] = jump_ratio
    keys["major_cities_largest_yoy_city"] = str(jump_city)
    keys["major_cities_largest_yoy_year"] = int(jump_yr)
    parts = {"cagr": cagr, "level_shifts": shifts, "wide": wide,
             "index": 100 * wide / wide.loc[start],
             "fastest": fastest, "flagged": flagged, "gap_cities": gap_cities,
             "n_gaps": len(gaps), "jump": (jump_city, jump_yr, jump_ratio),
             "named": list(dict.fromkeys([*fastest, city, comparison]))}
    return Indicator(table, keys, parts)


def sector_shares(panel: Any, cities: Sequence[str], *, sum_gap: float) -> Indicator:
    r"""Shares of the three sectors in each city's value added, :math:`s_{ct,k} = x_{ctk}/
    \sum_k x_{ctk}`.

    ``panel`` is a :class:`~smartregion.panel.Panel` of value added by sector (``primary``,
    ``secondary``, ``tertiary``); ``sum_gap`` is the loader's largest gap between the sectors'
    sum and GDP, recorded as ``sector_sum_minus_gdp_max_abs``.

    Returns
    -------
    Indicator
        ``table``: shares by (region, time) and sector. ``key_numbers``:
        ``<city>_secondary_share_<year>`` for each of ``cities`` (lower case) in the first and
        last year. ``parts["years"]``: (first, last) year.
    """
    long = panel.to_long()
    shares = (long.assign(share=long["value_added"]
                          / long.groupby(["time", "region"])["value_added"].transform("sum"))
              .pivot_table(index=["region", "time"], columns="industry", values="share"))
    keys: dict[str, Any] = {"sector_sum_minus_gdp_max_abs": sum_gap}
    for c in cities:
        for y in (panel.times.min(), panel.times.max()):
            keys[f"{c.lower()}_secondary_share_{y}"] = float(shares.loc[(c, y), "secondary"])
    years = (int(panel.times.min()), int(panel.times.max()))
    return Indicator(shares, keys, {"years": years})


def tertiary_transition(panel: Any, city: str, *, max_gap_to_gdp: float) -> Indicator:
    r"""A city's tertiary share of value added among a group of cities, and its shift-share.

    The tertiary share :math:`t_{ct} = x_{c,tertiary,t} / \sum_k x_{ckt}` is ranked across the
    cities of ``panel`` (three sectors' value added) each year; the group is summarised by its
    median and quartiles. The city's change of value added between the first and last year is
    decomposed by :func:`~smartregion.shiftshare.shift_share` (Dunn 1960) against the group's
    aggregate, in total and by sector.

    Returns
    -------
    Indicator
        ``table``: the path (the city's share and rank; the group's median, quartiles and
        count). ``parts``: ``"tertiary"`` (year x city), ``"shift_share"`` (all cities),
        ``"shift_share_sectors"`` (the city by sector), ``"years"``. ``key_numbers``: the names
        of section 2b of notebook 03 (``cs_*``, ``<tag>_tertiary_*``, ``<tag>_va_*``,
        ``median_tertiary_*``, ``tertiary_pace``, ``tertiary_place``).
    """
    tag = city.lower()
    va = panel.to_long().pivot_table(index=["time", "region"], columns="industry",
                                     values="value")
    tert = (va["tertiary"] / va.sum(axis=1)).unstack("region")
    tert.index.name = "year"
    n = tert.shape[1]
    rank = tert.rank(axis=1, ascending=False, method="min")
    path = pd.DataFrame({
        f"{tag}_tertiary_share": tert[city],
        f"{tag}_rank": rank[city].astype("Int64"),
        f"median_{n}": tert.median(axis=1),
        f"q25_{n}": tert.quantile(0.25, axis=1),
        f"q75_{n}": tert.quantile(0.75, axis=1),
        "n_cities": tert.notna().sum(axis=1),
    })
    y_a, y_b = int(tert.index.min()), int(tert.index.max())
    keys: dict[str, Any] = {"cs_first_year": y_a, "cs_last_year": y_b, "cs_n_cities": int(n),
                            "cs_sector_sum_max_gap_to_gdp": float(max_gap_to_gdp)}
    for y in (y_a, y_b):
        keys[f"{tag}_tertiary_share_{y}"] = float(tert.loc[y, city])
        keys[f"{tag}_tertiary_rank_{y}"] = int(rank.loc[y, city])
        keys[f"median_tertiary_share_{y}"] = float(tert.loc[y].median())
    change = tert.loc[y_b] - tert.loc[y_a]
    keys[f"{tag}_tertiary_change_pp"] = float(100 * (tert.loc[y_b, city] - tert.loc[y_a, city]))
    keys["median_tertiary_change_pp"] = float(100 * change.median())
    keys[f"{tag}_tertiary_rise_rank"] = int(change.rank(ascending=False, method="min")[city])
    keys["tertiary_pace"] = ("more slowly than" if keys[f"{tag}_tertiary_change_pp"]
                             < keys["median_tertiary_change_pp"] else "faster than")
    r_b = int(rank.loc[y_b, city])
    keys["tertiary_place"] = ("among the more service-based third" if r_b <= n / 3 else
                              "among the more industrial third" if r_b > 2 * n / 3
                              else "in the middle third")
    ss = shift_share(panel, start_time=y_a, end_time=y_b)
    for comp in ("change", "national_share", "industry_mix", "regional_share"):
        keys[f"{tag}_va_{comp}"] = float(ss.loc[city, comp])
    keys[f"{tag}_va_regional_share_pct_of_start"] = float(
        ss.loc[city, "regional_share"] / ss.loc[city, "start"])
    rs_rank = (ss["regional_share"] / ss["start"]).rank(ascending=False, method="min")
    keys[f"{tag}_va_regional_share_rank"] = int(rs_rank[city])
    cell = shift_share(panel, start_time=y_a, end_time=y_b, by="cell").loc[city]
    for sector in ("secondary", "tertiary"):
        keys[f"{tag}_va_regional_share_{sector}"] = float(cell.loc[sector, "regional_share"])
    return Indicator(path, keys, {"tertiary": tert, "rank": rank, "shift_share": ss,
                                  "shift_share_sectors": cell, "years": (y_a, y_b)})


# --------------------------------------------------------------------------------------------
# 3: prefecture-level cities, two GDP series and real GDP
# --------------------------------------------------------------------------------------------

def gdp_series_comparison(panel_series: pd.Series, nbs_series: pd.Series, *, start: int,
                          end: int, agree: float = 1.05, disagree: float = 1.2) -> Indicator:
    r"""Two published GDP series of one city, year by year, and the year where they part.

    The ratio :math:`r_t = Y^{panel}_t / Y^{NBS}_t` and each series' growth on the previous
    year are tabulated for ``start``-``end``; the *jump year* is the year of the largest excess
    of the NBS growth over the panel growth (where a revision enters one series). The panel
    series is called consistent when the ratio stays below ``agree`` from the jump year on and
    exceeds ``disagree`` somewhere before it (one vintage break, in the NBS series).

    Returns
    -------
    Indicator
        ``table``: both series, ``ratio_panel_to_nbs``, ``growth_panel``, ``growth_nbs``.
        ``parts["jump_year"]``. ``key_numbers``: ``series_ratio_start``/``_end``,
        ``series_ratio_max_before_jump``/``_after_jump``, ``series_jump_year``,
        ``series_jump_growth_nbs``/``_panel``, ``prefecture_panel_vs_nbs_start_value_ratio``,
        ``panel_series_is_consistent``.

    Examples
    --------
    >>> p = pd.Series([130.0, 143.0, 157.3], index=[2001, 2002, 2003])
    >>> n = pd.Series([100.0, 110.0, 157.3], index=[2001, 2002, 2003])
    >>> k = gdp_series_comparison(p, n, start=2001, end=2003).key_numbers
    >>> k["series_jump_year"], round(k["series_ratio_start"], 2), k["panel_series_is_consistent"]
    (2003, 1.3, True)
    """
    series = pd.DataFrame({"prefecture_panel": panel_series.loc[start:end],
                           "nbs_major_cities": nbs_series})
    series["ratio_panel_to_nbs"] = series["prefecture_panel"] / series["nbs_major_cities"]
    series["growth_panel"] = series["prefecture_panel"].pct_change()
    series["growth_nbs"] = series["nbs_major_cities"].pct_change()
    series.index.name = "year"
    jump = int((series["growth_nbs"] - series["growth_panel"]).idxmax())
    ratio = series["ratio_panel_to_nbs"]
    keys: dict[str, Any] = {
        "series_ratio_start": float(ratio.loc[start]),
        "series_ratio_end": float(ratio.loc[end]),
        "series_ratio_max_before_jump": float(ratio.loc[:jump - 1].max()),
        "series_ratio_max_after_jump": float(ratio.loc[jump:].max()),
        "series_jump_year": jump,
        "series_jump_growth_nbs": float(series.loc[jump, "growth_nbs"]),
        "series_jump_growth_panel": float(series.loc[jump, "growth_panel"]),
        "prefecture_panel_vs_nbs_start_value_ratio": float(ratio.loc[start]),
    }
    keys["panel_series_is_consistent"] = bool(keys["series_ratio_max_after_jump"] < agree
                                              and keys["series_ratio_max_before_jump"]
                                              > disagree)
    return Indicator(series, keys, {"jump_year": jump})


def prefecture_growth(table: pd.DataFrame, names: pd.DataFrame, *, prefcode: int,
                      nbs_end_values: pd.Series, start: int, end: int, tag: str,
                      n_units: int, named: Sequence[str] = (), n_fastest: int = 3
                      ) -> Indicator:
    r"""Growth of one prefecture-level city among all of them: nominal, real, per head.

    :func:`~smartregion.datasets.china.growth_ranking` ranks the units of ``table`` (the
    prefecture panel: ``prefcode``, ``year``, ``province``, ``gdp``, ``gdp_real``, ``pop``,
    ``deflator_yoy``) on the compound annual growth rate of nominal GDP, real GDP (nominal /
    chained deflator, the headline) and GDP per registered (hukou) resident; the city is also
    ranked within its province and with its two end values of nominal GDP replaced by
    ``nbs_end_values`` (another vintage). Level shifts of real GDP (with population jumps) are
    flagged by :func:`~smartregion.datasets.china.level_shifts`; flagged units stay in the
    table and are left out of the ``n_fastest`` named fastest growers. ``names`` (indexed by
    ``prefcode``) gives ``prefecture`` and ``prefecture_zh``; ``n_units`` is the number of
    units the loader reports (recorded as ``n_prefecture_units``); key names carry ``tag``.

    Returns
    -------
    Indicator
        ``table``: one row per unit (``cagr``, ``rank``, ``_per_capita_hukou``, ``_real``,
        ``rank_in_province``, ``cagr_with_nbs_endpoints``, ``level_shift_years``). ``parts``:
        ``"level_shifts"``, ``"n_flagged"``. ``key_numbers``: the names of section 3 of
        notebook 03 (``<tag>_cagr_prefectures`` etc.), with ``<name>_level_shift_years`` and
        ``<name>_cagr_real_rank`` for each unit in ``named``.
    """
    ranked = growth_ranking(table, start, end)
    province = table.drop_duplicates("prefcode").set_index("prefcode")["province"]
    ranked = ranked.join(names[["prefecture", "prefecture_zh"]]).join(province)
    per_capita = growth_ranking(table.assign(gdp_per_capita=table["gdp"] / table["pop"]),
                                start, end, value="gdp_per_capita")
    ranked = ranked.join(per_capita[["cagr", "rank"]].add_suffix("_per_capita_hukou"))
    in_province = ranked[ranked["province"] == ranked.loc[prefcode, "province"]]
    ranked["rank_in_province"] = in_province["cagr"].rank(ascending=False, method="min")
    mixed = table.copy()
    for y in (start, end):
        mixed.loc[(mixed["prefcode"] == prefcode) & (mixed["year"] == y), "gdp"] = \
            nbs_end_values[y]
    ranked_nbs = growth_ranking(mixed, start, end)
    ranked["cagr_with_nbs_endpoints"] = ranked_nbs["cagr"].where(ranked_nbs.index == prefcode)
    ranked_real = growth_ranking(table, start, end, value="gdp_real")
    ranked = ranked.join(ranked_real[["cagr", "rank"]].add_suffix("_real"))
    shifts = level_shifts(table, value="gdp_real", pop="pop", start=start, end=end)
    ranked["level_shift_years"] = _years_joined(shifts, "prefcode")
    ranked["level_shift_years"] = ranked["level_shift_years"].fillna("").astype("string")

    me = ranked.loc[prefcode]
    keys: dict[str, Any] = {
        "n_prefecture_units": int(n_units),
        "n_prefecture_units_ranked": int(ranked["rank"].notna().sum()),
        "n_prefecture_units_unranked_missing_gdp": int(ranked["rank"].isna().sum()),
        f"{tag}_cagr_prefectures": float(me["cagr"]),
        f"{tag}_cagr_rank_prefectures": int(me["rank"]),
        f"{tag}_cagr_nbs_endpoints": float(ranked_nbs.loc[prefcode, "cagr"]),
        f"{tag}_cagr_rank_nbs_endpoints": int(ranked_nbs.loc[prefcode, "rank"]),
        f"{tag}_cagr_rank_in_province": int(me["rank_in_province"]),
        f"{tag}_cagr_rank_per_capita_hukou": int(me["rank_per_capita_hukou"]),
        "median_prefecture_cagr": float(ranked["cagr"].median()),
    }
    per_prov = table.dropna(subset=["deflator_yoy"]).groupby(["province", "year"])[
        "deflator_yoy"].nunique()
    keys["deflator_scope"] = ("one value per province and year" if (per_prov == 1).all()
                              else "not constant within provinces")
    keys["n_prefecture_units_ranked_real"] = int(ranked["rank_real"].notna().sum())
    keys[f"{tag}_cagr_real_prefectures"] = float(me["cagr_real"])
    keys[f"{tag}_cagr_real_rank_prefectures"] = int(me["rank_real"])
    keys["median_prefecture_cagr_real"] = float(ranked["cagr_real"].median())
    keys[f"{tag}_level_shift_flag"] = bool(me["level_shift_years"] != "")
    flagged = ranked[ranked["level_shift_years"] != ""]
    keys["n_prefecture_units_level_shift"] = len(flagged)
    keys["n_prefecture_level_shift_population"] = int(
        shifts["reason"].str.contains("population").sum())
    by_name = ranked.set_index("prefecture")
    for name in named:
        keys[f"{name.lower()}_level_shift_years"] = str(by_name.loc[name, "level_shift_years"])
        keys[f"{name.lower()}_cagr_real_rank"] = int(by_name.loc[name, "rank_real"])
    clean = ranked[(ranked["level_shift_years"] == "") & ranked["rank_real"].notna()]
    top_clean = clean.sort_values("rank_real").head(n_fastest)
    keys["fastest_prefectures_real_no_shift"] = ", ".join(top_clean["prefecture"])
    keys["fastest_prefecture_real_no_shift_cagr"] = float(top_clean["cagr_real"].iloc[0])
    keys[f"{tag}_rank_real_among_no_shift"] = int(
        clean["cagr_real"].rank(ascending=False, method="min").get(prefcode, 0))
    keys["n_prefecture_units_ranked_real_no_shift"] = len(clean)
    keys["rank_corr_real_nominal"] = float(ranked["cagr_real"].corr(ranked["cagr"],
                                                                    method="spearman"))
    return Indicator(ranked, keys, {"level_shifts": shifts, "n_flagged": len(flagged)})


# --------------------------------------------------------------------------------------------
# 4, 4a, 5: districts of one city in one year
# --------------------------------------------------------------------------------------------

def _one_period(obj: Any, t: Hashable) -> Any:
    """Drop the period level of a one-period result (year ``t``)."""
    return obj.xs(t, level="time") if isinstance(obj.index, pd.MultiIndex) else obj


def district_overview(data: Any, *, nbs_gdp: float, tag: str,
                      named_groups: Mapping[str, Sequence[str]]) -> Indicator:
    r"""Consistency checks and totals of a city's district tables (one year).

    ``data`` is the dataset of
    :func:`~smartregion.datasets.shenzhen.load_cn_shenzhen_districts_2016` (tables ``checks``,
    ``gdp``, ``land_population``; its panel of full-time workers). The sum of district GDP
    (10,000 yuan) is compared with ``nbs_gdp``, the city's GDP in the NBS export
    (100 million yuan), to half a unit of the export's last digit; workers per resident is
    :math:`\sum_{d,i} x_{di} / (10^4 P)` with :math:`P` the permanent population (10,000).

    Returns
    -------
    Indicator
        ``table``: the loader's checks. ``parts``: ``"gdp"`` (district GDP), ``"land"``,
        ``"year"``. ``key_numbers``: the names of section 4's first reading in notebook 03
        (``district_checks_passed``, ``<tag>_district_workers_total``,
        ``district_gdp_matches_nbs_<year>``, ``workers_per_resident_<year>``, ...) and each
        group of ``named_groups`` as a comma-separated list.
    """
    dp = data.panel
    year = int(dp.times[0])
    checks = data.tables["checks"]
    gdp_d = data.tables["gdp"].set_index("district")["gdp_10k_yuan"].astype("float64")
    land = data.tables["land_population"].set_index("district")
    population = land.loc["Total", "permanent_population_10k"]
    keys: dict[str, Any] = {"district_data_year": year}
    keys.update({name: ", ".join(members) for name, members in named_groups.items()})
    matches = bool(np.isclose(gdp_d["Total"] / 1e4, nbs_gdp, atol=0.005))
    keys.update({
        "district_checks_passed": int(checks["passed"].sum()),
        "district_checks_total": len(checks),
        f"{tag}_district_workers_total": int(dp.values.sum()),
        f"{tag}_district_gdp_total_10k_yuan": int(gdp_d["Total"]),
        f"{tag}_population_{year}_10k": float(population),
        "district_blank_cells_entered_as_zero":
            int(data.report["employment_blank_cells_entered_as_zero"]),
        f"district_gdp_matches_nbs_{year}": matches,
        "district_gdp_vs_nbs": "equal to" if matches else "different from",
        f"workers_per_resident_{year}": float(dp.values.sum() / (population * 1e4)),
    })
    return Indicator(checks, keys, {"gdp": gdp_d, "land": land, "year": year})


def district_structure(
    panel: Any,
    *,
    order: Sequence[str],
    group_of: Mapping[str, str] = DISTRICT_TYPES,
    outside: Sequence[str] = (*OUTER_DISTRICTS, *NEW_DISTRICTS),
    core_group: str = "former SEZ core",
    new_group: str = "new district",
    tag: str = "shenzhen",
    lq_readings: Sequence[tuple[str, str, str]] = (
        ("Nanshan", "I", "nanshan_lq_information"), ("Nanshan", "C", "nanshan_lq_manufacturing"),
        ("Futian", "J", "futian_lq_finance")),
    share_readings: Sequence[tuple[str, str, str]] = (
        ("Nanshan", "C", "nanshan_manufacturing_share"),),
    min_cell: float = 100,
) -> Indicator:
    r"""Industry structure of a city's districts against the city (one year, GB/T sections).

    Location quotient :math:`LQ_{di} = (x_{di}/x_d)/(x_i/x)` against the sum of the districts;
    Herfindahl :math:`H_d = \sum_i s_{di}^2`; Krugman specialisation
    :math:`K_d = \sum_i |s_{di} - s_i^{(-d)}|` against the other districts (Krugman 1991);
    diversity = number of sections with :math:`LQ \ge 1`; entropy
    :math:`-\sum_i s_{di} \log_2 s_{di}` (bits). Districts are grouped by ``group_of``;
    ``outside`` are the districts outside the former zone; ``lq_readings`` and
    ``share_readings`` name single cells ``(district, section, key)`` a reading quotes (the
    defaults are Shenzhen's). Cells with fewer than ``min_cell`` workers are counted (their LQ
    is noisy) and blanked in ``parts["heat"]``.

    Returns
    -------
    Indicator
        ``table``: one row per district in ``order`` (workers, shares of sections C, I, J, M,
        the indices, group). ``parts``: ``"lq"`` (named LQ table), ``"lq_raw"``,
        ``"workers"``, ``"heat"`` (LQs of cells with at least ``min_cell`` workers), ``"year"``.
        ``key_numbers``: the names of section 4's second reading in notebook 03.
    """
    year = panel.times[0]
    names = panel.hierarchy["section_en"]
    lq = _one_period(location_quotient(panel), year)
    x = panel.matrix()
    share = x.div(x.sum(axis=1), axis=0)
    table = pd.DataFrame({
        "workers": x.sum(axis=1),
        "manufacturing_share": share["C"],
        "information_share": share["I"],
        "finance_share": share["J"],
        "science_tech_share": share["M"],
        "herfindahl": _one_period(herfindahl(panel), year),
        "krugman_vs_other_districts": _one_period(krugman_index(panel, reference="rest"), year),
        "diversity_n_lq_ge_1": _one_period(diversity(panel), year),
        "entropy_bits": _one_period(entropy(panel), year),
    })
    table["group"] = table.index.map(group_of).astype("string")
    table = table.loc[list(order)]
    table.index.name = "district"
    groups = x.groupby(table["group"].reindex(x.index)).sum()
    out_x = x.loc[list(outside)].sum()
    mfg_group = groups["C"] / groups.sum(axis=1)
    keys: dict[str, Any] = {f"manufacturing_share_{k}": float(mfg_group[g])
                            for g, k in GROUP_KEYS.items()}
    keys.update({
        "manufacturing_share_outside_sez": float(out_x["C"] / out_x.sum()),
        "outside_sez_share_of_city_manufacturing": float(out_x["C"] / x["C"].sum()),
        f"manufacturing_share_{tag}": float(x["C"].sum() / x.to_numpy().sum()),
        "new_districts_share_of_city_manufacturing":
            float(groups.loc[new_group, "C"] / x["C"].sum()),
        "service_core_share_of_city_information":
            float(groups.loc[core_group, "I"] / x["I"].sum()),
        "service_core_share_of_city_finance": float(groups.loc[core_group, "J"] / x["J"].sum()),
    })
    for key, column, how in (("most_manufacturing_district", "manufacturing_share", "max"),
                             ("least_manufacturing_district", "manufacturing_share", "min"),
                             ("most_specialised_district_krugman",
                              "krugman_vs_other_districts", "max"),
                             ("most_diverse_district_entropy", "entropy_bits", "max")):
        at = getattr(table[column], f"idx{how}")()
        keys[key] = at
        suffix = {"manufacturing_share": "_share", "entropy_bits": "_bits"}.get(column, "_value")
        keys[key + suffix] = float(table.loc[at, column])
    keys.update({k: float(lq.loc[d, s]) for d, s, k in lq_readings})
    keys.update({k: float(share.loc[d, s]) for d, s, k in share_readings})
    keys["heatmap_cells_below_min"] = int((x < min_cell).to_numpy().sum())
    named_lq = lq.loc[list(order)].rename(columns=lambda c: f"{c} {names[c]}")
    heat = lq.loc[list(order)].where(x.loc[list(order)] >= min_cell)
    return Indicator(table, keys, {"lq": named_lq, "lq_raw": lq, "workers": x, "heat": heat,
                                   "year": year, "min_cell": min_cell})


def blank_sensitivity(treatments: Mapping[str, Any], *, order: Sequence[str],
                      n_blank: int, section_names: Mapping[str, str]) -> Indicator:
    r"""District indices with blank cells read as zero and as missing.

    ``treatments`` is :func:`~smartregion.datasets.shenzhen.blank_treatments`: ``"zero"``
    (blanks entered as 0) and ``"missing"`` (sections with a blank anywhere left out). Both
    are summarised on the sections reported everywhere: entropy, Krugman against the other
    districts, diversity and the manufacturing LQ; the change of every LQ and the Spearman rank
    correlation of each index between the two readings say which readings rest on the blanks.
    The rankings "change little" when every correlation is at least 0.9.

    Returns
    -------
    Indicator
        ``table``: the indices under both readings (columns ``zero``/``missing``).
        ``key_numbers``: ``n_blank_cells``, ``blank_sections_dropped``,
        ``n_sections_reported_everywhere``, ``blank_lq_max_abs_change`` and its cell,
        ``blank_rank_corr_<index>``, ``blank_rank_verdict``, ``blank_most_diverse_missing``,
        ``blank_most_specialised_missing``.
    """
    dropped = treatments["missing"].meta["sections_with_blanks"]
    common = [s for s in treatments["zero"].industries if s not in dropped]
    sens: dict[str, pd.DataFrame] = {}
    for name, pnl in treatments.items():
        year = pnl.times[0]
        lq_t = _one_period(location_quotient(pnl), year)[common]
        sens[name] = pd.DataFrame({
            "entropy_bits": _one_period(entropy(pnl), year),
            "krugman_vs_other_districts": _one_period(krugman_index(pnl, reference="rest"),
                                                      year),
            "diversity_n_lq_ge_1": _one_period(diversity(pnl), year),
            "manufacturing_lq": lq_t["C"],
        })
        sens[name + "_lq"] = lq_t
    table = pd.concat({k: sens[k] for k in ("zero", "missing")}, axis=1).loc[list(order)]
    gap = (sens["missing_lq"] - sens["zero_lq"]).abs()
    worst = gap.stack().idxmax()
    keys: dict[str, Any] = {
        "n_blank_cells": int(n_blank),
        "blank_sections_dropped": ", ".join(f"{s} {section_names[s]}" for s in dropped),
        "n_sections_reported_everywhere": len(common),
        "blank_lq_max_abs_change": float(gap.to_numpy().max()),
        "blank_lq_max_change_cell": f"{worst[0]}, section {worst[1]}",
    }
    corr = {m: float(sens["zero"][m].corr(sens["missing"][m], method="spearman"))
            for m in ("entropy_bits", "krugman_vs_other_districts", "manufacturing_lq")}
    keys.update({f"blank_rank_corr_{m}": v for m, v in corr.items()})
    keys["blank_rank_verdict"] = "change little" if min(corr.values()) >= 0.9 else "change"
    keys["blank_most_diverse_missing"] = str(sens["missing"]["entropy_bits"].idxmax())
    keys["blank_most_specialised_missing"] = str(
        sens["missing"]["krugman_vs_other_districts"].idxmax())
    return Indicator(table, keys)


def district_productivity(structure: pd.DataFrame, gdp: pd.Series, land: pd.DataFrame,
                          enterprises: pd.DataFrame, units: pd.DataFrame, *,
                          tag: str = "shenzhen", core_group: str = "former SEZ core",
                          group_keys: Mapping[str, str] | None = None) -> Indicator:
    r"""Two productivity proxies by district: GDP per full-time worker, revenue per employee.

    GDP per worker (thousand yuan) :math:`10\,Y_d / L_d` with :math:`Y_d` district GDP
    (10,000 yuan) and :math:`L_d` full-time workers (``structure["workers"]`` of
    :func:`district_structure`), also by district group (sums of GDP over sums of workers);
    GDP per resident (thousand yuan); enterprise revenue per employee (thousand yuan)
    :math:`10^5 R_d / E_d` (revenue in 100 million yuan, average employed persons). The scope
    of the enterprise table is gauged by its largest relative gap to the surveyed units of
    leasing and business services. ``gdp``, ``land``, ``enterprises`` and ``units`` are the
    district tables indexed by district, with a ``Total`` row.

    Returns
    -------
    Indicator
        ``table``: one row per district of ``structure``. ``key_numbers``: the names of
        section 5 of notebook 03.
    """
    order = structure.index
    prod = pd.DataFrame({
        "gdp_10k_yuan": gdp.reindex(order),
        "full_time_workers": structure["workers"],
        "permanent_population_10k": land["permanent_population_10k"].reindex(order),
        "enterprises": enterprises["enterprises"].reindex(order).astype("float64"),
        "enterprise_revenue_100m_yuan":
            enterprises["business_revenue_100m_yuan"].reindex(order),
        "enterprise_employees":
            enterprises["average_employed_persons"].reindex(order).astype("float64"),
    })
    prod["gdp_per_worker_thousand_yuan"] = (prod["gdp_10k_yuan"] * 10
                                            / prod["full_time_workers"])
    prod["gdp_per_resident_thousand_yuan"] = (prod["gdp_10k_yuan"]
                                              / prod["permanent_population_10k"] / 1e4 * 10)
    prod["revenue_per_employee_thousand_yuan"] = (prod["enterprise_revenue_100m_yuan"] * 1e5
                                                  / prod["enterprise_employees"])
    prod["group"] = structure["group"]
    prod.index.name = "district"
    scope = (enterprises["enterprises"].astype("float64")
             / units["leasing_business_services"].astype("float64") - 1).abs()
    keys: dict[str, Any] = {
        "enterprises_vs_leasing_units_max_rel_gap": float(scope.drop("Total").max()),
        f"gdp_per_worker_{tag}_thousand_yuan":
            float(gdp["Total"] * 10 / structure["workers"].sum()),
    }
    gpw = prod["gdp_per_worker_thousand_yuan"].sort_values(ascending=False)
    keys.update({"gdp_per_worker_top_district": gpw.index[0],
                 "gdp_per_worker_top_value": float(gpw.iloc[0]),
                 "gdp_per_worker_bottom_district": gpw.index[-1],
                 "gdp_per_worker_bottom_value": float(gpw.iloc[-1])})
    grp = prod.groupby("group")[["gdp_10k_yuan", "full_time_workers"]].sum()
    gpw_grp = grp["gdp_10k_yuan"] * 10 / grp["full_time_workers"]
    for g, k in (group_keys or GROUP_KEYS).items():
        keys[f"gdp_per_worker_{k}"] = float(gpw_grp[g])
    rpe = prod["revenue_per_employee_thousand_yuan"].sort_values(ascending=False)
    keys["revenue_per_employee_top_district"] = rpe.index[0]
    keys["revenue_per_employee_top_value"] = float(rpe.iloc[0])
    keys["revenue_per_employee_rank_corr_with_gdp_per_worker"] = float(
        prod["revenue_per_employee_thousand_yuan"].corr(prod["gdp_per_worker_thousand_yuan"],
                                                        method="spearman"))
    return Indicator(prod, keys)


# --------------------------------------------------------------------------------------------
# 7: two regions, each against its own country; 7a: a province among the provinces
# --------------------------------------------------------------------------------------------

def _area_label(area: str) -> str:
    """``"Finance (and insurance)"`` -> ``"finance"``: the first name of a paired area."""
    return area.split(" /")[0].split(" (")[0].lower()


def country_profile(region: pd.Series, country: pd.Series, name: str,
                    country_name: str) -> dict[str, Any]:
    r"""Section indices of one region against its country.

    Shares :math:`s_{ri} = x_{ri}/x_r`, :math:`s_{ci}`; location quotient
    :math:`LQ_i = s_{ri}/s_{ci}`; Krugman dissimilarity :math:`\sum_i |s_{ri} - s_{ci}|`
    (0-2; :func:`~smartregion.structure.krugman_index` on the two-row panel, the country as
    "rest"), Herfindahl and entropy (bits) of the region's shares, and the number of sections
    with :math:`LQ \ge 1`.

    Examples
    --------
    >>> r = pd.Series({"a": 3.0, "b": 1.0})
    >>> c = pd.Series({"a": 5.0, "b": 5.0})
    >>> p = country_profile(r, c, "r", "c")
    >>> p["lq"].round(2).tolist(), p["krugman_vs_country"], p["n_sections_lq_ge_1"]
    ([1.5, 0.5], 0.5, 1)
    """
    two = Panel.from_long(
        pd.concat([region.rename_axis("industry").reset_index(name="value").assign(region=name),
                   country.rename_axis("industry").reset_index(name="value")
                   .assign(region=country_name)]),
        region="region", industry="industry", value="value")
    lq = (region / region.sum()) / (country / country.sum())
    return {
        "lq": lq,
        "share": region / region.sum(),
        "krugman_vs_country": float(krugman_index(two, reference="rest").loc[name]),
        "herfindahl": float(herfindahl(two).loc[name]),
        "entropy_bits": float(entropy(two).loc[name]),
        "n_sections_lq_ge_1": int((lq >= 1).sum()),
        "n_sections": len(lq),
    }


def paired_sections(profiles: Mapping[str, dict[str, Any]], pairs: pd.DataFrame, *,
                    tags: Mapping[str, str], countries: Mapping[str, str],
                    areas: Mapping[str, str], about: Mapping[str, Sequence[Any]]) -> Indicator:
    """Two regions' shares and LQs on paired sections of two classifications.

    ``profiles`` maps each region's name to its :func:`country_profile`; ``pairs`` has one row
    per area and one column per region naming that region's section code (in ``profiles``
    order); ``tags`` and ``countries`` give each region's key prefix and country (lower case in
    column names: ``<tag>_share``, ``<tag>_lq_vs_<country>``); ``areas`` maps the areas a
    reading quotes to their key label; ``about`` adds rows (reference, year, ...) to the index
    table, one value per region.

    Returns
    -------
    Indicator
        ``table``: the paired sections. ``parts["indices"]``: the indices of both regions.
        ``parts["gap_area"]``: the area of the largest LQ gap. ``key_numbers``:
        ``<tag>_<index>``, ``<tag>_<area>_share``, ``<tag>_<area>_lq_vs_<country>``,
        ``<tag>_top_paired_sections``, ``largest_lq_gap_*``, ``more_even_mix``,
        ``more_dissimilar``.
    """
    (a, b), cols = list(profiles), list(pairs.columns)
    side = pairs.copy()
    lq_col = {r: f"{tags[r]}_lq_vs_{countries[r].lower()}" for r in profiles}
    for r, col in zip(profiles, cols):
        side[f"{tags[r]}_share"] = profiles[r]["share"].reindex(pairs[col]).to_numpy()
        side[lq_col[r]] = profiles[r]["lq"].reindex(pairs[col]).to_numpy()
    indices = pd.DataFrame({r: {k: v for k, v in p.items() if k not in ("lq", "share")}
                            for r, p in profiles.items()}, dtype=object)
    for row, values in about.items():
        indices.loc[row] = list(values)
    keys: dict[str, Any] = {}
    for r, p in profiles.items():
        for k in ("krugman_vs_country", "herfindahl", "entropy_bits", "n_sections_lq_ge_1"):
            keys[f"{tags[r]}_{k}"] = p[k]
    for area, label in areas.items():
        for r in profiles:
            keys[f"{tags[r]}_{label}_share"] = float(side.loc[area, f"{tags[r]}_share"])
            keys[f"{tags[r]}_{label}_{lq_col[r][len(tags[r]) + 1:]}"] = float(
                side.loc[area, lq_col[r]])
    for r in profiles:
        top3 = side[lq_col[r]].sort_values(ascending=False).head(3)
        keys[f"{tags[r]}_top_paired_sections"] = "; ".join(
            f"{_area_label(x)} ({v:.2f})" for x, v in top3.items())
    gap = (side[lq_col[b]] - side[lq_col[a]]).abs()
    keys["largest_lq_gap_section"] = _area_label(gap.idxmax())
    for r in (a, b):
        keys[f"largest_lq_gap_{tags[r]}"] = float(side.loc[gap.idxmax(), lq_col[r]])
    pa, pb = profiles[a], profiles[b]
    keys["more_even_mix"] = a if pa["entropy_bits"] > pb["entropy_bits"] else b
    keys["more_dissimilar"] = b if pb["krugman_vs_country"] > pa["krugman_vs_country"] else a
    return Indicator(side, keys, {"indices": indices, "gap_area": gap.idxmax(),
                                  "lq_columns": lq_col})


def province_indices(pnl: Panel, t: int, *, manufacturing: str = "C") -> pd.DataFrame:
    r"""Structure indices of every region of ``pnl`` in year ``t``, as notebook 02 computes them.

    Herfindahl, Krugman against the rest, diversity (sections with :math:`LQ \ge 1`), related
    and unrelated variety (Frenken et al. 2007, within and between the groups of hierarchy
    level ``industry3``), the eigenvector ECI (Hidalgo & Hausmann 2009, on
    :math:`M = 1[LQ \ge 1]`), and the location quotient and employment share of the section
    ``manufacturing``.
    """
    one = pnl.select(times=[t])
    res = pd.DataFrame({
        "herfindahl": _one_period(herfindahl(one), t),
        "krugman_vs_rest": _one_period(krugman_index(one, reference="rest"), t),
        "diversity": _one_period(diversity(one), t),
    }).join(_one_period(related_unrelated_variety(one, level="industry3"), t))
    res["eci"] = _one_period(economic_complexity(one).eci, t)
    res["manufacturing_lq"] = _one_period(location_quotient(one), t)[manufacturing]
    res["manufacturing_share"] = one.matrix(t)[manufacturing] / one.matrix(t).sum(axis=1)
    return res


def province_ranks(pnl: Panel, region: str, *, names: Mapping[str, str], tag: str,
                   report: Mapping[str, Any], n_path: int) -> Indicator:
    r"""A province's indices and ranks among all provinces in the last year of ``pnl``.

    :func:`province_indices` in the last year, ranked (1 = highest) with the median; the
    Spearman correlation of ECI with diversity and with the manufacturing share; the sections'
    PCI (lowest and highest five, named by ``names``); the province's sections with
    :math:`LQ \ge 1`. ``report`` is the loader's report (coverage break, national totals
    around it, missing cells, the province's totals); ``n_path`` the number of provinces of the
    complete panel.

    Returns
    -------
    Indicator
        ``table``: indices of every province. ``parts``: ``"ranks"``, ``"region"`` (value, rank,
        median), ``"pci"``, ``"lq"`` (the province's LQs, highest first), ``"all_lq"``,
        ``"year"``. ``key_numbers``: ``prov_*`` and ``<tag>_*`` names of section 7a.
    """
    last = int(pnl.times.max())
    brk = int(report["coverage_break_year"])
    before, after = report["national_total_2012_2013"]
    keys: dict[str, Any] = {
        "prov_break_year": brk, f"prov_national_{brk - 1}": float(before),
        f"prov_national_{brk}": float(after), "prov_break_ratio": float(after / before),
        "prov_missing_cells": int(report["missing_cells"]), "prov_n_path": n_path,
        "prov_last_year": last, "prov_n_all": len(pnl.regions),
        f"{tag}_total_{last}_10k": float(report[f"{region.lower()}_{last}_total"]),
        f"{tag}_manufacturing_{last}_10k":
            float(report[f"{region.lower()}_{last}_manufacturing"]),
    }
    pi = province_indices(pnl, last)
    ranks = pi.rank(ascending=False, method="min").astype(int)
    mine = pd.DataFrame({"value": pi.loc[region], "rank": ranks.loc[region],
                         "n_provinces": len(pi), "median": pi.median()})
    mine.index.name = "index"
    for name in ("manufacturing_lq", "manufacturing_share", "krugman_vs_rest", "related",
                 "unrelated", "eci", "herfindahl", "diversity"):
        keys[f"{tag}_{name}_{last}"] = float(pi.loc[region, name])
        keys[f"{tag}_{name}_rank_{last}"] = int(ranks.loc[region, name])
        keys[f"prov_median_{name}_{last}"] = float(pi[name].median())
    keys["prov_eci_diversity_corr"] = float(pi["eci"].corr(pi["diversity"], method="spearman"))
    keys["prov_eci_mfg_corr"] = float(pi["eci"].corr(pi["manufacturing_share"],
                                                     method="spearman"))
    keys["prov_eci_bottom4"] = ", ".join(pi["eci"].sort_values().index[:4])
    one = pnl.select(times=[last])
    pci = _one_period(economic_complexity(one).pci, last).sort_values()
    keys["prov_pci_lowest"] = ", ".join(names[s].lower() for s in pci.index[:5])
    keys["prov_pci_highest"] = ", ".join(names[s].lower() for s in pci.index[-5:][::-1])
    half = len(pi) / 2
    keys[f"{tag}_variety_reading"] = (
        ": with so much of its employment in one section, its mix is less even than most "
        "provinces'" if (ranks.loc[region, "related"] > half
                         and ranks.loc[region, "unrelated"] > half) else "")
    all_lq = _one_period(location_quotient(one), last)
    top = all_lq.loc[region].sort_values(ascending=False)
    keys[f"{tag}_specialisations_{last}"] = "; ".join(
        f"{names[s].lower()} ({v:.2f})" for s, v in top[top >= 1].items())
    keys[f"{tag}_n_lq_ge_1_{last}"] = int((top >= 1).sum())
    return Indicator(pi, keys, {"ranks": ranks, "region": mine, "pci": pci, "lq": top,
                                "all_lq": all_lq[top.index], "year": last})


def province_path(complete: Panel, full: Panel, region: str, *, tag: str,
                  break_year: int) -> Indicator:
    """A province's ECI and manufacturing LQ over time, and its shift-share within regimes.

    :func:`province_indices` each year on ``complete`` (the provinces without empty cells):
    the province's ECI, its rank and the provinces' quartiles, the manufacturing LQ with its
    rank and median, related and unrelated variety and Krugman. The shift-share
    (:func:`~smartregion.shiftshare.shift_share`, Dunn 1960) is computed within the years
    before ``break_year`` (on ``complete``) and from it on (on ``full``), never across a
    change of survey coverage.

    Returns
    -------
    Indicator
        ``table``: the path by year (``after_coverage_break`` flags the later regime).
        ``parts["shift_share"]``: the province's components by period. ``key_numbers``:
        ``<tag>_eci_rank_*``, ``<tag>_mlq_*``, ``<tag>_ss_<a>_<b>_*`` of section 7a.
    """
    rows = []
    for t in complete.times:
        ind = province_indices(complete, int(t))
        rk = ind.rank(ascending=False, method="min")
        rows.append({"year": int(t), "eci": ind.loc[region, "eci"],
                     "eci_rank": int(rk.loc[region, "eci"]),
                     "manufacturing_lq": ind.loc[region, "manufacturing_lq"],
                     "manufacturing_lq_rank": int(rk.loc[region, "manufacturing_lq"]),
                     "related": ind.loc[region, "related"],
                     "unrelated": ind.loc[region, "unrelated"],
                     "krugman_vs_rest": ind.loc[region, "krugman_vs_rest"],
                     "eci_q25": ind["eci"].quantile(0.25), "eci_q75": ind["eci"].quantile(0.75),
                     "mlq_median": ind["manufacturing_lq"].median()})
    path = pd.DataFrame(rows).set_index("year")
    path["after_coverage_break"] = path.index >= break_year
    first, last = int(complete.times.min()), int(full.times.max())
    keys: dict[str, Any] = {
        f"{tag}_first_year": first,
        f"{tag}_eci_rank_first": int(path.loc[first, "eci_rank"]),
        f"{tag}_eci_rank_last_path": int(path.loc[last, "eci_rank"]),
        f"{tag}_eci_rank_best": int(path["eci_rank"].min()),
        f"{tag}_eci_rank_worst": int(path["eci_rank"].max()),
        f"{tag}_mlq_first": float(path.loc[first, "manufacturing_lq"]),
        f"{tag}_mlq_{break_year - 1}": float(path.loc[break_year - 1, "manufacturing_lq"]),
        f"{tag}_mlq_{break_year}": float(path.loc[break_year, "manufacturing_lq"]),
        f"{tag}_mlq_last": float(path.loc[last, "manufacturing_lq"]),
    }
    parts = {}
    for (a, b), pnl in (((first, break_year - 1), complete), ((break_year, last), full)):
        ss = shift_share(pnl, start_time=a, end_time=b)
        parts[f"{a}-{b}"] = ss.loc[region]
        for comp in ("change", "national_share", "industry_mix", "regional_share"):
            keys[f"{tag}_ss_{a}_{b}_{comp}"] = float(ss.loc[region, comp])
        rel = ss["regional_share"] / ss["start"]
        keys[f"{tag}_ss_{a}_{b}_regional_rank"] = int(
            rel.rank(ascending=False, method="min")[region])
        keys[f"{tag}_ss_{a}_{b}_n"] = len(ss)
        cell = shift_share(pnl, start_time=a, end_time=b, by="cell").loc[region]
        keys[f"{tag}_ss_{a}_{b}_regional_manufacturing"] = float(
            cell.loc["C", "regional_share"])
    ss_tab = pd.DataFrame(parts).T
    ss_tab.index.name = "period"
    return Indicator(path, keys, {"shift_share": ss_tab, "years": (first, last)})


# --------------------------------------------------------------------------------------------
# 6: manufacturing groups of a city region (quoted shares); 11: map values
# --------------------------------------------------------------------------------------------

def group_structure(quoted: pd.DataFrame, shares: Panel, city_gdp: pd.Series, city: str, *,
                    year: int, citation: str,
                    columns: tuple[str, str, str] = ("city_en", "sector_en", "output_pct_of_gdp"),
                    tag: str | None = None) -> Indicator:
    r"""Manufacturing-group structure of a set of cities from group outputs in % of city GDP.

    ``shares`` holds each city's output of each group as a percentage of its GDP (one year),
    ``quoted`` the same as the long quoted table (``columns``: city, group, percentage);
    ``city_gdp`` the cities' GDP in that year (``year``). Amounts
    :math:`x_{ci} = p_{ci}/100 \cdot Y_c` give the GDP-weighted location quotients against the
    set of cities; the unweighted LQs (every city's mix counted equally) are shown alongside.
    Entropy (bits), Herfindahl and the number of groups with :math:`LQ \ge 1` describe each
    city's mix.

    Raises
    ------
    ValueError
        ``city_gdp`` does not give a GDP for exactly the cities of ``shares``.

    Returns
    -------
    Indicator
        ``table``: one row per city (GDP, manufacturing % of GDP, entropy, Herfindahl,
        specialisations, entropy rank). ``parts``: ``"lq"`` (long: both LQs), ``"lq_weighted"``
        (city x group), ``"city"`` (the city's LQs, highest first). ``key_numbers``:
        ``<tag>_prd_*`` and ``n_prd_cities``.
    """
    tag = tag or city.lower()
    if set(city_gdp.index) != set(shares.regions) or city_gdp.isna().any():
        raise ValueError(f"city GDP must cover exactly the cities {sorted(shares.regions)} "
                         f"without gaps; got {sorted(city_gdp.dropna().index)}")
    region, industry, pct = columns
    amounts = quoted.assign(output=quoted[pct] / 100 * quoted[region].map(city_gdp))
    weighted = Panel.from_long(amounts, region=region, industry=industry, value="output",
                               meta={"source": citation, "unit": "100 million yuan (derived)"})
    lq_w = location_quotient(weighted)
    lq_u = location_quotient(shares)
    table = pd.DataFrame({
        f"gdp_{year}": city_gdp,
        "manufacturing_pct_of_gdp": shares.matrix().sum(axis=1),
        "entropy_bits": entropy(shares),
        "herfindahl": herfindahl(shares),
        "n_specialisations": (lq_w >= 1).sum(axis=1),
    })
    table["entropy_rank"] = table["entropy_bits"].rank(ascending=False, method="min")
    table.index.name = "city"
    lq_long = pd.DataFrame({"lq_gdp_weighted": lq_w.stack(), "lq_unweighted": lq_u.stack()})
    lq_long.index.names = ["city", "group"]
    mine = lq_long.loc[city].sort_values("lq_gdp_weighted", ascending=False)
    keys: dict[str, Any] = {
        f"{tag}_prd_top_group": str(mine.index[0]),
        f"{tag}_prd_top_lq": float(mine["lq_gdp_weighted"].iloc[0]),
        f"{tag}_prd_specialisations": ", ".join(mine.index[mine["lq_gdp_weighted"] >= 1]),
        f"{tag}_prd_entropy_bits": float(table.loc[city, "entropy_bits"]),
        f"{tag}_prd_entropy_rank": int(table.loc[city, "entropy_rank"]),
        f"{tag}_prd_manufacturing_pct_of_gdp": float(table.loc[city, "manufacturing_pct_of_gdp"]),
        "n_prd_cities": len(table),
    }
    return Indicator(table, keys, {"lq": lq_long, "lq_weighted": lq_w, "city": mine})


def district_map_values(employment: pd.DataFrame, units: pd.DataFrame,
                        polygons: pd.DataFrame, *, merged: str = "Dapeng",
                        tag: str = "sz") -> Indicator:
    r"""Manufacturing share and LQ of each district polygon, yearbook units merged to polygons.

    ``employment`` is the printed district table (``district``, ``Manufacturing``, ``Total``;
    blank cells missing), ``units`` maps each yearbook unit to a polygon (``district``,
    ``region_id``), ``polygons`` the boundary table (``region_id``, ``name_en``, attribute
    ``coordinate_system``). A polygon's workers are the sum over its units, missing when any of
    them is blank; share :math:`m_p = C_p / T_p`, LQ :math:`m_p / m` against the city share
    :math:`m`. The polygon holding ``merged`` (a unit without its own polygon) is labelled
    "<name> incl. <merged>".

    Returns
    -------
    Indicator
        ``table``: label, share and LQ by polygon. ``parts``: ``"share"``, ``"lq"``,
        ``"labels"``. ``key_numbers``: ``map_blank_manufacturing_cells`` and ``map_<tag>_*``.
    """
    printed = employment.set_index("district")[["Manufacturing", "Total"]]
    polygon_of = dict(zip(units["district"], units["region_id"]))
    by_polygon = printed.groupby(printed.index.map(polygon_of)).sum(min_count=1)
    by_polygon = by_polygon.where(
        printed.isna().groupby(printed.index.map(polygon_of)).sum() == 0)
    share = by_polygon["Manufacturing"] / by_polygon["Total"]
    city_share = printed["Manufacturing"].sum() / printed["Total"].sum()
    lq = share / city_share
    label_of = dict(zip(polygons["region_id"], polygons["name_en"]))
    label_of[polygon_of[merged]] = f"{label_of[polygon_of[merged]]} incl. {merged}"
    table = pd.DataFrame({"district": pd.Series(label_of), "manufacturing_share": share,
                          "manufacturing_lq": lq})
    keys: dict[str, Any] = {
        "map_blank_manufacturing_cells": int(printed["Manufacturing"].isna().sum()),
        f"map_{tag}_polygons": len(polygons),
        f"map_{tag}_yearbook_units": len(units),
        f"map_{tag}_city_manufacturing_share": float(city_share),
        f"map_{tag}_top_district": label_of[share.idxmax()],
        f"map_{tag}_top_share": float(share.max()),
        f"map_{tag}_bottom_district": label_of[share.idxmin()],
        f"map_{tag}_bottom_share": float(share.min()),
        f"map_{tag}_coordinate_system": polygons.attrs["coordinate_system"],
    }
    return Indicator(table, keys, {"share": share, "lq": lq, "labels": label_of})


def province_share_values(employment: pd.DataFrame, provinces: pd.DataFrame, *, year: int,
                          sector: str, region: str, tag: str,
                          published: tuple[float, float] | None = None) -> Indicator:
    """One sector's share of each province's employment in one year, for a map.

    ``employment`` is the long provincial table (``year``, ``province_zh``, ``sector_zh``,
    ``value``; every cell filled), ``provinces`` the boundary table (``name_zh``,
    ``region_id``, ``name_en``). Share = sector / sum of all sectors; rank 1 = highest.
    ``published`` (total, sector) of ``region`` in 10,000 persons is checked to 0.05.

    Raises
    ------
    ValueError
        A cell of the year is missing, or a province has no polygon.

    Returns
    -------
    Indicator
        ``table``: the shares (by Chinese name). ``parts``: ``"by_polygon"`` (shares by
        ``region_id``), ``"rank"``, ``"code_of"``. ``key_numbers``: ``map_cn_<tag>_*``,
        ``check_<tag>_<year>_matches_published``, ``map_cn_top_*``.
    """
    emp = employment.query("year == @year")
    if emp["value"].isna().any():
        raise ValueError(f"{int(emp['value'].isna().sum())} missing cells in {year}")
    wide = emp.pivot(index="province_zh", columns="sector_zh", values="value")
    total = wide.sum(axis=1)
    share = wide[sector] / total
    code_of = dict(zip(provinces["name_zh"], provinces["region_id"]))
    unknown = sorted(set(share.index) - set(code_of))
    if unknown:
        raise ValueError(f"provinces of the workbook without a polygon: {unknown}")
    rank = share.rank(ascending=False, method="min")
    keys: dict[str, Any] = {f"map_cn_{tag}_total_{year}": float(total[region]),
                            f"map_cn_{tag}_manufacturing_{year}": float(wide.loc[region, sector])}
    if published is not None:
        keys[f"check_{tag}_{year}_matches_published"] = bool(
            np.isclose(total[region], published[0], atol=0.05)
            and np.isclose(wide.loc[region, sector], published[1], atol=0.05))
    keys[f"map_cn_{tag}_share_{year}"] = float(share[region])
    keys[f"map_cn_{tag}_rank_{year}"] = int(rank[region])
    keys["map_cn_top_province"] = provinces.set_index("region_id").loc[
        code_of[share.idxmax()], "name_en"]
    keys["map_cn_top_share"] = float(share.max())
    return Indicator(share.to_frame("share"), keys,
                     {"by_polygon": share.rename(index=code_of), "rank": rank,
                      "code_of": code_of, "share": share})


# --------------------------------------------------------------------------------------------
# 8-10: the framework table, the quoted figures, the drop-in template
# --------------------------------------------------------------------------------------------

def quoted_row(quoted: pd.DataFrame, key: str, area: str, region: str,
               indicator: str) -> dict[str, Any]:
    """A framework row from a quoted figure (a row of ``record_case_figures``, by key)."""
    row = quoted.loc[key]
    return {"measure_area": area, "region": region, "indicator": indicator,
            "value": row["value"], "unit": row["unit"], "year": row["year"],
            "evidence": "quoted" + (" (secondary)" if row["secondary_source"] else ""),
            "source": row["citation"]}


def computed_row(area: str, region: str, indicator: str, value: float, unit: str, year: int,
                 source: str) -> dict[str, Any]:
    """A framework row from an indicator computed in the notebook."""
    return {"measure_area": area, "region": region, "indicator": indicator, "value": value,
            "unit": unit, "year": year, "evidence": "computed", "source": source}


def no_data_row(area: str, region: str, indicator: str, why: str) -> dict[str, Any]:
    """A framework row for an indicator that no available source gives (``why`` says so)."""
    return {"measure_area": area, "region": region, "indicator": indicator, "value": np.nan,
            "unit": "", "year": pd.NA, "evidence": "no data", "source": why}


def evidence_framework(rows: Sequence[Mapping[str, Any]]) -> Indicator:
    """The framework's rows sorted by measure area and region, with counts by evidence.

    Returns
    -------
    Indicator
        ``table``: the rows (stable sort on ``measure_area``, ``region``). ``key_numbers``:
        ``framework_<region>_<evidence>`` (lower case, spaces as ``_``; "quoted (secondary)"
        counts as "quoted"): the number of rows of each region and kind of evidence.

    Examples
    --------
    >>> t = evidence_framework([computed_row("M1", "A", "x", 1.0, "", 2014, "s"),
    ...                         no_data_row("M2", "A", "y", "none"),
    ...                         computed_row("M2", "A", "z", 2.0, "", 2014, "s")])
    >>> t.key_numbers
    {'framework_a_computed': 2, 'framework_a_no_data': 1}
    """
    table = pd.DataFrame(list(rows)).sort_values(["measure_area", "region"], kind="stable")
    evidence = table["evidence"].str.replace(" (secondary)", "", regex=False)
    counts = table.groupby(["region", evidence]).size()
    keys = {f"framework_{reg.lower()}_{ev.replace(' ', '_')}": int(n)
            for (reg, ev), n in counts.items()}
    return Indicator(table, keys)


QUOTED_COLUMNS = ["key", "indicator", "period", "year", "value", "unit", "rank_in_country",
                  "status", "secondary_source", "primary_source", "primary_seen", "accessed",
                  "quote", "citation", "note"]


def quoted_figures(facts: pd.DataFrame, region: str) -> Indicator:
    """Every quoted figure of one region in the ``case_figures`` table, with source counts.

    Returns
    -------
    Indicator
        ``table``: the region's rows (``status`` "quoted"), sorted by indicator and year.
        ``key_numbers``: ``n_quoted_figures`` and how many were read on secondary pages
        (``_secondary``) or in the primary publication (``_primary_seen``).
    """
    quoted = facts[facts["region"] == region].assign(status="quoted")[QUOTED_COLUMNS]
    quoted = quoted.sort_values(["indicator", "year"], na_position="last")
    return Indicator(quoted, {
        "n_quoted_figures": len(quoted),
        "n_quoted_figures_secondary": int(quoted["secondary_source"].sum()),
        "n_quoted_figures_primary_seen": int(quoted["primary_seen"].sum())})


def template_check(template: pd.DataFrame, shipped: pd.DataFrame) -> Indicator:
    """The drop-in template against the example shipped with the package.

    The two match when they have the same rows with the same ``region``, ``industry`` and
    ``year`` (compared as text).

    Returns
    -------
    Indicator
        ``table``: the template. ``key_numbers``: ``template_rows``, ``template_divisions``
        (distinct industries), ``template_matches_shipped_example``.
    """
    cols = ["region", "industry", "year"]
    same = len(shipped) == len(template) and shipped[cols].astype(str).equals(
        template[cols].astype(str))
    return Indicator(template, {"template_rows": len(template),
                                "template_divisions": int(template["industry"].nunique()),
                                "template_matches_shipped_example": bool(same)})


def validation_table(report: Any, *, key: str = "template_validates_empty") -> Indicator:
    """The problems a :func:`smartregion.byod.validate_file` report lists, one row each.

    ``key_numbers[key]`` is whether the file passed (``report.ok``).
    """
    table = pd.DataFrame([{"kind": p.kind, "severity": p.severity, "column": p.column,
                           "n_lines": len(p.lines or []), "message": p.message}
                          for p in report.problems])
    return Indicator(table, {key: bool(report.ok)})
