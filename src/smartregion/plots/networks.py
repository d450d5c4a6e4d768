"""Network figures: the industry space, footprints compared, group centralities.

:func:`compute_layout` fixes node positions (seeded, so reruns are identical);
:func:`industry_space_plot` draws one space with a region's footprint,
:func:`footprint_comparison_plot` several regions on the same layout, and
:func:`group_centrality_plot` the centrality of node groups.
"""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..panel import PanelError, SmartRegionWarning
from ._common import (
    BASE_COLOR,
    HIGHLIGHT_COLOR,
    MUTED_COLOR,
    _as_set,
    _clear_of_each_other,
    _constrained,
    _figure_axes,
    _finish,
    _label_widths,
    _legend_below,
    _titled,
)
from .fonts import display_label
from .style import FONT_SIZE, PALETTE, SMALL, Source, add_source, color_for, place_labels

#: Colour of the pooled "other (k groups)" legend entry: darker than the muted background nodes.
OTHER_COLOR = "#6f6f6f"


def compute_layout(
    graph: nx.Graph,
    seed: int = 0,
    *,
    iterations: int = 200,
    max_mean_degree: float = 4.0,
) -> dict[Hashable, np.ndarray]:
    """Seeded force-directed (spring) positions of the industry space.

    Compute it once and pass it as ``layout=`` to :func:`industry_space_plot` so the figures
    of different regions put every industry in the same place. If the graph is denser than
    ``max_mean_degree`` (e.g. the complete industry space), the positions are computed on its
    backbone (:func:`smartregion.network.backbone` with that average degree) so that strong
    links, not the mass of weak ones, shape the picture. Positions are scaled to [-1, 1].

    Parameters
    ----------
    graph : networkx.Graph
    seed : int, default 0
        Seed of the initial positions; the same seed gives the same layout.
    iterations : int, default 200
    max_mean_degree : float, default 4.0

    Returns
    -------
    dict
        ``{industry: array([x, y])}``.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = compute_layout(nx.path_graph(3), seed=1)
    >>> sorted(pos) == [0, 1, 2] and all(abs(p).max() <= 1 for p in pos.values())
    True
    """
    if not isinstance(graph, nx.Graph) or graph.number_of_nodes() == 0:
        raise PanelError("compute_layout needs a non-empty networkx Graph.")
    g = graph
    n = graph.number_of_nodes()
    if n > 2 and 2.0 * graph.number_of_edges() / n > max_mean_degree:
        from ..network import backbone

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SmartRegionWarning)
            g = backbone(graph, avg_degree=max_mean_degree)
    pos = nx.spring_layout(g, seed=seed, iterations=iterations, weight="weight")
    return {v: np.asarray(pos[v], dtype=float) for v in graph.nodes}


