"""Boundary import time and map payload for Kota Batam and for a synthetic province.

For each region: the whole import (read, codes, repairs, overlap and gap checks, areas,
display simplification within the payload budget, write to a fresh warehouse), its display
step alone, and the payload size against its budget. Times are also given as a ratio to a
reference measured in the same run: plain ``shapely.simplify`` (Douglas-Peucker, each polygon
on its own, shared edges not kept) of the same full geometries, in the same metric CRS, at the
tolerance the import chose. The ratio is what to compare across machines.

    .venv/bin/python bench/bench_boundaries.py [--units 6000] [--seed 33] [--scale 1] [--quick]

The province is a Voronoi partition of ``--units`` cells over about 200 x 150 km near
110 E, 7 S, with edges every 50 m bent by a smooth displacement field (shared edges stay
identical), grouped into 30 kab/kota and about 600 kecamatan: roughly the shape and detail of
a Javanese province's desa file (1 M coordinates). Batam is the demo's copy of the official
polygons (warehouse/demo/data). ``--scale`` multiplies the province's units; ``--quick``
(bench/run_all.py) takes a tenth of them. Each import is also printed as a ``BENCH`` line for
bench/run_all.py (bench/common.py), with the process's peak memory during the import.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import queries  # noqa: E402
from bench import common  # noqa: E402
from geodata.crs import WGS84, metric_crs, to_metric  # noqa: E402
from warehouse import db  # noqa: E402
from warehouse.demo.geography import BATAM_BOUNDARIES  # noqa: E402
from warehouse.imports import boundaries as wb  # noqa: E402


def synthetic_province(units: int, seed: int) -> gpd.GeoDataFrame:
    """``units`` desa cells with Kemendagri-shaped codes of a fictional province 99 (EPSG:4326)."""
    rng = np.random.default_rng(seed)
    width, height = 200_000.0, 150_000.0
    frame = shapely.box(0, 0, width, height)
    seeds = shapely.points(rng.uniform(0, width, units), rng.uniform(0, height, units))
    edges = shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=frame, only_edges=True)
    # Noding the edges with the frame before bending them keeps every junction shared.
    network = shapely.union_all([shapely.intersection(edges, frame), frame.boundary])
    lines = shapely.segmentize(shapely.get_parts(shapely.line_merge(network)), 50.0)

    def bend(xy: np.ndarray) -> np.ndarray:
        # Gradient below 1 everywhere, so the bent edges never cross.
        x, y = xy[:, 0], xy[:, 1]
        dx = 400 * np.sin(2 * np.pi * y / 6000 + 1.3) * np.cos(2 * np.pi * x / 7000) + 60 * np.sin(
            2 * np.pi * (x + y) / 1300
        )
        dy = 400 * np.cos(2 * np.pi * x / 6500 + 0.4) * np.sin(2 * np.pi * y / 5500) + 60 * np.cos(
            2 * np.pi * (x - y) / 1400
        )
        return np.column_stack([x + dx, y + dy])

    cells = shapely.get_parts(shapely.polygonize(shapely.transform(lines, bend)))
    centre = shapely.centroid(cells)
    cx, cy = shapely.get_x(centre), shapely.get_y(centre)
    kab = np.minimum((cx / width * 6).astype(int), 5) * 5 + np.minimum((cy / height * 5).astype(int), 4)
    kec = np.minimum((cx / width * 24).astype(int), 23) * 25 + np.minimum((cy / height * 25).astype(int), 24)
    order = np.lexsort((cy, cx, kec, kab))
    cells, kab, kec = cells[order], kab[order], kec[order]
    kec_no = np.unique(np.column_stack([kab, kec]), axis=0, return_inverse=True)[1].ravel()
    codes, kecamatan = [], []
    seen: dict[tuple[int, int], int] = {}
    first_kec: dict[int, int] = {}
    for k, c in zip(kab, kec_no):
        first_kec.setdefault(k, c)
        kec_code = c - first_kec[k] + 1
        n = seen.get((k, kec_code), 0) + 1
        seen[(k, kec_code)] = n
        codes.append(f"99.{k + 1:02d}.{kec_code:02d}.{2000 + n}")
        kecamatan.append(f"Kecamatan {k + 1}-{kec_code}")
    local = metric_crs(gpd.GeoSeries([shapely.box(109.0, -8.0, 111.0, -6.6)], crs=WGS84))
    centre = gpd.GeoSeries([shapely.Point(110.0, -7.3)], crs=WGS84).to_crs(local).iloc[0]
    shifted = shapely.transform(cells, lambda xy: xy - [width / 2, height / 2] + [centre.x, centre.y])
    return gpd.GeoDataFrame(
        {"kode": codes, "nama": [f"Desa {c[-7:]}" for c in codes], "kecamatan": kecamatan},
        geometry=gpd.GeoSeries(shifted, crs=local).to_crs(WGS84).to_numpy(),
        crs=WGS84,
    )


def reference_seconds(geoms_wgs84: np.ndarray, tolerance_m: float, runs: int = 3) -> float:
    """Median time of plain shapely.simplify of the metric geometries at ``tolerance_m``."""
    metric = _metric(geoms_wgs84)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        shapely.simplify(metric, tolerance_m)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(label: str, path: Path, workdir: Path, scale: float | None = None) -> None:
    con = db.connect(workdir / f"{path.stem}.duckdb")
    common.reset_peak()
    start = time.perf_counter()
    result = wb.import_boundaries(con, path)
    total = time.perf_counter() - start
    peak_mb = common.peak_rss_mb()
    stored = queries.run(con, "boundaries/stored_geometries")
    con.close()
    shown = shapely.from_wkb(stored["geom_display"].map(bytes))
    # How far the drawn border strays from the official one: what decides readability.
    strays = shapely.hausdorff_distance(_metric(shapely.from_wkb(stored["geom"].map(bytes))), _metric(shown))
    report = result.report
    full = gpd.read_file(path).geometry.to_numpy()
    reference = reference_seconds(full, report.display_tolerance_m)
    display = report.seconds["display"]
    checks = report.seconds["neighbours"]
    median_km = float(np.sqrt(np.median(_areas_km2(full))))
    print(
        f"{label}: {report.units_count:,} units, {int(shapely.get_num_coordinates(full).sum()):,} coordinates, "
        f"{int(shapely.get_num_geometries(full).sum()):,} polygon parts; median unit about {median_km:.1f} km across"
    )
    print(f"  whole import (read .. write)          {total:8.2f} s   {total / reference:8.0f}x reference")
    print(f"    of which overlap and gap checks     {checks:8.2f} s   {checks / reference:8.0f}x")
    print(f"    of which display simplification     {display:8.2f} s   {display / reference:8.0f}x")
    print(f"  reference: shapely.simplify {report.display_tolerance_m:g} m      {reference:8.3f} s")
    print(
        f"  display tolerance {report.display_tolerance_m:g} m; payload {report.payload_bytes / 1000:,.0f} KB "
        f"(budget {report.payload_budget_bytes / 1000:,.0f} KB); {int(shapely.get_num_coordinates(shown).sum()):,} "
        f"display coordinates; overlaps {len(report.overlaps)}, gaps {len(report.gaps)} reported"
    )
    print(
        f"  display border off the full one (Hausdorff, per unit): median {np.median(strays):.0f} m, "
        f"90th percentile {np.percentile(strays, 90):.0f} m"
    )
    print("  steps: " + ", ".join(f"{k} {v:.2f} s" for k, v in report.seconds.items()))
    common.emit(
        f"import boundaries: {label}",
        scale,
        rows=report.units_count,
        seconds=total,
        reference_s=reference,
        peak_mb=peak_mb,
        note=f"payload {report.payload_bytes / 1000:,.0f} of {report.payload_budget_bytes / 1000:,.0f} KB; "
        f"reference: shapely.simplify",
    )


def _metric(geoms_wgs84: np.ndarray) -> np.ndarray:
    """The geometries in the UTM zone of all of them (geodata.crs)."""
    return to_metric(gpd.GeoSeries(geoms_wgs84, crs=WGS84)).to_numpy()


def _areas_km2(geoms_wgs84: np.ndarray) -> np.ndarray:
    return shapely.area(_metric(geoms_wgs84)) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=33)
    common.add_arguments(parser)
    args = parser.parse_args()
    units = max(int(args.units * args.scale / (10 if args.quick else 1)), 10)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        bench("Kota Batam", BATAM_BOUNDARIES, workdir)
        start = time.perf_counter()
        province = synthetic_province(units, args.seed)
        path = workdir / "provinsi_sintetis.gpkg"
        province.to_file(path)
        print(f"(synthetic province generated and written in {time.perf_counter() - start:.1f} s)")
        bench(f"Synthetic province ({units:,} Voronoi cells)", path, workdir, args.scale)


if __name__ == "__main__":
    main()
