"""Maps of regional indices: choropleths keyed by region id, in the house figure style.

A map joins a value per region (a :class:`pandas.Series` indexed by region id) to a boundary
file (a :class:`geopandas.GeoDataFrame` with an id column) and colours each polygon. The join
is checked before anything is drawn (:func:`join_values`):

* the boundary file must have a coordinate reference system, valid non-empty geometries and
  unique ids, else :class:`MapJoinError` names the rows;
* ids are compared as text; a data id with no polygon is an error that names the unmatched
  ids on both sides (and hints at lost leading zeros), unless ``drop_unmatched=True``, which
  drops them, counts them and warns;
* a polygon with no value is drawn hatched and named in the legend as "no data" (or is an
  error with ``require_all=True``): nothing disappears from the map silently.

Scales: ``kind="binned"`` classes the values with :mod:`mapclassify` (the scheme is a
parameter: quantiles, equal intervals, Fisher-Jenks, ...; schemes that draw random numbers are
refused, so that reruns give the same map); ``"continuous"`` is a sequential colour bar;
``"diverging"`` centres a two-sided colour bar at ``center``; ``"log2"`` draws a location
quotient on a log2 scale centred at LQ = 1 (clipped at ``2**±log2_limit``, the limit of the
package's LQ heat maps). The source line credits both the data and the boundary source
(:func:`map_source`). Saved through :meth:`smartregion.outputs.OutputWriter.figure` (or any
``savefig`` without a time stamp) the PNG is byte-identical on every run.

Examples
--------
>>> import geopandas as gpd, pandas as pd
>>> from shapely.geometry import box
>>> regions = gpd.GeoDataFrame({"region_id": ["01", "02", "03"]},
...                            geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)],
...                            crs="EPSG:4326")
>>> j = join_values(regions, pd.Series({"01": 1.5, "02": 0.5}), id_col="region_id")
>>> j.no_data, j.matched
(['03'], ['01', '02'])
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import BoundaryNorm, ListedColormap, Normalize, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from .style import HALO, PALETTE, Source, add_source, place_labels

__all__ = [
    "MapJoinError",
    "MapJoin",
    "BOUNDARY_CREDITS",
    "check_boundaries",
    "join_values",
    "map_source",
    "choropleth",
    "locator_map",
    "read_boundaries",
    "PanelMaps",
    "panel_maps",
]

#: Credit lines of the boundary files the package registers (for :func:`map_source`).
BOUNDARY_CREDITS: dict[str, str] = {
    "jp_boundaries": ("MLIT National Land Numerical Information (N03, 2021-01-01), processed "
                      "(simplified) by smartnews-smri/japan-topography"),
    "cn_shenzhen_boundaries": ("Aliyun DataV area files (Amap), GCJ-02 coordinates "
                               "(about 0.5 km off WGS84)"),
    "cn_atlas": "CTAmap 2023 (cn-atlas TopoJSON)",
}

#: mapclassify schemes that draw random numbers (their bins can change between runs).
RANDOM_SCHEMES = frozenset({"natural_breaks", "naturalbreaks", "jenks_caspall_sampled",
                            "jenkscaspallsampled", "fisher_jenks_sampled",
                            "fisherjenkssampled", "max_p", "maxp", "maxpclassifier"})

NO_DATA_HATCH = "////"
NO_DATA_EDGE = "#8a8a8a"
EDGE = "#ffffff"
LOG2_LIMIT = 4.0


class MapJoinError(ValueError):
    """A boundary file and a value table cannot be joined (ids, geometry or CRS)."""


@dataclass
class MapJoin:
    """The result of :func:`join_values`.

    Attributes
    ----------
    frame : GeoDataFrame
        The boundaries (all rows, file order) with the joined ``value`` column (NaN: no data).
    id_col : str
    matched : list of str
        Ids with a polygon and a value.
    no_data : list of str
        Polygons without a value (drawn hatched), including values that are missing (NaN).
    dropped : list of str
        Data ids without a polygon, dropped because ``drop_unmatched=True`` (else empty).
    """

    frame: Any
    id_col: str
    matched: list[str] = field(default_factory=list)
    no_data: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        """Counts and ids of matched, no-data and dropped regions."""
        return {"n_matched": len(self.matched), "n_no_data": len(self.no_data),
                "no_data": list(self.no_data), "n_dropped": len(self.dropped),
                "dropped": list(self.dropped)}


def _ids_as_text(ids: Iterable[Any], where: str) -> list[str]:
    out = []
    for i in ids:
        if not isinstance(i, str):
            raise MapJoinError(
                f"{where}: id {i!r} is a {type(i).__name__}, not text. Read region ids as text "
                "(e.g. pd.read_csv(..., dtype={'region': str})) so that codes such as '01' "
                "keep their leading zeros.")
        out.append(i.strip())
    return out


def check_boundaries(boundaries: Any, id_col: str, *, where: str = "boundary file") -> None:
    """Check that a boundary frame can be drawn and joined on ``id_col``.

    Raises
    ------
    MapJoinError
        Not a GeoDataFrame, no CRS, no column ``id_col``, missing or duplicated ids, or
        invalid or empty geometries (the message names the rows and the fix).
    """
    if not isinstance(boundaries, gpd.GeoDataFrame):
        raise MapJoinError(f"{where}: expected a GeoDataFrame, got {type(boundaries).__name__}.")
    if boundaries.crs is None:
        raise MapJoinError(
            f"{where} has no coordinate reference system (CRS). Set the one the coordinates "
            "are in, e.g. gdf.set_crs('EPSG:4326') for longitude/latitude, or add a .prj file "
            "next to a shapefile.")
    if id_col not in boundaries.columns:
        raise MapJoinError(f"{where} has no id column {id_col!r}; its columns are "
                           f"{[c for c in boundaries.columns if c != boundaries.geometry.name]}.")
    col = boundaries[id_col]
    if col.isna().any():
        raise MapJoinError(f"{where}: {int(col.isna().sum())} rows have no id in {id_col!r} "
                           f"(rows {np.flatnonzero(col.isna().to_numpy()).tolist()[:10]}).")
    ids = _ids_as_text(col, f"{where}, column {id_col!r}")
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise MapJoinError(f"{where}: ids {dup} appear more than once in {id_col!r}; dissolve "
                           "the parts first (gdf.dissolve(by=id_col)).")
    geom = boundaries.geometry
    empty = geom.isna() | geom.is_empty
    if empty.any():
        raise MapJoinError(f"{where}: regions {[i for i, e in zip(ids, empty) if e]} have "
                           "no geometry.")
    bad = ~geom.is_valid
    if bad.any():
        raise MapJoinError(
            f"{where}: regions {[i for i, b in zip(ids, bad) if b]} have invalid geometries "
            "(e.g. self-intersections). Repair them explicitly, e.g. with "
            "smartregion.datasets.boundaries.repair_geometries (shapely.make_valid), and "
            "report how many were repaired.")


def _padding_hint(unmatched: list[str], boundary_ids: list[str]) -> str:
    widths = {len(b) for b in boundary_ids}
    if len(widths) == 1:
        w = widths.pop()
        fixed = [u for u in unmatched if u.isdigit() and u.zfill(w) in set(boundary_ids)]
        if fixed:
            return (f" {len(fixed)} of them match after zero-padding to {w} characters "
                    f"(e.g. {fixed[0]!r} -> {fixed[0].zfill(w)!r}): the ids were probably read "
                    "as numbers.")
    return ""


def join_values(boundaries: Any, values: pd.Series, *, id_col: str = "region_id",
                drop_unmatched: bool = False, require_all: bool = False,
                where: str = "boundary file") -> MapJoin:
    """Join a value per region to the boundaries, checking every id.

    Parameters
    ----------
    boundaries : GeoDataFrame
        Checked with :func:`check_boundaries`.
    values : Series
        Indexed by region id (text), one value per region. NaN means "no data".
    id_col : str, default "region_id"
        The id column of ``boundaries``.
    drop_unmatched : bool, default False
        Data ids without a polygon raise :class:`MapJoinError` (naming both sides); with
        True they are dropped, listed in :attr:`MapJoin.dropped` and a warning says how many.
    require_all : bool, default False
        With True a polygon without a value is an error; by default it is kept, drawn
        hatched and listed in :attr:`MapJoin.no_data`.

    Returns
    -------
    MapJoin
    """
    check_boundaries(boundaries, id_col, where=where)
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series indexed by region id, not "
                        f"{type(values).__name__}.")
    data_ids = _ids_as_text(values.index, "values (index)")
    dup = sorted({i for i in data_ids if data_ids.count(i) > 1})
    if dup:
        raise MapJoinError(f"values: region ids {dup} appear more than once.")
    vals = pd.Series(pd.to_numeric(values, errors="raise").to_numpy(dtype=float),
                     index=data_ids)
    b_ids = _ids_as_text(boundaries[id_col], where)
    unmatched = [i for i in data_ids if i not in set(b_ids)]
    without = [i for i in b_ids if i not in set(data_ids)]
    dropped: list[str] = []
    if unmatched:
        if not drop_unmatched:
            raise MapJoinError(
                f"{len(unmatched)} region ids of the data have no polygon in the {where} "
                f"(column {id_col!r}): {unmatched}. Polygons without data: {without}."
                + _padding_hint(unmatched, b_ids)
                + " Fix the ids, or pass drop_unmatched=True to leave those regions out "
                  "(they are then counted and reported).")
        dropped = unmatched
        warnings.warn(f"{len(dropped)} region ids without a polygon were dropped from the map: "
                      f"{dropped}", UserWarning, stacklevel=2)
    frame = boundaries.copy()
    frame[id_col] = b_ids
    frame["value"] = frame[id_col].map(vals).astype(float)
    no_data = frame.loc[frame["value"].isna(), id_col].tolist()
    if require_all and no_data:
        raise MapJoinError(f"{len(no_data)} polygons of the {where} have no value: {no_data}.")
    matched = frame.loc[frame["value"].notna(), id_col].tolist()
    return MapJoin(frame=frame, id_col=id_col, matched=matched, no_data=no_data,
                   dropped=dropped)


def map_source(source: Source, boundaries: str) -> Source:
    """``source`` with the boundary credit appended to its note.

    ``boundaries`` is a key of :data:`BOUNDARY_CREDITS` or a free credit line.

    >>> map_source(Source("Census", "2014"), "cn_atlas").text()
    'Source: Census, 2014; computed. Boundaries: CTAmap 2023 (cn-atlas TopoJSON).'
    """
    credit = BOUNDARY_CREDITS.get(boundaries, boundaries).strip().rstrip(".")
    note = f"{source.note.strip()} Boundaries: {credit}.".strip()
    return dataclasses.replace(source, note=note)


def read_boundaries(path: Any, id_col: str, *, layer: str | None = None) -> Any:
    """Read a user's boundary file (any format GDAL reads) with ``id_col`` as text.

    Integer ids stored as numbers are converted to text (a warning says so: leading zeros
    cannot be recovered); fractional numbers are refused.
    """
    gdf = gpd.read_file(path, layer=layer) if layer else gpd.read_file(path)
    if id_col not in gdf.columns:
        raise MapJoinError(f"{path}: no column {id_col!r}; columns are "
                           f"{[c for c in gdf.columns if c != gdf.geometry.name]}.")
    col = gdf[id_col]
    if pd.api.types.is_numeric_dtype(col):
        num = col.astype(float)
        if (num.dropna() % 1 != 0).any():
            raise MapJoinError(f"{path}: id column {id_col!r} holds fractional numbers.")
        warnings.warn(f"{path}: ids in {id_col!r} are stored as numbers; converted to text "
                      "(leading zeros, if any, are lost in the file itself).", UserWarning,
                      stacklevel=2)
        gdf[id_col] = num.map(lambda v: None if np.isnan(v) else str(int(v)))
    else:
        gdf[id_col] = col.astype("string").str.strip()
    gdf[id_col] = gdf[id_col].astype(object)
    return gdf


# --------------------------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------------------------


def _binned(values: np.ndarray, scheme: str, k: int, cmap: str, fmt: str,
            scheme_kwargs: Mapping[str, Any] | None = None) -> tuple[Any, Any, list[Patch]]:
    import mapclassify

    if scheme.lower() in RANDOM_SCHEMES:
        raise ValueError(f"scheme {scheme!r} draws random numbers, so its classes can change "
                         "between runs; use 'fisher_jenks' (exact) or 'quantiles'.")
    with warnings.catch_warnings():  # mapclassify notes that numba (a speed-up) is absent
        warnings.filterwarnings("ignore", message="Numba not installed")
        kwargs = dict(scheme_kwargs or {})
        if scheme.lower().replace("_", "") != "userdefined":
            kwargs["k"] = k
        classifier = mapclassify.classify(values, scheme=scheme, **kwargs)
    bins = np.asarray(classifier.bins, dtype=float)
    n = len(bins)
    colours = mpl.colormaps[cmap](np.linspace(0.15, 0.85, n))  # symmetric: diverging maps too
    edges = np.concatenate([[min(values.min(), bins[0]) - 1e-12], bins])
    edges[-1] = max(edges[-1], values.max())
    norm = BoundaryNorm(edges, n)
    counts = np.asarray(classifier.counts)
    lows = np.concatenate([[values.min()], bins[:-1]])
    handles = [Patch(facecolor=colours[i], edgecolor="#606060", linewidth=0.4,
                     label=f"{fmt.format(lows[i])} to {fmt.format(bins[i])} ({counts[i]})")
               for i in range(n)]
    return ListedColormap(colours), norm, handles


def _scale(values: np.ndarray, kind: str, cmap: str | None, center: float, log2_limit: float
           ) -> tuple[Any, Any, np.ndarray, str]:
    """Colormap, norm, transformed values and colour-bar extension of a continuous scale."""
    extend = "neither"
    if kind == "continuous":
        return mpl.colormaps[cmap or "YlOrRd"], Normalize(values.min(), values.max()), values, \
            extend
    if kind == "log2":
        with np.errstate(divide="ignore"):
            shown = np.log2(values)
        lo, hi = np.nanmin(shown), np.nanmax(shown)
        if lo < -log2_limit or hi > log2_limit:
            extend = ("both" if lo < -log2_limit and hi > log2_limit
                      else "min" if lo < -log2_limit else "max")
        lim = float(min(max(abs(lo), abs(hi), 1.0), log2_limit))
        return (mpl.colormaps[cmap or "RdBu_r"], TwoSlopeNorm(0.0, -lim, lim),
                np.clip(shown, -lim, lim), extend)
    half = float(max(abs(values.max() - center), abs(values.min() - center))) or 1.0
    return (mpl.colormaps[cmap or "RdBu_r"],
            TwoSlopeNorm(center, center - half, center + half), values, extend)


def _moved(frame: Any, move: Mapping[str, tuple[float, float]] | None, id_col: str) -> Any:
    if not move:
        return frame
    from shapely import affinity

    frame = frame.copy()
    for rid, (dx, dy) in move.items():
        sel = frame[id_col] == rid
        if not sel.any():
            raise MapJoinError(f"move: region {rid!r} is not in the boundary file.")
        frame.loc[sel, frame.geometry.name] = frame.loc[sel].geometry.map(
            lambda g: affinity.translate(g, dx, dy))
    return frame


def _frame_moved(ax: Axes, frame: Any, move: Mapping[str, Any] | None, id_col: str,
                 names: Mapping[str, str]) -> None:
    """A box around each moved region, labelled "<name> (moved)"."""
    for rid in move or {}:
        x0, y0, x1, y1 = frame.loc[frame[id_col] == rid].total_bounds
        pad = 0.04 * max(x1 - x0, y1 - y0)
        ax.add_patch(Rectangle((x0 - pad, y0 - pad), x1 - x0 + 2 * pad, y1 - y0 + 2 * pad,
                               fill=False, lw=0.6, ec="#606060", zorder=4))
        ax.text(x0, y1, f" {names.get(rid, rid)} (moved)", fontsize=6.5, ha="left", va="top",
                color="#404040")


def _label_points(ax: Axes, frame: Any, ids: Sequence[str], texts: Mapping[str, str],
                  id_col: str, *, adjust: bool) -> None:
    rows = frame.set_index(id_col).loc[list(ids)]
    pts = rows.geometry.representative_point()
    xs, ys = pts.x.to_numpy(), pts.y.to_numpy()
    labels = [texts[i] for i in ids]
    if adjust and len(ids) > 1:
        place_labels(ax, xs, ys, labels, fontsize=7, iterations=300)
        return
    for x, y, t in zip(xs, ys, labels):
        ax.text(x, y, t, fontsize=7.5, ha="center", va="center", path_effects=HALO, zorder=6)


def choropleth(
    boundaries: Any,
    values: pd.Series,
    *,
    id_col: str = "region_id",
    kind: Literal["binned", "continuous", "diverging", "log2"] = "binned",
    scheme: str = "quantiles",
    k: int = 5,
    scheme_kwargs: Mapping[str, Any] | None = None,
    cmap: str | None = None,
    center: float = 0.0,
    log2_limit: float = LOG2_LIMIT,
    fmt: str = "{:.2f}",
    highlight: str | Sequence[str] | None = None,
    highlight_label: str | None = None,
    labels: Mapping[str, str] | Literal["highlight"] | None = "highlight",
    name_col: str | None = None,
    adjust_labels: bool = False,
    move: Mapping[str, tuple[float, float]] | None = None,
    title: str | None = None,
    legend_title: str = "",
    legend_loc: str = "lower right",  # a matplotlib location, or "below" (under the map)
    source: Source | None = None,
    boundary_credit: str | None = None,
    drop_unmatched: bool = False,
    require_all: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (7.0, 6.0),
) -> Figure:
    """Draw ``values`` (one per region id) on ``boundaries`` as a choropleth.

    Parameters
    ----------
    boundaries, values, id_col, drop_unmatched, require_all
        As in :func:`join_values` (every id matched or reported).
    kind : {"binned", "continuous", "diverging", "log2"}, default "binned"
        ``binned``: classes from :func:`mapclassify.classify` with ``scheme`` and ``k``
        (legend: class bounds and the number of regions in each); ``continuous``: sequential
        colour bar; ``diverging``: two-sided colour bar centred at ``center``; ``log2``:
        location quotients on a log2 scale centred at LQ = 1, clipped at 2**±``log2_limit``
        (an LQ of 0 falls at the lower end; the colour bar is extended when clipping occurs).
    scheme : str, default "quantiles"
        A mapclassify scheme name; random schemes (``natural_breaks``, sampled variants) are
        refused so reruns draw the same classes.
    scheme_kwargs : mapping, optional
        Further arguments of the scheme, e.g. ``{"bins": [-20, 0, 20, 200]}`` with
        ``scheme="user_defined"`` (then ``k`` is not used).
    highlight : id or list of ids, optional
        Drawn with a thick outline in the house highlight colour (Kyoto, Guangdong, ...).
    highlight_label : str, optional
        With ``highlight_label`` the highlighted regions are outlined as one (their union,
        e.g. a city made of wards) and labelled once with this text.
    labels : mapping id -> text, "highlight" or None, default "highlight"
        Text labels at each polygon's representative point; ``"highlight"`` labels the
        highlighted regions with ``name_col`` (or the id).
    name_col : str, optional
        Column of ``boundaries`` with region names (labels and the no-data legend entry).
    adjust_labels : bool, default False
        Move labels apart with :func:`smartregion.plots.style.place_labels` (fixed
        iterations).
    move : mapping id -> (dx, dy), optional
        Shift remote regions (e.g. Okinawa) nearer the rest, boxed, in map units.
    source : Source, optional
        Source line of the data; ``boundary_credit`` (a key of :data:`BOUNDARY_CREDITS` or a
        free text) is appended to its note by :func:`map_source`.

    Returns
    -------
    Figure
        With a ``map_join`` attribute holding the :class:`MapJoin` (counts and ids).
    """
    if kind not in ("binned", "continuous", "diverging", "log2"):
        raise ValueError(f"kind must be 'binned', 'continuous', 'diverging' or 'log2', not "
                         f"{kind!r}.")
    joined = join_values(boundaries, values, id_col=id_col, drop_unmatched=drop_unmatched,
                         require_all=require_all)
    if not joined.matched:
        raise MapJoinError("no region has a value: nothing to draw.")
    hl = [highlight] if isinstance(highlight, str) else list(highlight or [])
    missing = [h for h in hl if h not in set(joined.frame[id_col])]
    if missing:
        raise MapJoinError(f"highlight: regions {missing} are not in the boundary file.")
    frame = _moved(joined.frame, move, id_col)
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    has = frame[frame["value"].notna()]
    none = frame[frame["value"].isna()]
    vals = has["value"].to_numpy(dtype=float)
    handles: list[Any] = []
    if kind == "binned":
        cm, norm, handles = _binned(vals, scheme, k, cmap or "YlGnBu", fmt, scheme_kwargs)
        shown = vals
    else:
        cm, norm, shown, extend = _scale(vals, kind, cmap, center, log2_limit)
    has.assign(_shown=shown).plot(column="_shown", cmap=cm, norm=norm, ax=ax, edgecolor=EDGE,
                                  linewidth=0.3)
    names = (frame.set_index(id_col)[name_col].astype(str).to_dict() if name_col
             else {i: i for i in frame[id_col]})
    if len(none):
        none.plot(ax=ax, facecolor="white", edgecolor=NO_DATA_EDGE, hatch=NO_DATA_HATCH,
                  linewidth=0.3)
        listed = ", ".join(names[i] for i in none[id_col])
        handles.append(Patch(facecolor="white", edgecolor=NO_DATA_EDGE, hatch=NO_DATA_HATCH,
                             label=f"no data ({len(none)}): {listed}"))
    outline = frame[frame[id_col].isin(hl)]
    if hl and highlight_label:
        outline = gpd.GeoDataFrame({id_col: ["_highlight"]}, crs=frame.crs,
                                   geometry=[outline.geometry.union_all()])
    if hl:
        outline.plot(ax=ax, facecolor="none", edgecolor=PALETTE["highlight"], linewidth=1.8,
                     zorder=5)
    if labels == "highlight":
        texts = ({"_highlight": highlight_label} if hl and highlight_label
                 else {h: names[h] for h in hl})
    else:
        texts = dict(labels or {})
        unknown = [i for i in texts if i not in set(frame[id_col])]
        if unknown:
            raise MapJoinError(f"labels: regions {unknown} are not in the boundary file.")
    if texts:
        _label_points(ax, pd.concat([frame, outline]) if highlight_label else frame,
                      list(texts), texts, id_col, adjust=adjust_labels)
    _frame_moved(ax, frame, move, id_col, names)
    if kind == "binned" or len(none):
        where = ({"loc": "upper center", "bbox_to_anchor": (0.5, 0.0)} if legend_loc == "below"
                 else {"loc": legend_loc})
        ax.legend(handles=handles, title=legend_title if kind == "binned" else None,
                  fontsize=7, title_fontsize=7.5, frameon=False, **where)
    if kind != "binned":
        sm = ScalarMappable(norm=norm, cmap=cm)
        cb = fig.colorbar(sm, ax=ax, shrink=0.6, extend=extend, label=legend_title)
        if kind == "log2":
            lim = norm.vmax
            ticks = np.arange(-np.floor(lim), np.floor(lim) + 1)
            cb.set_ticks(ticks, labels=[_lq_tick(t) for t in ticks])
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    if source is not None:
        add_source(fig, map_source(source, boundary_credit) if boundary_credit else source)
    fig.map_join = joined  # type: ignore[attr-defined]
    return fig


def _lq_tick(t: float) -> str:
    return f"{2 ** t:g}" if t >= 0 else f"1/{2 ** -t:g}"


def locator_map(boundaries: Any, highlight: str | Sequence[Hashable], *,
                id_col: str = "region_id", name_col: str | None = None,
                title: str | None = None, source: Source | None = None,
                boundary_credit: str | None = None,
                move: Mapping[str, tuple[float, float]] | None = None, ax: Axes | None = None,
                figsize: tuple[float, float] = (5.0, 5.0)) -> Figure:
    """All regions in grey with ``highlight`` filled in the house highlight colour.

    Raises
    ------
    MapJoinError
        As :func:`check_boundaries`, or a highlighted id is not in the file.
    """
    check_boundaries(boundaries, id_col)
    hl = [highlight] if isinstance(highlight, str) else [str(h) for h in highlight]
    missing = [h for h in hl if h not in set(boundaries[id_col])]
    if missing:
        raise MapJoinError(f"highlight: regions {missing} are not in the boundary file.")
    frame = _moved(boundaries, move, id_col)
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    frame.plot(ax=ax, facecolor="#e3e3e3", edgecolor=EDGE, linewidth=0.3)
    frame[frame[id_col].isin(hl)].plot(ax=ax, facecolor=PALETTE["highlight"],
                                       edgecolor="black", linewidth=0.6)
    names = (frame.set_index(id_col)[name_col].astype(str).to_dict() if name_col
             else {i: i for i in frame[id_col]})
    _label_points(ax, frame, hl, {h: names[h] for h in hl}, id_col, adjust=False)
    _frame_moved(ax, frame, move, id_col, names)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    if source is not None:
        add_source(fig, map_source(source, boundary_credit) if boundary_credit else source)
    return fig


# --------------------------------------------------------------------------------------------
# the case-notebook maps for any panel
# --------------------------------------------------------------------------------------------


@dataclass
class PanelMaps:
    """Figures drawn by :func:`panel_maps`, what was skipped and the join of the ids."""

    figures: dict[str, Figure]
    skipped: dict[str, str]
    join: MapJoin
    industry: str | None = None


def panel_maps(panel: Any, boundaries: Any, *, id_col: str, source: Source,
               boundary_credit: str, region: str | None = None, industry: str | None = None,
               threshold: float = 1.0, drop_unmatched: bool = False,
               move: Mapping[str, tuple[float, float]] | None = None) -> PanelMaps:
    """The maps of the case notebooks for the regions of any single-period panel.

    * ``lq``: location quotient of ``industry`` (default: the industry with the highest LQ in
      ``region``, or the largest industry overall without a region), log2 scale;
    * ``eci``: Economic Complexity Index (eigenvector method on LQ >= ``threshold``), binned
      in quintiles;
    * ``variety``: related and unrelated variety, binned in quintiles (needs a hierarchy,
      otherwise listed in ``skipped``).

    Region labels of the panel are the ids joined to ``id_col`` of ``boundaries`` (as text);
    the join is checked as in :func:`join_values` (mismatched ids raise, naming both sides).
    ``region`` is outlined on every map.
    """
    from ..complexity import economic_complexity
    from ..structure import location_quotient
    from ..variety import related_unrelated_variety

    lq = location_quotient(panel)
    if isinstance(lq.index, pd.MultiIndex):
        raise ValueError("panel_maps draws one period: select it first (panel.select(...)).")
    lq.index = [str(r) for r in lq.index]
    lq.columns = [str(c) for c in lq.columns]
    hl = None if region is None else str(region)
    if hl is not None and hl not in lq.index:
        raise ValueError(f"region {hl!r} is not a region of the panel.")
    if industry is None:
        industry = (str(lq.loc[hl].idxmax()) if hl is not None
                    else str(panel.matrix().sum(axis=0).idxmax()))
    if industry not in lq.columns:
        raise ValueError(f"industry {industry!r} is not an industry of the panel.")
    joined = join_values(boundaries, lq[industry], id_col=id_col, drop_unmatched=drop_unmatched)
    common = {"id_col": id_col, "highlight": hl, "move": move, "drop_unmatched": drop_unmatched,
              "boundary_credit": boundary_credit, "legend_loc": "below"}
    figs: dict[str, Figure] = {}
    skipped: dict[str, str] = {}
    lead = f"{hl}'s LQ {lq.loc[hl, industry]:.2f}; " if hl else ""
    figs["lq"] = choropleth(
        boundaries, lq[industry], kind="log2", legend_title="Location quotient (log2 scale)",
        title=f"Industry {industry}: {lead}{int((lq[industry] >= 1).sum())} of {len(lq)} "
              "regions at LQ >= 1",
        source=dataclasses.replace(source, note=(source.note + " LQ = the region's share of "
                                                 "the industry / all regions' share.").strip()),
        **common)
    cx = economic_complexity(panel, threshold=threshold)
    eci = pd.Series(np.asarray(cx.eci, dtype=float), index=[str(r) for r in cx.eci.index])
    rank = eci.rank(ascending=False, method="min")
    figs["eci"] = choropleth(
        boundaries, eci, kind="binned", scheme="quantiles", k=min(5, eci.nunique()),
        cmap="Purples", legend_title="ECI (z-score), quintiles",
        title="Economic complexity" + (f": {hl} ranks {int(rank[hl])} of {len(eci)}"
                                       if hl else f" of {len(eci)} regions"),
        source=dataclasses.replace(source, note=(source.note + " ECI: eigenvector method "
                                                 f"on LQ >= {threshold:g}.").strip()),
        **common)
    if getattr(panel, "hierarchy", None) is None:
        skipped["variety"] = "no industry hierarchy: related/unrelated variety needs groups"
    else:
        v = related_unrelated_variety(panel)
        v.index = [str(r) for r in v.index]
        fig = Figure(figsize=(12, 5.5), layout="constrained")
        for ax, c in zip(fig.subplots(1, 2), ["related", "unrelated"]):
            choropleth(boundaries, v[c], kind="binned", scheme="quantiles",
                       k=min(5, v[c].nunique()), cmap="Blues" if c == "related" else "Oranges",
                       ax=ax, legend_title=f"{c.capitalize()} variety (bits), quintiles",
                       title=f"{c.capitalize()} variety" + (
                           f": {hl} ranks {int(v[c].rank(ascending=False, method='min')[hl])} "
                           f"of {len(v)}" if hl else ""),
                       **{**common, "boundary_credit": None})
        fig.suptitle("Related and unrelated variety by region")
        add_source(fig, map_source(dataclasses.replace(source, note=(
            source.note + " Entropy (bits) within and between the hierarchy's groups.").strip()),
            boundary_credit))
        figs["variety"] = fig
    return PanelMaps(figures=figs, skipped=skipped, join=joined, industry=industry)
