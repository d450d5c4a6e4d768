"""Estimators on plain DataFrames: :func:`fe_ols` and :func:`fe_logit` (first layer of
:mod:`smartregion.models`; the result record and errors are in :mod:`.results`).

Both are thin layers over pyfixest (Fischer et al., the Python port of R's ``fixest``,
Bergé 2018): :func:`pyfixest.feols` (fixed effects absorbed by alternating projections,
CRV1/CRV3 cluster-robust covariance, analytic weights) and :func:`pyfixest.feglm` (logit with
fixed effects). What this module adds is what pyfixest does not do: explicit counting of every
dropped row by reason, errors that name the offending column, a distinction between
regressors *absorbed* by the fixed effects and regressors collinear with each other, and one
:class:`RegressionResult` record that the table layer (:mod:`smartregion.models.tables`) and
the inference layer (:mod:`smartregion.models.inference`) read.

References
----------
Bergé, L. (2018). Efficient estimation of maximum likelihood models with multiple fixed-effects:
the R package FENmlm. *CREA Discussion Papers*, 13.

Fischer, A., et al. (2024). *pyfixest: Fast high-dimensional fixed effect estimation in
Python*. https://github.com/py-econometrics/pyfixest

Cameron, A. C., Gelbach, J. B., & Miller, D. L. (2011). Robust inference with multiway
clustering. *Journal of Business & Economic Statistics*, 29(2), 238-249.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import linalg

from .results import (
    ClusterError,
    ModelError,
    ModelWarning,
    OutcomeError,
    RegressionResult,
    SingularDesignError,
)

CovType = Literal["nonrobust", "HC1", "cluster", "CRV3"]
SmallSample = Literal["nested", "dummies"]
Weights = str | np.ndarray | pd.Series | None


# ---------------------------------------------------------------------------------- helpers
def _as_tuple(x: str | Iterable[str] | None) -> tuple[str, ...]:
    if x is None:
        return ()
    if isinstance(x, str):
        return (x,)
    return tuple(x)


def _codes(s: pd.Series) -> tuple[np.ndarray, int]:
    codes, uniques = pd.factorize(s, sort=False)
    return codes.astype(np.intp), len(uniques)


class DropCounts(dict):
    """Observations removed, by reason; reasons are disjoint, so the values add up to the rows
    removed. ``by_column`` holds per-column missing counts, which may overlap."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_column: dict[str, int] = {}


