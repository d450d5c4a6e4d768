"""Boundary loaders (jp_boundaries, cn_shenzhen_boundaries, cn_atlas) and the TopoJSON decoder.

The decoder is tested on topologies written by hand (coordinates worked out on paper) and, on
the real atlas, against GDAL's own TopoJSON reader. The loader tests assert facts stated by the
publishers or by other sources: 47 prefectures in JIS order, Kyoto's 36 municipalities with the
wards 26101-26111, Kyoto prefecture ≈ 4,641 km² and Kyoto City ≈ 828.6 km² from the simplified
polygons (official 4,612 and 827.8), Shenzhen's nine adcodes, Dapeng inside Longgang (the
polygon's area against the 2016 yearbook's land areas), five self-intersecting geometries per
atlas layer.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from shapely.geometry import MultiPolygon, Polygon

from smartregion.datasets.boundaries import (
    decode_arcs,
    load_cn_atlas,
    load_cn_shenzhen_boundaries,
    load_jp_boundaries,
    repair_geometries,
    topojson_layer,
)

#: an equal-area projection centred on Kyoto (areas in m²)
AEA_JP = "+proj=aea +lat_1=33 +lat_2=43 +lat_0=35 +lon_0=136 +ellps=GRS80"
AEA_SZ = "+proj=aea +lat_1=22 +lat_2=23 +lat_0=22.5 +lon_0=114 +ellps=GRS80"


# ------------------------------------------------------------------------ decoder, no data


def test_decode_arcs_delta_and_transform_by_hand():
    # positions (2,3), (2+1, 3+0), (3+0, 3-2) -> x*0.5+10, y*2+100
    got = decode_arcs([[[2, 3], [1, 0], [0, -2]]], {"scale": [0.5, 2], "translate": [10, 100]})
    assert got[0].tolist() == [[11.0, 106.0], [11.5, 106.0], [11.5, 102.0]]


def test_decode_arcs_without_transform_keeps_coordinates():
    got = decode_arcs([[[1.5, 2.5, 9.0], [3.0, 4.0, 9.0]]])
    assert got[0].tolist() == [[1.5, 2.5], [3.0, 4.0]]


def test_decode_arcs_rejects_a_one_point_arc():
    with pytest.raises(ValueError, match="arc 0"):
        decode_arcs([[[1, 2]]])


def _two_squares() -> dict:
    """Unit squares A = [0,1]x[0,1] and B = [1,2]x[0,1] sharing the edge x = 1.

    Arc 0: shared edge (1,0)->(1,1); arc 1: rest of A (1,1)->(0,1)->(0,0)->(1,0);
    arc 2: rest of B (1,0)->(2,0)->(2,1)->(1,1). Quantised with scale 1 and translate 0,
    so each arc is written as a start and differences.
    """
    return {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[1, 0], [0, 1]],
                 [[1, 1], [-1, 0], [0, -1], [1, 0]],
                 [[1, 0], [1, 0], [0, 1], [-1, 0]]],
        "objects": {"squares": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"code": "01"}},
            {"type": "Polygon", "arcs": [[2, ~0]], "properties": {"code": "02"}},
            {"type": "MultiPolygon", "arcs": [[[0, 1]], [[2, ~0]]], "id": "AB",
             "properties": {"code": "03"}},
        ]}},
    }


def test_topojson_layer_shared_and_reversed_arcs():
    gdf = topojson_layer(_two_squares(), "squares")
    assert gdf["code"].tolist() == ["01", "02", "03"]
    assert gdf.crs.to_epsg() == 4326
    a, b, ab = gdf.geometry
    assert a.equals(Polygon([(0, 0), (1, 0), (1, 1), (0, 1)]))
    assert b.equals(Polygon([(1, 0), (2, 0), (2, 1), (1, 1)]))
    assert isinstance(ab, MultiPolygon) and ab.area == 2.0
    assert list(b.exterior.coords) == [(1, 0), (2, 0), (2, 1), (1, 1), (1, 0)]
    assert gdf["topojson_id"].tolist()[2] == "AB"


def test_topojson_layer_unknown_layer_and_not_a_topology():
    with pytest.raises(KeyError, match="squares"):
        topojson_layer(_two_squares(), "nope")
    with pytest.raises(ValueError, match="not a TopoJSON"):
        topojson_layer({"type": "FeatureCollection"}, "x")


def test_repair_geometries_counts_and_fixes_a_bow_tie():
    import geopandas as gpd

    bow = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    ok = Polygon([(0, 0), (1, 0), (1, 1)])
    gdf = gpd.GeoDataFrame({"region_id": ["a", "b"]}, geometry=[bow, ok], crs="EPSG:4326")
    fixed, ids = repair_geometries(gdf)
    assert ids == ["a"]
    assert fixed.geometry.is_valid.all()
    assert fixed.geometry.iloc[0].area == pytest.approx(0.5)  # two triangles of 1/4
    assert not gdf.geometry.iloc[0].is_valid  # the input is left as it was


# ------------------------------------------------------------------------------ real data


@pytest.fixture(scope="module")
def jp(load_or_skip):
    return load_or_skip(load_jp_boundaries, "MLIT N03 boundaries")


def test_jp_prefectures_jis_order(jp):
    p = jp.tables["prefectures"]
    assert len(p) == 47
    assert p["region_id"].tolist() == [f"{i:02d}" for i in range(1, 48)]
    assert str(p["region_id"].dtype) == "string"
    got = dict(zip(p["region_id"], p["name_ja"]))
    assert (got["01"], got["13"], got["26"], got["47"]) == ("北海道", "東京都", "京都府", "沖縄県")
    assert p.crs.to_epsg() == 4326
    assert jp.report["prefectures_made_valid"] == []


def test_jp_prefecture_english_names_match_the_census(jp, load_or_skip):
    from smartregion.datasets.jp_census import load_jp_economic_census_2014

    census = load_or_skip(load_jp_economic_census_2014, "2014 Economic Census")
    areas = census.tables["areas"]
    prefs = areas[areas["kind"] == "prefecture"]
    p = jp.tables["prefectures"].set_index("region_id")["name_en"]
    assert {c: p[c] for c in prefs["prefecture_code"]} == dict(
        zip(prefs["prefecture_code"], prefs["AreaName"]))
    assert len(prefs) == 42


def test_kyoto_municipalities_and_wards(jp):
    m = jp.tables["kyoto_municipalities"]
    assert len(m) == 36 and m["region_id"].is_unique
    wards = m[m["kind"] == "ward"]
    assert wards["region_id"].tolist() == [str(c) for c in range(26101, 26112)]
    assert (wards["parent_city"] == "26100").all()
    assert m.loc[m["region_id"] == "26109", "name_en"].item() == "Fushimi"
    assert m.loc[m["region_id"] == "26204", "name_ja"].item() == "宇治市"


def test_kyoto_areas_match_the_published_polygon_areas(jp):
    p = jp.tables["prefectures"]
    kyoto = p[p["region_id"] == "26"].to_crs(AEA_JP).area.item() / 1e6
    assert kyoto == pytest.approx(4641, rel=0.002)
    assert kyoto == pytest.approx(4612, rel=0.01)  # official area
    m = jp.tables["kyoto_municipalities"].to_crs(AEA_JP)
    assert m[m["kind"] == "ward"].area.sum() / 1e6 == pytest.approx(828.6, rel=0.002)


@pytest.fixture(scope="module")
def sz(load_or_skip):
    return load_or_skip(load_cn_shenzhen_boundaries, "Shenzhen district boundaries")


def test_shenzhen_nine_polygons_gcj02(sz):
    d = sz.tables["districts"]
    assert sorted(d["region_id"]) == [str(c) for c in range(440303, 440312)]
    assert d.attrs["coordinate_system"] == "GCJ-02"
    assert sz.report["coordinate_system"] == "GCJ-02"
    assert d.set_index("region_id").loc["440307", "name_en"] == "Longgang"


def test_yearbook_units_map_onto_polygons_with_dapeng_in_longgang(sz):
    from smartregion.datasets.shenzhen import DISTRICTS

    u = sz.tables["yearbook_units"].set_index("district")
    assert sorted(u.index) == sorted(DISTRICTS)
    assert u.loc["Dapeng", "region_id"] == u.loc["Longgang", "region_id"] == "440307"
    assert u["region_id"].nunique() == 9


def test_longgang_polygon_holds_dapeng_by_area(sz, load_or_skip):
    from smartregion.datasets.shenzhen import load_cn_shenzhen_districts_2016

    land = load_or_skip(load_cn_shenzhen_districts_2016, "Shenzhen district tables").tables[
        "land_population"].set_index("district")["land_area_km2"]
    d = sz.tables["districts"].to_crs(AEA_SZ)
    area = dict(zip(d["region_id"], d.area / 1e6))
    both = land["Longgang"] + land["Dapeng"]  # 388.22 + 295.32 km²
    assert area["440307"] == pytest.approx(both, rel=0.2)
    assert area["440307"] > 1.5 * land["Longgang"]
    assert sum(area.values()) == pytest.approx(land["Total"], rel=0.1)


@pytest.fixture(scope="module")
def atlas(load_or_skip):
    return load_or_skip(load_cn_atlas, "CTAmap atlas")


def test_atlas_layers_codes_and_repairs(atlas):
    prov, pref = atlas.tables["provinces"], atlas.tables["prefectures"]
    assert len(prov) == 34 and len(pref) == 372
    assert str(pref["region_id"].dtype) == "string"
    assert prov.set_index("region_id").loc["440000", "name_en"] == "Guangdong"
    assert pref.set_index("region_id").loc["440300", "name_zh"] == "深圳市"
    assert len(atlas.report["prefectures_made_valid"]) == 5
    assert sorted(pref.set_index("region_id").loc[atlas.report["prefectures_made_valid"],
                                                  "name_zh"]) == sorted(
        ["大连市", "固原市", "宁德市", "钦州市", "庆阳市"])
    assert prov.geometry.is_valid.all() and pref.geometry.is_valid.all()


def test_atlas_decoder_agrees_with_gdal(require_dataset):
    import geopandas as gpd
    import pyogrio

    path = require_dataset("cn_atlas")["cn-atlas.json"]
    try:
        gdal = gpd.read_file(path, layer="provinces")
    except (pyogrio.errors.DataSourceError, ValueError) as exc:  # no TopoJSON driver
        pytest.skip(f"GDAL cannot read TopoJSON here: {exc}")
    mine = topojson_layer(json.loads(path.read_text(encoding="utf-8")), "provinces")
    assert len(mine) == len(gdal)
    same = mine.geometry.normalize().geom_equals_exact(
        gdal.geometry.set_crs("EPSG:4326", allow_override=True).normalize(), tolerance=1e-7)
    assert bool(np.all(same))
