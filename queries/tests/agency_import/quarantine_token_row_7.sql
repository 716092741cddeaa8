-- Read by tests/test_agency_import.py::test_quarantined_rows_keep_no_readable_personal_data.
-- Parameters: none.
-- Output: one row: baris_terenkripsi of quarantined row 7.
select baris_terenkripsi from impor_karantina where nomor_baris = 7
