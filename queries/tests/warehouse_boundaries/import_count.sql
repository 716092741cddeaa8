-- Read by tests/test_warehouse_boundaries.py::test_a_failed_import_leaves_the_warehouse_as_it_was.
-- Parameters: none.
-- Output: one row: number of imports.
select count(*) from impor_log
