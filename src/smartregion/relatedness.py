r"""Relatedness between industries: co-occurrence, proximity, normalised co-occurrence and
relatedness density.

All panel-level functions accept a :class:`~smartregion.panel.Panel` (or a numeric wide
DataFrame, see :func:`~smartregion.panel.as_panel`) and work on every period at once. The
binary specialisation matrix :math:`M_{ri}` comes from
:func:`~smartregion.structure.binary_array` (``M = 1[LQ >= threshold]``, or the data themselves
with ``binary=True``).

The array-level helpers :func:`cooccurrence_array`, :func:`proximity_array` and
:func:`density_array` take and return plain ``float64`` arrays of shape ``(T, R, I)`` /
``(T, I, I)`` and are what the complexity and network modules build on. All products are
floating-point matrix products (BLAS); integer matrix products are never used.

Conventions that differ between peer packages are keyword arguments. Calls that reproduce
each peer (checked in the tests on a shared toy panel):

* ``proximity(x)`` (diagonal 1): ecomplexity ``proximity``; economiccomplexity ``proximity``
  (product, and country with ``axis="region"``).
* ``proximity(x, diagonal=0.0)``: Datawheel ``proximity(procedure="max")``; econcomplex
  ``proximity()["product"]``. With ``method="sqrt"``: Datawheel ``procedure="sqrt"``.
* ``co_occurrence(x)`` (diagonal 0, or ``diagonal=True``): EconGeo ``co_occurrence``.
* ``relatedness_matrix(x, method=m)`` for m in prob, association, cosine, jaccard: EconGeo
  ``relatedness_matrix(cooc, method=m)``.
* ``relatedness_density(x)``: ecomplexity and economiccomplexity ``density``, ReKS
  ``local_density``.
* ``relatedness_density(x, include_diagonal=False)``: Datawheel ``relatedness``; with
  ``scale=100`` econcomplex ``relatedness_density`` (except that an undefined density is NaN
  here, 0 there).
* ``relatedness_density(x, relatedness_matrix(x, method="prob"), scale=100)``: EconGeo
  ``relatedness_density`` before its rounding to 2 decimals.
* ``distance(x)``: economiccomplexity ``distance``; ``include_diagonal=False``: Datawheel
  ``distance``.
* ``relative_relatedness_density(x, include_diagonal=False)``: Datawheel
  ``relative_relatedness``.
* ``relatedness_matrix(x, method="davies_mare")``: Davies & Maré (2021), ``(1 + r) / 2`` with
  ``r = WGCNA::cor(local_shares, use="pairwise.complete.obs", weights.x=region_sizes)`` and
  zero cells as missing; ``share_density(x, that_matrix)`` is their relatedness density
  (mean local relatedness minus the own local share).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from .panel import Panel, PanelError, as_panel
from .structure import _safe_div, binary_mask

__all__ = [
    "cooccurrence_array",
    "proximity_array",
    "density_array",
    "co_occurrence",
    "proximity",
    "relatedness_matrix",
    "relatedness_density",
    "share_density",
    "pairwise_weighted_correlation",
    "relative_relatedness_density",
    "distance",
    "cospecialisation_relatedness",
    "regional_network_measures",
]

Data = Panel | pd.DataFrame | np.ndarray
Axis = Literal["industry", "region"]
Method = Literal["proximity", "prob", "association", "cosine", "jaccard", "correlation",
                 "davies_mare"]
_METHODS = ("proximity", "prob", "association", "cosine", "jaccard", "correlation",
            "davies_mare")


# --------------------------------------------------------------------------- array helpers
def _as_3d(a: np.ndarray, name: str, *, keep_bool: bool = False) -> np.ndarray:
    arr = np.asarray(a)
    if not (keep_bool and arr.dtype == bool):
        arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3:
        raise ValueError(f"{name} must be 2-d or 3-d (T, ., .); got shape {arr.shape}.")
    return arr


def cooccurrence_array(m: np.ndarray, *, axis: Axis = "industry") -> np.ndarray:
    r"""Co-occurrence counts of a ``(T, R, I)`` 0/1 array (diagonal kept).

    .. math::

        C_{ij} = \sum_r M_{ri} M_{rj} \quad (\text{industry axis}), \qquad
        C_{rs} = \sum_i M_{ri} M_{si} \quad (\text{region axis})

    The diagonal holds the ubiquities (industry axis) or diversities (region axis).

    Parameters
    ----------
    m : ndarray, shape (T, R, I) or (R, I)
        Binary specialisation matrix (any real weights work; the product is float64).
    axis : {"industry", "region"}, default "industry"

    Returns
    -------
    ndarray, shape (T, I, I) or (T, R, R)

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([[1, 1, 0], [0, 1, 1]], dtype=float)
    >>> cooccurrence_array(m)[0]
    array([[1., 1., 0.],
           [1., 2., 1.],
           [0., 1., 1.]])
    """
    if axis not in ("industry", "region"):
        raise ValueError(f"axis must be 'industry' or 'region'; got {axis!r}.")
    arr = _as_3d(m, "m", keep_bool=True)
    n = arr.shape[2] if axis == "industry" else arr.shape[1]
    out = np.empty((arr.shape[0], n, n), dtype=np.float64)
    summed = arr.shape[1] if axis == "industry" else arr.shape[2]
    # A 0/1 (bool) matrix has integer counts <= `summed`: single precision holds every integer
    # below 2**24 exactly, so the product is computed there (half the memory traffic) and is
    # identical to the double-precision one. Real weights stay in double precision.
    work = np.float32 if arr.dtype == np.bool_ and summed < 2**24 else np.float64
    for t in range(arr.shape[0]):  # one period at a time: a float copy of one period only
        mt = np.asarray(arr[t], dtype=work)
        prod = mt.T @ mt if axis == "industry" else mt @ mt.T
        out[t] = prod
    return out


def proximity_array(
    m: np.ndarray,
    *,
    diagonal: float = 1.0,
    method: Literal["max", "sqrt"] = "max",
    axis: Axis = "industry",
) -> np.ndarray:
    r"""Proximity of a ``(T, R, I)`` 0/1 array: co-occurrence over the larger ubiquity.

    .. math::

        \varphi_{ij} = \min\{P(M_i | M_j), P(M_j | M_i)\}
        = \frac{\sum_r M_{ri} M_{rj}}{\max(u_i, u_j)}, \qquad u_i = \sum_r M_{ri}

    ``method="sqrt"`` divides by :math:`\sqrt{u_i u_j}` instead (Datawheel's ``"sqrt"``
    procedure, a cosine similarity of the binary columns). Pairs with a zero denominator get 0;
    the diagonal is set to ``diagonal`` for every industry present somewhere (ubiquity > 0) and
    to 0 for an industry present nowhere, which is thus unrelated to everything, itself
    included: its density is undefined (NaN) and it never counts as an opportunity.

    Parameters
    ----------
    m : ndarray, shape (T, R, I) or (R, I)
    diagonal : float, default 1.0
        Value on the diagonal (1 as in ecomplexity / economiccomplexity, 0 as in Datawheel /
        econcomplex).
    method : {"max", "sqrt"}, default "max"
    axis : {"industry", "region"}, default "industry"
        ``"region"`` gives the region (country) proximity of economiccomplexity.

    Returns
    -------
    ndarray, shape (T, I, I) or (T, R, R)

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([[1, 1], [1, 0], [1, 0]], dtype=float)
    >>> proximity_array(m)[0]
    array([[1.        , 0.33333333],
           [0.33333333, 1.        ]])
    """
    arr = _as_3d(m, "m", keep_bool=True)
    c = cooccurrence_array(arr, axis=axis)
    u = arr.sum(axis=1 if axis == "industry" else 2, dtype=np.float64)  # (T, n)
    if method == "max":
        den = np.maximum(u[:, :, None], u[:, None, :])
    elif method == "sqrt":
        den = np.sqrt(u[:, :, None] * u[:, None, :])
    else:
        raise ValueError(f"method must be 'max' or 'sqrt'; got {method!r}.")
    phi = _safe_div(c, den, fill=0.0)
    n = phi.shape[-1]
    # an industry (region) present nowhere has no proximity to anything, itself included, so
    # that an empty line cannot count as related to itself (or as anyone's opportunity)
    phi[:, np.arange(n), np.arange(n)] = np.where(u > 0, float(diagonal), 0.0)
    return phi


def density_array(
    m: np.ndarray,
    phi: np.ndarray,
    *,
    include_diagonal: bool = True,
    scale: float = 1.0,
) -> np.ndarray:
    r"""Relatedness density of a ``(T, R, I)`` array for a ``(I, I)`` or ``(T, I, I)`` matrix.

    .. math::

        \omega_{ri} = s \, \frac{\sum_j M_{rj} \varphi_{ij}}{\sum_j \varphi_{ij}}

    With ``include_diagonal=False`` the terms :math:`j = i` are left out of both sums.
    Industries whose weights sum to zero get NaN in their own column only.

    Parameters
    ----------
    m : ndarray, shape (T, R, I) or (R, I)
    phi : ndarray, shape (I, I) or (T, I, I)
        A single matrix is used for every period.
    include_diagonal : bool, default True
    scale : float, default 1.0
        100 gives percentages (EconGeo, econcomplex).

    Returns
    -------
    ndarray, shape (T, R, I)

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([[1, 0, 0]], dtype=float)
    >>> phi = np.array([[1, .5, 0], [.5, 1, .5], [0, .5, 1]])
    >>> density_array(m, phi)[0]
    array([[0.66666667, 0.25      , 0.        ]])
    >>> density_array(m, phi, include_diagonal=False)[0]
    array([[0. , 0.5, 0. ]])
    """
    arr = _as_3d(m, "m", keep_bool=True)
    w = _as_3d(phi, "phi")
    n_i = arr.shape[2]
    if w.shape[1:] != (n_i, n_i):
        raise ValueError(f"phi has shape {w.shape[1:]} but m has {n_i} industries.")
    if w.shape[0] not in (1, arr.shape[0]):
        raise ValueError(f"phi has {w.shape[0]} periods but m has {arr.shape[0]}; give one "
                         "matrix or one per period.")
    if not include_diagonal:
        w = w.copy()
        w[:, np.arange(n_i), np.arange(n_i)] = 0.0
    out = np.empty(arr.shape, dtype=np.float64)
    for t in range(arr.shape[0]):  # one period at a time, into the result
        wt = w[t if w.shape[0] > 1 else 0]
        np.matmul(np.asarray(arr[t], dtype=np.float64), wt.T, out=out[t])  # sum_j M_rj phi_ij
        den = wt.sum(axis=1)  # (I,)
        ok = den != 0
        np.divide(out[t], den, out=out[t], where=ok[None, :])
        out[t][:, ~ok] = np.nan
    if scale != 1.0:
        out *= float(scale)
    return out


def _panel_proximity(panel: Panel, m: np.ndarray, key: tuple, **kwargs: object) -> np.ndarray:
    """Proximity of a panel's own ``M``, computed once per panel and rule (read-only array).

    A panel's values never change, so the proximity of its ``M`` under one set of options
    (``key`` holds how ``M`` was made) is the same every time it is asked for.
    """
    full = ("proximity", key, tuple(sorted(kwargs.items())))
    phi = panel._cache.get(full)
    if phi is None:
        phi = proximity_array(m, **kwargs)  # type: ignore[arg-type]
        phi.flags.writeable = False
        panel._cache[full] = phi
    return phi


# --------------------------------------------------------------------------- wrappers
def _wrap_square(arr: np.ndarray, labels: pd.Index, times: pd.Index | None,
                 name: str) -> pd.DataFrame:
    """Label a ``(T, n, n)`` array: rows label (and time), columns label."""
    lab = pd.Index(labels, name=name)
    if times is not None:
        index = pd.MultiIndex.from_product([times, lab], names=["time", name])
    else:
        index = lab
    out = pd.DataFrame(arr.reshape(-1, arr.shape[-1]), index=index, columns=lab.copy())
    return out


def _square_from_frame(df: pd.DataFrame, what: str) -> tuple[np.ndarray, pd.Index,
                                                              pd.Index | None]:
    """Read a labelled square matrix (or a stack of them with a (time, label) row index)."""
    cols = pd.Index(df.columns)
    if isinstance(df.index, pd.MultiIndex):
        if df.index.nlevels != 2:
            raise PanelError(f"{what}: a stacked matrix needs a 2-level (time, label) row index.")
        times = pd.Index(df.index.get_level_values(0).unique(), name="time")
        blocks = []
        for t in times:
            sub = df.xs(t, level=0)
            if not (len(sub.index) == len(cols) and pd.Index(sub.index).sort_values().equals(
                    cols.sort_values())):
                raise PanelError(f"{what}: rows of period {t!r} do not carry the same labels "
                                 "as the columns; give a square matrix per period.")
            blocks.append(sub.loc[cols, cols].to_numpy(dtype=np.float64))
        return np.stack(blocks), cols, times
    if not (len(df.index) == len(cols) and pd.Index(df.index).sort_values().equals(
            cols.sort_values())):
        raise PanelError(f"{what}: the row labels must be the column labels (a square "
                         "industry x industry matrix).")
    return df.loc[cols, cols].to_numpy(dtype=np.float64)[None], cols, None


def _looks_square(df: object) -> bool:
    if not isinstance(df, pd.DataFrame):
        return False
    if isinstance(df.index, pd.MultiIndex):
        return df.index.nlevels == 2 and set(df.index.get_level_values(1)) == set(df.columns)
    return len(df.index) == len(df.columns) and set(df.index) == set(df.columns)


def co_occurrence(
    data: Data,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    diagonal: bool = False,
    axis: Axis = "industry",
) -> pd.DataFrame:
    r"""Co-occurrence counts: how many regions are specialised in both industries.

    .. math::

        C = M^\top M \;(\text{industries}), \qquad C = M M^\top \;(\text{regions})

    The diagonal (ubiquity or diversity) is set to 0 unless ``diagonal=True``, as in
    EconGeo's ``co_occurrence``.

    Parameters
    ----------
    data : Panel or wide DataFrame
        Raw values, or a 0/1 matrix with ``binary=True``.
    binary : bool, default False
    threshold : float, default 1.0
        LQ cut-off for ``M``.
    strict : bool, default False
        ``LQ > threshold`` instead of ``>=``.
    diagonal : bool, default False
    axis : {"industry", "region"}, default "industry"

    Returns
    -------
    DataFrame
        Rows industry (and time), columns industry; regions with ``axis="region"``.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Balland, P.-A. (2017). *Economic Geography in R: Introduction to the EconGeo package*.
    Papers in Evolutionary Economic Geography 17.09, Utrecht University.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 0], [0, 1, 1]], index=["a", "b"], columns=["x", "y", "z"])
    >>> co_occurrence(m, binary=True)  # doctest: +NORMALIZE_WHITESPACE
    industry    x    y    z
    industry
    x         0.0  1.0  0.0
    y         1.0  0.0  1.0
    z         0.0  1.0  0.0
    """
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    c = cooccurrence_array(m, axis=axis)
    if not diagonal:
        n = c.shape[-1]
        c[:, np.arange(n), np.arange(n)] = 0.0
    if axis == "industry":
        return panel.industry_matrix_result(c)
    return panel.region_matrix_result(c)


def proximity(
    data: Data,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    diagonal: float = 1.0,
    method: Literal["max", "sqrt"] = "max",
    axis: Axis = "industry",
) -> pd.DataFrame:
    r"""Proximity (minimum conditional probability of joint specialisation).

    .. math::

        \varphi_{ij} = \min\{P(M_i = 1 | M_j = 1), P(M_j = 1 | M_i = 1)\}
        = \frac{\sum_r M_{ri} M_{rj}}{\max(u_i, u_j)}

    with ubiquity :math:`u_i = \sum_r M_{ri}`. Pairs with :math:`u_i = u_j = 0` get 0, and an
    industry with :math:`u_i = 0` gets 0 on the diagonal too (it is present nowhere, so it is
    related to nothing). See :func:`proximity_array` for ``method="sqrt"``.

    Parameters
    ----------
    data : Panel or wide DataFrame
    binary, threshold, strict
        How ``M`` is obtained (see :func:`co_occurrence`).
    diagonal : float, default 1.0
        1 reproduces ecomplexity and economiccomplexity; 0 reproduces Datawheel
        (``economic_complexity``) and econcomplex.
    method : {"max", "sqrt"}, default "max"
    axis : {"industry", "region"}, default "industry"

    Returns
    -------
    DataFrame
        Rows industry (and time), columns industry.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    The four-country network of Hidalgo & Hausmann (2009): C1 makes P1-P4, C2 makes P2, C3
    makes P3 and P4, C4 makes P4.

    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
    >>> proximity(m, binary=True).round(4)  # doctest: +NORMALIZE_WHITESPACE
    industry      P1      P2      P3      P4
    industry
    P1        1.0000  0.5000  0.5000  0.3333
    P2        0.5000  1.0000  0.5000  0.3333
    P3        0.5000  0.5000  1.0000  0.6667
    P4        0.3333  0.3333  0.6667  1.0000
    """
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    phi = _panel_proximity(panel, m, (binary, threshold, strict), diagonal=float(diagonal),
                           method=method, axis=axis)
    if axis == "industry":
        return panel.industry_matrix_result(phi)
    return panel.region_matrix_result(phi)


# --------------------------------------------------------------------------- relatedness
def _normalise_cooccurrence(c: np.ndarray, method: str) -> np.ndarray:
    """Van Eck & Waltman normalisations of a (T, n, n) co-occurrence array (diagonal ignored)."""
    c = c.copy()
    n = c.shape[-1]
    idx = np.arange(n)
    c[:, idx, idx] = 0.0
    s = c.sum(axis=2)  # (T, n)
    tot = s.sum(axis=1)[:, None, None]  # (T, 1, 1)
    si, sj = s[:, :, None], s[:, None, :]
    if method == "association":
        out = _safe_div(c * tot, si * sj, fill=0.0)
    elif method == "cosine":
        out = _safe_div(c, np.sqrt(si * sj), fill=0.0)
    elif method == "jaccard":
        out = _safe_div(c, si + sj - c, fill=0.0)
    elif method == "prob":
        ei = _safe_div(si * sj, tot - si, fill=0.0)
        ej = _safe_div(si * sj, tot - sj, fill=0.0)
        out = _safe_div(c, (ei + ej) / 2.0, fill=0.0)
    else:  # pragma: no cover - guarded by the caller
        raise ValueError(method)
    out[:, idx, idx] = 0.0
    return out


def _proximity_from_cooccurrence(c: np.ndarray, diagonal: float) -> np.ndarray:
    n = c.shape[-1]
    u = np.diagonal(c, axis1=1, axis2=2)  # (T, n)
    lim = np.minimum(u[:, :, None], u[:, None, :])
    if (c > lim + 1e-9).any():
        raise PanelError(
            "method='proximity' on a precomputed matrix needs the ubiquities on its diagonal "
            "(some C_ij exceed min(C_ii, C_jj)). Build it with co_occurrence(..., diagonal=True) "
            "or pass the panel itself."
        )
    phi = _safe_div(c, np.maximum(u[:, :, None], u[:, None, :]), fill=0.0)
    phi[:, np.arange(n), np.arange(n)] = np.where(u > 0, float(diagonal), 0.0)
    return phi


def _correlation_array(x: np.ndarray, weighted: bool) -> np.ndarray:
    """Weighted Pearson correlation across regions of the industry shares of (T, R, I) data."""
    tot_r = x.sum(axis=2, keepdims=True)  # (T, R, 1)
    s = _safe_div(x, tot_r, fill=0.0)
    if weighted:
        w = tot_r[:, :, 0]
    else:
        w = (tot_r[:, :, 0] > 0).astype(np.float64)
    w = _safe_div(w, w.sum(axis=1, keepdims=True), fill=0.0)  # (T, R), sums to 1
    mean = np.einsum("tr,tri->ti", w, s)
    d = s - mean[:, None, :]
    cov = np.matmul((d * w[:, :, None]).transpose(0, 2, 1), d)  # (T, I, I)
    sd = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0.0, None))
    r = _safe_div(cov, sd[:, :, None] * sd[:, None, :])
    return np.clip(r, -1.0, 1.0)


def pairwise_weighted_correlation(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    r"""Weighted Pearson correlation of the columns of ``x`` over pairwise-complete rows, with
    the conventions of WGCNA's ``cor(x, use="pairwise.complete.obs", weights.x=w)``.

    For columns :math:`a, b` and the rows :math:`K_{ab}` where both are observed (not NaN):

    .. math::

        r_{ab} = \frac{\sum_{k\in K_{ab}} w_k^2 (x_{ka} - m_a)(x_{kb} - m_b)}
                      {\sqrt{\sum_{k\in K_{ab}} w_k^2 (x_{ka} - m_a)^2
                              \sum_{k\in K_{ab}} w_k^2 (x_{kb} - m_b)^2}}, \qquad
        m_a = \frac{\sum_{k\in K_{ab}} w_k x_{ka}}{\sum_{k\in K_{ab}} w_k}.

    The means are weighted by :math:`w` and the moments by :math:`w^2`: WGCNA multiplies each
    centred value by its weight before taking the cross-product (Langfelder & Horvath 2008,
    package version 1.68 onwards). With equal weights this is the ordinary pairwise-complete
    Pearson correlation. Results are clipped to :math:`[-1, 1]`.

    Parameters
    ----------
    x : ndarray, shape (n, p)
        Observations in rows, variables in columns; NaN marks a missing value.
    w : ndarray, shape (n,)
        Non-negative observation weights.

    Returns
    -------
    ndarray, shape (p, p)
        Symmetric; the diagonal is 1 for a column with positive variance. A pair with no
        common observation, or with zero (weighted) variance on its common rows, is NaN (a
        column that is missing everywhere has a NaN row and column).

    References
    ----------
    Langfelder, P., & Horvath, S. (2008). WGCNA: an R package for weighted correlation network
    analysis. *BMC Bioinformatics*, 9, 559.

    Examples
    --------
    >>> x = np.array([[1.0, 2.0], [2.0, np.nan], [3.0, 7.0], [4.0, 8.0]])
    >>> pairwise_weighted_correlation(x, np.ones(4)).round(4)
    array([[1.    , 0.9843],
           [0.9843, 1.    ]])
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if x.ndim != 2 or w.shape != (x.shape[0],):
        raise ValueError(f"x must be (n, p) and w (n,); got {x.shape} and {w.shape}.")
    if not np.isfinite(w).all() or (w < 0).any():
        raise ValueError("weights must be finite and non-negative.")
    obs = ~np.isnan(x)
    o = obs.astype(np.float64)
    v = np.where(obs, x, 0.0)
    w2 = w * w
    with np.errstate(invalid="ignore", divide="ignore"):
        m = ((w[:, None] * v).T @ o) / ((w[:, None] * o).T @ o)  # m[a, b]: mean of a on K_ab
        s_xx = (w2[:, None] * v * v).T @ o
        s_x = (w2[:, None] * v).T @ o
        s_w2 = (w2[:, None] * o).T @ o
        var = s_xx - 2 * m * s_x + m * m * s_w2  # var[a, b]: moment of a on K_ab
        num = (w2[:, None] * v).T @ v - m * s_x.T - m.T * s_x + s_w2 * m * m.T
        den = np.sqrt(var * var.T)
        r = np.where((den > 0) & np.isfinite(den), num / np.where(den > 0, den, 1.0), np.nan)
    r = np.clip(r, -1.0, 1.0)
    idx = np.arange(r.shape[0])
    r[idx, idx] = np.where(np.isfinite(np.diagonal(r)), 1.0, np.nan)
    return r


