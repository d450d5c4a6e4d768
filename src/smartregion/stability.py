r"""Noise control and stability of complexity rankings and targets.

Economic complexity and relatedness are estimated from a region x industry matrix that is
itself noisy: small industries and small regions produce location quotients that jump across
1 by chance, and with few regions every estimate rests on few observations. The Atlas of
Economic Complexity (Hausmann et al. 2014) therefore drops small products and countries and
averages RCA over years before computing complexity. This module provides:

* :func:`noise_filter` -- minimum national size and ubiquity for industries, minimum size for
  regions; everything dropped is listed with its reason;
* :func:`averaged_specialisation` -- ``M`` from the location quotient averaged over periods;
* :func:`complexity_diagnostics` -- is the complexity axis well defined here? (number of
  regions, spectral gap, sign of the PCI-ubiquity correlation), warning with
  :class:`ComplexityWarning` when it is not;
* :func:`bootstrap_complexity` and :func:`rank_intervals` -- regions resampled with
  replacement, giving an interval for every region's ECI rank;
* :func:`complexity_agreement` -- eigenvector ECI/PCI against fitness-complexity ranks;
* :func:`target_stability` -- the share of bootstrap draws in which each candidate industry of
  a region stays in the priority quadrant of :func:`smartregion.policy.target_selection`, with
  a fitness-complexity cross-check.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from .complexity import (
    DegenerateComplexityWarning,
    _complexity_arrays,
    economic_complexity,
    fitness_complexity,
)
from .panel import Panel, PanelError, SmartRegionWarning, as_panel
from .relatedness import DEFAULT_METHOD, cospecialisation_weights_array, proximity_array
from .structure import binary_mask, lq_array

__all__ = ["MIN_REGIONS", "MIN_GAP_RATIO", "ComplexityWarning", "NoiseFilter", "noise_filter",
           "averaged_specialisation", "complexity_diagnostics", "Bootstrap",
           "bootstrap_complexity", "rank_intervals", "complexity_agreement",
           "target_stability"]

#: Fewest regions for which the package calls relatedness and complexity estimates usable.
#: Relatedness between two industries is estimated from one 0/1 observation per region; under
#: independence the sampling standard deviation of a correlation from R observations is about
#: :math:`1/\sqrt{R-1}`, which is 0.23 at R = 20: below that, even a correlation of 0.45
#: between two industries' specialisation patterns is within two standard deviations of none,
#: and every PCI is an average over a handful of regions. Shenzhen's 10 districts (sd 0.33)
#: are far below it.
MIN_REGIONS = 20

#: Smallest relative gap :math:`(\lambda_2 - \lambda_3)/\lambda_2` between the second and third
#: eigenvalues of the region-industry diffusion matrix below which the ECI/PCI axis (the second
#: eigenvector) is called ill-conditioned: a small perturbation of ``M`` can then rotate it
#: towards the third eigenvector (Davis-Kahan: the rotation is bounded by the perturbation
#: over the gap).
MIN_GAP_RATIO = 0.05


class ComplexityWarning(SmartRegionWarning):
    """The complexity axis of a panel is ill-conditioned: too few regions, a small spectral
    gap, a PCI that correlates positively with ubiquity, or a disconnected matrix."""


# ------------------------------------------------------------------------------ noise filter
class NoiseFilter(NamedTuple):
    """Result of :func:`noise_filter`: the kept ``panel`` and one row per line with reasons."""

    panel: Panel
    industries: pd.DataFrame
    regions: pd.DataFrame


def noise_filter(
    data: Panel | pd.DataFrame,
    *,
    min_industry_size: float = 0.0,
    min_ubiquity: int = 0,
    min_region_size: float = 0.0,
    threshold: float = 1.0,
) -> NoiseFilter:
    r"""Drop small industries, rare industries and small regions, saying which and why.

    With :math:`X_i = \sum_{t,r} x_{tri} / T` an industry's national size (mean over periods)
    and :math:`u_i = \max_t \sum_r M_{tri}` its ubiquity (regions specialised in it,
    :math:`LQ \ge` ``threshold``, in its most widespread period), an industry is kept when
    :math:`X_i \ge` ``min_industry_size`` and :math:`u_i \ge` ``min_ubiquity``; a region is
    kept when its size :math:`X_r = \sum_{t,i} x_{tri} / T` is at least ``min_region_size``.
    Regions are screened first (on the full panel), then industries on the kept regions. The
    Atlas of Economic Complexity applies the same kind of floor to products and countries
    before computing complexity (Hausmann et al. 2014); an industry specialised in one
    region only gets an extreme PCI from that one observation.

    Returns
    -------
    NoiseFilter
        ``panel`` (the kept lines; location quotients recomputed on it), ``industries``
        (``national_size``, ``ubiquity``, ``kept``, ``reason``) and ``regions`` (``size``,
        ``kept``, ``reason``).

    References
    ----------
    Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A., & Yildirim, M. A. (2014).
    *The Atlas of Economic Complexity*. MIT Press.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[50, 10, 1], [40, 20, 0], [5, 30, 0]], index=["r1", "r2", "r3"],
    ...                  columns=["a", "b", "c"])
    >>> f = noise_filter(x, min_industry_size=5, min_region_size=20)
    >>> list(f.panel.regions), list(f.panel.industries)
    (['r1', 'r2', 'r3'], ['a', 'b'])
    >>> f.industries.loc["c", "reason"]
    'national size 1 < 5'
    """
    panel = as_panel(data)
    n_t = panel.values.shape[0]
    rsize = panel.values.sum(axis=(0, 2)) / n_t
    keep_r = rsize >= min_region_size
    regions = pd.DataFrame({"size": rsize, "kept": keep_r}, index=panel.regions)
    regions["reason"] = np.where(keep_r, "", [f"size {v:,.0f} < {min_region_size:,.0f}"
                                              for v in rsize])
    if keep_r.sum() < 2:
        raise PanelError(f"min_region_size={min_region_size} leaves {int(keep_r.sum())} "
                         "region(s); lower it.")
    sub = panel.select(regions=list(panel.regions[keep_r]))
    _, m = binary_mask(sub, threshold=threshold)
    isize = sub.values.sum(axis=(0, 1)) / n_t
    ubiq = m.sum(axis=1).max(axis=0)
    ok_size = isize >= min_industry_size
    ok_u = ubiq >= min_ubiquity
    reason = [", ".join([*([] if a else [f"national size {s:,.0f} < {min_industry_size:,.0f}"]),
                         *([] if b else [f"ubiquity {u} < {min_ubiquity}"])])
              for a, b, s, u in zip(ok_size, ok_u, isize, ubiq)]
    industries = pd.DataFrame({"national_size": isize, "ubiquity": ubiq,
                               "kept": ok_size & ok_u, "reason": reason},
                              index=sub.industries)
    if industries["kept"].sum() < 2:
        raise PanelError("the filter leaves fewer than two industries; lower the minimums.")
    kept = sub.select(industries=list(industries.index[industries["kept"]]))
    return NoiseFilter(kept, industries, regions)


def averaged_specialisation(data: Panel, *, threshold: float = 1.0,
                            times: Sequence[Hashable] | None = None) -> pd.DataFrame:
    r"""Specialisation from the location quotient averaged over periods.

    .. math:: \bar M_{ri} = 1\Big[\tfrac1T \sum_t LQ_{tri} \ge \text{threshold}\Big]

    Averaging over years, as the Atlas does with RCA, keeps an industry that crosses
    :math:`LQ = 1` back and forth by chance from switching in and out of a region's portfolio.
    Undefined LQs (an empty region or industry in a period) are left out of the mean.

    Returns
    -------
    DataFrame
        0/1 region x industry matrix (use with ``binary=True``).

    Examples
    --------
    >>> from smartregion import Panel
    >>> import pandas as pd
    >>> df = pd.DataFrame({"t": [1] * 4 + [2] * 4, "region": ["a", "a", "b", "b"] * 2,
    ...                    "industry": ["x", "y"] * 4, "v": [6, 4, 4, 6, 4, 6, 6, 4]})
    >>> averaged_specialisation(Panel.from_long(df, value="v", time="t")).to_numpy().tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    """
    panel = as_panel(data)
    if times is not None:
        panel = panel.select(times=list(times))
    lq = lq_array(panel.values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN cells stay NaN
        mean = np.nanmean(lq, axis=0)
    m = np.where(np.isfinite(mean) & (mean >= threshold), 1.0, 0.0)
    return pd.DataFrame(m, index=pd.Index(panel.regions, name="region"),
                        columns=pd.Index(panel.industries, name="industry"))


# ------------------------------------------------------------------------ complexity checks
def _spectrum(m: np.ndarray) -> np.ndarray:
    """Eigenvalues (descending) of the region-side diffusion matrix of a trimmed 0/1 matrix."""
    kr, ki = m.sum(axis=1), m.sum(axis=0)
    a = m / np.sqrt(kr)[:, None] / np.sqrt(ki)[None, :]
    gram = a @ a.T if a.shape[0] <= a.shape[1] else a.T @ a
    return np.sort(np.linalg.eigvalsh(gram))[::-1]


def complexity_diagnostics(
    data: Panel | pd.DataFrame,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    min_regions: int = MIN_REGIONS,
    min_gap_ratio: float = MIN_GAP_RATIO,
    warn: bool = True,
) -> dict[str, object]:
    r"""Is the complexity axis of this (one-period) panel well defined?

    On the regions and industries with at least one specialisation:

    * ``n_regions``, ``n_industries``;
    * ``lambda2``, ``lambda3``: the second and third eigenvalues of
      :math:`\tilde M = D_r^{-1} M D_i^{-1} M^\top` (the first is 1), and
      ``gap_ratio`` :math:`= (\lambda_2 - \lambda_3) / \lambda_2`. The ECI is the second
      eigenvector; the smaller the gap to the third, the more a small change of ``M`` can
      rotate it (Davis & Kahan 1970);
    * ``corr_pci_ubiquity``: Spearman correlation of the PCI (eigenvector method, package
      defaults) with ubiquity. Complexity is meant to rank rare, exclusive industries high;
      a positive value means the axis orders industries the other way (Hidalgo & Hausmann
      2009 find it strongly negative for countries);
    * ``n_components``: connected parts of the region-industry network (1 if connected).

    ``problems`` lists, in words, every condition that fails: fewer than ``min_regions``
    regions (see :data:`MIN_REGIONS` for why 20), ``gap_ratio < min_gap_ratio``, a positive
    PCI-ubiquity correlation, more than one component, fewer than 2 regions or industries.
    With ``warn=True`` each problem is also emitted as a :class:`ComplexityWarning`; the
    results are computed all the same.

    Returns
    -------
    dict

    References
    ----------
    Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of economic complexity. *PNAS*,
    106(26), 10570-10575.

    Davis, C., & Kahan, W. M. (1970). The rotation of eigenvectors by a perturbation. III.
    *SIAM Journal on Numerical Analysis*, 7(1), 1-46.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> x = pd.DataFrame(np.random.default_rng(0).gamma(1.0, 10.0, size=(10, 8)))
    >>> d = complexity_diagnostics(x, warn=False)
    >>> d["n_regions"], d["problems"][0][:30]
    (10, 'only 10 regions (fewer than 20')
    """
    panel, m3 = binary_mask(data, binary=binary, threshold=threshold)
    if m3.shape[0] != 1:
        raise PanelError("complexity_diagnostics needs one period; select it first.")
    m = m3[0]
    rows, cols = m.sum(axis=1) > 0, m.sum(axis=0) > 0
    mt = m[np.ix_(rows, cols)].astype(np.float64)
    out: dict[str, object] = {"n_regions": int(rows.sum()), "n_industries": int(cols.sum()),
                              "lambda2": np.nan, "lambda3": np.nan, "gap_ratio": np.nan,
                              "corr_pci_ubiquity": np.nan, "n_components": 0}
    problems: list[str] = []
    if rows.sum() < min_regions:
        problems.append(
            f"only {int(rows.sum())} regions (fewer than {min_regions}): relatedness and "
            f"complexity rest on one observation per region, and a correlation from so few "
            f"has a sampling sd of about {1 / np.sqrt(max(rows.sum() - 1, 1)):.2f}; read "
            "ranks and targets as descriptive only")
    if rows.sum() >= 2 and cols.sum() >= 2:
        n_comp, _ = connected_components(
            csr_matrix(np.block([[np.zeros((len(mt), len(mt))), mt],
                                 [mt.T, np.zeros((mt.shape[1], mt.shape[1]))]])),
            directed=False)
        out["n_components"] = int(n_comp)
        lam = _spectrum(mt)
        if len(lam) >= 3:
            out["lambda2"], out["lambda3"] = float(lam[1]), float(lam[2])
            out["gap_ratio"] = float((lam[1] - lam[2]) / lam[1]) if lam[1] > 0 else 0.0
        if n_comp > 1:
            problems.append(f"the region-industry network splits into {n_comp} disconnected "
                            "parts, so the complexity eigenvector is not unique")
        elif out["gap_ratio"] == out["gap_ratio"] and out["gap_ratio"] < min_gap_ratio:
            problems.append(
                f"small spectral gap: (lambda2 - lambda3) / lambda2 = {out['gap_ratio']:.3f} "
                f"< {min_gap_ratio}, so the ECI/PCI axis can rotate under a small change of "
                "the data")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateComplexityWarning)
            pci = economic_complexity(panel, binary=binary, threshold=threshold).pci
        q = pci.to_numpy(dtype=float)
        u = m.sum(axis=0).astype(float)
        ok = np.isfinite(q) & (u > 0)
        if ok.sum() >= 3 and np.std(q[ok]) > 0:
            r = float(pd.Series(q[ok]).rank().corr(pd.Series(u[ok]).rank()))
            out["corr_pci_ubiquity"] = r
            if r > 0:
                problems.append(
                    f"the PCI correlates positively with ubiquity (Spearman {r:.2f}): the "
                    "complexity axis ranks common industries high, the opposite of what it is "
                    "meant to measure")
    else:
        problems.append(f"only {int(rows.sum())} region(s) and {int(cols.sum())} "
                        "industr(y/ies) have a specialisation; complexity needs at least 2 each")
    out["problems"] = problems
    if warn:
        for p in problems:
            warnings.warn(p, ComplexityWarning, stacklevel=2)
    return out


# ------------------------------------------------------------------------------- bootstrap
class Bootstrap(NamedTuple):
    """Result of :func:`bootstrap_complexity`: draws x regions ECI ranks and draws x
    industries PCI (NaN where an industry had no specialised region in the draw)."""

    ranks: pd.DataFrame
    pci: pd.DataFrame


def _draw_pci(mb: np.ndarray) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateComplexityWarning)
        _, q = _complexity_arrays(mb[None].astype(np.float64), method="eigenvector",
                                  scale="zscore", ddof=0, pci_scale="self", pci_sign="eci",
                                  correlation="pearson", iterations=20)
    return q[0]


def _eci_from_pci(m: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Mean PCI over each region's specialisations (industries with a defined PCI)."""
    ok = np.isfinite(q)
    mk = m[:, ok].astype(np.float64)
    n = mk.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, mk @ q[ok] / n, np.nan)


