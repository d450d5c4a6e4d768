"""Indicators of the Kyoto case (notebook 02), each with the key numbers its reading quotes.

Every function takes data the caller has loaded (the ``case_figures`` table, the 2014
Economic Census panel of prefectures, the municipal Census of Manufactures tables) and returns
a :class:`smartregion.policy.Indicator`: the table written out, the frames a figure draws
(``parts``) and the key numbers (``key_numbers``) that
:meth:`smartregion.outputs.OutputWriter.record` stores in one call. The measures live in
:mod:`smartregion.structure`, :mod:`smartregion.variety`, :mod:`smartregion.shiftshare` and
:mod:`smartregion.complexity`; this module assembles them into the comparisons the case reads
(a prefecture among all prefectures, a city against its wards and against a national
reference area). Key names carry a ``tag`` (e.g. ``"kyoto"``, ``"kyoto_city"``) where the
notebook names the place in them; the caller adds it as a ``prefix`` where every key has it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..complexity import economic_complexity
from ..panel import Panel
from ..policy import Indicator
from ..shiftshare import shift_share
from ..structure import diversity, herfindahl, krugman_index, location_quotient
from ..variety import related_unrelated_variety

__all__ = [
    "KYOTO_WARD_NAMES",
    "PROFILE_COLUMNS",
    "census_coverage",
    "city_shift_share",
    "city_variety",
    "fact_values",
    "manufacturing_change",
    "manufacturing_totals",
    "municipal_change",
    "quoted_profile",
    "structure_ranks",
    "suppression_by_year",
    "top_specialisations",
    "ward_employment",
    "ward_group_lq",
    "ward_names",
]

#: English names of Kyoto city's eleven wards, keyed by the Japanese ward name.
KYOTO_WARD_NAMES = {"北区": "Kita", "上京区": "Kamigyo", "左京区": "Sakyo",
                    "中京区": "Nakagyo", "東山区": "Higashiyama", "下京区": "Shimogyo",
                    "南区": "Minami", "右京区": "Ukyo", "伏見区": "Fushimi",
                    "山科区": "Yamashina", "西京区": "Nishikyo"}

#: Columns of the quoted-profile table (:func:`quoted_profile`), in the order written.
PROFILE_COLUMNS = ["key", "region", "indicator", "period", "value", "unit", "rank_in_country",
                   "status", "secondary_source", "primary_source", "primary_seen", "accessed",
                   "quote", "citation", "note"]


def fact_values(facts: pd.DataFrame, region: str, indicator: str) -> pd.Series:
    """Values of one indicator of one region in the ``case_figures`` table, by year.

    >>> f = pd.DataFrame({"region": ["A", "A", "B"], "indicator": ["x", "x", "x"],
    ...                   "year": [2001, 2012, 2001], "value": [5.0, 7.0, 1.0]})
    >>> fact_values(f, "A", "x").to_dict()
    {2001: 5.0, 2012: 7.0}
    """
    rows = facts[(facts["region"] == region) & (facts["indicator"] == indicator)]
    return pd.Series(rows["value"].to_numpy(), index=rows["year"].to_numpy(), name=indicator)


def quoted_profile(facts: pd.DataFrame, regions: Sequence[str], *,
                   exclude: Sequence[str] = ()) -> Indicator:
    """The quoted figures of a case's regions, without the keys it computes itself.

    Returns
    -------
    Indicator
        ``table``: the rows of ``facts`` whose region is in ``regions`` and whose key is not in
        ``exclude``, with ``status`` "quoted", columns :data:`PROFILE_COLUMNS`.
        ``key_numbers``: ``n_profile_figures_quoted`` and ``n_profile_figures_secondary``
        (rows read on a secondary page).
    """
    profile = facts[facts["region"].isin(list(regions))
                    & ~facts["key"].isin(list(exclude))].assign(status="quoted")
    profile = profile[PROFILE_COLUMNS]
    return Indicator(profile, {"n_profile_figures_quoted": len(profile),
                               "n_profile_figures_secondary":
                                   int(profile["secondary_source"].sum())})


def census_coverage(panel: Panel, japan: pd.Series, *, region: str, year: int, tag: str,
                    n_split_codes_excluded: int, fact_value: float) -> Indicator:
    """A region's persons engaged against Japan's, and what the census file covers.

    ``japan`` holds the national persons engaged by industry (not a region of ``panel``).

    Returns
    -------
    Indicator
        ``table``: persons engaged by region. ``key_numbers``:
        ``{tag}_prefecture_persons_engaged_{year}``, ``japan_persons_engaged_{year}``,
        ``{tag}_share_of_japan_persons_engaged_{year}``, ``n_prefectures_in_census_file``,
        ``n_minor_groups``, ``census_{n}_prefectures_share_of_japan`` (n = regions in the
        file), ``n_letter_split_codes_excluded`` and
        ``check_persons_engaged_matches_fact_table`` (the region's total equals
        ``fact_value``).

    >>> p = Panel.from_long(pd.DataFrame({"region": ["A", "A", "B"], "industry": ["x", "y", "x"],
    ...                                   "value": [30.0, 10.0, 60.0]}))
    >>> k = census_coverage(p, pd.Series({"x": 150.0, "y": 50.0}), region="A", year=2014,
    ...                     tag="a", n_split_codes_excluded=0, fact_value=40).key_numbers
    >>> k["a_share_of_japan_persons_engaged_2014"], k["census_2_prefectures_share_of_japan"]
    (0.2, 0.5)
    """
    x = panel.matrix()
    persons = float(x.loc[region].sum())
    national = float(japan.sum())
    n = len(panel.regions)
    return Indicator(x.sum(axis=1).rename("persons_engaged").to_frame(), {
        f"{tag}_prefecture_persons_engaged_{year}": round(persons),
        f"japan_persons_engaged_{year}": round(national),
        f"{tag}_share_of_japan_persons_engaged_{year}": persons / national,
        "n_prefectures_in_census_file": n,
        "n_minor_groups": len(panel.industries),
        f"census_{n}_prefectures_share_of_japan": float(x.to_numpy().sum()) / national,
        "n_letter_split_codes_excluded": n_split_codes_excluded,
        "check_persons_engaged_matches_fact_table": bool(np.isclose(fact_value, persons)),
    })


def top_specialisations(panel: Panel, japan: pd.Series, labels: pd.Series, *, region: str,
                        min_persons: float, top_n: int) -> Indicator:
    """A region's strongest location quotients among industries of a minimum size.

    :math:`LQ_{ri} = (x_{ri}/x_r)/(x_i/x)` against the sum of the panel's regions
    (:func:`smartregion.structure.location_quotient`); industries with fewer than
    ``min_persons`` in the region are left out of the ranking (tiny cells give extreme
    quotients).

    Returns
    -------
    Indicator
        ``table``: the ``top_n`` industries by LQ (``lq``, ``persons_engaged``,
        ``japan_persons_engaged``, the hierarchy, ``label_rev14`` from ``labels``).
        ``parts["all"]``: the same columns for every industry. ``key_numbers``:
        ``top_lq_minor_group``, ``top_lq_label``, ``top_lq_value`` and
        ``n_specialisations_minor_groups`` (industries with LQ >= 1, any size).
    """
    lq = location_quotient(panel)
    table = pd.DataFrame({
        "lq": lq.loc[region],
        "persons_engaged": panel.matrix().loc[region],
        "japan_persons_engaged": japan,
    }).join(panel.hierarchy)
    table["label_rev14"] = labels.reindex(table.index)
    top = (table[table["persons_engaged"] >= min_persons]
           .sort_values("lq", ascending=False).head(top_n))
    return Indicator(top, {
        "top_lq_minor_group": str(top.index[0]),
        "top_lq_label": str(top["label_rev14"].iloc[0]),
        "top_lq_value": float(top["lq"].iloc[0]),
        "n_specialisations_minor_groups": int((table["lq"] >= 1).sum()),
    }, {"all": table})


def structure_ranks(panel: Panel, region: str, *, coarse: str = "major_group") -> Indicator:
    """Concentration, dissimilarity, variety and complexity of every region, and one's ranks.

    Indices (per region): Herfindahl :math:`\\sum_i s_{ri}^2`; Krugman
    :math:`\\sum_i |s_{ri} - s_i^{(-r)}|` against the sum of the other regions
    (``reference="rest"``); diversity (industries with LQ >= 1); total, related and unrelated
    variety in bits with the groups of ``coarse`` (Frenken, Van Oort & Verburg 2007); the
    eigenvector ECI of Hidalgo & Hausmann (2009) on the panel's industries and on ``coarse``.
    Ranks count from the highest value (``method="min"``).

    Returns
    -------
    Indicator
        ``table``: the region's ``value``, ``rank``, ``n_prefectures`` and ``convention`` of
        each index. ``parts["indices"]``: every region's indices; ``parts["ranks"]``.
        ``key_numbers``: ``{index}_rank`` for herfindahl, krugman_vs_rest, related, unrelated,
        eci_minor_group and eci_major_group, with ``eci_minor_group``, ``related_variety`` and
        ``unrelated_variety``.
    """
    indices = pd.DataFrame({
        "herfindahl": herfindahl(panel),
        "krugman_vs_rest": krugman_index(panel, reference="rest"),
        "diversity": diversity(panel),
    }).join(related_unrelated_variety(panel, level=coarse))
    indices["eci_minor_group"] = economic_complexity(panel).eci
    indices["eci_major_group"] = economic_complexity(panel.aggregate(coarse)).eci
    ranks = indices.rank(ascending=False, method="min").astype(int)
    n, n_ind = len(indices), len(panel.industries)
    conventions = {
        "herfindahl": "sum of squared minor-group shares (1 = most concentrated)",
        "krugman_vs_rest": f"sum |s_ri - s_i(other {n - 1})| (1 = most dissimilar)",
        "diversity": "number of minor groups with LQ >= 1",
        "total": "entropy of minor-group shares, bits",
        "related": "entropy within major groups, bits (Frenken et al. 2007)",
        "unrelated": "entropy between major groups, bits",
        "eci_minor_group": f"eigenvector ECI on M = 1[LQ >= 1], {n_ind} minor groups, "
                           "z-score ddof 0",
        "eci_major_group": "same, on 2-digit major groups",
    }
    table = pd.DataFrame({
        "value": indices.loc[region],
        "rank": ranks.loc[region],
        "n_prefectures": n,
        "convention": pd.Series(conventions),
    })
    table.index.name = "index"
    keys: dict[str, Any] = {
        f"{name}_rank": int(ranks.loc[region, name])
        for name in ("herfindahl", "krugman_vs_rest", "related", "unrelated",
                     "eci_minor_group", "eci_major_group")}
    keys |= {"eci_minor_group": float(indices.loc[region, "eci_minor_group"]),
             "related_variety": float(indices.loc[region, "related"]),
             "unrelated_variety": float(indices.loc[region, "unrelated"])}
    return Indicator(table, keys, {"indices": indices, "ranks": ranks})


def ward_names(regions: pd.DataFrame, *, city_code: int, city_name_ja: str,
               names: Mapping[str, str]) -> dict[str, str]:
    """English name of each ward of a designated city, keyed by its five-digit code.

    ``regions`` is the loader's region table (``region``, ``parent_city``, ``name_ja``); the
    city's Japanese name is removed from each ward's name before ``names`` is looked up.

    >>> r = pd.DataFrame({"region": ["26101", "26102", "26201"],
    ...                   "parent_city": ["26100", "26100", None],
    ...                   "name_ja": ["京都市北区", "京都市上京区", "福知山市"]})
    >>> ward_names(r, city_code=26100, city_name_ja="京都市", names=KYOTO_WARD_NAMES)
    {'26101': 'Kita', '26102': 'Kamigyo'}
    """
    wards = regions[regions["parent_city"] == f"{city_code:05d}"]
    english = wards["name_ja"].str.replace(city_name_ja, "", regex=False).map(names)
    return dict(zip(wards["region"], english))


def manufacturing_totals(published: pd.DataFrame, harmonised: pd.DataFrame, *, city_code: int,
                         ward_codes: Sequence[str], bad_va_years: Sequence[int],
                         fact_employees: pd.Series, tag: str) -> Indicator:
    """A city's manufacturing employment and value added per worker against Japan's, by year.

    The city is the sum of its ward rows (total rows, ``code == 0``, of ``published``); Japan
    is the sum of the prefecture rows. Value added (10,000 yen in the files) is shown in
    billion yen and per worker in million yen; years in ``bad_va_years`` have no value added.
    ``harmonised`` is the loader's ``totals`` table on 2020 boundaries.

    Raises
    ------
    ValueError
        A ward or prefecture total row is not reported (suppressed or missing).

    Returns
    -------
    Indicator
        ``table``: one row per year (published and 2020-boundary employees, value added,
        value added per worker, employment indexed to the first year). ``parts``: ``city``
        (sum of the ward rows), ``ward_rows``, ``japan`` (employees and value added),
        ``first``, ``last``, ``va_last`` and ``change_pct`` (city, Japan). ``key_numbers``:
        ``check_city_equals_sum_of_wards_every_year``, ``{tag}_manufacturing_employees_{first}``
        and ``_{last}``, ``..._{first}_2020_boundaries``, ``{tag}_employment_change_pct``,
        ``japan_employment_change_pct``, ``city_`` and ``japan_va_per_worker_{first}`` and
        ``_{va_last}``, and ``check_city_employees_match_fact_table`` (``fact_employees``, a
        year-indexed series, equals the city's published employees).
    """
    totals = published[published["code"] == 0]
    ward_rows = totals[(totals["unit_type"] == "ward") & (totals["parent_city"] == city_code)]
    if not (ward_rows[["status_emp", "status_va"]] == "reported").all().all():
        raise ValueError(f"a ward total row of city {city_code} is not reported")
    city = ward_rows.groupby("year")[["emp", "va"]].sum()
    city_row = totals[totals["id_muni"] == city_code].set_index("year")[["emp", "va"]]
    japan_rows = totals[totals["unit_type"] == "prefecture"]
    if not (japan_rows["status_emp"] == "reported").all():
        raise ValueError("a prefecture total row is not reported")
    japan = japan_rows.groupby("year")[["emp", "va"]].sum()
    on_2020 = harmonised[harmonised["region"].isin(list(ward_codes))].groupby("year")["value"].sum()
    t = pd.DataFrame({
        "city_employees_published": city["emp"],
        "city_employees_2020_boundaries": on_2020,
        "city_value_added_billion_yen": city["va"] / 1e5,
        "japan_employees": japan["emp"],
        "japan_value_added_billion_yen": japan["va"] / 1e5,
    })
    t.loc[list(bad_va_years), ["city_value_added_billion_yen",
                               "japan_value_added_billion_yen"]] = np.nan
    t["city_va_per_worker_million_yen"] = (
        t["city_value_added_billion_yen"] * 1e3 / t["city_employees_published"])
    t["japan_va_per_worker_million_yen"] = (
        t["japan_value_added_billion_yen"] * 1e3 / t["japan_employees"])
    first, last = int(t.index.min()), int(t.index.max())
    for col, base in (("city_employees_published", "city_employment_index"),
                      ("japan_employees", "japan_employment_index")):
        t[base] = 100 * t[col] / t.loc[first, col]
    va_last = int(t["city_va_per_worker_million_yen"].last_valid_index())
    chg = {w: float(t.loc[last, f"{w}_employment_index"] - 100) for w in ("city", "japan")}
    keys: dict[str, Any] = {
        "check_city_equals_sum_of_wards_every_year":
            bool((city["emp"] == city_row["emp"]).all() and (city["va"] == city_row["va"]).all()),
        f"{tag}_manufacturing_employees_{first}": int(t.loc[first, "city_employees_published"]),
        f"{tag}_manufacturing_employees_{last}": int(t.loc[last, "city_employees_published"]),
        f"{tag}_manufacturing_employees_{first}_2020_boundaries":
            int(t.loc[first, "city_employees_2020_boundaries"]),
        f"{tag}_employment_change_pct": chg["city"],
        "japan_employment_change_pct": chg["japan"],
    }
    for who in ("city", "japan"):
        col = f"{who}_va_per_worker_million_yen"
        keys[f"{who}_va_per_worker_{first}"] = float(t.loc[first, col])
        keys[f"{who}_va_per_worker_{va_last}"] = float(t.loc[va_last, col])
    keys["check_city_employees_match_fact_table"] = bool(all(
        np.isclose(v, t.loc[y, "city_employees_published"]) for y, v in fact_employees.items()))
    return Indicator(t, keys, {"city": city, "ward_rows": ward_rows, "japan": japan,
                               "first": first, "last": last, "va_last": va_last,
                               "change_pct": chg})


def suppression_by_year(long: pd.DataFrame, ward_codes: Sequence[str], report: Mapping, *,
                        tag: str) -> Indicator:
    """Suppressed (confidential) cells by year, in the prefecture and in a city's wards.

    ``long`` is the loader's long table (``region``, ``industry``, ``year``, ``value``, NaN
    where suppressed); ``report`` its report (``cells_suppressed``, ``suppressed_cells`` by
    year over all of Japan's rows, ``industry_detail``). The first year with full ward detail
    is the first year from which no ward cell is missing in any later year.

    Returns
    -------
    Indicator
        ``table``: cells and suppressed cells per year. ``key_numbers``:
        ``{tag}_suppressed_cells_total``, ``{tag}_ward_suppressed_cells_total``,
        ``first_year_with_full_ward_detail`` and ``{tag}_industry_detail_report``.

    >>> lg = pd.DataFrame({"region": ["w1", "w1", "w1", "p"], "industry": ["a", "b", "a", "a"],
    ...                    "year": [2001, 2001, 2002, 2001], "value": [None, 1.0, 2.0, None]})
    >>> rep = {"cells_suppressed": 2, "suppressed_cells": {2001: {"emp": 5}},
    ...        "industry_detail": {"region_years": 3}}
    >>> k = suppression_by_year(lg, ["w1"], rep, tag="t").key_numbers
    >>> k["t_ward_suppressed_cells_total"], k["first_year_with_full_ward_detail"]
    (1, 2002)
    """
    wards = long[long["region"].isin(list(ward_codes))]
    table = pd.DataFrame({
        f"cells_{tag}_prefecture": long.groupby("year").size(),
        f"suppressed_{tag}_prefecture": long["value"].isna().groupby(long["year"]).sum(),
        f"cells_{tag}_wards": wards.groupby("year").size(),
        f"suppressed_{tag}_wards": wards["value"].isna().groupby(wards["year"]).sum(),
        "groups_missing_for_city": wards[wards["value"].isna()]
        .groupby("year")["industry"].nunique(),
        "suppressed_emp_cells_japan_all_rows": pd.Series(
            {y: v.get("emp", 0) for y, v in report["suppressed_cells"].items()}),
    }).fillna(0).astype(int)
    table.index.name = "year"
    complete = table[f"suppressed_{tag}_wards"][::-1].eq(0).cummin()[::-1]
    return Indicator(table, {
        f"{tag}_suppressed_cells_total": int(report["cells_suppressed"]),
        f"{tag}_ward_suppressed_cells_total": int(table[f"suppressed_{tag}_wards"].sum()),
        "first_year_with_full_ward_detail": int(complete[complete].index.min()),
        f"{tag}_industry_detail_report": report["industry_detail"]["region_years"],
    })


def city_variety(ward_long: pd.DataFrame, groups: pd.DataFrame, published_employees: pd.Series,
                 *, start: int, end: int, city: str, tag: str, citation: str = "",
                 level: str = "meti_type") -> Indicator:
    """Related, unrelated and total variety of a city's industries summed from its wards.

    From ``start`` the wards form a panel (ward x group x year, hierarchy ``groups[[level]]``);
    summing them gives ``city``. Related variety is the entropy of the groups within the
    ``level`` types, unrelated variety the entropy between them, in bits (Frenken, Van Oort &
    Verburg 2007; :func:`smartregion.variety.related_unrelated_variety`).

    Returns
    -------
    Indicator
        ``table``: the city's variety by year with the share of each type (``share_<type>``).
        ``parts``: ``ward_panel``, ``city_panel`` and ``by_type`` (persons by type and year).
        ``key_numbers``: ``check_ward_detail_adds_to_published_city_total`` (against
        ``published_employees`` by year), ``variety_first_year``, ``variety_last_year`` and
        ``{tag}_{related|unrelated|total}_variety_{first|last}``.
    """
    detail = ward_long[ward_long["year"] >= start]
    ward_panel = Panel.from_long(detail, region="region", industry="industry", value="value",
                                 time="year", hierarchy=groups[[level]],
                                 meta={"source": citation})
    city_panel = ward_panel.aggregate_regions({w: city for w in ward_panel.regions})
    detail_sum = pd.Series(city_panel.values.sum(axis=(1, 2)), index=city_panel.times)
    by_type = (city_panel.aggregate(level).to_long()
               .pivot(index="time", columns="industry", values="value"))
    variety = related_unrelated_variety(city_panel, level=level).xs(city, level="region")
    variety = variety.join(by_type.div(by_type.sum(axis=1), axis=0).add_prefix("share_"))
    keys: dict[str, Any] = {
        "check_ward_detail_adds_to_published_city_total":
            bool(np.allclose(detail_sum, published_employees.loc[detail_sum.index])),
        "variety_first_year": start, "variety_last_year": end}
    keys |= {f"{tag}_{kind}_variety_{which}": float(variety.loc[y, kind])
             for kind in ("related", "unrelated", "total")
             for which, y in (("first", start), ("last", end))}
    return Indicator(variety, keys, {"ward_panel": ward_panel, "city_panel": city_panel,
                                     "by_type": by_type})


def ward_employment(ward_rows: pd.DataFrame, names: Mapping[str, str], *, first: int,
                    last: int) -> Indicator:
    """Each ward's employment path, indexed to ``first``, and its change ``first``-``last``.

    ``ward_rows`` are the published total rows of the wards (``id_muni``, ``year``, ``emp``);
    ``names`` maps the five-digit ward code to its name.

    Returns
    -------
    Indicator
        ``table``: per cent change by ward, from the largest fall. ``parts["index"]``: the
        wards' employment indexed to ``first`` = 100 (columns in the order of the table).
        ``key_numbers``: ``ward_largest_employment_fall`` (``_pct``) and
        ``ward_smallest_employment_fall`` (``_pct``).

    >>> rows = pd.DataFrame({"id_muni": [1, 1, 2, 2], "year": [2001, 2012] * 2,
    ...                      "emp": [100, 50, 200, 180]})
    >>> ward_employment(rows, {"00001": "A", "00002": "B"}, first=2001,
    ...                 last=2012).key_numbers["ward_largest_employment_fall_pct"]
    -50.0
    """
    emp = (ward_rows.assign(ward=ward_rows["id_muni"].map(lambda c: names[f"{c:05d}"]))
           .pivot(index="year", columns="ward", values="emp"))
    emp = emp[emp.loc[first].sort_values(ascending=False).index]  # largest first
    chg = (100 * (emp.loc[last] / emp.loc[first] - 1)).sort_values()
    index = 100 * emp / emp.loc[first]
    return Indicator(chg.to_frame("change_pct"), {
        "ward_largest_employment_fall": str(chg.index[0]),
        "ward_largest_employment_fall_pct": float(chg.iloc[0]),
        "ward_smallest_employment_fall": str(chg.index[-1]),
        "ward_smallest_employment_fall_pct": float(chg.iloc[-1]),
    }, {"index": index[chg.index], "change": chg})


def city_shift_share(reference: Panel, city_panel: Panel, ward_long: pd.DataFrame,
                     groups: pd.DataFrame, japan_employees: pd.Series, *,
                     ward_codes: Sequence[str], first: int, start: int, end: int, city: str,
                     tag: str, rest: str = "Rest of reference area") -> Indicator:
    """A city's change by group, with a shift-share against a national reference area.

    ``reference`` holds every municipality and ward with full industry detail in ``start``
    and ``end``; the city's wards are summed into ``city`` and the rest into ``rest``. The
    shift-share of Dunn (1960) splits the city's change into national share, industry mix and
    regional share with the reference area's growth rates
    (:func:`smartregion.shiftshare.shift_share`). ``japan_employees`` (by year) gives the
    reference area's share of national manufacturing employment.

    Raises
    ------
    ValueError
        A ward is missing from ``reference``, or the city's cells there differ from
        ``city_panel``.

    Returns
    -------
    Indicator
        ``table``: one row per group (name, type, employees in ``first`` where no ward cell is
        missing, suppressed ward cells in ``first``, employees in ``start`` and ``end``,
        change, LQ against the reference area in ``end``, the three components), from the
        largest loss. ``parts["total"]``: the city's shift-share summed over groups.
        ``key_numbers``: ``reference_area_share_of_japan_{start|end}``,
        ``reference_area_n_regions``, ``reference_area_employment_change_pct``,
        ``{tag}_shift_share_{change|national_share|industry_mix|regional_share}``,
        ``{tag}_largest_loss_group`` and ``{tag}_largest_regional_share_{gain|loss}_group``.
    """
    if not set(ward_codes) <= set(reference.regions):
        raise ValueError("a ward of the city is missing from the reference area")
    two = reference.aggregate_regions({r: (city if r in ward_codes else rest)
                                       for r in reference.regions})
    if not np.allclose(two.select(regions=[city]).values,
                       city_panel.select(times=[start, end]).values):
        raise ValueError("the city's cells in the reference area differ from its ward panel")
    ref_totals = pd.Series(two.values.sum(axis=(1, 2)), index=two.times)
    keys: dict[str, Any] = {f"reference_area_share_of_japan_{y}":
                            float(ref_totals[y] / japan_employees.loc[y]) for y in (start, end)}
    keys["reference_area_n_regions"] = len(reference.regions)
    keys["reference_area_employment_change_pct"] = float(
        100 * (ref_totals[end] / ref_totals[start] - 1))
    ss_cell = shift_share(two, start_time=start, end_time=end, by="cell").loc[city]
    ss_city = shift_share(two, start_time=start, end_time=end).loc[city]
    w0 = ward_long[ward_long["year"] == first]
    change = groups[["name_en", "meti_type"]].copy()
    change[f"employees_{first}"] = (w0.groupby("industry")["value"]
                                    .agg(lambda s: s.sum() if s.notna().all() else np.nan))
    change[f"suppressed_ward_cells_{first}"] = (
        w0["value"].isna().groupby(ward_long["industry"]).sum()
        .reindex(change.index).fillna(0).astype(int))
    change[f"employees_{start}"] = city_panel.matrix(start).loc[city]
    change[f"employees_{end}"] = city_panel.matrix(end).loc[city]
    change["change"] = change[f"employees_{end}"] - change[f"employees_{start}"]
    change["change_pct"] = 100 * change["change"] / change[f"employees_{start}"]
    change[f"lq_{end}_vs_reference"] = location_quotient(two).loc[(end, city)]
    change = change.join(ss_cell[["national_share", "industry_mix", "regional_share"]])
    change = change.sort_values("change")
    keys |= {f"{tag}_shift_share_{col}": float(ss_city[col])
             for col in ("change", "national_share", "industry_mix", "regional_share")}
    keys |= {f"{tag}_largest_loss_group": str(change.index[0]),
             f"{tag}_largest_regional_share_gain_group": str(change["regional_share"].idxmax()),
             f"{tag}_largest_regional_share_loss_group": str(change["regional_share"].idxmin())}
    return Indicator(change, keys, {"total": ss_city})


def manufacturing_change(by_type: pd.DataFrame, totals: pd.DataFrame, *, first: int, start: int,
                         last: int, tag: str) -> Indicator:
    """Per cent change of each industry type ``start``-``last`` and the peak of productivity.

    Returns
    -------
    Indicator
        ``table``: per cent change by type. ``key_numbers``: ``manufacturing_first_year``,
        ``manufacturing_last_year``, ``{tag}_change_pct_{type}`` and
        ``{tag}_va_per_worker_peak_year`` (year of the highest
        ``city_va_per_worker_million_yen`` of ``totals``).

    >>> bt = pd.DataFrame({"a": [10.0, 5.0]}, index=[2004, 2012])
    >>> tt = pd.DataFrame({"city_va_per_worker_million_yen": [1.0, 3.0]}, index=[2004, 2012])
    >>> manufacturing_change(bt, tt, first=2001, start=2004, last=2012,
    ...                      tag="c").key_numbers["c_change_pct_a"]
    -50.0
    """
    chg = 100 * (by_type.loc[last] / by_type.loc[start] - 1)
    keys: dict[str, Any] = {"manufacturing_first_year": first, "manufacturing_last_year": last}
    keys |= {f"{tag}_change_pct_{t}": float(v) for t, v in chg.items()}
    keys[f"{tag}_va_per_worker_peak_year"] = int(
        totals["city_va_per_worker_million_yen"].idxmax())
    return Indicator(chg.to_frame("change_pct"), keys)


def municipal_change(totals: pd.DataFrame, units: pd.DataFrame, names: Mapping[Hashable, str],
                     *, start: int, end: int) -> Indicator:
    """Per cent change of each municipal unit's employment ``start``-``end``, for a map.

    ``totals`` is the loader's harmonised ``totals`` table (``region``, ``year``, ``value``);
    ``units`` the boundary table (``region_id``, ``name_ja``, ``kind``); ``names`` the
    English name of each unit.

    Returns
    -------
    Indicator
        ``table``: persons in ``start`` and ``end``, ``change_pct``, ``name_ja``, ``kind``.
        ``key_numbers``: ``map_n_municipal_units``, ``map_n_wards``,
        ``map_n_units_shrinking``, ``map_largest_fall_unit`` and ``map_largest_fall_pct``.
    """
    t = (totals[totals["year"].isin([start, end])]
         .pivot(index="region", columns="year", values="value"))
    t["change_pct"] = 100 * (t[end] / t[start] - 1)
    t = t.join(units.set_index("region_id")[["name_ja", "kind"]])
    return Indicator(t, {
        "map_n_municipal_units": len(units),
        "map_n_wards": int((units["kind"] == "ward").sum()),
        "map_n_units_shrinking": int((t["change_pct"] < 0).sum()),
        "map_largest_fall_unit": names[t["change_pct"].idxmin()],
        "map_largest_fall_pct": float(t["change_pct"].min()),
    })


def ward_group_lq(ward_panel: Panel, groups: pd.DataFrame, group: str, *, year: int,
                  names: Mapping[str, str]) -> Indicator:
    """Location quotient of one group in each ward against the city, in one year.

    :math:`LQ_{wi} = (x_{wi}/x_w)/(x_i/x)` with the city (the sum of the wards) as the
    reference.

    Raises
    ------
    ValueError
        ``group`` is not a group of ``groups``.

    Returns
    -------
    Indicator
        ``table``: the LQ by ward code. ``key_numbers``: ``map_ward_group`` (its English
        name), ``map_ward_group_top_ward`` and ``map_ward_group_top_lq``.
    """
    if group not in groups.index:
        raise ValueError(f"ward_map_group {group!r} is not a harmonised group: "
                         f"{list(groups.index)}")
    lq = location_quotient(ward_panel).loc[year][group]
    return Indicator(lq.to_frame("lq"), {
        "map_ward_group": str(groups.loc[group, "name_en"]),
        "map_ward_group_top_ward": names[lq.idxmax()],
        "map_ward_group_top_lq": float(lq.max()),
    }, {"lq": lq})