def _davies_mare_array(x: np.ndarray, weighted: bool, zeros: str) -> np.ndarray:
    """(T, I, I) Davies-Maré relatedness of (T, R, I) data (see relatedness_matrix)."""
    out = np.empty((x.shape[0], x.shape[2], x.shape[2]))
    for t in range(x.shape[0]):
        xt = x[t]
        tot_r = xt.sum(axis=1)
        s = _safe_div(xt, tot_r[:, None])  # NaN for an empty region
        if zeros == "missing":
            s = np.where(xt > 0, s, np.nan)
        w = tot_r / tot_r.sum() if weighted else (tot_r > 0).astype(np.float64)
        out[t] = (1.0 + pairwise_weighted_correlation(s, w)) / 2.0
    return out


def relatedness_matrix(
    data: Data,
    *,
    method: Method = "proximity",
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    diagonal: float | None = None,
    weighted: bool = True,
    source: Literal["auto", "panel", "cooccurrence"] = "auto",
    zeros: Literal["missing", "zero"] = "missing",
    axis: Axis = "industry",
) -> pd.DataFrame:
    r"""Industry relatedness from co-occurrence (several normalisations) or from correlation.

    ``data`` is a panel (``M`` and its co-occurrence are computed) or a precomputed square
    co-occurrence DataFrame (industry x industry, or stacked with a ``(time, industry)`` row
    index). With :math:`C_{ij}` the off-diagonal co-occurrence, :math:`S_i = \sum_j C_{ij}` and
    :math:`T = \sum_i S_i`:

    .. math::

        \text{proximity: } & \frac{C_{ij}}{\max(u_i, u_j)} \\
        \text{association: } & \frac{C_{ij}/T}{(S_i/T)(S_j/T)} \\
        \text{cosine: } & \frac{C_{ij}}{\sqrt{S_i S_j}} \\
        \text{jaccard: } & \frac{C_{ij}}{S_i + S_j - C_{ij}} \\
        \text{prob: } & \frac{C_{ij}}{E_{ij}}, \quad
            E_{ij} = \tfrac12\left(\frac{S_i S_j}{T - S_i} + \frac{S_i S_j}{T - S_j}\right) \\
        \text{correlation: } & \frac{1 + \rho^{w}_{ij}}{2}

    ``prob`` divides the observed count by the count expected if each industry spread its
    co-occurrences over the other industries in proportion to their totals (averaged over the
    two directions); this is EconGeo's default. For co-specialisation over the expectation
    from ubiquities and the number of regions (a null model of independent regions), see
    :func:`cospecialisation_relatedness`. ``association``, ``cosine``, ``jaccard`` and
    ``prob`` ignore the diagonal of :math:`C` and return a zero diagonal. An industry with no
    co-occurrence at all (or a pair with a zero denominator) gets relatedness 0: it has no links
    in the industry space.

    ``correlation`` needs raw values (not a co-occurrence matrix): :math:`\rho^{w}_{ij}` is the
    Pearson correlation, across regions, of the industry shares :math:`s_{ri} = x_{ri}/X_r`,
    weighted by region size :math:`w_r = X_r / X` (``weighted=False`` gives every non-empty
    region the same weight). Measuring relatedness by how industries co-locate across areas
    follows the coagglomeration literature (Ellison, Glaeser & Kerr 2010; Diodato, Neffke &
    O'Clery 2018). The share variable, the size weights and the :math:`(1+\rho)/2` map to
    :math:`[0, 1]` (so the result can weight a density) are choices of this package, not taken
    from one specific paper; size weights keep the noisy shares of small regions from
    dominating. An industry that is zero in every region has no correlation: its row and
    column are NaN.

    ``davies_mare`` is the relatedness of Davies & Maré (2021), exactly as their scripts compute
    it: :math:`R_{ij} = (1 + r_{ij})/2` with :math:`r_{ij}` the weighted correlation, across
    regions, of the local shares :math:`s_{ri} = x_{ri}/X_r`, weights
    :math:`w_r = X_r / X`, computed by :func:`pairwise_weighted_correlation` (WGCNA's ``cor``
    with ``use="pairwise.complete.obs"``: means weighted by :math:`w`, moments by :math:`w^2`).
    With ``zeros="missing"`` (their choice, the default for this method) a zero cell is a
    missing share, so each pair is correlated over the regions where both industries are
    present; ``zeros="zero"`` keeps zero shares. ``axis="region"`` (``correlation`` and
    ``davies_mare`` only) correlates regions instead, across industries, with industry-size
    weights and the shares :math:`x_{ri}/X_i` (their city relatedness). A pair without two
    common observations or without variance is NaN.

    Parameters
    ----------
    data : Panel, wide DataFrame, or square co-occurrence DataFrame
    method : {"proximity", "prob", "association", "cosine", "jaccard", "correlation", \
"davies_mare"}
        Default "proximity".
    binary, threshold, strict
        How ``M`` is obtained from a panel (see :func:`co_occurrence`).
    diagonal : float, optional
        Value put on the diagonal. Default: 1 for proximity, correlation and davies_mare, 0 for
        the co-occurrence normalisations (as EconGeo).
    weighted : bool, default True
        Region-size weights for ``method="correlation"`` and ``"davies_mare"`` (``False``:
        every non-empty region weighs the same).
    source : {"auto", "panel", "cooccurrence"}, default "auto"
        What ``data`` is. ``"auto"`` treats a DataFrame whose row labels are its column labels
        as a co-occurrence matrix and anything else as a panel.
    zeros : {"missing", "zero"}, default "missing"
        ``method="davies_mare"`` only: zero cells are missing shares (pairwise deletion), or
        zero shares.
    axis : {"industry", "region"}, default "industry"
        Relatedness of industries, or of regions (correlation methods only).

    Returns
    -------
    DataFrame
        Rows industry (and time), columns industry (regions with ``axis="region"``).

    References
    ----------
    van Eck, N. J., & Waltman, L. (2009). How to normalize cooccurrence data? An analysis of
    some well-known similarity measures. *JASIST*, 60(8), 1635-1651.

    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Ellison, G., Glaeser, E. L., & Kerr, W. R. (2010). What causes industry agglomeration?
    Evidence from coagglomeration patterns. *American Economic Review*, 100(3), 1195-1213.

    Diodato, D., Neffke, F., & O'Clery, N. (2018). Why do industries coagglomerate? How
    Marshallian externalities differ by industry and have evolved over time. *Journal of
    Urban Economics*, 106, 1-26.

    Balland, P.-A. (2017). *Economic Geography in R: Introduction to the EconGeo package*.
    PEEG 17.09, Utrecht University.

    Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. *Regional
    Studies*, 55(3), 479-494.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame([[0, 2, 1], [2, 0, 0], [1, 0, 0]], index=list("abc"),
    ...                  columns=list("abc"))
    >>> relatedness_matrix(c, method="jaccard")  # doctest: +NORMALIZE_WHITESPACE
    industry         a         b         c
    industry
    a         0.000000  0.666667  0.333333
    b         0.666667  0.000000  0.000000
    c         0.333333  0.000000  0.000000
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}; got {method!r}.")
    if zeros not in ("missing", "zero"):
        raise ValueError(f"zeros must be 'missing' or 'zero'; got {zeros!r}.")
    if axis not in ("industry", "region"):
        raise ValueError(f"axis must be 'industry' or 'region'; got {axis!r}.")
    if axis == "region" and method not in ("correlation", "davies_mare"):
        raise ValueError("axis='region' is available for method='correlation' and "
                         "'davies_mare'; for co-occurrence methods use proximity(axis='region').")
    if source not in ("auto", "panel", "cooccurrence"):
        raise ValueError(f"source must be 'auto', 'panel' or 'cooccurrence'; got {source!r}.")
    is_matrix = source == "cooccurrence" or (source == "auto" and _looks_square(data))
    if is_matrix:
        if not isinstance(data, pd.DataFrame):
            raise PanelError("source='cooccurrence' needs a labelled square DataFrame.")
        if method in ("correlation", "davies_mare"):
            raise PanelError(f"method={method!r} needs the region x industry data, not a "
                             "co-occurrence matrix.")
        c, labels, times = _square_from_frame(data, "relatedness")  # type: ignore[arg-type]
        if not np.isfinite(c).all() or (c < 0).any():
            raise PanelError("the co-occurrence matrix must be finite and non-negative.")
        if method == "proximity":
            out = _proximity_from_cooccurrence(c, 1.0 if diagonal is None else diagonal)
        else:
            out = _normalise_cooccurrence(c, method)
            if diagonal is not None:
                n = out.shape[-1]
                out[:, np.arange(n), np.arange(n)] = float(diagonal)
        return _wrap_square(out, labels, times, "industry")

    if method in ("correlation", "davies_mare"):
        panel = as_panel(data)
        vals = panel.values if axis == "industry" else panel.values.transpose(0, 2, 1)
        if method == "davies_mare":
            out = _davies_mare_array(vals, weighted, zeros)
            if diagonal is not None:
                n = out.shape[-1]
                d = np.diagonal(out, axis1=1, axis2=2)
                out[:, np.arange(n), np.arange(n)] = np.where(np.isfinite(d), diagonal, np.nan)
            if axis == "region":
                return panel.region_matrix_result(out)
            return panel.industry_matrix_result(out)
        out = _correlation_array(vals, weighted)
        out = (1.0 + out) / 2.0
        diag = 1.0 if diagonal is None else float(diagonal)
        n = out.shape[-1]
        has = vals.sum(axis=1) > 0  # (T, I)
        out[:, np.arange(n), np.arange(n)] = np.where(has, diag, np.nan)
        if axis == "region":
            return panel.region_matrix_result(out)
        return panel.industry_matrix_result(out)

    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    if method == "proximity":
        out = proximity_array(m, diagonal=1.0 if diagonal is None else diagonal)
    else:
        out = _normalise_cooccurrence(cooccurrence_array(m), method)
        if diagonal is not None:
            n = out.shape[-1]
            out[:, np.arange(n), np.arange(n)] = float(diagonal)
    return panel.industry_matrix_result(out)


# --------------------------------------------------------------------------- density
def _relatedness_for_panel(panel: Panel, m: np.ndarray,
                           rel: pd.DataFrame | np.ndarray | None, key: tuple) -> np.ndarray:
    """Return a (T or 1, I, I) weight array aligned with the panel's industries and times."""
    n_i = len(panel.industries)
    if rel is None:
        return _panel_proximity(panel, m, key, diagonal=1.0, method="max", axis="industry")
    if isinstance(rel, pd.DataFrame):
        arr, labels, times = _square_from_frame(rel, "relatedness_matrix")
        missing = panel.industries.difference(labels)
        if len(missing):
            raise PanelError(f"relatedness_matrix lacks industries {missing.tolist()[:5]} of "
                             "the panel; give a matrix over all of the panel's industries.")
        pos = labels.get_indexer(panel.industries)
        arr = arr[:, pos][:, :, pos]
        if times is not None:
            if not panel.has_time:
                if len(times) != 1:
                    raise PanelError("relatedness_matrix has several periods but the panel has "
                                     "none; pass a single matrix.")
            else:
                tpos = times.get_indexer(panel.times)
                if (tpos < 0).any():
                    bad = panel.times[tpos < 0].tolist()[:5]
                    raise PanelError(f"relatedness_matrix has no matrix for period(s) {bad}; "
                                     "give one per period or a single matrix.")
                arr = arr[tpos]
    else:
        arr = _as_3d(rel, "relatedness_matrix")
        if arr.shape[1:] != (n_i, n_i) or arr.shape[0] not in (1, len(panel.times)):
            raise PanelError(
                f"relatedness_matrix array has shape {arr.shape}; expected ({n_i}, {n_i}) or "
                f"({len(panel.times)}, {n_i}, {n_i}) in the panel's industry order."
            )
    if not np.isfinite(arr).all():
        raise PanelError("relatedness_matrix has NaN or infinite entries (e.g. an industry with "
                         "no observations under method='correlation'); fill them (e.g. "
                         ".fillna(0)) or drop that industry first.")
    if (arr < 0).any():
        raise PanelError("relatedness_matrix has negative entries; density needs weights >= 0 "
                         "(rescale, e.g. (r + 1) / 2 for correlations).")
    return arr


