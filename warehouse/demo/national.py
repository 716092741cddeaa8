"""A synthetic country for benchmarks and tests: 38 provinces, about 514 kab/kota and 83,000
desa/kelurahan (at the default ``units``), with the real Kota Batam demo inside it.

The hierarchy has Kemendagri-shaped codes (``12.05.03.2001``: provinsi, kab/kota, kecamatan,
desa 2xxx or kelurahan 1xxx; kota numbered from 71) under the 38 real province codes and
names; kab/kota, kecamatan and their units are synthetic (``Kab. Sintetis 12.05``). Each
province is a block of a grid over the archipelago's longitudes (105-141 E, 11 S-5 N), its units
are square-ish cells laid along a serpentine path through the block, so that every kecamatan
and kab/kota (a run of consecutive units) is one connected patch. The cells form an exact
coverage, so the kecamatan, kab/kota and province polygons are dissolved from them with
shapely's ``coverage_union_all`` (:func:`warehouse.imports.boundaries.dissolve_parents`, as a
boundary import does); Batam keeps its official polygons, and Kepulauan Riau, where they meet
the cells, is dissolved with ``union_all`` (together they are no exact coverage). Areas are those of the cells on the sphere (km2); a parent's area and population are
its units' sums.

Households are spread over the units by population, members (3.25 per household on average),
verivali steps and bansos distributions drawn from hashes of the seed in SQL
(``queries/demo/national_*``), in chunks of consecutive units (:func:`chunks`) and ordered by
``kode_kelurahan``, so that one region's rows sit in their own row groups. Batam gets its share
of the households from the demo build (:func:`warehouse.demo.build` with ``fraction``), with
everything that build draws.

The build's memory does not grow with the country: DuckDB works under a memory limit
(:data:`MEMORY_LIMIT`, spilling beyond it), and each chunk, then each analytics file of the
final refresh, is committed and checkpointed, since a transaction keeps its new rows and
primary-key entries in memory until it commits.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd
import shapely

import queries
from warehouse.demo import builder, common, register, verivali
from warehouse.demo.common import insert
from warehouse.imports import boundaries, refresh
from warehouse.progress import Progress, silent

PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}
UNITS = 83_000
"""Desa/kelurahan of the whole country (about 83,700 in 2024), Batam's 64 included."""
KABKOTA = 514
KECAMATAN = 7_277
HOUSEHOLDS = 1_000_000
"""Default households: one million fit this machine in minutes; the real register has about 30 million."""
KOTA_SHARE = 0.19
"""Share of kab/kota that are kota (98 of 514)."""
BATAM_UNITS = 64
BATAM_KECAMATAN = 12
# Where the province blocks lie (degrees, EPSG:4326): east of Batam's real polygons.
_GRID_COLUMNS, _GRID_ROWS = 8, 5
_LON0, _LON1, _LAT0, _LAT1 = 105.0, 141.0, -11.0, 5.0
_EARTH_RADIUS_KM = 6371.0088
# Bansos tahap from this date on are distributed to the synthetic households.
_BANSOS_FROM = np.datetime64("2026-01-01")
_PREVIOUS_CYCLE = ("2026-S1", np.datetime64("2026-01-05"), 170)
MEMORY_LIMIT = "6GB"
"""DuckDB's memory limit for the build: its sorts, joins and aggregates spill beyond it to the
temporary directory beside the file, and the process stays under the 8 GB budget (6.6 GB peak
at 10 M households). The inserts need little of it (a chunk's index entries); the analytics
refresh needs more, growing with the households, and is committed file by file so that no file
runs beside the uncommitted tables of the earlier ones. At 10 M households the full refresh
peaks at 6.4 GB resident (20_six_t_inputs; 40_eksklusi_rumah_tangga 2.1 GB since
eksklusi_keluarga's joins stopped building on the households side, which ran out of this
limit before; measured 2026-12-01, ``bench/bench_national.py --db FILE --refresh``)."""
THREADS = 2
CHUNK_HOUSEHOLDS = 500_000
"""Households written per transaction: DuckDB holds a transaction's primary-key entries in memory
until its commit (about 100 bytes per row), the checkpoint after it lets them go to the file."""


