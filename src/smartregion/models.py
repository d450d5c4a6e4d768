r"""Regression specifications of the regional-diversification literature, and their tables.

The module has three layers.

1. **Estimators on plain DataFrames.** :func:`fe_ols` (linear model with any number of absorbed
   fixed effects, one- or two-way clustered standard errors) and :func:`fe_logit` (logit with
   explicit fixed-effect dummies). Both return a :class:`RegressionResult` that records the
   formula, the sample filters, the fixed effects, the clusters and every dropped observation.
2. **Specifications.** :func:`growth_table` (annualised growth between two periods, with zeros
   handled explicitly), :func:`frenken_growth` (regional growth on related and unrelated
   variety, Frenken, Van Oort & Verburg 2007), :func:`entry_model` / :func:`exit_model` (entry
   or exit of specialisations on relatedness density and complexity, Neffke, Henning & Boschma
   2011; Balland et al. 2019), :func:`industry_growth_model` (local industry growth on
   relatedness and complexity, Davies & Maré 2021) and the spatial-unit checks
   :func:`spatial_unit_sensitivity` / :func:`coefficient_sensitivity` (the modifiable areal unit
   problem, Openshaw 1984).
3. **Tables.** :func:`regression_table` puts several fitted models side by side and writes CSV,
   Markdown and LaTeX; every table carries its data source, sample filters and the smartregion
   version.

Fixed effects are absorbed by the method of alternating projections: each variable is
demeaned within the groups of every fixed effect in turn until the largest change in a sweep
falls below ``tol`` (Guimarães & Portugal 2010; Gaure 2013). One fixed effect needs a single
sweep; two or more converge geometrically. By the Frisch-Waugh-Lovell theorem the slope
estimates equal those of the regression with explicit dummies.

References
----------
Frenken, K., Van Oort, F., & Verburg, T. (2007). Related variety, unrelated variety and regional
economic growth. *Regional Studies*, 41(5), 685-697.

Neffke, F., Henning, M., & Boschma, R. (2011). How do regions diversify over time? Industry
relatedness and the development of new growth paths in regions. *Economic Geography*, 87(3),
237-265.

Balland, P.-A., Boschma, R., Crespo, J., & Rigby, D. L. (2019). Smart specialization policy in the
European Union: relatedness, knowledge complexity and regional diversification. *Regional
Studies*, 53(9), 1252-1268.

Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. *Regional Studies*,
55(3), 479-494.

Openshaw, S. (1984). *The Modifiable Areal Unit Problem*. CATMOG 38. Norwich: Geo Books.

Cameron, A. C., Gelbach, J. B., & Miller, D. L. (2011). Robust inference with multiway
clustering. *Journal of Business & Economic Statistics*, 29(2), 238-249.

Guimarães, P., & Portugal, P. (2010). A simple feasible procedure to fit models with
high-dimensional fixed effects. *The Stata Journal*, 10(4), 628-649.

Gaure, S. (2013). OLS with multiple high dimensional category variables. *Computational
Statistics & Data Analysis*, 66, 8-18.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import linalg, stats
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .panel import DroppedDataWarning, Panel, PanelError, SmartRegionWarning

__all__ = [
    "ModelError",
    "SingularDesignError",
    "ClusterError",
    "OutcomeError",
    "ModelWarning",
    "RegressionResult",
    "fe_ols",
    "fe_logit",
    "demean",
    "period_pairs",
    "growth_table",
    "frenken_data",
    "frenken_growth",
    "entry_pairs",
    "entry_model",
    "exit_model",
    "industry_growth_data",
    "industry_growth_model",
    "SensitivityResult",
    "spatial_unit_sensitivity",
    "coefficient_sensitivity",
    "RegressionTable",
    "regression_table",
]

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


def _prepare(
    data: pd.DataFrame,
    outcome: str,
    regressors: Sequence[str],
    fe: Sequence[str],
    cluster: Sequence[str],
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Keep the needed columns, drop rows with missing values and count them per column."""
    if not isinstance(data, pd.DataFrame):
        raise ModelError(f"data must be a pandas DataFrame; got {type(data)!r}.")
    needed = list(dict.fromkeys([outcome, *regressors, *fe, *cluster]))
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
    num = df[[outcome, *regressors]].apply(pd.to_numeric, errors="coerce").astype(float)
    bad_num = ~np.isfinite(num.to_numpy())
    bad_key = df[list(dict.fromkeys([*fe, *cluster]))].isna().to_numpy() if (fe or cluster) \
        else np.zeros((len(df), 0), bool)
    bad = np.concatenate([bad_num, bad_key], axis=1)
    dropped: dict[str, int] = {}
    cols = [outcome, *regressors] + list(dict.fromkeys([*fe, *cluster]))
    row_bad = bad.any(axis=1)
    if row_bad.any():
        for j, c in enumerate(cols):
            n = int(bad[:, j].sum())
            if n:
                dropped[f"missing {c}"] = n
        dropped["rows with any missing value"] = int(row_bad.sum())
    out = df.loc[~row_bad].copy()
    out[outcome] = num.loc[~row_bad, outcome]
    for c in regressors:
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
) -> tuple[np.ndarray, int, bool]:
    r"""Remove any number of fixed effects from the columns of ``values`` (alternating projections).

    Each sweep subtracts the group means of every grouping in turn,

    .. math::

        v \leftarrow v - D_k (D_k^\top D_k)^{-1} D_k^\top v, \qquad k = 1, \dots, K,

    until the largest absolute change in a sweep is below ``tol`` times the scale of the data.
    The limit is the residual of the projection of ``v`` on all dummies together
    (von Neumann-Halperin), which gives the within transformation used by :func:`fe_ols`.

    Parameters
    ----------
    values : ndarray, shape (n,) or (n, k)
    groups : sequence of int arrays of length n
        Group codes ``0..G-1`` of each fixed effect.
    tol : float, default 1e-12
    maxiter : int, default 10000

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
    counts = [np.bincount(g).astype(float) for g in groups]
    scale = max(1.0, float(np.max(np.abs(v))) if v.size else 1.0)
    it = 0
    converged = False
    for it in range(1, maxiter + 1):
        before = v.copy() if len(groups) > 1 else None
        for g, n in zip(groups, counts):
            for j in range(v.shape[1]):
                means = np.bincount(g, weights=v[:, j], minlength=len(n)) / n
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
    df, dropped = _prepare(data, outcome, regressors, fe_t, cl_t if cov_type == "cluster" else ())
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
                                             tol=tol, maxiter=maxiter)
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
        exog = np.column_stack([X, D])
        fit = OLS(y, exog).fit()
        rank = int(fit.model.rank)
        if rank < exog.shape[1]:
            # redundant dummies: re-fit on a full-rank subset so the sandwich uses a proper inverse
            _, r, piv = linalg.qr(exog, mode="economic", pivoting=True)
            d = np.abs(np.diag(r))
            keepc = np.sort(piv[: int((d > 1e-10 * d[0]).sum())])
            if not set(range(X.shape[1])).issubset(set(keepc)):
                raise SingularDesignError("regressors are collinear with the dummies.")
            exog = exog[:, keepc]
            fit = OLS(y, exog).fit()
        k_total = exog.shape[1]
        xu_exog = exog
        params = fit.params[: len(names)]
        resid = fit.resid
        sm_model = fit
    else:
        if has_fe:
            exog = Xd
            endog = yd
        else:
            exog = np.column_stack([np.ones(n), X])
            names = ["Intercept", *names]
            endog = y
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
    ssr = float(resid @ resid)
    tss = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - ssr / tss if tss > 0 else float("nan")
    r2_within = None
    if has_fe:
        tssw = float(yd @ yd)
        r2_within = 1 - ssr / tssw if tssw > 0 else float("nan")
    record = dict(spec or {})
    record.update({"method": method, "small_sample": small_sample, "k_total": int(k_total),
                   "fe_sweeps": iterations, "fe_converged": converged})
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
    record.update({"method": "dummies", "n_dummies": int(n_dum)})
    return RegressionResult(
        params=pd.Series(res.params, index=exog.columns).loc[names].rename("coef"), cov=cov,
        nobs=int(res.nobs), outcome=outcome, estimator="logit",
        formula=_formula(outcome, regressors, fe_t), fixed_effects=fe_t, cluster=cl_t,
        n_clusters=n_clusters, cov_type="cluster" if cl_t else "HC1", df_inference=df_inf,
        r2=float(res.prsquared), r2_within=None, dropped=dropped, spec=record, sm_result=res,
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
) -> pd.DataFrame:
    r"""Region-period table for a Frenken-type growth regression.

    For every period :math:`(t, t+k)` and region :math:`r`: the annualised growth of
    ``outcome_panel`` (default: the panel's own totals) between :math:`t` and :math:`t+k`
    (:func:`growth_table`), and at :math:`t` the entropy terms from
    :func:`smartregion.variety.related_unrelated_variety` (``total``, ``related``,
    ``unrelated``), ``log_size`` (log of the regional total), ``herfindahl`` and ``krugman``
    (from :mod:`smartregion.structure`). ``lagged_growth`` adds the growth of the previous
    period of the same length (missing for the first period). ``covariates`` (indexed by region
    or by (time, region)) are merged on.

    Returns
    -------
    DataFrame
        Columns ``region, period, start, end, years, growth, excluded, total, related,
        unrelated, log_size, herfindahl, krugman`` [, ``lagged_growth``, covariates].
        ``attrs["excluded"]`` counts rows whose growth is undefined.
    """
    from . import structure
    from .variety import related_unrelated_variety

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
    out.attrs["excluded"] = excluded
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
    pre_dropped = dict(table.attrs.get("excluded", {}))
    if sample:
        before = len(table)
        table = table.query(sample)
        filters.append(sample)
        pre_dropped[f"sample filter {sample!r}"] = before - len(table)
    n_periods = table["period"].nunique() if "period" in table.columns else 1
    if isinstance(fe, str) and fe == "auto":
        fe = ("region", "period") if n_periods > 1 else None
    spec = {"model": "frenken_growth", "source": source, "filters": filters,
            "periods": sorted(map(str, table["period"].unique())) if "period" in table else [],
            "controls": list(controls)}
    res = fe_ols(table, outcome, [related, unrelated, *controls], fe=fe, cluster=cluster,
                 cov_type=cov_type, min_clusters=min_clusters, small_sample=small_sample,
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
        Columns ``region, industry, period, start, end, M_start, M_end, <kind>, density``
        [, ``complexity``, ``region_complexity``], plus ``region_period`` and
        ``industry_period`` identifiers for fixed effects.
    """
    from .structure import binary_array

    if not panel.has_time:
        raise ModelError("entry and exit need a panel with several periods.")
    if kind not in ("entry", "exit"):
        raise ModelError(f"kind must be 'entry' or 'exit'; got {kind!r}.")
    pairs = period_pairs(panel.times, step=step, periods=periods)
    if density is None:
        from .relatedness import relatedness_density
        density = relatedness_density(panel)
    if complexity is None:
        from .complexity import pci
        complexity = pci(panel)
    _, m = binary_array(panel, threshold=threshold)
    x = panel.values
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
                            "start": t0, "end": t1, "M_start": m0[keep], "M_end": m1[keep]})
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
    regs = [*terms, *controls]
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
        min_clusters=min_clusters, sample=sample, source=source, pair_kwargs=pair_kwargs)


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
    **pair_kwargs: Any,
) -> RegressionResult:
    r"""Exit of existing specialisations; the mirror image of :func:`entry_model`.

    For pairs specialised at :math:`t` (:math:`M_{rit} = 1`):

    .. math::

        \text{Exit}_{ri,t+k} = 1 - M_{ri,t+k} = \beta_1 RD_{rit} + \beta_2 C_{it}
            + \beta_3 RD_{rit} C_{it} + \gamma^\top z_{rit} + \mu_{rt} + \lambda_{it}
            + \varepsilon_{rit}.

    Neffke, Henning & Boschma (2011) find that industries weakly related to the rest of the
    region are more likely to exit (:math:`\beta_1 < 0`). Parameters as in :func:`entry_model`.

    References
    ----------
    Neffke, F., Henning, M., & Boschma, R. (2011). *Economic Geography*, 87(3), 237-265.
    """
    return _diversification_model(
        data, "exit", density=density, complexity=complexity, interaction=interaction,
        controls=controls, fe=fe, cluster=cluster, estimator=estimator, standardise=standardise,
        min_clusters=min_clusters, sample=sample, source=source, pair_kwargs=pair_kwargs)


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
        from .relatedness import relatedness_density
        density = relatedness_density(panel)
    if complexity is None:
        from .complexity import pci
        complexity = pci(panel)
    if region_complexity is None:
        from .complexity import eci
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


