"""Checks between neighbours: overlaps and gaps of at least a given area, in metres."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geodata.boundaries.model import BoundaryOptions, BoundaryReport
from geodata.crs import WGS84
from geodata.messages import Message, Num


def overlaps_between(
    geoms_m: np.ndarray, kode: np.ndarray, min_area_m2: float, crs: pyproj.CRS | None = None
) -> pd.DataFrame:
    """Pairs of units whose interiors overlap by at least ``min_area_m2``.

    Parameters
    ----------
    geoms_m : array of shapely geometries
        Valid (multi)polygons in a metric CRS (metres).
    kode : array of str
        The unit code of each geometry.
    min_area_m2 : float
        Smallest overlap reported, m2.
    crs : pyproj.CRS, optional
        The metric CRS of ``geoms_m``, to give ``lon``/``lat`` of each overlap.

    Returns
    -------
    pandas.DataFrame
        ``kode_a``, ``kode_b`` (``kode_a < kode_b``), ``area_m2``, ``lon``, ``lat`` (a point
        inside the overlap, EPSG:4326; NaN without ``crs``), largest first. Empty for fewer than
        two units.
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    kode = np.asarray(kode, dtype=object)
    tree = shapely.STRtree(geoms_m)
    left, right = tree.query(geoms_m, predicate="intersects")
    pair = left < right
    left, right = left[pair], right[pair]
    shared = shapely.intersection(geoms_m[left], geoms_m[right])
    area = shapely.area(shared)
    keep = area >= min_area_m2
    a, b = kode[left[keep]], kode[right[keep]]
    return _neighbour_frame(np.minimum(a, b), np.maximum(a, b), area[keep], shared[keep], crs)


def gaps_between(
    geoms_m: np.ndarray, kode: np.ndarray, min_area_m2: float, crs: pyproj.CRS | None = None
) -> pd.DataFrame:
    """Holes between neighbouring units of at least ``min_area_m2``.

    A gap is a hole of the union of all units that touches two or more of them; a hole that
    only one unit surrounds is that unit's own (a lake, an enclave) and is not reported.
    Gaps that open onto the outside (the sea) cannot be told from the coastline and are not
    found.

    Parameters
    ----------
    geoms_m, kode, min_area_m2, crs
        As for :func:`overlaps_between`.

    Returns
    -------
    pandas.DataFrame
        ``kode_a``, ``kode_b`` (the two units with the longest border on the gap, ``kode_a <
        kode_b``), ``area_m2``, ``lon``, ``lat``, largest first.
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    kode = np.asarray(kode, dtype=object)
    if len(geoms_m) < 2:
        return _neighbour_frame([], [], [], [], crs)
    try:
        union = shapely.union_all(geoms_m)
    except shapely.errors.GEOSException:
        # Messy overlaps can defeat exact overlay; a centimetre grid is far below what is reported.
        union = shapely.union_all(geoms_m, grid_size=0.01)
    holes = np.array(
        [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors], dtype=object
    )
    if len(holes) == 0:
        return _neighbour_frame([], [], [], [], crs)
    holes = holes[shapely.area(holes) >= min_area_m2]
    tree = shapely.STRtree(geoms_m)
    found_a, found_b, areas, shapes = [], [], [], []
    for hole in holes:
        near = tree.query(hole, predicate="dwithin", distance=0.5)
        if len(near) < 2:
            continue
        rim = shapely.buffer(hole.exterior, 0.5)
        contact = shapely.length(shapely.intersection(shapely.boundary(geoms_m[near]), rim))
        best = near[np.argsort(contact)[::-1][:2]]
        if np.sort(contact)[-2] <= 0:
            continue
        a, b = sorted(kode[best])
        found_a.append(a)
        found_b.append(b)
        areas.append(hole.area)
        shapes.append(hole)
    return _neighbour_frame(found_a, found_b, areas, shapes, crs)


def _neighbour_frame(a, b, area, shapes, crs) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "kode_a": pd.Series(a, dtype="object"),
            "kode_b": pd.Series(b, dtype="object"),
            "area_m2": pd.Series(area, dtype="float64"),
        }
    )
    if crs is not None and len(frame):
        inside = gpd.GeoSeries(shapely.point_on_surface(np.asarray(shapes, dtype=object)), crs=crs).to_crs(WGS84)
        frame["lon"], frame["lat"] = inside.x.to_numpy(), inside.y.to_numpy()
    else:
        frame["lon"] = frame["lat"] = np.nan
    return frame.sort_values("area_m2", ascending=False, ignore_index=True)


def report_neighbours(report: BoundaryReport, options: BoundaryOptions) -> None:
    """One warning each for the overlaps and the gaps found, with their total and largest."""
    for what, table in (("overlaps", report.overlaps), ("gaps", report.gaps)):
        if table.empty:
            continue
        worst = table.iloc[0]
        report.warnings.append(
            Message(
                f"boundaries.warning.{what}",
                n=len(table),
                min_m2=options.neighbour_report_m2,
                total_ha=Num(table["area_m2"].sum() / 1e4, 2),
                largest_ha=Num(worst["area_m2"] / 1e4, 2),
                kode_a=worst["kode_a"],
                kode_b=worst["kode_b"],
                gap_m=options.display_gap_width_m,
            )
        )
