"""Tests of smartregion.network: industry space, backbone, node metrics, regional footprint."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartregion.network import (
    Footprint,
    backbone,
    centrality,
    communities,
    core_periphery,
    describe_backbone,
    edge_list,
    footprint_table,
    industry_space,
    maximum_spanning_tree,
    node_metrics,
    regional_footprint,
)
from smartregion.panel import DroppedDataWarning, PanelError, SmartRegionWarning

REF = Path(__file__).parent / "reference" / "network"


def _pairs(graph: nx.Graph) -> set[tuple[str, str]]:
    return {tuple(sorted(e)) for e in graph.edges}


@pytest.fixture(scope="module")
def phi() -> pd.DataFrame:
    return pd.read_csv(REF / "economiccomplexity_200_proximity_product.csv", index_col=0)


def _random_relatedness(n: int, seed: int, zero_share: float = 0.3,
                        blocks: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    w = np.round(rng.random((n, n)), 1)  # rounding creates many ties
    w[rng.random((n, n)) < zero_share] = 0.0
    w = np.triu(w, 1)
    w = w + w.T
    if blocks > 1:  # cut links between blocks -> disconnected industry space
        lab = np.arange(n) % blocks
        w[lab[:, None] != lab[None, :]] = 0.0
    labels = [f"i{k:02d}" for k in range(n)]
    return pd.DataFrame(w, index=labels, columns=labels)


# ---------------------------------------------------------------------------- peers (R)
def test_mst_equals_igraph_prim(phi):
    peer = pd.read_csv(REF / "igraph_maximum_spanning_tree_product.csv")
    tree = maximum_spanning_tree(phi)
    assert _pairs(tree) == {tuple(sorted(p)) for p in zip(peer["from"], peer["to"])}
    assert tree.number_of_edges() == 13
    total = sum(w for _, _, w in tree.edges(data="weight"))
    assert total == pytest.approx(peer["weight"].sum(), abs=1e-9)
    assert total == pytest.approx(6.566667, abs=1e-6)


def _edges_in_every_mst(g: nx.Graph) -> set[tuple]:
    """Edges no tie can swap out: u and v are not joined by other links of weight >= w(u, v)."""
    out = set()
    for u, v, w in g.edges(data="weight"):
        h = nx.Graph()
        h.add_nodes_from(g)
        h.add_edges_from((a, b) for a, b, x in g.edges(data="weight")
                         if x >= w and {a, b} != {u, v})
        if not nx.has_path(h, u, v):
            out.add(tuple(sorted((u, v))))
    return out


def test_kruskal_same_weight_and_unique_edges(phi):
    peer = pd.read_csv(REF / "igraph_maximum_spanning_tree_product.csv")
    tree = maximum_spanning_tree(phi, algorithm="kruskal")
    assert tree.number_of_edges() == 13
    total = sum(w for _, _, w in tree.edges(data="weight"))
    assert total == pytest.approx(peer["weight"].sum(), abs=1e-9)
    must = _edges_in_every_mst(industry_space(phi))
    assert must  # the toy panel has some edges without ties
    assert must <= _pairs(tree)
    assert must <= {tuple(sorted(p)) for p in zip(peer["from"], peer["to"])}


def test_backbone_avg_links_equals_economiccomplexity(phi):
    peer = pd.read_csv(REF / "economiccomplexity_200_projections_product_avglinks4.csv")
    g = backbone(phi, avg_degree=4, step=0.05)
    peer_pairs = {tuple(sorted(p)) for p in zip(peer["from"], peer["to"])}
    assert _pairs(g) == peer_pairs
    ours = {tuple(sorted((a, b))): w for a, b, w in g.edges(data="weight")}
    for a, b, w in zip(peer["from"], peer["to"], peer["weight"]):
        assert ours[tuple(sorted((a, b)))] == pytest.approx(w, abs=1e-12)
    # the peer keeps the non-tree 0.4 links and drops every non-tree 1/3 link:
    assert 1 / 3 <= g.graph["threshold"] < 0.4
    assert g.graph["mean_degree"] == pytest.approx(2 * len(peer) / 14)
    assert g.graph["mean_degree"] <= 4


def test_backbone_contains_tree_and_strong_links(phi):
    g = backbone(phi, threshold=0.45)
    tree = maximum_spanning_tree(phi)
    assert _pairs(tree) <= _pairs(g)
    for a, b, d in g.edges(data=True):
        assert d["mst"] == (tuple(sorted((a, b))) in _pairs(tree))
        if not d["mst"]:
            assert d["weight"] > 0.45
    w = phi.to_numpy()
    labels = list(phi.index)
    strong = {(labels[i], labels[j]) for i in range(14) for j in range(i + 1, 14) if w[i, j] > 0.45}
    assert strong <= _pairs(g)


# ---------------------------------------------------------------------------- graph properties
@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 12), seed=st.integers(0, 10_000), blocks=st.integers(1, 3),
       alg=st.sampled_from(["prim", "kruskal"]))
def test_spanning_forest_properties(n, seed, blocks, alg):
    rel = _random_relatedness(n, seed, blocks=blocks)
    full = industry_space(rel)
    tree = maximum_spanning_tree(rel, algorithm=alg)
    assert set(tree.nodes) == set(full.nodes)
    assert nx.is_forest(tree)
    n_comp = nx.number_connected_components(full)
    assert tree.number_of_edges() == n - n_comp  # n_c - 1 edges per component
    for comp in nx.connected_components(full):
        assert nx.is_connected(tree.subgraph(comp))
    ref = nx.maximum_spanning_tree(full, weight="weight")
    assert sum(w for *_, w in tree.edges(data="weight")) == pytest.approx(
        sum(w for *_, w in ref.edges(data="weight")), abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 12), seed=st.integers(0, 10_000), tau=st.floats(0.0, 1.0),
       target=st.floats(1.0, 6.0))
def test_threshold_and_avg_degree_rules(n, seed, tau, target):
    rel = _random_relatedness(n, seed)
    tree = _pairs(maximum_spanning_tree(rel))
    g = backbone(rel, threshold=tau)
    for a, b, w in g.edges(data="weight"):
        assert tuple(sorted((a, b))) in tree or w > tau
    only = backbone(rel, method="threshold", threshold=tau)
    assert all(w > tau for *_, w in only.edges(data="weight"))
    assert _pairs(backbone(rel, method="mst")) == tree
    if 2 * len(tree) / n <= target:
        g = backbone(rel, avg_degree=target)
        assert g.graph["mean_degree"] <= target
        # the thresholds tried are 0, 0.05, 0.05 + 0.05, ... summed in floating point as in
        # the R loop; the one tried before the chosen one was still too dense
        tried = [0.0]
        while tried[-1] < g.graph["threshold"]:
            tried.append(tried[-1] + 0.05)
        assert tried[-1] == g.graph["threshold"]
        if len(tried) > 1:
            denser = backbone(rel, threshold=tried[-2])
            assert 2 * denser.number_of_edges() / n > target


def test_avg_degree_unreachable_returns_tree_with_warning():
    rel = _random_relatedness(6, 3, zero_share=0.0)
    with pytest.warns(SmartRegionWarning, match="maximum spanning tree"):
        g = backbone(rel, avg_degree=0.5)
    assert _pairs(g) == _pairs(maximum_spanning_tree(rel))
    assert math.isnan(g.graph["threshold"])


@pytest.mark.parametrize("n", [1, 2])
def test_tiny_inputs(n):
    rel = pd.DataFrame(np.full((n, n), 0.7), index=list("ab")[:n], columns=list("ab")[:n])
    g = backbone(rel)
    assert g.number_of_nodes() == n and g.number_of_edges() == n - 1
    m = node_metrics(g)
    assert list(m.index) == list("ab")[:n]
    assert (m["degree"] == (n - 1)).all()
    zero = pd.DataFrame(np.eye(n), index=list("ab")[:n], columns=list("ab")[:n])
    g0 = backbone(zero, avg_degree=4)
    assert g0.number_of_edges() == 0
    assert (node_metrics(g0)["eigenvector"] == 0).all()


def test_graph_input_keeps_attributes(phi):
    attrs = pd.DataFrame({"group": list("AAABBBCCCDDDEE")}, index=phi.index)
    space = industry_space(phi, attributes=attrs)
    g = backbone(space, avg_degree=4)
    assert g.nodes["I04"]["group"] == "B"
    assert g.nodes["I04"]["label"] == "I04"
    assert _pairs(g) == _pairs(backbone(phi, avg_degree=4))
    table = edge_list(g)
    assert list(table.columns) == ["source", "target", "weight", "mst"]
    assert len(table) == g.number_of_edges() and table["mst"].sum() == 13


def test_attributes_missing_industry_is_nan():
    rel = pd.DataFrame([[0, 1], [1, 0]], index=["a", "b"], columns=["a", "b"])
    g = industry_space(rel, attributes=pd.Series({"a": 2.0}, name="size"))
    assert g.nodes["a"]["size"] == 2.0 and math.isnan(g.nodes["b"]["size"])


# ---------------------------------------------------------------------------- input errors
@pytest.mark.parametrize(
    "bad, match",
    [
        (pd.DataFrame(), "empty"),
        (pd.DataFrame(np.zeros((2, 3))), "square"),
        (pd.DataFrame([[0, 1], [1, 0]], index=["a", "b"], columns=["a", "c"]), "same industries"),
        (pd.DataFrame([[0, np.nan], [np.nan, 0]]), "NaN"),
        (pd.DataFrame([[0, 0.5], [0.2, 0]]), "not symmetric"),
        ("not a matrix", "square DataFrame"),
    ],
)
def test_bad_relatedness(bad, match):
    with pytest.raises(PanelError, match=match):
        industry_space(bad)


def test_symmetrise_and_reordered_columns():
    asym = pd.DataFrame([[0, 0.5], [0.2, 0]], index=["a", "b"], columns=["a", "b"])
    assert industry_space(asym, symmetrise="mean").edges["a", "b"]["weight"] == pytest.approx(0.35)
    assert industry_space(asym, symmetrise="max").edges["a", "b"]["weight"] == 0.5
    assert industry_space(asym, symmetrise="min").edges["a", "b"]["weight"] == 0.2
    shuffled = pd.DataFrame([[0.3, 0], [0, 0.3]], index=["a", "b"], columns=["b", "a"])
    assert industry_space(shuffled).edges["a", "b"]["weight"] == 0.3
    with pytest.raises(PanelError, match="directed"):
        backbone(nx.DiGraph([("a", "b")]))
    with pytest.raises(PanelError, match="method"):
        backbone(asym, method="nope", symmetrise="mean")


# ---------------------------------------------------------------------------- metrics by hand
def test_star_metrics_by_hand():
    g = nx.Graph()
    g.add_weighted_edges_from([("c", leaf, 0.5) for leaf in "wxyz"])
    m = centrality(g)
    # centre: on all C(4,2)=6 leaf-leaf shortest paths -> normalised betweenness 1
    assert m.loc["c", "betweenness"] == pytest.approx(1.0)
    assert m.loc["w", "betweenness"] == 0.0
    # distance 1/0.5 = 2: centre sum 4*2 = 8, closeness 4/8; leaf sum 2+3*4 = 14, 4/14
    assert m.loc["c", "closeness"] == pytest.approx(0.5)
    assert m.loc["w", "closeness"] == pytest.approx(4 / 14)
    assert m.loc["c", "strength"] == 2.0 and m.loc["c", "degree"] == 4
    # star K_{1,4}: leading eigenvector (2, 1, 1, 1, 1)/sqrt(8)
    assert m.loc["c", "eigenvector"] == pytest.approx(2 / math.sqrt(8))
    assert m.loc["x", "eigenvector"] == pytest.approx(1 / math.sqrt(8))


def test_path_distances_complement_and_hops():
    g = nx.Graph()
    g.add_weighted_edges_from([("a", "b", 0.8), ("b", "c", 0.6)])
    comp = centrality(g, distance="complement")
    # d(a,b)=0.2, d(b,c)=0.4, d(a,c)=0.6 -> closeness(a) = 2/0.8, (b) = 2/0.6, (c) = 2/1.0
    assert comp["closeness"].tolist() == pytest.approx([2.5, 2 / 0.6, 2.0])
    hops = centrality(g, distance=None)
    assert hops["closeness"].tolist() == pytest.approx([2 / 3, 1.0, 2 / 3])
    with pytest.raises(PanelError, match="complement"):
        h = nx.Graph()
        h.add_edge("a", "b", weight=2.0)
        centrality(h, distance="complement")


def test_disconnected_metrics():
    g = nx.Graph()
    g.add_weighted_edges_from([("a", "b", 1.0), ("b", "c", 1.0), ("d", "e", 1.0)])
    g.add_node("f")
    m = centrality(g)
    # per component: path a-b-c eigenvector (1, sqrt2, 1)/2; pair d-e (1, 1)/sqrt2
    assert m.loc[["a", "b", "c"], "eigenvector"].tolist() == pytest.approx(
        [0.5, math.sqrt(2) / 2, 0.5])
    assert m.loc["d", "eigenvector"] == pytest.approx(1 / math.sqrt(2))
    assert m.loc["f", "eigenvector"] == 0.0 and m.loc["f", "closeness"] == 0.0
    cp = core_periphery(g)
    assert cp.loc["f", "core_number"] == 0 and cp.loc["f", "position"] == "periphery"


def test_core_periphery_triangle_with_tail():
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e")])
    cp = core_periphery(g)
    assert cp["core_number"].tolist() == [2, 2, 2, 1, 1]
    assert cp["position"].tolist() == ["core"] * 3 + ["periphery"] * 2


@pytest.mark.parametrize("method", ["louvain", "greedy"])
def test_communities_two_cliques(method):
    g = nx.Graph()
    for block in ("abcd", "efgh"):
        g.add_weighted_edges_from((x, y, 1.0) for i, x in enumerate(block) for y in block[i + 1:])
    g.add_edge("d", "e", weight=0.05)
    first = communities(g, method=method, seed=7)
    assert first.tolist() == [0] * 4 + [1] * 4
    assert communities(g, method=method, seed=7).equals(first)


def test_node_metrics_deterministic(phi):
    g = backbone(phi, avg_degree=4)
    a, b = node_metrics(g, seed=3), node_metrics(g, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert {"degree", "strength", "betweenness", "closeness", "eigenvector", "core_number",
            "position", "community"} <= set(a.columns)
    assert a["degree"].sum() == 2 * g.number_of_edges()


# ---------------------------------------------------------------------------- footprint
@pytest.fixture
def small():
    labels = list("abcd")
    rel = pd.DataFrame([[1, .8, .2, 0], [.8, 1, .4, 0], [.2, .4, 1, .5], [0, 0, .5, 1]],
                       index=labels, columns=labels)
    m = pd.DataFrame([[1, 1, 0, 0], [1, 0, 1, 1], [0, 0, 0, 0]], index=["R1", "R2", "R3"],
                     columns=labels)
    return rel, m


def test_footprint_by_hand(small):
    rel, m = small
    fp = regional_footprint(rel, m, region="R2")
    assert isinstance(fp, Footprint)
    # density (diagonal ignored): a: (.2+0)/1.0, b: (.8+.4)/1.2, c: (.2+.5)/1.1, d: .5/.5
    assert fp.industries["density"].tolist() == pytest.approx([0.2, 1.0, 0.7 / 1.1, 1.0])
    s = fp.summary
    assert s["n_specialised"] == 3 and s["share_specialised"] == 0.75
    # pairs a-c .2, a-d 0, c-d .5
    assert s["coherence"] == pytest.approx(0.7 / 3)
    assert s["mean_candidate_density"] == pytest.approx(1.0)
    assert s["linked_pairs"] == 2 and s["largest_cluster"] == 3  # a-c, c-d on the full space
    # degrees on the complete space: a 2, c 3, d 1
    assert s["mean_centrality"] == pytest.approx(2.0)


def test_footprint_on_backbone_uses_full_relatedness(small):
    rel, m = small
    bb = backbone(rel, method="mst")  # a-b, b-c, c-d
    fp = regional_footprint(bb, m, region="R2", relatedness=rel)
    assert fp.summary["coherence"] == pytest.approx(0.7 / 3)
    assert fp.summary["linked_pairs"] == 1 and fp.summary["largest_cluster"] == 2
    on_edges = regional_footprint(bb, m, region="R2")  # a-c is not a backbone link
    assert on_edges.summary["coherence"] == pytest.approx(0.5 / 3)


def test_footprint_inputs(small):
    rel, m = small
    lq = m * 2.0 + 0.5  # 2.5 where specialised, 0.5 elsewhere
    a = regional_footprint(rel, lq, region="R1", binary=False)
    b = regional_footprint(rel, m, region="R1")
    pd.testing.assert_frame_equal(a.industries, b.industries)
    with pytest.raises(PanelError, match="binary=False"):
        regional_footprint(rel, lq, region="R1")
    timed = pd.concat({2015: m, 2020: m.iloc[::-1].set_axis(m.index)}, names=["time", "region"])
    with pytest.raises(PanelError, match="time="):
        regional_footprint(rel, timed, region="R1")
    fp = regional_footprint(rel, timed, region="R1", time=2020)
    assert fp.summary["n_specialised"] == 0 and math.isnan(fp.summary["coherence"])
    with pytest.raises(PanelError, match="missing"):
        regional_footprint(rel, m.drop(columns="d"), region="R1")
    with pytest.warns(DroppedDataWarning, match="left out"):
        regional_footprint(rel, m.assign(z=1), region="R1")
    dens = pd.DataFrame(0.5, index=m.index, columns=m.columns)
    assert (regional_footprint(rel, m, region="R1", density=dens).industries["density"]
            == 0.5).all()
    with pytest.raises(PanelError, match="unknown region"):
        regional_footprint(rel, m, region="R9")


def test_footprint_table(small):
    rel, m = small
    table = footprint_table(rel, m)
    assert list(table.index) == ["R1", "R2", "R3"]
    assert table.loc["R1", "coherence"] == pytest.approx(0.8)
    assert table.loc["R2", "coherence"] == pytest.approx(0.7 / 3)
    assert table.loc["R3", "n_specialised"] == 0
    assert table.loc["R1"].equals(regional_footprint(rel, m, region="R1").summary.rename("R1"))


def test_eigenvector_matches_networkx_on_a_large_component():
    rel = _random_relatedness(90, 11, zero_share=0.5)
    g = industry_space(rel)
    assert nx.is_connected(g) and g.number_of_nodes() > 64  # exercises the sparse solver
    ours = centrality(g, measures=["eigenvector"])["eigenvector"]
    ref = nx.eigenvector_centrality_numpy(g, weight="weight")
    assert ours.to_numpy() == pytest.approx([ref[v] for v in g.nodes], abs=1e-10)
    with pytest.raises(PanelError, match="unknown centrality"):
        centrality(g, measures=["pagerank"])


def test_backbone_records_the_rule_it_used():
    # four industries; MST = {a-b .9, b-c .7, c-d .3}; extra links above tau: a-c .6
    phi = pd.DataFrame([[0, .9, .6, .1], [.9, 0, .7, .2], [.6, .7, 0, .3], [.1, .2, .3, 0]],
                       index=list("abcd"), columns=list("abcd"))
    fixed = backbone(phi, threshold=0.55)
    assert fixed.graph["rule"] == ("Backbone: maximum spanning tree + links with relatedness > "
                                   "0.55, fixed threshold (4 nodes, 4 links, mean degree 2).")
    # target mean degree 1.5 (<= 3 links): tau must rise until a-c (.6) drops out
    adaptive = backbone(phi, avg_degree=1.5)
    assert "mean degree <= 1.5" in adaptive.graph["rule"] and "3 links" in adaptive.graph["rule"]
    tree = backbone(phi, method="mst")
    assert tree.graph["rule"].startswith("Backbone: maximum spanning tree only")
    assert describe_backbone(adaptive) == adaptive.graph["rule"]
