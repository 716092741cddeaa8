-- The register seed (tests/seed_register.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts the graduations of h2, h8 and h7).
insert into pkh_graduasi (id_dtks, tahun, tanggal_graduasi, jenis, kode_kelurahan, nik_penerima) values
    ('h2', 2025, '2025-07-15', 'sejahtera_mandiri', '99.71.01.1001', null),
    ('h8', 2025, '2025-12-01', 'sejahtera_mandiri', '99.71.01.1002', null),
    ('h7', 2026, '2026-01-20', 'alamiah_pindah', '99.71.01.1002', null)
