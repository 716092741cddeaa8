"""The geometry of each row made usable: in EPSG:4326, swapped axes fixed, valid, without
sliver parts, several rows of one code merged into one multipolygon."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geodata import codes
from geodata.boundaries.identify import digits, nothing_loadable, reject
from geodata.boundaries.model import BoundaryError, BoundaryOptions, BoundaryReport, Columns
from geodata.crs import WGS84, to_metric
from geodata.messages import Items, Message, Num
from geodata.names import normalise_name

# lon/lat box around Indonesia with a margin: what "plainly lon/lat" means for a file here.
INDONESIA_BOUNDS = (94.0, -12.0, 142.0, 7.0)
_LISTED = 10
"""Rows or codes named in one repair message; the rest are counted."""


def _inside(bounds: np.ndarray, box=INDONESIA_BOUNDS) -> np.ndarray:
    """Rows of an (n, 4) bounds array that lie inside ``box``."""
    return (bounds[:, 0] >= box[0]) & (bounds[:, 1] >= box[1]) & (bounds[:, 2] <= box[2]) & (bounds[:, 3] <= box[3])


def _listed(values) -> Items:
    values = list(values)
    return Items(tuple(values[:_LISTED]), more=len(values) > _LISTED)


def geometries_in_wgs84(frame: gpd.GeoDataFrame, rows: pd.DataFrame, report: BoundaryReport) -> np.ndarray:
    """The rows' geometries in EPSG:4326 (2-D), swapped lat/lon fixed; rejects rows that are
    empty, not polygons, or outside Indonesia."""
    source = report.source
    geoms = shapely.force_2d(np.asarray(frame.geometry.array, dtype=object))
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    for i in np.flatnonzero(empty & rows["ok"].to_numpy()):
        reject(rows, rows.index[i], report, None, Message("boundaries.reason.empty_geometry"))
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6, 7))
    for i in np.flatnonzero(~empty & ~polygonal & rows["ok"].to_numpy()):
        reject(rows, rows.index[i], report, None, Message("boundaries.reason.not_polygon", type=geoms[i].geom_type))
    live = ~empty & polygonal
    if not live.any():
        raise BoundaryError("boundaries.error.no_polygons", source=source)
    bounds = shapely.bounds(geoms)
    crs = frame.crs
    if crs is None:
        plain = _inside(bounds[live]) | _inside(bounds[live][:, [1, 0, 3, 2]])
        lo, hi = bounds[live][:, :2].min(axis=0), bounds[live][:, 2:].max(axis=0)
        if not plain.all():
            raise BoundaryError(
                "boundaries.error.no_crs",
                source=source,
                x0=f"{lo[0]:.6g}",
                x1=f"{hi[0]:.6g}",
                y0=f"{lo[1]:.6g}",
                y1=f"{hi[1]:.6g}",
            )
        report.warnings.append(
            Message(
                "boundaries.warning.no_crs",
                x0=Num(lo[0], 4),
                x1=Num(hi[0], 4),
                y0=Num(lo[1], 4),
                y1=Num(hi[1], 4),
            )
        )
        crs = WGS84
    else:
        crs = pyproj.CRS.from_user_input(crs)
    if crs.is_geographic:
        swapped = live & ~_inside(bounds) & _inside(bounds[:, [1, 0, 3, 2]])
        if swapped.any():
            geoms[swapped] = shapely.transform(geoms[swapped], lambda xy: xy[:, ::-1])
            report.repaired.append(
                Message(
                    "boundaries.repaired.swapped",
                    n=int(swapped.sum()),
                    rows=_listed(int(r) for r in rows["row"].to_numpy()[swapped]),
                )
            )
    if not crs.equals(WGS84, ignore_axis_order=True):
        geoms[live] = gpd.GeoSeries(geoms[live], crs=crs).to_crs(WGS84).to_numpy()
        report.detected.append(Message("boundaries.detected.reprojected", crs=crs.name))
    bounds = shapely.bounds(geoms)
    outside = live & ~_inside(np.nan_to_num(bounds, nan=np.inf))
    if outside[live].all():
        lo, hi = bounds[live][:, :2].min(axis=0), bounds[live][:, 2:].max(axis=0)
        raise BoundaryError(
            "boundaries.error.not_in_indonesia",
            source=source,
            crs=crs.name,
            x0=f"{lo[0]:.6g}",
            x1=f"{hi[0]:.6g}",
            y0=f"{lo[1]:.6g}",
            y1=f"{hi[1]:.6g}",
        )
    for i in np.flatnonzero(outside & rows["ok"].to_numpy()):
        b = bounds[i]
        reason = Message(
            "boundaries.reason.outside_indonesia", x0=Num(b[0], 5), x1=Num(b[2], 5), y0=Num(b[1], 5), y1=Num(b[3], 5)
        )
        reject(rows, rows.index[i], report, None, reason)
    geoms[~rows["ok"].to_numpy()] = None
    return geoms


def repaired_geometries(
    geoms: np.ndarray, rows: pd.DataFrame, options: BoundaryOptions, report: BoundaryReport
) -> np.ndarray:
    """Valid polygonal geometries (EPSG:4326) without sliver parts; rows that collapse are rejected."""
    live = rows["ok"].to_numpy() & ~shapely.is_missing(geoms)
    if not live.any():
        return geoms
    invalid = live & ~shapely.is_valid(geoms)
    if invalid.any():
        reasons = shapely.is_valid_reason(geoms[invalid])
        geoms[invalid] = [_polygonal(g) for g in shapely.make_valid(geoms[invalid])]
        listed = [
            Message("boundaries.row_reason", row=int(r), reason=why)
            for r, why in zip(rows["row"].to_numpy()[invalid], reasons)
        ]
        report.repaired.append(
            Message(
                "boundaries.repaired.made_valid",
                n=int(invalid.sum()),
                rows=Items(tuple(listed[:_LISTED]), sep="; ", more=len(listed) > _LISTED),
            )
        )
        for i in np.flatnonzero(invalid & shapely.is_empty(geoms)):
            reject(rows, rows.index[i], report, None, Message("boundaries.reason.collapses"))
            geoms[i] = None
        live = rows["ok"].to_numpy()

    parts, owner = shapely.get_parts(geoms[live], return_index=True)
    owner = np.flatnonzero(live)[owner]
    part_m2 = to_metric(gpd.GeoSeries(parts, crs=WGS84)).area.to_numpy()
    small = part_m2 < options.sliver_m2
    if small.any():
        for i in np.unique(owner[small]):
            kept = parts[(owner == i) & ~small]
            if len(kept) == 0:
                reject(
                    rows, rows.index[i], report, None, Message("boundaries.reason.all_slivers", m2=options.sliver_m2)
                )
                geoms[i] = None
            else:
                geoms[i] = shapely.multipolygons(kept)
        report.repaired.append(
            Message(
                "boundaries.repaired.slivers",
                n=int(small.sum()),
                m2=options.sliver_m2,
                rows=_listed(sorted({int(r) for r in rows["row"].to_numpy()[owner[small]]})),
            )
        )
    return geoms


def _polygonal(geom):
    """The polygons of a made-valid geometry (its lines and points are collapsed debris)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polygons = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons) if polygons else shapely.Polygon()


