r"""Economic complexity: ECI / PCI, the method of reflections, fitness-complexity, COI / COG.

All functions start from the binary specialisation matrix :math:`M_{ri}` (``M = 1[LQ >= 1]``
by default, see :func:`~smartregion.structure.binary_array`) and work on every period of a
:class:`~smartregion.panel.Panel`; results carry the panel's labels.

Notation: diversity :math:`k_{r,0} = \sum_i M_{ri}`, ubiquity :math:`k_{i,0} = \sum_r M_{ri}`,
:math:`D_r = \mathrm{diag}(k_{r,0})`, :math:`D_i = \mathrm{diag}(k_{i,0})`.

Conventions that differ between peer packages are keyword parameters:

* ``scale``: ``"zscore"`` with ``ddof=0`` (py-ecomplexity, econcomplex) or ``ddof=1``
  (R economiccomplexity, Datawheel py-economic-complexity, ReKS); ``"sum"`` = ``v / |sum(v)|``
  (EconGeo ``kci`` / ``tci``); ``None`` = raw vectors.
* ``sign``: the ECI is oriented to correlate positively with diversity.
* ``pci_sign``: ``"eci"`` ties the PCI orientation to the ECI, so that the ECI of a region is
  (proportional to) the mean PCI of its industries (py-ecomplexity, economiccomplexity,
  Datawheel, ReKS); ``"ubiquity"`` orients the PCI to correlate negatively with ubiquity on its
  own (EconGeo ``tci``, econcomplex). On some data the two rules give opposite signs.
* ``pci_scale``: ``"self"`` standardises the PCI with its own mean and standard deviation;
  ``"eci"`` uses the ECI's (py-ecomplexity, ReKS).

Zero lines: a region with diversity 0 or an industry with ubiquity 0 (in a period) is left out of
that period's computation and gets NaN; every other region and industry is computed on the
remaining matrix, exactly as if the empty line had been removed beforehand.
"""

from __future__ import annotations

import warnings
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse.linalg as spla
from scipy.stats import rankdata

from .panel import Panel, SmartRegionWarning
from .structure import binary_mask

__all__ = [
    "Complexity",
    "Fitness",
    "Reflections",
    "Outlook",
    "DegenerateComplexityWarning",
    "economic_complexity",
    "eci",
    "pci",
    "reflections",
    "fitness_complexity",
    "complexity_outlook",
    "spectral_complexity",
    "markov_similarity",
]

Data = Panel | pd.DataFrame | np.ndarray
Method = Literal["eigenvector", "reflections", "fitness"]
Scale = Literal["zscore", "sum"] | None
PciScale = Literal["self", "eci", "eci_sd"]
PciSign = Literal["eci", "ubiquity"]
Correlation = Literal["pearson", "spearman"]
Ddof = float | Literal["stata"]

# Above this size of the smaller side the second eigenvector is found with ARPACK (eigsh) on
# the deflated Gram matrix instead of a full dense eigendecomposition.
_DENSE_EIGH_MAX = 100


class DegenerateComplexityWarning(SmartRegionWarning):
    """The complexity vector of a period is undefined (too few lines, no variation, or a
    disconnected region-industry network whose second eigenvalue equals the first)."""


class Complexity(NamedTuple):
    """Result of :func:`economic_complexity`: ``eci`` by region and ``pci`` by industry (and time)."""

    eci: pd.Series
    pci: pd.Series


class Fitness(NamedTuple):
    """Result of :func:`fitness_complexity`: region ``fitness`` and industry ``complexity``."""

    fitness: pd.Series
    complexity: pd.Series


class Reflections(NamedTuple):
    """Result of :func:`reflections`: :math:`k_{r,N}` by region and :math:`k_{i,N}` by industry."""

    region: pd.Series
    industry: pd.Series


class Outlook(NamedTuple):
    """Result of :func:`complexity_outlook`: ``coi`` by region, ``cog`` region x industry."""

    coi: pd.Series
    cog: pd.DataFrame


# ---------------------------------------------------------------------------------- helpers
def _check_choice(value: object, name: str, allowed: tuple) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}; got {value!r}.")


def _check_ddof(ddof: Ddof) -> None:
    if isinstance(ddof, str):
        if ddof != "stata":
            raise ValueError(f"ddof must be a number >= 0 or 'stata'; got {ddof!r}.")
        return
    if isinstance(ddof, bool) or not isinstance(ddof, (int, float, np.integer, np.floating)) \
            or not np.isfinite(ddof) or ddof < 0:
        raise ValueError(f"ddof must be a number >= 0 or 'stata'; got {ddof!r}.")


def _ddofs(ddof: Ddof, n_regions: int, n_industries: int) -> tuple[float, float]:
    """(ddof of the ECI, ddof of the PCI) for a period with these numbers of active lines.

    ``"stata"``: Stata's ``ecomplexity`` standardises over the rows of the long region x
    product table, where each region's ECI is repeated once per product (and each PCI once per
    region). The sample standard deviation over those rows equals the standard deviation over
    regions with ``ddof = 1 / n_industries`` (PCI: ``1 / n_regions``).
    """
    if ddof == "stata":
        return 1.0 / n_industries, 1.0 / n_regions
    return float(ddof), float(ddof)


def _check_options(method: str, scale: Scale, ddof: Ddof, pci_scale: str, pci_sign: str,
                   sign: str, correlation: str, iterations: int) -> None:
    _check_choice(method, "method", ("eigenvector", "reflections", "fitness"))
    _check_choice(scale, "scale", ("zscore", "sum", None))
    _check_ddof(ddof)
    _check_choice(pci_scale, "pci_scale", ("self", "eci", "eci_sd"))
    _check_choice(pci_sign, "pci_sign", ("eci", "ubiquity"))
    _check_choice(sign, "sign", ("diversity",))
    _check_choice(correlation, "correlation", ("pearson", "spearman"))
    if pci_scale != "self" and scale != "zscore":
        raise ValueError(
            f"pci_scale={pci_scale!r} rescales the PCI with the ECI's z-score statistics and "
            f"needs scale='zscore'; got scale={scale!r}. Use pci_scale='self' instead."
        )
    if not isinstance(iterations, (int, np.integer)) or isinstance(iterations, bool):
        raise ValueError(f"iterations must be an integer; got {iterations!r}.")
    if method in ("reflections", "fitness") and iterations < 1:
        raise ValueError(f"method={method!r} needs iterations >= 1 (the number of update "
                         f"steps); got {iterations}.")


