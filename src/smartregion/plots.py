"""Figures for the smartregion indices (matplotlib only).

Every function draws one kind of figure and returns its :class:`matplotlib.figure.Figure`.
Pass ``ax=`` to draw into an existing axes, and ``path=`` to save the figure as PNG and PDF
next to each other (``path`` with or without suffix; ``"out/fig"`` writes ``out/fig.png`` and
``out/fig.pdf``). Saved files are byte-for-byte reproducible: fixed dpi, no time stamps or
software versions in the metadata, seeded layouts.

Figures are created with :class:`matplotlib.figure.Figure`, not :mod:`matplotlib.pyplot`, so
no global figure state is touched and nothing has to be closed.

CJK labels (Japanese or Chinese region and industry names) need a font with those glyphs.
:func:`setup_fonts` looks for one among the installed fonts; if there is none, labels holding
CJK characters are romanised (a small built-in table of place names, a user table, and
otherwise code points) and a :class:`CJKFontWarning` says so.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import font_manager, ft2font, patheffects
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .figstyle import (
    PALETTE,
    STYLE,
    Source,
    add_source,
    color_for,
    crosses_break,
    figure_title,
    mark_break,
    place_labels,
    source_text,
    use_style,
)
from .panel import PanelError, SmartRegionWarning
from .policy import QUADRANT_NAMES

__all__ = [
    "CJKFontWarning",
    "setup_fonts",
    "display_label",
    "save_figure",
    "compute_layout",
    "industry_space_plot",
    "label_nodes",
    "footprint_comparison_plot",
    "add_source",
    "Source",
    "source_text",
    "figure_title",
    "PALETTE",
    "STYLE",
    "color_for",
    "use_style",
    "mark_break",
    "crosses_break",
    "place_labels",
    "lq_bar",
    "lq_heatmap",
    "rv_uv_scatter",
    "index_timeseries",
    "quadrant_table",
    "density_complexity_scatter",
    "region_strip_plot",
    "label_column",
    "coefficients_by_unit",
    "level_and_ratio_plot",
    "shift_share_bars",
    "highlight_bars",
    "index_and_change_plot",
    "quoted_counts_plot",
    "group_centrality_plot",
]

DPI = 200
FONT_SIZE = 10
SMALL = 8
HIGHLIGHT_COLOR = PALETTE["highlight"]
BASE_COLOR = PALETTE["base"]
MUTED_COLOR = PALETTE["muted"]
#: Colour of the pooled "other (k groups)" legend entry: darker than the muted background nodes.
OTHER_COLOR = "#6f6f6f"

#: Font families tried first, in order, when looking for CJK glyphs.
CJK_FAMILIES = (
    "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK KR",
    "Noto Sans JP", "Noto Sans SC", "Source Han Sans", "Source Han Sans JP",
    "IPAexGothic", "IPAGothic", "TakaoGothic", "VL Gothic", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "Droid Sans Fallback", "Hiragino Sans", "Hiragino Maru Gothic Pro",
    "Yu Gothic", "Meiryo", "MS Gothic", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Arial Unicode MS", "AppleGothic",
)
_PROBE = "京都深圳广东産業"

#: Romanised forms of place names used in the Kyoto / Shenzhen studies.
ROMANISED = {
    "京都": "Kyoto", "京都府": "Kyoto Prefecture", "京都市": "Kyoto City",
    "深圳": "Shenzhen", "深圳市": "Shenzhen City", "广东": "Guangdong", "廣東": "Guangdong",
    "广东省": "Guangdong Province", "広東省": "Guangdong Province", "香港": "Hong Kong",
    "大阪": "Osaka", "大阪府": "Osaka Prefecture", "大阪市": "Osaka City", "東京": "Tokyo",
    "東京都": "Tokyo Metropolis", "滋賀県": "Shiga Prefecture", "奈良県": "Nara Prefecture",
    "兵庫県": "Hyogo Prefecture", "日本": "Japan", "中国": "China", "北京": "Beijing",
    "上海": "Shanghai", "广州": "Guangzhou", "東莞": "Dongguan", "东莞": "Dongguan",
    "韓国": "Korea", "韩国": "Korea", "한국": "Korea",
}


class CJKFontWarning(SmartRegionWarning):
    """No installed font has CJK glyphs: CJK labels are romanised."""


_STATE: dict[str, Any] = {"checked": False, "family": None, "romanise": {}, "warned": False}


# ---------------------------------------------------------------------------- fonts and labels
def _has_cjk(text: str) -> bool:
    for ch in text:
        code = ord(ch)
        if (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
                or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x2FA1F):
            return True
    return False


def _covers(path: str, probe: str = _PROBE) -> bool:
    try:
        charmap = ft2font.FT2Font(path).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in probe)


def _find_cjk_font(families: Iterable[str] | None = None) -> str | None:
    """Family name of an installed font covering the CJK probe characters, or ``None``."""
    wanted = list(families) if families is not None else list(CJK_FAMILIES)
    entries = list(font_manager.fontManager.ttflist)
    by_name: dict[str, list[Any]] = {}
    for e in entries:
        by_name.setdefault(e.name, []).append(e)
    for fam in wanted:
        for e in by_name.get(fam, []):
            if _covers(e.fname):
                return fam
    if families is not None:
        return None
    # a font installed after matplotlib built its cache: register likely files, then any family
    hints = ("cjk", "ipa", "takao", "wqy", "droid", "hansans", "han_sans", "gothic", "mincho",
             "yahei", "simhei", "noto")
    known = {e.fname for e in entries}
    for fname in sorted(font_manager.findSystemFonts()):
        low = Path(fname).name.lower().replace("-", "")
        if fname not in known and any(h in low for h in hints) and _covers(fname):
            font_manager.fontManager.addfont(fname)
            return font_manager.FontProperties(fname=fname).get_name()
    for name in sorted(by_name):
        if any(h in name.lower() for h in ("cjk", "gothic", "hei", "han", "mincho")):
            if any(_covers(e.fname) for e in by_name[name]):
                return name
    return None


def setup_fonts(
    *,
    families: Iterable[str] | None = None,
    romanise: Mapping[str, str] | None = None,
    cjk: bool = True,
    warn: bool = True,
) -> str | None:
    """Pick a font with CJK glyphs for figure text, or set up romanised labels.

    Looks through ``families`` (default :data:`CJK_FAMILIES`, then any installed font whose
    glyph table covers a few Japanese and Chinese test characters). If one is found it is
    appended to ``rcParams["font.family"]`` as a fallback: text keeps its usual font, and only
    glyphs missing from it (CJK characters) are taken from the CJK font, so figures without
    CJK text look the same with or without it. Its name is returned. Otherwise labels with
    CJK characters are romanised from now on (see :func:`display_label`), a
    :class:`CJKFontWarning` is issued and ``None`` is returned.

    Parameters
    ----------
    families : iterable of str, optional
        Font family names to try, in order.
    romanise : mapping, optional
        Extra ``{label: romanised label}`` entries, added to :data:`ROMANISED`.
    cjk : bool, default True
        ``False`` forces romanised labels even when a CJK font exists (figures then look the
        same on every machine).
    warn : bool, default True
        Warn when falling back to romanised labels.

    Returns
    -------
    str or None
        The chosen family, or ``None`` when labels are romanised.
    """
    if romanise:
        _STATE["romanise"] = {**_STATE["romanise"], **dict(romanise)}
    family = _find_cjk_font(families) if cjk else None
    _STATE.update(checked=True, family=family, warned=not cjk)  # forced: no warning
    if family is not None:
        current = [f for f in mpl.rcParams["font.family"] if f != family]
        mpl.rcParams["font.family"] = [*current, family]
    elif warn and cjk:
        _warn_romanised()
    return family


def _warn_romanised() -> None:
    if not _STATE["warned"]:
        warnings.warn(
            "no installed font has CJK glyphs, so labels with Japanese/Chinese/Korean "
            "characters are romanised. Install one (e.g. the Debian package fonts-noto-cjk) "
            "and call smartregion.plots.setup_fonts() to draw them as written.",
            CJKFontWarning,
            stacklevel=4,
        )
        _STATE["warned"] = True


def display_label(label: Hashable) -> str:
    """The text drawn for ``label``: as written if it can be rendered, else romanised.

    Romanisation uses the tables of :func:`setup_fonts` (longest known name first); CJK
    characters left over are written as their code points (``U+4EAC``).

    Examples
    --------
    >>> display_label("I01")
    'I01'
    """
    text = str(label)
    if not _has_cjk(text):
        return text
    if not _STATE["checked"]:
        setup_fonts(warn=False)
    if _STATE["family"] is not None:
        return text
    _warn_romanised()
    table = {**ROMANISED, **_STATE["romanise"]}
    if text in table:
        return table[text]
    for key in sorted(table, key=len, reverse=True):
        if key in text:
            text = text.replace(key, f" {table[key]} ")
    out = []
    for ch in text:
        if _has_cjk(ch):
            norm = unicodedata.normalize("NFKC", ch)
            out.append(norm if not _has_cjk(norm) else f"U+{ord(ch):04X}")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


# ---------------------------------------------------------------------------- saving
def save_figure(fig: Figure, path: str | Path, *, dpi: int = DPI) -> list[Path]:
    """Save ``fig`` as ``<path>.png`` and ``<path>.pdf`` with reproducible bytes.

    The suffix of ``path`` (if any) is replaced. Parent folders are created. Metadata that
    changes between runs (software version, creation date) is left out.

    Returns
    -------
    list of Path
        The PNG and the PDF path.
    """
    base = Path(path)
    if base.suffix.lower() in (".png", ".pdf"):
        base = base.with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    png, pdf = base.with_name(base.name + ".png"), base.with_name(base.name + ".pdf")
    with mpl.rc_context({"svg.hashsalt": "smartregion", "pdf.compression": 6}):
        fig.savefig(png, dpi=dpi, format="png", metadata={"Software": None})
        fig.savefig(pdf, dpi=dpi, format="pdf",
                    metadata={"Creator": None, "Producer": None, "CreationDate": None})
    return [png, pdf]


def _figure_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot()


def _finish(fig: Figure, path: str | Path | None) -> Figure:
    if path is not None:
        save_figure(fig, path)
    return fig


def _as_set(highlight: Any) -> set[Hashable]:
    if highlight is None:
        return set()
    if isinstance(highlight, pd.Series):
        if highlight.dtype == bool or set(pd.unique(highlight.dropna())) <= {0, 1}:
            return set(highlight.index[highlight.astype(bool)])
        return set(highlight.tolist())
    if isinstance(highlight, (str, bytes)) or not isinstance(highlight, Iterable):
        return {highlight}
    return set(highlight)


# ---------------------------------------------------------------------------- industry space
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
        from .network import backbone

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


def _size_key(ax: Axes, vmax: float, vmin: float, title: str, *, loc: str = "lower left",
              anchor: tuple[float, float] = (1.0, 0.0)) -> Any:
    """Add a legend of marker sizes (the node-size key) to ``ax`` without replacing its legend."""
    from matplotlib.legend import Legend

    vals = _key_values(vmax, vmin)
    handles = [Line2D([], [], marker="o", ls="", color=MUTED_COLOR, markeredgecolor="#505050",
                      markersize=float(np.sqrt(_area(v, vmax))), label=_fmt_value(v))
               for v in vals]
    import textwrap

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
    labels: bool | None = None,
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
    labels : bool, optional
        ``True`` labels every node, ``False`` none; by default at most ``max_labels`` nodes
        (see :func:`label_nodes`: the largest highlighted ones, or the largest of all when
        nothing is highlighted), skipping any label that would overprint a larger one. The
        labels are placed by :func:`smartregion.figstyle.place_labels` (fixed iteration
        budget, so reruns are identical).
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
    is_marked, front = _draw_space(ax, graph, nodes, xy, pos, marked, cols, sizes)

    order: dict[Hashable, int] = {}
    if labels is True:
        shown = set(nodes)
    elif labels is False:
        shown = set()
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
    kept = candidates if labels is True else _clear_of_each_other(
        xy / span, candidates, widths=_label_widths(ax, texts, 1.2))
    if kept:
        place_labels(ax, xy[kept, 0], xy[kept, 1], [texts[k] for k in kept], fontsize=SMALL - 1,
                     avoid=front, iterations=300)
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
        vmax = float(raw.max())
        vals = _key_values(vmax, float(positive.min()) if positive.size else 0.0)
        handles = [Line2D([], [], marker="o", ls="", color=MUTED_COLOR,
                          markeredgecolor="#505050", markersize=float(np.sqrt(_area(v, vmax))),
                          label=_fmt_value(v)) for v in vals]
        key_ax.add_artist(Legend(key_ax, handles, [h.get_label() for h in handles],
                                 loc="upper right", ncols=len(vals), fontsize=SMALL,
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


# ---------------------------------------------------------------------------- LQ figures
def lq_bar(
    lq: pd.Series,
    *,
    threshold: float = 1.0,
    top: int | None = None,
    sort: bool = True,
    title: str | None = None,
    xlabel: str = "Location quotient",
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Horizontal bars of one region's location quotients, with a line at ``threshold``.

    Bars at or above the threshold (specialisations) are coloured, the rest grey.

    Parameters
    ----------
    lq : Series
        LQ by industry (one region's row of :func:`smartregion.structure.location_quotient`).
    threshold : float, default 1.0
    top : int, optional
        Keep only the ``top`` largest values.
    sort : bool, default True
        Largest at the top.
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
    height = figsize or (6.5, max(2.5, 0.28 * len(s) + 1.2))
    fig, ax = _figure_axes(ax, height)
    vals = s.fillna(0.0).to_numpy()
    colors = [HIGHLIGHT_COLOR if v >= threshold else MUTED_COLOR for v in vals]
    ax.barh(np.arange(len(s)), vals, color=colors)
    ax.set_yticks(np.arange(len(s)), [display_label(i) for i in s.index], fontsize=SMALL)
    ax.axvline(threshold, color="black", lw=0.8, ls="--")
    ax.set_xlabel(display_label(xlabel), fontsize=FONT_SIZE)
    ax.tick_params(axis="x", labelsize=SMALL)
    ax.set_title(display_label(title if title is not None else (lq.name or "")),
                 fontsize=FONT_SIZE + 1)
    return _finish(fig, path)


def _single_period(frame: pd.DataFrame, time: Hashable | None, what: str) -> pd.DataFrame:
    if isinstance(frame.index, pd.MultiIndex):
        times = frame.index.get_level_values(0).unique()
        if time is None:
            if len(times) > 1:
                raise PanelError(f"{what}: the table has several periods; pass time=.")
            time = times[0]
        return frame.xs(time, level=0)
    return frame


def lq_heatmap(
    lq: pd.DataFrame,
    *,
    log: bool = True,
    time: Hashable | None = None,
    annotate: bool | None = None,
    cmap: str = "RdBu_r",
    title: str | None = None,
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Region x industry heat map of location quotients, diverging around LQ = 1.

    With ``log=True`` the colour is :math:`\\log_2 LQ` on a symmetric scale (LQ = 2 and LQ = 0.5
    equally strong); zero and undefined cells are left blank (grey).

    Parameters
    ----------
    lq : DataFrame
        Rows region (optionally (time, region); pick one with ``time``), columns industry.
    log : bool, default True
    time : label, optional
    annotate : bool, optional
        Write the LQ values in the cells; default when the table has at most 300 cells.
    cmap : str, default "RdBu_r"
    title, ax, path, figsize
        Usual figure options.

    Returns
    -------
    Figure
    """
    if not isinstance(lq, pd.DataFrame) or lq.empty:
        raise PanelError("lq_heatmap needs a non-empty region x industry DataFrame.")
    frame = _single_period(lq, time, "lq_heatmap").apply(pd.to_numeric, errors="coerce")
    vals = frame.to_numpy(dtype=float)
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            shown = np.where(vals > 0, np.log2(vals), np.nan)
        lim = np.nanmax(np.abs(shown)) if np.isfinite(shown).any() else 1.0
        lim = lim if lim > 0 else 1.0
        norm = Normalize(-lim, lim)
        label = "log2 LQ"
    else:
        shown = vals
        top = np.nanmax(vals) if np.isfinite(vals).any() else 2.0
        norm = TwoSlopeNorm(vcenter=1.0, vmin=0.0, vmax=max(top, 1.0 + 1e-9))
        label = "LQ"
    n_r, n_i = shown.shape
    fig, ax = _figure_axes(ax, figsize or (max(5.0, 0.45 * n_i + 2.5), max(3.0, 0.4 * n_r + 1.5)))
    cm = mpl.colormaps[cmap].with_extremes(bad="#e6e6e6")
    img = ax.imshow(np.ma.masked_invalid(shown), cmap=cm, norm=norm, aspect="auto",
                    interpolation="nearest")
    ax.set_xticks(np.arange(n_i), [display_label(c) for c in frame.columns], rotation=90,
                  fontsize=SMALL)
    ax.set_yticks(np.arange(n_r), [display_label(r) for r in frame.index], fontsize=SMALL)
    if annotate if annotate is not None else n_r * n_i <= 300:
        for r in range(n_r):
            for i in range(n_i):
                if np.isfinite(vals[r, i]):
                    strong = np.isfinite(shown[r, i]) and abs(norm(shown[r, i]) - 0.5) > 0.3
                    ax.text(i, r, f"{vals[r, i]:.1f}", ha="center", va="center", fontsize=6,
                            color="white" if strong else "black")
    cbar = fig.colorbar(img, ax=ax, shrink=0.8)
    cbar.set_label(label, fontsize=FONT_SIZE)
    cbar.ax.tick_params(labelsize=SMALL)
    if title:
        ax.set_title(display_label(title), fontsize=FONT_SIZE + 1)
    return _finish(fig, path)


