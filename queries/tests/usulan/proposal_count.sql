-- Read by tests/test_usulan.py::test_a_dry_run_writes_nothing.
-- Parameters: none.
-- Output: one row: number of proposals.
select count(*) from usulan
