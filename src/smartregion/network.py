r"""Industry space: the network of related industries, its backbone, node metrics and the
position of a region on it.

The industry space (the product space of Hidalgo et al. 2007, applied to regional industries)
is a weighted undirected graph whose nodes are industries and whose edge weights are a
relatedness measure such as the proximity :math:`\phi_{ij}`. Functions here take the
relatedness as a plain square :class:`pandas.DataFrame` (industry x industry), so they work
with any relatedness measure and do not depend on how it was computed.

A complete relatedness graph is too dense to read, so it is reduced to a *backbone*: the
maximum spanning tree (the strongest links that keep every industry connected) plus the
strongest remaining links. :func:`backbone` implements both the fixed-threshold rule of
Hidalgo et al. (2007) and the average-degree rule of the R package ``economiccomplexity``.

Node metrics (:func:`centrality`, :func:`core_periphery`, :func:`communities`,
:func:`node_metrics`) return tidy DataFrames indexed by industry. :func:`regional_footprint`
and :func:`footprint_table` place a region's specialisations on the network.

Conventions
-----------
* Only positive off-diagonal relatedness values become edges; the diagonal is ignored.
* Nodes keep the order of the relatedness matrix; results are indexed in that order.
* Everything is deterministic: tie-breaking rules are documented and random algorithms
  (community detection) take a ``seed``.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import eigsh

from .panel import DroppedDataWarning, PanelError, SmartRegionWarning

__all__ = [
    "industry_space",
    "maximum_spanning_tree",
    "backbone",
    "describe_backbone",
    "edge_list",
    "centrality",
    "core_periphery",
    "communities",
    "node_metrics",
    "Footprint",
    "regional_footprint",
    "footprint_table",
]

Symmetrise = Literal["mean", "max", "min"] | None
DistanceRule = Literal["inverse", "complement"] | None
CENTRALITIES = ("degree", "strength", "betweenness", "closeness", "eigenvector")

_MAX_SHOWN = 5


# ---------------------------------------------------------------------------- input checks
def _relatedness_array(
    relatedness: pd.DataFrame | np.ndarray,
    *,
    symmetrise: Symmetrise = None,
    atol: float = 1e-12,
) -> tuple[pd.Index, np.ndarray]:
    """Validate a square relatedness table; return ``(labels, W)`` with a zero diagonal."""
    if isinstance(relatedness, np.ndarray):
        relatedness = pd.DataFrame(relatedness)
    if not isinstance(relatedness, pd.DataFrame):
        raise PanelError(
            "relatedness must be a square DataFrame (industry x industry) or a 2-d array; got "
            f"{type(relatedness)!r}."
        )
    if relatedness.size == 0:
        raise PanelError("the relatedness matrix is empty: it needs at least one industry.")
    n_rows, n_cols = relatedness.shape
    if n_rows != n_cols:
        raise PanelError(
            f"the relatedness matrix must be square (industry x industry); got shape "
            f"{relatedness.shape}."
        )
    rows, cols = relatedness.index, relatedness.columns
    if not rows.is_unique or not cols.is_unique:
        raise PanelError("the relatedness matrix has repeated industry labels; keep one each.")
    if not rows.equals(cols):
        if set(rows) != set(cols):
            only_r = [x for x in rows if x not in set(cols)][:_MAX_SHOWN]
            only_c = [x for x in cols if x not in set(rows)][:_MAX_SHOWN]
            raise PanelError(
                "the relatedness matrix must have the same industries in rows and columns; "
                f"rows only: {only_r}, columns only: {only_c}."
            )
        relatedness = relatedness.loc[:, rows]
    try:
        w = relatedness.to_numpy(dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise PanelError(f"the relatedness matrix must be numeric: {exc}") from exc
    if not np.isfinite(w).all():
        r, c = np.argwhere(~np.isfinite(w))[0]
        raise PanelError(
            f"the relatedness matrix has NaN or infinite entries (first at {rows[r]!r}, "
            f"{rows[c]!r}); fill them (e.g. with 0) first."
        )
    np.fill_diagonal(w, 0.0)
    if not np.allclose(w, w.T, rtol=0.0, atol=atol):
        if symmetrise is None:
            r, c = np.argwhere(~np.isclose(w, w.T, rtol=0.0, atol=atol))[0]
            raise PanelError(
                "the relatedness matrix is not symmetric (e.g. "
                f"[{rows[r]!r}, {rows[c]!r}] = {w[r, c]} but [{rows[c]!r}, {rows[r]!r}] = "
                f"{w[c, r]}). The industry space is undirected: pass symmetrise='mean', 'max' "
                "or 'min'."
            )
        if symmetrise == "mean":
            w = (w + w.T) / 2.0
        elif symmetrise == "max":
            w = np.maximum(w, w.T)
        elif symmetrise == "min":
            w = np.minimum(w, w.T)
        else:
            raise PanelError(
                f"symmetrise must be None, 'mean', 'max' or 'min'; got {symmetrise!r}."
            )
    else:
        w = np.maximum(w, w.T)  # remove round-off asymmetry
    return pd.Index(rows, name="industry"), w


def _graph_array(graph: nx.Graph, weight: str = "weight") -> tuple[pd.Index, np.ndarray]:
    """Nodes (in graph order) and the dense weighted adjacency of an undirected graph."""
    if graph.is_directed():
        raise PanelError("the industry space must be an undirected graph; got a directed one.")
    if graph.is_multigraph():
        raise PanelError("multigraphs are not supported; collapse parallel edges first.")
    if graph.number_of_nodes() == 0:
        raise PanelError("the graph is empty: it needs at least one industry.")
    nodes = pd.Index(list(graph.nodes), name="industry")
    w = nx.to_numpy_array(graph, nodelist=list(nodes), weight=weight, dtype=np.float64)
    np.fill_diagonal(w, 0.0)
    return nodes, w


def _as_graph(
    data: nx.Graph | pd.DataFrame | np.ndarray,
    *,
    symmetrise: Symmetrise = None,
) -> nx.Graph:
    if isinstance(data, nx.Graph):
        _graph_array(data)  # validation only
        return data
    return industry_space(data, symmetrise=symmetrise)


def _as_array(
    data: nx.Graph | pd.DataFrame | np.ndarray,
    *,
    symmetrise: Symmetrise = None,
) -> tuple[pd.Index, np.ndarray, nx.Graph | None]:
    if isinstance(data, nx.Graph):
        nodes, w = _graph_array(data)
        if (w < 0).any():
            raise PanelError("the graph has negative edge weights; relatedness must be >= 0 here.")
        return nodes, w, data
    nodes, w = _relatedness_array(data, symmetrise=symmetrise)
    return nodes, w, None


# ---------------------------------------------------------------------------- graph builders
def industry_space(
    relatedness: pd.DataFrame | np.ndarray,
    *,
    attributes: pd.DataFrame | pd.Series | None = None,
    symmetrise: Symmetrise = None,
) -> nx.Graph:
    r"""Build the industry space: a weighted undirected graph of industries.

    Every industry of the matrix is a node (in matrix order), and every pair with positive
    off-diagonal relatedness :math:`\phi_{ij} > 0` is an edge with ``weight`` :math:`\phi_{ij}`.

    Parameters
    ----------
    relatedness : DataFrame or ndarray
        Square industry x industry relatedness (e.g. the proximity of Hidalgo et al. 2007).
        The diagonal is ignored. Rows and columns must hold the same labels.
    attributes : DataFrame or Series, optional
        Node attributes indexed by industry (e.g. ``label``, ``group``, ``size``, ``pci``);
        each column becomes a node attribute. Industries missing from it get NaN. A panel's
        ``hierarchy`` can be passed directly.
    symmetrise : {None, "mean", "max", "min"}, default None
        How to make an asymmetric matrix symmetric; ``None`` raises on asymmetry.

    Returns
    -------
    networkx.Graph
        Node attribute ``label`` (``str`` of the node unless given) plus the columns of
        ``attributes``; edge attribute ``weight``.

    Raises
    ------
    PanelError
        Empty, non-square, non-numeric, non-finite or (without ``symmetrise``) asymmetric input.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[1, .5, 0], [.5, 1, .2], [0, .2, 1]],
    ...                    index=list("abc"), columns=list("abc"))
    >>> g = industry_space(phi, attributes=pd.DataFrame({"group": ["x", "x", "y"]},
    ...                                                  index=list("abc")))
    >>> sorted(g.edges(data="weight"))
    [('a', 'b', 0.5), ('b', 'c', 0.2)]
    >>> g.nodes["c"]
    {'label': 'c', 'group': 'y'}
    """
    nodes, w = _relatedness_array(relatedness, symmetrise=symmetrise)
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    iu, ju = np.nonzero(np.triu(w, k=1) > 0)
    graph.add_weighted_edges_from(
        (nodes[i], nodes[j], float(w[i, j])) for i, j in zip(iu.tolist(), ju.tolist())
    )
    _set_attributes(graph, attributes)
    return graph


def _set_attributes(graph: nx.Graph, attributes: pd.DataFrame | pd.Series | None) -> None:
    nodes = list(graph.nodes)
    frame = pd.DataFrame(index=pd.Index(nodes, dtype=object))
    if attributes is not None:
        if isinstance(attributes, pd.Series):
            attributes = attributes.to_frame(
                name=attributes.name if attributes.name is not None else "value"
            )
        if not isinstance(attributes, pd.DataFrame):
            raise PanelError(
                f"attributes must be a DataFrame or Series indexed by industry; got "
                f"{type(attributes)!r}."
            )
        if not attributes.index.is_unique:
            raise PanelError("attributes list some industries more than once; keep one row each.")
        frame = attributes.reindex(pd.Index(nodes, dtype=object))
    for node, row in zip(nodes, frame.itertuples(index=False, name=None)):
        data = {"label": str(node)}
        for col, val in zip(frame.columns, row):
            data[str(col)] = val.item() if isinstance(val, np.generic) else val
        graph.nodes[node].update(data)


def _prim_igraph_order(w: np.ndarray) -> list[tuple[int, int]]:
    """Maximum spanning forest by Prim's algorithm with igraph's tie order.

    Mirrors ``igraph::mst(g, algorithm = "prim")`` on weights ``-w``: grow a tree from the
    first unvisited vertex (matrix order); push the edges to unvisited neighbours in neighbour
    order onto a binary max-heap keyed by weight (ties move up on push, and on removal the
    left child wins ties); pop the largest edge, keep it if it reaches a new vertex.
    """
    n = w.shape[0]
    added = np.zeros(n, dtype=bool)
    heap: list[tuple[float, int, int]] = []
    tree: list[tuple[int, int]] = []

    def push(item: tuple[float, int, int]) -> None:
        heap.append(item)
        k = len(heap) - 1
        while k > 0:
            parent = (k + 1) // 2 - 1
            if heap[k][0] < heap[parent][0]:
                break
            heap[k], heap[parent] = heap[parent], heap[k]
            k = parent

    def pop() -> tuple[float, int, int]:
        heap[0], heap[-1] = heap[-1], heap[0]
        top = heap.pop()
        size, k = len(heap), 0
        while True:
            left, right = 2 * k + 1, 2 * k + 2
            if left >= size:
                break
            child = left if (right == size or heap[left][0] >= heap[right][0]) else right
            if heap[k][0] < heap[child][0]:
                heap[k], heap[child] = heap[child], heap[k]
                k = child
            else:
                break
        return top

    def push_neighbours(v: int) -> None:
        for u in np.flatnonzero(w[v] > 0).tolist():
            if u != v and not added[u]:
                push((float(w[v, u]), v, u))

    for start in range(n):
        if added[start]:
            continue
        added[start] = True
        push_neighbours(start)
        while heap:
            _, frm, to = pop()
            if not added[to]:
                added[to] = True
                tree.append((frm, to))
                push_neighbours(to)
    return tree


def _kruskal_order(w: np.ndarray) -> list[tuple[int, int]]:
    """Maximum spanning forest by Kruskal: stable sort of edges (row-major order) by weight."""
    iu, ju = np.nonzero(np.triu(w, k=1) > 0)
    order = np.argsort(-w[iu, ju], kind="stable")
    parent = list(range(w.shape[0]))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tree = []
    for k in order.tolist():
        i, j = int(iu[k]), int(ju[k])
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[rj] = ri
            tree.append((i, j))
    return tree


def _subgraph_from(
    nodes: pd.Index,
    w: np.ndarray,
    pairs: Iterable[tuple[int, int]],
    source: nx.Graph | None,
    mst: set[tuple[int, int]],
) -> nx.Graph:
    out = nx.Graph()
    if source is not None:
        out.add_nodes_from(source.nodes(data=True))
    else:
        out.add_nodes_from((v, {"label": str(v)}) for v in nodes)
    for i, j in sorted({(min(a, b), max(a, b)) for a, b in pairs}):
        data = dict(source.edges[nodes[i], nodes[j]]) if source is not None else {}
        data["weight"] = float(w[i, j])
        data["mst"] = (i, j) in mst
        out.add_edge(nodes[i], nodes[j], **data)
    return out


def maximum_spanning_tree(
    relatedness: nx.Graph | pd.DataFrame | np.ndarray,
    *,
    algorithm: Literal["prim", "kruskal"] = "prim",
    symmetrise: Symmetrise = None,
) -> nx.Graph:
    r"""Maximum spanning tree (a forest if the industry space is disconnected).

    The tree keeps, for each connected component of :math:`n_c` industries, the
    :math:`n_c - 1` positive links with the largest total relatedness that connect it.

    Tie-breaking is deterministic. ``"prim"`` (default) follows ``igraph::mst(...,
    algorithm = "prim")`` step by step (trees grown from the first unvisited industry in matrix
    order, igraph's binary-heap order among equal weights), so the edge set equals igraph's.
    ``"kruskal"`` scans links by decreasing weight, equal weights in row-major matrix order.
    Both give the same total weight; with tied weights the edge sets can differ.

    Parameters
    ----------
    relatedness : Graph, DataFrame or ndarray
        An industry space (edge attribute ``weight``) or a square relatedness matrix.
    algorithm : {"prim", "kruskal"}, default "prim"
    symmetrise : {None, "mean", "max", "min"}, default None
        See :func:`industry_space` (matrix input only).

    Returns
    -------
    networkx.Graph
        All industries as nodes (with their attributes), tree edges with ``weight`` and
        ``mst=True``.

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[0, .5, .4], [.5, 0, .5], [.4, .5, 0]],
    ...                    index=list("abc"), columns=list("abc"))
    >>> sorted(maximum_spanning_tree(phi).edges)
    [('a', 'b'), ('b', 'c')]
    """
    nodes, w, source = _as_array(relatedness, symmetrise=symmetrise)
    if algorithm == "prim":
        pairs = _prim_igraph_order(w)
    elif algorithm == "kruskal":
        pairs = _kruskal_order(w)
    else:
        raise PanelError(f"algorithm must be 'prim' or 'kruskal'; got {algorithm!r}.")
    mst = {(min(a, b), max(a, b)) for a, b in pairs}
    out = _subgraph_from(nodes, w, mst, source, mst)
    out.graph.update(method="mst", algorithm=algorithm)
    return out


def backbone(
    relatedness: nx.Graph | pd.DataFrame | np.ndarray,
    *,
    method: Literal["mst+threshold", "mst", "threshold"] = "mst+threshold",
    threshold: float = 0.55,
    avg_degree: float | None = None,
    step: float = 0.05,
    start: float = 0.0,
    algorithm: Literal["prim", "kruskal"] = "prim",
    symmetrise: Symmetrise = None,
) -> nx.Graph:
    r"""Backbone of the industry space for display and network statistics.

    ``method="mst+threshold"`` (default) keeps the maximum spanning tree (see
    :func:`maximum_spanning_tree`) plus every other link whose relatedness is strictly above a
    threshold :math:`\tau`:

    .. math::

        E_B = E_{\mathrm{MST}} \cup \{(i, j) : \phi_{ij} > \tau\}.

    Hidalgo et al. (2007) drew the product space with :math:`\tau = 0.55`.

    With ``avg_degree`` :math:`\bar k^*` given, :math:`\tau` is chosen instead, as in
    ``economiccomplexity::projections(avg_links, tolerance)`` (Vargas 2024): starting at
    ``start`` (default 0) it is raised by ``step`` (added repeatedly, as in the R loop) until the
    mean degree :math:`2|E_B| / n` of the backbone is at most :math:`\bar k^*`. If no threshold
    below :math:`\max(1, \max \phi)` reaches the target the spanning tree alone is returned with
    a warning. The threshold used is stored in ``graph.graph["threshold"]``.

    ``method="mst"`` returns the spanning tree only; ``method="threshold"`` keeps the links
    above :math:`\tau` only (no tree, so the backbone may fall apart).

    Parameters
    ----------
    relatedness : Graph, DataFrame or ndarray
        Industry space or square relatedness matrix.
    method : {"mst+threshold", "mst", "threshold"}, default "mst+threshold"
    threshold : float, default 0.55
        :math:`\tau`; ignored when ``avg_degree`` is given.
    avg_degree : float, optional
        Target mean degree (economiccomplexity's default is 4).
    step : float, default 0.05
        Threshold increment of the average-degree search (``tolerance`` in R).
    start : float, default 0.0
        First threshold tried by the search.
    algorithm : {"prim", "kruskal"}, default "prim"
        Spanning-tree algorithm and tie-breaking rule (see :func:`maximum_spanning_tree`).
    symmetrise : {None, "mean", "max", "min"}, default None

    Returns
    -------
    networkx.Graph
        Nodes with their attributes; edges with ``weight`` and ``mst`` (bool). Graph attributes
        ``method``, ``threshold``, ``avg_degree``, ``mean_degree`` and ``rule`` (the sentence
        of :func:`describe_backbone`).

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Vargas Sepulveda, M. (2024). economiccomplexity: Computational methods for economic
    complexity. R package version 2.0.0.

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[0, .9, .6, .1], [.9, 0, .7, .2], [.6, .7, 0, .3],
    ...                     [.1, .2, .3, 0]], index=list("abcd"), columns=list("abcd"))
    >>> sorted(backbone(phi, threshold=0.55).edges)
    [('a', 'b'), ('a', 'c'), ('b', 'c'), ('c', 'd')]
    >>> g = backbone(phi, avg_degree=1.5)
    >>> round(g.graph["threshold"], 2), g.number_of_edges()
    (0.6, 3)
    """
    if method not in ("mst+threshold", "mst", "threshold"):
        raise PanelError(
            f"method must be 'mst+threshold', 'mst' or 'threshold'; got {method!r}."
        )
    if not (isinstance(step, (int, float)) and step > 0):
        raise PanelError(f"step must be a positive number; got {step!r}.")
    if avg_degree is not None and not avg_degree >= 0:
        raise PanelError(f"avg_degree must be a non-negative number; got {avg_degree!r}.")
    nodes, w, source = _as_array(relatedness, symmetrise=symmetrise)
    n = len(nodes)
    iu, ju = np.nonzero(np.triu(w, k=1) > 0)
    weights = w[iu, ju]
    if method == "threshold":
        mst: set[tuple[int, int]] = set()
    else:
        if algorithm not in ("prim", "kruskal"):
            raise PanelError(f"algorithm must be 'prim' or 'kruskal'; got {algorithm!r}.")
        pairs = _prim_igraph_order(w) if algorithm == "prim" else _kruskal_order(w)
        mst = {(min(a, b), max(a, b)) for a, b in pairs}
    in_mst = np.array([(i, j) in mst for i, j in zip(iu.tolist(), ju.tolist())], dtype=bool)

    def edges_above(tau: float) -> set[tuple[int, int]]:
        keep = weights > tau
        return set(zip(iu[keep].tolist(), ju[keep].tolist()))

    used = float(threshold)
    if method == "mst":
        chosen = set(mst)
        used = float("nan")
    elif avg_degree is None:
        chosen = mst | edges_above(threshold)
    else:
        upper = max(1.0, float(weights.max()) if weights.size else 0.0)
        tau = float(start)
        chosen = None
        while tau < upper:
            n_edges = len(mst) + int(np.count_nonzero((weights > tau) & ~in_mst))
            if 2.0 * n_edges / n <= avg_degree:
                chosen, used = mst | edges_above(tau), tau
                break
            tau += step
        if chosen is None:
            warnings.warn(
                f"no threshold below {upper} brings the mean degree down to {avg_degree}; "
                "returning the maximum spanning tree.",
                SmartRegionWarning,
                stacklevel=2,
            )
            chosen, used = set(mst), float("nan")
    out = _subgraph_from(nodes, w, chosen, source, mst)
    out.graph.update(
        method=method,
        threshold=used,
        avg_degree=avg_degree,
        mean_degree=2.0 * out.number_of_edges() / n,
    )
    out.graph["rule"] = describe_backbone(out)
    return out


def describe_backbone(graph: nx.Graph) -> str:
    """One sentence saying which backbone rule produced ``graph`` and what it kept.

    Reads the graph attributes set by :func:`backbone` (``method``, ``threshold``,
    ``avg_degree``, ``mean_degree``), for figure source lines and reports.

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[0, .9, .6, .1], [.9, 0, .7, .2], [.6, .7, 0, .3],
    ...                     [.1, .2, .3, 0]], index=list("abcd"), columns=list("abcd"))
    >>> print(describe_backbone(backbone(phi, avg_degree=1.5)))
    Backbone: maximum spanning tree + links with relatedness > 0.6, the lowest threshold
    giving mean degree <= 1.5 (4 nodes, 3 links, mean degree 1.5).
    >>> print(describe_backbone(backbone(phi, threshold=0.55)))
    Backbone: maximum spanning tree + links with relatedness > 0.55, fixed threshold
    (4 nodes, 4 links, mean degree 2).
    """
    g = graph.graph
    method, tau, target = g.get("method"), g.get("threshold"), g.get("avg_degree")
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    size = f"({n:,} nodes, {m:,} links, mean degree {2.0 * m / n if n else 0.0:.3g})"
    if method is None:
        return f"Network {size}."
    has_tau = tau is not None and not (isinstance(tau, float) and np.isnan(tau))
    if method == "mst" or (method == "mst+threshold" and not has_tau):
        why = "" if method == "mst" else (
            f" (no threshold reached mean degree <= {target:g})" if target is not None else "")
        return f"Backbone: maximum spanning tree only{why} {size}."
    base = "maximum spanning tree + links" if method == "mst+threshold" else "links"
    how = (f"the lowest threshold giving mean degree <= {target:g}" if target is not None
           else "fixed threshold")
    return f"Backbone: {base} with relatedness > {tau:.3g}, {how} {size}."


def edge_list(graph: nx.Graph, *, weight: str = "weight") -> pd.DataFrame:
    """Edges of a graph as a tidy table ``source, target, weight[, mst]``.

    ``source`` is the endpoint that comes first in the graph's node order; rows are sorted by
    the node order of ``source`` then ``target``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("b", "a", 0.5), ("a", "c", 0.2)])
    >>> edge_list(g)
      source target  weight
    0      b      a     0.5
    1      a      c     0.2
    """
    pos = {v: k for k, v in enumerate(graph.nodes)}
    rows = []
    has_mst = any("mst" in d for _, _, d in graph.edges(data=True))
    for a, b, d in graph.edges(data=True):
        if pos[a] > pos[b]:
            a, b = b, a
        row = {"source": a, "target": b, "weight": float(d.get(weight, 1.0))}
        if has_mst:
            row["mst"] = bool(d.get("mst", False))
        rows.append((pos[a], pos[b], row))
    rows.sort(key=lambda r: (r[0], r[1]))
    cols = ["source", "target", "weight"] + (["mst"] if has_mst else [])
    return pd.DataFrame([r[2] for r in rows], columns=cols)


# ---------------------------------------------------------------------------- node metrics
def _with_distance(graph: nx.Graph, distance: DistanceRule) -> tuple[nx.Graph, str | None]:
    if distance is None:
        return graph, None
    if distance not in ("inverse", "complement"):
        raise PanelError(f"distance must be 'inverse', 'complement' or None; got {distance!r}.")
    g = nx.Graph()
    g.add_nodes_from(graph.nodes)
    for a, b, d in graph.edges(data=True):
        wt = float(d.get("weight", 1.0))
        if wt <= 0:
            raise PanelError(f"edge ({a!r}, {b!r}) has weight {wt}; weights must be positive.")
        if distance == "inverse":
            dist = 1.0 / wt
        else:
            if wt > 1:
                raise PanelError(
                    f"distance='complement' needs weights in (0, 1]; edge ({a!r}, {b!r}) has {wt}."
                )
            dist = 1.0 - wt
        g.add_edge(a, b, distance=dist)
    return g, "distance"


def _eigenvector(graph: nx.Graph, nodes: list[Hashable]) -> np.ndarray:
    """Leading eigenvector of the weighted adjacency, per connected component."""
    out = np.zeros(len(nodes))
    adj = nx.to_numpy_array(graph, nodelist=nodes, weight="weight")
    np.fill_diagonal(adj, 0.0)
    n_comp, labels = connected_components(adj != 0, directed=False)
    for c in range(n_comp):
        members = np.flatnonzero(labels == c)
        if len(members) < 2:
            continue
        sub = adj[np.ix_(members, members)]
        if len(members) <= 64:
            vals, vecs = np.linalg.eigh(sub)
            vec = np.abs(vecs[:, np.argmax(vals)])
        else:  # Lanczos from a fixed start vector: fast and deterministic
            start = np.full(len(members), 1.0 / np.sqrt(len(members)))
            _, vecs = eigsh(csr_matrix(sub), k=1, which="LA", v0=start)
            vec = np.abs(vecs[:, 0])
        out[members] = vec / np.linalg.norm(vec)
    return out


def centrality(
    graph: nx.Graph | pd.DataFrame,
    *,
    distance: DistanceRule = "inverse",
    normalized: bool = True,
    measures: Iterable[str] | None = None,
) -> pd.DataFrame:
    r"""Degree, strength, betweenness, closeness and eigenvector centrality of every industry.

    * ``degree`` :math:`k_i` = number of links; ``strength`` :math:`s_i = \sum_j w_{ij}`.
    * ``betweenness`` and ``closeness`` use shortest paths whose edge length is a distance
      derived from relatedness: ``"inverse"`` (default) :math:`d_{ij} = 1 / w_{ij}`,
      ``"complement"`` :math:`d_{ij} = 1 - w_{ij}` (weights must lie in (0, 1]), or ``None``
      for hop counts. Betweenness (Brandes 2001) is normalised by
      :math:`(n-1)(n-2)/2` when ``normalized``. Closeness is networkx's
      Wasserman-Faust form for disconnected graphs,
      :math:`C_i = \frac{r_i - 1}{n - 1} \cdot \frac{r_i - 1}{\sum_j d(i, j)}` with
      :math:`r_i` the size of the component of :math:`i`.
    * ``eigenvector``: the leading eigenvector of the weighted adjacency matrix, computed
      separately in each connected component and scaled to unit Euclidean norm within it
      (isolated industries get 0).

    Parameters
    ----------
    graph : Graph or DataFrame
        Industry space / backbone, or a square relatedness matrix (turned into the complete
        industry space by :func:`industry_space`).
    distance : {"inverse", "complement", None}, default "inverse"
    normalized : bool, default True
        Normalise betweenness.
    measures : iterable of str, optional
        Compute only these columns (betweenness and closeness are the slow ones on large
        graphs).

    Returns
    -------
    DataFrame
        Indexed by industry (graph order); columns degree, strength, betweenness, closeness,
        eigenvector.

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of Mathematical
    Sociology*, 25(2), 163-177.

    Examples
    --------
    A star: the centre lies on every shortest path between leaves.

    >>> import networkx as nx
    >>> g = nx.star_graph(3)
    >>> nx.set_edge_attributes(g, 0.5, "weight")
    >>> centrality(g).round(3)  # doctest: +NORMALIZE_WHITESPACE
              degree  strength  betweenness  closeness  eigenvector
    industry
    0              3       1.5          1.0        0.5        0.707
    1              1       0.5          0.0        0.3        0.408
    2              1       0.5          0.0        0.3        0.408
    3              1       0.5          0.0        0.3        0.408
    """
    g = _as_graph(graph)
    nodes = list(g.nodes)
    wanted = list(CENTRALITIES if measures is None else measures)
    unknown = [m for m in wanted if m not in CENTRALITIES]
    if unknown:
        raise PanelError(f"unknown centrality measure(s) {unknown}; choose from {CENTRALITIES}.")
    dg, dist = _with_distance(g, distance)
    cols: dict[str, object] = {}
    for m in wanted:
        if m == "degree":
            cols[m] = [g.degree(v) for v in nodes]
        elif m == "strength":
            cols[m] = [float(g.degree(v, weight="weight")) for v in nodes]
        elif m == "betweenness":
            btw = nx.betweenness_centrality(dg, weight=dist, normalized=normalized)
            cols[m] = [float(btw[v]) for v in nodes]
        elif m == "closeness":
            clo = nx.closeness_centrality(dg, distance=dist)
            cols[m] = [float(clo[v]) for v in nodes]
        else:
            cols[m] = _eigenvector(g, nodes)
    return pd.DataFrame(cols, index=pd.Index(nodes, name="industry"))


def core_periphery(graph: nx.Graph | pd.DataFrame) -> pd.DataFrame:
    r"""Core-periphery position from the k-core decomposition.

    The core number :math:`c_i` is the largest :math:`k` such that industry :math:`i` belongs to
    a subgraph in which every node has degree :math:`\ge k` (Seidman 1983; Batagelj & Zaversnik
    2003). The split puts the main core (:math:`c_i = \max_j c_j`) in the ``"core"`` and every
    other industry in the ``"periphery"``. Weights are not used.

    Returns
    -------
    DataFrame
        Indexed by industry; columns ``core_number`` (int) and ``position`` (``"core"`` /
        ``"periphery"``).

    References
    ----------
    Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks*, 5(3),
    269-287.

    Examples
    --------
    A triangle with a tail: the triangle is the 2-core.

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> core_periphery(g)  # doctest: +NORMALIZE_WHITESPACE
              core_number   position
    industry
    a                   2       core
    b                   2       core
    c                   2       core
    d                   1  periphery
    """
    g = _as_graph(graph)
    nodes = list(g.nodes)
    core = nx.core_number(nx.Graph(g.edges)) if g.number_of_edges() else {}
    numbers = np.array([int(core.get(v, 0)) for v in nodes], dtype=np.int64)
    top = numbers.max() if len(numbers) else 0
    position = np.where((numbers == top) & (top > 0), "core", "periphery")
    return pd.DataFrame(
        {"core_number": numbers, "position": position.astype(object)},
        index=pd.Index(nodes, name="industry"),
    )


def communities(
    graph: nx.Graph | pd.DataFrame,
    *,
    method: Literal["louvain", "greedy"] = "louvain",
    seed: int = 0,
    resolution: float = 1.0,
) -> pd.Series:
    """Weighted community detection; deterministic for a given ``seed``.

    ``"louvain"`` is :func:`networkx.community.louvain_communities` (Blondel et al. 2008) with
    the given seed; ``"greedy"`` is Clauset-Newman-Moore greedy modularity maximisation
    (no randomness). Communities are numbered 0, 1, ... by decreasing size, ties by the graph
    position of their first member, so the labels do not depend on set ordering.

    Returns
    -------
    Series of int, indexed by industry, named ``community``.

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding of
    communities in large networks. *J. Stat. Mech.*, P10008.

    Examples
    --------
    Two triangles joined by one weak link.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("a", "b", 1), ("b", "c", 1), ("a", "c", 1),
    ...                            ("d", "e", 1), ("e", "f", 1), ("d", "f", 1),
    ...                            ("c", "d", 0.1)])
    >>> communities(g).tolist()
    [0, 0, 0, 1, 1, 1]
    """
    g = _as_graph(graph)
    nodes = list(g.nodes)
    if method == "louvain":
        parts = nx.community.louvain_communities(g, weight="weight", resolution=resolution,
                                                 seed=seed)
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(g, weight="weight",
                                                           resolution=resolution)
    else:
        raise PanelError(f"method must be 'louvain' or 'greedy'; got {method!r}.")
    pos = {v: k for k, v in enumerate(nodes)}
    parts = sorted((sorted(p, key=pos.__getitem__) for p in parts),
                   key=lambda p: (-len(p), pos[p[0]]))
    label = {v: k for k, p in enumerate(parts) for v in p}
    return pd.Series([label[v] for v in nodes], index=pd.Index(nodes, name="industry"),
                     name="community", dtype=np.int64)


def node_metrics(
    graph: nx.Graph | pd.DataFrame,
    *,
    distance: DistanceRule = "inverse",
    community_method: Literal["louvain", "greedy"] = "louvain",
    seed: int = 0,
) -> pd.DataFrame:
    """All node metrics in one table: :func:`centrality`, :func:`core_periphery` and
    :func:`communities`, joined with the node attributes (label, group, ...).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> nx.set_edge_attributes(g, 1.0, "weight")
    >>> node_metrics(g)[["degree", "betweenness", "core_number", "community"]]
    ... # doctest: +NORMALIZE_WHITESPACE
              degree  betweenness  core_number  community
    industry
    a              1          0.0            1          0
    b              2          1.0            1          0
    c              1          0.0            1          0
    """
    g = _as_graph(graph)
    nodes = list(g.nodes)
    attrs = pd.DataFrame([dict(g.nodes[v]) for v in nodes],
                         index=pd.Index(nodes, name="industry"))
    parts = [attrs, centrality(g, distance=distance), core_periphery(g),
             communities(g, method=community_method, seed=seed).to_frame()]
    return pd.concat(parts, axis=1)


# ---------------------------------------------------------------------------- regional footprint
@dataclass(frozen=True)
class Footprint:
    """A region's position on the industry space (see :func:`regional_footprint`).

    Attributes
    ----------
    region : label
    industries : DataFrame
        One row per industry: ``specialised`` (bool), ``density`` (relatedness density to the
        region's specialisations), the chosen ``centrality`` and ``candidate`` (not
        specialised).
    summary : Series
        ``n_specialised``, ``share_specialised``, ``mean_centrality``, ``coherence``,
        ``mean_candidate_density``, ``linked_pairs`` (network links among the
        specialisations), ``largest_cluster`` (largest connected group of specialisations).
    """

    region: Hashable
    industries: pd.DataFrame
    summary: pd.Series


def _pick_row(
    table: pd.DataFrame | pd.Series, region: Hashable, time: Hashable | None
) -> pd.Series:
    if isinstance(table, pd.Series):
        return table
    if not isinstance(table, pd.DataFrame):
        raise PanelError(
            "specialisation must be a region x industry DataFrame or a Series; got "
            f"{type(table)!r}."
        )
    idx = table.index
    if isinstance(idx, pd.MultiIndex):
        if time is None:
            times = idx.get_level_values(0).unique()
            if len(times) > 1:
                raise PanelError(
                    f"the table has several periods {times.tolist()[:_MAX_SHOWN]}; pass time=."
                )
            time = times[0]
        key = (time, region)
        if key not in idx:
            raise PanelError(f"no row for time {time!r}, region {region!r} in the table.")
        return table.loc[key]
    if region not in idx:
        raise PanelError(f"unknown region {region!r}; the table has {idx.tolist()[:_MAX_SHOWN]}...")
    return table.loc[region]


def _align(row: pd.Series, nodes: pd.Index, what: str) -> np.ndarray:
    missing = [v for v in nodes if v not in row.index]
    if missing:
        raise PanelError(
            f"{len(missing)} industr(y/ies) of the network are missing from the {what}, e.g. "
            f"{missing[:_MAX_SHOWN]}."
        )
    extra = [v for v in row.index if v not in set(nodes)]
    if extra:
        warnings.warn(
            f"{len(extra)} industr(y/ies) of the {what} are not in the network and were left out: "
            f"{extra[:_MAX_SHOWN]}.",
            DroppedDataWarning,
            stacklevel=3,
        )
    vals = pd.to_numeric(row.reindex(nodes), errors="coerce").to_numpy(dtype=np.float64)
    return vals


def regional_footprint(
    network: nx.Graph | pd.DataFrame,
    specialisation: pd.DataFrame | pd.Series,
    *,
    region: Hashable = None,
    time: Hashable | None = None,
    relatedness: pd.DataFrame | None = None,
    density: pd.DataFrame | pd.Series | None = None,
    binary: bool = True,
    threshold: float = 1.0,
    centrality_measure: str = "degree",
    distance: DistanceRule = "inverse",
) -> Footprint:
    r"""A region's specialisations on the industry space and the relatedness around them.

    With :math:`M_{i} \in \{0, 1\}` the region's specialisation in industry :math:`i` and
    :math:`\phi` the relatedness (diagonal ignored):

    * density of industry :math:`i` (Hidalgo et al. 2007):
      :math:`\omega_i = \sum_{j \ne i} M_j \phi_{ij} / \sum_{j \ne i} \phi_{ij}` (0 where the
      denominator is 0);
    * coherence: the mean relatedness over pairs of specialisations,
      :math:`\frac{2}{S(S-1)} \sum_{i<j} M_i M_j \phi_{ij}` with :math:`S = \sum_i M_i`
      (NaN when :math:`S < 2`). The same quantity is called ``footprint_density`` by
      :func:`smartregion.relatedness.regional_network_measures`, whose ``coherence`` is the
      mean relatedness *density* of the specialisations instead;
    * mean centrality: the mean of ``centrality_measure`` (see :func:`centrality`) over the
      specialisations, computed on ``network``.

    Parameters
    ----------
    network : Graph or DataFrame
        The industry space or its backbone (centralities, linked pairs and clusters are taken
        on it), or a square relatedness matrix (then the complete industry space).
    specialisation : DataFrame or Series
        Region x industry table (index region, or (time, region) as the smartregion index
        functions return) or one region's row. 0/1 values with ``binary=True`` (default);
        location quotients with ``binary=False`` (specialised if ``LQ >= threshold``).
    region : label
        Row to use (ignored for a Series).
    time : label, optional
        Period, needed when the table holds several.
    relatedness : DataFrame, optional
        Full relatedness matrix for density and coherence. By default the matrix ``network``
        was given as, or the edge weights of the graph (absent links count as 0) — a backbone
        then gives density on backbone links only.
    density : DataFrame or Series, optional
        Precomputed density (e.g. from ``relatedness_density``) to use instead, same shape as
        ``specialisation``.
    binary : bool, default True
    threshold : float, default 1.0
    centrality_measure : str, default "degree"
        A column of :func:`centrality`.
    distance : {"inverse", "complement", None}, default "inverse"
        Passed to :func:`centrality`.

    Returns
    -------
    Footprint

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science*, 317(5837), 482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[0, .8, .2, 0], [.8, 0, .4, 0], [.2, .4, 0, .5], [0, 0, .5, 0]],
    ...                    index=list("abcd"), columns=list("abcd"))
    >>> m = pd.DataFrame([[1, 1, 0, 0]], index=["R1"], columns=list("abcd"))
    >>> fp = regional_footprint(phi, m, region="R1")
    >>> fp.industries["density"].round(3).tolist()
    [0.8, 0.667, 0.545, 0.0]
    >>> fp.summary[["n_specialised", "coherence", "mean_candidate_density"]].round(3).tolist()
    [2.0, 0.8, 0.273]
    """
    ctx = _footprint_context(network, relatedness, centrality_measure, distance)
    return _footprint(ctx, specialisation, region=region, time=time, density=density,
                      binary=binary, threshold=threshold)


def _footprint_context(
    network: nx.Graph | pd.DataFrame,
    relatedness: pd.DataFrame | None,
    centrality_measure: str,
    distance: DistanceRule,
) -> dict[str, object]:
    """Everything a footprint needs that does not depend on the region."""
    if centrality_measure not in CENTRALITIES:
        raise PanelError(
            f"centrality_measure must be one of {CENTRALITIES}; got {centrality_measure!r}."
        )
    if isinstance(network, nx.Graph):
        graph = _as_graph(network)
        nodes, w_graph = _graph_array(graph)
    else:
        nodes, w_graph = _relatedness_array(network)
        graph = industry_space(network)
    if relatedness is not None:
        rel_nodes, w = _relatedness_array(relatedness)
        missing = [v for v in nodes if v not in set(rel_nodes)]
        if missing:
            raise PanelError(f"industries {missing[:_MAX_SHOWN]} are missing from relatedness.")
        loc = rel_nodes.get_indexer(nodes)
        w = w[np.ix_(loc, loc)]
    else:
        w = w_graph
    cent = centrality(graph, distance=distance, measures=[centrality_measure])
    cvals = cent[centrality_measure].to_numpy(dtype=np.float64)
    return {"graph": graph, "nodes": nodes, "w": w, "cvals": cvals,
            "measure": centrality_measure}


def _footprint(
    ctx: dict[str, object],
    specialisation: pd.DataFrame | pd.Series,
    *,
    region: Hashable,
    time: Hashable | None,
    density: pd.DataFrame | pd.Series | None,
    binary: bool,
    threshold: float,
) -> Footprint:
    graph, nodes, w = ctx["graph"], ctx["nodes"], ctx["w"]
    cvals, centrality_measure = ctx["cvals"], ctx["measure"]
    row = _pick_row(specialisation, region, time)
    vals = _align(row, nodes, "specialisation table")
    if np.isnan(vals).any():
        bad = nodes[np.isnan(vals)].tolist()[:_MAX_SHOWN]
        raise PanelError(f"the specialisation row has missing/non-numeric values for {bad}.")
    if binary:
        if not np.isin(vals, (0.0, 1.0)).all():
            raise PanelError(
                "binary=True but the specialisation row holds values other than 0 and 1; pass "
                "binary=False to threshold location quotients."
            )
        m = vals.astype(bool)
    else:
        m = vals >= threshold
    if density is not None:
        dens = _align(_pick_row(density, region, time), nodes, "density table")
    else:
        den = w.sum(axis=1)
        num = w @ m.astype(np.float64)
        dens = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
    industries = pd.DataFrame(
        {"specialised": m, "density": dens, centrality_measure: cvals, "candidate": ~m},
        index=pd.Index(nodes, name="industry"),
    )
    s = int(m.sum())
    idx = np.flatnonzero(m)
    if s >= 2:
        sub = w[np.ix_(idx, idx)]
        coherence = float(sub[np.triu_indices(s, k=1)].mean())
    else:
        coherence = float("nan")
    spec_nodes = [nodes[k] for k in idx]
    induced = graph.subgraph(spec_nodes)
    largest = max((len(c) for c in nx.connected_components(induced)), default=0)
    summary = pd.Series(
        {
            "n_specialised": float(s),
            "share_specialised": s / len(nodes),
            "mean_centrality": float(cvals[m].mean()) if s else float("nan"),
            "coherence": coherence,
            "mean_candidate_density": float(dens[~m].mean()) if s < len(nodes) else float("nan"),
            "linked_pairs": float(induced.number_of_edges()),
            "largest_cluster": float(largest),
        },
        name=region,
    )
    return Footprint(region=region, industries=industries, summary=summary)


def footprint_table(
    network: nx.Graph | pd.DataFrame,
    specialisation: pd.DataFrame,
    *,
    regions: Iterable[Hashable] | None = None,
    time: Hashable | None = None,
    relatedness: pd.DataFrame | None = None,
    density: pd.DataFrame | None = None,
    binary: bool = True,
    threshold: float = 1.0,
    centrality_measure: str = "degree",
    distance: DistanceRule = "inverse",
) -> pd.DataFrame:
    """The :class:`Footprint` summaries of several regions side by side.

    Parameters
    ----------
    network, specialisation, time, relatedness, density, binary, threshold,
    centrality_measure, distance
        As in :func:`regional_footprint` (centralities are computed once for all regions).
    regions : iterable of labels, optional
        Default: every region of the table (of the chosen period).

    Returns
    -------
    DataFrame
        One row per region, the summary fields as columns.

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[0, .8, .2], [.8, 0, .4], [.2, .4, 0]],
    ...                    index=list("abc"), columns=list("abc"))
    >>> m = pd.DataFrame([[1, 1, 0], [1, 0, 1]], index=["R1", "R2"], columns=list("abc"))
    >>> footprint_table(phi, m)["coherence"].tolist()
    [0.8, 0.2]
    """
    if not isinstance(specialisation, pd.DataFrame):
        raise PanelError("footprint_table needs a region x industry DataFrame.")
    idx = specialisation.index
    if regions is None:
        if isinstance(idx, pd.MultiIndex):
            if time is None:
                times = idx.get_level_values(0).unique()
                if len(times) > 1:
                    raise PanelError(
                        f"the table has several periods {times.tolist()[:_MAX_SHOWN]}; pass time=."
                    )
                time = times[0]
            regions = specialisation.xs(time, level=0).index
        else:
            regions = idx
    ctx = _footprint_context(network, relatedness, centrality_measure, distance)
    rows = [
        _footprint(ctx, specialisation, region=r, time=time, density=density, binary=binary,
                   threshold=threshold).summary
        for r in regions
    ]
    if not rows:
        raise PanelError("no regions to compare.")
    out = pd.DataFrame(rows)
    out.index = pd.Index(list(regions), name="region")
    return out