def _node_colors(
    graph: nx.Graph, nodes: list[Hashable], color_by: str | None, max_groups: int = 10
) -> tuple[list[Any], dict[str, Any] | None, tuple[Any, Normalize] | None]:
    """Colours per node, a legend map for categories, or (cmap, norm) for numbers.

    With more than ``max_groups`` categories the ``max_groups - 1`` groups with most nodes keep
    their own colour (ties by name) and the rest share one grey entry, ``"other (k groups)"``,
    so no colour is ever used for two groups.
    """
    if color_by is None:
        return [BASE_COLOR] * len(nodes), None, None
    values = [graph.nodes[v].get(color_by) for v in nodes]
    present = [x for x in values if x is not None and not (isinstance(x, float) and np.isnan(x))]
    if not present:
        return [BASE_COLOR] * len(nodes), None, None
    if all(isinstance(x, (int, float, np.number)) and not isinstance(x, bool) for x in present) \
            and len(set(present)) > 12:
        arr = np.array([np.nan if x is None else float(x) for x in values])
        cmap = mpl.colormaps["viridis"]
        norm = Normalize(np.nanmin(arr), np.nanmax(arr))
        cols = [MUTED_COLOR if np.isnan(x) else cmap(norm(x)) for x in arr]
        return cols, None, (cmap, norm)
    counts = pd.Series([str(x) for x in present]).value_counts()
    cats = sorted(counts.index, key=lambda c: (-counts[c], c))
    other: list[str] = []
    if len(cats) > max(max_groups, 1):
        keep = max(max_groups - 1, 1)
        cats, other = sorted(cats[:keep]), cats[keep:]
    else:
        cats = sorted(cats)
    # qualitative palettes without their greys, so no group looks like "other" or a faded node
    # with more than nine groups: the dark tab20 hues first, then their light partners, so
    # neighbouring groups in the legend do not get two shades of one hue
    tab20 = mpl.colormaps["tab20"].colors
    palette = ([c for k, c in enumerate(mpl.colormaps["tab10"].colors) if k != 7]
               if len(cats) <= 9 else
               [tab20[k] for k in (*range(0, 20, 2), *range(1, 20, 2)) if k not in (14, 15)])
    lut = {c: palette[k % len(palette)] for k, c in enumerate(cats)}
    house = {k.lower(): v for k, v in PALETTE.items()}
    if all(c.lower() in house for c in cats) and len({house[c.lower()] for c in cats}) == len(cats):
        lut = {c: house[c.lower()] for c in cats}  # recurring groups keep their house colours
    cols = [lut.get(str(x), OTHER_COLOR) if x is not None else MUTED_COLOR for x in values]
    if other:
        lut[f"other ({len(other)} groups)"] = OTHER_COLOR
    return cols, lut, None


def label_nodes(graph: nx.Graph, highlight: Iterable[Hashable] | None = None, *,
                top: int = 20, rank_by: str | None = "size") -> list[Hashable]:
    """The nodes worth a text label: at most ``top``, highlighted ones first.

    Nodes are ranked by the attribute ``rank_by`` (largest first; missing counts as 0), then
    by degree, then by label, so the choice is deterministic. With ``highlight`` only
    highlighted nodes are labelled.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.star_graph(4)
    >>> label_nodes(g, top=2, rank_by=None)
    [0, 1]
    """
    pool = list(graph.nodes) if not highlight else [v for v in graph.nodes if v in highlight]

    def key(v: Hashable) -> tuple[float, int, str]:
        raw = graph.nodes[v].get(rank_by) if rank_by else None
        size = pd.to_numeric(pd.Series([raw]), errors="coerce").fillna(0.0).iloc[0]
        return (-float(size), -graph.degree(v), str(v))

    return sorted(pool, key=key)[: max(int(top), 0)]


def _node_sizes(graph: nx.Graph, nodes: list[Hashable], size_by: str | None) -> np.ndarray:
    """Marker areas (points squared) of ``nodes``: :func:`_area` of ``size_by`` (default 90)."""
    raw = _size_values(graph, nodes, size_by)
    if raw is None:
        return np.full(len(nodes), 90.0)
    return _area(raw, float(np.nanmax(raw)))


def _size_values(graph: nx.Graph, nodes: list[Hashable], size_by: str | None
                 ) -> np.ndarray | None:
    """The numeric ``size_by`` attribute of ``nodes`` (NaN as 0), or None if there is none."""
    if size_by is None:
        return None
    raw = pd.to_numeric(pd.Series([graph.nodes[v].get(size_by) for v in nodes], dtype=object),
                        errors="coerce").to_numpy(dtype=float)
    if np.all(np.isnan(raw)) or np.nanmax(raw) <= 0:
        return None
    return np.clip(np.nan_to_num(raw, nan=0.0), 0, None)


def _area(values: np.ndarray | float, vmax: float) -> np.ndarray:
    """Marker area for a size value: ``25 + 375 * sqrt(value / vmax)`` points squared.

    The square root keeps small industries visible; the size key (:func:`_size_key`) uses the
    same function, so a reader can map a node back to its value.

    >>> _area(np.array([0.0, 25.0, 100.0]), 100.0).tolist()
    [25.0, 212.5, 400.0]
    """
    return 25.0 + 375.0 * np.sqrt(np.asarray(values, dtype=float) / float(vmax))


