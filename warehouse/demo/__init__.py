"""The synthetic Kota Batam demo warehouse: realistic, deterministic, built in seconds.

Every table of the schema is filled from the real codes, names, points and areas of the 64
kelurahan (``warehouse/data/batam_kelurahan.csv``) and from numbers drawn with a seeded
generator: the same ``seed`` and ``scale`` give the same content, byte for byte, on any
machine. The data date is fixed (:data:`REFERENCE_DATE`), never today's date, so the demo
looks the same whenever it is built.

Nothing here describes a real person: names are made of syllables, NIK and KK numbers have a
valid structure but random serials. The numbers are shaped so that every page has something
to show: uneven verivali progress (fast city kelurahan, slow islands, two stalled ones),
data-quality findings planted on purpose (duplicated NIK, households without a head, dwellings
in the wrong kelurahan, households never visited), 6T failures with a pattern an auditor
would look for, and PMKS cases clustered where the TRC really is busiest.

Python computes numbers with numpy; DuckDB turns them into text (ids, names) while inserting,
because it does that much faster than Python objects. All SQL is static text with bound
``$name`` parameters.
"""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from domain import codes
from geodata.demo_boundaries import BATAM_ISLAND_KECAMATAN, UTM_48N, demo_kelurahan_polygons
from warehouse.progress import Progress, silent

BATAM_FACTS = Path(__file__).resolve().parent / "data" / "batam_kelurahan.csv"
REFERENCE_DATE = np.datetime64("2026-11-20", "D")
REGION = "21.71"
PROVINCE = {"kode": "21", "nama": "Kepulauan Riau", "kode_bps": "21"}
CITY = {"kode": "21.71", "nama": "Kota Batam", "kode_bps": "2171"}

# (siklus, nama, tanggal_mulai, tanggal_target)
PREVIOUS_CYCLE = ("2026-S1", "Verivali DTKS Semester I 2026", np.datetime64("2026-01-01"), np.datetime64("2026-06-30"))
CURRENT_CYCLE = ("2026-S2", "Verivali DTKS Semester II 2026", np.datetime64("2026-07-01"), np.datetime64("2026-12-31"))

HOUSEHOLDS_PER_SCALE = 80_000
CASES_PER_SCALE = 6_000
ENUMERATORS = 87
FACILITATORS = 12
DUPLICATE_NIK_PER_SCALE = 36
HEADLESS_PER_SCALE = 30
MISPLACED_DWELLING_SHARE = 0.002
DWELLING_WITHOUT_POINT_SHARE = 0.03

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

# 6T patterns an auditor should find.
DEDUCTION_KELURAHAN = ("21.71.11.1003", "21.71.12.1004", "21.71.06.1005", "21.71.03.1003")
DEDUCTIONS_RUPIAH = np.array([10_000, 20_000, 25_000, 50_000])
OVERPRICED_EWARONG_COUNT = 3

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
CASE_CLUSTER_SHARE = 0.6
CASE_CLUSTER_SPREAD_M = 400.0

CATEGORY_WEIGHTS = {
    "odgj": 16,
    "pengemis": 13,
    "gelandangan": 12,
    "anak_jalanan": 9,
    "lansia_terlantar": 8,
    "anak_terlantar": 5,
    "fakir_miskin": 4,
    "pemulung": 4,
    "penyandang_disabilitas": 4,
    "anak_korban_kekerasan": 4,
    "pekerja_migran_bermasalah": 4,
    "korban_tindak_kekerasan": 3,
    "korban_trafficking": 2.5,
    "tuna_susila": 2,
    "anak_berhadapan_hukum": 2,
    "korban_napza": 2,
    "perempuan_rawan_sosial_ekonomi": 2,
    "anak_balita_terlantar": 1.5,
    "anak_disabilitas": 1.5,
    "anak_perlindungan_khusus": 1.5,
    "keluarga_bermasalah_psikologis": 1.5,
    "odha": 1,
    "bekas_warga_binaan": 1,
    "korban_bencana_alam": 1,
    "korban_bencana_sosial": 0.5,
    "kelompok_minoritas": 0.3,
    "komunitas_adat_terpencil": 0.2,
}
STREET_CATEGORIES = ("gelandangan", "pengemis", "anak_jalanan", "pemulung", "tuna_susila")
# (youngest, oldest, share of women, share taken into the shelter)
CATEGORY_PROFILE = {
    "anak_balita_terlantar": (0, 5, 0.5, 0.7),
    "anak_terlantar": (6, 17, 0.45, 0.5),
    "anak_berhadapan_hukum": (12, 17, 0.15, 0.3),
    "anak_jalanan": (7, 17, 0.3, 0.5),
    "anak_disabilitas": (2, 17, 0.4, 0.3),
    "anak_korban_kekerasan": (3, 17, 0.6, 0.6),
    "anak_perlindungan_khusus": (5, 17, 0.5, 0.5),
    "lansia_terlantar": (60, 92, 0.55, 0.6),
    "penyandang_disabilitas": (18, 70, 0.4, 0.2),
    "tuna_susila": (18, 45, 0.9, 0.4),
    "gelandangan": (18, 75, 0.25, 0.6),
    "pengemis": (18, 80, 0.45, 0.4),
    "pemulung": (15, 70, 0.35, 0.1),
    "kelompok_minoritas": (18, 70, 0.5, 0.1),
    "bekas_warga_binaan": (20, 60, 0.1, 0.2),
    "odha": (20, 55, 0.35, 0.2),
    "korban_napza": (16, 45, 0.1, 0.3),
    "korban_trafficking": (15, 35, 0.75, 0.7),
    "korban_tindak_kekerasan": (18, 60, 0.75, 0.4),
    "pekerja_migran_bermasalah": (19, 50, 0.45, 0.6),
    "korban_bencana_alam": (0, 85, 0.5, 0.3),
    "korban_bencana_sosial": (0, 80, 0.5, 0.3),
    "perempuan_rawan_sosial_ekonomi": (18, 64, 1.0, 0.1),
    "fakir_miskin": (18, 80, 0.5, 0.1),
    "keluarga_bermasalah_psikologis": (18, 65, 0.55, 0.1),
    "komunitas_adat_terpencil": (0, 80, 0.5, 0.05),
    "odgj": (18, 65, 0.3, 0.5),
}
# Outcome shares in the order of codes.PMKS_OUTCOMES
# (kembali_keluarga, panti, dirawat, dirujuk, mandiri, meninggal).
OUTCOME_DEFAULT = (0.40, 0.10, 0.05, 0.25, 0.19, 0.01)
OUTCOME_BY_CATEGORY = {
    "odgj": (0.30, 0.02, 0.58, 0.09, 0.0, 0.01),
    "lansia_terlantar": (0.38, 0.45, 0.05, 0.07, 0.0, 0.05),
    "gelandangan": (0.50, 0.15, 0.02, 0.13, 0.20, 0.0),
    "pengemis": (0.50, 0.15, 0.02, 0.13, 0.20, 0.0),
    "pekerja_migran_bermasalah": (0.80, 0.02, 0.03, 0.10, 0.05, 0.0),
    "korban_trafficking": (0.70, 0.10, 0.05, 0.15, 0.0, 0.0),
}
OUTCOME_CHILD = (0.60, 0.25, 0.0, 0.15, 0.0, 0.0)

# Name and address material: syllables and common nouns, so no name is a real person's.
NAME_STARTS = (
    "Ba",
    "Da",
    "Ha",
    "Ka",
    "La",
    "Ma",
    "Na",
    "Ra",
    "Sa",
    "Ta",
    "Wa",
    "Ya",
    "Bu",
    "Du",
    "Ru",
    "Su",
    "Tu",
    "Mu",
    "Ni",
    "Ri",
    "Si",
    "Ti",
    "Di",
    "Li",
    "Jo",
    "Ko",
    "Lo",
    "So",
    "Ge",
    "Pe",
    "Re",
    "Se",
)
NAME_MIDDLES = ("", "ra", "ma", "na", "ri", "ni", "di", "ya", "wa", "la", "sa", "ti", "ku", "to", "me", "ju")
NAME_ENDS_MALE = ("to", "di", "man", "no", "ran", "din", "fan", "dar", "rul", "son")
NAME_ENDS_FEMALE = ("ni", "ti", "wati", "yah", "na", "sih", "rah", "dah", "mi", "nah")
NAME_ENDS_FAMILY = ("lan", "tra", "yono", "wan", "sari", "jaya", "putra", "ngsih", "ruddin", "mat")
STREET_WORDS = (
    "Melati",
    "Kenanga",
    "Cempaka",
    "Seroja",
    "Teratai",
    "Anggrek",
    "Mawar",
    "Flamboyan",
    "Bakau",
    "Nipah",
    "Pinang",
    "Kelapa",
    "Durian",
    "Rambutan",
    "Merpati",
    "Rajawali",
    "Elang",
    "Camar",
    "Harapan",
    "Damai",
    "Sejahtera",
    "Bahagia",
    "Bersama",
    "Makmur",
    "Pelita",
    "Bintang",
    "Pelangi",
    "Samudra",
    "Bahari",
    "Pesisir",
)
STREET_KINDS_CITY = ("Jl.", "Gg.", "Perum", "Kav.")