def level_counts(units: int) -> dict[str, int]:
    """Provinsi, kab/kota, kecamatan and desa/kelurahan for ``units`` (Batam's included): the
    country's proportions, at least one kab/kota per province and one kecamatan per kab/kota."""
    kabkota = min(KABKOTA, max(len(PROVINCES), round(KABKOTA * units / UNITS)))
    kecamatan = max(kabkota - 1 + BATAM_KECAMATAN, round(KECAMATAN * units / UNITS))
    if units - BATAM_UNITS < kecamatan - BATAM_KECAMATAN:
        raise ValueError(f"--units must be at least {kecamatan - BATAM_KECAMATAN + BATAM_UNITS} for this country")
    return {"provinsi": len(PROVINCES), "kabkota": kabkota, "kecamatan": kecamatan, "kelurahan": units}


def _split(total: int, parts: int, rng: np.random.Generator, least: int = 1) -> np.ndarray:
    """``total`` split into ``parts`` whole shares of at least ``least``, uneven (gamma weights)."""
    weights = rng.gamma(2.0, size=parts)
    extra = rng.multinomial(total - least * parts, weights / weights.sum())
    return extra + least


def draw_hierarchy(units: int, rng: np.random.Generator) -> pd.DataFrame:
    """The synthetic desa/kelurahan (Batam excluded), one row each, sorted by code: kode,
    nama, jenis (desa/kelurahan), kode_kecamatan, kode_kabkota, kode_provinsi, kabkota_kota
    (the kab/kota is a kota), penduduk (residents)."""
    counts = level_counts(units)
    codes = list(PROVINCES)
    batam_province = codes.index(common.PROVINCE["kode"])
    # Kab/kota per province (Batam aside: Kepulauan Riau may have no other).
    kab = _split(counts["kabkota"] - 1, len(codes), rng, least=0)
    kab[np.flatnonzero(kab == 0)] = 1
    kab[batam_province] = max(kab[batam_province] - 1, 0)
    while kab.sum() > counts["kabkota"] - 1:
        kab[int(np.argmax(kab))] -= 1
    kabkota_rows = []
    for p, n in zip(codes, kab):
        n_kota = int(round(n * KOTA_SHARE))
        for i in range(n):
            is_kota = i >= n - n_kota
            number = 71 + (i - (n - n_kota)) + (1 if p == common.PROVINCE["kode"] else 0) if is_kota else i + 1
            kabkota_rows.append((p, f"{p}.{number:02d}", is_kota))
    kec = _split(counts["kecamatan"] - BATAM_KECAMATAN, len(kabkota_rows), rng)
    cells = _split(units - BATAM_UNITS, int(kec.sum()), rng)
    rows = []
    k = 0
    for (p, kode_kab, is_kota), n_kec in zip(kabkota_rows, kec):
        for c in range(n_kec):
            kode_kec = f"{kode_kab}.{c + 1:02d}"
            n_units = int(cells[k])
            k += 1
            n_kelurahan = n_units if is_kota else int(rng.integers(0, min(3, n_units) + 1))
            for u in range(n_units):
                kelurahan = u < n_kelurahan
                kode = f"{kode_kec}.{(1001 + u) if kelurahan else (2001 + u - n_kelurahan)}"
                rows.append(
                    (kode, ("Kelurahan " if kelurahan else "Desa ") + kode, "kelurahan" if kelurahan else "desa")
                    + (kode_kec, kode_kab, p, is_kota)
                )
    frame = pd.DataFrame(
        rows, columns=["kode", "nama", "jenis", "kode_kecamatan", "kode_kabkota", "kode_provinsi", "kabkota_kota"]
    )
    frame["penduduk"] = rng.integers(800, 16_000, size=len(frame))
    return frame.sort_values("kode", ignore_index=True)


def _sphere_area_km2(x0, y0, x1, y1) -> np.ndarray:
    """Area of lon/lat rectangles on the sphere (km2)."""
    return _EARTH_RADIUS_KM**2 * np.radians(x1 - x0) * np.abs(np.sin(np.radians(y1)) - np.sin(np.radians(y0)))


