r"""Back from the regressions to the cases: where does a place sit in the residual distribution?

A growth regression says what growth a place's structure predicts; its residual
:math:`\hat\varepsilon_r = y_r - \hat y_r` is the growth the model does not explain. Placing
a case study region in the distribution of residuals of its comparison group shows whether it
grew faster or slower than places with the same structure - the comparison a case study
needs before calling a region's number a finding.

* :func:`model_residuals` - residuals of a fitted :class:`~smartregion.models.RegressionResult`,
  aligned with the rows of the estimation table.
* :func:`residual_placement` - residual and percentile of named units, and of groups of
  units (a city as the weighted mean of its wards, a prefecture as that of its municipalities)
  among the same aggregates of every other group.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .estimators import ModelError, RegressionResult

__all__ = ["model_residuals", "percentile_rank", "residual_placement"]


def model_residuals(result: RegressionResult) -> pd.Series:
    """Residuals of a linear model, indexed by the row labels of its estimation table.

    Units are those of the fitted outcome (standard deviations when the model was fitted on
    z-scored variables by :func:`~smartregion.models.ladder_model`).
    """
    if result.estimator != "ols" or result.fit is None or result.design is None:
        raise ModelError("residuals need a linear model fitted by fe_ols (method='demean').")
    res = np.asarray(result.fit.resid(), float).ravel()
    rows = result.design["rows"]
    if len(rows) != len(res):
        raise ModelError(f"{len(res)} residuals for {len(rows)} rows.")
    return pd.Series(res, index=rows, name="residual")


def percentile_rank(values: pd.Series, x: float) -> float:
    r"""Share of ``values`` at or below ``x``, in percent (:math:`100\,\#\{v \le x\}/n`).

    Examples
    --------
    >>> percentile_rank(pd.Series([1.0, 2.0, 3.0, 4.0]), 3.0)
    75.0
    """
    v = values.dropna().to_numpy(float)
    if v.size == 0:
        raise ModelError("no values to rank against.")
    return float(100.0 * np.mean(v <= x))


def residual_placement(
    result: RegressionResult,
    table: pd.DataFrame,
    *,
    units: Mapping[str, object] | None = None,
    groups: Mapping[str, tuple[str, object]] | None = None,
    weight: str | None = None,
    label: str = "region",
) -> pd.DataFrame:
    r"""Residuals and percentiles of named units and unit groups.

    Parameters
    ----------
    result : RegressionResult
        A linear model fitted on ``table`` (its rows are found by index label).
    table : DataFrame
        The estimation table (with the ``label`` column and the grouping columns).
    units : mapping name -> label, optional
        Single units (e.g. each of Kyoto City's wards): residual, and percentile among all
        units of the estimation sample.
    groups : mapping name -> (column, value), optional
        A group of units (e.g. ``("prefecture", "26")``): its ``weight``-weighted mean
        residual :math:`\bar\varepsilon_G = \sum_{r\in G} w_r\hat\varepsilon_r/\sum w_r`, and
        the percentile of that mean among the weighted means of *every* value of the same
        column (all prefectures; all cities with wards), so a group is compared with groups.
    weight : str, optional
        Column of weights for group means (e.g. start-year employment); default equal.
    label : str, default "region"

    Returns
    -------
    DataFrame
        One row per unit or group: ``kind`` (unit/group), ``name``, ``residual``,
        ``percentile``, ``n_units`` (units in the group), ``n_compared`` (size of the
        comparison distribution).
    """
    resid = model_residuals(result)
    est = table.loc[resid.index].assign(residual=resid)
    rows = []
    for name, lab in (units or {}).items():
        hit = est.loc[est[label] == lab, "residual"]
        if len(hit) != 1:
            raise ModelError(f"unit {name!r} ({lab!r}) is in the estimation sample {len(hit)} "
                             "times; expected once.")
        r = float(hit.iloc[0])
        rows.append({"kind": "unit", "name": name, "residual": r,
                     "percentile": percentile_rank(est["residual"], r), "n_units": 1,
                     "n_compared": int(len(est))})
    for name, (col, value) in (groups or {}).items():
        if col not in est.columns:
            raise ModelError(f"column {col!r} not in the table.")
        w = est[weight].astype(float) if weight else pd.Series(1.0, index=est.index)
        sub = est.assign(_w=w, _wr=w * est["residual"]).dropna(subset=[col])
        means = sub.groupby(col, sort=True)["_wr"].sum() / sub.groupby(col, sort=True)["_w"].sum()
        if value not in means.index:
            raise ModelError(f"group {name!r}: no unit with {col} == {value!r} in the sample.")
        r = float(means.loc[value])
        rows.append({"kind": "group", "name": name, "residual": r,
                     "percentile": percentile_rank(means, r),
                     "n_units": int((sub[col] == value).sum()), "n_compared": int(len(means))})
    return pd.DataFrame(rows, columns=["kind", "name", "residual", "percentile", "n_units",
                                       "n_compared"])
