"""Figures over time: index lines, a level beside a ratio, quoted counts by year.

Lines are labelled at their ends (:func:`spread_positions` keeps the labels apart) and the
2011 break of Japan's manufacturing statistics is marked when the years cross it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from ..panel import PanelError
from ._common import (
    MUTED_COLOR,
    _as_set,
    _constrained,
    _figure_axes,
    _finish,
    _legend_below,
    _numeric_years,
    _place_labels_beside,
    _time_axis,
    _titled,
    _yearly_lines,
)
from .fonts import display_label
from .style import (
    FONT_SIZE,
    HALO,
    PALETTE,
    SMALL,
    Source,
    color_for,
    crosses_break,
    mark_break,
    place_labels,
)


def spread_positions(y: Iterable[float], gap: float, lo: float = 0.0, hi: float = 1.0
                     ) -> np.ndarray:
    """Move sorted positions apart so that neighbours are at least ``gap`` apart, staying in
    ``[lo, hi]`` and as close to where they started as the gap allows (input order kept).

    Used to stack labels at the right end of lines without overlaps; deterministic.

    >>> spread_positions([0.5, 0.5, 0.9], 0.1).round(2).tolist()
    [0.45, 0.55, 0.9]
    >>> spread_positions([0.99, 0.98], 0.1).round(2).tolist()
    [1.0, 0.9]
    """
    y = np.asarray(list(y), dtype=float)
    order = np.argsort(y, kind="stable")
    v = y[order].copy()
    n = len(v)
    if n == 0:
        return y
    gap = min(float(gap), (hi - lo) / max(n - 1, 1))
    # pool adjacent violators: clusters of labels are centred on the mean of their wishes
    blocks: list[list[float]] = []  # [start, count, mean of wished positions minus offsets]
    for k in range(n):
        blocks.append([float(k), 1.0, v[k]])
        while len(blocks) > 1:
            s0, n0, m0 = blocks[-2]
            s1, n1, m1 = blocks[-1]
            if m0 + n0 * gap <= m1 + 1e-12:
                break
            # merged block starts at s0; its first label sits at the mean of (v_j - offset_j)
            mean = (m0 * n0 + (m1 - n0 * gap) * n1) / (n0 + n1)
            blocks[-2:] = [[s0, n0 + n1, mean]]
    out = np.empty(n)
    for start, count, first in blocks:
        first = min(max(first, lo), hi - (count - 1) * gap)
        for j in range(int(count)):
            out[int(start) + j] = first + j * gap
    # clamping a block may push it into the next one: one downward sweep fixes that
    for k in range(n - 2, -1, -1):
        out[k] = min(out[k], out[k + 1] - gap)
    for k in range(1, n):
        out[k] = max(out[k], out[k - 1] + gap)
    res = np.empty(n)
    res[order] = out
    return res


def _label_line_ends(ax: Axes, xs: np.ndarray, ends: list[tuple[float, float, str, str]],
                     fontsize: float = SMALL) -> list[Any]:
    """Name lines at their last point: labels right of all data, stacked without overlaps.

    The x axis is widened to hold the longest label; vertical positions are spread in axes
    units (:func:`spread_positions`); a thin leader joins a moved label to its line's end.
    """
    from matplotlib.transforms import blended_transform_factory

    span = float(xs.max() - xs.min()) if len(xs) > 1 else 1.0
    width_pt = max(ax.get_position().width * ax.figure.get_figwidth() * 72.0, 50.0)
    longest = max(len(e[2]) for e in ends)
    frac = min((0.56 * fontsize * longest + 14.0) / width_pt, 0.45)
    x0 = float(xs.min()) - 0.02 * span
    x1 = float(xs.max())
    ax.set_xlim(x0, x1 + (x1 - x0) * frac / (1.0 - frac))
    # ticks only under the data, not under the labels
    ax.set_xticks([t for t in ax.get_xticks() if xs.min() - 1e-9 <= t <= x1 + 1e-9])
    # wished positions in axes units (after the y limits are final)
    ax.autoscale_view(scalex=False)
    to_axes = ax.transAxes.inverted()
    wished = [float(to_axes.transform(ax.transData.transform((e[0], e[1])))[1]) for e in ends]
    height_pt = max(ax.get_position().height * ax.figure.get_figheight() * 72.0, 50.0)
    placed = spread_positions(wished, 1.15 * fontsize / height_pt, 0.02, 0.98)
    blend = blended_transform_factory(ax.transData, ax.transAxes)
    texts = []
    xt = x1 + 0.015 * (x1 - x0)
    for (xe, ye, label, colour), yw, yp in zip(ends, wished, placed):
        if abs(yp - yw) > 0.01:
            ax.plot([xe, xt], [yw, yp], transform=blend, color=colour, lw=0.5, alpha=0.7,
                    clip_on=False)
        texts.append(ax.text(xt, yp, label, transform=blend, ha="left", va="center",
                             fontsize=fontsize, color=colour, path_effects=HALO))
    return texts


#: Colours given, in turn, to highlighted lines whose name has no house colour (PALETTE): no
#: red (Kyoto), orange (Shenzhen) or grey (comparison lines) among them.
LINE_CYCLE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
              "#393b79", "#637939", "#843c39")


def index_timeseries(
    data: pd.Series | pd.DataFrame,
    *,
    highlight: Hashable | Iterable[Hashable] | None = None,
    column: str | None = None,
    ylabel: str | None = None,
    xlabel: str = "Period",
    title: str | None = None,
    colors: Mapping[Hashable, str] | None = None,
    logy: bool = False,
    label_ends: bool = False,
    legend: str | None = "outside",
    statistical_break: bool = False,
    bridge_gaps: bool = True,
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] = (7.0, 4.5),
) -> Figure:
    """Lines of an index over time, one per region (or per column).

    Accepted shapes: a Series indexed by (time, region) (as the smartregion index functions
    return for panels with time), a Series indexed by time (one line), a DataFrame with time
    in rows and one column per line, or a DataFrame indexed by (time, region) with ``column``
    chosen. Highlighted lines are drawn thick and coloured, the others thin and grey when a
    highlight is given.

    Colours: ``colors`` if it names the line, else the house colour of its name
    (:func:`smartregion.plots.style.color_for`, e.g. Kyoto red, Shenzhen orange), else the next
    colour of :data:`LINE_CYCLE`. A numeric time index is drawn on a numeric axis (so gaps in
    the years keep their width and :func:`mark_break` finds its year).

    Parameters
    ----------
    logy : bool, default False
        Logarithmic y axis (growth paths: equal slopes are equal growth rates).
    label_ends : bool, default False
        Name the coloured lines at their last value (placed by :func:`place_labels`) instead
        of a legend.
    legend : {"outside", "inside", None}, default "outside"
        Where the legend of the coloured lines goes when they are not labelled at their ends:
        right of the axes (never over the data), matplotlib's best place inside, or nowhere.
    statistical_break : bool, default False
        Mark the 2011 break of Japan's manufacturing statistics (:func:`mark_break`) when the
        series cross it.
    bridge_gaps : bool, default True
        Join the points either side of a missing value with a thin dotted line, so a gap in
        the data reads as a gap, not as the end of a series.

    Returns
    -------
    Figure
    """
    if isinstance(data, pd.DataFrame) and isinstance(data.index, pd.MultiIndex):
        if column is None:
            if data.shape[1] != 1:
                raise PanelError("pass column= to choose which column of the table to draw.")
            column = data.columns[0]
        data = data[column]
    if isinstance(data, pd.Series):
        if isinstance(data.index, pd.MultiIndex):
            wide = data.unstack(level=-1)
        else:
            wide = data.to_frame(name=data.name if data.name is not None else "value")
    elif isinstance(data, pd.DataFrame):
        wide = data
    else:
        raise PanelError(f"index_timeseries needs a Series or DataFrame; got {type(data)!r}.")
    if wide.empty:
        raise PanelError("index_timeseries got an empty table.")
    if legend not in ("outside", "inside", None):
        raise PanelError(f"legend must be 'outside', 'inside' or None, not {legend!r}.")
    marked = _as_set(highlight)
    unknown = marked - set(wide.columns)
    if unknown:
        raise PanelError(f"highlighted series not in the data: {sorted(map(str, unknown))}")
    fig, ax = _figure_axes(ax, figsize)
    numeric = pd.api.types.is_numeric_dtype(wide.index)
    xs = wide.index.to_numpy(dtype=float) if numeric else np.arange(len(wide.index), dtype=float)
    # house colours first; the cycle skips every colour already taken in this plot
    fixed = {col: (colors[col] if colors is not None and col in colors
                   else color_for(str(col), "#000001")) for col in wide.columns}
    taken = {c.lower() for col, c in fixed.items() if c != "#000001"
             and (not marked or col in marked)}
    free = [c for c in LINE_CYCLE if c.lower() not in taken] or list(LINE_CYCLE)
    cycle = iter(free * (1 + len(wide.columns) // len(free)))
    ends: list[tuple[float, float, str, str]] = []
    for col in wide.columns:
        ys = pd.to_numeric(wide[col], errors="coerce").to_numpy(float)
        ok = np.isfinite(ys)
        muted = bool(marked) and col not in marked
        if muted:
            colour = MUTED_COLOR
        else:
            colour = next(cycle) if fixed[col] == "#000001" else fixed[col]
        valid = np.flatnonzero(ok)
        if bridge_gaps and len(valid) > 1 and not ok[valid[0]:valid[-1] + 1].all():
            ax.plot(xs[ok], ys[ok], color=colour, lw=0.7, ls=":", zorder=0.8 if muted else 1.5)
        if muted:
            ax.plot(xs, ys, color=colour, lw=0.9, zorder=1)
            continue
        ax.plot(xs, ys, color=colour, lw=2.2 if marked else 1.6, marker="o", ms=3,
                label=display_label(col), zorder=2)
        if ok.any():
            k = np.flatnonzero(ok)[-1]
            ends.append((xs[k], ys[k], display_label(col), colour))
    if logy:
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if v >= 1
                                                   else f"{v:g}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
    if numeric:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="x", labelsize=SMALL)
    else:
        ax.set_xticks(xs, [display_label(t) for t in wide.index], fontsize=SMALL,
                      rotation=45 if len(xs) > 8 else 0)
    ax.tick_params(axis="y", labelsize=SMALL)
    finite = wide.apply(pd.to_numeric, errors="coerce").to_numpy(float)
    if not logy and np.isfinite(finite).any() and np.nanmax(np.abs(finite)) >= 1e4:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.set_xlabel(display_label(xlabel), fontsize=FONT_SIZE)
    name = ylabel if ylabel is not None else (data.name if isinstance(data, pd.Series) else None)
    if name is not None:
        ax.set_ylabel(display_label(name), fontsize=FONT_SIZE)
    will_break = statistical_break and numeric and crosses_break(xs[np.isfinite(xs)])
    if will_break:  # headroom above the data for the label of the break
        ax.autoscale_view()
        lo, hi = ax.get_ylim()
        if logy:
            ax.set_ylim(lo, hi * (hi / lo) ** 0.18)
        else:
            ax.set_ylim(lo, hi + 0.18 * (hi - lo))
    if label_ends and ends:
        _label_line_ends(ax, xs, ends)
    elif ends and legend == "outside":
        ax.legend(fontsize=SMALL, frameon=False, loc="center left", bbox_to_anchor=(1.01, 0.5))
    elif ends and legend == "inside":
        ax.legend(fontsize=SMALL, frameon=False)
    ax.grid(True, lw=0.3, alpha=0.5)
    if will_break:
        mark_break(ax)
    if title:
        ax.set_title(display_label(title), fontsize=FONT_SIZE + 1)
    return _finish(fig, path)


def level_and_ratio_plot(
    levels: pd.DataFrame,
    ratios: pd.DataFrame,
    *,
    levels_ylabel: str,
    ratios_ylabel: str,
    levels_title: str,
    ratios_title: str,
    suptitle: str,
    source: Source | str,
    xlabel: str = "Year",
    reference: float = 1.0,
    colors: Mapping[str, str] | None = None,
    linestyles: Mapping[str, str] | None = None,
    log_ratios: bool = False,
    xlim: tuple[float, float] | None = None,
    spans: Iterable[tuple[float, float, str]] = (),
    show_break: bool | None = None,
    label_ratios: bool = False,
    ratio_legend: Mapping[str, str] | None = None,
    iterations: int = 400,
    figsize: tuple[float, float] = (14.0, 6.0),
) -> Figure:
    """Two panels on a true time axis: levels (left) and a region's ratio to a reference.

    Years are placed at their value (a year without data is a gap in the line, never
    bridged). The right panel has a dashed line at ``reference`` (1 = the region equals the
    reference), so lines above it show where the region is ahead; with ``log_ratios`` its
    axis is logarithmic, so a ratio of 2 and one of 0.5 lie equally far from 1. Shaded
    ``spans`` mark periods shown without data, with the reason written in them; the 2011
    break of Japan's manufacturing statistics is marked when the axis crosses it. Legends sit
    under the panels. Used for value added per person engaged.

    Parameters
    ----------
    levels, ratios : DataFrame
        Years in rows (numbers), one column per line.
    levels_ylabel, ratios_ylabel, levels_title, ratios_title : str
        Axis labels (with units) and panel titles.
    suptitle : str
        Figure title (the quantity or finding).
    source : Source or str
        Source line under the figure.
    xlabel : str, default "Year"
    reference : float, default 1.0
        Height of the dashed reference line in the right panel.
    colors, linestyles : mapping, optional
        ``{column: colour}`` and ``{column: line style}`` for columns of either frame;
        default the house colour of the column name, else a qualitative palette.
    log_ratios : bool, default False
        Logarithmic y axis for the ratios.
    xlim : (float, float), optional
        Range of both time axes (default: the data's years +- 0.5).
    spans : iterable of (start, end, text)
        Periods shaded on both panels, the text written at the bottom of the span.
    show_break : bool, optional
        Mark the 2011 break of Japan's manufacturing statistics (default: when the years
        of the data cross it).
    label_ratios : bool, default False
        Name each ratio line in a column right of the last year, joined to the line's last
        point (placed with adjustText under a fixed budget) instead of a legend entry per
        line.
    ratio_legend : mapping, optional
        With ``label_ratios``: ``{legend text: colour}`` explaining the line colours.
    iterations : int, default 400
        Iteration budget of the label placement.
    figsize : tuple of float

    Returns
    -------
    Figure
        Two axes.
    """
    fig, axes = _constrained(figsize, ncols=2)
    default = list(mpl.colormaps["tab10"].colors)
    years = list(_numeric_years(levels.index)) + list(_numeric_years(ratios.index))
    used: dict[Any, Any] = {}
    for ax, data, ylabel, title in ((axes[0], levels, levels_ylabel, levels_title),
                                    (axes[1], ratios, ratios_ylabel, ratios_title)):
        used.update(_yearly_lines(ax, data, colors=colors, linestyles=linestyles,
                                  default=default))
        ax.set_ylabel(display_label(ylabel))
        ax.set_xlabel(display_label(xlabel))
        ax.set_title(display_label(title))
        ax.grid(True, axis="y", lw=0.3, alpha=0.5)
    axes[1].axhline(reference, color="black", lw=0.8, ls="--")
    if log_ratios:
        axes[1].set_yscale("log")
        lo, hi = axes[1].get_ylim()
        ticks = [t for t in (0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16) if lo <= t <= hi]
        axes[1].set_yticks(ticks, [f"{t:g}" for t in ticks])
        axes[1].yaxis.set_minor_formatter(mpl.ticker.NullFormatter())
    for ax in axes:
        for start, end, text in spans:
            ax.axvspan(start, end, color="#efefef", zorder=0, lw=0)
            ax.text((start + end) / 2, 0.02, display_label(text), ha="center", va="bottom",
                    transform=ax.get_xaxis_transform(), fontsize=SMALL - 1, color="#555555",
                    path_effects=HALO)
        _time_axis(ax, years, xlim=xlim, show_break=show_break)
    _legend_below(axes[0], ncols=2)
    if label_ratios:
        handles = [Line2D([], [], color=c, lw=1.6, label=display_label(t))
                   for t, c in (ratio_legend or {}).items()]
        handles.append(Line2D([], [], color="black", lw=0.8, ls="--",
                              label=f"{reference:g} = equal to the reference"))
        _legend_below(axes[1], handles=handles, ncols=3)
    else:
        _legend_below(axes[1], ncols=2)
    _titled(fig, suptitle, source)
    if label_ratios:
        fig.draw_without_rendering()  # settle the layout: labels are fitted to the frame
        last = ratios.apply(pd.to_numeric, errors="coerce").set_axis(
            _numeric_years(ratios.index), axis=0)
        ends = [(float(last[c].dropna().index[-1]), float(last[c].dropna().iloc[-1]), c)
                for c in last.columns if last[c].notna().any()]
        texts = _place_labels_beside(axes[1], [e[0] for e in ends], [e[1] for e in ends],
                                     [display_label(e[2]) for e in ends],
                                     fontsize=SMALL - 0.5, gap=0.05, shift=0.03,
                                     iterations=iterations, adjust=False)
        for text, end in zip(texts, ends):
            text.set_color(used[end[2]])
    return fig


def quoted_counts_plot(
    counts: pd.DataFrame,
    series: pd.DataFrame,
    *,
    counts_ylabel: str,
    counts_title: str,
    series_ylabel: str,
    series_title: str,
    source: Source | str,
    suptitle: str | None = None,
    counts_xlabel: str = "Date of the count",
    series_xlabel: str = "Date of the count",
    max_gap: float = 4.0,
    gap_label: str = "no published count",
    figsize: tuple[float, float] = (13.0, 4.8),
    iterations: int = 300,
) -> Figure:
    """Two quoted (published) series of counts on true time axes, as points.

    Each observation is a point at its date (decimal years), never a bar and never joined by
    a line: the values are stocks counted at a date (e.g. the university-launched ventures in
    existence, the tenants of a research park), and nothing is known between two dates. A
    count that refers to a fiscal year is drawn at the middle of that year with a thin
    horizontal bar over the year (``start`` to ``end``) and labelled with it ("FY2016"). Where
    two dates are more than ``max_gap`` years apart the span between them is shaded and
    marked ``gap_label``. Filled points come from the producer of the figure, open points from
    a secondary source (a page reporting it); each point is labelled with its period and
    value by :func:`~smartregion.plots.style.place_labels`.

    Parameters
    ----------
    counts, series : DataFrame
        One row per observation, index = the period label (e.g. "FY2016", "Oct 2023"),
        columns ``date`` (decimal year of the point), ``value``, ``secondary_source`` (bool),
        optional ``start`` and ``end`` (the reference period, decimal years; NaN for a date).
    counts_ylabel, counts_title, series_ylabel, series_title : str
        Axis labels (with units) and panel titles.
    source : Source or str
        Source line (should say "quoted" and where the sources are listed).
    suptitle : str, optional
        Figure title.
    counts_xlabel, series_xlabel : str
    max_gap : float, default 4.0
        Longest interval (years) between two observations left unshaded.
    gap_label : str
    figsize : tuple of float
    iterations : int
        Iteration budget of the label placement.

    Returns
    -------
    Figure
        Two axes.
    """
    for name, frame in (("counts", counts), ("series", series)):
        need = {"date", "value", "secondary_source"} - set(frame.columns)
        if need:
            raise PanelError(f"{name} needs the columns {sorted(need)}.")
    fig, axes = _constrained(figsize, ncols=2)
    colour = PALETTE["Kyoto"]
    for ax, frame, ylabel, xlabel, title in (
            (axes[0], counts, counts_ylabel, counts_xlabel, counts_title),
            (axes[1], series, series_ylabel, series_xlabel, series_title)):
        frame = frame.sort_values("date", kind="stable")
        dates = frame["date"].astype(float).to_numpy()
        values = pd.to_numeric(frame["value"]).astype(float).to_numpy()
        secondary = frame["secondary_source"].astype(bool).to_numpy()
        if {"start", "end"} <= set(frame.columns):
            for lo, hi, v in zip(frame["start"], frame["end"], values):
                if pd.notna(lo) and pd.notna(hi):
                    ax.hlines(v, float(lo), float(hi), color=colour, lw=2.5, alpha=0.45,
                              zorder=2)
        # one collection (filled: from the producer; open: secondary), which labels avoid
        pts = ax.scatter(dates, values, s=42, edgecolors=colour, linewidths=1.4, zorder=3,
                         facecolors=["white" if sec else colour for sec in secondary])
        lo_x = float(np.floor(dates.min() - 0.5))
        hi_x = float(np.ceil(dates.max() + 0.5))
        if {"start", "end"} <= set(frame.columns):
            lo_x = min(lo_x, float(np.floor(np.nanmin(frame["start"].astype(float)))))
            hi_x = max(hi_x, float(np.ceil(np.nanmax(frame["end"].astype(float)))))
        for a, b in zip(dates[:-1], dates[1:]):
            if b - a > max_gap:
                ax.axvspan(a + 0.4, b - 0.4, color="#efefef", lw=0, zorder=0)
                ax.text((a + b) / 2, 0.5, display_label(gap_label), ha="center",
                        va="center", transform=ax.get_xaxis_transform(), fontsize=SMALL,
                        color="#555555", rotation=0)
        ax.set_xlim(lo_x, hi_x)
        ax.set_ylim(0, values.max() * 1.2)
        ax.set_ylabel(display_label(ylabel))
        ax.set_xlabel(display_label(xlabel))
        ax.set_title(display_label(title))
        ax.grid(True, axis="y", lw=0.3, alpha=0.5)
        place_labels(ax, dates, values, [f"{display_label(p)}: {v:,.0f}"
                                         for p, v in zip(frame.index, values)],
                     fontsize=SMALL - 0.5, avoid=pts, iterations=iterations)
    handles = [Line2D([], [], marker="o", ls="", color=colour, label="from the producer"),
               Line2D([], [], marker="o", ls="", markerfacecolor="white",
                      markeredgecolor=colour, label="reported by a secondary source"),
               Line2D([], [], color=colour, lw=2.5, alpha=0.45,
                      label="fiscal year (April-March) of the count")]
    _legend_below(axes[0], handles=handles, ncols=3)
    return _titled(fig, suptitle, source)
