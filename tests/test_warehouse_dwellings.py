"""warehouse.imports.dwellings: the dwellings outside their kelurahan judged at write time
(the table quality_outside) are what the overview judged in Python on every visit before, an
incremental refresh equals a full one, and a kab/kota's tolerance's neighbours are judged with it."""

import shutil

import duckdb
import pandas as pd
import pytest
import shapely

import queries
from analytics import quality
from reports import files
from warehouse import db
from warehouse.imports import agency, dwellings

TODAY = pd.Timestamp("2026-02-28").date()
A, B = "99.71.01.1001", "99.71.01.1002"  # two kelurahan of kab/kota 99.71, side by side
C, D = "99.72.01.1001", "99.72.01.1002"  # 99.72: C borders B to the east, D lies a degree away
BOXES = {
    A: shapely.box(100.00, 0.00, 100.01, 0.01),
    B: shapely.box(100.01, 0.00, 100.02, 0.01),
    C: shapely.box(100.02, 0.00, 100.03, 0.01),
    D: shapely.box(101.00, 0.00, 101.01, 0.01),
}
# (id_dtks, declared kelurahan, lon, lat, status); a metre is about 0.000009 degrees here.
HOUSEHOLDS = [
    ("h1", A, 100.005, 0.005, "aktif"),  # at home
    ("h2", A, 100.015, 0.005, "aktif"),  # in B
    ("h3", B, 100.025, 0.005, "aktif"),  # in C, the next kab/kota
    ("h4", A, 99.9991, 0.005, "aktif"),  # 100 m west of A, in no unit: within the tolerance
    ("h5", A, 101.005, 0.005, "aktif"),  # in D, beyond the neighbours of 99.71: outside, no unit
    ("h6", C, 100.015, 0.005, "aktif"),  # in B, a neighbour of 99.72
    ("h7", A, 100.015, 0.005, "pindah"),  # in B, but not active: not judged
    ("h8", A, None, None, "aktif"),  # no coordinates: not judged
    # 55 m inside C, within the tolerance of its own B: the overview's kab/kota page used to
    # judge it on 99.71's units alone (in none, nearest B: at home); among the neighbours it
    # lies in C.
    ("h9", B, 100.0205, 0.005, "aktif"),
]
EXPECTED = [(A, "h2", B), (A, "h5", ""), (B, "h3", C), (B, "h9", C), (C, "h6", B)]


def outside_rows(con) -> list[tuple]:
    return [tuple(r) for r in con.execute(queries.load("tests/warehouse_dwellings/outside_rows")).fetchall()]


def insert(con, name: str, frame: pd.DataFrame) -> None:
    con.register("demo_frame", frame)
    con.execute(queries.load(name))
    con.unregister("demo_frame")


@pytest.fixture
def two_kabkota(tmp_path):
    """A warehouse of two kab/kota (:data:`BOXES`) with :data:`HOUSEHOLDS`, built as the demo
    builds: the analytics refresh, then the dwellings judged."""
    path = tmp_path / "d.duckdb"
    with db.atomic_build(path) as con:
        insert(
            con,
            "demo/wilayah_insert",
            pd.DataFrame(
                {
                    "kode": ["99", "99.71", "99.72", "99.71.01", "99.72.01", *BOXES],
                    "nama": ["P", "K1", "K2", "Kec1", "Kec2", "Alpha", "Beta", "Gamma", "Delta"],
                    "level": ["provinsi", "kabkota", "kabkota", "kecamatan", "kecamatan", *["kelurahan"] * 4],
                    "jenis": ["provinsi", "kota", "kota", "kecamatan", "kecamatan", *["kelurahan"] * 4],
                    "kode_induk": [None, "99", "99", "99.71", "99.72", "99.71.01", "99.71.01", "99.72.01", "99.72.01"],
                    "geom_display": [None] * 5 + [shapely.to_wkb(g) for g in BOXES.values()],
                }
            ),
        )
        rows = pd.DataFrame(HOUSEHOLDS, columns=["id_dtks", "kode_kelurahan", "lon", "lat", "status"])
        insert(
            con, "demo/dtks_keluarga_insert", rows.assign(no_kk=[f"99710101012600{i:02d}" for i in range(len(rows))])
        )
        dwellings.refresh_outside(con, db.refresh_analytics(con))
    return path


