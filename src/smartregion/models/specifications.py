"""Specifications of the regional-diversification literature (second layer of
:mod:`smartregion.models`): growth tables, Frenken growth, entry/exit, local industry
growth and the spatial-unit checks."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from ..panel import DroppedDataWarning, Panel, PanelError
from .estimators import (
    CovType,
    ModelError,
    ModelWarning,
    OutcomeError,
    RegressionResult,
    SingularDesignError,
    SmallSample,
    _as_tuple,
    fe_logit,
    fe_ols,
)


# ---------------------------------------------------------------------------------- growth
def period_pairs(
    times: Sequence[Hashable],
    *,
    step: int = 1,
    periods: Sequence[tuple[Hashable, Hashable]] | None = None,
) -> list[tuple[Hashable, Hashable]]:
    """Start/end pairs of the growth periods: given explicitly, or ``times[j], times[j+step]``.

    Examples
    --------
    >>> period_pairs([2001, 2002, 2003, 2004], step=2)
    [(2001, 2003), (2002, 2004)]
    >>> period_pairs([1976, 1981, 1986], periods=[(1976, 1986)])
    [(1976, 1986)]
    """
    times = list(times)
    if periods is not None:
        out = [tuple(p) for p in periods]
        bad = [p for p in out if len(p) != 2 or p[0] not in times or p[1] not in times]
        if bad:
            raise ModelError(f"periods {bad} are not (start, end) pairs of panel times {times}.")
        return out  # type: ignore[return-value]
    if step < 1:
        raise ModelError(f"step must be >= 1; got {step}.")
    if len(times) <= step:
        raise ModelError(f"the panel has {len(times)} period(s); growth over {step} step(s) "
                         "needs more.")
    return [(times[j], times[j + step]) for j in range(len(times) - step)]


def _years(start: Hashable, end: Hashable, years: float | None) -> float:
    if years is not None:
        if years <= 0:
            raise ModelError(f"years must be positive; got {years}.")
        return float(years)
    try:
        y = float(end) - float(start)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ModelError(f"cannot infer the length of {start!r}..{end!r}; pass years=.") from None
    if y <= 0:
        raise ModelError(f"end {end!r} is not after start {start!r}.")
    return y


def growth_table(
    panel: Panel,
    *,
    start: Hashable,
    end: Hashable,
    years: float | None = None,
    level: Literal["region", "cell"] = "region",
    method: Literal["log", "dhs", "cagr"] = "log",
    warn: bool = True,
) -> pd.DataFrame:
    r"""Annualised growth of each region (or region-industry cell) between ``start`` and ``end``.

    .. math::

        g^{\log}_r = \frac{\ln X_{r,\text{end}} - \ln X_{r,\text{start}}}{\Delta}, \qquad
        g^{\text{dhs}}_r = \frac{1}{\Delta}\,
            \frac{X_{r,\text{end}} - X_{r,\text{start}}}
                 {\tfrac12 (X_{r,\text{start}} + X_{r,\text{end}})}, \qquad
        g^{\text{cagr}}_r = (X_{r,\text{end}} / X_{r,\text{start}})^{1/\Delta} - 1,

    with :math:`\Delta` the number of years. Log and CAGR growth are undefined when either value
    is zero; those rows keep ``growth = NaN`` and say why in ``excluded`` (the count is also
    warned and stored in ``attrs["excluded"]``). The Davis-Haltiwanger-Schuh rate (``"dhs"``)
    is bounded in :math:`[-2, 2]/\Delta` and defined unless both values are zero.

    Parameters
    ----------
    panel : Panel
        A panel with a time dimension; the measured quantity is ``panel.value_name``.
    start, end : time labels
    years : float, optional
        Length of the period; default ``end - start`` for numeric labels.
    level : {"region", "cell"}, default "region"
        Regional totals, or every region-industry cell.
    method : {"log", "dhs", "cagr"}, default "log"
    warn : bool, default True
        Emit a :class:`~smartregion.panel.DroppedDataWarning` counting excluded rows.

    Returns
    -------
    DataFrame
        Indexed by region (or region, industry); columns ``value_start``, ``value_end``,
        ``growth``, ``excluded`` (empty string when included).

    References
    ----------
    Davis, S. J., Haltiwanger, J., & Schuh, S. (1996). *Job Creation and Destruction*. MIT Press.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"time": [2000, 2000, 2010, 2010], "region": ["a", "b", "a", "b"],
    ...                    "industry": ["x"] * 4, "employment": [100.0, 5.0, 200.0, 0.0]})
    >>> p = Panel.from_long(df, value="employment", time="time")
    >>> g = growth_table(p, start=2000, end=2010, warn=False)
    >>> round(float(g.loc["a", "growth"]), 6), g.loc["b", "excluded"]
    (0.069315, 'zero at end')
    """
    if not isinstance(panel, Panel):
        raise ModelError("growth_table needs a Panel.")
    if not panel.has_time:
        raise ModelError("growth needs a panel with a time dimension.")
    if method not in ("log", "dhs", "cagr"):
        raise ModelError(f"method must be 'log', 'dhs' or 'cagr'; got {method!r}.")
    dt = _years(start, end, years)
    a = panel.values[panel._time_pos(start)]
    b = panel.values[panel._time_pos(end)]
    if level == "region":
        x0, x1 = a.sum(axis=1), b.sum(axis=1)
        index: pd.Index = panel.regions
    elif level == "cell":
        x0, x1 = a.ravel(), b.ravel()
        index = pd.MultiIndex.from_product([panel.regions, panel.industries],
                                           names=["region", "industry"])
    else:
        raise ModelError(f"level must be 'region' or 'cell'; got {level!r}.")
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "log":
            g = (np.log(x1) - np.log(x0)) / dt
        elif method == "cagr":
            g = (x1 / x0) ** (1 / dt) - 1
        else:
            g = (x1 - x0) / (0.5 * (x0 + x1)) / dt
    reason = np.full(len(x0), "", dtype=object)
    if method == "dhs":
        reason[(x0 == 0) & (x1 == 0)] = "zero at start and end"
    else:
        reason[(x0 == 0) & (x1 > 0)] = "zero at start"
        reason[(x0 > 0) & (x1 == 0)] = "zero at end"
        reason[(x0 == 0) & (x1 == 0)] = "zero at start and end"
    g = np.where(reason == "", g, np.nan)
    out = pd.DataFrame({"value_start": x0, "value_end": x1, "growth": g,
                        "excluded": reason.astype(str)}, index=index)
    counts = out.loc[out["excluded"] != "", "excluded"].value_counts().to_dict()
    out.attrs["excluded"] = {str(k): int(v) for k, v in counts.items()}
    out.attrs["period"] = (start, end, dt)
    if counts and warn:
        warnings.warn(f"growth {start}->{end} ({method}) undefined for {sum(counts.values())} "
                      f"{level} row(s): {out.attrs['excluded']}; they are NaN.",
                      DroppedDataWarning, stacklevel=2)
    return out


def expected_growth(
    panel: Panel,
    *,
    start: Hashable,
    end: Hashable,
    years: float | None = None,
    method: Literal["log", "dhs"] = "log",
    leave_one_out: bool = True,
) -> pd.Series:
    r"""Expected growth of each region from the national growth of its industries (Bartik).

    .. math::

        \hat g_r = \sum_i s_{ri,0}\; g_{i}^{(-r)}, \qquad
        s_{ri,0} = rac{x_{ri,0}}{\sum_j x_{rj,0}}, \qquad
        g_i^{(-r)} = rac{\ln X^{(-r)}_{i,1} - \ln X^{(-r)}_{i,0}}{\Delta},
        \quad X^{(-r)}_{i,t} = \sum_{q 
e r} x_{qi,t},

    the start-year industry mix of region :math:`r` weighted by the annualised growth of each
    industry in all *other* regions (leave-one-out, so a region's own growth does not enter its
    prediction; Bartik 1991; Goldsmith-Pinkham, Sorkin & Swift 2020). It is the industry-mix
    term of shift-share (:mod:`smartregion.shiftshare`) written as a growth rate: regions
    whose industries grow nationally are expected to grow. ``method="dhs"`` uses the
    Davis-Haltiwanger-Schuh rate :math:`(X_1 - X_0) / (	frac12 (X_0 + X_1)) / \Delta`
    instead of the log change. Industries whose rate is undefined (zero in the rest of the
    country) get weight zero; ``attrs["undefined_industry_rates"]`` counts the
    region-industry pairs concerned.

    Examples
    --------
    >>> df = pd.DataFrame({"time": [0] * 4 + [1] * 4, "region": ["a", "a", "b", "b"] * 2,
    ...                    "industry": ["x", "y"] * 4, "v": [1, 1, 1, 3, 2, 1, 2, 3.0]})
    >>> p = Panel.from_long(df, value="v", time="time")
    >>> expected_growth(p, start=0, end=1).round(4).tolist()  # a: x doubles in b; b: in a
    [0.3466, 0.1733]

    References
    ----------
    Bartik, T. J. (1991). *Who Benefits from State and Local Economic Development Policies?*
    Kalamazoo: W.E. Upjohn Institute.

    Goldsmith-Pinkham, P., Sorkin, I., & Swift, H. (2020). Bartik instruments: what, when, why,
    and how. *American Economic Review*, 110(8), 2586-2624.
    """
    dt = _years(start, end, years)
    times = list(panel.times)
    x0 = panel.values[times.index(start)].astype(float)
    x1 = panel.values[times.index(end)].astype(float)
    if leave_one_out:
        r0, r1 = x0.sum(axis=0)[None, :] - x0, x1.sum(axis=0)[None, :] - x1
    else:
        r0 = np.broadcast_to(x0.sum(axis=0), x0.shape)
        r1 = np.broadcast_to(x1.sum(axis=0), x1.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "log":
            g = np.where((r0 > 0) & (r1 > 0), np.log(r1) - np.log(r0), np.nan) / dt
        elif method == "dhs":
            g = np.where(r0 + r1 > 0, (r1 - r0) / (0.5 * (r0 + r1)), np.nan) / dt
        else:
            raise ModelError(f"method must be 'log' or 'dhs'; got {method!r}.")
        tot = x0.sum(axis=1, keepdims=True)
        share = np.where(tot > 0, x0 / np.where(tot > 0, tot, 1.0), np.nan)
    undefined = int((np.isnan(g) & (x0 > 0)).sum())
    out = pd.Series(np.nansum(share * np.nan_to_num(g), axis=1), index=panel.regions,
                    name="expected_growth")
    out[tot[:, 0] <= 0] = np.nan
    out.attrs["undefined_industry_rates"] = undefined
    return out


def portfolio_density(panel: Panel, relatedness: pd.DataFrame | None = None) -> pd.DataFrame:
    r"""Relatedness density of a region's own industry mix: :math:`D_r = \sum_i s_{ri}\,
    \omega_{ri}`.

    :math:`\omega_{ri}` is :func:`smartregion.relatedness.relatedness_density` (called with
    ``relatedness`` as its matrix; ``None`` keeps the package default) and :math:`s_{ri}` the
    region's employment share in industry :math:`i`. High :math:`D_r`: the region's workers
    are in industries surrounded by other specialisations of the region (a coherent
    portfolio, Neffke, Henning & Boschma 2011; Hidalgo et al. 2018). Rows (time, region).
    """
    from ..relatedness import relatedness_density

    dens = relatedness_density(panel, relatedness)
    vals = panel.values.astype(float)                    # (T, R, I)
    tot = vals.sum(axis=2, keepdims=True)
    share = np.divide(vals, tot, out=np.full_like(vals, np.nan), where=tot > 0)
    if not panel.has_time:
        raise ModelError("portfolio_density needs a panel with a time dimension.")
    idx = pd.MultiIndex.from_product([panel.times, panel.regions], names=["time", "region"])
    d = dens.reindex(index=idx, columns=panel.industries).to_numpy(float).reshape(vals.shape)
    out = np.nansum(share * np.nan_to_num(d), axis=2)
    out[tot[:, :, 0] <= 0] = np.nan
    return pd.DataFrame({"density": out.ravel()}, index=idx)


def frenken_data(
    panel: Panel,
    *,
    periods: Sequence[tuple[Hashable, Hashable]] | None = None,
    step: int = 1,
    years: float | None = None,
    level: str | int | None = None,
    base: float = 2,
    outcome_panel: Panel | None = None,
    growth_method: Literal["log", "dhs", "cagr"] = "log",
    lagged_growth: bool = False,
    covariates: pd.DataFrame | None = None,
    density_relatedness: pd.DataFrame | None = None,
) -> pd.DataFrame:
    r"""Region-period table for a Frenken-type growth regression.

    For every period :math:`(t, t+k)` and region :math:`r`: the annualised growth of
    ``outcome_panel`` (default: the panel's own totals) between :math:`t` and :math:`t+k`
    (:func:`growth_table`), and at :math:`t` the entropy terms from
    :func:`smartregion.variety.related_unrelated_variety` (``total``, ``related``,
    ``unrelated``), ``log_size`` (log of the regional total), ``herfindahl`` and ``krugman``
    (from :mod:`smartregion.structure`), ``expected_growth`` (the leave-one-out industry-mix
    growth of :func:`expected_growth`, on the outcome panel, same growth method - log or
    DHS) and ``density`` (:func:`portfolio_density` on ``density_relatedness``, ``None``: the
    package's default relatedness). ``lagged_growth`` adds the growth of the previous
    period of the same length (missing for the first period). ``covariates`` (indexed by region
    or by (time, region)) are merged on.

    Returns
    -------
    DataFrame
        Columns ``region, period, start, end, years, growth, excluded, total, related,
        unrelated, log_size, herfindahl, krugman, expected_growth, density``
        [, ``lagged_growth``, covariates].
        Rows whose growth is undefined stay in the table with ``growth = NaN`` and the reason
        in ``excluded``; ``attrs["growth_undefined"]`` counts them by reason and period.
    """
    from .. import structure
    from ..variety import related_unrelated_variety

    if not panel.has_time:
        raise ModelError("frenken_data needs a panel with several periods.")
    pairs = period_pairs(panel.times, step=step, periods=periods)
    out_panel = outcome_panel if outcome_panel is not None else panel
    if not out_panel.regions.equals(panel.regions):
        raise ModelError("outcome_panel must have the same regions (in the same order).")
    var = related_unrelated_variety(panel, level=level, base=base)
    hhi = structure.herfindahl(panel)
    kru = structure.krugman_index(panel)
    size = panel.region_result(panel.values.sum(axis=2), "size")
    dens = portfolio_density(panel, density_relatedness)["density"]
    rows = []
    excluded: dict[str, int] = {}
    times = list(panel.times)
    for (t0, t1) in pairs:
        dt = _years(t0, t1, years)
        g = growth_table(out_panel, start=t0, end=t1, years=dt, method=growth_method, warn=False)
        for k, v in g.attrs["excluded"].items():
            excluded[f"{k} ({t0}-{t1})"] = v
        block = pd.DataFrame({"region": panel.regions, "period": f"{t0}-{t1}", "start": t0,
                              "end": t1, "years": dt, "growth": g["growth"].to_numpy(),
                              "excluded": g["excluded"].to_numpy()})
        v0 = var.xs(t0, level="time") if isinstance(var.index, pd.MultiIndex) else var
        v0 = v0.reindex(panel.regions)
        for c in ("total", "related", "unrelated"):
            block[c] = v0[c].to_numpy()
        s0 = size.xs(t0, level="time").reindex(panel.regions).to_numpy()
        with np.errstate(divide="ignore"):
            block["log_size"] = np.where(s0 > 0, np.log(np.where(s0 > 0, s0, 1)), np.nan)
        block["herfindahl"] = hhi.xs(t0, level="time").reindex(panel.regions).to_numpy()
        block["krugman"] = kru.xs(t0, level="time").reindex(panel.regions).to_numpy()
        eg = expected_growth(out_panel, start=t0, end=t1, years=dt,
                             method="dhs" if growth_method == "dhs" else "log")
        block["expected_growth"] = eg.reindex(panel.regions).to_numpy()
        block["density"] = dens.xs(t0, level="time").reindex(panel.regions).to_numpy()
        if lagged_growth:
            j = times.index(t0)
            kk = times.index(t1) - j
            if j - kk >= 0:
                tl = times[j - kk]
                gl = growth_table(out_panel, start=tl, end=t0, years=_years(tl, t0, years),
                                  method=growth_method, warn=False)
                block["lagged_growth"] = gl["growth"].to_numpy()
            else:
                block["lagged_growth"] = np.nan
        rows.append(block)
    out = pd.concat(rows, ignore_index=True)
    if covariates is not None:
        cov = covariates.reset_index()
        on = ["region", "start"] if "time" in cov.columns else ["region"]
        if "time" in cov.columns:
            cov = cov.rename(columns={"time": "start"})
        out = out.merge(cov, on=on, how="left", validate="many_to_one")
    out.attrs["growth_undefined"] = excluded
    return out


def frenken_growth(
    data: Panel | pd.DataFrame,
    *,
    outcome: str = "growth",
    related: str = "related",
    unrelated: str = "unrelated",
    controls: Sequence[str] = ("log_size", "herfindahl"),
    fe: str | Sequence[str] | None | Literal["auto"] = "auto",
    cluster: str | Sequence[str] | None = "region",
    cov_type: CovType | None = None,
    min_clusters: int = 10,
    small_sample: SmallSample = "nested",
    sample: str | None = None,
    source: str = "",
    standardise: bool = False,
    weights: str | None = None,
    **data_kwargs: Any,
) -> RegressionResult:
    r"""Regional growth on related and unrelated variety (Frenken, Van Oort & Verburg 2007).

    .. math::

        g_{r,t\to t+k} = \beta_1 RV_{rt} + \beta_2 UV_{rt} + \gamma^\top z_{rt}
                         + \mu_r + \tau_t + \varepsilon_{rt}

    :math:`g` is the annualised growth of employment (or value added, wages: pass another panel
    as ``outcome_panel``), :math:`RV, UV` the related and unrelated variety at the start of the
    period, :math:`z` controls measured at the start (log size, Herfindahl or Krugman
    specialisation, lagged growth ...). A single period gives the cross-section of the original
    paper (intercept, no fixed effects); several periods give a pooled panel with region and
    period fixed effects (``fe="auto"``). Standard errors are clustered by region by default;
    pass a higher unit (e.g. ``"prefecture"``, a column added through ``covariates``) or two
    columns for two-way clustering.

    Parameters
    ----------
    data : Panel or DataFrame
        A panel (the table is built by :func:`frenken_data` with ``data_kwargs``) or a table
        already built.
    outcome, related, unrelated : str
        Column names.
    controls : sequence of str, default ("log_size", "herfindahl")
    fe : "auto", str, sequence or None
        ``"auto"``: none for one period, ``("region", "period")`` for several.
    cluster : str, sequence of str or None, default "region"
    cov_type, min_clusters, small_sample
        See :func:`fe_ols`.
    sample : str, optional
        A :meth:`pandas.DataFrame.query` filter applied before estimation (recorded).
    source : str
        Data source, recorded in ``result.spec`` and in tables.
    standardise : bool, default False
        Fit on z-scored outcome and regressors (:func:`ladder_model`): coefficients in
        standard deviations of growth per standard deviation of the regressor, the scale of
        :func:`variety_ladder`.
    weights : str, optional
        Column of analytic weights (see :func:`fe_ols`).
    **data_kwargs
        Passed to :func:`frenken_data` (``periods``, ``step``, ``level``, ``base``,
        ``outcome_panel``, ``lagged_growth``, ``covariates`` ...).

    Returns
    -------
    RegressionResult

    References
    ----------
    Frenken, K., Van Oort, F., & Verburg, T. (2007). Related variety, unrelated variety and
    regional economic growth. *Regional Studies*, 41(5), 685-697.
    """
    filters: list[str] = []
    if isinstance(data, Panel):
        table = frenken_data(data, **data_kwargs)
        if not source:
            source = str(data.meta.get("source", ""))
    elif data_kwargs:
        raise ModelError(f"options {sorted(data_kwargs)} only apply when data is a Panel.")
    else:
        table = data
    # rows removed before this call (recorded by the caller in attrs["excluded"])
    pre_dropped = dict(table.attrs.get("excluded", {}))
    if sample:
        before = len(table)
        table = table.query(sample)
        filters.append(sample)
        pre_dropped[f"sample filter {sample!r}"] = before - len(table)
    if "excluded" in table.columns:
        # rows whose growth is undefined: counted once, under their reason and period
        why = table["excluded"].fillna("").astype(str)
        undefined = why != ""
        if undefined.any():
            per = (table["period"].astype(str) if "period" in table.columns
                   else pd.Series("", index=table.index))
            lab = "growth undefined: " + why[undefined] + " (" + per[undefined] + ")"
            for k, v in lab.value_counts(sort=False).items():
                pre_dropped[str(k)] = pre_dropped.get(str(k), 0) + int(v)
            table = table.loc[~undefined]
    n_periods = table["period"].nunique() if "period" in table.columns else 1
    if isinstance(fe, str) and fe == "auto":
        fe = ("region", "period") if n_periods > 1 else None
    spec = {"model": "frenken_growth", "source": source, "filters": filters,
            "periods": sorted(map(str, table["period"].unique())) if "period" in table else [],
            "controls": list(controls)}
    regs = [related, unrelated, *controls]
    if standardise:
        plain = table.copy()
        plain.attrs = {}  # rows removed before are counted in pre_dropped, not twice
        res = ladder_model(plain, outcome, regs, fe=fe, cluster=cluster,
                           min_clusters=min_clusters, weights=weights, spec=spec)
    else:
        res = fe_ols(table, outcome, regs, fe=fe, cluster=cluster, cov_type=cov_type,
                     min_clusters=min_clusters, small_sample=small_sample, weights=weights,
                     spec=spec)
    res.dropped = {**pre_dropped, **res.dropped}
    return res


# ---------------------------------------------------------------------------------- entry
def _long_cells(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """(time, region) x industry wide frame -> long time, region, industry, name."""
    s = df.stack()
    s.name = name
    out = s.reset_index()
    cols = list(out.columns)
    if len(cols) == 3:  # no time level
        out.columns = ["region", "industry", name]
    else:
        out.columns = ["time", "region", "industry", name]
    return out


def _industry_long(s: pd.Series | pd.DataFrame, name: str) -> pd.DataFrame:
    if isinstance(s, pd.DataFrame):
        if s.shape[1] != 1:
            raise ModelError(f"{name} must be a Series (or a one-column DataFrame).")
        s = s.iloc[:, 0]
    out = s.rename(name).reset_index()
    if out.shape[1] == 2:
        out.columns = ["industry", name]
    else:
        out.columns = ["time", "industry", name]
    return out


def _region_long(s: pd.Series | pd.DataFrame, name: str) -> pd.DataFrame:
    if isinstance(s, pd.DataFrame):
        if s.shape[1] != 1:
            raise ModelError(f"{name} must be a Series (or a one-column DataFrame).")
        s = s.iloc[:, 0]
    out = s.rename(name).reset_index()
    if out.shape[1] == 2:
        out.columns = ["region", name]
    else:
        out.columns = ["time", "region", name]
    return out


def _merge_at_start(base: pd.DataFrame, extra: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if "time" in extra.columns:
        extra = extra.rename(columns={"time": "start"})
        return base.merge(extra, on=["start", *keys], how="left", validate="many_to_one")
    return base.merge(extra, on=keys, how="left", validate="many_to_one")


def entry_pairs(
    panel: Panel,
    density: pd.DataFrame | None = None,
    complexity: pd.Series | None | Literal[False] = None,
    *,
    kind: Literal["entry", "exit"] = "entry",
    periods: Sequence[tuple[Hashable, Hashable]] | None = None,
    step: int = 1,
    threshold: float = 1.0,
    region_complexity: pd.Series | None = None,
) -> pd.DataFrame:
    r"""Region-industry-period table for entry (or exit) regressions.

    For each period :math:`(t, t+k)`, with :math:`M_{rit} = 1[LQ_{rit} \ge` ``threshold``:math:`]`,
    the sample is the cells with :math:`M_{rit} = 0` (``kind="entry"``; outcome
    :math:`\text{entry} = M_{ri,t+k}`) or :math:`M_{rit} = 1` (``kind="exit"``; outcome
    :math:`\text{exit} = 1 - M_{ri,t+k}`). Cells whose region or industry total is zero at
    :math:`t` or :math:`t+k` (LQ undefined) are left out and counted in
    ``attrs["excluded"]``.

    Parameters
    ----------
    panel : Panel
    density : DataFrame, optional
        Relatedness density, rows (time, region), columns industry; default
        :func:`smartregion.relatedness.relatedness_density` of ``panel``.
    complexity : Series, optional
        Industry complexity indexed by industry or (time, industry); default
        :func:`smartregion.complexity.pci` of ``panel``; ``False`` to leave it out.
    kind : {"entry", "exit"}
    periods, step
        See :func:`period_pairs`.
    threshold : float, default 1.0
    region_complexity : Series, optional
        Region complexity (e.g. ECI) by region or (time, region), added as ``region_complexity``.

    Returns
    -------
    DataFrame
        Columns ``region, industry, period, start, end, lq_start, M_start, M_end, <kind>,
        density`` [, ``complexity``, ``region_complexity``], plus ``region_period`` and
        ``industry_period`` identifiers for fixed effects. ``lq_start`` is the location
        quotient at :math:`t` (for the bands of :func:`lq_bands`).
    """
    from ..structure import binary_array, lq_array

    if not panel.has_time:
        raise ModelError("entry and exit need a panel with several periods.")
    if kind not in ("entry", "exit"):
        raise ModelError(f"kind must be 'entry' or 'exit'; got {kind!r}.")
    pairs = period_pairs(panel.times, step=step, periods=periods)
    if density is None:
        from ..relatedness import relatedness_density
        density = relatedness_density(panel)
    if complexity is None:
        from ..complexity import pci
        complexity = pci(panel)
    _, m = binary_array(panel, threshold=threshold)
    x = panel.values
    lq = lq_array(x)
    rtot, itot = x.sum(axis=2), x.sum(axis=1)
    dens_long = _long_cells(density, "density")
    blocks, excluded = [], {}
    R, I = len(panel.regions), len(panel.industries)
    reg = np.repeat(np.asarray(panel.regions, dtype=object), I)
    ind = np.tile(np.asarray(panel.industries, dtype=object), R)
    for (t0, t1) in pairs:
        a, b = panel._time_pos(t0), panel._time_pos(t1)
        ok = ((rtot[a] > 0)[:, None] & (itot[a] > 0)[None, :]
              & (rtot[b] > 0)[:, None] & (itot[b] > 0)[None, :]).ravel()
        m0, m1 = m[a].ravel(), m[b].ravel()
        at_risk = (m0 == 0) if kind == "entry" else (m0 == 1)
        n_undef = int((at_risk & ~ok).sum())
        if n_undef:
            excluded[f"zero region/industry total ({t0}-{t1})"] = n_undef
        keep = at_risk & ok
        blk = pd.DataFrame({"region": reg[keep], "industry": ind[keep], "period": f"{t0}-{t1}",
                            "start": t0, "end": t1, "lq_start": lq[a].ravel()[keep],
                            "M_start": m0[keep], "M_end": m1[keep]})
        blk[kind] = blk["M_end"] if kind == "entry" else 1.0 - blk["M_end"]
        blocks.append(blk)
    out = pd.concat(blocks, ignore_index=True)
    out = _merge_at_start(out, dens_long, ["region", "industry"])
    if complexity is not False and complexity is not None:
        out = _merge_at_start(out, _industry_long(complexity, "complexity"), ["industry"])
    if region_complexity is not None:
        out = _merge_at_start(out, _region_long(region_complexity, "region_complexity"),
                              ["region"])
    out["region_period"] = out["region"].astype(str) + "|" + out["period"]
    out["industry_period"] = out["industry"].astype(str) + "|" + out["period"]
    out.attrs["excluded"] = excluded
    out.attrs["kind"] = kind
    out.attrs["threshold"] = threshold
    return out


#: Entry bands: reference LQ = 0 (absent), then (0, 0.25), [0.25, 0.5), [0.5, 0.75), [0.75, 1).
ENTRY_LQ_EDGES = (0.0, 1e-12, 0.25, 0.5, 0.75, 1.0)
#: Exit bands: reference [1, 1.25), then [1.25, 1.5), [1.5, 2), [2, 4), [4, inf).
EXIT_LQ_EDGES = (1.0, 1.25, 1.5, 2.0, 4.0, float("inf"))


def lq_bands(lq: pd.Series, edges: Sequence[float], *, prefix: str = "lq") -> pd.DataFrame:
    r"""Dummies for location-quotient bands ``[e_k, e_{k+1})`` (the lowest band is the
    reference and gets no column).

    Entry models compare pairs at the same distance from specialisation: a cell with
    :math:`0 < LQ < 1` just below the threshold enters far more often than an absent one
    (:math:`LQ = 0`), and relatedness density is higher where the cell is already present, so
    without the initial LQ density partly measures nearness to the threshold (Neffke,
    Henning & Boschma 2011 control for it the same way). With ``edges = (0, 1e-12, 0.25,
    0.5, 0.75, 1)``: reference :math:`LQ = 0`, dummies for :math:`(0, 0.25)`,
    :math:`[0.25, 0.5)`, :math:`[0.5, 0.75)`, :math:`[0.75, 1)`. A value outside the edges
    raises.

    Examples
    --------
    >>> lq_bands(pd.Series([0.0, 0.1, 0.6, 0.9]), (0, 1e-12, 0.5, 1)).astype(int).values.tolist()
    [[0, 0], [1, 0], [0, 1], [0, 1]]
    """
    e = [float(v) for v in edges]
    if len(e) < 3 or any(b <= a for a, b in zip(e, e[1:])):
        raise ModelError(f"edges must be at least three increasing values; got {edges}.")
    v = lq.astype(float)
    outside = v.notna() & ((v < e[0]) | (v >= e[-1]))
    if outside.any():
        raise ModelError(f"{int(outside.sum())} LQ value(s) outside [{e[0]}, {e[-1]}): widen "
                         "the edges.")
    out = {}
    for lo, hi in zip(e[1:-1], e[2:]):
        lo_lab = "0" if lo < 1e-9 else f"{lo:g}"
        out[f"{prefix}_{lo_lab}_{hi:g}"] = ((v >= lo) & (v < hi)).astype(float)
    return pd.DataFrame(out, index=lq.index)


def _zscore(s: pd.Series) -> pd.Series:
    sd = s.std(ddof=0)
    if not np.isfinite(sd) or sd == 0:
        raise SingularDesignError(f"{s.name!r} does not vary in the estimation sample.")
    return (s - s.mean()) / sd


def _diversification_model(
    data: Panel | pd.DataFrame,
    kind: Literal["entry", "exit"],
    *,
    density: str,
    complexity: str | None,
    interaction: bool,
    controls: Sequence[str],
    fe: str | Sequence[str] | None,
    cluster: str | Sequence[str] | None,
    estimator: Literal["lpm", "logit"],
    standardise: bool,
    min_clusters: int,
    sample: str | None,
    source: str,
    pair_kwargs: dict[str, Any],
    lq_edges: Sequence[float] | None = None,
) -> RegressionResult:
    if isinstance(data, Panel):
        table = entry_pairs(data, kind=kind, **pair_kwargs)
        if not source:
            source = str(data.meta.get("source", ""))
    elif pair_kwargs:
        raise ModelError(f"options {sorted(pair_kwargs)} only apply when data is a Panel.")
    else:
        table = data
    if kind not in table.columns:
        raise ModelError(f"the table has no {kind!r} outcome column.")
    if "M_start" in table.columns:
        expected = 0 if kind == "entry" else 1
        wrong = int((table["M_start"] != expected).sum())
        if wrong:
            raise ModelError(f"{wrong} row(s) have M_start != {expected}; an {kind} model uses "
                             f"only pairs {'not ' if expected == 0 else ''}specialised at the "
                             "start.")
    dropped = dict(table.attrs.get("excluded", {}))
    filters = [f"M_start == {0 if kind == 'entry' else 1}"]
    if sample:
        before = len(table)
        table = table.query(sample)
        filters.append(sample)
        dropped[f"sample filter {sample!r}"] = before - len(table)
    table = table.copy()
    terms = [density]
    if complexity is not None:
        terms.append(complexity)
    need = [kind, *terms, *controls]
    miss = table[need].isna().any(axis=1)
    if miss.all():
        raise OutcomeError(f"every row misses one of {need}.")
    if standardise:
        for t in terms:
            z = _zscore(table.loc[~miss, t].astype(float))
            table[t] = z.reindex(table.index)
    if interaction and complexity is not None:
        name = f"{density}:{complexity}"
        table[name] = table[density] * table[complexity]
        terms.append(name)
    spec = {"model": f"{kind}_model", "source": source, "filters": filters,
            "standardised": list(terms[:2]) if standardise else [], "estimator": estimator,
            "periods": sorted(map(str, table["period"].unique())) if "period" in table else [],
            "threshold": table.attrs.get("threshold", None)}
    bands: list[str] = []
    if lq_edges is not None:
        if "lq_start" not in table.columns:
            raise ModelError("lq_edges needs the start-year LQ column 'lq_start' "
                             "(entry_pairs adds it).")
        dummies = lq_bands(table["lq_start"], lq_edges)
        bands = list(dummies.columns)
        table[bands] = dummies
        spec["lq_bands"] = bands
    regs = [*terms, *controls, *bands]
    if estimator == "lpm":
        fe_t = _as_tuple(fe)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ModelWarning)
            res = fe_ols(table, kind, regs, fe=fe_t, cluster=cluster, min_clusters=min_clusters,
                         absorbed="drop", spec=spec)
        for w in caught:
            warnings.warn(w.message, w.category, stacklevel=3)
    elif estimator == "logit":
        res = fe_logit(table, kind, regs, fe=fe, cluster=cluster, min_clusters=min_clusters,
                       spec=spec)
    else:
        raise ModelError(f"estimator must be 'lpm' or 'logit'; got {estimator!r}.")
    res.dropped = {**dropped, **res.dropped}
    return res


def entry_model(
    data: Panel | pd.DataFrame,
    *,
    density: str = "density",
    complexity: str | None = "complexity",
    interaction: bool = True,
    controls: Sequence[str] = (),
    fe: str | Sequence[str] | None = ("region_period", "industry_period"),
    cluster: str | Sequence[str] | None = "region",
    estimator: Literal["lpm", "logit"] = "lpm",
    standardise: bool = True,
    min_clusters: int = 10,
    sample: str | None = None,
    source: str = "",
    lq_edges: Sequence[float] | None = None,
    **pair_kwargs: Any,
) -> RegressionResult:
    r"""Entry of new specialisations on relatedness density and complexity.

    For region-industry pairs not specialised at :math:`t` (:math:`M_{rit} = 0`):

    .. math::

        \text{Entry}_{ri,t+k} = \beta_1 RD_{rit} + \beta_2 C_{it} + \beta_3 RD_{rit} C_{it}
            + \gamma^\top z_{rit} + \mu_{rt} + \lambda_{it} + \varepsilon_{rit},

    with :math:`\text{Entry} = M_{ri,t+k}`, relatedness density :math:`RD` and industry
    complexity :math:`C` (both z-scored on the estimation sample when ``standardise``, so the
    coefficients are per standard deviation), region-period :math:`\mu_{rt}` and
    industry-period :math:`\lambda_{it}` fixed effects (Neffke, Henning & Boschma 2011; Balland
    et al. 2019). The default estimator is a linear probability model with both fixed effects
    absorbed by alternating projections (:func:`fe_ols`); with industry-period effects the
    main effect of an industry-level complexity is absorbed, dropped with a warning and listed
    in ``result.absorbed`` (only the interaction is identified). Use ``fe=("region_period",
    "industry")`` to keep it. ``estimator="logit"`` fits :func:`fe_logit` with explicit dummies
    (only for a moderate number of groups).

    Parameters
    ----------
    data : Panel or DataFrame
        A panel (pairs built by :func:`entry_pairs` with ``pair_kwargs``: ``density=``,
        ``complexity=``, ``periods=``, ``step=``, ``threshold=``) or a table already built.
    density, complexity : str
        Column names; ``complexity=None`` fits density only.
    interaction : bool, default True
    controls : sequence of str
    fe : str or sequence, default ("region_period", "industry_period")
    cluster : str or sequence, default "region"
    estimator : {"lpm", "logit"}, default "lpm"
    standardise : bool, default True
    min_clusters : int, default 10
    sample : str, optional
        :meth:`pandas.DataFrame.query` filter (recorded).
    source : str
        Data source for the record.
    lq_edges : sequence of float, optional
        Band edges of the start-year location quotient (:func:`lq_bands`), added as dummy
        controls so pairs are compared at the same distance from specialisation; e.g.
        :data:`ENTRY_LQ_EDGES` (reference: absent, :math:`LQ = 0`). Default: no bands.

    Returns
    -------
    RegressionResult

    References
    ----------
    Neffke, F., Henning, M., & Boschma, R. (2011). *Economic Geography*, 87(3), 237-265.

    Balland, P.-A., Boschma, R., Crespo, J., & Rigby, D. L. (2019). *Regional Studies*, 53(9),
    1252-1268.
    """
    return _diversification_model(
        data, "entry", density=density, complexity=complexity, interaction=interaction,
        controls=controls, fe=fe, cluster=cluster, estimator=estimator, standardise=standardise,
        min_clusters=min_clusters, sample=sample, source=source, pair_kwargs=pair_kwargs,
        lq_edges=lq_edges)


def exit_model(
    data: Panel | pd.DataFrame,
    *,
    density: str = "density",
    complexity: str | None = "complexity",
    interaction: bool = True,
    controls: Sequence[str] = (),
    fe: str | Sequence[str] | None = ("region_period", "industry_period"),
    cluster: str | Sequence[str] | None = "region",
    estimator: Literal["lpm", "logit"] = "lpm",
    standardise: bool = True,
    min_clusters: int = 10,
    sample: str | None = None,
    source: str = "",
    lq_edges: Sequence[float] | None = None,
    **pair_kwargs: Any,
) -> RegressionResult:
    r"""Exit of existing specialisations; the mirror image of :func:`entry_model`.

    For pairs specialised at :math:`t` (:math:`M_{rit} = 1`):

    .. math::

        \text{Exit}_{ri,t+k} = 1 - M_{ri,t+k} = \beta_1 RD_{rit} + \beta_2 C_{it}
            + \beta_3 RD_{rit} C_{it} + \gamma^\top z_{rit} + \mu_{rt} + \lambda_{it}
            + \varepsilon_{rit}.

    Neffke, Henning & Boschma (2011) find that industries weakly related to the rest of the
    region are more likely to exit (:math:`\beta_1 < 0`). Parameters as in :func:`entry_model`;
    for exit the LQ bands are above the threshold, e.g. :data:`EXIT_LQ_EDGES` (reference
    :math:`1 \le LQ < 1.25`, the specialisations most at risk).

    References
    ----------
    Neffke, F., Henning, M., & Boschma, R. (2011). *Economic Geography*, 87(3), 237-265.
    """
    return _diversification_model(
        data, "exit", density=density, complexity=complexity, interaction=interaction,
        controls=controls, fe=fe, cluster=cluster, estimator=estimator, standardise=standardise,
        min_clusters=min_clusters, sample=sample, source=source, pair_kwargs=pair_kwargs,
        lq_edges=lq_edges)


# ---------------------------------------------------------------------------------- industry growth
def industry_growth_data(
    panel: Panel,
    density: pd.DataFrame | None = None,
    complexity: pd.Series | None = None,
    region_complexity: pd.Series | None = None,
    *,
    periods: Sequence[tuple[Hashable, Hashable]] | None = None,
    step: int = 1,
    years: float | None = None,
    growth_method: Literal["log", "dhs", "cagr"] = "log",
) -> pd.DataFrame:
    r"""Region-industry-period table for local industry growth regressions.

    Columns: ``growth`` (annualised growth of the cell between :math:`t` and :math:`t+k`,
    :func:`growth_table` with ``level="cell"``), ``log_share`` (:math:`\ln(x_{rit}/X_{rt})`, the
    lagged local share), ``density`` (relatedness density at :math:`t`), ``complexity``
    (activity complexity, default :func:`smartregion.complexity.pci`) and
    ``region_complexity`` (city complexity, default :func:`smartregion.complexity.eci`).
    Cells with zero employment at :math:`t` are not at risk of growing and are left out;
    cells whose growth is undefined (e.g. zero at :math:`t+k` with log growth) are counted in
    ``attrs["excluded"]`` and left out.
    """
    if not panel.has_time:
        raise ModelError("industry growth needs a panel with several periods.")
    pairs = period_pairs(panel.times, step=step, periods=periods)
    if density is None:
        from ..relatedness import relatedness_density
        density = relatedness_density(panel)
    if complexity is None:
        from ..complexity import pci
        complexity = pci(panel)
    if region_complexity is None:
        from ..complexity import eci
        region_complexity = eci(panel)
    excluded: dict[str, int] = {}
    blocks = []
    for (t0, t1) in pairs:
        dt = _years(t0, t1, years)
        g = growth_table(panel, start=t0, end=t1, years=dt, level="cell", method=growth_method,
                         warn=False)
        x0 = g["value_start"].to_numpy()
        rt = panel.values[panel._time_pos(t0)].sum(axis=1)
        share = x0 / np.repeat(rt, len(panel.industries)).clip(min=1e-300)
        blk = g.reset_index()
        blk["log_share"] = np.where(x0 > 0, np.log(np.where(x0 > 0, share, 1)), np.nan)
        at_risk = x0 > 0
        n_zero = int((~at_risk).sum())
        if n_zero:
            excluded[f"zero at start ({t0}-{t1})"] = n_zero
        undefined = at_risk & blk["growth"].isna().to_numpy()
        if undefined.any():
            excluded[f"growth undefined ({t0}-{t1})"] = int(undefined.sum())
        blk = blk.loc[at_risk & ~undefined].copy()
        blk["period"], blk["start"], blk["end"], blk["years"] = f"{t0}-{t1}", t0, t1, dt
        blocks.append(blk.drop(columns=["excluded"]))
    out = pd.concat(blocks, ignore_index=True)
    out = _merge_at_start(out, _long_cells(density, "density"), ["region", "industry"])
    out = _merge_at_start(out, _industry_long(complexity, "complexity"), ["industry"])
    out = _merge_at_start(out, _region_long(region_complexity, "region_complexity"), ["region"])
    out["region_period"] = out["region"].astype(str) + "|" + out["period"]
    out["industry_period"] = out["industry"].astype(str) + "|" + out["period"]
    out.attrs["excluded"] = excluded
    return out


def industry_growth_model(
    data: Panel | pd.DataFrame,
    *,
    outcome: str = "growth",
    terms: Sequence[str] = ("log_share", "density", "complexity", "region_complexity"),
    interactions: Sequence[tuple[str, str]] = (("density", "complexity"),
                                               ("complexity", "region_complexity")),
    controls: Sequence[str] = (),
    fe: str | Sequence[str] | None = "period",
    cluster: str | Sequence[str] | None = "region",
    standardise: Sequence[str] = ("density", "complexity", "region_complexity"),
    min_clusters: int = 10,
    absorbed: Literal["raise", "drop"] = "drop",
    sample: str | None = None,
    source: str = "",
    **data_kwargs: Any,
) -> RegressionResult:
    r"""Local industry employment growth on relatedness and complexity (Davies & Maré 2021).

    .. math::

        g_{ri,t\to t+k} = \beta_0 \ln s_{rit} + \beta_1 RD_{rit} + \beta_2 C_{it}
            + \beta_3 C_{rt} + \beta_4 RD_{rit} C_{it} + \beta_5 C_{it} C_{rt}
            + \gamma^\top z + \text{FE} + \varepsilon_{rit}

    with :math:`s_{rit}` the industry's share of local employment, :math:`RD` relatedness
    density, :math:`C_{it}` activity complexity and :math:`C_{rt}` city complexity (z-scored on
    the estimation sample; the coefficient of a z-scored regressor on annualised log growth is
    the change in the growth rate per standard deviation). Default fixed effects: period; add
    ``"region"`` and/or ``"industry"`` for within estimates. Regressors absorbed by the chosen
    fixed effects (e.g. activity complexity under industry-period effects) are dropped and
    listed in ``result.absorbed`` (``absorbed="drop"``).

    Parameters
    ----------
    data : Panel or DataFrame
        A panel (table built by :func:`industry_growth_data` with ``data_kwargs``) or a table.
    outcome : str, default "growth"
    terms : sequence of str
    interactions : sequence of (str, str)
        Products of (standardised) terms, added as ``a:b``.
    controls, fe, cluster, min_clusters, absorbed, sample, source
        As in :func:`frenken_growth` and :func:`fe_ols`.
    standardise : sequence of str
        Terms to z-score before forming interactions.

    Returns
    -------
    RegressionResult

    References
    ----------
    Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. *Regional
    Studies*, 55(3), 479-494.
    """
    if isinstance(data, Panel):
        table = industry_growth_data(data, **data_kwargs)
        if not source:
            source = str(data.meta.get("source", ""))
    elif data_kwargs:
        raise ModelError(f"options {sorted(data_kwargs)} only apply when data is a Panel.")
    else:
        table = data
    dropped = dict(table.attrs.get("excluded", {}))
    filters: list[str] = []
    if sample:
        before = len(table)
        table = table.query(sample)
        filters.append(sample)
        dropped[f"sample filter {sample!r}"] = before - len(table)
    table = table.copy()
    need = [outcome, *terms, *controls]
    miss = table[need].isna().any(axis=1)
    if miss.all():
        raise OutcomeError(f"every row misses one of {need}.")
    for t in standardise:
        if t in terms:
            table[t] = _zscore(table.loc[~miss, t].astype(float)).reindex(table.index)
    regs = list(terms)
    for a, b in interactions:
        if a in terms and b in terms:
            name = f"{a}:{b}"
            table[name] = table[a] * table[b]
            regs.append(name)
    regs += list(controls)
    spec = {"model": "industry_growth_model", "source": source, "filters": filters,
            "standardised": [t for t in standardise if t in terms],
            "periods": sorted(map(str, table["period"].unique())) if "period" in table else []}
    res = fe_ols(table, outcome, regs, fe=fe, cluster=cluster, min_clusters=min_clusters,
                 absorbed=absorbed, spec=spec)
    res.dropped = {**dropped, **res.dropped}
    return res


# ---------------------------------------------------------------------------------- MAUP
@dataclass
class SensitivityResult:
    """Index values at several spatial units and their rank agreement.

    Attributes
    ----------
    values : dict of str -> Series or DataFrame
        The index at each unit (``base`` is the panel's own regions).
    comparison : DataFrame
        One row per (fine unit, coarse unit, time, index column): ``n`` fine regions compared,
        Spearman and Pearson correlations between each fine region's value and the value of the
        coarse region containing it.
    membership : dict of str -> Series
        Base region -> unit label, for every unit.
    """

    values: dict[str, pd.Series | pd.DataFrame]
    comparison: pd.DataFrame
    membership: dict[str, pd.Series]


def _as_frame(v: pd.Series | pd.DataFrame) -> pd.DataFrame:
    if isinstance(v, pd.Series):
        return v.to_frame(v.name if v.name is not None else "value")
    if isinstance(v, pd.DataFrame):
        return v
    raise ModelError(f"index_fn must return a Series or DataFrame; got {type(v)!r}.")


def spatial_unit_sensitivity(
    panel: Panel,
    mappings: Mapping[str, Mapping[Hashable, Hashable] | pd.Series],
    index_fn: Callable[[Panel], pd.Series | pd.DataFrame],
    *,
    base_name: str = "base",
    min_regions: int = 3,
    exclude_singletons: bool = True,
) -> SensitivityResult:
    r"""Recompute a regional index at nested spatial units and compare ranks (MAUP check).

    Each mapping sends every region of ``panel`` to a larger unit (ward -> city, municipality
    -> prefecture); the panel is aggregated with :meth:`Panel.aggregate_regions` and
    ``index_fn`` is recomputed. For every pair of units where one is nested in the other
    (each fine unit lies inside one coarse unit), each fine region's value is compared with the
    value of its coarse region:

    .. math::

        \rho_S = \operatorname{corr}\big(\operatorname{rank} v^{\text{fine}}_f,\,
                 \operatorname{rank} v^{\text{coarse}}_{c(f)}\big),

    per period and per index column. A low :math:`\rho_S` means the index describes the fine
    regions differently from the unit that contains them, i.e. conclusions depend on the
    unit (Openshaw 1984).

    Parameters
    ----------
    panel : Panel
    mappings : dict of name -> mapping
        Base region -> unit label, one per coarser unit.
    index_fn : callable
        ``index_fn(panel)`` -> Series or DataFrame indexed by region or (time, region).
    base_name : str, default "base"
    min_regions : int, default 3
        Comparisons with fewer fine regions (or coarse units) give NaN correlations.
    exclude_singletons : bool, default True
        Leave out fine regions that are the only member of their coarse unit (e.g. an ordinary
        municipality that is its own "city" when wards are merged into cities): their two
        values are the same by construction and would inflate the correlation. The number
        left out is reported in ``n_singletons``.

    Returns
    -------
    SensitivityResult

    References
    ----------
    Openshaw, S. (1984). *The Modifiable Areal Unit Problem*. CATMOG 38. Norwich: Geo Books.
    """
    if base_name in mappings:
        raise ModelError(f"{base_name!r} is reserved for the panel's own regions.")
    membership: dict[str, pd.Series] = {
        base_name: pd.Series(list(panel.regions), index=panel.regions)}
    values: dict[str, pd.DataFrame] = {base_name: _as_frame(index_fn(panel))}
    raw: dict[str, pd.Series | pd.DataFrame] = {base_name: values[base_name]}
    for name, mp in mappings.items():
        m = pd.Series(dict(mp) if not isinstance(mp, pd.Series) else mp)
        agg = panel.aggregate_regions(m)
        membership[name] = m.reindex(panel.regions)
        v = index_fn(agg)
        raw[name] = v
        values[name] = _as_frame(v)
    rows = []
    names = list(membership)
    for fine in names:
        for coarse in names:
            if fine == coarse:
                continue
            mf, mc = membership[fine], membership[coarse]
            link = pd.DataFrame({"f": mf.to_numpy(), "c": mc.to_numpy()}).drop_duplicates()
            if link["f"].duplicated().any() or link["c"].nunique() >= link["f"].nunique():
                continue  # not nested, or not coarser
            parent = link.set_index("f")["c"]
            n_single = 0
            if exclude_singletons:
                single = parent.map(parent.value_counts()) == 1
                n_single = int(single.sum())
                parent = parent[~single]
            vf, vc = values[fine], values[coarse]
            timed = isinstance(vf.index, pd.MultiIndex)
            times = vf.index.get_level_values(0).unique() if timed else [None]
            for t in times:
                a = vf.xs(t, level=0) if timed else vf
                b = vc.xs(t, level=0) if timed else vc
                for col in a.columns:
                    if col not in b.columns:
                        continue
                    fa = a[col].reindex(parent.index)
                    fb = b[col].reindex(parent.to_numpy())
                    ok = fa.notna().to_numpy() & fb.notna().to_numpy()
                    nf = int(ok.sum())
                    nc = int(pd.Series(parent.to_numpy()[ok]).nunique())
                    if nf >= min_regions and nc >= min_regions:
                        rho = stats.spearmanr(fa.to_numpy()[ok], fb.to_numpy()[ok]).statistic
                        r = np.corrcoef(fa.to_numpy()[ok], fb.to_numpy()[ok])[0, 1]
                    else:
                        rho = r = np.nan
                    rows.append({"fine": fine, "coarse": coarse, "time": t, "index": col,
                                 "n_fine": nf, "n_coarse": nc, "n_singletons": n_single,
                                 "spearman": float(rho), "pearson": float(r)})
    comp = pd.DataFrame(rows, columns=["fine", "coarse", "time", "index", "n_fine", "n_coarse",
                                       "n_singletons", "spearman", "pearson"])
    return SensitivityResult(values=raw, comparison=comp, membership=membership)


def coefficient_sensitivity(
    panel: Panel,
    mappings: Mapping[str, Mapping[Hashable, Hashable] | pd.Series],
    model_fn: Callable[[Panel], RegressionResult],
    *,
    base_name: str = "base",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Fit the same model at several spatial units and collect the coefficients (MAUP).

    ``model_fn(panel)`` must return a :class:`RegressionResult` (e.g. a ``lambda`` around
    :func:`frenken_growth`). A unit whose model cannot be estimated (too few clusters, singular
    design ...) is reported with its error message instead of coefficients.

    Returns
    -------
    DataFrame
        Columns ``unit, n_regions, term, coef, se, p, ci_low, ci_high, nobs, error``.
    """
    rows = []
    units: dict[str, Panel] = {base_name: panel}
    for name, mp in mappings.items():
        m = pd.Series(dict(mp) if not isinstance(mp, pd.Series) else mp)
        units[name] = panel.aggregate_regions(m)
    for name, p in units.items():
        try:
            res = model_fn(p)
        except (ModelError, PanelError) as exc:
            rows.append({"unit": name, "n_regions": len(p.regions), "term": None,
                         "coef": np.nan, "se": np.nan, "p": np.nan, "ci_low": np.nan,
                         "ci_high": np.nan, "nobs": 0, "error": str(exc)})
            continue
        sf = res.summary_frame(alpha)
        for term, r in sf.iterrows():
            rows.append({"unit": name, "n_regions": len(p.regions), "term": term,
                         "coef": r["coef"], "se": r["se"], "p": r["p"], "ci_low": r["ci_low"],
                         "ci_high": r["ci_high"], "nobs": res.nobs, "error": ""})
    return pd.DataFrame(rows)




# ---------------------------------------------------------------------------------- ladder
def variety_resolution(panel: Panel, level: str | None = None) -> dict[str, Any]:
    r"""How finely related and unrelated variety can be measured on a panel.

    With :math:`I` industries in :math:`G` upper-level groups, unrelated variety (entropy
    between groups) is at most :math:`\log_2 G` bits and related variety (share-weighted
    entropy within groups) at most :math:`\log_2 \max_g n_g` bits, with :math:`n_g` the number
    of industries in group :math:`g`. A coarse split (few groups) caps unrelated variety and
    leaves most of the entropy to related variety, so coefficients from panels of different
    resolution are not comparable in size (Frenken, Van Oort & Verburg 2007 used 5-digit
    industries within 2-digit groups).

    Returns
    -------
    dict
        ``industries``, ``groups``, ``level``, ``max_uv_bits`` (:math:`\log_2 G`),
        ``max_rv_bits`` (:math:`\log_2 \max_g n_g`) and ``label`` (one line for tables).

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"g": ["a", "a", "a", "b"]}, index=["i1", "i2", "i3", "i4"])
    >>> df = pd.DataFrame({"region": ["r"] * 4, "industry": h.index, "v": [1.0] * 4})
    >>> res = variety_resolution(Panel.from_long(df, value="v", hierarchy=h), "g")
    >>> res["industries"], res["groups"], res["max_uv_bits"], round(res["max_rv_bits"], 3)
    (4, 2, 1.0, 1.585)
    """
    hier = panel.hierarchy
    if hier is None or hier.shape[1] == 0:
        raise ModelError("the panel has no industry hierarchy; variety needs an upper level.")
    col = level if level is not None else hier.columns[0]
    if col not in hier.columns:
        raise ModelError(f"level {col!r} is not a hierarchy column ({list(hier.columns)}).")
    groups = hier.loc[panel.industries, col]
    n_i, n_g = len(panel.industries), int(groups.nunique())
    largest = int(groups.value_counts().max())
    max_uv = float(np.log2(n_g)) if n_g > 0 else float("nan")
    max_rv = float(np.log2(largest))
    return {"industries": n_i, "groups": n_g, "level": str(col), "max_uv_bits": max_uv,
            "max_rv_bits": max_rv,
            "label": f"{n_i} industries in {n_g} groups ({col}); UV <= {max_uv:.2f} bits"}


def _zscore_columns(df: pd.DataFrame, cols: Sequence[str]) -> pd.DataFrame:
    out = df.copy()
    for c in cols:
        x = out[c].astype(float)
        sd = x.std(ddof=0)
        if not np.isfinite(sd) or sd == 0:
            raise SingularDesignError(f"{c!r} does not vary in the estimation sample.")
        out[c] = (x - x.mean()) / sd
    return out


def ladder_model(
    table: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str],
    *,
    fe: str | Sequence[str] | None = None,
    cluster: str | Sequence[str] | None = None,
    standardise: bool = True,
    outcome_label: str = "",
    units: str = "",
    min_clusters: int = 10,
    weights: str | None = None,
    spec: Mapping[str, Any] | None = None,
) -> RegressionResult:
    r"""One rung of a model ladder, fitted with every variable in standard-deviation units.

    The estimation sample is fixed first (rows with the outcome, every regressor and the
    fixed-effect and cluster keys present; the rows left out are counted in
    ``result.dropped``); then, with ``standardise``, the outcome and every regressor are
    z-scored on that sample, so a coefficient is the change in the outcome, in standard
    deviations, for a one-standard-deviation higher regressor (a fully standardised
    :math:`\beta`):

    .. math::

        \beta^{std}_k = \beta_k \, \frac{\operatorname{sd}(x_k)}{\operatorname{sd}(y)}.

    Rows of different panels then share one scale whatever the outcome's units. The
    original outcome label and units are kept in ``result.spec`` (``outcome_label``,
    ``units``, ``sd_outcome``, ``sd_regressors``) so a coefficient can be read back in units.
    ``weights`` (a column) gives analytic weights to :func:`fe_ols`; the standardisation
    stays unweighted, so the scale is the same with and without weights.
    """
    regs = list(regressors)
    keys = list(dict.fromkeys([*_as_tuple(fe), *_as_tuple(cluster),
                               *([weights] if weights else [])]))
    need = [outcome, *regs, *keys]
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise ModelError(f"column(s) {missing} not in the table.")
    num = table[[outcome, *regs]].apply(pd.to_numeric, errors="coerce")
    bad = ~np.isfinite(num.to_numpy(dtype=float))
    bad_k = table[keys].isna().to_numpy() if keys else np.zeros((len(table), 0), bool)
    allbad = np.concatenate([bad, bad_k], axis=1)
    rows_bad = allbad.any(axis=1)
    dropped: dict[str, int] = dict(table.attrs.get("excluded", {}))
    if rows_bad.any():
        first = np.argmax(allbad, axis=1)
        for j, c in enumerate([outcome, *regs, *keys]):
            n = int((rows_bad & (first == j)).sum())
            if n:
                dropped[f"missing {c}"] = n
    est = table.loc[~rows_bad].copy()
    sds = {c: float(est[c].astype(float).std(ddof=0)) for c in [outcome, *regs]}
    if standardise:
        est = _zscore_columns(est, [outcome, *regs])
    record = dict(spec or {})
    record.update({"outcome_label": outcome_label or outcome, "units": units,
                   "standardised": bool(standardise), "sd_outcome": sds[outcome],
                   "sd_regressors": {c: sds[c] for c in regs}})
    res = fe_ols(est, outcome, regs, fe=fe, cluster=cluster, min_clusters=min_clusters,
                 absorbed="drop", weights=weights, spec=record)
    res.dropped = {**dropped, **res.dropped}
    return res


def variety_ladder(
    table: pd.DataFrame,
    *,
    outcome: str = "growth",
    size: Sequence[str] = ("log_size",),
    controls: Sequence[str] = ("expected_growth", "density"),
    network: Sequence[str] = (),
    robustness: Sequence[str] = ("herfindahl",),
    region_fe: str = "region",
    period_fe: str | None = None,
    cluster: str | None = "region",
    weights: str | None = None,
    standardise: bool = True,
    outcome_label: str = "",
    units: str = "",
    min_clusters: int = 10,
    spec: Mapping[str, Any] | None = None,
) -> dict[str, RegressionResult]:
    r"""The same model ladder for every panel.

    .. math::

        (1)\; y_r = \beta_1 RV_r + \beta_2 UV_r + \delta \ln S_r + \tau_t + \varepsilon,
        \qquad (2)\; \ldots + \gamma_1 \hat g_r + \gamma_2 D_r, \qquad
        (3)\; \ldots + \mu_{g(r)}, \qquad (4)\; \ldots + \theta^\top N_r,

    (1) related and unrelated variety with log size :math:`\ln S_r` (``size``); (2) adds the
    expected growth from the national industry mix :math:`\hat g_r` (leave-one-out Bartik
    term, :func:`expected_growth`) and the initial relatedness density of the region's
    portfolio :math:`D_r` (:func:`portfolio_density`) - ``controls``; (3) adds region fixed
    effects :math:`\mu_{g(r)}` (``region_fe``: the region itself in a panel, a larger unit
    such as the prefecture in a cross-section); (4) adds the network measures ``network``
    (e.g. coherence, footprint density and centrality from
    :func:`smartregion.relatedness.regional_network_measures`) to (3). Period fixed effects
    :math:`\tau_t` enter every rung when ``period_fe`` is given. Each term of
    ``robustness`` (default the Herfindahl index, which correlates strongly with entropy and
    so competes with RV and UV by construction) is added to (2) in a separate robustness
    model ``"(2) + <term>"``, outside the main ladder. Every model is fitted by
    :func:`ladder_model` (standardised coefficients unless ``standardise=False``), clustered by
    ``cluster``, with analytic ``weights`` if given.

    Returns
    -------
    dict
        ``{"(1)", "(2)", "(3)"[, "(4)"], "(2) + herfindahl" ...}``; each result's
        ``spec["rung"]`` says what the rung adds and ``spec["robustness"]`` whether it is a
        robustness model.

    References
    ----------
    Frenken, K., Van Oort, F., & Verburg, T. (2007). *Regional Studies*, 41(5), 685-697.

    Bartik, T. J. (1991). *Who Benefits from State and Local Economic Development Policies?*
    Kalamazoo: W.E. Upjohn Institute.
    """
    base = ["related", "unrelated", *size]
    fe_base = (period_fe,) if period_fe else ()
    common = dict(cluster=cluster, standardise=standardise, outcome_label=outcome_label,
                  units=units, min_clusters=min_clusters, weights=weights)
    two = [*base, *controls]
    rungs: list[tuple[str, list[str], tuple[str, ...], str, bool]] = [
        ("(1)", base, fe_base, "RV, UV and size" + (" + period FE" if period_fe else ""),
         False),
        ("(2)", two, fe_base, "+ industry mix and density (" + ", ".join(controls) + ")",
         False),
        ("(3)", two, (*fe_base, region_fe), f"+ {region_fe} fixed effects", False),
    ]
    if network:
        rungs.append(("(4)", [*two, *network], (*fe_base, region_fe),
                      "(3) + network structure (" + ", ".join(network) + ")", False))
    for term in robustness:
        rungs.append((f"(2) + {term}", [*two, term], fe_base,
                      f"robustness: (2) + {term}", True))
    out: dict[str, RegressionResult] = {}
    for name, regs, fe, what, robust in rungs:
        s = {**dict(spec or {}), "model": "variety_ladder", "rung": what, "robustness": robust}
        out[name] = ladder_model(table, outcome, regs, fe=fe or None, spec=s, **common)
    return out


def nickell_bias(rho: float, periods: int) -> float:
    r"""Approximate large-N bias of the within (fixed-effects) estimate of a lagged outcome.

    For :math:`y_{rt} = \rho\, y_{r,t-1} + \mu_r + \varepsilon_{rt}` estimated with region fixed
    effects on :math:`T` periods, Nickell (1981) shows the within estimator is inconsistent
    for fixed :math:`T`; to first order in :math:`1/T`

    .. math::

        \operatorname{plim}_{N\to\infty} (\hat\rho - \rho) \approx -\frac{1 + \rho}{T - 1},

    which is large in short panels (-0.25 or more at :math:`T = 5`). It is a guide to the size
    of the bias, not a correction.

    References
    ----------
    Nickell, S. (1981). Biases in dynamic models with fixed effects. *Econometrica*, 49(6),
    1417-1426.

    Examples
    --------
    >>> round(nickell_bias(0.5, 6), 3)
    -0.3
    """
    if periods < 2:
        raise ModelError(f"the bias needs at least 2 periods; got {periods}.")
    return float(-(1.0 + rho) / (periods - 1))
