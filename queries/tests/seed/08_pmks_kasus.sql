-- The seed warehouse (tests/seed.py, run in file-name order): one closed ODGJ case in Alpha.
-- Parameters: none.
-- Output: none (inserts rows).
insert into pmks_kasus (id_kasus, kategori, sumber, waktu_lapor, waktu_respons, waktu_tiba,
    lon, lat, kode_kelurahan, tahap) values
    ('k1', 'odgj', 'call_center', '2026-02-01 22:00', '2026-02-01 22:10', '2026-02-01 22:40',
    100.005, 0.005, '99.71.01.1001', 'ditutup')
