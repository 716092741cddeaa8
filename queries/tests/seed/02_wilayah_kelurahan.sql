-- The seed warehouse (tests/seed.py, run in file-name order): four kelurahan/desa: Alpha, Beta, Gamma (desa) and Delta (desa without an area).
-- Parameters: none.
-- Output: none (inserts rows).
insert into wilayah (kode, nama, level, jenis, kode_induk, luas_km2, penduduk) values
    ('99.71.01.1001', 'Alpha', 'kelurahan', 'kelurahan', '99.71.01', 1.23, 400),
    ('99.71.01.1002', 'Beta', 'kelurahan', 'kelurahan', '99.71.01', 1.23, 500),
    ('99.71.01.2003', 'Gamma', 'kelurahan', 'desa', '99.71.01', 1.23, 50),
    ('99.71.01.2004', 'Delta', 'kelurahan', 'desa', '99.71.01', null, 50)
