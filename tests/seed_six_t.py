"""The seed warehouse of tests/seed.py plus hand-made bansos distributions for the 6T tests.

Kept in a file of its own because adding households or distributions to the shared seed would
change the figures tests/test_queries.py and tests/test_app.py assert. Same kota (99.71), same
data date (2026-02-28).

Programmes: PKH (tunai, desil_maks 4, dokumen bast/foto/ktp, no grace; from the seed) with
tahap 2025-T4 (added) and 2026-T1 (seed, 01-01..03-31, Rp 750.000); BPNT (barang, desil_maks
4, dokumen bast/foto, 3 days grace) with tahap 2026-01 and 2026-02 (Rp 200.000, harga_acuan
Rp 200.000). Ten distributions; each failing one fails for exactly one reason except d1:

    id  kelurahan prog tahap    kanal     fails
    d1  Alpha     PKH  2026-T1  bank      jumlah (potongan Rp 50.000), administrasi (no foto)
    p1  Alpha     PKH  2026-T1  bank      -
    p2  Alpha     PKH  2026-T1  bank      sasaran (desil 7 > 4)
    p3  Alpha     PKH  2026-T1  bank      sasaran (ganda: h20's second, after p1)
    p4  Beta      PKH  2025-T4  bank      waktu (5 days after 2025-12-31)
    p5  Beta      PKH  2026-T1  pos       sasaran (NIK tidak padan)
    b1  Alpha     BPNT 2026-01  e_warong  -
    b2  Beta      BPNT 2026-01  e_warong  harga (Rp 210.000 > 200.000)
    b3  Alpha     BPNT 2026-01  e_warong  kualitas (failed the check)
    b4  Beta      BPNT 2026-02  e_warong  administrasi (no foto)

By hand: sasaran 7/10, jumlah 9/10, waktu 9/10, kualitas 3/4, harga 3/4 (the six PKH rows are
not applicable), administrasi 8/10; fully compliant 2/10 (p1, b1; d1 counted once); at risk
Rp 2.300.000 (d1's Rp 50.000 deduction, p2, p3, p5 at Rp 750.000 each).
Alpha: 6 distributions, 2 compliant; Beta: 4, 0 compliant; Gamma and Delta: none.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb
import pytest

from tests.seed import build_seed
from warehouse import db

NIKS = {
    "a20": "9971014101850020",
    "a21": "9971014101850021",
    "a22": "9971014101850022",
    "a24": "9971014101850024",
    "a26": "9971014101850026",
}

STATEMENTS = [
    """insert into dtks_keluarga (id_dtks, no_kk, kode_kelurahan, desil, status) values
        ('h20', '9971010202260020', '99.71.01.1001', 2, 'aktif'),
        ('h21', '9971010202260021', '99.71.01.1001', 7, 'aktif'),
        ('h22', '9971010202260022', '99.71.01.1002', 3, 'aktif'),
        ('h24', '9971010202260024', '99.71.01.1002', 2, 'aktif'),
        ('h26', '9971010202260026', '99.71.01.1001', 1, 'aktif')""",
    """insert into dtks_anggota (id_anggota, id_dtks, nik, nama, hubungan, status_padan, status) values
        ('a20', 'h20', '9971014101850020', 'Sari Dua Puluh', 'kepala_keluarga', 'padan', 'aktif'),
        ('a21', 'h21', '9971014101850021', 'Budi Dua Satu', 'kepala_keluarga', 'padan', 'aktif'),
        ('a22', 'h22', '9971014101850022', 'Rina Dua Dua', 'kepala_keluarga', 'belum', 'aktif'),
        ('a24', 'h24', '9971014101850024', 'Tono Dua Empat', 'kepala_keluarga', 'padan', 'aktif'),
        ('a26', 'h26', '9971014101850026', 'Ani Dua Enam', 'kepala_keluarga', 'padan', 'aktif')""",
    """insert into bansos_program values
        ('BPNT', 'BPNT/Sembako', 'barang', 'bulan', 4, ['bast', 'foto'], 3)""",
    """insert into bansos_tahap values
        ('PKH', '2025-T4', '2025-10-01', '2025-12-31', 750000, null),
        ('BPNT', '2026-01', '2026-01-01', '2026-01-31', 200000, 200000),
        ('BPNT', '2026-02', '2026-02-01', '2026-02-28', 200000, 200000)""",
    """insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks, nik_penerima,
            kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, id_penyalur,
            harga_dibayar, lolos_kualitas, dokumen) values
        ('p1', 'PKH', '2026-T1', 'h20', '9971014101850020', '99.71.01.1001', 750000, 750000,
            '2026-02-01', 'bank', null, null, null, ['bast', 'foto', 'ktp']),
        ('p2', 'PKH', '2026-T1', 'h21', '9971014101850021', '99.71.01.1001', 750000, 750000,
            '2026-02-02', 'bank', null, null, null, ['bast', 'foto', 'ktp']),
        ('p3', 'PKH', '2026-T1', 'h20', '9971014101850020', '99.71.01.1001', 750000, 750000,
            '2026-02-15', 'bank', null, null, null, ['bast', 'foto', 'ktp']),
        ('p4', 'PKH', '2025-T4', 'h24', '9971014101850024', '99.71.01.1002', 750000, 750000,
            '2026-01-05', 'bank', null, null, null, ['ktp', 'foto', 'bast']),
        ('p5', 'PKH', '2026-T1', 'h22', '9971014101850022', '99.71.01.1002', 750000, 750000,
            '2026-02-03', 'pos', null, null, null, ['bast', 'foto', 'ktp']),
        ('b1', 'BPNT', '2026-01', 'h20', '9971014101850020', '99.71.01.1001', 200000, 200000,
            '2026-01-20', 'e_warong', 'ew1', 195000, true, ['bast', 'foto']),
        ('b2', 'BPNT', '2026-01', 'h24', '9971014101850024', '99.71.01.1002', 200000, 200000,
            '2026-01-21', 'e_warong', 'ew2', 210000, true, ['bast', 'foto']),
        ('b3', 'BPNT', '2026-01', 'h26', '9971014101850026', '99.71.01.1001', 200000, 200000,
            '2026-01-22', 'e_warong', 'ew1', 200000, false, ['bast', 'foto']),
        ('b4', 'BPNT', '2026-02', 'h5', '9971010101700004', '99.71.01.1002', 200000, 200000,
            '2026-02-10', 'e_warong', 'ew2', 190000, true, ['bast'])""",
]


@contextlib.contextmanager
def changed(path):
    """A writable connection to the warehouse ``path`` for a test's own rows; the analytics
    tables are rebuilt from them when the block ends, as every write of the product does."""
    con = duckdb.connect(str(path))
    try:
        yield con
        db.refresh_analytics(con)
    finally:
        con.close()


HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_LINK = "[klik](http://x)"
# Delta has no polygon, so its name is also listed under the map; Alpha and Beta have
# distributions, so theirs are on the heat chart too.
HOSTILE_NAMES = {
    "99.71.01.2004": HOSTILE_NAME,
    "99.71.01.1002": HOSTILE_LINK,
    "99.71.01.1001": "<b>Alpha</b>",
    "99.71": "Kota <b>Uji</b>",
}


def build_six_t_seed(path) -> None:
    """Write the seed warehouse plus the 6T rows to ``path`` (replacing it)."""
    build_seed(path)
    con = duckdb.connect(str(path))
    try:
        con.execute("begin transaction")
        for statement in STATEMENTS:
            con.execute(statement)
        db.refresh_analytics(con)
        con.execute("commit")
    finally:
        con.close()


@pytest.fixture(scope="session")
def hostile_six_t_db(tmp_path_factory) -> Path:
    """The 6T seed with markup for names (:data:`HOSTILE_NAMES`: Delta, Beta and the kota)."""
    path = tmp_path_factory.mktemp("six_t_hostile") / "six_t.duckdb"
    build_six_t_seed(path)
    con = duckdb.connect(str(path))
    try:
        for kode, nama in HOSTILE_NAMES.items():
            con.execute("update wilayah set nama = $1 where kode = $2", [nama, kode])
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def six_t_db(tmp_path_factory) -> Path:
    """The 6T seed warehouse, built once per test session (read it, do not write to it)."""
    path = tmp_path_factory.mktemp("six_t_seed") / "six_t.duckdb"
    build_six_t_seed(path)
    return path