def test_a_kabkota_is_judged_with_its_tolerances_neighbours(two_kabkota):
    con = duckdb.connect(str(two_kabkota), read_only=True)
    try:
        assert outside_rows(con) == EXPECTED
    finally:
        con.close()


def test_an_incremental_refresh_of_the_touched_kelurahan_equals_a_full_one(two_kabkota):
    moves = [
        ("h2", C, 100.017, 0.005),  # moves from A to C, its dwelling in B: a finding of C now
        ("h1", A, 101.005, 0.005),  # new coordinates in D
        ("h6", C, 100.025, 0.005),  # comes home to C: its finding goes
    ]
    with db.atomic_update(two_kabkota) as con:
        for id_dtks, kode, lon, lat in moves:
            con.execute(
                queries.load("tests/warehouse_dwellings/move"),
                {"id_dtks": id_dtks, "kode_kelurahan": kode, "lon": lon, "lat": lat},
            )
        # The kelurahan an import of these rows touches: old and new values.
        written = dwellings.refresh_outside(con, [A, C])
        incremental = outside_rows(con)
        dwellings.refresh_outside(con)
        full = outside_rows(con)
    assert incremental == full == [(A, "h1", ""), (A, "h5", ""), (B, "h3", C), (B, "h9", C), (C, "h2", B)]
    # Only A's and C's findings were judged again; B's stayed as they were.
    assert written == 3


def test_the_table_is_the_overviews_former_python_judgement_on_the_small_demo(small_demo_db):
    con = duckdb.connect(str(small_demo_db), read_only=True)
    try:
        region, _ = files.region(con, None)
        located = queries.run_arrow(con, "tests/warehouse_dwellings/located", kode_region=region)
        before = quality.dwellings_outside_kelurahan(located, files.boundaries(con, region))
        table = outside_rows(con)
    finally:
        con.close()
    want = sorted(before[["kode_kelurahan", "id_dtks", "detail"]].itertuples(index=False, name=None))
    assert table == want
    # The small demo's three dwellings drawn in a neighbouring kelurahan.
    assert len(want) == 3 and all(detail for *_, detail in want)


def test_an_import_that_moves_households_keeps_the_table_equal_to_a_full_rebuild(small_demo_db, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(small_demo_db, path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        movers = con.execute(queries.load("tests/warehouse_dwellings/movers")).df()
        points = con.execute(queries.load("tests/warehouse_dwellings/unit_points")).df().set_index("kode")
    finally:
        con.close()
    first, second, third = movers["kode_kelurahan"]
    # The first moves into the second's kelurahan and lives there; the second stays and gives
    # the first's old kelurahan as its dwelling; the third moves to the first's old kelurahan
    # and gives its own old one as its dwelling.
    moved = [(second, second), (second, first), (first, third)]
    body = [
        [row.id_dtks, row.no_kk, row.nik, row.nama, kode, points.at[at, "lon"], points.at[at, "lat"]]
        for row, (kode, at) in zip(movers.itertuples(), moved)
    ]
    header = ["ID DTKS", "NOMOR KK", "NOMOR NIK", "NAMA", "KODE KELURAHAN", "LONGITUDE", "LATITUDE"]
    file = tmp_path / "m.csv"
    file.write_text("\n".join(";".join(str(v) for v in line) for line in [header, *body]) + "\n", encoding="utf-8")
    with db.atomic_update(path) as con:
        result = agency.import_file(con, "dtks", file, today=TODAY)
        assert result.rows_loaded == 3
    with db.atomic_update(path) as con:
        after_import = outside_rows(con)
        dwellings.refresh_outside(con)
        assert outside_rows(con) == after_import
    mine = {r[1]: r for r in after_import if r[1] in set(movers["id_dtks"])}
    ids = movers["id_dtks"]
    assert mine == {ids[1]: (second, ids[1], first), ids[2]: (first, ids[2], third)}
