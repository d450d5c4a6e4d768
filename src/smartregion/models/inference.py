r"""Inference beyond one coefficient at a time: joint Wald tests, the wild cluster bootstrap
for few clusters, and multiple-testing adjustments across a table (third layer of
:mod:`smartregion.models`).

* :func:`wald_test` - joint test of :math:`R\beta = q` with the model's (cluster-robust)
  covariance.
* :func:`wild_cluster_bootstrap` - restricted wild cluster bootstrap (WCR) t-test p-values
  with Rademacher or Webb weights (Cameron, Gelbach & Miller 2008; Webb 2023), seeded.
* :func:`adjusted_pvalues` - Holm (1979) and Romano-Wolf (2005) step-down adjusted p-values
  for every (model, term) of a table; the Romano-Wolf resampling uses the same bootstrap
  draws for all hypotheses, so their dependence is kept (Clarke, Romano & Wolf 2020).

pyfixest's own ``wildboottest`` and ``rwolf`` need the separate ``wildboottest`` package (with
numba); the bootstrap here is a small vectorised implementation on the design that
:func:`~smartregion.models.fe_ols` stores (fixed effects swept out, weights applied), checked
against explicit refits in the tests.

References
----------
Cameron, A. C., Gelbach, J. B., & Miller, D. L. (2008). Bootstrap-based improvements for
inference with clustered errors. *Review of Economics and Statistics*, 90(3), 414-427.

Webb, M. D. (2023). Reworking wild bootstrap-based inference for clustered errors. *Canadian
Journal of Economics*, 56(3), 839-858.

MacKinnon, J. G., & Webb, M. D. (2018). The wild bootstrap for few (treated) clusters.
*The Econometrics Journal*, 21(2), 114-135.

Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
Journal of Statistics*, 6(2), 65-70.

Romano, J. P., & Wolf, M. (2005). Stepwise multiple testing as formalized data snooping.
*Econometrica*, 73(4), 1237-1282.

Clarke, D., Romano, J. P., & Wolf, M. (2020). The Romano-Wolf multiple-hypothesis correction
in Stata. *The Stata Journal*, 20(4), 812-843.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from .estimators import ClusterError, ModelError, RegressionResult

__all__ = ["wald_test", "bootstrap_weights", "wild_cluster_bootstrap", "holm",
           "romano_wolf", "adjusted_pvalues", "WEBB_POINTS"]

BootWeights = Literal["rademacher", "webb"]
#: Webb's six-point distribution: :math:`\pm\sqrt{1/2}, \pm 1, \pm\sqrt{3/2}`, each with
#: probability 1/6 (mean 0, variance 1); preferred to Rademacher with fewer than about 12
#: clusters, where Rademacher has only :math:`2^G` distinct draws (Webb 2023).
WEBB_POINTS = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


# ---------------------------------------------------------------------------------- Wald
def wald_test(result: RegressionResult, terms: Sequence[str],
              q: Sequence[float] | None = None) -> dict[str, object]:
    r"""Joint Wald test that the coefficients of ``terms`` equal ``q`` (default zero).

    .. math::

        W = (\hat\beta_S - q)^\top \hat V_S^{-1} (\hat\beta_S - q), \qquad F = W / m,

    with :math:`\hat V_S` the block of the model's covariance (cluster-robust when the model
    is clustered) for the :math:`m` tested terms. The p-value is from
    :math:`F(m, d)` with :math:`d` the model's inference degrees of freedom (:math:`G-1` when
    clustered), or :math:`\chi^2_m` when the model uses the normal reference (logit).

    Returns
    -------
    dict
        ``terms``, ``statistic`` (F, or W for chi-square), ``df_num``, ``df_den``,
        ``distribution``, ``p``.
    """
    terms = list(terms)
    absent = [t for t in terms if t not in result.params.index]
    if absent:
        raise ModelError(f"term(s) {absent} are not in the model ({list(result.params.index)}).")
    b = result.params[terms].to_numpy(float)
    b = b - (np.zeros(len(terms)) if q is None else np.asarray(q, float))
    V = result.cov.loc[terms, terms].to_numpy(float)
    W = float(b @ np.linalg.solve(V, b))
    m = len(terms)
    if result.df_inference is None:
        return {"terms": terms, "statistic": W, "df_num": m, "df_den": None,
                "distribution": "chi2", "p": float(stats.chi2.sf(W, m))}
    F = W / m
    return {"terms": terms, "statistic": F, "df_num": m, "df_den": float(result.df_inference),
            "distribution": "F", "p": float(stats.f.sf(F, m, result.df_inference))}


# ---------------------------------------------------------------------------------- WCR
def bootstrap_weights(labels: Sequence[object], reps: int, seed: int,
                      kind: BootWeights = "webb") -> pd.DataFrame:
    """A ``reps x clusters`` table of wild-bootstrap weights, one column per cluster label.

    Drawing by label (sorted) lets several models of one table share the same draws.
    """
    if reps < 99:
        raise ModelError(f"reps={reps} is too few for a bootstrap p-value; use >= 999.")
    cols = sorted(set(map(str, labels)))
    rng = np.random.default_rng(seed)
    if kind == "rademacher":
        v = rng.choice(np.array([-1.0, 1.0]), size=(reps, len(cols)))
    elif kind == "webb":
        v = rng.choice(WEBB_POINTS, size=(reps, len(cols)))
    else:
        raise ModelError(f"weights must be 'rademacher' or 'webb'; got {kind!r}.")
    return pd.DataFrame(v, columns=cols)


def _boot_t(X: np.ndarray, y: np.ndarray, codes: np.ndarray, j: int, V: np.ndarray
            ) -> tuple[float, np.ndarray]:
    r"""Observed and restricted-bootstrap t statistics of coefficient ``j``.

    Null-restricted fit :math:`\tilde u = y - X_{-j}\tilde\beta_{-j}`; draw
    :math:`y^*_b = X_{-j}\tilde\beta_{-j} + v_{b,g(n)}\tilde u_n`. With
    :math:`z = X (X^\top X)^{-1} e_j`, :math:`\hat\beta^*_{j,b} = z^\top y^*_b` and the
    cluster scores of the refit are :math:`s_{gb} = v_{bg} S_g - v_b^\top Q A z_g`, where
    :math:`S_g = \sum_{n\in g} z_n \tilde u_n`, :math:`Q_g = \sum_{n\in g} x_n \tilde u_n`,
    :math:`A = (X^\top X)^{-1}` and :math:`z_g = \sum_{n\in g} z_n x_n` - so all draws are
    matrix products, with no refit. The CRV1 factor is common to observed and bootstrap
    statistics and cancels in the p-value.
    """
    G = V.shape[1]
    A = np.linalg.inv(X.T @ X)
    z = X @ A[:, j]
    # observed t (unrestricted residuals)
    u = y - X @ (A @ (X.T @ y))
    score = np.bincount(codes, weights=z * u, minlength=G)
    t_obs = float((z @ y) / np.sqrt(score @ score))
    Xr = np.delete(X, j, axis=1)
    if Xr.shape[1]:
        ur = y - Xr @ np.linalg.lstsq(Xr, y, rcond=None)[0]
    else:
        ur = y.copy()
    S = np.bincount(codes, weights=z * ur, minlength=G)                       # (G,)
    Q = np.column_stack([np.bincount(codes, weights=X[:, k] * ur, minlength=G)
                         for k in range(X.shape[1])])                         # (G, k)
    Zg = np.column_stack([np.bincount(codes, weights=X[:, k] * z, minlength=G)
                          for k in range(X.shape[1])])                        # (G, k)
    beta_b = V @ S                                                            # (B,)
    scores = V * S[None, :] - V @ (Q @ A @ Zg.T)                              # (B, G)
    se_b = np.sqrt((scores ** 2).sum(axis=1))
    return t_obs, beta_b / se_b


def wild_cluster_bootstrap(
    result: RegressionResult,
    terms: Sequence[str] | None = None,
    *,
    cluster: str | None = None,
    reps: int = 9999,
    seed: int = 0,
    weights: BootWeights = "webb",
    draws: pd.DataFrame | None = None,
    return_draws: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, dict[str, np.ndarray]]:
    r"""Restricted wild cluster bootstrap (WCR) p-values of single coefficients.

    For each term the null :math:`\beta_j = 0` is imposed, residuals of the restricted model
    are multiplied cluster by cluster by weights :math:`v_{bg}` (Rademacher :math:`\pm1`, or
    Webb's six-point distribution), and the CRV1 t statistic is recomputed on each of
    ``reps`` draws. The symmetric p-value is :math:`\frac1B\sum_b 1\{|t^*_b| \ge |t|\}`
    (Cameron, Gelbach & Miller 2008; MacKinnon & Webb 2018). It is reliable with few
    clusters where the t(G-1) reference of CRV1 over-rejects. The fixed effects are swept out
    first (Frisch-Waugh-Lovell), which is exact for the slopes.

    Parameters
    ----------
    result : RegressionResult
        A linear model from :func:`~smartregion.models.fe_ols` (``method="demean"``),
        clustered by one variable.
    terms : sequence of str, optional
        Default: every reported coefficient except ``Intercept``.
    cluster : str, optional
        Bootstrap cluster; default the model's clustering variable.
    reps : int, default 9999
    seed : int, default 0
    weights : {"webb", "rademacher"}, default "webb"
    draws : DataFrame, optional
        Weights from :func:`bootstrap_weights` (one column per cluster label), to share draws
        across models; overrides ``reps``/``seed``/``weights``.
    return_draws : bool
        Also return the bootstrap t statistics (for :func:`romano_wolf`).

    Returns
    -------
    DataFrame
        Indexed by term: ``coef``, ``t``, ``p_wcr``, ``clusters``, ``reps``, ``weights``.
    """
    if result.estimator != "ols" or result.design is None:
        raise ModelError("the wild cluster bootstrap needs a linear model fitted by fe_ols "
                         "with method='demean'.")
    cl = cluster or (result.cluster[0] if result.cluster else None)
    if cl is None or cl not in result.design["clusters"]:
        raise ClusterError(f"the model has no cluster codes for {cl!r}; refit it clustered by "
                           "that column.")
    if cluster is None and len(result.cluster) > 1:
        raise ClusterError("the bootstrap supports one clustering variable; name it.")
    X, y = result.design["X"], result.design["y"]
    names = result.design["names"]
    codes = result.design["clusters"][cl]
    labels = result.design.get("cluster_labels", {}).get(cl)
    if labels is None:
        labels = np.array([str(k) for k in range(codes.max() + 1)])
    if draws is None:
        draws = bootstrap_weights(labels, reps, seed, weights)
        wlabel = weights
    else:
        wlabel = str(draws.attrs.get("kind", "given"))
    missing = sorted(set(map(str, labels)) - set(draws.columns))
    if missing:
        raise ClusterError(f"draws lack cluster label(s) {missing[:5]}.")
    V = draws[[str(lab) for lab in labels]].to_numpy(float)
    terms = [t for t in names if t != "Intercept"] if terms is None else list(terms)
    rows, boot = [], {}
    for t in terms:
        if t not in names:
            raise ModelError(f"term {t!r} is not in the model ({names}).")
        t_obs, t_b = _boot_t(X, y, codes, names.index(t), V)
        boot[t] = t_b
        rows.append({"term": t, "coef": float(result.params[t]), "t": t_obs,
                     "p_wcr": float(np.mean(np.abs(t_b) >= abs(t_obs))),
                     "clusters": int(len(labels)), "reps": int(len(V)), "weights": wlabel})
    out = pd.DataFrame(rows).set_index("term")
    return (out, boot) if return_draws else out


# ---------------------------------------------------------------------------------- adjustments
def holm(p: Sequence[float]) -> np.ndarray:
    r"""Holm's step-down adjusted p-values: sort :math:`p_{(1)} \le \dots \le p_{(m)}`,
    :math:`\tilde p_{(k)} = \max_{i \le k} \min\{1, (m - i + 1) p_{(i)}\}` (Holm 1979).

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03]).round(2).tolist()
    [0.03, 0.06, 0.06]
    """
    p = np.asarray(p, float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adj = np.minimum(1.0, (m - np.arange(m)) * p[order])
    adj = np.maximum.accumulate(adj)
    out = np.empty(m)
    out[order] = adj
    return out


def romano_wolf(t_obs: Sequence[float], t_boot: np.ndarray) -> np.ndarray:
    r"""Romano-Wolf step-down adjusted p-values from observed and bootstrap t statistics.

    Order hypotheses by :math:`|t|` descending; the :math:`k`-th is compared with the
    bootstrap distribution of :math:`\max_{i \ge k} |t^*_i|` over the hypotheses not yet
    rejected; adjusted p-values are made monotone by a running maximum (Romano & Wolf 2005;
    Clarke, Romano & Wolf 2020, with :math:`p = (1 + \#\{\max^* \ge |t|\}) / (B + 1)`).

    Parameters
    ----------
    t_obs : (S,) observed statistics
    t_boot : (B, S) bootstrap statistics under the null, drawn jointly
    """
    t = np.abs(np.asarray(t_obs, float))
    tb = np.abs(np.asarray(t_boot, float))
    B, S = tb.shape
    if len(t) != S:
        raise ModelError(f"{len(t)} statistics but {S} bootstrap columns.")
    order = np.argsort(-t, kind="stable")
    p = np.empty(S)
    for k, s in enumerate(order):
        mx = tb[:, order[k:]].max(axis=1)
        p[k] = min(1.0, (1 + np.sum(mx >= t[s])) / (B + 1))
    p = np.maximum.accumulate(p)
    out = np.empty(S)
    out[order] = p
    return out


def adjusted_pvalues(
    results: Mapping[str, RegressionResult],
    terms: Sequence[str],
    *,
    cluster: str | None = None,
    reps: int = 9999,
    seed: int = 0,
    weights: BootWeights = "webb",
) -> pd.DataFrame:
    r"""Conventional, wild-bootstrap, Holm and Romano-Wolf p-values for a whole table.

    Every (model, term) pair with the term in the model is one hypothesis
    :math:`\beta = 0`. ``p`` is the model's CRV1 t(G-1) p-value, ``p_holm`` its Holm
    adjustment over the table, ``p_wcr`` the restricted wild cluster bootstrap p-value
    (:func:`wild_cluster_bootstrap`) and ``p_rw`` the Romano-Wolf adjustment computed from
    the same bootstrap draws for every hypothesis (one weight per cluster label, shared by
    all models), so the joint dependence of the tests is respected.

    Returns
    -------
    DataFrame
        Rows (model, term): ``coef``, ``se``, ``t``, ``p``, ``p_holm``, ``p_wcr``, ``p_rw``,
        ``clusters``; ``attrs`` records ``reps``, ``seed``, ``weights``, ``hypotheses``.
    """
    labels: set[str] = set()
    for r in results.values():
        cl = cluster or (r.cluster[0] if r.cluster else None)
        if r.design is None or cl not in (r.design or {}).get("clusters", {}):
            raise ClusterError("every model must be a clustered fe_ols fit with cluster codes "
                               f"for {cl!r}.")
        labels |= set(map(str, r.design["cluster_labels"][cl]))
    draws = bootstrap_weights(sorted(labels), reps, seed, weights)
    draws.attrs["kind"] = weights
    rows, boots = [], []
    for name, r in results.items():
        here = [t for t in terms if t in r.params.index]
        if not here:
            continue
        wcr, b = wild_cluster_bootstrap(r, here, cluster=cluster, draws=draws,
                                        return_draws=True)
        for t in here:
            rows.append({"model": name, "term": t, "coef": float(r.params[t]),
                         "se": float(r.bse[t]), "t": float(r.tvalues[t]),
                         "p": float(r.pvalues[t]), "p_wcr": float(wcr.loc[t, "p_wcr"]),
                         "t_boot_stat": float(wcr.loc[t, "t"]),
                         "clusters": int(wcr.loc[t, "clusters"])})
            boots.append(b[t])
    if not rows:
        raise ModelError(f"none of {list(terms)} is in any model.")
    out = pd.DataFrame(rows)
    out["p_holm"] = holm(out["p"].to_numpy())
    out["p_rw"] = romano_wolf(out["t_boot_stat"].to_numpy(), np.column_stack(boots))
    out = out.drop(columns="t_boot_stat")
    out.attrs.update({"reps": reps, "seed": seed, "weights": weights,
                      "hypotheses": len(out)})
    return out[["model", "term", "coef", "se", "t", "p", "p_holm", "p_wcr", "p_rw",
                "clusters"]]
