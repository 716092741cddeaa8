"""Where the enumerators work: island kelurahan that cost travel days, and the map classes of
enumerator counts shared by today's map and the proposal's."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from analytics.classify import Classes
from geodata.crs import to_metric

ISLAND_GAP_M = 50.0


def island_units(shapes: gpd.GeoDataFrame, gap_m: float = ISLAND_GAP_M) -> pd.Series:
    """Which units lie off the region's main landmass (and cost travel days to reach).

    The polygons are split into their parts; parts closer than ``gap_m`` to each other are
    linked, and the linked group with the largest total area is the main landmass. A unit is an
    island unit when less than half of its area lies on it. Nothing is hard-coded: in Kota Batam
    this finds the kecamatan Belakang Padang, Bulang and Galang and Ngenang, an island
    kelurahan of Nongsa.

    Parameters
    ----------
    shapes : geopandas.GeoDataFrame
        Units with polygon geometry (EPSG:4326 from the warehouse; no CRS is read as
        EPSG:4326); geographic coordinates are projected to the local UTM zone so that
        distances are in metres.
    gap_m : float
        Metres: official boundaries leave gaps of this order between neighbours.

    Returns
    -------
    pandas.Series
        Boolean, on the index of ``shapes``; False for a unit without a polygon (unknown) and
        for every unit when none has a polygon.
    """
    out = pd.Series(False, index=shapes.index)
    has_shape = shapes.geometry.notna() & ~shapes.geometry.is_empty
    if not has_shape.any():
        return out
    drawn = shapes[has_shape]
    if drawn.crs is None:
        drawn = drawn.set_crs("EPSG:4326")
    if drawn.crs.is_geographic:
        drawn = to_metric(drawn)
    parts = drawn.geometry.reset_index(drop=True).explode(index_parts=False)
    owner = parts.index.to_numpy()
    geoms = parts.to_numpy()
    left, right = shapely.STRtree(geoms).query(geoms, predicate="dwithin", distance=gap_m)
    links = sparse.coo_matrix((np.ones(len(left)), (left, right)), shape=(len(geoms), len(geoms)))
    _, group = connected_components(links, directed=False)
    area = shapely.area(geoms)
    main = np.bincount(group, weights=area).argmax()
    on_main = np.bincount(owner, weights=area * (group == main), minlength=len(drawn))
    total = np.bincount(owner, weights=area, minlength=len(drawn))
    out[has_shape] = on_main < 0.5 * total
    return out


def count_classes(before: pd.Series, after: pd.Series, max_classes: int = 7) -> tuple[Classes, Classes]:
    """Map classes of whole counts (enumerators per kelurahan) shared by two maps.

    Parameters
    ----------
    before, after : pandas.Series
        Counts (today's postings, the proposal); NaN is no data (class -1).
    max_classes : int
        With at most this many distinct counts, each count is a class of its own; with more,
        zero keeps a class of its own (a kelurahan nobody works in) and the breaks of the
        other classes are the quantiles of the positive counts of both series, rounded up.

    Returns
    -------
    tuple of analytics.classify.Classes
        (before, after) with the same ``bins`` (whole upper bounds, inclusive) and ``lower``
        (the least count); no bins when there is no value at all.
    """
    both = pd.concat([before, after], ignore_index=True).astype("float64").to_numpy()
    valid = both[~np.isnan(both)]
    if not len(valid):
        bins = np.array([])
    elif len(np.unique(valid)) <= max_classes:
        bins = np.unique(valid)
    else:
        zero = bool((valid <= 0).any())
        positive = valid[valid > 0]
        breaks = np.ceil(np.quantile(positive, np.linspace(0, 1, max_classes - zero + 1)[1:]))
        bins = np.unique(np.concatenate([[0.0] if zero else [], breaks]))
    index = np.where(np.isnan(both), -1, np.searchsorted(bins, np.nan_to_num(both), side="left"))
    lower = float(valid.min()) if len(valid) else math.nan

    def part(idx: np.ndarray) -> Classes:
        counts = tuple(int((idx == i).sum()) for i in range(len(bins)))
        return Classes(lower, tuple(float(b) for b in bins), idx, counts, int((idx < 0).sum()))

    return part(index[: len(before)]), part(index[len(before) :])
