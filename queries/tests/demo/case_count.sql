-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row: number of pmks_kasus rows.
select count(*) from pmks_kasus
