"""Assign located records (PMKS case locations, dwellings) to desa/kelurahan polygons.

Official boundaries overlap and leave gaps of up to about 2 ha between neighbours, and
coastal houses stand on stilts over the water, so a plain point-in-polygon test loses
points: a point that falls in no unit goes to the nearest one within a tolerance, and a point
that falls in two goes to the one that holds it deepest (or to the unit the record declares,
when that is one of them). Distances are metres in the UTM zone of the units (:mod:`geodata.crs`).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.codes import normalise_code
from geodata.crs import WGS84, metric_crs


def assign_points_to_units(
    points: pd.DataFrame,
    units: pd.DataFrame,
    *,
    lon_column: str = "lon",
    lat_column: str = "lat",
    declared_column: str | None = None,
    max_distance_m: float = 250.0,
) -> pd.DataFrame:
    """The unit each point lies in, with a tolerance for slivers, gaps and the shore.

    Parameters
    ----------
    points : pandas.DataFrame
        One row per record with longitude and latitude in degrees (EPSG:4326); rows with a
        missing or impossible coordinate are reported, not assigned.
    units : geopandas.GeoDataFrame or pandas.DataFrame
        ``kode`` (dotted) and ``geometry`` (shapely polygons, EPSG:4326). Units with a missing
        or empty geometry are ignored.
    lon_column, lat_column : str
        Columns of ``points`` with the coordinates.
    declared_column : str, optional
        Column of ``points`` with the kelurahan the record declares (a code, dotted or not);
        used to settle points in an overlap and to flag records whose coordinates say otherwise.
        A value that is not a Kemendagri code counts as none.
    max_distance_m : float
        A point in no unit goes to the nearest unit no farther than this, metres; farther
        points are left unassigned.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``points``:

        - ``kode_spatial``: the unit assigned, NA when none;
        - ``spatial_match``: ``inside`` (in exactly one unit), ``overlap`` (in several: the
          declared one if among them, else the one whose boundary is farthest from the point),
          ``nearest`` (in none, nearest within ``max_distance_m``), ``too_far`` (in none and
          farther) or ``no_coordinates``;
        - ``distance_m``: metres from the point to the assigned unit (0 inside), NaN when none;
        - ``declared_distance_m``: metres from the point to the declared unit, NaN without a
          declared code or when that code is not among ``units``;
        - ``declared_disagrees``: True when the declared code differs from ``kode_spatial``,
          False when they agree, NA without a declared code or an assigned unit.

    Empty ``points`` give an empty frame with these columns; with no usable unit every point
    is ``too_far``.
    """
    out = pd.DataFrame(index=points.index)
    out["kode_spatial"] = pd.Series(pd.NA, index=points.index, dtype="string")
    out["spatial_match"] = pd.Series("too_far", index=points.index, dtype="string")
    out["distance_m"] = np.nan
    out["declared_distance_m"] = np.nan
    out["declared_disagrees"] = pd.Series(pd.NA, index=points.index, dtype="boolean")
    if points.empty:
        return out

    lon = pd.to_numeric(points[lon_column], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(points[lat_column], errors="coerce").to_numpy(dtype=float)
    located = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
    out.loc[~located, "spatial_match"] = "no_coordinates"

    geoms = np.asarray(units["geometry"], dtype=object)
    usable = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    kode = np.asarray(units["kode"], dtype=object)[usable]
    geoms = geoms[usable]
    declared = np.array(
        [normalise_code(v) for v in points[declared_column]] if declared_column else [None] * len(points),
        dtype=object,
    )
    if not located.any() or len(geoms) == 0:
        return out

    shape_series = gpd.GeoSeries(geoms, crs=WGS84)
    crs = metric_crs(shape_series)
    shapes = shape_series.to_crs(crs).to_numpy()
    where = gpd.GeoSeries(shapely.points(lon[located], lat[located]), crs=WGS84).to_crs(crs).to_numpy()
    tree = shapely.STRtree(shapes)
    assigned = np.full(len(where), -1)
    match = np.full(len(where), "too_far", dtype=object)
    distance = np.full(len(where), np.nan)
    wanted = declared[located]

    # "within" leaves a point exactly on a shared edge to the nearest-unit step (distance 0)
    # instead of calling it an overlap.
    point_i, unit_i = tree.query(where, predicate="within")
    hits = np.bincount(point_i, minlength=len(where))
    single = np.isin(point_i, np.flatnonzero(hits == 1))
    assigned[point_i[single]] = unit_i[single]
    match[point_i[single]] = "inside"
    distance[point_i[single]] = 0.0
    if (hits > 1).any():
        several = ~single
        depth = shapely.distance(where[point_i[several]], shapely.boundary(shapes[unit_i[several]]))
        for p in np.unique(point_i[several]):
            mine = point_i[several] == p
            options = unit_i[several][mine]
            chosen = _declared_among(options, kode, wanted[p])
            assigned[p] = chosen if chosen is not None else options[np.argmax(depth[mine])]
        match[hits > 1] = "overlap"
        distance[hits > 1] = 0.0

    outside = np.flatnonzero(hits == 0)
    if len(outside):
        near_p, near_u = tree.query_nearest(where[outside], max_distance=max_distance_m, all_matches=True)
        for p in np.unique(near_p):
            options = near_u[near_p == p]
            chosen = _declared_among(options, kode, wanted[outside[p]])
            assigned[outside[p]] = chosen if chosen is not None else options[0]
            match[outside[p]] = "nearest"
        reached = assigned[outside] >= 0
        distance[outside[reached]] = shapely.distance(where[outside[reached]], shapes[assigned[outside[reached]]])

    rows = np.flatnonzero(located)
    hit = assigned >= 0
    out.iloc[rows[hit], out.columns.get_loc("kode_spatial")] = kode[assigned[hit]]
    out.iloc[rows, out.columns.get_loc("spatial_match")] = match
    out.iloc[rows, out.columns.get_loc("distance_m")] = distance

    position = {k: i for i, k in enumerate(kode)}
    known = np.array([w is not None and w in position for w in wanted])
    if known.any():
        targets = np.array([position[w] for w in wanted[known]])
        out.iloc[rows[known], out.columns.get_loc("declared_distance_m")] = shapely.distance(
            where[known], shapes[targets]
        )
    has_declared = np.array([d is not None for d in declared])
    judged = has_declared & out["kode_spatial"].notna().to_numpy()
    out.loc[judged, "declared_disagrees"] = out.loc[judged, "kode_spatial"].to_numpy() != declared[judged]
    return out


def _declared_among(options: np.ndarray, kode: np.ndarray, declared) -> int | None:
    """The option whose code is the declared one, None when it is not among them."""
    if declared is None:
        return None
    for option in options:
        if kode[option] == declared:
            return option
    return None
