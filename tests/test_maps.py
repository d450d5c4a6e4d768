"""The maps module: checked joins, clear errors, scales, and byte-identical PNGs.

Boundaries are three unit squares built here (ids "01", "02", "03"), so every expected count,
id and class bound is worked out by hand.
"""

from __future__ import annotations

import hashlib
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from smartregion.plots import Source, source_text
from smartregion.plots.maps import (
    MapJoinError,
    check_boundaries,
    choropleth,
    join_values,
    locator_map,
    map_source,
    read_boundaries,
)
from smartregion.outputs import OutputWriter


@pytest.fixture
def squares():
    return gpd.GeoDataFrame({"region_id": ["01", "02", "03"], "name": ["Aa", "Bb", "Cc"]},
                            geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)],
                            crs="EPSG:4326")


def test_join_every_id_matched_or_reported(squares):
    j = join_values(squares, pd.Series({"02": 2.0, "01": 1.0}))
    assert j.matched == ["01", "02"] and j.no_data == ["03"] and j.dropped == []
    assert j.frame["value"].tolist()[:2] == [1.0, 2.0] and np.isnan(j.frame["value"].iloc[2])
    assert j.report() == {"n_matched": 2, "n_no_data": 1, "no_data": ["03"], "n_dropped": 0,
                          "dropped": []}


def test_missing_value_is_no_data_not_zero(squares):
    j = join_values(squares, pd.Series({"01": 1.0, "02": np.nan, "03": 0.0}))
    assert j.no_data == ["02"] and j.matched == ["01", "03"]


def test_unmatched_ids_named_on_both_sides(squares):
    with pytest.raises(MapJoinError) as err:
        join_values(squares, pd.Series({"01": 1.0, "99": 2.0, "98": 3.0}))
    msg = str(err.value)
    assert "['99', '98']" in msg and "Polygons without data: ['02', '03']" in msg
    assert "drop_unmatched=True" in msg


def test_lost_leading_zeros_are_hinted(squares):
    with pytest.raises(MapJoinError, match="zero-padding to 2 characters.*'1' -> '01'"):
        join_values(squares, pd.Series({"1": 1.0, "2": 2.0}))


def test_numeric_ids_are_refused(squares):
    with pytest.raises(MapJoinError, match="not text"):
        join_values(squares, pd.Series({1: 1.0, 2: 2.0}))


def test_drop_unmatched_counts_and_warns(squares):
    with pytest.warns(UserWarning, match=r"1 region ids without a polygon.*\['99'\]"):
        j = join_values(squares, pd.Series({"01": 1.0, "99": 2.0}), drop_unmatched=True)
    assert j.dropped == ["99"] and j.report()["n_dropped"] == 1


def test_require_all_makes_no_data_an_error(squares):
    with pytest.raises(MapJoinError, match=r"1 polygons .* no value: \['03'\]"):
        join_values(squares, pd.Series({"01": 1.0, "02": 2.0}), require_all=True)


def test_no_crs_is_an_error(squares):
    with pytest.raises(MapJoinError, match="no coordinate reference system"):
        join_values(squares.set_crs(None, allow_override=True), pd.Series({"01": 1.0}))


def test_invalid_geometry_is_an_error_naming_the_region(squares):
    bad = squares.copy()
    bad.loc[1, "geometry"] = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])  # bow tie
    with pytest.raises(MapJoinError, match=r"regions \['02'\] have invalid geometries"):
        check_boundaries(bad, "region_id")


def test_duplicate_and_missing_id_column(squares):
    dup = squares.assign(region_id=["01", "01", "03"])
    with pytest.raises(MapJoinError, match=r"\['01'\] appear more than once"):
        check_boundaries(dup, "region_id")
    with pytest.raises(MapJoinError, match="no id column 'code'"):
        check_boundaries(squares, "code")


def test_map_source_appends_the_boundary_credit():
    s = map_source(Source("Census", "2014", "computed", "LQ."), "jp_boundaries")
    assert s.note.startswith("LQ. Boundaries: MLIT National Land Numerical Information")
    assert "processed" in s.note


