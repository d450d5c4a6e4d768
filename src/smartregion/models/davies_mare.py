r"""The sample and variable definitions of Davies & Maré (2021), as building blocks.

Davies & Maré study the employment growth of city-activity pairs (an activity is an industry x
occupation pair) in New Zealand's censuses. Their measures are in the package's general
modules (:func:`~smartregion.relatedness.relatedness_matrix` with ``method="davies_mare"``,
:func:`~smartregion.relatedness.share_density`,
:func:`~smartregion.complexity.spectral_complexity`); this module holds what is specific to
their study design, each step an explicit function with the rule it applies:

* :func:`study_panels`: pooling of small activities into one residual activity, the size rule
  for urban areas, and the merge of urban-area zones into cities;
* :func:`growth_observations`: the city-activity-period observations (positive employment at
  both ends), the annualised growth rate and the lagged regressors and weights;
* :func:`mean_wt`, :func:`sd_wt`, :func:`standardised_regressors`: their weighted moments and
  the weighted centring and standardisation of the regressors, with interactions.

``notebooks/08_published_benchmark`` chains them and reproduces their Tables 2 and 3.

References
----------
Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. *Regional Studies*,
55(3), 479-494.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..panel import Panel

__all__ = ["StudyPanels", "study_panels", "growth_observations", "mean_wt", "sd_wt",
           "standardised_regressors", "holds_by_construction"]


class StudyPanels(NamedTuple):
    """Result of :func:`study_panels`."""

    zones: Panel
    cities: Panel
    pooled: pd.Index
    kept_zones: pd.Index
    dropped_zones: pd.Index


def study_panels(
    panel: Panel,
    *,
    times: Sequence[Hashable],
    min_activity: float,
    min_region: float,
    region_map: Mapping[Hashable, Hashable] | None = None,
    residual: str = "XX.0",
) -> StudyPanels:
    r"""Pool small activities, drop small regions, merge zones (Davies & Maré's sample rules).

    1. Keep the periods ``times``.
    2. **Pooling**: an activity whose national total :math:`\sum_r x_{rat}` is below
       ``min_activity`` in *any* kept period is summed into the activity ``residual`` (so
       every share and total still counts its employment).
    3. **Size rule**: a region whose total :math:`\sum_a x_{rat}` is below ``min_region`` in
       any kept period is dropped (``dropped_zones``).
    4. **Merge**: regions are summed into cities by ``region_map`` (unlisted regions are their
       own city).

    Parameters
    ----------
    panel : Panel
        Regions x activities x periods (e.g. ``load_nz_activity_employment().panel``).
    times : sequence
    min_activity, min_region : float
        Thresholds (Davies & Maré: 800 and 1,400 employees).
    region_map : mapping, optional
        Region -> city for the regions to merge.
    residual : str, default "XX.0"
        Label of the pooled activity.

    Returns
    -------
    StudyPanels
        ``zones`` (after steps 1-3), ``cities`` (after step 4), the ``pooled`` activities, the
        ``kept_zones`` and ``dropped_zones``.

    Examples
    --------
    >>> import numpy as np
    >>> v = np.array([[[10.0, 1.0, 5.0], [8.0, 2.0, 0.0], [1.0, 0.0, 1.0]]])
    >>> p = Panel(v, ["a", "b", "c"], ["x", "y", "z"], [2000])
    >>> s = study_panels(p, times=[2000], min_activity=4, min_region=3, region_map={"b": "a"})
    >>> list(s.pooled), list(s.dropped_zones), s.cities.matrix().to_dict("list")
    (['y'], ['c'], {'XX.0': [3.0], 'x': [18.0], 'z': [5.0]})
    """
    sub = panel.select(times=list(times))
    x = sub.values
    national_min = x.sum(axis=1).min(axis=0)  # (activities,)
    pooled = sub.industries[national_min < min_activity]
    region_min = x.sum(axis=2).min(axis=0)  # (regions,)
    kept = sub.regions[region_min >= min_region]
    dropped = sub.regions[region_min < min_region]
    target = pd.Index([residual if a in set(pooled) else a for a in sub.industries])
    long = sub.select(regions=list(kept)).to_long()
    long.columns = ["time", "region", "industry", "value"]
    long["industry"] = long["industry"].map(dict(zip(sub.industries, target)))
    zones = Panel.from_long(long.groupby(["time", "region", "industry"], as_index=False,
                                         sort=True)["value"].sum(),
                            region="region", industry="industry", value="value", time="time")
    mapping = {r: (region_map or {}).get(r, r) for r in zones.regions}
    cities = zones.aggregate_regions(mapping)
    return StudyPanels(zones, cities, pd.Index(pooled), pd.Index(kept), pd.Index(dropped))


def growth_observations(
    cells: pd.DataFrame,
    *,
    region: str = "ua",
    activity: str = "act",
    time: str = "year",
    size: str = "size",
    lagged: Sequence[str] = (),
    exclude: Sequence[Hashable] = (),
) -> pd.DataFrame:
    r"""City-activity-period observations with growth, lagged regressors and weights.

    For consecutive periods :math:`t' < t` of the table, a pair :math:`(c, a)` is an
    observation when its employment is positive at both ends, with

    .. math::

        G_{ca,t} = 100\left[\left(\frac{E_{ca,t}}{E_{ca,t'}}\right)^{1/(t - t')} - 1\right],
        \qquad w_{ca,t} = \frac{E_{ca,t'}}{\sum_{c,b} E_{cb,t'}},

    the annualised growth rate in percent and the pair's share of all employment at the start
    (the total includes every activity of the table, also those in ``exclude``). The columns
    ``lagged`` are taken at :math:`t'`.

    Parameters
    ----------
    cells : DataFrame
        Exactly one row per (region, activity, time) with the ``size`` column and the
        ``lagged`` ones (an absent cell is a row with size 0); a pair with zero employment in
        a period has no observation ending or starting there.
    region, activity, time, size : str
        Column names.
    lagged : sequence of str
        Columns to lag (named ``<column>`` in the result).
    exclude : sequence
        Activities that count in the totals but are not observations (the pooled residual).

    Returns
    -------
    DataFrame
        ``region, activity, time`` (the end period), ``G``, ``wt`` and the lagged columns.

    Examples
    --------
    >>> cells = pd.DataFrame({"ua": [1, 1, 1, 1], "act": ["a", "a", "b", "b"],
    ...                       "year": [2000, 2010, 2000, 2010], "size": [100, 121, 300, 0],
    ...                       "x": [0.5, 0.6, 0.7, 0.8]})
    >>> growth_observations(cells, lagged=["x"]).round(4).to_dict("records")
    [{'ua': 1, 'act': 'a', 'year': 2010, 'G': 1.9245, 'wt': 0.25, 'x': 0.5}]
    """
    per_pair = cells.groupby([region, activity])[time].nunique()
    n_times = cells[time].nunique()
    if (per_pair < n_times).any() or cells.duplicated([region, activity, time]).any():
        bad = per_pair[per_pair < n_times].index[:5].tolist()
        raise ValueError(f"cells needs exactly one row per (region, activity, time); pairs "
                         f"{bad} miss periods or repeat them. Add absent cells with size 0.")
    df = cells.sort_values([region, activity, time]).reset_index(drop=True)
    pos = df[size].where(df[size] > 0)
    total = pos.groupby(df[time]).transform("sum")
    g = df.groupby([region, activity], sort=False)
    prev_size = pos.groupby([df[region], df[activity]], sort=False).shift()
    prev_time = g[time].shift()
    out = df[[region, activity, time]].copy()
    out["G"] = 100 * ((pos / prev_size) ** (1 / (df[time] - prev_time)) - 1)
    out["wt"] = prev_size / total.groupby([df[region], df[activity]], sort=False).shift()
    for col in lagged:
        out[col] = g[col].shift()
    keep = out["G"].notna() & ~df[activity].isin(list(exclude))
    return out.loc[keep].reset_index(drop=True)


def mean_wt(x: np.ndarray | pd.Series, w: np.ndarray | pd.Series) -> float:
    r"""Weighted mean :math:`\sum_n w_n x_n / \sum_n w_n` (Davies & Maré's ``mean.wt``).

    >>> mean_wt([1.0, 3.0], [3.0, 1.0])
    1.5
    """
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    return float(np.sum(w * x) / np.sum(w))


def sd_wt(x: np.ndarray | pd.Series, w: np.ndarray | pd.Series) -> float:
    r"""Weighted standard deviation as Davies & Maré's ``sd.wt``.

    The weights are rescaled to sum to the number of observations :math:`n`,
    :math:`\tilde w_n = n w_n / \sum w`, and

    .. math::

        \mathrm{sd}_w(x) = \sqrt{\frac{\sum_n \tilde w_n (x_n - \bar x_w)^2}{n - 1}},

    which equals the ordinary sample standard deviation for equal weights.

    >>> round(sd_wt([1.0, 3.0], [3.0, 1.0]), 6)  # sqrt((1.5 * 0.25 + 0.5 * 2.25) / 1)
    1.224745
    """
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    w = w * len(w) / np.sum(w)
    m = np.sum(w * x) / np.sum(w)
    return float(np.sqrt(np.sum(w * (x - m) ** 2) / (np.sum(w) - 1)))


def standardised_regressors(
    obs: pd.DataFrame,
    *,
    share: str,
    density: str,
    activity_complexity: str,
    city_complexity: str,
    weight: str = "wt",
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    r"""Davies & Maré's regressors: weighted centring, standardisation and interactions.

    .. math::

        LS = 100\,(s - \bar s_w), \quad RD = \frac{d - \bar d_w}{\mathrm{sd}_w(d)}, \quad
        AC, CC \text{ likewise}, \quad ACxLS = AC \cdot LS, \ ACxRD = AC \cdot RD, \
        CCxLS, CCxRD,

    with :func:`mean_wt` and :func:`sd_wt` over the rows of ``obs`` (the estimation sample).

    Parameters
    ----------
    obs : DataFrame
    share, density, activity_complexity, city_complexity : str
        Columns of the lagged local share, density and complexities.
    weight : str, default "wt"
    keep : sequence of str
        Columns copied unchanged (outcome, keys, weights, fixed-effect groups).

    Returns
    -------
    DataFrame
        ``keep`` columns plus ``LS, RD, AC, CC, ACxLS, ACxRD, CCxLS, CCxRD``.
    """
    w = obs[weight].to_numpy(dtype=float)
    out = obs[list(dict.fromkeys([*keep, weight]))].copy()
    out["LS"] = 100 * (obs[share] - mean_wt(obs[share], w))
    for name, col in (("RD", density), ("AC", activity_complexity), ("CC", city_complexity)):
        out[name] = (obs[col] - mean_wt(obs[col], w)) / sd_wt(obs[col], w)
    for c in ("AC", "CC"):
        out[f"{c}xLS"] = out[c] * out["LS"]
        out[f"{c}xRD"] = out[c] * out["RD"]
    return out


def holds_by_construction(comparison: pd.DataFrame) -> pd.Series:
    """Rows of their Tables 2 and 3 that hold by construction once the sample is right.

    The weighted means of the centred or standardised regressors (every variable but the
    growth rate ``G``) are zero and the weighted standard deviations of the standardised ones
    (``RD, AC, CC``) are one by :func:`standardised_regressors`, and the observation counts
    (``nobs``) only count the sample: matching them is weak evidence.

    Parameters
    ----------
    comparison : DataFrame
        Columns ``statistic`` and ``variable`` (missing on the rows of the estimates).

    Returns
    -------
    Series of bool

    Examples
    --------
    >>> t = pd.DataFrame({"statistic": ["mean", "mean", "sd", "sd", "nobs", "coef"],
    ...                   "variable": ["G", "LS", "LS", "RD", None, None]})
    >>> holds_by_construction(t).tolist()
    [False, True, False, True, True, False]
    """
    stat, var = comparison["statistic"], comparison["variable"]
    return (((stat == "mean") & (var != "G")) | ((stat == "sd") & var.isin(["RD", "AC", "CC"]))
            | (stat == "nobs"))