def _clear_of_each_other(xy: np.ndarray, order: Iterable[int], *,
                         gap: tuple[float, float] = (0.09, 0.03),
                         widths: np.ndarray | None = None,
                         keep: Iterable[int] = ()) -> list[int]:
    """Indices of points to label, in ``order``, whose labels overlap none kept before them.

    A label is a box from its point rightwards and upwards: ``widths[k]`` wide (default
    ``gap[0]``) and ``gap[1]`` high, in the units of ``xy`` (positions scaled to about a unit
    range). Points in ``keep`` are labelled whatever their neighbours, and first.

    Examples
    --------
    >>> xy = np.array([[0.0, 0.0], [0.05, 0.01], [0.5, 0.5]])
    >>> _clear_of_each_other(xy, [0, 1, 2])
    [0, 2]
    >>> _clear_of_each_other(xy, [0, 1, 2], keep=[1])
    [1, 2]
    >>> _clear_of_each_other(xy, [2, 0, 1], widths=np.array([0.01, 0.01, 0.6]))
    [2, 0, 1]
    >>> _clear_of_each_other(xy + [[0.7, 0.5], [0, 0], [0, 0]], [2, 0],
    ...                      widths=np.array([0.01, 0.01, 0.6]))
    [2]
    """
    w = np.full(len(xy), float(gap[0])) if widths is None else np.asarray(widths, dtype=float)
    h = float(gap[1])
    forced = list(dict.fromkeys(keep))
    kept = list(forced)

    def clashes(k: int) -> bool:
        return any(xy[k, 0] < xy[q, 0] + w[q] and xy[q, 0] < xy[k, 0] + w[k]
                   and abs(xy[k, 1] - xy[q, 1]) < h for q in kept)

    for k in order:
        if k in forced or clashes(k):
            continue
        kept.append(k)
    return kept


