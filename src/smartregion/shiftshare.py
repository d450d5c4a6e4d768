r"""Shift-share decomposition of regional change between two periods.

The change of each region-industry cell, :math:`\Delta e_{ri} = e^1_{ri} - e^0_{ri}`, is split
into a part due to national growth, a part due to the region's industry mix and a regional
(competitive) remainder. The national and industry growth rates come from the panel itself
(the sum over all its regions):

.. math::

    g = \frac{E^1}{E^0} - 1, \qquad g_i = \frac{E^1_i}{E^0_i} - 1, \qquad
    g_{ri} = \frac{e^1_{ri}}{e^0_{ri}} - 1

Every component is computed so that it is defined for zero cells: a cell that is zero in the
base period contributes 0 to the national-share and industry-mix effects, and all its change
(an entry) is regional. The components of each cell therefore add up to its actual change, and
those of a region to the region's change, with no NaN anywhere.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Literal

import numpy as np
import pandas as pd

from .panel import Panel, PanelError, as_panel
from .structure import _safe_div

__all__ = ["shift_share"]

Method = Literal["dunn", "esteban-marquillas"]


def _period(panel: Panel, label: Hashable | None, what: str) -> np.ndarray:
    """The ``(R, I)`` values of one period of ``panel`` (``label`` names it)."""
    if label is None:
        if len(panel.times) != 1:
            raise PanelError(
                f"the {what} panel has {len(panel.times)} periods; name the one to use with "
                f"{what}=... (one of {panel.times.tolist()[:10]})."
            )
        return panel.values[0]
    if not panel.has_time or label not in panel.times:
        periods = panel.times.tolist() if panel.has_time else "none (no time column)"
        raise PanelError(f"{what}={label!r} is not a period of the panel; periods: {periods}.")
    return panel.values[int(panel.times.get_loc(label))]


def _align(base: Panel, final: Panel) -> tuple[np.ndarray, np.ndarray]:
    """Positions that reorder ``final`` to ``base``'s labels; raise if the label sets differ."""
    problems = []
    for what, a, b in (("region", base.regions, final.regions),
                       ("industry", base.industries, final.industries)):
        only_a, only_b = a.difference(b), b.difference(a)
        if len(only_a) or len(only_b):
            problems.append(
                f"{what} labels differ: {only_a.tolist()[:5]} only in the start panel, "
                f"{only_b.tolist()[:5]} only in the end panel"
            )
    if problems:
        raise PanelError(
            "; ".join(problems) + ". Both periods need the same regions and industries "
            "(use Panel.select, or add the missing lines as zeros)."
        )
    return final.regions.get_indexer(base.regions), final.industries.get_indexer(base.industries)


def _cell_components(e0: np.ndarray, e1: np.ndarray, method: str,
                     zero_start: str = "regional") -> dict[str, np.ndarray]:
    """Shift-share components of every cell of two ``(R, I)`` arrays."""
    nat0, nat1 = e0.sum(), e1.sum()
    ind0, ind1 = e0.sum(axis=0), e1.sum(axis=0)
    g = nat1 / nat0 - 1.0 if nat0 > 0 else 0.0  # only multiplies e0, which is 0 if nat0 == 0
    g_i = _safe_div(ind1, ind0, fill=1.0) - 1.0  # idem: E_i^0 == 0 implies e_ri^0 == 0
    change = e1 - e0
    national = e0 * g
    mix = e0 * (g_i - g)
    regional = e1 - e0 * (1.0 + g_i)  # = e0 (g_ri - g_i) where e0 > 0; = e1 where e0 == 0
    out = {"start": e0, "end": e1, "change": change, "national_share": national,
           "industry_mix": mix, "regional_share": regional}
    if zero_start == "textbook":
        # e0 (g_ri - g_i) with g_ri undefined for e0 = 0: those cells get 0, and the change
        # they carry is reported apart, so that the four columns still add up to the change
        entry_change = np.where(e0 > 0, 0.0, e1)
        out["regional_share"] = regional - entry_change
        out["unallocated_entry"] = entry_change
    if method == "esteban-marquillas":
        homothetic = e0.sum(axis=1, keepdims=True) * _safe_div(ind0, nat0, fill=0.0)[None, :]
        present = e0 > 0
        diff = np.where(present, _safe_div(e1, e0, fill=0.0) - (1.0 + g_i), 0.0)  # g_ri - g_i
        competitive = homothetic * diff
        allocation = (e0 - homothetic) * diff
        entry = np.where(present, 0.0, e1)
        out.update(homothetic=homothetic, competitive_effect=competitive,
                   allocation_effect=allocation, entry=entry)
    return out


