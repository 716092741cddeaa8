-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row: number of bansos_penyaluran rows.
select count(*) from bansos_penyaluran
