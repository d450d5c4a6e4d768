r"""Regression specifications of the regional-diversification literature, and their tables.

The module has three layers.

1. **Estimators on plain DataFrames.** :func:`fe_ols` (linear model with any number of absorbed
   fixed effects, one- or two-way CRV1 or CRV3 clustered standard errors, analytic weights)
   and :func:`fe_logit` (logit with fixed effects), thin layers over pyfixest. Both return a
   :class:`RegressionResult` that records the formula, the sample filters, the fixed
   effects, the clusters, the weights and every dropped observation. :mod:`.inference` adds
   joint Wald tests (:func:`wald_test`), the wild cluster bootstrap
   (:func:`wild_cluster_bootstrap`) and Holm / Romano-Wolf adjusted p-values across a table
   (:func:`adjusted_pvalues`).
2. **Specifications.** :func:`growth_table` (annualised growth between two periods, with zeros
   handled explicitly), :func:`frenken_growth` (regional growth on related and unrelated
   variety, Frenken, Van Oort & Verburg 2007), :func:`entry_model` / :func:`exit_model` (entry
   or exit of specialisations on relatedness density and complexity, Neffke, Henning & Boschma
   2011; Balland et al. 2019), :func:`industry_growth_model` (local industry growth on
   relatedness and complexity, Davies & Maré 2021) and the spatial-unit checks
   :func:`spatial_unit_sensitivity` / :func:`coefficient_sensitivity` (the modifiable areal unit
   problem, Openshaw 1984).
3. **Tables.** :func:`regression_table` puts several fitted models side by side and writes a
   plain CSV (provenance - data source, sample filters, smartregion version - in a JSON
   sidecar ``<name>.csv.json``), Markdown and LaTeX; :func:`coefficient_rows` and
   :func:`coefficient_caption` feed :func:`smartregion.plots.coefficient_plot`.

The model ladder (:func:`variety_ladder`: (1) RV/UV and size, (2) + expected growth from the
national industry mix (leave-one-out Bartik term, :func:`expected_growth`) and the portfolio's
relatedness density (:func:`portfolio_density`), (3) + region fixed effects, (4) + network
structure; Herfindahl only as a robustness model; standardised coefficients) is the one
specification applied to every panel. :mod:`smartregion.models.samples` builds the estimation
samples of the public panels (Japan, New Zealand, United States, the 2014 Japanese census)
with their coverage and resolution; :mod:`smartregion.models.cases` places case regions in the
residual distribution; :mod:`smartregion.models.readings` names the key numbers a reading of
a fitted table quotes (coefficients, p-values, signs, Wald tests, adjusted counts);
:mod:`smartregion.models.davies_mare` holds the sample rules and variable definitions of
Davies & Maré (2021), reproduced in notebook 08;
:mod:`smartregion.models.benchmark` sets published numbers beside computed ones at the
precision they were printed with.

Fixed effects are absorbed by pyfixest's method of alternating projections: each variable is
demeaned within the groups of every fixed effect in turn until convergence (Guimarães &
Portugal 2010; Gaure 2013). By the Frisch-Waugh-Lovell theorem the slope estimates equal
those of the regression with explicit dummies (checked against statsmodels in the tests).

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

from .estimators import demean, fe_logit, fe_ols
from .inference import (
    adjusted_pvalues,
    bootstrap_weights,
    holm,
    romano_wolf,
    wald_test,
    wild_cluster_bootstrap,
)
from . import benchmark, davies_mare, readings
from .results import (
    ClusterError,
    ModelError,
    ModelWarning,
    OutcomeError,
    RegressionResult,
    SingularDesignError,
)
from .specifications import (
    ENTRY_LQ_EDGES,
    EXIT_LQ_EDGES,
    SensitivityResult,
    coefficient_sensitivity,
    entry_model,
    entry_pairs,
    exit_model,
    expected_growth,
    frenken_data,
    frenken_growth,
    growth_table,
    industry_growth_data,
    industry_growth_model,
    ladder_model,
    lq_bands,
    nickell_bias,
    period_pairs,
    portfolio_density,
    spatial_unit_sensitivity,
    variety_ladder,
    variety_resolution,
)
from .tables import (
    RegressionTable,
    coefficient_caption,
    coefficient_rows,
    regression_table,
    sidecar_path,
    write_sidecar,
)

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
    "wald_test",
    "wild_cluster_bootstrap",
    "bootstrap_weights",
    "holm",
    "romano_wolf",
    "adjusted_pvalues",
    "period_pairs",
    "growth_table",
    "frenken_data",
    "expected_growth",
    "portfolio_density",
    "frenken_growth",
    "entry_pairs",
    "entry_model",
    "lq_bands",
    "ENTRY_LQ_EDGES",
    "EXIT_LQ_EDGES",
    "exit_model",
    "industry_growth_data",
    "industry_growth_model",
    "variety_resolution",
    "ladder_model",
    "nickell_bias",
    "variety_ladder",
    "SensitivityResult",
    "spatial_unit_sensitivity",
    "coefficient_sensitivity",
    "RegressionTable",
    "regression_table",
    "coefficient_rows",
    "coefficient_caption",
    "sidecar_path",
    "write_sidecar",
    "readings",
    "benchmark",
    "davies_mare",
]
