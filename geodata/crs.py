"""The one way to measure in metres: the UTM zone of the data, chosen by geopandas.

Lengths and areas in a UTM zone are within 0.1 % of the truth within about 300 km of the
zone's central meridian: a kota, a kabupaten or a province of Indonesia (Kalimantan Timur, the
widest, spans two zones and stays within 0.2 %). Everything that measures (areas of units,
distances of points to units, kernel density bandwidths, the planner's travel) goes through here.
"""

from __future__ import annotations

import functools
import math

import geopandas as gpd
import pyproj
import shapely

WGS84 = pyproj.CRS.from_epsg(4326)


def metric_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> pyproj.CRS:
    """The UTM CRS (metres) of the zone holding the centre of ``frame``'s bounds.

    Parameters
    ----------
    frame : GeoDataFrame or GeoSeries
        Any CRS; must have one and at least one non-empty geometry.
    """
    if frame.crs is None:
        raise ValueError("the geometries have no CRS: say which one they are in")
    if frame.crs.is_geographic:
        bounds = tuple(float(b) for b in frame.total_bounds)
        crs = None if any(math.isnan(b) for b in bounds) else _utm_crs(frame.crs.srs, bounds)
    else:
        crs = frame.estimate_utm_crs()
    if crs is None:
        raise ValueError("no UTM zone for these geometries (are they all empty?)")
    return crs


@functools.lru_cache(maxsize=256)
def _utm_crs(srs: str, bounds: tuple[float, float, float, float]) -> pyproj.CRS | None:
    """geopandas' ``estimate_utm_crs`` of geometries in a geographic CRS with these bounds,
    which is all it reads of them (their centre): a query of PROJ's database, about 80 ms,
    that a page's first visit made again for every measure of the same region."""
    return gpd.GeoSeries([shapely.box(*bounds)], crs=srs).estimate_utm_crs()


def to_metric(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> gpd.GeoDataFrame | gpd.GeoSeries:
    """``frame`` reprojected to its :func:`metric_crs`."""
    return frame.to_crs(metric_crs(frame))