def relatedness_density(
    data: Data,
    relatedness_matrix: pd.DataFrame | np.ndarray | None = None,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    include_diagonal: bool = True,
    scale: float = 1.0,
) -> pd.DataFrame:
    r"""Relatedness density: the relatedness-weighted share of an industry's neighbours in
    which the region is specialised.

    .. math::

        \omega_{ri} = s \, \frac{\sum_j M_{rj} \varphi_{ij}}{\sum_j \varphi_{ij}}

    Parameters
    ----------
    data : Panel or wide DataFrame
    relatedness_matrix : DataFrame or ndarray, optional
        Industry x industry weights :math:`\varphi` (e.g. from :func:`relatedness_matrix`); one matrix
        for all periods, or one per period (a ``(time, industry)`` row index or a
        ``(T, I, I)`` array). Default: the proximity (diagonal 1) of each period's own ``M``.
    binary, threshold, strict
        How ``M`` is obtained (see :func:`co_occurrence`).
    include_diagonal : bool, default True
        Whether :math:`\varphi_{ii}` counts. ``True`` with the default proximity
        (:math:`\varphi_{ii}=1`) reproduces ecomplexity, economiccomplexity and ReKS;
        ``False`` reproduces Datawheel and econcomplex.
    scale : float, default 1.0
        100 reproduces the percentages of EconGeo and econcomplex.

    Returns
    -------
    DataFrame
        Rows region (and time), columns industry. An industry whose weights sum to zero (no
        related industry, e.g. an all-zero industry) is NaN in its own column only.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Hausmann, R., Hidalgo, C. A., et al. (2014). *The Atlas of Economic Complexity*. MIT Press
    (density and distance, technical box 5.2).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
    >>> relatedness_density(m, binary=True).round(4)  # doctest: +NORMALIZE_WHITESPACE
    industry      P1      P2      P3      P4
    region
    C1        1.0000  1.0000  1.0000  1.0000
    C2        0.2143  0.4286  0.1875  0.1429
    C3        0.3571  0.3571  0.6250  0.7143
    C4        0.1429  0.1429  0.2500  0.4286
    """
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    phi = _relatedness_for_panel(panel, m, relatedness_matrix, (binary, threshold, strict))
    dens = density_array(m, phi, include_diagonal=include_diagonal, scale=scale)
    return panel.cell_result(dens)


