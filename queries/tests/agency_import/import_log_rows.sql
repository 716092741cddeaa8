-- Read by tests/test_agency_import.py::test_every_kind_of_bad_dtks_row_is_quarantined_with_its_reason.
-- Parameters: none.
-- Output: one row per import: baris_dibaca, baris_dimuat, baris_karantina.
select baris_dibaca, baris_dimuat, baris_karantina from impor_log
