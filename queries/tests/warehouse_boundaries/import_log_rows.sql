-- Read by tests/test_warehouse_boundaries.py::test_boundaries_into_a_brand_new_warehouse.
-- Parameters: none.
-- Output: one row per import: id_impor, jenis, nama_file, baris_dibaca, baris_dimuat, baris_karantina.
select id_impor, jenis, nama_file, baris_dibaca, baris_dimuat, baris_karantina from impor_log
