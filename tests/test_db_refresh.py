"""The incremental analytics refresh (warehouse.db.refresh_analytics with ``kelurahan``): after an
import that touches one or two kelurahan, every incremental analytics table, whole, equals what a
full refresh builds; on the seed warehouse and on a small demo.

Each import is checked the same way (:func:`check_import`): a sentinel row of a kelurahan that
does not exist is planted in every incremental table first. An incremental refresh keeps it (it
only replaces the rows of the kelurahan the import touched), a full one drops it: so a test sees
which refresh ran, and then compares the tables, sentinels left out, with a full refresh.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import queries
from tests.seed import TODAY, seed_db  # noqa: F401 (a fixture)
from warehouse import db
from warehouse.imports import agency as ai

ALPHA, BETA, DELTA = "99.71.01.1001", "99.71.01.1002", "99.71.01.2004"
SENTINEL = "00.00.00.0000"  # a kelurahan no import touches
INCREMENTAL = [
    (name, found.group(1))
    for name, statement in queries.analytics_statements()
    if (found := db.INCREMENTAL.search(statement))
]
TABLES = [table for _, table in INCREMENTAL]


def test_the_analytics_files_of_this_round_are_incremental():
    assert TABLES == [
        "coverage_kelurahan",
        "coverage_kelurahan_hari",
        "quality_finding",
        "quality_kelurahan",
        "six_t_inputs",
        "six_t_cells",
        "pmks_harian",
        "eksklusi_rumah_tangga",
        "eksklusi_kelurahan",
        "coverage_tahap_hari",
        "pkh_keluar_kpm",
    ]


def tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every incremental table's rows, sorted (row order is not part of the result)."""
    return {t: sorted(con.table(t).fetchall(), key=repr) for t in TABLES}


def plant_sentinels(con: duckdb.DuckDBPyConnection) -> None:
    """One row of kelurahan SENTINEL in every incremental table: a copy of its first row, or a row
    of nulls, with that code."""
    for table in TABLES:
        columns = con.table(table).columns
        frame = con.table(table).limit(1).df()
        if frame.empty:
            frame = pd.DataFrame([dict.fromkeys(columns)])
        frame["kode_kelurahan"] = SENTINEL
        con.from_df(frame[columns]).insert_into(table)


def without_sentinels(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, list[tuple]], list[str]]:
    """The incremental tables with the sentinel rows taken out, and the tables that had one."""
    clean, kept = {}, []
    for table, rows in tables(con).items():
        at = con.table(table).columns.index("kode_kelurahan")
        clean[table] = [r for r in rows if r[at] != SENTINEL]
        if len(clean[table]) < len(rows):
            kept.append(table)
    return clean, kept


def full_refresh(con: duckdb.DuckDBPyConnection, chunk_households: int = db.CHUNK_HOUSEHOLDS) -> dict[str, list[tuple]]:
    """The incremental tables as a full refresh builds them now (rolled back afterwards)."""
    con.begin()
    db.refresh_analytics(con, chunk_households=chunk_households)
    rebuilt = tables(con)
    con.rollback()
    return rebuilt


def check_chunked_refresh(path: Path, chunk_households: int, chunks: int) -> None:
    """A full refresh built in chunks of at most ``chunk_households`` households (``chunks`` of
    them) gives every incremental table whole as one built at once."""
    with duckdb.connect(str(path)) as con:
        plant_sentinels(con)
        assert len(db._chunks(con, chunk_households)) == chunks
        assert len(db._chunks(con, db.CHUNK_HOUSEHOLDS)) == 1
        chunked = full_refresh(con, chunk_households)
        assert chunked == full_refresh(con)
    # Neither keeps a row of a kelurahan the warehouse does not hold.
    assert all(SENTINEL not in repr(rows) for rows in chunked.values())
    assert sum(map(len, chunked.values())) > 0


