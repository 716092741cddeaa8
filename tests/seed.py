"""A tiny hand-checkable warehouse: one fictional kota (99.71) with four units.

Units (kecamatan 99.71.01), data date 2026-02-28, current cycle S1 (2026-01-01..2026-03-31):
- A 99.71.01.1001 kelurahan, box 0.01 deg: households h1-h4 active; h1 updated 2026-01-10,
  h2 updated 2026-02-20, h3 only proposed (no result), h4 only updated in the old cycle S0.
  Members: h1 two (one padan), h2 one (padan).
- B 99.71.01.1002 kelurahan, box 0.01 deg: h5-h10 active, h11 moved (found so on 2026-02-25,
  cycle S1), h12 died long ago (no S1 result: outside the frame). h5 updated 2026-01-05;
  h6 updated 2026-03-05, after the data date. Members: h5 one (padan), h6 one (tidak_padan),
  h11 one (moved).
- C 99.71.01.2003 desa, box 0.01 deg: no households.
- D 99.71.01.2004 desa, no polygon: h13 active, never visited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import shapely

from warehouse import db

TODAY = dt.date(2026, 2, 28)
REGION = "99.71"

_BOXES = {
    "99.71.01.1001": shapely.box(100.00, 0.00, 100.01, 0.01),
    "99.71.01.1002": shapely.box(100.01, 0.00, 100.02, 0.01),
    "99.71.01.2003": shapely.box(100.00, 0.01, 100.01, 0.02),
}

_STATEMENTS = [
    """insert into wilayah (kode, nama, level, jenis, kode_induk, luas_km2, penduduk) values
        ('99', 'Provinsi Uji', 'provinsi', 'provinsi', null, 3.7, 1000),
        ('99.71', 'Kota Uji', 'kabkota', 'kota', '99', 3.7, 1000),
        ('99.71.01', 'Kecamatan Satu', 'kecamatan', 'kecamatan', '99.71', 3.7, 1000)""",
    """insert into wilayah (kode, nama, level, jenis, kode_induk, luas_km2, penduduk) values
        ('99.71.01.1001', 'Alpha', 'kelurahan', 'kelurahan', '99.71.01', 1.23, 400),
        ('99.71.01.1002', 'Beta', 'kelurahan', 'kelurahan', '99.71.01', 1.23, 500),
        ('99.71.01.2003', 'Gamma', 'kelurahan', 'desa', '99.71.01', 1.23, 50),
        ('99.71.01.2004', 'Delta', 'kelurahan', 'desa', '99.71.01', null, 50)""",
    """insert into dtks_keluarga (id_dtks, no_kk, kode_kelurahan, desil, status) values
        ('h1', '9971010101260001', '99.71.01.1001', 1, 'aktif'),
        ('h2', '9971010101260002', '99.71.01.1001', 2, 'aktif'),
        ('h3', '9971010101260003', '99.71.01.1001', 3, 'aktif'),
        ('h4', '9971010101260004', '99.71.01.1001', 4, 'aktif'),
        ('h5', '9971010101260005', '99.71.01.1002', 1, 'aktif'),
        ('h6', '9971010101260006', '99.71.01.1002', 2, 'aktif'),
        ('h7', '9971010101260007', '99.71.01.1002', 3, 'aktif'),
        ('h8', '9971010101260008', '99.71.01.1002', 4, 'aktif'),
        ('h9', '9971010101260009', '99.71.01.1002', 5, 'aktif'),
        ('h10', '9971010101260010', '99.71.01.1002', 6, 'aktif'),
        ('h11', '9971010101260011', '99.71.01.1002', 1, 'pindah'),
        ('h12', '9971010101260012', '99.71.01.1002', 1, 'meninggal'),
        ('h13', '9971010101260013', '99.71.01.2004', 1, 'aktif')""",
    """insert into dtks_anggota (id_anggota, id_dtks, nik, nama, tanggal_lahir, jenis_kelamin,
            hubungan, status_padan, status) values
        ('a1', 'h1', '9971011203800001', 'Uji Satu', '1980-03-12', 'L', 'kepala_keluarga', 'padan', 'aktif'),
        ('a2', 'h1', '9971015203820002', 'Uji Dua', '1982-03-12', 'P', 'pasangan', 'belum', 'aktif'),
        ('a3', 'h2', '9971010101900003', 'Uji Tiga', '1990-01-01', 'L', 'kepala_keluarga', 'padan', 'aktif'),
        ('a4', 'h5', '9971010101700004', 'Uji Empat', '1970-01-01', 'L', 'kepala_keluarga', 'padan', 'aktif'),
        ('a5', 'h6', '9971010101750005', 'Uji Lima', '1975-01-01', 'L', 'kepala_keluarga', 'tidak_padan', 'aktif'),
        ('a6', 'h11', '9971010101600006', 'Uji Enam', '1960-01-01', 'L', 'kepala_keluarga', 'padan', 'pindah')""",
    """insert into petugas (id_petugas, nama, peran, kode_kelurahan_asal) values
        ('p1', 'Petugas Uji', 'enumerator', '99.71.01.1001')""",
    """insert into verivali_siklus (siklus, nama, tanggal_mulai, tanggal_target) values
        ('S0', 'Siklus lama', '2025-01-01', '2025-12-31'),
        ('S1', 'Siklus uji', '2026-01-01', '2026-03-31')""",
    """insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, id_petugas, hasil) values
        (1, 'h1', 'S1', 'usulan_musyawarah', '2026-01-03', null, null),
        (2, 'h1', 'S1', 'ground_check', '2026-01-10', 'p1', 'diperbarui'),
        (3, 'h2', 'S1', 'ground_check', '2026-02-20', 'p1', 'diperbarui'),
        (4, 'h3', 'S1', 'usulan_musyawarah', '2026-02-01', null, null),
        (5, 'h4', 'S0', 'ground_check', '2025-06-01', 'p1', 'diperbarui'),
        (6, 'h5', 'S1', 'ground_check', '2026-01-05', 'p1', 'diperbarui'),
        (7, 'h6', 'S1', 'ground_check', '2026-03-05', 'p1', 'diperbarui'),
        (8, 'h11', 'S1', 'ground_check', '2026-02-25', 'p1', 'pindah')""",
    """insert into pmks_kasus (id_kasus, kategori, sumber, waktu_lapor, waktu_respons, waktu_tiba,
            lon, lat, kode_kelurahan, tahap) values
        ('k1', 'odgj', 'call_center', '2026-02-01 22:00', '2026-02-01 22:10', '2026-02-01 22:40',
            100.005, 0.005, '99.71.01.1001', 'ditutup')""",
    """insert into bansos_program values ('PKH', 'PKH', 'tunai', 'triwulan', 4, ['bast', 'foto', 'ktp'], 0)""",
    """insert into bansos_tahap values ('PKH', '2026-T1', '2026-01-01', '2026-03-31', 750000, null)""",
    """insert into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks, nik_penerima,
            kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, dokumen) values
        ('d1', 'PKH', '2026-T1', 'h1', '9971011203800001', '99.71.01.1001', 750000, 700000,
            '2026-02-10', 'bank', ['bast', 'ktp'])""",
    """insert into metadata values ('tanggal_data', '2026-02-28'), ('kode_region', '99.71')""",
]


def build_seed(path) -> None:
    """Write the seed warehouse to ``path`` (replacing it)."""
    with db.atomic_build(path) as con:
        for statement in _STATEMENTS:
            con.execute(statement)
        for kode, geom in _BOXES.items():
            con.execute(
                "update wilayah set geom = $g, geom_display = $g, geom_sumber = 'seed' where kode = $k",
                {"g": shapely.to_wkb(geom), "k": kode},
            )
        db.refresh_analytics(con)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The seed warehouse, built once per test session (read it, do not write to it)."""
    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    build_seed(path)
    return path
