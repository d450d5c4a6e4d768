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

The package is split by figure family; every public name is importable from
``smartregion.plots`` itself:

* :mod:`~smartregion.plots.fonts`: CJK font set-up and :func:`display_label`;
* :mod:`~smartregion.plots.style`: the house style (palette, source lines, the 2011 break,
  label placement, figure titles);
* :mod:`~smartregion.plots._common`: :func:`save_figure`, base colours and helpers shared by
  the families;
* :mod:`~smartregion.plots.networks`, :mod:`~smartregion.plots.heatmaps`,
  :mod:`~smartregion.plots.scatter`, :mod:`~smartregion.plots.timeseries`,
  :mod:`~smartregion.plots.bars`, :mod:`~smartregion.plots.coefficients`: one module per
  family of figures;
* :mod:`~smartregion.plots.maps`: choropleths keyed by region id on a boundary file. It needs
  the optional ``maps`` dependencies (geopandas, mapclassify), so its names are imported on
  first use (``from smartregion.plots import choropleth`` works when they are installed, and
  ``import smartregion.plots`` works without them).

Imports run one way: ``fonts`` <- ``style`` <- ``_common`` <- family modules <- this
``__init__``. A family module imports from ``style``, ``fonts`` and ``_common`` (and from the
rest of smartregion), never from another family nor from ``smartregion.plots`` itself;
``tests/test_import_graph.py`` checks it.
"""

from __future__ import annotations

from ._common import (
    BASE_COLOR,
    DPI,
    HIGHLIGHT_COLOR,
    MUTED_COLOR,
    save_figure,
    wrap_label,
)
from .bars import (
    churn_benchmark_plot,
    highlight_bars,
    index_and_change_plot,
    lq_bar,
    null_distribution_plot,
    rank_interval_plot,
    region_strip_plot,
    shift_share_bars,
)
from .coefficients import (
    coefficient_plot,
    coefficients_by_unit,
)
from .fonts import (
    CJK_FAMILIES,
    ROMANISED,
    CJKFontWarning,
    display_label,
    setup_fonts,
)
from .heatmaps import (
    ABSENT_COLOR,
    ABSENT_NOTE,
    LQ_LOG2_LIMIT,
    METI_TYPE_COLORS,
    METI_TYPE_LABELS,
    lq_cell_label,
    lq_heatmap,
    meti_type_groups,
)
from .networks import (
    OTHER_COLOR,
    compute_layout,
    footprint_comparison_plot,
    group_centrality_plot,
    industry_space_plot,
    label_nodes,
)
from .residuals import residual_distribution
from .scatter import (
    QUADRANTS,
    density_complexity_scatter,
    label_column,
    printed_precision_plot,
    quadrant_table,
    relatedness_pairs_scatter,
    rv_uv_scatter,
)
from .style import (
    BREAK_LABEL,
    BREAK_YEAR,
    FONT_SIZE,
    HALO,
    PALETTE,
    SMALL,
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
from .timeseries import (
    LINE_CYCLE,
    index_small_multiples,
    index_timeseries,
    level_and_ratio_plot,
    quoted_counts_plot,
    spread_positions,
)

#: Public names of the maps module, re-exported lazily by ``__getattr__`` below.
_MAP_NAMES = ("MapJoinError", "MapJoin", "BOUNDARY_CREDITS", "check_boundaries", "join_values",
              "map_source", "choropleth", "locator_map", "read_boundaries", "PanelMaps",
              "panel_maps")

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
    "index_small_multiples",
    "index_timeseries",
    "quadrant_table",
    "density_complexity_scatter",
    "region_strip_plot",
    "null_distribution_plot",
    "rank_interval_plot",
    "label_column",
    "coefficients_by_unit",
    "level_and_ratio_plot",
    "shift_share_bars",
    "highlight_bars",
    "index_and_change_plot",
    "quoted_counts_plot",
    "group_centrality_plot",
    "relatedness_pairs_scatter",
    "printed_precision_plot",
    "churn_benchmark_plot",
    "BREAK_YEAR",
    "BREAK_LABEL",
    "HALO",
    "coefficient_plot",
    "residual_distribution",
    "DPI",
    "FONT_SIZE",
    "SMALL",
    "HIGHLIGHT_COLOR",
    "BASE_COLOR",
    "MUTED_COLOR",
    "OTHER_COLOR",
    "ABSENT_COLOR",
    "ABSENT_NOTE",
    "CJK_FAMILIES",
    "ROMANISED",
    "QUADRANTS",
    *_MAP_NAMES,
]


def __getattr__(name: str):
    """Import the names of :mod:`smartregion.plots.maps` on first use (optional dependencies)."""
    if name in _MAP_NAMES:
        from . import maps

        return getattr(maps, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
