"""Figures of the regression layer that place case regions in a model's residual distribution.

:func:`residual_distribution` draws the residuals of a growth model as a histogram and marks
named units (Kyoto City's wards) and unit groups (Kyoto City, Kyoto prefecture) with their
percentiles, from :func:`smartregion.models.cases.residual_placement`.
"""

from __future__ import annotations

import pandas as pd
import numpy as np
from matplotlib.figure import Figure

from .plots import PALETTE, SMALL, Source, add_source, color_for

__all__ = ["residual_distribution"]


def residual_distribution(
    residuals: pd.Series,
    placement: pd.DataFrame,
    *,
    title: str,
    source: Source | str,
    xlabel: str = "Residual growth (SD of growth)",
    bins: int = 40,
    figsize: tuple[float, float] = (10.0, 7.0),
) -> Figure:
    """Histogram of residuals with unit groups as labelled lines, and the named units as a dot
    strip below it (one row each, with its percentile).

    Parameters
    ----------
    residuals : Series
        Residuals of every unit of the estimation sample.
    placement : DataFrame
        Output of :func:`~smartregion.models.cases.residual_placement` with a ``label``
        column: ``kind == "unit"`` rows are drawn as dots in the lower panel, ``kind ==
        "group"`` rows as vertical lines with their percentile and comparison size.
    title, source, xlabel, bins, figsize
        Title (state the finding), source line, axis label, histogram bins, size.
    """
    if "label" not in placement.columns:
        raise ValueError("placement needs a 'label' column (names to print).")
    fig = Figure(figsize=figsize, layout="constrained")
    ax, ax2 = fig.subplots(2, 1, sharex=True, height_ratios=[2.0, 1.6])
    r = residuals.dropna().to_numpy(float)
    ax.hist(r, bins=bins, color=PALETTE["comparison"], edgecolor="white",
            label=f"all units of the sample (N = {len(r)})")
    units = placement.loc[placement["kind"] == "unit"].sort_values("residual")
    ward_color = color_for("Kyoto City")
    groups = placement.loc[placement["kind"] == "group"].reset_index(drop=True)
    styles = ["-", "--", ":"]
    for k, row in groups.iterrows():
        x = float(row["residual"])
        for a in (ax, ax2):
            a.axvline(x, color=color_for(str(row["label"]), ward_color), lw=2 if a is ax else 1,
                      ls=styles[k % len(styles)],
                      label=(f"{row['label']}: {x:+.2f} SD, percentile "
                             f"{row['percentile']:.0f} of {int(row['n_compared'])}")
                      if a is ax else None)
    for a in (ax, ax2):
        a.axvline(0, color="black", lw=0.6)
    y = np.arange(len(units))
    ax2.scatter(units["residual"], y, color=ward_color, zorder=3, s=22)
    ax2.set_yticks(y, [f"{lab} (percentile {p:.0f})" for lab, p in
                       zip(units["label"], units["percentile"])], fontsize=SMALL)
    ax2.set_ylim(-0.7, len(units) - 0.3)
    ax2.set_xlabel(xlabel)
    ax2.set_title("Units named: residual and percentile among all units", loc="left",
                  fontsize=SMALL + 1)
    ax.set_ylabel("Units (count)")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=SMALL)
    add_source(fig, source)
    return fig