def test_binned_legend_counts_and_no_data_entry(squares):
    fig = choropleth(squares, pd.Series({"01": 1.0, "02": 3.0}), kind="binned",
                     scheme="equal_interval", k=2, name_col="name",
                     source=Source("Toy", "2020", "illustrative"), boundary_credit="toy shapes")
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    # equal intervals over [1, 3] with k = 2: bounds 2 and 3, one region in each
    assert texts == ["1.00 to 2.00 (1)", "2.00 to 3.00 (1)", "no data (1): Cc"]
    assert source_text(fig).endswith("Boundaries: toy shapes.")
    assert fig.map_join.no_data == ["03"]


def test_random_schemes_are_refused(squares):
    with pytest.raises(ValueError, match="random"):
        choropleth(squares, pd.Series({"01": 1.0, "02": 3.0, "03": 2.0}),
                   scheme="natural_breaks", k=2)


def test_log2_scale_is_centred_at_lq_one_and_clipped(squares):
    fig = choropleth(squares, pd.Series({"01": 0.0, "02": 1.0, "03": 64.0}), kind="log2",
                     log2_limit=4)
    cbar_ax = fig.axes[1]
    labels = [t.get_text() for t in cbar_ax.get_yticklabels()]
    assert labels == ["1/16", "1/8", "1/4", "1/2", "1", "2", "4", "8", "16"]
    assert fig.axes[0].collections[0].norm.vcenter == 0.0


def test_highlight_unknown_region_is_an_error(squares):
    with pytest.raises(MapJoinError, match=r"\['77'\]"):
        choropleth(squares, pd.Series({"01": 1.0}), highlight="77")
    with pytest.raises(MapJoinError, match=r"\['77'\]"):
        locator_map(squares, "77")


def _png(tmp_path, name, build):
    out = OutputWriter(tmp_path / name, notebook="00_test")
    path = out.figure(build(), "map")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_png_is_byte_identical_on_rerun(squares, tmp_path):
    def build():
        return choropleth(squares, pd.Series({"01": 0.5, "02": 2.0, "03": 1.0}), kind="log2",
                          highlight="02", name_col="name", title="Toy LQ map",
                          labels={"01": "Aa", "03": "Cc"}, adjust_labels=True,
                          move={"03": (0.5, 1.0)},
                          source=Source("Toy", "2020", "illustrative"),
                          boundary_credit="toy shapes")

    assert _png(tmp_path, "a", build) == _png(tmp_path, "b", build)


def test_read_boundaries_ids_as_text(squares, tmp_path):
    path = tmp_path / "sq.geojson"
    squares.to_file(path, driver="GeoJSON")
    gdf = read_boundaries(path, "region_id")
    assert gdf["region_id"].tolist() == ["01", "02", "03"]
    numeric = squares.assign(code=[1, 2, 3])
    numeric.to_file(tmp_path / "num.geojson", driver="GeoJSON")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gdf = read_boundaries(tmp_path / "num.geojson", "code")
    assert gdf["code"].tolist() == ["1", "2", "3"]
    assert any("stored as numbers" in str(w.message) for w in caught)
    with pytest.raises(MapJoinError, match="no column 'id'"):
        read_boundaries(path, "id")


def test_user_defined_classes_and_one_outline_for_a_group(squares):
    fig = choropleth(squares, pd.Series({"01": -20.0, "02": 5.0, "03": 40.0}), kind="binned",
                     scheme="user_defined", scheme_kwargs={"bins": [-10, 0, 10, 40]},
                     fmt="{:+.0f}", highlight=["01", "02"], highlight_label="A and B")
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts == ["-20 to -10 (1)", "-10 to +0 (0)", "+0 to +10 (1)", "+10 to +40 (1)"]
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["A and B"]  # one label for the union, not one per square
    outline = fig.axes[0].collections[-1]
    assert len(outline.get_paths()) == 1  # the two squares outlined as one polygon


def test_locator_map_fills_the_highlight(squares):
    fig = locator_map(squares, "02", name_col="name", title="Where Bb is",
                      source=Source("Toy", "2020", "illustrative"), boundary_credit="toy")
    assert [t.get_text() for t in fig.axes[0].texts] == ["Bb"]
    assert source_text(fig).endswith("Boundaries: toy.")