def share_density(
    data: Data,
    relatedness_matrix: pd.DataFrame | np.ndarray,
    *,
    include_diagonal: bool = False,
) -> pd.DataFrame:
    r"""Continuous relatedness density: the relatedness-weighted sum of a region's local shares
    (Davies & Maré 2021).

    .. math::

        RD_{ri} = \sum_{j \ne i} s_{rj} R_{ij}, \qquad s_{rj} = \frac{x_{rj}}{X_r},

    the employment share of the region's other industries, each weighted by its relatedness to
    :math:`i`. Davies & Maré compute it as the "mean local relatedness"
    :math:`\sum_j s_{rj} R_{ij}` minus the own share :math:`s_{ri}` (their :math:`R_{ii} = 1`);
    ``include_diagonal=True`` returns the mean local relatedness itself. Unlike
    :func:`relatedness_density`, which counts the related industries in which the region is
    specialised (binary :math:`M`), every job counts here, in proportion to its share; the
    weights are not normalised, so with :math:`R \in [0, 1]` the density lies in
    :math:`[0, 1 - s_{ri}]`.

    Parameters
    ----------
    data : Panel or wide DataFrame
        Raw values (e.g. employment); zero cells are zero shares.
    relatedness_matrix : DataFrame or ndarray
        Industry x industry :math:`R` (e.g. ``relatedness_matrix(x, method="davies_mare")``),
        one for all periods or one per period; must be finite.
    include_diagonal : bool, default False
        Add the own term :math:`s_{ri} R_{ii}`.

    Returns
    -------
    DataFrame
        Rows region (and time), columns industry. A region with no employment in a period has
        no shares: its row is NaN.

    References
    ----------
    Davies, B., & Maré, D. C. (2021). Relatedness, complexity and local growth. *Regional
    Studies*, 55(3), 479-494.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[2.0, 1.0, 1.0]], index=["r"], columns=["a", "b", "c"])
    >>> r = np.array([[1, .5, 0], [.5, 1, .25], [0, .25, 1]])
    >>> share_density(x, r).round(4).to_numpy().tolist()
    [[0.125, 0.3125, 0.0625]]
    """
    panel = as_panel(data)
    phi = _relatedness_for_panel(panel, np.zeros((0,)), relatedness_matrix, ())
    x = panel.values
    shares = _safe_div(x, x.sum(axis=2, keepdims=True))  # NaN rows for empty regions
    n_i = x.shape[2]
    if not include_diagonal:
        phi = phi.copy()
        phi[:, np.arange(n_i), np.arange(n_i)] = 0.0
    out = np.empty(x.shape, dtype=np.float64)
    for t in range(x.shape[0]):
        out[t] = shares[t] @ phi[t if phi.shape[0] > 1 else 0].T
    return panel.cell_result(out)