def merged_units(rows, geoms, columns: Columns, properties, registry, report) -> gpd.GeoDataFrame:
    """One row per code (several rows of a code merged into one multipolygon), EPSG:4326."""
    ok = rows[rows["ok"]].copy()
    ok["geometry"] = geoms[rows["ok"].to_numpy()]
    listed = dict(zip(registry["kode"], registry["nama"]))
    units = []
    merged = []
    for kode, group in ok.groupby("kode", sort=True):
        names = [n for n in group["nama"] if n]
        nama = names[0] if names else listed.get(kode)
        unit_rows = Items(tuple(int(r) for r in group["row"]))
        if len(group) > 1:
            geometry = shapely.union_all(group["geometry"].to_numpy())
            merged.append(Message("boundaries.code_rows", kode=kode, rows=unit_rows))
            if len({normalise_name(n) for n in names}) > 1:
                report.warnings.append(
                    Message(
                        "boundaries.warning.names_differ",
                        kode=kode,
                        rows=unit_rows,
                        names=Items(tuple(sorted(set(names)))),
                    )
                )
        else:
            geometry = group["geometry"].iloc[0]
        bps = None
        if columns.desa_bps:
            bps_values = properties.loc[group.index, columns.desa_bps].map(lambda v: digits(v, 10)).dropna()
            bps = bps_values.iloc[0] if len(bps_values) else None
        units.append((kode, nama, codes.code_jenis(kode), codes.parent_code(kode), bps, list(group["row"]), geometry))
    if merged:
        report.repaired.append(
            Message(
                "boundaries.repaired.merged",
                n=len(merged),
                codes=Items(tuple(merged[:_LISTED]), sep="; ", more=len(merged) > _LISTED),
            )
        )
    for kode, nama, *_, unit_rows, _ in units:
        if not nama:
            for i in rows.index[rows["row"].isin(unit_rows)]:
                reject(rows, i, report, columns.name, Message("boundaries.reason.no_name", kode=kode))
    units = [u for u in units if u[1]]
    if not units:
        raise nothing_loadable(report)
    frame = gpd.GeoDataFrame(
        units, columns=["kode", "nama", "jenis", "kode_induk", "kode_bps", "rows", "geometry"], crs=WGS84
    )
    frame["kode_bps"] = frame["kode_bps"].astype("object")
    return frame
