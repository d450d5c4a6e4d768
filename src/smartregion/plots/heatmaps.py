"""Location-quotient heat maps, with industries grouped by METI industry type."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure

from ..panel import PanelError
from ._common import _figure_axes, _finish, _single_period, wrap_label
from .fonts import display_label
from .style import FONT_SIZE, PALETTE, SMALL

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


#: House colours of the three METI types (from the house palette of :mod:`.style`).
METI_TYPE_COLORS = {name: PALETTE[name] for name in METI_TYPE_LABELS.values()}


def meti_type_groups(columns: Iterable[Hashable]) -> dict[Hashable, str]:
    """``{column: METI type}`` for the 20 harmonised Japanese manufacturing groups.

    A column may be named by the group's code (``"food"``), English name (``"Food"``) or
    Japanese name (``"食料品"``), as in ``data/meti_manufacturing_groups.csv``. A column that
    matches no group raises :class:`PanelError` (nothing is put in a group silently).
    """
    from ..datasets.jp_manufactures import meti_groups

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
    from ..datasets.jp_manufactures import meti_groups

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
