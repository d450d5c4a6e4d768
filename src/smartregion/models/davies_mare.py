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
* :func:`activity_counts`, :func:`city_sample`: what the sample rules keep;
* :func:`study_measures`: their measures and EconGeo's per city-activity cell, rounded as
  their intermediate files are;
* :func:`descriptive_statistics` (their Table 2), :func:`export_rounding_check` (which of its
  numbers depend on the export rounding) and :func:`holds_by_construction` (the published
  numbers that hold once the sample is right).

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

from ..complexity import markov_similarity, spectral_complexity
from ..panel import Panel
from ..policy import Indicator
from ..relatedness import relatedness_density, relatedness_matrix, share_density
from .benchmark import within_printed_precision

__all__ = ["StudyPanels", "study_panels", "growth_observations", "mean_wt", "sd_wt",
           "standardised_regressors", "activity_counts", "city_sample", "study_measures",
           "descriptive_statistics", "export_rounding_check", "holds_by_construction"]


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


def activity_counts(panel: Panel, study: StudyPanels, *,
                    suppressed_by_year: Mapping[Hashable, int]) -> dict[str, int]:
    """What the pooling rule of :func:`study_panels` keeps, for a reading of the sample.

    Parameters
    ----------
    panel : Panel
        The input panel (every activity pair of the file).
    study : StudyPanels
        Its :func:`study_panels` result.
    suppressed_by_year : mapping
        Period -> number of suppressed cells counted as zero (the loader's report).

    Returns
    -------
    dict
        ``suppressed_cells_in_their_censuses`` (summed over the periods of ``study``),
        ``activity_pairs_in_file``, ``activity_pairs_pooled`` (into the residual) and
        ``activities_kept``.

    Examples
    --------
    >>> v = np.array([[[10.0, 1.0, 5.0], [8.0, 2.0, 0.0], [1.0, 0.0, 1.0]]])
    >>> p = Panel(v, ["a", "b", "c"], ["x", "y", "z"], [2000])
    >>> s = study_panels(p, times=[2000], min_activity=4, min_region=3)
    >>> activity_counts(p, s, suppressed_by_year={1990: 5, 2000: 2})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'suppressed_cells_in_their_censuses': 2, 'activity_pairs_in_file': 3,
     'activity_pairs_pooled': 1, 'activities_kept': 2}
    """
    n_pairs = len(panel.industries)
    return {"suppressed_cells_in_their_censuses":
            int(sum(suppressed_by_year[t] for t in study.cities.times)),
            "activity_pairs_in_file": int(n_pairs),
            "activity_pairs_pooled": int(len(study.pooled)),
            "activities_kept": int(n_pairs - len(study.pooled))}


def city_sample(panel: Panel, study: StudyPanels, *, residual: str = "XX.0") -> Indicator:
    """Employment of the study's cities per period, and the counts of the size rule and merge.

    Returns
    -------
    Indicator
        ``table``: one row per period with ``census``, ``employment_in_cities`` and
        ``residual_employment`` (of the pooled activity ``residual``). ``key_numbers``:
        ``urban_areas_in_file`` (regions of ``panel``), ``zones_kept`` (passing the size
        rule), ``cities`` (after the merge) and ``activities_with_residual`` (activity
        columns of the cities' panel).

    Examples
    --------
    >>> v = np.array([[[10.0, 1.0, 5.0], [8.0, 2.0, 0.0], [1.0, 0.0, 1.0]]])
    >>> p = Panel(v, ["a", "b", "c"], ["x", "y", "z"], [2000])
    >>> s = study_panels(p, times=[2000], min_activity=4, min_region=3, region_map={"b": "a"})
    >>> c = city_sample(p, s)
    >>> c.table.to_dict("records"), c.key_numbers["cities"], c.key_numbers["zones_kept"]
    ([{'census': 2000, 'employment_in_cities': 26.0, 'residual_employment': 3.0}], 1, 2)
    """
    cities = study.cities
    table = pd.DataFrame({"census": cities.times,
                          "employment_in_cities": cities.values.sum(axis=(1, 2)),
                          "residual_employment": cities.select(industries=[residual])
                          .values.sum(axis=(1, 2))})
    return Indicator(table, {"urban_areas_in_file": int(len(panel.regions)),
                             "zones_kept": int(len(study.kept_zones)),
                             "cities": int(len(cities.regions)),
                             "activities_with_residual": int(len(cities.industries))})


