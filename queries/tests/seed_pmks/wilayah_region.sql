-- Read by tests/seed_pmks.py::build_pmks_seed.
-- Parameters: none.
-- Output: none (inserts Provinsi Kisi, Kota Kisi and Kecamatan Kisi).
insert into wilayah (kode, nama, level, jenis, kode_induk, luas_km2, penduduk) values
    ('98', 'Provinsi Kisi', 'provinsi', 'provinsi', null, 145, 1450000),
    ('98.71', 'Kota Kisi', 'kabkota', 'kota', '98', 145, 1450000),
    ('98.71.01', 'Kecamatan Kisi', 'kecamatan', 'kecamatan', '98.71', 145, 1450000)
