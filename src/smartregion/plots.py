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
from matplotlib.collections import LineCollection
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

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
    "add_source",
    "lq_bar",
    "lq_heatmap",
    "rv_uv_scatter",
    "index_timeseries",
    "quadrant_table",
    "density_complexity_scatter",
]

DPI = 200
FONT_SIZE = 10
SMALL = 8
HIGHLIGHT_COLOR = "#d62728"
BASE_COLOR = "#1f77b4"
MUTED_COLOR = "#b0b0b0"

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
    palette = ([c for k, c in enumerate(mpl.colormaps["tab10"].colors) if k != 7]
               if len(cats) <= 9 else
               [c for k, c in enumerate(mpl.colormaps["tab20"].colors) if k not in (14, 15)])
    lut = {c: palette[k % len(palette)] for k, c in enumerate(cats)}
    cols = [lut.get(str(x), MUTED_COLOR) if x is not None else MUTED_COLOR for x in values]
    if other:
        lut[f"other ({len(other)} groups)"] = MUTED_COLOR
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


def add_source(fig: Figure, text: str, *, fontsize: float = SMALL - 1) -> None:
    """Write a source line (data, method, rules used) under the figure, wrapped to its width.

    Examples
    --------
    >>> fig = Figure()
    >>> add_source(fig, "Source: example data.")
    >>> fig.texts[-1].get_text()
    'Source: example data.'
    """
    import textwrap

    width = max(int(fig.get_figwidth() * 72 / (0.55 * fontsize)), 40)
    wrapped = "\n".join(textwrap.wrap(display_label(text), width=width))
    if fig.get_layout_engine() is not None and hasattr(fig, "supxlabel"):
        fig.supxlabel(wrapped, fontsize=fontsize, ha="left", x=0.01, color="#404040")
    else:
        fig.text(0.01, 0.005, wrapped, fontsize=fontsize, ha="left", va="bottom",
                 color="#404040")


def _node_sizes(graph: nx.Graph, nodes: list[Hashable], size_by: str | None) -> np.ndarray:
    base = np.full(len(nodes), 90.0)
    if size_by is None:
        return base
    raw = pd.to_numeric(pd.Series([graph.nodes[v].get(size_by) for v in nodes], dtype=object),
                        errors="coerce").to_numpy(dtype=float)
    if np.all(np.isnan(raw)) or np.nanmax(raw) <= 0:
        return base
    scaled = np.sqrt(np.clip(np.nan_to_num(raw, nan=0.0), 0, None) / np.nanmax(raw))
    return 25.0 + 375.0 * scaled


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
    source: str | None = None,
) -> Figure:
    """Draw the industry space (usually its backbone), optionally marking a region's industries.

    Links are grey lines whose width grows with relatedness (spanning-tree links a little
    darker). Nodes are coloured by the node attribute ``color_by`` (categories get a legend,
    many numeric values a colour bar) and sized by ``size_by`` (area proportional to the
    value). With ``highlight`` (e.g. the industries a region is specialised in) those nodes are
    drawn in full with a black ring and all others faded, which is the usual way to show a
    region's footprint.

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
        nothing is highlighted), skipping any label that would overprint a larger one.
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
    source : str, optional
        Source line under the figure (see :func:`add_source`), e.g. the data and the backbone
        rule (:func:`smartregion.network.describe_backbone`).

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

    edges = list(graph.edges(data=True))
    if edges:
        wts = np.array([float(d.get("weight", 1.0)) for _, _, d in edges])
        wmax = wts.max() if wts.max() > 0 else 1.0
        segs = [(pos[a], pos[b]) for a, b, _ in edges]
        colors = ["#7f7f7f" if d.get("mst", False) else "#c7c7c7" for _, _, d in edges]
        ax.add_collection(LineCollection(segs, linewidths=0.4 + 2.2 * wts / wmax, colors=colors,
                                         zorder=1, alpha=0.5 if marked else 0.8))

    cols, lut, scale = _node_colors(graph, nodes, color_by, max_legend)
    sizes = _node_sizes(graph, nodes, size_by)
    is_marked = np.array([v in marked for v in nodes])
    if marked:
        rest = ~is_marked
        ax.scatter(xy[rest, 0], xy[rest, 1], s=sizes[rest],
                   c=[cols[k] for k in np.flatnonzero(rest)], alpha=0.25, linewidths=0,
                   zorder=2)
        ax.scatter(xy[is_marked, 0], xy[is_marked, 1], s=sizes[is_marked],
                   c=[cols[k] for k in np.flatnonzero(is_marked)], edgecolors="black",
                   linewidths=1.2, zorder=3)
    else:
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=cols, edgecolors="white", linewidths=0.5,
                   zorder=2)

    order: dict[Hashable, int] = {}
    if labels is True:
        shown = set(nodes)
    elif labels is False:
        shown = set()
    else:
        ranked = label_nodes(graph, marked, top=max_labels, rank_by=size_by)
        shown = set(ranked)
        order = {v: k for k, v in enumerate(ranked)}
    # Labels in rank order (largest first); a label whose anchor sits within about a label's
    # width and height of one already drawn is skipped rather than overprinted.
    span = float(np.ptp(xy, axis=0).max()) if len(nodes) > 1 else 1.0
    gap = np.array([0.09, 0.03]) * span
    placed: list[np.ndarray] = []
    for k in sorted((k for k, v in enumerate(nodes) if v in shown),
                    key=lambda k: order.get(nodes[k], 0)):
        if labels is not True and any(np.all(np.abs(xy[k] - q) < gap) for q in placed):
            continue
        placed.append(xy[k])
        # a white halo keeps a label legible where it crosses nodes or links
        ax.annotate(display_label(graph.nodes[nodes[k]].get("label", nodes[k])), xy[k],
                    fontsize=SMALL, xytext=(4, 4), textcoords="offset points", zorder=5,
                    alpha=1.0 if (is_marked[k] or not marked) else 0.5,
                    path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")])
    if lut:
        handles = [Line2D([], [], marker="o", ls="", color=c, label=display_label(k))
                   for k, c in lut.items()]
        ax.legend(handles=handles, title=display_label(color_by), fontsize=SMALL,
                  title_fontsize=SMALL, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                  frameon=False)
    elif scale is not None:
        sm = ScalarMappable(norm=scale[1], cmap=scale[0])
        fig.colorbar(sm, ax=ax, shrink=0.6, label=display_label(color_by))
    pad = 0.15
    ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
    ax.set_ylim(xy[:, 1].min() - pad, xy[:, 1].max() + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    if title:
        ax.set_title(display_label(title), fontsize=FONT_SIZE + 2)
    if source:
        add_source(fig, source)
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


# ---------------------------------------------------------------------------- variety and time
def rv_uv_scatter(
    variety: pd.DataFrame,
    *,
    x: str = "unrelated",
    y: str = "related",
    highlight: Hashable | Iterable[Hashable] | None = None,
    time: Hashable | None = None,
    labels: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
    path: str | Path | None = None,
    figsize: tuple[float, float] = (6.0, 5.0),
) -> Figure:
    """Scatter of regions by unrelated variety (x) and related variety (y).

    Parameters
    ----------
    variety : DataFrame
        Index region (or (time, region); pick one with ``time``), columns including ``x`` and
        ``y`` (as returned by ``related_unrelated_variety``).
    x, y : str, default "unrelated", "related"
    highlight : region label(s), optional
        Drawn in red and always labelled.
    time : label, optional
    labels : bool, default True
        Label every region.
    title, ax, path, figsize
        Usual figure options.

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
    ax.scatter(xs[~is_m], ys[~is_m], color=BASE_COLOR, s=30, alpha=0.8)
    ax.scatter(xs[is_m], ys[is_m], color=HIGHLIGHT_COLOR, s=60, edgecolors="black", zorder=3)
    for k, r in enumerate(frame.index):
        if labels or is_m[k]:
            ax.annotate(display_label(r), (xs[k], ys[k]), xytext=(3, 3),
                        textcoords="offset points", fontsize=SMALL,
                        fontweight="bold" if is_m[k] else "normal")
    ax.margins(0.1)
    ax.set_xlabel(f"{x.capitalize()} variety", fontsize=FONT_SIZE)
    ax.set_ylabel(f"{y.capitalize()} variety", fontsize=FONT_SIZE)
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


