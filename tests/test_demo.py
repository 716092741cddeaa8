"""The synthetic Kota Batam demo warehouse (warehouse.demo)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pytest
import shapely

import queries
from analytics import coverage
from domain import codes
from warehouse import db, demo
from warehouse.demo.builder import table_counts
from warehouse.demo.geography import BATAM_BOUNDARIES

# The analytics tables of queries/analytics (rebuilt by every write, documented in their files).
ANALYTICS_TABLES = {
    match.group(1)
    for _, statement in queries.analytics_statements()
    if (match := db.INCREMENTAL.search(statement) or re.search(r"create\s+or\s+replace\s+table\s+(\w+)", statement))
} | {"analytics_basis"}  # what the incremental ones were built on (queries/refresh/basis_store.sql)
# Every table of queries/schema with its columns in order, as documented there.
SCHEMA_COLUMNS = {
    "wilayah": [
        "kode",
        "nama",
        "level",
        "jenis",
        "kode_induk",
        "kode_bps",
        "geom",
        "geom_display",
        "geom_sumber",
        "luas_km2",
        "penduduk",
        "lon",
        "lat",
    ],
    "dtks_keluarga": [
        "id_dtks",
        "no_kk",
        "kode_kelurahan",
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
    ],
    "dtks_anggota": [
        "id_anggota",
        "id_dtks",
        "kode_kelurahan",
        "nik",
        "nama",
        "tempat_lahir",
        "tanggal_lahir",
        "jenis_kelamin",
        "hubungan",
        "status_padan",
        "status",
    ],
    "petugas": ["id_petugas", "nama", "peran", "kode_kelurahan_asal", "aktif_mulai", "aktif_sampai"],
    "verivali_siklus": ["siklus", "nama", "tanggal_mulai", "tanggal_target"],
    "verivali": [
        "id_verivali",
        "id_dtks",
        "kode_kelurahan",
        "siklus",
        "tahap",
        "tanggal",
        "id_petugas",
        "hasil",
        "desil",
    ],
    "pmks_kasus": [
        "id_kasus",
        "kategori",
        "sumber",
        "waktu_lapor",
        "waktu_respons",
        "waktu_tiba",
        "lon",
        "lat",
        "kode_kelurahan",
        "jenis_kelamin",
        "usia",
        "tahap",
        "hasil",
        "tanggal_masuk_shelter",
        "tanggal_keluar_shelter",
    ],
    "bansos_program": ["kode_program", "nama", "jenis", "periode", "desil_maks", "dokumen_wajib", "toleransi_hari"],
    "bansos_tahap": ["kode_program", "tahap", "tanggal_mulai", "tanggal_selesai", "nilai_per_kpm", "harga_acuan"],
    "bansos_penyaluran": [
        "id_penyaluran",
        "kode_program",
        "tahap",
        "id_dtks",
        "nik_penerima",
        "kode_kelurahan",
        "nilai_hak",
        "nilai_diterima",
        "tanggal_salur",
        "kanal",
        "id_penyalur",
        "harga_dibayar",
        "lolos_kualitas",
        "dokumen",
    ],
    "impor_log": [
        "id_impor",
        "jenis",
        "nama_file",
        "hash_file",
        "waktu",
        "baris_dibaca",
        "baris_dimuat",
        "baris_karantina",
        "catatan",
    ],
    "impor_karantina": ["id_impor", "nomor_baris", "kolom", "alasan", "data", "nilai", "baris_terenkripsi", "tersamar"],
    "metadata": ["kunci", "nilai"],
    "pmks_kasus_tahap": ["id_kasus", "tahap", "waktu_mulai"],
    "pengguna": [
        "nama_pengguna",
        "peran",
        "kode_kelurahan",
        "kode_kecamatan",
        "hash_sandi",
        "aktif",
        "demo",
        "dibuat",
        "diubah",
    ],
    "audit_log": ["id_audit", "waktu", "nama_pengguna", "peristiwa", "objek", "rincian"],
    "usulan": [
        "id_usulan",
        "siklus",
        "kode_kelurahan",
        "sasaran",
        "arah",
        "alasan",
        "id_dtks",
        "nik",
        "no_kk",
        "tanggal_musyawarah",
        "tahap",
        "tanggal_keputusan",
    ],
    "quality_outside": ["kode_kelurahan", "id_dtks", "detail"],
    "pkh_graduasi": ["id_dtks", "tahun", "tanggal_graduasi", "jenis", "kode_kelurahan", "nik_penerima"],
    "pendataan_catatan": [
        "kode_kampanye",
        "id_catatan",
        "id_petugas",
        "nama_petugas",
        "peran",
        "kode_kelurahan",
        "tanggal",
        "kategori",
    ],
}
TODAY = "2026-11-20"
CYCLE = "2026-S2"
ISLANDS = ("21.71.01", "21.71.05", "21.71.08")
SMALL = 0.03  # share of the scale-1 volume for the builds made inside tests (tests/conftest.py: SMALL_DEMO)


@pytest.fixture(scope="module")
def con(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as c:
        yield c


def one(con, sql, **params):
    return con.execute(sql, params).fetchall()[0][0]


def build_small(path, seed=2171):
    with db.atomic_build(path) as c:
        return demo.build(c, scale=1, seed=seed, fraction=SMALL)


def checksums(path) -> dict[str, str]:
    """md5 of every table's rows, independent of row order."""
    with duckdb.connect(str(path), read_only=True) as c:
        return {
            t: c.execute(
                queries.load("tests/demo/table_checksum"),
                {"t": t},
            ).fetchall()[0][0]
            for t in SCHEMA_COLUMNS
        }


