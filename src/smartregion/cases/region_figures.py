"""Figures of any region of any panel (notebook 07), one function per finding.

Each function takes what :mod:`smartregion.cases.region` returns (an
:class:`smartregion.policy.Indicator`) and the region, and returns the Matplotlib figure with
its source line. Titles state the finding from the indicator's own numbers. ``source`` is the
source line of the panel (:func:`panel_source`); each function adds its method note.
``period`` is the text appended to titles (e.g. ``" (2013)"``, or empty without time).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from ..panel import Panel
from ..plots import (
    PALETTE,
    Source,
    add_source,
    color_for,
    compute_layout,
    density_complexity_scatter,
    industry_space_plot,
    lq_bar,
    place_labels,
    rv_uv_scatter,
)
from ..policy import Indicator

__all__ = [
    "drawn_labels",
    "eci_rank_figure",
    "lq_top_figure",
    "panel_source",
    "region_industry_space_figure",
    "region_maps",
    "region_variety_figure",
    "targets_figure",
]


def panel_source(file_name: str, one: Panel, year: Any = None, *, value_name: str = "value"
                 ) -> Source:
    """Source line of every figure of a panel: the file, its coverage, the period, computed.

    ``value_name`` names the values when the panel does not (``one.value_name`` wins).
    """
    return Source(f"{file_name} ({one.value_name or value_name}, {len(one.regions)} "
                  f"regions x {len(one.industries)} industries)",
                  "" if year is None else str(year), "computed")


def lq_top_figure(lq: Indicator, *, region: str, period: str, source: Source, top: int = 20):
    """The region's ``top`` highest location quotients; the title counts LQ >= 1."""
    table = lq.table
    fig = lq_bar(table.loc[region], top=top,
                 title=f"{region}{period}: the {min(top, table.shape[1])} highest location "
                       f"quotients; {lq.key_numbers['n_specialisations']} of {table.shape[1]} "
                       "industries have LQ >= 1",
                 xlabel="Location quotient (region's share / all regions' share; 1 = average)")
    add_source(fig, source.with_note(f"LQ against all {table.shape[0]} regions of the file."))
    return fig


def region_variety_figure(variety: Indicator, *, region: str, period: str, source: Source,
                          level: Any, max_labels: int = 8):
    """Related against unrelated variety of every region, the region's two ranks in the title.

    ``level`` names the hierarchy level the unrelated variety is taken between.
    """
    var = variety.table
    fig = rv_uv_scatter(var, highlight=region, max_labels=max_labels,
                        title=f"Related and unrelated variety of {len(var)} regions{period}: "
                              f"{region} ranks {variety.key_numbers['related_variety_rank']} "
                              f"on related and {variety.parts['unrelated_rank']} on "
                              "unrelated variety")
    add_source(fig, source.with_note(f"Entropy in bits (log base 2); unrelated: between the "
                                     f"groups of hierarchy level {level!r}, related: within them."))
    return fig


def eci_rank_figure(complexity: Indicator, *, region: str, period: str, source: Source):
    """ECI of every region against its rank, the region highlighted and its rank in the title.

    A region without ECI (no specialisation) is said so in the title.
    """
    fig = Figure(figsize=(7.5, 4.0), layout="constrained")
    ax = fig.add_subplot()
    ordered = complexity.parts["eci"].dropna().sort_values(ascending=False)
    pos = np.arange(1, len(ordered) + 1)
    is_r = (ordered.index == region)
    ax.scatter(pos[~is_r], ordered.to_numpy()[~is_r], s=14, color=PALETTE["other regions"],
               edgecolors="#606060", linewidths=0.3)
    ax.scatter(pos[is_r], ordered.to_numpy()[is_r], s=60,
               color=color_for(str(region), PALETTE["highlight"]),
               edgecolors="black", zorder=3)
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_xlabel("Rank among the regions (1 = most complex)")
    ax.set_ylabel("ECI (z-score across regions)")
    ax.margins(x=0.04, y=0.12)
    if is_r.any():
        place_labels(ax, pos[is_r], ordered.to_numpy()[is_r], [str(region)], bold=[True],
                     color=color_for(str(region), PALETTE["highlight"]))
        ax.set_title(f"{region} ranks {int(pos[is_r][0])} of {len(ordered)} regions by "
                     f"economic complexity{period}")
    else:
        ax.set_title(f"Economic complexity (ECI) of {len(ordered)} regions{period}; {region} "
                     "has no ECI")
    add_source(fig, source.with_note("ECI: eigenvector method (Hidalgo & Hausmann 2009) on LQ "
                                     ">= 1; grey: the other regions of the file."))
    return fig


