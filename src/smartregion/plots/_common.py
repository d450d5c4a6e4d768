"""Helpers shared by the figure families: saving, new axes, source lines, legends, years.

Holds :func:`save_figure` (PNG and PDF with reproducible bytes), the base colours, and the
private helpers that more than one family module uses. It imports only from
:mod:`~smartregion.plots.style` and :mod:`~smartregion.plots.fonts`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..panel import PanelError
from .fonts import display_label
from .style import HALO, PALETTE, SMALL, Source, add_source, color_for, crosses_break, mark_break

DPI = 200


HIGHLIGHT_COLOR = PALETTE["highlight"]


BASE_COLOR = PALETTE["base"]


MUTED_COLOR = PALETTE["muted"]


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


def _single_period(frame: pd.DataFrame, time: Hashable | None, what: str) -> pd.DataFrame:
    if isinstance(frame.index, pd.MultiIndex):
        times = frame.index.get_level_values(0).unique()
        if time is None:
            if len(times) > 1:
                raise PanelError(f"{what}: the table has several periods; pass time=.")
            time = times[0]
        return frame.xs(time, level=0)
    return frame


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

    :func:`~smartregion.plots.style.place_labels` starts each label on its point, which in a
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
    (:func:`~smartregion.plots.style.crosses_break`).
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