def coefficient_plot(
    rows: pd.DataFrame,
    *,
    caption: str,
    title: str,
    source: str = "",
    xlabel: str = "standardised coefficient (SD of outcome per SD of regressor), 95% CI",
    path: str | Path | None = None,
    width: float = 9.0,
) -> Figure:
    """Coefficients with intervals, one row per model and term, models named in the caption.

    ``rows`` is the long table of :func:`smartregion.models.coefficient_rows` (columns
    ``model_id``, ``label``, ``term``, ``coef``, ``low``, ``high``). Every model in ``rows``
    must be named in ``caption`` and the caption must name no other model (checked: the
    caption is what a reader trusts). Each row's label states panel, model, N, outcome and
    units. The caption and ``source`` are printed under the axes; the plotted model names are
    kept in ``fig.smartregion_models`` for tests.
    """
    need = {"model_id", "label", "term", "coef", "low", "high"}
    if not isinstance(rows, pd.DataFrame) or not need <= set(rows.columns) or rows.empty:
        raise PanelError(f"coefficient_plot needs a non-empty table with columns {sorted(need)}.")
    ids = list(dict.fromkeys(rows["model_id"]))
    named = [m for m in ids if m in caption]
    if named != ids:
        missing = [m for m in ids if m not in named]
        raise PanelError(f"the caption does not name model(s) {missing}.")
    n = len(rows)
    fig, ax = _figure_axes(None, (width, 0.55 * n + 1.6))
    y = np.arange(n)[::-1]
    palette = ["#1f4e79", "#d2691e", "#2e8b57", "#8b008b"]
    tcol = {t: palette[k % len(palette)] for k, t in enumerate(dict.fromkeys(rows["term"]))}
    cols = [tcol[t] for t in rows["term"]]
    c, lo, hi = (rows[k].to_numpy(float) for k in ("coef", "low", "high"))
    ax.hlines(y, lo, hi, colors=cols, lw=2)
    ax.scatter(c, y, c=cols, zorder=3, s=28)
    ax.axvline(0, color="0.4", lw=0.8)
    ax.set_yticks(y, [display_label(s) for s in rows["label"]], fontsize=SMALL)
    ax.set_xlabel(xlabel, fontsize=FONT_SIZE)
    ax.set_title(display_label(title), fontsize=FONT_SIZE + 1)
    ax.grid(True, axis="x", lw=0.3, alpha=0.5)
    handles = [Line2D([], [], color=v, lw=2, label=k) for k, v in tcol.items()]
    ax.legend(handles=handles, frameon=False, fontsize=SMALL, loc="best")
    import textwrap

    foot = "\n".join(textwrap.wrap(caption, 150)) + (f"\nSource: {source}" if source else "")
    fig.text(0.01, -0.01, foot, ha="left", va="top", fontsize=SMALL - 1)
    fig.smartregion_models = ids  # type: ignore[attr-defined]
    fig.smartregion_caption = caption  # type: ignore[attr-defined]
    return _finish(fig, path)

