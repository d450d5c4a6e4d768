"""Figures of a region among Japan's prefectures (notebook 04), one function per finding.

Each function takes what :mod:`smartregion.cases.prefectures` returns (an
:class:`smartregion.policy.Indicator`, or the backbone graph and its layout) and the region,
and returns the Matplotlib figure with its source line. Titles state the finding from the
indicator's own numbers. ``source`` names the dataset (with its coverage); the function adds
``year`` and the method note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from .. import network as nw
from ..plots import (
    PALETTE,
    Source,
    add_source,
    choropleth,
    color_for,
    industry_space_plot,
    map_source,
    null_distribution_plot,
    rank_interval_plot,
    rv_uv_scatter,
    wrap_label,
)
from ..policy import Indicator

__all__ = [
    "coherence_figure",
    "eci_map_figure",
    "eci_ranking_figure",
    "footprint_null_figure",
    "industry_lq_map_figure",
    "industry_space_figure",
    "prefecture_codes",
    "variety_figure",
    "variety_map_figure",
]

#: Note added to the source line of every map of the prefectures.
MAP_NOTE = " Hatched: not in the census file. Okinawa moved (boxed)."


def _label(code: Any, name: str, width: int = 26) -> str:
    """``code name``, the name cut to ``width`` characters with an ellipsis.

    >>> _label("091", "Meat products and dairy products manufacturing")
    '091 Meat products and dairy ...'
    """
    return f"{code} {name if len(name) <= width else name[:width - 2] + '...'}"


def industry_space_figure(backbone: Any, layout: Mapping[Any, Any], specialised: pd.Series,
                          attributes: pd.DataFrame, *, region: str, source: str, year: int):
    """The region's specialisations on the backbone of the industry space (section 4).

    ``specialised`` is the region's row of the binary specialisation matrix; nodes are
    coloured by ``sector`` and sized by ``size`` (node attributes); the labels are the code and
    the start of the ``name`` of ``attributes``. The backbone is copied, not relabelled.
    """
    graph = backbone.copy()
    for v in graph.nodes:
        graph.nodes[v]["label"] = _label(v, str(attributes.loc[v, "name"]))
    return industry_space_plot(
        graph, layout=layout, highlight=specialised.astype(bool), color_by="sector",
        size_by="size", max_labels=12, max_legend=12, figsize=(10.5, 8.5),
        legend_title="Sector (JSIC divisions)",
        size_label=f"Persons engaged in Japan, {year} (node area)",
        title=f"{region}'s {int(specialised.sum())} specialisations (LQ >= 1) on the industry "
              f"space of {graph.number_of_nodes()} minor groups, Japan {year}",
        source=Source(source, str(year), "computed", nw.describe_backbone(graph)
                      + " Layout: seeded spring layout of the backbone."))


def footprint_null_figure(footprints: Indicator, *, region: str, reading: str, source: str,
                          year: int, backbone_degree: float):
    """The largest linked share of the prefectures shown against their null draws (5a).

    From :func:`~smartregion.cases.regional_footprints` (``parts["null"]`` and its draws);
    ``reading`` is the region's ``region_footprint_reading``.
    """
    null, shown = footprints.parts["null"], footprints.parts["shown"]
    pos = [list(footprints.parts["order"]).index(r) for r in shown]
    draws = null.attrs["null"]["largest_linked_share"]
    return null_distribution_plot(
        {r: draws[:, p] for r, p in zip(shown, pos)},
        {r: float(null.loc[r, "largest_linked_share"]) for r in shown},
        percentiles={r: float(null.loc[r, "largest_linked_share_percentile"]) for r in shown},
        bins=30,
        xlabel="Share of the prefecture's specialisations in their largest linked group on the "
               "backbone (0-1)",
        title=f"{region}'s footprint is {reading} ({year})",
        source=Source(source, str(year), "computed",
                      "Grey: curveball draws keeping every prefecture's number of "
                      "specialisations and every industry's ubiquity; shaded: central 95% of "
                      f"the draws. Backbone (mean degree {backbone_degree:g}) of the default "
                      "relatedness estimated without the prefecture shown."))


def coherence_figure(footprints: Indicator, *, region: str, n_industries: int, method: str,
                     source: str, year: int):
    """Every prefecture: number of specialisations against its coherence z-score (5b).

    From :func:`~smartregion.cases.regional_footprints`; dashed lines at z = +-1.96.
    """
    fp, k = footprints.parts["measures"], footprints.key_numbers
    z_rank = int(footprints.parts["ranks"].loc[region, "rank_coherence_z"])
    fig = rv_uv_scatter(
        fp, x="n_specialised", y="coherence_z", highlight=footprints.parts["shown"],
        max_labels=6,
        xlabel=f"Number of specialisations (minor groups with LQ >= 1, of {n_industries})",
        ylabel="Coherence, z-score against random portfolios",
        title=f"Net of size, {region}'s coherence ranks {z_rank} of {len(fp)} prefectures "
              f"(z = {fp.loc[region, 'coherence_z']:.1f} against random portfolios), {year}",
        figsize=(7.0, 5.2))
    ax = fig.axes[0]
    for yv in (-1.96, 1.96):
        ax.axhline(yv, color="grey", ls="--", lw=0.8)
    ax.axhline(0, color="black", lw=0.6)
    add_source(fig, Source(source, str(year), "computed",
                           f"Relatedness: {method} (package default), estimated without the "
                           f"prefecture itself; {k['n_null_draws']} curveball draws."))
    return fig


def variety_figure(variety: Indicator, *, region: str, comparison: Sequence[str], source: str,
                   year: int):
    """Related against unrelated variety of every prefecture, and both distributions (6).

    From :func:`~smartregion.cases.prefecture_variety`; ``region`` and ``comparison`` are
    highlighted in the scatter and marked on the histograms.
    """
    v, ranks = variety.parts["variety"], variety.parts["ranks"]
    shown = [region, *comparison]
    fig = Figure(figsize=(14, 4.8), layout="constrained")
    axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.6, 1, 1]})
    rv_uv_scatter(v, highlight=shown, labels=True, max_labels=8, ax=axes[0],
                  title="Each prefecture: related against unrelated variety")
    for ax, c in zip(axes[1:], ["related", "unrelated"]):
        ax.hist(v[c], bins=12, color=PALETTE[f"{c} variety"], alpha=0.85)
        for r in shown:
            ax.axvline(v.loc[r, c], color=color_for(r, PALETTE["highlight"]),
                       lw=2 if r == region else 1.2)
        ax.text(v.loc[region, c], 1.0, f" {region}: rank {ranks.loc[region, f'rank_{c}']}",
                transform=ax.get_xaxis_transform(), ha="left", va="bottom", fontsize=8,
                color=color_for(region, PALETTE["highlight"]), fontweight="bold")
        ax.set_xlabel(f"{c.capitalize()} variety (entropy, bits)")
        ax.set_ylabel("Prefectures (count)")
    fig.suptitle(f"Related and unrelated variety across {len(v)} prefectures, {year}: "
                 f"{region} ranks {ranks.loc[region, 'rank_related']} and "
                 f"{ranks.loc[region, 'rank_unrelated']} of {len(v)}")
    add_source(fig, Source(source, str(year), "computed",
                           "Entropy of persons engaged over minor groups (log base 2): related "
                           "within, unrelated between JSIC major groups. Vertical lines: "
                           + ", ".join(shown) + " (colours as in the left panel)."))
    return fig


def eci_ranking_figure(complexity: Indicator, *, region: str, highlight: Sequence[str],
                       source: str, year: int):
    """ECI ranks of the prefectures with their bootstrap intervals (section 7).

    From :func:`~smartregion.cases.complexity_ranking`.
    """
    k, table = complexity.key_numbers, complexity.table
    return rank_interval_plot(
        complexity.parts["intervals"], highlight=highlight,
        xlabel="ECI rank (1 = most complex); line: central 90% of the bootstrap ranks",
        title=f"{region} ranks {k['region_eci_rank']} of {len(table)} prefectures by economic "
              f"complexity; bootstrap interval {k['region_eci_rank_low']}-"
              f"{k['region_eci_rank_high']}, {year}",
        source=Source(source, str(year), "computed",
                      "ECI: eigenvector method (Hidalgo & Hausmann 2009) on LQ >= 1; "
                      f"{k['n_bootstrap_draws']} bootstrap samples of prefectures, PCI "
                      "re-estimated on each."))


# --------------------------------------------------------------------------------------------
# maps of the prefectures
# --------------------------------------------------------------------------------------------

def prefecture_codes(prefs: pd.DataFrame, regions: Sequence[str]) -> dict[str, str]:
    """JIS code of each prefecture polygon by English name; every census region must be one.

    >>> prefs = pd.DataFrame({"name_en": ["Kyoto", "Osaka"], "region_id": ["26", "27"]})
    >>> prefecture_codes(prefs, ["Kyoto"])
    {'Kyoto': '26', 'Osaka': '27'}
    """
    code_of = dict(zip(prefs["name_en"], prefs["region_id"]))
    not_found = [r for r in regions if r not in code_of]
    if not_found:
        raise ValueError(f"census regions without a prefecture polygon: {not_found}")
    return code_of


def _map_source(source: str, year: int, note: str) -> Source:
    return Source(source, str(year), "computed", note + MAP_NOTE)


def variety_map_figure(variety: Indicator, prefs: pd.DataFrame, *, code_of: Mapping[str, str],
                       region: str, move: Mapping[str, tuple[float, float]], source: str,
                       year: int):
    """Related and unrelated variety on the map of the prefectures, quintiles (9a)."""
    v, ranks = variety.parts["variety"], variety.parts["ranks"]
    fig = Figure(figsize=(13, 6.6), layout="constrained")
    for ax, c in zip(fig.subplots(1, 2), ["related", "unrelated"]):
        choropleth(prefs, v[c].rename(index=code_of), kind="binned", scheme="quantiles", k=5,
                   cmap="Blues" if c == "related" else "Oranges", fmt="{:.2f}",
                   highlight=code_of[region], name_col="name_en", move=move, ax=ax,
                   legend_title=f"{c.capitalize()} variety (bits), quintiles",
                   title=f"{c.capitalize()} variety: {region} ranks "
                         f"{ranks.loc[region, f'rank_{c}']} of {len(v)}")
    fig.suptitle(f"Related and unrelated variety by prefecture, {year} ({region} outlined)")
    add_source(fig, map_source(_map_source(
        source, year, "Entropy of persons engaged over minor groups (bits), within (related) "
        "and between (unrelated) JSIC major groups; classes are quintiles of the prefectures "
        "shown."), "jp_boundaries"))
    return fig


def eci_map_figure(complexity: Indicator, prefs: pd.DataFrame, *, code_of: Mapping[str, str],
                   region: str, move: Mapping[str, tuple[float, float]], source: str,
                   year: int):
    """ECI on the map of the prefectures, quintiles (9b)."""
    eci = complexity.table["eci"]
    return choropleth(
        prefs, eci.rename(index=code_of), kind="binned", scheme="quantiles", k=5,
        cmap="Purples", highlight=code_of[region], name_col="name_en", move=move,
        figsize=(7.5, 7), legend_title="ECI (z-score), quintiles of the prefectures",
        title=f"Economic complexity by prefecture, {year}: {region} ranks "
              f"{complexity.key_numbers['region_eci_rank']} of {len(eci)}",
        source=_map_source(source, year,
                           "ECI: eigenvector method (Hidalgo & Hausmann 2009) on LQ >= 1, "
                           "z-scored; classes are quintiles (the distribution is skewed: the "
                           f"highest, {eci.index[0]}, is {eci.iloc[0]:.1f} standard deviations "
                           "above the mean)."),
        boundary_credit="jp_boundaries")


def industry_lq_map_figure(lq_map: Indicator, prefs: pd.DataFrame, *,
                           code_of: Mapping[str, str], region: str,
                           move: Mapping[str, tuple[float, float]], source: str, year: int):
    """The location quotient of one industry on the map, log2 scale (9b).

    From :func:`~smartregion.cases.industry_lq_map`; the figure's ``map_join`` says which
    polygons carry values.
    """
    code, name, lq = (lq_map.parts[k] for k in ("industry", "name", "lq"))
    return choropleth(
        prefs, lq.rename(index=code_of), kind="log2", highlight=code_of[region],
        name_col="name_en", move=move, figsize=(7.5, 7),
        legend_title="Location quotient (log2 scale)",
        title=f"{code} {wrap_label(name, 45, 1)}: {region}'s LQ {lq[region]:.1f}, "
              f"{lq_map.key_numbers['map_industry_n_lq_above_1']} of {len(lq)} prefectures "
              "have LQ >= 1",
        source=_map_source(source, year,
                           f"LQ of minor group {code} = the prefecture's share of persons "
                           "engaged in it / Japan's share (the prefectures in the file); log2 "
                           "scale clipped at LQ 1/16 and 16."),
        boundary_credit="jp_boundaries")
