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

from tests.seed import build_seed
from warehouse import db

STATEMENTS = [
    """insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, id_petugas, hasil, desil) values
        (20, 'h3', 'S1', 'entri_siksng', '2026-01-12', null, null, null),
        (21, 'h2', 'S1', 'desil', '2026-02-25', null, null, 6),
        (22, 'h5', 'S1', 'desil', '2026-01-20', null, null, 2)""",
    """insert into usulan (id_usulan, siklus, kode_kelurahan, sasaran, arah, alasan, id_dtks, nik, no_kk,
            tanggal_musyawarah, tahap, tanggal_keputusan) values
        ('u1', 'S1', '99.71.01.1001', 'keluarga', 'masuk', 'miskin_baru', 'h3', null, '9971010101260003',
            '2026-01-05', null, null),
        ('u2', 'S1', '99.71.01.1001', 'keluarga', 'masuk', 'belum_terdata', null, '9971011203800077', null,
            '2026-01-05', 'ditetapkan', '2026-02-04'),
        ('u3', 'S1', '99.71.01.1001', 'keluarga', 'keluar', 'mampu', 'h2', null, null, '2026-01-05', null, null),
        ('u4', 'S1', '99.71.01.1002', 'keluarga', 'keluar', 'pindah', 'h11', null, null, '2026-02-10', null, null),
        ('u5', 'S1', '99.71.01.1002', 'keluarga', 'keluar', 'meninggal', 'h5', null, null, '2026-01-02', null, null),
        ('u6', 'S1', '99.71.01.1002', 'keluarga', 'keluar', 'pindah', 'h11', null, null, '2026-02-12', null, null),
        ('u7', 'S1', '99.71.01.1002', 'individu', 'masuk', 'lainnya', null, '9971015203820099', null,
            null, 'diverifikasi', null),
        ('u8', 'S0', '99.71.01.1001', 'keluarga', 'masuk', 'miskin_baru', 'h4', null, null,
            '2025-05-01', 'ditetapkan', '2025-06-01')""",
    """insert into bansos_tahap values
        ('PKH', '2025-T1', '2025-01-01', '2025-02-28', 750000, null),
        ('PKH', '2025-T2', '2025-04-01', '2025-05-31', 750000, null),
        ('PKH', '2025-T3', '2025-07-01', '2025-08-31', 750000, null),
        ('PKH', '2025-T4', '2025-10-01', '2025-11-30', 750000, null)""",
    """insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks, nik_penerima,
            kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, dokumen)
        select 'g-' || h || '-' || t, 'PKH', t, h, '99710101017000' || right(h, 2), k, 750000, 750000,
            cast(s as date), 'bank', ['bast', 'foto', 'ktp']
        from (values
            ('h1', '2025-T1', '99.71.01.1001', '2025-01-10'), ('h1', '2025-T2', '99.71.01.1001', '2025-04-10'),
            ('h1', '2025-T3', '99.71.01.1001', '2025-07-10'), ('h1', '2025-T4', '99.71.01.1001', '2025-10-10'),
            ('h2', '2025-T1', '99.71.01.1001', '2025-01-10'), ('h2', '2025-T2', '99.71.01.1001', '2025-04-10'),
            ('h5', '2025-T1', '99.71.01.1002', '2025-01-10'),
            ('h10', '2025-T1', '99.71.01.1002', '2025-01-10'), ('h10', '2025-T2', '99.71.01.1002', '2025-04-10'),
            ('h11', '2025-T1', '99.71.01.1002', '2025-01-10'), ('h11', '2025-T2', '99.71.01.1002', '2025-04-10'),
            ('h11', '2025-T3', '99.71.01.1002', '2025-07-10'),
            ('h12', '2025-T1', '99.71.01.1002', '2025-01-10'),
            ('h8', '2025-T1', '99.71.01.1002', '2025-01-10'), ('h8', '2025-T2', '99.71.01.1002', '2025-04-10'),
            ('h8', '2025-T3', '99.71.01.1002', '2025-07-10'), ('h8', '2025-T4', '99.71.01.1002', '2025-10-10'),
            ('h8', '2026-T1', '99.71.01.1002', '2026-01-10')
        ) as v(h, t, k, s)""",
    """insert into pkh_graduasi (id_dtks, tahun, tanggal_graduasi, jenis, kode_kelurahan, nik_penerima) values
        ('h2', 2025, '2025-07-15', 'sejahtera_mandiri', '99.71.01.1001', null),
        ('h8', 2025, '2025-12-01', 'sejahtera_mandiri', '99.71.01.1002', null),
        ('h7', 2026, '2026-01-20', 'alamiah_pindah', '99.71.01.1002', null)""",
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
