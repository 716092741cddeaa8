-- Read by tests/test_demo.py::test_magnitudes_at_scale_1.
-- Parameters: none.
-- Output: one row: number of petugas with peran enumerator.
select count(*) from petugas where peran = 'enumerator'
