"""Estimators on plain DataFrames: :func:`fe_ols` and :func:`fe_logit`, their result record
and errors (first layer of :mod:`smartregion.models`)."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import linalg, stats
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ..panel import SmartRegionWarning

CovType = Literal["nonrobust", "HC1", "cluster"]
SmallSample = Literal["nested", "dummies"]


# ---------------------------------------------------------------------------------- errors
class ModelError(ValueError):
    """A model cannot be estimated as specified; the message says why and what to change."""


class SingularDesignError(ModelError):
    """The regressors are collinear, or a regressor is absorbed by the fixed effects."""


class ClusterError(ModelError):
    """Too few clusters for cluster-robust inference."""


class OutcomeError(ModelError):
    """The outcome is missing everywhere, constant where it must vary, or not 0/1 for a logit."""


class ModelWarning(SmartRegionWarning):
    """Something about an estimate the user should know (non-convergence, dropped terms)."""


# ---------------------------------------------------------------------------------- result
@dataclass
class RegressionResult:
    """A fitted model with the full specification needed to reproduce and report it.

    Attributes
    ----------
    params : Series
        Estimated coefficients (fixed effects are not reported).
    cov : DataFrame
        Covariance matrix of ``params`` (clustered, robust or classical, see ``cov_type``).
    nobs : int
        Observations used.
    outcome : str
        Name of the dependent variable.
    estimator : {"ols", "logit"}
    formula : str
        ``outcome ~ x1 + x2 | fe1 + fe2`` (fixed effects after the bar).
    fixed_effects : tuple of str
    cluster : tuple of str
    n_clusters : dict
        Number of clusters per clustering variable.
    cov_type : str
    df_inference : float or None
        Degrees of freedom of the t reference distribution (``None``: normal).
    r2, r2_within : float or None
        :math:`R^2` of the full model (fixed effects included) and of the within (demeaned)
        regression; for a logit ``r2`` is McFadden's pseudo :math:`R^2`.
    dropped : dict
        Observations removed, by reason (missing values, zero totals, perfectly predicted ...).
        Reasons are disjoint: each removed row is counted once, so ``n_dropped`` is the number
        of rows removed between the table handed to the specification and the estimate.
    absorbed : tuple of str
        Regressors dropped because the fixed effects absorb them.
    spec : dict
        Free-form record: sample filters, periods, data source, options.
    sm_result : object
        The underlying statsmodels results object.
    """

    params: pd.Series
    cov: pd.DataFrame
    nobs: int
    outcome: str
    estimator: str = "ols"
    formula: str = ""
    fixed_effects: tuple[str, ...] = ()
    cluster: tuple[str, ...] = ()
    n_clusters: dict[str, int] = field(default_factory=dict)
    cov_type: str = "nonrobust"
    df_inference: float | None = None
    r2: float | None = None
    r2_within: float | None = None
    dropped: dict[str, int] = field(default_factory=dict)
    absorbed: tuple[str, ...] = ()
    spec: dict[str, Any] = field(default_factory=dict)
    sm_result: Any = None

    @property
    def bse(self) -> pd.Series:
        """Standard errors."""
        return pd.Series(np.sqrt(np.clip(np.diag(self.cov.to_numpy()), 0, None)),
                         index=self.params.index, name="se")

    @property
    def tvalues(self) -> pd.Series:
        """Coefficient over standard error."""
        return (self.params / self.bse).rename("t")

    @property
    def pvalues(self) -> pd.Series:
        """Two-sided p-values (t distribution with ``df_inference`` d.f., else normal)."""
        t = np.abs(self.tvalues.to_numpy())
        if self.df_inference is None:
            p = 2 * stats.norm.sf(t)
        else:
            p = 2 * stats.t.sf(t, self.df_inference)
        return pd.Series(p, index=self.params.index, name="p")

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Confidence intervals ``[low, high]`` at level ``1 - alpha``."""
        if self.df_inference is None:
            q = stats.norm.ppf(1 - alpha / 2)
        else:
            q = stats.t.ppf(1 - alpha / 2, self.df_inference)
        half = q * self.bse
        return pd.DataFrame({"low": self.params - half, "high": self.params + half})

    @property
    def n_dropped(self) -> int:
        """Total observations dropped (sum over reasons)."""
        return int(sum(self.dropped.values()))

    def summary_frame(self, alpha: float = 0.05) -> pd.DataFrame:
        """Coefficient table: coef, se, t, p, CI bounds."""
        ci = self.conf_int(alpha)
        return pd.DataFrame({"coef": self.params, "se": self.bse, "t": self.tvalues,
                             "p": self.pvalues, "ci_low": ci["low"], "ci_high": ci["high"]})

    def __repr__(self) -> str:
        fe = f", FE {list(self.fixed_effects)}" if self.fixed_effects else ""
        cl = f", clustered by {list(self.cluster)}" if self.cluster else ""
        return (f"RegressionResult({self.estimator}: {self.formula!r}, N={self.nobs}"
                f"{fe}{cl}, dropped={self.n_dropped})")


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
    """Keep the needed columns, drop rows with missing values and count them per column."""
    if not isinstance(data, pd.DataFrame):
        raise ModelError(f"data must be a pandas DataFrame; got {type(data)!r}.")
    wcol = [weights] if weights is not None else []
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
    if weights is not None and (not pd.api.types.is_numeric_dtype(df[weights])
                                or pd.api.types.is_bool_dtype(df[weights])):
        raise ModelError(f"weights column {weights!r} is not numeric (dtype {df[weights].dtype}).")
    num = df[[outcome, *regressors, *wcol]].apply(pd.to_numeric, errors="coerce").astype(float)
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
    out = df.loc[~row_bad].copy()
    out[outcome] = num.loc[~row_bad, outcome]
    for c in [*regressors, *wcol]:
        out[c] = num.loc[~row_bad, c]
    if len(out) == 0:
        raise OutcomeError("no observation has all of outcome, regressors, fixed effects and "
                           f"clusters non-missing ({dropped}).")
    return out, dropped


