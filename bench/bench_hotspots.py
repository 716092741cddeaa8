"""PMKS hot spots and heat layer at the sizes of issue 8: Getis-Ord Gi* (analytics.hotspots.
hot_spots: libpysal weights, esda G_Local, the two-sided permutation p, the FDR correction and
the classes) for Kota Batam's 64 kelurahan and for 6,000 synthetic units, and the kernel
density of 1 million case points (analytics.hotspots.kernel_density), each against a plain
numpy reference implementation of the same figures, in the same run.

    .venv/bin/python bench/bench_hotspots.py [--runs 3] [--permutations 9999]
        [--large-units 6000] [--large-permutations 9999] [--points 1000000]

Gi*: the 64 units are the demo's official Batam polygons (warehouse/demo/data, islands
included); the 6,000 units a grid of 0.005-degree squares (about 550 m) with two island
squares off the coast. Case densities are Poisson counts with planted clusters, seeded. The
reference gets the same neighbour lists (ours includes building them; that part alone is
printed as "weights s"),
computes Gi* and its z-score by the textbook formulas (Getis and Ord 1995) on a sparse matrix,
draws its own conditional permutations with numpy, and applies the same two-sided p rule and
Benjamini-Hochberg by hand. Printed: the seconds of each (median of --runs), their ratio, the
largest difference of z (must be ~1e-12: the same statistic) and the share of units whose
class agrees (the p-values are Monte Carlo estimates from different random draws, so a unit
near a threshold may differ). Both sizes run with the page's 9,999 permutations: with the FDR
correction over n units, a unit can only reach 95 % when at least 2 n / (0.05 (permutations +
1)) units share the smallest p, i.e. 240 of 6,000 at 999 permutations, so fewer permutations
find nothing at that size. The kept simulations take units x permutations x 8 bytes (480 MB
for 6,000 units at 9,999).

Kernel density: 1 million points in clusters around the 64 kelurahan over Batam's extent, the
page's default 750 m quartic kernel on a 150 m grid. The reference evaluates the exact kernel
of every point at every cell centre within the bandwidth (no binning: each point at its own
position) by looping over the kernel's cell offsets. Printed: the seconds of each, their ratio,
the cases on each grid (both must keep every point), and the largest difference relative to
the peak (binning moves a point by up to half a cell). The time of the page's whole heat layer
(density, classes, polygons) is printed too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics import hotspots  # noqa: E402
from warehouse.demo.geography import BATAM_BOUNDARIES  # noqa: E402

SEED = 2171
UTM_48N = "EPSG:32648"  # Kota Batam's UTM zone
# Nagoya / Lubuk Baja, Batam's busiest area, and a second centre at Batu Aji.
CLUSTERS = ((104.01, 1.14), (103.95, 1.04))


def median_seconds(fn, runs: int) -> tuple[float, object]:
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# --- data --------------------------------------------------------------------------------------


def batam_units(rng: np.random.Generator) -> gpd.GeoDataFrame:
    """The 64 demo kelurahan with cases per km2: Poisson counts, 6 times more within 4 km of the
    cluster centres."""
    units = gpd.read_file(BATAM_BOUNDARIES)[["kode", "geometry"]].sort_values("kode").reset_index(drop=True)
    return units.assign(value=_case_density(units, rng, 4_000.0))


def grid_units(count: int, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """``count`` units: a near-square grid of 0.005-degree squares from (103.9, 0.95), the last
    two cells replaced by island squares 0.2 degrees off its corner."""
    cols = int(np.ceil(np.sqrt(count)))
    i = np.arange(count - 2)
    x, y = 103.9 + 0.005 * (i % cols), 0.95 + 0.005 * (i // cols)
    geoms = list(shapely.box(x, y, x + 0.005, y + 0.005))
    top = y.max() + 0.2
    geoms += [shapely.box(103.7, top, 103.705, top + 0.005), shapely.box(103.72, top, 103.725, top + 0.005)]
    units = gpd.GeoDataFrame({"kode": [f"u{k:05d}" for k in range(count)]}, geometry=geoms, crs="EPSG:4326")
    return units.assign(value=_case_density(units, rng, 1_500.0))


def _case_density(units: gpd.GeoDataFrame, rng: np.random.Generator, radius_m: float) -> np.ndarray:
    metric = units.to_crs(UTM_48N)
    centroids = metric.geometry.centroid
    to_utm = pyproj.Transformer.from_crs("EPSG:4326", UTM_48N, always_xy=True)
    near = np.zeros(len(units), dtype=bool)
    for lon, lat in CLUSTERS:
        cx, cy = to_utm.transform(lon, lat)
        near |= np.hypot(centroids.x - cx, centroids.y - cy).to_numpy() < radius_m
    counts = rng.poisson(np.where(near, 30.0, 5.0))
    return counts / (metric.area.to_numpy() / 1e6)


def case_points(units: gpd.GeoDataFrame, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``count`` points: each around a kelurahan centroid (weighted by its density), normal
    with a 1 km spread, half of them around the two cluster centres with a 600 m spread."""
    centroids = units.to_crs(UTM_48N).geometry.centroid.to_crs("EPSG:4326")
    half = count // 2
    pick = rng.choice(len(units), size=half, p=units["value"].to_numpy() / units["value"].sum())
    centres = np.array(CLUSTERS)[rng.integers(0, len(CLUSTERS), count - half)]
    lon = np.r_[
        centroids.x.to_numpy()[pick] + rng.normal(0, 0.009, half), centres[:, 0] + rng.normal(0, 0.0054, count - half)
    ]
    lat = np.r_[
        centroids.y.to_numpy()[pick] + rng.normal(0, 0.009, half), centres[:, 1] + rng.normal(0, 0.0054, count - half)
    ]
    return lon, lat