# Where members born outside Batam got their NIK: kab/kota codes (digits 1-4) and the town.
OTHER_REGIONS = (
    ("1171", "Banda Aceh"),
    ("1271", "Medan"),
    ("1371", "Padang"),
    ("1471", "Pekanbaru"),
    ("1571", "Jambi"),
    ("1671", "Palembang"),
    ("1871", "Bandar Lampung"),
    ("2172", "Tanjung Pinang"),
    ("3171", "Jakarta Selatan"),
    ("3172", "Jakarta Timur"),
    ("3273", "Bandung"),
    ("3374", "Semarang"),
    ("3471", "Yogyakarta"),
    ("3578", "Surabaya"),
    ("5371", "Kupang"),
    ("6171", "Pontianak"),
    ("7371", "Makassar"),
)
OTHER_REGION_WEIGHTS = (3, 10, 8, 5, 2, 3, 2, 4, 4, 3, 4, 4, 2, 4, 5, 2, 3)
BORN_ELSEWHERE_SHARE = 0.15

BANKS = ("BANK-BNI", "BANK-BRI", "BANK-MANDIRI")
BANK_WEIGHTS = (0.5, 0.35, 0.15)
BATCH_ROWS = 500_000
DOCUMENTS_ALL = 0b111  # bit i: codes.DOCUMENTS[i] present (bast, foto, ktp)


# Appending a step leaves the earlier steps' streams (and so their data) as they were.
_STEPS = ("wilayah", "keluarga", "verivali", "anggota", "petugas", "pmks", "bansos", "desil")

DAY = np.timedelta64(1, "D")
DESIL_STAGE = codes.VERIVALI_STAGES.index("desil")


def build(
    con: duckdb.DuckDBPyConnection,
    scale: int = 1,
    seed: int = 2171,
    progress: Progress = silent,
    *,
    fraction: float = 1.0,
) -> dict[str, int]:
    """Fill every table of the schema with the synthetic Kota Batam demo.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A connection inside an open transaction on a warehouse whose schema exists and whose
        tables are empty (``db.atomic_build`` gives one). Nothing is committed here.
    scale : int
        Multiplies households (80,000), members (about 260,000), PMKS cases (6,000) and bansos
        distributions (about 550,000) at scale 1. Kelurahan (64) and enumerators (87) stay.
    seed : int
        Seed of every random draw: the same seed and scale give identical tables.
    progress : callable
        Called as ``progress(label, fraction_done)`` between steps.
    fraction : float
        Share of the scale-1 volume, for tests and benchmarks that need a quick complete
        build; 1.0 for the real demo. Counts never fall below a handful.

    Returns
    -------
    dict
        Rows per table, for every table of the schema.
    """
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    volume = scale * fraction
    # One independent stream per step: a change in one step leaves the others' draws alone.
    streams = np.random.SeedSequence(seed).spawn(len(_STEPS))
    rng = {step: np.random.default_rng(s) for step, s in zip(_STEPS, streams)}
    done = iter(np.linspace(0.0, 1.0, 11))

    progress("wilayah", next(done))
    units = _units(rng["wilayah"])
    _insert_wilayah(con, units)

    progress("dtks_keluarga", next(done))
    households = _households(units, volume, rng["keluarga"])
    plan = _verivali_plan(units, households, rng["verivali"])
    households["status"] = plan.status
    _set_flags(households, rng["keluarga"])

    progress("dtks_anggota", next(done))
    members = _members(units, households, volume, rng["anggota"])
    households["nik_penerima"] = _recipient_nik(households, members)
    _insert_households(con, units, households)
    _insert_members(con, households, members)
    del members

    progress("petugas", next(done))
    staff = _staff(units, households, rng["petugas"])
    _insert_staff(con, units, staff)

    progress("verivali", next(done))
    _insert_cycles(con)
    _insert_verivali(con, units, households, plan, staff, rng["verivali"], rng["desil"])
    del plan

    progress("pmks_kasus", next(done))
    _insert_cases(con, units, volume, rng["pmks"])

    progress("bansos", next(done))
    _insert_bansos(con, units, households, rng["bansos"], lambda f: progress("bansos_penyaluran", 0.6 + 0.3 * f))

    progress("metadata", 0.95)
    counts = _counts(con)
    _insert_log(con, counts, seed, scale, fraction)
    counts = _counts(con)
    progress("selesai", 1.0)
    return counts


# --- helpers ------------------------------------------------------------------------------


def _insert(con: duckdb.DuckDBPyConnection, statement: str, params: dict | None = None, **frames: pd.DataFrame) -> None:
    """Run one static insert statement reading the given frames by name."""
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        con.execute(statement, params or {})
    finally:
        for name in frames:
            con.unregister(name)


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every table of the schema, in the order the schema created them."""
    tables = con.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' and not temporary order by table_oid"
    ).fetchall()
    return {t: con.execute("select count(*) from query_table($t)", {"t": t}).fetchall()[0][0] for (t,) in tables}


def _count(volume: float, per_scale: int, least: int = 4) -> int:
    return max(least, int(round(per_scale * volume)))


def _dates(days: np.ndarray, origin: np.datetime64) -> np.ndarray:
    """``origin`` plus whole days (floats are floored)."""
    return origin + np.floor(days).astype("int64") * DAY


def _weekday(dates: np.ndarray) -> np.ndarray:
    """0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday)."""
    return (dates.astype("datetime64[D]").astype("int64") + 3) % 7


def _no_sundays(dates: np.ndarray, earliest: np.ndarray, latest: np.ndarray) -> np.ndarray:
    """Field work moved off Sundays: to the Monday, or the Saturday when Monday is too late."""
    sunday = _weekday(dates) == 6
    moved = np.where(dates + DAY <= latest, dates + DAY, dates - DAY)
    return np.where(sunday & (moved >= earliest), moved, dates)


def _choice(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum())


def _grouped_rank(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each element: its group number among the sorted distinct keys and its rank
    (0-based, in input order) within the group."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    first = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    group_sorted = np.cumsum(first) - 1
    rank_sorted = np.arange(len(keys)) - np.flatnonzero(first)[group_sorted]
    group = np.empty(len(keys), dtype=np.int64)
    rank = np.empty(len(keys), dtype=np.int64)
    group[order] = group_sorted
    rank[order] = rank_sorted
    return group, rank


def _serials(prefix: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Four-digit serials (1-9999) unique within each prefix, starting at a random number
    per prefix as real registers do not start every day at 0001."""
    group, rank = _grouped_rank(prefix)
    start = rng.integers(1, 400, size=group.max() + 1 if len(group) else 0)
    serial = start[group] + rank
    if len(serial) and serial.max() > 9999:
        raise ValueError("too many records share a region and date for four-digit serials")
    return serial


def _ddmmyy(dates: np.ndarray, female: np.ndarray | None = None) -> np.ndarray:
    """Dates as the integer DDMMYY of NIK and KK numbers (40 added to DD for women)."""
    stamp = pd.DatetimeIndex(dates.astype("datetime64[s]"))
    day = stamp.day.to_numpy() + (40 * female if female is not None else 0)
    return day * 10_000 + stamp.month.to_numpy() * 100 + stamp.year.to_numpy() % 100


def _points_inside(geom, n: int, rng: np.random.Generator, centre=None, spread_deg: float = 0.0) -> np.ndarray:
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