def _label_widths(ax: Axes, texts: list[str], data_units: float) -> np.ndarray:
    """Approximate width of each label in units where ``data_units`` spans the axes width."""
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72.0
    char = 0.6 * SMALL / max(width_pt, 1.0) * data_units
    return np.array([char * (len(t) + 1) for t in texts])


# ---------------------------------------------------------------------------- variety and time
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
    labels: bool = True,
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
        Drawn in their house colour (:func:`smartregion.figstyle.color_for`: Kyoto red, Osaka
        blue ...; the highlight red otherwise) and always labelled; the other regions grey.
    time : label, optional
    labels : bool, default True
        Label the highlighted regions and, most extreme first (farthest from the median in
        range-scaled units), as many others as fit without overprinting, at most
        ``max_labels``. ``False``: only the highlighted regions. Labels are placed by
        :func:`smartregion.figstyle.place_labels` (deterministic).
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
    extreme = [k for k in np.argsort(-np.hypot(unit[:, 0], unit[:, 1]), kind="stable")
               if not is_m[k]] if labels else []
    names = [display_label(r) for r in frame.index]
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


def index_timeseries(
    data: pd.Series | pd.DataFrame,
    *,
    highlight: Hashable | Iterable[Hashable] | None = None,
    column: str | None = None,
    ylabel: str | None = None,
    xlabel: str = "Period",
    title: str | None = None,
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
    marked = _as_set(highlight)
    unknown = marked - set(wide.columns)
    if unknown:
        raise PanelError(f"highlighted series not in the data: {sorted(map(str, unknown))}")
    fig, ax = _figure_axes(ax, figsize)
    xs = np.arange(len(wide.index))
    cmap = mpl.colormaps["tab10"]
    k_col = 0
    for col in wide.columns:
        ys = pd.to_numeric(wide[col], errors="coerce").to_numpy(float)
        if marked and col not in marked:
            ax.plot(xs, ys, color=MUTED_COLOR, lw=0.9, zorder=1)
            continue
        ax.plot(xs, ys, color=cmap(k_col % 10), lw=2.2 if marked else 1.4, marker="o", ms=3,
                label=display_label(col), zorder=2)
        k_col += 1
    ax.set_xticks(xs, [display_label(t) for t in wide.index], fontsize=SMALL,
                  rotation=45 if len(xs) > 8 else 0)
    ax.tick_params(axis="y", labelsize=SMALL)
    ax.set_xlabel(display_label(xlabel), fontsize=FONT_SIZE)
    name = ylabel if ylabel is not None else (data.name if isinstance(data, pd.Series) else None)
    if name is not None:
        ax.set_ylabel(display_label(name), fontsize=FONT_SIZE)
    if k_col and k_col <= 12:
        ax.legend(fontsize=SMALL, frameon=False)
    ax.grid(True, lw=0.3, alpha=0.5)
    if title:
        ax.set_title(display_label(title), fontsize=FONT_SIZE + 1)
    return _finish(fig, path)


# ---------------------------------------------------------------------------- target selection
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
    quadrant_names: Mapping[tuple[bool, bool], str] | None = None,
    title: str | None = None,
    xlabel: str = "Relatedness density",
    ylabel: str = "Complexity (PCI)",
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] = (7.0, 5.5),
) -> Figure:
    """Target-selection view: industries by relatedness density (x) and complexity (y).

    Dashed lines split the plane at ``x_split`` / ``y_split`` (medians by default) into the
    quadrants of :func:`quadrant_table`, whose names are written in the corners. The
    ``label_top`` industries of the "priority" quadrant with the highest score are labelled.

    Returns
    -------
    Figure
    """
    table = quadrant_table(density, pci, x_split=x_split, y_split=y_split,
                           candidates=candidates, quadrant_names=quadrant_names)
    names = {**QUADRANTS, **dict(quadrant_names or {})}
    xs, ys = table.attrs["x_split"], table.attrs["y_split"]
    fig, ax = _figure_axes(ax, figsize)
    qcolors = {names[(True, True)]: HIGHLIGHT_COLOR, names[(False, True)]: "#9467bd",
               names[(True, False)]: "#2ca02c", names[(False, False)]: MUTED_COLOR}
    ax.scatter(table["density"], table["pci"], c=[qcolors[q] for q in table["quadrant"]], s=35,
               edgecolors="white", linewidths=0.5, zorder=2)
    ax.margins(0.12)
    ax.axvline(xs, color="black", lw=0.8, ls="--", zorder=1)
    ax.axhline(ys, color="black", lw=0.8, ls="--", zorder=1)
    corners = {(True, True): (0.98, 0.98, "right", "top"), (False, True): (0.02, 0.98, "left",
               "top"), (True, False): (0.98, 0.02, "right", "bottom"),
               (False, False): (0.02, 0.02, "left", "bottom")}
    for key, (cx, cy, ha, va) in corners.items():
        ax.text(cx, cy, display_label(names[key]), transform=ax.transAxes, ha=ha, va=va,
                fontsize=SMALL, color=qcolors[names[key]] if key != (False, False) else "#555555",
                bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1.5})
    top = table[table["quadrant"] == names[(True, True)]].head(max(label_top, 0))
    for ind, row in top.iterrows():
        ax.annotate(display_label(ind), (row["density"], row["pci"]), xytext=(4, 4),
                    textcoords="offset points", fontsize=SMALL, fontweight="bold")
    ax.set_xlabel(display_label(xlabel), fontsize=FONT_SIZE)
    ax.set_ylabel(display_label(ylabel), fontsize=FONT_SIZE)
    ax.tick_params(labelsize=SMALL)
    ax.grid(True, lw=0.3, alpha=0.4)
    if title:
        ax.set_title(display_label(title), fontsize=FONT_SIZE + 1)
    return _finish(fig, path)


