"""Scatter figures: related against unrelated variety, relatedness density against
complexity with its quadrants, a column of leader-line labels for a few points, and one
relatedness against another over pairs of sectors, and the gaps of computed to published
numbers in units of their last printed digit."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..panel import PanelError
from ..policy import QUADRANT_NAMES
from ._common import (
    HIGHLIGHT_COLOR,
    MUTED_COLOR,
    _as_set,
    _clear_of_each_other,
    _constrained,
    _figure_axes,
    _finish,
    _label_widths,
    _place_labels_beside,
    _single_period,
)
from .fonts import display_label
from .style import FONT_SIZE, PALETTE, SMALL, Source, add_source, color_for, place_labels


def _axis_name(col: str) -> str:
    if col in ("related", "unrelated", "semi_related", "total"):
        return f"{col.replace('_', '-').capitalize()} variety (entropy, bits)"
    return col.replace("_", " ").capitalize()


def rv_uv_scatter(
    variety: pd.DataFrame,
    *,
    x: str = "unrelated",
    y: str = "related",
    highlight: Hashable | Iterable[Hashable] | None = None,
    time: Hashable | None = None,
    labels: bool | Iterable[Hashable] = True,
    max_labels: int = 12,
    title: str | None = None,
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] = (6.0, 5.0),
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Figure:
    """Scatter of regions by unrelated variety (x) and related variety (y).

    Parameters
    ----------
    variety : DataFrame
        Index region (or (time, region); pick one with ``time``), columns including ``x`` and
        ``y`` (as returned by ``related_unrelated_variety``).
    x, y : str, default "unrelated", "related"
    highlight : region label(s), optional
        Drawn in their house colour (:func:`smartregion.plots.style.color_for`: Kyoto red, Osaka
        blue ...; the highlight red otherwise) and always labelled; the other regions grey.
    time : label, optional
    labels : bool, default True
        Label the highlighted regions and, most extreme first (farthest from the median in
        range-scaled units), as many others as fit without overprinting, at most
        ``max_labels``. ``False``: only the highlighted regions. A list of region labels:
        the highlighted regions and exactly those (``max_labels`` ignored). Labels are placed
        by :func:`smartregion.plots.style.place_labels` (deterministic).
    max_labels : int, default 12
        Most labels besides the highlighted regions.
    title, ax, path, figsize
        Usual figure options.
    xlabel, ylabel : str, optional
        Axis labels with units; by default "Unrelated variety (entropy, bits)" etc. for the
        variety columns (entropies of ``related_unrelated_variety`` with its default base 2).

    Returns
    -------
    Figure
    """
    if not isinstance(variety, pd.DataFrame) or variety.empty:
        raise PanelError("rv_uv_scatter needs a non-empty DataFrame of variety by region.")
    for col in (x, y):
        if col not in variety.columns:
            raise PanelError(f"column {col!r} not in the variety table ({list(variety.columns)}).")
    frame = _single_period(variety, time, "rv_uv_scatter")
    marked = _as_set(highlight)
    unknown = marked - set(frame.index)
    if unknown:
        raise PanelError(f"highlighted regions not in the table: {sorted(map(str, unknown))}")
    fig, ax = _figure_axes(ax, figsize)
    is_m = np.array([r in marked for r in frame.index])
    xs, ys = frame[x].to_numpy(float), frame[y].to_numpy(float)
    # one collection (highlighted points drawn last), so the labels can avoid every point
    draw = np.concatenate([np.flatnonzero(~is_m), np.flatnonzero(is_m)])
    pcols = [color_for(str(frame.index[k]), HIGHLIGHT_COLOR) if is_m[k]
             else PALETTE["other regions"] for k in draw]
    points = ax.scatter(xs[draw], ys[draw], c=pcols, s=np.where(is_m[draw], 60.0, 28.0),
                        edgecolors=np.where(is_m[draw], "black", "#606060").tolist(),
                        linewidths=np.where(is_m[draw], 0.8, 0.4), zorder=3)
    pts = np.column_stack([xs, ys])
    rng_ = np.ptp(pts, axis=0)
    unit = (pts - np.median(pts, axis=0)) / np.where(rng_ > 0, rng_, 1.0)
    forced = np.flatnonzero(is_m).tolist()
    names = [display_label(r) for r in frame.index]
    if not isinstance(labels, bool):
        wanted = list(dict.fromkeys(labels))
        missing = [str(r) for r in wanted if r not in frame.index]
        if missing:
            raise PanelError(f"regions to label are not in the table: {missing}")
        pos = {r: k for k, r in enumerate(frame.index)}
        kept = forced + [pos[r] for r in wanted if not is_m[pos[r]]]
    else:
        extreme = [k for k in np.argsort(-np.hypot(unit[:, 0], unit[:, 1]), kind="stable")
                   if not is_m[k]] if labels else []
        kept = _clear_of_each_other(unit, extreme, gap=(0.14, 0.05), keep=forced,
                                    widths=_label_widths(ax, names, 1.2))
        kept = kept[:len(forced) + max(int(max_labels), 0)]
    ax.margins(0.1)
    if kept:
        place_labels(ax, xs[kept], ys[kept], [names[k] for k in kept], fontsize=SMALL,
                     bold=[bool(is_m[k]) for k in kept],
                     color=[color_for(str(frame.index[k]), HIGHLIGHT_COLOR) if is_m[k]
                            else "black" for k in kept],
                     avoid=points)
    ax.set_xlabel(display_label(xlabel or _axis_name(x)), fontsize=FONT_SIZE)
    ax.set_ylabel(display_label(ylabel or _axis_name(y)), fontsize=FONT_SIZE)
    ax.tick_params(labelsize=SMALL)
    ax.grid(True, lw=0.3, alpha=0.5)
    if title:
        ax.set_title(display_label(title), fontsize=FONT_SIZE + 1)
    return _finish(fig, path)


#: ``(high relatedness, high complexity) -> label``; the short names are those of
#: :func:`smartregion.policy.target_selection`, so tables and figures use the same words.
QUADRANTS = {
    key: f"{'high' if key[0] else 'low'} relatedness / {'high' if key[1] else 'low'} "
         f"complexity: {name}"
    for key, name in QUADRANT_NAMES.items()
}


def _split(values: pd.Series, split: float | str | None) -> float:
    if split is None or split == "median":
        return float(values.median())
    if split == "mean":
        return float(values.mean())
    return float(split)


def quadrant_table(
    density: pd.Series,
    pci: pd.Series,
    *,
    x_split: float | str | None = "median",
    y_split: float | str | None = "median",
    candidates: Iterable[Hashable] | pd.Series | None = None,
    quadrant_names: Mapping[tuple[bool, bool], str] | None = None,
) -> pd.DataFrame:
    """Place industries in the four relatedness x complexity quadrants.

    An industry is "high relatedness" if its density is ``>= x_split`` and "high complexity" if
    its PCI is ``>= y_split`` (splits: a number, ``"median"`` (default) or ``"mean"`` of the
    plotted industries). ``score`` is the mean of the two percentile ranks, used to order
    candidates within the table (largest first).

    Parameters
    ----------
    density : Series
        Relatedness density of one region by industry.
    pci : Series
        Product/industry complexity by industry.
    x_split, y_split : float, "median" or "mean"
    candidates : iterable or boolean Series, optional
        Restrict to these industries (e.g. those the region is not yet specialised in).
    quadrant_names : mapping, optional
        ``{(high_relatedness, high_complexity): name}``; default :data:`QUADRANTS`.

    Returns
    -------
    DataFrame
        Columns density, pci, quadrant, score; sorted by score.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.Series({"a": 0.9, "b": 0.1, "c": 0.8, "d": 0.2})
    >>> c = pd.Series({"a": 1.0, "b": 2.0, "c": -1.0, "d": -2.0})
    >>> quadrant_table(d, c)["quadrant"].str.split(":").str[1].str.strip().to_dict()
    {'a': 'priority', 'b': 'long shot', 'c': 'easy diversification', 'd': 'avoid'}
    """
    if not isinstance(density, pd.Series) or not isinstance(pci, pd.Series):
        raise PanelError("density and pci must be Series indexed by industry.")
    common = [i for i in density.index if i in set(pci.index)]
    if candidates is not None:
        keep = _as_set(candidates)
        common = [i for i in common if i in keep]
    if not common:
        raise PanelError("density and pci have no industries in common (after candidates).")
    frame = pd.DataFrame({"density": pd.to_numeric(density.loc[common]).astype(float),
                          "pci": pd.to_numeric(pci.loc[common]).astype(float)})
    frame = frame.dropna()
    if frame.empty:
        raise PanelError("no industry has both a density and a PCI value.")
    xs, ys = _split(frame["density"], x_split), _split(frame["pci"], y_split)
    names = {**QUADRANTS, **dict(quadrant_names or {})}
    frame["quadrant"] = [names[(bool(a >= xs), bool(b >= ys))]
                         for a, b in zip(frame["density"], frame["pci"])]
    frame["score"] = (frame["density"].rank(pct=True) + frame["pci"].rank(pct=True)) / 2.0
    frame.attrs.update(x_split=xs, y_split=ys)
    return frame.sort_values("score", ascending=False, kind="stable")


def density_complexity_scatter(
    density: pd.Series,
    pci: pd.Series,
    *,
    x_split: float | str | None = "median",
    y_split: float | str | None = "median",
    candidates: Iterable[Hashable] | pd.Series | None = None,
    label_top: int = 5,
    label: Iterable[Hashable] | None = None,
    label_text: Mapping[Hashable, str] | None = None,
    quadrant: pd.Series | None = None,
    quadrant_names: Mapping[tuple[bool, bool], str] | None = None,
    title: str | None = None,
    xlabel: str = "Relatedness density",
    ylabel: str = "Complexity (PCI)",
    source: Source | str | None = None,
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] = (7.0, 5.5),
    iterations: int = 400,
) -> Figure:
    """Target-selection view: industries by relatedness density (x) and complexity (y).

    Dashed lines split the plane at ``x_split`` / ``y_split`` (medians by default) into the
    quadrants of :func:`quadrant_table`. Points take the house colour of their quadrant
    (:func:`~smartregion.plots.style.color_for` of "priority", "long shot", "easy
    diversification", "avoid") and a legend outside the axes names the quadrants with their
    counts. Labelled points get a black ring; their labels are placed by
    :func:`~smartregion.plots.style.place_labels` (deterministic, inside the frame, clear of the
    points).

    Parameters
    ----------
    density, pci : Series
        By industry.
    x_split, y_split : float, "median" or "mean"
        Where the dashed lines are drawn (and the quadrants split, unless ``quadrant`` is
        given).
    candidates : iterable or boolean Series, optional
        Restrict to these industries.
    label_top : int, default 5
        Without ``label``: label this many industries of the priority quadrant, highest score
        of :func:`quadrant_table` first.
    label : iterable, optional
        Exactly the industries to label (e.g. the ranked list a text names). Overrides
        ``label_top``; each must be plotted.
    label_text : mapping, optional
        ``{industry: label}``; default the industry itself.
    quadrant : Series, optional
        Quadrant of each industry as a short name ("priority", ...), e.g. the ``quadrant``
        column of :func:`smartregion.policy.target_selection`, so figure and table agree
        exactly; default: computed by :func:`quadrant_table` from the splits.
    quadrant_names : mapping, optional
        ``{(high_relatedness, high_complexity): name}`` for :func:`quadrant_table`.
    title, xlabel, ylabel : str
    source : Source or str, optional
        Source line (:func:`~smartregion.plots.style.add_source`).
    ax, path, figsize
    iterations : int, default 400
        Iteration budget of the label placement.

    Returns
    -------
    Figure
    """
    table = quadrant_table(density, pci, x_split=x_split, y_split=y_split,
                           candidates=candidates, quadrant_names=quadrant_names)
    short = {v: QUADRANT_NAMES[k] for k, v in {**QUADRANTS,
                                                **dict(quadrant_names or {})}.items()}
    if quadrant is not None:
        missing = [i for i in table.index if i not in quadrant.index]
        if missing:
            raise PanelError(f"quadrant has no entry for {missing[:5]}.")
        table["short"] = quadrant.reindex(table.index).astype(str).to_numpy()
    else:
        table["short"] = table["quadrant"].map(short).fillna(table["quadrant"])
    xs, ys = table.attrs["x_split"], table.attrs["y_split"]
    fig, ax = _figure_axes(ax, figsize)
    order = [QUADRANT_NAMES[k] for k in ((True, True), (False, True), (True, False),
                                         (False, False))]
    order += sorted(set(table["short"]) - set(order))
    colors = [color_for(q, MUTED_COLOR) for q in table["short"]]
    dots = ax.scatter(table["density"], table["pci"], c=colors, s=30, edgecolors="white",
                      linewidths=0.5, zorder=2)
    ax.axvline(xs, color="black", lw=0.8, ls="--", zorder=1)
    ax.axhline(ys, color="black", lw=0.8, ls="--", zorder=1)
    counts = table["short"].value_counts()
    handles = [Line2D([], [], marker="o", ls="", color=color_for(q, MUTED_COLOR),
                      label=f"{q} ({int(counts.get(q, 0))})") for q in order if q in counts]
    if label is not None:
        chosen = list(label)
        absent = [i for i in chosen if i not in table.index]
        if absent:
            raise PanelError(f"industries to label are not plotted: {absent[:5]}.")
    else:
        chosen = list(table.index[table["short"] == QUADRANT_NAMES[(True, True)]]
                      [: max(label_top, 0)])
    if chosen:
        sub = table.loc[chosen]
        ax.scatter(sub["density"], sub["pci"], s=46, facecolors="none", edgecolors="black",
                   linewidths=0.9, zorder=3)
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor="none",
                              markeredgecolor="black", label="labelled"))
        lo, hi = float(table["density"].min()), float(table["density"].max())
        ax.set_xlim(lo - 0.04 * (hi - lo), hi + 0.3 * (hi - lo))  # room for the labels
    ax.legend(handles=handles, title="quadrant (candidates)", loc="upper left",
              bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, fontsize=SMALL,
              title_fontsize=SMALL, frameon=False)
    ax.set_xlabel(display_label(xlabel), fontsize=FONT_SIZE)
    ax.set_ylabel(display_label(ylabel), fontsize=FONT_SIZE)
    ax.tick_params(labelsize=SMALL)
    ax.grid(True, lw=0.3, alpha=0.4)
    if title:
        ax.set_title(display_label(title), fontsize=FONT_SIZE + 1)
    if source is not None:
        add_source(fig, source)
    if chosen:
        fig.draw_without_rendering()  # settle the layout: labels are fitted to the frame
        names = dict(label_text or {})
        _place_labels_beside(ax, sub["density"], sub["pci"],
                             [display_label(names.get(i, i)) for i in chosen],
                             fontsize=SMALL - 0.5, avoid=dots, iterations=iterations)
    return _finish(fig, path)


def label_column(
    ax: Axes,
    points: pd.DataFrame,
    labels: Mapping[Hashable, str],
    *,
    x_text: float,
    gap: float,
    x_col: str = "x",
    y_col: str = "y",
    margin: float = 0.12,
) -> None:
    """Label a few points of a scatter in one column to their right, with leader lines.

    The labels are written at ``x_text`` (data units), from the highest point down; each
    label sits at its point's height unless that is less than ``gap`` (data units) below the
    label above it, in which case it is pushed down to keep the gap, so labels cannot
    overlap. A thin grey line joins each label to its point. The x axis is extended to
    ``x_text + margin`` to leave room for the text. (For labels next to their points use
    :func:`~smartregion.plots.style.place_labels`.)

    Parameters
    ----------
    ax : Axes
        Axes holding the scatter.
    points : DataFrame
        One row per point to label, with columns ``x_col`` and ``y_col``.
    labels : mapping
        ``{row of points: label text}``.
    x_text, gap, margin : float
        Column position, minimum vertical distance between labels, room right of the column.
    x_col, y_col : str
        Columns of ``points`` holding the coordinates.
    """
    order = points.sort_values(y_col, ascending=False)
    slots: list[float] = []
    for y in order[y_col].to_numpy():
        slots.append(y if not slots else min(y, slots[-1] - gap))
    for (key, row), y in zip(order.iterrows(), slots):
        ax.annotate(display_label(labels[key]), (row[x_col], row[y_col]), xytext=(x_text, y),
                    textcoords="data", fontsize=SMALL - 1, va="center",
                    arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5})
    ax.set_xlim(right=x_text + margin)


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
    fig, ax = _constrained(figsize)
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


def printed_precision_plot(
    comparison: pd.DataFrame,
    *,
    groups: Mapping[str, tuple[str, str]],
    group: str = "table",
    gap: str = "in_units_of_last_digit",
    xlabel: str,
    title: str,
    source: Source | str,
    figsize: tuple[float, float] = (7.5, 3.8),
) -> Figure:
    """Gap of each computed number to its published one, in units of the last printed digit.

    One dot per row of ``comparison`` (e.g. from
    :func:`smartregion.models.benchmark.match_published`), in row order along the horizontal
    axis; the shaded band from -0.5 to 0.5 holds the numbers that are reproduced within
    rounding. ``groups`` maps each value of the ``group`` column to its colour and legend
    label. The vertical axis runs from -1 to 1 last digits.

    Returns
    -------
    Figure
    """
    fig, ax = _constrained(figsize)
    x = np.arange(len(comparison))
    ax.axhspan(-0.5, 0.5, color="#eeeeee", zorder=0)
    for name, (colour, label) in groups.items():
        rows = (comparison[group] == name).to_numpy()
        ax.scatter(x[rows], comparison.loc[rows, gap], s=12, c=colour, zorder=2, label=label)
    ax.legend(loc="lower left", frameon=False, fontsize="small")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("computed - published\n(units of the last printed digit)")
    ax.set_ylim(-1, 1)
    ax.set_title(title)
    add_source(fig, source)
    return fig
