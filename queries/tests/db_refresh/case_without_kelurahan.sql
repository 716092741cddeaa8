-- Read by tests/test_db_refresh.py: a PMKS case reported with no kelurahan (its analytics rows
-- have none either), beside the seed's one case.
-- Parameters: none.
-- Output: none (inserts a row into pmks_kasus).
insert into pmks_kasus (id_kasus, kategori, sumber, waktu_lapor, waktu_respons, waktu_tiba,
    lon, lat, kode_kelurahan, tahap) values
    ('k0', 'odgj', 'call_center', '2026-02-02 08:00', '2026-02-02 08:10', '2026-02-02 08:30',
    null, null, null, 'ditutup')