def distance(
    data: Data,
    relatedness_matrix: pd.DataFrame | np.ndarray | None = None,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    include_diagonal: bool = True,
) -> pd.DataFrame:
    r"""Distance to an industry: one minus its relatedness density.

    .. math::

        d_{ri} = \frac{\sum_j (1 - M_{rj}) \varphi_{ij}}{\sum_j \varphi_{ij}} = 1 - \omega_{ri}

    Parameters are as in :func:`relatedness_density` (always on the 0-1 scale).
    ``include_diagonal=True`` reproduces economiccomplexity ``distance``;
    ``include_diagonal=False`` reproduces Datawheel ``distance``.

    References
    ----------
    Hausmann, R., Hidalgo, C. A., et al. (2014). *The Atlas of Economic Complexity*. MIT Press.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 0], [1, 1]], index=["a", "b"], columns=["x", "y"])
    >>> distance(m, binary=True)  # doctest: +NORMALIZE_WHITESPACE
    industry         x         y
    region
    a         0.333333  0.666667
    b         0.000000  0.000000
    """
    dens = relatedness_density(data, relatedness_matrix, binary=binary, threshold=threshold,
                               strict=strict, include_diagonal=include_diagonal)
    return 1.0 - dens


def relative_relatedness_density(
    data: Data,
    relatedness_matrix: pd.DataFrame | np.ndarray | None = None,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    include_diagonal: bool = True,
    ddof: int = 1,
) -> pd.DataFrame:
    r"""Relatedness density standardised within each region over its opportunities.

    .. math::

        z_{ri} = \frac{\omega_{ri} - \bar\omega_r}{\mathrm{sd}_r(\omega)}, \qquad
        \bar\omega_r, \ \mathrm{sd}_r \text{ over the industries with } M_{ri} = 0

    Every cell is standardised (also those with :math:`M_{ri}=1`), with the mean and standard
    deviation of the densities of the industries the region is *not* specialised in (its
    diversification opportunities). This is Datawheel's ``relative_relatedness``
    (``economic_complexity`` 0.3, with ``include_diagonal=False`` and ``ddof=1``). A region with
    fewer than ``ddof + 1`` opportunities, or with equal densities across them, gets NaN;
    industries with undefined density are left out of the mean and sd.

    Parameters
    ----------
    data, relatedness_matrix, binary, threshold, strict, include_diagonal
        As in :func:`relatedness_density`.
    ddof : int, default 1
        Delta degrees of freedom of the standard deviation (pandas default, as Datawheel).

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
    >>> relative_relatedness_density(m, binary=True).round(3).loc["C4"].tolist()
    [-0.577, -0.577, 1.155, 4.041]
    """
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    phi = _relatedness_for_panel(panel, m, relatedness_matrix, (binary, threshold, strict))
    dens = density_array(m, phi, include_diagonal=include_diagonal)
    opp = (m == 0) & np.isfinite(dens)
    n = opp.sum(axis=2, keepdims=True).astype(np.float64)
    d0 = np.where(opp, dens, 0.0)
    mean = _safe_div(d0.sum(axis=2, keepdims=True), n)
    dev = np.where(opp, dens - mean, 0.0)
    var = _safe_div((dev ** 2).sum(axis=2, keepdims=True), n - ddof)
    var = np.where(n - ddof > 0, var, np.nan)
    sd = np.sqrt(var)
    z = _safe_div(dens - mean, sd)
    z = np.where(np.isfinite(dens), z, np.nan)
    return panel.cell_result(z)