# ---------------------------------------------------------------------------------- tables
def _stars(p: float, levels: Sequence[float]) -> str:
    if not np.isfinite(p):
        return ""
    return "*" * sum(p < lv for lv in levels)


def _fmt(x: float, digits: int) -> str:
    if x is None or not np.isfinite(x):
        return ""
    return f"{x:.{digits}f}"


@dataclass
class RegressionTable:
    """Several models side by side, with the record needed to reproduce them.

    Attributes
    ----------
    frame : DataFrame of str
        Display table: index = row labels (a coefficient row per term followed by its standard
        error row ``"<term> (se)"``, then fixed-effect rows ``"FE: <name>"`` with Yes/No, then
        ``N``, ``R2``, ``Within R2``, ``Clusters``, ``Dropped``); columns = model names.
    estimates : DataFrame
        Long numeric table: model, term, coef, se, p, ci_low, ci_high.
    meta : dict of str -> str
        ``source``, ``filters``, ``smartregion_version``, ``notes`` (and anything added).
    """

    frame: pd.DataFrame
    estimates: pd.DataFrame
    meta: dict[str, str]

    # ---- CSV
    def to_csv(self, path: str | Path | None = None) -> str:
        """Write the display table as CSV, preceded by ``# key: value`` metadata lines."""
        buf = io.StringIO()
        for k, v in self.meta.items():
            buf.write(f"# {k}: {str(v).replace(chr(10), ' ')}\n")
        self.frame.to_csv(buf, index=True, index_label="term", quoting=csv.QUOTE_NONNUMERIC)
        text = buf.getvalue()
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    @classmethod
    def read_csv(cls, path: str | Path) -> RegressionTable:
        """Read a table written by :meth:`to_csv` (``estimates`` is not stored in it)."""
        text = Path(path).read_text(encoding="utf-8")
        meta: dict[str, str] = {}
        lines = text.splitlines(keepends=True)
        j = 0
        while j < len(lines) and lines[j].startswith("# "):
            key, _, val = lines[j][2:].rstrip("\n").partition(": ")
            meta[key] = val
            j += 1
        frame = pd.read_csv(io.StringIO("".join(lines[j:])), index_col=0, dtype=str,
                            keep_default_na=False)
        frame.index.name = None
        frame.columns.name = None
        return cls(frame=frame, estimates=pd.DataFrame(), meta=meta)

    # ---- Markdown
    def to_markdown(self, path: str | Path | None = None) -> str:
        """Pipe table with the metadata as a note underneath."""
        cols = ["", *map(str, self.frame.columns)]
        out = ["| " + " | ".join(cols) + " |", "|" + "|".join(["---"] + [":---:"] *
                                                              (len(cols) - 1)) + "|"]
        for lab, row in self.frame.iterrows():
            shown = "" if str(lab).endswith(" (se)") else str(lab)
            cells = [shown, *[str(v) for v in row]]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
        out.append(self._note())
        text = "\n".join(out) + "\n"
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    # ---- LaTeX
    def to_latex(self, path: str | Path | None = None) -> str:
        """A ``tabular`` (booktabs rules) with the metadata as a table note."""
        def esc(s: str) -> str:
            for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"),
                         ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}"),
                         ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}")):
                s = s.replace(a, b)
            return s

        ncol = self.frame.shape[1]
        lines = [r"\begin{tabular}{l" + "c" * ncol + "}", r"\toprule",
                 " & ".join(["", *[esc(str(c)) for c in self.frame.columns]]) + r" \\",
                 r"\midrule"]
        for lab, row in self.frame.iterrows():
            lab = str(lab)
            shown = "" if lab.endswith(" (se)") else esc(lab)
            cells = [shown]
            for v in row:
                s = esc(str(v))
                s = s.replace("***", "$^{***}$") if "***" in s else (
                    s.replace("**", "$^{**}$") if "**" in s else s.replace("*", "$^{*}$"))
                cells.append(s)
            if lab == "N" or lab.startswith("FE: ") and not self._prev_fe(lab):
                lines.append(r"\midrule")
            lines.append(" & ".join(cells) + r" \\")
        lines += [r"\bottomrule", r"\end{tabular}", "",
                  r"\par\footnotesize " + esc(self._note())]
        text = "\n".join(lines) + "\n"
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def _prev_fe(self, lab: str) -> bool:
        labels = list(self.frame.index)
        i = labels.index(lab)
        return i > 0 and str(labels[i - 1]).startswith("FE: ")

    def _note(self) -> str:
        parts = [f"{k}: {v}" for k, v in self.meta.items() if v != ""]
        return "Note. " + "; ".join(parts) + "."

    def write(self, stem: str | Path) -> list[Path]:
        """Write ``<stem>.csv``, ``<stem>.md`` and ``<stem>.tex``; return the paths."""
        stem = Path(stem)
        paths = [stem.with_suffix(".csv"), stem.with_suffix(".md"), stem.with_suffix(".tex")]
        self.to_csv(paths[0])
        self.to_markdown(paths[1])
        self.to_latex(paths[2])
        return paths


