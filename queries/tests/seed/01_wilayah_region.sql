-- The seed warehouse (tests/seed.py, run in file-name order): the province, the city and its one kecamatan (99, 99.71, 99.71.01).
-- Parameters: none.
-- Output: none (inserts rows).
insert into wilayah (kode, nama, level, jenis, kode_induk, luas_km2, penduduk) values
    ('99', 'Provinsi Uji', 'provinsi', 'provinsi', null, 3.7, 1000),
    ('99.71', 'Kota Uji', 'kabkota', 'kota', '99', 3.7, 1000),
    ('99.71.01', 'Kecamatan Satu', 'kecamatan', 'kecamatan', '99.71', 3.7, 1000)
