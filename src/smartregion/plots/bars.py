"""Bar and strip figures that place a region among its comparison group.

Location-quotient bars, shift-share components, highlighted bars, one strip per indicator,
and a region's index over time beside the change of every region of its group
(:func:`index_and_change_plot`, which draws its right panel with :func:`highlight_bars`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..panel import PanelError
from ._common import (
    BASE_COLOR,
    HIGHLIGHT_COLOR,
    MUTED_COLOR,
    _add_source,
    _as_set,
    _constrained,
    _figure_axes,
    _finish,
    _legend_below,
    _numeric_years,
    _time_axis,
    _titled,
    _yearly_lines,
    wrap_label,
)
from .fonts import display_label
from .style import FONT_SIZE, PALETTE, SMALL, Source, color_for, place_labels


def lq_bar(
    lq: pd.Series,
    *,
    threshold: float = 1.0,
    top: int | None = None,
    sort: bool = True,
    title: str | None = None,
    xlabel: str = "Location quotient",
    color: str | None = None,
    label_width: int = 44,
    label_lines: int = 2,
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Horizontal bars of one region's location quotients, with a line at ``threshold``.

    Bars at or above the threshold (specialisations) are coloured, the rest grey. Industry
    labels are wrapped at word boundaries (:func:`wrap_label`): at most ``label_lines`` lines
    of about ``label_width`` characters, never cut inside a word, the leading code kept.

    Parameters
    ----------
    lq : Series
        LQ by industry (one region's row of :func:`smartregion.structure.location_quotient`).
    threshold : float, default 1.0
    top : int, optional
        Keep only the ``top`` largest values.
    sort : bool, default True
        Largest at the top.
    color : str, optional
        Colour of the bars at or above the threshold (default the highlight colour; pass
        ``color_for(region)`` to keep the region's house colour).
    label_width, label_lines : int
        Wrapping of the industry labels.
    title, xlabel, ax, path, figsize
        Usual figure options; ``path`` saves PNG and PDF.

    Returns
    -------
    Figure
    """
    if not isinstance(lq, pd.Series) or lq.empty:
        raise PanelError("lq_bar needs a non-empty Series of location quotients by industry.")
    s = pd.to_numeric(lq, errors="coerce").astype(float)
    if sort:
        s = s.sort_values(ascending=False, kind="stable")
    if top is not None:
        s = s.iloc[:top]
    s = s.iloc[::-1]
    labels = [wrap_label(display_label(i), label_width, label_lines) for i in s.index]
    n_lines = sum(max(1, lab.count("\n") + 1) for lab in labels)
    height = figsize or (7.0, max(2.5, 0.16 * n_lines + 0.12 * len(s) + 1.2))
    fig, ax = _figure_axes(ax, height)
    vals = s.fillna(0.0).to_numpy()
    on = color or HIGHLIGHT_COLOR
    colors = [on if v >= threshold else MUTED_COLOR for v in vals]
    ax.barh(np.arange(len(s)), vals, color=colors)
    ax.set_yticks(np.arange(len(s)), labels, fontsize=SMALL)
    ax.set_ylim(-0.6, len(s) - 0.4)
    ax.axvline(threshold, color="black", lw=0.8, ls="--")
    ax.set_xlabel(display_label(xlabel), fontsize=FONT_SIZE)
    ax.tick_params(axis="x", labelsize=SMALL)
    ax.set_title(display_label(title if title is not None else (lq.name or "")),
                 fontsize=FONT_SIZE + 1)
    return _finish(fig, path)


