"""A hand-checkable PMKS warehouse: one fictional kota (98.71) of 12 x 12 square kelurahan and
one island, with a planted hot block of cases.

- Units 98.71.01.1001-1144: kelurahan (col i, row j) is 98.71.01.(1001 + 12 j + i), the box
  [104 + 0.01 i, 104 + 0.01 (i + 1)] x [1 + 0.01 j, 1 + 0.01 (j + 1)] degrees; unit 1145 is
  an island box at (104.2, 1.2), far from the grid. Every unit is stored with luas_km2 = 1 and
  penduduk = 10,000, so cases per km2 and cases per 10,000 residents both equal the count.
- Cases (all reported in January and February 2026; data date 2026-02-28): the grid unit (i, j)
  has (3 i + j) mod 4 background cases (anak_jalanan, source patroli), except the hot block
  (i, j) in {5, 6} x {5, 6}, which has 10 cases each (odgj, source call_center); the island
  has one case (gelandangan, patroli). No case of category odha.
- Every case is reported at 08:00 on day 1 + (n mod 28) of January 2026 (n numbers the cases
  from 0); the TRC arrives after 10 + 10 (n mod 10) minutes, except every 7th case, which has
  no arrival. Current stages cycle through the eight lifecycle stages; closed cases return
  to their family. Every 5th case stayed in the shelter from its report date for n mod 9 days.
- Shelters (SHELTERS, for $PETA_KESOS_SHELTERS): "Shelter Blok" (capacity 1) takes the hot
  block, "Shelter Kisi" (capacity 7) the rest of the kota. Block stays: peak 2 (4-6 January);
  the rest: 8 people on 20 January (cases 15, 70, 75, 125, 130, 185, 215, 240), peak 10.
- Stage history (pmks_kasus_tahap) for the cases among the first ten that are at diasesmen or
  later (cases 2-7): diamankan 2 hours after the report, diasesmen 26 hours after it, nothing
  later; so dilaporkan lasted 2 hours and diamankan 24 hours six times each.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import shapely

import queries
from domain.codes import PMKS_STAGES
from warehouse import db

TODAY = dt.date(2026, 2, 28)
REGION = "98.71"
N = 12
BLOCK = {(5, 5), (6, 5), (5, 6), (6, 6)}
BLOCK_CASES = 10
ISLAND = "98.71.01.1145"


HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_LINK = "[klik](http://x)"
SHELTERS = """
[[shelter]]
nama = "Shelter Blok"
kapasitas = 1
wilayah = ["98.71.01.1066", "98.71.01.1067", "98.71.01.1078", "98.71.01.1079"]

[[shelter]]
nama = "Shelter Kisi"
kapasitas = 7
wilayah = ["98.71"]
"""


def unit_code(i: int, j: int) -> str:
    return f"98.71.01.{1001 + N * j + i}"


def background_cases(i: int, j: int) -> int:
    return (3 * i + j) % 4


def boxes() -> dict[str, shapely.Polygon]:
    out = {
        unit_code(i, j): shapely.box(104 + 0.01 * i, 1 + 0.01 * j, 104 + 0.01 * (i + 1), 1 + 0.01 * (j + 1))
        for j in range(N)
        for i in range(N)
    }
    out[ISLAND] = shapely.box(104.2, 1.2, 104.21, 1.21)
    return out


def case_plan() -> list[tuple[str, str, str, float, float]]:
    """(kode_kelurahan, kategori, sumber, lon, lat) of every case, in case order."""
    plan = []
    for kode, box in boxes().items():
        if kode == ISLAND:
            cases = [("gelandangan", "patroli")]
        else:
            n = int(kode.rsplit(".", 1)[1]) - 1001
            i, j = n % N, n // N
            if (i, j) in BLOCK:
                cases = [("odgj", "call_center")] * BLOCK_CASES
            else:
                cases = [("anak_jalanan", "patroli")] * background_cases(i, j)
        x, y = box.centroid.x, box.centroid.y
        plan += [
            (kode, kategori, sumber, x + 0.0005 * (m % 3), y + 0.0005 * (m % 2))
            for m, (kategori, sumber) in enumerate(cases)
        ]
    return plan


def build_pmks_seed(path) -> None:
    """Write the PMKS seed warehouse to ``path`` (replacing it)."""
    with db.atomic_build(path) as con:
        con.execute(queries.load("tests/seed_pmks/wilayah_region"))
        con.executemany(
            queries.load("tests/seed_pmks/wilayah_kelurahan"),
            [
                [kode, f"Kisi {kode[-4:]}", shapely.to_wkb(box), box.centroid.x, box.centroid.y]
                for kode, box in boxes().items()
            ],
        )
        con.execute(queries.load("tests/seed_pmks/verivali_siklus"))
        con.execute(queries.load("tests/seed_pmks/metadata"))
        rows, history = [], []
        for n, (kode, kategori, sumber, lon, lat) in enumerate(case_plan()):
            lapor = dt.datetime(2026, 1, 1 + n % 28, 8, 0)
            tiba = None if n % 7 == 0 else lapor + dt.timedelta(minutes=10 + 10 * (n % 10))
            tahap = PMKS_STAGES[n % len(PMKS_STAGES)]
            hasil = "kembali_keluarga" if tahap == "ditutup" else None
            masuk = lapor.date() if n % 5 == 0 else None
            keluar = masuk + dt.timedelta(days=n % 9) if masuk else None
            rows.append([f"c{n:04d}", kategori, sumber, lapor, tiba, tiba, lon, lat, kode, tahap, hasil, masuk, keluar])
            if n < 10 and PMKS_STAGES.index(tahap) >= 2:
                history += [
                    [f"c{n:04d}", "diamankan", lapor + dt.timedelta(hours=2)],
                    [f"c{n:04d}", "diasesmen", lapor + dt.timedelta(hours=26)],
                ]
        con.executemany(
            queries.load("tests/seed_pmks/pmks_kasus"),
            rows,
        )
        con.executemany(queries.load("tests/seed_pmks/pmks_kasus_tahap"), history)
        db.refresh_analytics(con)


@pytest.fixture(scope="session")
def shelters_file(tmp_path_factory) -> Path:
    """:data:`SHELTERS` as a settings file."""
    path = tmp_path_factory.mktemp("pmks_shelters") / "shelters.toml"
    path.write_text(SHELTERS, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def hostile_pmks_db(tmp_path_factory) -> Path:
    """The PMKS seed with markup for names: kelurahan 98.71.01.1066 (in the hot block) is
    :data:`HOSTILE_NAME`, the kecamatan :data:`HOSTILE_LINK`, the kota ``Kota <b>Kisi</b>``."""
    path = tmp_path_factory.mktemp("pmks_hostile") / "pmks.duckdb"
    build_pmks_seed(path)
    con = db.connect(path)
    try:
        for kode, nama in (("98.71.01.1066", HOSTILE_NAME), ("98.71.01", HOSTILE_LINK), ("98.71", "Kota <b>Kisi</b>")):
            con.execute(queries.load("tests/seed/rename_unit"), {"nama": nama, "kode": kode})
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def pmks_db(tmp_path_factory) -> Path:
    """The PMKS seed warehouse, built once per test session (read it, do not write to it)."""
    path = tmp_path_factory.mktemp("pmks") / "pmks.duckdb"
    build_pmks_seed(path)
    return path