def _rounded(x: np.ndarray, decimals: int | None) -> np.ndarray:
    """Their scripts' export rounding (``None``: keep full precision)."""
    return x if decimals is None else np.round(x, decimals)


def study_measures(
    cities: Panel,
    *,
    export_decimals: int | None = 4,
    density_decimals: int | None = 2,
    markov_decimals: int | None = 4,
) -> Indicator:
    r"""Their measures and EconGeo's, per city-activity cell and period, as their files hold them.

    For each period, with :math:`E_{ca}` the employment of activity :math:`a` in city
    :math:`c` and :math:`s_c^a = E_{ca}/E_c` its local share:

    * ``rd``: their relatedness density :math:`\sum_{b \ne a} s_c^b R^{ab}`, with
      :math:`R` from :func:`~smartregion.relatedness.relatedness_matrix` (``"davies_mare"``),
      computed as :func:`~smartregion.relatedness.share_density` with the diagonal minus
      the local share, both rounded to ``export_decimals`` first, as their files are;
    * ``ac``, ``cc``: :func:`~smartregion.complexity.spectral_complexity` of the activity and
      city relatedness matrices; activity complexity is oriented to the employment-weighted
      mean size of the cities holding the activity, city complexity to the share-weighted
      mean complexity of the city's activities;
    * ``rd_econgeo``: EconGeo's density in percent of co-occurrence relatedness
      (``method="prob"``), rounded to ``density_decimals``; ``ac_econgeo``, ``cc_econgeo``:
      complexities of the Markov similarity (:func:`~smartregion.complexity.markov_similarity`
      rounded to ``markov_decimals``, eigenvectors ordered by modulus), oriented likewise.

    ``local_share`` and the complexities are rounded to ``export_decimals`` (``None`` keeps
    full precision at each step).

    Returns
    -------
    Indicator
        ``table``: one row per (``year, ua, act``) with ``size`` (employment),
        ``local_share, rd, rd_econgeo, ac, ac_econgeo, cc, cc_econgeo`` (the input of
        :func:`growth_observations`). ``key_numbers``: ``relatedness_pairs_undefined``
        (entries of the activity and city relatedness matrices without two common
        observations; :func:`~smartregion.complexity.spectral_complexity` stops on them).
        ``parts``: ``share_density`` (the unrounded share density with the diagonal, one row
        per period and city) and the relatedness matrices ``relatedness`` and
        ``city_relatedness``.
    """
    E = cities.values  # (period, city, activity)
    city_size = E.sum(axis=2)
    act_size = E.sum(axis=1)
    local_share = E / city_size[:, :, None]
    index_ca = pd.MultiIndex.from_product([cities.times, cities.regions])
    index_a = pd.MultiIndex.from_product([cities.times, cities.industries])
    mean_city_size = pd.Series(np.einsum("tca,tc->ta", E, city_size).ravel()
                               / act_size.ravel(), index=index_a)

    def oriented_city_complexity(similarity, activity_complexity, **kwargs):
        ac = activity_complexity.to_numpy().reshape(act_size.shape)
        ref = pd.Series(np.einsum("tca,ta->tc", local_share, ac).ravel(), index=index_ca)
        return spectral_complexity(similarity, reference=ref, **kwargs)

    rel_dm = relatedness_matrix(cities, method="davies_mare")
    rel_city = relatedness_matrix(cities, method="davies_mare", axis="region")
    ac_dm = spectral_complexity(rel_dm, reference=mean_city_size)
    cc_dm = oriented_city_complexity(rel_city, ac_dm)
    mlr = share_density(cities, rel_dm, include_diagonal=True)
    rd_dm = (_rounded(mlr.to_numpy(), export_decimals)
             - _rounded(local_share.reshape(-1, E.shape[2]), export_decimals))

    rel_eg = relatedness_matrix(cities, method="prob")
    rd_eg = _rounded(relatedness_density(cities, rel_eg, scale=100).to_numpy(),
                     density_decimals)
    markov = {axis: markov_similarity(cities, axis=axis, decimals=markov_decimals)
              for axis in ("industry", "region")}
    ac_eg = spectral_complexity(markov["industry"], reference=mean_city_size,
                                eigen_order="modulus")
    cc_eg = oriented_city_complexity(markov["region"], ac_eg, eigen_order="modulus")

    def per_activity(c):
        return np.tile(c.to_numpy().reshape(act_size.shape)[:, None, :], (1, E.shape[1], 1))

    cells = pd.DataFrame({
        "size": E.ravel(),
        "local_share": _rounded(local_share.ravel(), export_decimals),
        "rd": rd_dm.ravel(), "rd_econgeo": rd_eg.ravel(),
        "ac": _rounded(per_activity(ac_dm).ravel(), export_decimals),
        "ac_econgeo": _rounded(per_activity(ac_eg).ravel(), export_decimals),
        "cc": _rounded(np.repeat(cc_dm.to_numpy(), E.shape[2]), export_decimals),
        "cc_econgeo": _rounded(np.repeat(cc_eg.to_numpy(), E.shape[2]), export_decimals),
    }, index=pd.MultiIndex.from_product([cities.times, cities.regions, cities.industries],
                                        names=["year", "ua", "act"])).reset_index()
    undefined = int(np.isnan(rel_dm.to_numpy()).sum() + np.isnan(rel_city.to_numpy()).sum())
    return Indicator(cells, {"relatedness_pairs_undefined": undefined},
                     {"share_density": mlr, "relatedness": rel_dm, "city_relatedness": rel_city})


