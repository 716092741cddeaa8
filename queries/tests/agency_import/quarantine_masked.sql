-- Read by tests/test_agency_import.py::test_quarantined_rows_keep_no_readable_personal_data.
-- Parameters: none.
-- Output: one row per quarantined row: nomor_baris, nilai, the nama and tanggal_lahir of data.
select nomor_baris, nilai, data ->> 'nama', data ->> 'tanggal_lahir' from impor_karantina