def region_strip_plot(
    table: pd.DataFrame,
    region: Hashable,
    *,
    columns: Mapping[str, str],
    rng: np.random.Generator,
    xlabel: str,
    title: str,
    source: Source | str,
    jitter: float = 0.12,
    reference: float = 0.0,
    figsize: tuple[float, float] = (8.0, 3.6),
) -> Figure:
    """One region against all others: a jittered strip of every region's value per measure.

    Each column of ``table`` (rows: regions) is one horizontal strip, all regions as grey
    points with a small vertical jitter, ``region`` as a large point in its house colour
    (:func:`~smartregion.plots.style.color_for`) named by a label placed clear of the points. A
    vertical line marks ``reference`` (zero by default, so the sign of each region's value can
    be read off). Use it for
    a measure whose reading for one region needs the comparison group beside it (e.g. the
    correlation of relatedness density and complexity in each prefecture).

    Parameters
    ----------
    table : DataFrame
        Regions in rows, one column per measure.
    region : hashable
        Row of ``table`` that is highlighted.
    columns : mapping
        ``{column: strip label}``; the strips are drawn bottom to top in this order.
    rng : numpy.random.Generator
        Source of the vertical jitter (one draw per strip, in order), so the figure is
        reproducible with a seeded generator.
    xlabel, title : str
        Axis label (quantity and units) and title (the finding).
    source : Source or str
        Source line under the figure.
    jitter : float, default 0.12
        Half-width of the uniform vertical jitter.
    reference : float, default 0.0
        Where the vertical line is drawn (0 for a signed measure such as a correlation, 1
        for a location quotient); the x range covers at least one unit either side of it.
    figsize : tuple of float

    Returns
    -------
    Figure
        One axes.
    """
    if region not in table.index:
        raise PanelError(f"region {region!r} is not a row of the table.")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise PanelError(f"columns not in the table: {missing}.")
    fig, ax = _constrained(figsize)
    colour = color_for(str(region), HIGHLIGHT_COLOR)
    xs_all, ys_all = [], []
    for k, col in enumerate(columns):
        shift = rng.uniform(-jitter, jitter, len(table))
        vals = pd.to_numeric(table[col], errors="coerce").to_numpy(float)
        ok = np.isfinite(vals)  # a region without a value has no point
        xs_all.append(vals[ok])
        ys_all.append((k + shift)[ok])
    # one collection for all strips, so labels can keep off every point
    spots = ax.scatter(np.concatenate(xs_all), np.concatenate(ys_all), s=18,
                       color=PALETTE["comparison"], zorder=2)
    ax.scatter([table.loc[region, c] for c in columns], np.arange(len(columns)), s=80,
               color=colour, edgecolors="black", zorder=3)
    ax.set_yticks(np.arange(len(columns)), [display_label(v) for v in columns.values()])
    ax.axvline(reference, color="black", lw=0.6)
    ax.set_xlabel(display_label(xlabel))
    ax.set_title(display_label(title))
    ax.set_ylim(-0.6, len(columns) - 0.4)
    ax.set_xlim(min(reference - 1.0, float(table[list(columns)].min().min()) - 0.05),
                max(reference + 1.0, float(table[list(columns)].max().max()) + 0.05))
    place_labels(ax, [table.loc[region, c] for c in columns], list(range(len(columns))),
                 [display_label(region)] * len(columns), color=colour, avoid=spots)
    _add_source(fig, source)
    return fig


def shift_share_bars(
    table: pd.DataFrame,
    *,
    components: Mapping[str, str],
    xlabel: str,
    title: str,
    total: str = "change",
    source: Source | str | None = None,
    figsize: tuple[float, float] = (8.0, 7.0),
) -> Figure:
    """Shift-share decomposition by industry: one bar per component, a dot for the total.

    For each industry (rows of ``table``, drawn bottom to top) the components (e.g. national
    share, industry mix, regional share) are side-by-side horizontal bars and the total change
    is a black dot; the components add up to the dot. A vertical line marks zero; the legend
    sits under the axes.

    Parameters
    ----------
    table : DataFrame
        Industries in rows; columns holding the components and ``total``.
    components : mapping
        ``{column: bar colour}``, at most three, drawn bottom to top within an industry; the
        legend names them from the column (underscores as spaces).
    xlabel, title : str
        Axis label (change, in the unit of the data) and title.
    total : str, default "change"
        Column with the total change.
    source : Source or str, optional
        Source line under the figure.
    figsize : tuple of float

    Returns
    -------
    Figure
        One axes.
    """
    if len(components) > 3:
        raise PanelError("shift_share_bars draws at most three components.")
    fig, ax = _constrained(figsize)
    ypos = np.arange(len(table))
    height = 0.27
    for k, (col, color) in enumerate(components.items()):
        ax.barh(ypos + (k - (len(components) - 1) / 2) * height, table[col], height=height,
                color=color, label=col.replace("_", " "))
    ax.scatter(table[total], ypos, color="black", zorder=3, s=14, label="total change")
    ax.set_yticks(ypos, [display_label(i) for i in table.index], fontsize=SMALL)
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel(display_label(xlabel))
    ax.set_title(display_label(title))
    _legend_below(ax, ncols=4)
    _add_source(fig, source)
    return fig