def demean(
    values: np.ndarray,
    groups: Sequence[np.ndarray],
    *,
    tol: float = 1e-12,
    maxiter: int = 10_000,
    weights: np.ndarray | None = None,
) -> tuple[np.ndarray, int, bool]:
    r"""Remove any number of fixed effects from the columns of ``values`` (alternating projections).

    Each sweep subtracts the group means of every grouping in turn,

    .. math::

        v \leftarrow v - D_k (D_k^\top D_k)^{-1} D_k^\top v, \qquad k = 1, \dots, K,

    until the largest absolute change in a sweep is below ``tol`` times the scale of the data.
    The limit is the residual of the projection of ``v`` on all dummies together
    (von Neumann-Halperin), which gives the within transformation used by :func:`fe_ols`.
    With observation weights :math:`w` the group means are weighted,
    :math:`(D_k^\top W D_k)^{-1} D_k^\top W v`: the limit is the residual of the weighted
    projection, the within transformation of weighted least squares.

    Parameters
    ----------
    values : ndarray, shape (n,) or (n, k)
    groups : sequence of int arrays of length n
        Group codes ``0..G-1`` of each fixed effect.
    tol : float, default 1e-12
    maxiter : int, default 10000
    weights : ndarray of shape (n,), optional
        Positive observation weights (default: none, plain means).

    Returns
    -------
    demeaned : ndarray
    iterations : int
    converged : bool

    Examples
    --------
    >>> import numpy as np
    >>> v, it, ok = demean(np.array([1.0, 3.0, 5.0, 7.0]), [np.array([0, 0, 1, 1])])
    >>> v.tolist(), it, ok
    ([-1.0, 1.0, -1.0, 1.0], 1, True)

    References
    ----------
    Guimarães, P., & Portugal, P. (2010). *The Stata Journal*, 10(4), 628-649.
    """
    v = np.array(values, dtype=np.float64, copy=True)
    one_d = v.ndim == 1
    if one_d:
        v = v[:, None]
    if not groups:
        return (v[:, 0] if one_d else v), 0, True
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    if w is not None and (w.shape != (v.shape[0],) or not np.all(w > 0)):
        raise ValueError("weights must be a positive vector with one entry per observation.")
    counts = [np.bincount(g, weights=w).astype(float) for g in groups]
    scale = max(1.0, float(np.max(np.abs(v))) if v.size else 1.0)
    it = 0
    converged = False
    for it in range(1, maxiter + 1):
        before = v.copy() if len(groups) > 1 else None
        for g, n in zip(groups, counts):
            for j in range(v.shape[1]):
                vw = v[:, j] if w is None else v[:, j] * w
                means = np.bincount(g, weights=vw, minlength=len(n)) / n
                v[:, j] -= means[g]
        if before is None:
            converged = True
            break
        if np.max(np.abs(v - before), initial=0.0) <= tol * scale:
            converged = True
            break
    return (v[:, 0] if one_d else v), it, converged


