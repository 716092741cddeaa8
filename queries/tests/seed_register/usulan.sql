-- The register seed (tests/seed_register.py STATEMENTS, run in that order after tests/seed.py).
-- Parameters: none.
-- Output: none (inserts the proposals u1-u8 worked out in tests/seed_register.py).
insert into usulan (id_usulan, siklus, kode_kelurahan, sasaran, arah, alasan, id_dtks, nik, no_kk,
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
        '2025-05-01', 'ditetapkan', '2025-06-01')
