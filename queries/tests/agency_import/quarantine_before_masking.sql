-- Read by tests/test_agency_import.py::test_rows_quarantined_before_the_masking_lose_their_raw_values.
-- Parameters: none.
-- Output: none (inserts a quarantined row of import 7 holding raw values, as before the masking).
insert into impor_karantina (id_impor, nomor_baris, kolom, alasan, data) values (7, 3, 'nik', 'nik_serial', '{"nik": "9971011505800000", "nama": "Siti Nur"}')