def _fe_dof(groups: Sequence[tuple[np.ndarray, int]]) -> int:
    """Rank of the fixed-effect dummies (with the intercept they span).

    Exact for one and two fixed effects (two: :math:`G_1 + G_2 - C`, with :math:`C` the connected
    components of the bipartite group graph). For three or more, each further fixed effect adds
    :math:`G_k - 1`, an upper bound on its rank (conservative, as in Stata's ``reghdfe``).
    """
    if not groups:
        return 1
    (c1, g1) = groups[0]
    if len(groups) == 1:
        return g1
    (c2, g2) = groups[1]
    n = len(c1)
    adj = coo_matrix((np.ones(n), (c1, c2 + g1)), shape=(g1 + g2, g1 + g2))
    n_comp, _ = connected_components(adj, directed=False)
    dof = g1 + g2 - n_comp
    for _, gk in groups[2:]:
        dof += gk - 1
    return dof


def _nested(fe_codes: np.ndarray, cl_codes: np.ndarray) -> bool:
    """Is every group of the fixed effect inside one cluster?"""
    pairs = pd.DataFrame({"f": fe_codes, "c": cl_codes}).drop_duplicates()
    return not pairs["f"].duplicated().any()


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
                "unit, or lower min_clusters knowingly (few clusters give unreliable SEs)."
            )
        codes.append(k)
        counts[c] = g
    return codes, counts


def _check_weights(df: pd.DataFrame, weights: str | None, dropped: dict[str, int]
                   ) -> tuple[np.ndarray | None, pd.DataFrame]:
    """Validate analytic weights; drop (and count) zero-weight rows."""
    if weights is None:
        return None, df
    w = df[weights].to_numpy(float)
    if (w < 0).any():
        raise ModelError(f"weights column {weights!r} has {int((w < 0).sum())} negative "
                         "value(s); analytic weights must be >= 0.")
    zero = w == 0
    if zero.all():
        raise OutcomeError(f"every weight in {weights!r} is zero; nothing can be estimated.")
    if zero.any():
        dropped["zero weight"] = int(zero.sum())
        df = df.loc[~zero]
        w = w[~zero]
    return w, df


def _scale_rows(a: np.ndarray, sqrt_w: np.ndarray | None) -> np.ndarray:
    if sqrt_w is None:
        return a
    return a * (sqrt_w[:, None] if a.ndim == 2 else sqrt_w)


