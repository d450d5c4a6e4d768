"""The house style: source lines, the saved metadata, break marks, label placement, colours."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from smartregion.outputs import OutputWriter
from smartregion.plots.style import (
    PALETTE,
    Source,
    add_source,
    color_for,
    crosses_break,
    figure_title,
    mark_break,
    place_labels,
    source_text,
)


def _fig(layout: str | None = "constrained") -> Figure:
    fig = Figure(figsize=(5, 3), layout=layout)
    ax = fig.add_subplot()
    ax.plot([2004, 2012], [1, 2])
    ax.set_title("Employment, 2004-2012")
    return fig


def test_source_line_format_and_kinds():
    assert Source("NZ census", "1976-2013").text() == "Source: NZ census, 1976-2013; computed."
    assert Source("KRP report.", "", "quoted", "secondary").text() == (
        "Source: KRP report; quoted. secondary")
    with pytest.raises(ValueError, match="kind"):
        Source("x", "2014", "estimated")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        Source(" ", "2014")


@pytest.mark.parametrize("layout", ["constrained", None])
def test_source_line_read_back_and_replaced(layout):
    fig = _fig(layout)
    assert source_text(fig) is None
    add_source(fig, Source("A", "2014"))
    add_source(fig, Source("B", "2014", "quoted"))
    assert source_text(fig) == "Source: B, 2014; quoted."
    assert figure_title(fig) == "Employment, 2004-2012"


def test_long_source_line_is_wrapped_but_read_back_whole():
    fig = _fig()
    long = Source("METI Census of Manufactures, municipal tables", "2004-2012", "computed",
                  "persons engaged in 20 harmonised groups; " * 6)
    art = add_source(fig, long)
    assert "\n" in art.get_text()
    assert source_text(fig) == " ".join(long.text().split())


def test_writer_refuses_a_figure_without_source(tmp_path):
    out = OutputWriter(tmp_path, notebook="00_t")
    with pytest.raises(ValueError, match="no source line"):
        out.figure(_fig(), "nosource")
    fig = _fig()
    add_source(fig, "Source: somewhere, 2014.")
    with pytest.raises(ValueError, match="computed, quoted"):
        out.figure(fig, "vague")


def test_writer_stores_title_and_source_in_the_files(tmp_path):
    out = OutputWriter(tmp_path, notebook="00_t")
    fig = _fig()
    add_source(fig, Source("Kyoto City statistics", "2012", "computed"))
    png = out.figure(fig, "ok", section="2.1")
    with Image.open(png) as im:
        assert im.text["Source"] == "Source: Kyoto City statistics, 2012; computed."
        assert im.text["Title"] == "Employment, 2004-2012"
        assert "Software" not in im.text
    assert b"Kyoto City statistics" in png.with_suffix(".pdf").read_bytes()
    row = out.manifest[-1]
    assert row["title"] == "Employment, 2004-2012" and row["section"] == "2.1"
    again = out.figure(fig, "ok2")
    assert again.read_bytes() == png.read_bytes()


def test_break_marked_only_inside_the_axis():
    fig = _fig()
    ax = fig.axes[0]
    n = len(ax.lines)
    mark_break(ax)
    assert len(ax.lines) == n + 1
    fig2 = Figure()
    ax2 = fig2.add_subplot()
    ax2.plot([2004, 2010], [1, 2])
    mark_break(ax2)
    assert len(ax2.lines) == 1
    assert crosses_break([2010, 2012]) and not crosses_break([2011, 2012])


def _overlaps(texts, renderer) -> int:
    boxes = [t.get_window_extent(renderer) for t in texts]
    return sum(a.overlaps(b) for k, a in enumerate(boxes) for b in boxes[k + 1:])


def test_labels_are_separated_and_reproducible():
    def draw():
        fig = Figure(figsize=(4, 3))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        rng = np.random.default_rng(0)
        x, y = rng.normal(size=12) * 0.05, rng.normal(size=12) * 0.05
        sc = ax.scatter(x, y)
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1, 1)
        texts = place_labels(ax, x, y, [f"industry {k}" for k in range(12)], avoid=sc)
        renderer = fig.canvas.get_renderer()
        return [t.get_position() for t in texts], _overlaps(texts, renderer), texts, renderer

    pos1, n1, texts, renderer = draw()
    pos2, _, _, _ = draw()
    assert pos1 == pos2
    assert n1 == 0
    ax_box = texts[0].axes.get_window_extent(renderer)
    for t in texts:
        bb = t.get_window_extent(renderer)
        assert ax_box.x0 - 1 <= bb.x0 and bb.x1 <= ax_box.x1 + 1


def test_palette_is_case_insensitive_and_defaults():
    assert color_for("KYOTO") == PALETTE["Kyoto"]
    assert color_for("unknown place") == PALETTE["base"]
    assert len({PALETTE["related variety"], PALETTE["unrelated variety"]}) == 2


def test_network_groups_with_house_colours_keep_them():
    import networkx as nx

    from smartregion.plots.networks import _node_colors

    g = nx.Graph()
    g.add_nodes_from([(1, {"t": "basic materials"}), (2, {"t": "processing and assembly"}),
                      (3, {"t": "daily-life related"})])
    cols, lut, _ = _node_colors(g, [1, 2, 3], "t")
    assert cols == [PALETTE["basic materials"], PALETTE["processing and assembly"],
                    PALETTE["daily-life related"]]
    g.add_node(4, t="something else")
    cols, lut, _ = _node_colors(g, [1, 2, 3, 4], "t")
    assert len(set(cols)) == 4 and PALETTE["basic materials"] not in cols


def test_space_legend_lists_only_groups_shown_by_highlighted_nodes():
    import networkx as nx

    from smartregion.plots import industry_space_plot

    g = nx.path_graph(6)
    for v in g.nodes:
        g.nodes[v]["group"] = "A" if v < 3 else "B"
        g.nodes[v]["size"] = 1.0 + v
    for a, b in g.edges:
        g.edges[a, b]["weight"] = 0.5
    fig = industry_space_plot(g, seed=0, highlight=[0, 1], labels=False)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["A"]
    fig = industry_space_plot(g, seed=0, labels=False)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["A", "B"]


def test_break_label_stays_inside_near_the_right_edge():
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([2001, 2012], [1, 2])
    ax.set_xlim(2000.5, 2012.5)  # 2011 in the right 30%: label left of the line
    mark_break(ax)
    assert ax.texts[-1].get_ha() == "right"
    fig2 = Figure()
    ax2 = fig2.add_subplot()
    ax2.plot([2004, 2020], [1, 2])
    mark_break(ax2)
    assert ax2.texts[-1].get_ha() == "left"


def test_old_figstyle_module_reexports_the_style():
    import smartregion.figstyle as old
    from smartregion import plots
    from smartregion.plots import style

    assert old.__all__ and set(old.__all__) <= set(plots.__all__)
    for name in old.__all__:
        assert getattr(old, name) is getattr(style, name) is getattr(plots, name)
