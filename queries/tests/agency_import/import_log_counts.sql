-- Read by tests/test_agency_import.py::test_siks_ng_export_loads_households_and_members.
-- Parameters: none.
-- Output: one row per import: jenis, nama_file, baris_dibaca, baris_dimuat, baris_karantina.
select jenis, nama_file, baris_dibaca, baris_dimuat, baris_karantina from impor_log