def bootstrap_complexity(data: Panel | pd.DataFrame, *, n_draws: int = 200,
                         rng: np.random.Generator, binary: bool = False,
                         threshold: float = 1.0) -> Bootstrap:
    r"""Resample regions with replacement and re-estimate complexity in every draw.

    Draw :math:`b` takes :math:`R` rows of ``M`` at random with replacement (a region drawn
    twice counts twice), computes the PCI on them (eigenvector method, package defaults), and
    gives *every* region of the panel the ECI implied by that PCI,
    :math:`\mathrm{ECI}^{(b)}_r = S_r^{-1}\sum_i M_{ri}\,\mathrm{PCI}^{(b)}_i` (the
    eigenvector method's own relation between the two), so each region is ranked among all
    regions in every draw. ``M`` itself stays fixed (specialisations are not re-estimated);
    the spread of a region's rank is the uncertainty that comes from measuring industry
    complexity on a sample of regions (Efron & Tibshirani 1993, the nonparametric bootstrap).

    Returns
    -------
    Bootstrap
        ``ranks`` (draws x regions; 1 = most complex) and ``pci`` (draws x industries).

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    """
    panel, m3 = binary_mask(data, binary=binary, threshold=threshold)
    if m3.shape[0] != 1:
        raise PanelError("bootstrap_complexity needs one period; select it first.")
    m = m3[0]
    n_r = m.shape[0]
    ranks = np.empty((n_draws, n_r))
    pcis = np.empty((n_draws, m.shape[1]))
    for b in range(n_draws):
        rows = rng.integers(0, n_r, size=n_r)
        q = _draw_pci(m[rows])
        e = _eci_from_pci(m, q)
        ranks[b] = pd.Series(e).rank(ascending=False, method="min").to_numpy()
        pcis[b] = q
    return Bootstrap(pd.DataFrame(ranks, columns=panel.regions),
                     pd.DataFrame(pcis, columns=panel.industries))