def _key_values(vmax: float, vmin: float) -> list[float]:
    """Up to three round values for a size key: the largest power-of-ten multiple below
    ``vmax`` and the powers of ten below it, down to ``vmin``.

    >>> _key_values(873_000, 1_000)
    [8000.0, 80000.0, 800000.0]
    >>> _key_values(5.0, 0.0)
    [0.05, 0.5, 5.0]
    """
    if vmax <= 0:
        return []
    exp = np.floor(np.log10(vmax))
    top = np.floor(vmax / 10 ** exp) * 10 ** exp
    vals = [top / 100, top / 10, top]
    kept = [float(v) for v in vals if v >= vmin] or [float(top)]
    return [float(f"{v:.6g}") for v in kept]


def _fmt_value(v: float) -> str:
    return f"{v:,.0f}" if v >= 1 else f"{v:g}"


def _size_handles(vmax: float, vmin: float) -> list[Line2D]:
    """Legend handles of a node-size key: round values drawn with the nodes' area rule."""
    return [Line2D([], [], marker="o", ls="", color=MUTED_COLOR, markeredgecolor="#505050",
                   markersize=float(np.sqrt(_area(v, vmax))), label=_fmt_value(v))
            for v in _key_values(vmax, vmin)]


def _size_key(ax: Axes, vmax: float, vmin: float, title: str, *, loc: str = "lower left",
              anchor: tuple[float, float] = (1.0, 0.0)) -> Any:
    """Add a legend of marker sizes (the node-size key) to ``ax`` without replacing its legend."""
    from matplotlib.legend import Legend

    handles = _size_handles(vmax, vmin)
    wrapped = "\n".join(textwrap.wrap(display_label(title), 30))
    key = Legend(ax, handles, [h.get_label() for h in handles], title=wrapped,
                 loc=loc, bbox_to_anchor=anchor, fontsize=SMALL, title_fontsize=SMALL,
                 frameon=False, labelspacing=1.3, borderpad=0.8, handletextpad=1.2,
                 alignment="left")
    ax.add_artist(key)
    return key


def _group_handles(lut: Mapping[str, Any]) -> list[Line2D]:
    return [Line2D([], [], marker="o", ls="", color=c, markersize=7, label=display_label(k))
            for k, c in lut.items()]


