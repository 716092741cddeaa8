"""Geography of the demo: the 64 kelurahan of Kota Batam with their official polygons, the
parameters that shape each one's data, the wilayah rows, and random points inside a unit.

The polygons are the official file ``data/boundaries_batam.geojson`` (MIT, Cahya DSN, geometry
from BIG's Ina-Geoportal; see ``data/NOTICE``), prepared by the pipeline a boundary import uses
(:func:`geodata.boundaries.prepare_boundaries`: repair, equal-area areas, a point inside, the
display simplification), so the demo's map is the one an agency gets after importing that file.
Codes, names and kecamatan come from the facts file ``data/batam_kelurahan.csv``; the two must
list the same kelurahan.
"""

from __future__ import annotations

import functools
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import prepare_boundaries
from geodata.crs import to_metric
from warehouse.demo.common import CITY, DAY, PROVINCE, REFERENCE_DATE, REGION, insert
from warehouse.demo.verivali import CURRENT_CYCLE
from warehouse.imports import boundaries

BATAM_FACTS = Path(__file__).resolve().parent / "data" / "batam_kelurahan.csv"
BATAM_BOUNDARIES = BATAM_FACTS.with_name("boundaries_batam.geojson")
# Kecamatan of Kota Batam that are groups of small islands (Belakang Padang, Bulang, Galang).
ISLAND_KECAMATAN = ("21.71.01", "21.71.05", "21.71.08")

# Plausible kecamatan populations of the order of recent official figures (not official
# numbers): the dense city kecamatan dominate, the three island kecamatan are small.
KECAMATAN_POPULATION = {
    "21.71.01": 26_000,
    "21.71.02": 62_000,
    "21.71.03": 132_000,
    "21.71.04": 95_000,
    "21.71.05": 12_000,
    "21.71.06": 88_000,
    "21.71.07": 156_000,
    "21.71.08": 18_000,
    "21.71.09": 110_000,
    "21.71.10": 212_000,
    "21.71.11": 236_000,
    "21.71.12": 160_000,
}
# DTKS households per resident relative to the city: poorer on the islands and in the old
# kampung, lower in the planned town centre.
POVERTY_FACTOR_ISLAND = 2.4
POVERTY_FACTOR = {
    "21.71.06.1005": 1.4,
    "21.71.09.1002": 1.3,
    "21.71.11": 1.2,
    "21.71.12": 1.15,
    "21.71.10.1001": 0.6,
    "21.71.10.1002": 0.6,
    "21.71.10.1003": 0.6,
    "21.71.10.1005": 0.6,
    "21.71.06.1006": 0.7,
}

# Current-cycle coverage: drawn per kelurahan, except these, so every seed shows a city centre
# nearly done, lagging large mainland kelurahan, and two remote ones where work stopped.
COVERAGE_FIXED = {
    "21.71.06.1001": 0.96,
    "21.71.10.1005": 0.94,
    "21.71.09.1001": 0.93,
    "21.71.02.1004": 0.92,
    "21.71.07.1004": 0.28,
    "21.71.12.1001": 0.33,
    "21.71.08.1007": 0.18,
    "21.71.01.1004": 0.22,
}
# The boat went out of service: no visit after these dates (zero pace in the last 28 days).
STALLED_UNTIL = {"21.71.08.1007": np.datetime64("2026-10-09"), "21.71.01.1004": np.datetime64("2026-09-26")}

# PMKS cases: kecamatan and kelurahan where the TRC is busiest (the Nagoya/Jodoh centre, the
# port, Bengkong, the industrial estates), as multipliers of the population-based rate.
CASE_HOT_SPOTS = {
    "21.71.06": 3.5,
    "21.71.02": 2.6,
    "21.71.09": 2.2,
    "21.71.07.1001": 3.0,
    "21.71.12.1001": 2.6,
    "21.71.04.1003": 2.6,
}