_TERM_NAMES = {"related": "related variety (RV)", "unrelated": "unrelated variety (UV)",
               "semi_related": "semi-related variety"}


def coefficient_plot(
    rows: pd.DataFrame,
    *,
    caption: str,
    title: str,
    source: str | Source = "",
    xlabel: str = "Standardised coefficient (SD of outcome per SD of regressor), 95% CI",
    path: str | Path | None = None,
    width: float = 8.0,
    panel_notes: Mapping[str, str] | None = None,
) -> Figure:
    """Coefficients with intervals: one panel per sample, one row per model, one marker per term.

    ``rows`` is the long table of :func:`smartregion.models.coefficient_rows` (columns
    ``model_id``, ``panel``, ``model``, ``rung``, ``n``, ``outcome``, ``units``, ``term``,
    ``coef``, ``low``, ``high``). Each sample (``panel``) gets its own panel, titled with the
    sample, the outcome (and its raw units; the plotted coefficients are standardised when the
    rows say so) and ``panel_notes[panel]`` (e.g. the RV/UV resolution); each row is one model
    (rung), labelled with the model name, what the rung adds and N; each term is a marker with
    its interval, related and unrelated variety in their house colours
    (:data:`smartregion.figstyle.PALETTE`). All panels share the x axis, so one unit is read
    off for every row.

    Every model in ``rows`` must be named in ``caption`` and the caption must name no other
    model (checked: the caption is what a reader trusts). The caption goes into the source
    line under the figure; the plotted model names are kept in ``fig.smartregion_models``.
    """
    need = {"model_id", "label", "term", "coef", "low", "high"}
    if not isinstance(rows, pd.DataFrame) or not need <= set(rows.columns) or rows.empty:
        raise PanelError(f"coefficient_plot needs a non-empty table with columns {sorted(need)}.")
    ids = list(dict.fromkeys(rows["model_id"]))
    named = [m for m in ids if m in caption]
    if named != ids:
        missing = [m for m in ids if m not in named]
        raise PanelError(f"the caption does not name model(s) {missing}.")
    rows = rows.copy()
    if "panel" not in rows.columns or "model" not in rows.columns:
        rows["panel"], rows["model"] = "", rows["model_id"]
    for col, default in (("rung", ""), ("n", np.nan), ("outcome", ""), ("units", ""),
                         ("standardised", False)):
        if col not in rows.columns:
            rows[col] = default
    panels = list(dict.fromkeys(rows["panel"]))
    terms = list(dict.fromkeys(rows["term"]))
    spare = ["#2e8b57", "#8b008b", "#555555"]
    tcol = {t: color_for(f"{t} variety" if t in ("related", "unrelated") else t,
                         spare[k % len(spare)])
            for k, t in enumerate(terms)}
    tmark = {t: "os^D"[k % 4] for k, t in enumerate(terms)}
    n_models = [rows.loc[rows["panel"] == p, "model"].nunique() for p in panels]
    fig = Figure(figsize=(width, 1.2 + sum(0.62 * n + 0.75 for n in n_models)),
                 layout="constrained")
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False,
                        gridspec_kw={"height_ratios": [n + 0.6 for n in n_models]})[:, 0]
    step = 0.34 / max(len(terms) - 1, 1)
    for ax, p in zip(axes, panels):
        sub = rows.loc[rows["panel"] == p]
        models = list(dict.fromkeys(sub["model"]))
        ypos = {m: len(models) - 1 - k for k, m in enumerate(models)}
        for j, t in enumerate(terms):
            part = sub.loc[sub["term"] == t]
            off = (0.17 - j * step) if len(terms) > 1 else 0.0
            y = np.array([ypos[m] + off for m in part["model"]])
            ax.hlines(y, part["low"], part["high"], colors=tcol[t], lw=1.8)
            ax.scatter(part["coef"], y, color=tcol[t], marker=tmark[t], s=30, zorder=3,
                       edgecolors="white", linewidths=0.5)
        first = sub.drop_duplicates("model").set_index("model")
        ticks = []
        for m in models:
            rung = str(first.loc[m, "rung"]).strip()
            for raw, nice in (("log_size", "log size"), ("herfindahl", "Herfindahl"),
                              ("_", " ")):
                rung = rung.replace(raw, nice)
            n = first.loc[m, "n"]
            n_txt = f"N={int(n):,}" if pd.notna(n) else ""
            ticks.append(display_label(f"{m} {rung}".strip() + (f"\n{n_txt}" if n_txt else "")))
        ax.set_yticks([ypos[m] for m in models], ticks, fontsize=SMALL)
        ax.set_ylim(-0.6, len(models) - 0.4)
        ax.axvline(0, color="0.35", lw=0.8, zorder=0)
        ax.grid(True, axis="x", lw=0.3, alpha=0.5)
        outcomes = list(dict.fromkeys(sub["outcome"].astype(str)))
        units = list(dict.fromkeys(sub["units"].astype(str)))
        std = bool(sub["standardised"].all())
        what = "; ".join(outcomes)
        if units and units != [""]:
            what += f" ({'; '.join(units)})"
        if std:
            what += ", z-scored"
        note = (panel_notes or {}).get(p, "")
        head = display_label(p) if p else ""
        ax.set_title("\n".join(x for x in (head, f"Outcome: {what}", note) if x),
                     loc="left", fontsize=SMALL + 1)
    axes[-1].set_xlabel(display_label(xlabel), fontsize=FONT_SIZE)
    handles = [Line2D([], [], color=tcol[t], marker=tmark[t], lw=1.8,
                      label=_TERM_NAMES.get(t, t)) for t in terms]
    axes[0].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                   fontsize=SMALL, frameon=False, title="Term", title_fontsize=SMALL)
    import textwrap

    fig.suptitle("\n".join(textwrap.wrap(display_label(title), int(width * 9))), x=0.01,
                 ha="left")
    if isinstance(source, Source):
        add_source(fig, Source(source.dataset, source.years, source.kind,
                               " ".join(x for x in (source.note, caption) if x)))
    elif source:
        text = str(source)
        if not text.startswith("Source:"):
            text = Source(text, "", "computed").text()
        add_source(fig, f"{text} {caption}")
    else:
        add_source(fig, caption)
    fig.smartregion_models = ids  # type: ignore[attr-defined]
    fig.smartregion_caption = caption  # type: ignore[attr-defined]
    return _finish(fig, path)