def test_every_table_has_the_documented_columns(con):
    rows = con.execute(queries.load("tests/demo/table_columns")).fetchall()
    assert {t: columns for t, columns in rows if t not in ANALYTICS_TABLES} == SCHEMA_COLUMNS


@pytest.fixture(scope="module")
def fresh_small(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """A small build made in this module (not this run's shared one) and the counts it returned."""
    path = tmp_path_factory.mktemp("fresh_small") / "demo.duckdb"
    return path, build_small(path)


def test_every_table_is_filled(fresh_small):
    _, counts = fresh_small
    assert set(counts) - ANALYTICS_TABLES == set(SCHEMA_COLUMNS)
    # Accounts (and so their audit trail) come from `python -m warehouse users demo-accounts`
    # with a fresh password, never from a seeded build. The quarantine holds the pendataan file's
    # three faulty rows (warehouse.demo.pendataan).
    assert [t for t, n in counts.items() if n == 0 and t not in ANALYTICS_TABLES] == ["pengguna", "audit_log"]


def test_magnitudes_at_scale_1(con):
    counts = dict(con.execute(queries.load("tests/demo/wilayah_levels")).fetchall())
    assert counts == {"provinsi": 1, "kabkota": 1, "kecamatan": 12, "kelurahan": 64}
    assert 1_200_000 <= one(con, queries.load("tests/demo/kelurahan_population")) <= 1_400_000
    assert one(con, queries.load("tests/demo/batam_population")) == one(
        con, queries.load("tests/demo/kelurahan_population")
    )
    assert 70_000 <= one(con, queries.load("tests/demo/household_count")) <= 90_000
    assert 230_000 <= one(con, queries.load("tests/demo/member_count")) <= 290_000
    assert one(con, queries.load("tests/demo/enumerator_count")) == 87
    assert 5_000 <= one(con, queries.load("tests/demo/case_count")) <= 7_000
    assert 400_000 <= one(con, queries.load("tests/demo/distribution_count")) <= 700_000
    per_tahap = dict(con.execute(queries.load("tests/demo/distributions_per_tahap")).fetchall())
    assert 15_000 <= per_tahap["PKH"] <= 20_000 and 18_000 <= per_tahap["BPNT"] <= 25_000
    # Only the pendataan file's faults are quarantined (tests/test_pendataan.py checks them).
    assert one(con, queries.load("tests/demo/quarantine_outside_pendataan_count")) == 0
    assert one(con, queries.load("tests/demo/quarantine_count")) == 3


def test_kelurahan_geometry_and_area(con):
    rows = con.execute(queries.load("tests/demo/kelurahan_shapes")).fetchall()
    geoms = shapely.from_wkb([bytes(r[1]) for r in rows])
    display = shapely.from_wkb([bytes(r[2]) for r in rows])
    assert shapely.is_valid(geoms).all() and shapely.is_valid(display).all()
    # The official file, named as an import of it would name it: the demo has no shapes of its own.
    assert {r[3] for r in rows} == {"boundaries_batam.geojson"}
    official = gpd.read_file(BATAM_BOUNDARIES).sort_values("kode")
    assert [r[0] for r in rows] == official["kode"].tolist()
    # The file needs no repair, so the stored polygons are its own; the map gets the display
    # simplification of an import (about half the vertices within Batam's payload budget).
    assert shapely.equals(geoms, official.geometry.to_numpy()).all()
    assert shapely.get_num_coordinates(display).sum() < 0.8 * shapely.get_num_coordinates(geoms).sum()
    assert shapely.contains_xy(geoms, [r[5] for r in rows], [r[6] for r in rows]).all()
    # The import's metric areas of the official polygons: the file's own luas_km2 (EPSG:6933)
    # within the 0.1 % geodata.crs promises, 1,033.8 km2 in all (BIG's official land area is
    # 1,020.28 km2), where the made-up demo shapes only aimed at it.
    assert [r[4] for r in rows] == pytest.approx(official["luas_km2"].tolist(), rel=1e-3)
    assert sum(r[4] for r in rows) == pytest.approx(1033.8, rel=1e-3)
    totals = dict(con.execute(queries.load("tests/demo/area_per_level")).fetchall())
    assert totals["kecamatan"] == pytest.approx(totals["kelurahan"]) and totals["kabkota"] == pytest.approx(
        totals["kelurahan"]
    )


def test_metadata(con):
    meta = dict(con.execute(queries.load("tests/demo/metadata_rows")).fetchall())
    assert meta == {
        "tanggal_data": TODAY,
        "kode_region": "21.71",
        "demo": "true",
        "seed": "2171",
        "scale": "1",
        "siklus_aktif": CYCLE,
    }
    assert con.execute(queries.load("tests/demo/import_log_quarantine")).fetchall() == [
        ("demo", 0),
        ("pendataan", 3),
    ]
    assert con.execute(queries.load("tests/demo/cycles")).fetchall() == [("2026-S1",), (CYCLE,)]


def test_coverage_is_uneven(con):
    cov = coverage.kelurahan_rows(
        queries.run(con, "coverage_units", kode_region="21.71", siklus=CYCLE, tanggal=TODAY, scope_kelurahan=None)
    )
    rate = cov["updated_count"] / cov["households_count"]
    assert rate.max() > 0.9 and rate.min() < 0.3
    assert 0.5 <= cov["updated_count"].sum() / cov["households_count"].sum() <= 0.6
    island = cov["kode"].str[:8].isin(ISLANDS)
    assert rate[island].median() < rate[~island].median()
    stalled = cov[(cov["updated_28d_count"] == 0) & (cov["updated_count"] < cov["households_count"])]
    assert 1 <= len(stalled) <= 4 and stalled["kode"].str[:8].isin(ISLANDS).all()
    previous = coverage.kelurahan_rows(
        queries.run(con, "coverage_units", kode_region="21.71", siklus="2026-S1", tanggal=TODAY, scope_kelurahan=None)
    )
    assert previous["updated_count"].sum() / previous["households_count"].sum() > 0.8


def test_funnel_narrows(con):
    funnel = queries.run(con, "verivali_funnel", kode_region="21.71", siklus=CYCLE, tanggal=TODAY, scope_kelurahan=None)
    region = funnel[funnel["kode"] == "21.71"].sort_values("tahap_order")["households_count"].to_numpy()
    assert (np.diff(region) < 0).all(), region
    # Stages of each household come in order.
    disorder = one(
        con,
        queries.load("tests/demo/stages_out_of_order_count"),
    )
    assert disorder == 0


def test_ground_checks_by_local_enumerators(con):
    local = one(
        con,
        queries.load("tests/demo/local_ground_check_share"),
    )
    assert local > 0.95
    assert one(con, queries.load("tests/demo/ground_checks_without_result_count")) == 0
    assert one(con, queries.load("tests/demo/other_stages_with_result_count")) == 0
    # An inactive household's status is the result that made it so.
    assert (
        one(
            con,
            queries.load("tests/demo/inactive_without_result_count"),
        )
        == 0
    )


def test_padan_rate(con):
    cov = coverage.kelurahan_rows(
        queries.run(con, "coverage_units", kode_region="21.71", siklus=CYCLE, tanggal=TODAY, scope_kelurahan=None)
    )
    assert 0.85 <= cov["padan_count"].sum() / cov["members_count"].sum() <= 0.95
    island = cov["kode"].str[:8].isin(ISLANDS)
    islands_rate = cov.loc[island, "padan_count"].sum() / cov.loc[island, "members_count"].sum()
    assert islands_rate < cov.loc[~island, "padan_count"].sum() / cov.loc[~island, "members_count"].sum()


def test_every_nik_is_structurally_valid(con):
    bad = one(
        con,
        queries.load("tests/demo/invalid_nik_count"),
    )
    assert bad == 0
    born_in_batam = one(con, queries.load("tests/demo/born_in_batam_share"))
    assert 0.75 < born_in_batam < 0.9
    assert one(con, queries.load("tests/demo/invalid_kk_count")) == 0


def test_planted_data_quality_findings(con):
    shared = one(
        con,
        queries.load("tests/demo/shared_nik_count"),
    )
    assert 20 <= shared <= 60
    headless = one(
        con,
        queries.load("tests/demo/headless_household_count"),
    )
    assert 20 <= headless <= 60
    rows = con.execute(queries.load("tests/demo/dwelling_points")).fetchall()
    units = dict(con.execute(queries.load("tests/demo/kelurahan_geoms")).fetchall())
    geom = shapely.from_wkb([bytes(units[r[0]]) for r in rows])
    outside = 1 - shapely.contains_xy(geom, [r[1] for r in rows], [r[2] for r in rows]).mean()
    assert 0.001 <= outside <= 0.004
    assert (
        one(
            con,
            queries.load("tests/demo/unvisited_old_household_count"),
        )
        > 100
    )
    assert set(dict(con.execute(queries.load("tests/demo/household_statuses")).fetchall())) == set(
        codes.HOUSEHOLD_STATUS
    )


def test_every_record_points_at_a_kelurahan(con):
    for table in ("dtks_keluarga", "pmks_kasus", "bansos_penyaluran"):
        orphans = one(
            con,
            queries.load("tests/demo/orphan_count"),
            t=table,
        )
        assert orphans == 0, table
    assert one(con, queries.load("tests/demo/orphan_member_count")) == 0
    assert one(con, queries.load("tests/demo/orphan_verivali_count")) == 0
    assert (
        one(
            con,
            queries.load("tests/demo/distribution_to_no_member_count"),
        )
        == 0
    )


def test_case_points_lie_in_their_kelurahan(con):
    rows = con.execute(queries.load("tests/demo/case_points_with_geom")).fetchall()
    geoms = shapely.from_wkb([bytes(r[2]) for r in rows])
    assert shapely.contains_xy(geoms, [r[0] for r in rows], [r[1] for r in rows]).all()


def test_points_lie_in_their_kelurahan_on_the_map_too(con):
    """The map draws the simplified display polygons: the demo's points are drawn where the
    stored and the displayed polygon agree, so only the planted misplaced dwellings (0.2 %)
    show up in another kelurahan there too."""
    display = {
        k: shapely.from_wkb(bytes(g))
        for k, g in con.execute(queries.load("tests/demo/kelurahan_display_geoms")).fetchall()
    }
    for table, most_outside in (("dtks_keluarga", 0.004), ("pmks_kasus", 0.0)):
        rows = con.execute(queries.load("tests/demo/table_points"), {"t": table}).fetchall()
        inside = shapely.contains_xy(
            np.array([display[r[0]] for r in rows]), [r[1] for r in rows], [r[2] for r in rows]
        )
        assert 1 - inside.mean() <= most_outside, table


def test_pmks_cases_are_plausible(con):
    assert (
        one(
            con,
            queries.load("tests/demo/unknown_category_count"),
            c=list(codes.PMKS_CATEGORIES),
        )
        == 0
    )
    assert one(con, queries.load("tests/demo/adult_child_case_count")) == 0
    assert one(con, queries.load("tests/demo/young_elderly_case_count")) == 0
    assert one(
        con,
        queries.load("tests/demo/reports_within_two_years"),
    )
    median = one(con, queries.load("tests/demo/median_arrival_minutes"))
    assert 30 <= median <= 45
    island_median = one(con, queries.load("tests/demo/median_arrival_minutes_islands"), i=list(ISLANDS))
    assert island_median > 1.5 * median
    closed_old = one(
        con,
        queries.load("tests/demo/closed_share_before_june"),
    )
    assert closed_old > 0.9
    assert one(con, queries.load("tests/demo/closed_without_result_count")) == 0
    assert 0.2 < one(con, queries.load("tests/demo/shelter_share")) < 0.6


def test_case_stage_history_matches_the_cases(con):
    stages = list(codes.PMKS_STAGES)
    mismatched = one(
        con,
        queries.load("tests/demo/stage_history_mismatch_count"),
        stages=stages,
    )
    assert mismatched == 0
    backwards = one(
        con,
        queries.load("tests/demo/stage_history_backwards_count"),
        stages=stages,
    )
    assert backwards == 0


def test_cases_cluster_in_the_centre(con):
    density = dict(con.execute(queries.load("tests/demo/case_density_centre")).fetchall())
    assert density[True] > 5 * density[False]


def test_six_t_failures_have_a_pattern(con):
    late = dict(
        con.execute(
            queries.load("tests/demo/late_share_islands"),
            {"i": list(ISLANDS)},
        ).fetchall()
    )
    assert late[True] > 0.2 and late[False] < 0.03
    cut = con.execute(queries.load("tests/demo/cut_kelurahan")).fetchall()
    assert len(cut) == 4
    no_photo = dict(con.execute(queries.load("tests/demo/no_photo_share_per_channel")).fetchall())
    assert no_photo["pos"] > 0.1 and no_photo["bank"] < 0.02 and no_photo["e_warong"] < 0.02
    dear = con.execute(queries.load("tests/demo/dear_penyalur")).fetchall()
    assert 2 <= len(dear) <= 4 and all(p.startswith("EW-") for (p,) in dear)
    assert (
        one(
            con,
            queries.load("tests/demo/pkh_with_bpnt_fields_count"),
        )
        == 0
    )
    assert (
        0.005
        < one(
            con,
            queries.load("tests/demo/bpnt_failed_quality_share"),
        )
        < 0.05
    )
    ineligible = one(
        con,
        queries.load("tests/demo/ineligible_share"),
    )
    assert 0.02 < ineligible < 0.1


def test_same_seed_same_warehouse_other_seed_other_warehouse(tmp_path, small_demo_db, fresh_small):
    # Two builds with the same seed: this run's small demo (tests/conftest.py: small_demo_db,
    # the same call as build_small) and this module's own.
    (second, counts), first, other = fresh_small, small_demo_db, tmp_path / "c.duckdb"
    with duckdb.connect(str(first), read_only=True) as c, duckdb.connect(str(second), read_only=True) as d:
        assert table_counts(c) == table_counts(d) == counts
    build_small(other, seed=2172)
    a, b, c = checksums(first), checksums(second), checksums(other)
    assert a == b
    random_tables = (
        "wilayah",
        "dtks_keluarga",
        "dtks_anggota",
        "petugas",
        "verivali",
        "pmks_kasus",
        "bansos_penyaluran",
        "usulan",
        "pkh_graduasi",
    )
    assert all(a[t] != c[t] for t in random_tables)
    assert counts["dtks_keluarga"] == round(demo.HOUSEHOLDS_PER_SCALE * SMALL)
    assert counts["petugas"] == 87 + demo.FACILITATORS


def test_interrupted_build_leaves_nothing_behind(tmp_path, small_demo_db):
    path = tmp_path / "demo.duckdb"
    with pytest.raises(RuntimeError, match="interrupted"):
        with db.atomic_build(path) as c:
            demo.build(c, fraction=SMALL)
            raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []

    # A finished small build where the next one is interrupted (this run's, copied).
    shutil.copyfile(small_demo_db, path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError, match="interrupted"):
        with db.atomic_build(path) as c:
            demo.build(c, seed=99, fraction=SMALL)
            raise RuntimeError("interrupted")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["demo.duckdb"]


def test_bad_arguments():
    with pytest.raises(ValueError):
        demo.build(None, scale=0)
    with pytest.raises(ValueError):
        demo.build(None, fraction=1.5)


def test_demo_sql_lives_in_queries_demo():
    for path in sorted((queries.QUERY_DIR / "demo").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
        body = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
        assert "Output" in header, path.name
        for param in set(re.findall(r"\$([a-z_]+)", sql)):
            assert f"${param}" in header, f"{path.name}: header must list ${param}"
        assert body.count(";") == 0, f"{path.name}: one statement, no semicolon"
        code = re.sub(r"'[^']*'", "''", body)
        assert code == code.lower(), f"{path.name}: lowercase keywords"
    for path in sorted(Path(demo.__file__).parent.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(insert\s+into|create\s+table|select\s+\S.*\s+from)\b", text), path.name


def test_musyawarah_proposals_with_their_faults(con):
    from warehouse.demo import usulan

    units = queries.run(con, "usulan_units", kode_region="21.71", siklus=CYCLE, scope_kelurahan=None)
    region = units[units["level"] == "region"].iloc[0]
    kelurahan = units[units["level"] == "kelurahan"]
    # The two island kelurahan that held none, and a few small ones with nothing to propose.
    without = set(kelurahan.loc[kelurahan["musyawarah_count"] == 0, "kode"])
    assert set(usulan.NO_MUSYAWARAH_KELURAHAN) <= without and len(without) <= 6
    assert region["tanpa_ba_count"] == usulan.WITHOUT_BA_COUNT
    assert region["ganda_count"] == usulan.DUPLICATE_COUNT
    assert 800 <= region["proposals_count"] <= 2_000
    assert region["keluar_count"] > region["masuk_count"] > 200
    # Most decided, a decision takes weeks, most proposals out are accepted.
    assert region["ditetapkan_count"] + region["ditolak_count"] > 0.8 * (region["masuk_count"] + region["keluar_count"])
    assert 30 <= region["median_keputusan_hari"] <= 90
    assert one(con, queries.load("tests/demo/usulan_cycle_count")) == 2


def test_pkh_graduation_about_a_hundred_a_year(con):
    g = queries.run(con, "graduasi_units", kode_region="21.71", scope_kelurahan=None)
    region = g[g["level"] == "region"].set_index("tahun")
    assert list(region.index) == [2025, 2026]
    # Batam reported some 100 graduates in one report.
    assert region["sejahtera_mandiri_count"].between(80, 130).all()
    assert (region["alamiah_tidak_layak_count"] > 20).all()
    assert (region["tanpa_keterangan_count"] > 0).all() and (region["tidak_tercatat_count"] > 0).all()
    assert region["masih_menerima_count"].sum() == 4
    # A graduate that left gets no PKH after it left, and its flag is cleared.
    assert (
        one(
            con,
            queries.load("tests/demo/pkh_after_graduation_count"),
        )
        == 0
    )


def test_targeting_errors_an_auditor_would_find(con):
    # Each programme's latest closed tahap on the data date: PKH 2026-T3 (ends 08-31), BPNT
    # 2026-10; about two in five desil 1-4 households get neither (PKH reaches a third of them,
    # BPNT under half), and the few desil 5-6 households still on a programme make the
    # inclusion error, all of them desil 6 (desil 7+ never got a flag).
    rows = con.execute(queries.load("tests/demo/eksklusi_totals")).fetchall()
    assert [(r[0], r[1]) for r in rows] == [(None, None), ("BPNT", "2026-10"), ("PKH", "2026-T3")]
    everything = rows[0]
    assert 45_000 <= everything[2] <= 55_000
    assert 0.35 <= everything[3] / everything[2] <= 0.45
    assert 0.005 <= everything[5] / everything[4] <= 0.02 and everything[6] > 100_000_000
    worst = con.execute(queries.load("tests/demo/exclusion_rate_spread")).fetchall()[0][0]
    assert worst > 0.1, "exclusion differs between kelurahan"
