-- Read by tests/test_usulan.py::test_every_cycle_and_the_old_one.
-- Parameters: none.
-- Output: one row: number of rows of usulan_status('99.71', null).
select count(*) from usulan_status('99.71', null)
