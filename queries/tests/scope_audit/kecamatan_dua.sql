-- Read by tests/test_scope_audit.py::two_kecamatan.
-- Parameters: none.
-- Output: none (inserts the kecamatan 99.71.02, Kecamatan Dua).
insert into wilayah (kode, nama, level, jenis, kode_induk) values ('99.71.02', 'Kecamatan Dua', 'kecamatan', 'kecamatan', '99.71')
