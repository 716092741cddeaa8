-- Read by tests/test_agency_import.py::quarantine_text.
-- Parameters: none.
-- Output: one row per quarantined row: nomor_baris, kolom, alasan, nilai, data, baris_terenkripsi.
select nomor_baris, kolom, alasan, nilai, data, baris_terenkripsi from impor_karantina
