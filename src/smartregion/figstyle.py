"""Former home of the house figure style, kept so that old imports keep working.

The style now lives in :mod:`smartregion.plots.style`; import it from there (or from
:mod:`smartregion.plots`, which re-exports every name). Nothing inside smartregion imports
this module.
"""

from __future__ import annotations

from .plots.style import (
    BREAK_LABEL,
    BREAK_YEAR,
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