# ---------------------------------------------------------------------------- policy figures
def region_strip_plot(
    table: pd.DataFrame,
    region: Hashable,
    *,
    columns: Mapping[str, str],
    rng: np.random.Generator,
    xlabel: str,
    title: str,
    source: str,
    jitter: float = 0.12,
    figsize: tuple[float, float] = (8.0, 3.6),
) -> Figure:
    """One region against all others: a jittered strip of every region's value per measure.

    Each column of ``table`` (rows: regions) is one horizontal strip, all regions as grey
    points with a small vertical jitter, ``region`` as a large red point named above it. A
    vertical line marks zero, so the sign of each region's value can be read off. Use it for a
    measure whose reading for one region needs the comparison group beside it (e.g. the
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
    xlabel, title, source : str
        Axis label (quantity and units), title, and source line written under the figure.
    jitter : float, default 0.12
        Half-width of the uniform vertical jitter.
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
    fig = Figure(figsize=figsize)
    ax = fig.add_subplot()
    for k, col in enumerate(columns):
        shift = rng.uniform(-jitter, jitter, len(table))
        ax.scatter(table[col], k + shift, s=18, color="#9e9e9e", zorder=2)
        ax.scatter(table.loc[region, col], k, s=80, color=HIGHLIGHT_COLOR, edgecolors="black",
                   zorder=3, label=display_label(region) if k == 0 else None)
        ax.annotate(display_label(region), (table.loc[region, col], k), xytext=(0, 10),
                    textcoords="offset points", ha="center", fontsize=SMALL,
                    color=HIGHLIGHT_COLOR)
    ax.set_yticks(np.arange(len(columns)), [display_label(v) for v in columns.values()])
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel(display_label(xlabel))
    ax.set_title(display_label(title))
    ax.set_ylim(-0.6, len(columns) - 0.4)
    fig.text(0.01, -0.04, display_label(source), fontsize=SMALL - 1)
    return fig


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
    ``x_text + margin`` to leave room for the text.

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
                    textcoords="data", fontsize=SMALL - 1, fontweight="bold", va="center",
                    arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5})
    ax.set_xlim(right=x_text + margin)


def coefficients_by_unit(
    coefs: pd.DataFrame,
    *,
    units: list[str],
    terms: Mapping[str, str],
    nobs: Mapping[str, int],
    ylabel: str,
    title: str,
    source: str,
    figsize: tuple[float, float] = (8.0, 4.0),
) -> Figure:
    """The same regression fitted on several spatial units: coefficients with 95% intervals.

    One group of points per unit (x axis, with the number of observations under its name),
    one colour per term, each point with its confidence interval as error bars. A horizontal
    line marks zero. It shows whether a coefficient keeps its sign and size when the same
    model is estimated on wards, cities or prefectures.

    Parameters
    ----------
    coefs : DataFrame
        Indexed by (unit, term) with columns ``coef``, ``ci_low`` and ``ci_high``.
    units : list of str
        Units in the order drawn.
    terms : mapping
        ``{term: legend label}``; at most four terms.
    nobs : mapping
        ``{unit: number of observations}`` for the tick labels.
    ylabel, title, source : str
        Axis label (coefficient units), title and source line.
    figsize : tuple of float

    Returns
    -------
    Figure
        One axes.
    """
    palette = [BASE_COLOR, HIGHLIGHT_COLOR, "#2ca02c", "#9467bd"]
    if len(terms) > len(palette):
        raise PanelError(f"coefficients_by_unit draws at most {len(palette)} terms.")
    fig = Figure(figsize=figsize)
    ax = fig.add_subplot()
    for k, (term, label) in enumerate(terms.items()):
        sub = coefs.xs(term, level="term").reindex(units)
        xpos = np.arange(len(units)) + (k - (len(terms) - 1) / 2) * 0.25
        ax.errorbar(xpos, sub["coef"], yerr=[sub["coef"] - sub["ci_low"],
                                              sub["ci_high"] - sub["coef"]],
                    fmt="o", color=palette[k], capsize=3, label=display_label(label))
    ax.axhline(0, color="black", lw=0.6)
    ax.set_xticks(np.arange(len(units)), [f"{display_label(u)}\n(N = {int(nobs[u])})"
                                          for u in units])
    ax.set_ylabel(display_label(ylabel))
    ax.set_title(display_label(title))
    ax.legend(frameon=False, fontsize=SMALL)
    fig.text(0.01, -0.04, display_label(source), fontsize=SMALL - 1)
    return fig


def level_and_ratio_plot(
    levels: pd.DataFrame,
    ratios: pd.DataFrame,
    *,
    levels_ylabel: str,
    ratios_ylabel: str,
    levels_title: str,
    ratios_title: str,
    suptitle: str,
    source: str,
    xlabel: str = "Year",
    reference: float = 1.0,
    figsize: tuple[float, float] = (14.0, 4.8),
) -> Figure:
    """Two panels over time: levels (left) and a region's ratio to a reference (right).

    Each panel is an :func:`index_timeseries` (years in rows, one line per column). The right
    panel has a dashed line at ``reference`` (1 = the region equals the reference), so lines
    above it show where the region is ahead. Used for value added per person engaged: the
    medians of groups for a region and for the country, and the region's ratio by group.

    Parameters
    ----------
    levels, ratios : DataFrame
        Time in rows, one column per line.
    levels_ylabel, ratios_ylabel, levels_title, ratios_title : str
        Axis labels (with units) and panel titles.
    suptitle, source : str
        Figure title and source line.
    xlabel : str, default "Year"
    reference : float, default 1.0
        Height of the dashed reference line in the right panel.
    figsize : tuple of float

    Returns
    -------
    Figure
        Two axes.
    """
    fig = Figure(figsize=figsize)
    axes = fig.subplots(1, 2)
    index_timeseries(levels, ylabel=levels_ylabel, xlabel=xlabel, ax=axes[0],
                     title=levels_title)
    index_timeseries(ratios, ylabel=ratios_ylabel, xlabel=xlabel, ax=axes[1],
                     title=ratios_title)
    axes[1].axhline(reference, color="black", lw=0.8, ls="--")
    fig.suptitle(display_label(suptitle), y=1.02)
    fig.text(0.01, -0.04, display_label(source), fontsize=SMALL - 1)
    fig.tight_layout()
    return fig


def shift_share_bars(
    table: pd.DataFrame,
    *,
    components: Mapping[str, str],
    xlabel: str,
    title: str,
    total: str = "change",
    source: str | None = None,
    figsize: tuple[float, float] = (8.0, 7.0),
) -> Figure:
    """Shift-share decomposition by industry: one bar per component, a dot for the total.

    For each industry (rows of ``table``, drawn bottom to top) the components (e.g. national
    share, industry mix, regional share) are side-by-side horizontal bars and the total change
    is a black dot; the components add up to the dot. A vertical line marks zero.

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
    source : str, optional
        Source line under the figure.
    figsize : tuple of float

    Returns
    -------
    Figure
        One axes.
    """
    if len(components) > 3:
        raise PanelError("shift_share_bars draws at most three components.")
    fig = Figure(figsize=figsize)
    ax = fig.add_subplot()
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
    ax.legend(frameon=False, fontsize=SMALL)
    if source:
        fig.text(0.01, -0.04, display_label(source), fontsize=SMALL - 1)
    return fig


def highlight_bars(
    values: pd.Series,
    *,
    highlight: Hashable | Iterable[Hashable] | None = None,
    labels: list[str] | None = None,
    xlabel: str,
    title: str,
    source: str | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (8.0, 5.0),
) -> Figure:
    """Horizontal bars, one per row of ``values`` (bottom to top), the highlighted ones in red.

    Used to place one region among its comparison group (e.g. the change in establishments
    of each designated city, or the churn of their wards' specialisations).

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
    source : str, optional
        Source line under the figure.
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
        fig = Figure(figsize=figsize)
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    ax.barh(np.arange(len(values)), values.to_numpy(),
            color=[HIGHLIGHT_COLOR if i in marked else BASE_COLOR for i in values.index])
    ticks = labels if labels is not None else list(values.index)
    ax.set_yticks(np.arange(len(values)), [display_label(t) for t in ticks], fontsize=SMALL)
    ax.set_xlabel(display_label(xlabel))
    ax.set_title(display_label(title))
    if source:
        fig.text(0.01, -0.04, display_label(source), fontsize=SMALL - 1)
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
    xlabel: str = "Year",
    figsize: tuple[float, float] = (14.0, 5.0),
) -> Figure:
    """A region's index over time beside the change of every region in its comparison group.

    Left: :func:`index_timeseries` of ``index`` (time in rows, e.g. the region, the rest of
    its group and the whole country, first year = 100). Right: :func:`highlight_bars` of
    ``change`` (one bar per region of the group, ``highlight`` in red).

    Parameters
    ----------
    index : DataFrame
        Time in rows, one column per line.
    change : Series
        Change of each region of the group, in drawing order (bottom to top).
    highlight : hashable
        Entry of ``change`` drawn in red.
    index_ylabel, index_title, change_xlabel, change_title : str
        Axis labels (with units) and panel titles.
    xlabel : str, default "Year"
    figsize : tuple of float

    Returns
    -------
    Figure
        Two axes.
    """
    fig = Figure(figsize=figsize)
    axes = fig.subplots(1, 2)
    index_timeseries(index, ylabel=index_ylabel, xlabel=xlabel, ax=axes[0], title=index_title)
    highlight_bars(change, highlight=highlight, xlabel=change_xlabel, title=change_title,
                   ax=axes[1])
    fig.tight_layout()
    return fig


