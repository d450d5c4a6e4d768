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

import textwrap
import unicodedata
import warnings
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import font_manager, ft2font
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from .figstyle import (
    HALO,
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
    "lq_cell_label",
    "LINE_CYCLE",
    "spread_positions",
    "meti_type_groups",
    "METI_TYPE_LABELS",
    "METI_TYPE_COLORS",
    "wrap_label",
    "LQ_LOG2_LIMIT",
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
        :func:`smartregion.figstyle.place_labels` (fixed iteration budget, so reruns are
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


# ---------------------------------------------------------------------------- LQ figures
#: Colour limit of every LQ heat map, in log2 units: LQ from 1/16 to 16. Cells beyond are
#: drawn in the end colour and the colour bar has arrows, so heat maps of different regions,
#: levels and notebooks share one scale and can be compared cell by cell.
LQ_LOG2_LIMIT = 4.0

#: Grey of the cells with no LQ to show (no employment, a suppressed cell or a cell left out).
ABSENT_COLOR = "#e6e6e6"

#: Note written under the colour bar of :func:`lq_heatmap`.
ABSENT_NOTE = "grey, no number:\nno employment,\nsuppressed or\nnot shown"


#: Display names of METI's three manufacturing types (``meti_type`` of
#: ``data/meti_manufacturing_groups.csv``), in METI's order.
METI_TYPE_LABELS = {"basic_materials": "basic materials",
                    "processing_assembly": "processing and assembly",
                    "daily_life": "daily-life related"}

#: House colours of the three METI types (from the figstyle palette).
METI_TYPE_COLORS = {name: PALETTE[name] for name in METI_TYPE_LABELS.values()}


def meti_type_groups(columns: Iterable[Hashable]) -> dict[Hashable, str]:
    """``{column: METI type}`` for the 20 harmonised Japanese manufacturing groups.

    A column may be named by the group's code (``"food"``), English name (``"Food"``) or
    Japanese name (``"食料品"``), as in ``data/meti_manufacturing_groups.csv``. A column that
    matches no group raises :class:`PanelError` (nothing is put in a group silently).
    """
    from .datasets.jp_manufactures import meti_groups

    table = meti_groups()
    lookup: dict[str, str] = {}
    for _, row in table.iterrows():
        label = METI_TYPE_LABELS[str(row["meti_type"])]
        for key in ("harmonised_group", "name_en", "name_ja"):
            lookup[str(row[key])] = label
    cols = list(columns)
    unknown = [c for c in cols if str(c) not in lookup]
    if unknown:
        raise PanelError(f"meti_type_groups: {unknown} are not harmonised manufacturing groups "
                         "of data/meti_manufacturing_groups.csv (code, English or Japanese "
                         "name).")
    return {c: lookup[str(c)] for c in cols}


def _meti_order(columns: Iterable[Hashable]) -> list[Hashable]:
    """Columns in the display order of ``data/meti_manufacturing_groups.csv`` (its ``order``)."""
    from .datasets.jp_manufactures import meti_groups

    table = meti_groups()
    rank: dict[str, int] = {}
    for _, row in table.iterrows():
        for key in ("harmonised_group", "name_en", "name_ja"):
            rank[str(row[key])] = int(row["order"])
    return sorted(columns, key=lambda c: rank[str(c)])


def lq_cell_label(value: float) -> str:
    """The text written in a heat-map cell for a location quotient ``value``.

    Values below 0.1 are written ``"<0.1"`` (never ``"0.0"``, which would read as no
    employment); up to 10 with one decimal, from 10 as whole numbers; zero, negative and
    missing values get no text (their cell is grey).

    >>> [lq_cell_label(v) for v in (0.04, 0.1, 0.96, 1.0, 12.34, 0.0, float("nan"))]
    ['<0.1', '0.1', '1.0', '1.0', '12', '', '']
    """
    v = float(value)
    if not np.isfinite(v) or v <= 0:
        return ""
    if v < 0.1:
        return "<0.1"
    if v < 9.95:
        return f"{v:.1f}"
    return f"{v:.0f}"


def wrap_label(text: str, width: int = 40, lines: int = 2) -> str:
    """Wrap ``text`` at word boundaries into at most ``lines`` lines of about ``width`` characters.

    Words are never cut: what does not fit is dropped at a word boundary and replaced by
    " ..."; the first word (an industry code, say) is always kept.

    >>> wrap_label("2911 Measuring instruments and analytical equipment", 20)
    '2911 Measuring\\ninstruments and ...'
    >>> wrap_label("short", 20)
    'short'
    """
    words = str(text).split()
    if not words:
        return ""
    rows = textwrap.wrap(" ".join(words), width=width, break_long_words=False,
                         break_on_hyphens=False)
    if len(rows) <= lines:
        return "\n".join(rows)
    head = rows[:lines - 1]
    rest = " ".join(rows[lines - 1:])
    last = textwrap.shorten(rest, width=width, placeholder=" ...")
    if last == "...":  # not even one word fits: keep the first word of the rest
        last = rest.split()[0] + " ..."
    return "\n".join([*head, last])


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


def _single_period(frame: pd.DataFrame, time: Hashable | None, what: str) -> pd.DataFrame:
    if isinstance(frame.index, pd.MultiIndex):
        times = frame.index.get_level_values(0).unique()
        if time is None:
            if len(times) > 1:
                raise PanelError(f"{what}: the table has several periods; pass time=.")
            time = times[0]
        return frame.xs(time, level=0)
    return frame


def _group_columns(
    columns: pd.Index, groups: Mapping[Hashable, Hashable],
    group_order: Iterable[Hashable] | None,
) -> tuple[list[Hashable], list[tuple[Hashable, int, int]]]:
    """Columns ordered by group (inside a group in the order of the ``groups`` mapping) and the
    (group, start, stop) spans. Every column must have a group; a group order must name every
    group used."""
    missing = [c for c in columns if c not in groups]
    if missing:
        raise PanelError(f"lq_heatmap: columns without a group in groups=: {missing[:10]}"
                         f"{' ...' if len(missing) > 10 else ''}; give every column a group.")
    used = list(dict.fromkeys(groups[c] for c in columns))
    if group_order is None:
        order = used
    else:
        order = [g for g in group_order if g in used]
        unknown = [g for g in used if g not in order]
        if unknown:
            raise PanelError(f"lq_heatmap: groups {unknown} are not in group_order=.")
    cols: list[Hashable] = []
    spans: list[tuple[Hashable, int, int]] = []
    rank = {c: k for k, c in enumerate(groups)}  # inside a group: the mapping's order
    for g in order:
        members = sorted((c for c in columns if groups[c] == g), key=lambda c: rank[c])
        spans.append((g, len(cols), len(cols) + len(members)))
        cols += members
    return cols, spans


def lq_heatmap(
    lq: pd.DataFrame,
    *,
    log: bool = True,
    time: Hashable | None = None,
    annotate: bool | None = None,
    cmap: str = "RdBu_r",
    limit: float | None = LQ_LOG2_LIMIT,
    groups: Mapping[Hashable, Hashable] | str | None = None,
    group_order: Iterable[Hashable] | None = None,
    absent_note: str | None = ABSENT_NOTE,
    label_width: int = 26,
    title: str | None = None,
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Region x industry heat map of location quotients, diverging around LQ = 1.

    With ``log=True`` the colour is :math:`\\log_2 LQ` on the fixed symmetric scale
    ``[-limit, limit]`` (default :data:`LQ_LOG2_LIMIT`, LQ 1/16 to 16), so LQ = 2 and LQ = 0.5
    are equally strong and every LQ heat map of the project uses the same colours; values
    beyond the limit take the end colours (the colour bar shows arrows). ``limit=None`` uses
    the largest absolute value of the table instead.

    Cells with no LQ to show (missing, i.e. suppressed or left out, or zero, i.e. no
    employment; a zero LQ has no logarithm) are grey and carry no number; ``absent_note`` says
    so under the colour bar. Numbers are written by :func:`lq_cell_label`, so a small LQ reads
    ``<0.1``, never ``0.0``.

    Parameters
    ----------
    lq : DataFrame
        Rows region (optionally (time, region); pick one with ``time``), columns industry.
    log : bool, default True
    time : label, optional
    annotate : bool, optional
        Write the LQ values in the cells; default when the table has at most 300 cells.
    cmap : str, default "RdBu_r"
    limit : float or None, default LQ_LOG2_LIMIT
        Colour limit in log2 units (``log=True``) or the top of the LQ scale (``log=False``).
    groups : mapping, optional
        ``{column: group}``. Columns are then ordered by group (``group_order``, else the order
        in which groups first appear among the columns; inside a group in the order of the
        mapping, so a mapping built in a classification's order sets the column order), groups
        are separated by lines and named above the map. Every column needs a group.
        ``groups="meti"``: METI's three manufacturing types for the 20 harmonised Japanese
        groups (:func:`meti_type_groups`), in METI's order. A mapping whose groups are METI's
        type codes (``basic_materials``, ``processing_assembly``, ``daily_life``) is shown
        with the type names of :data:`METI_TYPE_LABELS`, in METI's order.
    group_order : iterable, optional
    absent_note : str or None
        Text under the colour bar explaining the grey cells (``None``: no text).
    label_width : int, default 26
        Column labels are wrapped at word boundaries to lines of about this many characters
        (at most three lines, :func:`wrap_label`).
    title, ax, path, figsize
        Usual figure options.

    Returns
    -------
    Figure
    """
    if not isinstance(lq, pd.DataFrame) or lq.empty:
        raise PanelError("lq_heatmap needs a non-empty region x industry DataFrame.")
    frame = _single_period(lq, time, "lq_heatmap").apply(pd.to_numeric, errors="coerce")
    spans: list[tuple[Hashable, int, int]] = []
    if isinstance(groups, str):
        if groups != "meti":
            raise PanelError(f"groups must be a mapping or 'meti', not {groups!r}.")
        groups = meti_type_groups(frame.columns)
        frame = frame[_meti_order(frame.columns)]
        group_order = list(METI_TYPE_LABELS.values()) if group_order is None else group_order
    if groups is not None:
        used = set(groups[c] for c in frame.columns if c in groups)
        if used and used <= set(METI_TYPE_LABELS):  # METI type codes: METI labels and order
            groups = {c: METI_TYPE_LABELS[g] for c, g in groups.items() if g in METI_TYPE_LABELS}
            if group_order is None:
                group_order = list(METI_TYPE_LABELS.values())
            else:
                group_order = [METI_TYPE_LABELS.get(g, g) for g in group_order]
        cols, spans = _group_columns(frame.columns, groups, group_order)
        frame = frame[cols]
    vals = frame.to_numpy(dtype=float)
    present = np.isfinite(vals) & (vals > 0)
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            shown = np.where(present, np.log2(np.where(present, vals, 1.0)), np.nan)
        if limit is None:
            lim = float(np.nanmax(np.abs(shown))) if present.any() else 1.0
        else:
            lim = float(limit)
        lim = lim if lim > 0 else 1.0
        norm: Normalize = Normalize(-lim, lim)
        label = "Location quotient (log2 colour scale)"
        extend = "both" if limit is not None else "neither"
    else:
        shown = np.where(present, vals, np.nan)
        top = (float(limit) if limit is not None and limit > 1 else
               max(float(np.nanmax(shown)) if present.any() else 2.0, 1.0 + 1e-9))
        norm = TwoSlopeNorm(vcenter=1.0, vmin=0.0, vmax=top)
        label = "Location quotient"
        extend = "max" if limit is not None and limit > 1 else "neither"
    n_r, n_i = shown.shape
    fig, ax = _figure_axes(ax, figsize or (max(5.0, 0.45 * n_i + 2.5), max(3.0, 0.4 * n_r + 1.5)))
    cm = mpl.colormaps[cmap].with_extremes(bad=ABSENT_COLOR)
    img = ax.imshow(np.ma.masked_invalid(shown), cmap=cm, norm=norm, aspect="auto",
                    interpolation="nearest")
    ax.set_xticks(np.arange(n_i), [wrap_label(display_label(c), label_width, 3)
                                   for c in frame.columns], rotation=90, fontsize=SMALL)
    ax.set_yticks(np.arange(n_r), [display_label(r) for r in frame.index], fontsize=SMALL)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if annotate if annotate is not None else n_r * n_i <= 300:
        for r in range(n_r):
            for i in range(n_i):
                text = lq_cell_label(vals[r, i])
                if text:
                    level = float(norm(np.clip(shown[r, i], norm.vmin, norm.vmax)))
                    strong = abs(level - 0.5) > 0.3
                    ax.text(i, r, text, ha="center", va="center", fontsize=6,
                            color="white" if strong else "black")
    if spans:
        for _, start, _stop in spans[1:]:
            ax.axvline(start - 0.5, color="black", lw=1.2)
        top_ax = ax.secondary_xaxis("top")
        top_ax.set_xticks([(a + b - 1) / 2 for _, a, b in spans],
                          [display_label(str(g)) for g, _, _ in spans], fontsize=SMALL)
        top_ax.tick_params(length=0)
        top_ax.spines["top"].set_visible(False)
    cbar = fig.colorbar(img, ax=ax, shrink=0.8, extend=extend)
    cbar.set_label(label, fontsize=FONT_SIZE - 1)
    cbar.ax.tick_params(labelsize=SMALL)
    if log:
        ticks = np.arange(-np.floor(lim), np.floor(lim) + 1)
        cbar.set_ticks(ticks, labels=[f"{2.0 ** t:g}" if t >= 0 else f"1/{2.0 ** -t:g}"
                                      for t in ticks])
    if absent_note:
        cbar.ax.text(0.5, -0.06 if extend in ("both", "min") else -0.03, absent_note,
                     transform=cbar.ax.transAxes, ha="center", va="top", fontsize=SMALL - 1,
                     color="#404040")
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
        Drawn in their house colour (:func:`smartregion.figstyle.color_for`: Kyoto red, Osaka
        blue ...; the highlight red otherwise) and always labelled; the other regions grey.
    time : label, optional
    labels : bool, default True
        Label the highlighted regions and, most extreme first (farthest from the median in
        range-scaled units), as many others as fit without overprinting, at most
        ``max_labels``. ``False``: only the highlighted regions. A list of region labels:
        the highlighted regions and exactly those (``max_labels`` ignored). Labels are placed
        by :func:`smartregion.figstyle.place_labels` (deterministic).
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
    (:func:`smartregion.figstyle.color_for`, e.g. Kyoto red, Shenzhen orange), else the next
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


def _renderer(fig: Figure) -> Any:
    """A renderer for measuring text (the figure's own, else a matching Agg one)."""
    if hasattr(fig.canvas, "get_renderer"):
        return fig.canvas.get_renderer()
    from matplotlib.backend_bases import _get_renderer

    return _get_renderer(fig)


def _place_labels_beside(ax: Axes, x: Any, y: Any, labels: list[str], *,
                         avoid: Any = None, fontsize: float = SMALL, gap: float = 0.06,
                         shift: float = 0.06, iterations: int = 400,
                         adjust: bool = True) -> list[Any]:
    """Labels that start beside their points, in slots, kept inside the frame.

    :func:`~smartregion.figstyle.place_labels` starts each label on its point, which in a
    dense cloud leaves labels sitting on other points. Here the labels start in one column
    ``shift`` (share of the axes width) right of the rightmost labelled point, each at a
    height kept at least ``gap`` (share of the axes height) above the label of the next lower
    point (in axes fractions, so a log axis spaces them evenly too). With ``adjust``,
    :func:`adjustText.adjust_text` then moves them off the points (``avoid``) and each other
    under a fixed iteration budget (no time limit, so reruns give the same figure); with
    ``adjust=False`` they stay in their slots (for a column clear of the data, e.g. right of
    the last year of a time series). Finally any label crossing the frame is moved back
    inside, and a thin leader line joins each label's nearest edge to its point.

    Call it after the figure's layout is settled (``fig.draw_without_rendering()`` after the
    legend, titles and source line), since the frame is measured in display units. The axis
    limits are frozen at their current values.
    """
    from adjustText import adjust_text

    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(xs) == 0:
        return []
    ax.set_xlim(ax.get_xlim())  # freeze the limits: leader lines must not rescale the axes
    ax.set_ylim(ax.get_ylim())
    to_frac = ax.transScale + ax.transLimits
    frac = to_frac.transform(np.column_stack([xs, ys]))
    order = np.argsort(frac[:, 1], kind="stable")  # from the lowest point up
    slot = np.empty(len(xs))
    prev = None
    for k in order:
        lifted = frac[k, 1] + 0.5 * gap  # a little above its own point
        slot[k] = prev = lifted if prev is None else max(lifted, prev + gap)
    start_x = frac[:, 0].max() + shift  # one column right of the labelled points
    starts = to_frac.inverted().transform(np.column_stack([np.full(len(xs), start_x), slot]))
    texts = [ax.text(sx, sy, str(lab), fontsize=fontsize, ha="left", va="center",
                     path_effects=HALO, zorder=5) for (sx, sy), lab in zip(starts, labels)]
    if adjust:
        adjust_text(texts, x=xs, y=ys, target_x=xs, target_y=ys, objects=avoid, ax=ax,
                    iter_lim=int(iterations), time_lim=None, ensure_inside_axes=True,
                    expand=(1.1, 1.3), force_pull=(0.0, 0.0), force_explode=(0.0, 0.0))
    renderer = _renderer(ax.figure)
    frame = ax.get_window_extent(renderer)
    to_data = ax.transData.inverted()
    for text, px, py in zip(texts, xs, ys):
        box = text.get_window_extent(renderer)
        dx = max(frame.x0 - box.x0, 0.0) + min(frame.x1 - box.x1, 0.0)
        dy = max(frame.y0 - box.y0, 0.0) + min(frame.y1 - box.y1, 0.0)
        if dx or dy:
            anchor = ax.transData.transform(text.get_position()) + np.array([dx, dy])
            text.set_position(tuple(to_data.transform(anchor)))
            box = text.get_window_extent(renderer)
        point = ax.transData.transform((px, py))
        near = (np.clip(point[0], box.x0, box.x1), np.clip(point[1], box.y0, box.y1))
        ex, ey = to_data.transform(near)
        ax.add_line(Line2D([px, ex], [py, ey], color="#606060", lw=0.5, zorder=4))
    return texts


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
    (:func:`~smartregion.figstyle.color_for` of "priority", "long shot", "easy
    diversification", "avoid") and a legend outside the axes names the quadrants with their
    counts. Labelled points get a black ring; their labels are placed by
    :func:`~smartregion.figstyle.place_labels` (deterministic, inside the frame, clear of the
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
        Source line (:func:`~smartregion.figstyle.add_source`).
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
def _constrained(figsize: tuple[float, float], ncols: int = 1,
                 **kwargs: Any) -> tuple[Figure, Any]:
    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(1, ncols, **kwargs) if ncols > 1 else fig.add_subplot()
    return fig, axes


def _add_source(fig: Figure, source: Source | str | None) -> None:
    if source is not None and (not isinstance(source, str) or source.strip()):
        add_source(fig, source)


def _titled(fig: Figure, suptitle: str | None, source: Source | str | None) -> Figure:
    """Put the figure title (if any) and the source line on a multi-panel figure."""
    if suptitle:
        fig.suptitle(display_label(suptitle))
    _add_source(fig, source)
    return fig


def _legend_below(ax: Axes, handles: list[Any] | None = None, ncols: int = 2,
                  **kwargs: Any) -> None:
    """A legend under the axes (outside the data), in ``ncols`` columns."""
    extra = {"handles": handles} if handles is not None else {}
    ax.legend(**extra, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=ncols,
              fontsize=SMALL, frameon=False, borderaxespad=0.0, **kwargs)


def _time_axis(ax: Axes, years: Iterable[float], *, pad: float = 0.5,
               xlim: tuple[float, float] | None = None,
               show_break: bool | None = None) -> None:
    """Integer year ticks on a numeric time axis; the 2011 break marked if asked.

    ``show_break=None`` marks the break when the years cross it
    (:func:`~smartregion.figstyle.crosses_break`).
    """
    ys = sorted(float(y) for y in years)
    lo, hi = xlim if xlim is not None else (ys[0] - pad, ys[-1] + pad)
    ax.set_xlim(lo, hi)
    first, last = int(np.ceil(lo)), int(np.floor(hi))
    step = 1 if last - first <= 14 else 2 if last - first <= 28 else 5
    ax.set_xticks(list(range(first, last + 1, step)))
    ax.tick_params(axis="x", labelsize=SMALL)
    if crosses_break(ys) if show_break is None else show_break:
        mark_break(ax)


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
    figsize: tuple[float, float] = (8.0, 3.6),
) -> Figure:
    """One region against all others: a jittered strip of every region's value per measure.

    Each column of ``table`` (rows: regions) is one horizontal strip, all regions as grey
    points with a small vertical jitter, ``region`` as a large point in its house colour
    (:func:`~smartregion.figstyle.color_for`) named by a label placed clear of the points. A
    vertical line marks zero, so the sign of each region's value can be read off. Use it for
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
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel(display_label(xlabel))
    ax.set_title(display_label(title))
    ax.set_ylim(-0.6, len(columns) - 0.4)
    ax.set_xlim(min(-1.0, float(table[list(columns)].min().min()) - 0.05),
                max(1.0, float(table[list(columns)].max().max()) + 0.05))
    place_labels(ax, [table.loc[region, c] for c in columns], list(range(len(columns))),
                 [display_label(region)] * len(columns), color=colour, avoid=spots)
    _add_source(fig, source)
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
    ``x_text + margin`` to leave room for the text. (For labels next to their points use
    :func:`~smartregion.figstyle.place_labels`.)

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


def coefficients_by_unit(
    coefs: pd.DataFrame,
    *,
    units: list[str],
    terms: Mapping[str, str],
    nobs: Mapping[str, int],
    ylabel: str,
    title: str,
    source: Source | str,
    figsize: tuple[float, float] = (8.0, 4.0),
) -> Figure:
    """The same regression fitted on several spatial units: coefficients with 95% intervals.

    One group of points per unit (x axis, with the number of observations under its name),
    one colour per term (the house colour of the term's label, e.g. "related variety"), each
    point with its confidence interval as error bars. A horizontal line marks zero; the
    legend sits right of the axes. It shows whether a coefficient keeps its sign and size
    when the same model is estimated on wards, cities or prefectures.

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
    ylabel, title : str
        Axis label (coefficient units) and title.
    source : Source or str
        Source line under the figure.
    figsize : tuple of float

    Returns
    -------
    Figure
        One axes.
    """
    palette = [BASE_COLOR, HIGHLIGHT_COLOR, "#2ca02c", "#9467bd"]
    if len(terms) > len(palette):
        raise PanelError(f"coefficients_by_unit draws at most {len(palette)} terms.")
    fig, ax = _constrained(figsize)
    for k, (term, label) in enumerate(terms.items()):
        sub = coefs.xs(term, level="term").reindex(units)
        xpos = np.arange(len(units)) + (k - (len(terms) - 1) / 2) * 0.25
        ax.errorbar(xpos, sub["coef"], yerr=[sub["coef"] - sub["ci_low"],
                                              sub["ci_high"] - sub["coef"]],
                    fmt="o", color=color_for(label, palette[k]), capsize=3,
                    label=display_label(label))
    ax.axhline(0, color="black", lw=0.6)
    ax.set_xticks(np.arange(len(units)), [f"{display_label(u)}\n(N = {int(nobs[u])})"
                                          for u in units])
    ax.set_xlabel("Spatial unit of the regression (N observations)")
    ax.set_ylabel(display_label(ylabel))
    ax.set_title(display_label(title))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=SMALL,
              borderaxespad=0.0)
    _add_source(fig, source)
    return fig


def _numeric_years(index: pd.Index) -> np.ndarray:
    try:
        return np.asarray(pd.to_numeric(pd.Series(index)), dtype=float)
    except (TypeError, ValueError) as err:
        raise PanelError("time rows must be years (numbers) to be drawn on a time axis.") from err


def _yearly_lines(ax: Axes, data: pd.DataFrame, *, colors: Mapping[str, str] | None,
                  linestyles: Mapping[str, str] | None, default: list[Any]) -> dict[Any, Any]:
    """One line per column on a numeric year axis; missing whole years stay gaps (NaN).

    Returns the colour of each column.
    """
    years = _numeric_years(data.index)
    frame = data.set_axis(years, axis=0)
    if np.all(np.mod(years, 1) == 0) and len(years) > 1:
        frame = frame.reindex(np.arange(years.min(), years.max() + 1))
    used = {}
    for k, col in enumerate(frame.columns):
        colour = (colors or {}).get(col) or color_for(str(col), default[k % len(default)])
        ax.plot(frame.index, pd.to_numeric(frame[col], errors="coerce"), color=colour,
                ls=(linestyles or {}).get(col, "-"), marker="o", ms=3, lw=1.6,
                label=display_label(col))
        used[col] = colour
    return used


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
    value by :func:`~smartregion.figstyle.place_labels`.

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
    axes[0].set_xlabel("Centrality measure on the backbone")
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
