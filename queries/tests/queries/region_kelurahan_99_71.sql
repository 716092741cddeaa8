-- Read by tests/test_queries.py::test_region_kelurahan_macro_whole_output.
-- Parameters: none.
-- Output: one row per kelurahan of 99.71 by kode: kode, nama, jenis, kode_kecamatan, kecamatan.
select kode, nama, jenis, kode_kecamatan, kecamatan from region_kelurahan('99.71') order by kode
