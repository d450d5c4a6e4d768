"""What every loader returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..panel import Panel

__all__ = ["Dataset"]


@dataclass
class Dataset:
    """A loaded dataset: the panel (if the data are region x industry), tables and provenance.

    Attributes
    ----------
    name : str
        Registry name of the dataset (``"nz_urban_employment"`` ...).
    panel : Panel or None
        The region x industry (x time) panel, when the dataset has one.
    descr : str
        Plain-text description: what the numbers are, units, coverage, caveats.
    citation : str
        How to cite the source (official statistics and the repository that compiled them).
    licence : str
        The licence or terms of use of the upstream files.
    tables : dict of str -> DataFrame
        Further tidy tables (outcomes, labels, code lists, series that are not panels).
    report : dict
        Counts of anything dropped, suppressed or mapped while loading (never silent).
    """

    name: str
    panel: Panel | None
    descr: str
    citation: str
    licence: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        tabs = ", ".join(f"{k}{tuple(v.shape)}" for k, v in self.tables.items())
        return f"Dataset({self.name!r}, panel={self.panel!r}, tables=[{tabs}])"