def place_cells(units: pd.DataFrame) -> pd.DataFrame:
    """``units`` with each one's cell: x0, y0, x1, y1 (degrees), lon/lat (its centre), luas_km2.

    A province's units fill its block of the grid row by row, every other row right to left,
    in code order: consecutive units share an edge, so each kecamatan and kab/kota is connected.
    """
    width = (_LON1 - _LON0) / _GRID_COLUMNS
    height = (_LAT1 - _LAT0) / _GRID_ROWS
    parts = []
    for slot, (_, block) in enumerate(units.groupby("kode_provinsi", sort=True)):
        n = len(block)
        cols = max(1, math.ceil(math.sqrt(n * width / height)))
        rows = math.ceil(n / cols)
        dx, dy = width / cols, height / rows
        left = _LON0 + (slot % _GRID_COLUMNS) * width
        top = _LAT1 - (slot // _GRID_COLUMNS) * height
        i = np.arange(n)
        row, col = i // cols, i % cols
        col = np.where(row % 2 == 1, cols - 1 - col, col)
        part = block.copy()
        # Edges from the same integer grid, so neighbours share exactly the same coordinates.
        part["x0"], part["x1"] = left + col * dx, left + (col + 1) * dx
        part["y1"], part["y0"] = top - row * dy, top - (row + 1) * dy
        parts.append(part)
    cells = pd.concat(parts).sort_values("kode", ignore_index=True)
    cells["lon"] = (cells["x0"] + cells["x1"]) / 2
    cells["lat"] = (cells["y0"] + cells["y1"]) / 2
    cells["luas_km2"] = _sphere_area_km2(cells["x0"], cells["y0"], cells["x1"], cells["y1"])
    return cells


def _sums(children: pd.DataFrame, parent: str) -> pd.DataFrame:
    """One row per ``parent`` code: kode, luas_km2 and penduduk (its children's sums)."""
    out = children.groupby(parent, sort=True).agg(luas_km2=("luas_km2", "sum"), penduduk=("penduduk", "sum"))
    return out.rename_axis("kode").reset_index().astype({"penduduk": "int64"})


def _wilayah(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """Rows of ``wilayah`` from a frame with kode, nama, jenis, kode_induk, luas_km2, penduduk
    (and the cells' geometry, lon and lat for the units; the parents get theirs dissolved)."""
    out = pd.DataFrame(
        {
            "kode": frame["kode"],
            "nama": frame["nama"],
            "level": level,
            "jenis": frame["jenis"],
            "kode_induk": frame["kode_induk"],
            "kode_bps": frame["kode"].str.replace(".", "", regex=False) if level == "kabkota" else None,
            "geom_sumber": "sintetis",
            "luas_km2": frame["luas_km2"],
            "penduduk": frame["penduduk"],
        }
    )
    if "geometry" in frame:
        geom = shapely.to_wkb(frame["geometry"].to_numpy())
        out = out.assign(geom=geom, geom_display=geom, lon=frame["lon"], lat=frame["lat"])
    return out


def insert_country(con: duckdb.DuckDBPyConnection, cells: pd.DataFrame) -> None:
    """The synthetic units and every parent into ``wilayah``; every parent (Batam's kecamatan,
    kota and province included) then gets its polygon dissolved from its units
    (:func:`warehouse.imports.boundaries.dissolve_parents`: a coverage union for the cells, a
    unary union where Batam's official polygons join them)."""
    cells = cells.assign(geometry=shapely.box(cells["x0"], cells["y0"], cells["x1"], cells["y1"]))
    kecamatan = _sums(cells, "kode_kecamatan")
    kabkota = _sums(cells, "kode_kabkota")
    kota = cells.groupby("kode_kabkota")["kabkota_kota"].first()
    batam = con.execute(queries.load("demo/national_batam_units")).df()
    in_kepri = cells["kode_provinsi"] == common.PROVINCE["kode"]
    provinces = _sums(cells[~in_kepri], "kode_provinsi")
    kepri = _sums(
        pd.concat([cells.loc[in_kepri, ["luas_km2", "penduduk"]], batam[["luas_km2", "penduduk"]]]).assign(
            kode_provinsi=common.PROVINCE["kode"]
        ),
        "kode_provinsi",
    )
    rows = [
        _wilayah(
            provinces.assign(nama=provinces["kode"].map(PROVINCES), jenis="provinsi", kode_induk=None), "provinsi"
        ),
        _wilayah(
            kabkota.assign(
                nama=np.where(kota[kabkota["kode"]].to_numpy(), "Kota Sintetis ", "Kab. Sintetis ") + kabkota["kode"],
                jenis=np.where(kota[kabkota["kode"]].to_numpy(), "kota", "kabupaten"),
                kode_induk=kabkota["kode"].str[:2],
            ),
            "kabkota",
        ),
        _wilayah(
            kecamatan.assign(
                nama="Kecamatan " + kecamatan["kode"], jenis="kecamatan", kode_induk=kecamatan["kode"].str[:5]
            ),
            "kecamatan",
        ),
        _wilayah(cells.assign(kode_induk=cells["kode_kecamatan"]), "kelurahan"),
    ]
    for frame in rows:
        insert(con, "wilayah_insert", demo_frame=frame)
    insert(con, "national_wilayah_geom_update", national_parents=kepri)
    boundaries.dissolve_parents(con)


def chunks(per_unit: np.ndarray, size: int) -> list[tuple[int, int]]:
    """Consecutive runs of units, ``(first, last)`` positions with ``last`` excluded, that cover
    every unit in order, each holding about ``size`` households: a run takes the units whose
    first household falls in its block of ``size`` (so it exceeds ``size`` by less than its last
    unit's households)."""
    block = (np.cumsum(per_unit) - per_unit) // size
    starts = np.flatnonzero(np.diff(block, prepend=-1))
    return list(zip(starts.tolist(), [*starts[1:].tolist(), len(per_unit)]))


def _commit_chunk(con: duckdb.DuckDBPyConnection) -> None:
    """Commit what the build wrote so far and fold it into the file (its index entries with it),
    then go on in a new transaction. The build stays atomic: it writes a temporary file that
    :func:`warehouse.db.atomic_build` moves into place only when the whole build succeeded."""
    con.commit()
    con.checkpoint()
    con.begin()


def limit_resources(con: duckdb.DuckDBPyConnection, memory_limit: str = MEMORY_LIMIT, threads: int = THREADS) -> None:
    """DuckDB's memory limit and threads for a country's build or refresh (set on the database of
    ``con``, so they last as long as it stays open)."""
    insert(con, "national_memory_limit", {"memory_limit": memory_limit})
    insert(con, "national_threads", {"threads": threads})


def refresh_country(con: duckdb.DuckDBPyConnection, after_each: Callable[[str], None] | None = None) -> None:
    """A full analytics refresh of a country (:func:`warehouse.db.refresh_analytics`), committed
    and checkpointed after each file (:func:`_commit_chunk`), then ``after_each(name)``; then
    every located household judged (:func:`warehouse.imports.refresh.refresh_derived`).

    ``con`` is inside an open transaction and returns inside one, holding the refresh's basis,
    which the caller commits. The build runs it last; ``bench/bench_national.py --refresh`` runs
    it on a country built by an earlier version (its analytics tables stale).
    """

    def done(name: str) -> None:
        _commit_chunk(con)
        if after_each is not None:
            after_each(name)

    refresh.refresh_derived(con, after_each=done)


def build_national(
    con: duckdb.DuckDBPyConnection,
    units: int = UNITS,
    households: int = HOUSEHOLDS,
    seed: int = 2171,
    progress: Progress = silent,
    memory_limit: str = MEMORY_LIMIT,
    threads: int = THREADS,
    chunk_households: int = CHUNK_HOUSEHOLDS,
) -> dict[str, int]:
    """Fill the warehouse with the synthetic country, Batam's demo inside it.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A connection inside an open transaction on an empty temporary warehouse with its
        schema (``db.atomic_build`` gives one). The build commits and checkpoints it after
        Batam and the regions, after each chunk of households (:func:`chunks`) and after each
        analytics file, so that its memory does not grow with the country; it returns inside an
        open transaction holding the build's metadata, which the caller commits.
    units : int
        Desa/kelurahan of the country, Batam's 64 included (:func:`level_counts` gives the
        other levels).
    households : int
        DTKS households of the country; Batam gets its share by its number of units.
    seed : int
        Seed of every draw: the same seed, units and households give the same tables.
    progress : callable
        ``progress(label, fraction_done)``.
    memory_limit, threads : str, int
        DuckDB's memory limit (e.g. ``"4GB"``) and threads for the build (set on the database
        of ``con``, so they last as long as it stays open).
    chunk_households : int
        About how many households each transaction writes (with their members, verivali
        steps and distributions); the tables do not depend on it.

    Returns
    -------
    dict
        Rows per table, for every table of the schema.
    """
    level_counts(units)
    limit_resources(con, memory_limit, threads)
    rng = np.random.default_rng(np.random.SeedSequence([seed, units]))
    batam_households = households * BATAM_UNITS / units
    fraction = min(1.0, max(batam_households / register.HOUSEHOLDS_PER_SCALE, 1e-6))
    builder.build(con, seed=seed, fraction=fraction, progress=lambda label, f: progress(f"Batam: {label}", 0.15 * f))

    progress("wilayah", 0.15)
    cells = place_cells(draw_hierarchy(units, rng))
    insert_country(con, cells)

    progress("dtks_keluarga", 0.25)
    stored = int(con.execute(queries.load("demo/table_rows"), {"table": "dtks_keluarga"}).fetchall()[0][0])
    weights = cells["penduduk"].to_numpy(dtype=float)
    per_unit = rng.multinomial(max(households - stored, 0), weights / weights.sum())
    kode6 = cells["kode"].str.replace(".", "", regex=False).str[:6]
    half_dx, half_dy = (cells["x1"] - cells["x0"]) / 2, (cells["y1"] - cells["y0"]) / 2
    frame = pd.DataFrame(
        {
            "kode": cells["kode"],
            "kode6": kode6,
            "first_hh": np.concatenate([[0], np.cumsum(per_unit)[:-1]]).astype("int64"),
            "n_households": per_unit.astype("int64"),
            "lon": cells["lon"],
            "lat": cells["lat"],
            "dx": half_dx,
            "dy": half_dy,
        }
    )
    start = int(con.execute(queries.load("demo/national_next_verivali")).fetchall()[0][0])
    current, previous = verivali.CURRENT_CYCLE, _PREVIOUS_CYCLE
    cycles = {
        "siklus_lalu": previous[0],
        "mulai_lalu": previous[1].astype(object),
        "hari_lalu": previous[2],
        "siklus_aktif": current[0],
        "mulai_aktif": current[2].astype(object),
        "hari_aktif": int((common.REFERENCE_DATE - current[2]) // common.DAY) + 1,
    }
    bansos = {"dari": _BANSOS_FROM.astype(object), "tanggal_data": common.REFERENCE_DATE.astype(object)}
    parts = chunks(per_unit, chunk_households)
    _commit_chunk(con)
    for i, (first, last) in enumerate(parts):
        units_of = frame.iloc[first:last]
        where = {"seed": seed, "kode_dari": units_of["kode"].iloc[0], "kode_sampai": units_of["kode"].iloc[-1]}
        province = PROVINCES[cells["kode_provinsi"].iloc[first]]
        progress(f"dtks, verivali, bansos: {province} ({i + 1}/{len(parts)})", 0.25 + 0.65 * i / len(parts))
        insert(con, "national_keluarga_insert", {"seed": seed}, national_units=units_of)
        insert(con, "national_anggota_insert", where)
        insert(con, "national_verivali_insert", {**where, "id_start": start, **cycles})
        insert(con, "national_penyaluran_insert", {**where, **bansos})
        _commit_chunk(con)

    progress("analytics", 0.92)
    written: list[str] = []

    def analytics_done(name: str) -> None:
        written.append(name)
        progress(f"analytics: {name} written", 0.92 + 0.07 * len(written) / len(queries.analytics_statements()))

    refresh_country(con, after_each=analytics_done)
    insert(
        con,
        "metadata_insert",
        demo_frame=pd.DataFrame(
            {"kunci": ["nasional_units", "nasional_households"], "nilai": [str(units), str(households)]}
        ),
    )
    counts = builder.table_counts(con)
    progress("selesai", 1.0)
    return counts
