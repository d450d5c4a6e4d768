"""Boundary files for the maps: Japan's prefectures and Kyoto's municipalities, Shenzhen's
districts, China's provinces and prefecture-level units.

Each loader returns a :class:`~smartregion.datasets.Dataset` whose ``tables`` are
:class:`geopandas.GeoDataFrame` objects keyed by a text id column ``region_id`` (ids are never
read as numbers, so ``"01"`` keeps its leading zero). Every loader checks the file against
what its publisher says it holds (count, order and codes of the units) and stops with an error
naming the unit when a check fails. Geometries that are not valid are repaired with
:func:`shapely.make_valid`; how many and which ones is written into ``report``, never silent.

Three sources, three coordinate systems:

* ``jp_boundaries``: MLIT National Land Numerical Information, administrative areas (N03,
  2021-01-01), simplified GeoJSON in lon/lat (EPSG:4326). The prefecture file has no code
  field: the 47 features are in JIS order, which the loader checks against the Japanese names.
* ``cn_shenzhen_boundaries``: Shenzhen's districts from the Aliyun DataV area files (Amap).
  Coordinates are **GCJ-02**, China's obfuscated datum, about 0.5 km off WGS84. No EPSG code
  describes GCJ-02; the frame is labelled EPSG:4326 so that it can be drawn on its own, and
  ``attrs["coordinate_system"]`` says ``"GCJ-02"``: do not overlay it on WGS84 layers without
  converting it first.
* ``cn_atlas``: CTAmap 2023 as TopoJSON (lon/lat, CGCS2000, which agrees with WGS84 to well
  below the precision of the file). TopoJSON is decoded here by :func:`topojson_layer`
  (quantised, delta-encoded shared arcs); GDAL's TopoJSON driver is not relied on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._base import Dataset
from ._registry import fetch_file

__all__ = [
    "JP_PREFECTURES",
    "SHENZHEN_POLYGON_OF_DISTRICT",
    "decode_arcs",
    "topojson_layer",
    "repair_geometries",
    "load_jp_boundaries",
    "load_cn_shenzhen_boundaries",
    "load_cn_atlas",
]

#: The 47 prefectures in JIS X 0401 order: (code, Japanese name, English name as in the 2014
#: Economic Census file).
JP_PREFECTURES: tuple[tuple[str, str, str], ...] = (
    ("01", "北海道", "Hokkaido"), ("02", "青森県", "Aomori"), ("03", "岩手県", "Iwate"),
    ("04", "宮城県", "Miyagi"), ("05", "秋田県", "Akita"), ("06", "山形県", "Yamagata"),
    ("07", "福島県", "Fukushima"), ("08", "茨城県", "Ibaraki"), ("09", "栃木県", "Tochigi"),
    ("10", "群馬県", "Gunma"), ("11", "埼玉県", "Saitama"), ("12", "千葉県", "Chiba"),
    ("13", "東京都", "Tokyo"), ("14", "神奈川県", "Kanagawa"), ("15", "新潟県", "Niigata"),
    ("16", "富山県", "Toyama"), ("17", "石川県", "Ishikawa"), ("18", "福井県", "Fukui"),
    ("19", "山梨県", "Yamanashi"), ("20", "長野県", "Nagano"), ("21", "岐阜県", "Gifu"),
    ("22", "静岡県", "Shizuoka"), ("23", "愛知県", "Aichi"), ("24", "三重県", "Mie"),
    ("25", "滋賀県", "Shiga"), ("26", "京都府", "Kyoto"), ("27", "大阪府", "Osaka"),
    ("28", "兵庫県", "Hyogo"), ("29", "奈良県", "Nara"), ("30", "和歌山県", "Wakayama"),
    ("31", "鳥取県", "Tottori"), ("32", "島根県", "Shimane"), ("33", "岡山県", "Okayama"),
    ("34", "広島県", "Hiroshima"), ("35", "山口県", "Yamaguchi"), ("36", "徳島県", "Tokushima"),
    ("37", "香川県", "Kagawa"), ("38", "愛媛県", "Ehime"), ("39", "高知県", "Kochi"),
    ("40", "福岡県", "Fukuoka"), ("41", "佐賀県", "Saga"), ("42", "長崎県", "Nagasaki"),
    ("43", "熊本県", "Kumamoto"), ("44", "大分県", "Oita"), ("45", "宮崎県", "Miyazaki"),
    ("46", "鹿児島県", "Kagoshima"), ("47", "沖縄県", "Okinawa"),
)

#: Kyoto City's eleven wards: code -> English name.
KYOTO_WARDS: dict[str, str] = {
    "26101": "Kita", "26102": "Kamigyo", "26103": "Sakyo", "26104": "Nakagyo",
    "26105": "Higashiyama", "26106": "Shimogyo", "26107": "Minami", "26108": "Ukyo",
    "26109": "Fushimi", "26110": "Yamashina", "26111": "Nishikyo",
}

#: Shenzhen's districts: adcode -> (Chinese name in the DataV file, English name).
SHENZHEN_DISTRICTS: dict[str, tuple[str, str]] = {
    "440303": ("罗湖区", "Luohu"), "440304": ("福田区", "Futian"), "440305": ("南山区", "Nanshan"),
    "440306": ("宝安区", "Bao'an"), "440307": ("龙岗区", "Longgang"),
    "440308": ("盐田区", "Yantian"), "440309": ("龙华区", "Longhua"),
    "440310": ("坪山区", "Pingshan"), "440311": ("光明区", "Guangming"),
}

#: The 2016 yearbook's ten district units -> the polygon (adcode) that contains them. Dapeng
#: New District is a functional area inside Longgang district (adcode 440307) with no polygon of
#: its own, so Longgang's polygon carries "Longgang incl. Dapeng" (values summed before any
#: share or LQ is computed).
SHENZHEN_POLYGON_OF_DISTRICT: dict[str, str] = {
    "Luohu": "440303", "Futian": "440304", "Nanshan": "440305", "Bao'an": "440306",
    "Longgang": "440307", "Dapeng": "440307", "Yantian": "440308", "Longhua": "440309",
    "Pingshan": "440310", "Guangming": "440311",
}

JP_DATASET = "jp_boundaries"
SZ_DATASET = "cn_shenzhen_boundaries"
ATLAS_DATASET = "cn_atlas"

JP_CREDIT = ("MLIT National Land Numerical Information, administrative areas (N03, "
             "2021-01-01), processed by smartnews-smri/japan-topography (simplified)")
SZ_CREDIT = "Aliyun DataV area files (Amap), GCJ-02 coordinates"
ATLAS_CREDIT = "CTAmap 2023 boundaries (cn-atlas TopoJSON)"


# --------------------------------------------------------------------------------------------
# TopoJSON
# --------------------------------------------------------------------------------------------


def decode_arcs(arcs: Sequence[Sequence[Sequence[float]]],
                transform: Mapping[str, Sequence[float]] | None = None) -> list[np.ndarray]:
    """Absolute coordinates of TopoJSON arcs.

    With a ``transform`` (a quantised topology) each arc holds integer positions, the first
    absolute and the rest as differences from the previous one; position ``k`` is
    ``x_k = (sum_{j<=k} dx_j) * scale_x + translate_x`` (likewise ``y``). Without a transform
    the arcs already hold coordinates. Only the first two values of a position are used.

    Examples
    --------
    >>> decode_arcs([[[2, 3], [1, 0], [0, -2]]],
    ...             {"scale": [0.5, 2.0], "translate": [10.0, 100.0]})[0].tolist()
    [[11.0, 106.0], [11.5, 106.0], [11.5, 102.0]]
    """
    out = []
    for i, arc in enumerate(arcs):
        a = np.asarray(arc)
        if a.ndim != 2 or a.shape[1] < 2 or len(a) < 2:
            raise ValueError(f"TopoJSON arc {i} is not a list of at least two positions.")
        if transform is None:
            out.append(a[:, :2].astype(np.float64))
            continue
        q = np.cumsum(a[:, :2].astype(np.int64), axis=0)
        out.append(q * np.asarray(transform["scale"], dtype=np.float64)
                   + np.asarray(transform["translate"], dtype=np.float64))
    return out


def _line(refs: Sequence[int], arcs: list[np.ndarray]) -> np.ndarray:
    """Join arcs by index (``~i``, i.e. ``-i - 1``, is arc ``i`` reversed), dropping the first
    position of every arc after the first (it repeats the last position of the one before)."""
    parts = []
    for n, ref in enumerate(refs):
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        parts.append(arc if n == 0 else arc[1:])
    return np.concatenate(parts)


def _point(pos: Sequence[float], transform: Mapping[str, Sequence[float]] | None) -> tuple:
    if transform is None:
        return float(pos[0]), float(pos[1])
    return (pos[0] * transform["scale"][0] + transform["translate"][0],
            pos[1] * transform["scale"][1] + transform["translate"][1])


def _geometry(obj: Mapping[str, Any], arcs: list[np.ndarray],
              transform: Mapping[str, Sequence[float]] | None) -> Any:
    from shapely import geometry as g

    kind = obj.get("type")
    if kind is None:
        return None
    if kind == "Polygon":
        rings = [_line(r, arcs) for r in obj["arcs"]]
        return g.Polygon(rings[0], rings[1:])
    if kind == "MultiPolygon":
        return g.MultiPolygon([g.Polygon(_line(p[0], arcs), [_line(r, arcs) for r in p[1:]])
                               for p in obj["arcs"]])
    if kind == "LineString":
        return g.LineString(_line(obj["arcs"], arcs))
    if kind == "MultiLineString":
        return g.MultiLineString([_line(r, arcs) for r in obj["arcs"]])
    if kind == "Point":
        return g.Point(_point(obj["coordinates"], transform))
    if kind == "MultiPoint":
        return g.MultiPoint([_point(p, transform) for p in obj["coordinates"]])
    raise ValueError(f"TopoJSON geometry type {kind!r} is not supported (nested collections).")


def topojson_layer(topology: Mapping[str, Any], layer: str, *, crs: str = "EPSG:4326") -> Any:
    """One object (layer) of a TopoJSON topology as a GeoDataFrame.

    Parameters
    ----------
    topology : dict
        The parsed TopoJSON (``type == "Topology"``).
    layer : str
        Name of a ``GeometryCollection`` in ``topology["objects"]``.
    crs : str, default "EPSG:4326"
        TopoJSON does not name its coordinate system; the caller states it.

    Returns
    -------
    GeoDataFrame
        One row per geometry, with its ``properties`` as columns (as stored: text stays text)
        and ``topojson_id`` when the geometry has an ``id``. Geometries are not repaired.
    """
    import geopandas as gpd

    if topology.get("type") != "Topology":
        raise ValueError(f"not a TopoJSON topology (type {topology.get('type')!r}).")
    objects = topology.get("objects", {})
    if layer not in objects:
        raise KeyError(f"TopoJSON has no layer {layer!r}; layers are {sorted(objects)}.")
    transform = topology.get("transform")
    arcs = decode_arcs(topology.get("arcs", []), transform)
    coll = objects[layer]
    members = coll["geometries"] if coll.get("type") == "GeometryCollection" else [coll]
    rows, geoms = [], []
    for obj in members:
        props = dict(obj.get("properties") or {})
        if "id" in obj:
            props.setdefault("topojson_id", obj["id"])
        rows.append(props)
        geoms.append(_geometry(obj, arcs, transform))
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs=crs)


# --------------------------------------------------------------------------------------------
# Checks shared by the loaders
# --------------------------------------------------------------------------------------------


def repair_geometries(gdf: Any, id_col: str = "region_id") -> tuple[Any, list[str]]:
    """Repair invalid geometries with :func:`shapely.make_valid` (polygonal output kept).

    Returns the repaired frame (a copy) and the ids of the repaired rows, so the caller can
    count and report them. A geometry that is still invalid or empty afterwards raises.
    """
    import shapely

    gdf = gdf.copy()
    bad = ~gdf.geometry.is_valid
    ids = gdf.loc[bad, id_col].astype(str).tolist()
    if bad.any():
        fixed = shapely.make_valid(np.asarray(gdf.geometry[bad]), method="structure",
                                   keep_collapsed=False)
        gdf.loc[bad, gdf.geometry.name] = fixed
    still = gdf.loc[~gdf.geometry.is_valid | gdf.geometry.is_empty, id_col].astype(str).tolist()
    if still:
        raise ValueError(f"geometries of {still} are invalid or empty even after make_valid.")
    return gdf, ids


def _read_geojson(dataset: str, file_name: str, download: bool) -> list[dict[str, Any]]:
    """Features of a registered GeoJSON file (parsed with json, so property types are kept)."""
    path = fetch_file(dataset, file_name, download=download)
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") != "FeatureCollection":
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection.")
    return data["features"]


def _frame(features: list[dict[str, Any]], columns: dict[str, Any]) -> Any:
    import geopandas as gpd
    from shapely.geometry import shape

    df = pd.DataFrame(columns).astype("string")
    return gpd.GeoDataFrame(df, geometry=[shape(f["geometry"]) for f in features],
                            crs="EPSG:4326")


def _expect(cond: bool, message: str) -> None:
    if not cond:
        raise ValueError(message)


# --------------------------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------------------------


def load_jp_boundaries(*, download: bool = True) -> Dataset:
    """Japan's 47 prefectures and Kyoto prefecture's 36 municipalities (MLIT N03, 2021).

    Returns
    -------
    Dataset
        ``tables["prefectures"]``: 47 rows in JIS order, ``region_id`` = 2-digit JIS code
        (text), ``name_ja``, ``name_en`` (as in the 2014 Economic Census file), geometry.
        ``tables["kyoto_municipalities"]``: 36 rows, ``region_id`` = 5-digit municipality
        code (text; Kyoto City's wards 26101-26111), ``name_ja``, ``name_en`` (wards only),
        ``kind`` (``"ward"`` or ``"municipality"``), ``parent_city`` (``"26100"`` for
        wards), geometry. Both in lon/lat (EPSG:4326).

    Raises
    ------
    ValueError
        The prefecture names are not the 47 prefectures in JIS order, or the municipal file
        is not Kyoto's 36 units with the 11 wards 26101-26111.
    """
    report: dict[str, Any] = {}
    feats = _read_geojson(JP_DATASET, "prefectures.json", download)
    names = [f["properties"].get("N03_001") for f in feats]
    expected = [p[1] for p in JP_PREFECTURES]
    _expect(len(names) == 47, f"prefectures.json has {len(names)} features, not 47.")
    wrong = [(i + 1, n, e) for i, (n, e) in enumerate(zip(names, expected)) if n != e]
    _expect(not wrong, "prefectures.json is not in JIS order; (position, name, expected): "
            f"{wrong[:5]}")
    prefs = _frame(feats, {"region_id": [p[0] for p in JP_PREFECTURES], "name_ja": names,
                           "name_en": [p[2] for p in JP_PREFECTURES]})
    prefs, fixed = repair_geometries(prefs)
    report["prefectures_made_valid"] = fixed

    feats = _read_geojson(JP_DATASET, "N03-21_26_210101.json", download)
    props = [f["properties"] for f in feats]
    codes = [p.get("N03_007") for p in props]
    _expect(all(isinstance(c, str) and len(c) == 5 and c.startswith("26") for c in codes),
            f"N03_007 codes are not 5-character Kyoto codes: {codes}")
    _expect(len(codes) == 36 and len(set(codes)) == 36,
            f"expected 36 distinct municipalities of Kyoto, found {len(set(codes))}.")
    wards = sorted(c for c in codes if c.startswith("261"))
    _expect(wards == sorted(KYOTO_WARDS), f"Kyoto City's wards are {wards}, not 26101-26111.")
    _expect(all(p.get("N03_001") == "京都府" for p in props), "features outside 京都府 found.")
    kind = ["ward" if c in KYOTO_WARDS else "municipality" for c in codes]
    name_ja = [("".join(x for x in (p.get("N03_003"), p.get("N03_004")) if x)) for p in props]
    muni = _frame(feats, {"region_id": codes, "name_ja": name_ja,
                          "name_en": [KYOTO_WARDS.get(c) for c in codes], "kind": kind,
                          "parent_city": ["26100" if k == "ward" else None for k in kind]})
    muni, fixed = repair_geometries(muni)
    report["kyoto_municipalities_made_valid"] = fixed
    return Dataset(
        name=JP_DATASET, panel=None,
        descr=("Japan's 47 prefectures (JIS order 01-47) and Kyoto prefecture's 36 "
               "municipalities (Kyoto City's 11 wards 26101-26111), administrative areas as of "
               "2021-01-01, simplified; lon/lat (EPSG:4326). Areas from the simplified "
               "polygons differ from the official ones by under one per cent."),
        citation=JP_CREDIT, licence=("MLIT National Land Numerical Information terms: reuse "
                                     "with a source credit and a note that the data were "
                                     "processed."),
        tables={"prefectures": prefs, "kyoto_municipalities": muni}, report=report)


def load_cn_shenzhen_boundaries(*, download: bool = True) -> Dataset:
    """Shenzhen's nine district polygons (DataV/Amap, boundaries after 2018, GCJ-02).

    Returns
    -------
    Dataset
        ``tables["districts"]``: 9 rows, ``region_id`` = 6-digit adcode (text), ``name_zh``,
        ``name_en``, geometry; ``attrs["coordinate_system"] == "GCJ-02"``.
        ``tables["yearbook_units"]``: the 2016 yearbook's ten district units and the polygon
        each is drawn in (:data:`SHENZHEN_POLYGON_OF_DISTRICT`): Dapeng New District is inside
        Longgang (440307), so values of Longgang and Dapeng are summed for that polygon.
    """
    feats = _read_geojson(SZ_DATASET, "440300_full.json", download)
    codes = [str(f["properties"].get("adcode")) for f in feats]
    _expect(sorted(codes) == sorted(SHENZHEN_DISTRICTS),
            f"440300_full.json adcodes {codes} are not Shenzhen's nine districts.")
    names = [f["properties"].get("name") for f in feats]
    wrong = [(c, n) for c, n in zip(codes, names) if SHENZHEN_DISTRICTS[c][0] != n]
    _expect(not wrong, f"district names do not match their adcodes: {wrong}")
    gdf = _frame(feats, {"region_id": codes, "name_zh": names,
                         "name_en": [SHENZHEN_DISTRICTS[c][1] for c in codes]})
    gdf, fixed = repair_geometries(gdf)
    gdf.attrs["coordinate_system"] = "GCJ-02"
    units = pd.DataFrame({
        "district": list(SHENZHEN_POLYGON_OF_DISTRICT),
        "region_id": list(SHENZHEN_POLYGON_OF_DISTRICT.values()),
    }).astype("string")
    units["polygon_en"] = units["region_id"].map(lambda c: SHENZHEN_DISTRICTS[c][1])
    units["note"] = np.where(units["district"] == "Dapeng",
                             "functional area inside Longgang; summed into Longgang's polygon",
                             "")
    return Dataset(
        name=SZ_DATASET, panel=None,
        descr=("Shenzhen's nine districts (adcodes 440303-440311), Aliyun DataV area files "
               "(Amap), boundaries after 2018. Coordinates are GCJ-02 (about 0.5 km off "
               "WGS84), labelled EPSG:4326 for drawing; do not overlay on WGS84 layers. The "
               "2016 yearbook's ten units map onto nine polygons: Dapeng New District lies "
               "inside Longgang (440307)."),
        citation=SZ_CREDIT, licence="None stated (a copy of the Aliyun DataV area file).",
        tables={"districts": gdf, "yearbook_units": units},
        report={"districts_made_valid": fixed, "coordinate_system": "GCJ-02"})


def load_cn_atlas(*, download: bool = True) -> Dataset:
    """China's provinces (34) and prefecture-level units (372), CTAmap 2023 TopoJSON.

    Returns
    -------
    Dataset
        ``tables["provinces"]``, ``tables["prefectures"]``: ``region_id`` = 6-digit
        division code (text, ``区划码``), ``name_en`` (pinyin), ``name_zh``, geometry (lon/lat);
        ``tables["nation"]``. ``report`` lists the geometries repaired by ``make_valid`` per
        layer (the prefecture layer has five self-intersecting ones).
    """
    path = fetch_file(ATLAS_DATASET, "cn-atlas.json", download=download)
    topo = json.loads(path.read_text(encoding="utf-8"))
    tables: dict[str, Any] = {}
    report: dict[str, Any] = {}
    for layer, expected in (("provinces", 34), ("prefectures", 372)):
        raw = topojson_layer(topo, layer)
        _expect(len(raw) == expected, f"cn-atlas layer {layer!r} has {len(raw)} units, "
                f"not {expected}.")
        codes = raw["区划码"].astype("string")
        _expect(bool(codes.str.fullmatch(r"\d{6}").all()) and codes.is_unique,
                f"layer {layer!r}: 区划码 is not a unique 6-digit code.")
        gdf = raw.assign(region_id=codes, name_en=raw["name"].astype("string"),
                         name_zh=raw["地名"].astype("string"))[
            ["region_id", "name_en", "name_zh", "geometry"]]
        gdf, fixed = repair_geometries(gdf)
        tables[layer] = gdf
        report[f"{layer}_made_valid"] = fixed
    nation = topojson_layer(topo, "nation")
    tables["nation"] = nation.assign(region_id=nation["id"].astype("string"))[
        ["region_id", "geometry"]]
    return Dataset(
        name=ATLAS_DATASET, panel=None,
        descr=("China's 34 provincial-level units and 372 prefecture-level units (incl. "
               "county-level units directly under a province), CTAmap 2023 boundaries, "
               "decoded from TopoJSON; lon/lat. Invalid geometries repaired with make_valid "
               "(listed in the report). 2023 boundaries: older panels need recoding."),
        citation=ATLAS_CREDIT, licence="ISC (package.json of the cn-atlas repository).",
        tables=tables, report=report)
