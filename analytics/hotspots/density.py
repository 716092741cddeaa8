"""The kernel density of case points for a heat layer: a quartic kernel on a grid in metres
(the points' UTM zone, :func:`geodata.crs.metric_crs`), its quantile classes and their
polygons."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from analytics.classify import Classes, classify
from geodata.crs import WGS84, metric_crs

DEFAULT_BANDWIDTH_M = 750.0
MAX_GRID_CELLS = 4_000_000


@dataclass(frozen=True)
class DensityGrid:
    """A kernel density surface on a regular grid in a metric CRS.

    ``values[r, c]`` is the density (cases per km2) of the cell whose lower-left corner is
    ``(x0 + c * cell_m, y0 + r * cell_m)`` in ``crs`` (row 0 is the southernmost).
    """

    crs: pyproj.CRS
    x0: float
    y0: float
    cell_m: float
    bandwidth_m: float
    values: np.ndarray
    points_count: int

    @property
    def cell_km2(self) -> float:
        return (self.cell_m / 1000.0) ** 2


def quartic_kernel(bandwidth_m: float, cell_m: float) -> np.ndarray:
    """The quartic (biweight) kernel K(d) = (1 - d^2/h^2)^2 for d < h on grid offsets,
    normalised to sum to 1 so that the density surface keeps every case."""
    radius = int(np.ceil(bandwidth_m / cell_m))
    offsets = np.arange(-radius, radius + 1) * cell_m
    d2 = offsets[None, :] ** 2 + offsets[:, None] ** 2
    kernel = np.where(d2 < bandwidth_m**2, (1.0 - d2 / bandwidth_m**2) ** 2, 0.0)
    if kernel.sum() == 0:
        kernel[radius, radius] = 1.0
    return kernel / kernel.sum()


def grid_cell_m(bandwidth_m: float) -> float:
    """The side of :func:`kernel_density`'s grid cells by default: a fifth of the bandwidth
    (metres)."""
    return float(bandwidth_m) / 5.0


def cell_degrees(cell_m: float, lat: float) -> tuple[float, float]:
    """(degrees of longitude, degrees of latitude) that ``cell_m`` metres span at latitude
    ``lat`` (degrees) on the WGS84 ellipsoid, for a lon/lat grid of cells about ``cell_m``
    square there (the series of the meridian and parallel arc per degree, good to a
    centimetre per degree)."""
    phi = np.radians(lat)
    per_lat = 111132.92 - 559.82 * np.cos(2 * phi) + 1.175 * np.cos(4 * phi) - 0.0023 * np.cos(6 * phi)
    per_lon = 111412.84 * np.cos(phi) - 93.5 * np.cos(3 * phi) + 0.118 * np.cos(5 * phi)
    return float(cell_m / per_lon), float(cell_m / per_lat)


def kernel_density(
    lon: np.ndarray,
    lat: np.ndarray,
    bandwidth_m: float = DEFAULT_BANDWIDTH_M,
    cell_m: float | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    crs: pyproj.CRS | None = None,
    weights: np.ndarray | None = None,
) -> DensityGrid:
    """Kernel density of case points, in cases per km2, on a grid in metres.

    The points are binned on the grid and the counts convolved (FFT) with a quartic kernel of
    radius ``bandwidth_m``; with cells several times smaller than the bandwidth this equals
    the exact kernel sum up to half a cell of position.

    Parameters
    ----------
    lon, lat : array-like
        Point coordinates in degrees (EPSG:4326); pairs with a NaN are skipped.
    bandwidth_m : float
        Kernel radius in metres (the quartic kernel is zero beyond it).
    cell_m : float or None
        Grid cell side in metres; default a fifth of the bandwidth. Enlarged when the grid
        would exceed :data:`MAX_GRID_CELLS` cells.
    bounds : (minx, miny, maxx, maxy) or None
        The lon/lat box to cover (e.g. the region's boundaries); default the points' box. The
        grid reaches one bandwidth beyond it; points outside the grid are ignored.
    crs : pyproj.CRS or None
        Metric CRS of the grid; default the UTM zone of ``bounds`` (:func:`geodata.crs.metric_crs`).
    weights : array-like or None
        Cases at each point (e.g. the counts of cells the cases were counted in, their centres
        as the points); default one each.

    Returns
    -------
    DensityGrid
        With no point, an all-zero grid (one cell when there are no bounds either). The
        values integrate to the number of cases on the grid (points_count): sum(values) * cell_km2.
    """
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    weight = np.ones(len(lon)) if weights is None else np.asarray(weights, dtype="float64")
    keep = np.isfinite(lon) & np.isfinite(lat)
    lon, lat, weight = lon[keep], lat[keep], weight[keep]
    if bandwidth_m <= 0:
        raise ValueError("the bandwidth must be positive (metres)")
    if bounds is None:
        bounds = (lon.min(), lat.min(), lon.max(), lat.max()) if len(lon) else (0.0, 0.0, 0.0, 0.0)
    corners = gpd.GeoSeries(shapely.points([bounds[0], bounds[2]], [bounds[1], bounds[3]]), crs=WGS84)
    crs = crs or metric_crs(corners)
    to_metric = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    corner_x, corner_y = to_metric.transform(
        np.array([bounds[0], bounds[2], bounds[0], bounds[2]]), np.array([bounds[1], bounds[1], bounds[3], bounds[3]])
    )
    x0, y0 = min(corner_x) - bandwidth_m, min(corner_y) - bandwidth_m
    width, height = max(corner_x) + bandwidth_m - x0, max(corner_y) + bandwidth_m - y0
    cell = float(cell_m or grid_cell_m(bandwidth_m))
    cell = max(cell, float(np.sqrt(width * height / MAX_GRID_CELLS)))
    nx, ny = max(1, int(np.ceil(width / cell))), max(1, int(np.ceil(height / cell)))
    counts = np.zeros(ny * nx)
    if len(lon):
        x, y = to_metric.transform(lon, lat)
        col = np.floor((np.asarray(x) - x0) / cell).astype(np.int64)
        row = np.floor((np.asarray(y) - y0) / cell).astype(np.int64)
        inside = (col >= 0) & (col < nx) & (row >= 0) & (row < ny)
        counts = np.bincount(row[inside] * nx + col[inside], weights=weight[inside], minlength=ny * nx)
    counts = counts.reshape(ny, nx)
    # Imported here: scipy.signal costs most of a second to import, paid by every process
    # (server, worker, command line) that loads the hot spots but never draws a heat layer.
    from scipy.signal import fftconvolve

    expected = fftconvolve(counts, quartic_kernel(bandwidth_m, cell), mode="same") if counts.any() else counts
    density = np.clip(expected, 0.0, None) / (cell / 1000.0) ** 2
    return DensityGrid(crs, x0, y0, cell, float(bandwidth_m), density, int(round(counts.sum())))


def density_classes(grid: DensityGrid, k: int = 5, floor_share: float = 0.02) -> Classes:
    """Quantile classes of the grid cells that carry a visible density.

    Parameters
    ----------
    grid : DensityGrid
    k : int
        Number of classes.
    floor_share : float
        Cells below this share of the highest density are not classed (index -1) and not
        drawn, so the layer shows where cases are rather than the kernel's faint tails.

    Returns
    -------
    analytics.classify.Classes
        Over ``grid.values.ravel()`` (cases per km2); no classes when the grid is all zero.
    """
    values = grid.values.ravel()
    top = values.max() if values.size else 0.0
    shown = np.where((values >= floor_share * top) & (values > 0), values, np.nan)
    return classify(pd.Series(shown), scheme="quantiles", k=k)


def density_polygons(grid: DensityGrid, classes: Classes) -> gpd.GeoDataFrame:
    """The classed cells of a density grid merged into one (multi)polygon per class.

    Parameters
    ----------
    grid : DensityGrid
    classes : analytics.classify.Classes
        From :func:`density_classes` on the same grid.

    Returns
    -------
    geopandas.GeoDataFrame
        class_index (0 = lowest), lower and upper bound (cases per km2), area_km2 and the
        geometry in EPSG:4326; one row per class that has cells.
    """
    ny, nx = grid.values.shape
    index = np.asarray(classes.index).reshape(ny, nx)
    lowers = (classes.lower, *classes.bins[:-1])
    rows, geoms = [], []
    for i, upper in enumerate(classes.bins):
        r, c = np.nonzero(index == i)
        if not len(r):
            continue
        x = grid.x0 + c * grid.cell_m
        y = grid.y0 + r * grid.cell_m
        cells = shapely.box(x, y, x + grid.cell_m, y + grid.cell_m)
        geoms.append(shapely.coverage_union_all(cells))
        rows.append({"class_index": i, "lower": lowers[i], "upper": upper, "area_km2": len(r) * grid.cell_km2})
    out = gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=["class_index", "lower", "upper", "area_km2"]), geometry=geoms, crs=grid.crs
    )
    return out.to_crs("EPSG:4326")
