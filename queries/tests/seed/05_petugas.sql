-- The seed warehouse (tests/seed.py, run in file-name order): one enumerator, p1 of Alpha.
-- Parameters: none.
-- Output: none (inserts rows).
insert into petugas (id_petugas, nama, peran, kode_kelurahan_asal) values
    ('p1', 'Petugas Uji', 'enumerator', '99.71.01.1001')
