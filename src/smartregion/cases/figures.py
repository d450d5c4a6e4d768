"""Figures of the Shenzhen case (notebook 03), one function per finding, drawn from an indicator.

Each function takes the :class:`smartregion.policy.Indicator` that
:mod:`smartregion.cases.shenzhen` returns and the names it needs, and returns the Matplotlib
figure with its source line. Titles state the finding from the indicator's own numbers, so the
notebook holds one call per figure and a title cannot drift from the table it summarises.
``source`` names the dataset(s); the function adds the years and the method note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..plots import (
    METI_TYPE_COLORS,
    METI_TYPE_LABELS,
    PALETTE,
    Source,
    add_source,
    choropleth,
    color_for,
    index_small_multiples,
    index_timeseries,
    lq_bar,
    lq_heatmap,
    map_source,
    mark_break,
    wrap_label,
)
from ..policy import Indicator
from .shenzhen import SECTION_SHORT, SECTOR_OF_SECTION

__all__ = [
    "DISTRICT_GROUP_COLOURS",
    "city_employment_figure",
    "city_shift_share_figure",
    "district_lq_figure",
    "district_manufacturing_figure",
    "district_map_figure",
    "gdp_index_figure",
    "gdp_series_figure",
    "group_lq_figure",
    "municipal_map_figure",
    "paired_lq_figure",
    "prefecture_growth_figure",
    "province_figure",
    "province_map_figure",
    "sector_structure_figure",
    "tertiary_transition_figure",
    "top_lq_figure",
    "wards_employment_figure",
    "wards_lq_figure",
]

#: Colour of each district group of :data:`smartregion.datasets.shenzhen.DISTRICT_TYPES`.
DISTRICT_GROUP_COLOURS = {"former SEZ core": PALETTE["base"], "former SEZ port": PALETTE["muted"],
                          "outer district": "#9e7cc1", "new district": "#6a3d9a"}


def gdp_index_figure(growth: Indicator, *, city: str, comparison: str, source: str):
    """GDP of the major cities indexed to the first year, log scale (section 2).

    Draws ``growth.parts["index"]`` of :func:`~smartregion.cases.major_city_growth`, the named
    cities (the fastest without a level shift, ``city``, ``comparison``) highlighted.
    """
    k, p = growth.key_numbers, growth.parts
    start, end = k["start_year"], k["end_year"]
    index, fastest, flagged = p["index"], p["fastest"], p["flagged"]
    jump_city, jump_yr, jump_ratio = p["jump"]
    n_fastest = len(fastest)
    fig = index_timeseries(index, highlight=p["named"], logy=True, label_ends=True,
                           xlabel="Year",
                           ylabel=f"GDP at current prices, index {start} = 100 (log scale)",
                           figsize=(8.5, 5.5),
                           title=f"GDP of {len(index.columns)} major Chinese cities, "
                                 f"{start}-{end}: fastest without a level shift "
                                 f"{', '.join(fastest)}; {city} rank "
                                 f"{int(p['cagr'].loc[city, 'rank'])}")
    add_source(fig, Source(source, f"{start}-{end}", "computed",
                           f"Nominal GDP indexed to {start}; grey: the other major cities; "
                           f"named: the {n_fastest} fastest by compound growth rate among the "
                           f"cities without a level shift, {city} and {comparison}. Grey lines "
                           f"include the cities with a level shift in the span (an outlying GDP "
                           f"jump or a population jump, rule of level_shifts: "
                           f"{', '.join(flagged) or 'none'}). Thin dotted segments "
                           f"bridge years left empty in the NBS export ({p['n_gaps']} "
                           f"city-years, in {', '.join(p['gap_cities']) or 'no city'}); the "
                           f"growth rates use the end years only. {jump_city}'s {jump_yr} value "
                           f"is {jump_ratio:.1f} times its {jump_yr - 1} value."))
    return fig


def sector_structure_figure(shares: Indicator, cities: Sequence[str],
                            colours: Mapping[str, str], *, source: str):
    """Stacked three-sector shares of value added, one panel per city (section 2a).

    Draws ``shares.table`` of :func:`~smartregion.cases.sector_shares`; ``colours`` maps each
    sector (in stacking order) to its colour.
    """
    y0, y1 = shares.parts["years"]
    table = shares.table
    fig = Figure(figsize=(11, 4.6), layout="constrained")
    axes = fig.subplots(1, len(cities), sharey=True)
    for ax, c in zip(axes, cities):
        s = table.loc[c]
        ax.stackplot(s.index, [100 * s[k] for k in colours], labels=list(colours),
                     colors=list(colours.values()), alpha=0.9)
        ax.set_title(c, color=color_for(c))
        ax.set_xlabel("Year")
        ax.set_xlim(s.index.min(), s.index.max())
        ax.set_ylim(0, 100)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].set_ylabel("Share of value added (%)")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside right center", fontsize=8)
    sec = {c: [shares.key_numbers[f"{c.lower()}_secondary_share_{y}"] for y in (y0, y1)]
           for c in cities}
    fig.suptitle(f"Secondary sector's share of value added, {y0} → {y1}: " + ", ".join(
        f"{c} {sec[c][0]:.0%} → {sec[c][1]:.0%}" for c in cities))
    add_source(fig, Source(source, f"{y0}-{y1}", "computed",
                           "Value added by sector at current prices, as shares of the sum of "
                           "the three sectors (years with all three filled)."))
    return fig


def tertiary_transition_figure(trans: Indicator, *, city: str, comparison: str, source: str,
                               xlabel: str = "Year"):
    """Tertiary share among the major cities and the city's shift-share (section 2b).

    Left: ``trans.parts["tertiary"]`` of :func:`~smartregion.cases.tertiary_transition`, the
    group's middle half and median; right: the city's three shift-share components.
    """
    tert, path, rank = trans.parts["tertiary"], trans.table, trans.parts["rank"]
    ss_city = trans.parts["shift_share"].loc[city]
    y_a, y_b = trans.parts["years"]
    n = tert.shape[1]
    fig = Figure(figsize=(11, 4.6), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2, width_ratios=[1.3, 1])
    yrs = tert.index.to_numpy()
    for c in tert.columns:
        if c not in (city, comparison):
            ax1.plot(yrs, 100 * tert[c], color=PALETTE["muted"], lw=0.6, alpha=0.6)
    ax1.fill_between(yrs, 100 * path[f"q25_{n}"], 100 * path[f"q75_{n}"], color="#cccccc",
                     alpha=0.6, lw=0, label=f"middle half of the {n} cities")
    ax1.plot(yrs, 100 * path[f"median_{n}"], color="black", lw=1.2, ls="--", label="median")
    for c in (city, comparison):
        ax1.plot(yrs, 100 * tert[c], color=color_for(c), lw=2.2, marker="o", ms=3, label=c)
    ax1.set_xlabel(xlabel)
    ax1.set_ylabel("Tertiary industry, % of value added")
    ax1.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax1.legend(loc="upper left", fontsize=8)
    ax1.set_title(f"Tertiary share, {n} major cities")
    comps = ["national_share", "industry_mix", "regional_share"]
    values = [float(ss_city[c_]) for c_ in comps]
    bars = ax2.barh(np.arange(3), values,
                    color=[PALETTE["muted"], PALETTE["comparison"], color_for(city)])
    # every component labelled with its value: a small one is otherwise unreadable
    ax2.bar_label(bars, labels=[f"{v:+,.0f}" for v in values], padding=3, fontsize=8)
    ax2.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax2.margins(x=0.15)
    ax2.set_yticks(np.arange(3), [f"national share\n({n}-city growth)", "industry mix",
                                  "regional share"])
    ax2.invert_yaxis()
    ax2.axvline(0, color="black", lw=0.6)
    ax2.set_xlabel(f"Change of {city}'s value added {y_a}-{y_b} (100 million yuan)")
    ax2.set_title(f"{city}: shift-share against the {n} cities")
    verb = "rose" if tert.loc[y_b, city] >= tert.loc[y_a, city] else "fell"
    fig.suptitle(f"{city}'s tertiary share {verb} from {tert.loc[y_a, city]:.0%} to "
                 f"{tert.loc[y_b, city]:.0%} ({y_a}-{y_b}), rank {int(rank.loc[y_b, city])} "
                 f"of {n} major cities in {y_b}")
    add_source(fig, Source(source, f"{y_a}-{y_b}", "computed",
                           "Value added at current prices of the three industries; left: grey "
                           "lines the other cities; right: Dunn shift-share of the change in "
                           f"the sum of the three industries, reference the {n}-city "
                           "aggregate."))
    return fig


def gdp_series_figure(series: Indicator, *, city: str, source: str, years: str):
    """Two published GDP series of one city and their growth rates (section 3).

    Draws ``series.table`` of :func:`~smartregion.cases.gdp_series_comparison`; the dashed
    line marks the jump year.
    """
    s, jump = series.table, series.parts["jump_year"]
    colours = {"panel": PALETTE["base"], "nbs": "#404040"}
    fig = Figure(figsize=(10, 4.4), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    ax1.plot(s.index, s["prefecture_panel"], marker="o", ms=3, color=colours["panel"],
             label="City Statistical Yearbook panel")
    ax1.plot(s.index, s["nbs_major_cities"], marker="s", ms=3, color=colours["nbs"],
             label="NBS major-city export")
    ax1.set_xlabel("Year")
    ax1.set_ylabel("GDP (100 million yuan, current prices)")
    ax1.set_title(f"{city} GDP: two published series")
    ax2.plot(s.index, 100 * s["growth_panel"], marker="o", ms=3, color=colours["panel"])
    ax2.plot(s.index, 100 * s["growth_nbs"], marker="s", ms=3, color=colours["nbs"])
    ax2.axvline(jump, color="grey", lw=0.8, ls="--")
    ax2.axhline(0, color="black", lw=0.6)
    ax2.set_xlabel("Year")
    ax2.set_ylabel("Nominal growth on the previous year (%)")
    ax2.set_title("Year-on-year growth")
    for a in (ax1, ax2):
        a.xaxis.set_major_locator(MaxNLocator(integer=True))
        a.grid(True, lw=0.3, alpha=0.5)
    ax1.legend(loc="upper left", fontsize=8)  # the series start low on the left
    fig.suptitle(f"{city}'s GDP in the NBS export jumps by "
                 f"{s.loc[jump, 'growth_nbs']:.0%} in {jump}, in the yearbook "
                 f"panel by {s.loc[jump, 'growth_panel']:.0%}: two vintages")
    add_source(fig, Source(source, years, "computed",
                           "GDP at current prices as published in each source; dashed line: "
                           "the year of the largest gap between the two growth rates."))
    return fig


def prefecture_growth_figure(growth: Indicator, *, prefcode: int, city: str, start: int,
                             end: int, source: str):
    """Histogram of real GDP growth of the prefecture-level cities, the city marked (section 3).

    Draws ``growth.table`` of :func:`~smartregion.cases.prefecture_growth`.
    """
    ranked = growth.table
    n_real = int(ranked["rank_real"].notna().sum())
    n_nominal = int(ranked["rank"].notna().sum())
    me = ranked.loc[prefcode]
    fig = Figure(figsize=(8.5, 5), layout="constrained")
    ax = fig.add_subplot()
    ax.hist(100 * ranked["cagr_real"].dropna(), bins=40, color=PALETTE["comparison"],
            label=f"{n_real} cities, real GDP")
    colour = color_for(city)
    ax.axvline(100 * me["cagr_real"], color=colour, lw=2,
               label=f"{city}, real (rank {int(me['rank_real'])} of {n_real})")
    ax.axvline(100 * me["cagr"], color=colour, lw=1.5, ls=":",
               label=f"{city}, nominal (rank {int(me['rank'])} of {n_nominal} "
                     "on nominal growth)")
    ax.axvline(100 * ranked["cagr_real"].median(), color="black", lw=1, ls="--",
               label="median, real")
    ax.set_xlabel(f"GDP growth {start}-{end} (% a year, compound)")
    ax.set_ylabel("Prefecture-level cities (count)")
    ax.set_title(f"{n_real} prefecture-level cities, real GDP growth "
                 f"{start}-{end}: {city} rank {int(me['rank_real'])}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8)
    add_source(fig, Source(source, f"{start}-{end}", "computed",
                           f"Real GDP = nominal GDP / the compiler's chained GDP deflator. "
                           f"Cities without values in both end years are not ranked; "
                           f"{growth.parts['n_flagged']} cities have a level shift in the span "
                           f"(a boundary or series change flagged by level_shifts) and stay in "
                           f"the histogram, listed in tables/03_prefecture_level_shifts.csv."))
    return fig


def district_lq_figure(structure: Indicator, *, city: str, source: str):
    """Heat map of the districts' location quotients by GB/T section (section 4).

    Draws ``structure.parts["heat"]`` of :func:`~smartregion.cases.district_structure` (cells
    under its ``min_cell`` workers left grey), sections grouped into the three sectors.
    """
    shown, year = structure.parts["heat"], structure.parts["year"]
    group = structure.table["group"]
    heat = shown.rename(columns=lambda c: f"{c} {SECTION_SHORT[c]}",
                        index=lambda d: f"{d} ({group.loc[d]})")
    fig = lq_heatmap(heat, groups={f"{c} {SECTION_SHORT[c]}": SECTOR_OF_SECTION[c]
                                   for c in shown.columns},
                     group_order=["primary", "secondary", "tertiary"], label_width=18,
                     title=f"{city}'s {len(shown)} districts, {year}: location quotients of "
                           "full-time workers by GB/T 4754 section against the city",
                     figsize=(13, 6))
    add_source(fig, Source(source, str(year), "computed",
                           "Year-end full-time employed workers of reporting units; LQ = the "
                           "district's share of a section / the city's share. Grey cells "
                           f"without a number: fewer than {structure.parts['min_cell']} workers "
                           "in the cell (noisy LQ; all values in tables/03_district_lq.csv). "
                           "Sections grouped into China's three sectors; colour scale shared "
                           "by every LQ heat map of this study."))
    return fig


def district_manufacturing_figure(structure: Indicator, *, city: str, source: str,
                                  colours: Mapping[str, str] = DISTRICT_GROUP_COLOURS):
    """Manufacturing share of each district's workers, coloured by district group (section 4).

    Draws ``structure.table`` of :func:`~smartregion.cases.district_structure`; the dashed line
    is the city's share.
    """
    table, k, year = structure.table, structure.key_numbers, structure.parts["year"]
    fig = Figure(figsize=(9, 4.4), layout="constrained")
    ax = fig.add_subplot()
    ax.barh(np.arange(len(table)), 100 * table["manufacturing_share"],
            color=[colours[g] for g in table["group"]])
    ax.set_yticks(np.arange(len(table)), table.index)
    ax.invert_yaxis()
    ax.axvline(100 * k[f"manufacturing_share_{city.lower()}"], color="black", lw=0.8, ls="--",
               label=f"{city} as a whole")
    for g, c in colours.items():
        ax.barh([np.nan], [np.nan], color=c, label=g)
    ax.set_xlabel("Manufacturing (section C), % of the district's full-time workers")
    ax.set_title(f"{city}, {year}: manufacturing employs "
                 f"{k['manufacturing_share_new_districts']:.0%} of full-time "
                 "workers in the new districts,\n"
                 f"{k['manufacturing_share_outer_districts']:.0%} in the outer "
                 f"districts, {k['manufacturing_share_service_core']:.0%} in the "
                 "core of the former SEZ")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    add_source(fig, Source(source, str(year), "computed",
                           "Year-end full-time employed workers of reporting units."))
    return fig


def _log2_ticks(v: float, _pos: int) -> str:
    """Tick label of a log2 LQ axis: ``2``, ``1``, ``1/2``."""
    return f"{v:g}" if v >= 1 else f"1/{1 / v:g}"


def paired_lq_figure(sides: Indicator, *, labels: Mapping[str, str], source: Source):
    """Two regions' LQs against their own countries on paired sections, log2 scale (section 7).

    Draws ``sides.table`` of :func:`~smartregion.cases.paired_sections`; ``labels`` maps each
    region's name to its legend label. Bars run from LQ = 1 (the country's share) to the LQ,
    so under- and over-representation read the same way on the log scale.
    """
    side, lq_col = sides.table, sides.parts["lq_columns"]
    (a, b), gap_area = list(lq_col), sides.parts["gap_area"]
    fig = Figure(figsize=(9.5, 5.5), layout="constrained")
    ax = fig.add_subplot()
    pos = np.arange(len(side))
    for r, shift in ((a, -0.2), (b, 0.2)):
        ax.barh(pos + shift, side[lq_col[r]] - 1, left=1, height=0.4, color=color_for(r),
                label=labels[r])
    ax.axvline(1, color="black", lw=0.8)
    ax.set_xscale("log", base=2)
    ax.xaxis.set_major_formatter(FuncFormatter(_log2_ticks))
    ax.set_yticks(pos, side.index, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Location quotient of employment against the own country (log2 scale; 1 = "
                  "same share)")
    ax.set_title(f"{a} and {b} against their own countries: they differ most in "
                 f"{sides.key_numbers['largest_lq_gap_section']} (LQ "
                 f"{side.loc[gap_area, lq_col[b]]:.2f} in {b}, "
                 f"{side.loc[gap_area, lq_col[a]]:.2f} in {a})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8)
    add_source(fig, source)
    return fig


def province_figure(ranks: Indicator, path: Indicator, *, region: str, colour: str,
                    names: Mapping[str, str], n_path: int, break_year: int, left_out: str,
                    source: str):
    """A province's LQs among all provinces, and its ECI path with the coverage break (7a).

    Left: ``ranks.parts["lq"]`` of :func:`~smartregion.cases.province_ranks` against the
    provinces' middle half and median; right: ``path.table`` of
    :func:`~smartregion.cases.province_path` with the provinces' middle half, ranks as labels.
    ``left_out`` names the provinces outside the path (with empty cells).
    """
    top, all_lq, last = ranks.parts["lq"], ranks.parts["all_lq"], ranks.parts["year"]
    pi, pranks, gd_path = ranks.table, ranks.parts["ranks"], path.table
    y0p = path.parts["years"][0]
    n_all = len(pi)
    fig = Figure(figsize=(12, 4.8), layout="constrained")
    axa, axb = fig.subplots(1, 2, width_ratios=[1.25, 1])
    ypos = np.arange(len(top))
    axa.hlines(ypos, all_lq.quantile(0.25), all_lq.quantile(0.75), color="#bbbbbb", lw=6,
               label=f"middle half of the {n_all} provinces")
    axa.plot(all_lq.median(), ypos, "|", color="black", ms=10, label="median province")
    axa.plot(top.values, ypos, "o", color=colour, ms=6, label=region)
    axa.axvline(1, color="black", lw=0.6)
    axa.set_xscale("log", base=2)
    axa.xaxis.set_major_formatter(FuncFormatter(_log2_ticks))
    axa.set_yticks(ypos, [f"{s_} {names[s_]}" for s_ in top.index], fontsize=7)
    axa.invert_yaxis()
    axa.set_xlabel(f"Location quotient of urban-unit employment vs China, {last} (log2 scale)")
    axa.legend(loc="upper left", fontsize=7)
    axa.set_title(f"{region} by section, {last}")
    yrs = gd_path.index.to_numpy()
    axb.fill_between(yrs, gd_path["eci_q25"], gd_path["eci_q75"], color="#cccccc", lw=0,
                     label=f"middle half of the {n_path} provinces")
    axb.plot(yrs, gd_path["eci"], marker="o", ms=3, color=colour, lw=2,
             label=f"{region} (rank in labels)")
    for t_, v_, r_ in zip(yrs, gd_path["eci"], gd_path["eci_rank"]):
        axb.annotate(str(int(r_)), (t_, v_), textcoords="offset points", xytext=(0, 6),
                     ha="center", fontsize=7)
    axb.set_xlim(yrs.min() - 0.5, yrs.max() + 0.5)
    mark_break(axb, break_year - 0.5, label="wider survey\ncoverage")
    axb.set_xlabel("Year")
    axb.set_ylabel("ECI (z-score across provinces)")
    axb.xaxis.set_major_locator(MaxNLocator(integer=True))
    axb.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=7)
    axb.set_title(f"{region}'s economic complexity, {y0p}-{last}")
    fig.suptitle(f"{region} among China's provinces: manufacturing LQ "
                 f"{pi.loc[region, 'manufacturing_lq']:.2f} "
                 f"(rank {pranks.loc[region, 'manufacturing_lq']} of {n_all}) and ECI rank "
                 f"{pranks.loc[region, 'eci']} of {n_all} in {last}")
    add_source(fig, Source(source, f"{y0p}-{last}", "computed",
                           f"19 GB/T 4754 sections. Left: all {n_all} provinces, {last}. "
                           f"Right: eigenvector ECI on M = 1[LQ >= 1], {n_path} provinces "
                           f"without empty cells ({left_out} left out), rank 1 = highest; "
                           f"dotted line: the {break_year} change of survey coverage."))
    return fig


def group_lq_figure(groups: Indicator, *, title: str, source: Source):
    """Heat map of the GDP-weighted LQs of the cities' manufacturing groups (section 6).

    Draws ``groups.parts["lq_weighted"]`` of :func:`~smartregion.cases.group_structure`;
    ``title`` names the city set and year (the number of cities is appended).
    """
    lq_w = groups.parts["lq_weighted"]
    fig = lq_heatmap(lq_w, label_width=18, figsize=(9, 5.5),
                     title=f"{title} of the {len(lq_w)} cities (GDP-weighted)")
    add_source(fig, source)
    return fig


def district_map_figure(maps: Indicator, polygons, *, city: str, title: str, source: Source):
    """Two district maps: manufacturing share and its LQ against the city (section 11).

    Draws ``maps.parts["share"]`` and ``["lq"]`` of
    :func:`~smartregion.cases.district_map_values` on ``polygons``. The figure's ``map_join``
    is the join of the share map (both maps draw the same polygons).
    """
    share, lq, label_of = maps.parts["share"], maps.parts["lq"], maps.parts["labels"]
    fig = Figure(figsize=(13, 5.6), layout="constrained")
    ax_s, ax_q = fig.subplots(1, 2)
    choropleth(polygons, 100 * share, kind="continuous", cmap="Blues", labels=label_of,
               adjust_labels=True, ax=ax_s, legend_title="Manufacturing, % of full-time workers",
               title=f"Manufacturing share: {100 * share.max():.0f}% in "
                     f"{label_of[share.idxmax()]}, {100 * share.min():.0f}% in "
                     f"{label_of[share.idxmin()]}")
    share_join = fig.map_join
    choropleth(polygons, lq, kind="log2", labels=label_of, adjust_labels=True, ax=ax_q,
               legend_title=f"LQ of manufacturing against {city} (log2 scale)",
               title=f"Manufacturing LQ against the city: {int((lq >= 1).sum())} of "
                     f"{len(lq)} polygons at LQ >= 1")
    fig.map_join = share_join
    fig.suptitle(title)
    add_source(fig, source)
    return fig


def province_map_figure(values: Indicator, provinces, *, region: str, name: str, year: int,
                        source: Source):
    """Map of one sector's share of employment by province, one province outlined (11).

    Draws ``values.parts["by_polygon"]`` of :func:`~smartregion.cases.province_share_values`
    in quintiles; ``region`` is the outlined province's Chinese name, ``name`` its display name.
    The frame is cut at 17°N (Hainan's South China Sea islands are not shown).
    """
    share, rank = values.parts["share"], values.parts["rank"]
    fig = choropleth(
        provinces, 100 * values.parts["by_polygon"], kind="binned", scheme="quantiles", k=5,
        cmap="Blues", fmt="{:.0f}%", highlight=values.parts["code_of"][region],
        name_col="name_en", figsize=(8.5, 6.8), legend_loc="lower left",
        legend_title="Manufacturing, % of urban-unit employment (quintiles)",
        title=f"Manufacturing share of urban-unit employment, {year}: {name} "
              f"{100 * share[region]:.0f}%, rank {int(rank[region])} of {len(share)}",
        source=source, boundary_credit="cn_atlas")
    fig.axes[0].set_ylim(17, 54)
    return fig


# --- the Kyoto case (notebook 02), drawn from the indicators of smartregion.cases.kyoto ---

def top_lq_figure(top: Indicator, *, region: str, n_regions: int, min_persons: float,
                  source: str):
    """Bars of a region's strongest location quotients, code and label on each bar (2a).

    Draws ``top.table`` of :func:`~smartregion.cases.top_specialisations`; the title names the
    strongest group and its LQ.
    """
    t = top.table
    bars = pd.Series(t["lq"].to_numpy(),
                     index=[f"{c} {lbl}" for c, lbl in zip(t.index, t["label_rev14"])])
    fig = lq_bar(bars, color=color_for(region), label_width=52,
                 title=f"{region} prefecture, 2014: its {len(t)} strongest specialisations, led "
                       f"by {t['label_rev14'].iloc[0].lower()} (LQ {t['lq'].iloc[0]:.1f})",
                 xlabel=f"Location quotient of persons engaged ({region} vs {n_regions} "
                        "prefectures; 1 = same share)")
    add_source(fig, Source(source, "2014", "computed",
                           f"Minor groups with at least {min_persons:,} persons engaged in "
                           f"{region}; labels from the JSIC Rev.14 code list; dashed line: "
                           "LQ = 1."))
    return fig


def city_employment_figure(totals: Indicator, variety: Indicator, *, city: str, source: str,
                           break_note: str):
    """Three panels: the city's employment index against Japan's, by type, per worker (3d).

    Draws ``totals.table`` of :func:`~smartregion.cases.manufacturing_totals` and
    ``variety.parts["by_type"]`` of :func:`~smartregion.cases.city_variety`.
    """
    t, p = totals.table, totals.parts
    first, last, va_last = p["first"], p["last"], p["va_last"]
    start = variety.key_numbers["variety_first_year"]
    names = {"city_employment_index": city, "japan_employment_index": "Japan",
             "city_va_per_worker_million_yen": city, "japan_va_per_worker_million_yen": "Japan"}
    fig = Figure(figsize=(15, 4.6), layout="constrained")
    axes = fig.subplots(1, 3)
    index_timeseries(t[["city_employment_index", "japan_employment_index"]].rename(columns=names),
                     ylabel=f"Persons engaged, index {first} = 100", xlabel="Year",
                     title=f"Manufacturing employment, {city} and Japan", label_ends=True,
                     statistical_break=True, ax=axes[0])
    index_timeseries(variety.parts["by_type"].rename(columns=METI_TYPE_LABELS),
                     colors=METI_TYPE_COLORS, xlabel="Year", ylabel="Persons engaged",
                     label_ends=True, title=f"{city} by METI industry type", ax=axes[1])
    index_timeseries(t.loc[:va_last, ["city_va_per_worker_million_yen",
                                      "japan_va_per_worker_million_yen"]].rename(columns=names),
                     ylabel="Value added per person engaged (million yen, nominal)",
                     xlabel="Year", title="Value added per worker", label_ends=True, ax=axes[2])
    for a in axes[1:]:
        mark_break(a, label=None)
    fig.suptitle(f"{city}'s manufacturing employment changed by "
                 f"{p['change_pct']['city']:+.0f}% over {first}-{last}, Japan's by "
                 f"{p['change_pct']['japan']:+.0f}%")
    add_source(fig, Source(source, f"{first}-{last}", "computed",
                           f"{city} = sum of its ward rows; Japan = sum of the prefecture rows; "
                           f"industry types from {start} (first year without suppressed "
                           f"ward cells); value added per worker to {va_last} (the {last} file "
                           "holds no value added). " + break_note))
    return fig


def wards_employment_figure(wards: Indicator, totals: Indicator, *, city: str, colour: str,
                            source: str, break_note: str):
    """Small multiples of each ward's employment index with the city and Japan (3d).

    Draws ``wards.parts["index"]`` of :func:`~smartregion.cases.ward_employment`, with the
    employment indices of ``totals.table`` (:func:`~smartregion.cases.manufacturing_totals`)
    as the two reference lines of every panel.
    """
    first, last = totals.parts["first"], totals.parts["last"]
    chg = wards.parts["change"]
    refs = totals.table[["city_employment_index", "japan_employment_index"]].rename(
        columns={"city_employment_index": city, "japan_employment_index": "Japan"})
    return index_small_multiples(
        wards.parts["index"], refs, ncols=4, ylabel=f"Persons engaged, index {first} = 100",
        reference_colors={city: colour, "Japan": "#000000"}, reference_styles={"Japan": "--"},
        panel_notes={w: f"{v:+.0f}%" for w, v in chg.items()}, own_label="the panel's ward",
        suptitle=f"Manufacturing employment of {city}'s {len(chg)} wards, "
                 f"{first}-{last} (index): largest fall in {chg.index[0]} "
                 f"({chg.iloc[0]:+.0f}%), smallest in {chg.index[-1]} ({chg.iloc[-1]:+.0f}%)",
        source=Source(source, f"{first}-{last}", "computed",
                      "Ward rows as published (each year's boundaries: the former town of "
                      "Keihoku is in Ukyo from 2005); panels ordered from the largest fall; the "
                      f"number in each panel is the ward's change {first}-{last}. "
                      + break_note))


def _lower_first(text: str) -> str:
    """Sentence case inside a title: only the first letter is lowered (ICT stays ICT)."""
    return text[:1].lower() + text[1:]


def city_shift_share_figure(ss: Indicator, *, city: str, short: str, colour: str, start: int,
                            end: int, source: str):
    """Stacked shift-share components of each group's change, with the actual change (3e).

    Draws ``ss.table`` of :func:`~smartregion.cases.city_shift_share`, rows ordered by the
    regional (city-specific) component; the title names the largest gain and loss. ``short``
    names the city in the legend ("regional share (<short>-specific)").
    """
    comp = (ss.table.sort_values("regional_share", kind="stable")
            [["name_en", "national_share", "industry_mix", "regional_share", "change"]])
    fig = Figure(figsize=(9, 7), layout="constrained")
    ax = fig.add_subplot()
    pos = np.arange(len(comp))
    left_neg, left_pos = np.zeros(len(comp)), np.zeros(len(comp))
    parts = {"national_share": ("national share", PALETTE["muted"]),
             "industry_mix": ("industry mix", PALETTE["base"]),
             "regional_share": (f"regional share ({short}-specific)", colour)}
    for col, (lab, c) in parts.items():
        vals = comp[col].to_numpy()
        ax.barh(pos, vals, left=np.where(vals < 0, left_neg, left_pos), height=0.7, color=c,
                label=lab)
        left_neg += np.minimum(vals, 0)
        left_pos += np.maximum(vals, 0)
    ax.scatter(comp["change"], pos, color="black", marker="D", zorder=3, s=16,
               label="actual change (sum of the three)")
    ax.set_yticks(pos, [wrap_label(n, 34, 2) for n in comp["name_en"]], fontsize=8)
    ax.set_ylim(-0.6, len(comp) - 0.4)
    ax.axvline(0, color="black", lw=0.8)
    ax.grid(True, axis="x", lw=0.3, alpha=0.5)
    ax.set_xlabel(f"Change in persons engaged, {start}-{end} (persons)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=8)
    names = ss.table["name_en"]
    gain = names[ss.table["regional_share"].idxmax()].split(" (")[0]
    loss = names[ss.table["regional_share"].idxmin()].split(" (")[0]
    ax.set_title(f"{city}, {start}-{end}: city-specific (regional) component "
                 f"{ss.parts['total']['regional_share']:+,.0f} persons in total;\nlargest gain "
                 f"in {_lower_first(gain)}, largest loss in {_lower_first(loss)}")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    add_source(fig, Source(source, f"{start} and {end}", "computed",
                           "Shift-share of Dunn (1960): national share, industry mix and "
                           "regional share, with the growth rates of the reference area (every "
                           f"municipality and ward with full industry detail in both years, "
                           f"{city} included)."))
    return fig


def wards_lq_figure(ward_lq, *, city: str, year: int, source: str):
    """Heat map of the wards' location quotients against the city, by METI type (3f)."""
    fig = lq_heatmap(ward_lq, groups="meti", figsize=(12, 6.5),
                     title=f"{city}'s wards, {year}: manufacturing location quotients, by METI "
                           f"industry type; reference area: {city} as a whole")
    add_source(fig, Source(source, str(year), "computed",
                           "LQ = the ward's share of a group / the city's share. Grey cells "
                           "without a number: no persons engaged in that group and ward. The "
                           "colour scale (LQ 1/16 to 16) is shared by every LQ heat map of this "
                           "study."))
    return fig


def municipal_map_figure(change: Indicator, ward: Indicator, units, *, region: str, city: str,
                         ward_names: Mapping[str, str], bins: Sequence[float], start: int,
                         end: int, source: str):
    """Two maps: employment change by municipal unit, and one group's ward LQ (section 5).

    Draws ``change.table["change_pct"]`` of :func:`~smartregion.cases.municipal_change` on
    ``units`` in classes bounded by ``bins`` (extended to the maximum when it lies above
    them), the city's wards outlined, and ``ward.parts["lq"]`` of
    :func:`~smartregion.cases.ward_group_lq` on the wards. The figure's ``map_join`` is the
    join of the municipal map.
    """
    pct, lq = change.table["change_pct"], ward.parts["lq"]
    group = ward.key_numbers["map_ward_group"]
    wards = units[units["kind"] == "ward"]
    fig = Figure(figsize=(13, 6.8), layout="constrained")
    ax_p, ax_w = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
    choropleth(units, pct, kind="binned", scheme="user_defined",
               scheme_kwargs={"bins": list(bins) + [pct.max()]
                              if pct.max() > bins[-1] else list(bins)},
               cmap="RdBu", fmt="{:+.0f}%", highlight=list(wards["region_id"]),
               highlight_label=city, ax=ax_p, legend_loc="lower left",
               legend_title="Change in persons engaged (municipal units per class)",
               title=f"Manufacturing employment change {start}-{end} by municipality "
                     "and ward")
    municipal_join = fig.map_join
    choropleth(wards, lq, kind="log2", cmap="RdBu_r", labels=ward_names, adjust_labels=True,
               ax=ax_w, legend_title="LQ against the city (log2 scale)",
               title=f"{group}, {end}: ward LQ against {city} "
                     f"(highest: {ward_names[lq.idxmax()]}, {lq.max():.1f})")
    fig.map_join = municipal_join
    fig.suptitle(f"Where {region}'s manufacturing shrank and where the city's {group.lower()} "
                 "sits")
    add_source(fig, map_source(Source(source, f"{start} and {end}", "computed",
                                      "Left: per cent change in persons engaged, harmonised "
                                      "2020 boundaries. Right: LQ = the ward's share of the "
                                      "group / the city's share; log2 scale clipped at LQ 1/16 "
                                      "and 16."), "jp_boundaries"))
    return fig
