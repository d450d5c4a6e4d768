"""Figures for relatedness channels and for indicators read against a benchmark.

* :func:`relatedness_pairs_scatter`: one relatedness against another over pairs of sectors
  (e.g. input-output linkage against co-location relatedness aggregated to the sectors).
* :func:`churn_benchmark_plot`: each unit's churn beside the churn that noise alone makes.
* :func:`centrality_comparison_plot`: :func:`smartregion.plots.group_centrality_plot` on a
  graph named by the caller (the axis label says which graph the measures come from).

Only public names of :mod:`smartregion.plots` and :mod:`smartregion.figstyle` are used.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .figstyle import PALETTE, Source, add_source, place_labels
from .plots import display_label, group_centrality_plot

__all__ = ["relatedness_pairs_scatter", "churn_benchmark_plot", "centrality_comparison_plot"]

SMALL = 8


def _new(figsize: tuple[float, float]) -> tuple[Figure, Any]:
    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot()


def relatedness_pairs_scatter(
    pairs: pd.DataFrame,
    *,
    x: str,
    y: str,
    label: str = "label",
    n_label: int = 3,
    xlabel: str,
    ylabel: str,
    title: str,
    source: Source | str,
    figsize: tuple[float, float] = (8.5, 6.0),
) -> Figure:
    """Scatter of two relatednesses over pairs, the extreme pairs of each named.

    Each row of ``pairs`` is one pair (columns ``x``, ``y`` and a text ``label``). The
    ``n_label`` pairs highest on ``x``, the ``n_label`` highest on ``y`` and the ``n_label``
    lowest on ``y`` are labelled (ties broken by row order); labels are placed clear of each
    other and of the points. Dashed lines mark the medians of both axes.

    Returns
    -------
    Figure
    """
    for col in (x, y, label):
        if col not in pairs.columns:
            raise ValueError(f"pairs has no column {col!r}; columns are {list(pairs.columns)}.")
    data = pairs.dropna(subset=[x, y])
    fig, ax = _new(figsize)
    pts = ax.scatter(data[x], data[y], s=22, color=PALETTE["comparison"], edgecolor="white",
                     linewidth=0.4, zorder=3)
    ax.axvline(float(data[x].median()), color="black", lw=0.7, ls="--")
    ax.axhline(float(data[y].median()), color="black", lw=0.7, ls="--")
    by_x = data[x].sort_values(ascending=False, kind="stable")
    by_y = data[y].sort_values(ascending=False, kind="stable")
    chosen = list(dict.fromkeys(list(by_x.index[:n_label]) + list(by_y.index[:n_label])
                                + list(by_y.index[::-1][:n_label])))
    ax.scatter(data.loc[chosen, x], data.loc[chosen, y], s=30, color=PALETTE["highlight"],
               zorder=4)
    place_labels(ax, data.loc[chosen, x], data.loc[chosen, y],
                 [display_label(t) for t in data.loc[chosen, label]], avoid=pts)
    ax.set_xlabel(display_label(xlabel))
    ax.set_ylabel(display_label(ylabel))
    ax.set_title(display_label(title))
    ax.legend(handles=[Line2D([], [], color="black", lw=0.7, ls="--", label="medians"),
                       Line2D([], [], marker="o", ls="", color=PALETTE["highlight"],
                              label=f"pairs named: {n_label} highest on each axis, "
                                    f"{n_label} lowest on the vertical")],
              loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False,
              fontsize=SMALL)
    add_source(fig, source)
    return fig


def churn_benchmark_plot(
    table: pd.DataFrame,
    *,
    highlight: Hashable | None = None,
    labels: Sequence[str] | None = None,
    observed: str = "observed_churn",
    bands: dict[str, tuple[str, str]],
    xlabel: str,
    title: str,
    source: Source | str,
    figsize: tuple[float, float] = (9.0, 6.0),
) -> Figure:
    """One row per unit: its observed churn (dot) and the range noise alone produces (bars).

    ``bands`` maps a legend name to the ``(low, high)`` columns of one benchmark (e.g. the 5th
    and 95th percentiles of the churn between two noisy copies of the same year); each band
    is a horizontal bar drawn under the dot, offset so that bands do not overlap. Rows are
    drawn bottom to top in the order of ``table``; the ``highlight`` row is red.

    Returns
    -------
    Figure
    """
    if labels is not None and len(labels) != len(table):
        raise ValueError(f"{len(labels)} labels for {len(table)} rows.")
    fig, ax = _new(figsize)
    pos = np.arange(len(table), dtype=float)
    greys = ["#b0b0b0", "#5a5a5a", "#d9d9d9"]
    height = 0.7 / max(len(bands), 1)
    handles: list[Any] = []
    for k, (name, (lo, hi)) in enumerate(bands.items()):
        off = (k - (len(bands) - 1) / 2) * height
        grey = greys[k % len(greys)]
        ax.hlines(pos + off, table[lo].to_numpy(), table[hi].to_numpy(), color=grey, lw=5,
                  zorder=2)
        for col in (lo, hi):  # end marks keep a band of zero width visible
            ax.scatter(table[col], pos + off, marker="|", s=70, color=grey, zorder=2)
        handles.append(Line2D([], [], color=grey, lw=5, label=display_label(name)))
    colors = [PALETTE["highlight"] if i == highlight else "black" for i in table.index]
    ax.scatter(table[observed], pos, color=colors, s=28, zorder=4)
    handles.append(Line2D([], [], marker="o", ls="", color="black", label="observed churn"))
    ticks = list(labels) if labels is not None else [str(i) for i in table.index]
    ax.set_yticks(pos, [display_label(t) for t in ticks], fontsize=SMALL)
    for t, i in zip(ax.get_yticklabels(), table.index):
        if i == highlight:
            t.set_color(PALETTE["highlight"])
    span = float(np.nanmax(table[[observed] + [c for b in bands.values() for c in b]]
                           .to_numpy()))
    ax.set_xlim(-0.02 * span, 1.05 * span)
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel(display_label(xlabel))
    ax.set_title(display_label(title))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1),
              ncols=len(handles), frameon=False, fontsize=SMALL)
    add_source(fig, source)
    return fig


def centrality_comparison_plot(*args: Any, graph_label: str, **kwargs: Any) -> Figure:
    """:func:`smartregion.plots.group_centrality_plot`, its x-axis naming ``graph_label``.

    All arguments go to ``group_centrality_plot``; the left panel's axis label becomes
    "Centrality measure on <graph_label>", so a reader knows which graph the measures come
    from (the full weighted industry space, a backbone, ...).
    """
    fig = group_centrality_plot(*args, **kwargs)
    fig.axes[0].set_xlabel(display_label(f"Centrality measure on {graph_label}"))
    return fig
