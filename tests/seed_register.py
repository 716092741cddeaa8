"""The seed warehouse of tests/seed.py plus hand-made musyawarah proposals and a PKH history
for the register's life (issue 15: usulan and graduasi PKH). Same kota (99.71), same data date
(2026-02-28), current cycle S1 (2026-01-01..2026-03-31).

Proposals (usulan; verivali steps added here: h3 entri_siksng 2026-01-12, h2 desil 6 on
2026-02-25, h5 desil 2 on 2026-01-20; the seed's own: h2 ground check diperbarui 02-20, h5 01-05,
h11 pindah 02-25):

    id  kel.   siklus sasaran  arah    berita acara file stage          followed          days
    u1  Alpha  S1     keluarga masuk   2026-01-05   -                   diinput (h3)      -
    u2  Alpha  S1     keluarga masuk   2026-01-05   ditetapkan 02-04    -                 30
    u3  Alpha  S1     keluarga keluar  2026-01-05   -                   ditetapkan (h2)   51
    u4  Beta   S1     keluarga keluar  2026-02-10   -                   ditetapkan (h11)  15
    u5  Beta   S1     keluarga keluar  2026-01-02   -                   ditolak (h5)      18
    u6  Beta   S1     keluarga keluar  2026-02-12   -                   ganda of u4       -
    u7  Beta   S1     individu masuk   none         diverifikasi        -                 -
    u8  Alpha  S0     keluarga masuk   2025-05-01   ditetapkan 06-01    -                 (old cycle)

By hand, cycle S1: Alpha 3 proposals (2 in, 1 out), 2 ditetapkan, 1 pending (diinput), one
musyawarah (01-05), median 40.5 days; Beta 4 proposals (1 in, 2 out, 1 ganda), 1 ditetapkan, 1
ditolak, 1 pending (diverifikasi), 1 without a berita acara date, 3 musyawarah dates, median
16.5 days; Gamma and Delta held no musyawarah. Region: 7 proposals, median of 30, 51, 15, 18 =
24 days, 4 musyawarah dates.

PKH history: tahap 2025-T1..2025-T4 added (all closed on 2026-02-28), 2026-T1 from the seed
(open). Distributions: h1 every tahap (stays); h2 T1-T2 (left, exit tahap 2025-T3; on the list:
sejahtera_mandiri 2025-07-15); h5 T1 (left 2025, no reason on record: tanpa_keterangan); h10
(desil 6) T1-T2 (left 2025: alamiah_tidak_layak); h11 T1-T3 (only one closed tahap missed: not
left); h12 (meninggal) T1 (left 2025: alamiah_meninggal); h8 T1-T4 and 2026-T1 but on the list
as sejahtera_mandiri 2025-12-01 (masih_menerima); h7 on the list only, alamiah_pindah
2026-01-20 (no history).

By hand, graduasi per year: 2025 Alpha 1 (sejahtera mandiri); Beta 3 (tidak layak,
meninggal, tanpa keterangan; all three not on the list) and 1 listed but still paid; 2026 Beta 1
(pindah). Region 2025: 4 left, 1 sejahtera mandiri; 2026: 1 left.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import queries
from tests.seed import build_seed
from warehouse import db

STATEMENTS = [
    queries.load("tests/seed_register/verivali"),
    queries.load("tests/seed_register/usulan"),
    queries.load("tests/seed_register/bansos_tahap"),
    queries.load("tests/seed_register/bansos_penyaluran"),
    queries.load("tests/seed_register/pkh_graduasi"),
]


def build_register_seed(path) -> None:
    """Write the seed warehouse plus the register's rows to ``path`` (replacing it)."""
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
def register_db(tmp_path_factory) -> Path:
    """The register seed warehouse, built once per test session (read it, do not write to it)."""
    path = tmp_path_factory.mktemp("register_seed") / "register.duckdb"
    build_register_seed(path)
    return path