def _corr(a: np.ndarray, b: np.ndarray, how: str) -> float:
    if how == "spearman":
        a, b = rankdata(a), rankdata(b)
    a = a - a.mean()
    b = b - b.mean()
    den = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / den) if den > 0 else 0.0


def _orient(v: np.ndarray, ref: np.ndarray, how: str, positive: bool) -> float:
    """Sign (+1/-1) that makes corr(s*v, ref) positive (or negative if not ``positive``).

    When the correlation is exactly 0 (e.g. constant ``ref``) the entry of largest magnitude is
    made positive, so the result is still deterministic.
    """
    c = _corr(v, ref, how)
    if c == 0.0:
        return 1.0 if v[np.argmax(np.abs(v))] >= 0 else -1.0
    return 1.0 if (c > 0) == positive else -1.0


def _zscore(v: np.ndarray, ddof: float = 0) -> np.ndarray:
    sd = v.std(ddof=ddof)
    return (v - v.mean()) / sd if sd > 0 else np.full_like(v, np.nan)


def _active(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of regions with diversity > 0 and industries with ubiquity > 0."""
    return m.sum(axis=1) > 0, m.sum(axis=0) > 0


def _second_eigvec(m: np.ndarray, kr: np.ndarray, ki: np.ndarray) -> tuple[np.ndarray, float]:
    r"""Raw PCI vector (unit norm) and second eigenvalue of :math:`D_i^{-1} M^T D_r^{-1} M`.

    Works on the symmetric similar matrix of the smaller side:
    :math:`A = D_r^{-1/2} M D_i^{-1/2}`; :math:`A^T A` (industries) or :math:`A A^T` (regions).
    Their leading eigenvector is known (:math:`\sqrt{k}`, eigenvalue 1), so it is deflated and
    the second one is the leading eigenvector of the deflated matrix.
    """
    sr, si = np.sqrt(kr), np.sqrt(ki)
    a = m / sr[:, None] / si[None, :]
    industry_side = a.shape[1] <= a.shape[0]
    gram = a.T @ a if industry_side else a @ a.T
    top = si if industry_side else sr
    top = top / np.linalg.norm(top)
    n = gram.shape[0]
    if n <= _DENSE_EIGH_MAX:
        w, vecs = np.linalg.eigh(gram)
        lam, u = float(w[-2]), vecs[:, -2]
        lam1 = float(w[-1])
    else:
        deflated = gram - np.outer(top, top)
        v0 = np.random.default_rng(12345).standard_normal(n)
        w, vecs = spla.eigsh(deflated, k=1, which="LA", v0=v0, tol=0.0)
        lam, u = float(w[0]), vecs[:, 0]
        lam1 = 1.0
    if np.isclose(lam, lam1, rtol=0, atol=1e-10):
        warnings.warn(
            "the second eigenvalue equals the first (the region-industry network is split into "
            "disconnected parts), so the ECI/PCI eigenvector is not unique in this period. "
            "Compute complexity on each connected part separately.",
            DegenerateComplexityWarning,
            stacklevel=4,
        )
    if industry_side:
        q = u / si
    else:
        q = (m.T @ (u / sr)) / ki
    nq = np.linalg.norm(q)
    q = q / nq if nq > 0 else q
    return q, lam


def _chain(m: np.ndarray, kr: np.ndarray, ki: np.ndarray, steps: int, side: str,
           renorm: str | None) -> np.ndarray:
    r"""Reflection variable :math:`k_{side,steps}` (``side`` "region" or "industry").

    It is built along the single alternating chain that ends on ``side`` after ``steps`` steps
    (starting from diversity or ubiquity). ``renorm`` rescales each step: ``"zscore"`` (every
    step; leaves a final standardisation unchanged because each step is an average) or
    ``"minmax"`` (0-100 from the third step on, as EconGeo). Without it long chains converge to
    a constant and lose all variation to rounding.
    """
    on_region = (side == "region") == (steps % 2 == 0)
    v = kr.astype(float) if on_region else ki.astype(float)
    for n in range(1, steps + 1):
        v = (m.T @ v) / ki if on_region else (m @ v) / kr
        on_region = not on_region
        if renorm == "zscore":
            sd = v.std()
            v = (v - v.mean()) / sd if sd > 0 else v * np.nan
        elif renorm == "minmax" and n >= 3:
            lo, hi = v.min(), v.max()
            v = (v - lo) / (hi - lo) * 100.0 if hi > lo else v * np.nan
    return v


# ---------------------------------------------------------------------------------- core
def _raw_vectors(m: np.ndarray, method: str, iterations: int, update: str,
                 extremality: float) -> tuple[np.ndarray, np.ndarray]:
    """Raw, consistently oriented (ECI, PCI) of one period on the trimmed matrix ``m``."""
    kr, ki = m.sum(axis=1), m.sum(axis=0)
    if method == "eigenvector":
        q, _ = _second_eigvec(m, kr, ki)
        return (m @ q) / kr, q
    if method == "reflections":
        # after `iterations` update steps the industry side holds k_{i,N} and the region side
        # the k_{r,N-1} it was computed from
        x = _chain(m, kr, ki, iterations - 1, "region", renorm="zscore")
        return x, (m.T @ x) / ki
    return _fitness_iter(m, iterations, update, extremality)


def _fitness_iter(m: np.ndarray, iterations: int, update: str,
                  extremality: float) -> tuple[np.ndarray, np.ndarray]:
    f = np.ones(m.shape[0])
    q = np.ones(m.shape[1])
    for _ in range(iterations):
        f_new = m @ q
        f_new /= f_new.mean()
        base = f_new if update == "sequential" else f
        q = 1.0 / (m.T @ base ** (-extremality)) ** (1.0 / extremality)
        q /= q.mean()
        f = f_new
    return f, q


def _complexity_arrays(
    m3: np.ndarray, *, method: str, scale: Scale, ddof: Ddof, pci_scale: str, pci_sign: str,
    correlation: str, iterations: int, update: str = "simultaneous", extremality: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """ECI (T, R) and PCI (T, I) arrays with NaN for excluded lines."""
    t_n, r_n, i_n = m3.shape
    eci_out = np.full((t_n, r_n), np.nan)
    pci_out = np.full((t_n, i_n), np.nan)
    for t in range(t_n):
        rows, cols = _active(m3[t])
        if rows.sum() < 2 or cols.sum() < 2:
            warnings.warn(
                f"period {t}: only {int(rows.sum())} region(s) and {int(cols.sum())} "
                "industr(y/ies) have any specialisation; complexity needs at least 2 of each, "
                "so this period is NaN.", DegenerateComplexityWarning, stacklevel=3)
            continue
        m = m3[t][np.ix_(rows, cols)].astype(np.float64)
        kr, ki = m.sum(axis=1), m.sum(axis=0)
        x, q = _raw_vectors(m, method, iterations, update, extremality)
        if method != "fitness":
            s = _orient(x, kr, correlation, positive=True)
            x = s * x
            if pci_sign == "eci":
                q = s * q
            else:
                q = _orient(q, ki, correlation, positive=False) * q
        if scale == "zscore":
            d_eci, d_pci = _ddofs(ddof, len(x), len(q))
            if not (len(x) > d_eci and len(q) > d_pci):
                warnings.warn(f"period {t}: too few lines for ddof={ddof!r}; returned as NaN.",
                              DegenerateComplexityWarning, stacklevel=3)
                continue
            mu, sd = x.mean(), x.std(ddof=d_eci)
            if not sd > 0:
                warnings.warn(f"period {t}: the ECI has no variation; returned as NaN.",
                              DegenerateComplexityWarning, stacklevel=3)
                continue
            if pci_scale == "eci":
                q = (q - mu) / sd
            elif pci_scale == "eci_sd":
                q = q / sd
            else:
                q = _zscore(q, d_pci)
            x = (x - mu) / sd
        elif scale == "sum":
            sx, sq = abs(x.sum()), abs(q.sum())
            x = x / sx if sx > 0 else x * np.nan
            q = q / sq if sq > 0 else q * np.nan
        eci_out[t, rows] = x
        pci_out[t, cols] = q
    return eci_out, pci_out


# ---------------------------------------------------------------------------------- public
def economic_complexity(
    data: Data,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    method: Method = "eigenvector",
    scale: Scale = "zscore",
    ddof: Ddof = 0,
    sign: Literal["diversity"] = "diversity",
    pci_sign: PciSign = "eci",
    pci_scale: PciScale = "self",
    correlation: Correlation = "pearson",
    iterations: int = 20,
) -> Complexity:
    r"""Economic Complexity Index of regions and Product (industry) Complexity Index.

    **Eigenvector method** (Hidalgo & Hausmann 2009; Hausmann et al. 2014): the PCI is the
    eigenvector of the second largest eigenvalue of

    .. math::

        \tilde M_{ii'} = \sum_r \frac{M_{ri} M_{ri'}}{k_{i,0}\, k_{r,0}}, \qquad
        \mathrm{ECI}_r = \frac{1}{k_{r,0}} \sum_i M_{ri}\, \mathrm{PCI}_i ,

    so the raw ECI is the matching eigenvector of :math:`\tilde M_{rr'}` (same eigenvalue). It is
    computed from the symmetric similar matrix
    :math:`A^\top A` (or :math:`A A^\top`, whichever is smaller) with
    :math:`A = D_r^{-1/2} M D_i^{-1/2}`.

    **Reflections** (Hidalgo & Hausmann 2009):
    :math:`k_{r,N} = \frac{1}{k_{r,0}}\sum_i M_{ri} k_{i,N-1}`,
    :math:`k_{i,N} = \frac{1}{k_{i,0}}\sum_r M_{ri} k_{r,N-1}`. ``iterations`` is the number
    of update steps :math:`N`, as for fitness: the PCI is :math:`k_{i,N}` and the ECI the
    :math:`k_{r,N-1}` it averages. R economiccomplexity and Datawheel read
    :math:`k_{r,18}, k_{i,19}` for their ``iterations = 20`` (their count includes the start
    column): ``iterations=19`` here; econcomplex's 20 loops (:math:`k_{r,20}, k_{i,20}`) are
    ``iterations=21`` (ECI) and ``20`` (PCI). Each step is re-standardised, which does not change
    the result but keeps it finite for any number of iterations.

    **Fitness** (Tacchella et al. 2012): see :func:`fitness_complexity` (``iterations`` update
    steps, simultaneous updates); sign rules do not apply, fitness is positive.

    Scaling: ``"zscore"``: :math:`(v - \bar v)/\mathrm{sd}(v)` with ``ddof``; ``"sum"``:
    :math:`v / |\sum v|`; ``None``: the raw vectors (eigenvector: PCI of unit Euclidean norm and
    ECI = mean PCI of the region's industries; reflections: raw :math:`k`; fitness: mean 1).

    Parameters
    ----------
    data : Panel or wide DataFrame
        Raw values (``M`` from location quotients) or a 0/1 matrix with ``binary=True``.
    binary : bool, default False
    threshold : float, default 1.0
    strict : bool, default False
        ``M = 1[LQ >= threshold]`` (``>`` if strict); see
        :func:`~smartregion.structure.specialisation`.
    method : {"eigenvector", "reflections", "fitness"}, default "eigenvector"
    scale : {"zscore", "sum", None}, default "zscore"
    ddof : float >= 0 or "stata", default 0
        Delta degrees of freedom of the standard deviation for ``scale="zscore"``: 0 as
        py-ecomplexity and econcomplex, 1 as R economiccomplexity, Datawheel and ReKS.
        ``"stata"`` reproduces Stata's ``ecomplexity``, which standardises over the rows of the
        long region x industry table: ``ddof = 1 / n_industries`` for the ECI and
        ``1 / n_regions`` for the PCI (counting the industries and regions with at least one
        specialisation in the period, so an empty line changes nothing).
    sign : {"diversity"}, default "diversity"
        The ECI correlates positively with diversity.
    pci_sign : {"eci", "ubiquity"}, default "eci"
    pci_scale : {"self", "eci", "eci_sd"}, default "self"
        ``"eci"``: :math:`(\mathrm{PCI} - \overline{\mathrm{ECI}})/\mathrm{sd}(\mathrm{ECI})` on
        the raw vectors (py-ecomplexity); ``"eci_sd"``: divide by the ECI's sd only (the PCI
        py-ecomplexity feeds into COI/COG). Both need ``scale="zscore"``.
    correlation : {"pearson", "spearman"}, default "pearson"
        Correlation used by the sign rules (EconGeo ``tci`` and ReKS use Spearman).
    iterations : int, default 20
        Number of update steps (>= 1) for ``"reflections"`` and ``"fitness"``; ignored by the
        eigenvector method.

    Returns
    -------
    Complexity
        Named tuple ``(eci, pci)`` of Series indexed by region / industry (and time). Regions
        with diversity 0 and industries with ubiquity 0 are NaN.

    Raises
    ------
    ValueError
        For an unknown option or an inconsistent combination.

    References
    ----------
    Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of economic complexity. *PNAS*,
    106(26), 10570-10575.

    Hausmann, R., Hidalgo, C. A., et al. (2014). *The Atlas of Economic Complexity*. MIT Press.

    Tacchella, A., Cristelli, M., Caldarelli, G., Gabrielli, A., & Pietronero, L. (2012). A new
    metrics for countries' fitness and products' complexity. *Scientific Reports*, 2, 723.

    Examples
    --------
    The four-country network of Hidalgo & Hausmann (2009, Fig. S4):

    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
    >>> res = economic_complexity(m, binary=True, ddof=1)
    >>> res.eci.round(4).tolist()
    [-0.0653, -1.3882, 0.6476, 0.8058]
    >>> refl = economic_complexity(m, binary=True, ddof=1, method="reflections", iterations=199)
    >>> refl.eci.round(4).tolist()
    [-0.0653, -1.3882, 0.6476, 0.8058]
    """
    _check_options(method, scale, ddof, pci_scale, pci_sign, sign, correlation, iterations)
    panel, m3 = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    e, p = _complexity_arrays(m3, method=method, scale=scale, ddof=ddof, pci_scale=pci_scale,
                              pci_sign=pci_sign, correlation=correlation, iterations=iterations)
    return Complexity(panel.region_result(e, "eci"), panel.industry_result(p, "pci"))


def eci(data: Data, **kwargs: object) -> pd.Series:
    r"""Economic Complexity Index of each region: ``economic_complexity(data, **kwargs).eci``.

    .. math::

        \mathrm{ECI} = \frac{K - \langle K\rangle}{\mathrm{sd}(K)}, \quad
        K = \text{eigenvector of the 2nd largest eigenvalue of } D_r^{-1} M D_i^{-1} M^\top

    Takes the same keyword arguments as :func:`economic_complexity`.

    References
    ----------
    Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of economic complexity. *PNAS*,
    106(26), 10570-10575.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
    >>> eci(m, binary=True).round(4).tolist()
    [-0.0754, -1.6029, 0.7478, 0.9305]
    """
    return economic_complexity(data, **kwargs).eci  # type: ignore[arg-type]


def pci(data: Data, **kwargs: object) -> pd.Series:
    r"""Product (industry) Complexity Index: ``economic_complexity(data, **kwargs).pci``.

    .. math::

        \mathrm{PCI} = \frac{Q - \langle Q\rangle}{\mathrm{sd}(Q)}, \quad
        Q = \text{eigenvector of the 2nd largest eigenvalue of } D_i^{-1} M^\top D_r^{-1} M

    Takes the same keyword arguments as :func:`economic_complexity`.

    References
    ----------
    Hausmann, R., Hidalgo, C. A., et al. (2014). *The Atlas of Economic Complexity*. MIT Press.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
    >>> pci(m, binary=True, pci_scale="eci").round(4).tolist()
    [-0.1941, -1.6029, 0.5651, 0.9305]
    """
    return economic_complexity(data, **kwargs).pci  # type: ignore[arg-type]


def reflections(
    data: Data,
    *,
    iterations: int = 20,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    rescale: Literal["minmax"] | None = None,
) -> Reflections:
    r"""Method-of-reflections variables :math:`k_{r,N}` and :math:`k_{i,N}` after ``N`` updates.

    .. math::

        k_{r,N} = \frac{1}{k_{r,0}} \sum_i M_{ri}\, k_{i,N-1}, \qquad
        k_{i,N} = \frac{1}{k_{i,0}} \sum_r M_{ri}\, k_{r,N-1}

    ``N = iterations`` is the number of update steps, as in :func:`fitness_complexity` and
    ``economic_complexity(method="reflections")``. ``iterations=0`` gives diversity and
    ubiquity, ``iterations=1`` the average ubiquity of a region's
    industries and the average diversity of an industry's regions. With ``rescale="minmax"``
    every step from the third on is rescaled to 0-100, as EconGeo's ``morc`` / ``mort`` do;
    because each step is an average, this equals rescaling :math:`k_{r,N}` itself, and it keeps
    long chains from collapsing to a constant. EconGeo does not rescale steps 1 and 2, so
    ``morc(M, steps=2)`` is ``iterations=2, rescale=None``. The chains start from diversity and
    ubiquity, so if those happen to be uncorrelated with the second eigenvector the reflections
    cannot converge to it.

    Parameters
    ----------
    data : Panel or wide DataFrame
    iterations : int, default 20
        Number of update steps (>= 0). EconGeo's ``morc(M, steps=N)`` is ``iterations=N``.
    binary, threshold, strict
        See :func:`economic_complexity`.
    rescale : {None, "minmax"}, default None

    Returns
    -------
    Reflections
        Named tuple ``(region, industry)`` of Series; NaN for zero lines.

    References
    ----------
    Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of economic complexity. *PNAS*,
    106(26), 10570-10575.

    Balland, P.-A., & Rigby, D. (2017). The geography of complex knowledge. *Economic
    Geography*, 93(1), 1-23.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
    >>> reflections(m, iterations=1, binary=True).region.tolist()
    [2.0, 2.0, 2.5, 3.0]
    >>> reflections(m, iterations=1, binary=True).industry.round(4).tolist()
    [4.0, 2.5, 3.0, 2.3333]
    """
    if not isinstance(iterations, (int, np.integer)) or isinstance(iterations, bool) \
            or iterations < 0:
        raise ValueError(f"iterations must be an integer >= 0; got {iterations!r}.")
    _check_choice(rescale, "rescale", (None, "minmax"))
    panel, m3 = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    t_n, r_n, i_n = m3.shape
    out_r = np.full((t_n, r_n), np.nan)
    out_i = np.full((t_n, i_n), np.nan)
    for t in range(t_n):
        rows, cols = _active(m3[t])
        if not rows.any():
            continue
        m = m3[t][np.ix_(rows, cols)].astype(np.float64)
        kr, ki = m.sum(axis=1), m.sum(axis=0)
        if iterations == 0:
            xr, xi = kr, ki
        else:
            xr = _chain(m, kr, ki, iterations, "region", rescale)
            xi = _chain(m, kr, ki, iterations, "industry", rescale)
        out_r[t, rows] = xr
        out_i[t, cols] = xi
    return Reflections(panel.region_result(out_r, "k_region"),
                       panel.industry_result(out_i, "k_industry"))


def fitness_complexity(
    data: Data,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    iterations: int = 20,
    update: Literal["simultaneous", "sequential"] = "simultaneous",
    extremality: float = 1.0,
) -> Fitness:
    r"""Fitness of regions and complexity of industries (Tacchella et al. 2012).

    Starting from :math:`F^{(0)} = Q^{(0)} = 1`, each of the ``iterations`` steps computes

    .. math::

        \tilde F_r^{(n)} = \sum_i M_{ri} Q_i^{(n-1)}, \qquad
        \tilde Q_i^{(n)} = \Big[\sum_r M_{ri} \big(F_r^{(\cdot)}\big)^{-\gamma}\Big]^{-1/\gamma},

    and divides both by their mean (so they average 1). ``update="simultaneous"`` uses
    :math:`F^{(n-1)}` in the complexity step (R economiccomplexity); ``"sequential"`` uses the
    new :math:`F^{(n)}` (econcomplex). :math:`\gamma` is ``extremality`` (1 in the paper).

    Parameters
    ----------
    data : Panel or wide DataFrame
    binary, threshold, strict
        See :func:`economic_complexity`.
    iterations : int, default 20
        Number of update steps. R economiccomplexity's ``iterations = N`` performs ``N - 1``.
    update : {"simultaneous", "sequential"}, default "simultaneous"
    extremality : float, default 1.0

    Returns
    -------
    Fitness
        Named tuple ``(fitness, complexity)``; NaN for zero lines.

    References
    ----------
    Tacchella, A., Cristelli, M., Caldarelli, G., Gabrielli, A., & Pietronero, L. (2012). A new
    metrics for countries' fitness and products' complexity. *Scientific Reports*, 2, 723.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
    >>> fit = fitness_complexity(m, binary=True, iterations=1)
    >>> fit.fitness.tolist()
    [2.0, 0.5, 1.0, 0.5]
    >>> fit.complexity.round(4).tolist()
    [1.7143, 0.8571, 0.8571, 0.5714]
    """
    _check_choice(update, "update", ("simultaneous", "sequential"))
    if not isinstance(iterations, (int, np.integer)) or isinstance(iterations, bool) \
            or iterations < 1:
        raise ValueError(f"iterations must be an integer >= 1; got {iterations!r}.")
    if not extremality > 0:
        raise ValueError(f"extremality must be > 0; got {extremality!r}.")
    panel, m3 = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    t_n, r_n, i_n = m3.shape
    out_f = np.full((t_n, r_n), np.nan)
    out_q = np.full((t_n, i_n), np.nan)
    for t in range(t_n):
        rows, cols = _active(m3[t])
        if not rows.any():
            continue
        f, q = _fitness_iter(m3[t][np.ix_(rows, cols)].astype(np.float64), iterations, update,
                             extremality)
        out_f[t, rows] = f
        out_q[t, cols] = q
    return Fitness(panel.region_result(out_f, "fitness"),
                   panel.industry_result(out_q, "complexity"))


def complexity_outlook(
    data: Data,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    pci: pd.Series | None = None,
    diagonal: bool = True,
    own_term: bool = True,
    coi_scale: Literal["zscore"] | None = None,
    method: Method = "eigenvector",
    scale: Scale = "zscore",
    ddof: Ddof = 0,
    pci_sign: PciSign = "eci",
    pci_scale: PciScale = "self",
    correlation: Correlation = "pearson",
    iterations: int = 20,
) -> Outlook:
    r"""Complexity outlook index (COI) of regions and complexity outlook gain (COG) of cells.

    With proximity :math:`\varphi_{ij}` (co-occurrence over the larger ubiquity) and density
    :math:`\omega_{ri} = \sum_j M_{rj}\varphi_{ij} / \sum_j \varphi_{ij}` (so the distance is
    :math:`d_{ri} = 1 - \omega_{ri}`), Hausmann et al. (2014) define

    .. math::

        \mathrm{COI}_r = \sum_i (1 - d_{ri})(1 - M_{ri})\, \mathrm{PCI}_i

        \mathrm{COG}_{ri} = (1 - M_{ri}) \Big[\sum_j \frac{\varphi_{ij}}{\sum_k \varphi_{jk}}
        (1 - M_{rj})\, \mathrm{PCI}_j - (1 - d_{ri})\, \mathrm{PCI}_i \Big]

    The factor :math:`1 - M_{ri}` sets the gain of industries a region already has to 0.
    py-ecomplexity and R economiccomplexity leave out the last term (``own_term=False``).

    Parameters
    ----------
    data : Panel or wide DataFrame
    binary, threshold, strict
        See :func:`economic_complexity`.
    pci : Series, optional
        PCI indexed like :func:`economic_complexity`'s ``pci``. If omitted it is computed with the
        ``method`` ... ``iterations`` options below (see :func:`economic_complexity`).
    diagonal : bool, default True
        Proximity diagonal :math:`\varphi_{ii} = 1` included in density and in the sums
        (py-ecomplexity, economiccomplexity); ``False`` sets it to 0 (Datawheel, econcomplex).
    own_term : bool, default True
        Subtract :math:`(1 - d_{ri})\mathrm{PCI}_i` in the COG (the Atlas formula).
    coi_scale : {None, "zscore"}, default None
        ``"zscore"`` standardises the COI of each period (py-ecomplexity, with ``ddof``).
    method, scale, ddof, pci_sign, pci_scale, correlation, iterations
        Passed to :func:`economic_complexity` when ``pci`` is not given; ``ddof`` also for
        ``coi_scale``. py-ecomplexity computes COI and COG from its raw (unit-norm) PCI and then
        divides the COG by the ECI's standard deviation; that equals using the PCI scaled by the
        ECI's standard deviation without centring, ``pci_scale="eci_sd"``.

    Returns
    -------
    Outlook
        Named tuple ``(coi, cog)``: ``coi`` a Series by region (and time), ``cog`` a DataFrame
        with rows region (and time) and columns industry. Regions with diversity 0 and
        industries with ubiquity 0 (or a NaN PCI) are NaN; they do not enter the others' sums.

    Notes
    -----
    **Variants of the gain.** Datawheel's ``opportunity_gain`` (py-economic-complexity 0.3)
    departs from the Atlas formula above in two ways: it does not set the gain of industries a
    region already has to 0, and it normalises each proximity by the sum over the *target*
    industry, :math:`\varphi_{ji} / \sum_k \varphi_{ki}`, instead of the neighbour's
    :math:`\sum_k \varphi_{jk}` (with its zero proximity diagonal):

    .. math::

        \mathrm{COG}^{DW}_{ri} = \sum_j (1 - M_{rj})\, \mathrm{PCI}_j
        \frac{\varphi_{ji}}{\sum_k \varphi_{ki}} - (1 - d_{ri})\, \mathrm{PCI}_i

    smartregion computes the Atlas formula only. A worked example with three regions on a
    chain of four industries (``diagonal=False`` for both, PCI given):

    >>> import numpy as np, pandas as pd
    >>> from smartregion.relatedness import proximity
    >>> m = pd.DataFrame([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]], index=["a", "b", "c"],
    ...                  columns=["w", "x", "y", "z"])
    >>> q = pd.Series([1.0, 0.5, -0.5, -1.0], index=m.columns)
    >>> complexity_outlook(m, binary=True, pci=q, diagonal=False).cog  # Atlas
    industry     w     x     y     z
    region
    a         0.00  0.00 -0.75 -0.25
    b        -1.00  0.00  0.00  1.00
    c         0.25  0.75  0.00  0.00
    >>> phi = proximity(m, binary=True, diagonal=0.0).to_numpy()
    >>> M, pc = m.to_numpy(float), q.to_numpy()
    >>> dens = (M @ phi) / phi.sum(axis=0)
    >>> ((1 - M) * pc) @ (phi / phi.sum(axis=0)) - dens * pc  # the variant, by hand
    array([[-1.  , -0.5 , -0.25, -0.5 ],
           [-1.  ,  0.25, -0.25,  1.  ],
           [ 0.5 ,  0.25,  0.5 ,  1.  ]])

    Region *a* owns *w* and *x*: the Atlas gain of entering *y* counts *z* (the one unowned
    neighbour of *y*, PCI -1) with weight :math:`\varphi_{yz}/\sum_k\varphi_{zk} = 1`, the
    variant with :math:`\varphi_{zy}/\sum_k\varphi_{ky} = 0.5`; and the variant reports
    non-zero gains (-1, -0.5) for the two industries *a* already has.

    References
    ----------
    Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A., & Yildirim, M. A. (2014).
    *The Atlas of Economic Complexity: Mapping Paths to Prosperity*. MIT Press.

    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    Two regions, three industries, PCI given:

    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 0], [0, 1, 1]], index=["a", "b"], columns=["x", "y", "z"])
    >>> q = pd.Series([1.0, 0.0, -1.0], index=m.columns)
    >>> out = complexity_outlook(m, binary=True, pci=q, own_term=False)
    >>> out.coi.round(4).tolist()
    [-0.3333, 0.3333]
    >>> out.cog.round(4).to_numpy().tolist()
    [[0.0, 0.0, -0.6667], [0.6667, 0.0, 0.0]]
    """
    _check_choice(diagonal, "diagonal", (True, False))
    _check_choice(own_term, "own_term", (True, False))
    _check_choice(coi_scale, "coi_scale", (None, "zscore"))
    _check_options(method, scale, ddof, pci_scale, pci_sign, "diversity", correlation,
                   iterations)
    from .relatedness import density_array, proximity_array

    panel, mask = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    m3 = mask.astype(np.float64)
    if pci is None:
        _, q = _complexity_arrays(m3, method=method, scale=scale, ddof=ddof,
                                  pci_scale=pci_scale, pci_sign=pci_sign,
                                  correlation=correlation, iterations=iterations)
    else:
        if not isinstance(pci, pd.Series):
            raise ValueError(f"pci must be a pandas Series indexed by industry (and time); got "
                             f"{type(pci)!r}.")
        want = panel.industry_result(np.zeros(m3.shape[::2]), "pci").index
        missing = want.difference(pci.index)
        if len(missing):
            raise ValueError(f"pci has no value for {len(missing)} industr(y/ies), e.g. "
                             f"{missing.tolist()[:5]}; give one PCI per industry (and period).")
        q = pci.reindex(want).to_numpy(dtype=float).reshape(m3.shape[0], m3.shape[2])
    rows = m3.sum(axis=2) > 0  # (T, R)
    cols = (m3.sum(axis=1) > 0) & np.isfinite(q)  # (T, I)
    q0 = np.where(cols, q, 0.0)
    phi = proximity_array(m3, diagonal=1.0 if diagonal else 0.0)
    phi = phi * cols[:, :, None] * cols[:, None, :]
    dens = density_array(m3, phi)  # NaN only in excluded columns
    dens = np.where(cols[:, None, :], dens, 0.0)
    absent = 1.0 - m3
    coi = np.einsum("tri,tri,ti->tr", dens, absent, q0)
    rowsum = phi.sum(axis=2)  # (T, I): sum_k phi_jk
    w = phi * np.divide(q0, rowsum, out=np.zeros_like(q0), where=rowsum > 0)[:, :, None]
    cog = np.matmul(absent, w)  # sum_j (1 - M_rj) phi_ji PCI_j / sum_k phi_jk
    if own_term:
        cog = cog - dens * q0[:, None, :]
    cog = absent * cog + 0.0  # + 0.0 turns the -0.0 of owned cells into 0.0
    coi = np.where(rows, coi, np.nan)
    if coi_scale == "zscore":
        for t in range(coi.shape[0]):
            ok = rows[t]
            d_coi, _ = _ddofs(ddof, int(ok.sum()), max(int(cols[t].sum()), 1))
            coi[t, ok] = _zscore(coi[t, ok], d_coi)
    cog = np.where(rows[:, :, None] & cols[:, None, :], cog, np.nan)
    return Outlook(panel.region_result(coi, "coi"), panel.cell_result(cog))



# --------------------------------------------------------------------------- spectral
EigenOrder = Literal["value", "modulus"]


def _spectral_vector(a: np.ndarray, which: int, order: str) -> np.ndarray:
    """The ``which``-th eigenvector of square ``a`` (real part), eigenvalues sorted by ``order``."""
    if order == "value" and np.allclose(a, a.T, rtol=0, atol=1e-12 * max(1.0, np.abs(a).max())):
        vals, vecs = np.linalg.eigh((a + a.T) / 2)
        pos = np.argsort(-vals, kind="stable")
    else:
        vals, vecs = np.linalg.eig(a)
        key = -np.abs(vals) if order == "modulus" else -vals.real
        pos = np.argsort(key, kind="stable")
    return np.real(vecs[:, pos[which - 1]])


def _reference_array(reference: pd.Series | np.ndarray | None, index: pd.Index
                     ) -> np.ndarray | None:
    if reference is None:
        return None
    if isinstance(reference, pd.Series):
        ref = reference.reindex(index)
        if ref.isna().any():
            miss = list(index[ref.isna().to_numpy()][:5])
            raise ValueError(f"reference has no value for {miss}; give one for every label.")
        return ref.to_numpy(dtype=np.float64)
    ref = np.asarray(reference, dtype=np.float64).ravel()
    if ref.shape != (len(index),):
        raise ValueError(f"reference has {ref.size} values; expected {len(index)}.")
    return ref


def spectral_complexity(
    similarity: pd.DataFrame,
    *,
    reference: pd.Series | np.ndarray | None = None,
    which: int = 2,
    eigen_order: EigenOrder = "value",
    scale: Scale = "zscore",
    ddof: float = 1,
    correlation: Correlation = "pearson",
) -> pd.Series:
    r"""Complexity as the leading non-trivial eigenvector of a similarity matrix.

    Mealy, Farmer & Teytelboym (2019) show that the ECI is the eigenvector of the second largest
    eigenvalue of the region similarity matrix :math:`\tilde M = D_r^{-1} M D_i^{-1} M^\top`:
    the first eigenvector of a row-stochastic similarity is constant, the second orders the
    lines so that similar ones get similar values (spectral clustering). The same recipe applies
    to any similarity; Davies & Maré (2021) apply it to their activity relatedness
    (``relatedness_matrix(x, method="davies_mare")``) and city relatedness
    (``axis="region"``):

    .. math::

        S v_k = \lambda_k v_k, \quad \lambda_1 \ge \lambda_2 \ge \dots, \qquad
        C = \mathrm{scale}(v_{\text{which}}).

    **Order of eigenvalues** (``eigen_order``): ``"value"`` sorts by the real eigenvalue,
    largest first (R's ``eigen`` on a symmetric matrix; a symmetric input is solved with
    ``eigh``); ``"modulus"`` sorts by :math:`|\lambda|` (R's ``eigen`` on a non-symmetric
    matrix, as in EconGeo's ``KCI`` / ``TCI`` on the Markov matrix of
    :func:`markov_similarity`, where a large negative eigenvalue can come second).

    **Sign rule**: an eigenvector's sign is arbitrary. With ``reference`` the sign makes the
    correlation (``correlation``) between the result and the reference positive, e.g. the mean
    size of the cities an activity employs people in (Davies & Maré: complex activities
    concentrate in large cities) or the mean complexity of a city's activities (complex cities
    hold complex activities). Without a reference the entry of largest magnitude is made
    positive, which is deterministic but carries no meaning. A reference uncorrelated with the
    vector also falls back to that rule.

    **Scale**: ``"zscore"`` :math:`(v - \bar v)/\mathrm{sd}(v)` with ``ddof`` (R's ``scale``:
    ``ddof=1``, the default); ``"sum"`` :math:`v/|\sum v|`; ``None`` the unit-norm vector.

    **Zero lines**: a line whose similarities are all zero or all missing (an activity with no
    employment, say) is left out of the eigenproblem and gets NaN; any other missing entry
    raises ``ValueError`` (fill or drop it first).

    Parameters
    ----------
    similarity : DataFrame
        Square matrix (rows labelled as columns), or a stack of them with a ``(time, label)``
        row index (one eigenproblem per period).
    reference : Series or ndarray, optional
        Orientation reference, indexed like the result (label, or (time, label)).
    which : int, default 2
        Rank of the eigenvector (1 = leading; 2 = first non-trivial for a stochastic matrix).
    eigen_order : {"value", "modulus"}, default "value"
    scale : {"zscore", "sum", None}, default "zscore"
    ddof : float, default 1
    correlation : {"pearson", "spearman"}, default "pearson"

    Returns
    -------
    Series
        Named ``"complexity"``, indexed by label (and time).

    References
    ----------
    Mealy, P., Farmer, J. D., & Teytelboym, A. (2019). Interpreting economic complexity.
    *Science Advances*, 5(1), eaau1705.

    Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. *Regional
    Studies*, 55(3), 479-494.

    Examples
    --------
    Two blocks of similar lines: the second eigenvector separates them.

    >>> s = pd.DataFrame([[1, .9, .1, .1], [.9, 1, .1, .1], [.1, .1, 1, .9], [.1, .1, .9, 1]],
    ...                  index=list("abcd"), columns=list("abcd"))
    >>> spectral_complexity(s, reference=np.array([1, 1, 2, 2])).round(4).tolist()
    [-0.866, -0.866, 0.866, 0.866]
    """
    from .relatedness import _square_from_frame

    if eigen_order not in ("value", "modulus"):
        raise ValueError(f"eigen_order must be 'value' or 'modulus'; got {eigen_order!r}.")
    if scale not in ("zscore", "sum", None):
        raise ValueError(f"scale must be 'zscore', 'sum' or None; got {scale!r}.")
    _check_choice(correlation, "correlation", ("pearson", "spearman"))
    if not isinstance(similarity, pd.DataFrame):
        raise TypeError("similarity must be a labelled square DataFrame.")
    arr, labels, times = _square_from_frame(similarity, "similarity")
    n = len(labels)
    if not 1 <= which <= n:
        raise ValueError(f"which must be between 1 and {n}; got {which}.")
    if times is None:
        index = pd.Index(labels)
    else:
        index = pd.MultiIndex.from_product([times, labels],
                                           names=[similarity.index.names[0] or "time",
                                                  similarity.index.names[1] or labels.name])
    ref = _reference_array(reference, index)
    out = np.full((arr.shape[0], n), np.nan)
    for t in range(arr.shape[0]):
        a = arr[t]
        empty = np.all((a == 0) | np.isnan(a), axis=1) & np.all((a == 0) | np.isnan(a), axis=0)
        keep = ~empty
        sub = a[np.ix_(keep, keep)]
        if np.isnan(sub).any():
            bad = list(labels[keep][np.isnan(sub).any(axis=1)][:5])
            raise ValueError(f"similarity has missing entries for {bad} (period {t}); fill or "
                             "drop them before computing complexity.")
        if keep.sum() < max(2, which):
            warnings.warn(f"period {t}: fewer than {max(2, which)} lines with similarities; "
                          "complexity is undefined.", DegenerateComplexityWarning, stacklevel=2)
            continue
        v = _spectral_vector(sub, which, eigen_order)
        if scale == "sum":
            tot = v.sum()
            v = v / abs(tot) if tot != 0 else np.full_like(v, np.nan)
        elif scale == "zscore":
            v = _zscore(v, ddof)
        if ref is not None:
            r = ref[t * n:(t + 1) * n][keep]
            v = v * _orient(v, r, correlation, positive=True)
        else:
            v = v * (1.0 if v[np.nanargmax(np.abs(v))] >= 0 else -1.0)
        out[t, keep] = v
    return pd.Series(out.ravel(), index=index, name="complexity")


def markov_similarity(
    data: Data,
    *,
    axis: Literal["industry", "region"] = "industry",
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    decimals: int | None = None,
) -> pd.DataFrame:
    r"""The row-stochastic similarity whose second eigenvector is the PCI (or the ECI).

    .. math::

        \tilde M^{(i)} = D_i^{-1} M^\top D_r^{-1} M \ (\text{industries}), \qquad
        \tilde M^{(r)} = D_r^{-1} M D_i^{-1} M^\top \ (\text{regions}),

    with :math:`M` the binary specialisation matrix, :math:`D_r` the diversities and
    :math:`D_i` the ubiquities (Hidalgo & Hausmann 2009; Mealy et al. 2019). Lines with no
    specialisation are left out of both products; their rows and columns are zero. Feed it to
    :func:`spectral_complexity` with ``eigen_order="modulus"`` to reproduce EconGeo's ``TCI``
    (industries) and ``KCI`` (regions), which also round this matrix to 4 decimals
    (``decimals=4``) before the eigendecomposition. The default (``decimals=None``) does not
    round.

    Parameters
    ----------
    data : Panel or wide DataFrame
    axis : {"industry", "region"}, default "industry"
    binary, threshold, strict
        How ``M`` is obtained (see :func:`~smartregion.structure.binary_mask`).
    decimals : int, optional
        Round the matrix to this many decimals (EconGeo: 4).

    Returns
    -------
    DataFrame
        Square, rows industry (region) and time, columns industry (region).

    References
    ----------
    Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of economic complexity. *PNAS*,
    106(26), 10570-10575.

    Mealy, P., Farmer, J. D., & Teytelboym, A. (2019). Interpreting economic complexity.
    *Science Advances*, 5(1), eaau1705.

    Balland, P.-A. (2017). *Economic Geography in R: Introduction to the EconGeo package*.
    PEEG 17.09, Utrecht University.
    """
    if axis not in ("industry", "region"):
        raise ValueError(f"axis must be 'industry' or 'region'; got {axis!r}.")
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    m = np.asarray(m, dtype=np.float64)
    kr = m.sum(axis=2, keepdims=True)  # (T, R, 1)
    ki = m.sum(axis=1, keepdims=True)  # (T, 1, I)
    c = np.divide(m, kr, out=np.zeros_like(m), where=kr > 0)  # D_r^-1 M
    p = np.divide(m, ki, out=np.zeros_like(m), where=ki > 0)  # M D_i^-1
    if axis == "industry":
        out = np.matmul(p.transpose(0, 2, 1), c)  # D_i^-1 M' D_r^-1 M
    else:
        out = np.matmul(c, p.transpose(0, 2, 1))  # D_r^-1 M D_i^-1 M'
    if decimals is not None:
        out = np.round(out, decimals)
    if axis == "industry":
        return panel.industry_matrix_result(out)
    return panel.region_matrix_result(out)