# --- Gi* reference ---------------------------------------------------------------------------


def reference_gi_star(y: np.ndarray, neighbours: list[np.ndarray], permutations: int, seed: int) -> pd.DataFrame:
    """Gi* with binary weights and the unit itself included, in plain numpy.

    z_i = (sum_j w_ij y_j - ybar W_i) / (S sqrt((n W_i - W_i^2) / (n - 1))), W_i = neighbours +
    1, S the population standard deviation (Getis and Ord 1995, eq. 9). Conditional
    permutations keep y_i and draw the neighbours' values without replacement from the other
    n - 1 units; the p-value and the FDR follow the module note of analytics.hotspots.
    """
    n = len(y)
    rows = np.concatenate([np.arange(n), *[np.full(len(nb), i) for i, nb in enumerate(neighbours)]])
    cols = np.concatenate([np.arange(n), *neighbours])
    weights = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    w_i = np.asarray(weights.sum(axis=1)).ravel()
    mean, s = y.mean(), y.std()
    z = (weights @ y - mean * w_i) / (s * np.sqrt((n * w_i - w_i**2) / (n - 1)))
    gi = weights @ y / y.sum()

    rng = np.random.default_rng(seed)
    k_max = max(len(nb) for nb in neighbours)
    # One set of draws from range(n - 1) shared by all units, shifted past each unit's own index.
    draws = np.argsort(rng.random((permutations, n - 1)), axis=1)[:, :k_max]
    ge = np.empty(n)
    le = np.empty(n)
    above = np.empty(n, dtype=bool)
    eps = 1e-9 * np.abs(gi).max()
    for i, nb in enumerate(neighbours):
        idx = draws[:, : len(nb)]
        idx = idx + (idx >= i)
        sim = (y[i] + y[idx].sum(axis=1)) / y.sum()
        ge[i] = (sim >= gi[i] - eps).sum()
        le[i] = (sim <= gi[i] + eps).sum()
        above[i] = gi[i] > sim.mean()
    p = np.minimum(1.0, 2.0 * (np.minimum(ge, le) + 1.0) / (permutations + 1.0))
    order = np.argsort(p)
    scaled = p[order] * n / np.arange(1, n + 1)
    p_fdr = np.empty(n)
    p_fdr[order] = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    confidence = hotspots.confidence_of(p_fdr)
    classes = np.where(confidence > 0, np.char.add(np.where(above, "hot_", "cold_"), confidence.astype(str)), "ns")
    return pd.DataFrame({"gi_z": z, "gi_p_fdr": p_fdr, "hotspot_class": classes})


def bench_gi(name: str, units: gpd.GeoDataFrame, permutations: int, runs: int) -> None:
    weights_s, w = median_seconds(lambda: hotspots.spatial_weights(units), runs)
    ours_s, ours = median_seconds(lambda: hotspots.hot_spots(units, "value", permutations=permutations), runs)
    position = {kode: i for i, kode in enumerate(w.id_order)}
    neighbours = [np.array([position[j] for j in w.neighbors[kode]]) for kode in w.id_order]
    y = units["value"].to_numpy(dtype="float64")
    ref_s, ref = median_seconds(lambda: reference_gi_star(y, neighbours, permutations, SEED), runs)
    z_diff = float(np.abs(ours["gi_z"].to_numpy() - ref["gi_z"].to_numpy()).max())
    agree = float((ours["hotspot_class"].to_numpy() == ref["hotspot_class"].to_numpy()).mean())
    hot = int(ours["hotspot_class"].str.startswith("hot").sum())
    cold = int(ours["hotspot_class"].str.startswith("cold").sum())
    islands = min(w.cardinalities.values())
    print(
        f"{name:<22} {len(units):>6,} {permutations:>6,} {weights_s:>9.3f} {ours_s:>8.3f} {ref_s:>8.3f}"
        f" {ref_s / ours_s:>9.2f}x {z_diff:>9.1e} {agree:>7.1%} {hot:>4}/{cold:<4} {islands:>3}"
    )


