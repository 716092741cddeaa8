-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row: number of impor_karantina rows.
select count(*) from impor_karantina