def highlight_bars(
    values: pd.Series,
    *,
    highlight: Hashable | Iterable[Hashable] | None = None,
    labels: list[str] | None = None,
    xlabel: str,
    title: str,
    source: Source | str | None = None,
    reference: float | None = None,
    reference_label: str = "",
    ax: Axes | None = None,
    figsize: tuple[float, float] = (8.0, 5.0),
) -> Figure:
    """Horizontal bars, one per row of ``values`` (bottom to top), the highlighted ones in red.

    Used to place one region among its comparison group (e.g. the change in establishments
    of each designated city, or the churn of their wards' specialisations). The comparison
    group is grey; an optional dashed line marks a reference value (e.g. the median of the
    others), named in the legend under the axes.

    Parameters
    ----------
    values : Series
        One value per bar, in drawing order.
    highlight : label or iterable of labels, optional
        Index entries of ``values`` drawn in the highlight colour.
    labels : list of str, optional
        Tick labels, one per bar; default the index of ``values``.
    xlabel, title : str
        Axis label (quantity and units) and title.
    source : Source or str, optional
        Source line under the figure.
    reference : float, optional
        Position of a dashed vertical reference line; ``reference_label`` names it.
    ax : Axes, optional
        Draw into this axes instead of a new figure.
    figsize : tuple of float

    Returns
    -------
    Figure
    """
    marked = _as_set(highlight)
    if labels is not None and len(labels) != len(values):
        raise PanelError(f"{len(labels)} labels for {len(values)} bars.")
    if ax is None:
        fig, ax = _constrained(figsize)
    else:
        fig = ax.figure
    ax.barh(np.arange(len(values)), values.to_numpy(),
            color=[HIGHLIGHT_COLOR if i in marked else PALETTE["comparison"]
                   for i in values.index])
    ticks = labels if labels is not None else list(values.index)
    ax.set_yticks(np.arange(len(values)), [display_label(t) for t in ticks], fontsize=SMALL)
    ax.axvline(0, color="black", lw=0.6)
    if reference is not None:
        ax.axvline(reference, color="black", lw=0.9, ls="--",
                   label=display_label(reference_label) or None)
        if reference_label:
            _legend_below(ax, ncols=1)
    ax.set_xlabel(display_label(xlabel))
    ax.set_title(display_label(title))
    _add_source(fig, source)
    return fig


def index_and_change_plot(
    index: pd.DataFrame,
    change: pd.Series,
    *,
    highlight: Hashable,
    index_ylabel: str,
    index_title: str,
    change_xlabel: str,
    change_title: str,
    source: Source | str | None = None,
    suptitle: str | None = None,
    colors: Mapping[str, str] | None = None,
    xlabel: str = "Year",
    figsize: tuple[float, float] = (14.0, 5.2),
) -> Figure:
    """A region's index over time beside the change of every region in its comparison group.

    Left: one line per column of ``index`` on a true year axis (e.g. the region, the rest of
    its group and the whole country, first year = 100), the 2011 break of Japan's
    manufacturing statistics marked when the years cross it, the legend under the axes.
    Right: :func:`highlight_bars` of ``change`` (one bar per region of the group,
    ``highlight`` in red, the others grey).

    Parameters
    ----------
    index : DataFrame
        Years in rows (numbers), one column per line.
    change : Series
        Change of each region of the group, in drawing order (bottom to top).
    highlight : hashable
        Entry of ``change`` drawn in red.
    index_ylabel, index_title, change_xlabel, change_title : str
        Axis labels (with units) and panel titles.
    source : Source or str, optional
        Source line under the figure.
    suptitle : str, optional
        Figure title (the finding).
    colors : mapping, optional
        ``{column of index: colour}``; default the house colour of the name.
    xlabel : str, default "Year"
    figsize : tuple of float

    Returns
    -------
    Figure
        Two axes.
    """
    fig, axes = _constrained(figsize, ncols=2)
    default = [PALETTE["Japan"], "#000000", BASE_COLOR, "#2ca02c"]
    _yearly_lines(axes[0], index, colors=colors, linestyles=None, default=default)
    axes[0].set_ylabel(display_label(index_ylabel))
    axes[0].set_xlabel(display_label(xlabel))
    axes[0].set_title(display_label(index_title))
    axes[0].grid(True, axis="y", lw=0.3, alpha=0.5)
    _time_axis(axes[0], _numeric_years(index.index))
    _legend_below(axes[0], ncols=3)
    highlight_bars(change, highlight=highlight, xlabel=change_xlabel, title=change_title,
                   ax=axes[1])
    return _titled(fig, suptitle, source)