def check_import(path: Path, kind: str, file: Path) -> tuple[ai.ImportResult, list[str]]:
    """Import ``file``, then assert that the incremental tables equal a full refresh. Returns the
    result and the tables the refresh kept the sentinel of (all: incremental, none: full)."""
    with duckdb.connect(str(path)) as con:
        plant_sentinels(con)
    with db.atomic_update(path) as con:
        result = ai.import_file(con, kind, file, today=TODAY)
    with duckdb.connect(str(path)) as con:
        after, kept = without_sentinels(con)
        assert after == full_refresh(con)
    return result, kept


def coverage(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(r for r in con.table("coverage_kelurahan").fetchall() if r[0] != SENTINEL)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


DTKS_HEADER = [
    "ID DTKS",
    "KODE KELURAHAN",
    "NOMOR KK",
    "NOMOR NIK",
    "NAMA",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
    "HUBUNGAN KELUARGA",
    "KETERANGAN PADAN",
    "DESIL",
    "STATUS",
]
VERIVALI_HEADER = ["ID DTKS", "TANGGAL KUNJUNGAN", "HASIL", "ID PETUGAS", "TAHAP", "SIKLUS", "DESIL"]
PENYALURAN_HEADER = [
    "ID TRANSAKSI",
    "PROGRAM",
    "TAHAP",
    "NIK KPM",
    "KODE KELURAHAN",
    "NOMINAL",
    "TANGGAL TRANSAKSI",
    "KANAL",
    "DOKUMEN",
]
PMKS_HEADER = ["NO LAPORAN", "JENIS PMKS", "SUMBER LAPORAN", "TANGGAL LAPOR", "KODE KELURAHAN", "STATUS KASUS"]


# --- the seed warehouse ------------------------------------------------------------------------


@pytest.fixture
def seed_copy(seed_db, tmp_path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(seed_db, path)
    return path


H1 = [
    ["h1", BETA, "9971010101260001", "9971011203800001", "Uji Satu", "12/03/1980", "L", "KEPALA KELUARGA", "PADAN",
     "1", "AKTIF"],
    ["h1", BETA, "9971010101260001", "9971015203820002", "Uji Dua", "12/03/1982", "P", "ISTRI", "BELUM", "1",
     "AKTIF"],
]  # fmt: skip


def test_a_household_moving_takes_its_rows_from_one_kelurahan_to_the_other(seed_copy, tmp_path):
    # h1 (Alpha, paid d1 in Alpha) moves to Beta with its members.
    result, kept = check_import(seed_copy, "dtks", write_csv(tmp_path / "d.csv", DTKS_HEADER, H1))
    assert result.rows_loaded == 2
    assert result.touched == {ALPHA, BETA}
    assert kept == TABLES
    assert coverage(seed_copy) == [(ALPHA, 3, 1, 1), (BETA, 7, 4, 2), (DELTA, 1, 0, 0)]


def test_a_household_paid_where_it_lived_before(seed_copy, tmp_path):
    # Once h1 lives in Beta, a new desil above PKH's limit (4) changes d1's 6T in Alpha, where it
    # was paid, though the file names Beta only.
    check_import(seed_copy, "dtks", write_csv(tmp_path / "d.csv", DTKS_HEADER, H1))
    ranked = [row[:9] + ["7", "AKTIF"] for row in H1]
    result, kept = check_import(seed_copy, "dtks", write_csv(tmp_path / "d2.csv", DTKS_HEADER, ranked))
    assert result.touched == {ALPHA, BETA}
    assert kept == TABLES
    with duckdb.connect(str(seed_copy), read_only=True) as con:
        verdicts = con.table("six_t_inputs").select("id_penyaluran, kode_kelurahan, desil, sasaran_reason").fetchall()
    assert [v for v in verdicts if v[1] != SENTINEL] == [("d1", ALPHA, 7, "desil_di_atas_batas")]


def test_a_distribution_reported_again_in_another_kelurahan(seed_copy, tmp_path):
    body = [["d1", "PKH", "2026-T1", "9971011203800001", BETA, "750000", "10/02/2026", "BANK", "BAST, FOTO, KTP"]]
    result, kept = check_import(seed_copy, "penyaluran", write_csv(tmp_path / "p.csv", PENYALURAN_HEADER, body))
    assert result.rows_loaded == 1
    assert result.touched == {ALPHA, BETA}
    assert kept == TABLES
    with duckdb.connect(str(seed_copy), read_only=True) as con:
        verdicts = con.table("six_t_inputs").select("id_penyaluran, kode_kelurahan, administrasi_reason").fetchall()
    assert [v for v in verdicts if v[1] != SENTINEL] == [("d1", BETA, None)]


def test_verivali_results_of_one_kelurahan(seed_copy, tmp_path):
    body = [
        ["h3", "12/02/2026", "Ditemukan", "p1", "Ground Check", "S1", ""],
        ["h1", "2026-02-15", "Pindah", "p1", "Ground Check", "S1", ""],
    ]
    result, kept = check_import(seed_copy, "verivali", write_csv(tmp_path / "v.csv", VERIVALI_HEADER, body))
    assert result.rows_loaded == 2
    assert result.touched == {ALPHA}
    assert kept == TABLES


def test_a_pmks_case_moved_to_another_kelurahan(seed_copy, tmp_path):
    body = [["k1", "ODGJ", "Call Center", "01/02/2026 22:00", BETA, "Selesai"]]
    result, kept = check_import(seed_copy, "pmks", write_csv(tmp_path / "k.csv", PMKS_HEADER, body))
    assert result.rows_loaded == 1
    assert result.touched == {ALPHA, BETA}
    assert kept == TABLES


def test_an_import_that_changes_nothing_keeps_every_row(seed_copy, tmp_path):
    # h5 as stored: the import writes its rows again, the analytics rows of Beta are rebuilt equal.
    body = [["h5", BETA, "9971010101260005", "9971010101700004", "Uji Empat", "01/01/1970", "L", "KEPALA KELUARGA",
             "PADAN", "1", "AKTIF"]]  # fmt: skip
    before = coverage(seed_copy)
    result, kept = check_import(seed_copy, "dtks", write_csv(tmp_path / "d.csv", DTKS_HEADER, body))
    assert result.rows_loaded == 1
    assert result.touched == {BETA}
    assert kept == TABLES
    assert coverage(seed_copy) == before


def test_an_import_of_a_table_no_analytics_table_reads_touches_no_kelurahan(seed_copy, tmp_path):
    header = ["ID PETUGAS", "NAMA", "PERAN", "KODE KELURAHAN"]
    body = [["p2", "Petugas Dua", "Enumerator", BETA]]
    result, kept = check_import(seed_copy, "petugas", write_csv(tmp_path / "e.csv", header, body))
    assert result.rows_loaded == 1
    assert result.touched == frozenset()
    assert kept == TABLES


def test_a_new_data_date_refreshes_in_full(seed_copy, tmp_path):
    # The seed's first verivali visit is 2025-06-01: an earlier one changes when BPS first ranked
    # households (queries/schema/25_first_ranked.sql) for every kelurahan.
    body = [["h13", "02/01/2025", "Ditemukan", "p1", "Ground Check", "S0", ""]]
    result, kept = check_import(seed_copy, "verivali", write_csv(tmp_path / "v.csv", VERIVALI_HEADER, body))
    assert result.rows_loaded == 1
    assert result.touched == {DELTA}
    assert kept == []


def test_a_tahap_paid_for_the_first_time_in_a_kab_kota_refreshes_in_full(seed_copy):
    # d1 paid again in kab/kota 99.72, where no tahap was paid: eksklusi_keluarga judges 99.72 on
    # 2026-T1 from now on, a change of the basis (queries/refresh/tahap_paid_changed.sql), so
    # every table is rebuilt; the next refresh there is incremental again.
    other = "99.72.01.1001"
    with duckdb.connect(str(seed_copy)) as con:
        paid = con.table("bansos_penyaluran").df()
        paid["id_penyaluran"], paid["kode_kelurahan"] = "d99", other
        con.from_df(paid).insert_into("bansos_penyaluran")
        plant_sentinels(con)
        db.refresh_analytics(con, kelurahan=[other])
        rebuilt, kept = without_sentinels(con)
        assert kept == []
        assert rebuilt == full_refresh(con)
        plant_sentinels(con)
        db.refresh_analytics(con, kelurahan=[other])
        assert without_sentinels(con) == (rebuilt, TABLES)


def test_refresh_replaces_only_the_listed_kelurahan(seed_copy):
    with duckdb.connect(str(seed_copy)) as con:
        plant_sentinels(con)
        before = tables(con)
        con.begin()
        db.refresh_analytics(con, kelurahan=[SENTINEL])
        emptied = tables(con)
        con.rollback()
        con.begin()
        db.refresh_analytics(con, kelurahan=[ALPHA, None])
        kept = tables(con)
        con.rollback()
        clean = without_sentinels(con)[0]
    assert emptied == clean
    assert kept == before


def test_a_full_refresh_in_chunks_of_kelurahan_builds_the_same_tables(seed_copy):
    with duckdb.connect(str(seed_copy)) as con:
        con.execute(queries.load("tests/db_refresh/case_without_kelurahan"))
        db.refresh_analytics(con)
        assert con.execute(queries.load("tests/db_refresh/rows_without_kelurahan")).fetchone()[0] == 1
    # Chunks of one household: '' (rows without a kelurahan) with the first kelurahan, then a
    # chunk for each further kelurahan that has households.
    check_chunked_refresh(seed_copy, chunk_households=1, chunks=4)


# --- a small demo ------------------------------------------------------------------------------


@pytest.fixture
def demo_copy(small_demo_db, tmp_path) -> Path:
    """A copy of this run's small demo (tests/conftest.py: seed 2171, fraction 0.03)."""
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(small_demo_db, path)
    return path


def demo_households(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The demo's households, members and distributions, as frames."""
    with duckdb.connect(str(path), read_only=True) as con:
        return (
            con.table("dtks_keluarga").df(),
            con.table("dtks_anggota").df(),
            con.table("bansos_penyaluran").df(),
        )


def member_rows(members: pd.DataFrame, id_dtks: str, kode: str, desil: int, status: str) -> list[list[str]]:
    rows = []
    for m in members[members["id_dtks"] == id_dtks].itertuples():
        rows.append(
            [
                id_dtks,
                kode,
                "",
                m.nik,
                m.nama,
                "" if pd.isna(m.tanggal_lahir) else f"{m.tanggal_lahir:%d/%m/%Y}",
                m.jenis_kelamin,
                m.hubungan.replace("_", " ").upper(),
                m.status_padan.replace("_", " ").upper(),
                str(desil),
                status,
            ]
        )
    return rows


def paid_households(households: pd.DataFrame, paid: pd.DataFrame) -> pd.DataFrame:
    """The active households with a distribution paid in their own kelurahan, most paid first."""
    counts = paid.groupby(["id_dtks", "kode_kelurahan"]).size().rename("n").reset_index()
    return (
        households[households["status"] == "aktif"]
        .merge(counts, on=["id_dtks", "kode_kelurahan"])
        .sort_values(["n", "id_dtks"], ascending=[False, True])
    )


def test_demo_dtks_import_of_two_kelurahan_with_a_move(demo_copy, tmp_path):
    households, members, paid = demo_households(demo_copy)
    candidates = paid_households(households, paid)
    first = candidates.iloc[0]
    other = candidates[candidates["kode_kelurahan"] != first.kode_kelurahan].iloc[0]
    with_kk = {h.id_dtks: h.no_kk for h in households.itertuples()}
    # ``first`` drops to desil 9 where it lives; ``other`` moves into ``first``'s kelurahan.
    body = member_rows(members, first.id_dtks, first.kode_kelurahan, 9, "AKTIF")
    body += member_rows(members, other.id_dtks, first.kode_kelurahan, int(other.desil or 1), "AKTIF")
    for row in body:
        row[2] = with_kk[row[0]]
    result, kept = check_import(demo_copy, "dtks", write_csv(tmp_path / "d.csv", DTKS_HEADER, body))
    assert result.rows_quarantined == 0
    assert {first.kode_kelurahan, other.kode_kelurahan} <= result.touched
    assert kept == TABLES
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        units = con.table("wilayah").df()
    assert len(result.touched) < (units["level"] == "kelurahan").sum()


def test_demo_distributions_of_one_kelurahan(demo_copy, tmp_path):
    households, members, paid = demo_households(demo_copy)
    kode = paid["kode_kelurahan"].mode().iloc[0]
    mine = paid[paid["kode_kelurahan"] == kode].sort_values("id_penyaluran").head(50)
    # Fifty reports of one kelurahan again, paid 1,000 rupiah less (a deduction under the 6T).
    body = [
        [
            d.id_penyaluran,
            d.kode_program,
            d.tahap,
            d.nik_penerima,
            kode,
            str(int(d.nilai_diterima) - 1000),
            f"{d.tanggal_salur:%d/%m/%Y}",
            d.kanal,
            ", ".join(d.dokumen).upper(),
        ]
        for d in mine.itertuples()
    ]
    result, kept = check_import(demo_copy, "penyaluran", write_csv(tmp_path / "p.csv", PENYALURAN_HEADER, body))
    assert result.rows_loaded == len(body) == 50
    assert kode in result.touched
    assert kept == TABLES


def test_demo_nik_corrected_ends_a_duplicate_in_another_kelurahan(demo_copy, tmp_path):
    households, members, _ = demo_households(demo_copy)
    active = members[members["status"] == "aktif"].merge(
        households[households["status"] == "aktif"][["id_dtks", "kode_kelurahan", "no_kk"]],
        on="id_dtks",
        suffixes=("_member", ""),
    )
    holders = active.groupby("nik")["kode_kelurahan"].nunique()
    nik = holders[holders > 1].index[0]  # a planted duplicate held in two kelurahan
    mine, theirs = active[active["nik"] == nik].sort_values("id_dtks").iloc[:2].itertuples()
    fresh = next(f"{nik[:12]}{n:04d}" for n in range(9999, 0, -1) if f"{nik[:12]}{n:04d}" not in set(members["nik"]))
    body = member_rows(members, mine.id_dtks, mine.kode_kelurahan, 1, "AKTIF")
    for row in body:
        row[2] = mine.no_kk
        row[3] = fresh if row[3] == nik else row[3]
    result, kept = check_import(demo_copy, "dtks", write_csv(tmp_path / "d.csv", DTKS_HEADER, body))
    assert {mine.kode_kelurahan, theirs.kode_kelurahan} <= result.touched
    assert kept == TABLES
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        assert con.table("dtks_anggota").df().set_index("id_anggota").at[mine.id_anggota, "nik"] == fresh
        findings = con.table("quality_finding").df()
    duplicates = findings[findings["check_name"] == "nik_duplicate"]
    assert mine.id_anggota not in set(duplicates["id_anggota"])


def test_demo_verivali_and_pmks_of_one_kelurahan(demo_copy, tmp_path):
    households, _, paid = demo_households(demo_copy)
    first = paid_households(households, paid).iloc[0]
    body = [[first.id_dtks, TODAY.strftime("%d/%m/%Y"), "Meninggal", "", "Ground Check", "", ""]]
    result, kept = check_import(demo_copy, "verivali", write_csv(tmp_path / "v.csv", VERIVALI_HEADER, body))
    assert result.rows_loaded == 1
    assert first.kode_kelurahan in result.touched
    assert kept == TABLES
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        case = con.table("pmks_kasus").limit(1).df().iloc[0]
    others = sorted(set(households["kode_kelurahan"]) - {case.kode_kelurahan})
    body = [[case.id_kasus, case.kategori.upper(), case.sumber.replace("_", " "), f"{case.waktu_lapor:%d/%m/%Y %H:%M}",
             others[0], ""]]  # fmt: skip
    result, kept = check_import(demo_copy, "pmks", write_csv(tmp_path / "k.csv", PMKS_HEADER, body))
    assert result.rows_loaded == 1
    assert result.touched == {case.kode_kelurahan, others[0]}
    assert kept == TABLES


def test_demo_full_refresh_in_chunks_builds_the_same_tables(demo_copy):
    check_chunked_refresh(demo_copy, chunk_households=300, chunks=10)
