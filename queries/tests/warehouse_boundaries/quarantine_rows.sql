-- Read by tests/test_warehouse_boundaries.py::test_rejected_rows_are_quarantined_with_row_column_and_data.
-- Parameters: none.
-- Output: one row per quarantined row: nomor_baris, kolom, alasan, the kode of its data.
select nomor_baris, kolom, alasan, data->>'kode' from impor_karantina
