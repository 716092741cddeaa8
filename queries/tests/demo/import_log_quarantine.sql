-- Read by tests/test_demo.py::test_metadata.
-- Parameters: none.
-- Output: one row per import in id order: jenis, baris_karantina.
select jenis, baris_karantina from impor_log order by id_impor