def _six_statistics(x, w) -> dict[str, float]:
    """Their Table 2's statistics of ``x`` (array or Series) with weights ``w``."""
    return {"mean_unweighted": x.mean(), "sd_unweighted": x.std(ddof=1),
            "mean": mean_wt(x, w), "sd": sd_wt(x, w), "min": x.min(), "max": x.max()}


def descriptive_statistics(
    blocks: Sequence[tuple[str, pd.DataFrame, Sequence[str]]],
    *,
    weight: str = "wt",
    outcome: str = "G",
) -> Indicator:
    r"""Their Table 2: six statistics of each regressor, unweighted and weighted.

    For each ``(block, frame, variables)`` and each variable :math:`x` of ``frame``: the
    unweighted mean and sample standard deviation, the weighted mean (:func:`mean_wt`) and
    standard deviation (:func:`sd_wt`) with the ``weight`` column, the minimum and maximum.

    Parameters
    ----------
    blocks : sequence of (str, DataFrame, sequence of str)
        Block label (the panel of the published table), the regression frame (from
        :func:`standardised_regressors`) and the variables described from it.
    weight, outcome : str
        Weight column; the outcome (growth) variable.

    Returns
    -------
    Indicator
        ``table``: ``table`` ("descriptives"), ``block``, ``variable``, ``statistic``
        (``mean_unweighted, sd_unweighted, mean, sd, min, max``) and ``computed``.
        ``key_numbers``: ``observations`` (rows of the first block's frame) and
        ``weighted_mean_growth`` (the weighted mean of ``outcome``, which one block lists).

    Examples
    --------
    >>> f = pd.DataFrame({"G": [1.0, 3.0], "wt": [3.0, 1.0]})
    >>> d = descriptive_statistics([("both", f, ["G"])])
    >>> d.table.set_index("statistic")["computed"].round(4).to_dict()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'mean_unweighted': 2.0, 'sd_unweighted': 1.4142, 'mean': 1.5, 'sd': 1.2247, 'min': 1.0,
     'max': 3.0}
    >>> d.key_numbers
    {'observations': 2, 'weighted_mean_growth': 1.5}
    """
    rows = []
    for block, frame, variables in blocks:
        w = frame[weight].to_numpy()
        for v in variables:
            for stat, value in _six_statistics(frame[v].to_numpy(), w).items():
                rows.append({"table": "descriptives", "block": block, "variable": v,
                             "statistic": stat, "computed": value})
    table = pd.DataFrame(rows)
    growth = table[(table["variable"] == outcome) & (table["statistic"] == "mean")]
    return Indicator(table, {"observations": int(len(blocks[0][1])),
                             "weighted_mean_growth": float(growth["computed"].item())})