def _prepare(
    data: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str],
    fe: Sequence[str],
    cluster: Sequence[str],
    weights: str | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Keep the needed columns, drop rows with missing values and count them per column.

    ``weights`` (a column name) is checked like a regressor: missing weights drop the row
    (counted); zero weights drop the row too, counted as ``"zero weight"`` (a zero analytic
    weight removes the observation from the fit, as in R's ``lm`` and fixest); negative
    weights raise."""
    if not isinstance(data, pd.DataFrame):
        raise ModelError(f"data must be a pandas DataFrame; got {type(data)!r}.")
    wcol = [weights] if weights else []
    if weights and weights in (outcome, *regressors):
        raise ModelError(f"weights {weights!r} is also the outcome or a regressor; give the "
                         "weights as a separate column.")
    needed = list(dict.fromkeys([outcome, *regressors, *wcol, *fe, *cluster]))
    absent = [c for c in needed if c not in data.columns]
    if absent:
        raise ModelError(f"column(s) {absent} not in the data (columns: {list(data.columns)}).")
    if len(regressors) == 0:
        raise ModelError("give at least one regressor.")
    df = data[needed]
    y = pd.to_numeric(df[outcome], errors="coerce")
    if y.notna().sum() == 0:
        raise OutcomeError(f"the outcome {outcome!r} is missing (or non-numeric) in every row; "
                           "nothing can be estimated.")
    for c in regressors:
        if not pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c]):
            if pd.api.types.is_bool_dtype(df[c]):
                continue
            raise ModelError(f"regressor {c!r} is not numeric (dtype {df[c].dtype}); encode it "
                             "as numbers or add it as a fixed effect.")
    num = df[[outcome, *regressors, *wcol]].apply(pd.to_numeric, errors="coerce").astype(float)
    if weights:
        w = num[weights]
        if (w[np.isfinite(w)] < 0).any():
            raise ModelError(f"weights {weights!r} have {int((w < 0).sum())} negative "
                             "value(s); analytic weights must be zero or positive.")
    bad_num = ~np.isfinite(num.to_numpy())
    bad_key = df[list(dict.fromkeys([*fe, *cluster]))].isna().to_numpy() if (fe or cluster) \
        else np.zeros((len(df), 0), bool)
    bad = np.concatenate([bad_num, bad_key], axis=1)
    # Each dropped row is counted once, under the first of its missing columns (outcome first,
    # then regressors, fixed effects, clusters), so the counts add up to the rows dropped.
    # Per-column counts (which overlap when a row misses several values) are kept apart in
    # ``dropped.by_column``.
    dropped = DropCounts()
    cols = [outcome, *regressors, *wcol] + list(dict.fromkeys([*fe, *cluster]))
    row_bad = bad.any(axis=1)
    if row_bad.any():
        first = np.argmax(bad, axis=1)
        for j, c in enumerate(cols):
            n = int((row_bad & (first == j)).sum())
            if n:
                dropped[f"missing {c}"] = n
            nc = int(bad[:, j].sum())
            if nc:
                dropped.by_column[c] = nc
    if weights:
        zero = ~row_bad & (num[weights].to_numpy() == 0)
        if zero.any():
            dropped["zero weight"] = int(zero.sum())
            row_bad = row_bad | zero
    out = df.loc[~row_bad].copy()
    out[outcome] = num.loc[~row_bad, outcome]
    for c in [*regressors, *wcol]:
        out[c] = num.loc[~row_bad, c]
    if len(out) == 0:
        raise OutcomeError("no observation has all of outcome, regressors, fixed effects and "
                           f"clusters non-missing and a non-zero weight ({dropped}).")
    return out, dropped


def demean(
    values: np.ndarray,
    groups: Sequence[np.ndarray],
    *,
    weights: np.ndarray | None = None,
    tol: float = 1e-12,
    maxiter: int = 10_000,
) -> tuple[np.ndarray, bool]:
    r"""Remove any number of fixed effects from the columns of ``values`` (pyfixest's demeaner).

    Alternating projections: each sweep subtracts the (weighted) group means of every
    grouping in turn,
    :math:`v \leftarrow v - D_k (D_k^\top W D_k)^{-1} D_k^\top W v`, until convergence; the
    limit is the residual of the projection on all dummies together (Guimarães & Portugal
    2010; Gaure 2013), which is the within transformation of :func:`fe_ols`.

    Returns ``(demeaned, converged)``.

    Examples
    --------
    >>> import numpy as np
    >>> v, ok = demean(np.array([1.0, 3.0, 5.0, 7.0]), [np.array([0, 0, 1, 1])])
    >>> v.tolist(), ok
    ([-1.0, 1.0, -1.0, 1.0], True)
    """
    from pyfixest.estimation import demean as _pf_demean

    v = np.array(values, dtype=np.float64, copy=True)
    one_d = v.ndim == 1
    v = v[:, None] if one_d else v
    if not groups:
        return (v[:, 0] if one_d else v), True
    flist = np.column_stack([np.asarray(g) for g in groups]).astype(np.uint64)
    w = np.ones(len(v)) if weights is None else np.asarray(weights, dtype=np.float64)
    out, ok = _pf_demean(np.ascontiguousarray(v), flist, w, tol=tol, maxiter=maxiter)
    out = np.asarray(out)
    return (out[:, 0] if one_d else out), bool(ok)


def _check_rank(Xd: np.ndarray, X: np.ndarray, names: list[str], has_fe: bool,
                tol: float = 1e-9) -> tuple[list[str], list[str]]:
    """Return (absorbed, collinear) regressor names."""
    ref = X - X.mean(axis=0) if has_fe else X
    ref_norm = np.linalg.norm(ref, axis=0)
    raw_norm = np.linalg.norm(X, axis=0)
    d_norm = np.linalg.norm(Xd, axis=0)
    absorbed = [n for n, dn, rn, wn in zip(names, d_norm, ref_norm, raw_norm)
                if dn <= tol * max(rn, wn, 1e-300)]
    keep = [j for j, n in enumerate(names) if n not in absorbed]
    collinear: list[str] = []
    if keep:
        Z = Xd[:, keep] / d_norm[keep]
        _, r, piv = linalg.qr(Z, mode="economic", pivoting=True)
        diag = np.abs(np.diag(r))
        rank = int((diag > 1e-10 * diag[0]).sum()) if diag.size else 0
        if rank < len(keep):
            collinear = [names[keep[p]] for p in piv[rank:]]
    return absorbed, collinear


def _formula(outcome: str, regressors: Sequence[str], fe: Sequence[str]) -> str:
    f = f"{outcome} ~ {' + '.join(regressors)}"
    if fe:
        f += " | " + " + ".join(fe)
    return f


def _cluster_setup(df: pd.DataFrame, cluster: tuple[str, ...], min_clusters: int
                   ) -> tuple[list[np.ndarray], dict[str, int]]:
    if len(cluster) > 2:
        raise ClusterError(f"at most two clustering variables are supported; got {cluster}.")
    codes, counts = [], {}
    for c in cluster:
        k, g = _codes(df[c])
        if g < max(2, min_clusters):
            raise ClusterError(
                f"only {g} cluster(s) of {c!r} in the estimation sample; cluster-robust standard "
                f"errors need at least {max(2, min_clusters)} (min_clusters). Cluster on a finer "
                "unit, or lower min_clusters knowingly and use the wild cluster bootstrap "
                "(smartregion.models.inference)."
            )
        codes.append(k)
        counts[c] = g
    return codes, counts


def _weights_column(data: pd.DataFrame, weights: Weights) -> tuple[pd.DataFrame, str | None,
                                                                   str | None]:
    """Column name of the weights (an array is attached as column ``__weights__``)."""
    if weights is None:
        return data, None, None
    if isinstance(weights, str):
        if weights not in data.columns:
            raise ModelError(f"weights column {weights!r} not in the data.")
        return data, weights, weights
    w = np.asarray(weights, dtype=float)
    if w.shape != (len(data),):
        raise ModelError(f"weights has shape {w.shape}; expected ({len(data)},), one per row.")
    return data.assign(__weights__=w), "__weights__", "<array>"


def _working_frame(df: pd.DataFrame, outcome: str, regressors: Sequence[str],
                   fe: Sequence[str], cluster: Sequence[str], wname: str | None
                   ) -> tuple[pd.DataFrame, str]:
    """Columns renamed to formula-safe names (``y``, ``x0..``, ``f0..``, ``c0..``, ``w``)."""
    work = pd.DataFrame({"y": df[outcome].to_numpy(float)})
    for j, r in enumerate(regressors):
        work[f"x{j}"] = df[r].to_numpy(float)
    for j, f in enumerate(fe):
        work[f"f{j}"] = _codes(df[f])[0]
    for j, c in enumerate(cluster):
        work[f"c{j}"] = _codes(df[c])[0]
    if wname:
        work["w"] = df[wname].to_numpy(float)
    rhs = " + ".join(f"x{j}" for j in range(len(regressors)))
    fml = f"y ~ {rhs}" + (" | " + " + ".join(f"f{j}" for j in range(len(fe))) if fe else "")
    return work, fml


class _quiet_backend(warnings.catch_warnings):
    """Silence the backend's own notices (pandas deprecations inside pyfixest, its note on
    dropped collinear dummies): every drop that matters is screened and counted here."""

    def __enter__(self) -> Any:
        out = super().__enter__()
        warnings.filterwarnings("ignore", module="pyfixest")
        warnings.filterwarnings("ignore", category=UserWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        return out


def _vcov_arg(cov_type: str, n_cluster: int) -> str | dict[str, str]:
    if cov_type == "nonrobust":
        return "iid"
    if cov_type == "HC1":
        return "hetero"
    name = "CRV3" if cov_type == "CRV3" else "CRV1"
    return {name: "+".join(f"c{j}" for j in range(n_cluster))}


def _screen_design(df: pd.DataFrame, regressors: list[str], fe_t: tuple[str, ...],
                   wname: str | None, absorbed: str, tol: float, maxiter: int
                   ) -> tuple[list[str], list[str]]:
    """Regressors kept and absorbed; raise on collinearity (the fixed effects swept out)."""
    X = df[regressors].to_numpy(float)
    has_fe = bool(fe_t)
    w = df[wname].to_numpy(float) if wname else None
    if has_fe:
        Xd, ok = demean(X, [_codes(df[f])[0] for f in fe_t], weights=w, tol=tol,
                        maxiter=maxiter)
        if not ok:
            warnings.warn(f"fixed effects not fully absorbed after {maxiter} sweeps; estimates "
                          "may be inexact (raise maxiter).", ModelWarning, stacklevel=3)
    else:
        const = [r for r, sd in zip(regressors, X.std(axis=0)) if sd == 0]
        if const:
            raise SingularDesignError(f"regressor(s) {const} are constant in the estimation "
                                      "sample and collinear with the intercept.")
        Xd = X - X.mean(axis=0)
    ab, col = _check_rank(Xd, X, regressors, has_fe)
    if ab:
        if absorbed == "raise":
            raise SingularDesignError(
                f"regressor(s) {ab} have no variation left within the fixed effects {list(fe_t)}"
                "; they are absorbed. Drop them, use coarser fixed effects, or pass "
                "absorbed='drop'.")
        warnings.warn(f"regressor(s) {ab} are absorbed by the fixed effects {list(fe_t)} and "
                      "were dropped from the model.", ModelWarning, stacklevel=3)
        regressors = [r for r in regressors if r not in ab]
        if not regressors:
            raise SingularDesignError("every regressor is absorbed by the fixed effects.")
    if col:
        raise SingularDesignError(
            f"the design is singular: regressor(s) {col} are linear combinations of the other "
            "regressors" + (" and the fixed effects" if has_fe else "") + ". Remove one of them.")
    return regressors, ab


# ---------------------------------------------------------------------------------- fe_ols
def fe_ols(
    data: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str],
    *,
    fe: str | Sequence[str] | None = None,
    cluster: str | Sequence[str] | None = None,
    cov_type: CovType | None = None,
    weights: Weights = None,
    method: Literal["demean", "dummies"] = "demean",
    small_sample: SmallSample = "nested",
    min_clusters: int = 10,
    absorbed: Literal["raise", "drop"] = "raise",
    tol: float = 1e-12,
    maxiter: int = 10_000,
    spec: Mapping[str, Any] | None = None,
) -> RegressionResult:
    r"""Linear regression with absorbed fixed effects and clustered standard errors (pyfixest).

    .. math::

        y_n = x_n^\top \beta + \sum_{k=1}^{K} \alpha^{(k)}_{g_k(n)} + \varepsilon_n

    estimated by :func:`pyfixest.feols`: the fixed effects :math:`\alpha^{(k)}` are swept out
    by alternating projections (``method="demean"``) or entered as explicit dummies
    (``method="dummies"``, for checking); the slopes are the same. Without fixed effects an
    intercept is estimated and reported as ``Intercept``. With ``weights`` (analytic weights
    :math:`w_n`) the model minimises :math:`\sum_n w_n \varepsilon_n^2`.

    Cluster-robust covariance (CRV1, Liang-Zeger with the small-sample factor of Stata and
    ``fixest``):

    .. math::

        \hat V = \frac{G}{G-1}\frac{N-1}{N-K}(\tilde X^\top\tilde X)^{-1}
                 \Big(\sum_g \tilde X_g^\top \hat u_g \hat u_g^\top \tilde X_g\Big)
                 (\tilde X^\top\tilde X)^{-1};

    two-way clustering uses :math:`\hat V_1 + \hat V_2 - \hat V_{12}`, each term with its own
    :math:`G_i/(G_i-1)` (Cameron, Gelbach & Miller 2011). ``cov_type="CRV3"`` gives the
    leave-one-cluster-out jackknife (one clustering variable). :math:`K` counts the slopes
    plus the fixed-effect parameters: all of them with ``small_sample="dummies"`` (what
    statsmodels reports for explicit dummies), or only the fixed effects not nested in a
    clustering variable with ``small_sample="nested"`` (default; Stata's ``xtreg, fe`` and
    ``reghdfe``). Tests and intervals use a t distribution with :math:`G-1` d.f. (smallest
    cluster dimension) when clustered, :math:`N-K` otherwise.

    Parameters
    ----------
    data : DataFrame
        One row per observation.
    outcome : str
    regressors : sequence of str
        Numeric regressors (build interactions as columns beforehand).
    fe : str or sequence of str, optional
        Columns whose groups get fixed effects (e.g. ``("region", "period")``).
    cluster : str or sequence of (at most two) str, optional
        Default covariance: clustered (CRV1) if given, else ``"HC1"``.
    cov_type : {"nonrobust", "HC1", "cluster", "CRV3"}, optional
    weights : str or array, optional
        Analytic weights: a column name or one positive value per row of ``data``. Rows with
        missing and zero weights are dropped and counted; negative weights raise.
    method : {"demean", "dummies"}, default "demean"
    small_sample : {"nested", "dummies"}, default "nested"
    min_clusters : int, default 10
        Fewer clusters than this raise :class:`ClusterError`.
    absorbed : {"raise", "drop"}, default "raise"
        A regressor with no variation left within the fixed effects raises
        :class:`SingularDesignError` or is dropped (``result.absorbed``, warned).
    tol, maxiter
        Convergence of the alternating projections.
    spec : mapping, optional
        Extra record (sample filters, data source ...) stored in ``result.spec``.

    Returns
    -------
    RegressionResult

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 2.0, 4.0, 3.0, 6.5], "x": [0, 1, 0, 1, 0, 1],
    ...                    "g": ["a", "a", "b", "b", "c", "c"]})
    >>> res = fe_ols(df, "y", ["x"], fe="g")
    >>> round(float(res.params["x"]), 6), res.nobs
    (2.166667, 6)
    """
    import pyfixest as pf
    from pyfixest.estimation import MapDemeaner

    fe_t, cl_t = _as_tuple(fe), _as_tuple(cluster)
    regressors = list(regressors)
    if len(set(regressors)) != len(regressors):
        raise ModelError(f"regressors are listed twice: {regressors}.")
    if cov_type is None:
        cov_type = "cluster" if cl_t else "HC1"
    if cov_type not in ("nonrobust", "HC1", "cluster", "CRV3"):
        raise ModelError("cov_type must be 'nonrobust', 'HC1', 'cluster' or 'CRV3'; got "
                         f"{cov_type!r}.")
    clustered = cov_type in ("cluster", "CRV3")
    if clustered and not cl_t:
        raise ClusterError(f"cov_type={cov_type!r} needs cluster=<column(s)>.")
    if cov_type == "CRV3" and len(cl_t) != 1:
        raise ClusterError("CRV3 supports one clustering variable.")
    if method not in ("demean", "dummies"):
        raise ModelError(f"method must be 'demean' or 'dummies'; got {method!r}.")
    if small_sample not in ("nested", "dummies"):
        raise ModelError(f"small_sample must be 'nested' or 'dummies'; got {small_sample!r}.")
    data, wname, wlabel = _weights_column(data, weights)
    cl_used = cl_t if clustered else ()
    df, dropped = _prepare(data, outcome, regressors, fe_t, cl_used, wname)
    n_clusters = _cluster_setup(df, cl_used, min_clusters)[1] if clustered else {}
    regressors, ab = _screen_design(df, regressors, fe_t, wname, absorbed, tol, maxiter)
    work, fml = _working_frame(df, outcome, regressors, fe_t, cl_used, wname)
    if method == "dummies" and fe_t:
        rhs, _, fes = fml.partition(" | ")
        fml = rhs + "".join(f" + C({f.strip()})" for f in fes.split(" + "))
    k_fixef = "full" if small_sample == "dummies" or method == "dummies" else "nonnested"
    with _quiet_backend():
        fit = pf.feols(fml, data=work, vcov=_vcov_arg(cov_type, len(cl_used)),
                       weights="w" if wname else None, weights_type="aweights",
                       ssc=pf.ssc(k_fixef=k_fixef, G_df="conventional"), fixef_rm="none",
                       demeaner=MapDemeaner(fixef_tol=tol, fixef_maxiter=maxiter))
    if fit._N != len(df):
        raise ModelError(f"pyfixest used {fit._N} of {len(df)} rows; the sample is not the one "
                         "prepared.")
    code_names = {f"x{j}": r for j, r in enumerate(regressors)}
    if not fe_t:
        code_names["Intercept"] = "Intercept"
    pos = [j for j, c in enumerate(fit._coefnames) if c in code_names]
    names = [code_names[fit._coefnames[j]] for j in pos]
    params = pd.Series(np.asarray(fit.coef())[pos], index=names, name="coef")
    cov = pd.DataFrame(np.asarray(fit._vcov)[np.ix_(pos, pos)], index=names, columns=names)
    df_inf: float | None = (float(min(n_clusters.values()) - 1) if clustered
                            else float(fit._N - fit._df_k))
    r2w = float(fit._r2_within) if fe_t and method == "demean" else None
    record = dict(spec or {})
    if getattr(dropped, "by_column", None):
        record["missing_by_column"] = dict(dropped.by_column)
    record.update({"method": method, "small_sample": small_sample, "k_total": int(fit._df_k),
                   "estimator_backend": f"pyfixest {pf.__version__} feols"})
    if ab:
        record["absorbed_terms"] = list(ab)
    design = None
    if method == "demean":
        design = {"X": np.asarray(fit._X, float), "y": np.asarray(fit._Y, float).ravel(),
                  "names": names, "clusters": {c: _codes(df[c])[0] for c in cl_used},
                  "cluster_labels": {c: np.asarray(pd.factorize(df[c], sort=False)[1]
                                                   .astype(str)) for c in cl_used},
                  "rows": df.index.to_numpy()}
    return RegressionResult(
        params=params, cov=cov, nobs=int(fit._N), outcome=outcome, estimator="ols",
        formula=_formula(outcome, regressors, fe_t), fixed_effects=fe_t, cluster=cl_used,
        n_clusters=n_clusters, cov_type=cov_type, df_inference=df_inf, r2=float(fit._r2),
        r2_within=r2w, dropped=dropped, absorbed=tuple(ab), spec=record, weights=wlabel,
        fit=fit, design=design)


# ---------------------------------------------------------------------------------- fe_logit
def _drop_perfectly_predicted(df: pd.DataFrame, outcome: str, fe_t: tuple[str, ...]
                              ) -> tuple[pd.DataFrame, int]:
    """Remove (repeatedly) the rows of fixed-effect groups whose outcome never varies."""
    n_pp = 0
    while fe_t:
        bad = np.zeros(len(df), bool)
        for f in fe_t:
            m = df.groupby(f, sort=False)[outcome].transform("mean").to_numpy()
            bad |= (m == 0) | (m == 1)
        if not bad.any():
            break
        n_pp += int(bad.sum())
        df = df.loc[~bad]
    return df, n_pp


def fe_logit(
    data: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str],
    *,
    fe: str | Sequence[str] | None = None,
    cluster: str | Sequence[str] | None = None,
    min_clusters: int = 10,
    maxiter: int = 200,
    spec: Mapping[str, Any] | None = None,
) -> RegressionResult:
    r"""Logit with fixed effects and clustered standard errors (:func:`pyfixest.feglm`).

    .. math::

        \Pr(y_n = 1) = \Lambda\Big(x_n^\top\beta + \sum_k \alpha^{(k)}_{g_k(n)}\Big)

    Observations in a fixed-effect group whose outcome never varies are perfectly predicted and
    carry no information on :math:`\beta`; they are removed (repeatedly, until none is left)
    and counted in ``result.dropped``. The fixed effects are estimated (incidental-parameter
    bias with many small groups); prefer the linear probability model of :func:`fe_ols` for
    high-dimensional fixed effects.

    Parameters
    ----------
    data, outcome, regressors, fe, cluster, min_clusters, spec
        As in :func:`fe_ols`. The outcome must be 0/1.
    maxiter : int, default 200

    Returns
    -------
    RegressionResult
        ``r2`` is McFadden's pseudo :math:`R^2` (:math:`1 - \ell / \ell_0`, :math:`\ell_0` the
        log likelihood of the constant-only model).
    """
    import pyfixest as pf

    fe_t, cl_t = _as_tuple(fe), _as_tuple(cluster)
    regressors = list(regressors)
    df, dropped = _prepare(data, outcome, regressors, fe_t, cl_t)
    yv = df[outcome].to_numpy(float)
    if not np.isin(yv, (0.0, 1.0)).all():
        raise OutcomeError(f"a logit needs a 0/1 outcome; {outcome!r} has other values.")
    df, n_pp = _drop_perfectly_predicted(df, outcome, fe_t)
    if n_pp:
        dropped["perfectly predicted by fixed effects"] = n_pp
    if len(df) == 0 or df[outcome].nunique() < 2:
        raise OutcomeError(f"the outcome {outcome!r} does not vary in the estimation sample.")
    regressors, _ = _screen_design(df, regressors, fe_t, None, "raise", 1e-10, 10_000)
    n_clusters = _cluster_setup(df, cl_t, min_clusters)[1] if cl_t else {}
    work, fml = _working_frame(df, outcome, regressors, fe_t, cl_t, None)
    with _quiet_backend():
        fit = pf.feglm(fml, data=work, family="logit", vcov=_vcov_arg(
            "cluster" if cl_t else "HC1", len(cl_t)), fixef_rm="none", iwls_maxiter=maxiter)
    code_names = {f"x{j}": r for j, r in enumerate(regressors)} | {"Intercept": "Intercept"}
    names = [code_names[c] for c in fit._coefnames]
    p = float(np.clip(work["y"].mean(), 1e-12, 1 - 1e-12))
    ll0 = float(len(work) * (p * np.log(p) + (1 - p) * np.log(1 - p)))
    eta = np.clip(np.asarray(fit._Y_hat_response, float).ravel(), 1e-12, 1 - 1e-12)
    yy = work["y"].to_numpy(float)
    ll = float(np.sum(yy * np.log(eta) + (1 - yy) * np.log(1 - eta)))
    record = dict(spec or {})
    if getattr(dropped, "by_column", None):
        record["missing_by_column"] = dict(dropped.by_column)
    record.update({"estimator_backend": f"pyfixest {pf.__version__} feglm(logit)"})
    return RegressionResult(
        params=pd.Series(np.asarray(fit.coef()), index=names, name="coef"),
        cov=pd.DataFrame(np.asarray(fit._vcov), index=names, columns=names),
        nobs=int(fit._N), outcome=outcome, estimator="logit",
        formula=_formula(outcome, regressors, fe_t), fixed_effects=fe_t, cluster=cl_t,
        n_clusters=n_clusters, cov_type="cluster" if cl_t else "HC1",
        df_inference=float(min(n_clusters.values()) - 1) if cl_t else None,
        r2=1 - ll / ll0, r2_within=None, dropped=dropped, spec=record, fit=fit)