def points_inside(geom, n: int, rng: np.random.Generator, centre=None, spread_deg: float = 0.0) -> np.ndarray:
    """``n`` points (lon, lat) inside ``geom``: uniform, or normal around ``centre`` with
    ``spread_deg`` standard deviation (degrees; 1 degree is about 111 km here)."""
    out = np.empty((0, 2))
    if n == 0:
        return out
    shapely.prepare(geom)
    minx, miny, maxx, maxy = geom.bounds
    fill = max(geom.area / ((maxx - minx) * (maxy - miny)), 0.05)
    while len(out) < n:
        need = n - len(out)
        batch = int(need / fill * 1.5) + 16
        if centre is None:
            xy = np.column_stack([rng.uniform(minx, maxx, batch), rng.uniform(miny, maxy, batch)])
        else:
            xy = rng.normal(centre, spread_deg, size=(batch, 2))
        out = np.vstack([out, xy[shapely.contains_xy(geom, xy[:, 0], xy[:, 1])]])
    return out[:n]


@functools.cache
def _kelurahan() -> tuple[pd.DataFrame, gpd.GeoDataFrame, str]:
    """The facts file and the prepared official polygons, both sorted by code, and the name of
    the boundary file. Both are fixed, so a process that builds several warehouses (tests,
    benchmarks) prepares them once; callers copy what they change.

    The polygons' columns: ``geometry`` (repaired, EPSG:4326), ``geom_display`` (simplified for
    the map), ``inside`` (where both agree: random points go there, so that a point lies in its
    kelurahan on the map and in the checks alike), ``luas_km2`` (equal-area), ``lon``/``lat``
    (a point inside) and ``neighbour`` (row of the closest other kelurahan: touching ones first,
    then by centre distance).
    """
    facts = pd.read_csv(BATAM_FACTS, dtype={"kode": str, "kode_kecamatan": str})
    facts = facts.sort_values("kode").reset_index(drop=True)
    prepared = prepare_boundaries(BATAM_BOUNDARIES, region=REGION)
    shapes = prepared.units.sort_values("kode").reset_index(drop=True)
    if shapes["kode"].tolist() != facts["kode"].tolist() or shapes["nama"].tolist() != facts["kelurahan"].tolist():
        raise ValueError(f"{BATAM_BOUNDARIES.name} and {BATAM_FACTS.name} do not list the same kelurahan")
    geoms, display = shapes.geometry.to_numpy(), shapes["geom_display"].to_numpy()
    metric = to_metric(shapes.geometry).to_numpy()
    gap = shapely.distance(metric[:, None], metric[None, :])
    centres = shapely.distance(shapely.centroid(metric)[:, None], shapely.centroid(metric)[None, :])
    score = gap * 1e3 + centres
    np.fill_diagonal(score, np.inf)
    polygons = gpd.GeoDataFrame(
        {
            "geom_display": display,
            "inside": shapely.intersection(geoms, display),
            "luas_km2": shapes["luas_km2"].to_numpy(),
            "lon": shapes["lon"].to_numpy(),
            "lat": shapes["lat"].to_numpy(),
            "neighbour": score.argmin(axis=1),
        },
        geometry=geoms,
        crs=shapes.crs,
    )
    return facts, polygons, prepared.report.source