def export_rounding_check(
    cities: Panel,
    share_density: pd.DataFrame,
    observations: pd.DataFrame,
    published: pd.DataFrame,
) -> Indicator:
    r"""Their Table 2's local-share and density statistics without their export rounding.

    The local share :math:`s_c^a` and their density :math:`RD_c^a` (``share_density`` with
    the diagonal minus the local share) are taken at full precision for the start period of
    each observation, centred (:math:`LS = 100(s - \bar s_w)`) and standardised (``RD``) as
    :func:`standardised_regressors` does, and each published statistic of ``LS`` and of
    their ``RD`` (not EconGeo's) is compared with the full-precision one.

    Parameters
    ----------
    cities : Panel
        The study's cities (:func:`study_panels`); its periods are the censuses.
    share_density : DataFrame
        ``parts["share_density"]`` of :func:`study_measures` (one row per period and city).
    observations : DataFrame
        :func:`growth_observations` (``ua, act, year, wt``).
    published : DataFrame
        Their Table 2 (``block, variable, statistic, value, decimals``).

    Returns
    -------
    Indicator
        ``table``: ``variable, statistic, published, full_precision, reproduced`` (within
        half a unit of the last printed digit). ``key_numbers``:
        ``changed_without_export_rounding`` (statistics not reproduced at full precision)
        and ``checked_without_export_rounding`` (statistics compared).
    """
    E = cities.values
    ls_full = (E / E.sum(axis=2)[:, :, None]).reshape(-1, E.shape[2])
    full_frame = pd.DataFrame({"local_share": ls_full.ravel(),
                               "rd": (share_density.to_numpy() - ls_full).ravel()},
                              index=pd.MultiIndex.from_product(
                                  [cities.times, cities.regions, cities.industries],
                                  names=["year", "ua", "act"]))
    prev = full_frame.reset_index().rename(columns={"year": "prev_year"})
    prev_year_of = dict(zip(list(cities.times)[1:], list(cities.times)[:-1]))
    check = observations[["ua", "act", "year", "wt"]].assign(
        prev_year=observations["year"].map(prev_year_of))
    check = check.merge(prev, on=["prev_year", "ua", "act"], how="left", validate="one_to_one")
    w = check["wt"].to_numpy()
    exact = {"LS": 100 * (check["local_share"] - mean_wt(check["local_share"], w)),
             "RD": (check["rd"] - mean_wt(check["rd"], w)) / sd_wt(check["rd"], w)}
    rows = []
    for v, x in exact.items():
        pub = published[(published["block"] != "econgeo") & (published["variable"] == v)]
        vals = _six_statistics(x, w)
        for _, row in pub.iterrows():
            diff = vals[row["statistic"]] - row["value"]
            rows.append({"variable": v, "statistic": row["statistic"], "published": row["value"],
                         "full_precision": vals[row["statistic"]],
                         "reproduced": within_printed_precision(diff, row["decimals"])})
    table = pd.DataFrame(rows)
    return Indicator(table, {"changed_without_export_rounding": int((~table["reproduced"]).sum()),
                             "checked_without_export_rounding": int(len(table))})
