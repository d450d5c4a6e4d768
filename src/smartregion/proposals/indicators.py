"""Indicators of the seven policy proposals, each with the key numbers its reading quotes.

Every function here computes one section's indicator from data the caller has loaded and
returns a :class:`smartregion.policy.Indicator`: the table written out, the frames a figure
draws (``parts``) and the key numbers (``key_numbers``) that
:meth:`smartregion.outputs.OutputWriter.record` stores in one call. The measures themselves
live in :mod:`smartregion.policy`, :mod:`smartregion.relatedness`,
:mod:`smartregion.linkages` and :mod:`smartregion.network`; this module assembles them into the
comparisons a reading needs (a region against the distribution of all regions, a measure
against its alternatives) and names the numbers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..panel import Panel
from ..policy import (
    CHURN_MIN_BASE,
    CHURN_MIN_EVENTS,
    Indicator,
    churn_against_group,
    churn_noise_benchmark,
    density_complexity_correlation,
    first_axis_share,
    hysteresis_churn,
    matched_group_gap,
    pooled_churn,
    region_industry_profile,
    specialisation_churn,
    specialisation_moves,
    target_selection,
)
from ..structure import location_quotient

__all__ = ["unpublished_share", "load_summary", "quoted_summaries", "trade_off_check",
           "screened_targets", "io_colocation", "unit_rank_stability", "nested_unit_profile",
           "coefficient_key_numbers", "prefecture_coverage", "ward_churn", "band_sensitivity",
           "churn_moves", "services_centrality", "section_profile_readings", "nesting",
           "mean_plant_size", "cell_table", "published_workers", "industry_stock"]


def _offdiag(n: int) -> np.ndarray:
    return ~np.eye(n, dtype=bool)


# --------------------------------------------------------------------------------------------
# 0 and Q: data coverage and quoted figures
# --------------------------------------------------------------------------------------------

def unpublished_share(long: pd.DataFrame, totals: pd.DataFrame, parent_of: pd.Series,
                      city: Hashable, *, start: int, early: tuple[int, int]) -> Indicator:
    r"""Share of a city's employment whose industry cell is not published, by year.

    .. math:: u_t = 1 - \frac{\sum_{w \in city} \sum_i e_{wit}^{published}}
                            {\sum_{w \in city} E_{wt}}

    over the city's wards :math:`w` (``parent_of`` maps a region to its city), with
    :math:`E_{wt}` the ward total and :math:`e_{wit}` the published industry cells (long
    tables: ``year``, ``region``, ``value``). Rounded to four decimals.

    Returns
    -------
    Indicator
        ``table``: one row per year (``share_not_published``). ``parts["share"]``: the same
        Series. ``key_numbers``: ``unpublished_share_<a>_<b>_min``/``_max`` over the years
        ``early = (a, b)``, ``unpublished_share_from_start_max`` (years from ``start`` on) and
        ``start_year``.
    """
    published = long.loc[long["region"].map(parent_of) == city].groupby("year")["value"].sum()
    total = totals.loc[totals["region"].map(parent_of) == city].groupby("year")["value"].sum()
    share = (1 - published / total).round(4)
    a, b = early
    keys = {f"unpublished_share_{a}_{b}_min": float(share.loc[a:b].min()),
            f"unpublished_share_{a}_{b}_max": float(share.loc[a:b].max()),
            "unpublished_share_from_start_max": float(share.loc[start:].max()),
            "start_year": start}
    return Indicator(share.rename("share_not_published").to_frame(), keys, {"share": share})


def load_summary(loaded: Mapping[str, Any]) -> pd.DataFrame:
    """One row per loaded municipal dataset: regions in its panel, years, regions left out for
    want of industry detail and suppressed cells (from each load's ``report``)."""
    return pd.DataFrame({
        name: {"regions_in_panel": None if ds.panel is None else len(ds.panel.regions),
               "years": f"{ds.tables['coverage']['year'].min()}-"
                        f"{ds.tables['coverage']['year'].max()}",
               "regions_left_out_no_detail": ds.report["panel_policy"].get(
                   "regions_left_out_for_missing_industry_detail"),
               "suppressed_cells": ds.report["panel_policy"].get("suppressed_cells")}
        for name, ds in loaded.items()}).T


def quoted_summaries(quoted: pd.DataFrame, *, first_of: Mapping[str, list[str]],
                     range_of: Mapping[str, list[str]]) -> dict[str, Any]:
    """Summaries of quoted series, derived from the quoted table (so not quoted rows).

    ``first_of`` names a series whose first row's ``year`` is reported (``<name>``);
    ``range_of`` names a series whose ``value`` minimum, maximum and count are reported
    (``<name>_min``, ``_max``, ``_n``). Also ``n_quoted_rows`` and
    ``n_quoted_rows_secondary`` (rows whose ``secondary_source`` is true).
    """
    keys: dict[str, Any] = {name: int(quoted.loc[rows, "year"].iloc[0])
                            for name, rows in first_of.items()}
    for name, rows in range_of.items():
        v = quoted.loc[rows, "value"]
        keys.update({f"{name}_min": float(v.min()), f"{name}_max": float(v.max()),
                     f"{name}_n": len(v)})
    keys["n_quoted_rows_secondary"] = int(quoted["secondary_source"].astype(bool).sum())
    keys["n_quoted_rows"] = len(quoted)
    return keys


# --------------------------------------------------------------------------------------------
# P1: target selection
# --------------------------------------------------------------------------------------------

def _distribution_keys(s: pd.Series, region: Hashable, name: str) -> dict[str, Any]:
    return {f"corr_{name}_region": float(s.loc[region]), f"corr_{name}_median": float(s.median()),
            f"corr_{name}_p10": float(s.quantile(0.1)),
            f"corr_{name}_p90": float(s.quantile(0.9))}


def trade_off_check(panel: Panel, region: Hashable, *, candidates: Mapping[str, pd.DataFrame],
                    rows: Mapping[str, str], by_resolution: Mapping[str, Panel],
                    default: pd.DataFrame, complexity: pd.Series, time: Hashable,
                    threshold: float = 1.0, strong_negative: float = -0.8) -> Indicator:
    r"""Is a region's density-complexity trade-off its own? Diagnostics and distribution.

    For each relatedness matrix in ``candidates`` (name -> industry x industry), the
    diagnostics of :func:`smartregion.relatedness.relatedness_diagnostics` (first-axis share,
    rank correlation of an industry's mean relatedness with its ubiquity) and the share of
    off-diagonal pairs with a positive weight. For each panel of ``by_resolution``, the same
    first-axis share of proximity (Hidalgo et al. 2007) in period ``time``: the resolution
    check. Then the Pearson correlation of relatedness density and PCI over every region's
    candidates (:func:`smartregion.policy.density_complexity_correlation`), with proximity and
    with ``default``, ranked from the most negative.

    ``rows`` maps short key names (``proximity``, ``default``, ``unfiltered``,
    ``association``) to rows of ``candidates``; ``complexity`` is the industries' PCI, for the
    correlation between an industry's mean proximity :math:`\bar\phi_i = \sum_{j \ne i}
    \phi_{ij} / (N-1)` and its PCI.

    Returns
    -------
    Indicator
        ``table``: the diagnostics (one row per matrix and per resolution). ``parts``:
        ``by_region`` (correlations and ranks, one row per region). ``key_numbers``:
        ``corr_<proximity|association>_<region|median|p10|p90|rank_region>``,
        ``first_axis_share_<row key>``, ``corr_strength_ubiquity_<row key>`` (not for
        ``association``), ``first_axis_share_mfg_<resolution>``, ``n_prefectures``,
        ``n_prefectures_below_minus_0_8_proximity`` (below ``strong_negative``),
        ``prefecture_highest_corr_proximity``, ``corr_proximity_max``, ``mean_phi``,
        ``corr_mean_phi_pci``, ``share_positive_default``, ``strong_negative_cut``,
        ``n_minor_groups`` and, from the first panel of ``by_resolution``,
        ``n_municipalities_mfg`` and ``n_mfg_groups``.
    """
    from ..relatedness import proximity, relatedness_diagnostics

    diag = pd.DataFrame({k: relatedness_diagnostics(v, panel, threshold=threshold)
                         for k, v in candidates.items()}).T
    n = len(next(iter(candidates.values())))
    diag["share_positive_pairs"] = [float((v.to_numpy()[_offdiag(n)] > 0).mean())
                                    for v in candidates.values()]
    for label, p_ in by_resolution.items():
        phi_ = proximity(p_, threshold=threshold).xs(time, level=0)
        diag.loc[label, ["first_axis_share", "mean_offdiagonal", "n_industries"]] = list(
            first_axis_share(phi_).values())
        diag.loc[label, "share_positive_pairs"] = float(
            (phi_.to_numpy()[_offdiag(len(phi_))] > 0).mean())
        diag.loc[label, "n_regions"] = len(p_.regions)
    diag.loc[list(candidates), "n_regions"] = len(panel.regions)

    by_region = pd.DataFrame({
        "proximity": density_complexity_correlation(panel, threshold=threshold,
                                                    relatedness_method="proximity"),
        "association": density_complexity_correlation(panel, relatedness_matrix=default,
                                                      threshold=threshold)})
    for col in ("proximity", "association"):
        by_region[f"rank_{col}"] = by_region[col].rank(method="min").astype(int)
    first_res = next(iter(by_resolution.values()))
    keys: dict[str, Any] = {"n_municipalities_mfg": len(first_res.regions),
                            "n_mfg_groups": len(first_res.industries),
                            "n_minor_groups": len(panel.industries)}
    for label in by_resolution:
        keys[f"first_axis_share_mfg_{label.rsplit(', ', 1)[1]}"] = diag.loc[
            label, "first_axis_share"]
    for col in ("proximity", "association"):
        keys.update(_distribution_keys(by_region[col], region, col))
        keys[f"corr_{col}_rank_region"] = int(by_region.loc[region, f"rank_{col}"])
    prox = by_region["proximity"]
    keys.update({
        "n_prefectures": len(by_region), "strong_negative_cut": strong_negative,
        "n_prefectures_below_minus_0_8_proximity": int((prox < strong_negative).sum()),
        "prefecture_highest_corr_proximity": str(prox.idxmax()),
        "corr_proximity_max": float(prox.max())})
    for key, row in rows.items():
        keys[f"first_axis_share_{key}"] = diag.loc[row, "first_axis_share"]
    for key in ("proximity", "default", "unfiltered"):
        keys[f"corr_strength_ubiquity_{key}"] = float(diag.loc[rows[key],
                                                               "corr_strength_ubiquity"])
    phi = candidates[rows["proximity"]]
    keys["mean_phi"] = diag.loc[rows["proximity"], "mean_offdiagonal"]
    mean_phi_i = pd.Series(np.where(_offdiag(len(phi)), phi.to_numpy(), 0.0).sum(axis=1)
                           / (len(phi) - 1), index=phi.index)
    keys["corr_mean_phi_pci"] = float(mean_phi_i.corr(complexity.reindex(mean_phi_i.index)))
    keys["share_positive_default"] = diag.loc[rows["default"], "share_positive_pairs"]
    return Indicator(diag, keys, {"by_region": by_region})


def _priority_order(ts: pd.DataFrame) -> pd.DataFrame:
    """The priority quadrant, densest first (ties by PCI, then code)."""
    return (ts.loc[ts["quadrant"] == "priority"].rename_axis("code").reset_index()
            .sort_values(["density", "pci", "code"], ascending=[False, False, True],
                         kind="stable").set_index("code").rename_axis(ts.index.name))


def _stable_reading(priority: pd.DataFrame, top: pd.DataFrame) -> str:
    if len(top):
        return "the densest of them are: " + "; ".join(
            f"{code} {name} (in the quadrant in {share:.0%} of samples)" for code, name, share
            in zip(top.index, top["name"], top["share_priority"]))
    most = priority.sort_values("share_priority", ascending=False, kind="stable").head(1)
    if len(most):
        return (f"the most stable priority candidate, {most.index[0]} "
                f"{most['name'].iloc[0]}, stays in the quadrant in "
                f"{most['share_priority'].iloc[0]:.0%} of the samples, so these data do "
                "not single out a target industry for Kyoto")
    return "the priority quadrant is empty"


def screened_targets(panel: Panel, region: Hashable, *, relatedness: pd.DataFrame,
                     hierarchy: pd.DataFrame, tradable_divisions: list[str],
                     division_names: Mapping[str, str], min_size: float, min_ubiquity: int,
                     n_draws: int, stable_share: float, rng: np.random.Generator,
                     threshold: float = 1.0, n_label: int = 5) -> Indicator:
    """Target selection (Balland et al. 2019) with four screens: tradable, not noise, stable,
    complex by fitness too.

    Candidates are the tradable industries (``hierarchy["division"]`` in
    ``tradable_divisions``, codes not ending in 0: head offices) that pass
    :func:`smartregion.stability.noise_filter` (``min_size`` national size, ``min_ubiquity``
    specialised regions). :func:`smartregion.policy.target_selection` places them by density
    (``relatedness``) and PCI, and again with proximity (column ``quadrant_with_proximity``);
    :func:`smartregion.stability.target_stability` gives the share of ``n_draws`` bootstrap
    samples of regions that keep a candidate in the priority quadrant and its
    fitness-complexity percentile (Tacchella et al. 2012). A candidate is ``stable`` when it
    is in the priority quadrant, in at least ``stable_share`` of the samples and above the
    median industry by fitness.

    Returns
    -------
    Indicator
        ``table``: every candidate with its screens. ``parts``: ``quadrants`` (counts and
        means by quadrant), ``priority`` (densest first), ``stable``, ``top`` (the first
        ``n_label`` stable ones) and ``labels`` (short labels with the share of samples).
        ``key_numbers``: counts of candidates and of what each screen leaves out, quadrant
        counts (both relatednesses), the top names, the stability shares and
        ``stable_reading`` (a sentence naming the stable candidates).
    """
    from ..stability import noise_filter, target_stability

    screen = noise_filter(panel, min_industry_size=min_size, min_ubiquity=min_ubiquity,
                          threshold=threshold).industries
    tradable = hierarchy["division"].isin(tradable_divisions) & ~pd.Index(
        panel.industries).astype(str).str.endswith("0")
    eligible = [i for i in panel.industries if tradable.loc[i] and screen.loc[i, "kept"]]
    ts = target_selection(panel, region, relatedness_matrix=relatedness, threshold=threshold,
                          eligible=eligible)
    ts_phi = target_selection(panel, region, threshold=threshold, eligible=eligible,
                              relatedness_method="proximity")
    stab = target_stability(panel, region, eligible=eligible, n_draws=n_draws, rng=rng,
                            threshold=threshold)
    ts = ts.assign(name=hierarchy["name"].reindex(ts.index),
                   division=hierarchy["division"].map(division_names).reindex(ts.index),
                   persons_engaged_japan=panel.matrix().sum().reindex(ts.index),
                   ubiquity=screen["ubiquity"].reindex(ts.index),
                   quadrant_with_proximity=ts_phi["quadrant"].reindex(ts.index),
                   share_priority=stab["share_priority"].reindex(ts.index),
                   fitness_percentile=stab["fitness_percentile"].reindex(ts.index))
    ts["stable"] = ((ts["quadrant"] == "priority") & (ts["share_priority"] >= stable_share)
                    & (ts["fitness_percentile"] > 50))
    quadrants = ts.groupby("quadrant").agg(candidates=("density", "size"),
                                           mean_density=("density", "mean"),
                                           min_pci=("pci", "min"), mean_pci=("pci", "mean"))
    priority = _priority_order(ts)
    stable = priority.loc[priority["stable"]]
    top = stable.head(n_label)
    labels = {i: f"{i} {textwrap.shorten(n, 30, placeholder=' ...')} "
                 f"({ts.loc[i, 'share_priority']:.0%})" for i, n in ts["name"].items()}
    keys: dict[str, Any] = {
        "n_not_eligible": ts.attrs["not_eligible"], "n_not_tradable": int((~tradable).sum()),
        "n_noise_screened": int((tradable & ~screen["kept"].reindex(tradable.index)).sum()),
        "min_size": min_size, "min_ubiquity": min_ubiquity, "n_draws": n_draws,
        "stable_share": stable_share, "n_candidates": len(ts),
        "corr_density_pci_candidates": float(ts["density"].corr(ts["pci"])),
        "quadrant_counts": quadrants["candidates"],
        "quadrant_counts_proximity": ts_phi["quadrant"].value_counts(),
        "n_priority_proximity": int((ts_phi["quadrant"] == "priority").sum()),
        "min_pci_high_complexity": float(ts.loc[ts["quadrant"].isin(
            ["priority", "long shot"]), "pci"].min()),
        "top_priority_by_density": top["name"].tolist() or ["none passes the stability screen"],
        "n_top_priority_labelled": len(top), "n_stable": len(stable),
        "stability_shares": priority["share_priority"].round(3),
        "n_priority_unstable": int((priority["share_priority"] < stable_share).sum()),
        "n_priority_not_fitness_complex": int((priority["fitness_percentile"] <= 50).sum()),
        "priority_division_counts": priority["division"].value_counts().head(3),
        "priority_manufacturing": int((priority["division"] == "Manufacturing").sum()),
        "n_priority": len(priority),
        "stable_reading": _stable_reading(priority, top),
        "max_share_priority": float(priority["share_priority"].max())
        if len(priority) else 0.0}
    return Indicator(ts, keys, {"quadrants": quadrants, "priority": priority, "stable": stable,
                                "top": top, "labels": labels})


def _row_slug(text: str) -> str:
    return "_".join(text.replace(",", "").replace("'s", "").split()).lower().replace("-", "_")


def io_colocation(flows: pd.DataFrame, colocation: Mapping[str, pd.DataFrame], *,
                  sector_of: pd.Series, weights: pd.Series, sector_names: Mapping[str, str],
                  regional_flows: tuple[str, pd.DataFrame] | None = None,
                  n_permutations: int = 9999, seed: int = 0,
                  manufacturing: str = "03") -> Indicator:
    r"""Input-output linkage against co-location relatedness, sector by sector.

    The linkage of two sectors is the largest (or the mean) of the four input and output
    shares between them, own-sector flows left out
    (:func:`smartregion.linkages.io_linkage_relatedness`; Ellison, Glaeser & Kerr 2010;
    Diodato, Neffke & O'Clery 2018). Each co-location relatedness (``colocation``: name ->
    industry x industry) is brought to the sectors as the ``weights``-weighted mean over the
    industries of each pair of sectors (:func:`smartregion.linkages.aggregate_relatedness`),
    and compared with each linkage by a Mantel permutation test of the Spearman correlation
    (:func:`smartregion.linkages.mantel_test`, ``n_permutations`` relabellings, ``seed``).
    ``regional_flows = (name, Z)`` adds a robustness row with a region's own table. The first
    item of ``colocation`` with the largest-share linkage is the headline.

    Returns
    -------
    Indicator
        ``table``: one row per (co-location, linkage) test. ``parts``: ``pairs`` (each
        off-diagonal pair of sectors with ``io_linkage``, ``colocation``, ``label``) and
        ``sectors`` (the sectors with industries). ``key_numbers``: ``spearman``,
        ``mantel_p``, ``null_sd``, ``n_permutations``, ``n_pairs``, ``n_sectors``,
        ``n_io_sectors``, ``sectors_without_census_groups``, ``spearman_<test>`` and
        ``p_<test>`` for every row, ``share_flows_within_sector`` (:math:`\mathrm{tr}\,Z /
        \sum Z`), ``share_flows_within_manufacturing``, ``n_minor_groups_manufacturing``,
        ``sector_most_colocated``/``least`` (mean co-location with the other sectors) and the
        ``strongest_io_pair`` with its linkage and co-location rank.
    """
    from ..linkages import aggregate_relatedness, io_linkage_relatedness, mantel_test
    from ..linkages import offdiagonal_pairs

    sectors = [c for c in sector_names if c in set(sector_of)]
    short = {c: n.split(" (")[0].split(",")[0] for c, n in sector_names.items()}
    linkage = {"max of shares": io_linkage_relatedness(flows),
               "mean of shares": io_linkage_relatedness(flows, combine="mean")}
    agg = {name: aggregate_relatedness(r_, sector_of, weights, groups=sectors)
           for name, r_ in colocation.items()}
    rows = []
    for cname, agg_ in agg.items():
        for lname, link_ in linkage.items():
            res = mantel_test(agg_, link_.loc[sectors, sectors], n_permutations=n_permutations,
                              seed=seed)
            rows.append({"co-location relatedness": cname, "input-output linkage": lname, **res})
    table = pd.DataFrame(rows).set_index(["co-location relatedness", "input-output linkage"])
    head_name = next(iter(colocation))
    if regional_flows is not None:
        rname, rflows = regional_flows
        link_r = io_linkage_relatedness(rflows)
        res_r = mantel_test(agg[head_name], link_r.loc[sectors, sectors],
                            n_permutations=n_permutations, seed=seed)
        table.loc[(head_name, f"max of shares, {rname}'s table"), list(res_r)] = list(
            res_r.values())
    count_cols = ["n_pairs", "n_pairs_dropped", "n_permutations"]
    table[count_cols] = table[count_cols].astype(int)
    pairs = offdiagonal_pairs(linkage["max of shares"].loc[sectors, sectors], agg[head_name],
                              names=("io_linkage", "colocation"))
    pairs["label"] = [f"{short[i]} - {short[j]}" for i, j in zip(pairs["i"], pairs["j"])]

    head = table.loc[(head_name, "max of shares")]
    keys: dict[str, Any] = {
        "spearman": float(head["statistic"]), "mantel_p": float(head["p_value"]),
        "null_sd": float(head["null_sd"]), "n_permutations": n_permutations,
        "n_pairs": int(head["n_pairs"]), "n_sectors": len(sectors),
        "n_io_sectors": len(sector_names),
        "sectors_without_census_groups": "; ".join(
            sector_names[c] for c in sector_names if c not in sectors)}
    for (cname, lname), row in table.iterrows():
        keys[f"spearman_{_row_slug(f'{cname} {lname}')}"] = float(row["statistic"])
        keys[f"p_{_row_slug(f'{cname} {lname}')}"] = float(row["p_value"])
    z = flows.to_numpy()
    keys["share_flows_within_sector"] = float(np.trace(z) / z.sum())
    keys["share_flows_within_manufacturing"] = float(
        flows.loc[manufacturing, manufacturing] / z.sum())
    keys["n_minor_groups_manufacturing"] = int((sector_of == manufacturing).sum())
    mean_assoc = agg[head_name].where(_offdiag(len(sectors))).mean()
    keys["sector_most_colocated"] = short[str(mean_assoc.idxmax())]
    keys["sector_least_colocated"] = short[str(mean_assoc.idxmin())]
    top = pairs.sort_values("io_linkage", ascending=False).iloc[0]
    keys["strongest_io_pair"] = top["label"]
    keys["strongest_io_pair_linkage"] = float(top["io_linkage"])
    keys["strongest_io_pair_colocation_rank"] = int(
        pairs["colocation"].rank(ascending=False, method="min")[top.name])
    return Indicator(table, keys, {"pairs": pairs, "sectors": sectors})


# --------------------------------------------------------------------------------------------
# P2: spatial units
# --------------------------------------------------------------------------------------------

def nesting(regions: pd.DataFrame, codes: list[str]) -> dict[str, pd.Series]:
    """The city and the prefecture that contain each municipality or ward of ``codes``.

    ``regions`` is the regions table of the municipal manufacturing tables (``region``,
    ``kind``, ``parent_city``): a ward belongs to its ``parent_city``, any other municipality
    is its own city; the prefecture is the first two digits of the code (JIS X 0402).
    Returns ``{"city": Series, "prefecture": Series}`` indexed by ``codes``, the mappings
    :func:`smartregion.models.spatial_unit_sensitivity` aggregates with.
    """
    t = regions.set_index("region")
    city = pd.Series({r: (t.at[r, "parent_city"] if t.at[r, "kind"] == "ward" else r)
                      for r in codes})
    return {"city": city, "prefecture": pd.Series({r: r[:2] for r in codes})}


def prefecture_coverage(panel: Panel, totals: pd.DataFrame, prefecture: str,
                        city_units: list[Hashable]) -> dict[str, float]:
    r"""How much of a prefecture's employment the municipal panel covers, and the city's part.

    ``panel`` holds the municipalities with industry detail (codes starting with the
    two-digit ``prefecture`` code belong to it); ``totals`` is the loader's table of published
    totals (``region``, ``value``) over every municipality; ``city_units`` are the city's wards.
    Returns ``prefecture_employment_covered`` :math:`\sum_{r \in P} x_r / T_P` (panel
    employment over the prefecture's published total) and
    ``city_share_of_covered_prefecture`` :math:`\sum_{r \in C} x_r / \sum_{r \in P} x_r`.

    Examples
    --------
    >>> import pandas as pd
    >>> from smartregion.panel import Panel
    >>> p = Panel.from_long(pd.DataFrame({"region": ["26101", "26102", "26201"],
    ...                                   "industry": "a", "value": [3., 1., 4.]}))
    >>> totals = pd.DataFrame({"region": ["26101", "26102", "26201", "26300"],
    ...                        "value": [3., 1., 4., 2.]})
    >>> prefecture_coverage(p, totals, "26", ["26101", "26102"])
    {'prefecture_employment_covered': 0.8, 'city_share_of_covered_prefecture': 0.5}
    """
    regions = pd.Index(panel.regions).astype(str)
    covered = float(panel.values[:, regions.str.startswith(prefecture), :].sum())
    total = float(totals.loc[totals["region"].astype(str).str.startswith(prefecture),
                             "value"].sum())
    city = float(panel.select(regions=list(city_units)).values.sum())
    return {"prefecture_employment_covered": covered / total,
            "city_share_of_covered_prefecture": city / covered}


def unit_rank_stability(comparison: pd.DataFrame, *, relabel: tuple[str, str, str] = (
        "municipality", "city", "ward")) -> Indicator:
    """Range of the rank correlations between a fine and a coarse unit, by kind of index.

    ``comparison`` is :func:`smartregion.models.spatial_unit_sensitivity`'s ``comparison``
    (columns ``fine``, ``coarse``, ``index``, ``spearman``). Rows whose ``(fine, coarse)`` is
    ``relabel[:2]`` get ``fine = relabel[2]`` (where the only fine units inside a city are
    its wards). Indices whose name starts with ``lq_`` are location quotients, the others
    variety.

    Returns
    -------
    Indicator
        ``table``: the comparison relabelled. ``key_numbers``:
        ``spearman_<fine>_<coarse>_<lq|variety>_<min|max>``.
    """
    stab = comparison.copy()
    stab.loc[(stab["fine"] == relabel[0]) & (stab["coarse"] == relabel[1]), "fine"] = relabel[2]
    is_lq = stab["index"].str.startswith("lq_")
    keys: dict[str, Any] = {}
    for (fine, coarse), sub in stab.groupby(["fine", "coarse"]):
        key = f"spearman_{fine}_{coarse}"
        for kind, rows in (("lq", is_lq), ("variety", ~is_lq)):
            keys[f"{key}_{kind}_min"] = float(sub.loc[rows, "spearman"].min())
            keys[f"{key}_{kind}_max"] = float(sub.loc[rows, "spearman"].max())
    return Indicator(stab, keys)


def nested_unit_profile(lq: pd.DataFrame, variety: pd.DataFrame, *, wards: Mapping[str, str],
                        city: tuple[str, str], prefecture: tuple[str, str],
                        lq_city: pd.DataFrame, lq_prefecture: pd.DataFrame,
                        variety_city: pd.DataFrame, variety_prefecture: pd.DataFrame,
                        labels: Mapping[str, str], named: tuple[str, ...] = (),
                        threshold: float = 1.0) -> Indicator:
    """Location quotients and variety of a city's wards, the city and its prefecture.

    Each row is read against all units of its own level (``lq``, ``variety``: wards and
    municipalities; ``*_city``; ``*_prefecture``), so the table shows how the picture of one
    place changes with the unit. ``wards`` maps ward codes to names; ``city`` and
    ``prefecture`` are ``(code, name)``; ``labels`` names the industries (the LQ columns).

    Returns
    -------
    Indicator
        ``table``: ``related`` and ``unrelated`` variety and one LQ column per industry, one
        row per ward (``"<name> (ward)"``), the city and the prefecture. ``parts["lq"]``: the
        LQ columns. ``key_numbers``: ``wards_specialised_by_group`` (wards with LQ >=
        ``threshold``), ``n_wards``, and for each industry in ``named``: ``top_ward_<g>``,
        ``top_ward_lq_<g>``, ``n_wards_specialised_<g>`` and ``city_lq_<g>``.
    """
    rows = {f"{name} (ward)": lq.loc[w] for w, name in wards.items()}
    rows[city[1]] = lq_city.loc[city[0]]
    rows[prefecture[1]] = lq_prefecture.loc[prefecture[0]]
    lq_units = pd.DataFrame(rows).T
    lq_units.columns = [labels[c] for c in lq_units.columns]
    cols = ["related", "unrelated"]
    var_units = pd.DataFrame({**{f"{name} (ward)": variety.loc[w, cols]
                                 for w, name in wards.items()},
                              city[1]: variety_city.loc[city[0], cols],
                              prefecture[1]: variety_prefecture.loc[prefecture[0], cols]}).T
    ward_lq = lq_units.iloc[:len(wards)]
    keys: dict[str, Any] = {"wards_specialised_by_group": (ward_lq >= threshold).sum(),
                            "n_wards": len(wards)}
    for g in named:
        col = ward_lq[labels[g]]
        keys[f"top_ward_{g}"] = col.idxmax().replace(" (ward)", "")
        keys[f"top_ward_lq_{g}"] = float(col.max())
        keys[f"n_wards_specialised_{g}"] = int((col >= threshold).sum())
        keys[f"city_lq_{g}"] = float(lq_units.loc[city[1], labels[g]])
    return Indicator(pd.concat([var_units, lq_units], axis=1), keys, {"lq": lq_units})


def coefficient_key_numbers(coefs: pd.DataFrame, *, terms: tuple[str, ...] = (
        "related", "unrelated"), units: tuple[str, ...] = ("municipality", "city", "prefecture"),
                            mix_term: str = "expected_growth") -> Indicator:
    """Key numbers of one regression fitted on several spatial units.

    ``coefs`` is :func:`smartregion.models.coefficient_sensitivity`'s table (``unit``,
    ``term``, ``coef``, ``p``, ``nobs``). A term "keeps its sign" when its coefficient has the
    sign of the first unit's on every unit, and "rises in size" when its absolute value
    increases monotonically along ``units``.

    Returns
    -------
    Indicator
        ``table``: the rows of ``terms`` indexed by (unit, term). ``key_numbers``:
        ``coef_<term>_<unit>``, ``p_<term>_<unit>``, ``dir_<term>_<unit>`` (faster or slower),
        ``signs_<term>``, ``trend_<term>``, ``coef_mix_<unit>``, ``p_mix_<unit>``,
        ``n_by_unit``, ``n_variety_coefs``, ``n_variety_coefs_p05`` and ``n_prefectures``
        (observations on the last unit).
    """
    main = coefs.loc[coefs["term"].isin(list(terms))].set_index(["unit", "term"])
    keys: dict[str, Any] = {}
    for (unit, term), r in main.iterrows():
        keys[f"coef_{term}_{unit}"] = float(r["coef"])
        keys[f"p_{term}_{unit}"] = float(r["p"])
        keys[f"dir_{term}_{unit}"] = "faster" if r["coef"] > 0 else "slower"
    for term in terms:
        c = main.xs(term, level="term")["coef"].reindex(list(units))
        keys[f"signs_{term}"] = ("keeps its sign" if (np.sign(c) == np.sign(c.iloc[0])).all()
                                 else "changes sign")
        keys[f"trend_{term}"] = ("rises in size" if c.abs().is_monotonic_increasing
                                 else "moves without order")
    for unit, r in coefs.loc[coefs["term"] == mix_term].set_index("unit").iterrows():
        keys[f"coef_mix_{unit}"] = float(r["coef"])
        keys[f"p_mix_{unit}"] = float(r["p"])
    keys["n_by_unit"] = coefs.groupby("unit")["nobs"].max()
    keys["n_variety_coefs"] = len(main)
    keys["n_variety_coefs_p05"] = int((main["p"] < 0.05).sum())
    keys["n_prefectures"] = int(main.loc[(units[-1], terms[0]), "nobs"])
    return Indicator(main, keys)


# --------------------------------------------------------------------------------------------
# P3: value added on published cells
# --------------------------------------------------------------------------------------------

CELL_KEYS = ["year", "region", "industry"]


def cell_table(measures: Mapping[str, pd.DataFrame],
               extra: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per year x region x industry cell, one column per measure.

    Each frame is a long table of the municipal loader (``year``, ``region``, ``industry``,
    ``value``; NaN = suppressed). ``measures`` are joined on the cell keys with an outer join,
    so a cell published for one measure only is kept (NaN in the others); ``extra`` measures
    are added to those cells only (left join: cells outside them are not created).

    Raises
    ------
    ValueError
        A table holds a cell twice.

    Examples
    --------
    >>> import pandas as pd
    >>> va = pd.DataFrame({"year": [1], "region": ["a"], "industry": ["x"], "value": [5.0]})
    >>> em = pd.DataFrame({"year": [1, 1], "region": ["a", "b"], "industry": "x",
    ...                    "value": [2.0, 3.0]})
    >>> cell_table({"va": va, "emp": em})[["region", "va", "emp"]].to_dict("list")
    {'region': ['a', 'b'], 'va': [5.0, nan], 'emp': [2.0, 3.0]}
    """
    def column(name: str, long: pd.DataFrame) -> pd.Series:
        dup = long.duplicated(CELL_KEYS)
        if dup.any():
            raise ValueError(f"cell_table: {int(dup.sum())} cells of {name!r} appear twice "
                             f"(first: {long.loc[dup, CELL_KEYS].iloc[0].tolist()}); keep one "
                             "row per year, region and industry.")
        return long.set_index(CELL_KEYS)["value"].rename(name)

    out = None
    for name, long in measures.items():
        col = column(name, long).to_frame()
        out = col if out is None else out.join(col, how="outer")
    if out is None:
        raise ValueError("cell_table needs at least one measure.")
    for name, long in (extra or {}).items():
        out = out.join(column(name, long))
    return out.reset_index()


def published_workers(cells: pd.DataFrame, *, in_region: pd.Series, industry: Hashable,
                      years: list[int], value: str = "va", workers: str = "emp") -> pd.Series:
    """Workers in a region's cells of one industry whose ``value`` is published, by year.

    Shows how the set of published cells moves: a ratio over "the published cells" covers
    different plants each year when this count jumps. Years without a published cell are 0.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> c = pd.DataFrame({"year": [1, 2], "region": "a", "industry": "x",
    ...                   "va": [4.0, np.nan], "emp": [2.0, 3.0]})
    >>> published_workers(c, in_region=c["region"] == "a", industry="x", years=[1, 2]).tolist()
    [2.0, 0.0]
    """
    keep = in_region & cells[value].notna() & (cells[workers] > 0) & (
        cells["industry"] == industry)
    return cells.loc[keep].groupby("year")[workers].sum().reindex(years, fill_value=0.0)


# --------------------------------------------------------------------------------------------
# P6: renewal of specialisations
# --------------------------------------------------------------------------------------------

def mean_plant_size(persons: pd.DataFrame, establishments: pd.DataFrame
                    ) -> tuple[pd.DataFrame, int]:
    """Mean establishment size of each region x industry cell, at least one person.

    :math:`s_{ri} = e_{ri} / n_{ri}` (persons over establishments, ``establishments``
    aligned on ``persons``); a cell without an establishment count (zero or missing) gets 1,
    the Poisson case. Returns the sizes and the number of cells with persons but no
    establishment, so the fallback is counted, not silent.
    """
    n_est = establishments.reindex(index=persons.index, columns=persons.columns)
    size = (persons / n_est.where(n_est > 0)).fillna(1.0).clip(lower=1.0)
    return size, int(((persons > 0) & ~(n_est > 0)).to_numpy().sum())


def ward_churn(panel: Panel, city_panel: Panel, unit_of: pd.Series, city: Hashable, *,
               start: Hashable, end: Hashable, lower: float, upper: float,
               plant_size: pd.DataFrame, names: Mapping[Hashable, str], n_draws: int,
               seed: int, threshold: float = 1.0) -> Indicator:
    r"""Churn of specialisations in a city's wards against other cities and against noise.

    Entries and exits of specialisations from ``start`` to ``end``, counted with hysteresis
    (:func:`smartregion.policy.hysteresis_churn`: entry from :math:`LQ < lower` to
    :math:`LQ \ge upper`, exit the reverse) and plainly at ``threshold``
    (:func:`smartregion.policy.specialisation_churn`), wards pooled by city (``unit_of``:
    ward -> city; :func:`smartregion.policy.pooled_churn`). Churn = (entries + exits) /
    specialisations at start. Two noise benchmarks
    (:func:`smartregion.policy.churn_noise_benchmark`, ``n_draws`` seeded draws): person-level
    (Poisson counts of persons) and establishment-level (dispersion ``plant_size``, the mean
    establishment size of each cell). ``city``'s count is compared with the other cities'
    pooled rate (:func:`smartregion.policy.churn_against_group`). ``city_panel`` holds the
    cities whole, for the city-level churn.

    Returns
    -------
    Indicator
        ``table``: one row per city (named by ``names``), sorted by ``churn_all`` (the churn
        without the measurability rule). ``key_numbers``: ``min_base``, ``n_groups``,
        ``min_events``, ``kyoto_city_whole`` (and ``_measurable``), ``lower``, ``upper``,
        ``n_draws``, ``kyoto_wards`` (and ``_measurable``), ``n_cities`` (measurable with and
        without the band), ``share_plain_events_crossing_band``, ``kyoto_rank_churn_all``,
        ``median_churn_all_other_cities``, ``kyoto_vs_group``, ``kyoto_noise_<benchmark>``,
        ``n_cities_above_noise_p95_<benchmark>``, ``n_cities_below_noise_p05_<benchmark>``
        and ``kyoto_vs_establishment_noise`` (below, within or above the 5th-95th
        percentile). The ``kyoto`` names stand for ``city``.
    """
    kc = specialisation_churn(city_panel, start=start, end=end, threshold=threshold).loc[city]
    keys: dict[str, Any] = {
        "min_base": CHURN_MIN_BASE, "n_groups": len(city_panel.industries),
        "min_events": CHURN_MIN_EVENTS,
        "kyoto_city_whole": {"specialisations_start": int(kc["diversity_start"]),
                             "entries": int(kc["entries"]), "exits": int(kc["exits"])},
        "kyoto_city_whole_measurable": bool(kc["measurable"])}
    plain = pooled_churn(specialisation_churn(panel, start=start, end=end,
                                              threshold=threshold), unit_of)
    pooled = pooled_churn(hysteresis_churn(panel, start=start, end=end, lower=lower,
                                           upper=upper), unit_of)
    bench = {name: churn_noise_benchmark(panel, start=start, end=end, unit_of=unit_of,
                                         dispersion=disp, n_draws=n_draws, seed=seed)
             for name, disp in (("persons", 1.0), ("establishments", plant_size))}
    table = pooled.join(plain[["events", "churn"]].rename(columns=lambda c: f"{c}_plain"))
    for name, b_ in bench.items():
        table = table.join(b_[["noise_mean", "noise_p05", "noise_p95", "share_draws_at_least"]]
                           .rename(columns=lambda c: f"{c}_{name}"))
    table["churn_all"] = table["events"] / table["diversity_start"]  # rule not applied
    table.insert(0, "city", table.index.map(names))
    table = table.sort_values(["churn_all", "city"])
    ky = table.loc[city]
    keys.update({
        "lower": lower, "upper": upper, "n_draws": n_draws,
        "kyoto_wards": ky[["regions", "diversity_start", "entries", "exits", "events",
                           "churn_all", "events_plain", "churn_plain"]],
        "kyoto_wards_measurable": bool(ky["measurable"]), "n_cities": len(table),
        "n_cities_measurable": int(table["measurable"].sum()),
        "n_cities_measurable_plain": int(plain["measurable"].sum()),
        "share_plain_events_crossing_band": float(table["events"].sum()
                                                  / table["events_plain"].sum()),
        "kyoto_rank_churn_all": int(table["churn_all"].rank(method="min")[city]),
        "median_churn_all_other_cities": float(
            table.drop(index=city, errors="ignore")["churn_all"].median()),
        "kyoto_vs_group": churn_against_group(table, city)})
    for name in bench:
        keys[f"kyoto_noise_{name}"] = ky[[f"noise_mean_{name}", f"noise_p05_{name}",
                                          f"noise_p95_{name}", f"share_draws_at_least_{name}"]
                                         ].set_axis(["mean", "p05", "p95", "share_at_least"])
        keys[f"n_cities_above_noise_p95_{name}"] = int(
            (table["churn_all"] > table[f"noise_p95_{name}"]).sum())
        keys[f"n_cities_below_noise_p05_{name}"] = int(
            (table["churn_all"] < table[f"noise_p05_{name}"]).sum())
    lo_e, hi_e = ky["noise_p05_establishments"], ky["noise_p95_establishments"]
    keys["kyoto_vs_establishment_noise"] = ("below" if ky["churn_all"] < lo_e else
                                            ("above" if ky["churn_all"] > hi_e else "within"))
    return Indicator(table, keys)


def band_sensitivity(panel: Panel, unit_of: pd.Series, city: Hashable, *, start: Hashable,
                     end: Hashable, upper: float,
                     lowers: tuple[float, ...] = (0.5, 0.67, 0.8, 1.0)) -> Indicator:
    """A city's churn against the other cities' pooled rate, for several lower band edges.

    For each ``lower`` in ``lowers``, :func:`smartregion.policy.hysteresis_churn` with the band
    ``[lower, upper)``, pooled by ``unit_of`` and compared with
    :func:`smartregion.policy.churn_against_group`; ``lower = upper`` is the plain count.

    Returns
    -------
    Indicator
        ``table``: one row per ``lower``. ``key_numbers``: ``band_lower``,
        ``band_p_at_most`` and ``band_events``, dicts keyed ``lower_<edge>`` (dot replaced by
        underscore).
    """
    rows = {lo: churn_against_group(pooled_churn(hysteresis_churn(
        panel, start=start, end=end, lower=lo, upper=upper), unit_of), city) for lo in lowers}
    table = pd.DataFrame(rows).T.rename_axis("lower")
    band_key = {f"lower_{str(lo).replace('.', '_')}": lo for lo in table.index}
    keys = {"band_lower": band_key,
            "band_p_at_most": {k: float(table.at[lo, "p_at_most"]) for k, lo in band_key.items()},
            "band_events": {k: int(table.at[lo, "events"]) for k, lo in band_key.items()}}
    return Indicator(table, keys)


def churn_moves(panel: Panel, regions: list[Hashable], *, start: Hashable, end: Hashable,
                lower: float, upper: float, region_names: Mapping[Hashable, str],
                industry_names: Mapping[Hashable, str], threshold: float = 1.0) -> Indicator:
    """Every entry and exit of a specialisation in ``regions``, with whether it crosses the band.

    Moves from :func:`smartregion.policy.specialisation_moves` (plain count at ``threshold``);
    ``crosses_band`` is true for an entry from LQ < ``lower`` to LQ >= ``upper`` and an exit
    the reverse.

    Returns
    -------
    Indicator
        ``table``: ``ward``, ``group``, ``move``, ``lq_start``, ``lq_end``, ``crosses_band``.
        ``key_numbers``: ``kyoto_ward_moves_by_group`` (the three groups with most moves) and
        ``kyoto_moves_crossing_band`` (the band-crossing moves in words).
    """
    moves = specialisation_moves(panel, start=start, end=end, regions=regions,
                                 threshold=threshold)
    lq = location_quotient(panel)
    moves["lq_start"] = [lq.loc[(start, r), i] for r, i in zip(moves["region"],
                                                               moves["industry"])]
    moves["lq_end"] = [lq.loc[(end, r), i] for r, i in zip(moves["region"], moves["industry"])]
    moves["crosses_band"] = np.where(
        moves["move"] == "entry", (moves["lq_start"] < lower) & (moves["lq_end"] >= upper),
        (moves["lq_start"] >= upper) & (moves["lq_end"] < lower))
    moves = moves.assign(ward=moves["region"].map(region_names),
                         group=moves["industry"].map(industry_names))[
        ["ward", "group", "move", "lq_start", "lq_end", "crosses_band"]]
    keys = {"kyoto_ward_moves_by_group": moves.groupby("group").size().sort_values(
                ascending=False).head(3),
            "kyoto_moves_crossing_band": moves.loc[moves["crosses_band"],
                                                   ["ward", "group", "move"]].apply(
                lambda r: f"{r['move']} of {r['group']} in {r['ward']}", axis=1).str.cat(
                sep="; ")}
    return Indicator(moves, keys)


# --------------------------------------------------------------------------------------------
# P7: centrality of knowledge-intensive services
# --------------------------------------------------------------------------------------------

def industry_stock(persons: Panel, establishments: Panel, region: Hashable,
                   industries: list[Hashable]) -> Indicator:
    """A region's persons engaged and establishments in a few industries, with LQ and rank.

    :func:`smartregion.policy.region_industry_profile` of both measures (one period each).
    The key numbers treat ``industries`` as one (the profile's ``"all"`` row):
    ``persons_engaged``, ``establishments``, ``lq`` and ``rank`` (of the persons-engaged
    LQ among all regions, 1 = highest). A stock, not entry: one cross-section says nothing
    about how many businesses start.

    Examples
    --------
    >>> import pandas as pd
    >>> from smartregion.panel import Panel
    >>> x = Panel.from_wide(pd.DataFrame({"a": [10, 30], "b": [90, 70]}, index=["r", "s"]))
    >>> n = Panel.from_wide(pd.DataFrame({"a": [2, 3], "b": [9, 7]}, index=["r", "s"]))
    >>> k = industry_stock(x, n, "r", ["a"]).key_numbers
    >>> k["persons_engaged"], k["establishments"], k["lq"], k["rank"]
    (10, 2, 0.5, 2)
    """
    table = pd.concat({"persons_engaged": region_industry_profile(persons, region, industries),
                       "establishments": region_industry_profile(establishments, region,
                                                                 industries)},
                      names=["measure"])
    pe, est = table.loc[("persons_engaged", "all")], table.loc[("establishments", "all")]
    keys = {"persons_engaged": int(pe["value_region"]), "lq": float(pe["lq_region"]),
            "rank": int(pe["rank_lq"]), "establishments": int(est["value_region"])}
    if len(industries) == 1:  # the "all" row repeats the one industry
        table = table.drop(index="all", level=1)
    return Indicator(table, keys)


def services_centrality(centrality: pd.DataFrame, in_group: pd.Series, *, lq: pd.DataFrame,
                        specialised: pd.DataFrame, region: Hashable,
                        names: pd.Series, reasons: Mapping[Hashable, str],
                        threshold: float = 1.0, n_top: int = 15,
                        n_ubiquity_bins: int = 5) -> Indicator:
    r"""How central a group of industries is in the industry space, and a region's share of it.

    ``centrality`` holds one column per measure (e.g. strength and eigenvector centrality of
    :func:`smartregion.network.centrality`); each is turned into percentile ranks and the
    group (``in_group``) is compared with the other industries (mean and median percentile).
    Because strength falls with ubiquity in a co-specialisation graph, the strength gap is also
    computed within ubiquity quantiles (``n_ubiquity_bins``;
    :func:`smartregion.policy.matched_group_gap`). ``specialised`` is the region x industry
    0/1 specialisation matrix, ``lq`` the location quotients; a region's share of the group is
    the mean of its 0/1 row over the group's industries.

    Returns
    -------
    Indicator
        ``table``: the group's industries with their centrality, ``lq_region`` and
        ``specialised_region``, by strength. ``parts``: ``all`` (every industry),
        ``percentiles``, ``summary`` (mean and median percentiles), ``gap`` (by ubiquity
        bin) and ``top`` (the ``n_top`` strongest). ``key_numbers``: ``n_kis_industries``,
        ``centrality_percentile_kis``/``_other``, ``spearman_strength_eigenvector``,
        ``region_share_kis_specialised``, ``median_prefecture_share_kis_specialised``,
        ``rank_region_share_kis``, ``top_prefectures_share_kis``,
        ``region_specialised_in_top15``, ``n_region_specialised_in_top15``,
        ``spearman_strength_ubiquity``, ``median_ubiquity_kis``/``_other`` and
        ``strength_gap_raw``/``_within_ubiquity``/``_share_ubiquity``.
    """
    cent = centrality.copy()
    measures = list(centrality.columns)
    cent["kis"] = in_group.reindex(cent.index).to_numpy()
    cent["name"] = names.reindex(cent.index)
    cent["why_knowledge_intensive"] = pd.Series(reasons).reindex(cent.index)
    cent["lq_region"] = lq.loc[region].reindex(cent.index)
    cent["specialised_region"] = cent["lq_region"] >= threshold
    pct = cent[measures].rank(pct=True)
    summary = pd.DataFrame({
        "mean_percentile_kis": pct.loc[cent["kis"]].mean(),
        "mean_percentile_other": pct.loc[~cent["kis"]].mean(),
        "median_percentile_kis": pct.loc[cent["kis"]].median(),
        "median_percentile_other": pct.loc[~cent["kis"]].median()})
    services = cent.loc[cent["kis"]].sort_values("strength", ascending=False)
    share = specialised.loc[:, in_group.reindex(specialised.columns).to_numpy()].mean(axis=1)
    top = services.head(n_top)
    ubiquity = specialised.sum().reindex(cent.index)
    gap = matched_group_gap(pct["strength"], cent["kis"], pd.qcut(
        ubiquity.rank(method="first"), n_ubiquity_bins, labels=False))
    keys = {
        "n_kis_industries": int(cent["kis"].sum()),
        "centrality_percentile_kis": summary["mean_percentile_kis"],
        "centrality_percentile_other": summary["mean_percentile_other"],
        "spearman_strength_eigenvector": float(cent["strength"].corr(cent["eigenvector"],
                                                                     method="spearman")),
        "region_share_kis_specialised": float(share.loc[region]),
        "median_prefecture_share_kis_specialised": float(share.median()),
        "rank_region_share_kis": int(share.rank(ascending=False, method="min").loc[region]),
        "top_prefectures_share_kis": share.sort_values(ascending=False).head(2),
        "region_specialised_in_top15": top.loc[top["specialised_region"], "name"].tolist(),
        "n_region_specialised_in_top15": int(top["specialised_region"].sum()),
        "spearman_strength_ubiquity": float(cent["strength"].corr(ubiquity,
                                                                  method="spearman")),
        "median_ubiquity_kis": float(ubiquity[cent["kis"]].median()),
        "median_ubiquity_other": float(ubiquity[~cent["kis"]].median()),
        "strength_gap_raw": gap.attrs["raw_gap"],
        "strength_gap_within_ubiquity": gap.attrs["matched_gap"],
        "strength_gap_share_ubiquity": 1 - gap.attrs["matched_gap"] / gap.attrs["raw_gap"]}
    return Indicator(services, keys, {"all": cent, "percentiles": pct, "summary": summary,
                                      "gap": gap, "top": top})


# --------------------------------------------------------------------------------------------
# Scorecard: a city and its province against the country, on broad sections
# --------------------------------------------------------------------------------------------

def section_profile_readings(provinces: Panel, city: Panel, *, province: Hashable,
                             sections: list[str], scale: float = 1.0) -> Indicator:
    r"""A city and its province against the country, on broad sections (a coarse profile).

    The country is the sum of the provinces in the city's year (``provinces`` values times
    ``scale``, to the city's unit); location quotients
    :math:`LQ_i = (e_i / \sum e) / (E_i / \sum E)` of the city and of ``province`` against
    it. Churn of the province's specialisations (LQ >= 1 among the provinces)
    between the first and last year of ``provinces``: the share of sections whose status
    changed. ``sections`` is a group of sections (e.g. knowledge-intensive services) whose
    specialisations are counted.

    Returns
    -------
    Indicator
        ``table``: the two LQ profiles (``city``, ``province``). ``key_numbers``:
        ``sz_spearman_city_province_lq``, ``gd_specialisation_churn``,
        ``gd_kis_specialised``, ``sz_kis_specialised`` (``sz`` the city, ``gd`` the
        province). ``parts``: ``year`` (the city's), ``first_year`` and ``last_year`` (the
        provinces').
    """
    year = int(city.times[0])
    country = provinces.matrix(year).sum(axis=0) * scale
    c = city.matrix(year).sum(axis=0).reindex(country.index)
    lq_city = (c / c.sum()) / (country / country.sum())
    p = provinces.matrix(year).loc[province]
    lq_prov = (p / p.sum()) / (country / country.sum())
    t0, t1 = int(provinces.times.min()), int(provinces.times.max())
    lq_t = {t: location_quotient(provinces.select(times=[t])).xs(t, level="time").loc[province]
            for t in (t0, t1)}
    spec = {t: lq_t[t] >= 1 for t in (t0, t1)}
    lq_last = lq_t[t1]
    keys = {"sz_spearman_city_province_lq": float(lq_city.corr(lq_prov, method="spearman")),
            "gd_specialisation_churn": int((spec[t0] != spec[t1]).sum()) / len(spec[t0]),
            "gd_kis_specialised": int((lq_last[sections] >= 1).sum()),
            "sz_kis_specialised": int((lq_city[sections] >= 1).sum())}
    return Indicator(pd.DataFrame({"city": lq_city, "province": lq_prov}), keys,
                     {"year": year, "first_year": t0, "last_year": t1})
