"""``smartregion maps`` and :func:`smartregion.maps.panel_maps` on small files written here.

The example panel's 30 regions are drawn on the illustrative squares of
``data/example/example_boundaries.geojson``; the error cases rename, drop or strip parts of a
copy of that file so that the expected ids are known.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from smartregion import Panel
from smartregion.cli import main
from smartregion.plots import Source
from smartregion.plots.maps import MapJoinError, panel_maps

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"
PANEL = EXAMPLE / "example_panel.csv"
HIER = EXAMPLE / "example_hierarchy.csv"
BOUNDS = EXAMPLE / "example_boundaries.geojson"


def _run(tmp_path, bounds, *extra):
    return main(["maps", str(PANEL), "--hierarchy", str(HIER), "--boundaries", str(bounds),
                 "--id-column", "region", "-o", str(tmp_path), *extra])


def test_example_boundaries_match_the_example_panel():
    regions = set(pd.read_csv(PANEL, dtype=str)["region"])
    gdf = gpd.read_file(BOUNDS)
    assert set(gdf["region"]) == regions and len(gdf) == 30


def test_maps_command_draws_every_map_and_reports_the_join(tmp_path, capsys):
    assert _run(tmp_path / "a", BOUNDS, "--highlight", "Example City") == 0
    text = capsys.readouterr().out
    for name in ("lq", "eci", "variety"):
        assert (tmp_path / "a" / "figures" / f"map_{name}.png").is_file()
    assert "30 regions matched; 0 polygons without data []; 0 regions dropped []." in text


def test_maps_command_png_byte_identical_on_rerun(tmp_path, capsys):
    digests = []
    for run in ("a", "b"):
        assert _run(tmp_path / run, BOUNDS, "--highlight", "Example City") == 0
        digests.append(hashlib.sha256(
            (tmp_path / run / "figures" / "map_lq.png").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def _renamed(tmp_path):
    gdf = gpd.read_file(BOUNDS)
    gdf.loc[gdf["region"] == "Region 05", "region"] = "Region 5"
    path = tmp_path / "renamed.geojson"
    gdf.to_file(path, driver="GeoJSON")
    return path


def test_maps_command_names_unmatched_ids_on_both_sides(tmp_path, capsys):
    assert _run(tmp_path / "out", _renamed(tmp_path)) == 1
    err = capsys.readouterr().err
    assert "1 region ids of the data have no polygon" in err
    assert "['Region 05']" in err and "Polygons without data: ['Region 5']" in err


def test_maps_command_drop_unmatched_counts_the_dropped(tmp_path, capsys):
    with pytest.warns(UserWarning, match="Region 05"):
        assert _run(tmp_path / "out", _renamed(tmp_path), "--drop-unmatched") == 0
    out = capsys.readouterr().out
    assert "29 regions matched; 1 polygons without data ['Region 5']; 1 regions dropped " \
           "['Region 05']." in out


@pytest.mark.filterwarnings("ignore:.crs. was not provided")
def test_maps_command_refuses_a_file_without_crs(tmp_path, capsys):
    gdf = gpd.read_file(BOUNDS).set_crs(None, allow_override=True)
    path = tmp_path / "nocrs.gpkg"
    gdf.to_file(path, driver="GPKG")
    assert gpd.read_file(path).crs is None
    assert _run(tmp_path / "out", path) == 1
    assert "no coordinate reference system" in capsys.readouterr().err


def test_maps_command_unknown_id_column(tmp_path, capsys):
    assert main(["maps", str(PANEL), "--boundaries", str(BOUNDS), "--id-column", "code", "-o",
                 str(tmp_path)]) == 1
    assert "no column 'code'" in capsys.readouterr().err


def test_panel_maps_lq_of_the_regions_top_industry():
    # A: (8, 2) B: (2, 8) C: (5, 5); totals 15 and 15, so LQ_A = (0.8 / 0.5, 0.2 / 0.5)
    wide = pd.DataFrame({"i1": [8.0, 2.0, 5.0], "i2": [2.0, 8.0, 5.0]}, index=["A", "B", "C"])
    panel = Panel.from_wide(wide)
    bounds = gpd.GeoDataFrame({"id": ["A", "B", "C", "D"]},
                              geometry=[box(k, 0, k + 1, 1) for k in range(4)], crs="EPSG:4326")
    maps = panel_maps(panel, bounds, id_col="id", source=Source("Toy", "2020", "illustrative"),
                      boundary_credit="toy squares", region="A")
    assert maps.industry == "i1"
    assert maps.join.no_data == ["D"] and maps.join.matched == ["A", "B", "C"]
    assert maps.join.frame.set_index("id")["value"].round(6).to_dict() == pytest.approx(
        {"A": 1.6, "B": 0.4, "C": 1.0, "D": float("nan")}, nan_ok=True)
    assert set(maps.figures) == {"lq", "eci"} and "variety" in maps.skipped
    with pytest.raises(MapJoinError, match=r"\['C'\]"):
        panel_maps(panel, bounds.iloc[[0, 1, 3]], id_col="id",
                   source=Source("Toy", "2020", "illustrative"), boundary_credit="toy")
