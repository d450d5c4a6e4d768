"""Regression coefficients with their confidence intervals, per term or per unit."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..panel import PanelError
from ._common import BASE_COLOR, HIGHLIGHT_COLOR, _add_source, _constrained, _finish
from .fonts import display_label
from .style import FONT_SIZE, SMALL, Source, add_source, color_for

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
    (:data:`smartregion.plots.style.PALETTE`). All panels share the x axis, so one unit is read
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
    fig.suptitle("\n".join(textwrap.wrap(display_label(title), int(width * 9),
                                          break_on_hyphens=False)), x=0.01,
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
