-- Read by tests/test_agency_import.py::test_rows_quarantined_before_the_masking_lose_their_raw_values.
-- Parameters: none.
-- Output: one row per quarantined row: id_impor, nomor_baris, alasan, data.
select id_impor, nomor_baris, alasan, data from impor_karantina