# ---------------------------------------------------------------------------------- fe_ols
def fe_ols(
    data: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str],
    *,
    fe: str | Sequence[str] | None = None,
    cluster: str | Sequence[str] | None = None,
    cov_type: CovType | None = None,
    method: Literal["demean", "dummies"] = "demean",
    small_sample: SmallSample = "nested",
    min_clusters: int = 10,
    absorbed: Literal["raise", "drop"] = "raise",
    tol: float = 1e-12,
    maxiter: int = 10_000,
    spec: Mapping[str, Any] | None = None,
    weights: str | None = None,
) -> RegressionResult:
    r"""Linear regression with absorbed fixed effects and clustered standard errors.

    .. math::

        y_n = x_n^\top \beta + \sum_{k=1}^{K} \alpha^{(k)}_{g_k(n)} + \varepsilon_n

    The fixed effects :math:`\alpha^{(k)}` are swept out by :func:`demean` (``method="demean"``)
    or estimated as explicit dummies (``method="dummies"``, for checking); the slopes are the
    same. Without fixed effects an intercept is estimated and reported as ``Intercept``.

    Cluster-robust covariance (CR1, Liang-Zeger with the Stata small-sample factor):

    .. math::

        \hat V = \frac{G}{G-1}\frac{N-1}{N-K}(\tilde X^\top\tilde X)^{-1}
                 \Big(\sum_g \tilde X_g^\top \hat u_g \hat u_g^\top \tilde X_g\Big)
                 (\tilde X^\top\tilde X)^{-1},

    computed with :func:`statsmodels.stats.sandwich_covariance.cov_cluster`; two-way clustering
    uses :math:`\hat V_1 + \hat V_2 - \hat V_{12}` (Cameron, Gelbach & Miller 2011), via
    :func:`~statsmodels.stats.sandwich_covariance.cov_cluster_2groups`. :math:`K` counts the
    slopes plus the fixed-effect parameters: all of them with ``small_sample="dummies"`` (what
    statsmodels reports for the same model with explicit dummies), or only the fixed effects not
    nested in a clustering variable with ``small_sample="nested"`` (default; the convention of
    Stata's ``xtreg, fe`` and ``reghdfe``, which avoids inflating SEs in short panels). Tests
    and intervals use a t distribution with :math:`G-1` d.f. (smallest cluster dimension)
    when clustered, :math:`N-K` otherwise.

    **Observation weights** (``weights="w"``): analytic (precision) weights, as ``weights=`` in
    R's ``lm``, ``lfe::felm`` and ``fixest::feols`` and ``[aweight]`` in Stata. The estimate
    minimises :math:`\sum_n w_n (y_n - x_n^\top\beta - \sum_k \alpha^{(k)}_{g_k(n)})^2`:
    fixed effects are swept out with weighted group means and the slopes are OLS on
    :math:`\sqrt{w_n}`-scaled data, so every covariance above holds with
    :math:`\tilde X^\top W \tilde X` as bread and :math:`w_n \tilde x_n \hat u_n` as score
    (HC1: :math:`\frac{N}{N-K}(\tilde X^\top W\tilde X)^{-1}
    \sum_n w_n^2 \hat u_n^2 \tilde x_n \tilde x_n^\top (\tilde X^\top W\tilde X)^{-1}`).
    :math:`R^2 = 1 - \sum_n w_n \hat u_n^2 / \sum_n w_n (y_n - \bar y_w)^2` with the
    weighted mean :math:`\bar y_w`. Estimates do not change when all weights are multiplied by
    a constant. Rows with a zero weight carry no information: they are dropped before
    estimation and counted in ``result.dropped["zero weight"]`` (as ``lm`` and ``feols`` leave
    them out of :math:`N`); a missing or infinite weight drops the row like any missing value
    (counted under ``"missing <column>"``); a negative weight raises :class:`ModelError`.

    Parameters
    ----------
    data : DataFrame
        One row per observation.
    outcome : str
        Dependent variable.
    regressors : sequence of str
        Numeric regressors (build interactions as columns beforehand).
    fe : str or sequence of str, optional
        Columns whose groups get fixed effects (e.g. ``("region", "period")``).
    cluster : str or sequence of (at most two) str, optional
        Clustering variables. Default covariance: clustered if given, else ``"HC1"``.
    cov_type : {"nonrobust", "HC1", "cluster"}, optional
    method : {"demean", "dummies"}, default "demean"
    small_sample : {"nested", "dummies"}, default "nested"
        How fixed effects enter :math:`K` (see above).
    min_clusters : int, default 10
        Fewer clusters than this raise :class:`ClusterError`.
    absorbed : {"raise", "drop"}, default "raise"
        A regressor with no variation left after removing the fixed effects either raises
        :class:`SingularDesignError` or is dropped (recorded in ``result.absorbed`` and warned).
    tol, maxiter
        Convergence of the alternating projections.
    spec : mapping, optional
        Extra record (sample filters, data source ...) stored in ``result.spec``.
    weights : str, optional
        Column of analytic observation weights (see above). Default ``None``: every
        observation weighs the same (ordinary least squares).

    Returns
    -------
    RegressionResult

    Raises
    ------
    OutcomeError
        The outcome is missing everywhere.
    SingularDesignError
        Collinear regressors, or regressors absorbed by the fixed effects.
    ClusterError
        Fewer than ``min_clusters`` clusters.

    References
    ----------
    Cameron, A. C., Gelbach, J. B., & Miller, D. L. (2011). Robust inference with multiway
    clustering. *Journal of Business & Economic Statistics*, 29(2), 238-249.

    Solon, G., Haider, S. J., & Wooldridge, J. M. (2015). What are we weighting for?
    *Journal of Human Resources*, 50(2), 301-316.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 2.0, 4.0, 3.0, 6.5], "x": [0, 1, 0, 1, 0, 1],
    ...                    "g": ["a", "a", "b", "b", "c", "c"]})
    >>> res = fe_ols(df, "y", ["x"], fe="g")
    >>> round(float(res.params["x"]), 6), res.nobs
    (2.166667, 6)
    """
    fe_t, cl_t = _as_tuple(fe), _as_tuple(cluster)
    regressors = list(regressors)
    if len(set(regressors)) != len(regressors):
        raise ModelError(f"regressors are listed twice: {regressors}.")
    if cov_type is None:
        cov_type = "cluster" if cl_t else "HC1"
    if cov_type not in ("nonrobust", "HC1", "cluster"):
        raise ModelError(f"cov_type must be 'nonrobust', 'HC1' or 'cluster'; got {cov_type!r}.")
    if cov_type == "cluster" and not cl_t:
        raise ClusterError("cov_type='cluster' needs cluster=<column(s)>.")
    if method not in ("demean", "dummies"):
        raise ModelError(f"method must be 'demean' or 'dummies'; got {method!r}.")
    if small_sample not in ("nested", "dummies"):
        raise ModelError(f"small_sample must be 'nested' or 'dummies'; got {small_sample!r}.")
    if weights is not None and weights in [outcome, *regressors, *fe_t, *cl_t]:
        raise ModelError(f"the weights column {weights!r} is also the outcome, a regressor, a "
                         "fixed effect or a cluster; give a separate column.")
    df, dropped = _prepare(data, outcome, regressors, fe_t, cl_t if cov_type == "cluster" else (),
                           weights=weights)
    w, df = _check_weights(df, weights, dropped)
    sqrt_w = None if w is None else np.sqrt(w)
    n = len(df)
    y = df[outcome].to_numpy(float)
    X = df[regressors].to_numpy(float)
    fe_groups = [_codes(df[f]) for f in fe_t]
    cl_codes, n_clusters = ([], {})
    if cov_type == "cluster":
        cl_codes, n_clusters = _cluster_setup(df, cl_t, min_clusters)

    from statsmodels.regression.linear_model import OLS
    from statsmodels.stats import sandwich_covariance as sw

    has_fe = bool(fe_t)
    converged, iterations = True, 0
    if has_fe:
        both, iterations, converged = demean(np.column_stack([y, X]), [g for g, _ in fe_groups],
                                             tol=tol, maxiter=maxiter, weights=w)
        if not converged:
            warnings.warn(f"fixed effects not fully absorbed after {maxiter} sweeps; estimates "
                          "may be inexact (raise maxiter).", ModelWarning, stacklevel=2)
        yd, Xd = both[:, 0], both[:, 1:]
    else:
        yd, Xd = y, X
    ab, col = _check_rank(Xd, X, regressors, has_fe)
    if not has_fe:
        # a constant regressor is collinear with the intercept
        const = [r for r, sd in zip(regressors, X.std(axis=0)) if sd == 0]
        if const:
            raise SingularDesignError(f"regressor(s) {const} are constant in the estimation "
                                      "sample and collinear with the intercept.")
    if ab:
        if absorbed == "raise":
            raise SingularDesignError(
                f"regressor(s) {ab} have no variation left within the fixed effects {list(fe_t)}"
                "; they are absorbed. Drop them, use coarser fixed effects, or pass "
                "absorbed='drop'.")
        warnings.warn(f"regressor(s) {ab} are absorbed by the fixed effects {list(fe_t)} and "
                      "were dropped from the model.", ModelWarning, stacklevel=2)
        keep = [j for j, r in enumerate(regressors) if r not in ab]
        regressors = [regressors[j] for j in keep]
        X, Xd = X[:, keep], Xd[:, keep]
        if not regressors:
            raise SingularDesignError("every regressor is absorbed by the fixed effects.")
    if col:
        raise SingularDesignError(
            f"the design is singular: regressor(s) {col} are linear combinations of the other "
            "regressors" + (" and the fixed effects" if has_fe else "") + ". Remove one of them.")

    names = list(regressors)
    if method == "dummies" and has_fe:
        dummies = [pd.get_dummies(df[f].astype(str), prefix=f, drop_first=True, dtype=float)
                   for f in fe_t]
        D = np.column_stack([np.ones(n)] + [d.to_numpy() for d in dummies])
        exog = _scale_rows(np.column_stack([X, D]), sqrt_w)
        fit = OLS(_scale_rows(y, sqrt_w), exog).fit()
        rank = int(fit.model.rank)
        if rank < exog.shape[1]:
            # redundant dummies: re-fit on a full-rank subset so the sandwich uses a proper inverse
            _, r, piv = linalg.qr(exog, mode="economic", pivoting=True)
            d = np.abs(np.diag(r))
            keepc = np.sort(piv[: int((d > 1e-10 * d[0]).sum())])
            if not set(range(X.shape[1])).issubset(set(keepc)):
                raise SingularDesignError("regressors are collinear with the dummies.")
            exog = exog[:, keepc]
            fit = OLS(_scale_rows(y, sqrt_w), exog).fit()
        k_total = exog.shape[1]
        xu_exog = exog
        params = fit.params[: len(names)]
        resid = fit.resid
        sm_model = fit
    else:
        if has_fe:
            exog = _scale_rows(Xd, sqrt_w)
            endog = _scale_rows(yd, sqrt_w)
        else:
            exog = _scale_rows(np.column_stack([np.ones(n), X]), sqrt_w)
            names = ["Intercept", *names]
            endog = _scale_rows(y, sqrt_w)
        fit = OLS(endog, exog).fit()
        params = fit.params
        resid = fit.resid
        xu_exog = exog
        sm_model = fit
        if has_fe:
            fe_dof_all = _fe_dof(fe_groups)
            if small_sample == "nested" and cov_type == "cluster":
                kept = [fg for f, fg in zip(fe_t, fe_groups)
                        if not any(_nested(fg[0], c) for c in cl_codes)]
                fe_dof = _fe_dof(kept) if kept else 1
            else:
                fe_dof = fe_dof_all
            k_total = exog.shape[1] + fe_dof
        else:
            k_total = exog.shape[1]
    k_exog = xu_exog.shape[1]
    if n - k_total <= 0:
        raise SingularDesignError(f"{n} observations cannot identify {k_total} parameters "
                                  "(slopes plus fixed effects).")
    hinv = np.linalg.inv(xu_exog.T @ xu_exog)
    xu = xu_exog * resid[:, None]
    if cov_type == "nonrobust":
        s2 = float(resid @ resid) / (n - k_total)
        cov_full = s2 * hinv
        df_inf: float | None = n - k_total
    elif cov_type == "HC1":
        cov_full = hinv @ (xu.T @ xu) @ hinv * n / (n - k_total)
        df_inf = n - k_total
    else:
        adj = (n - k_exog) / (n - k_total)
        if len(cl_codes) == 1:
            cov_full = sw.cov_cluster((xu, hinv), cl_codes[0], use_correction=True) * adj
        else:
            cov_full = sw.cov_cluster_2groups((xu, hinv), cl_codes[0], cl_codes[1],
                                              use_correction=True)[0] * adj
        df_inf = float(min(n_clusters.values()) - 1)
    kp = len(names)
    cov = pd.DataFrame(cov_full[:kp, :kp], index=names, columns=names)
    ssr = float(resid @ resid)  # resid is sqrt(w)-scaled under weights: sum of w * u^2
    wt = np.ones(n) if w is None else w
    ybar = float(wt @ y / wt.sum())
    tss = float(wt @ (y - ybar) ** 2)
    r2 = 1 - ssr / tss if tss > 0 else float("nan")
    r2_within = None
    if has_fe:
        tssw = float(wt @ yd ** 2)
        r2_within = 1 - ssr / tssw if tssw > 0 else float("nan")
    record = dict(spec or {})
    if getattr(dropped, "by_column", None):
        record["missing_by_column"] = dict(dropped.by_column)
    record.update({"method": method, "small_sample": small_sample, "k_total": int(k_total),
                   "fe_sweeps": iterations, "fe_converged": converged})
    if weights is not None:
        record["weights"] = weights
    if ab:
        record["absorbed_terms"] = list(ab)
    return RegressionResult(
        params=pd.Series(np.asarray(params)[:kp], index=names, name="coef"),
        cov=cov, nobs=n, outcome=outcome, estimator="ols",
        formula=_formula(outcome, regressors, fe_t), fixed_effects=fe_t,
        cluster=cl_t if cov_type == "cluster" else (), n_clusters=n_clusters, cov_type=cov_type,
        df_inference=df_inf, r2=r2, r2_within=r2_within, dropped=dropped, absorbed=tuple(ab),
        spec=record, sm_result=sm_model,
    )


