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

import queries
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
    queries.load("tests/seed_six_t/dtks_keluarga"),
    queries.load("tests/seed_six_t/dtks_anggota"),
    queries.load("tests/seed_six_t/bansos_program"),
    queries.load("tests/seed_six_t/bansos_tahap"),
    queries.load("tests/seed_six_t/bansos_penyaluran"),
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
            con.execute(queries.load("tests/seed/rename_unit"), {"nama": nama, "kode": kode})
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def six_t_db(tmp_path_factory) -> Path:
    """The 6T seed warehouse, built once per test session (read it, do not write to it)."""
    path = tmp_path_factory.mktemp("six_t_seed") / "six_t.duckdb"
    build_six_t_seed(path)
    return path