def rank_intervals(ranks: pd.DataFrame, observed: pd.Series | None = None, *,
                   level: float = 0.9) -> pd.DataFrame:
    """Median and central ``level`` interval (percentiles) of each region's bootstrap rank.

    Returns
    -------
    DataFrame indexed by region: ``rank`` (observed, when given), ``rank_median``,
    ``rank_low``, ``rank_high`` (inclusive, rounded outwards to whole ranks), ``width``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"a": [1, 1, 2, 1, 3], "b": [2, 3, 1, 2, 1]})
    >>> rank_intervals(r, level=0.8)[["rank_low", "rank_high"]].to_numpy().tolist()
    [[1, 3], [1, 3]]
    """
    lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
    out = pd.DataFrame({"rank_median": ranks.median(),
                        "rank_low": np.floor(ranks.quantile(lo)).astype(int),
                        "rank_high": np.ceil(ranks.quantile(hi)).astype(int)})
    out["width"] = out["rank_high"] - out["rank_low"]
    if observed is not None:
        out.insert(0, "rank", observed.reindex(out.index))
    out.index.name = "region"
    return out


def complexity_agreement(data: Panel | pd.DataFrame, *, binary: bool = False,
                         threshold: float = 1.0) -> dict[str, float]:
    r"""Spearman rank agreement of the eigenvector ECI/PCI with fitness-complexity.

    ``regions``: corr(ECI, fitness); ``industries``: corr(PCI, complexity of Tacchella et al.
    2012) over industries with both defined. The two methods read the same matrix
    differently (averages vs a non-linear, minimum-dominated map); a ranking that both give
    is less an artefact of one method.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> x = pd.DataFrame(np.random.default_rng(2).gamma(1.0, 10.0, size=(15, 9)))
    >>> sorted(complexity_agreement(x))
    ['industries', 'regions']
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateComplexityWarning)
        cx = economic_complexity(data, binary=binary, threshold=threshold)
    fit = fitness_complexity(data, binary=binary, threshold=threshold)
    return {"regions": float(cx.eci.rank().corr(fit.fitness.rank())),
            "industries": float(cx.pci.rank().corr(fit.complexity.rank()))}


# ------------------------------------------------------------------------------ targets
def _weights_array(m: np.ndarray, method: str) -> np.ndarray:
    """Relatedness weights of one 0/1 matrix, as :func:`relatedness_weights` computes them."""
    if method == "proximity":
        return proximity_array(m)[0]
    if method != "cospecialisation":
        raise ValueError(f"relatedness method must be 'cospecialisation' or 'proximity'; "
                         f"got {method!r}.")
    return cospecialisation_weights_array(m)


def _density_row(m_row: np.ndarray, w: np.ndarray) -> np.ndarray:
    den = w.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, (w @ m_row.astype(np.float64)) / den, np.nan)


def target_stability(
    data: Panel | pd.DataFrame,
    region: Hashable,
    *,
    eligible: Sequence[Hashable] | None = None,
    n_draws: int = 200,
    rng: np.random.Generator,
    threshold: float = 1.0,
    relatedness_method: str = DEFAULT_METHOD,
    draws: np.ndarray | None = None,
) -> pd.DataFrame:
    r"""Share of bootstrap draws in which each candidate stays in the priority quadrant.

    Each draw resamples the regions with replacement (as :func:`bootstrap_complexity`),
    re-estimates the relatedness (``relatedness_method``, as
    :func:`smartregion.relatedness.relatedness_weights`) and the PCI on the resampled rows,
    recomputes the region's relatedness density from its own (fixed) specialisations, and
    applies the quadrant rule of :func:`smartregion.policy.target_selection` with its default
    cuts (density at or above the median over the eligible candidates and above 0, PCI
    above 0). The
    result also gives the industry's fitness-complexity percentile among all industries
    (Tacchella et al. 2012) as a cross-check of "complex" that does not rest on the
    eigenvector.

    Parameters
    ----------
    data : Panel or wide DataFrame (one period)
    region : label
    eligible : labels, optional
        Industries that may be targets (default all).
    n_draws : int, default 200
    rng : numpy.random.Generator
    threshold : float
    relatedness_method : {"cospecialisation", "proximity"}, default ``DEFAULT_METHOD``
    draws : ndarray of int, optional
        Row indices ``(n_draws, R)`` of the resampled regions (to share draws).

    Returns
    -------
    DataFrame indexed by candidate industry: ``share_priority``, ``share_high_density``,
    ``share_high_pci`` and ``fitness_percentile`` (0-100, 100 = most complex by fitness).
    """
    panel, m3 = binary_mask(data, threshold=threshold)
    if m3.shape[0] != 1:
        raise PanelError("target_stability needs one period; select it first.")
    if region not in panel.regions:
        raise PanelError(f"region {region!r} is not in the panel.")
    m = m3[0]
    r = panel.regions.get_loc(region)
    elig = np.ones(m.shape[1], bool) if eligible is None else panel.industries.isin(
        list(eligible))
    cand = elig & ~m[r]
    n_r = m.shape[0]
    if draws is None:
        draws = rng.integers(0, n_r, size=(n_draws, n_r))
    hits = np.zeros((3, m.shape[1]))
    for rows in draws:
        mb = m[rows]
        dens = _density_row(m[r], _weights_array(mb, relatedness_method))
        q = _draw_pci(mb)
        ok = cand & np.isfinite(dens) & np.isfinite(q)
        if ok.sum() == 0:
            continue
        hi_d = ok & (dens >= np.median(dens[ok])) & (dens > 0)
        hi_c = ok & (q > 0)
        hits += np.vstack([hi_d & hi_c, hi_d, hi_c])
    fit = fitness_complexity(panel, threshold=threshold).complexity
    fit_pct = fit.rank(pct=True).reindex(panel.industries).to_numpy() * 100
    n = len(draws)
    out = pd.DataFrame({"share_priority": hits[0] / n, "share_high_density": hits[1] / n,
                        "share_high_pci": hits[2] / n, "fitness_percentile": fit_pct},
                       index=pd.Index(panel.industries, name="industry"))
    out = out.loc[cand]
    out.attrs.update(n_draws=n, region=region, relatedness_method=relatedness_method)
    return out
