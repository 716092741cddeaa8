"""Approximate kelurahan polygons for the synthetic demo warehouse.

Real boundary files are large and licensed separately, so the demo draws plausible shapes
from a point inside each kelurahan and its real area: a power diagram (a Voronoi diagram whose
cells can be enlarged by a weight) gives every kelurahan its own room without overlaps, and a
star-shaped "blob" around the point cuts the room down to the real area. Dense city kelurahan
keep their whole cell, so they stay adjacent; island kelurahan keep a gap to their neighbours
and, when they span many islands, get a few islets. Pure: no streamlit, no database.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

UTM_48N = "EPSG:32648"
WGS84 = "EPSG:4326"

# Kecamatan of Kota Batam that are groups of small islands (Belakang Padang, Bulang, Galang).
BATAM_ISLAND_KECAMATAN = ("21.71.01", "21.71.05", "21.71.08")

# A mainland cell holding at most this multiple of the real area is kept whole (adjacent
# neighbours, as in a built-up city); a larger one is cut down to the real area.
WHOLE_CELL_MAX_RATIO = 1.5
# Half the sea between two island kelurahan, metres.
ISLAND_GAP_M = 150.0
# Kelurahan with more parts than this get islets holding ISLET_SHARE of their area.
ISLET_MIN_PARTS = 10
ISLET_SHARE = 0.2
MAX_ISLETS = 4
# Margin around the points for the outermost cells, metres.
EXTENT_MARGIN_M = 25_000.0
# Vertices of a blob outline: enough for a smooth map at kelurahan scale.
BLOB_VERTICES = 96
# Sites whose half-planes are intersected first when building a power cell.
NEAR_SITES = 12
GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))


def demo_kelurahan_polygons(
    facts: pd.DataFrame,
    island_kecamatan: tuple[str, ...] = BATAM_ISLAND_KECAMATAN,
    seed: int = 2171,
) -> gpd.GeoDataFrame:
    """Plausible approximate kelurahan polygons from one inside point and the area of each.

    The construction works in UTM zone 48N (EPSG:32648, metres), which covers Kota Batam.
    A power diagram of the points is computed and the weight of every cell smaller than its
    kelurahan's area is raised until the cell has room for it (capped so that each point stays
    inside its own cell). Then a mainland cell is kept whole when it holds at most
    :data:`WHOLE_CELL_MAX_RATIO` times the area, otherwise it is intersected with a star-shaped
    blob centred on the point and sized by bisection to the area. Cells of island kecamatan are
    first shrunk by :data:`ISLAND_GAP_M` so island kelurahan never touch, and kelurahan of more
    than :data:`ISLET_MIN_PARTS` parts get up to :data:`MAX_ISLETS` elliptic islets outside
    their main blob. No two results overlap (beyond floating-point slivers), every point lies
    inside its own polygon, and every area is within a factor of two of ``luas_km2``
    (normally within a few percent; up to :data:`WHOLE_CELL_MAX_RATIO` for whole cells).

    Parameters
    ----------
    facts : pandas.DataFrame
        One row per kelurahan, the codes unique: ``kode`` (dotted Kemendagri code, text),
        ``kode_kecamatan`` (text), ``lon``, ``lat`` (degrees, EPSG:4326, a point inside the
        kelurahan), ``luas_km2`` (real area, km2, > 0) and ``bagian`` (number of separate land
        parts, >= 1). Other columns are ignored. The points must be distinct.
    island_kecamatan : tuple of str
        Kecamatan codes whose kelurahan are islands, kept apart from their neighbours.
    seed : int
        Seed of the shape parameters; the same facts and seed give the same polygons.

    Returns
    -------
    geopandas.GeoDataFrame
        ``kode`` and ``geometry`` (valid Polygon or MultiPolygon), EPSG:4326, in the row order
        of ``facts`` with a fresh index. An empty ``facts`` gives an empty frame.
    """
    if facts.empty:
        return gpd.GeoDataFrame({"kode": pd.Series(dtype=str)}, geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    # Every random draw follows the code order, so the input row order cannot change a shape.
    order = np.argsort(facts["kode"].astype(str).to_numpy(), kind="stable")
    rows = facts.iloc[order].reset_index(drop=True)
    sites_wgs = gpd.GeoSeries(gpd.points_from_xy(rows["lon"], rows["lat"]), crs=WGS84)
    sites_m = sites_wgs.to_crs(UTM_48N)
    xy = np.column_stack([sites_m.x.to_numpy(), sites_m.y.to_numpy()])
    target = rows["luas_km2"].to_numpy(dtype=float) * 1e6
    island = rows["kode_kecamatan"].astype(str).isin(island_kecamatan).to_numpy()
    parts = rows["bagian"].to_numpy(dtype=int)

    rng = np.random.default_rng(seed)
    amplitude = rng.uniform(0.03, 0.12, size=(len(rows), 3))
    phase = rng.uniform(0.0, 2 * np.pi, size=(len(rows), 3))
    islet_turn = rng.uniform(0.0, 2 * np.pi, size=len(rows))

    rooms = _rooms(xy, target, island)
    room_area = shapely.area(rooms)
    whole = ~island & (room_area <= WHOLE_CELL_MAX_RATIO * target)
    with_islets = ~whole & (parts > ISLET_MIN_PARTS)
    main_target = np.where(with_islets, (1.0 - ISLET_SHARE) * target, target)

    blob_scale = _fit_blobs(xy, rooms, main_target, amplitude, phase)
    shapes = np.where(whole, rooms, shapely.intersection(rooms, _blobs(xy, blob_scale, amplitude, phase)))
    for i in np.flatnonzero(with_islets):
        islets = _islets(
            xy[i],
            blob_scale[i] * (1 + amplitude[i].sum()),
            ISLET_SHARE * target[i],
            min(MAX_ISLETS, 1 + parts[i] // 25),
            islet_turn[i],
            rooms[i],
            rng,
        )
        if len(islets) == 0:
            islets_area = 0.0
        else:
            islets_area = shapely.area(shapely.union_all(islets))
            # The main blob must not reach the islets, or they would merge into it.
            rooms[i] = shapely.difference(rooms[i], shapely.buffer(shapely.union_all(islets), 2 * ISLAND_GAP_M))
        # Islets that did not fit leave their area to the main blob.
        scale = _fit_blobs(
            xy[i : i + 1], rooms[i : i + 1], np.array([target[i] - islets_area]), amplitude[i : i + 1], phase[i : i + 1]
        )
        main = shapely.intersection(rooms[i], _blobs(xy[i : i + 1], scale, amplitude[i : i + 1], phase[i : i + 1])[0])
        shapes[i] = shapely.union_all(np.append(islets, main))
    shapes = shapely.make_valid(shapes)

    out = gpd.GeoSeries(shapes, crs=UTM_48N).to_crs(WGS84)
    result = gpd.GeoDataFrame({"kode": rows["kode"].astype(str).to_numpy()}, geometry=out.to_numpy(), crs=WGS84)
    back = np.empty_like(order)
    back[order] = np.arange(len(order))
    return result.iloc[back].reset_index(drop=True)


def _power_cells(xy: np.ndarray, weight: np.ndarray, extent) -> np.ndarray:
    """Power-diagram cells of the sites (metres), clipped to ``extent``.

    Cell i is where |p - s_i|^2 - w_i <= |p - s_j|^2 - w_j for every j: a half-plane per
    neighbour, 2 p.(s_j - s_i) <= |s_j|^2 - |s_i|^2 + w_i - w_j.
    """
    centre = xy.mean(axis=0)
    s = xy - centre
    big = 1e7
    cells = np.empty(len(s), dtype=object)
    norm2 = (s**2).sum(axis=1)
    for i in range(len(s)):
        others = np.flatnonzero(np.arange(len(s)) != i)
        normal = s[others] - s[i]
        length = np.hypot(normal[:, 0], normal[:, 1])
        unit = normal / length[:, None]
        offset = (norm2[others] - norm2[i] + weight[i] - weight[others]) / (2 * length)
        foot = unit * offset[:, None]
        tangent = np.column_stack([-unit[:, 1], unit[:, 0]])
        # A half-plane as a huge rectangle on the allowed side of the line.
        corners = np.stack(
            [
                foot + big * tangent,
                foot - big * tangent,
                foot - big * tangent - big * unit,
                foot + big * tangent - big * unit,
            ],
            axis=1,
        )
        halves = shapely.polygons(corners + centre)
        # The nearest sites bound the cell almost always; the others are checked against its
        # corners and used only where they cut it, which keeps the diagram exact but cheap.
        near = np.argsort(length, kind="stable")[:NEAR_SITES]
        cell = shapely.intersection_all(np.append(halves[near], extent))
        while True:
            corner = shapely.get_coordinates(cell) - centre
            cuts = ((corner @ unit.T) > offset[None, :] + 1e-6).any(axis=0)
            if not cuts.any():
                break
            cell = shapely.intersection_all(np.append(halves[cuts], cell))
        cells[i] = cell
    return cells


def _rooms(xy: np.ndarray, target: np.ndarray, island: np.ndarray, iterations: int = 60) -> np.ndarray:
    """The space each kelurahan may fill: its power cell, weighted until it holds ``target``
    (square metres), shrunk by the island gap for island kelurahan."""
    extent = shapely.box(*(xy.min(axis=0) - EXTENT_MARGIN_M), *(xy.max(axis=0) + EXTENT_MARGIN_M))
    distance2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(distance2, np.inf)
    # A weight below the squared distance to every other site keeps every site in its own
    # cell (site j leaves its cell only when w_i - w_j exceeds |s_i - s_j|^2); half of it
    # keeps the points well inside.
    cap = 0.5 * distance2.min(axis=1)
    weight = np.zeros(len(xy))
    for _ in range(iterations):
        rooms = _power_cells(xy, weight, extent)
        rooms = np.where(island, shapely.buffer(rooms, -ISLAND_GAP_M), rooms)
        shortfall = 1.02 * target - shapely.area(rooms)
        grow = (shortfall > 0) & (weight < cap)
        if not grow.any():
            break
        # Raising w_i by d moves each bisector by d / (2 |s_i - s_j|), adding about
        # d * pi / 2 of area to a roundish cell: step a little below that to avoid overshoot.
        weight = np.where(grow, np.minimum(weight + 0.5 * shortfall, cap), weight)
    return rooms


def _blobs(xy: np.ndarray, scale: np.ndarray, amplitude: np.ndarray, phase: np.ndarray) -> np.ndarray:
    """Star-shaped outlines r(t) = scale * (1 + sum a_k sin(m_k t + phi_k)) around each site."""
    theta = np.linspace(0.0, 2 * np.pi, BLOB_VERTICES, endpoint=False)
    harmonics = np.array([2.0, 3.0, 5.0])
    wave = np.sin(harmonics[None, :, None] * theta[None, None, :] + phase[:, :, None])
    radius = scale[:, None] * (1.0 + (amplitude[:, :, None] * wave).sum(axis=1))
    ring = np.stack([xy[:, 0, None] + radius * np.cos(theta), xy[:, 1, None] + radius * np.sin(theta)], axis=2)
    return shapely.polygons(ring)


def _fit_blobs(xy, rooms, target, amplitude, phase, iterations: int = 50) -> np.ndarray:
    """Blob scales (metres) whose intersection with the room has the target area; a room
    smaller than the target gives a blob covering all of it."""
    reach = shapely.hausdorff_distance(rooms, shapely.points(xy))
    low = np.zeros(len(xy))
    high = reach / (1.0 - amplitude.sum(axis=1))
    for _ in range(iterations):
        middle = (low + high) / 2
        area = shapely.area(shapely.intersection(rooms, _blobs(xy, middle, amplitude, phase)))
        too_small = area < target
        low = np.where(too_small, middle, low)
        high = np.where(too_small, high, middle)
    return high


def _islets(centre, clearance, area, count, turn, room, rng) -> np.ndarray:
    """Up to ``count`` elliptic islets of total ``area`` (square metres) around ``centre``,
    beyond ``clearance`` metres and wholly inside ``room``.

    Directions are tried at golden-angle steps from ``turn`` so the islets spread out; an
    islet that fits in none of the tried directions is left out.
    """
    share = rng.dirichlet(np.full(count, 2.0))
    ratio = rng.uniform(1.3, 2.5, size=count)
    tilt = rng.uniform(0.0, np.pi, size=count)
    spread = rng.uniform(1.1, 1.8, size=count)
    major = np.sqrt(area * share * ratio / np.pi)
    minor = major / ratio
    t = np.linspace(0.0, 2 * np.pi, 32, endpoint=False)
    angles = turn + GOLDEN_ANGLE * np.arange(8 * count)
    placed = []
    tried = 0
    for k in range(count):
        ex = major[k] * np.cos(t)
        ey = minor[k] * np.sin(t)
        outline = np.column_stack(
            [ex * np.cos(tilt[k]) - ey * np.sin(tilt[k]), ex * np.sin(tilt[k]) + ey * np.cos(tilt[k])]
        )
        distance = clearance + 2 * ISLAND_GAP_M + major[k] * spread[k]
        while tried < len(angles):
            angle = angles[tried]
            tried += 1
            islet = shapely.Polygon(outline + centre + distance * np.array([np.cos(angle), np.sin(angle)]))
            clear = all(shapely.distance(islet, other) > 2 * ISLAND_GAP_M for other in placed)
            if clear and shapely.contains(room, islet):
                placed.append(islet)
                break
    return np.array(placed, dtype=object)