# --------------------------------------------------------------------------- null model
def cospecialisation_relatedness(
    data: Data,
    *,
    scale: Literal["symmetric", "ratio"] = "symmetric",
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
    diagonal: float = 0.0,
) -> pd.DataFrame:
    r"""Relatedness as co-specialisation over its expectation under independence.

    How often two industries are specialisations of the same region, divided by how often
    that would happen by chance if each industry's specialised regions were drawn
    independently of the other's, given how many regions each industry is specialised in:

    .. math::

        a_{ij} = \frac{C_{ij}}{E_{ij}}, \qquad C_{ij} = \sum_r M_{ri} M_{rj}, \qquad
        E_{ij} = \frac{u_i \, u_j}{R}, \qquad u_i = \sum_r M_{ri}

    with :math:`R` the number of regions that are specialised in at least one industry in
    that period (a region with no specialisation, e.g. an empty region, is not a draw).
    :math:`a_{ij} = 1` means the pair co-occurs exactly as often as chance predicts, above 1
    more often. ``scale="symmetric"`` (default) maps the ratio to :math:`[-1, 1)` with

    .. math::

        \tilde a_{ij} = \frac{a_{ij} - 1}{a_{ij} + 1}

    so that 0 is "as expected", positive values are over-represented pairs and -1 a pair
    that never co-occurs. ``scale="ratio"`` returns :math:`a_{ij}` itself.

    Unlike the proximity :math:`C_{ij}/\max(u_i, u_j)` (Hidalgo et al. 2007), the ratio is
    not inflated for pairs of ubiquitous industries: two industries present in most regions
    co-occur often by chance alone and get :math:`a \approx 1`. The observed-over-expected
    form is the association strength of van Eck & Waltman (2009, eq. 1 with the number of
    regions as the normaliser); the same ratio, and the :math:`(a-1)/(a+1)` map, are used to
    measure industry relatedness from labour flows by Neffke & Henning (2013). Here the
    events counted are joint specialisations of regions, and the expectation comes from the
    ubiquities :math:`u_i` and the number of regions. ``relatedness_matrix(method=
    "association")`` (EconGeo's convention) instead takes it from the co-occurrence totals
    :math:`S_i = \sum_{j \ne i} C_{ij}`, which themselves grow with how common an industry's
    partners are.

    The diagonal carries no information on relatedness to other industries and is set to
    ``diagonal`` (0 by default). An industry specialised nowhere in a period
    (:math:`u_i = 0`) has no expectation: its row and column (diagonal included) are NaN, and
    no other entry changes. Negative values cannot weight a relatedness density: use
    ``.clip(lower=0).fillna(0)`` (only over-represented pairs count) before
    :func:`relatedness_density`.

    Parameters
    ----------
    data : Panel or wide DataFrame
    scale : {"symmetric", "ratio"}, default "symmetric"
    binary, threshold, strict
        How ``M`` is obtained (see :func:`co_occurrence`).
    diagonal : float, default 0.0
        Value on the diagonal of industries specialised somewhere.

    Returns
    -------
    DataFrame
        Rows industry (and time), columns industry.

    References
    ----------
    van Eck, N. J., & Waltman, L. (2009). How to normalize cooccurrence data? An analysis of
    some well-known similarity measures. *JASIST*, 60(8), 1635-1651.

    Neffke, F., & Henning, M. (2013). Skill relatedness and firm diversification. *Strategic
    Management Journal*, 34(3), 297-316.

    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    Four regions; ``a`` and ``b`` share two regions where 3 x 2 / 4 = 1.5 are expected:

    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 1]],
    ...                  index=["r1", "r2", "r3", "r4"], columns=["a", "b", "c"])
    >>> cospecialisation_relatedness(m, binary=True, scale="ratio").round(4)
    ... # doctest: +NORMALIZE_WHITESPACE
    industry       a       b       c
    industry
    a         0.0000  1.3333  0.6667
    b         1.3333  0.0000  0.0000
    c         0.6667  0.0000  0.0000
    """
    if scale not in ("symmetric", "ratio"):
        raise ValueError(f"scale must be 'symmetric' or 'ratio'; got {scale!r}.")
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    c = cooccurrence_array(m)  # (T, I, I), diagonal = ubiquity
    u = np.diagonal(c, axis1=1, axis2=2).copy()  # (T, I)
    n_regions = np.asarray(m.any(axis=2).sum(axis=1), dtype=np.float64)  # (T,)
    expected = u[:, :, None] * u[:, None, :] / np.where(n_regions > 0, n_regions, np.nan)[
        :, None, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(expected > 0, c / expected, np.nan)
    if scale == "symmetric":
        out = (out - 1.0) / (out + 1.0)
    n = out.shape[-1]
    out[:, np.arange(n), np.arange(n)] = np.where(u > 0, float(diagonal), np.nan)
    return panel.industry_matrix_result(out)


# --------------------------------------------------------------------------- regional measures
def regional_network_measures(
    data: Data,
    relatedness_matrix: pd.DataFrame | np.ndarray | None = None,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
) -> pd.DataFrame:
    r"""Network-structure measures of each region's specialisations on the industry space.

    With :math:`M_{ri} \in \{0,1\}` the specialisation of region :math:`r` in industry
    :math:`i`, :math:`S_r = \sum_i M_{ri}`, :math:`\varphi` the relatedness between industries
    (its diagonal is ignored throughout) and :math:`I` the number of industries in the space
    (an industry that no region is specialised in *and* that is related to no other industry,
    such as one present nowhere, is left out of every measure, so appending one changes
    nothing):

    * relatedness density of industry :math:`i` for region :math:`r` (Hidalgo et al. 2007),
      counting only *other* industries:
      :math:`\omega_{ri} = \sum_{j \ne i} M_{rj}\varphi_{ij} / \sum_{j \ne i} \varphi_{ij}`;
    * ``coherence``: the mean relatedness density of the region's specialised industries,
      :math:`C_r = S_r^{-1} \sum_i M_{ri}\,\omega_{ri}`; how strongly each specialisation is
      embedded in the rest of the region's portfolio (the regional "technological cohesion"
      of Neffke, Henning & Boschma 2011, written with the density of Hidalgo et al. 2007).
      NaN when :math:`S_r = 0`; 0 for a single specialisation;
    * ``footprint_density``: the mean relatedness over pairs of specialisations, i.e. the
      weighted edge density of the sub-graph the region's specialisations induce on the
      industry space,
      :math:`D_r = \sum_{i \ne j} M_{ri}M_{rj}\varphi_{ij} / (S_r(S_r-1))` (NaN when
      :math:`S_r < 2`); the ``coherence`` of :func:`smartregion.network.regional_footprint`;
    * ``footprint_centrality``: the mean centrality of the specialisations on the full
      weighted industry space, with an industry's centrality its mean relatedness to all other
      industries, :math:`c_i = \sum_{j \ne i}\varphi_{ij} / (I-1)` (the strength, or "path",
      of an industry in the product space, Hausmann & Klinger 2006, scaled to a mean):
      :math:`P_r = S_r^{-1}\sum_i M_{ri} c_i` (NaN when :math:`S_r = 0`). High values: the
      region is specialised in the well-connected core of the space;
    * ``candidate_density``: the mean :math:`\omega_{ri}` over the :math:`I - S_r`
      industries the region is *not* specialised in (how close its untapped industries are
      to what it does);
    * ``n_specialised``: :math:`S_r`.

    These are computed on the full weighted relatedness matrix, never on a backbone, so they
    do not depend on a pruning rule.

    Parameters
    ----------
    data : Panel or wide DataFrame
    relatedness_matrix : DataFrame or ndarray, optional
        Industry x industry weights (one matrix, or one per period as in
        :func:`relatedness_density`). Default: the proximity of each period's own ``M``.
    binary, threshold, strict
        How ``M`` is obtained (see :func:`co_occurrence`).

    Returns
    -------
    DataFrame
        Index region (or (time, region)); columns ``n_specialised``, ``coherence``,
        ``footprint_density``, ``footprint_centrality``, ``candidate_density``.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Hausmann, R., & Klinger, B. (2006). Structural transformation and patterns of comparative
    advantage in the product space. CID Working Paper 128, Harvard University.

    Neffke, F., Henning, M., & Boschma, R. (2011). How do regions diversify over time?
    *Economic Geography*, 87(3), 237-265.

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[0, .8, .2, 0], [.8, 0, .4, 0], [.2, .4, 0, .5], [0, 0, .5, 0]],
    ...                    index=list("abcd"), columns=list("abcd"))
    >>> m = pd.DataFrame([[1, 1, 0, 0]], index=["R1"], columns=list("abcd"))
    >>> regional_network_measures(m, phi, binary=True).round(4).iloc[0].tolist()
    [2.0, 0.7333, 0.8, 0.3667, 0.2727]
    """
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    phi = _relatedness_for_panel(panel, m, relatedness_matrix, (binary, threshold, strict))
    n_t, n_r, n_i = m.shape
    cols = ["n_specialised", "coherence", "footprint_density", "footprint_centrality",
            "candidate_density"]
    out = np.full((n_t, n_r, len(cols)), np.nan)
    for t in range(n_t):
        w = np.array(phi[t if phi.shape[0] > 1 else 0], dtype=np.float64)
        np.fill_diagonal(w, 0.0)
        mt = np.asarray(m[t], dtype=np.float64)
        s = mt.sum(axis=1)
        den = w.sum(axis=1)
        num = mt @ w.T  # sum_j M_rj phi_ij
        with np.errstate(divide="ignore", invalid="ignore"):
            dens = np.where(den[None, :] > 0, num / np.where(den > 0, den, 1.0)[None, :], 0.0)
            pairs = np.einsum("ri,ij,rj->r", mt, w, mt)
            # an industry present nowhere in the period and related to nothing is not part of
            # the space: it counts neither in a centrality's denominator nor as a candidate
            active = (mt.sum(axis=0) > 0) | (den > 0)
            n_active = int(active.sum())
            cent = den / max(n_active - 1, 1)
            out[t, :, 0] = s
            out[t, :, 1] = np.where(s > 0, (mt * dens).sum(axis=1) / s, np.nan)
            out[t, :, 2] = np.where(s > 1, pairs / (s * (s - 1)), np.nan)
            out[t, :, 3] = np.where(s > 0, mt @ cent / s, np.nan)
            n_out = n_active - s
            cand = ((1 - mt) * dens * active[None, :]).sum(axis=1)
            out[t, :, 4] = np.where(n_out > 0, cand / np.where(n_out > 0, n_out, 1), np.nan)
    frame = pd.DataFrame(out.reshape(-1, len(cols)), columns=cols,
                         index=panel.region_result(out[:, :, 0], "n").index)
    return frame