def draw_units(rng: np.random.Generator) -> gpd.GeoDataFrame:
    """The 64 kelurahan with their official polygons (see :func:`_kelurahan`), population and
    the parameters that shape their data (coverage, schedule, match rate, poverty), and
    ``geom_sumber``, the boundary file's name."""
    facts, polygons, source = _kelurahan()
    units = gpd.GeoDataFrame(
        pd.concat([facts.drop(columns=["lon", "lat", "luas_km2"]), pd.DataFrame(polygons).copy()], axis=1),
        geometry="geometry",
        crs=polygons.crs,
    )
    units["geom_sumber"] = source
    n = len(units)
    kec = units["kode_kecamatan"]
    island = kec.isin(ISLAND_KECAMATAN).to_numpy()
    units["island"] = island

    # The facts' areas (the official ones to 0.1 km2) weigh the population, so that it does not
    # move with the repair of the polygons.
    weight = np.sqrt(facts["luas_km2"].to_numpy()) * rng.lognormal(0.0, 0.25, n)
    share = weight / pd.Series(weight).groupby(kec).transform("sum").to_numpy()
    units["penduduk"] = np.round(share * kec.map(KECAMATAN_POPULATION).to_numpy()).astype(int)

    factor = np.where(island, POVERTY_FACTOR_ISLAND, 1.0)
    for code, f in POVERTY_FACTOR.items():
        factor = np.where(units["kode"].str.startswith(code).to_numpy(), f, factor)
    units["poverty"] = factor

    coverage = np.where(island, rng.uniform(0.12, 0.38, n), rng.uniform(0.42, 0.82, n))
    units["coverage"] = np.where(units["kode"].isin(COVERAGE_FIXED), units["kode"].map(COVERAGE_FIXED), coverage)
    units["previous_coverage"] = np.where(island, rng.uniform(0.78, 0.90, n), rng.uniform(0.88, 0.98, n))
    start = CURRENT_CYCLE[2] + np.where(island, rng.integers(14, 46, n), rng.integers(0, 22, n)) * DAY
    units["work_start"] = start
    stalled = units["kode"].map(STALLED_UNTIL)
    units["work_end"] = np.where(
        stalled.notna(), stalled.to_numpy(dtype="datetime64[D]", na_value=REFERENCE_DATE), REFERENCE_DATE
    )
    # Above 1 the work speeds up towards the data date, below 1 it slows down.
    units["work_shape"] = rng.uniform(0.75, 1.35, n)
    units["padan_rate"] = np.where(island, rng.uniform(0.74, 0.84, n), rng.uniform(0.90, 0.96, n))
    hot = np.ones(n)
    for code, f in CASE_HOT_SPOTS.items():
        hot = np.where(units["kode"].str.startswith(code).to_numpy(), f, hot)
    units["case_rate"] = hot
    return units


def insert_wilayah(con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame) -> None:
    """The province, the city, its kecamatan (areas and populations summed) and the kelurahan;
    the three levels above the kelurahan get the polygons dissolved from them, as after a
    boundary import (:func:`warehouse.imports.boundaries.dissolve_parents`)."""
    kelurahan = pd.DataFrame(
        {
            "kode": units["kode"],
            "nama": units["kelurahan"],
            "level": "kelurahan",
            "jenis": units["jenis"],
            "kode_induk": units["kode_kecamatan"],
            "kode_bps": None,
            "geom": shapely.to_wkb(units.geometry.to_numpy()),
            "geom_display": shapely.to_wkb(units["geom_display"].to_numpy()),
            "geom_sumber": units["geom_sumber"],
            "luas_km2": units["luas_km2"],
            "penduduk": units["penduduk"],
            "lon": units["lon"],
            "lat": units["lat"],
        }
    )
    kecamatan = (
        units.groupby(["kode_kecamatan", "kecamatan"], as_index=False)
        .agg(luas_km2=("luas_km2", "sum"), penduduk=("penduduk", "sum"))
        .rename(columns={"kode_kecamatan": "kode", "kecamatan": "nama"})
        .assign(level="kecamatan", jenis="kecamatan", kode_induk=CITY["kode"])
    )
    above = pd.DataFrame(
        [
            {**PROVINCE, "level": "provinsi", "jenis": "provinsi", "kode_induk": None},
            {
                **CITY,
                "level": "kabkota",
                "jenis": "kota",
                "kode_induk": PROVINCE["kode"],
                "luas_km2": units["luas_km2"].sum(),
                "penduduk": int(units["penduduk"].sum()),
            },
        ]
    )
    for frame in (above, kecamatan, kelurahan):
        insert(con, "wilayah_insert", demo_frame=frame)
    boundaries.dissolve_parents(con)