def _draw_space(ax: Axes, graph: nx.Graph, nodes: list[Hashable], xy: np.ndarray,
                pos: Mapping[Hashable, Any], marked: set[Hashable], cols: list[Any],
                sizes: np.ndarray, *, muted_rest: bool = True) -> tuple[np.ndarray, Any]:
    """Links and nodes of the industry space on ``ax``; returns (is_marked, marked scatter)."""
    edges = list(graph.edges(data=True))
    if edges:
        wts = np.array([float(d.get("weight", 1.0)) for _, _, d in edges])
        wmax = wts.max() if wts.max() > 0 else 1.0
        segs = [(pos[a], pos[b]) for a, b, _ in edges]
        colors = ["#7f7f7f" if d.get("mst", False) else "#c7c7c7" for _, _, d in edges]
        ax.add_collection(LineCollection(segs, linewidths=0.3 + 1.6 * wts / wmax, colors=colors,
                                         zorder=1, alpha=0.45 if marked else 0.8))
    is_marked = np.array([v in marked for v in nodes], dtype=bool)
    front = None
    if marked:
        rest = ~is_marked
        rest_cols = ([MUTED_COLOR] * int(rest.sum()) if muted_rest
                     else [cols[k] for k in np.flatnonzero(rest)])
        ax.scatter(xy[rest, 0], xy[rest, 1], s=sizes[rest] * (0.45 if muted_rest else 1.0),
                   c=rest_cols, alpha=0.45 if muted_rest else 0.25, linewidths=0, zorder=2)
        front = ax.scatter(xy[is_marked, 0], xy[is_marked, 1], s=sizes[is_marked],
                           c=[cols[k] for k in np.flatnonzero(is_marked)],
                           edgecolors="black", linewidths=0.6, zorder=3)
    else:
        front = ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=cols, edgecolors="white",
                           linewidths=0.5, zorder=2)
    pad = 0.08
    ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
    ax.set_ylim(xy[:, 1].min() - pad, xy[:, 1].max() + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    return is_marked, front


def industry_space_plot(
    graph: nx.Graph,
    *,
    layout: Mapping[Hashable, Any] | None = None,
    highlight: Iterable[Hashable] | pd.Series | None = None,
    color_by: str | None = "group",
    size_by: str | None = "size",
    labels: bool | str | None = None,
    seed: int = 0,
    title: str | None = None,
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] = (8.0, 7.0),
    max_labels: int = 20,
    max_legend: int = 10,
    source: str | Source | None = None,
    size_label: str | None = None,
    legend_title: str | None = None,
) -> Figure:
    """Draw the industry space (usually its backbone), optionally marking a region's industries.

    Links are grey lines whose width grows with relatedness (spanning-tree links a little
    darker). Nodes are coloured by the node attribute ``color_by`` (categories get a legend,
    many numeric values a colour bar) and sized by ``size_by`` (marker area
    ``25 + 375 * sqrt(value / max)`` points squared, with a size key giving three values).
    With ``highlight`` (e.g. the industries a region is specialised in) those nodes are drawn
    in their colour with a thin black ring and all others small and grey, which is the usual
    way to show a region's footprint.

    Parameters
    ----------
    graph : networkx.Graph
        Output of :func:`smartregion.network.industry_space` or
        :func:`smartregion.network.backbone`.
    layout : mapping, optional
        Node positions from :func:`compute_layout`; computed with ``seed`` if missing.
    highlight : iterable of industries or boolean Series, optional
    color_by, size_by : str or None, default "group", "size"
        Node attributes; missing attributes give one colour / one size.
    labels : bool or "highlighted", optional
        ``True`` labels every node, ``False`` none, ``"highlighted"`` every highlighted node;
        by default at most ``max_labels`` nodes (see :func:`label_nodes`: the largest
        highlighted ones, or the largest of all when nothing is highlighted), skipping any
        label that would overprint a larger one. The labels are placed by
        :func:`smartregion.plots.style.place_labels` (fixed iteration budget, so reruns are
        identical).
    seed : int, default 0
    title : str, optional
    ax : Axes, optional
    path : str or Path, optional
        Save PNG and PDF (see :func:`save_figure`).
    figsize : tuple, default (8, 7)
    max_labels : int, default 20
        Most node labels drawn when ``labels`` is None.
    max_legend : int, default 10
        Most legend entries for a categorical ``color_by``; smaller groups share an
        ``"other (k groups)"`` entry in grey.
    source : str or Source, optional
        Source line under the figure (see :func:`add_source`), e.g. the data and the backbone
        rule (:func:`smartregion.network.describe_backbone`).
    size_label : str, optional
        Title of the node-size key, with units (default: the ``size_by`` name).
    legend_title : str, optional
        Title of the colour legend (default: the ``color_by`` name).

    Returns
    -------
    Figure
    """
    if not isinstance(graph, nx.Graph) or graph.number_of_nodes() == 0:
        raise PanelError("industry_space_plot needs a non-empty networkx Graph.")
    nodes = list(graph.nodes)
    pos = dict(layout) if layout is not None else compute_layout(graph, seed=seed)
    missing = [v for v in nodes if v not in pos]
    if missing:
        raise PanelError(f"the layout has no position for {missing[:5]}; recompute it.")
    marked = _as_set(highlight)
    unknown = marked - set(nodes)
    if unknown:
        raise PanelError(
            f"highlighted industries not in the graph: {sorted(map(str, unknown))[:5]}"
        )
    fig, ax = _figure_axes(ax, figsize)
    xy = np.array([pos[v] for v in nodes], dtype=float).reshape(len(nodes), 2)
    cols, lut, scale = _node_colors(graph, nodes, color_by, max_legend)
    sizes = _node_sizes(graph, nodes, size_by)
    _, front = _draw_space(ax, graph, nodes, xy, pos, marked, cols, sizes)

    order: dict[Hashable, int] = {}
    if isinstance(labels, str) and labels != "highlighted":
        raise ValueError(f"labels must be True, False, None or 'highlighted', not {labels!r}")
    if labels is True:
        shown = set(nodes)
    elif labels is False:
        shown = set()
    elif labels == "highlighted":
        shown = set(marked)
    else:
        ranked = label_nodes(graph, marked, top=max_labels, rank_by=size_by)
        shown = set(ranked)
        order = {v: k for k, v in enumerate(ranked)}
    # Labels in rank order (largest first); points whose label would sit on a larger one's
    # are skipped, the rest are moved apart by place_labels.
    candidates = sorted((k for k, v in enumerate(nodes) if v in shown),
                        key=lambda k: order.get(nodes[k], 0))
    span = float(np.ptp(xy, axis=0).max()) if len(nodes) > 1 else 1.0
    span = span if span > 0 else 1.0
    texts = [display_label(graph.nodes[v].get("label", v)) for v in nodes]
    kept = candidates if labels is True or labels == "highlighted" else _clear_of_each_other(
        xy / span, candidates, widths=_label_widths(ax, texts, 1.2))
    if kept:
        place_labels(ax, xy[kept, 0], xy[kept, 1], [texts[k] for k in kept], fontsize=SMALL - 1,
                     avoid=front, iterations=300)
    if lut and marked:
        # only highlighted nodes carry their group colour: list the groups they show
        used = {mpl.colors.to_hex(cols[k]) for k, v in enumerate(nodes) if v in marked}
        lut = {name: c for name, c in lut.items() if mpl.colors.to_hex(c) in used} or lut
    if lut:
        ax.legend(handles=_group_handles(lut), title=display_label(legend_title or color_by),
                  fontsize=SMALL, title_fontsize=SMALL, loc="upper left",
                  bbox_to_anchor=(1.0, 1.0), frameon=False, alignment="left")
    elif scale is not None:
        sm = ScalarMappable(norm=scale[1], cmap=scale[0])
        fig.colorbar(sm, ax=ax, shrink=0.6, label=display_label(legend_title or color_by))
    raw = _size_values(graph, nodes, size_by)
    if raw is not None and scale is None:
        positive = raw[raw > 0]
        _size_key(ax, float(raw.max()), float(positive.min()) if positive.size else 0.0,
                  size_label or str(size_by))
    if title:
        ax.set_title(display_label(title), fontsize=FONT_SIZE + 1)
    if source:
        add_source(fig, source)
    return _finish(fig, path)


