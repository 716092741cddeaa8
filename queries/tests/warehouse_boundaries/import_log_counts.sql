-- Read by tests/test_warehouse_boundaries.py::test_rejected_rows_are_quarantined_with_row_column_and_data.
-- Parameters: none.
-- Output: one row per import: baris_dibaca, baris_dimuat, baris_karantina.
select baris_dibaca, baris_dimuat, baris_karantina from impor_log
