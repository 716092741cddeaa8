"""The polygons of the levels above desa/kelurahan: kecamatan, kab/kota and provinsi dissolved
from their units, and simplified together for the maps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

PARENT_LEVELS = ("kecamatan", "kabkota", "provinsi")
"""The levels dissolved from the units, lowest first."""
# Length of a level's dotted Kemendagri code: a unit's parent at a level is this prefix of its code.
CODE_LENGTH = {"provinsi": 2, "kabkota": 5, "kecamatan": 8}
OUTLINE_SHARE = 0.02
"""Display tolerance of a level's outlines, as a share of the square root of its median area."""


def parent_code(kode: pd.Series, level: str) -> pd.Series:
    """The code of each unit's parent at ``level`` (one of :data:`PARENT_LEVELS`), the prefix
    of its dotted code (``21.71.06.1002`` -> kecamatan ``21.71.06``, kab/kota ``21.71``,
    provinsi ``21``)."""
    return kode.str[: CODE_LENGTH[level]]


def dissolve_by_parent(geoms, parents) -> pd.Series:
    """The union of the polygons of each parent.

    A set of units whose polygons form a coverage (no overlaps, neighbours sharing identical
    edge vertices) is joined with ``shapely.coverage_union_all``, which only drops the shared
    edges and is much faster. Any other set (official files overlap or leave slivers, edges
    need not share vertices) is joined with ``shapely.union_all`` (unary union): a coverage
    union of such input keeps internal edges or gives an invalid polygon.

    Parameters
    ----------
    geoms : array of shapely geometries
        The units' (multi)polygons, any one CRS (the output has the same); missing or empty
        ones are left out.
    parents : sequence of str
        The parent code of each unit, same length.

    Returns
    -------
    pandas.Series
        One geometry per parent code (the index, sorted); a parent whose units all lack a
        polygon is absent.
    """
    frame = pd.DataFrame({"parent": np.asarray(parents, dtype=object), "geom": np.asarray(geoms, dtype=object)})
    frame = frame[~(shapely.is_missing(frame["geom"].to_numpy()) | shapely.is_empty(frame["geom"].to_numpy()))]
    out = {}
    for parent, group in frame.groupby("parent", sort=True):
        members = group["geom"].to_numpy()
        exact = len(members) == 1 or bool(shapely.coverage_is_valid(members))
        out[parent] = shapely.coverage_union_all(members) if exact else shapely.union_all(members)
    return pd.Series(out, dtype=object)


def simplify_outlines(geoms, share: float = OUTLINE_SHARE) -> np.ndarray:
    """The polygons of one level simplified for the map, with shared edges kept where they
    form a coverage.

    The tolerance is ``share`` times the square root of the median polygon area (so in the
    CRS's units: degrees for EPSG:4326): a level of provinces loses more detail than one of
    kecamatan, and every level keeps about the same number of vertices per polygon. A
    coverage is simplified together (``shapely.coverage_simplify``, neighbours move their
    common edge alike); any other set one by one (``shapely.simplify`` preserving topology).

    Parameters
    ----------
    geoms : array of shapely geometries
        (Multi)polygons of one level, any one CRS.
    share : float
        Tolerance as a share of the square root of the median area (0 leaves them as they are).

    Returns
    -------
    numpy.ndarray
        One geometry per input, same CRS; a polygon the simplification would lose keeps its
        own plain simplification.
    """
    geoms = np.asarray(geoms, dtype=object)
    if not len(geoms) or share <= 0:
        return geoms
    tolerance = share * float(np.sqrt(np.median(shapely.area(geoms))))
    if len(geoms) > 1 and shapely.coverage_is_valid(geoms):
        simple = np.asarray(shapely.coverage_simplify(geoms, tolerance), dtype=object)
    else:
        simple = np.asarray(shapely.simplify(geoms, tolerance, preserve_topology=True), dtype=object)
    lost = shapely.is_empty(simple) | shapely.is_missing(simple)
    simple[lost] = shapely.simplify(geoms[lost], tolerance, preserve_topology=True)
    return simple