def shift_share(
    start: Panel | pd.DataFrame | np.ndarray,
    end: Panel | pd.DataFrame | np.ndarray | None = None,
    *,
    start_time: Hashable | None = None,
    end_time: Hashable | None = None,
    method: Method = "dunn",
    by: Literal["region", "cell"] = "region",
    zero_start: Literal["regional", "textbook"] = "regional",
) -> pd.DataFrame:
    r"""Shift-share decomposition of the change between a start and an end period.

    Classic decomposition (Dunn 1960), per cell:

    .. math::

        \Delta e_{ri} = \underbrace{e^0_{ri}\, g}_{\text{national share}}
        + \underbrace{e^0_{ri} (g_i - g)}_{\text{industry mix}}
        + \underbrace{e^1_{ri} - e^0_{ri} (1 + g_i)}_{\text{regional share}}

    The regional share equals the textbook :math:`e^0_{ri}(g_{ri} - g_i)` wherever
    :math:`e^0_{ri} > 0`; written as above it is also defined for cells that are zero in the
    start period (it is then their whole end value). Esteban-Marquillas (1972) split the
    regional share with the homothetic value :math:`\hat e_{ri} = E^0_r E^0_i / E^0`, the value
    the cell would have if the region had the national industry mix:

    .. math::

        e^0_{ri}(g_{ri} - g_i) = \underbrace{\hat e_{ri} (g_{ri} - g_i)}_{\text{competitive
        effect}} + \underbrace{(e^0_{ri} - \hat e_{ri})(g_{ri} - g_i)}_{\text{allocation
        effect}}

    where :math:`g_{ri}` is undefined for :math:`e^0_{ri} = 0`; those cells get
    :math:`g_{ri} - g_i := 0` and their change is reported in a separate ``entry`` column, so
    ``competitive_effect + allocation_effect + entry == regional_share`` (default
    ``zero_start``).

    Growth rates refer to the sum over the panel's regions.

    **Cells that start at zero** (an industry that enters a region) are where implementations
    part ways, because :math:`g_{ri}` is undefined there:

    * ``zero_start="regional"`` (default): the entry's whole end value is regional share, as
      the formula above gives; the components of every cell and region add up to the actual
      change.
    * ``zero_start="textbook"``: the textbook :math:`e^0_{ri}(g_{ri} - g_i)` read with
      :math:`0 \cdot g_{ri} := 0`, so an entry contributes 0 to the regional share (the explicit
      formula behind this package's reference file ``formula_shift_dunn_zero_safe``). Its
      change is then in no component; it is reported in an extra column
      ``unallocated_entry`` (the national share, industry mix and regional share add up to the
      change minus it).
    * REAT's ``shift`` evaluates :math:`0 \cdot (0/0)` and returns NaN for the regional share
      of any region with a zero start cell; neither option copies that.

    When no cell starts at zero the two options agree exactly.

    Parameters
    ----------
    start : Panel or wide DataFrame
        The start-period data; or, when ``end`` is None, a panel holding both periods.
    end : Panel or wide DataFrame, optional
        The end-period data, with the same region and industry labels as ``start`` (any
        order; differing label sets raise :class:`PanelError`).
    start_time, end_time : label, optional
        Periods to use. Needed when a panel has more than one period; with ``end=None`` both
        are periods of ``start``.
    method : {"dunn", "esteban-marquillas"}, default "dunn"
    by : {"region", "cell"}, default "region"
        ``"region"`` sums the components over industries; ``"cell"`` returns one row per
        (region, industry).
    zero_start : {"regional", "textbook"}, default "regional"
        How a cell that is zero in the start period is decomposed (see above). The
        Esteban-Marquillas columns are the same under both options (entries are in ``entry``).

    Returns
    -------
    DataFrame
        Indexed by region (or region and industry), with columns ``start``, ``end``,
        ``change``, ``national_share``, ``industry_mix``, ``regional_share`` and, for
        Esteban-Marquillas, ``homothetic``, ``competitive_effect``, ``allocation_effect``,
        ``entry``; with ``zero_start="textbook"`` also ``unallocated_entry``.

    References
    ----------
    Dunn, E. S. (1960). A statistical and analytical technique for regional analysis. *Papers
    and Proceedings of the Regional Science Association*, 6(1), 97-112.

    Esteban-Marquillas, J. M. (1972). A reinterpretation of shift-share analysis. *Regional and
    Urban Economics*, 2(3), 249-255.

    Examples
    --------
    >>> import pandas as pd
    >>> t0 = pd.DataFrame([[10, 10], [20, 0]], index=["a", "b"], columns=["i", "j"])
    >>> t1 = pd.DataFrame([[12, 15], [18, 5]], index=["a", "b"], columns=["i", "j"])
    >>> out = shift_share(t0, t1)
    >>> cols = ["change", "national_share", "industry_mix", "regional_share"]
    >>> out[cols]  # doctest: +NORMALIZE_WHITESPACE
            change  national_share  industry_mix  regional_share
    region
    a          7.0             5.0           5.0            -3.0
    b          3.0             5.0          -5.0             3.0
    """
    if method not in ("dunn", "esteban-marquillas"):
        raise ValueError(f"method must be 'dunn' or 'esteban-marquillas'; got {method!r}.")
    if by not in ("region", "cell"):
        raise ValueError(f"by must be 'region' or 'cell'; got {by!r}.")
    if zero_start not in ("regional", "textbook"):
        raise ValueError(f"zero_start must be 'regional' or 'textbook'; got {zero_start!r}.")
    base = as_panel(start)
    if end is None:
        if start_time is None or end_time is None:
            raise PanelError(
                "with a single panel, name both periods: shift_share(panel, start_time=..., "
                "end_time=...); or pass the end-period data as the second argument."
            )
        e0 = _period(base, start_time, "start_time")
        e1 = _period(base, end_time, "end_time")
    else:
        final = as_panel(end)
        rpos, ipos = _align(base, final)
        e0 = _period(base, start_time, "start_time")
        e1 = _period(final, end_time, "end_time")[np.ix_(rpos, ipos)]
    comp = _cell_components(e0, e1, method, zero_start)
    if by == "region":
        return pd.DataFrame({k: v.sum(axis=1) for k, v in comp.items()}, index=base.regions)
    index = pd.MultiIndex.from_product([base.regions, base.industries],
                                       names=["region", "industry"])
    return pd.DataFrame({k: v.reshape(-1) for k, v in comp.items()}, index=index)
