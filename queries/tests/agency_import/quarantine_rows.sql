-- Read by tests/test_agency_import.py::quarantine.
-- Parameters: none.
-- Output: one row per quarantined row in import and row order: nomor_baris, alasan, kolom.
select nomor_baris, alasan, kolom from impor_karantina order by id_impor, nomor_baris