def null_distribution_plot(
    null: Mapping[Hashable, np.ndarray],
    observed: Mapping[Hashable, float],
    *,
    xlabel: str,
    title: str,
    source: Source | str,
    percentiles: Mapping[Hashable, float] | None = None,
    bins: int | np.ndarray = 20,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """One panel per region: the null distribution of a measure and the observed value.

    Each panel is a histogram of the region's values under the null model (e.g. curveball
    draws of its portfolio) in grey, the central 95% of the draws shaded, and the observed
    value as a vertical line in the region's house colour, with its percentile among the
    draws in the panel title when ``percentiles`` is given. All panels share the x axis, so
    the regions can be compared.

    Parameters
    ----------
    null : mapping
        ``{region: 1-d array of null values}``; the panels follow its order.
    observed : mapping
        ``{region: observed value}``.
    xlabel, title : str
        Axis label (quantity and units) and figure title (the finding).
    source : Source or str
    percentiles : mapping, optional
        ``{region: percentile (0-100) of the observed value among the draws}``.
    bins : int or array, default 20
        Histogram bins (common to all panels).
    figsize : tuple of float, optional
        Default ``(4.2 * number of panels, 3.8)``.

    Returns
    -------
    Figure
    """
    regions = list(null)
    if not regions:
        raise PanelError("null_distribution_plot needs at least one region.")
    missing = [r for r in regions if r not in observed]
    if missing:
        raise PanelError(f"no observed value for {missing}.")
    fig = Figure(figsize=figsize or (4.2 * len(regions), 3.8), layout="constrained")
    axes = fig.subplots(1, len(regions), sharex=True, sharey=True, squeeze=False)[0]
    vals = np.concatenate([np.asarray(null[r], float) for r in regions]
                          + [np.asarray([observed[r] for r in regions], float)])
    vals = vals[np.isfinite(vals)]
    edges = (np.histogram_bin_edges(vals, bins=bins) if np.ndim(bins) == 0 else
             np.asarray(bins, float))
    for ax, r in zip(axes, regions):
        draws = np.asarray(null[r], float)
        draws = draws[np.isfinite(draws)]
        colour = color_for(str(r), HIGHLIGHT_COLOR)
        lo, hi = np.percentile(draws, [2.5, 97.5])
        ax.axvspan(lo, hi, color=MUTED_COLOR, alpha=0.25, lw=0,
                   label="central 95% of the null draws")
        ax.hist(draws, bins=edges, color=PALETTE["comparison"], label="null draws")
        ax.axvline(observed[r], color=colour, lw=2.2, label="observed")
        head = display_label(r)
        if percentiles is not None and r in percentiles:
            head += f": observed at percentile {percentiles[r]:.0f}"
        ax.set_title(head, fontsize=FONT_SIZE, color=colour)
    fig.supxlabel(display_label(xlabel), fontsize=FONT_SIZE)
    axes[0].set_ylabel("Null draws (count)")
    axes[0].legend(fontsize=SMALL, frameon=False, loc="best")
    return _titled(fig, title, source)


def rank_interval_plot(
    intervals: pd.DataFrame,
    *,
    highlight: Iterable[Hashable] = (),
    title: str,
    source: Source | str,
    xlabel: str = "Rank (1 = highest)",
    figsize: tuple[float, float] = (6.5, 9.0),
) -> Figure:
    """Every region's observed rank with its bootstrap interval, best rank at the top.

    ``intervals`` is the table of :func:`smartregion.stability.rank_intervals` (columns
    ``rank``, ``rank_low``, ``rank_high``); each region is a horizontal line from its low to
    its high rank with a point at the observed rank. Regions in ``highlight`` are drawn in
    their house colours with bold labels.

    Returns
    -------
    Figure
    """
    need = {"rank", "rank_low", "rank_high"}
    if not need <= set(intervals.columns):
        raise PanelError(f"intervals needs columns {sorted(need)}.")
    hl = _as_set(highlight)
    tab = intervals.sort_values("rank", ascending=False, kind="stable")
    fig, ax = _constrained(figsize)
    y = np.arange(len(tab))
    colours = [color_for(str(r), HIGHLIGHT_COLOR) if r in hl else PALETTE["comparison"]
               for r in tab.index]
    ax.hlines(y, tab["rank_low"], tab["rank_high"], colors=colours, lw=2.0)
    ax.scatter(tab["rank"], y, s=22, color=colours, edgecolors="black", linewidths=0.4,
               zorder=3)
    ax.set_yticks(y, [display_label(r) for r in tab.index], fontsize=SMALL)
    for t in ax.get_yticklabels():
        if t.get_text() in {display_label(r) for r in hl}:
            t.set_fontweight("bold")
            t.set_color(color_for(t.get_text(), HIGHLIGHT_COLOR))
    ax.set_ylim(-0.7, len(tab) - 0.3)
    ax.set_xlim(0.5, len(tab) + 0.5)
    ax.set_xlabel(display_label(xlabel))
    ax.set_title(display_label(title))
    _add_source(fig, source)
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
    fig, ax = _constrained(figsize)
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
    _add_source(fig, source)
    return fig
