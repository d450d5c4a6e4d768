"""The result record and the errors of :mod:`smartregion.models` (shared by the estimators,
the inference layer and the tables)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..panel import SmartRegionWarning

__all__ = ["ModelError", "SingularDesignError", "ClusterError", "OutcomeError", "ModelWarning",
           "RegressionResult"]


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
    weights : str or None
        Name of the analytic-weight column (``"<array>"`` when given as an array).
    fit : object
        The underlying pyfixest model (``Feols`` or ``Feglm``).
    design : dict or None
        For linear models: the regressors and outcome after the fixed effects are swept out
        and the weights applied (``X``, ``y``), the coefficient names and the cluster codes of
        the estimation sample (``clusters``: name -> integer codes); used by the wild cluster
        bootstrap of :mod:`smartregion.models.inference`.
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
    weights: str | None = None
    fit: Any = field(default=None, repr=False)
    design: dict[str, Any] | None = field(default=None, repr=False)

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
        w = f", weights {self.weights!r}" if self.weights else ""
        return (f"RegressionResult({self.estimator}: {self.formula!r}, N={self.nobs}"
                f"{fe}{cl}{w}, dropped={self.n_dropped})")
