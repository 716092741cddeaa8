-- Read by tests/test_agency_import.py::test_encrypted_records_are_purged_after_the_retention_period.
-- Parameters: none.
-- Output: one row per quarantined row: nomor_baris, alasan, baris_terenkripsi.
select nomor_baris, alasan, baris_terenkripsi from impor_karantina
