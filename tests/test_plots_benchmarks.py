"""Relatedness-pair scatter, churn against noise bands, centrality on a named graph."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba

from smartregion.plots import (
    PALETTE,
    Source,
    churn_benchmark_plot,
    group_centrality_plot,
    relatedness_pairs_scatter,
)

SRC = Source("hand-made table", "2014", "computed")


def _png(fig) -> bytes:
    buf = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buf, format="png", dpi=60, metadata={"Software": None})
    return buf.getvalue()


def _pairs() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    x, y = rng.random(15), rng.normal(0, 0.2, 15)
    return pd.DataFrame({"x": x, "y": y, "label": [f"p{k}" for k in range(15)]})


def test_pairs_scatter_names_the_extremes():
    d = _pairs()
    fig = relatedness_pairs_scatter(d, x="x", y="y", n_label=2, xlabel="X (0-1)",
                                    ylabel="Y", title="t", source=SRC)
    texts = {t.get_text() for t in fig.axes[0].texts}
    want = set(d.nlargest(2, "x")["label"]) | set(d.nlargest(2, "y")["label"]) \
        | set(d.nsmallest(2, "y")["label"])
    assert texts == want
    offsets = fig.axes[0].collections[0].get_offsets()
    np.testing.assert_allclose(np.asarray(offsets)[:, 0], d["x"])
    assert _png(fig) == _png(relatedness_pairs_scatter(
        d, x="x", y="y", n_label=2, xlabel="X (0-1)", ylabel="Y", title="t", source=SRC))


def test_pairs_scatter_bad_column():
    with pytest.raises(ValueError, match="no column 'z'"):
        relatedness_pairs_scatter(_pairs(), x="z", y="y", xlabel="", ylabel="", title="",
                                  source=SRC)


def _churn() -> pd.DataFrame:
    return pd.DataFrame({"observed_churn": [0.01, 0.1, 0.2],
                         "lo1": [0.0, 0.0, 0.0], "hi1": [0.0, 0.01, 0.02],
                         "lo2": [0.02, 0.05, 0.04], "hi2": [0.09, 0.15, 0.18]},
                        index=["ky", "b", "c"])


def test_churn_benchmark_plot_draws_bands_and_highlight():
    t = _churn()
    fig = churn_benchmark_plot(t, highlight="ky", labels=["Kyoto", "B", "C"],
                               bands={"persons": ("lo1", "hi1"), "plants": ("lo2", "hi2")},
                               xlabel="churn (ratio)", title="t", source=SRC)
    ax = fig.axes[0]
    lines = [c for c in ax.collections if c.__class__.__name__ == "LineCollection"]
    assert len(lines) == 2
    segs = lines[1].get_segments()
    assert [tuple(np.round(s[:, 0], 3)) for s in segs] == [(0.02, 0.09), (0.05, 0.15),
                                                           (0.04, 0.18)]
    dots = ax.collections[-1]
    assert tuple(dots.get_facecolors()[0]) == to_rgba(PALETTE["highlight"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kyoto", "B", "C"]
    assert ax.get_yticklabels()[0].get_color() == PALETTE["highlight"]
    assert ax.get_xlim()[0] < 0  # a band of zero width at 0 stays visible
    with pytest.raises(ValueError, match="labels"):
        churn_benchmark_plot(t, labels=["a"], bands={}, xlabel="", title="", source=SRC)


def test_centrality_plot_names_its_graph():
    rng = np.random.default_rng(1)
    idx = [f"i{k}" for k in range(20)]
    pct = pd.DataFrame(rng.random((20, 2)), index=idx, columns=["strength", "eigenvector"])
    grp = pd.Series([k < 5 for k in range(20)], index=idx)
    top = pd.DataFrame({"lq_region": [0.5, 1.2], "specialised_region": [False, True],
                        "name": ["a", "b"]}, index=idx[:2])
    fig = group_centrality_plot(
        pct, grp, grp & False, top, xlabel="Centrality measure on the full graph",
        measures=["strength", "eigenvector"], rng=np.random.default_rng(0), ylabel="pct",
        title="t", top_xlabel="LQ", top_title="tt", source=SRC)
    assert fig.axes[0].get_xlabel() == "Centrality measure on the full graph"
    default = group_centrality_plot(
        pct, grp, grp & False, top, measures=["strength", "eigenvector"],
        rng=np.random.default_rng(0), ylabel="pct", title="t", top_xlabel="LQ", top_title="tt",
        source=SRC)
    assert default.axes[0].get_xlabel() == "Centrality measure on the backbone"