def region_industry_space_figure(space: Indicator, specialised: Any, *, region: str,
                                 period: str, source: Source, size_label: str, seed: int,
                                 iterations: int, max_labels: int, max_legend: int):
    """The region's specialisations on the backbone of the industry space (seeded layout).

    ``specialised``: the region's industries with LQ >= 1; nodes coloured by the group level
    of ``space`` and sized by the industry's total (``size_label`` says what it is).
    """
    bb, group_level = space.parts["backbone"], space.parts["group_level"]
    layout = compute_layout(bb, seed=seed, iterations=iterations)
    return industry_space_plot(
        bb, layout=layout, highlight=specialised, seed=seed, max_labels=max_labels,
        max_legend=max_legend, color_by=group_level,
        legend_title=f"Industry group ({group_level})" if group_level else None,
        size_label=size_label,
        title=f"{region}'s {len(specialised)} specialisations (LQ >= 1) on the industry space "
              f"of {space.parts['n_industries']} industries{period}",
        source=source.with_note(f"{bb.graph['rule']} Coloured and ringed: the region's "
                                "specialisations; grey: the other industries."))


def drawn_labels(fig: Any) -> dict[str, int]:
    """How many text labels and legend entries the first axes of ``fig`` carries."""
    ax = fig.axes[0]
    legend = ax.get_legend()
    return {"n_labels": len(ax.texts),
            "n_legend_entries": 0 if legend is None else len(legend.get_texts())}


def targets_figure(targets: Indicator, *, region: str, period: str, source: Source,
                   n_draws: int, method: str):
    """Candidates by relatedness density and PCI; the stable priority candidates labelled.

    The title counts the priority and the stable candidates (see
    :func:`smartregion.cases.region.region_targets`); ``method`` names the relatedness.
    """
    table, keys, named = targets.table, targets.key_numbers, targets.parts["named"]
    fig = density_complexity_scatter(
        table["density"], table["pci"], y_split=0.0, quadrant=table["quadrant"],
        title=f"{region}: {keys['n_priority_candidates']} of {len(table)} candidate industries "
              f"in the priority quadrant, {keys['n_stable_candidates']} of them stable{period}",
        xlabel=f"Relatedness density ({method}-weighted share, 0-1)",
        ylabel="Complexity (PCI, z-score; 0 = average industry)", label_top=0)
    place_labels(fig.axes[0], named["density"], named["pci"], [str(i) for i in named.index],
                 bold=[True] * len(named), avoid=fig.axes[0].collections[0])
    add_source(fig, source.with_note(f"Candidates: industries with LQ < 1. Density: share of "
                                     f"related industries ({method}) the region is specialised "
                                     "in; PCI: eigenvector method. Cuts: median density of the "
                                     "candidates (a density of 0 is never high; "
                                     f"{keys['n_candidates_zero_density']} candidates have 0) "
                                     "and PCI = 0; labelled: the densest stable priority "
                                     f"candidates (at least {keys['stable_share']:.0%} of "
                                     f"{n_draws} bootstrap samples)."))
    return fig


def region_maps(one: Panel, boundary_path: str, id_col: str, *, source: Source, region: str,
                industry: Any = None, illustrative: Path | None = None,
                drop_unmatched: bool = False) -> tuple[Any, dict[str, Any]]:
    """The maps of a panel's regions from a boundary file, and the numbers of the join.

    Boundaries are read with :func:`smartregion.plots.read_boundaries` (ids as text) and
    drawn by :func:`smartregion.plots.panel_maps`; the credit says "illustrative squares"
    when ``boundary_path`` is ``illustrative`` (the example's), else "user-supplied".
    Returns the maps and ``map_regions_matched``, ``map_polygons_no_data``,
    ``map_regions_dropped`` and ``map_industry`` (the industry on the LQ map).
    """
    from ..plots import panel_maps, read_boundaries

    bounds = read_boundaries(Path(boundary_path), id_col)
    made_up = illustrative is not None and Path(boundary_path).resolve() == illustrative
    credit = Path(boundary_path).name + (" (illustrative squares)" if made_up
                                         else " (user-supplied)")
    maps = panel_maps(one, bounds, id_col=id_col, source=source, region=region,
                      industry=industry, boundary_credit=credit, drop_unmatched=drop_unmatched)
    report = maps.join.report()
    return maps, {"map_regions_matched": report["n_matched"],
                  "map_polygons_no_data": report["n_no_data"],
                  "map_regions_dropped": report["n_dropped"],
                  "map_industry": str(maps.industry)}
