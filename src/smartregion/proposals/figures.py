"""The figures of the seven proposals, one function per finding, drawn from an indicator.

Each function takes the :class:`smartregion.policy.Indicator` that
:mod:`smartregion.proposals.indicators` returns (its ``table``, ``parts`` and ``key_numbers``)
and the region's display name, and returns the Matplotlib figure. Titles state the finding
from the indicator's own numbers, so a notebook holds one call per figure and the title
cannot drift from the table it summarises. ``source`` names the dataset and years; the
function appends the method note that belongs to its figure.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..plots import (
    BREAK_YEAR,
    PALETTE,
    Source,
    churn_benchmark_plot,
    coefficients_by_unit,
    density_complexity_scatter,
    group_centrality_plot,
    index_and_change_plot,
    level_and_ratio_plot,
    region_strip_plot,
    relatedness_pairs_scatter,
)
from ..policy import Indicator

__all__ = ["trade_off_figure", "target_selection_figure", "io_colocation_figure",
           "unit_coefficients_figure", "value_added_figure", "establishments_figure",
           "profile_strip_figure", "churn_figure", "services_centrality_figure",
           "short_group"]


def trade_off_figure(p1a: Indicator, region: Hashable, *, rng: np.random.Generator,
                     source: Source):
    """Density-complexity correlation of every region, the region marked (proposal 1a).

    Draws ``p1a.parts["by_region"]`` of :func:`~smartregion.proposals.trade_off_check`: one
    strip per relatedness (proximity and the package default), one dot per region.
    """
    by_region = p1a.parts["by_region"]
    n = len(by_region)
    return region_strip_plot(
        by_region, region,
        columns={"proximity": "proximity",
                 "association": "default relatedness\n(co-specialisation)"},
        rng=rng, xlabel="Correlation (Pearson r) of relatedness density and PCI over a "
                        "prefecture's candidate industries",
        title=f"Density-complexity correlation in each of the {n} prefectures, 2014: with "
              f"the default relatedness, {region} ranks "
              f"{by_region.loc[region, 'rank_association']} of {n} from the most negative",
        source=source.with_note("Candidates: minor groups a prefecture is not specialised in "
                                "(LQ < 1); grey: the other prefectures, vertical jitter only."))


def target_selection_figure(p1b: Indicator, region: Hashable, *, source: Source):
    """Density against complexity of the region's candidates, stable priorities labelled.

    Draws :func:`~smartregion.proposals.screened_targets`: the candidates in their quadrants,
    the dashed cuts (median density, PCI = 0) and the share of bootstrap samples in which
    each priority candidate stays in the quadrant.
    """
    ts, priority, k = p1b.table, p1b.parts["priority"], p1b.key_numbers
    return density_complexity_scatter(
        ts["density"], ts["pci"], quadrant=ts["quadrant"], x_split=ts.attrs["density_cut"],
        y_split=0.0, label=list(priority.index), label_text=p1b.parts["labels"],
        figsize=(10, 6.5),
        xlabel="Relatedness density (default relatedness: significant co-specialisation; "
               "share of related know-how present, 0-1)",
        ylabel="Complexity (PCI, standardised; 0 = average industry)",
        title=f"{region}'s {len(ts)} tradable candidate industries, 2014: "
              f"{len(p1b.parts['stable'])} of the {len(priority)} priority candidates stay "
              f"there in at least {k['stable_share']:.0%} of bootstrap samples (labels: share "
              "of samples)",
        source=source.with_note("Candidates: tradable minor groups the region is not "
                                f"specialised in (LQ < 1), at least {k['min_size']:,} persons "
                                f"nationally and {k['min_ubiquity']} specialised prefectures, "
                                "head offices left out. Dashed lines: median density of the "
                                "candidates and PCI = 0."))


def io_colocation_figure(p1c: Indicator, *, source: Source,
                         row: tuple[str, str] = ("co-specialisation association",
                                                 "max of shares")):
    """Co-location against input-output linkage over the pairs of sectors (proposal 1c).

    The title reads the Mantel test of ``row`` of :func:`~smartregion.proposals.io_colocation`'s
    table: "follows" when its permutation p-value is below 0.05.
    """
    head = p1c.table.loc[row]
    verb = "follows" if head["p_value"] < 0.05 else "does not follow"
    return relatedness_pairs_scatter(
        p1c.parts["pairs"], x="io_linkage", y="colocation",
        xlabel="Input-output linkage (largest input or output share between the two sectors, "
               "0-1)",
        ylabel="Co-location: employment-weighted mean co-specialisation association (-1 to 1)",
        title=f"Co-location {verb} input-output linkage across the {int(head['n_pairs'])} "
              f"pairs of {len(p1c.parts['sectors'])} sectors\n(Spearman "
              f"{head['statistic']:.2f}, Mantel permutation p = {head['p_value']:.2f})",
        source=source.with_note("Own-sector flows left out of the shares. Co-location aggregated "
                                "from minor groups to sectors with national persons engaged as "
                                "weights."))


def unit_coefficients_figure(p2b: Indicator, coefs: pd.DataFrame, *, years: tuple[int, int],
                             source: Source,
                             units: Sequence[str] = ("municipality", "city", "prefecture")):
    """Variety coefficients of one growth model on three spatial units (proposal 2b).

    ``p2b`` comes from :func:`~smartregion.proposals.coefficient_key_numbers` on ``coefs``
    (:func:`smartregion.models.coefficient_sensitivity`); the title states the sign pattern
    and trend of related variety's coefficient across the units.
    """
    k = p2b.key_numbers
    return coefficients_by_unit(
        p2b.table, units=list(units),
        terms={"related": "related variety", "unrelated": "unrelated variety"},
        nobs=coefs.groupby("unit")["nobs"].max(),
        ylabel="Coefficient: SD of growth\nper SD of variety (95% CI)",
        title=f"Employment growth {years[0]}-{years[1]}: related variety's coefficient "
              f"{k['signs_related']} on three spatial units and {k['trend_related']}",
        source=source.with_note("OLS of annualised growth on start-year variety with log size, "
                                "expected growth from the industry mix and portfolio density as "
                                "controls, all standardised; standard errors clustered by "
                                "region."))


def short_group(name: str) -> str:
    """First word(s) of a group name, for line labels.

    >>> short_group("Beverages, tobacco and feed")
    'Beverages'
    """
    return name.split(",")[0].split(" and ")[0].replace(" equipment", "").replace(
        " products", "")


def value_added_figure(vapw: Indicator, peak: Indicator, *, region_label: str,
                       reference_label: str, block_of: Mapping[Hashable, str],
                       labels: Mapping[Hashable, str], peak_unit: str, end_year: int,
                       source: Source):
    """Value added per person engaged: block medians and each group's ratio (proposal 3a).

    ``vapw`` is :func:`smartregion.policy.value_added_blocks`, ``peak`` is
    :func:`smartregion.policy.ratio_peak_cells` of the group set apart; ``peak_unit`` is the
    display name of the peak's largest cell.
    """
    medians, ratios = vapw.parts["medians"], vapw.parts["ratios"]
    k, kp = vapw.key_numbers, peak.key_numbers
    first, last = k["va_first_year"], k["va_last_year"]
    colours = {c: PALETTE[c.split(": ")[1]] for c in medians.columns}
    colours.update({short_group(labels[g]): PALETTE[block_of[g]] for g in ratios.columns})
    return level_and_ratio_plot(
        medians, ratios.rename(columns=lambda g: short_group(labels[g])), colors=colours,
        log_ratios=True, label_ratios=True,
        linestyles={c: "-" if c.startswith(region_label) else "--"
                    for c in medians.columns},
        ratio_legend={"traditional group": PALETTE["traditional"],
                      "processing and assembly group": PALETTE["processing and assembly"]},
        xlim=(first - 0.5, last + 0.5), show_break=False,
        levels_ylabel="Value added per person engaged\n(million yen, nominal)",
        ratios_ylabel=f"{region_label} / {reference_label} (log scale)",
        levels_title="Median of the groups' values (beverages left out)",
        ratios_title=f"{region_label} relative to {reference_label}, by group\n(beverages peak "
                     f"{kp['peak_year']}: {peak_unit} ward holds "
                     f"{kp['largest_cell_share']:.0%} of its value added)",
        suptitle=f"Value added per person engaged, {region_label} and {reference_label}, "
                 f"{first}-{last}, on the {k['cells_kept']:,} cells published in every year",
        source=source.with_note("Nominal yen. Fixed cells: value added and employment published "
                                f"in every year {first}-{last}; groups without such a cell in "
                                f"{region_label} ({k['groups_without_fixed_cells_text']}) are "
                                "not drawn. Earlier years: ward cells largely unpublished; "
                                f"{last + 1}: another census (series break); {end_year}: no "
                                "usable value added."))


def establishments_figure(est: Indicator, *, highlight: str, source: Source,
                          region_key: str = "region"):
    """Establishment counts indexed to the first year, and each peer's change (proposal 4).

    ``est`` is :func:`smartregion.policy.establishment_change` (called with the same
    ``region_key``); its index columns are the region, the other peers and all regions, drawn
    in the region's colour, black and the national grey. ``highlight`` is the region's name
    among the peers' bars.
    """
    k = est.key_numbers
    t0, t1 = int(k["first_year"]), int(k["last_year"])
    region_col, peers_col, all_col = est.parts["index"].columns
    return index_and_change_plot(
        est.parts["index"], 100 * est.parts["change"], highlight=highlight,
        colors={region_col: PALETTE.get(region_col, PALETTE["highlight"]),
                peers_col: "#000000", all_col: PALETTE["Japan"]},
        index_ylabel=f"Establishments (index, {t0} = 100)",
        index_title=f"Manufacturing establishments, {t0}-{t1}",
        change_xlabel=f"Change in manufacturing establishments {t0}-{t1} (%)",
        change_title=f"The {k['n_peers']} designated cities with industry detail in every "
                     "year",
        suptitle=f"{region_col} lost {-k[f'{region_key}_establishments_change']:.0%} of its "
                 f"manufacturing establishments {t0}-{t1}: rank "
                 f"{k[f'{region_key}_rank_among_peers_decline']} of {k['n_peers']} designated "
                 "cities, counted from the largest fall",
        source=source.with_note(f"Values for {BREAK_YEAR} come from the Economic Census for "
                                "Business Activity (another survey frame): the series is not "
                                "comparable across the dotted line."))


def profile_strip_figure(lq: pd.DataFrame, region: Hashable, *, names: Mapping[Hashable, str],
                         title: str, rng: np.random.Generator, source: Source):
    """Location quotients of a few industries in every region, the region marked (proposal 5).

    ``lq`` is regions x industries (one strip per column, labelled ``names[code] (code)``).
    """
    return region_strip_plot(
        lq, region, columns={c: f"{names[c]} ({c})" for c in lq.columns}, rng=rng,
        reference=1.0,
        xlabel="Location quotient of persons engaged (1 = the share of the prefectures "
               "together)",
        title=title,
        source=source.with_note(f"Location quotient of each prefecture; {region} marked."))


def churn_figure(p6: Indicator, *, highlight: Hashable, city_label: str,
                 years: tuple[int, int], lower: float, upper: float, n_draws: int,
                 source: Source):
    """Churn of pooled ward specialisations by city against two noise bands (proposal 6).

    ``p6`` is :func:`~smartregion.proposals.ward_churn`; tick labels give events and
    specialisations at the start, the title the highlighted city's rank and its position
    against establishment-level noise.
    """
    table = p6.table
    rank = p6.key_numbers["kyoto_rank_churn_all"]
    rank_text = "lowest" if rank == 1 else f"{rank}th-lowest"
    start, end = years
    return churn_benchmark_plot(
        table, highlight=highlight,
        labels=[f"{n} ({int(e)} / {int(d)})" for n, e, d in
                zip(table["city"], table["events"], table["diversity_start"], strict=True)],
        observed="churn_all",
        bands={"noise, persons (5th-95th percentile)": ("noise_p05_persons",
                                                        "noise_p95_persons"),
               "noise, establishments (5th-95th percentile)": ("noise_p05_establishments",
                                                              "noise_p95_establishments")},
        xlabel=f"Churn of ward specialisations {start}-{end} with hysteresis: (entries "
               "+ exits) / specialisations at start (ratio)",
        title=f"Renewal of manufacturing specialisations in the wards of designated cities, "
              f"{start}-{end}:\n{city_label}'s wards have the {rank_text} churn, "
              f"{p6.key_numbers['kyoto_vs_establishment_noise']} the range random plant "
              "turnover makes",
        source=source.with_note(f"Entry: LQ from < {lower} to >= {upper}; exit the reverse; LQ "
                                "among all municipalities with detail; a city's wards pooled. "
                                "Tick labels: events / specialisations at start. Noise bands: "
                                f"{n_draws} seeded draws of two noisy copies of the {start} "
                                "panel."))


def services_centrality_figure(p7: Indicator, region: Hashable, *, rng: np.random.Generator,
                               source: Source):
    """Centrality percentiles of knowledge-intensive services and the region's LQ in the most
    central of them (proposal 7; :func:`~smartregion.proposals.services_centrality`)."""
    parts = p7.parts
    gap, top15 = parts["gap"], parts["top"]
    summary = parts["summary"]
    higher = (summary.loc["strength", "mean_percentile_kis"]
              > summary.loc["strength", "mean_percentile_other"])
    return group_centrality_plot(
        parts["percentiles"], parts["all"]["kis"], parts["all"]["specialised_region"],
        top15.iloc[::-1], xlabel="Centrality measure on the full weighted industry space",
        measures=["strength", "eigenvector"], rng=rng,
        ylabel=f"Percentile rank among the {len(parts['all'])} industries (0-1)",
        title="Centrality: knowledge-intensive services vs other industries",
        top_xlabel=f"Location quotient, {region} Prefecture (1 = national share)",
        top_title=f"The 15 knowledge-intensive services with the highest strength: {region}'s "
                  "LQ",
        group_label="knowledge-intensive services",
        marked_label=f"{region} specialised (LQ >= 1)",
        suptitle=f"Knowledge-intensive services are {'more' if higher else 'less'} central "
                 "than other industries in the 2014 industry space\n(percentile gap "
                 f"{gap.attrs['raw_gap']:+.2f}; {gap.attrs['matched_gap']:+.2f} against "
                 f"industries of similar ubiquity); {region} is specialised in "
                 f"{int(top15['specialised_region'].sum())} of the 15 most central",
        source=source.with_note("Industry space: co-specialisation association, over-represented "
                                "pairs, all links weighted. Strength: sum of an industry's "
                                "weights; eigenvector: leading eigenvector of the weighted "
                                "adjacency matrix."))