def quoted_counts_plot(
    counts: pd.DataFrame,
    series: pd.DataFrame,
    *,
    colors: list[str],
    counts_ylabel: str,
    counts_title: str,
    series_ylabel: str,
    series_title: str,
    source: str,
    series_xlabel: str = "Year",
    figsize: tuple[float, float] = (12.0, 4.3),
) -> Figure:
    """Two quoted (published) series: counts as labelled bars, and a series over time.

    Left: one bar per row of ``counts`` with its value written on top, marked ``*`` when it
    comes from a secondary source. Right: ``series`` as a line with markers. Meant for
    transcribed figures such as spin-out counts and science-park tenants, whose sources are
    listed in a table named in ``source``.

    Parameters
    ----------
    counts : DataFrame
        Rows are bars (index = bar label); columns ``value`` and ``secondary_source`` (bool).
    series : DataFrame
        Columns ``year`` and ``value``.
    colors : list of str
        One bar colour per row of ``counts``.
    counts_ylabel, counts_title, series_ylabel, series_title, source : str
        Axis labels (with units), panel titles and the source line.
    series_xlabel : str, default "Year"
    figsize : tuple of float

    Returns
    -------
    Figure
        Two axes.
    """
    if len(colors) != len(counts):
        raise PanelError(f"{len(colors)} colours for {len(counts)} bars.")
    fig = Figure(figsize=figsize)
    axes = fig.subplots(1, 2)
    axes[0].bar(counts.index, counts["value"], color=colors)
    axes[0].set_ylabel(display_label(counts_ylabel))
    axes[0].set_title(display_label(counts_title))
    for x_, v, sec in zip(counts.index, counts["value"], counts["secondary_source"]):
        axes[0].annotate(f"{v:.0f}{' *' if sec else ''}", (x_, v), ha="center", va="bottom",
                         fontsize=SMALL)
    axes[1].plot(series["year"].astype(int), series["value"].astype(float), marker="o",
                 color=HIGHLIGHT_COLOR)
    axes[1].set_ylabel(display_label(series_ylabel))
    axes[1].set_xlabel(display_label(series_xlabel))
    axes[1].set_title(display_label(series_title))
    fig.text(0.01, -0.02, display_label(source), fontsize=SMALL)
    fig.tight_layout()
    return fig


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
    source: str,
    value: str = "lq_region",
    flag: str = "specialised_region",
    name: str = "name",
    reference: float = 1.0,
    figsize: tuple[float, float] = (14.0, 5.0),
) -> Figure:
    """Are a group's industries central in the industry space, and is the region in them?

    Left: for each centrality measure, a box of the percentile ranks of the other industries
    (grey) beside a box for the group's industries (blue), the group's industries also drawn
    as jittered dots, red where ``marked`` (e.g. the region is specialised in them). Right:
    the region's value (e.g. location quotient) in the group's most central industries, bars
    red where ``top[flag]`` is true, with a dashed line at ``reference``.

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
    ylabel, title, top_xlabel, top_title, source : str
        Axis labels, panel titles and the source line.
    value, flag, name : str
        Columns of ``top``.
    reference : float, default 1.0
        Dashed line in the right panel (location quotient 1 = national share).
    figsize : tuple of float

    Returns
    -------
    Figure
        Two axes.
    """
    import textwrap

    group = in_group.reindex(percentiles.index).fillna(False).astype(bool)
    fig = Figure(figsize=figsize)
    axes = fig.subplots(1, 2)
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
    axes[0].set_ylabel(display_label(ylabel))
    axes[0].set_title(display_label(title))
    axes[1].barh(np.arange(len(top)), top[value],
                 color=np.where(top[flag], HIGHLIGHT_COLOR, MUTED_COLOR))
    axes[1].set_yticks(np.arange(len(top)),
                       [display_label(textwrap.shorten(str(n), 40, placeholder=" ..."))
                        for n in top[name]], fontsize=SMALL)
    axes[1].axvline(reference, color="black", lw=0.8, ls="--")
    axes[1].set_xlabel(display_label(top_xlabel))
    axes[1].set_title(display_label(top_title))
    fig.text(0.01, -0.03, display_label(source), fontsize=SMALL - 1)
    fig.tight_layout()
    return fig
