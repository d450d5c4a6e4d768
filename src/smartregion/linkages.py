r"""Input-output linkages as a relatedness between sectors, and how to compare relatednesses.

Co-location relatedness (proximity, co-specialisation) says that two industries are found in
the same places; it does not say why. Ellison, Glaeser & Kerr (2010) and Diodato, Neffke &
O'Clery (2018) separate the Marshallian channels: shared inputs and customers (input-output
linkages), shared labour and shared knowledge. This module provides the input-output
channel at whatever sector resolution an input-output table has, the aggregation of an
industry-level relatedness to those sectors, and a permutation (Mantel) test of whether two
relatedness matrices agree more than relabelled sectors would.

* :func:`io_linkage_relatedness`: input and output shares combined into one symmetric
  linkage strength per pair of sectors.
* :func:`aggregate_relatedness`: weighted mean relatedness between the industries of two
  sectors.
* :func:`mantel_test`: rank (or Pearson) correlation of the off-diagonal pairs of two square
  matrices with a seeded permutation p-value.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

__all__ = ["io_linkage_relatedness", "aggregate_relatedness", "mantel_test",
           "offdiagonal_pairs"]


def _square(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame) or frame.shape[0] != frame.shape[1]:
        raise ValueError(f"{what} must be a square DataFrame; got {type(frame).__name__} "
                         f"of shape {getattr(frame, 'shape', None)}.")
    if list(frame.index) != list(frame.columns):
        raise ValueError(f"{what}: rows and columns must carry the same labels in the same "
                         "order.")
    return frame.astype(np.float64)


def io_linkage_relatedness(
    flows: pd.DataFrame,
    *,
    combine: Literal["max", "mean"] = "max",
    own_flows: Literal["exclude", "include"] = "exclude",
) -> pd.DataFrame:
    r"""Symmetric input-output linkage between every pair of sectors.

    From intermediate flows :math:`Z_{ij}` (sales of sector :math:`i` to sector :math:`j`),
    the input share of :math:`j` bought from :math:`i` and the output share of :math:`i` sold
    to :math:`j` are

    .. math::

        \mathrm{in}_{i \to j} = \frac{Z_{ij}}{\sum_{k} Z_{kj}}, \qquad
        \mathrm{out}_{i \to j} = \frac{Z_{ij}}{\sum_{k} Z_{ik}},

    and the linkage of the pair combines the four directed shares,

    .. math::

        L_{ij} = \max\{\mathrm{in}_{i \to j}, \mathrm{in}_{j \to i},
                       \mathrm{out}_{i \to j}, \mathrm{out}_{j \to i}\}

    (``combine="max"``, the input-output measure of Ellison, Glaeser & Kerr 2010, used by
    Diodato, Neffke & O'Clery 2018), or their arithmetic mean (``combine="mean"``). The
    result is symmetric, in [0, 1], with NaN on the diagonal (a sector's purchases from
    itself are not a relation between two sectors).

    With ``own_flows="exclude"`` (default) the sums over :math:`k` leave out :math:`k = j`
    (inputs) and :math:`k = i` (outputs): the shares are of a sector's purchases from, and
    sales to, *other* sectors. At coarse resolution own-sector flows are large (Japanese
    manufacturing buys most of its intermediates from manufacturing), and including them
    would shrink every share of that sector towards zero. ``"include"`` keeps them. The
    denominators are intermediate totals: the tables used here have no final demand, so an
    output share is a share of intermediate sales.

    Parameters
    ----------
    flows : DataFrame
        Square: rows the selling sector, columns the buying sector, same labels in the same
        order; non-negative.
    combine : {"max", "mean"}, default "max"
    own_flows : {"exclude", "include"}, default "exclude"

    Returns
    -------
    DataFrame
        Sector x sector linkage.

    References
    ----------
    Ellison, G., Glaeser, E. L., & Kerr, W. R. (2010). What causes industry agglomeration?
    Evidence from coagglomeration patterns. *American Economic Review*, 100(3), 1195-1213.

    Diodato, D., Neffke, F., & O'Clery, N. (2018). Why do industries coagglomerate? How
    Marshallian externalities differ by industry and have evolved over time. *Journal of
    Urban Economics*, 106, 1-26.

    Examples
    --------
    >>> z = pd.DataFrame([[0., 2., 1.], [1., 0., 3.], [4., 1., 0.]],
    ...                  index=list("abc"), columns=list("abc"))
    >>> io_linkage_relatedness(z).round(3)  # doctest: +NORMALIZE_WHITESPACE
           a      b     c
    a    NaN  0.667  0.80
    b  0.667    NaN  0.75
    c  0.800  0.750   NaN
    """
    if combine not in ("max", "mean"):
        raise ValueError(f"combine must be 'max' or 'mean'; got {combine!r}.")
    if own_flows not in ("exclude", "include"):
        raise ValueError(f"own_flows must be 'exclude' or 'include'; got {own_flows!r}.")
    z = _square(flows, "flows").to_numpy()
    if not np.isfinite(z).all() or (z < 0).any():
        raise ValueError("flows must be finite and non-negative.")
    if own_flows == "exclude":
        z = z.copy()
        np.fill_diagonal(z, 0.0)
    col, row = z.sum(axis=0), z.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        inp = np.where(col[None, :] > 0, z / col[None, :], 0.0)  # in_{i->j}
        outp = np.where(row[:, None] > 0, z / row[:, None], 0.0)  # out_{i->j}
    stack = np.stack([inp, inp.T, outp, outp.T])
    link = stack.max(axis=0) if combine == "max" else stack.mean(axis=0)
    np.fill_diagonal(link, np.nan)
    return pd.DataFrame(link, index=flows.index, columns=flows.columns)


def aggregate_relatedness(
    relatedness: pd.DataFrame,
    group_of: Mapping[Hashable, Hashable] | pd.Series,
    weights: pd.Series,
    *,
    groups: list[Hashable] | None = None,
) -> pd.DataFrame:
    r"""Weighted mean relatedness between the industries of two groups (sectors).

    .. math::

        R_{GH} = \frac{\sum_{i \in G} \sum_{j \in H,\, j \ne i} w_i w_j \, r_{ij}}
                      {\sum_{i \in G} \sum_{j \in H,\, j \ne i} w_i w_j}

    with :math:`w_i` the industry weights (e.g. national employment), so a pair of large
    industries counts for more than a pair of small ones. Pairs whose :math:`r_{ij}` is NaN
    are left out of both sums. :math:`R_{GG}` is the mean relatedness between distinct
    industries of the same group. A group with no pair is NaN.

    Parameters
    ----------
    relatedness : DataFrame
        Square industry x industry relatedness (symmetric or not; the diagonal is ignored).
    group_of : mapping or Series
        Industry -> group. Every industry of ``relatedness`` must be mapped (an unmapped one
        raises, naming it: leave it out of ``relatedness`` on purpose if it has no group).
    weights : Series
        Industry -> non-negative weight; every industry must have one.
    groups : list, optional
        Order (and superset) of the groups in the result; default: sorted groups present.

    Returns
    -------
    DataFrame
        Group x group mean relatedness; ``attrs["pairs"]`` holds the number of industry pairs
        behind each cell.

    Examples
    --------
    >>> r = pd.DataFrame([[1, .2, .4], [.2, 1, .6], [.4, .6, 1]], index=list("abc"),
    ...                  columns=list("abc"))
    >>> w, g = pd.Series({"a": 1., "b": 3., "c": 1.}), {"a": "X", "b": "X", "c": "Y"}
    >>> aggregate_relatedness(r, g, w)  # doctest: +NORMALIZE_WHITESPACE
          X     Y
    X  0.20  0.55
    Y  0.55   NaN
    """
    r = _square(relatedness, "relatedness")
    mp = pd.Series(group_of) if not isinstance(group_of, pd.Series) else group_of
    missing = [i for i in r.index if i not in mp.index or pd.isna(mp.get(i))]
    if missing:
        raise ValueError(f"{len(missing)} industries have no group, e.g. {missing[:5]}; "
                         "map them or drop them from the relatedness matrix first.")
    w = weights.reindex(r.index)
    if w.isna().any() or (w < 0).any():
        bad = w.index[w.isna() | (w < 0)].tolist()[:5]
        raise ValueError(f"weights missing or negative for industries {bad}.")
    g = mp.reindex(r.index).to_numpy()
    order = list(groups) if groups is not None else sorted(pd.unique(g))
    onehot = np.stack([(g == k).astype(float) for k in order], axis=1)  # industry x group
    vals = r.to_numpy()
    ok = np.isfinite(vals) & ~np.eye(len(r), dtype=bool)
    ww = np.outer(w.to_numpy(), w.to_numpy()) * ok
    num = onehot.T @ (ww * np.where(ok, vals, 0.0)) @ onehot
    den = onehot.T @ ww @ onehot
    pairs = onehot.T @ ok.astype(float) @ onehot
    with np.errstate(invalid="ignore", divide="ignore"):
        agg = np.where(den > 0, num / den, np.nan)
    out = pd.DataFrame(agg, index=order, columns=order)
    out.attrs["pairs"] = pd.DataFrame(pairs.astype(int), index=order, columns=order)
    return out


def offdiagonal_pairs(a: pd.DataFrame, b: pd.DataFrame, *,
                      names: tuple[str, str] = ("a", "b")) -> pd.DataFrame:
    """The pairs i < j of two square matrices on the same labels, one row per pair.

    Columns ``i``, ``j`` and the two values (named by ``names``). Pairs where either value
    is NaN are kept (callers decide); the lower triangle is ignored.
    """
    a, b = _square(a, "a"), _square(b, "b")
    if list(a.index) != list(b.index):
        raise ValueError("the two matrices must have the same labels in the same order.")
    iu = np.triu_indices(len(a), k=1)
    return pd.DataFrame({"i": a.index[iu[0]], "j": a.index[iu[1]],
                         names[0]: a.to_numpy()[iu], names[1]: b.to_numpy()[iu]})


def _corr(x: np.ndarray, y: np.ndarray, method: str) -> float:
    if method == "spearman":
        x = pd.Series(x).rank().to_numpy()
        y = pd.Series(y).rank().to_numpy()
    if np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def mantel_test(
    a: pd.DataFrame,
    b: pd.DataFrame,
    *,
    method: Literal["spearman", "pearson"] = "spearman",
    n_permutations: int = 9999,
    alternative: Literal["greater", "two-sided"] = "greater",
    seed: int | np.random.Generator = 0,
) -> dict[str, float]:
    r"""Correlation of two square matrices over their off-diagonal pairs, with a Mantel test.

    The statistic is the correlation (Spearman by default, ties averaged) of
    :math:`a_{ij}` and :math:`b_{ij}` over the pairs :math:`i < j` where both are finite.
    Pairs are not independent (every sector appears in many), so the p-value comes from
    relabelling: the rows and columns of :math:`b` are permuted together by a random
    permutation :math:`\pi`, :math:`b_{\pi(i)\pi(j)}`, which keeps the structure of each
    matrix and breaks only their correspondence (Mantel 1967). With :math:`K` permutations
    and :math:`c` of them at least as extreme as the observed value,

    .. math:: p = \frac{1 + c}{1 + K}.

    ``alternative="greater"`` counts permuted correlations :math:`\ge` the observed one
    (the hypothesis that the two relatednesses agree); ``"two-sided"`` compares absolute
    values.

    Parameters
    ----------
    a, b : DataFrame
        Square, same labels in the same order; the diagonals are ignored. The lower
        triangles are ignored too (pass symmetric matrices).
    method : {"spearman", "pearson"}, default "spearman"
    n_permutations : int, default 9999
    alternative : {"greater", "two-sided"}, default "greater"
    seed : int or numpy Generator, default 0
        Random permutations; the same seed gives the same p-value.

    Returns
    -------
    dict
        ``statistic``, ``p_value``, ``n_pairs`` (pairs used), ``n_pairs_dropped`` (a NaN in
        either matrix), ``n_permutations``, ``null_mean`` and ``null_sd`` (of the permuted
        statistics).

    References
    ----------
    Mantel, N. (1967). The detection of disease clustering and a generalized regression
    approach. *Cancer Research*, 27(2), 209-220.

    Examples
    --------
    >>> r = pd.DataFrame(np.add.outer(np.arange(5.), np.arange(5.)))
    >>> res = mantel_test(r, r, n_permutations=99, seed=1)
    >>> res["statistic"], res["n_pairs"]
    (1.0, 10)
    """
    if method not in ("spearman", "pearson"):
        raise ValueError(f"method must be 'spearman' or 'pearson'; got {method!r}.")
    if alternative not in ("greater", "two-sided"):
        raise ValueError(f"alternative must be 'greater' or 'two-sided'; got {alternative!r}.")
    if not (isinstance(n_permutations, (int, np.integer)) and n_permutations >= 1):
        raise ValueError(f"n_permutations must be a positive integer; got {n_permutations!r}.")
    pairs = offdiagonal_pairs(a, b)
    av, bv = a.to_numpy(np.float64), b.to_numpy(np.float64)
    iu = np.triu_indices(len(a), k=1)
    ok = np.isfinite(pairs["a"].to_numpy()) & np.isfinite(pairs["b"].to_numpy())
    if ok.sum() < 3:
        raise ValueError(f"only {int(ok.sum())} pairs have both values; need at least 3.")
    # the NaN pattern of a is fixed; b's values move with the permutation, so the pair set
    # used can differ between permutations when b has NaN off the diagonal
    x_all = av[iu]
    stat = _corr(x_all[ok], bv[iu][ok], method)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    null = np.empty(n_permutations)
    for k in range(n_permutations):
        p = rng.permutation(len(a))
        y = bv[np.ix_(p, p)][iu]
        use = np.isfinite(x_all) & np.isfinite(y)
        null[k] = _corr(x_all[use], y[use], method)
    if alternative == "greater":
        extreme = int(np.sum(null >= stat - 1e-12))
    else:
        extreme = int(np.sum(np.abs(null) >= abs(stat) - 1e-12))
    return {"statistic": stat, "p_value": (1 + extreme) / (1 + n_permutations),
            "n_pairs": int(ok.sum()), "n_pairs_dropped": int((~ok).sum()),
            "n_permutations": int(n_permutations), "null_mean": float(np.nanmean(null)),
            "null_sd": float(np.nanstd(null))}
