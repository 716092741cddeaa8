-- Read by tests/test_warehouse_boundaries.py::test_report_lines_in_both_languages_say_the_same.
-- Parameters: none.
-- Output: one row per quarantined row: alasan.
select alasan from impor_karantina
