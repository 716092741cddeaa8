-- Read by tests/test_agency_import.py::test_pmks_cases.
-- Parameters: none.
-- Output: every case by id: id_kasus, kategori, sumber, waktu_lapor, waktu_tiba (text), kode_kelurahan, jenis_kelamin, usia, tahap, hasil, lon, lat.
select id_kasus, kategori, sumber, waktu_lapor::varchar, waktu_tiba::varchar, kode_kelurahan, jenis_kelamin, usia, tahap, hasil, lon, lat from pmks_kasus order by id_kasus