def footprint_comparison_plot(
    graph: nx.Graph,
    specialisation: pd.DataFrame,
    regions: Iterable[Hashable],
    *,
    layout: Mapping[Hashable, Any],
    stats: Mapping[Hashable, str] | None = None,
    color_by: str | None = "group",
    size_by: str | None = "size",
    size_label: str | None = None,
    legend_title: str | None = None,
    max_legend: int = 12,
    title: str | None = None,
    source: str | Source | None = None,
    panel_width: float = 5.2,
    path: str | Path | None = None,
) -> Figure:
    """Several regions' specialisations on one industry space, one panel per region.

    Every panel uses the same ``layout`` (an industry sits in the same place in all of them)
    and the same colours: all industries are drawn small and grey, the region's
    specialisations (``specialisation.loc[region]`` true or 1) in the colour of their
    ``color_by`` group and sized by ``size_by``. One colour legend and one node-size key serve
    all panels. ``stats`` gives each panel a line of computed numbers under the region's name
    (e.g. the number of specialisations, footprint density and the share of them in the
    largest linked group), so the comparison is read from numbers, not from the picture alone.

    Parameters
    ----------
    graph : networkx.Graph
        The industry space or its backbone.
    specialisation : DataFrame
        Regions x industries, boolean or 0/1.
    regions : iterable
        Rows of ``specialisation`` to draw, one panel each, left to right.
    layout : mapping
        Node positions (:func:`compute_layout`).
    stats : mapping, optional
        ``{region: text}`` shown under the region's name in its panel.
    color_by, size_by, size_label, legend_title, max_legend
        As in :func:`industry_space_plot`.
    title : str, optional
        Figure title (the finding or the quantity shown).
    source : str or Source, optional
    panel_width : float, default 5.2
        Width of one panel in inches.
    path : str or Path, optional

    Returns
    -------
    Figure
        ``fig.smartregion_counts`` maps each region to the number of specialisations drawn.
    """
    if not isinstance(graph, nx.Graph) or graph.number_of_nodes() == 0:
        raise PanelError("footprint_comparison_plot needs a non-empty networkx Graph.")
    regions = list(regions)
    if not regions:
        raise PanelError("footprint_comparison_plot needs at least one region.")
    nodes = list(graph.nodes)
    missing = [v for v in nodes if v not in layout]
    if missing:
        raise PanelError(f"the layout has no position for {missing[:5]}; recompute it.")
    absent = [r for r in regions if r not in specialisation.index]
    if absent:
        raise PanelError(f"regions not in the specialisation table: {absent}")
    lost = [v for v in nodes if v not in specialisation.columns]
    if lost:
        raise PanelError(f"industries of the graph not in the specialisation table: {lost[:5]}")
    pos = dict(layout)
    xy = np.array([pos[v] for v in nodes], dtype=float).reshape(len(nodes), 2)
    cols, lut, _ = _node_colors(graph, nodes, color_by, max_legend)
    sizes = _node_sizes(graph, nodes, size_by)
    fig = Figure(figsize=(panel_width * len(regions), panel_width + 2.2), layout="constrained")
    grid = fig.add_gridspec(2, len(regions), height_ratios=[panel_width, 1.1])
    axes = [fig.add_subplot(grid[0, k]) for k in range(len(regions))]
    key_ax = fig.add_subplot(grid[1, :])  # legends live here, below the data
    key_ax.set_axis_off()
    counts: dict[Hashable, int] = {}
    for ax, r in zip(axes, regions):
        row = specialisation.loc[r].reindex(nodes).fillna(0).astype(bool)
        marked = set(row.index[row.to_numpy()])
        counts[r] = len(marked)
        _draw_space(ax, graph, nodes, xy, pos, marked, cols, sizes)
        ax.set_title(display_label(r), loc="left", fontsize=FONT_SIZE + 1, fontweight="bold",
                     color=color_for(str(r), "black"))
        if stats and r in stats:
            ax.text(0.0, -0.01, display_label(stats[r]), transform=ax.transAxes, ha="left",
                    va="top", fontsize=SMALL)
    from matplotlib.legend import Legend

    raw = _size_values(graph, nodes, size_by)
    if raw is not None:
        positive = raw[raw > 0]
        handles = _size_handles(float(raw.max()),
                                float(positive.min()) if positive.size else 0.0)
        key_ax.add_artist(Legend(key_ax, handles, [h.get_label() for h in handles],
                                 loc="upper right", ncols=len(handles), fontsize=SMALL,
                                 title=display_label(size_label or size_by),
                                 title_fontsize=SMALL, frameon=False, columnspacing=1.6,
                                 handletextpad=0.8, borderpad=0.3, handleheight=3.4))
    if lut:
        key_ax.legend(handles=_group_handles(lut), loc="upper left", ncols=min(4, len(lut)),
                      fontsize=SMALL, title=display_label(legend_title or color_by),
                      title_fontsize=SMALL, frameon=False, alignment="left", borderpad=0.3)
    if title:
        fig.suptitle(display_label(title))
    if source:
        add_source(fig, source)
    fig.smartregion_counts = counts  # type: ignore[attr-defined]
    return _finish(fig, path)


