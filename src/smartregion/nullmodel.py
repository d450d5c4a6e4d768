r"""Null models for the network measures of regional portfolios.

A region's footprint on the industry space (coherence, footprint density, footprint centrality,
the share of its specialisations in one linked group) depends mechanically on how many
specialisations it has and on how common those industries are: a region with many
specialisations in widespread industries is "coherent" by construction. The null model here
keeps both margins of the binary specialisation matrix :math:`M_{ri}` exactly, each region's
number of specialisations :math:`S_r = \sum_i M_{ri}` and each industry's ubiquity
:math:`u_i = \sum_r M_{ri}`, and draws portfolios uniformly among all 0/1 matrices with those
margins, with the curveball algorithm (Strona et al. 2014). The relatedness matrix (the
industry space) is held fixed, so a percentile says whether the observed portfolio is more
(or less) tightly knit than random portfolios of the same size and the same industries'
prevalence.

* :func:`curveball` -- one randomised matrix (or a chain of them), seeded;
* :func:`null_network_measures` -- observed value, null mean and sd, z-score and percentile of
  coherence, footprint density, footprint centrality and the largest linked share on a
  backbone, for every region;
* :func:`backbone_sensitivity` -- the largest linked share, its rank and its null percentile
  over a range of backbone mean degrees.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from .panel import PanelError

__all__ = ["curveball", "curveball_draws", "network_measures_array", "largest_linked_share",
           "null_network_measures", "backbone_sensitivity", "NULL_MEASURES"]

#: Measures compared with the null model, in the column order of the results.
#: Relative size below which a null's standard deviation is rounding noise: the z-score of a
#: null with :math:`sd \le` this :math:`\times \max(|mean|, 1)` is NaN.
NULL_SD_TOLERANCE = 1e-12
NULL_MEASURES = ("coherence", "footprint_density", "footprint_centrality",
                 "largest_linked_share")


def _as_bool_matrix(m: pd.DataFrame | np.ndarray) -> np.ndarray:
    arr = np.asarray(m)
    if arr.ndim != 2:
        raise PanelError(f"the specialisation matrix must be 2-d (region x industry); got "
                         f"shape {arr.shape}.")
    arr = arr.astype(np.float64)
    if not np.isin(arr, (0.0, 1.0)).all():
        raise PanelError("the specialisation matrix must hold 0/1 values only (M = 1[LQ >= 1]).")
    return arr.astype(bool)


def curveball(m: pd.DataFrame | np.ndarray, rng: np.random.Generator, *,
              n_trades: int | None = None) -> np.ndarray:
    r"""Randomise a 0/1 matrix keeping every row sum and every column sum (curveball).

    Each *trade* picks two rows :math:`a \ne b` at random. The columns where exactly one of
    the two rows has a 1 are pooled, shuffled, and dealt back so that each row keeps its
    number of them; columns where both (or neither) have a 1 are untouched. A trade therefore
    never changes a row sum or a column sum. The chain of trades is irreducible on the set of
    matrices with the given margins and its stationary distribution is uniform (Strona et al.
    2014; Carstens 2015), so after enough trades a draw is a uniformly random matrix with the
    observed margins.

    Parameters
    ----------
    m : DataFrame or ndarray, shape (R, I)
        0/1 matrix (regions x industries).
    rng : numpy.random.Generator
        Source of randomness (seed it once, e.g. ``np.random.default_rng(seed)``).
    n_trades : int, optional
        Number of trades. Default :math:`5R`, the number Strona et al. (2014) found enough
        to reach a random matrix from any start on matrices of this shape.

    Returns
    -------
    ndarray of bool, shape (R, I)

    References
    ----------
    Strona, G., Nappo, D., Boccacci, F., Fattorini, S., & San-Miguel-Ayanz, J. (2014). A fast
    and unbiased procedure to randomize ecological binary matrices with fixed row and column
    totals. *Nature Communications*, 5, 4114.

    Carstens, C. J. (2015). Proof of uniform sampling of binary matrices with fixed row sums
    and column sums for the fast curveball algorithm. *Physical Review E*, 91, 042812.

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1]])
    >>> out = curveball(m, np.random.default_rng(0), n_trades=20)
    >>> out.sum(axis=1).tolist(), out.sum(axis=0).tolist()
    ([2, 2, 2], [2, 2, 1, 1])
    """
    work = _as_bool_matrix(m).copy()
    n_r = work.shape[0]
    if n_r < 2:
        return work
    n = 5 * n_r if n_trades is None else int(n_trades)
    pairs = rng.integers(0, n_r, size=(n, 2))
    for a, b in pairs:
        if a == b:
            continue
        ra, rb = work[a], work[b]
        only_a = ra & ~rb
        only_b = rb & ~ra
        k = int(only_a.sum())
        pool = np.flatnonzero(only_a | only_b)
        if k == 0 or k == len(pool):
            continue
        pool = rng.permutation(pool)
        ra[pool[:k]] = True
        ra[pool[k:]] = False
        rb[pool[:k]] = False
        rb[pool[k:]] = True
    return work


def curveball_draws(m: pd.DataFrame | np.ndarray, n_draws: int, rng: np.random.Generator, *,
                    burn_in: int | None = None, thin: int | None = None) -> np.ndarray:
    r"""``n_draws`` randomised matrices from one seeded curveball chain.

    The chain starts at ``m``, runs ``burn_in`` trades (default :math:`10R`) and then keeps
    one matrix every ``thin`` trades (default :math:`2R`); consecutive draws are therefore
    not independent, but every draw has exactly the margins of ``m``.

    Returns
    -------
    ndarray of bool, shape (n_draws, R, I)

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 0]])
    >>> d = curveball_draws(m, 4, np.random.default_rng(1))
    >>> d.shape, bool((d.sum(axis=2) == m.sum(axis=1)).all())
    ((4, 3, 3), True)
    """
    if n_draws < 1:
        raise ValueError(f"n_draws must be >= 1; got {n_draws}.")
    cur = _as_bool_matrix(m)
    n_r = cur.shape[0]
    burn = 10 * n_r if burn_in is None else int(burn_in)
    step = 2 * n_r if thin is None else int(thin)
    cur = curveball(cur, rng, n_trades=burn)
    out = np.empty((n_draws, *cur.shape), dtype=bool)
    for d in range(n_draws):
        cur = curveball(cur, rng, n_trades=step)
        out[d] = cur
    return out


def largest_linked_share(m: np.ndarray, adjacency: np.ndarray) -> np.ndarray:
    r"""Share of each region's specialisations in their largest connected group on a graph.

    For region :math:`r` with specialisations :math:`S_r`, the sub-graph the specialisations
    induce on ``adjacency`` (e.g. the industry-space backbone) is split into connected
    components; the result is the size of the largest over :math:`|S_r|` (NaN when
    :math:`|S_r| = 0`).

    Parameters
    ----------
    m : ndarray of bool, shape (R, I) or (D, R, I)
    adjacency : ndarray, shape (I, I)
        Non-zero entries are links.

    Examples
    --------
    >>> import numpy as np
    >>> adj = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]])
    >>> largest_linked_share(np.array([[1, 1, 1, 0], [1, 0, 1, 0]], bool), adj).tolist()
    [0.6666666666666666, 0.5]
    """
    arr = np.asarray(m, dtype=bool)
    flat = arr.reshape(-1, arr.shape[-1])
    adj = np.asarray(adjacency) != 0
    out = np.full(flat.shape[0], np.nan)
    for k, row in enumerate(flat):
        idx = np.flatnonzero(row)
        if len(idx) == 0:
            continue
        sub = csr_matrix(adj[np.ix_(idx, idx)])
        _, lab = connected_components(sub, directed=False)
        out[k] = np.bincount(lab).max() / len(idx)
    return out.reshape(arr.shape[:-1])


def network_measures_array(m: np.ndarray, w: np.ndarray) -> dict[str, np.ndarray]:
    r"""Coherence, footprint density and footprint centrality of many 0/1 portfolios at once.

    The formulas of :func:`smartregion.relatedness.regional_network_measures` on a fixed
    weight matrix ``w`` (diagonal ignored), vectorised over a leading axis of draws: with
    :math:`\omega_{ri} = \sum_{j \ne i} M_{rj} w_{ij} / \sum_{j \ne i} w_{ij}`,
    coherence :math:`S_r^{-1}\sum_i M_{ri}\omega_{ri}`, footprint density
    :math:`\sum_{i \ne j} M_{ri} M_{rj} w_{ij} / (S_r (S_r - 1))` and footprint centrality
    :math:`S_r^{-1} \sum_i M_{ri} c_i` with :math:`c_i = \sum_{j \ne i} w_{ij} / (I - 1)`
    over the industries that are specialised somewhere or related to something.

    Parameters
    ----------
    m : ndarray of bool, shape (R, I) or (D, R, I)
    w : ndarray, shape (I, I)

    Returns
    -------
    dict of ndarray, each of shape ``m.shape[:-1]``
    """
    arr = np.asarray(m, dtype=np.float64)
    w = np.array(w, dtype=np.float64)
    np.fill_diagonal(w, 0.0)
    den = w.sum(axis=1)
    s = arr.sum(axis=-1)
    num = arr @ w.T
    dens = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
    pairs = np.einsum("...i,...i->...", arr @ w, arr)
    active = (arr.reshape(-1, arr.shape[-1]).sum(axis=0) > 0) | (den > 0)
    cent = den / max(int(active.sum()) - 1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "coherence": np.where(s > 0, (arr * dens).sum(axis=-1) / s, np.nan),
            "footprint_density": np.where(s > 1, pairs / (s * (s - 1)), np.nan),
            "footprint_centrality": np.where(s > 0, arr @ cent / s, np.nan),
        }


def _percentile(obs: np.ndarray, null: np.ndarray) -> np.ndarray:
    """Mid-rank percentile (0-100) of each observed value among its null draws (axis 0)."""
    less = (null < obs[None]).sum(axis=0)
    equal = (null == obs[None]).sum(axis=0)
    n = np.isfinite(null).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.isfinite(obs) & (n > 0), 100.0 * (less + 0.5 * equal) / n, np.nan)


def _summarise(obs: dict[str, np.ndarray], null: dict[str, np.ndarray],
               index: pd.Index) -> pd.DataFrame:
    out = {}
    for name in obs:
        o, nd = obs[name], null[name]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a region without values: NaN
            mu = np.nanmean(nd, axis=0)
            sd = np.nanstd(nd, axis=0, ddof=1)
        out[name] = o
        out[f"{name}_null_mean"] = mu
        out[f"{name}_null_sd"] = sd
        # a null without spread (all draws equal up to rounding) has no z-score
        spread = sd > NULL_SD_TOLERANCE * np.maximum(np.abs(mu), 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"{name}_z"] = np.where(spread, (o - mu) / sd, np.nan)
        out[f"{name}_percentile"] = _percentile(o, nd)
    return pd.DataFrame(out, index=pd.Index(index, name="region"))


def _loo_weights(mm: np.ndarray, r: int, method: str) -> np.ndarray:
    """Relatedness weights estimated without region ``r`` (leave one out)."""
    from .relatedness import cospecialisation_weights_array, proximity_array

    rest = np.delete(mm, r, axis=0)
    if method == "proximity":
        return proximity_array(rest)[0]
    if method != "cospecialisation":
        raise ValueError(f"method must be 'cospecialisation' or 'proximity'; got {method!r}.")
    return cospecialisation_weights_array(rest)


def _backbone_adjacency(w: np.ndarray, cols: list[Hashable], degree: float) -> np.ndarray:
    from .network import backbone as _backbone
    from .network import industry_space
    from .panel import ZeroLineWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        bb = _backbone(industry_space(pd.DataFrame(w, index=cols, columns=cols)),
                       avg_degree=float(degree))
    return nx.to_numpy_array(bb, nodelist=cols, weight=None)


def null_network_measures(
    m: pd.DataFrame,
    relatedness: pd.DataFrame | None = None,
    *,
    n_draws: int = 200,
    rng: np.random.Generator,
    backbone: nx.Graph | None = None,
    draws: np.ndarray | None = None,
    leave_one_out: bool = False,
    method: str = "cospecialisation",
    backbone_degree: float | None = None,
    backbone_regions: Sequence[Hashable] | None = None,
) -> pd.DataFrame:
    r"""Each region's network measures against random portfolios with the same margins.

    For every region and measure: the observed value, the mean and standard deviation over
    ``n_draws`` curveball draws of ``m`` (:func:`curveball_draws`; each region's number of
    specialisations and each industry's ubiquity kept exactly), the z-score
    :math:`(x - \bar x_{null}) / sd_{null}` (NaN when the null has no spread beyond rounding:
    :math:`sd_{null} \le 10^{-12} \max(|\bar x_{null}|, 1)`, ``NULL_SD_TOLERANCE``) and the
    percentile of the observed value among the draws (mid-rank: ties count half; 50 = typical
    of random portfolios, above 97.5 or below 2.5 = outside the central 95% of the null).

    Measures: ``coherence``, ``footprint_density`` and ``footprint_centrality`` as in
    :func:`smartregion.relatedness.regional_network_measures` (on the full weighted
    relatedness), and, with a backbone, ``largest_linked_share`` (the share of the
    specialisations in their largest connected group on it, :func:`largest_linked_share`).

    **Leave one out.** Relatedness estimated from the same matrix makes every observed
    portfolio look more coherent than random ones: a region's own joint specialisations are
    part of what made its industries "related". With ``leave_one_out=True`` region
    :math:`r`'s observed portfolio and its null draws are both evaluated on the relatedness
    estimated without row :math:`r` (``method`` as in
    :func:`smartregion.relatedness.relatedness_weights`), and with ``backbone_degree`` on the
    backbone of that relatedness (:func:`smartregion.network.backbone`, that mean degree).
    ``relatedness`` and ``backbone`` are then not used.

    Parameters
    ----------
    m : DataFrame
        0/1 region x industry matrix (one period).
    relatedness : DataFrame, optional
        Industry x industry weights (>= 0) with the columns of ``m`` (needed unless
        ``leave_one_out``). It is held fixed across draws.
    n_draws : int, default 200
    rng : numpy.random.Generator
    backbone : networkx.Graph, optional
        Graph on the same industries for ``largest_linked_share``.
    draws : ndarray, optional
        Precomputed draws ``(D, R, I)`` (e.g. shared with :func:`backbone_sensitivity`).
    leave_one_out : bool, default False
    method : {"cospecialisation", "proximity"}, default "cospecialisation"
    backbone_degree : float, optional
        Mean degree of the leave-one-out backbones (``largest_linked_share``).
    backbone_regions : labels, optional
        Regions for which the leave-one-out backbone is built (one backbone per region is
        the slow part); ``largest_linked_share`` is NaN for the others. Default all.

    Returns
    -------
    DataFrame
        Index region; columns ``<measure>``, ``<measure>_null_mean``, ``<measure>_null_sd``,
        ``<measure>_z``, ``<measure>_percentile`` for each measure. ``attrs["n_draws"]``;
        ``attrs["null"]`` holds the null values ``{measure: (D, R) array}``.

    References
    ----------
    Strona, G., et al. (2014). *Nature Communications*, 5, 4114.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> m = pd.DataFrame([[1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 1, 0]], index=list("xyz"),
    ...                  columns=list("abcd"))
    >>> w = pd.DataFrame(np.ones((4, 4)), index=m.columns, columns=m.columns)
    >>> t = null_network_measures(m, w, n_draws=10, rng=np.random.default_rng(0))
    >>> t["footprint_density_percentile"].tolist()  # every portfolio equally dense: 50
    [50.0, 50.0, 50.0]
    """
    mm = _as_bool_matrix(m)
    cols = pd.Index(m.columns)
    if draws is None:
        draws = curveball_draws(mm, n_draws, rng)
    if leave_one_out:
        obs = {k: np.full(mm.shape[0], np.nan) for k in NULL_MEASURES}
        null = {k: np.full(draws.shape[:2], np.nan) for k in NULL_MEASURES}
        for r in range(mm.shape[0]):
            w = _loo_weights(mm, r, method)
            o = network_measures_array(mm[r], w)
            nd = network_measures_array(draws[:, r], w)
            if backbone_degree is not None and (backbone_regions is None
                                                or m.index[r] in set(backbone_regions)):
                adj = _backbone_adjacency(w, list(cols), backbone_degree)
                o["largest_linked_share"] = largest_linked_share(mm[r][None], adj)[0]
                nd["largest_linked_share"] = largest_linked_share(draws[:, r], adj)
            for k in o:
                obs[k][r] = o[k]
                null[k][:, r] = nd[k]
        if backbone_degree is None:
            obs.pop("largest_linked_share")
            null.pop("largest_linked_share")
    else:
        if relatedness is None:
            raise PanelError("give a relatedness matrix, or leave_one_out=True.")
        missing = cols.difference(relatedness.index)
        if len(missing):
            raise PanelError(f"relatedness lacks industries {missing.tolist()[:5]} of m.")
        w = relatedness.loc[cols, cols].to_numpy(dtype=np.float64)
        if not np.isfinite(w).all() or (w < 0).any():
            raise PanelError("relatedness must be finite and >= 0 (use relatedness_weights).")
        obs = network_measures_array(mm, w)
        null = network_measures_array(draws, w)
        if backbone is not None:
            adj = nx.to_numpy_array(backbone, nodelist=list(cols), weight=None)
            obs["largest_linked_share"] = largest_linked_share(mm, adj)
            null["largest_linked_share"] = largest_linked_share(draws, adj)
    table = _summarise(obs, null, m.index)
    table.attrs["n_draws"] = int(draws.shape[0])
    table.attrs["null"] = null
    return table


def backbone_sensitivity(
    space: nx.Graph,
    m: pd.DataFrame,
    *,
    degrees: Sequence[float] = (3.0, 4.0, 5.0, 6.0),
    regions: Sequence[Hashable] | None = None,
    draws: np.ndarray | None = None,
    rng: np.random.Generator | None = None,
    n_draws: int = 200,
    leave_one_out: bool = False,
    method: str = "cospecialisation",
) -> pd.DataFrame:
    r"""The largest linked share of each region over several backbone mean degrees.

    For each target mean degree ``d`` the backbone (maximum spanning tree plus the strongest
    links, :func:`smartregion.network.backbone` with ``avg_degree=d``) is rebuilt from the
    same industry space; each region's share of specialisations in their largest linked group
    is recomputed and ranked among all regions (1 = most linked), and placed in its null
    distribution (the same curveball draws for every degree). With ``leave_one_out=True``
    the null comparison of each reported region uses the backbone of the relatedness
    estimated without that region (``method``), as in :func:`null_network_measures`; the
    rank is always taken on ``space``.

    Parameters
    ----------
    space : networkx.Graph
        The complete industry space (:func:`smartregion.network.industry_space`).
    m : DataFrame
        0/1 region x industry matrix.
    degrees : sequence of float, default (3, 4, 5, 6)
    regions : sequence of labels, optional
        Regions to report (default all).
    draws, rng, n_draws
        Curveball draws, or a generator to make ``n_draws`` of them.
    leave_one_out : bool, default False
    method : {"cospecialisation", "proximity"}, default "cospecialisation"

    Returns
    -------
    DataFrame
        One row per (degree, region): ``avg_degree``, ``region``, ``threshold``,
        ``mean_degree``, ``largest_linked_share``, ``rank`` (of all regions on ``space``),
        ``null_mean``, ``percentile``.
    """
    from .network import backbone as _backbone
    from .panel import ZeroLineWarning

    mm = _as_bool_matrix(m)
    if draws is None:
        if rng is None:
            raise ValueError("give draws or a seeded rng.")
        draws = curveball_draws(mm, n_draws, rng)
    cols = list(m.columns)
    keep = list(m.index) if regions is None else list(regions)
    pos = [list(m.index).index(r) for r in keep]
    loo_w = {p: _loo_weights(mm, p, method) for p in pos} if leave_one_out else {}
    rows = []
    for d in degrees:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ZeroLineWarning)
            bb = _backbone(space, avg_degree=float(d))
        adj = nx.to_numpy_array(bb, nodelist=cols, weight=None)
        obs_all = largest_linked_share(mm, adj)
        rank = pd.Series(obs_all).rank(ascending=False, method="min").to_numpy()
        for r, p in zip(keep, pos):
            a = _backbone_adjacency(loo_w[p], cols, d) if leave_one_out else adj
            obs = largest_linked_share(mm[p][None], a)
            null = largest_linked_share(draws[:, p], a)[:, None]
            rows.append({"avg_degree": float(d), "region": r,
                         "threshold": float(bb.graph["threshold"]),
                         "mean_degree": float(bb.graph["mean_degree"]),
                         "largest_linked_share": float(obs_all[p]), "rank": int(rank[p]),
                         "null_mean": float(np.nanmean(null)),
                         "percentile": float(_percentile(obs, null)[0])})
    return pd.DataFrame(rows)