def _names(rng: np.random.Generator, female: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices into :func:`_name_pool` of a given name (by sex) and a family name."""
    given, family = _name_pool()
    half = len(given) // 2
    pick = rng.integers(0, half, size=len(female))
    return pick + half * female, rng.integers(0, len(family), size=len(female))


def _name_pool() -> tuple[list[str], list[str]]:
    """Given names (the male half first, then the female half) and family names, built from
    syllables in a fixed order."""
    male = [s + m + e for s, m, e in itertools.product(NAME_STARTS, NAME_MIDDLES, NAME_ENDS_MALE)]
    female = [s + m + e for s, m, e in itertools.product(NAME_STARTS, NAME_MIDDLES, NAME_ENDS_FEMALE)]
    family = [s + m + e for s, m, e in itertools.product(NAME_STARTS, NAME_MIDDLES[1:], NAME_ENDS_FAMILY)]
    return male + female, family


# --- wilayah ------------------------------------------------------------------------------


@functools.cache
def _kelurahan() -> tuple[pd.DataFrame, np.ndarray]:
    """The facts file sorted by code and the generated polygons (EPSG:4326). Both are fixed,
    so a process that builds several warehouses (tests, benchmarks) computes them once."""
    facts = pd.read_csv(BATAM_FACTS, dtype={"kode": str, "kode_kecamatan": str})
    facts = facts.sort_values("kode").reset_index(drop=True)
    return facts, demo_kelurahan_polygons(facts).geometry.to_numpy()


def _units(rng: np.random.Generator) -> gpd.GeoDataFrame:
    """The 64 kelurahan with their generated polygon, population and the parameters that
    shape their data (coverage, schedule, match rate, poverty)."""
    facts, shapes = _kelurahan()
    units = gpd.GeoDataFrame(facts.drop(columns="luas_km2"), geometry=shapes.copy(), crs="EPSG:4326")
    units["luas_km2"] = units.geometry.to_crs(UTM_48N).area.to_numpy() / 1e6
    n = len(units)
    kec = units["kode_kecamatan"]
    island = kec.isin(BATAM_ISLAND_KECAMATAN).to_numpy()
    units["island"] = island

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


def _insert_wilayah(con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame) -> None:
    wkb = shapely.to_wkb(units.geometry.to_numpy())
    kelurahan = pd.DataFrame(
        {
            "kode": units["kode"],
            "nama": units["kelurahan"],
            "level": "kelurahan",
            "jenis": units["jenis"],
            "kode_induk": units["kode_kecamatan"],
            "kode_bps": None,
            "geom": wkb,
            "geom_display": wkb,
            "geom_sumber": "demo",
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
        _insert(con, "insert into wilayah by name select * from demo_frame", demo_frame=frame)


# --- households ---------------------------------------------------------------------------


def _households(units: gpd.GeoDataFrame, volume: float, rng: np.random.Generator) -> pd.DataFrame:
    """Households without status and flags (they depend on the verivali history)."""
    total = _count(volume, HOUSEHOLDS_PER_SCALE, least=len(units) * 4)
    weight = units["penduduk"].to_numpy() * units["poverty"].to_numpy()
    # At least a few per kelurahan so every map unit has data even in a tiny build.
    counts = 3 + rng.multinomial(total - 3 * len(units), weight / weight.sum())
    unit = np.repeat(np.arange(len(units)), counts)
    n = len(unit)
    seq = np.arange(n) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    island = units["island"].to_numpy()[unit]

    registered = np.where(
        rng.random(n) < 0.88,
        _dates(rng.uniform(0, 4717, n), np.datetime64("2012-01-01")),  # up to 2024-11-30
        _dates(rng.uniform(0, 577, n), np.datetime64("2024-12-01")),  # up to 2026-06-30
    )
    kk_issued = np.maximum(registered - rng.integers(0, 4000, n) * DAY, np.datetime64("1998-01-01"))
    kk_region = 217_100 + units["kode_kecamatan"].str[-2:].astype(int).to_numpy()[unit]
    kk_prefix = kk_region * 1_000_000 + _ddmmyy(kk_issued)
    no_kk = kk_prefix * 10_000 + _serials(kk_prefix, rng)

    lonlat = np.full((n, 2), np.nan)
    for k, geom in enumerate(units.geometry):
        rows = np.flatnonzero(unit == k)
        lonlat[rows] = _points_inside(geom, len(rows), rng)
    misplaced = rng.random(n) < MISPLACED_DWELLING_SHARE
    neighbour = _nearest_neighbours(units)
    for k in np.unique(unit[misplaced]):
        rows = np.flatnonzero(misplaced & (unit == k))
        lonlat[rows] = _points_inside(units.geometry.iloc[neighbour[k]], len(rows), rng)
    lonlat[(rng.random(n) < DWELLING_WITHOUT_POINT_SHARE) & ~misplaced] = np.nan

    desil_p = np.array([0.16, 0.17, 0.16, 0.14, 0.10, 0.08, 0.06, 0.05, 0.04, 0.04])
    desil_island_p = np.array([0.24, 0.21, 0.17, 0.13, 0.08, 0.06, 0.04, 0.03, 0.02, 0.02])
    desil = np.where(island, _choice(rng, desil_island_p, n), _choice(rng, desil_p, n)) + 1

    word = rng.integers(0, len(STREET_WORDS), n)
    kind = rng.integers(0, len(STREET_KINDS_CITY), n)
    street = np.where(island, "Kampung", np.asarray(STREET_KINDS_CITY, dtype=object)[kind])
    alamat = (
        pd.Series(street, dtype="str")
        + " "
        + pd.Series(np.asarray(STREET_WORDS)[word], dtype="str")
        + " No. "
        + pd.Series(rng.integers(1, 150, n)).astype("str")
    )
    kode_digits = units["kode"].str.replace(".", "", regex=False).to_numpy()
    id_dtks = pd.Series(kode_digits[unit], dtype="str") + pd.Series(seq).astype("str").str.zfill(6)
    return pd.DataFrame(
        {
            "unit": unit.astype(np.int32),
            "id_dtks": id_dtks,
            "no_kk": no_kk,
            "alamat": alamat,
            "rt": pd.Series(rng.integers(1, 16, n)).astype("str").str.zfill(3),
            "rw": pd.Series(rng.integers(1, 9, n)).astype("str").str.zfill(3),
            "lon": lonlat[:, 0],
            "lat": lonlat[:, 1],
            "desil": desil.astype(np.int8),
            "tanggal_terdaftar": registered,
            "size": _household_sizes(island, rng),
        }
    )


def _nearest_neighbours(units: gpd.GeoDataFrame) -> np.ndarray:
    """For each kelurahan the closest other one (touching ones first, then by centre distance)."""
    geoms = units.geometry.to_crs(UTM_48N).to_numpy()
    gap = shapely.distance(geoms[:, None], geoms[None, :])
    centres = shapely.distance(shapely.centroid(geoms)[:, None], shapely.centroid(geoms)[None, :])
    score = gap * 1e3 + centres
    np.fill_diagonal(score, np.inf)
    return score.argmin(axis=1)


def _household_sizes(island: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    city = [0.14, 0.22, 0.23, 0.20, 0.11, 0.06, 0.03, 0.01]
    islands = [0.10, 0.18, 0.21, 0.21, 0.14, 0.09, 0.05, 0.02]
    n = len(island)
    return (np.where(island, _choice(rng, islands, n), _choice(rng, city, n)) + 1).astype(np.int8)


def _set_flags(households: pd.DataFrame, rng: np.random.Generator) -> None:
    """Programme flags from the desil, with a few percent that no longer fit (desil above the
    limit, household no longer active): the recipients 6T tepat sasaran should catch."""
    n = len(households)
    desil = households["desil"].to_numpy()
    low = desil <= 4
    near = (desil >= 5) & (desil <= 6)
    # Most inactive households were taken off the programmes; some still draw them.
    kept = (households["status"].to_numpy() == "aktif") | (rng.random(n) < 0.3)
    households["flag_pkh"] = kept & ((low & (rng.random(n) < 0.34)) | (near & (rng.random(n) < 0.03)))
    households["flag_bpnt"] = kept & ((low & (rng.random(n) < 0.44)) | (near & (rng.random(n) < 0.03)))
    households["flag_pbi_jkn"] = kept & (
        ((desil <= 5) & (rng.random(n) < 0.8)) | ((desil >= 6) & (desil <= 7) & (rng.random(n) < 0.2))
    )


def _insert_households(con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame, households: pd.DataFrame) -> None:
    frame = households[
        [
            "id_dtks",
            "alamat",
            "rt",
            "rw",
            "lon",
            "lat",
            "desil",
            "flag_pkh",
            "flag_bpnt",
            "flag_pbi_jkn",
            "status",
            "tanggal_terdaftar",
        ]
    ].assign(
        no_kk=households["no_kk"].astype("str"),
        kode_kelurahan=units["kode"].to_numpy()[households["unit"].to_numpy()],
    )
    _insert(con, "insert into dtks_keluarga by name select * from demo_frame", demo_frame=frame)


# --- members ------------------------------------------------------------------------------


def _members(
    units: gpd.GeoDataFrame, households: pd.DataFrame, volume: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Members with relations, ages consistent with them, NIK and match status; a few
    dozen NIK duplicated across households and a few dozen households left without a head."""
    size = households["size"].to_numpy().astype(np.int64)
    hh = np.repeat(np.arange(len(households)), size)
    n = len(hh)
    position = np.arange(n) - np.repeat(np.cumsum(size) - size, size)
    head = position == 0
    unit = households["unit"].to_numpy()[hh]
    relations = {r: i for i, r in enumerate(codes.RELATIONS)}

    head_age = np.clip(19 + rng.gamma(4.0, 7.5, len(households)), 19, 90)[hh]
    head_female = (rng.random(len(households)) < 0.22)[hh]
    draw = _choice(rng, [0.80, 0.07, 0.04, 0.03, 0.04, 0.02], n)
    others = np.array([relations[r] for r in ("anak", "cucu", "orang_tua", "menantu", "famili_lain", "lainnya")])
    relation = others[draw]
    relation = np.where((position == 1) & (rng.random(n) < 0.82), relations["pasangan"], relation)
    # Grandchildren and children-in-law need an older head, a parent a younger one.
    relation = np.where((relation == relations["cucu"]) & (head_age < 48), relations["anak"], relation)
    relation = np.where((relation == relations["menantu"]) & (head_age < 42), relations["famili_lain"], relation)
    relation = np.where((relation == relations["orang_tua"]) & (head_age > 62), relations["famili_lain"], relation)
    relation = np.where(head, relations["kepala_keluarga"], relation)

    age = rng.uniform(1, 80, n)
    spouse_gap = rng.normal(3.0, 4.0, n)
    age = np.where(
        relation == relations["pasangan"],
        np.clip(head_age + np.where(head_female, spouse_gap, -spouse_gap), 17, 95),
        age,
    )
    child = head_age - rng.uniform(19, 42, n)
    age = np.where(
        relation == relations["anak"], np.where(child >= 0, child, rng.uniform(0, 1, n) * (head_age - 19)), age
    )
    grandchild = head_age - rng.uniform(40, 60, n)
    age = np.where(
        relation == relations["cucu"],
        np.where(grandchild >= 0, grandchild, rng.uniform(0, 1, n) * (head_age - 40)),
        age,
    )
    age = np.where(relation == relations["orang_tua"], np.minimum(head_age + rng.uniform(18, 35, n), 98), age)
    age = np.where(relation == relations["menantu"], np.maximum(head_age - rng.uniform(18, 35, n), 17), age)
    age = np.where(head, head_age, age)
    born = REFERENCE_DATE - np.floor(age * 365.25).astype("int64") * DAY - rng.integers(1, 365, n) * DAY

    female = np.where(head, head_female, rng.random(n) < 0.5)
    female = np.where(relation == relations["pasangan"], ~head_female, female)

    elsewhere = rng.random(n) < np.where(relation == relations["orang_tua"], 0.5, BORN_ELSEWHERE_SHARE)
    other = _choice(rng, OTHER_REGION_WEIGHTS, n)
    other_code = np.array([int(c) for c, _ in OTHER_REGIONS])[other]
    kec_digits = units["kode_kecamatan"].str[-2:].astype(int).to_numpy()[unit]
    region = np.where(elsewhere, other_code * 100 + rng.integers(1, 11, n), 217_100 + kec_digits)
    prefix = region * 1_000_000 + _ddmmyy(born, female)
    nik = prefix * 10_000 + _serials(prefix, rng)
    birthplace = np.where(elsewhere, other + 1, 0)  # 0: Batam

    status = households["status"].to_numpy()[hh].astype(object)
    active = status == "aktif"
    died = active & ~head & (age > 65) & (rng.random(n) < 0.03)
    moved = active & ~head & (relation == relations["anak"]) & (age > 18) & (age < 35) & (rng.random(n) < 0.04)
    status = np.where(died, "meninggal", np.where(moved, "pindah", status))

    padan_p = units["padan_rate"].to_numpy()[unit] * np.where(elsewhere, 0.9, 1.0)
    # Heads of beneficiary households were matched first: payment needs a matched NIK.
    beneficiary = (households["flag_pkh"] | households["flag_bpnt"]).to_numpy()[hh]
    padan_p = np.where(head & beneficiary, 0.97, padan_p)
    padan_p = np.where(age < 1, 0.3, padan_p)
    padan = np.where(rng.random(n) < padan_p, 0, np.where(rng.random(n) < 0.35, 1, 2))

    given, family = _names(rng, female)
    members = pd.DataFrame(
        {
            "hh": hh.astype(np.int32),
            "position": position.astype(np.int16),
            "nik": nik,
            "given": given.astype(np.int32),
            "family": family.astype(np.int32),
            "birthplace": birthplace.astype(np.int16),
            "tanggal_lahir": born,
            "female": female,
            "relation": relation.astype(np.int8),
            "padan": padan.astype(np.int8),
            "status": status,
        }
    )
    _plant_duplicate_niks(members, volume, rng)
    _plant_headless(members, households, volume, rng)
    return members


def _plant_duplicate_niks(members: pd.DataFrame, volume: float, rng: np.random.Generator) -> None:
    """The same person registered in two households: an adult child of one household also
    listed as other family in another, with the same NIK, name and birth date."""
    wanted = _count(volume, DUPLICATE_NIK_PER_SCALE, least=2)
    age_days = (REFERENCE_DATE - members["tanggal_lahir"].to_numpy()) / DAY
    active = members["status"].to_numpy() == "aktif"
    relation = members["relation"].to_numpy()
    sources = np.flatnonzero(active & (relation == codes.RELATIONS.index("anak")) & (age_days > 18 * 365.25))
    targets = np.flatnonzero(
        active & np.isin(relation, [codes.RELATIONS.index("famili_lain"), codes.RELATIONS.index("lainnya")])
    )
    count = min(wanted, len(sources), len(targets))
    source = rng.choice(sources, count, replace=False)
    target = rng.choice(targets, count, replace=False)
    differ = members["hh"].to_numpy()[source] != members["hh"].to_numpy()[target]
    source, target = source[differ], target[differ]
    for column in ("nik", "given", "family", "birthplace", "tanggal_lahir", "female", "padan"):
        members.loc[target, column] = members[column].to_numpy()[source]


def _plant_headless(members: pd.DataFrame, households: pd.DataFrame, volume: float, rng: np.random.Generator) -> None:
    """Active households whose head was recorded as other family: the "no head" finding."""
    wanted = _count(volume, HEADLESS_PER_SCALE, least=2)
    candidates = np.flatnonzero((households["status"].to_numpy() == "aktif") & (households["size"].to_numpy() >= 2))
    chosen = rng.choice(candidates, min(wanted, len(candidates)), replace=False)
    rows = np.flatnonzero(np.isin(members["hh"].to_numpy(), chosen) & (members["position"].to_numpy() == 0))
    members.loc[rows, "relation"] = np.int8(codes.RELATIONS.index("famili_lain"))


def _recipient_nik(households: pd.DataFrame, members: pd.DataFrame) -> np.ndarray:
    """The NIK bansos is paid to: the head's, or the first member's where no head is recorded."""
    first = members.drop_duplicates("hh")
    nik = pd.Series(first["nik"].to_numpy(), index=first["hh"].to_numpy())
    return nik.reindex(np.arange(len(households))).astype("str").to_numpy()


def _insert_members(con: duckdb.DuckDBPyConnection, households: pd.DataFrame, members: pd.DataFrame) -> None:
    given, family = _name_pool()
    frame = members.drop(columns="status").assign(
        status=pd.Categorical(members["status"], categories=codes.HOUSEHOLD_STATUS),
        relation=pd.Categorical.from_codes(members["relation"], categories=codes.RELATIONS),
        padan=pd.Categorical.from_codes(members["padan"], categories=codes.PADAN_STATUS),
    )
    _insert(
        con,
        """
        insert into dtks_anggota by name
        select
            h.id_dtks || '-' || lpad(cast(m.position + 1 as varchar), 2, '0') as id_anggota,
            h.id_dtks,
            cast(m.nik as varchar) as nik,
            g.nama || ' ' || f.nama as nama,
            p.nama as tempat_lahir,
            cast(m.tanggal_lahir as date) as tanggal_lahir,
            case when m.female then 'P' else 'L' end as jenis_kelamin,
            cast(m.relation as varchar) as hubungan,
            cast(m.padan as varchar) as status_padan,
            cast(m.status as varchar) as status
        from demo_members as m
        inner join demo_households as h on h.hh = m.hh
        inner join demo_given as g on g.i = m.given
        inner join demo_family as f on f.i = m.family
        inner join demo_places as p on p.i = m.birthplace
        """,
        demo_members=frame,
        demo_households=pd.DataFrame(
            {"hh": np.arange(len(households), dtype=np.int32), "id_dtks": households["id_dtks"]}
        ),
        demo_given=pd.DataFrame({"i": np.arange(len(given), dtype=np.int32), "nama": given}),
        demo_family=pd.DataFrame({"i": np.arange(len(family), dtype=np.int32), "nama": family}),
        demo_places=pd.DataFrame(
            {
                "i": np.arange(len(OTHER_REGIONS) + 1, dtype=np.int16),
                "nama": ["Batam"] + [town for _, town in OTHER_REGIONS],
            }
        ),
    )


# --- petugas ------------------------------------------------------------------------------


def _staff(units: gpd.GeoDataFrame, households: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """87 enumerators posted roughly by workload (every kecamatan at least one) and a few PKH
    facilitators. Columns: id_petugas, nama, peran, unit (home kelurahan index), aktif_mulai."""
    load = np.bincount(households["unit"].to_numpy(), minlength=len(units)).astype(float)
    seats = _largest_remainder(load, ENUMERATORS)
    kec = units["kode_kecamatan"].to_numpy()
    for code in sorted(set(kec)):
        inside = kec == code
        if seats[inside].sum() == 0:
            # Take a seat from the best-served kelurahan for this kecamatan's busiest one.
            donor = np.argmax(np.where(seats > 1, seats - load / load.sum() * ENUMERATORS, -np.inf))
            seats[donor] -= 1
            seats[np.flatnonzero(inside)[np.argmax(load[inside])]] += 1
    home = np.repeat(np.arange(len(units)), seats)
    facilitators = rng.choice(np.flatnonzero(~units["island"].to_numpy()), FACILITATORS, replace=False)
    unit = np.concatenate([home, np.sort(facilitators)])
    female = rng.random(len(unit)) < 0.45
    given, family = _names(rng, female)
    pool_given, pool_family = _name_pool()
    names = [f"{pool_given[g]} {pool_family[f]}" for g, f in zip(given, family)]
    ids = [f"ENUM-{i + 1:03d}" for i in range(len(home))] + [f"PKH-{i + 1:03d}" for i in range(FACILITATORS)]
    started = _dates(rng.uniform(0, 1065, len(unit)), np.datetime64("2023-01-02"))  # up to 2025-12-01
    return pd.DataFrame(
        {
            "id_petugas": ids,
            "nama": names,
            "peran": ["enumerator"] * len(home) + ["pendamping_pkh"] * FACILITATORS,
            "unit": unit,
            "aktif_mulai": started,
        }
    )


def _largest_remainder(weight: np.ndarray, seats: int) -> np.ndarray:
    quota = weight / weight.sum() * seats
    whole = np.floor(quota).astype(int)
    left = seats - whole.sum()
    # Ties broken by position, so the result never depends on sort stability.
    order = np.lexsort((np.arange(len(quota)), -(quota - whole)))
    whole[order[:left]] += 1
    return whole


def _insert_staff(con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame, staff: pd.DataFrame) -> None:
    frame = staff.drop(columns="unit").assign(
        kode_kelurahan_asal=units["kode"].to_numpy()[staff["unit"].to_numpy()], aktif_sampai=None
    )
    _insert(con, "insert into petugas by name select * from demo_frame", demo_frame=frame)


# --- verivali -----------------------------------------------------------------------------


class _Plan:
    """The verivali history of every household: per cycle a (households, 6 stages) array of
    dates (NaT where the stage was not reached) and the ground-check result code (-1: none),
    and the household status it leaves behind."""

    def __init__(self, n: int):
        self.dates = {c: np.full((n, 6), np.datetime64("NaT"), dtype="datetime64[D]") for c in (0, 1)}
        self.result = {c: np.full(n, -1, dtype=np.int8) for c in (0, 1)}
        self.status = np.full(n, "aktif", dtype=object)


def _stage_dates(anchor: np.ndarray, reached: np.ndarray, earliest: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Dates of the first four stages (usulan, entri, cek, ground check) of households that
    reached stage ``reached`` (0-3) on ``anchor``: earlier stages go back by a few days each,
    squeezed so that none falls before ``earliest``. Later stages are NaT."""
    n = len(anchor)
    gaps = np.column_stack([rng.integers(3, 22, n), rng.integers(2, 15, n), rng.integers(1, 13, n)]).astype(float)
    gaps *= np.arange(1, 4)[None, :] <= reached[:, None]
    room = (anchor - earliest) / DAY
    gaps *= np.minimum(1.0, room / np.maximum(gaps.sum(axis=1), 1.0))[:, None]
    gaps = np.floor(gaps).astype("int64")
    back = np.column_stack(
        [gaps[:, 0:].sum(axis=1), gaps[:, 1:].sum(axis=1), gaps[:, 2:].sum(axis=1), np.zeros(n, dtype="int64")]
    )
    dates = anchor[:, None] - back * DAY
    return np.where(np.arange(4)[None, :] <= reached[:, None], dates, np.datetime64("NaT"))


def _results(count: int, rng: np.random.Generator, found_share: float) -> np.ndarray:
    """Ground-check results of active households: updated, or not found at home."""
    return np.where(rng.random(count) < found_share, 0, codes.VERIVALI_RESULTS.index("tidak_ditemukan")).astype(np.int8)


def _inactivate(plan: _Plan, cycle: int, rows: np.ndarray, rng: np.random.Generator, shares) -> None:
    """Households found moved, dead or duplicated: the result and the status agree."""
    kinds = np.array(["pindah", "meninggal", "duplikat"], dtype=object)[_choice(rng, shares, len(rows))]
    plan.status[rows] = kinds
    plan.result[cycle][rows] = [codes.VERIVALI_RESULTS.index(k) for k in kinds]


def _after(dates: np.ndarray, low: int, high: int, rng: np.random.Generator) -> np.ndarray:
    """Dates ``low``-``high`` days later; NaT stays NaT and dates beyond the data date
    become NaT (the step has not happened yet)."""
    later = dates + rng.integers(low, high, len(dates)) * DAY
    return np.where(later <= REFERENCE_DATE, later, np.datetime64("NaT"))


def _verivali_plan(units: gpd.GeoDataFrame, households: pd.DataFrame, rng: np.random.Generator) -> _Plan:
    """The previous cycle mostly complete; the current one uneven by kelurahan, with a funnel
    that narrows from proposal to desil."""
    n = len(households)
    plan = _Plan(n)
    unit = households["unit"].to_numpy()
    registered = households["tanggal_terdaftar"].to_numpy()
    found = codes.VERIVALI_RESULTS.index("diperbarui")

    # Previous cycle: households registered before it, most of them checked.
    start, end = PREVIOUS_CYCLE[2], PREVIOUS_CYCLE[3]
    checked = np.flatnonzero((registered < start) & (rng.random(n) < units["previous_coverage"].to_numpy()[unit]))
    visit = _dates(rng.uniform(11, 181, len(checked)), start)
    visit = _no_sundays(visit, np.full(len(visit), start + 11 * DAY), np.full(len(visit), end))
    plan.dates[0][checked, :4] = _stage_dates(visit, np.full(len(checked), 3), np.full(len(checked), start), rng)
    plan.result[0][checked] = _results(len(checked), rng, 0.96)
    _inactivate(plan, 0, checked[rng.random(len(checked)) < 0.03], rng, (0.5, 0.3, 0.2))

    # Current cycle: everyone still active. A single draw u orders each kelurahan's queue:
    # below the coverage the household was ground-checked, a little above it the file is
    # still on the way (proposed, entered, checked by the Dinsos).
    start = CURRENT_CYCLE[2]
    frame = plan.status == "aktif"
    u = rng.random(n)
    coverage = units["coverage"].to_numpy()[unit]
    reached = np.select([u < coverage, u < coverage + 0.05, u < coverage + 0.11, u < coverage + 0.20], [3, 2, 1, 0], -1)
    reached = np.where(frame, reached, -1)
    work_start = units["work_start"].to_numpy()[unit]
    work_end = units["work_end"].to_numpy()[unit]
    span = (work_end - work_start) / DAY
    progress = np.where(u < coverage, u / coverage, rng.uniform(0.25, 1.0, n)) ** units["work_shape"].to_numpy()[unit]
    anchor = _no_sundays(work_start + np.floor(span * progress).astype("int64") * DAY, work_start, work_end)
    rows = np.flatnonzero(reached >= 0)
    plan.dates[1][rows, :4] = _stage_dates(anchor[rows], reached[rows], np.full(len(rows), start), rng)
    checked = np.flatnonzero(reached == 3)
    plan.result[1][checked] = _results(len(checked), rng, 0.94)
    _inactivate(plan, 1, checked[rng.random(len(checked)) < 0.025], rng, (0.45, 0.35, 0.2))

    # After an update the NIK goes to Dukcapil for matching and BPS ranks the desil.
    for cycle in (0, 1):
        updated = plan.result[cycle] == found
        padan = np.where(
            updated & (rng.random(n) < 0.98), _after(plan.dates[cycle][:, 3], 3, 29, rng), np.datetime64("NaT")
        )
        plan.dates[cycle][:, 4] = padan
        plan.dates[cycle][:, 5] = np.where(rng.random(n) < 0.97, _after(padan, 10, 46, rng), np.datetime64("NaT"))
    return plan


def _assign_enumerators(
    units: gpd.GeoDataFrame, unit: np.ndarray, staff: pd.DataFrame, rng: np.random.Generator
) -> np.ndarray:
    """For each ground-check visit in kelurahan ``unit`` an enumerator index: one posted in
    that kelurahan, now and then (or when it has none) another of its kecamatan."""
    enumerators = staff.index[staff["peran"] == "enumerator"].to_numpy()
    home = staff["unit"].to_numpy()[enumerators]
    kec = units["kode_kecamatan"].to_numpy()
    out = np.empty(len(unit), dtype=np.int16)
    for k in range(len(units)):
        rows = np.flatnonzero(unit == k)
        local = enumerators[home == k]
        nearby = enumerators[kec[home] == kec[k]]
        if len(nearby) == 0:
            nearby = enumerators
        pick_local = (rng.random(len(rows)) < 0.85) & (len(local) > 0)
        out[rows] = np.where(
            pick_local, rng.choice(local if len(local) else nearby, len(rows)), rng.choice(nearby, len(rows))
        )
    return out


def _insert_cycles(con: duckdb.DuckDBPyConnection) -> None:
    frame = pd.DataFrame([PREVIOUS_CYCLE, CURRENT_CYCLE], columns=["siklus", "nama", "tanggal_mulai", "tanggal_target"])
    _insert(con, "insert into verivali_siklus by name select * from demo_frame", demo_frame=frame)


def _desil_history(households: pd.DataFrame, plan: _Plan, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The desil assigned in the previous and in the current cycle. Where BPS ranked a household
    again this cycle the earlier desil may differ: recipients now above the programmes' limit
    (desil 4) were within it before, so their distributions fail tepat sasaran only from the
    tahap after the new ranking; others moved by one desil now and then."""
    current = households["desil"].to_numpy()
    ranked_again = ~np.isnat(plan.dates[1][:, DESIL_STAGE])
    recipient = (households["flag_pkh"] | households["flag_bpnt"]).to_numpy()
    n = len(current)
    shifted = np.clip(current + rng.choice(np.array([-1, 1]), n), 1, 10)
    earlier = np.where(rng.random(n) < 0.15, shifted, current)
    earlier = np.where(recipient & (current > 4), rng.integers(3, 5, n), earlier)
    return np.where(ranked_again, earlier, current).astype(np.int8), current.astype(np.int8)


def _insert_verivali(
    con: duckdb.DuckDBPyConnection,
    units: gpd.GeoDataFrame,
    households: pd.DataFrame,
    plan: _Plan,
    staff: pd.DataFrame,
    rng: np.random.Generator,
    desil_rng: np.random.Generator,
) -> None:
    unit = households["unit"].to_numpy()
    keys = pd.DataFrame({"hh": np.arange(len(households), dtype=np.int32), "id_dtks": households["id_dtks"]})
    desil = _desil_history(households, plan, desil_rng)
    next_id = 1
    for cycle, siklus in ((0, PREVIOUS_CYCLE[0]), (1, CURRENT_CYCLE[0])):
        dates = plan.dates[cycle]
        hh, stage = np.nonzero(~np.isnat(dates))  # row-major: by household, then stage
        visit = stage == 3
        petugas = np.full(len(hh), -1, dtype=np.int16)
        petugas[visit] = _assign_enumerators(units, unit[hh[visit]], staff, rng)
        result = np.where(visit, plan.result[cycle][hh], -1).astype(np.int8)
        frame = pd.DataFrame(
            {
                "id_verivali": np.arange(next_id, next_id + len(hh), dtype=np.int64),
                "hh": hh.astype(np.int32),
                "tahap": pd.Categorical.from_codes(stage.astype(np.int8), categories=codes.VERIVALI_STAGES),
                "tanggal": dates[hh, stage],
                "id_petugas": pd.Categorical.from_codes(petugas, categories=staff["id_petugas"]),
                "hasil": pd.Categorical.from_codes(result, categories=codes.VERIVALI_RESULTS),
                "desil": pd.array(np.where(stage == DESIL_STAGE, desil[cycle][hh], 0), dtype="Int8"),
            }
        )
        frame.loc[frame["desil"] == 0, "desil"] = pd.NA
        next_id += len(hh)
        _insert(
            con,
            """
            insert into verivali by name
            select
                v.id_verivali,
                k.id_dtks,
                $siklus as siklus,
                cast(v.tahap as varchar) as tahap,
                cast(v.tanggal as date) as tanggal,
                cast(v.id_petugas as varchar) as id_petugas,
                cast(v.hasil as varchar) as hasil,
                v.desil
            from demo_verivali as v
            inner join demo_keys as k on k.hh = v.hh
            """,
            {"siklus": siklus},
            demo_verivali=frame,
            demo_keys=keys,
        )


# --- PMKS ---------------------------------------------------------------------------------


def _insert_cases(
    con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame, volume: float, rng: np.random.Generator
) -> None:
    """PMKS cases over the 24 months ending on the data date, clustered in the busy centre
    and the industrial belt, with TRC times (slower on the islands and at night), lifecycle
    stage and its history, outcome and shelter stay."""
    n = _count(volume, CASES_PER_SCALE)
    weight = units["penduduk"].to_numpy() * units["case_rate"].to_numpy()
    unit = np.sort(_choice(rng, weight, n))
    island = units["island"].to_numpy()[unit]
    hot = units["case_rate"].to_numpy()[unit] > 1

    lonlat = np.empty((n, 2))
    clustered = hot & (rng.random(n) < CASE_CLUSTER_SHARE)
    for k in np.unique(unit):
        geom = units.geometry.iloc[k]
        for together, centre in ((False, None), (True, (units["lon"].iloc[k], units["lat"].iloc[k]))):
            rows = np.flatnonzero((unit == k) & (clustered == together))
            lonlat[rows] = _points_inside(geom, len(rows), rng, centre, CASE_CLUSTER_SPREAD_M / 111_320.0)
    lonlat[rng.random(n) < 0.02] = np.nan  # reported by phone without a location

    categories = list(CATEGORY_WEIGHTS)
    base = np.array([CATEGORY_WEIGHTS[c] for c in categories], dtype=float)
    street = np.isin(categories, STREET_CATEGORIES)
    remote = np.array([c in ("komunitas_adat_terpencil", "korban_bencana_alam") for c in categories])
    mainland_w = np.where(np.array(categories) == "komunitas_adat_terpencil", 0.0, base)
    hot_w = mainland_w * np.where(street, 2.0, 1.0)
    island_w = base * np.where(street, 0.3, 1.0) * np.where(remote, 15.0, 1.0)
    category = np.select(
        [island, hot], [_choice(rng, island_w, n), _choice(rng, hot_w, n)], _choice(rng, mainland_w, n)
    )
    kategori = np.array(categories, dtype=object)[category]
    profile = np.array([CATEGORY_PROFILE[c] for c in categories])[category]

    is_street = street[category]
    source = np.where(is_street, _choice(rng, [55, 25, 5, 10, 3, 2], n), _choice(rng, [12, 42, 18, 12, 10, 6], n))
    sumber = np.asarray(codes.PMKS_SOURCES, dtype=object)[source]

    # Report times: slightly more cases lately; day hours busier than the night.
    trend = 0.4
    t = (np.sqrt(1 + ((1 + trend) ** 2 - 1) * rng.random(n)) - 1) / trend
    day = np.floor(t * 730).astype("int64")
    hour_w = [1, 0.6, 0.4, 0.4, 0.5, 0.8, 1.5, 2.5, 3.5, 4, 4, 4, 3.5, 3.5, 4, 4, 3.5, 3.5, 3, 3, 3, 2.5, 2, 1.5]
    hour = _choice(rng, hour_w, n)
    reported = (REFERENCE_DATE - 729 * DAY + day * DAY).astype("datetime64[s]") + (
        hour * 3600 + rng.integers(0, 3600, n)
    ) * np.timedelta64(1, "s")
    order = np.argsort(reported, kind="stable")

    night = (hour >= 22) | (hour < 6)
    slow = np.where(night, 1.4, 1.0)
    respond_min = np.where(sumber == "patroli", rng.uniform(0, 5, n), rng.lognormal(np.log(10), 0.8, n) * slow)
    travel_min = rng.lognormal(np.log(30), 0.55, n) * slow * np.where(island, 2.2, 1.0)
    travel_min += np.where(rng.random(n) < 0.03, rng.uniform(60, 300, n), 0.0)
    travel_min = np.where(sumber == "patroli", 0.0, travel_min)
    responded = reported + np.round(respond_min * 60).astype("int64") * np.timedelta64(1, "s")
    arrived = responded + np.round(travel_min * 60).astype("int64") * np.timedelta64(1, "s")
    # Walk-ins at the office need no trip.
    arrived = np.where(sumber == "kantor", np.datetime64("NaT"), arrived)

    age_days = (REFERENCE_DATE - reported.astype("datetime64[D]")) / DAY
    duration = rng.lognormal(np.log(30), 0.8, n) * np.where(rng.random(n) < 0.04, 10.0, 1.0)
    stage = np.minimum(np.floor(age_days / duration * 7), 7).astype(int)
    tahap = np.asarray(codes.PMKS_STAGES, dtype=object)[stage]
    closed = stage == 7

    hasil = np.full(n, None, dtype=object)
    for c in np.unique(category):
        rows = np.flatnonzero((category == c) & closed)
        name = categories[c]
        shares = OUTCOME_BY_CATEGORY.get(name, OUTCOME_CHILD if name.startswith("anak_") else OUTCOME_DEFAULT)
        hasil[rows] = np.asarray(codes.PMKS_OUTCOMES, dtype=object)[_choice(rng, shares, len(rows))]

    low, high, female_share, shelter_share = profile.T
    usia = np.floor(low + (high - low + 1) * rng.beta(1.5, 2.0, n)).astype(int)
    usia = np.minimum(usia, high.astype(int))
    jenis_kelamin = np.where(rng.random(n) < female_share, "P", "L")

    sheltered = (stage >= 1) & (rng.random(n) < shelter_share)
    first_day = np.where(np.isnat(arrived), responded, arrived).astype("datetime64[D]")
    admitted = first_day + rng.integers(0, 2, n) * DAY
    admitted = np.minimum(admitted, REFERENCE_DATE)
    stay = np.maximum(np.round(rng.lognormal(np.log(9), 0.9, n)), 1).astype("int64")
    left = admitted + stay * DAY
    # A closed case has left the shelter, by the data date at the latest.
    left = np.where(
        closed & (left > REFERENCE_DATE),
        admitted + np.floor((REFERENCE_DATE - admitted) / DAY * rng.random(n)).astype("int64") * DAY,
        left,
    )
    left = np.where(left <= REFERENCE_DATE, left, np.datetime64("NaT"))

    id_kasus = np.array([f"PMKS-{i + 1:06d}" for i in range(n)], dtype=object)
    frame = pd.DataFrame(
        {
            "id_kasus": id_kasus,
            "kategori": kategori[order],
            "sumber": sumber[order],
            "waktu_lapor": reported[order],
            "waktu_respons": responded[order],
            "waktu_tiba": arrived[order],
            "lon": lonlat[order, 0],
            "lat": lonlat[order, 1],
            "kode_kelurahan": units["kode"].to_numpy()[unit][order],
            "jenis_kelamin": jenis_kelamin[order],
            "usia": usia[order],
            "tahap": tahap[order],
            "hasil": hasil[order],
            "tanggal_masuk_shelter": np.where(sheltered, admitted, np.datetime64("NaT"))[order],
            "tanggal_keluar_shelter": np.where(sheltered, left, np.datetime64("NaT"))[order],
        }
    )
    _insert(con, "insert into pmks_kasus by name select * from demo_frame", demo_frame=frame)

    # Stage history: reported at the report time, secured on arrival, then the later stages
    # spread evenly over the case's own duration (the one that set its current stage).
    secured = np.where(np.isnat(arrived), responded, arrived) + rng.integers(10, 91, n) * np.timedelta64(60, "s")
    last_second = (REFERENCE_DATE + DAY).astype("datetime64[s]") - np.timedelta64(1, "s")
    step = (duration * 86_400 / 7).astype("int64") * np.timedelta64(1, "s")
    starts = [reported, secured] + [
        np.maximum(reported + j * step, secured + (j - 1) * np.timedelta64(3600, "s"))
        for j in range(2, len(codes.PMKS_STAGES))
    ]
    case, stage_no = np.nonzero(np.arange(len(codes.PMKS_STAGES))[None, :] <= stage[order][:, None])
    history = pd.DataFrame(
        {
            "id_kasus": id_kasus[case],
            "tahap": np.asarray(codes.PMKS_STAGES, dtype=object)[stage_no],
            "waktu_mulai": np.minimum(np.column_stack(starts)[order][case, stage_no], last_second),
        }
    )
    _insert(con, "insert into pmks_kasus_tahap by name select * from demo_frame", demo_frame=history)


# --- bansos -------------------------------------------------------------------------------


def _tahap() -> pd.DataFrame:
    """PKH: eight quarterly tahap of 2025-2026, paid in the first two months of the quarter.
    BPNT: 24 monthly tahap from 2024-12 to 2026-11."""
    rows = []
    for year in (2025, 2026):
        for quarter in range(4):
            first = np.datetime64(f"{year}-{3 * quarter + 1:02d}-01")
            last = (first.astype("datetime64[M]") + 2).astype("datetime64[D]") - DAY
            rows.append(("PKH", f"{year}-T{quarter + 1}", first, last, 750_000, None))
    for month in np.arange(np.datetime64("2024-12"), np.datetime64("2026-12")):
        first = month.astype("datetime64[D]")
        last = (month + 1).astype("datetime64[D]") - DAY
        rows.append(("BPNT", str(month), first, last, 200_000, 200_000))
    frame = pd.DataFrame(
        rows, columns=["kode_program", "tahap", "tanggal_mulai", "tanggal_selesai", "nilai_per_kpm", "harga_acuan"]
    )
    frame["harga_acuan"] = frame["harga_acuan"].astype("Int64")
    return frame


def _insert_bansos(
    con: duckdb.DuckDBPyConnection,
    units: gpd.GeoDataFrame,
    households: pd.DataFrame,
    rng: np.random.Generator,
    step: Progress,
) -> None:
    """Programmes, tahap and one distribution per KPM and tahap, with the 6T failures an
    auditor should find: late payments on the islands, deductions in four kelurahan, photos
    missing at the post office, overpriced and substandard goods at a few e-warong, and
    recipients no longer eligible."""
    programs = pd.DataFrame(
        {
            "kode_program": ["PKH", "BPNT"],
            "nama": ["PKH", "BPNT/Sembako"],
            "jenis": ["tunai", "barang"],
            "periode": ["triwulan", "bulan"],
            "desil_maks": [4, 4],
            "dokumen_wajib": [list(codes.DOCUMENTS)] * 2,
            "toleransi_hari": [0, 0],
        }
    )
    _insert(con, "insert into bansos_program by name select * from demo_frame", demo_frame=programs)
    tahap = _tahap()
    _insert(con, "insert into bansos_tahap by name select * from demo_frame", demo_frame=tahap)

    n = len(households)
    unit = households["unit"].to_numpy()
    island = units["island"].to_numpy()[unit]
    kec = units["kode_kecamatan"].to_numpy()

    # Who pays whom: banks and post offices, and 1-4 e-warong per kelurahan by population.
    post_offices = sorted(set(kec))
    ewarong_count = np.clip(np.round(units["penduduk"].to_numpy() / 12_000), 1, 4).astype(int)
    ewarong_first = np.cumsum(ewarong_count) - ewarong_count
    penyalur = (
        list(BANKS)
        + [f"POS-{k.replace('.', '')}" for k in post_offices]
        + [f"EW-{i + 1:03d}" for i in range(ewarong_count.sum())]
    )
    post_index = len(BANKS) + np.searchsorted(post_offices, kec)[unit]
    ewarong_index = (
        len(BANKS) + len(post_offices) + ewarong_first[unit] + np.floor(rng.random(n) * ewarong_count[unit]).astype(int)
    )
    mainland_ewarong = np.concatenate(
        [np.arange(f, f + c) for f, c, isl in zip(ewarong_first, ewarong_count, units["island"]) if not isl]
    )
    chosen = len(BANKS) + len(post_offices) + rng.choice(mainland_ewarong, OVERPRICED_EWARONG_COUNT + 1, replace=False)
    overpriced, poor_quality = chosen[:-1], chosen[-1:]

    channel = {
        "PKH": np.where(rng.random(n) < np.where(island, 0.3, 0.85), 0, 1),
        "BPNT": np.where(rng.random(n) < np.where(island, 0.4, 0.88), 2, 1),
    }
    bank = _choice(rng, BANK_WEIGHTS, n)
    deduction_unit = units["kode"].isin(DEDUCTION_KELURAHAN).to_numpy()[unit]
    keys = pd.DataFrame(
        {
            "hh": np.arange(n, dtype=np.int32),
            "id_dtks": households["id_dtks"],
            "nik_penerima": households["nik_penerima"],
            "kode_kelurahan": units["kode"].to_numpy()[unit],
        }
    )
    names = pd.DataFrame({"i": np.arange(len(penyalur), dtype=np.int16), "id_penyalur": penyalur})
    registered = households["tanggal_terdaftar"].to_numpy()

    batch: list[pd.DataFrame] = []
    starts = tahap["tanggal_mulai"].to_numpy(dtype="datetime64[D]")
    ends = tahap["tanggal_selesai"].to_numpy(dtype="datetime64[D]")
    for i, t in enumerate(tahap.itertuples(index=False)):
        step(i / len(tahap))
        flag = households["flag_pkh" if t.kode_program == "PKH" else "flag_bpnt"].to_numpy()
        # 2 % of KPM do not collect in a given tahap.
        hh = np.flatnonzero(flag & (registered < ends[i]) & (rng.random(n) >= 0.02))
        m = len(hh)
        kanal = channel[t.kode_program][hh]
        who = np.select([kanal == 0, kanal == 1], [bank[hh], post_index[hh]], ewarong_index[hh]).astype(np.int16)
        window = (ends[i] - starts[i]) / DAY
        on_time = starts[i] + np.floor(rng.beta(1.2, 3.0, m) * (window + 1)).astype("int64") * DAY
        late = rng.random(m) < np.where(island[hh], 0.3, 0.015)
        salur = np.where(late, ends[i] + rng.integers(1, 36, m) * DAY, on_time)
        keep = salur <= REFERENCE_DATE  # the rest is not paid yet
        hh, kanal, who, salur = hh[keep], kanal[keep], who[keep], salur[keep]
        m = len(hh)

        hak = np.full(m, t.nilai_per_kpm, dtype=np.int64)
        cut = rng.random(m) < np.where(deduction_unit[hh], 0.35, 0.004)
        diterima = hak - np.where(cut, DEDUCTIONS_RUPIAH[rng.integers(0, len(DEDUCTIONS_RUPIAH), m)], 0)
        docs = np.full(m, DOCUMENTS_ALL, dtype=np.int8)
        no_photo = (kanal == 1) & (rng.random(m) < 0.18)
        docs = np.where(no_photo, docs & ~np.int8(0b010), docs)
        other_gap = rng.random(m) < 0.01
        docs = np.where(other_gap, docs & ~(np.int8(1) << rng.integers(0, 3, m).astype(np.int8)), docs).astype(np.int8)
        if t.kode_program == "BPNT":
            dear = (np.isin(who, overpriced) & (rng.random(m) < 0.55)) | (rng.random(m) < 0.005)
            fair = t.harga_acuan - 2_500 * rng.integers(0, 4, m)
            harga = pd.array(np.where(dear, t.harga_acuan + 500 * rng.integers(10, 61, m), fair), dtype="Int64")
            bad = rng.random(m) < np.where(np.isin(who, poor_quality), 0.12, 0.015)
            kualitas = pd.array(~bad, dtype="boolean")
        else:
            harga = pd.array([None] * m, dtype="Int64")
            kualitas = pd.array([None] * m, dtype="boolean")
        batch.append(
            pd.DataFrame(
                {
                    "tahap_index": np.full(m, i, dtype=np.int8),
                    "seq": np.arange(1, m + 1, dtype=np.int32),
                    "hh": hh.astype(np.int32),
                    "nilai_hak": hak,
                    "nilai_diterima": diterima,
                    "tanggal_salur": salur,
                    "kanal": pd.Categorical.from_codes(kanal.astype(np.int8), categories=codes.CHANNELS),
                    "penyalur": who,
                    "harga_dibayar": harga,
                    "lolos_kualitas": kualitas,
                    "dokumen_mask": docs,
                }
            )
        )
        # Inserting a few large batches is faster than one per tahap, yet bounds the memory.
        if sum(len(f) for f in batch) >= BATCH_ROWS or i == len(tahap) - 1:
            _insert_distributions(con, pd.concat(batch, ignore_index=True), tahap, keys, names)
            batch = []
    step(1.0)


def _insert_distributions(
    con, frame: pd.DataFrame, tahap: pd.DataFrame, keys: pd.DataFrame, names: pd.DataFrame
) -> None:
    _insert(
        con,
        """
        insert into bansos_penyaluran by name
        select
            t.kode_program || '-' || t.tahap || '-' || lpad(cast(d.seq as varchar), 7, '0') as id_penyaluran,
            t.kode_program,
            t.tahap,
            k.id_dtks,
            k.nik_penerima,
            k.kode_kelurahan,
            d.nilai_hak,
            d.nilai_diterima,
            cast(d.tanggal_salur as date) as tanggal_salur,
            cast(d.kanal as varchar) as kanal,
            p.id_penyalur,
            d.harga_dibayar,
            d.lolos_kualitas,
            list_filter($dokumen, lambda x, i: (d.dokumen_mask >> (i - 1)) & 1 = 1) as dokumen
        from demo_distributions as d
        inner join demo_tahap as t on t.i = d.tahap_index
        inner join demo_keys as k on k.hh = d.hh
        inner join demo_penyalur as p on p.i = d.penyalur
        """,
        {"dokumen": list(codes.DOCUMENTS)},
        demo_distributions=frame,
        demo_tahap=tahap[["kode_program", "tahap"]].assign(i=np.arange(len(tahap), dtype=np.int8)),
        demo_keys=keys,
        demo_penyalur=names,
    )


# --- log and metadata ---------------------------------------------------------------------


def _insert_log(con: duckdb.DuckDBPyConnection, counts: dict[str, int], seed: int, scale: int, fraction: float) -> None:
    rows = sum(counts.values())
    note = f"Kota Batam demo: seed {seed}, scale {scale}" + (f", fraction {fraction:g}" if fraction != 1 else "")
    log = pd.DataFrame(
        [
            {
                "id_impor": 1,
                "jenis": "demo",
                "nama_file": None,
                "hash_file": None,
                # The data date, not the clock: the same seed must give the same warehouse.
                "waktu": pd.Timestamp(str(REFERENCE_DATE)),
                "baris_dibaca": rows,
                "baris_dimuat": rows,
                "baris_karantina": 0,
                "catatan": note,
            }
        ]
    )
    _insert(con, "insert into impor_log by name select * from demo_frame", demo_frame=log)
    metadata = pd.DataFrame(
        {
            "kunci": ["tanggal_data", "kode_region", "demo", "seed", "scale", "siklus_aktif"],
            "nilai": [str(REFERENCE_DATE), REGION, "true", str(seed), str(scale), CURRENT_CYCLE[0]],
        }
    )
    if fraction != 1:
        metadata.loc[len(metadata)] = ["fraction", f"{fraction:g}"]
    _insert(con, "insert into metadata by name select * from demo_frame", demo_frame=metadata)