def group_centrality_plot(
    percentiles: pd.DataFrame,
    in_group: pd.Series,
    marked: pd.Series,
    top: pd.DataFrame,
    *,
    measures: list[str],
    rng: np.random.Generator,
    ylabel: str,
    title: str,
    top_xlabel: str,
    top_title: str,
    source: Source | str,
    suptitle: str | None = None,
    group_label: str = "group",
    marked_label: str = "marked",
    value: str = "lq_region",
    flag: str = "specialised_region",
    name: str = "name",
    reference: float = 1.0,
    xlabel: str = "Centrality measure on the backbone",
    figsize: tuple[float, float] = (14.0, 5.6),
) -> Figure:
    """Are a group's industries central in the industry space, and is the region in them?

    Left: for each centrality measure, a box of the percentile ranks of the other industries
    (grey) beside a box for the group's industries (blue), the group's industries also drawn
    as jittered dots, red where ``marked`` (e.g. the region is specialised in them); a legend
    under the axes says which is which. Right: the region's value (e.g. location quotient) in
    the group's most central industries, bars red where ``top[flag]`` is true, with a dashed
    line at ``reference``.

    Parameters
    ----------
    percentiles : DataFrame
        Percentile ranks of every industry (rows) on each measure (columns).
    in_group, marked : Series of bool
        By industry: member of the group; marked (only group members are drawn as dots).
    top : DataFrame
        The industries of the right panel in drawing order (bottom to top), with columns
        ``value``, ``flag`` and ``name`` (tick labels, shortened to 40 characters).
    measures : list of str
        Columns of ``percentiles`` shown on the left.
    rng : numpy.random.Generator
        Source of the horizontal jitter of the dots (one draw per measure, in order).
    ylabel, title, top_xlabel, top_title : str
        Axis labels and panel titles.
    source : Source or str
        Source line under the figure.
    suptitle : str, optional
        Figure title (the finding).
    group_label, marked_label : str
        Legend names of the group and of its marked members.
    value, flag, name : str
        Columns of ``top``.
    reference : float, default 1.0
        Dashed line in the right panel (location quotient 1 = national share).
    xlabel : str, default "Centrality measure on the backbone"
        Label of the left panel's axis: say which graph the measures come from.
    figsize : tuple of float

    Returns
    -------
    Figure
        Two axes.
    """
    group = in_group.reindex(percentiles.index).fillna(False).astype(bool)
    fig, axes = _constrained(figsize, ncols=2)
    pos = np.arange(len(measures)) * 3.0
    for offset, rows, face in ((0, ~group, "#d9d9d9"), (1, group, "#9ecae1")):
        axes[0].boxplot([percentiles.loc[rows, c] for c in measures], positions=pos + offset,
                        widths=0.8, showfliers=False, patch_artist=True,
                        boxprops={"facecolor": face}, medianprops={"color": "black"})
    members = percentiles.loc[group]
    colors = np.where(marked.reindex(members.index).fillna(False).astype(bool),
                      HIGHLIGHT_COLOR, "#08519c")
    for k, c in enumerate(measures):
        shift = rng.uniform(-0.25, 0.25, len(members))
        axes[0].scatter(pos[k] + 1 + shift, members[c], s=10, zorder=3, c=colors)
    axes[0].set_xticks(pos + 0.5, [display_label(m) for m in measures])
    axes[0].set_xlabel(display_label(xlabel))
    axes[0].set_ylabel(display_label(ylabel))
    axes[0].set_title(display_label(title))
    handles = [mpl.patches.Patch(facecolor="#d9d9d9", edgecolor="black",
                                 label="other industries"),
               mpl.patches.Patch(facecolor="#9ecae1", edgecolor="black",
                                 label=display_label(group_label)),
               Line2D([], [], marker="o", ls="", color="#08519c", ms=4,
                      label=f"{display_label(group_label)}: one industry"),
               Line2D([], [], marker="o", ls="", color=HIGHLIGHT_COLOR, ms=4,
                      label=display_label(marked_label))]
    _legend_below(axes[0], handles=handles, ncols=2)
    axes[1].barh(np.arange(len(top)), top[value],
                 color=np.where(top[flag], HIGHLIGHT_COLOR, MUTED_COLOR))
    axes[1].set_yticks(np.arange(len(top)),
                       [display_label(textwrap.shorten(str(n), 40, placeholder=" ..."))
                        for n in top[name]], fontsize=SMALL)
    axes[1].axvline(reference, color="black", lw=0.8, ls="--")
    axes[1].set_xlabel(display_label(top_xlabel))
    axes[1].set_title(display_label(top_title))
    return _titled(fig, suptitle, source)