# --- kernel density reference ------------------------------------------------------------------


def reference_density(lon: np.ndarray, lat: np.ndarray, grid: hotspots.DensityGrid) -> np.ndarray:
    """The exact quartic kernel density (cases per km2) at the centre of every cell of ``grid``:
    sum over points within the bandwidth of 3 / (pi h^2) (1 - d^2 / h^2)^2, each point at its
    own position."""
    to_metric = pyproj.Transformer.from_crs("EPSG:4326", grid.crs, always_xy=True)
    x, y = (np.asarray(a) for a in to_metric.transform(lon, lat))
    ny, nx = grid.values.shape
    h, cell = grid.bandwidth_m, grid.cell_m
    col = np.floor((x - grid.x0) / cell).astype(np.int64)
    row = np.floor((y - grid.y0) / cell).astype(np.int64)
    radius = int(np.ceil(h / cell)) + 1
    out = np.zeros(ny * nx)
    norm = 3.0 / (np.pi * h**2) * 1e6
    for dr in range(-radius, radius + 1):
        for dc in range(-radius, radius + 1):
            r, c = row + dr, col + dc
            d2 = (grid.x0 + (c + 0.5) * cell - x) ** 2 + (grid.y0 + (r + 0.5) * cell - y) ** 2
            keep = (d2 < h * h) & (r >= 0) & (r < ny) & (c >= 0) & (c < nx)
            out += np.bincount(
                r[keep] * nx + c[keep], weights=norm * (1.0 - d2[keep] / (h * h)) ** 2, minlength=ny * nx
            )
    return out.reshape(ny, nx)


def bench_density(units: gpd.GeoDataFrame, points: int, runs: int, rng: np.random.Generator) -> None:
    lon, lat = case_points(units, points, rng)
    bounds = tuple(units.total_bounds)
    ours_s, grid = median_seconds(lambda: hotspots.kernel_density(lon, lat, bounds=bounds), runs)

    def layer():
        g = hotspots.kernel_density(lon, lat, bounds=bounds)
        return hotspots.density_polygons(g, hotspots.density_classes(g))

    layer_s, polygons = median_seconds(layer, runs)
    ref_s, exact = median_seconds(lambda: reference_density(lon, lat, grid), 1)
    cell_km2 = grid.cell_km2
    peak = exact.max()
    diff = float(np.abs(grid.values - exact).max() / peak)
    ny, nx = grid.values.shape
    print(
        f"{points:>10,} {nx}x{ny} {grid.cell_m:>6.0f} {ours_s:>8.3f} {ref_s:>8.3f} {ref_s / ours_s:>9.1f}x"
        f" {grid.values.sum() * cell_km2:>12,.0f} {exact.sum() * cell_km2:>12,.0f} {diff:>10.2%} {layer_s:>8.3f}"
        f" {len(polygons):>3}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--permutations", type=int, default=hotspots.DEFAULT_PERMUTATIONS)
    parser.add_argument("--large-units", type=int, default=6000)
    parser.add_argument("--large-permutations", type=int, default=hotspots.DEFAULT_PERMUTATIONS)
    parser.add_argument("--points", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    batam = batam_units(rng)
    print("Gi* hot spots (ours: libpysal + esda + p + FDR; reference: numpy on the same neighbours)")
    print(
        f"{'units':<22} {'n':>6} {'perms':>6} {'weights s':>9} {'ours s':>8} {'ref s':>8} {'ref/ours':>10}"
        f" {'max dz':>9} {'agree':>7} {'hot/cold':>9} {'min nb':>6}"
    )
    bench_gi("Batam kelurahan", batam, args.permutations, args.runs)
    large = grid_units(args.large_units, rng)
    bench_gi("synthetic grid", large, args.large_permutations, args.runs)
    print()
    print("Kernel density, 750 m quartic (ours: binned + FFT; reference: exact kernel of every point)")
    print(
        f"{'points':>10} {'grid':>7} {'cell m':>6} {'ours s':>8} {'ref s':>8} {'ref/ours':>10}"
        f" {'cases ours':>12} {'cases ref':>12} {'max diff':>10} {'layer s':>8} {'cls':>3}"
    )
    bench_density(batam, args.points, args.runs, rng)


if __name__ == "__main__":
    main()
