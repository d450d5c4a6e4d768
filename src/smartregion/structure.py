r"""Industry structure: shares, location quotients / RCA, binary specialisation, diversity,
ubiquity, and the classic specialisation and concentration indices.

All functions accept a :class:`~smartregion.panel.Panel` (or a numeric wide DataFrame, see
:func:`~smartregion.panel.as_panel`) and work on every period at once.

Notation used in the formulas: :math:`x_{ri}` is the value of region :math:`r` in industry
:math:`i`; :math:`X_r = \sum_i x_{ri}`, :math:`X_i = \sum_r x_{ri}` and
:math:`X = \sum_{ri} x_{ri}` are the region, industry and overall totals;
:math:`s_{ri} = x_{ri} / X_r` is the share of industry :math:`i` inside region :math:`r` and
:math:`s_i = X_i / X` its national (all-region) share.

Zero lines (a region or an industry that is zero in a period) never turn other rows into NaN.
Region indices (Herfindahl, Krugman, Theil, Hachman ...) are NaN for an all-zero region;
industry indices (Gini, locational Gini, Hoover) are NaN for an all-zero industry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from .panel import Panel, PanelError, as_panel

__all__ = [
    "location_quotient",
    "rca",
    "specialisation",
    "diversity",
    "ubiquity",
    "shares",
    "herfindahl",
    "krugman_index",
    "specialisation_coefficient",
    "theil",
    "gini",
    "locational_gini",
    "hoover_index",
    "hoover_gini",
    "average_location_quotient",
    "hachman",
]

Data = Panel | pd.DataFrame | np.ndarray
Reference = Literal["employment", "uniform"] | pd.Series | Sequence[float] | np.ndarray


def _safe_div(num: np.ndarray, den: np.ndarray, fill: float = np.nan) -> np.ndarray:
    """Element-wise ``num / den`` with ``fill`` where ``den == 0`` (no warnings, no inf)."""
    num, den = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    out = np.full(num.shape, fill, dtype=float)
    np.divide(num, den, out=out, where=den != 0)
    return out


def _lq_period(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Location quotients of one ``(R, I)`` period (see :func:`lq_array`), into ``out``."""
    row = x.sum(axis=1, keepdims=True)
    col = x.sum(axis=0, keepdims=True)
    tot = x.sum()
    den = row * col
    if out is None:
        out = np.empty(x.shape, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        np.multiply(x, tot, out=out)
        ok = den != 0
        np.divide(out, den, out=out, where=ok)
    out[~ok] = np.nan
    bad = ok & ~np.isfinite(out)
    if bad.any():  # x * X overflowed: recompute those cells from shares
        with np.errstate(over="ignore", invalid="ignore"):
            safe = (x / np.where(row == 0, 1.0, row)) / np.where(col == 0, 1.0, col / tot)
        out[bad] = safe[bad]
        if not np.isfinite(out[bad]).all():
            raise PanelError(
                "location quotients overflow double precision for these values; rescale the "
                "data (e.g. to thousands of the unit) before computing indices."
            )
    return out


def lq_array(x: np.ndarray) -> np.ndarray:
    """Location quotients of a ``(T, R, I)`` array; NaN where a region or industry total is 0.

    Computed as :math:`x_{ri} X / (X_r X_i)`, one rounding for integer data (an LQ of exactly
    1 stays exactly 1). Where those products overflow double precision (values near 1e300),
    the cells are recomputed from shares, :math:`(x_{ri}/X_r) / (X_i/X)`, so the result is
    finite wherever it is defined. Works one period at a time (temporaries of one period only).
    """
    x = np.asarray(x, dtype=np.float64)
    out = np.empty(x.shape, dtype=np.float64)
    for t in range(x.shape[0]):
        _lq_period(x[t], out[t])
    return out


def binary_mask(
    data: Panel | pd.DataFrame | np.ndarray,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
) -> tuple[Panel, np.ndarray]:
    """Return ``(panel, M)`` with ``M`` the ``(T, R, I)`` boolean specialisation array.

    With ``binary=True`` the data must already be 0/1 (checked) and ``M = (x == 1)``.
    Otherwise ``M = 1[LQ >= threshold]`` (``>`` if ``strict``); undefined LQ gives 0.

    A panel's values never change, so ``M`` is computed once per panel and rule and kept
    (one byte a cell); the array returned is that read-only cache. The index functions
    convert one period at a time to floating point, so no whole-panel float copy of ``M`` is
    made.
    """
    panel = as_panel(data)
    key = ("mask", bool(binary), float(threshold), bool(strict))
    cached = panel._cache.get(key)
    if cached is not None:
        return panel, cached
    x = panel.values
    if binary:
        bad = (x != 0) & (x != 1)
        if bad.any():
            t, r, i = np.argwhere(bad)[0]
            raise PanelError(
                f"binary=True but the data hold values other than 0 and 1 (first at region "
                f"{panel.regions[r]!r}, industry {panel.industries[i]!r}: {x[t, r, i]}). Pass "
                "binary=False to compute M from the location quotients."
            )
        mask = x == 1
    else:
        mask = np.empty(x.shape, dtype=bool)
        lq = np.empty(x.shape[1:], dtype=np.float64)
        for t in range(x.shape[0]):
            _lq_period(x[t], lq)
            with np.errstate(invalid="ignore"):
                if strict:
                    np.greater(lq, threshold, out=mask[t])
                else:
                    np.greater_equal(lq, threshold, out=mask[t])
    mask.flags.writeable = False
    panel._cache[key] = mask
    return panel, mask


def binary_array(
    data: Panel | pd.DataFrame | np.ndarray,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
) -> tuple[Panel, np.ndarray]:
    """Return ``(panel, M)`` with ``M`` the ``(T, R, I)`` float 0/1 specialisation array.

    With ``binary=True`` the data must already be 0/1 (checked) and are used as ``M``.
    Otherwise ``M = 1[LQ >= threshold]`` (``>`` if ``strict``); undefined LQ gives 0. The
    array is the caller's own (a float copy of :func:`binary_mask`).
    """
    panel, mask = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    return panel, mask.astype(np.float64)


def location_quotient(data: Panel | pd.DataFrame | np.ndarray) -> pd.DataFrame:
    r"""Location quotient (Balassa's revealed comparative advantage) of every cell.

    .. math::

        LQ_{ri} = \frac{x_{ri} / \sum_{i'} x_{ri'}}{\sum_{r'} x_{r'i} / \sum_{r'i'} x_{r'i'}}

    Balassa (1965) for trade (RCA); the same ratio is the location quotient of regional
    science (e.g. Isard 1960). A cell whose region or industry total is zero is undefined and
    returned as NaN; only that row or column is affected.

    Parameters
    ----------
    data : Panel or wide DataFrame

    Returns
    -------
    DataFrame
        Rows region (and time), columns industry.

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage. *The
    Manchester School*, 33(2), 99-123.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[2, 2], [0, 4]], index=["a", "b"], columns=["i", "j"])
    >>> location_quotient(x).round(3)  # doctest: +NORMALIZE_WHITESPACE
    industry    i      j
    region
    a         2.0  0.667
    b         0.0  1.333
    """
    panel = as_panel(data)
    return panel.cell_result(lq_array(panel.values))


def rca(data: Panel | pd.DataFrame | np.ndarray) -> pd.DataFrame:
    """Alias of :func:`location_quotient` (revealed comparative advantage, Balassa 1965).

    Examples
    --------
    >>> import pandas as pd
    >>> rca(pd.DataFrame([[1, 1], [1, 1]])).to_numpy().tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    """
    return location_quotient(data)


def specialisation(
    data: Panel | pd.DataFrame | np.ndarray,
    *,
    threshold: float = 1.0,
    strict: bool = False,
) -> pd.DataFrame:
    r"""Binary specialisation matrix :math:`M_{ri} = 1[LQ_{ri} \ge \theta]`.

    Hidalgo et al. (2007) and Hidalgo & Hausmann (2009) use :math:`\theta = 1`. With
    ``strict=True`` the rule is ``LQ > threshold``. Undefined LQ (zero totals) gives 0.

    Parameters
    ----------
    data : Panel or wide DataFrame
    threshold : float, default 1.0
    strict : bool, default False
        ``False`` uses ``>=`` (ecomplexity, economiccomplexity, EconGeo all keep LQ = 1 as 1).

    Returns
    -------
    DataFrame of 0/1 (int)

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> specialisation(pd.DataFrame([[1, 1], [1, 1]])).to_numpy().tolist()
    [[1, 1], [1, 1]]
    >>> specialisation(pd.DataFrame([[1, 1], [1, 1]]), strict=True).to_numpy().tolist()
    [[0, 0], [0, 0]]
    """
    panel, m = binary_mask(data, threshold=threshold, strict=strict)
    return panel.cell_result(m.astype(np.int64))


def diversity(
    data: Panel | pd.DataFrame | np.ndarray,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
) -> pd.Series:
    r"""Diversity :math:`k_{r,0} = \sum_i M_{ri}`: how many industries a region is specialised in.

    Hidalgo & Hausmann (2009), PNAS 106(26), 10570-10575.

    Parameters
    ----------
    data : Panel or wide DataFrame
        Raw values, or a 0/1 matrix with ``binary=True``.
    binary, threshold, strict
        See :func:`binary_array` / :func:`specialisation`.

    Examples
    --------
    >>> import pandas as pd
    >>> diversity(pd.DataFrame([[1, 1, 0], [0, 1, 0]]), binary=True).tolist()
    [2.0, 1.0]
    """
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    return panel.region_result(m.sum(axis=2, dtype=np.float64), "diversity")


def ubiquity(
    data: Panel | pd.DataFrame | np.ndarray,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
) -> pd.Series:
    r"""Ubiquity :math:`k_{i,0} = \sum_r M_{ri}`: the number of regions specialised in an industry.

    Hidalgo & Hausmann (2009), PNAS 106(26), 10570-10575.

    Examples
    --------
    >>> import pandas as pd
    >>> ubiquity(pd.DataFrame([[1, 1, 0], [0, 1, 0]]), binary=True).tolist()
    [1.0, 2.0, 0.0]
    """
    panel, m = binary_mask(data, binary=binary, threshold=threshold, strict=strict)
    return panel.industry_result(m.sum(axis=1, dtype=np.float64), "ubiquity")


# ---------------------------------------------------------------------------------------------
# shares and region-level specialisation indices
# ---------------------------------------------------------------------------------------------
def _region_shares(x: np.ndarray) -> np.ndarray:
    """``s_ri = x_ri / X_r`` of a ``(T, R, I)`` array; NaN rows for all-zero regions."""
    return _safe_div(x, x.sum(axis=2, keepdims=True))


def _national_shares(x: np.ndarray) -> np.ndarray:
    """``s_i = X_i / X`` as a ``(T, 1, I)`` array; NaN for an all-zero period."""
    return _safe_div(x.sum(axis=1, keepdims=True), x.sum(axis=(1, 2), keepdims=True))


def _check_choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {list(allowed)}; got {value!r}.")


def shares(data: Data, *, within: Literal["region", "industry"] = "region") -> pd.DataFrame:
    r"""Share of every cell in its region total (or in its industry total).

    .. math::

        s_{ri} = \frac{x_{ri}}{\sum_{i'} x_{ri'}} \quad (\text{within="region"}), \qquad
        s^{\ast}_{ri} = \frac{x_{ri}}{\sum_{r'} x_{r'i}} \quad (\text{within="industry"})

    The region shares describe a region's industry mix (rows sum to 1); the industry shares
    describe how an industry is spread over regions (columns sum to 1). A zero region (or
    industry) has undefined shares, returned as NaN in its own row (or column) only.

    Parameters
    ----------
    data : Panel or wide DataFrame
    within : {"region", "industry"}, default "region"
        The total each cell is divided by.

    Returns
    -------
    DataFrame
        Rows region (and time), columns industry.

    References
    ----------
    Isard, W. (1960). *Methods of Regional Analysis: An Introduction to Regional Science*.
    MIT Press, chapter 7.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[3, 1], [0, 4]], index=["a", "b"], columns=["i", "j"])
    >>> shares(x)  # doctest: +NORMALIZE_WHITESPACE
    industry     i     j
    region
    a         0.75  0.25
    b         0.00  1.00
    >>> shares(x, within="industry")  # doctest: +NORMALIZE_WHITESPACE
    industry    i    j
    region
    a         1.0  0.2
    b         0.0  0.8
    """
    _check_choice("within", within, ("region", "industry"))
    panel = as_panel(data)
    x = panel.values
    axis = 2 if within == "region" else 1
    return panel.cell_result(_safe_div(x, x.sum(axis=axis, keepdims=True)))


def herfindahl(data: Data, *, normalised: bool = False) -> pd.Series:
    r"""Herfindahl-Hirschman index of each region's industry structure.

    .. math::

        H_r = \sum_i s_{ri}^2, \qquad
        H^{\mathrm{norm}}_r = \frac{H_r - 1/N}{1 - 1/N}

    with :math:`N` the number of industries of the panel (all-zero industries included, as in
    REAT ``herf(coefnorm=TRUE)`` and econcomplex; call :meth:`Panel.drop_empty` first to count
    only present industries). :math:`H_r` runs from :math:`1/N` (equal shares) to 1 (one
    industry); the normalised form runs from 0 to 1. NaN for an all-zero region; the
    normalised form is NaN when :math:`N = 1`.

    Parameters
    ----------
    data : Panel or wide DataFrame
    normalised : bool, default False
        ``False`` reproduces EconGeo ``herfindahl`` and REAT ``herf``; ``True`` reproduces
        REAT ``herf(coefnorm=TRUE)`` and the econcomplex default.

    Returns
    -------
    Series indexed by region (and time), named ``"herfindahl"``.

    References
    ----------
    Hirschman, A. O. (1945). *National Power and the Structure of Foreign Trade*. University of
    California Press.

    Herfindahl, O. C. (1950). *Concentration in the U.S. Steel Industry*. PhD thesis, Columbia
    University.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[1, 1, 2], [0, 0, 5]], index=["a", "b"])
    >>> herfindahl(x).tolist()
    [0.375, 1.0]
    >>> herfindahl(x, normalised=True).round(4).tolist()
    [0.0625, 1.0]
    """
    panel = as_panel(data)
    s = _region_shares(panel.values)
    h = np.sum(s * s, axis=2)
    if normalised:
        n = panel.values.shape[2]
        h = (h - 1.0 / n) / (1.0 - 1.0 / n) if n > 1 else np.full_like(h, np.nan)
    return panel.region_result(h, "herfindahl")


def _reference_shares(x: np.ndarray, reference: str) -> np.ndarray:
    """National industry shares: of all regions (``"total"``) or of the other regions."""
    _check_choice("reference", reference, ("total", "rest"))
    if reference == "total":
        return _national_shares(x)
    rest = x.sum(axis=1, keepdims=True) - x
    return _safe_div(rest, rest.sum(axis=2, keepdims=True))


def krugman_index(
    data: Data,
    *,
    reference: Literal["total", "rest"] = "total",
    halve: bool = False,
) -> pd.Series:
    r"""Krugman dissimilarity (specialisation) index of each region.

    .. math::

        K_r = c \sum_i \left| s_{ri} - s_i \right|, \qquad
        s_i = \frac{X_i}{X}\ (\text{reference="total"}), \quad
        s_i^{(-r)} = \frac{X_i - x_{ri}}{X - X_r}\ (\text{reference="rest"})

    with :math:`c = 1` (range 0 to 2) or :math:`c = 1/2` with ``halve=True`` (range 0 to 1,
    the coefficient of specialisation). ``reference="total"`` compares the region with the
    whole panel including itself (EconGeo ``krugman_index``, REAT ``krugman.spec`` with the
    national column sums, econcomplex ``krugman_index``); ``reference="rest"`` compares it with
    all other regions, as in Krugman's two-region comparison and Midelfart-Knarvik et al.
    (2000). NaN for an all-zero region (and, with ``"rest"``, when all other regions are
    zero).

    Parameters
    ----------
    data : Panel or wide DataFrame
    reference : {"total", "rest"}, default "total"
    halve : bool, default False

    Returns
    -------
    Series indexed by region (and time), named ``"krugman_index"``.

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press.

    Midelfart-Knarvik, K. H., Overman, H. G., Redding, S. J., & Venables, A. J. (2000). The
    location of European industry. *Economic Papers* 142, European Commission.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[3, 1], [1, 3]], index=["a", "b"])
    >>> krugman_index(x).tolist()
    [0.5, 0.5]
    >>> krugman_index(x, reference="rest").tolist()
    [1.0, 1.0]
    """
    panel = as_panel(data)
    x = panel.values
    k = np.sum(np.abs(_region_shares(x) - _reference_shares(x, reference)), axis=2)
    if halve:
        k = k / 2.0
    return panel.region_result(k, "krugman_index")


def specialisation_coefficient(
    data: Data, *, reference: Literal["total", "rest"] = "total"
) -> pd.Series:
    r"""Coefficient of specialisation: half the Krugman index (range 0 to 1).

    .. math::

        CS_r = \tfrac{1}{2} \sum_i \left| s_{ri} - s_i \right|

    Equals EconGeo ``spec_coeff`` and econcomplex ``specialization_coefficient`` with the
    default ``reference="total"``; see :func:`krugman_index` for ``reference``.

    References
    ----------
    Hoover, E. M., & Giarratani, F. (1985). *An Introduction to Regional Economics* (3rd ed.).
    Knopf.

    Examples
    --------
    >>> import pandas as pd
    >>> specialisation_coefficient(pd.DataFrame([[3, 1], [1, 3]])).tolist()
    [0.25, 0.25]
    """
    out = krugman_index(data, reference=reference, halve=True)
    return out.rename("specialisation_coefficient")


def theil(data: Data, *, base: float = np.e) -> pd.Series:
    r"""Theil index of each region's industry structure relative to the national structure.

    .. math::

        T_r = \sum_i s_{ri} \log_b \frac{s_{ri}}{s_i}, \qquad 0 \log 0 = 0

    This is the relative entropy (Kullback-Leibler divergence) of the regional industry mix
    from the national one: 0 when the region mirrors the nation, larger the more specialised
    it is relative to it; its maximum is :math:`\log_b(1/\min_i s_i)` over industries present in
    the region. An industry present in the region is present in the nation, so the ratio is
    always finite. NaN for an all-zero region.

    Parameters
    ----------
    data : Panel or wide DataFrame
    base : float, default e
        Logarithm base (``2`` gives bits).

    Returns
    -------
    Series indexed by region (and time), named ``"theil"``.

    References
    ----------
    Theil, H. (1967). *Economics and Information Theory*. North-Holland.

    Cutrini, E. (2010). Specialization and concentration from a twofold geographical
    perspective: evidence from Europe. *Regional Studies*, 44(3), 315-336.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[1, 1], [0, 2]], index=["a", "b"])
    >>> theil(x, base=2).round(4).tolist()
    [0.2075, 0.415]
    """
    if not (np.isfinite(base) and base > 0 and base != 1):
        raise ValueError(f"base must be a positive number other than 1; got {base!r}.")
    panel = as_panel(data)
    x = panel.values
    s = _region_shares(x)
    ratio = _safe_div(s, _national_shares(x), fill=1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(s > 0, s * np.log(np.where(s > 0, ratio, 1.0)), 0.0)
    t = terms.sum(axis=2) / np.log(base)
    t[x.sum(axis=2) == 0] = np.nan
    return panel.region_result(t, "theil")


def average_location_quotient(data: Data) -> pd.Series:
    r"""Share-weighted average location quotient of each region.

    .. math::

        \overline{LQ}_r = \sum_i s_{ri}\, LQ_{ri} = \sum_i \frac{s_{ri}^2}{s_i}

    Equal to 1 when the region has the national structure and larger the more its
    employment sits in industries it is specialised in. Industries absent from the whole panel
    contribute 0 (their :math:`s_{ri}` is 0). NaN for an all-zero region. Reproduces EconGeo
    ``location_quotient_avg``.

    References
    ----------
    Hoover, E. M., & Giarratani, F. (1985). *An Introduction to Regional Economics* (3rd ed.).
    Knopf.

    Boschma, R., Balland, P.-A., & Kogler, D. F. (2015). Relatedness and technological change in
    cities. *Industrial and Corporate Change*, 24(1), 223-250.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[1, 1], [0, 2], [1, 1]], index=["a", "b", "c"])
    >>> average_location_quotient(x).tolist()
    [1.125, 1.5, 1.125]
    """
    panel = as_panel(data)
    x = panel.values
    s = _region_shares(x)
    avg = np.sum(_safe_div(s * s, _national_shares(x), fill=0.0), axis=2)
    avg[x.sum(axis=2) == 0] = np.nan
    return panel.region_result(avg, "average_location_quotient")


def hachman(data: Data) -> pd.Series:
    r"""Hachman index: similarity of a region's industry mix to the national mix.

    .. math::

        HI_r = \frac{1}{\sum_i s_{ri}\, LQ_{ri}} = \frac{1}{\overline{LQ}_r}

    1 when the region has exactly the national structure, tending to 0 for extreme
    dissimilarity. NaN for an all-zero region. Reproduces EconGeo ``hachman``.

    References
    ----------
    Hachman, F. C. (1994). *Economic Report to the Governor*. Governor's Office of Planning and
    Budget, State of Utah.

    Wagner, J. E., & Deller, S. C. (1998). Measuring the effects of economic diversity on growth
    and stability. *Land Economics*, 74(4), 541-556.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[1, 1], [0, 2], [1, 1]], index=["a", "b", "c"])
    >>> hachman(x).round(4).tolist()
    [0.8889, 0.6667, 0.8889]
    """
    avg = average_location_quotient(data)
    return pd.Series(_safe_div(1.0, avg.to_numpy()), index=avg.index, name="hachman")


# ---------------------------------------------------------------------------------------------
# industry-level concentration indices
# ---------------------------------------------------------------------------------------------
def _active_regions(panel: Panel) -> np.ndarray:
    """``(T, R, 1)`` weights: 1 for a region with any activity in the period, 0 for an empty one.

    Equal-weight comparisons count every region that exists in the data; a region that is zero
    in every industry is data about nothing and must not change the others' values.
    """
    return (panel.values.sum(axis=2, keepdims=True) > 0).astype(np.float64)


def _reference_weights(panel: Panel, reference: Reference) -> np.ndarray:
    """Region weights of the comparison distribution as a ``(T, R, 1)`` array."""
    t, r, _ = panel.shape
    if isinstance(reference, str):
        _check_choice("reference", reference, ("employment", "uniform"))
        if reference == "employment":
            return panel.values.sum(axis=2, keepdims=True)
        return _active_regions(panel)
    if isinstance(reference, pd.Series):
        missing = panel.regions.difference(reference.index)
        if len(missing):
            raise ValueError(
                f"reference has no value for region(s) {missing.tolist()[:5]}; give one "
                "non-negative weight per region."
            )
        w = reference.reindex(panel.regions).to_numpy(dtype=float)
    else:
        w = np.asarray(reference, dtype=float)
    if w.shape != (r,):
        raise ValueError(
            f"reference must hold one weight per region ({r}); got shape {w.shape}."
        )
    if not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise ValueError(
            "reference weights must be finite, non-negative and not all zero."
        )
    return np.broadcast_to(w[None, :, None], (t, r, 1))


def _concentration_gini(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Gini of each industry's distribution over regions against region weights ``w``.

    ``x`` is ``(T, R, I)``, ``w`` broadcasts to it. Regions are sorted by ``x / w`` (regions
    with zero weight and zero value contribute a zero-length segment; a positive value with
    zero weight sorts last). The concentration curve runs through the cumulated shares and the
    Gini is twice the area between it and the diagonal (shoelace formula). ``(T, I)`` result,
    NaN where an industry (or the weights) sums to zero.
    """
    w = np.broadcast_to(w, x.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(w > 0, x / np.where(w > 0, w, 1.0), np.where(x > 0, np.inf, 0.0))
    order = np.argsort(ratio, axis=1, kind="stable")
    cx = np.cumsum(np.take_along_axis(x, order, axis=1), axis=1)
    cw = np.cumsum(np.take_along_axis(w, order, axis=1), axis=1)
    cx = _safe_div(cx, cx[:, -1:, :])
    cw = _safe_div(cw, cw[:, -1:, :])
    zeros = np.zeros_like(cx[:, :1, :])
    cx0 = np.concatenate([zeros, cx[:, :-1, :]], axis=1)
    cw0 = np.concatenate([zeros, cw[:, :-1, :]], axis=1)
    return np.sum(cx * cw0 - cx0 * cw, axis=1)


def gini(data: Data, *, sample_correction: bool = False) -> pd.Series:
    r"""Gini coefficient of each industry's distribution across regions.

    .. math::

        G_i = \frac{1}{2 R^2 \bar{x}_i} \sum_{r} \sum_{r'} \left| x_{ri} - x_{r'i} \right|,
        \qquad \bar{x}_i = X_i / R

    computed from the Lorenz curve of the regional values (every region weighs the same;
    :math:`R` counts the regions with any activity in the period, so an empty region, zero in
    every industry, changes nothing). It runs from 0 (equal amounts everywhere) to
    :math:`(R-1)/R` (one region holds everything);
    ``sample_correction=True`` multiplies by :math:`R/(R-1)` so that the maximum is 1. NaN for
    an all-zero industry. The default reproduces EconGeo ``gini`` before its rounding to three
    decimals. Regions of different size make this a measure of absolute, not relative,
    concentration; see :func:`locational_gini` and :func:`hoover_gini` for the size-adjusted
    forms.

    Parameters
    ----------
    data : Panel or wide DataFrame
    sample_correction : bool, default False

    Returns
    -------
    Series indexed by industry (and time), named ``"gini"``.

    References
    ----------
    Gini, C. (1921). Measurement of inequality of incomes. *The Economic Journal*, 31(121),
    124-126.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"i": [1, 1, 1, 1], "j": [0, 0, 0, 4]})
    >>> gini(x).tolist()
    [0.0, 0.75]
    >>> gini(x, sample_correction=True).tolist()
    [0.0, 1.0]
    """
    panel = as_panel(data)
    w = _active_regions(panel)
    g = _concentration_gini(panel.values, w)
    if sample_correction:
        r = w.sum(axis=1)  # (T, 1): regions with any activity
        g = np.where(r > 1, g * _safe_div(r, r - 1), np.nan)
    return panel.industry_result(g, "gini")


def hoover_gini(data: Data, *, reference: Reference = "employment") -> pd.Series:
    r"""Hoover-Gini (concentration) coefficient of each industry against a reference distribution.

    Sort regions by :math:`x_{ri} / p_r` and let :math:`F_k` and :math:`P_k` be the cumulated
    shares of the industry and of the reference after :math:`k` regions
    (:math:`F_0 = P_0 = 0`). The coefficient is twice the area between the resulting
    concentration (Hoover) curve and the diagonal:

    .. math::

        HG_i = \sum_{k=1}^{R} \left( F_k P_{k-1} - F_{k-1} P_k \right)

    0 when the industry is spread like the reference, approaching 1 for total concentration.
    NaN for an all-zero industry.

    Parameters
    ----------
    data : Panel or wide DataFrame
    reference : {"employment", "uniform"} or weights, default "employment"
        ``"employment"``: region totals :math:`p_r = X_r` (Krugman's locational Gini, EconGeo
        ``hoover_gini(mat, pop=rowSums(mat))``, econcomplex ``hoover_gini`` default);
        ``"uniform"``: :math:`p_r = 1` for every region with any activity (then it equals
        :func:`gini`); or a Series indexed by
        region / array of non-negative weights such as population.

    Returns
    -------
    Series indexed by industry (and time), named ``"hoover_gini"``.

    References
    ----------
    Hoover, E. M. (1936). The measurement of industrial localization. *The Review of Economics
    and Statistics*, 18(4), 162-171.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"i": [1, 3], "j": [0, 4]}, index=["a", "b"])
    >>> hoover_gini(x).tolist()
    [0.125, 0.125]
    >>> hoover_gini(x, reference="uniform").tolist()
    [0.25, 0.5]
    """
    panel = as_panel(data)
    w = _reference_weights(panel, reference)
    return panel.industry_result(_concentration_gini(panel.values, w), "hoover_gini")


def locational_gini(data: Data, *, halve: bool = False) -> pd.Series:
    r"""Krugman's locational Gini coefficient of each industry.

    The concentration curve plots the cumulated share of the industry against the cumulated
    share of all-industry employment, with regions sorted by their location quotient:

    .. math::

        LG_i = c \sum_{k=1}^{R} \left( F_k P_{k-1} - F_{k-1} P_k \right), \qquad
        P_k = \frac{\sum_{j \le k} X_{(j)}}{X}, \quad
        F_k = \frac{\sum_{j \le k} x_{(j)i}}{X_i}

    With ``halve=False`` (default, :math:`c = 1`) the index is the Gini ratio, twice the area
    between the curve and the diagonal, in [0, 1), and equals
    :func:`hoover_gini` with ``reference="employment"``. ``halve=True`` (:math:`c = 1/2`)
    returns the bare area, in [0, 0.5), which is what EconGeo ``locational_gini`` and
    econcomplex ``locational_gini`` compute. NaN for an all-zero industry.

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*. MIT Press, appendix D.

    Audretsch, D. B., & Feldman, M. P. (1996). R&D spillovers and the geography of innovation
    and production. *American Economic Review*, 86(3), 630-640.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"i": [1, 3], "j": [0, 4]}, index=["a", "b"])
    >>> locational_gini(x).tolist()
    [0.125, 0.125]
    >>> locational_gini(x, halve=True).tolist()
    [0.0625, 0.0625]
    """
    out = hoover_gini(data, reference="employment")
    if halve:
        out = out / 2.0
    return out.rename("locational_gini")


def hoover_index(
    data: Data,
    *,
    reference: Reference = "employment",
    percent: bool = False,
) -> pd.Series:
    r"""Hoover (localisation) index of each industry.

    .. math::

        HI_i = \frac{1}{2} \sum_r \left| \frac{x_{ri}}{X_i} - \frac{p_r}{P} \right|

    the share of the industry that would have to move for it to be spread like the reference
    :math:`p`. 0 to 1 (0 to 100 with ``percent=True``). NaN for an all-zero industry.

    Parameters
    ----------
    data : Panel or wide DataFrame
    reference : {"employment", "uniform"} or weights, default "employment"
        ``"employment"``: region totals (Hoover's localisation coefficient; REAT ``hoover``
        with ``ref=rowSums``; econcomplex ``hoover_index`` default; EconGeo
        ``hoover_index(mat, rowSums(mat))``). ``"uniform"``: :math:`p_r = 1/R` over the
        :math:`R` regions with any activity (EconGeo ``hoover_index`` default). Or a Series indexed by region / array of weights.
    percent : bool, default False
        Multiply by 100 (EconGeo, econcomplex). EconGeo also rounds to two decimals; this
        function does not round.

    Returns
    -------
    Series indexed by industry (and time), named ``"hoover_index"``.

    References
    ----------
    Hoover, E. M. (1936). The measurement of industrial localization. *The Review of Economics
    and Statistics*, 18(4), 162-171.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"i": [1, 3], "j": [0, 4]}, index=["a", "b"])
    >>> hoover_index(x).tolist()
    [0.125, 0.125]
    >>> hoover_index(x, reference="uniform", percent=True).tolist()
    [25.0, 50.0]
    """
    panel = as_panel(data)
    x = panel.values
    w = _reference_weights(panel, reference)
    ref = _safe_div(w, w.sum(axis=1, keepdims=True))
    h = 0.5 * np.sum(np.abs(_safe_div(x, x.sum(axis=1, keepdims=True)) - ref), axis=1)
    if percent:
        h = h * 100.0
    return panel.industry_result(h, "hoover_index")