def regression_table(
    results: Mapping[str, RegressionResult],
    *,
    terms: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    digits: int = 3,
    stars: Sequence[float] = (0.1, 0.05, 0.01),
    source: str | None = None,
    filters: str | Sequence[str] | None = None,
    notes: str = "",
) -> RegressionTable:
    """Side-by-side table of fitted models with standard errors, stars and model facts.

    Each coefficient cell is ``estimate`` plus one star per level in ``stars`` that its p-value
    is below (default * 10%, ** 5%, *** 1%); the row beneath gives the standard error in
    parentheses (clustered when the model was clustered). Fixed-effect rows say Yes/No per
    model; ``N``, ``R2`` (pseudo R2 for a logit), ``Within R2``, ``Clusters`` and ``Dropped``
    (observations removed before estimation) follow. The metadata records the data source and
    sample filters (taken from the models' specs unless given) and ``smartregion.__version__``.

    Parameters
    ----------
    results : dict of name -> RegressionResult
    terms : sequence of str, optional
        Terms to show, in order (default: all, in order of first appearance).
    labels : dict, optional
        Display names for terms.
    digits : int, default 3
    stars : sequence of float, default (0.1, 0.05, 0.01)
    source, filters, notes : str
        Override or extend the record.

    Returns
    -------
    RegressionTable
    """
    from . import __version__

    if not results:
        raise ModelError("give at least one fitted model.")
    labels = dict(labels or {})
    if terms is None:
        seen: list[str] = []
        for r in results.values():
            seen += [t for t in r.params.index if t not in seen]
        terms = seen
    rows: dict[str, dict[str, str]] = {}
    est_rows = []
    for name, r in results.items():
        sf = r.summary_frame()
        for t, e in sf.iterrows():
            est_rows.append({"model": name, "term": t, **{k: float(v) for k, v in e.items()}})
    order: list[str] = []
    for t in terms:
        lab = labels.get(t, t)
        order += [lab, f"{lab} (se)"]
        rows[lab], rows[f"{lab} (se)"] = {}, {}
        for name, r in results.items():
            if t in r.params.index:
                p = float(r.pvalues[t])
                rows[lab][name] = _fmt(float(r.params[t]), digits) + _stars(p, stars)
                rows[f"{lab} (se)"][name] = "(" + _fmt(float(r.bse[t]), digits) + ")"
            else:
                rows[lab][name] = rows[f"{lab} (se)"][name] = ""
    all_fe: list[str] = []
    for r in results.values():
        all_fe += [f for f in r.fixed_effects if f not in all_fe]
    for f in all_fe:
        lab = f"FE: {f}"
        order.append(lab)
        rows[lab] = {n: ("Yes" if f in r.fixed_effects else "No") for n, r in results.items()}
    facts = {
        "N": {n: str(r.nobs) for n, r in results.items()},
        "R2": {n: ("" if r.r2 is None else _fmt(r.r2, digits)) for n, r in results.items()},
        "Within R2": {n: ("" if r.r2_within is None else _fmt(r.r2_within, digits))
                      for n, r in results.items()},
        "Clusters": {n: ", ".join(f"{k}={v}" for k, v in r.n_clusters.items()) or "none"
                     for n, r in results.items()},
        "Dropped": {n: str(r.n_dropped) for n, r in results.items()},
        "Estimator": {n: r.estimator for n, r in results.items()},
    }
    for k, v in facts.items():
        if k == "Within R2" and not any(v.values()):
            continue
        order.append(k)
        rows[k] = v
    frame = pd.DataFrame([rows[k] for k in order], index=order,
                         columns=list(results)).fillna("").astype(str)
    if source is None:
        src = sorted({str(r.spec.get("source", "")) for r in results.values()} - {""})
        source = " | ".join(src)
    if filters is None:
        fl: list[str] = []
        for r in results.values():
            fl += [f for f in r.spec.get("filters", []) if f not in fl]
        filters = "; ".join(fl)
    elif not isinstance(filters, str):
        filters = "; ".join(filters)
    star_note = ", ".join(f"{'*' * (i + 1)} p<{lv:g}" for i, lv in
                          enumerate(sorted(stars, reverse=True)))
    meta = {"source": source, "filters": filters, "smartregion_version": __version__,
            "standard_errors": "; ".join(sorted({r.cov_type for r in results.values()})),
            "stars": star_note, "notes": notes}
    return RegressionTable(frame=frame, estimates=pd.DataFrame(est_rows), meta=meta)
