"""Industry structure: shares, location quotients / RCA, binary specialisation, diversity, ubiquity.

All functions accept a :class:`~smartregion.panel.Panel` (or a numeric wide DataFrame, see
:func:`~smartregion.panel.as_panel`) and work on every period at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .panel import Panel, PanelError, as_panel

__all__ = [
    "location_quotient",
    "rca",
    "specialisation",
    "diversity",
    "ubiquity",
]


def _safe_div(num: np.ndarray, den: np.ndarray, fill: float = np.nan) -> np.ndarray:
    """Element-wise ``num / den`` with ``fill`` where ``den == 0`` (no warnings, no inf)."""
    num, den = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    out = np.full(num.shape, fill, dtype=float)
    np.divide(num, den, out=out, where=den != 0)
    return out


def lq_array(x: np.ndarray) -> np.ndarray:
    """Location quotients of a ``(T, R, I)`` array; NaN where a region or industry total is 0."""
    row = x.sum(axis=2, keepdims=True)
    col = x.sum(axis=1, keepdims=True)
    tot = x.sum(axis=(1, 2), keepdims=True)
    return _safe_div(x * tot, row * col)


def binary_array(
    data: Panel | pd.DataFrame | np.ndarray,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
) -> tuple[Panel, np.ndarray]:
    """Return ``(panel, M)`` with ``M`` the ``(T, R, I)`` float 0/1 specialisation array.

    With ``binary=True`` the data must already be 0/1 (checked) and are used as ``M``.
    Otherwise ``M = 1[LQ >= threshold]`` (``>`` if ``strict``); undefined LQ gives 0.
    """
    panel = as_panel(data)
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
        return panel, x.astype(np.float64, copy=False)
    lq = lq_array(x)
    with np.errstate(invalid="ignore"):
        m = (lq > threshold) if strict else (lq >= threshold)
    return panel, m.astype(np.float64)


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
    >>> location_quotient(x).round(3)
    industry    i      j
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
    panel, m = binary_array(data, threshold=threshold, strict=strict)
    return panel.cell_result(m).astype(np.int64)


def diversity(
    data: Panel | pd.DataFrame | np.ndarray,
    *,
    binary: bool = False,
    threshold: float = 1.0,
    strict: bool = False,
) -> pd.Series:
    r"""Diversity :math:`k_{r,0} = \sum_i M_{ri}`: the number of industries a region is specialised in.

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
    panel, m = binary_array(data, binary=binary, threshold=threshold, strict=strict)
    return panel.region_result(m.sum(axis=2), "diversity")


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
    panel, m = binary_array(data, binary=binary, threshold=threshold, strict=strict)
    return panel.industry_result(m.sum(axis=1), "ubiquity")