# ---------------------------------------------------------------------------------- fe_logit
def fe_logit(
    data: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str],
    *,
    fe: str | Sequence[str] | None = None,
    cluster: str | Sequence[str] | None = None,
    min_clusters: int = 10,
    max_dummies: int = 2000,
    maxiter: int = 200,
    spec: Mapping[str, Any] | None = None,
) -> RegressionResult:
    r"""Logit with explicit fixed-effect dummies and clustered standard errors (statsmodels).

    .. math::

        \Pr(y_n = 1) = \Lambda\Big(x_n^\top\beta + \sum_k \alpha^{(k)}_{g_k(n)}\Big)

    Observations in a fixed-effect group whose outcome never varies are perfectly predicted and
    carry no information on :math:`\beta`; they are removed (repeatedly, until none is left)
    and counted in ``result.dropped``. The dummies are estimated, so with many groups the
    incidental-parameter bias applies; prefer the linear probability model of :func:`fe_ols`
    for high-dimensional fixed effects (``max_dummies`` guards against accidental use).

    Parameters
    ----------
    data, outcome, regressors, fe, cluster, min_clusters, spec
        As in :func:`fe_ols`. The outcome must be 0/1.
    max_dummies : int, default 2000
        Refuse models with more fixed-effect dummies than this.
    maxiter : int, default 200

    Returns
    -------
    RegressionResult
        ``r2`` is McFadden's pseudo :math:`R^2`.
    """
    from statsmodels.discrete.discrete_model import Logit

    fe_t, cl_t = _as_tuple(fe), _as_tuple(cluster)
    regressors = list(regressors)
    df, dropped = _prepare(data, outcome, regressors, fe_t, cl_t)
    yv = df[outcome].to_numpy(float)
    if not np.isin(yv, (0.0, 1.0)).all():
        raise OutcomeError(f"a logit needs a 0/1 outcome; {outcome!r} has other values.")
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
    if n_pp:
        dropped["perfectly predicted by fixed effects"] = n_pp
    if len(df) == 0 or df[outcome].nunique() < 2:
        raise OutcomeError(f"the outcome {outcome!r} does not vary in the estimation sample.")
    n_dum = sum(df[f].nunique() - 1 for f in fe_t)
    if n_dum > max_dummies:
        raise ModelError(f"the fixed effects {list(fe_t)} need {n_dum} dummies (> max_dummies="
                         f"{max_dummies}). Use the linear probability model, coarser fixed "
                         "effects, or raise max_dummies knowingly.")
    X = df[regressors].astype(float)
    if any(X[c].std() == 0 for c in regressors):
        raise SingularDesignError(f"regressor(s) {[c for c in regressors if X[c].std() == 0]} "
                                  "are constant in the estimation sample.")
    parts = [pd.DataFrame({"Intercept": np.ones(len(df))}, index=df.index), X]
    parts += [pd.get_dummies(df[f].astype(str), prefix=f"FE[{f}]", drop_first=True, dtype=float)
              for f in fe_t]
    exog = pd.concat(parts, axis=1)
    rank = np.linalg.matrix_rank(exog.to_numpy())
    if rank < exog.shape[1]:
        if np.linalg.matrix_rank(exog.drop(columns=regressors).to_numpy()) + len(regressors) \
                > rank:
            raise SingularDesignError(f"regressors {regressors} are collinear with each other "
                                      "or with the fixed effects.")
        _, r, piv = linalg.qr(exog.to_numpy(), mode="economic", pivoting=True)
        keepc = np.sort(piv[:rank])
        exog = exog.iloc[:, keepc]
    cl_codes, n_clusters = _cluster_setup(df, cl_t, min_clusters) if cl_t else ([], {})
    model = Logit(df[outcome].to_numpy(float), exog)
    if cl_t:
        groups = cl_codes[0] if len(cl_codes) == 1 else np.column_stack(cl_codes)
        res = model.fit(disp=0, maxiter=maxiter, cov_type="cluster", cov_kwds={"groups": groups})
        df_inf: float | None = float(min(n_clusters.values()) - 1)
    else:
        res = model.fit(disp=0, maxiter=maxiter, cov_type="HC1")
        df_inf = None
    if not res.mle_retvals.get("converged", True):
        warnings.warn("the logit did not converge; estimates are unreliable.", ModelWarning,
                      stacklevel=2)
    names = regressors if fe_t else ["Intercept", *regressors]
    names = [c for c in names if c in exog.columns]
    cov = pd.DataFrame(np.asarray(res.cov_params())[:, :], index=exog.columns,
                       columns=exog.columns).loc[names, names]
    record = dict(spec or {})
    if getattr(dropped, "by_column", None):
        record["missing_by_column"] = dict(dropped.by_column)
    record.update({"method": "dummies", "n_dummies": int(n_dum)})
    return RegressionResult(
        params=pd.Series(res.params, index=exog.columns).loc[names].rename("coef"), cov=cov,
        nobs=int(res.nobs), outcome=outcome, estimator="logit",
        formula=_formula(outcome, regressors, fe_t), fixed_effects=fe_t, cluster=cl_t,
        n_clusters=n_clusters, cov_type="cluster" if cl_t else "HC1", df_inference=df_inf,
        r2=float(res.prsquared), r2_within=None, dropped=dropped, spec=record, sm_result=res,
    )


