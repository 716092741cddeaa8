-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row: number of dtks_anggota rows.
select count(*) from dtks_anggota
