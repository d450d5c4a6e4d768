"""One house style for every figure: colours, text sizes, source lines, breaks and labels.

A figure that goes into ``outputs/`` must be readable on its own. This module holds the rules
once so that notebooks do not repeat them:

* :data:`PALETTE` and :func:`color_for`: the same thing (Kyoto, Shenzhen, related variety, a
  target quadrant, ...) gets the same colour in every notebook;
* :func:`use_style`: text sizes, grid, spines and legend look (matplotlib ``rcParams``), set
  once at the top of a notebook (or used as a context manager);
* :class:`Source` and :func:`add_source`: the line under each figure naming the dataset, the
  year(s) and whether the numbers are *computed* here from that data or *quoted* from a
  publication; :func:`source_text` reads it back, and
  :meth:`smartregion.outputs.OutputWriter.figure` refuses to save a figure without one;
* :func:`mark_break`: the 2011 switch of Japan's manufacturing statistics from the Census of
  Manufactures to the Economic Census (a series crossing it is not comparable across it);
* :func:`place_labels`: text labels moved apart with ``adjustText`` (a maintained
  label-placement library) under a fixed iteration budget, so the result is the same on every
  run (its default stops after one second of wall time, which is not reproducible).

Examples
--------
>>> from matplotlib.figure import Figure
>>> fig = Figure()
>>> ax = fig.add_subplot()
>>> _ = add_source(fig, Source("METI Census of Manufactures", "2004-2012", "computed"))
>>> source_text(fig)
'Source: METI Census of Manufactures, 2004-2012; computed.'
>>> color_for("Kyoto") == PALETTE["Kyoto"]
True
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import matplotlib as mpl
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from .fonts import display_label

__all__ = [
    "PALETTE",
    "STYLE",
    "BREAK_YEAR",
    "BREAK_LABEL",
    "Source",
    "color_for",
    "use_style",
    "add_source",
    "source_text",
    "figure_title",
    "mark_break",
    "crosses_break",
    "place_labels",
    "HALO",
]

FONT_SIZE = 10
SMALL = 8

#: Colours of the things that recur across notebooks. Regions keep their colour wherever they
#: appear; the variety pair and the four target quadrants likewise.
PALETTE: dict[str, str] = {
    # regions and comparison groups
    "Kyoto": "#d62728",
    "Kyoto City": "#d62728",
    "Kyoto Prefecture": "#d62728",
    "Shenzhen": "#ff7f0e",
    "Osaka": "#1f77b4",
    "Aichi": "#2ca02c",
    "Tokyo": "#9467bd",
    "Guangzhou": "#1f77b4",
    "Japan": "#7f7f7f",
    "China": "#7f7f7f",
    "comparison": "#b0b0b0",
    "other regions": "#b0b0b0",
    # measures
    "related variety": "#1f4e79",
    "unrelated variety": "#d2691e",
    # sector groups (Japanese manufacturing, notebook 06 P3)
    "processing and assembly": "#1f77b4",
    "traditional": "#8c564b",
    "daily-life related": "#8c564b",
    "basic materials": "#637939",
    # target quadrants (proposal 1)
    "priority": "#d62728",
    "long shot": "#9467bd",
    "easy diversification": "#2ca02c",
    "avoid": "#b0b0b0",
    # computed against quoted evidence
    "computed": "#1f77b4",
    "quoted": "#9ecae1",
    # the default highlight and base
    "highlight": "#d62728",
    "base": "#1f77b4",
    "muted": "#b0b0b0",
}

#: ``rcParams`` of the house style (see :func:`use_style`).
STYLE: dict[str, Any] = {
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 1,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "legend.fontsize": SMALL,
    "legend.frameon": False,
    "figure.titlesize": FONT_SIZE + 2,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "grid.linewidth": 0.4,
    "grid.alpha": 0.5,
    "savefig.dpi": 150,
    "pdf.fonttype": 42,
    "svg.hashsalt": "smartregion",
}

#: Japan's manufacturing statistics changed source in 2011 (Economic Census for Business
#: Activity instead of the Census of Manufactures), so levels either side are not comparable.
BREAK_YEAR = 2011
BREAK_LABEL = "2011: Economic Census replaces\nthe Census of Manufactures"

#: White halo drawn behind labels so they stay legible over points and lines.
HALO = [patheffects.withStroke(linewidth=2.5, foreground="white")]


def color_for(name: str, default: str | None = None) -> str:
    """The house colour of ``name`` (case-insensitive), else ``default`` (else the base colour).

    >>> color_for("shenzhen")
    '#ff7f0e'
    >>> color_for("somewhere else", "#000000")
    '#000000'
    """
    lookup = {k.lower(): v for k, v in PALETTE.items()}
    return lookup.get(str(name).strip().lower(), default or PALETTE["base"])


@contextlib.contextmanager
def _rc(style: dict[str, Any]) -> Iterator[None]:
    with mpl.rc_context(style):
        yield


def use_style(*, context: bool = False) -> contextlib.AbstractContextManager[None] | None:
    """Apply :data:`STYLE` to matplotlib.

    ``use_style()`` changes ``rcParams`` for the rest of the session (what a notebook wants);
    ``with use_style(context=True): ...`` changes them only inside the block (what a library
    caller wants).
    """
    if context:
        return _rc(STYLE)
    mpl.rcParams.update(STYLE)
    return None


@dataclass(frozen=True)
class Source:
    """What a figure shows and where it comes from, rendered as its source line.

    Parameters
    ----------
    dataset : str
        The dataset or publication, e.g. ``"METI Census of Manufactures, municipal tables"``.
    years : str
        Year or years shown, e.g. ``"2014"`` or ``"2004-2012"``.
    kind : {"computed", "quoted", "computed and quoted", "illustrative"}
        ``computed``: calculated here from the dataset; ``quoted``: numbers transcribed from a
        publication (``data/raw/case_figures.csv`` names each); ``illustrative``: a made-up
        example, not data.
    note : str, optional
        Method or caveat appended after the kind (units, reference area, rules).
    """

    dataset: str
    years: str
    kind: Literal["computed", "quoted", "computed and quoted", "illustrative"] = "computed"
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("computed", "quoted", "computed and quoted", "illustrative"):
            raise ValueError(f"Source.kind must be 'computed', 'quoted', 'computed and quoted' "
                             f"or 'illustrative', not {self.kind!r}")
        if not str(self.dataset).strip():
            raise ValueError("Source.dataset is empty: name the dataset or publication")

    def with_note(self, note: str) -> Source:
        """The same source with ``note`` after the note it already has.

        >>> Source("Census", "2014", note="LQ.").with_note("Dashed: LQ = 1.").note
        'LQ. Dashed: LQ = 1.'
        """
        return replace(self, note=f"{self.note} {note}".strip())

    def text(self) -> str:
        head = f"Source: {self.dataset.strip().rstrip('.')}"
        years = str(self.years).strip()
        line = f"{head}, {years}; {self.kind}" if years else f"{head}; {self.kind}"
        note = self.note.strip()
        return f"{line}. {note}" if note else f"{line}."


_SOURCE_GID = "smartregion-source"


def add_source(fig: Figure, source: Source | str, *, fontsize: float = SMALL - 1) -> Text:
    """Write the source line under ``fig``, wrapped to its width; return the text artist.

    ``source`` is a :class:`Source` or a ready string (which should then start with
    "Source:" and say whether the numbers are computed or quoted). A figure has one source
    line: a second call replaces the first.
    """
    text = source.text() if isinstance(source, Source) else str(source)
    for old in [t for t in fig.texts if t.get_gid() == _SOURCE_GID]:
        old.remove()
    width = max(int(fig.get_figwidth() * 72 / (0.52 * fontsize)), 40)
    wrapped = "\n".join(textwrap.wrap(display_label(text), width=width))
    if fig.get_layout_engine() is not None and hasattr(fig, "supxlabel"):
        artist = fig.supxlabel(wrapped, fontsize=fontsize, ha="left", x=0.01, color="#404040")
    else:
        artist = fig.text(0.01, 0.005, wrapped, fontsize=fontsize, ha="left", va="bottom",
                          color="#404040")
    artist.set_gid(_SOURCE_GID)
    return artist


def source_text(fig: Figure) -> str | None:
    """The source line of ``fig`` on one line (``None`` when it has none)."""
    for t in fig.texts:
        if t.get_gid() == _SOURCE_GID:
            return " ".join(t.get_text().split())
    sup = getattr(fig, "_supxlabel", None)
    if sup is not None and sup.get_gid() == _SOURCE_GID:
        return " ".join(sup.get_text().split())
    return None


def _plain(text: str) -> str:
    """Text without mathtext markup, on one line: ``"$M_{cp} = 1$"`` -> ``"M_cp = 1"``."""
    if "$" in text:
        text = text.replace("$", "").replace("{", "").replace("}", "").replace("\\", "")
    return " ".join(text.split())


def figure_title(fig: Figure) -> str:
    """The figure's suptitle, else the titles of its axes joined by " | " (may be empty).

    Mathtext markup is removed, so the title reads as plain text in file metadata and captions.

    >>> fig = Figure()
    >>> fig.add_subplot().set_title("Toy matrix ($M_{cp} = 1$)")  # doctest: +ELLIPSIS
    Text(...)
    >>> figure_title(fig)
    'Toy matrix (M_cp = 1)'
    """
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return _plain(sup.get_text())
    titles = []
    for ax in fig.axes:
        for loc in ("center", "left", "right"):
            t = ax.get_title(loc=loc).strip()
            if t:
                titles.append(_plain(t))
    return " | ".join(titles)


def crosses_break(years: Iterable[Any], break_year: int = BREAK_YEAR) -> bool:
    """Whether a series observed in ``years`` has points both before and after ``break_year``.

    >>> crosses_break([2008, 2009, 2010, 2012])
    True
    >>> crosses_break([2004, 2010])
    False
    """
    ys = [int(y) for y in years]
    return any(y < break_year for y in ys) and any(y > break_year for y in ys)


def mark_break(ax: Axes, year: float = BREAK_YEAR, *, label: str | None = BREAK_LABEL,
               color: str = "#555555", label_y: float = 0.98) -> None:
    """Mark a statistical break at ``year`` on a time axis: a dotted line and a short label.

    The label sits right of the line, or left of it when the line is in the right 30% of the
    axis (so it stays inside the frame). Draws nothing when the x range of ``ax`` does not
    include ``year``.
    """
    lo, hi = sorted(ax.get_xlim())
    if not lo < year < hi:
        return
    ax.axvline(year, color=color, ls=":", lw=1.0, zorder=0.5)
    if label:
        right = hi - year >= 0.3 * (hi - lo)
        text = (" " + label.replace("\n", "\n ") if right
                else label.replace("\n", " \n") + " ")
        ax.text(year, label_y, text, transform=ax.get_xaxis_transform(),
                ha="left" if right else "right", va="top", fontsize=SMALL - 1, color=color,
                path_effects=HALO)


def place_labels(ax: Axes, x: Sequence[float], y: Sequence[float], labels: Sequence[str], *,
                 fontsize: float = SMALL, bold: Sequence[bool] | None = None,
                 color: str | Sequence[str] = "black", iterations: int = 400,
                 avoid: Any = None, arrows: bool = True) -> list[Text]:
    """Label points so that labels collide neither with each other nor with the points.

    Labels start on their points and are moved apart by :func:`adjustText.adjust_text` for a
    fixed number of ``iterations`` (never a time limit, so reruns give the same positions);
    a thin leader line joins a moved label to its point. Labels stay inside the axes.

    Parameters
    ----------
    ax : Axes
    x, y : sequences of float
        Point positions in data units.
    labels : sequence of str
    fontsize, bold, color
        Text style (``bold`` and ``color`` may be given per label).
    iterations : int, default 400
        Iteration budget of the placement.
    avoid : PathCollection or list of artists, optional
        Further things the labels should keep off: a scatter's collection (each of its points
        counts), or artists with a window extent.
    arrows : bool, default True
        Draw leader lines from moved labels to their points.
    """
    from adjustText import adjust_text

    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if not (len(xs) == len(ys) == len(labels)):
        raise ValueError("place_labels needs as many x, y and labels")
    if len(xs) == 0:
        return []
    colors = [color] * len(xs) if isinstance(color, str) else list(color)
    weights = [("bold" if b else "normal") for b in (bold or [False] * len(xs))]
    texts = [ax.text(px, py, str(lab), fontsize=fontsize, color=c, fontweight=w,
                     path_effects=HALO, zorder=5)
             for px, py, lab, c, w in zip(xs, ys, labels, colors, weights)]
    kwargs: dict[str, Any] = {}
    if arrows:
        kwargs["arrowprops"] = {"arrowstyle": "-", "color": "#606060", "lw": 0.5}
    adjust_text(texts, x=xs, y=ys, objects=avoid, ax=ax, iter_lim=int(iterations),
                time_lim=None, ensure_inside_axes=True, expand=(1.1, 1.3), **kwargs)
    return texts
